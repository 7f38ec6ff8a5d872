//! The legal-aid hotline (issue #12): calls recorded by operators, forwarded
//! as requests to a centre's intake queue, callbacks within a window.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tgpl_domain::case::{FieldOfLaw, FormOfAid};
use tgpl_domain::intake::hotline::CallOutcome;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// A call as the operator records it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewCall {
    #[validate(length(max = 200))]
    pub caller_name: Option<String>,
    /// Required to promise a callback or to forward the call.
    pub caller_phone: Option<String>,
    #[validate(length(min = 3, max = 2000))]
    pub topic: String,
    pub field_of_law: Option<FieldOfLaw>,
    /// The advice given on the phone.
    #[validate(length(max = 5000))]
    pub advice: Option<String>,
    pub outcome: CallOutcome,
    /// When the call began (default: now minus its duration).
    pub started_at: Option<DateTime<Utc>>,
    #[validate(range(max = 86400))]
    pub duration_seconds: u32,
    /// With `outcome = forwarded`: the request to put in a centre's queue.
    #[validate(nested)]
    pub forward: Option<CallForward>,
}

/// A call passed on as a legal-aid request (channel `hotline`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CallForward {
    /// The centre or branch; without it, the centre of `province`.
    pub organisation_id: Option<Uuid>,
    #[validate(length(max = 8))]
    pub province: Option<String>,
    #[validate(length(max = 20))]
    pub categories: Vec<String>,
    pub form_of_aid: FormOfAid,
    pub field_of_law: FieldOfLaw,
    #[validate(length(min = 10, max = 5000))]
    pub summary: String,
    /// The operator read the consent text and the caller agreed.
    pub consent: bool,
    #[validate(length(min = 1, max = 32))]
    pub consent_version: String,
}

/// The request a forwarded call became: read the code and secret to the
/// caller (shown only here), who follows it like an online request.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ForwardedRequest {
    pub intake_id: Uuid,
    pub tracking_code: String,
    pub secret: String,
    pub centre_id: Uuid,
    pub centre_name: String,
}

/// A call of the hotline.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CallDto {
    pub id: Uuid,
    pub operator_id: Uuid,
    pub organisation_id: Uuid,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub topic: String,
    pub field_of_law: Option<FieldOfLaw>,
    pub advice: Option<String>,
    pub outcome: CallOutcome,
    pub started_at: DateTime<Utc>,
    pub duration_seconds: u32,
    pub intake_id: Option<Uuid>,
    pub callback_due_at: Option<DateTime<Utc>>,
    pub called_back_at: Option<DateTime<Utc>>,
    /// The promised callback was not made within its window.
    pub callback_missed: bool,
    pub version: i32,
}

/// A recorded call, and the request it became when forwarded.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CallRecorded {
    pub call: CallDto,
    pub forwarded: Option<ForwardedRequest>,
}

/// Query parameters of the call log.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CallQuery {
    /// Only calls whose promised callback missed its window.
    pub callback_missed: Option<bool>,
    /// Only calls whose promised callback is still to be made.
    pub callback_pending: Option<bool>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}

/// The caller was called back.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CalledBack {
    pub version: i32,
}
