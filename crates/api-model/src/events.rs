//! The change feed (`GET /events`): what happened to cases, in order,
//! without personal data.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// `GET /events?after=<seq>&limit=`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ChangeFeedQuery {
    /// The last sequence number already read (default 0: from the start).
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// At most this many events (default 100, at most 1000).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u64>,
}

/// One event of the feed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChangeDto {
    /// Position in the gap-free system-wide sequence: pass the last one
    /// read as `after`.
    pub seq: i64,
    pub id: Uuid,
    /// `case.accepted`, `case.assigned`, …
    #[serde(rename = "type")]
    pub type_: String,
    pub label_vi: String,
    pub case_id: Uuid,
    /// The case's code once it is entered in the register.
    pub case_code: Option<String>,
    /// Where it happened, when it happened.
    pub organisation_id: Uuid,
    pub province: Option<String>,
    pub occurred_on: NaiveDate,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    /// The event's data (ids, dates, codes, grounds; never personal data).
    #[schema(value_type = tgpl_domain::case::CaseEvent)]
    pub event: serde_json::Value,
}

/// A page of the feed; `next` is the `after` of the next call (absent when
/// nothing new: call again later with the same `after`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChangeFeedPage {
    pub items: Vec<ChangeDto>,
    pub next: Option<i64>,
}
