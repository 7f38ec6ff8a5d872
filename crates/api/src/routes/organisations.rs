use super::{created, versioned};
use crate::error::ApiError;
use crate::extract::{Caller, IfMatch, ValidJson};
use crate::state::AppState;
use actix_web::{HttpResponse, get, patch, post, web};
use tgpl_api_model::common::DeactivateRequest;
use tgpl_api_model::organisations::{
    CreateOrganisation, MergeOrganisation, MergeResult, OrganisationDto, OrganisationQuery,
    UpdateOrganisation,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::organisations as service;
use uuid::Uuid;

/// List organisations visible to the caller.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations",
    params(OrganisationQuery),
    responses(
        (status = 200, description = "One page of organisations", body = Page<OrganisationDto>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["organisations:read"])))]
#[get("/organisations")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<OrganisationQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = service::list(&state, &caller, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(OrganisationDto::from).collect(),
        next: page.next,
        total: super::total_of(page.total),
    }))
}

/// The organisation register as a file: `csv` (streamed page by page, UTF-8 with a byte-order
/// mark) or `xlsx`, with the list's filters (paging parameters are
/// ignored), within the caller's scope and as the caller reads the list.
#[utoipa::path(get, path = "/api/v1/organisations/export/{format}", tag = "organisations",
    params(("format" = String, Path, description = "`csv` or `xlsx`"), OrganisationQuery),
    responses(
        (status = 200, description = "the file", content_type = "text/csv", body = String),
        (status = 200, description = "the file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["organisations:read"])))]
#[get("/organisations/export/{format}")]
pub async fn export(
    state: web::Data<AppState>,
    caller: Caller,
    format: web::Path<String>,
    q: web::Query<OrganisationQuery>,
) -> Result<HttpResponse, ApiError> {
    let rows = tgpl_app::service::export::organisations(
        state.app.clone(),
        caller.0.clone(),
        q.into_inner(),
    );
    super::exported(rows, &format).await
}

/// Create an organisation under its parent in the hierarchy.
#[utoipa::path(post, path = "/api/v1/organisations", tag = "organisations",
    request_body = CreateOrganisation,
    responses(
        (status = 201, description = "Created", body = OrganisationDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields or placement", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["organisations:create"])))]
#[post("/organisations")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<CreateOrganisation>,
) -> Result<HttpResponse, ApiError> {
    let org = service::create(&state, &caller, body.0).await?;
    Ok(created(
        format!("/api/v1/organisations/{}", org.id),
        org.version,
        OrganisationDto::from(org),
    ))
}

/// Read one organisation. The `ETag` is its version.
#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "organisations",
    params(("id" = Uuid, Path, description = "Organisation id")),
    responses(
        (status = 200, body = OrganisationDto, headers(("ETag" = String, description = "Version"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["organisations:read"])))]
#[get("/organisations/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let org = service::get(&state, &caller, *id).await?;
    Ok(versioned(org.version, OrganisationDto::from(org)))
}

/// Change an organisation's details. Send the version you edited as `If-Match`.
#[utoipa::path(patch, path = "/api/v1/organisations/{id}", tag = "organisations",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "ETag of the version edited")),
    request_body = UpdateOrganisation,
    responses(
        (status = 200, body = OrganisationDto),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone else changed it first", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "No version given", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["organisations:write"])))]
#[patch("/organisations/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<UpdateOrganisation>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.expected(body.0.version)?;
    let org = service::update(&state, &caller, *id, expected, body.0).await?;
    Ok(versioned(org.version, OrganisationDto::from(org)))
}

/// Mark an organisation inactive (it stops taking part; history stays).
#[utoipa::path(post, path = "/api/v1/organisations/{id}/deactivate", tag = "organisations",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    request_body = DeactivateRequest,
    responses(
        (status = 200, body = OrganisationDto),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 412, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["organisations:write"])))]
#[post("/organisations/{id}/deactivate")]
pub async fn deactivate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<DeactivateRequest>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.expected(body.0.version)?;
    let org = service::deactivate(&state, &caller, *id, expected).await?;
    Ok(versioned(org.version, OrganisationDto::from(org)))
}

/// Merge this organisation into another of the same kind (keeps history).
#[utoipa::path(post, path = "/api/v1/organisations/{id}/merge", tag = "organisations",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    request_body = MergeOrganisation,
    responses(
        (status = 200, body = MergeResult),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 412, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["organisations:write"])))]
#[post("/organisations/{id}/merge")]
pub async fn merge(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<MergeOrganisation>,
) -> Result<HttpResponse, ApiError> {
    let req = body.0;
    let expected = if_match.expected(req.version)?;
    let m = service::merge(&state, &caller, *id, expected, req).await?;
    Ok(HttpResponse::Ok().json(MergeResult {
        merged: m.merged.into(),
        into: m.into.into(),
        children_moved: m.children_moved,
        practitioners_moved: m.practitioners_moved,
        users_moved: m.users_moved,
    }))
}
