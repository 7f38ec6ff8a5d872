use crate::error::ApiError;
use crate::extract::Caller;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use serde::Deserialize;
use tgpl_api_model::notifications::{
    JobDto, MarkedDto, NotificationDto, PreferenceDto, PreferencesDto, PutPreferences,
    UnreadCountDto,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::jobs as jobs_service;
use tgpl_app::service::notifications as service;
use tgpl_db::jobs::{Job, JobStatus};
use tgpl_db::notifications::StoredNotification;
use tgpl_domain::notification::{Delivery, Language, NotificationKind};
use uuid::Uuid;

/// Query parameters of `GET /notifications`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct NotificationQuery {
    /// Only the notices not read yet.
    #[serde(default)]
    pub unread: bool,
    pub after: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u64>,
}

fn dto(n: StoredNotification, lang: Language) -> NotificationDto {
    let m = n.notice.render(lang);
    NotificationDto {
        id: n.id,
        kind: n.notice.kind(),
        subject: m.subject,
        body: m.body,
        case_id: n.notice.case_id(),
        created_at: n.created_at,
        read_at: n.read_at,
    }
}

/// The caller's notices, newest first, in the caller's language.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications",
    params(NotificationQuery),
    responses((status = 200, body = Page<NotificationDto>), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["notifications:read"])))]
#[get("/notifications")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<NotificationQuery>,
) -> Result<HttpResponse, ApiError> {
    let (page, lang) =
        service::inbox(&state, &caller, q.unread, q.after.as_deref(), q.limit).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(|n| dto(n, lang)).collect(),
        next: page.next,
        total: None,
    }))
}

/// How many of the caller's notices are unread (the bell's badge).
#[utoipa::path(get, path = "/api/v1/notifications/unread-count", tag = "notifications",
    responses((status = 200, body = UnreadCountDto), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["notifications:read"])))]
#[get("/notifications/unread-count")]
pub async fn unread_count(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let unread = service::unread_count(&state, &caller).await?;
    Ok(HttpResponse::Ok().json(UnreadCountDto { unread }))
}

/// Mark one of the caller's notices read.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = MarkedDto), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["notifications:write"])))]
#[post("/notifications/{id}/read")]
pub async fn mark_read(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let marked = service::mark_read(&state, &caller, Some(id.into_inner())).await?;
    Ok(HttpResponse::Ok().json(MarkedDto { marked }))
}

/// Mark all of the caller's notices read.
#[utoipa::path(post, path = "/api/v1/notifications/read-all", tag = "notifications",
    responses((status = 200, body = MarkedDto), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["notifications:write"])))]
#[post("/notifications/read-all")]
pub async fn mark_all_read(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let marked = service::mark_read(&state, &caller, None).await?;
    Ok(HttpResponse::Ok().json(MarkedDto { marked }))
}

fn preferences_dto(
    state: &AppState,
    (language, kinds): (Language, Vec<(NotificationKind, Delivery)>),
) -> PreferencesDto {
    PreferencesDto {
        language,
        mail_enabled: state.mailer.is_some(),
        kinds: kinds
            .into_iter()
            .map(|(kind, delivery)| PreferenceDto {
                kind,
                delivery,
                fixed: kind.is_security(),
            })
            .collect(),
    }
}

/// The caller's language and how each kind of notice reaches them.
#[utoipa::path(get, path = "/api/v1/notifications/preferences", tag = "notifications",
    responses((status = 200, body = PreferencesDto), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["notifications:read"])))]
#[get("/notifications/preferences")]
pub async fn preferences(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let p = service::preferences(&state, &caller).await?;
    Ok(HttpResponse::Ok().json(preferences_dto(&state, p)))
}

/// Change the caller's language and/or the delivery of some kinds (mail at
/// once, a daily digest, or in the app only). Security notices are fixed.
#[utoipa::path(put, path = "/api/v1/notifications/preferences", tag = "notifications",
    request_body = PutPreferences,
    responses((status = 200, body = PreferencesDto), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["notifications:write"])))]
#[put("/notifications/preferences")]
pub async fn put_preferences(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let body: PutPreferences = crate::extract::parse_json(&body)?;
    let kinds: Vec<(NotificationKind, Delivery)> =
        body.kinds.iter().map(|k| (k.kind, k.delivery)).collect();
    let p = service::put_preferences(&state, &caller, body.language, &kinds).await?;
    Ok(HttpResponse::Ok().json(preferences_dto(&state, p)))
}

/// Query parameters of `GET /jobs`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct JobQuery {
    /// `dead` (the default: the dead-letter list), `pending` or `done`.
    pub status: Option<String>,
    pub after: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u64>,
}

fn job_dto(j: Job) -> JobDto {
    JobDto {
        id: j.id,
        kind: j.kind,
        status: j.status.as_str().to_owned(),
        run_at: j.run_at,
        attempts: j.attempts,
        max_attempts: j.max_attempts,
        last_error: j.last_error,
        created_at: j.created_at,
        updated_at: j.updated_at,
    }
}

/// Background jobs (national admin): the dead-letter list by default.
#[utoipa::path(get, path = "/api/v1/jobs", tag = "jobs",
    params(JobQuery),
    responses((status = 200, body = Page<JobDto>), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["jobs:read"])))]
#[get("/jobs")]
pub async fn jobs(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<JobQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let status = match q.status.as_deref().unwrap_or("dead") {
        "all" => None,
        s => Some(JobStatus::parse(s).ok_or_else(|| {
            tgpl_app::AppError::field("status", "invalid", "status is dead, pending, done or all")
        })?),
    };
    let page = tgpl_db::PageRequest::parse(q.after.as_deref(), q.limit)
        .map_err(|m| tgpl_app::AppError::field("limit", "invalid", m))?;
    let page = jobs_service::list(&state, &caller, status, page).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(job_dto).collect(),
        next: page.next,
        total: None,
    }))
}

/// Put a dead job back in the queue (national admin).
#[utoipa::path(post, path = "/api/v1/jobs/{id}/retry", tag = "jobs",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = JobDto), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, description = "The job is not dead", body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["jobs:write"])))]
#[post("/jobs/{id}/retry")]
pub async fn retry_job(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let job = jobs_service::retry(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(job_dto(job)))
}
