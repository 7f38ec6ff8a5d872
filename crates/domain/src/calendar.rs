//! Working-day arithmetic (DOMAIN §6): legal-aid deadlines count working
//! days (ngày làm việc), skipping Saturdays, Sundays and public holidays.
//!
//! The holidays are data: [`VIETNAM_HOLIDAYS`] seeds the holiday table and
//! the db layer builds a [`HolidayCalendar`] from that table's rows.
use crate::ParseError;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// A count of working days (ngày làm việc), e.g. the 3 days to answer a
/// reassignment request.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct WorkingDays(u32);

impl WorkingDays {
    pub const fn new(days: u32) -> Self {
        Self(days)
    }

    pub const fn get(self) -> u32 {
        self.0
    }

    /// From a stored or submitted integer: a count of days is never negative.
    pub fn parse(days: i64) -> Result<Self, ParseError> {
        u32::try_from(days).map(Self).map_err(|_| {
            ParseError::new(
                "calendar.working_days_invalid",
                format!("a number of working days must be 0 or more, not {days}"),
            )
        })
    }
}

impl From<u32> for WorkingDays {
    fn from(days: u32) -> Self {
        Self(days)
    }
}

impl fmt::Display for WorkingDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// One public holiday (ngày nghỉ lễ, tết) as reference data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name_vi: &'static str,
}

/// A date in a `const` table. An impossible date becomes `NaiveDate::MIN`,
/// which the table tests reject (no panic in library code).
pub(crate) const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => NaiveDate::MIN,
    }
}

const fn h(year: i32, month: u32, day: u32, name_vi: &'static str) -> Holiday {
    Holiday {
        date: ymd(year, month, day),
        name_vi,
    }
}

const NEW_YEAR: &str = "Tết Dương lịch";
const TET: &str = "Tết Âm lịch";
const HUNG_KINGS: &str = "Giỗ Tổ Hùng Vương (10/3 âm lịch)";
const REUNIFICATION: &str = "Ngày Chiến thắng (30/4)";
const LABOUR_DAY: &str = "Ngày Quốc tế Lao động (1/5)";
const NATIONAL_DAY: &str = "Quốc khánh (2/9)";

/// Official public holidays 2025–2027 as plain dates: the holidays of
/// Labour Code 2019 Art. 112, with the Tết days as announced, and the
/// weekday given back when a holiday falls on a weekend (Art. 111(3),
/// "nghỉ bù"). Weekend dates in the table change nothing but are kept so
/// the table reads like the official list.
///
/// Reference data: the migration loads it into the holiday table, where the
/// national admin edits it when the Government announces each year's days.
pub const VIETNAM_HOLIDAYS: [Holiday; 37] = [
    // 2025
    h(2025, 1, 1, NEW_YEAR),
    h(2025, 1, 27, TET),
    h(2025, 1, 28, TET),
    h(2025, 1, 29, TET),
    h(2025, 1, 30, TET),
    h(2025, 1, 31, TET),
    h(2025, 4, 7, HUNG_KINGS),
    h(2025, 4, 30, REUNIFICATION),
    h(2025, 5, 1, LABOUR_DAY),
    h(2025, 9, 1, NATIONAL_DAY),
    h(2025, 9, 2, NATIONAL_DAY),
    // 2026: Tết 14–22/2, of which 16–20/2 are weekdays.
    h(2026, 1, 1, NEW_YEAR),
    h(2026, 2, 16, TET),
    h(2026, 2, 17, TET),
    h(2026, 2, 18, TET),
    h(2026, 2, 19, TET),
    h(2026, 2, 20, TET),
    h(2026, 4, 26, HUNG_KINGS),
    h(2026, 4, 27, "Nghỉ bù Giỗ Tổ Hùng Vương"),
    h(2026, 4, 30, REUNIFICATION),
    h(2026, 5, 1, LABOUR_DAY),
    h(2026, 9, 1, NATIONAL_DAY),
    h(2026, 9, 2, NATIONAL_DAY),
    // 2027: Tết 5–9/2 (mùng 1 = Saturday 6/2), two days made up on 10–11/2.
    h(2027, 1, 1, NEW_YEAR),
    h(2027, 2, 5, TET),
    h(2027, 2, 6, TET),
    h(2027, 2, 7, TET),
    h(2027, 2, 8, TET),
    h(2027, 2, 9, TET),
    h(2027, 2, 10, "Nghỉ bù Tết Âm lịch"),
    h(2027, 2, 11, "Nghỉ bù Tết Âm lịch"),
    h(2027, 4, 16, HUNG_KINGS),
    h(2027, 4, 30, REUNIFICATION),
    h(2027, 5, 1, LABOUR_DAY),
    h(2027, 5, 3, "Nghỉ bù Ngày Quốc tế Lao động"),
    h(2027, 9, 2, NATIONAL_DAY),
    h(2027, 9, 3, NATIONAL_DAY),
];

/// Saturday and Sunday are not working days for state bodies.
/// Vietnam keeps one time zone, UTC+7, without daylight saving time.
pub const VIETNAM_UTC_OFFSET_HOURS: i64 = 7;

/// The date in Vietnam at an instant: legal events (request, acceptance,
/// conclusion) are dated by the local calendar, not by UTC, which lags
/// seven hours behind between 00:00 and 07:00.
pub fn vietnam_date(now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    (now + chrono::Duration::hours(VIETNAM_UTC_OFFSET_HOURS)).date_naive()
}

pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Mondays to Fridays from a fixed origin up to `date` (a prefix count, so
/// the difference of two calls counts the weekdays in between).
fn weekdays_up_to(date: NaiveDate) -> i64 {
    // Day 1 of the common era (0001-01-01) is a Monday.
    let days = i64::from(date.num_days_from_ce());
    days.div_euclid(7) * 5 + days.rem_euclid(7).min(5)
}

/// The public holidays in force, for working-day arithmetic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    holidays: BTreeSet<NaiveDate>,
}

impl HolidayCalendar {
    /// A calendar from the holiday table's dates (duplicates are harmless).
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            holidays: holidays.into_iter().collect(),
        }
    }

    /// The built-in table [`VIETNAM_HOLIDAYS`] (2025–2027).
    pub fn vietnam_default() -> Self {
        Self::new(VIETNAM_HOLIDAYS.iter().map(|h| h.date))
    }

    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.contains(&date)
    }

    pub fn holidays(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.holidays.iter().copied()
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !is_weekend(date) && !self.is_holiday(date)
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        loop {
            match day.succ_opt() {
                Some(next) => day = next,
                // Saturate at the end of the representable calendar.
                None => return NaiveDate::MAX,
            }
            if self.is_working_day(day) {
                return day;
            }
        }
    }

    /// The `n`-th working day after `start`. With `n = 0`: `start` itself
    /// when it is a working day, else the next working day.
    pub fn add_working_days(&self, start: NaiveDate, n: WorkingDays) -> NaiveDate {
        if n.get() == 0 {
            return if self.is_working_day(start) {
                start
            } else {
                self.next_working_day(start)
            };
        }
        let mut day = start;
        for _ in 0..n.get() {
            day = self.next_working_day(day);
            if day == NaiveDate::MAX {
                break;
            }
        }
        day
    }

    /// The working days `d` with `from < d <= to` (0 when `to <= from`), so
    /// that `working_days_between(d, add_working_days(d, n)) == n`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> WorkingDays {
        if to <= from {
            return WorkingDays(0);
        }
        let weekdays = weekdays_up_to(to) - weekdays_up_to(from);
        let holidays = self
            .holidays
            .range(from.succ_opt().unwrap_or(NaiveDate::MAX)..=to)
            .filter(|d| !is_weekend(**d))
            .count();
        let holidays = i64::try_from(holidays).unwrap_or(i64::MAX);
        WorkingDays(u32::try_from((weekdays - holidays).max(0)).unwrap_or(u32::MAX))
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_legal_date_is_vietnams_not_utcs() {
        let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
        // 06:30 in Hà Nội on 2 January is still 1 January in UTC.
        assert_eq!(
            vietnam_date(at("2026-01-01T23:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()
        );
        assert_eq!(
            vietnam_date(at("2026-01-01T16:59:59Z")),
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
        );
        assert_eq!(
            vietnam_date(at("2026-01-01T17:00:00Z")),
            NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()
        );
    }

    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn wd(n: u32) -> WorkingDays {
        WorkingDays::new(n)
    }

    #[test]
    fn the_holiday_table_is_well_formed() {
        let mut seen = BTreeSet::new();
        for holiday in VIETNAM_HOLIDAYS {
            assert!((2025..=2027).contains(&holiday.date.year()), "{holiday:?}");
            assert!(seen.insert(holiday.date), "duplicate {holiday:?}");
            assert!(!holiday.name_vi.is_empty());
            // A make-up day is always a weekday.
            if holiday.name_vi.starts_with("Nghỉ bù") {
                assert!(!is_weekend(holiday.date), "{holiday:?}");
            }
        }
        // Every year has New Year, 30/4, 1/5 and National Day.
        let cal = HolidayCalendar::vietnam_default();
        for y in 2025..=2027 {
            for (m, day) in [(1, 1), (4, 30), (5, 1), (9, 2)] {
                assert!(cal.is_holiday(d(y, m, day)), "{y}-{m}-{day}");
            }
        }
        // Hùng Kings' day falls on a Sunday in 2026: the Monday is off.
        assert_eq!(d(2026, 4, 26).weekday(), Weekday::Sun);
        assert!(!cal.is_working_day(d(2026, 4, 27)));
    }

    #[test]
    fn weekends_are_not_working_days() {
        let cal = HolidayCalendar::default();
        assert!(cal.is_working_day(d(2025, 3, 14))); // Friday
        assert!(!cal.is_working_day(d(2025, 3, 15)));
        assert!(!cal.is_working_day(d(2025, 3, 16)));
        assert!(cal.is_working_day(d(2025, 3, 17)));
    }

    #[test]
    fn adding_across_a_weekend() {
        let cal = HolidayCalendar::vietnam_default();
        let thursday = d(2025, 3, 13);
        assert_eq!(cal.add_working_days(thursday, wd(1)), d(2025, 3, 14));
        assert_eq!(cal.add_working_days(thursday, wd(2)), d(2025, 3, 17));
        assert_eq!(cal.add_working_days(thursday, wd(3)), d(2025, 3, 18));
        assert_eq!(cal.working_days_between(thursday, d(2025, 3, 18)), wd(3));
        // n = 0 on a Saturday rolls to Monday; on a Thursday it stays.
        assert_eq!(cal.add_working_days(d(2025, 3, 15), wd(0)), d(2025, 3, 17));
        assert_eq!(cal.add_working_days(thursday, wd(0)), thursday);
    }

    #[test]
    fn adding_across_tet_2026() {
        let cal = HolidayCalendar::vietnam_default();
        // Thursday 12/2/2026: Friday 13/2 is the last day before Tết, and
        // work resumes on Monday 23/2 after the 14–22/2 break.
        let start = d(2026, 2, 12);
        assert_eq!(cal.add_working_days(start, wd(1)), d(2026, 2, 13));
        assert_eq!(cal.add_working_days(start, wd(2)), d(2026, 2, 23));
        assert_eq!(cal.add_working_days(start, wd(3)), d(2026, 2, 24));
        for day in 14..=22 {
            assert!(!cal.is_working_day(d(2026, 2, day)), "2026-02-{day}");
        }
        assert_eq!(
            cal.working_days_between(d(2026, 2, 13), d(2026, 2, 23)),
            wd(1)
        );
        // A request on mùng 1 Tết counts from the first working day after.
        assert_eq!(cal.add_working_days(d(2026, 2, 17), wd(0)), d(2026, 2, 23));
        assert_eq!(cal.add_working_days(d(2026, 2, 17), wd(3)), d(2026, 2, 25));
    }

    #[test]
    fn between_is_zero_backwards_and_on_the_same_day() {
        let cal = HolidayCalendar::vietnam_default();
        assert_eq!(
            cal.working_days_between(d(2025, 5, 5), d(2025, 5, 5)),
            wd(0)
        );
        assert_eq!(
            cal.working_days_between(d(2025, 5, 9), d(2025, 5, 5)),
            wd(0)
        );
        // 30/4 and 1/5/2025 are skipped: Tue 29/4 → Fri 2/5 is one day.
        assert_eq!(
            cal.working_days_between(d(2025, 4, 29), d(2025, 5, 2)),
            wd(1)
        );
    }

    #[test]
    fn working_days_parse_from_integers() {
        assert_eq!(WorkingDays::parse(3), Ok(wd(3)));
        assert_eq!(
            WorkingDays::parse(-1).unwrap_err().code,
            "calendar.working_days_invalid"
        );
        assert_eq!(serde_json::to_string(&wd(5)).unwrap(), "5");
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        // 2024-06-01 .. 2028-06-01: the table's years and either side.
        (0i64..1461).prop_map(|offset| d(2024, 6, 1) + chrono::Duration::days(offset))
    }

    proptest! {
        #[test]
        fn adding_lands_on_a_working_day(start in any_date(), n in 0u32..400) {
            let cal = HolidayCalendar::vietnam_default();
            let end = cal.add_working_days(start, wd(n));
            prop_assert!(cal.is_working_day(end));
            prop_assert!(!is_weekend(end) && !cal.is_holiday(end));
            prop_assert!(end >= start);
        }

        #[test]
        fn adding_is_monotonic(start in any_date(), n in 0u32..300, extra in 1u32..50) {
            let cal = HolidayCalendar::vietnam_default();
            let a = cal.add_working_days(start, wd(n));
            let b = cal.add_working_days(start, wd(n + extra));
            prop_assert!(a <= b);
            if n > 0 {
                prop_assert!(a < b);
            }
        }

        #[test]
        fn between_inverts_adding(start in any_date(), n in 0u32..400) {
            let cal = HolidayCalendar::vietnam_default();
            let from = cal.add_working_days(start, wd(0)); // a working day
            let to = cal.add_working_days(from, wd(n));
            prop_assert_eq!(cal.working_days_between(from, to), wd(n));
        }

        #[test]
        fn between_matches_counting_day_by_day(a in any_date(), b in any_date()) {
            let cal = HolidayCalendar::vietnam_default();
            let counted = a
                .iter_days()
                .skip(1)
                .take_while(|day| *day <= b)
                .filter(|day| cal.is_working_day(*day))
                .count();
            prop_assert_eq!(cal.working_days_between(a, b).get() as usize, counted);
        }
    }
}
