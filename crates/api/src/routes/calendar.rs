//! The caller's calendar feed: open (or renew), see, revoke; and the feed
//! itself, read by calendar apps with the secret in the URL.
use crate::error::ApiError;
use crate::extract::{Caller, RequestId};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, web};
use tgpl_api_model::Problem;
use tgpl_api_model::auth::CalendarFeedDto;
use tgpl_app::service::calendar as service;

/// Where a feed is read.
pub const FEED_PATH: &str = "/api/v1/calendar-feeds/";

/// Whether your calendar feed is open, and when a calendar last read it.
#[utoipa::path(get, path = "/api/v1/auth/calendar-feed", tag = "auth",
    responses(
        (status = 200, body = CalendarFeedDto),
        (status = 404, description = "No feed is open", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[get("/auth/calendar-feed")]
pub async fn feed_status(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let s = service::feed_status(&state, &caller).await?;
    Ok(HttpResponse::Ok().json(CalendarFeedDto {
        path: None,
        opened_at: s.opened_at,
        last_read_at: s.last_read_at,
    }))
}

/// Open your calendar feed (iCalendar: the hearings you attend or oversee,
/// and the deadlines you are reminded of), or renew its secret: the path
/// returned is shown once, and any older one stops working.
#[utoipa::path(post, path = "/api/v1/auth/calendar-feed", tag = "auth",
    responses((status = 201, body = CalendarFeedDto)),
    security(("bearer" = [])))]
#[post("/auth/calendar-feed")]
pub async fn open_feed(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let secret = service::open_feed(&state, &caller).await?;
    Ok(HttpResponse::Created().json(CalendarFeedDto {
        path: Some(format!("{FEED_PATH}{secret}.ics")),
        opened_at: caller.at.now,
        last_read_at: None,
    }))
}

/// Revoke your calendar feed: its URL stops working at once.
#[utoipa::path(delete, path = "/api/v1/auth/calendar-feed", tag = "auth",
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "No feed is open", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[delete("/auth/calendar-feed")]
pub async fn close_feed(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    service::close_feed(&state, &caller).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A calendar feed (`text/calendar`), for calendar apps: the secret in the
/// URL is the credential. Case codes, courts and dates only, never a name.
#[utoipa::path(get, path = "/api/v1/calendar-feeds/{secret}", tag = "auth",
    params(("secret" = String, Path, description = "The feed's secret, with or without `.ics`")),
    responses(
        (status = 200, description = "iCalendar (RFC 5545)", content_type = "text/calendar", body = String),
        (status = 404, description = "Unknown or revoked", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/calendar-feeds/{secret}")]
pub async fn feed(
    state: web::Data<AppState>,
    secret: web::Path<String>,
    rid: RequestId,
) -> Result<HttpResponse, ApiError> {
    let secret = secret.trim_end_matches(".ics");
    let ics = service::feed(&state, secret, &rid.0).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .body(ics))
}
