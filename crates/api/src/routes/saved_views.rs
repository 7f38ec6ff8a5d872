//! Your saved views of a list: named filters and order, kept on the server.
use crate::error::ApiError;
use crate::extract::{Caller, ValidJson};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, web};
use tgpl_api_model::Problem;
use tgpl_api_model::saved_views::{CreateSavedView, SavedViewDto, SavedViewQuery};
use tgpl_app::service::saved_views as service;
use uuid::Uuid;

/// Your saved views of a list (`list=cases`), by name.
#[utoipa::path(get, path = "/api/v1/saved-views", tag = "auth",
    params(SavedViewQuery),
    responses((status = 200, body = Vec<SavedViewDto>)),
    security(("bearer" = [])))]
#[get("/saved-views")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<SavedViewQuery>,
) -> Result<HttpResponse, ApiError> {
    let views = service::list(&state, &caller, q.into_inner().list).await?;
    Ok(HttpResponse::Ok().json(
        views
            .into_iter()
            .map(SavedViewDto::from)
            .collect::<Vec<_>>(),
    ))
}

/// Save a view of a list: its query string (filters and `sort`; paging
/// parameters are dropped) under a name unique among your views of that
/// list (409 `saved_view.name_taken`); at most 50 per list.
#[utoipa::path(post, path = "/api/v1/saved-views", tag = "auth",
    request_body = CreateSavedView,
    responses(
        (status = 201, body = SavedViewDto),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[post("/saved-views")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<CreateSavedView>,
) -> Result<HttpResponse, ApiError> {
    let view = service::create(&state, &caller, body.0).await?;
    Ok(HttpResponse::Created().json(SavedViewDto::from(view)))
}

/// Delete one of your saved views.
#[utoipa::path(delete, path = "/api/v1/saved-views/{id}", tag = "auth",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[delete("/saved-views/{id}")]
pub async fn delete_view(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    service::delete(&state, &caller, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
