//! Notifications (the bell), delivery preferences and background jobs.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tgpl_domain::notification::{Delivery, Language, NotificationKind};
use utoipa::ToSchema;
use uuid::Uuid;

/// A notice in the caller's inbox, in the caller's language. It names a
/// case by its code only: no personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NotificationDto {
    pub id: Uuid,
    pub kind: NotificationKind,
    pub subject: String,
    pub body: String,
    /// The case it is about, to open it.
    pub case_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// When the caller marked it read; absent while unread.
    pub read_at: Option<DateTime<Utc>>,
}

/// How many notices the caller has not read yet (the bell's badge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UnreadCountDto {
    pub unread: u64,
}

/// How many notices changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MarkedDto {
    pub marked: u64,
}

/// How one kind of notice reaches the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PreferenceDto {
    pub kind: NotificationKind,
    pub delivery: Delivery,
    /// Security notices always go by mail at once: not changeable.
    #[serde(default)]
    pub fixed: bool,
}

/// The caller's language and delivery per kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PreferencesDto {
    pub language: Language,
    /// Whether the server can send mail at all (an SMTP relay is configured).
    pub mail_enabled: bool,
    pub kinds: Vec<PreferenceDto>,
}

/// A change of preferences: the language and/or some kinds' delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutPreferences {
    pub language: Option<Language>,
    #[serde(default)]
    pub kinds: Vec<KindDelivery>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KindDelivery {
    pub kind: NotificationKind,
    pub delivery: Delivery,
}

/// A background job (mail, digest, deadline scan, storage sweep or verify).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct JobDto {
    pub id: Uuid,
    pub kind: String,
    /// `pending`, `done` or `dead` (failed every attempt; retry it).
    pub status: String,
    pub run_at: DateTime<Utc>,
    pub attempts: i32,
    pub max_attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
