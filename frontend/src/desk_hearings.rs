//! The hearings calendar (issue #13 item 5): a month or a week of hearings
//! within the reader's scope, for one practitioner or one unit (centre,
//! branch, participating organisation), each linking to its case.
use crate::api;
use crate::format::{fmt_date, to_vn};
use crate::pages::cases::RawSelect;
use crate::problem::ApiError;
use crate::ui::{ErrorBox, Loading, label, t, tf, tx};
use chrono::{Datelike, Duration, NaiveDate, Timelike};
use leptos::prelude::*;
use std::collections::BTreeMap;
use tgpl_api_model::Page;
use tgpl_api_model::cases::HearingDto;
use tgpl_api_model::organisations::OrganisationDto;
use tgpl_api_model::practitioners::PractitionerDto;

/// A month or a week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Month,
    Week,
}

/// The days a calendar page shows: whole weeks from Monday, covering the
/// month of `day` (or its week).
pub fn days_shown(span: Span, day: NaiveDate) -> Vec<NaiveDate> {
    let monday = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let (first, last) = match span {
        Span::Week => (monday(day), monday(day) + Duration::days(6)),
        Span::Month => {
            let start = day.with_day(1).unwrap_or(day);
            let next = if start.month() == 12 {
                NaiveDate::from_ymd_opt(start.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(start.year(), start.month() + 1, 1)
            }
            .unwrap_or(start);
            let end = next - Duration::days(1);
            (monday(start), monday(end) + Duration::days(6))
        }
    };
    first.iter_days().take_while(|d| *d <= last).collect()
}

/// The page before or after: a month or a week away.
pub fn step(span: Span, day: NaiveDate, forward: bool) -> NaiveDate {
    match span {
        Span::Week => day + Duration::days(if forward { 7 } else { -7 }),
        Span::Month => {
            let months = if forward { 1 } else { -1 };
            let m0 = day.year() * 12 + day.month0() as i32 + months;
            NaiveDate::from_ymd_opt(m0.div_euclid(12), m0.rem_euclid(12) as u32 + 1, 1)
                .unwrap_or(day)
        }
    }
}

/// The hearings the calendar reads at most (ten pages); past it the
/// calendar says so rather than showing a part as the whole.
const MAX_PAGES: usize = 10;

/// Every hearing from `from` to `to` (dates in Vietnam), up to
/// `MAX_PAGES` pages, and whether more were left unread.
async fn hearings(
    from: NaiveDate,
    to: NaiveDate,
    practitioner: String,
    org: String,
) -> Result<(Vec<HearingDto>, bool), ApiError> {
    let mut out = Vec::new();
    let mut after = String::new();
    let mut q = format!(
        "/hearings?limit=200&from={from}T00:00:00%2B07:00&to={}T00:00:00%2B07:00",
        to + Duration::days(1)
    );
    if !practitioner.is_empty() {
        q.push_str(&format!("&practitioner_id={practitioner}"));
    }
    if !org.is_empty() {
        q.push_str(&format!("&organisation_id={org}"));
    }
    // A month of a whole province stays within a few pages.
    for _ in 0..MAX_PAGES {
        let page: Page<HearingDto> = api::get(&format!("{q}&after={after}")).await?;
        out.extend(page.items);
        match page.next {
            Some(n) => after = n,
            None => return Ok((out, false)),
        }
    }
    Ok((out, true))
}

#[component]
pub fn HearingsCalendar() -> impl IntoView {
    let today = to_vn(crate::format::now()).date_naive();
    let span = RwSignal::new(Span::Month);
    let day = RwSignal::new(today);
    let practitioner = RwSignal::new(String::new());
    let org = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let people = crate::ui::resource(|| async {
        api::get::<Page<PractitionerDto>>("/practitioners?limit=200&status=active")
            .await
            .map(|p| p.items)
            .unwrap_or_default()
    });
    let units = crate::ui::resource(|| async {
        api::get::<Page<OrganisationDto>>("/organisations?limit=200&status=active")
            .await
            .map(|p| p.items)
            .unwrap_or_default()
    });
    let shown = Memo::new(move |_| days_shown(span.get(), day.get()));
    let found = crate::ui::resource(move || {
        let days = shown.get();
        let (p, o) = (practitioner.get(), org.get());
        async move {
            let (Some(first), Some(last)) = (days.first(), days.last()) else {
                return Ok((Vec::new(), false));
            };
            hearings(*first, *last, p, o).await
        }
    });
    let names = move || {
        people
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.id, p.full_name))
            .collect::<BTreeMap<_, _>>()
    };
    let grid = move || {
        let list = match found.get() {
            None => return view! { <Loading/> }.into_any(),
            Some(Err(e)) => {
                error.set(Some(e));
                return ().into_any();
            }
            Some(Ok(found)) => found,
        };
        let (list, more) = list;
        error.set(None);
        let names = names();
        let month = day.get().month();
        let mut by_day: BTreeMap<NaiveDate, Vec<HearingDto>> = BTreeMap::new();
        for h in list {
            by_day
                .entry(to_vn(h.starts_at).date_naive())
                .or_default()
                .push(h);
        }
        let weeks: Vec<Vec<NaiveDate>> = shown.get().chunks(7).map(<[NaiveDate]>::to_vec).collect();
        let count: usize = by_day.values().map(Vec::len).sum();
        view! {
            <p class="muted" aria-live="polite" data-testid="hearing-count">{count}" "{tx("hearings.count")}</p>
            {more.then(|| view! { <p class="alert alert-info" role="status" data-testid="hearing-more">{tf("hearings.more", crate::format::fmt_count(count as u64))}</p> })}
            <div class="table-wrap">
            <table class="table calendar" data-testid="hearings-calendar">
                <thead><tr>{(0..7).map(|i| view! { <th scope="col">{tx(WEEKDAYS[i])}</th> }).collect_view()}</tr></thead>
                <tbody>{weeks.into_iter().map(|week| view! {
                    <tr>{week.into_iter().map(|d| {
                        let other = span.get_untracked() == Span::Month && d.month() != month;
                        let items = by_day.get(&d).cloned().unwrap_or_default();
                        view! {
                            <td class:other=other class:today=d == today data-date=d.to_string()>
                                <div class="day">{d.day()}</div>
                                <ul class="hearings">{items.into_iter().map(|h| {
                                    let at = to_vn(h.starts_at);
                                    let who = h.practitioner_id.and_then(|p| names.get(&p).cloned()).unwrap_or_default();
                                    let mode = h.mode;
                                    view! { <li>
                                        <a href=format!("/cases/{}", h.case_id)>{format!("{:02}:{:02}", at.hour(), at.minute())}" "{h.court}</a>
                                        <span class="muted">" "{move || label("hearing_mode", mode.as_str())}" "{who}</span>
                                    </li> }
                                }).collect_view()}</ul>
                            </td>
                        }
                    }).collect_view()}</tr>
                }).collect_view()}</tbody>
            </table>
            </div>
        }
        .into_any()
    };
    let title = move || {
        let days = shown.get();
        match (span.get(), days.first(), days.last()) {
            (Span::Month, _, _) => format!(
                "{} {}/{}",
                t("hearings.month"),
                day.get().month(),
                day.get().year()
            ),
            (Span::Week, Some(a), Some(b)) => format!("{} – {}", fmt_date(*a), fmt_date(*b)),
            _ => String::new(),
        }
    };
    view! {
        <section class="card" aria-labelledby="hearings-title">
            <h2 id="hearings-title">{tx("hearings.title")}</h2>
            <div class="filters">
                {move || {
                    let opts: Vec<(String, String)> = people.get().unwrap_or_default().into_iter().map(|p| (p.id.to_string(), p.full_name)).collect();
                    view! { <RawSelect id="h-practitioner" label_key="case.practitioner" value=practitioner options=opts/> }
                }}
                {move || {
                    let opts: Vec<(String, String)> = units.get().unwrap_or_default().into_iter().map(|o| (o.id.to_string(), o.name)).collect();
                    view! { <RawSelect id="h-org" label_key="case.organisation" value=org options=opts/> }
                }}
            </div>
            <div class="actions calendar-nav">
                <button type="button" class="btn" data-testid="cal-prev" on:click=move |_| day.update(|d| *d = step(span.get_untracked(), *d, false))>{tx("hearings.previous")}</button>
                <button type="button" class="btn" on:click=move |_| day.set(today)>{tx("hearings.today")}</button>
                <button type="button" class="btn" data-testid="cal-next" on:click=move |_| day.update(|d| *d = step(span.get_untracked(), *d, true))>{tx("hearings.next")}</button>
                <button type="button" class="btn" aria-pressed=move || (span.get() == Span::Month).to_string() data-testid="cal-month" on:click=move |_| span.set(Span::Month)>{tx("hearings.month")}</button>
                <button type="button" class="btn" aria-pressed=move || (span.get() == Span::Week).to_string() data-testid="cal-week" on:click=move |_| span.set(Span::Week)>{tx("hearings.week")}</button>
                <strong aria-live="polite" data-testid="cal-title">{title}</strong>
            </div>
            <ErrorBox error=error/>
            {grid}
        </section>
    }
}

const WEEKDAYS: [&str; 7] = [
    "weekday.mon",
    "weekday.tue",
    "weekday.wed",
    "weekday.thu",
    "weekday.fri",
    "weekday.sat",
    "weekday.sun",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_month_is_shown_in_whole_weeks_from_monday() {
        // December 2026 starts on a Tuesday and ends on a Thursday.
        let days = days_shown(Span::Month, d(2026, 12, 7));
        assert_eq!(days.first(), Some(&d(2026, 11, 30)));
        assert_eq!(days.last(), Some(&d(2027, 1, 3)));
        assert_eq!(days.len() % 7, 0);
        let week = days_shown(Span::Week, d(2026, 12, 10));
        assert_eq!(week, d(2026, 12, 7).iter_days().take(7).collect::<Vec<_>>());
    }

    #[test]
    fn pages_step_a_month_or_a_week() {
        assert_eq!(step(Span::Month, d(2026, 12, 31), true), d(2027, 1, 1));
        assert_eq!(step(Span::Month, d(2026, 1, 15), false), d(2025, 12, 1));
        assert_eq!(step(Span::Week, d(2026, 12, 7), false), d(2026, 11, 30));
    }
}
