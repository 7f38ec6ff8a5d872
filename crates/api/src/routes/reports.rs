//! Dashboards for leadership.
use crate::error::ApiError;
use crate::extract::{Caller, ValidJson};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use tgpl_api_model::cases::CaseDto;
use tgpl_api_model::reports::{
    CaseSummaryDto, CaseSummaryQuery, DashboardDto, DashboardQuery, ExportQuery, FormReportDto,
    FormReportQuery, ReviewReport, SubmissionDto, SubmissionQuery, SubmitReport,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::report_export::{self, ReportFile};
use tgpl_app::service::report_flow;
use tgpl_app::service::reports as service;
use tgpl_app::service::statistics;
use tgpl_domain::report::ReviewAct;
use uuid::Uuid;

/// Cases in the caller's scope by status and form of aid, overdue, urgent
/// and successful counts, and data completeness per unit (weakest first).
#[utoipa::path(get, path = "/api/v1/reports/case-summary", tag = "reports",
    params(CaseSummaryQuery),
    responses((status = 200, body = CaseSummaryDto), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["reports:read"])))]
#[get("/reports/case-summary")]
pub async fn case_summary(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<CaseSummaryQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::case_summary(&state, &caller, q.into_inner()).await?))
}

/// The leadership dashboard (DOMAIN §8) for a year, within the caller's
/// scope and filters: each practitioner's progress against the annual case
/// quota (furthest behind first), overdue steps by unit, data completeness
/// per unit, concluded and successful cases per month, and how long work
/// has waited at each step. Counts only, never a person.
#[utoipa::path(get, path = "/api/v1/reports/dashboard", tag = "reports",
    params(DashboardQuery),
    responses(
        (status = 200, body = DashboardDto),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["reports:read"])))]
#[get("/reports/dashboard")]
pub async fn dashboard(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<DashboardQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::dashboard_of(&state, &caller, q.into_inner()).await?))
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
    security(("bearer" = []), ("api_key" = ["reports:read"])))]
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
    security(("bearer" = []), ("api_key" = ["reports:read"])))]
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
        total: None,
    }))
}

/// The cases counted in one cell of a form as a file (`csv` or `xlsx`),
/// with the drill-down's parameters (`row`, `column`, period, unit), within
/// the caller's scope and masked as the caller reads the list; every page is
/// audited as a list read.
#[utoipa::path(get, path = "/api/v1/reports/forms/{kind}/cases/export/{format}", tag = "reports",
    params(("kind" = String, Path, description = "`form24` or `form25`"),
        ("format" = String, Path, description = "`csv` or `xlsx`"), FormReportQuery),
    responses(
        (status = 200, description = "the file", content_type = "text/csv", body = String),
        (status = 200, description = "the file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["reports:read"])))]
#[get("/reports/forms/{kind}/cases/export/{format}")]
pub async fn export_cell_cases(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
    q: web::Query<FormReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let (kind, format) = path.into_inner();
    let rows = tgpl_app::service::export::report_cell(
        state.app.clone(),
        caller.0.clone(),
        kind,
        q.into_inner(),
    );
    super::exported(rows, &format).await
}

/// Submit a unit's report: its table is frozen as it stands now (later
/// case edits do not change it), with its deadline and whether it is late.
/// A returned report is resubmitted as the next version.
#[utoipa::path(post, path = "/api/v1/reports/submissions", tag = "reports",
    request_body = SubmitReport,
    responses(
        (status = 201, body = SubmissionDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["reports:create"])))]
#[post("/reports/submissions")]
pub async fn submit(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<SubmitReport>,
) -> Result<HttpResponse, ApiError> {
    let s = report_flow::submit(&state, &caller, body.0).await?;
    Ok(HttpResponse::Created().json(report_flow::dto(s, true)))
}

/// Submitted reports within the caller's scope, newest first.
#[utoipa::path(get, path = "/api/v1/reports/submissions", tag = "reports",
    params(SubmissionQuery),
    responses((status = 200, body = Page<SubmissionDto>), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["reports:read"])))]
#[get("/reports/submissions")]
pub async fn submissions(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<SubmissionQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = report_flow::list(&state, &caller, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page
            .items
            .into_iter()
            .map(|s| report_flow::dto(s, false))
            .collect(),
        next: page.next,
        total: None,
    }))
}

/// One submitted report with its frozen table.
#[utoipa::path(get, path = "/api/v1/reports/submissions/{id}", tag = "reports",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = SubmissionDto), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["reports:read"])))]
#[get("/reports/submissions/{id}")]
pub async fn submission(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let s = report_flow::get(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(report_flow::dto(s, true)))
}

async fn review(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    act: ReviewAct,
    body: ReviewReport,
) -> Result<HttpResponse, ApiError> {
    let s = report_flow::review(state, caller, id, act, body).await?;
    Ok(HttpResponse::Ok().json(report_flow::dto(s, true)))
}

/// Return a submitted report to its unit with a reason (the Justice
/// Department for its units, the national department for the provinces).
#[utoipa::path(post, path = "/api/v1/reports/submissions/{id}/return", tag = "reports",
    params(("id" = Uuid, Path)),
    request_body = ReviewReport,
    responses(
        (status = 200, body = SubmissionDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["reports:write"])))]
#[post("/reports/submissions/{id}/return")]
pub async fn return_submission(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<ReviewReport>,
) -> Result<HttpResponse, ApiError> {
    review(&state, &caller, id.into_inner(), ReviewAct::Return, body.0).await
}

/// Accept a submitted report: it counts in the roll-up above.
#[utoipa::path(post, path = "/api/v1/reports/submissions/{id}/accept", tag = "reports",
    params(("id" = Uuid, Path)),
    request_body = ReviewReport,
    responses(
        (status = 200, body = SubmissionDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["reports:write"])))]
#[post("/reports/submissions/{id}/accept")]
pub async fn accept_submission(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<ReviewReport>,
) -> Result<HttpResponse, ApiError> {
    review(&state, &caller, id.into_inner(), ReviewAct::Accept, body.0).await
}

/// Reopen an accepted report with a reason: it goes back to its unit, and
/// the accepted version stays on record.
#[utoipa::path(post, path = "/api/v1/reports/submissions/{id}/reopen", tag = "reports",
    params(("id" = Uuid, Path)),
    request_body = ReviewReport,
    responses(
        (status = 200, body = SubmissionDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["reports:write"])))]
#[post("/reports/submissions/{id}/reopen")]
pub async fn reopen_submission(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<ReviewReport>,
) -> Result<HttpResponse, ApiError> {
    review(&state, &caller, id.into_inner(), ReviewAct::Reopen, body.0).await
}

fn file(f: ReportFile) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(f.format.content_type())
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", f.file_name),
        ))
        .body(f.bytes)
}

/// A form as a file: XLSX in the paper form's layout (title, unit, period,
/// merged group headers, numbered columns; the estimate and the sum on
/// their own sheets), or CSV with one line per cell. Same query as
/// `GET /reports/forms/{form}`, plus `format`.
#[utoipa::path(get, path = "/api/v1/reports/forms/{kind}/export", tag = "reports",
    params(("kind" = String, Path, description = "`24` or `25`"), FormReportQuery),
    responses(
        (status = 200, description = "The file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["reports:read"])))]
#[get("/reports/forms/{kind}/export")]
pub async fn export_form(
    state: web::Data<AppState>,
    caller: Caller,
    kind: web::Path<String>,
    q: web::Query<FormReportQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(file(
        report_export::form(&state, &caller, &kind, q.into_inner()).await?,
    ))
}

/// A submitted report's frozen table as a file (XLSX or CSV).
#[utoipa::path(get, path = "/api/v1/reports/submissions/{id}/export", tag = "reports",
    params(("id" = Uuid, Path), ExportQuery),
    responses(
        (status = 200, description = "The file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["reports:read"])))]
#[get("/reports/submissions/{id}/export")]
pub async fn export_submission(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    q: web::Query<ExportQuery>,
) -> Result<HttpResponse, ApiError> {
    let f =
        report_export::submission(&state, &caller, id.into_inner(), q.format.as_deref()).await?;
    Ok(file(f))
}
