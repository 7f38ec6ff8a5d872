use crate::error::ApiError;
use crate::extract::{Caller, RequestId, ValidJson};
use crate::state::AppState;
use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use tgpl_api_model::Problem;
use tgpl_api_model::auth::{
    ChangePasswordRequest, ConfirmSecondFactorRequest, Jwks, LoginRequest, MeResponse,
    ReauthenticateRequest, RecoveryCodes, RefreshRequest, SecondFactorConfirmed,
    SecondFactorEnrolment, TokenResponse,
};
use tgpl_app::service::auth as service;
use tgpl_app::service::second_factor::{self, Offered};

/// The cookie that carries the web app's refresh token: `HttpOnly` (script
/// never reads it), `SameSite=Strict`, sent only to `/api/v1/auth/`.
pub const REFRESH_COOKIE: &str = "tgpl_refresh";

fn refresh_cookie(state: &AppState, value: String, max_age: time::Duration) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, value)
        .path("/api/v1/auth/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.settings.https)
        .max_age(max_age)
        .finish()
}

/// The token answer; with `cookie`, the refresh token travels only in the cookie.
fn tokens_reply(state: &AppState, mut tokens: TokenResponse, cookie: bool) -> HttpResponse {
    let mut reply = HttpResponse::Ok();
    reply.insert_header((header::CACHE_CONTROL, "no-store"));
    if cookie && let Some(t) = tokens.refresh_token.take() {
        let ttl = time::Duration::seconds(tgpl_domain::auth::session_ttl().num_seconds());
        reply.cookie(refresh_cookie(state, t, ttl));
    }
    reply.json(tokens)
}

/// Log in with username and password (and the second factor's code once
/// one is enrolled).
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "Refused: one answer (`auth.invalid_credentials`) for wrong credentials or code, unknown users and locked accounts; `auth.second_factor_required` when the password was right and a code is needed", body = Problem, content_type = "application/problem+json"),
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
    let client = crate::extract::client_address(&req);
    let offered = Offered {
        totp_code: body.totp_code,
        recovery_code: body.recovery_code,
    };
    let tokens = service::login(
        &state,
        &body.username,
        body.password,
        offered,
        ua,
        &rid.0,
        &client,
    )
    .await?;
    Ok(tokens_reply(&state, tokens, body.refresh_cookie))
}

/// Exchange a refresh token for a new pair (the old one is spent). The
/// token comes from the body or, for the web app, the `tgpl_refresh`
/// cookie; the new one goes back the same way.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "Invalid, reused (session revoked) or expired", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    rid: RequestId,
    body: ValidJson<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let (token, cookie) = match body.0.refresh_token {
        Some(t) => (t, false),
        None => match req.cookie(REFRESH_COOKIE) {
            Some(_) if cross_site(&req) => {
                return Err(tgpl_app::AppError::Forbidden(
                    "the refresh cookie is only accepted from this site's own pages",
                )
                .into());
            }
            Some(c) => (c.value().to_owned(), true),
            None => {
                return Err(tgpl_app::AppError::unauthorized(
                    "auth.refresh_invalid",
                    "send the refresh token in the body or the tgpl_refresh cookie",
                )
                .into());
            }
        },
    };
    let tokens = service::refresh(&state, &token, &rid.0).await?;
    Ok(tokens_reply(&state, tokens, cookie))
}

/// Whether a cookie-carrying request came from another site's page (its
/// `Origin` names another host). The cookie is `SameSite=Strict` already;
/// this holds when a browser or proxy does not enforce that (ADR 0031).
fn cross_site(req: &HttpRequest) -> bool {
    let Some(origin) = req
        .headers()
        .get(actix_web::http::header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let host = req.connection_info().host().to_owned();
    let origin_host = origin
        .split_once("://")
        .map_or(origin, |(_, rest)| rest)
        .trim_end_matches('/');
    !origin_host.eq_ignore_ascii_case(&host)
}

/// End the current session. An API key has none: 409 `auth.api_key_logout`
/// (revoke the key to stop it working).
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses(
        (status = 204, description = "Logged out"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Sent with an API key, which has no session: revoke the key instead", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = [])))]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    service::logout(&state, &caller).await?;
    let mut gone = refresh_cookie(&state, String::new(), time::Duration::ZERO);
    gone.make_removal();
    Ok(HttpResponse::NoContent().cookie(gone).finish())
}

/// Check your password again (and your second factor's code, if enrolled):
/// privileged acts are open for the next 10 minutes. Returns a new access
/// token for the same session.
#[utoipa::path(post, path = "/api/v1/auth/reauthenticate", tag = "auth",
    request_body = ReauthenticateRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 422, description = "Wrong password or code", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong attempts (see Retry-After)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[post("/auth/reauthenticate")]
pub async fn reauthenticate(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<ReauthenticateRequest>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let offered = Offered {
        totp_code: b.totp_code,
        recovery_code: b.recovery_code,
    };
    let tokens = service::reauthenticate(&state, &caller, b.password, offered).await?;
    Ok(tokens_reply(&state, tokens, false))
}

/// Start enrolling a second factor (TOTP): returns the secret and its QR
/// code. Needs a password check within 10 minutes (login counts).
#[utoipa::path(post, path = "/api/v1/auth/second-factor", tag = "auth",
    responses(
        (status = 200, body = SecondFactorEnrolment),
        (status = 403, description = "`auth.reauthentication_required`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already enrolled", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[post("/auth/second-factor")]
pub async fn start_second_factor(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let enrolment = second_factor::start(&state, &caller).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(enrolment))
}

/// Confirm enrolment with a code from the app. Returns the recovery codes
/// (shown only now) and a new access token; other sessions end.
#[utoipa::path(post, path = "/api/v1/auth/second-factor/confirm", tag = "auth",
    request_body = ConfirmSecondFactorRequest,
    responses(
        (status = 200, body = SecondFactorConfirmed),
        (status = 409, description = "Enrolment not started", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong code", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[post("/auth/second-factor/confirm")]
pub async fn confirm_second_factor(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<ConfirmSecondFactorRequest>,
) -> Result<HttpResponse, ApiError> {
    let recovery_codes = second_factor::confirm(&state, &caller, &body.0.totp_code).await?;
    let token = service::reissue(&state, &caller).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(SecondFactorConfirmed {
            recovery_codes,
            token,
        }))
}

/// Replace your recovery codes (the old ones stop working). Needs a
/// password check within 10 minutes.
#[utoipa::path(post, path = "/api/v1/auth/second-factor/recovery-codes", tag = "auth",
    responses(
        (status = 200, body = RecoveryCodes),
        (status = 403, description = "`auth.reauthentication_required`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No second factor enrolled", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[post("/auth/second-factor/recovery-codes")]
pub async fn renew_recovery_codes(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let codes = second_factor::regenerate_recovery_codes(&state, &caller).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(codes))
}

/// Turn your second factor off (roles that must use one are then asked to
/// enrol again). Needs a password check within 10 minutes.
#[utoipa::path(delete, path = "/api/v1/auth/second-factor", tag = "auth",
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "`auth.reauthentication_required`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[delete("/auth/second-factor")]
pub async fn remove_second_factor(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    second_factor::remove_own(&state, &caller).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Who am I: the identity and scope the server sees.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth",
    responses((status = 200, body = MeResponse), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = [])))]
#[get("/auth/me")]
pub async fn me(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let user = service::me(&state, &caller).await?;
    let second_factor = second_factor::status(&state, &user).await?;
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
        second_factor,
        authenticated_at: caller.authenticated_at,
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
