//! The legal-aid hotline's call log (issue #12).
use super::versioned;
use crate::error::ApiError;
use crate::extract::{Caller, ValidJson};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use tgpl_api_model::hotline::{
    CallDto, CallQuery, CallRecorded, CalledBack, ForwardedRequest, NewCall,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::hotline as service;
use tgpl_domain::intake::hotline::Call;
use uuid::Uuid;

fn dto(c: Call, now: chrono::DateTime<chrono::Utc>) -> CallDto {
    CallDto {
        callback_missed: c.callback_missed(now),
        id: c.id,
        operator_id: c.operator_id,
        organisation_id: c.org_id,
        caller_name: c.caller_name,
        caller_phone: c.caller_phone,
        topic: c.topic,
        field_of_law: c.field_of_law,
        advice: c.advice,
        outcome: c.outcome,
        started_at: c.started_at,
        duration_seconds: c.duration_seconds,
        intake_id: c.intake_id,
        callback_due_at: c.callback_due_at,
        called_back_at: c.called_back_at,
        version: c.version,
    }
}

/// Record a call: the advice given, a callback promised (due within the
/// window of office time in the reference data), or a request passed to a
/// centre's intake queue; for that one the answer carries the tracking
/// code and secret to read to the caller, shown only here.
#[utoipa::path(post, path = "/api/v1/hotline/calls", tag = "hotline",
    request_body = NewCall,
    responses(
        (status = 201, body = CallRecorded),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["hotline:create"])))]
#[post("/hotline/calls")]
pub async fn record(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<NewCall>,
) -> Result<HttpResponse, ApiError> {
    let r = service::record(&state, &caller, body.0).await?;
    Ok(HttpResponse::Created().json(CallRecorded {
        forwarded: r.forwarded.map(|(item, secret, centre)| ForwardedRequest {
            intake_id: item.id,
            tracking_code: item.tracking_code.to_string(),
            secret,
            centre_id: centre.id,
            centre_name: centre.name,
        }),
        call: dto(r.call, caller.at.now),
    }))
}

/// The call log of the caller's unit (or the units they watch), newest
/// first; `callback_missed=true` lists the callbacks that missed their
/// window, `callback_pending=true` those still to make.
#[utoipa::path(get, path = "/api/v1/hotline/calls", tag = "hotline",
    params(CallQuery),
    responses(
        (status = 200, body = Page<CallDto>),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["hotline:read"])))]
#[get("/hotline/calls")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<CallQuery>,
) -> Result<HttpResponse, ApiError> {
    let now = caller.at.now;
    let page = service::list(&state, &caller, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(|c| dto(c, now)).collect(),
        next: page.next,
        total: None,
    }))
}

/// One call (the read is audited).
#[utoipa::path(get, path = "/api/v1/hotline/calls/{id}", tag = "hotline",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = CallDto, headers(("ETag" = String))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["hotline:read"])))]
#[get("/hotline/calls/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let c = service::get(&state, &caller, *id).await?;
    Ok(versioned(c.version, dto(c, caller.at.now)))
}

/// The promised callback was made (now); made after its window, the call
/// stays flagged as missed.
#[utoipa::path(post, path = "/api/v1/hotline/calls/{id}/callback", tag = "hotline",
    params(("id" = Uuid, Path)),
    request_body = CalledBack,
    responses(
        (status = 200, body = CallDto),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No callback was promised, or it was already made", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since it was read", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["hotline:write"])))]
#[post("/hotline/calls/{id}/callback")]
pub async fn callback(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<CalledBack>,
) -> Result<HttpResponse, ApiError> {
    let c = service::called_back(&state, &caller, *id, body.0).await?;
    Ok(versioned(c.version, dto(c, caller.at.now)))
}
