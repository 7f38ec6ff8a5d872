use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tgpl_domain::Role;
use tgpl_domain::records::{UserAccount, UserStatus};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserDto {
    pub id: Uuid,
    pub username: String,
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub role: Role,
    pub organisation_id: Uuid,
    pub province_code: Option<String>,
    pub practitioner_id: Option<Uuid>,
    pub status: UserStatus,
    /// Locked by an administrator (e.g. leaked credentials).
    pub locked: bool,
    pub locked_reason: Option<String>,
    /// Temporarily locked out after repeated failed logins, until this time.
    pub locked_until: Option<DateTime<Utc>>,
    pub must_change_password: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<UserAccount> for UserDto {
    fn from(u: UserAccount) -> Self {
        Self {
            id: u.id,
            username: u.username,
            full_name: u.full_name,
            email: u.email,
            phone: u.phone,
            role: u.role,
            organisation_id: u.organisation_id,
            province_code: u.province_code.map(String::from),
            practitioner_id: u.practitioner_id,
            status: u.status,
            locked: u.locked,
            locked_reason: u.locked_reason,
            locked_until: u.locked_until,
            must_change_password: u.must_change_password,
            last_login_at: u.last_login_at,
            version: u.version,
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    pub username: String,
    #[validate(length(min = 2, max = 200))]
    pub full_name: String,
    #[validate(email)]
    pub email: Option<String>,
    pub phone: Option<String>,
    pub role: Role,
    pub organisation_id: Uuid,
    /// The register entry of an officer or lawyer account.
    pub practitioner_id: Option<Uuid>,
    /// Initial password; when absent a temporary one is generated and
    /// returned once. Service accounts have none (they use API keys).
    pub password: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserCreated {
    pub user: UserDto,
    /// Shown once; the user must change it at first login.
    pub temporary_password: Option<String>,
}

/// Fields to change; absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    /// Expected version (or send `If-Match`).
    pub version: Option<i32>,
    #[validate(length(min = 2, max = 200))]
    pub full_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub role: Option<Role>,
    /// Move the account to another organisation (one the caller may grant
    /// the account's role in). Its sessions end; a linked practitioner
    /// must belong to the new organisation (transfer the practitioner
    /// first, or link one of the new organisation's in `practitioner_id`).
    pub organisation_id: Option<Uuid>,
    pub practitioner_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LockUser {
    #[validate(length(min = 1, max = 500))]
    pub reason: String,
}

/// The account after a lock, and how many sessions were revoked at once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LockResult {
    pub user: UserDto,
    pub sessions_revoked: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    /// New password; when absent a temporary one is generated.
    pub new_password: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ResetPasswordResult {
    pub temporary_password: Option<String>,
    pub sessions_revoked: u64,
}

/// Query parameters of `GET /users`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct UserQuery {
    pub role: Option<Role>,
    pub organisation_id: Option<Uuid>,
    pub province: Option<String>,
    pub status: Option<UserStatus>,
    pub locked: Option<bool>,
    /// Search over name and username; ignores diacritics.
    pub q: Option<String>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}
