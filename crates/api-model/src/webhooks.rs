//! Webhooks of integration accounts (issue #14 item 4): the change feed's
//! events pushed to a URL, signed, retried, logged and replayable.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// Subscribe a URL to case events. Deliveries start with the events
/// recorded after the subscription; `replay` goes back further.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhook {
    /// `https://…` (or `http://` inside a private network).
    #[validate(length(min = 1, max = 2000))]
    pub url: String,
    /// The event types to send (`case.received`, `case.accepted`, …); empty:
    /// every type.
    #[serde(default)]
    #[validate(length(max = 40))]
    pub event_types: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebhookDto {
    pub id: Uuid,
    pub user_id: Uuid,
    pub url: String,
    pub event_types: Vec<String>,
    pub active: bool,
    /// The last event sequence delivered (or passed over as not subscribed).
    pub cursor: i64,
    /// Failed attempts in a row at the next event (0: healthy).
    pub failures: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A new subscription and its signing secret, shown once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebhookCreated {
    pub webhook: WebhookDto,
    /// Each delivery carries `TGPL-Signature: t=<unix seconds>,v1=<hex>`,
    /// where `v1` is HMAC-SHA256 with this secret over `<t>.<body>`.
    /// Refuse a delivery whose signature differs, or whose `t` is more than
    /// 5 minutes old.
    pub secret: String,
}

/// Deliver again from after this sequence number (0: the whole outbox
/// the account may read).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReplayWebhook {
    #[validate(range(min = 0))]
    pub after: i64,
}

/// One attempt to deliver one event.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeliveryDto {
    pub id: Uuid,
    pub seq: i64,
    pub event_type: String,
    /// 1 for the first attempt at this event, then 2, 3, …
    pub attempt: i32,
    /// The receiver's HTTP status; none when it could not be reached.
    pub status: Option<i32>,
    pub error: Option<String>,
    pub duration_ms: i32,
    pub attempted_at: DateTime<Utc>,
}
