//! Webhook subscriptions of integration (service) accounts: created,
//! deleted and replayed by the people who manage the account's API keys.
use crate::error::ApiError;
use crate::extract::{Caller, ValidJson};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, web};
use serde::Deserialize;
use tgpl_api_model::webhooks::{
    CreateWebhook, DeliveryDto, ReplayWebhook, WebhookCreated, WebhookDto,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::webhooks as service;
use tgpl_db::webhooks::{Delivery, Subscription};
use uuid::Uuid;

fn dto(s: Subscription) -> WebhookDto {
    WebhookDto {
        id: s.id,
        user_id: s.user_id,
        url: s.url,
        event_types: s.event_types,
        active: s.active,
        cursor: s.cursor,
        failures: s.failures,
        next_attempt_at: s.next_attempt_at,
        last_error: s.last_error,
        created_at: s.created_at,
    }
}

fn delivery_dto(d: Delivery) -> DeliveryDto {
    DeliveryDto {
        id: d.id,
        seq: d.seq,
        event_type: d.event_type,
        attempt: d.attempt,
        status: d.status,
        error: d.error,
        duration_ms: d.duration_ms,
        attempted_at: d.attempted_at,
    }
}

/// Subscribe a URL of an integration account to case events (the change
/// feed's items, within the account's scope, without personal data).
/// Each delivery is a `POST` of one event as JSON, in sequence order, with
/// `TGPL-Event-Id`, `TGPL-Event-Type`, `TGPL-Event-Seq`,
/// `TGPL-Delivery-Attempt` and `TGPL-Signature: t=<unix>,v1=<hex
/// HMAC-SHA256(secret, "<t>.<body>")>`. Any 2xx answer takes the event;
/// otherwise the same event is sent again after 10 s, 20 s, 40 s, then
/// every minute until it is taken, and nothing after it is sent before.
/// The signing secret is shown once.
#[utoipa::path(post, path = "/api/v1/users/{id}/webhooks", tag = "users",
    params(("id" = Uuid, Path)),
    request_body = CreateWebhook,
    responses((status = 201, body = WebhookCreated), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/users/{id}/webhooks")]
pub async fn create_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<CreateWebhook>,
) -> Result<HttpResponse, ApiError> {
    let (sub, secret) = service::create(&state, &caller, *id, body.0).await?;
    Ok(HttpResponse::Created().json(WebhookCreated {
        webhook: dto(sub),
        secret,
    }))
}

/// The webhook subscriptions of an integration account, with how each is
/// doing (cursor, failures in a row, last error).
#[utoipa::path(get, path = "/api/v1/users/{id}/webhooks", tag = "users",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<WebhookDto>), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["users:read"])))]
#[get("/users/{id}/webhooks")]
pub async fn list_webhooks(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let subs = service::list(&state, &caller, *id).await?;
    Ok(HttpResponse::Ok().json(subs.into_iter().map(dto).collect::<Vec<_>>()))
}

/// Stop a subscription for good (its delivery log is kept).
#[utoipa::path(delete, path = "/api/v1/users/{id}/webhooks/{webhook_id}", tag = "users",
    params(("id" = Uuid, Path), ("webhook_id" = Uuid, Path)),
    responses((status = 204, description = "Stopped"), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[delete("/users/{id}/webhooks/{webhook_id}")]
pub async fn delete_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, webhook_id) = path.into_inner();
    service::delete(&state, &caller, id, webhook_id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Send again every event after a sequence number (a receiver that lost
/// data, or a new one to fill).
#[utoipa::path(post, path = "/api/v1/users/{id}/webhooks/{webhook_id}/replay", tag = "users",
    params(("id" = Uuid, Path), ("webhook_id" = Uuid, Path)),
    request_body = ReplayWebhook,
    responses((status = 200, body = WebhookDto), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
#[post("/users/{id}/webhooks/{webhook_id}/replay")]
pub async fn replay_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidJson<ReplayWebhook>,
) -> Result<HttpResponse, ApiError> {
    let (id, webhook_id) = path.into_inner();
    let sub = service::replay(&state, &caller, id, webhook_id, body.0).await?;
    Ok(HttpResponse::Ok().json(dto(sub)))
}

/// Query parameters of the delivery log.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DeliveryQuery {
    pub after: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u64>,
}

/// The delivery log: every attempt, newest first, with the receiver's
/// status or why it could not be reached.
#[utoipa::path(get, path = "/api/v1/users/{id}/webhooks/{webhook_id}/deliveries", tag = "users",
    params(("id" = Uuid, Path), ("webhook_id" = Uuid, Path), DeliveryQuery),
    responses((status = 200, body = Page<DeliveryDto>), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["users:read"])))]
#[get("/users/{id}/webhooks/{webhook_id}/deliveries")]
pub async fn webhook_deliveries(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
    q: web::Query<DeliveryQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, webhook_id) = path.into_inner();
    let q = q.into_inner();
    let page = tgpl_db::PageRequest::parse(q.after.as_deref(), q.limit)
        .map_err(|m| tgpl_app::AppError::field("limit", "invalid", m))?;
    let page = service::deliveries(&state, &caller, id, webhook_id, page).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(delivery_dto).collect(),
        next: page.next,
        total: None,
    }))
}
