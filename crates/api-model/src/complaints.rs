//! Complaints and recommendations about legal aid (phản ánh, kiến nghị;
//! issue #12): sent publicly, handled by a Justice Department, the
//! ministry's department or the centre they were forwarded to.
use crate::public::{CentreContact, PersonInput};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tgpl_domain::intake::PersonDetails;
use tgpl_domain::intake::complaint::{ComplaintKind, ComplaintStatus};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// A complaint or recommendation sent through the public services. It
/// goes to the Justice Department of the province it concerns (the
/// province of the organisation named, or `province`), or to the
/// ministry's legal-aid department when it names neither.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewComplaint {
    pub kind: ComplaintKind,
    /// The organisation it is about (a centre, branch, participating
    /// organisation), from the directory.
    pub organisation_id: Option<Uuid>,
    #[validate(length(max = 8))]
    pub province: Option<String>,
    /// The case it is about, if any.
    #[validate(length(max = 64))]
    pub case_code: Option<String>,
    #[validate(nested)]
    pub complainant: PersonInput,
    #[validate(length(min = 10, max = 5000))]
    pub content: String,
    /// Consent to the processing of personal data (Law 91/2025); must be true.
    pub consent: bool,
    #[validate(length(min = 1, max = 32))]
    pub consent_version: String,
    /// Left empty by people; any value refuses the message.
    #[serde(default)]
    #[validate(length(max = 500))]
    pub website: Option<String>,
}

/// What the sender keeps: the code and the secret are shown once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ComplaintReceipt {
    pub tracking_code: String,
    pub secret: String,
    pub received_at: DateTime<Utc>,
    /// The body that handles it.
    pub handler: CentreContact,
    /// The day the answer is due.
    pub answer_due_on: NaiveDate,
}

/// Read a complaint's answer with the receipt's code and secret.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ComplaintLookup {
    #[validate(length(min = 1, max = 32))]
    pub tracking_code: String,
    #[validate(length(min = 1, max = 64))]
    pub secret: String,
}

/// How a complaint stands, as its sender reads it (public fields only).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ComplaintProgress {
    pub tracking_code: String,
    pub kind: ComplaintKind,
    pub status: ComplaintStatus,
    pub status_label_vi: String,
    pub received_on: NaiveDate,
    /// The body that holds it now.
    pub handler_name: String,
    pub forwarded_at: Option<DateTime<Utc>>,
    pub answer_due_on: NaiveDate,
    pub answered_at: Option<DateTime<Utc>>,
    pub answer: Option<String>,
}

/// Query parameters of a complaint queue.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ComplaintQuery {
    /// Default: every status.
    pub status: Option<ComplaintStatus>,
    /// Only those not answered past their due date.
    pub overdue: Option<bool>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}

/// A complaint as staff handle it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ComplaintDto {
    pub id: Uuid,
    pub tracking_code: String,
    pub kind: ComplaintKind,
    pub status: ComplaintStatus,
    pub handler_org_id: Uuid,
    pub province: Option<String>,
    pub concerned_org_id: Option<Uuid>,
    pub case_code: Option<String>,
    pub complainant: PersonDetails,
    pub content: String,
    pub received_at: DateTime<Utc>,
    pub forward_due_on: NaiveDate,
    pub answer_due_on: NaiveDate,
    /// Still with the unit that received it past the forwarding period.
    pub forward_overdue: bool,
    /// Not answered past the answer's due date.
    pub answer_overdue: bool,
    pub forwarded_at: Option<DateTime<Utc>>,
    pub forward_note: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answer: Option<String>,
    pub version: i32,
}

/// Pass a complaint to the unit that must deal with it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ForwardComplaint {
    pub version: i32,
    /// A Justice Department, centre or branch within the handler's reach.
    pub organisation_id: Uuid,
    #[validate(length(max = 5000))]
    pub note: Option<String>,
}

/// Answer the sender.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AnswerComplaint {
    pub version: i32,
    #[validate(length(min = 10, max = 5000))]
    pub answer: String,
}
