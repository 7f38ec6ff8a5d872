use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[validate(length(min = 1, max = 64))]
    pub username: String,
    #[validate(length(min = 1, max = 256))]
    pub password: String,
    /// The six-digit code of the authenticator app, once a second factor
    /// is enrolled (or `recovery_code` instead).
    #[serde(default)]
    #[validate(length(max = 16))]
    pub totp_code: Option<String>,
    /// One of the single-use recovery codes, when the phone is lost.
    #[serde(default)]
    #[validate(length(max = 32))]
    pub recovery_code: Option<String>,
    /// Deliver the refresh token only as an `HttpOnly` cookie (the web app
    /// does this: script never sees it); `refresh_token` is then absent.
    #[serde(default)]
    pub refresh_cookie: bool,
}

/// Tokens issued at login and on refresh.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TokenResponse {
    /// EdDSA-signed JWT; send as `Authorization: Bearer <token>`.
    pub access_token: String,
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Opaque, single-use: exchange at `/auth/refresh` for a new pair.
    /// Absent when it travels in the `tgpl_refresh` cookie, and on
    /// re-authentication (the session keeps its refresh token).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// The password is temporary: only the password change is open.
    pub must_change_password: bool,
    /// The role must use a second factor and the grace period is over:
    /// only enrolment is open.
    #[serde(default)]
    pub must_enrol_second_factor: bool,
    /// The role must use a second factor that is not enrolled yet: the
    /// day the grace period ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_factor_enrol_by: Option<DateTime<Utc>>,
}

/// Check the password again (and the second factor, if enrolled) before a
/// privileged act: locking accounts, resetting passwords or second factors,
/// granting roles, API keys, reference data, merging organisations.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReauthenticateRequest {
    #[validate(length(min = 1, max = 256))]
    pub password: String,
    #[serde(default)]
    #[validate(length(max = 16))]
    pub totp_code: Option<String>,
    #[serde(default)]
    #[validate(length(max = 32))]
    pub recovery_code: Option<String>,
}

/// A second factor being enrolled: add it to an authenticator app, then
/// confirm with a code it shows.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SecondFactorEnrolment {
    /// The base32 secret, to type in by hand.
    pub secret: String,
    /// `otpauth://totp/...`, what the QR code holds.
    pub otpauth_uri: String,
    /// The QR code as an SVG document.
    pub qr_svg: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ConfirmSecondFactorRequest {
    #[validate(length(min = 1, max = 16))]
    pub totp_code: String,
}

/// The second factor is on. The recovery codes are shown only now: each
/// opens one login without the phone.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SecondFactorConfirmed {
    pub recovery_codes: Vec<String>,
    /// A new access token for this session, free of the enrolment confinement.
    pub token: TokenResponse,
}

/// New recovery codes (the old ones stop working).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecoveryCodes {
    pub recovery_codes: Vec<String>,
}

/// Where the caller's second factor stands.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct SecondFactorStatus {
    pub enrolled: bool,
    /// The role must use one (policy).
    pub required: bool,
    /// When the grace period for enrolment ends (required, not enrolled).
    pub enrol_by: Option<DateTime<Utc>>,
    pub recovery_codes_left: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token; omit it when it travels in the `tgpl_refresh` cookie.
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    pub refresh_token: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[validate(length(min = 1, max = 256))]
    pub current_password: String,
    pub new_password: String,
}

/// The caller, as the server sees them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MeResponse {
    pub user_id: Uuid,
    pub username: String,
    /// The name to greet the caller with.
    pub full_name: String,
    pub role: tgpl_domain::Role,
    pub organisation_id: Uuid,
    pub centre_id: Option<Uuid>,
    pub province_code: Option<String>,
    /// The practitioner record of an officer or lawyer (their own cases).
    pub practitioner_id: Option<Uuid>,
    pub session_id: Option<Uuid>,
    /// The password is temporary: until it is changed, every other request
    /// answers 403.
    #[serde(default)]
    pub must_change_password: bool,
    #[serde(default)]
    pub second_factor: SecondFactorStatus,
    /// When the session last checked the password: privileged acts need
    /// this within the last 10 minutes.
    #[serde(default)]
    pub authenticated_at: Option<DateTime<Utc>>,
}

/// JSON Web Key Set with the public keys that verify access tokens.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Jwks {
    pub keys: Vec<Jwk>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Jwk {
    pub kty: String,
    pub crv: String,
    pub x: String,
    pub kid: String,
    pub alg: String,
    #[serde(rename = "use")]
    pub use_: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateApiKeyRequest {
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// What the key may reach, each `area:access` (`read`, `create` or
    /// `write`; the areas are the spec's tags): e.g. `cases:read`,
    /// `cases:create`, `documents:write`, `events:read`, `reports:read`.
    /// Each operation names the scope it needs in its `api_key` security
    /// requirement; the account's role still limits what the key can do.
    #[validate(length(min = 1, max = 60))]
    #[schema(example = json!(["cases:read", "cases:create", "documents:write"]))]
    pub scopes: Vec<String>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// Replace a key by a new one with the same name (and, unless given, the
/// same scopes and expiry). The old key keeps working for
/// `overlap_hours` (default 24, at most 168; 0 ends it at once), so the
/// integration can switch without an outage.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RotateApiKeyRequest {
    #[validate(range(max = 168))]
    pub overlap_hours: Option<u32>,
    /// New scopes; required for a key made before scopes existed.
    #[validate(length(min = 1, max = 60))]
    pub scopes: Option<Vec<String>>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// A new API key. `key` is shown only once: store it safely.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiKeyCreated {
    pub id: Uuid,
    pub name: String,
    pub prefix: String,
    /// Send as `Authorization: ApiKey <key>`.
    pub key: String,
    pub scopes: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    /// For a rotation: the key this one replaces, and until when that one
    /// still works.
    pub replaces: Option<Uuid>,
    pub replaced_key_expires_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiKeyDto {
    pub id: Uuid,
    pub name: String,
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// Every scope, for a key made before scopes existed.
    pub scopes: Vec<String>,
    /// Set once the key was rotated: its successor.
    pub replaced_by: Option<Uuid>,
}

/// The caller's calendar feed (iCalendar): hearings and deadlines.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CalendarFeedDto {
    /// The feed's path, to put after the site's address, e.g.
    /// `https://tgpl.example.vn` + path; given only when the feed is opened
    /// (the secret is not kept and cannot be shown again).
    pub path: Option<String>,
    pub opened_at: chrono::DateTime<chrono::Utc>,
    /// When a calendar last read it.
    pub last_read_at: Option<chrono::DateTime<chrono::Utc>>,
}
