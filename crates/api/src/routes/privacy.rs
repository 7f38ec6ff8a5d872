//! The person's rights over their data (Law 91/2025; issue #12): requests
//! for a copy, a correction or a deletion, sent online or recorded at the
//! unit, and answered by its data-protection officer.
use super::versioned;
use crate::error::ApiError;
use crate::extract::{Caller, ValidJson, Visitor};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use tgpl_api_model::privacy::{
    AnswerSubjectRequest, CorrectPersonalData, DeletionDone, NewSubjectRequest, PersonalDataExport,
    PublicSubjectRequest, SubjectRequestDto, SubjectRequestQuery, SubjectRequestReceipt,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::privacy::{self as service, RequestView};
use uuid::Uuid;

fn dto(v: RequestView, today: chrono::NaiveDate) -> SubjectRequestDto {
    let r = v.request;
    SubjectRequestDto {
        overdue: r.overdue(today),
        id: r.id,
        kind: r.kind,
        kind_label_vi: r.kind.label_vi().to_owned(),
        status: r.status,
        case_id: r.case_id,
        case_code: v.case_code,
        party_id: r.party_id,
        party_role: v.party_role,
        organisation_id: r.organisation_id,
        person_name: v.person_name,
        channel: r.channel,
        details: r.details,
        received_at: r.received_at,
        received_on: r.received_on,
        due_on: r.due_on,
        answered_at: r.answered_at,
        answer: r.answer,
        version: r.version,
    }
}

/// Ask, about one's own case, for a copy of one's data, a correction or a
/// deletion (Law 91/2025). Opened like the progress lookup: the tracking
/// code, or the case code with its province, and the receipt's secret.
#[utoipa::path(post, path = "/api/v1/public/privacy-requests", tag = "public",
    request_body = PublicSubjectRequest,
    responses(
        (status = 201, body = SubjectRequestReceipt),
        (status = 401, description = "The code and secret do not match (`public.lookup_refused`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The centre has not taken the request in yet (`privacy.no_case_yet`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Locked after repeated wrong secrets (see Retry-After)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/public/privacy-requests")]
pub async fn submit_privacy_request(
    state: web::Data<AppState>,
    visitor: Visitor,
    body: ValidJson<PublicSubjectRequest>,
) -> Result<HttpResponse, ApiError> {
    let r = service::submit(&state, &visitor.0, body.0).await?;
    Ok(HttpResponse::Created().json(SubjectRequestReceipt {
        kind: r.kind,
        kind_label_vi: r.kind.label_vi().to_owned(),
        received_on: r.received_on,
        due_on: r.due_on,
    }))
}

/// The personal-data requests of the officer's reach, oldest first, with
/// whether the answer is late.
#[utoipa::path(get, path = "/api/v1/privacy-requests", tag = "privacy",
    params(SubjectRequestQuery),
    responses(
        (status = 200, body = Page<SubjectRequestDto>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["privacy:read"])))]
#[get("/privacy-requests")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<SubjectRequestQuery>,
) -> Result<HttpResponse, ApiError> {
    let today = caller.at.today;
    let page = service::list(&state, &caller, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(|v| dto(v, today)).collect(),
        next: page.next,
        total: None,
    }))
}

/// Record a request a person made at the unit, in person or in writing;
/// it is due by the period of its kind.
#[utoipa::path(post, path = "/api/v1/privacy-requests", tag = "privacy",
    request_body = NewSubjectRequest,
    responses(
        (status = 201, body = SubjectRequestDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["privacy:create"])))]
#[post("/privacy-requests")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<NewSubjectRequest>,
) -> Result<HttpResponse, ApiError> {
    let r = service::create(&state, &caller, body.0).await?;
    let v = service::get(&state, &caller, r.id).await?;
    Ok(HttpResponse::Created().json(dto(v, caller.at.today)))
}

/// One request (the read is audited).
#[utoipa::path(get, path = "/api/v1/privacy-requests/{id}", tag = "privacy",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = SubjectRequestDto, headers(("ETag" = String))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["privacy:read"])))]
#[get("/privacy-requests/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let v = service::get(&state, &caller, *id).await?;
    Ok(versioned(v.request.version, dto(v, caller.at.today)))
}

/// The person's copy for an access request: their data in clear, the other
/// people in the case masked (audited as a read of the case).
#[utoipa::path(get, path = "/api/v1/privacy-requests/{id}/export", tag = "privacy",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = PersonalDataExport),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not an access request (`privacy.wrong_kind`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["privacy:read"])))]
#[get("/privacy-requests/{id}/export")]
pub async fn export(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let e = service::export(&state, &caller, *id).await?;
    Ok(HttpResponse::Ok().json(e))
}

/// Answer an access request: the copy was handed to the person.
#[utoipa::path(post, path = "/api/v1/privacy-requests/{id}/provide", tag = "privacy",
    params(("id" = Uuid, Path)),
    request_body = AnswerSubjectRequest,
    responses(
        (status = 200, body = SubjectRequestDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Answered already, or not an access request", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["privacy:write"])))]
#[post("/privacy-requests/{id}/provide")]
pub async fn provide(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<AnswerSubjectRequest>,
) -> Result<HttpResponse, ApiError> {
    let v = service::provide(&state, &caller, *id, body.0).await?;
    Ok(versioned(v.request.version, dto(v, caller.at.today)))
}

/// Answer a correction request: the person's data is corrected (audited,
/// an event on the case) and the request closed.
#[utoipa::path(post, path = "/api/v1/privacy-requests/{id}/correct", tag = "privacy",
    params(("id" = Uuid, Path)),
    request_body = CorrectPersonalData,
    responses(
        (status = 200, body = SubjectRequestDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Answered already, not a correction request, or the person's data was deleted", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or nothing to change (`privacy.nothing_to_correct`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["privacy:write"])))]
#[post("/privacy-requests/{id}/correct")]
pub async fn correct(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<CorrectPersonalData>,
) -> Result<HttpResponse, ApiError> {
    let v = service::correct(&state, &caller, *id, body.0).await?;
    Ok(versioned(v.request.version, dto(v, caller.at.today)))
}

/// Answer a deletion request. A refused request is erased (its people,
/// summary and papers); a case that entered the register is kept and still
/// counted in forms 24 and 25, without the person's identity anywhere:
/// parties, summary, notices, notes, search, the audit trail's values.
#[utoipa::path(post, path = "/api/v1/privacy-requests/{id}/delete", tag = "privacy",
    params(("id" = Uuid, Path)),
    request_body = AnswerSubjectRequest,
    responses(
        (status = 200, body = DeletionDone),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Answered already, not a deletion request, or deleted already", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["privacy:write"])))]
#[post("/privacy-requests/{id}/delete")]
pub async fn delete(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<AnswerSubjectRequest>,
) -> Result<HttpResponse, ApiError> {
    let today = caller.at.today;
    let d = service::delete(&state, &caller, *id, body.0).await?;
    Ok(HttpResponse::Ok().json(DeletionDone {
        request: dto(d.request, today),
        erasure: d.erasure,
    }))
}

/// Refuse a request with the reason the person is told (e.g. they could
/// not be identified).
#[utoipa::path(post, path = "/api/v1/privacy-requests/{id}/refuse", tag = "privacy",
    params(("id" = Uuid, Path)),
    request_body = AnswerSubjectRequest,
    responses(
        (status = 200, body = SubjectRequestDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Answered already", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["privacy:write"])))]
#[post("/privacy-requests/{id}/refuse")]
pub async fn refuse(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<AnswerSubjectRequest>,
) -> Result<HttpResponse, ApiError> {
    let v = service::refuse(&state, &caller, *id, body.0).await?;
    Ok(versioned(v.request.version, dto(v, caller.at.today)))
}
