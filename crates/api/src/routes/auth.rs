use crate::error::ApiError;
use crate::extract::{Caller, RequestId, ValidJson};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use tgpl_api_model::Problem;
use tgpl_api_model::auth::{
    ChangePasswordRequest, Jwks, LoginRequest, MeResponse, RefreshRequest, TokenResponse,
};
use tgpl_app::service::auth as service;

/// Log in with username and password.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "Refused: one answer for wrong credentials, unknown users and locked accounts", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts from this address (see Retry-After)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    rid: RequestId,
    body: ValidJson<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let ua = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = body.0;
    // The client address (behind a proxy, the proxy's: deploy/README).
    let client = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into());
    let tokens = service::login(&state, &body.username, body.password, ua, &rid.0, &client).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(tokens))
}

/// Exchange a refresh token for a new pair (the old one is spent).
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "Invalid, reused (session revoked) or expired", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    rid: RequestId,
    body: ValidJson<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let tokens = service::refresh(&state, &body.0.refresh_token, &rid.0).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(tokens))
}

/// End the current session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204, description = "Logged out"), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    service::logout(&state, &caller).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Who am I: the identity and scope the server sees.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth",
    responses((status = 200, body = MeResponse), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = [])))]
#[get("/auth/me")]
pub async fn me(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let user = service::me(&state, &caller).await?;
    Ok(HttpResponse::Ok().json(MeResponse {
        user_id: caller.actor.user_id,
        username: user.username,
        full_name: user.full_name,
        role: caller.actor.role,
        organisation_id: caller.actor.org_id,
        centre_id: caller.actor.centre_id,
        province_code: caller.actor.province.map(String::from),
        practitioner_id: user.practitioner_id,
        session_id: caller.session_id,
        must_change_password: user.must_change_password,
    }))
}

/// Change your own password; your other sessions end.
#[utoipa::path(post, path = "/api/v1/auth/password", tag = "auth",
    request_body = ChangePasswordRequest,
    responses((status = 204, description = "Changed"), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/auth/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    service::change_password(&state, &caller, b.current_password, b.new_password).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Public keys that verify access tokens (RFC 7517).
#[utoipa::path(get, path = "/api/v1/auth/jwks", tag = "auth", responses((status = 200, body = Jwks)))]
#[get("/auth/jwks")]
pub async fn jwks(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(Jwks {
        keys: vec![state.keys.jwk()],
    })
}
