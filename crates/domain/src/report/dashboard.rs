//! What leadership watches beside the forms (DOMAIN §8): each officer's
//! progress against the annual case quota (chỉ tiêu vụ việc: the cases the
//! officer concluded, [`CaseState::CONCLUDED`] and never discontinued, as
//! form 25 counts them, by month of conclusion; assumed, the law sets the
//! quota but not how it is counted), successful cases per month, and
//! how long work has waited at each step of the lifecycle. The counting
//! rules are written here once; `db` counts rows by them and returns plain
//! counts, never a record.
use crate::case::CaseState;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Progress towards an annual quota on `today`: the cases done, and how
/// many the year's elapsed share of the quota expects by now (none without
/// a quota, the whole quota for a past year).
pub fn expected_by(quota: Option<u32>, year: i32, today: NaiveDate) -> Option<u32> {
    let quota = quota?;
    let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31)?;
    if today < start {
        return Some(0);
    }
    if today >= end {
        return Some(quota);
    }
    let elapsed = (today - start).num_days() + 1;
    let days = (end - start).num_days() + 1;
    Some((u64::from(quota) * elapsed as u64 / days as u64) as u32)
}

/// Where a wait at a step starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitStart {
    /// The request's date: waiting for the decision to accept.
    RequestDate,
    /// The entry in the register: waiting for a practitioner.
    AcceptedOn,
    /// The current assignment: the practitioner's work.
    Assignment,
    /// The conclusion: waiting for evaluation or archiving.
    ClosedOn,
}

/// A step at which work waits: the cases in `state`, counted from `since`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitingStep {
    pub state: CaseState,
    pub since: WaitStart,
    pub label_vi: &'static str,
}

/// Every step at which a case waits for someone, in lifecycle order.
pub const WAITING_STEPS: [WaitingStep; 6] = [
    WaitingStep {
        state: CaseState::Received,
        since: WaitStart::RequestDate,
        label_vi: "Chờ xem xét, thụ lý",
    },
    WaitingStep {
        state: CaseState::NeedsSupplement,
        since: WaitStart::RequestDate,
        label_vi: "Chờ bổ sung giấy tờ",
    },
    WaitingStep {
        state: CaseState::Accepted,
        since: WaitStart::AcceptedOn,
        label_vi: "Đã thụ lý, chờ phân công",
    },
    WaitingStep {
        state: CaseState::Assigned,
        since: WaitStart::Assignment,
        label_vi: "Đã phân công, chưa bắt đầu thực hiện",
    },
    WaitingStep {
        state: CaseState::InProgress,
        since: WaitStart::Assignment,
        label_vi: "Đang thực hiện",
    },
    WaitingStep {
        state: CaseState::Concluded,
        since: WaitStart::ClosedOn,
        label_vi: "Đã kết thúc, chờ đánh giá hoặc lưu trữ",
    },
];

/// How long the cases at one step have waited, in calendar days up to today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Wait {
    pub cases: u64,
    /// Mean days, one decimal.
    pub average_days: f64,
    pub longest_days: u64,
    /// Cases waiting more than [`LONG_WAIT_DAYS`].
    pub over_30_days: u64,
}

/// A wait longer than this is flagged on the dashboard.
pub const LONG_WAIT_DAYS: i64 = 30;

/// Summarises the waits of the cases at one step from (start day, cases)
/// counts. A start after today (a date typed ahead) waits 0 days.
pub fn summarise_waits(starts: &[(NaiveDate, u64)], today: NaiveDate) -> Wait {
    let mut w = Wait::default();
    let mut total_days: u128 = 0;
    for &(day, n) in starts {
        let days = (today - day).num_days().max(0);
        w.cases += n;
        total_days += u128::from(days as u64) * u128::from(n);
        w.longest_days = w.longest_days.max(days as u64);
        if days > LONG_WAIT_DAYS {
            w.over_30_days += n;
        }
    }
    if w.cases > 0 {
        w.average_days = ((total_days as f64 / w.cases as f64) * 10.0).round() / 10.0;
    }
    w
}

/// Counts by month (1–12) of `year` from (day, count) pairs; days of other
/// years are left out.
pub fn by_month(days: &[(NaiveDate, u64)], year: i32) -> [u64; 12] {
    let mut months = [0; 12];
    for &(day, n) in days {
        if day.year() == year {
            months[day.month0() as usize] += n;
        }
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_quota_expected_grows_with_the_year() {
        assert_eq!(expected_by(None, 2026, d(2026, 6, 1)), None);
        assert_eq!(expected_by(Some(12), 2026, d(2025, 12, 31)), Some(0));
        assert_eq!(expected_by(Some(365), 2026, d(2026, 1, 1)), Some(1));
        // 2 July is day 183 of 365.
        assert_eq!(expected_by(Some(365), 2026, d(2026, 7, 2)), Some(183));
        assert_eq!(expected_by(Some(12), 2026, d(2026, 12, 31)), Some(12));
        assert_eq!(expected_by(Some(12), 2025, d(2026, 3, 1)), Some(12));
    }

    #[test]
    fn waits_are_counted_from_their_start_to_today() {
        let today = d(2026, 11, 16);
        let w = summarise_waits(
            &[
                (d(2026, 11, 16), 2),
                (d(2026, 11, 6), 1),
                (d(2026, 10, 1), 1),
            ],
            today,
        );
        assert_eq!(w.cases, 4);
        // (0 + 0 + 10 + 46) / 4 = 14.
        assert_eq!(w.average_days, 14.0);
        assert_eq!(w.longest_days, 46);
        assert_eq!(w.over_30_days, 1);
        assert_eq!(summarise_waits(&[], today), Wait::default());
        // A date ahead of today waits nothing.
        assert_eq!(
            summarise_waits(&[(d(2026, 12, 1), 1)], today).longest_days,
            0
        );
    }

    #[test]
    fn counts_fall_in_their_month_of_the_year_only() {
        let m = by_month(
            &[
                (d(2026, 1, 31), 2),
                (d(2026, 2, 1), 3),
                (d(2025, 2, 1), 7),
                (d(2026, 12, 31), 1),
            ],
            2026,
        );
        assert_eq!(m, [2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    }

    #[test]
    fn every_step_is_a_state_work_leaves_and_is_listed_once() {
        for (i, step) in WAITING_STEPS.iter().enumerate() {
            assert!(
                !crate::case::allowed_commands(step.state).is_empty(),
                "{:?} is a dead end",
                step.state
            );
            assert!(WAITING_STEPS[..i].iter().all(|s| s.state != step.state));
        }
    }
}
