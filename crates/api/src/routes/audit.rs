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
    security(("bearer" = []), ("api_key" = ["audit:read"])))]
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
    let names = service::actor_names(&state, &page.items).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page
            .items
            .into_iter()
            .map(|e| {
                let actor_name = e.actor_id.and_then(|id| names.get(&id).cloned());
                AuditEventDto {
                    actor_name,
                    ..AuditEventDto::from(e)
                }
            })
            .collect(),
        next: page.next,
        total: None,
    }))
}

/// Query parameters of `GET /audit-events/export/{format}`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditExportQuery {
    /// `organisation`, `practitioner`, `user`, `case`, …
    pub entity: Option<String>,
    pub entity_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
}

/// The audit trail as a file: `csv` (streamed page by page, UTF-8 with a
/// byte-order mark) or `xlsx`, newest first, with its filters, within the
/// caller's scope, its before/after values masked as the caller reads them.
#[utoipa::path(get, path = "/api/v1/audit-events/export/{format}", tag = "audit",
    params(("format" = String, Path, description = "`csv` or `xlsx`"), AuditExportQuery),
    responses(
        (status = 200, description = "the file", content_type = "text/csv", body = String),
        (status = 200, description = "the file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["audit:read"])))]
#[get("/audit-events/export/{format}")]
pub async fn export(
    state: web::Data<AppState>,
    caller: Caller,
    format: web::Path<String>,
    q: web::Query<AuditExportQuery>,
) -> Result<HttpResponse, ApiError> {
    use tgpl_app::service::export::{self, AuditQuery};
    let q = q.into_inner();
    let query = AuditQuery {
        entity: q.entity,
        entity_id: q.entity_id,
        actor_id: q.actor_id,
    };
    let rows = export::audit_trail(state.app.clone(), caller.0.clone(), query);
    super::exported(rows, &format).await
}
