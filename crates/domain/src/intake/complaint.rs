//! Complaints and recommendations about legal aid (phản ánh, kiến nghị),
//! sent by anyone through the public services (issue #12). Each goes to the
//! body responsible: the Justice Department of the province it concerns, or
//! the ministry's legal-aid department when it names no province. The
//! workflow is received → forwarded (to the unit that must deal with it)
//! → answered, each step within a period of the reference data; the
//! complainant reads the answer with the code and secret of the receipt.
use super::{PersonDetails, TrackingCode};
use crate::calendar::{HolidayCalendar, WorkingDays};
use crate::{ProvinceCode, ResourceScope};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What the message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintKind {
    /// Phản ánh: something went wrong (a refusal, a delay, conduct).
    Complaint,
    /// Kiến nghị: a proposal to do things differently.
    Recommendation,
}

impl ComplaintKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Complaint => "complaint",
            Self::Recommendation => "recommendation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Complaint, Self::Recommendation]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Complaint => "Phản ánh",
            Self::Recommendation => "Kiến nghị",
        }
    }
}

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    Received,
    /// Passed to the unit that must deal with it.
    Forwarded,
    Answered,
}

impl ComplaintStatus {
    pub const ALL: [ComplaintStatus; 3] = [Self::Received, Self::Forwarded, Self::Answered];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Forwarded => "forwarded",
            Self::Answered => "answered",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Received => "Đã tiếp nhận",
            Self::Forwarded => "Đã chuyển đơn vị giải quyết",
            Self::Answered => "Đã trả lời",
        }
    }
}

/// The periods a complaint is handled in (reference data, by the date it
/// was received; DOMAIN §1: the law changes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintPeriods {
    /// To pass it to the unit that must deal with it (or take it on).
    pub forward: WorkingDays,
    /// To answer the complainant, from receipt.
    pub answer: WorkingDays,
}

impl Default for ComplaintPeriods {
    /// Assumed where the reference data holds none: five working days to
    /// pass it on, twenty (about a month) to answer.
    fn default() -> Self {
        Self {
            forward: WorkingDays::new(5),
            answer: WorkingDays::new(20),
        }
    }
}

/// The unit that holds a complaint: a Justice Department, the ministry's
/// department, or a centre (or branch) it was forwarded to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handler {
    pub org_id: Uuid,
    pub centre_id: Option<Uuid>,
    pub province: Option<ProvinceCode>,
}

/// Whether an organisation of `kind` in `status` can hold a complaint (be
/// forwarded one): the ministry's department, a Justice Department, a
/// centre or a branch that is active; participating organisations answer
/// to their department, which holds complaints about them.
pub fn may_hold(kind: crate::OrgKind, status: crate::OrgStatus) -> bool {
    use crate::OrgKind::*;
    status == crate::OrgStatus::Active
        && matches!(
            kind,
            MinistryDepartment | JusticeDepartment | Centre | Branch
        )
}

/// The statuses in which a complaint still awaits its answer (and can be
/// late).
pub const AWAITING_ANSWER: [ComplaintStatus; 2] =
    [ComplaintStatus::Received, ComplaintStatus::Forwarded];

/// Shortest answer a complaint takes.
pub const ANSWER_MIN_CHARS: usize = 10;
/// Longest text of a complaint, a note or an answer.
pub const TEXT_MAX_CHARS: usize = 5000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ComplaintError {
    #[error("the complaint was already answered")]
    AlreadyAnswered,
    #[error("it is already with this unit")]
    SameHandler,
    #[error("write an answer of at least {ANSWER_MIN_CHARS} characters")]
    AnswerTooShort,
    #[error("at most {TEXT_MAX_CHARS} characters")]
    TooLong,
}

impl ComplaintError {
    pub fn code(self) -> &'static str {
        match self {
            Self::AlreadyAnswered => "complaint.already_answered",
            Self::SameHandler => "complaint.same_handler",
            Self::AnswerTooShort => "complaint.answer_too_short",
            Self::TooLong => "complaint.too_long",
        }
    }
}

/// A complaint or recommendation and its handling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Complaint {
    pub id: Uuid,
    pub code: TrackingCode,
    pub kind: ComplaintKind,
    pub status: ComplaintStatus,
    pub handler: Handler,
    /// The organisation it is about, when the sender named one.
    pub concerned_org_id: Option<Uuid>,
    /// The case it is about, as the sender typed its code.
    pub case_code: Option<String>,
    pub complainant: PersonDetails,
    pub content: String,
    pub received_at: DateTime<Utc>,
    pub received_on: NaiveDate,
    pub forward_due_on: NaiveDate,
    pub answer_due_on: NaiveDate,
    pub forwarded_at: Option<DateTime<Utc>>,
    pub forwarded_by: Option<Uuid>,
    pub forward_note: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answered_by: Option<Uuid>,
    pub answer: Option<String>,
    pub version: i32,
}

/// The due dates of a complaint received on `on`.
pub fn due_dates(
    calendar: &HolidayCalendar,
    periods: ComplaintPeriods,
    on: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    (
        calendar.add_working_days(on, periods.forward),
        calendar.add_working_days(on, periods.answer),
    )
}

/// A text as kept: trimmed, within the limit.
pub fn clean_text(raw: &str) -> Result<String, ComplaintError> {
    let t = raw.trim();
    if t.chars().count() > TEXT_MAX_CHARS {
        return Err(ComplaintError::TooLong);
    }
    Ok(t.to_owned())
}

impl Complaint {
    pub fn scope(&self) -> ResourceScope {
        ResourceScope {
            org_id: Some(self.handler.org_id),
            centre_id: self.handler.centre_id,
            province: self.handler.province,
            user_id: None,
            practitioner_id: None,
        }
    }

    /// Passes the complaint to the unit that must deal with it (the
    /// department to a centre, the ministry to a department); it may be
    /// passed on again until answered.
    pub fn forward(
        &mut self,
        to: Handler,
        note: Option<&str>,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> Result<(), ComplaintError> {
        if self.status == ComplaintStatus::Answered {
            return Err(ComplaintError::AlreadyAnswered);
        }
        if to.org_id == self.handler.org_id {
            return Err(ComplaintError::SameHandler);
        }
        let note = note.map(clean_text).transpose()?.filter(|n| !n.is_empty());
        self.handler = to;
        self.status = ComplaintStatus::Forwarded;
        self.forwarded_at = Some(at);
        self.forwarded_by = Some(by);
        self.forward_note = note;
        Ok(())
    }

    /// Answers the complainant (once; the answer is what they read).
    pub fn answer(
        &mut self,
        text: &str,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> Result<(), ComplaintError> {
        if self.status == ComplaintStatus::Answered {
            return Err(ComplaintError::AlreadyAnswered);
        }
        let text = clean_text(text)?;
        if text.chars().count() < ANSWER_MIN_CHARS {
            return Err(ComplaintError::AnswerTooShort);
        }
        self.status = ComplaintStatus::Answered;
        self.answered_at = Some(at);
        self.answered_by = Some(by);
        self.answer = Some(text);
        Ok(())
    }

    /// Whether passing it on is late at `today` (still with the unit that
    /// received it after the forwarding period).
    pub fn forward_overdue(&self, today: NaiveDate) -> bool {
        self.status == ComplaintStatus::Received && today > self.forward_due_on
    }

    /// Whether the answer is late at `today`.
    pub fn answer_overdue(&self, today: NaiveDate) -> bool {
        AWAITING_ANSWER.contains(&self.status) && today > self.answer_due_on
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handler(n: u128) -> Handler {
        Handler {
            org_id: Uuid::from_u128(n),
            centre_id: None,
            province: ProvinceCode::parse("01").ok(),
        }
    }

    fn complaint() -> Complaint {
        let at = DateTime::<Utc>::from_timestamp(1_780_000_000, 0).unwrap();
        let on = at.date_naive();
        let calendar = HolidayCalendar::new(std::iter::empty());
        let periods = ComplaintPeriods {
            forward: WorkingDays::new(5),
            answer: WorkingDays::new(20),
        };
        let (forward_due_on, answer_due_on) = due_dates(&calendar, periods, on);
        Complaint {
            id: Uuid::from_u128(1),
            code: TrackingCode::complaint_from_random([3; 5]),
            kind: ComplaintKind::Complaint,
            status: ComplaintStatus::Received,
            handler: handler(10),
            concerned_org_id: None,
            case_code: None,
            complainant: PersonDetails {
                full_name: "Vàng A Chứ".into(),
                date_of_birth: None,
                sex: None,
                phone: Some("0915000111".into()),
                address: None,
                ethnicity: None,
                id_number: None,
            },
            content: "Trung tâm hẹn nhiều lần nhưng chưa cử người giúp.".into(),
            received_at: at,
            received_on: on,
            forward_due_on,
            answer_due_on,
            forwarded_at: None,
            forwarded_by: None,
            forward_note: None,
            answered_at: None,
            answered_by: None,
            answer: None,
            version: 1,
        }
    }

    #[test]
    fn a_complaint_is_forwarded_then_answered_once() {
        let mut c = complaint();
        let at = c.received_at;
        let by = Uuid::from_u128(7);
        assert_eq!(
            c.forward(handler(10), None, by, at),
            Err(ComplaintError::SameHandler)
        );
        c.forward(handler(11), Some("  Đề nghị Trung tâm xem xét  "), by, at)
            .unwrap();
        assert_eq!(c.status, ComplaintStatus::Forwarded);
        assert_eq!(c.handler.org_id, Uuid::from_u128(11));
        assert_eq!(c.forward_note.as_deref(), Some("Đề nghị Trung tâm xem xét"));
        assert_eq!(
            c.answer("Đã xong", by, at),
            Err(ComplaintError::AnswerTooShort)
        );
        c.answer("Trung tâm đã cử trợ giúp viên ngày 02/06.", by, at)
            .unwrap();
        assert_eq!(c.status, ComplaintStatus::Answered);
        assert_eq!(
            c.answer("Trả lời lần thứ hai cho chắc.", by, at),
            Err(ComplaintError::AlreadyAnswered)
        );
        assert_eq!(
            c.forward(handler(12), None, by, at),
            Err(ComplaintError::AlreadyAnswered)
        );
    }

    #[test]
    fn only_active_departments_centres_and_branches_hold_complaints() {
        use crate::{OrgKind, OrgStatus};
        assert!(may_hold(OrgKind::JusticeDepartment, OrgStatus::Active));
        assert!(may_hold(OrgKind::Branch, OrgStatus::Active));
        assert!(!may_hold(OrgKind::ContractedOrg, OrgStatus::Active));
        assert!(!may_hold(OrgKind::Centre, OrgStatus::Inactive));
    }

    #[test]
    fn lateness_counts_from_the_working_day_due_dates() {
        let c = complaint();
        // 2026-05-28 is a Thursday: five working days on is Thursday 4 June.
        assert_eq!(c.received_on, NaiveDate::from_ymd_opt(2026, 5, 28).unwrap());
        assert_eq!(
            c.forward_due_on,
            NaiveDate::from_ymd_opt(2026, 6, 4).unwrap()
        );
        assert!(!c.forward_overdue(c.forward_due_on));
        assert!(c.forward_overdue(c.forward_due_on.succ_opt().unwrap()));
        assert!(!c.answer_overdue(c.forward_due_on.succ_opt().unwrap()));
        assert!(c.answer_overdue(c.answer_due_on.succ_opt().unwrap()));
        let mut answered = c.clone();
        answered
            .answer("Đã kiểm tra và trả lời.", Uuid::nil(), c.received_at)
            .unwrap();
        assert!(!answered.answer_overdue(c.answer_due_on.succ_opt().unwrap()));
    }
}
