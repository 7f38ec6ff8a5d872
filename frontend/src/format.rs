//! Dates as people read them: dd/mm/yyyy (Vietnamese usage, also kept in
//! English so that a printed screen reads the same), times in Vietnam's
//! time zone (UTC+7, no daylight saving).
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Utc};

/// Vietnam's offset from UTC in seconds.
const VN_OFFSET: i32 = 7 * 3600;

// Formatting and parsing by hand: chrono's strftime machinery would add
// tens of kilobytes to the wasm module for two patterns.
pub fn fmt_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

pub fn fmt_opt_date(d: Option<NaiveDate>) -> String {
    d.map(fmt_date).unwrap_or_default()
}

/// A moment as Vietnam's local date and time: `22/11/2026 08:30`.
pub fn fmt_datetime(t: DateTime<Utc>) -> String {
    let local = to_vn(t);
    format!(
        "{} {:02}:{:02}",
        fmt_date(local.date_naive()),
        local.hour(),
        local.minute()
    )
}

fn vn() -> FixedOffset {
    // 7 h is a valid offset; east_opt only refuses |offset| >= 24 h.
    FixedOffset::east_opt(VN_OFFSET).unwrap_or_else(|| Utc.fix())
}

use chrono::Offset;
use chrono::TimeZone;

/// The browser's clock: the SPA's one reading of the machine's time (the
/// server decides "today" for the acts; this only fills form defaults).
#[allow(clippy::disallowed_methods)]
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

pub fn to_vn(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&vn())
}

/// Reads `dd/mm/yyyy` (also `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`) or ISO `yyyy-mm-dd`.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let s = input.trim();
    if s.is_empty() {
        return None;
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (day, month, year) = if parts[0].len() == 4 {
        (parts[2], parts[1], parts[0]) // ISO yyyy-mm-dd
    } else if parts[2].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// Reads `dd/mm/yyyy` and `HH:MM` as Vietnam local time.
pub fn parse_vn_datetime(date: &str, time: &str) -> Option<DateTime<Utc>> {
    let d = parse_date(date)?;
    let (h, m) = time.trim().split_once(':')?;
    let t = d.and_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)?;
    vn().from_local_datetime(&t)
        .single()
        .map(|x| x.with_timezone(&Utc))
}

/// A whole number as the user's language writes it: `20.002` in
/// Vietnamese, `20,002` in English.
pub fn fmt_count(n: u64) -> String {
    let sep = if crate::ui::lang() == crate::i18n::Lang::Vi {
        '.'
    } else {
        ','
    };
    group(n, sep)
}

fn group(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A file size for people: `812 B`, `14,2 KB`, `7,7 MB` in Vietnamese
/// (decimal comma), `14.2 KB` in English.
pub fn fmt_size(bytes: u64) -> String {
    size_in(bytes, crate::ui::lang() == crate::i18n::Lang::Vi)
}

fn size_in(bytes: u64, comma: bool) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    let text = if b < KB {
        return format!("{bytes} B");
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else {
        format!("{:.1} MB", b / (KB * KB))
    };
    if comma { text.replace('.', ",") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_sizes_read_as_vietnamese_writes_them() {
        assert_eq!(group(20002, '.'), "20.002");
        assert_eq!(group(1_234_567, ','), "1,234,567");
        assert_eq!(group(999, '.'), "999");
        assert_eq!(size_in(8_074_035, true), "7,7 MB");
        assert_eq!(size_in(8_074_035, false), "7.7 MB");
        assert_eq!(size_in(812, true), "812 B");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_read_day_first() {
        assert_eq!(fmt_date(d(2026, 3, 7)), "07/03/2026");
        assert_eq!(fmt_opt_date(None), "");
    }

    #[test]
    fn parse_accepts_the_usual_ways_of_writing_a_date() {
        assert_eq!(parse_date("07/03/2026"), Some(d(2026, 3, 7)));
        assert_eq!(parse_date(" 7/3/2026 "), Some(d(2026, 3, 7)));
        assert_eq!(parse_date("07-03-2026"), Some(d(2026, 3, 7)));
        assert_eq!(parse_date("2026-03-07"), Some(d(2026, 3, 7)));
        assert_eq!(parse_date("31/02/2026"), None);
        assert_eq!(parse_date("07/03/26"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("abc"), None);
    }

    #[test]
    fn format_and_parse_round_trip() {
        let day = d(2024, 2, 29);
        assert_eq!(parse_date(&fmt_date(day)), Some(day));
    }

    #[test]
    fn times_show_in_vietnam() {
        let t = Utc.with_ymd_and_hms(2026, 12, 31, 17, 30, 0).unwrap();
        assert_eq!(fmt_datetime(t), "01/01/2027 00:30");
        assert_eq!(parse_vn_datetime("01/01/2027", "00:30"), Some(t));
        assert_eq!(parse_vn_datetime("01/01/2027", "25:00"), None);
    }

    #[test]
    fn sizes() {
        assert_eq!(size_in(812, false), "812 B");
        assert_eq!(size_in(14_540, false), "14.2 KB");
        assert_eq!(size_in(3_250_586, false), "3.1 MB");
    }
}
