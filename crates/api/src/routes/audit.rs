use crate::error::ApiError;
use crate::extract::Caller;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use tgpl_api_model::common::AuditEventDto;
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::audit as service;
use uuid::Uuid;

/// Query parameters of `GET /audit-events`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// `organisation`, `practitioner` or `user`.
    pub entity: Option<String>,
    pub entity_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}

/// The audit trail within the caller's scope, newest first.
#[utoipa::path(get, path = "/api/v1/audit-events", tag = "audit",
    params(AuditQuery),
    responses((status = 200, body = Page<AuditEventDto>), (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = [])))]
#[get("/audit-events")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let page = service::list(
        &state,
        &caller,
        q.entity,
        q.entity_id,
        q.actor_id,
        q.after.as_deref(),
        q.limit,
    )
    .await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(AuditEventDto::from).collect(),
        next: page.next,
    }))
}
