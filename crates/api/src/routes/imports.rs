//! Imports from the old system (national admin): upload a file, follow the
//! run, read the refused rows.
use crate::error::{ApiError, AppError};
use crate::extract::Caller;
use crate::state::AppState;
use crate::upload::receive_import;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use futures_util::StreamExt;
use tgpl_api_model::imports::{
    ImportDto, ImportForm, ImportProblemDto, ImportQuery, ProblemsQuery,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::import as service;
use tgpl_db::page::{decode_cursor, encode_cursor};
use uuid::Uuid;

/// Import the old system's export of one register (organisations, then
/// practitioners, then cases). Send multipart/form-data (`kind`, optional
/// `dry_run` and `mapping`, then the `file` part) or the raw file with
/// `?kind=&filename=&dry_run=`. The file is kept and the run queued: follow
/// it at `Location`. A dry run checks every row and writes only its report.
#[utoipa::path(post, path = "/api/v1/imports", tag = "imports",
    params(ImportQuery),
    request_body(content(
        (ImportForm = "multipart/form-data"),
        (Vec<u8> = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )),
    responses(
        (status = 202, description = "queued", body = ImportDto, headers(("Location" = String))),
        (status = 400, description = "truncated or malformed upload", body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "not UTF-8 CSV or XLSX", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "kind, file name or mapping invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["imports:create"])))]
#[post("/imports")]
pub async fn start(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<ImportQuery>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let run = receive_import(&state, &caller, &req, payload, q.into_inner()).await?;
    Ok(HttpResponse::Accepted()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/imports/{}", run.id),
        ))
        .json(ImportDto::from(run)))
}

#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportListQuery {
    /// 1–200, default 50.
    pub limit: Option<u64>,
}

/// The latest import runs, newest first.
#[utoipa::path(get, path = "/api/v1/imports", tag = "imports",
    params(ImportListQuery),
    responses((status = 200, body = Page<ImportDto>), (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["imports:read"])))]
#[get("/imports")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<ImportListQuery>,
) -> Result<HttpResponse, ApiError> {
    let runs = service::list(&state, &caller, q.limit.unwrap_or(50)).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: runs.into_iter().map(ImportDto::from).collect(),
        next: None,
        total: None,
    }))
}

/// The column mapping used when an import brings none (TOML, documented).
#[utoipa::path(get, path = "/api/v1/imports/default-mapping", tag = "imports",
    responses(
        (status = 200, content_type = "application/toml", body = String),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["imports:read"])))]
#[get("/imports/default-mapping")]
pub async fn default_mapping(_caller: Caller) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/toml; charset=utf-8")
        .body(service::mapping::DEFAULT)
}

/// One run: its state and progress (poll it while `queued` or `running`).
#[utoipa::path(get, path = "/api/v1/imports/{id}", tag = "imports",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ImportDto), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["imports:read"])))]
#[get("/imports/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let run = service::get(&state, &caller, *id).await?;
    Ok(HttpResponse::Ok().json(ImportDto::from(run)))
}

/// The rows a run refused, in file order: row, field, value and reason.
#[utoipa::path(get, path = "/api/v1/imports/{id}/problems", tag = "imports",
    params(("id" = Uuid, Path), ProblemsQuery),
    responses((status = 200, body = Page<ImportProblemDto>), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["imports:read"])))]
#[get("/imports/{id}/problems")]
pub async fn problems(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    q: web::Query<ProblemsQuery>,
) -> Result<HttpResponse, ApiError> {
    let after = match q.after.as_deref().filter(|a| !a.is_empty()) {
        None => None,
        Some(a) => Some(decode_cursor(a).ok_or_else(|| {
            AppError::field("after", "invalid", "cursor is not one this server issued")
        })?),
    };
    let limit = q.limit.unwrap_or(200);
    if !(1..=1000).contains(&limit) {
        return Err(AppError::field("limit", "invalid", "limit must be between 1 and 1000").into());
    }
    let mut page = service::problems(&state, &caller, *id, after, limit + 1).await?;
    let more = page.len() as u64 > limit;
    page.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next = more
        .then(|| page.last().map(|(id, _)| encode_cursor(*id)))
        .flatten();
    Ok(HttpResponse::Ok().json(Page {
        items: page
            .into_iter()
            .map(|(_, p)| ImportProblemDto::from(p))
            .collect(),
        next,
        total: None,
    }))
}

/// The refused rows as CSV (UTF-8 with a byte-order mark, for Excel).
#[utoipa::path(get, path = "/api/v1/imports/{id}/problems.csv", tag = "imports",
    params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "text/csv", body = String), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["imports:read"])))]
#[get("/imports/{id}/problems.csv")]
pub async fn problems_csv(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let stream = service::problems_csv(&state, &caller, *id).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"loi-nhap-du-lieu-{id}.csv\""),
        ))
        .streaming(stream.map(|r| r.map_err(ApiError))))
}
