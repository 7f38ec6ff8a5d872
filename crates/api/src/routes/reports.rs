//! Dashboards for leadership.
use crate::error::ApiError;
use crate::extract::Caller;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use tgpl_api_model::cases::CaseDto;
use tgpl_api_model::reports::{CaseSummaryDto, CaseSummaryQuery, FormReportDto, FormReportQuery};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::reports as service;
use tgpl_app::service::statistics;

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

/// A statistical form (24: persons aided; 25: cases) for a unit and period,
/// computed from the case data, laid out as the template in force at the
/// period's end: rows by field of law and form of aid, numbered columns,
/// each cell's actual figure to the cut-off and the projection after it.
#[utoipa::path(get, path = "/api/v1/reports/forms/{kind}", tag = "reports",
    params(("kind" = String, Path, description = "the form: `24` or `25`"), FormReportQuery),
    responses(
        (status = 200, body = FormReportDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = [])))]
#[get("/reports/forms/{kind}")]
pub async fn form(
    state: web::Data<AppState>,
    caller: Caller,
    kind: web::Path<String>,
    q: web::Query<FormReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let report = statistics::form(&state, &caller, &kind, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(report))
}

/// The cases behind one cell of a form (`row`, `column`; same period and
/// unit parameters): where a figure comes from, masked and audited like
/// any case list.
#[utoipa::path(get, path = "/api/v1/reports/forms/{kind}/cases", tag = "reports",
    params(("kind" = String, Path, description = "the form: `24` or `25`"), FormReportQuery),
    responses(
        (status = 200, body = Page<CaseDto>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = [])))]
#[get("/reports/forms/{kind}/cases")]
pub async fn cell_cases(
    state: web::Data<AppState>,
    caller: Caller,
    kind: web::Path<String>,
    q: web::Query<FormReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = statistics::cell_cases(&state, &caller, &kind, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page
            .items
            .into_iter()
            .map(|v| CaseDto::new(v.case, v.completeness, v.allowed_acts, v.today))
            .collect(),
        next: page.next,
    }))
}
