//! Complaints and recommendations about legal aid (phản ánh, kiến nghị;
//! issue #12): sent and followed publicly with a code and a secret,
//! forwarded and answered by the body that holds them.
use super::versioned;
use crate::error::ApiError;
use crate::extract::{Caller, ValidJson, Visitor};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use tgpl_api_model::complaints::{
    AnswerComplaint, ComplaintDto, ComplaintLookup, ComplaintProgress, ComplaintQuery,
    ComplaintReceipt, ForwardComplaint, NewComplaint,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::complaints as service;
use tgpl_domain::intake::complaint::Complaint;
use uuid::Uuid;

fn dto(c: Complaint, today: chrono::NaiveDate) -> ComplaintDto {
    ComplaintDto {
        forward_overdue: c.forward_overdue(today),
        answer_overdue: c.answer_overdue(today),
        id: c.id,
        tracking_code: c.code.to_string(),
        kind: c.kind,
        status: c.status,
        handler_org_id: c.handler.org_id,
        province: c.handler.province.map(String::from),
        concerned_org_id: c.concerned_org_id,
        case_code: c.case_code,
        complainant: c.complainant,
        content: c.content,
        received_at: c.received_at,
        forward_due_on: c.forward_due_on,
        answer_due_on: c.answer_due_on,
        forwarded_at: c.forwarded_at,
        forward_note: c.forward_note,
        answered_at: c.answered_at,
        answer: c.answer,
        version: c.version,
    }
}

/// Send a complaint or recommendation about legal aid. It goes to the
/// Justice Department of the province it concerns, or to the ministry's
/// department; the receipt's code and secret are shown only here.
#[utoipa::path(post, path = "/api/v1/public/complaints", tag = "public",
    request_body = NewComplaint,
    responses(
        (status = 201, body = ComplaintReceipt),
        (status = 422, description = "Invalid fields, no consent, or the hidden field filled in", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many messages from this address or phone (see Retry-After)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/public/complaints")]
pub async fn submit_complaint(
    state: web::Data<AppState>,
    visitor: Visitor,
    body: ValidJson<NewComplaint>,
) -> Result<HttpResponse, ApiError> {
    let s = service::submit(&state, &visitor.0, body.0).await?;
    Ok(HttpResponse::Created().json(ComplaintReceipt {
        tracking_code: s.complaint.code.to_string(),
        secret: s.secret,
        received_at: s.complaint.received_at,
        handler: s.handler,
        answer_due_on: s.complaint.answer_due_on,
    }))
}

/// How a complaint stands, and its answer, with the receipt's code and
/// secret (the lookup's limits: 5 wrong secrets lock the code).
#[utoipa::path(post, path = "/api/v1/public/complaints/lookup", tag = "public",
    request_body = ComplaintLookup,
    responses(
        (status = 200, body = ComplaintProgress),
        (status = 401, description = "The code and secret do not match (`public.lookup_refused`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Locked after repeated wrong secrets (see Retry-After)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/public/complaints/lookup")]
pub async fn lookup_complaint(
    state: web::Data<AppState>,
    visitor: Visitor,
    body: ValidJson<ComplaintLookup>,
) -> Result<HttpResponse, ApiError> {
    let p = service::lookup(&state, &visitor.0, body.0).await?;
    let c = p.complaint;
    Ok(HttpResponse::Ok().json(ComplaintProgress {
        tracking_code: c.code.to_string(),
        kind: c.kind,
        status: c.status,
        status_label_vi: c.status.label_vi().to_owned(),
        received_on: c.received_on,
        handler_name: p.handler_name,
        forwarded_at: c.forwarded_at,
        answer_due_on: c.answer_due_on,
        answered_at: c.answered_at,
        answer: c.answer,
    }))
}

/// The complaints the caller's unit holds or watches, oldest first, with
/// whether forwarding or answering is late.
#[utoipa::path(get, path = "/api/v1/complaints", tag = "complaints",
    params(ComplaintQuery),
    responses(
        (status = 200, body = Page<ComplaintDto>),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["complaints:read"])))]
#[get("/complaints")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<ComplaintQuery>,
) -> Result<HttpResponse, ApiError> {
    let today = caller.at.today;
    let page = service::list(&state, &caller, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(|c| dto(c, today)).collect(),
        next: page.next,
        total: None,
    }))
}

/// One complaint (the read is audited).
#[utoipa::path(get, path = "/api/v1/complaints/{id}", tag = "complaints",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ComplaintDto, headers(("ETag" = String))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["complaints:read"])))]
#[get("/complaints/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let c = service::get(&state, &caller, *id).await?;
    Ok(versioned(c.version, dto(c, caller.at.today)))
}

/// Pass the complaint to the unit that must deal with it: the ministry to a
/// Justice Department, a department to a centre or branch of its province.
#[utoipa::path(post, path = "/api/v1/complaints/{id}/forward", tag = "complaints",
    params(("id" = Uuid, Path)),
    request_body = ForwardComplaint,
    responses(
        (status = 200, body = ComplaintDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already answered, or already with that unit", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["complaints:write"])))]
#[post("/complaints/{id}/forward")]
pub async fn forward(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<ForwardComplaint>,
) -> Result<HttpResponse, ApiError> {
    let c = service::forward(&state, &caller, *id, body.0).await?;
    Ok(versioned(c.version, dto(c, caller.at.today)))
}

/// Answer the sender; they read the answer with their code and secret.
#[utoipa::path(post, path = "/api/v1/complaints/{id}/answer", tag = "complaints",
    params(("id" = Uuid, Path)),
    request_body = AnswerComplaint,
    responses(
        (status = 200, body = ComplaintDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already answered", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["complaints:write"])))]
#[post("/complaints/{id}/answer")]
pub async fn answer(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<AnswerComplaint>,
) -> Result<HttpResponse, ApiError> {
    let c = service::answer(&state, &caller, *id, body.0).await?;
    Ok(versioned(c.version, dto(c, caller.at.today)))
}
