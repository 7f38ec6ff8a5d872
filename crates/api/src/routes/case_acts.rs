//! The law's acts on a case, one operation each (`POST /cases/{id}/accept`,
//! `/refuse`, …) with its own body. Each takes the expected `version` in the
//! body or `If-Match`, and answers the updated case with its `ETag`.
use super::versioned;
use crate::error::ApiError;
use crate::extract::{Caller, IfMatch, ValidJson};
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use tgpl_api_model::Problem;
use tgpl_api_model::case_acts::*;
use tgpl_api_model::cases::CaseDto;
use tgpl_app::service::cases as service;
use uuid::Uuid;

async fn run(
    state: web::Data<AppState>,
    caller: Caller,
    id: Uuid,
    if_match: IfMatch,
    act: CaseAct,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.expected(act.version())?;
    let v = service::command(&state, &caller, id, expected, act).await?;
    Ok(versioned(
        v.case.version,
        CaseDto::new(v.case, v.completeness, v.allowed_acts, v.today),
    ))
}

/// Enter the request in the register (Law 11/2017 Art. 30): the case code `<org>.<form>.<no>.<year>` and the register number are issued. A request with no category eligible on its request date can only be refused (Art. 30(3)); a non-urgent one with proof missing goes to `request-supplement` first.
#[utoipa::path(post, path = "/api/v1/cases/{id}/accept", tag = "cases",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "The case's `ETag`; or send `version` in the body")),
    request_body = AcceptCase,
    responses(
        (status = 200, body = CaseDto, headers(("ETag" = String, description = "The case's new version"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed in the case's state, or a conflict of interest", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since the version sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "Neither `If-Match` nor `version` was sent", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:write"])))]
#[post("/cases/{id}/accept")]
pub async fn accept(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<AcceptCase>,
) -> Result<HttpResponse, ApiError> {
    run(state, caller, *id, if_match, CaseAct::Accept(body.0)).await
}

/// Refuse the request with written notice of an Art. 30(3) ground.
#[utoipa::path(post, path = "/api/v1/cases/{id}/refuse", tag = "cases",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "The case's `ETag`; or send `version` in the body")),
    request_body = RefuseCase,
    responses(
        (status = 200, body = CaseDto, headers(("ETag" = String, description = "The case's new version"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed in the case's state (`case.transition_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since the version sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "Neither `If-Match` nor `version` was sent", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:write"])))]
#[post("/cases/{id}/refuse")]
pub async fn refuse(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<RefuseCase>,
) -> Result<HttpResponse, ApiError> {
    run(state, caller, *id, if_match, CaseAct::Refuse(body.0)).await
}

/// Ask the requester for the documents still missing; the case waits in `needs_supplement` and a written notice is issued.
#[utoipa::path(post, path = "/api/v1/cases/{id}/request-supplement", tag = "cases",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "The case's `ETag`; or send `version` in the body")),
    request_body = RequestSupplement,
    responses(
        (status = 200, body = CaseDto, headers(("ETag" = String, description = "The case's new version"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed in the case's state (`case.transition_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since the version sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "Neither `If-Match` nor `version` was sent", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:write"])))]
#[post("/cases/{id}/request-supplement")]
pub async fn request_supplement(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<RequestSupplement>,
) -> Result<HttpResponse, ApiError> {
    run(
        state,
        caller,
        *id,
        if_match,
        CaseAct::RequestSupplement(body.0),
    )
    .await
}

/// The missing documents arrived: the request is `received` again and may be accepted.
#[utoipa::path(post, path = "/api/v1/cases/{id}/supplement-received", tag = "cases",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "The case's `ETag`; or send `version` in the body")),
    request_body = ReceiveSupplement,
    responses(
        (status = 200, body = CaseDto, headers(("ETag" = String, description = "The case's new version"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed in the case's state (`case.transition_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since the version sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "Neither `If-Match` nor `version` was sent", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:write"])))]
#[post("/cases/{id}/supplement-received")]
pub async fn receive_supplement(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<ReceiveSupplement>,
) -> Result<HttpResponse, ApiError> {
    run(
        state,
        caller,
        *id,
        if_match,
        CaseAct::ReceiveSupplement(body.0),
    )
    .await
}

/// Assign a practitioner to an accepted case. 409 `case.conflict_of_interest` when the practitioner's other cases have a party on the other side (Art. 25(2)).
#[utoipa::path(post, path = "/api/v1/cases/{id}/assign", tag = "cases",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "The case's `ETag`; or send `version` in the body")),
    request_body = AssignPractitioner,
    responses(
        (status = 200, body = CaseDto, headers(("ETag" = String, description = "The case's new version"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed in the case's state, or a conflict of interest", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since the version sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "Neither `If-Match` nor `version` was sent", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:write"])))]
#[post("/cases/{id}/assign")]
pub async fn assign(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<AssignPractitioner>,
) -> Result<HttpResponse, ApiError> {
    run(state, caller, *id, if_match, CaseAct::Assign(body.0)).await
}

/// Replace the assigned practitioner (the change decision); answers a pending reassignment request (form 04).
#[utoipa::path(post, path = "/api/v1/cases/{id}/reassign", tag = "cases",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "The case's `ETag`; or send `version` in the body")),
    request_body = ReassignPractitioner,
    responses(
        (status = 200, body = CaseDto, headers(("ETag" = String, description = "The case's new version"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed in the case's state, or a conflict of interest", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since the version sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "Neither `If-Match` nor `version` was sent", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:write"])))]
#[post("/cases/{id}/reassign")]
pub async fn reassign(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<ReassignPractitioner>,
) -> Result<HttpResponse, ApiError> {
    run(state, caller, *id, if_match, CaseAct::Reassign(body.0)).await
}

/// Record a step of the work on a case in progress.
#[utoipa::path(post, path = "/api/v1/cases/{id}/record-activity", tag = "cases",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "The case's `ETag`; or send `version` in the body")),
    request_body = RecordActivity,
    responses(
        (status = 200, body = CaseDto, headers(("ETag" = String, description = "The case's new version"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed in the case's state (`case.transition_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since the version sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "Neither `If-Match` nor `version` was sent", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:write"])))]
#[post("/cases/{id}/record-activity")]
pub async fn record_activity(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<RecordActivity>,
) -> Result<HttpResponse, ApiError> {
    run(
        state,
        caller,
        *id,
        if_match,
        CaseAct::RecordActivity(body.0),
    )
    .await
}

/// Conclude the case with its outcome; a litigation case may be assessed successful against a Decision 1179 criterion.
#[utoipa::path(post, path = "/api/v1/cases/{id}/conclude", tag = "cases",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "The case's `ETag`; or send `version` in the body")),
    request_body = ConcludeCase,
    responses(
        (status = 200, body = CaseDto, headers(("ETag" = String, description = "The case's new version"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed in the case's state (`case.transition_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since the version sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "Neither `If-Match` nor `version` was sent", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:write"])))]
#[post("/cases/{id}/conclude")]
pub async fn conclude(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<ConcludeCase>,
) -> Result<HttpResponse, ApiError> {
    run(state, caller, *id, if_match, CaseAct::Conclude(body.0)).await
}

/// Discontinue an accepted case not yet concluded, with written notice of an Art. 37 ground.
#[utoipa::path(post, path = "/api/v1/cases/{id}/discontinue", tag = "cases",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "The case's `ETag`; or send `version` in the body")),
    request_body = DiscontinueCase,
    responses(
        (status = 200, body = CaseDto, headers(("ETag" = String, description = "The case's new version"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed in the case's state (`case.transition_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since the version sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "Neither `If-Match` nor `version` was sent", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:write"])))]
#[post("/cases/{id}/discontinue")]
pub async fn discontinue(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<DiscontinueCase>,
) -> Result<HttpResponse, ApiError> {
    run(state, caller, *id, if_match, CaseAct::Discontinue(body.0)).await
}

/// Mark a concluded case evaluated without a score sheet.
#[utoipa::path(post, path = "/api/v1/cases/{id}/evaluate", tag = "cases",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "The case's `ETag`; or send `version` in the body")),
    request_body = EvaluateCase,
    responses(
        (status = 200, body = CaseDto, headers(("ETag" = String, description = "The case's new version"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed in the case's state (`case.transition_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since the version sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "Neither `If-Match` nor `version` was sent", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:write"])))]
#[post("/cases/{id}/evaluate")]
pub async fn evaluate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<EvaluateCase>,
) -> Result<HttpResponse, ApiError> {
    run(state, caller, *id, if_match, CaseAct::Evaluate(body.0)).await
}

/// Archive a concluded or evaluated case file (a case no evaluation plan drew may be archived without evaluation).
#[utoipa::path(post, path = "/api/v1/cases/{id}/archive", tag = "cases",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "The case's `ETag`; or send `version` in the body")),
    request_body = ArchiveCase,
    responses(
        (status = 200, body = CaseDto, headers(("ETag" = String, description = "The case's new version"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not allowed in the case's state (`case.transition_not_allowed`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since the version sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "Neither `If-Match` nor `version` was sent", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:write"])))]
#[post("/cases/{id}/archive")]
pub async fn archive(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<ArchiveCase>,
) -> Result<HttpResponse, ApiError> {
    run(state, caller, *id, if_match, CaseAct::Archive(body.0)).await
}
