use super::{created, versioned};
use crate::error::ApiError;
use crate::extract::{Caller, IfMatch, ValidJson};
use crate::state::AppState;
use actix_web::{HttpResponse, get, patch, post, web};
use tgpl_api_model::common::DeactivateRequest;
use tgpl_api_model::practitioners::{
    CreatePractitioner, PractitionerDto, PractitionerQuery, TransferDto, TransferPractitioner,
    UpdatePractitioner,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::practitioners as service;
use uuid::Uuid;

/// List practitioners visible to the caller.
#[utoipa::path(get, path = "/api/v1/practitioners", tag = "practitioners",
    params(PractitionerQuery),
    responses(
        (status = 200, body = Page<PractitionerDto>),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["practitioners:read"])))]
#[get("/practitioners")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PractitionerQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = service::list(&state, &caller, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(PractitionerDto::from).collect(),
        next: page.next,
        total: super::total_of(page.total),
    }))
}

/// The practitioner register as a file: `csv` (streamed page by page, UTF-8 with a byte-order
/// mark) or `xlsx`, with the list's filters (paging parameters are
/// ignored), within the caller's scope and as the caller reads the list.
#[utoipa::path(get, path = "/api/v1/practitioners/export/{format}", tag = "practitioners",
    params(("format" = String, Path, description = "`csv` or `xlsx`"), PractitionerQuery),
    responses(
        (status = 200, description = "the file", content_type = "text/csv", body = String),
        (status = 200, description = "the file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["practitioners:read"])))]
#[get("/practitioners/export/{format}")]
pub async fn export(
    state: web::Data<AppState>,
    caller: Caller,
    format: web::Path<String>,
    q: web::Query<PractitionerQuery>,
) -> Result<HttpResponse, ApiError> {
    let rows = tgpl_app::service::export::practitioners(
        state.app.clone(),
        caller.0.clone(),
        q.into_inner(),
    );
    super::exported(rows, &format).await
}

/// Register a practitioner with an organisation.
#[utoipa::path(post, path = "/api/v1/practitioners", tag = "practitioners",
    request_body = CreatePractitioner,
    responses(
        (status = 201, body = PractitionerDto),
        (status = 409, description = "Card number taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["practitioners:create"])))]
#[post("/practitioners")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<CreatePractitioner>,
) -> Result<HttpResponse, ApiError> {
    let p = service::create(&state, &caller, body.0).await?;
    Ok(created(
        format!("/api/v1/practitioners/{}", p.id),
        p.version,
        PractitionerDto::from(p),
    ))
}

/// Read one practitioner. The `ETag` is its version.
#[utoipa::path(get, path = "/api/v1/practitioners/{id}", tag = "practitioners",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = PractitionerDto, headers(("ETag" = String))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["practitioners:read"])))]
#[get("/practitioners/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let p = service::get(&state, &caller, *id).await?;
    Ok(versioned(p.version, PractitionerDto::from(p)))
}

/// Change a practitioner's details (`If-Match` required).
#[utoipa::path(patch, path = "/api/v1/practitioners/{id}", tag = "practitioners",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    request_body = UpdatePractitioner,
    responses(
        (status = 200, body = PractitionerDto),
        (status = 412, body = Problem, content_type = "application/problem+json"),
        (status = 428, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["practitioners:write"])))]
#[patch("/practitioners/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdatePractitioner>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.expected(body.0.version)?;
    let p = service::update(&state, &caller, *id, expected, body.0).await?;
    Ok(versioned(p.version, PractitionerDto::from(p)))
}

/// Record that a practitioner left (the record is kept).
#[utoipa::path(post, path = "/api/v1/practitioners/{id}/deactivate", tag = "practitioners",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    request_body = DeactivateRequest,
    responses((status = 200, body = PractitionerDto), (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["practitioners:write"])))]
#[post("/practitioners/{id}/deactivate")]
pub async fn deactivate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<DeactivateRequest>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.expected(body.0.version)?;
    let p = service::deactivate(&state, &caller, *id, expected).await?;
    Ok(versioned(p.version, PractitionerDto::from(p)))
}

/// Move a practitioner to another organisation; the transfer is recorded.
#[utoipa::path(post, path = "/api/v1/practitioners/{id}/transfer", tag = "practitioners",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    request_body = TransferPractitioner,
    responses((status = 200, body = PractitionerDto), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["practitioners:write"])))]
#[post("/practitioners/{id}/transfer")]
pub async fn transfer(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<TransferPractitioner>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.expected(body.0.version)?;
    let p = service::transfer(&state, &caller, *id, expected, body.0).await?;
    Ok(versioned(p.version, PractitionerDto::from(p)))
}

/// The practitioner's transfer history, oldest first.
#[utoipa::path(get, path = "/api/v1/practitioners/{id}/transfers", tag = "practitioners",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<TransferDto>), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["practitioners:read"])))]
#[get("/practitioners/{id}/transfers")]
pub async fn transfers(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let history = service::transfers(&state, &caller, *id).await?;
    Ok(HttpResponse::Ok().json(
        history
            .into_iter()
            .map(TransferDto::from)
            .collect::<Vec<_>>(),
    ))
}
