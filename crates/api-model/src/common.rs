use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// One page of a list. Pass `next` as `after` to get the following page.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Cursor of the next page; absent on the last page.
    pub next: Option<String>,
    /// How many items the filters select within your scope, on lists that
    /// count them (cases, organisations, practitioners, users, a case's
    /// documents). Counted up to 10,000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Total>,
}

/// How many items a list's filters select.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Total {
    /// The number of items, at most 10,000.
    pub count: u64,
    /// False when more than `count` items match ("more than 10,000").
    pub exact: bool,
}

/// An RFC 7807 problem: every error the API returns has this shape.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// A URI naming the problem type.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine-readable code, e.g. `organisation.wrong_parent_kind`.
    pub code: String,
    /// The request id, also in the `x-request-id` response header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Per-field problems (422 validation errors).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// Body of the deactivation commands.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct DeactivateRequest {
    /// Expected version (or send `If-Match`).
    pub version: Option<i32>,
    pub reason: Option<String>,
}

/// An entry of the audit trail.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuditEventDto {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    /// The account's display name (absent for the system's own work).
    #[serde(default)]
    pub actor_name: Option<String>,
    pub actor_role: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Uuid,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
}

impl From<tgpl_domain::records::AuditEvent> for AuditEventDto {
    fn from(e: tgpl_domain::records::AuditEvent) -> Self {
        Self {
            id: e.id,
            occurred_at: e.occurred_at,
            actor_id: e.actor_id,
            actor_name: None,
            actor_role: e.actor_role,
            action: e.action,
            entity: e.entity,
            entity_id: e.entity_id,
            before: e.before,
            after: e.after,
            request_id: e.request_id,
        }
    }
}
