//! The change feed.
use crate::error::ApiError;
use crate::extract::Caller;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use tgpl_api_model::Problem;
use tgpl_api_model::events::{ChangeFeedPage, ChangeFeedQuery};
use tgpl_app::service::change_feed as service;

/// What happened to cases, oldest first, after a sequence number, within
/// the caller's scope; no personal data. Poll with the last `seq` read as
/// `after`; the sequence has no gaps.
#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    params(ChangeFeedQuery),
    responses(
        (status = 200, body = ChangeFeedPage),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["events:read"])))]
#[get("/events")]
pub async fn feed(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<ChangeFeedQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, q.into_inner()).await?))
}
