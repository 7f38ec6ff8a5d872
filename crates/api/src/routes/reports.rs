//! Dashboards for leadership.
use crate::error::ApiError;
use crate::extract::Caller;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use tgpl_api_model::Problem;
use tgpl_api_model::reports::{CaseSummaryDto, CaseSummaryQuery};
use tgpl_app::service::reports as service;

/// Cases in the caller's scope by status and form of aid, overdue, urgent
/// and successful counts, and data completeness per unit (weakest first).
#[utoipa::path(get, path = "/api/v1/reports/case-summary", tag = "reports",
    params(CaseSummaryQuery),
    responses((status = 200, body = CaseSummaryDto), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = [])))]
#[get("/reports/case-summary")]
pub async fn case_summary(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<CaseSummaryQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::case_summary(&state, &caller, q.into_inner()).await?))
}
