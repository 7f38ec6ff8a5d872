//! The beneficiary's feedback on a case (phiếu lấy ý kiến người được trợ
//! giúp pháp lý), given online with the receipt's code and secret. It
//! becomes part of the case file (DOMAIN §6: the file holds the
//! beneficiary's feedback form) and feeds the satisfaction part of the
//! quality evaluation (DOMAIN §7).
use crate::case::CaseState;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How satisfied the beneficiary is with the aid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    VerySatisfied,
    Satisfied,
    Neutral,
    Dissatisfied,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 4] = [
        Self::VerySatisfied,
        Self::Satisfied,
        Self::Neutral,
        Self::Dissatisfied,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::VerySatisfied => "very_satisfied",
            Self::Satisfied => "satisfied",
            Self::Neutral => "neutral",
            Self::Dissatisfied => "dissatisfied",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Self::VerySatisfied => "Rất hài lòng",
            Self::Satisfied => "Hài lòng",
            Self::Neutral => "Bình thường",
            Self::Dissatisfied => "Không hài lòng",
        }
    }
}

/// Longest comment a feedback form takes.
pub const COMMENT_MAX_CHARS: usize = 2000;

/// The feedback as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    pub id: Uuid,
    pub case_id: Uuid,
    pub satisfaction: Satisfaction,
    /// Was the beneficiary told of their rights and duties, and of how the
    /// case went?
    pub kept_informed: Option<bool>,
    /// Did the helper keep to the time the case needed?
    pub on_time: Option<bool>,
    pub comment: Option<String>,
    pub given_at: DateTime<Utc>,
    pub given_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FeedbackError {
    #[error(
        "the centre has not taken the request on as a case yet; feedback is given once someone helps you"
    )]
    NoCaseYet,
    #[error("feedback is given once a helper is assigned to the case")]
    NotYetHelped,
    #[error("the case file is archived; contact the centre")]
    FileClosed,
    #[error("feedback on this case was already given")]
    AlreadyGiven,
    #[error("a comment holds at most {COMMENT_MAX_CHARS} characters")]
    CommentTooLong,
}

impl FeedbackError {
    pub fn code(self) -> &'static str {
        match self {
            Self::NoCaseYet => "feedback.no_case_yet",
            Self::NotYetHelped => "feedback.not_yet_helped",
            Self::FileClosed => "case.file_closed",
            Self::AlreadyGiven => "feedback.already_given",
            Self::CommentTooLong => "feedback.comment_too_long",
        }
    }
}

/// Whether feedback may be given on a case in `state`: once a helper is
/// assigned (the aid has begun) and until the file is archived; once per
/// case (`already_given`).
pub fn may_give(state: CaseState, already_given: bool) -> Result<(), FeedbackError> {
    use CaseState::*;
    match state {
        Received | NeedsSupplement | Refused | Accepted => Err(FeedbackError::NotYetHelped),
        Archived => Err(FeedbackError::FileClosed),
        Assigned | InProgress | Concluded | Discontinued | Evaluated if already_given => {
            Err(FeedbackError::AlreadyGiven)
        }
        Assigned | InProgress | Concluded | Discontinued | Evaluated => Ok(()),
    }
}

/// A comment as kept: trimmed, empty as none, within the limit.
pub fn clean_comment(raw: Option<&str>) -> Result<Option<String>, FeedbackError> {
    let Some(c) = raw.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    if c.chars().count() > COMMENT_MAX_CHARS {
        return Err(FeedbackError::CommentTooLong);
    }
    Ok(Some(c.to_owned()))
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "Có",
        Some(false) => "Không",
        None => "Không trả lời",
    }
}

impl Feedback {
    /// The feedback form as the case file keeps it (plain UTF-8 text).
    pub fn form_text(&self, case_code: Option<&str>) -> String {
        format!(
            "PHIẾU LẤY Ý KIẾN NGƯỜI ĐƯỢC TRỢ GIÚP PHÁP LÝ\n\
             (gửi trực tuyến qua Cổng dịch vụ công TGPL)\n\n\
             Vụ việc: {}\n\
             Ngày gửi: {}\n\n\
             1. Mức độ hài lòng: {}\n\
             2. Được thông tin về quyền, nghĩa vụ và tiến độ vụ việc: {}\n\
             3. Người thực hiện TGPL bảo đảm thời gian: {}\n\
             4. Ý kiến khác: {}\n",
            case_code.unwrap_or("(chưa có mã)"),
            self.given_on.format("%d/%m/%Y"),
            self.satisfaction.label_vi(),
            yes_no(self.kept_informed),
            yes_no(self.on_time),
            self.comment.as_deref().unwrap_or("(không có)"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_is_given_once_between_assignment_and_archiving() {
        use CaseState::*;
        for s in [Received, NeedsSupplement, Refused, Accepted] {
            assert_eq!(
                may_give(s, false),
                Err(FeedbackError::NotYetHelped),
                "{s:?}"
            );
        }
        for s in [Assigned, InProgress, Concluded, Discontinued, Evaluated] {
            assert_eq!(may_give(s, false), Ok(()), "{s:?}");
            assert_eq!(may_give(s, true), Err(FeedbackError::AlreadyGiven), "{s:?}");
        }
        assert_eq!(may_give(Archived, false), Err(FeedbackError::FileClosed));
    }

    #[test]
    fn comments_are_trimmed_and_bounded() {
        assert_eq!(clean_comment(Some("  ")), Ok(None));
        assert_eq!(clean_comment(Some(" Cảm ơn ")), Ok(Some("Cảm ơn".into())));
        let long = "ă".repeat(COMMENT_MAX_CHARS + 1);
        assert_eq!(
            clean_comment(Some(&long)),
            Err(FeedbackError::CommentTooLong)
        );
    }

    #[test]
    fn the_form_names_the_case_and_the_answers_in_vietnamese() {
        let f = Feedback {
            id: Uuid::nil(),
            case_id: Uuid::nil(),
            satisfaction: Satisfaction::Satisfied,
            kept_informed: Some(true),
            on_time: None,
            comment: Some("Luật sư nhiệt tình".into()),
            given_at: DateTime::<Utc>::from_timestamp(1_780_000_000, 0).unwrap(),
            given_on: NaiveDate::from_ymd_opt(2026, 5, 29).unwrap(),
        };
        let text = f.form_text(Some("TT.TV.01.2026"));
        assert!(text.contains("Vụ việc: TT.TV.01.2026"));
        assert!(text.contains("Mức độ hài lòng: Hài lòng"));
        assert!(text.contains("tiến độ vụ việc: Có"));
        assert!(text.contains("bảo đảm thời gian: Không trả lời"));
        assert!(text.contains("Ngày gửi: 29/05/2026"));
    }
}
