//! The person registry: a person's page, suggested duplicates, merges and
//! their undoing (issue #15 item 3).
use crate::error::ApiError;
use crate::extract::{Caller, ValidJson};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use tgpl_api_model::Problem;
use tgpl_api_model::persons::{
    DistinctPersons, DuplicateDto, DuplicateQuery, MergePersons, PersonCaseDto, PersonDto,
    PersonMergeDto, PersonPageDto,
};
use tgpl_app::service::persons as service;
use uuid::Uuid;

/// Records that are perhaps one person, each with its reason (the same ID
/// number under another name; the same name and birth date in another
/// province or under another ID number), among the people of the cases
/// the caller may merge (leadership). Pairs marked as two people are left out.
#[utoipa::path(get, path = "/api/v1/persons/duplicates", tag = "persons",
    params(DuplicateQuery),
    responses(
        (status = 200, body = Vec<DuplicateDto>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["persons:read"])))]
#[get("/persons/duplicates")]
pub async fn duplicates(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<DuplicateQuery>,
) -> Result<HttpResponse, ApiError> {
    let pairs = service::duplicates(&state, &caller, q.limit).await?;
    Ok(HttpResponse::Ok().json(
        pairs
            .into_iter()
            .map(|s| DuplicateDto {
                first: s.first.into(),
                second: s.second.into(),
                reason: s.reason,
                reason_label: s.reason.label_vi().to_owned(),
                first_cases: s.first_cases,
                second_cases: s.second_cases,
            })
            .collect::<Vec<_>>(),
    ))
}

/// A person's page: the record (birth date and ID number masked for roles
/// without a need to know) and their cases within the caller's scope, read
/// and audited as the case list; 404 when the caller may see none.
#[utoipa::path(get, path = "/api/v1/persons/{id}", tag = "persons",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = PersonPageDto),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["persons:read"])))]
#[get("/persons/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let view = service::get(&state, &caller, *id).await?;
    let cases = view
        .cases
        .into_iter()
        .map(|v| {
            let c = v.case;
            PersonCaseDto {
                id: c.id,
                code: c.code.as_ref().map(ToString::to_string),
                status: c.status,
                form_of_aid: c.form_of_aid,
                field_of_law: c.field_of_law,
                request_date: c.request_date,
                organisation_id: c.organisation_id,
                roles: view.roles.get(&c.id).cloned().unwrap_or_default(),
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(PersonPageDto {
        person: PersonDto::from(view.person),
        cases,
        merges: view.merges.into_iter().map(PersonMergeDto::from).collect(),
    }))
}

/// Merge record `merged_id` into record `kept_id` (leadership): every
/// party of the merged record now points at the kept one, whose page then
/// lists both records' cases; the merged record stays, marked, and the
/// merge can be undone. Audited.
#[utoipa::path(post, path = "/api/v1/person-merges", tag = "persons",
    request_body = MergePersons,
    responses(
        (status = 201, body = PersonMergeDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "the same record, or one already merged", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["persons:write"])))]
#[post("/person-merges")]
pub async fn merge(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<MergePersons>,
) -> Result<HttpResponse, ApiError> {
    let req = body.0;
    let m = service::merge(&state, &caller, req.kept_id, req.merged_id, req.reason).await?;
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/person-merges/{}", m.id),
        ))
        .json(PersonMergeDto::from(m)))
}

/// Undo a merge: the parties it moved go back to the merged record.
/// Merges are undone newest first (409 `person.merged_since` otherwise).
#[utoipa::path(post, path = "/api/v1/person-merges/{id}/undo", tag = "persons",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = PersonMergeDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["persons:write"])))]
#[post("/person-merges/{id}/undo")]
pub async fn undo(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let m = service::undo_merge(&state, &caller, *id).await?;
    Ok(HttpResponse::Ok().json(PersonMergeDto::from(m)))
}

/// Mark a suggested pair as two people: it is not suggested again.
#[utoipa::path(post, path = "/api/v1/persons/distinct-pairs", tag = "persons",
    request_body = DistinctPersons,
    responses(
        (status = 204, description = "recorded"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["persons:write"])))]
#[post("/persons/distinct-pairs")]
pub async fn distinct(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<DistinctPersons>,
) -> Result<HttpResponse, ApiError> {
    service::mark_distinct(&state, &caller, body.0.first_id, body.0.second_id).await?;
    Ok(HttpResponse::NoContent().finish())
}
