//! A data-subject request (Law 91/2025): the person asks for a copy of
//! their data, a correction or a deletion; the data-protection officer
//! answers within the period of its kind. The request is about one party
//! of one case: the person is known by the case they were helped in.
use super::SubjectRequestKind;
use crate::ProvinceCode;
use crate::ResourceScope;
use crate::case::Channel;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubjectRequestStatus {
    /// Waiting for the officer.
    Received,
    /// Done: the copy given, the data corrected or deleted.
    Completed,
    /// Refused with a reason (e.g. the person could not be identified).
    Refused,
}

impl SubjectRequestStatus {
    pub const ALL: [Self; 3] = [Self::Received, Self::Completed, Self::Refused];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Completed => "completed",
            Self::Refused => "refused",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Received => "Đã tiếp nhận",
            Self::Completed => "Đã thực hiện",
            Self::Refused => "Từ chối",
        }
    }
}

/// Why a step on a request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PrivacyError {
    #[error("the request was answered already")]
    AlreadyAnswered,
    #[error("this step does not answer a request of this kind")]
    WrongKind,
    #[error("write at least 10 characters for the person")]
    AnswerTooShort,
    #[error("at most 5,000 characters")]
    TooLong,
}

impl PrivacyError {
    pub fn code(self) -> &'static str {
        match self {
            Self::AlreadyAnswered => "privacy.already_answered",
            Self::WrongKind => "privacy.wrong_kind",
            Self::AnswerTooShort => "privacy.answer_too_short",
            Self::TooLong => "text.too_long",
        }
    }
}

/// One person's request about their data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectRequest {
    pub id: Uuid,
    pub kind: SubjectRequestKind,
    pub status: SubjectRequestStatus,
    pub case_id: Uuid,
    /// The party of the case the person is.
    pub party_id: Uuid,
    /// How it came: in person or in writing at the unit, or online.
    pub channel: Channel,
    /// What the person asked, in their words (e.g. what is wrong).
    pub details: Option<String>,
    pub received_at: DateTime<Utc>,
    pub received_on: NaiveDate,
    /// The day it must be answered by (the period of its kind).
    pub due_on: NaiveDate,
    pub recorded_by: Option<Uuid>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answered_by: Option<Uuid>,
    /// What the person is told.
    pub answer: Option<String>,
    /// The case's unit: the officer of that unit answers it.
    pub organisation_id: Uuid,
    pub centre_id: Option<Uuid>,
    pub province: Option<ProvinceCode>,
    pub version: i32,
}

fn answer_text(s: &str) -> Result<String, PrivacyError> {
    let t = s.trim();
    match t.chars().count() {
        n if n < 10 => Err(PrivacyError::AnswerTooShort),
        n if n > 5000 => Err(PrivacyError::TooLong),
        _ => Ok(t.to_owned()),
    }
}

impl SubjectRequest {
    pub fn scope(&self) -> ResourceScope {
        ResourceScope {
            org_id: Some(self.organisation_id),
            centre_id: self.centre_id,
            province: self.province,
            ..ResourceScope::default()
        }
    }

    /// Not answered past its due day.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status == SubjectRequestStatus::Received && today > self.due_on
    }

    fn close(
        &mut self,
        status: SubjectRequestStatus,
        answer: &str,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> Result<(), PrivacyError> {
        if self.status != SubjectRequestStatus::Received {
            return Err(PrivacyError::AlreadyAnswered);
        }
        self.answer = Some(answer_text(answer)?);
        self.status = status;
        self.answered_by = Some(by);
        self.answered_at = Some(at);
        Ok(())
    }

    /// Whether the request is still open for a step that answers `kind`.
    pub fn may_complete(&self, kind: SubjectRequestKind) -> Result<(), PrivacyError> {
        if self.status != SubjectRequestStatus::Received {
            return Err(PrivacyError::AlreadyAnswered);
        }
        if self.kind != kind {
            return Err(PrivacyError::WrongKind);
        }
        Ok(())
    }

    /// The copy was given, the correction or the deletion made.
    pub fn complete(
        &mut self,
        kind: SubjectRequestKind,
        answer: &str,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> Result<(), PrivacyError> {
        self.may_complete(kind)?;
        self.close(SubjectRequestStatus::Completed, answer, by, at)
    }

    /// Refused with the reason the person is told.
    pub fn refuse(
        &mut self,
        reason: &str,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> Result<(), PrivacyError> {
        self.close(SubjectRequestStatus::Refused, reason, by, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(kind: SubjectRequestKind) -> SubjectRequest {
        let on = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
        SubjectRequest {
            id: Uuid::nil(),
            kind,
            status: SubjectRequestStatus::Received,
            case_id: Uuid::nil(),
            party_id: Uuid::nil(),
            channel: Channel::InPerson,
            details: None,
            received_at: on.and_hms_opt(2, 0, 0).unwrap().and_utc(),
            received_on: on,
            due_on: NaiveDate::from_ymd_opt(2026, 11, 19).unwrap(),
            recorded_by: None,
            answered_at: None,
            answered_by: None,
            answer: None,
            organisation_id: Uuid::nil(),
            centre_id: None,
            province: None,
            version: 1,
        }
    }

    #[test]
    fn a_request_is_answered_once_by_the_step_of_its_kind() {
        let at = DateTime::<Utc>::UNIX_EPOCH;
        let mut r = request(SubjectRequestKind::Correction);
        assert_eq!(
            r.complete(
                SubjectRequestKind::Deletion,
                "Đã xóa dữ liệu",
                Uuid::nil(),
                at
            ),
            Err(PrivacyError::WrongKind)
        );
        assert_eq!(
            r.complete(SubjectRequestKind::Correction, "xong", Uuid::nil(), at),
            Err(PrivacyError::AnswerTooShort)
        );
        r.complete(
            SubjectRequestKind::Correction,
            "Đã chỉnh sửa ngày sinh",
            Uuid::nil(),
            at,
        )
        .unwrap();
        assert_eq!(r.status, SubjectRequestStatus::Completed);
        assert_eq!(
            r.refuse("Không xác minh được", Uuid::nil(), at),
            Err(PrivacyError::AlreadyAnswered)
        );
    }

    #[test]
    fn overdue_only_while_waiting_past_the_due_day() {
        let mut r = request(SubjectRequestKind::Access);
        let due = r.due_on;
        assert!(!r.overdue(due));
        assert!(r.overdue(due.succ_opt().unwrap()));
        r.status = SubjectRequestStatus::Completed;
        assert!(!r.overdue(due.succ_opt().unwrap()));
    }
}
