//! The bodies of the law's acts on a case, one schema per act
//! (`POST /cases/{id}/accept`, `/refuse`, …). Each names the fields its act
//! takes, required ones without a default; a field of another act is
//! refused (422 `not_used`), never silently ignored.
use serde::{Deserialize, Serialize};
use tgpl_domain::case::success::SuccessAssessment;
use tgpl_domain::case::{ActivityKind, CommandKind, DiscontinuationGround, RefusalGround};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// Enter the request in the register (Law 11/2017 Art. 30): the case code
/// and register number are issued.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AcceptCase {
    /// Expected version (or send `If-Match`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
}

/// Refuse the request with written notice of an Art. 30(3) ground.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RefuseCase {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    pub refusal_ground: RefusalGround,
}

/// Ask the requester for the documents still missing.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RequestSupplement {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    /// The documents still missing, one per item (at least one).
    #[validate(length(min = 1, max = 50))]
    pub missing: Vec<String>,
}

/// The missing documents arrived: the request is complete again.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReceiveSupplement {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
}

/// Assign a practitioner (Art. 31); refused on a conflict of interest
/// (Art. 25(2)).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AssignPractitioner {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    pub practitioner_id: Uuid,
    /// Why this practitioner, for the assignment decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 500))]
    pub reason: Option<String>,
}

/// Replace the assigned practitioner (the change decision), e.g. on the
/// beneficiary's request (form 04).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReassignPractitioner {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    pub practitioner_id: Uuid,
    /// Why the practitioner changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 500))]
    pub reason: Option<String>,
}

/// Record a step of the work (a meeting, a submission, a court session…).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RecordActivity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    pub activity_kind: ActivityKind,
    /// The day it happened (default today); not before the request nor in
    /// the future.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurred_on: Option<chrono::NaiveDate>,
    #[validate(length(max = 5000))]
    pub description: String,
}

/// Conclude the case with its outcome; a litigation case may be assessed
/// successful against a Decision 1179 criterion.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ConcludeCase {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    /// The outcome for the beneficiary.
    #[validate(length(max = 5000))]
    pub outcome: String,
    /// The Decision 1179 criterion met, with the decision that shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<SuccessAssessment>,
}

/// Discontinue an accepted case not yet concluded, with written notice of
/// an Art. 37 ground.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DiscontinueCase {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    pub discontinuation_ground: DiscontinuationGround,
    /// Written into the discontinuation notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 500))]
    pub reason: Option<String>,
}

/// Mark a concluded case evaluated without a score sheet (scored cases are
/// evaluated through their plan).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct EvaluateCase {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
}

/// Archive a concluded (or evaluated) case file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ArchiveCase {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
}

/// One act of the law on a case, with its body. Serialises as the body
/// alone (what `POST /cases/{id}/{act}` takes).
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum CaseAct {
    Accept(AcceptCase),
    Refuse(RefuseCase),
    RequestSupplement(RequestSupplement),
    ReceiveSupplement(ReceiveSupplement),
    Assign(AssignPractitioner),
    Reassign(ReassignPractitioner),
    RecordActivity(RecordActivity),
    Conclude(ConcludeCase),
    Discontinue(DiscontinueCase),
    Evaluate(EvaluateCase),
    Archive(ArchiveCase),
}

impl CaseAct {
    /// Which act this is (the policy and the lifecycle table speak of kinds).
    pub fn kind(&self) -> CommandKind {
        match self {
            CaseAct::Accept(_) => CommandKind::Accept,
            CaseAct::Refuse(_) => CommandKind::Refuse,
            CaseAct::RequestSupplement(_) => CommandKind::RequestSupplement,
            CaseAct::ReceiveSupplement(_) => CommandKind::SupplementReceived,
            CaseAct::Assign(_) => CommandKind::Assign,
            CaseAct::Reassign(_) => CommandKind::Reassign,
            CaseAct::RecordActivity(_) => CommandKind::RecordActivity,
            CaseAct::Conclude(_) => CommandKind::Conclude,
            CaseAct::Discontinue(_) => CommandKind::Discontinue,
            CaseAct::Evaluate(_) => CommandKind::Evaluate,
            CaseAct::Archive(_) => CommandKind::Archive,
        }
    }

    /// The version the body expects (`If-Match` wins over it).
    pub fn version(&self) -> Option<i32> {
        match self {
            CaseAct::Accept(b) => b.version,
            CaseAct::Refuse(b) => b.version,
            CaseAct::RequestSupplement(b) => b.version,
            CaseAct::ReceiveSupplement(b) => b.version,
            CaseAct::Assign(b) => b.version,
            CaseAct::Reassign(b) => b.version,
            CaseAct::RecordActivity(b) => b.version,
            CaseAct::Conclude(b) => b.version,
            CaseAct::Discontinue(b) => b.version,
            CaseAct::Evaluate(b) => b.version,
            CaseAct::Archive(b) => b.version,
        }
    }

    /// The last segment of the act's path: `accept`, `record-activity`, …
    pub fn path_segment(&self) -> String {
        path_segment(self.kind())
    }
}

/// The last segment of an act's path: `accept`, `record-activity`, …
pub fn path_segment(kind: CommandKind) -> String {
    kind.as_str().replace('_', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_act_serialises_as_its_body_alone() {
        let act = CaseAct::Refuse(RefuseCase {
            version: Some(3),
            refusal_ground: RefusalGround::parse("beneficiary_died").unwrap(),
        });
        assert_eq!(
            serde_json::to_value(&act).unwrap(),
            serde_json::json!({"version": 3, "refusal_ground": "beneficiary_died"})
        );
        assert_eq!(act.path_segment(), "refuse");
        assert_eq!(
            path_segment(CommandKind::SupplementReceived),
            "supplement-received"
        );
    }

    #[test]
    fn a_field_of_another_act_is_refused() {
        let err = serde_json::from_str::<AcceptCase>(r#"{"occurred_on":"2026-01-05"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("unknown field `occurred_on`"), "{err}");
        let err = serde_json::from_str::<RefuseCase>("{}")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("missing field `refusal_ground`"), "{err}");
    }
}
