use super::{created, versioned};
use crate::error::ApiError;
use crate::extract::{Caller, IfMatch, ValidJson};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use tgpl_api_model::auth::{ApiKeyCreated, ApiKeyDto, CreateApiKeyRequest, RotateApiKeyRequest};
use tgpl_api_model::common::DeactivateRequest;
use tgpl_api_model::users::{
    CreateUser, LockResult, LockUser, ResetPasswordRequest, ResetPasswordResult, UpdateUser,
    UserCreated, UserDto, UserQuery,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::users as service;
use tgpl_domain::policy::KeyGrant;
use uuid::Uuid;

/// List accounts visible to the caller.
#[utoipa::path(get, path = "/api/v1/users", tag = "users",
    params(UserQuery),
    responses((status = 200, body = Page<UserDto>), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["users:read"])))]
#[get("/users")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<UserQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = service::list(&state, &caller, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(UserDto::from).collect(),
        next: page.next,
        total: super::total_of(page.total),
    }))
}

/// The user accounts as a file: `csv` (streamed page by page, UTF-8 with a byte-order
/// mark) or `xlsx`, with the list's filters (paging parameters are
/// ignored), within the caller's scope and as the caller reads the list.
#[utoipa::path(get, path = "/api/v1/users/export/{format}", tag = "users",
    params(("format" = String, Path, description = "`csv` or `xlsx`"), UserQuery),
    responses(
        (status = 200, description = "the file", content_type = "text/csv", body = String),
        (status = 200, description = "the file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["users:read"])))]
#[get("/users/export/{format}")]
pub async fn export(
    state: web::Data<AppState>,
    caller: Caller,
    format: web::Path<String>,
    q: web::Query<UserQuery>,
) -> Result<HttpResponse, ApiError> {
    let rows =
        tgpl_app::service::export::users(state.app.clone(), caller.0.clone(), q.into_inner());
    super::exported(rows, &format).await
}

/// Create an account. Without `password` a temporary one is returned once.
#[utoipa::path(post, path = "/api/v1/users", tag = "users",
    request_body = CreateUser,
    responses(
        (status = 201, body = UserCreated),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Username taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["users:create"])))]
#[post("/users")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<CreateUser>,
) -> Result<HttpResponse, ApiError> {
    let (user, temporary_password) = service::create(&state, &caller, body.0).await?;
    Ok(created(
        format!("/api/v1/users/{}", user.id),
        user.version,
        UserCreated {
            user: user.into(),
            temporary_password,
        },
    ))
}

/// Read one account.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = UserDto, headers(("ETag" = String))), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["users:read"])))]
#[get("/users/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let u = service::get(&state, &caller, *id).await?;
    Ok(versioned(u.version, UserDto::from(u)))
}

/// Change an account (`If-Match` required). Changing the role needs the right to grant it.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    request_body = UpdateUser,
    responses((status = 200, body = UserDto), (status = 412, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["users:write"])))]
#[patch("/users/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateUser>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.expected(body.0.version)?;
    let u = service::update(&state, &caller, *id, expected, body.0).await?;
    Ok(versioned(u.version, UserDto::from(u)))
}

/// Deactivate an account and end its sessions.
#[utoipa::path(post, path = "/api/v1/users/{id}/deactivate", tag = "users",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    request_body = DeactivateRequest,
    responses((status = 200, body = UserDto), (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["users:write"])))]
#[post("/users/{id}/deactivate")]
pub async fn deactivate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<DeactivateRequest>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.expected(body.0.version)?;
    let u = service::deactivate(&state, &caller, *id, expected).await?;
    Ok(versioned(u.version, UserDto::from(u)))
}

/// Lock an account and revoke every session at once (leaked credentials).
#[utoipa::path(post, path = "/api/v1/users/{id}/lock", tag = "users",
    params(("id" = Uuid, Path)),
    request_body = LockUser,
    responses((status = 200, body = LockResult), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["users:write"])))]
#[post("/users/{id}/lock")]
pub async fn lock(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<LockUser>,
) -> Result<HttpResponse, ApiError> {
    let (user, sessions_revoked) = service::lock(&state, &caller, *id, body.0.reason).await?;
    Ok(HttpResponse::Ok().json(LockResult {
        user: user.into(),
        sessions_revoked,
    }))
}

/// Unlock an account (also clears a failed-login lockout).
#[utoipa::path(post, path = "/api/v1/users/{id}/unlock", tag = "users",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = UserDto), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["users:write"])))]
#[post("/users/{id}/unlock")]
pub async fn unlock(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let u = service::unlock(&state, &caller, *id).await?;
    Ok(versioned(u.version, UserDto::from(u)))
}

/// Set a new password (or generate a temporary one) and end all sessions.
#[utoipa::path(post, path = "/api/v1/users/{id}/reset-password", tag = "users",
    params(("id" = Uuid, Path)),
    request_body = ResetPasswordRequest,
    responses((status = 200, body = ResetPasswordResult), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["users:write"])))]
#[post("/users/{id}/reset-password")]
pub async fn reset_password(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<ResetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let (temporary_password, sessions_revoked) =
        service::reset_password(&state, &caller, *id, body.0.new_password).await?;
    Ok(HttpResponse::Ok().json(ResetPasswordResult {
        temporary_password,
        sessions_revoked,
    }))
}

/// Remove an account's second factor and recovery codes (a lost phone):
/// its sessions end, and it enrols again at its next login. Needs a
/// password check within 10 minutes.
#[utoipa::path(post, path = "/api/v1/users/{id}/second-factor/reset", tag = "users",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Removed; the account's sessions ended"),
        (status = 403, description = "Not allowed, or `auth.reauthentication_required`", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[post("/users/{id}/second-factor/reset")]
pub async fn reset_second_factor(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    tgpl_app::service::second_factor::reset_for(&state, &caller, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Issue an API key to an integration service account (shown once), with
/// the scopes it may use. Issuing, rotating and revoking keys is for
/// people who confirmed their password in the last 10 minutes, never for
/// a key.
#[utoipa::path(post, path = "/api/v1/users/{id}/api-keys", tag = "users",
    params(("id" = Uuid, Path)),
    request_body = CreateApiKeyRequest,
    responses((status = 201, body = ApiKeyCreated), (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/users/{id}/api-keys")]
pub async fn create_api_key(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<CreateApiKeyRequest>,
) -> Result<HttpResponse, ApiError> {
    let (key, secret) = service::create_api_key(&state, &caller, *id, body.0).await?;
    Ok(HttpResponse::Created().json(created_key(key, secret, None)))
}

fn created_key(
    key: tgpl_db::sessions::ApiKey,
    secret: String,
    replaced: Option<(Uuid, chrono::DateTime<chrono::Utc>)>,
) -> ApiKeyCreated {
    ApiKeyCreated {
        id: key.id,
        name: key.name,
        prefix: key.prefix,
        key: secret,
        scopes: scope_names(&key.grant),
        created_at: key.created_at,
        expires_at: key.expires_at,
        replaces: replaced.map(|r| r.0),
        replaced_key_expires_at: replaced.map(|r| r.1),
    }
}

fn scope_names(grant: &KeyGrant) -> Vec<String> {
    grant.scopes().iter().map(ToString::to_string).collect()
}

/// Replace a key by a new one (shown once) with the same name, scopes and
/// expiry unless given; the old key keeps working for `overlap_hours`
/// (default 24), so the integration switches without an outage. A key is
/// rotated once: rotate its successor next time.
#[utoipa::path(post, path = "/api/v1/users/{id}/api-keys/{key_id}/rotate", tag = "users",
    params(("id" = Uuid, Path), ("key_id" = Uuid, Path)),
    request_body = RotateApiKeyRequest,
    responses((status = 201, body = ApiKeyCreated), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/users/{id}/api-keys/{key_id}/rotate")]
pub async fn rotate_api_key(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidJson<RotateApiKeyRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, key_id) = path.into_inner();
    let r = service::rotate_api_key(&state, &caller, id, key_id, body.0).await?;
    Ok(HttpResponse::Created().json(created_key(
        r.key,
        r.secret,
        Some((r.replaces, r.old_expires_at)),
    )))
}

/// The API keys of a service account (never the secrets).
#[utoipa::path(get, path = "/api/v1/users/{id}/api-keys", tag = "users",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<ApiKeyDto>), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["users:read"])))]
#[get("/users/{id}/api-keys")]
pub async fn list_api_keys(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let keys = service::list_api_keys(&state, &caller, *id).await?;
    let dtos: Vec<ApiKeyDto> = keys
        .into_iter()
        .map(|k| ApiKeyDto {
            id: k.id,
            name: k.name,
            prefix: k.prefix,
            created_at: k.created_at,
            expires_at: k.expires_at,
            revoked_at: k.revoked_at,
            last_used_at: k.last_used_at,
            scopes: scope_names(&k.grant),
            replaced_by: k.replaced_by,
        })
        .collect();
    Ok(HttpResponse::Ok().json(dtos))
}

/// Revoke an API key at once.
#[utoipa::path(delete, path = "/api/v1/users/{id}/api-keys/{key_id}", tag = "users",
    params(("id" = Uuid, Path), ("key_id" = Uuid, Path)),
    responses((status = 204, description = "Revoked"), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[delete("/users/{id}/api-keys/{key_id}")]
pub async fn revoke_api_key(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, key_id) = path.into_inner();
    service::revoke_api_key(&state, &caller, id, key_id).await?;
    Ok(HttpResponse::NoContent().finish())
}
