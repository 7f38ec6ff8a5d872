//! The intake queue of a centre (issue #12): online requests, hotline
//! forwards and referrals waiting for staff, and their triage.
use super::versioned;
use crate::error::ApiError;
use crate::extract::{Caller, ValidJson};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use tgpl_api_model::cases::CaseCreated;
use tgpl_api_model::public::{
    AttachmentDto, ConsentDto, ConvertIntake, IntakeItemDto, IntakeQuery, MergeIntake, RejectIntake,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::intake::{self as service, QueueItem};
use uuid::Uuid;

pub(crate) fn attachment_dto(
    a: tgpl_app::service::public::attachments::Attachment,
) -> AttachmentDto {
    AttachmentDto {
        id: a.id,
        filename: a.filename,
        media_type: a.media_type,
        size: a.size,
        sha256: a.sha256,
        uploaded_at: a.uploaded_at,
    }
}

fn dto(q: QueueItem) -> IntakeItemDto {
    let i = q.item;
    IntakeItemDto {
        id: i.id,
        tracking_code: i.tracking_code.to_string(),
        status: i.status,
        channel: i.channel,
        organisation_id: i.organisation_id,
        received_at: i.received_at,
        age_working_days: q.age_working_days,
        details: i.details,
        attachments: q.attachments.into_iter().map(attachment_dto).collect(),
        case_id: i.case_id,
        merged_into: i.merged_into,
        rejection_reason: i.rejection_reason,
        version: i.version,
    }
}

/// The consent records of a case: what was consented to, when, to which
/// text, and withdrawals.
#[utoipa::path(get, path = "/api/v1/cases/{id}/consents", tag = "cases",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = Vec<ConsentDto>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:read"])))]
#[get("/cases/{id}/consents")]
pub async fn consents(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let records = service::consents_of_case(&state, &caller, *id).await?;
    Ok(HttpResponse::Ok().json(
        records
            .into_iter()
            .map(|c| ConsentDto {
                id: c.id,
                purpose: c.purpose,
                text_version: c.text_version,
                channel: c.channel,
                given_at: c.given_at,
                withdrawn_at: c.withdrawn_at,
            })
            .collect::<Vec<_>>(),
    ))
}

/// The queue, longest waiting first (default: the pending items).
#[utoipa::path(get, path = "/api/v1/intake-items", tag = "intake",
    params(IntakeQuery),
    responses(
        (status = 200, body = Page<IntakeItemDto>),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["intake:read"])))]
#[get("/intake-items")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<IntakeQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = service::list(&state, &caller, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(dto).collect(),
        next: page.next,
        total: None,
    }))
}

/// One item with its attachments (the read is audited).
#[utoipa::path(get, path = "/api/v1/intake-items/{id}", tag = "intake",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = IntakeItemDto, headers(("ETag" = String))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["intake:read"])))]
#[get("/intake-items/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let item = service::get(&state, &caller, *id).await?;
    Ok(versioned(item.item.version, dto(item)))
}

/// Turn the item into a request (a case in `received`, prefilled from the
/// form, dated the day it arrived); its attachments become request papers.
#[utoipa::path(post, path = "/api/v1/intake-items/{id}/convert", tag = "intake",
    params(("id" = Uuid, Path)),
    request_body = ConvertIntake,
    responses(
        (status = 201, body = CaseCreated),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided (`intake.already_decided`) or changed meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["intake:write"])))]
#[post("/intake-items/{id}/convert")]
pub async fn convert(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<ConvertIntake>,
) -> Result<HttpResponse, ApiError> {
    let (case, eligibility_verdict) = service::convert(&state, &caller, *id, body.0).await?;
    Ok(super::cases::case_created(case, eligibility_verdict))
}

/// Reject the item as not a legal-aid request (spam, abuse), with a reason
/// the citizen's lookup shows.
#[utoipa::path(post, path = "/api/v1/intake-items/{id}/reject", tag = "intake",
    params(("id" = Uuid, Path)),
    request_body = RejectIntake,
    responses(
        (status = 200, body = IntakeItemDto),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["intake:write"])))]
#[post("/intake-items/{id}/reject")]
pub async fn reject(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<RejectIntake>,
) -> Result<HttpResponse, ApiError> {
    let item = service::reject(&state, &caller, *id, body.0).await?;
    Ok(versioned(item.item.version, dto(item)))
}

/// Join the item to the case it repeats; the citizen's lookup follows it.
#[utoipa::path(post, path = "/api/v1/intake-items/{id}/merge", tag = "intake",
    params(("id" = Uuid, Path)),
    request_body = MergeIntake,
    responses(
        (status = 200, body = IntakeItemDto),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["intake:write"])))]
#[post("/intake-items/{id}/merge")]
pub async fn merge(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<MergeIntake>,
) -> Result<HttpResponse, ApiError> {
    let item = service::merge(&state, &caller, *id, body.0).await?;
    Ok(versioned(item.item.version, dto(item)))
}
