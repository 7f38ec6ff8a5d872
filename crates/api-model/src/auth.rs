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
    pub refresh_token: String,
    pub must_change_password: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[validate(length(min = 1, max = 200))]
    pub refresh_token: String,
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
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
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
}
