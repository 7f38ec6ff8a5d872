//! The reporting flow (DOMAIN §8): a unit prepares its report and submits
//! it; the Justice Department returns it with a reason or accepts it, and
//! submits the province's roll-up; the ministry department aggregates the
//! nation. A submitted report is a frozen snapshot; reopening keeps the
//! earlier version on record.
use super::{PeriodKind, ReportPeriod};
use crate::ParseError;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Where a submitted report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubmissionStatus {
    /// Sent up, awaiting review.
    Submitted,
    /// Sent back with a reason; the unit submits a new version.
    Returned,
    /// Accepted by the reviewer: counts in the roll-up above.
    Accepted,
    /// Replaced by a later version (after a return or a reopening).
    Superseded,
}

impl SubmissionStatus {
    pub const ALL: [SubmissionStatus; 4] = [
        SubmissionStatus::Submitted,
        SubmissionStatus::Returned,
        SubmissionStatus::Accepted,
        SubmissionStatus::Superseded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SubmissionStatus::Submitted => "submitted",
            SubmissionStatus::Returned => "returned",
            SubmissionStatus::Accepted => "accepted",
            SubmissionStatus::Superseded => "superseded",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(
                    "report.submission_status_unknown",
                    format!("unknown submission status '{s}'"),
                )
            })
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            SubmissionStatus::Submitted => "Đã gửi, chờ xem xét",
            SubmissionStatus::Returned => "Bị trả lại",
            SubmissionStatus::Accepted => "Đã chấp nhận",
            SubmissionStatus::Superseded => "Đã được thay thế",
        }
    }
}

/// The acts on a submitted report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewAct {
    Return,
    Accept,
    /// Reopen an accepted report (needs a reason): it goes back to the
    /// unit as returned, and its snapshot stays on record.
    Reopen,
}

/// Why an act is refused in the report's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowError {
    pub code: &'static str,
    pub message: &'static str,
}

impl SubmissionStatus {
    /// The state after an act, or why the act is refused now.
    pub fn after(self, act: ReviewAct) -> Result<SubmissionStatus, FlowError> {
        use SubmissionStatus as S;
        match (self, act) {
            (S::Submitted, ReviewAct::Return) => Ok(S::Returned),
            (S::Submitted, ReviewAct::Accept) => Ok(S::Accepted),
            (S::Accepted, ReviewAct::Reopen) => Ok(S::Returned),
            (S::Superseded, _) => Err(FlowError {
                code: "report.superseded",
                message: "a later version of this report exists; act on that one",
            }),
            _ => Err(FlowError {
                code: "report.transition_not_allowed",
                message: "this report cannot take that step in its current state",
            }),
        }
    }

    /// Whether a unit may submit a new version over this one.
    pub fn may_resubmit(self) -> bool {
        matches!(self, SubmissionStatus::Returned)
    }
}

/// A reason is required to return or reopen a report, 5 to 1000 characters.
pub fn reason(text: &str) -> Result<String, ParseError> {
    let t = text.trim();
    let n = t.chars().count();
    if !(5..=1000).contains(&n) {
        return Err(ParseError::new(
            "report.reason_required",
            "give the reason in 5 to 1000 characters",
        ));
    }
    Ok(t.to_owned())
}

/// Who receives a report: the Justice Department (from its units) or the
/// ministry department (from the provinces).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Receiver {
    JusticeDepartment,
    Ministry,
}

impl Receiver {
    /// A province's roll-up goes to the ministry, a unit's report to its
    /// Justice Department.
    pub fn of(province_roll_up: bool) -> Self {
        if province_roll_up {
            Receiver::Ministry
        } else {
            Receiver::JusticeDepartment
        }
    }
}

/// The day a report is due (Circular 03/2019; configurable): the Justice
/// Department receives the 6-month report by 6 June, the annual by
/// 7 November and the official annual by 20 January; the ministry by
/// 25 June, 28 November and 20 February. A custom period has none.
pub fn deadline(period: &ReportPeriod, receiver: Receiver) -> Option<NaiveDate> {
    let y = period.to.year();
    let (m, d, next_year) = match (period.kind, receiver) {
        (PeriodKind::SixMonth, Receiver::JusticeDepartment) => (6, 6, false),
        (PeriodKind::SixMonth, Receiver::Ministry) => (6, 25, false),
        (PeriodKind::AnnualPreliminary, Receiver::JusticeDepartment) => (11, 7, false),
        (PeriodKind::AnnualPreliminary, Receiver::Ministry) => (11, 28, false),
        (PeriodKind::AnnualOfficial, Receiver::JusticeDepartment) => (1, 20, true),
        (PeriodKind::AnnualOfficial, Receiver::Ministry) => (2, 20, true),
        (PeriodKind::Custom, _) => return None,
    };
    NaiveDate::from_ymd_opt(if next_year { y + 1 } else { y }, m, d)
}

/// Submitted after its deadline.
pub fn is_late(period: &ReportPeriod, receiver: Receiver, submitted_on: NaiveDate) -> bool {
    deadline(period, receiver).is_some_and(|due| submitted_on > due)
}

/// A submitted report: the frozen table and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub id: uuid::Uuid,
    pub form: super::FormKind,
    pub template_id: String,
    pub period: ReportPeriod,
    /// `organisation` (a centre, branch or participating organisation, to
    /// its Justice Department) or `province` (the roll-up, to the ministry).
    pub unit_kind: String,
    pub organisation_id: Option<uuid::Uuid>,
    pub centre_id: Option<uuid::Uuid>,
    pub province_code: Option<crate::ProvinceCode>,
    /// 1, then one more for each version submitted after a return.
    pub revision: i32,
    pub status: SubmissionStatus,
    /// The report as it stood when submitted (later case edits do not change it).
    pub snapshot: serde_json::Value,
    pub submitted_by: Option<uuid::Uuid>,
    pub submitted_at: chrono::DateTime<chrono::Utc>,
    pub due_on: Option<NaiveDate>,
    pub late: bool,
    pub reviewed_by: Option<uuid::Uuid>,
    pub reviewed_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Why it was returned or reopened.
    pub reason: Option<String>,
    pub version: i32,
}

impl Submission {
    /// Where it sits, for scoping reads and reviews.
    pub fn scope(&self) -> crate::ResourceScope {
        crate::ResourceScope {
            org_id: self.organisation_id,
            centre_id: self.centre_id,
            province: self.province_code,
            user_id: None,
            practitioner_id: None,
        }
    }

    /// Who it goes to.
    /// A province's roll-up (sent to the ministry), not a unit's own report.
    pub fn is_roll_up(&self) -> bool {
        self.unit_kind == "province"
    }

    pub fn receiver(&self) -> Receiver {
        Receiver::of(self.is_roll_up())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_flow_returns_accepts_and_reopens() {
        use SubmissionStatus as S;
        assert_eq!(S::Submitted.after(ReviewAct::Return), Ok(S::Returned));
        assert_eq!(S::Submitted.after(ReviewAct::Accept), Ok(S::Accepted));
        assert_eq!(S::Accepted.after(ReviewAct::Reopen), Ok(S::Returned));
        assert!(S::Returned.after(ReviewAct::Accept).is_err());
        assert!(S::Accepted.after(ReviewAct::Return).is_err());
        assert_eq!(
            S::Superseded.after(ReviewAct::Accept).unwrap_err().code,
            "report.superseded"
        );
        assert!(S::Returned.may_resubmit());
        assert!(!S::Submitted.may_resubmit() && !S::Accepted.may_resubmit());
        assert!(reason("  ok ").is_err());
        assert_eq!(
            reason(" Thiếu số liệu tháng 5 ").unwrap(),
            "Thiếu số liệu tháng 5"
        );
    }

    #[test]
    fn deadlines_follow_the_circular_and_lateness_is_the_day_after() {
        let six = ReportPeriod::standard(PeriodKind::SixMonth, 2026, false).unwrap();
        let official = ReportPeriod::standard(PeriodKind::AnnualOfficial, 2026, false).unwrap();
        let pre = ReportPeriod::standard(PeriodKind::AnnualPreliminary, 2026, false).unwrap();
        assert_eq!(
            deadline(&six, Receiver::JusticeDepartment),
            Some(d(2026, 6, 6))
        );
        assert_eq!(deadline(&six, Receiver::Ministry), Some(d(2026, 6, 25)));
        assert_eq!(
            deadline(&pre, Receiver::JusticeDepartment),
            Some(d(2026, 11, 7))
        );
        assert_eq!(deadline(&pre, Receiver::Ministry), Some(d(2026, 11, 28)));
        assert_eq!(
            deadline(&official, Receiver::JusticeDepartment),
            Some(d(2027, 1, 20))
        );
        assert_eq!(
            deadline(&official, Receiver::Ministry),
            Some(d(2027, 2, 20))
        );
        assert!(!is_late(&six, Receiver::JusticeDepartment, d(2026, 6, 6)));
        assert!(is_late(&six, Receiver::JusticeDepartment, d(2026, 6, 7)));
        let custom = ReportPeriod::custom(d(2026, 1, 1), d(2026, 3, 1)).unwrap();
        assert_eq!(deadline(&custom, Receiver::Ministry), None);
    }
}
