//! The HTTP face of TGPL: actix-web routes under `/api/v1`, auth, problem
//! responses and the OpenAPI document.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod download;
pub mod error;
pub mod extract;
pub mod metrics;
pub mod openapi;
pub mod routes;
pub mod state;
pub mod upload;

pub use state::{ApiSettings, AppState};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, ResponseError, web};
use error::{ApiError, AppError};
use extract::RequestId;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

/// Registers every route, the docs and the SPA on an actix `App`.
pub fn configure(state: AppState) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg: &mut web::ServiceConfig| {
        let static_dir = state.settings.static_dir.clone();
        let json_limit = state.settings.json_limit;
        cfg.app_data(web::Data::new(state))
            .app_data(web::PayloadConfig::new(json_limit))
            .app_data(web::QueryConfig::default().error_handler(|err, _| {
                ApiError(AppError::BadRequest {
                    code: "query.invalid",
                    detail: format!("invalid query parameters: {err}"),
                })
                .into()
            }))
            .app_data(web::PathConfig::default().error_handler(|err, _| {
                ApiError(AppError::BadRequest {
                    code: "path.invalid",
                    detail: format!("invalid path parameter: {err}"),
                })
                .into()
            }))
            .service(routes::health::healthz)
            .service(routes::health::readyz)
            .service(metrics::metrics)
            .service(
                web::scope("/api/v1")
                    .service(routes::auth::login)
                    .service(routes::auth::refresh)
                    .service(routes::auth::logout)
                    .service(routes::auth::me)
                    .service(routes::auth::change_password)
                    .service(routes::auth::jwks)
                    .service(routes::organisations::list)
                    .service(routes::organisations::create)
                    .service(routes::organisations::read)
                    .service(routes::organisations::update)
                    .service(routes::organisations::deactivate)
                    .service(routes::organisations::merge)
                    .service(routes::practitioners::list)
                    .service(routes::practitioners::create)
                    .service(routes::practitioners::read)
                    .service(routes::practitioners::update)
                    .service(routes::practitioners::deactivate)
                    .service(routes::practitioners::transfer)
                    .service(routes::practitioners::transfers)
                    .service(routes::users::list)
                    .service(routes::users::create)
                    .service(routes::users::read)
                    .service(routes::users::update)
                    .service(routes::users::deactivate)
                    .service(routes::users::lock)
                    .service(routes::users::unlock)
                    .service(routes::users::reset_password)
                    .service(routes::users::create_api_key)
                    .service(routes::users::list_api_keys)
                    .service(routes::users::revoke_api_key)
                    .service(routes::reference::provinces)
                    .service(routes::reference::success_criteria)
                    .service(routes::reference::categories)
                    .service(routes::reference::put_category)
                    .service(routes::reference::holidays)
                    .service(routes::reference::put_holiday)
                    .service(routes::reference::delete_holiday)
                    .service(routes::audit::list)
                    .service(routes::reports::case_summary)
                    .service(routes::cases::list)
                    .service(routes::cases::create)
                    .service(routes::cases::read)
                    .service(routes::cases::activities)
                    .service(routes::cases::notices)
                    .service(routes::cases::hearings)
                    .service(routes::cases::schedule_hearing)
                    .service(routes::cases::calendar)
                    .service(routes::cases::request_reassignment)
                    .service(routes::documents::upload)
                    .service(routes::documents::list)
                    .service(routes::documents::read)
                    .service(routes::documents::content)
                    .service(routes::documents::remove)
                    // The generic `/cases/{id}/{command}` comes after the named sub-resources.
                    .service(routes::cases::command)
                    .default_service(web::to(api_not_found)),
            )
            .service(
                SwaggerUi::new("/api/docs/{_:.*}")
                    .url("/api/openapi.json", openapi::ApiDoc::openapi()),
            );
        match static_dir {
            Some(dir) if dir.join("index.html").exists() => {
                let index = dir.join("index.html");
                cfg.service(
                    actix_files::Files::new("/", dir)
                        .index_file("index.html")
                        .default_handler(web::to(move |req: HttpRequest| {
                            spa_fallback(req, index.clone())
                        })),
                );
            }
            _ => {
                cfg.default_service(web::to(api_not_found));
            }
        }
    }
}

async fn api_not_found() -> HttpResponse {
    ApiError(AppError::NotFound("route")).error_response()
}

/// Client-side routes of the SPA all load index.html.
async fn spa_fallback(
    req: HttpRequest,
    index: std::path::PathBuf,
) -> actix_web::Result<HttpResponse> {
    if req.path().starts_with("/api/") {
        return Ok(api_not_found().await);
    }
    let file = actix_files::NamedFile::open_async(index).await?;
    Ok(file.into_response(&req))
}

/// Gives every request an id (from `x-request-id` or new), puts it in the
/// tracing span and echoes it on the response.
pub async fn request_id_middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|s| {
            !s.is_empty()
                && s.len() <= 64
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    req.extensions_mut().insert(RequestId(id.clone()));
    let method = req.method().clone();
    let path = req.path().to_owned();
    let span = tracing::debug_span!("request", request_id = %id);
    let started = std::time::Instant::now();
    let mut res = {
        let _entered = span.enter();
        next.call(req).await?
    };
    // Per-request lines cost more than the request itself at high rates:
    // successes are logged at debug, refusals at info, failures at error.
    let status = res.status().as_u16();
    let elapsed = started.elapsed();
    metrics::observe(status, elapsed);
    let elapsed_ms = elapsed.as_millis() as u64;
    match status {
        500.. => {
            tracing::error!(request_id = %id, %method, path, status, elapsed_ms, "request failed")
        }
        400..=499 => {
            tracing::info!(request_id = %id, %method, path, status, elapsed_ms, "request refused")
        }
        _ => tracing::debug!(request_id = %id, %method, path, status, elapsed_ms, "handled"),
    }
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut()
            .insert(HeaderName::from_static("x-request-id"), v);
    }
    Ok(res)
}
