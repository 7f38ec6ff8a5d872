//! Charts drawn as SVG by our own components (nothing from a CDN): bars for
//! counts, a meter for progress. Each has a text alternative.
use crate::ui::{t, tx};
use leptos::prelude::*;

/// Bar lengths for `values` scaled so the largest fills `width`
/// (a zero maximum draws no bars; a non-zero value is at least 2 px so it shows).
pub fn bar_lengths(values: &[u64], width: f64) -> Vec<f64> {
    let max = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&v| {
            if max == 0 || v == 0 {
                0.0
            } else {
                (v as f64 / max as f64 * width).max(2.0)
            }
        })
        .collect()
}

const PALETTE: [&str; 6] = [
    "#0b4f9c", "#1d7a46", "#a05a00", "#7a2e8e", "#b3261e", "#2f6f7a",
];

/// A label cut to `max` characters with an ellipsis (the full text stays in the chart's `desc`).
pub fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// Horizontal bars: one row per (label, value).
#[component]
pub fn BarChart(
    id: &'static str,
    title_key: &'static str,
    rows: Signal<Vec<(String, u64)>>,
) -> impl IntoView {
    const LABEL_W: f64 = 190.0;
    const BAR_W: f64 = 220.0;
    const ROW_H: f64 = 26.0;
    let title_id = format!("{id}-title");
    let desc = move || {
        rows.get()
            .iter()
            .map(|(l, v)| format!("{l}: {v}"))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let svg = move || {
        let data = rows.get();
        if data.is_empty() {
            return view! { <p class="muted">{tx("chart.no_data")}</p> }.into_any();
        }
        let values: Vec<u64> = data.iter().map(|(_, v)| *v).collect();
        let lengths = bar_lengths(&values, BAR_W);
        let height = (data.len().max(1) as f64) * ROW_H + 4.0;
        let bars = data
            .into_iter()
            .zip(lengths)
            .enumerate()
            .map(|(i, ((label, v), len))| {
                let y = i as f64 * ROW_H + 2.0;
                let color = PALETTE[i % PALETTE.len()];
                let short = shorten(&label, 28);
                view! {
                    <g>
                        <text x=LABEL_W - 6.0 y=y + 16.0 text-anchor="end" class="chart-label">{short}</text>
                        <rect x=LABEL_W y=y + 3.0 width=len height=ROW_H - 8.0 rx="3" fill=color></rect>
                        <text x=LABEL_W + len + 6.0 y=y + 16.0 class="chart-value">{v}</text>
                    </g>
                }
            })
            .collect_view();
        view! {
            <svg viewBox=format!("0 0 {} {height}", LABEL_W + BAR_W + 50.0) width="100%"
                role="img" aria-labelledby=title_id.clone() preserveAspectRatio="xMinYMin meet">
                <desc>{desc}</desc>
                {bars}
            </svg>
        }
        .into_any()
    };
    view! {
        <figure class="chart" data-testid=id>
            <figcaption id=format!("{id}-title")>{move || t(title_key)}</figcaption>
            {svg}
        </figure>
    }
}

/// A progress meter: `value` of `target`.
#[component]
pub fn Meter(label: Signal<String>, value: Signal<u64>, target: Signal<u64>) -> impl IntoView {
    let pct = move || {
        let tg = target.get();
        if tg == 0 {
            0.0
        } else {
            (value.get() as f64 / tg as f64).min(1.0) * 100.0
        }
    };
    view! {
        <div class="meter">
            <div class="meter-label">{move || label.get()}" — "{move || value.get()}" / "{move || target.get()}</div>
            <svg viewBox="0 0 300 16" width="100%" height="16" role="img"
                aria-label=move || format!("{}: {} / {}", label.get(), value.get(), target.get())>
                <rect x="0" y="0" width="300" height="16" rx="8" fill="#e3e7ee"></rect>
                <rect x="0" y="0" width=move || pct() * 3.0 height="16" rx="8" fill="#1d7a46"></rect>
            </svg>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_bar_fills_the_width() {
        assert_eq!(bar_lengths(&[5, 10, 0], 200.0), vec![100.0, 200.0, 0.0]);
    }

    #[test]
    fn long_labels_are_cut_on_characters() {
        assert_eq!(shorten("Hình sự", 28), "Hình sự");
        assert_eq!(shorten("Tham gia tố tụng (bảo vệ quyền)", 10), "Tham gia …");
    }

    #[test]
    fn tiny_values_stay_visible_and_zeros_draw_nothing() {
        let l = bar_lengths(&[1, 1000], 100.0);
        assert_eq!(l[0], 2.0);
        assert_eq!(bar_lengths(&[0, 0], 100.0), vec![0.0, 0.0]);
        assert!(bar_lengths(&[], 100.0).is_empty());
    }
}
