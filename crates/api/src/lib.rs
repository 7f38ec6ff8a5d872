//! The HTTP face of TGPL: actix-web routes under `/api/v1`, auth, problem
//! responses and the OpenAPI document.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod conditional;
pub mod download;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod key_scopes;
pub mod metrics;
pub mod openapi;
pub mod rate_limit;
pub mod router;
pub mod routes;
pub mod state;
pub mod static_files;
pub mod upload;

pub use state::{ApiSettings, AppState};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, ResponseError, web};
use error::{ApiError, AppError};
use extract::RequestId;
use utoipa_swagger_ui::SwaggerUi;

/// Registers every route, the docs and the SPA on an actix `App`.
pub fn configure(state: AppState) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg: &mut web::ServiceConfig| {
        let static_dir = state.settings.static_dir.clone();
        let json_limit = state.settings.json_limit;
        let cors_origins = state.settings.cors_origins.clone();
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
            .configure(router::root)
            .service(
                router::api_v1(web::scope("/api/v1"))
                    .default_service(web::to(api_not_found))
                    .wrap(actix_web::middleware::from_fn(idempotency::middleware))
                    .wrap(actix_web::middleware::from_fn(conditional::middleware))
                    .wrap(actix_web::middleware::from_fn(rate_limit::middleware))
                    .wrap(actix_web::middleware::Condition::new(
                        !cors_origins.is_empty(),
                        cors(&cors_origins),
                    )),
            )
            .service(
                SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", openapi::document()),
            );
        match static_dir {
            Some(dir) if dir.join("index.html").exists() => {
                cfg.default_service(web::to(move |req: HttpRequest| {
                    let dir = dir.clone();
                    async move {
                        match static_files::serve(&req, &dir).await {
                            Some(file) => file,
                            None => spa_fallback(req, dir.join("index.html")).await,
                        }
                    }
                }));
            }
            _ => {
                cfg.default_service(web::to(api_not_found));
            }
        }
    }
}

/// CORS for the configured origins (a portal calling the API from its
/// pages): bearer tokens or API keys, never cookies; the headers a client
/// needs to send and to read. Other origins get no CORS headers (and the
/// same-origin SPA is not affected).
fn cors(origins: &[String]) -> actix_cors::Cors {
    use actix_web::http::{Method, header};
    let mut cors = actix_cors::Cors::default()
        .block_on_origin_mismatch(false)
        .allowed_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_MATCH,
            header::IF_NONE_MATCH,
            header::RANGE,
            header::HeaderName::from_static(idempotency::HEADER),
            header::HeaderName::from_static("x-checksum-sha256"),
            header::HeaderName::from_static("x-request-id"),
            header::HeaderName::from_static(upload::SECRET_HEADER),
        ])
        .expose_headers([
            header::ETAG,
            header::LOCATION,
            header::RETRY_AFTER,
            header::CONTENT_DISPOSITION,
            header::CONTENT_RANGE,
            header::HeaderName::from_static(idempotency::REPLAYED),
            header::HeaderName::from_static("x-request-id"),
            header::HeaderName::from_static("ratelimit"),
            header::HeaderName::from_static("ratelimit-policy"),
        ])
        .max_age(3600);
    for o in origins {
        cors = cors.allowed_origin(o);
    }
    cors
}

async fn api_not_found() -> HttpResponse {
    ApiError(AppError::NotFound("route")).error_response()
}

/// Client-side routes of the SPA all load index.html; the citizens' pages
/// under `/public` load `public.html` (their own light module, issue #12),
/// the staff's queues under `/desk` load `desk.html` (ADR 0021), its
/// administration screens `admin.html` (ADR 0032).
async fn spa_fallback(
    req: HttpRequest,
    index: std::path::PathBuf,
) -> actix_web::Result<HttpResponse> {
    if req.path().starts_with("/api/") {
        return Ok(api_not_found().await);
    }
    // The audit trail moved to the administration module (ADR 0032):
    // bookmarks of the old address still arrive.
    if req.path() == "/audit" {
        let query = req.query_string();
        let to = if query.is_empty() {
            "/desk/audit".to_owned()
        } else {
            format!("/desk/audit?{query}")
        };
        return Ok(HttpResponse::PermanentRedirect()
            .insert_header((actix_web::http::header::LOCATION, to))
            .finish());
    }
    let page = if is_under(req.path(), "/public") {
        index.with_file_name("public.html")
    } else if ADMIN_SCREENS.iter().any(|a| is_under(req.path(), a)) {
        index.with_file_name("admin.html")
    } else if is_under(req.path(), "/desk") {
        index.with_file_name("desk.html")
    } else {
        index
    };
    let file = actix_files::NamedFile::open_async(page).await?;
    let mut res = file.into_response(&req);
    // The page names the current build's assets: checked before each use.
    res.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    );
    Ok(res)
}

/// The desk's administration screens, built as their own module
/// (`admin.html`, ADR 0032): accounts and keys, the registers and their
/// records, imports.
const ADMIN_SCREENS: [&str; 7] = [
    "/desk/users",
    "/desk/reference",
    "/desk/audit",
    "/desk/registers",
    "/desk/imports",
    "/desk/organisations",
    "/desk/practitioners",
];

/// Whether `path` is `area` or under it (`/public`, `/public/…`).
fn is_under(path: &str, area: &str) -> bool {
    path.strip_prefix(area)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The SPA's policy: its own scripts and the wasm module only, no inline
/// script, nothing from elsewhere, never framed.
const SPA_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";
/// The interactive API docs (Swagger UI) start from an inline script.
const DOCS_CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-inline'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
/// JSON and files: nothing to run, never framed.
const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// Security headers on every response; `Cache-Control: no-store` on every
/// API response (they hold personal data) unless the handler chose one.
fn secure_headers(path: &str, headers: &mut actix_web::http::header::HeaderMap, https: bool) {
    use actix_web::http::header;
    let csp = if path.starts_with("/api/docs") {
        DOCS_CSP
    } else if path.starts_with("/api/") || path.starts_with("/metrics") {
        API_CSP
    } else {
        SPA_CSP
    };
    let set = |headers: &mut header::HeaderMap, name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(headers, header::CONTENT_SECURITY_POLICY, csp);
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    if path.starts_with("/api/v1/") && !headers.contains_key(header::CACHE_CONTROL) {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
    if https {
        set(
            headers,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
}

/// The query parameter (or `path`) whose percent-decoded text holds a
/// control character.
fn control_in_url(path: &str, query: &str) -> Option<String> {
    let has_control = |s: &str| {
        let b = s.as_bytes();
        (0..b.len()).any(|i| {
            b[i] == b'%'
                && i + 2 < b.len()
                && std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .is_some_and(|c| (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r')) || c == 0x7f)
        }) || s.chars().any(extract::is_control)
    };
    if has_control(path) {
        return Some("path".into());
    }
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        has_control(value).then(|| name.to_owned())
    })
}

/// Gives every request a server-made id (a client's `x-request-id` is kept
/// apart as its correlation id: an id the audit trail trusts is never
/// chosen by the client), puts both in the tracing span, echoes them, and
/// adds the security headers.
pub async fn request_id_middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let correlation = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|s| {
            !s.is_empty()
                && s.len() <= 64
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(str::to_owned);
    let id = uuid::Uuid::now_v7().to_string();
    let https = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|s| s.settings.https);
    req.extensions_mut().insert(RequestId(id.clone()));
    let method = req.method().clone();
    let path = req.path().to_owned();
    // A control character in the path or the query (`%00`) is refused here,
    // once, for every route: no database ever sees one.
    if let Some(field) = control_in_url(&path, req.query_string()) {
        let mut res = ApiError(extract::control_character(&field)).error_response();
        secure_headers(&path, res.headers_mut(), https);
        return Ok(req.into_response(res).map_into_right_body());
    }
    let span = tracing::debug_span!("request", request_id = %id, correlation_id = correlation.as_deref().unwrap_or(""));
    let started = std::time::Instant::now();
    let mut res = {
        let _entered = span.enter();
        next.call(req).await?.map_into_left_body()
    };
    // Per-request lines cost more than the request itself at high rates:
    // successes are logged at debug, refusals at info, failures at error.
    let status = res.status().as_u16();
    let elapsed = started.elapsed();
    metrics::observe(
        &method,
        res.request()
            .match_pattern()
            .as_deref()
            .filter(|r| !r.is_empty()),
        status,
        elapsed,
    );
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
    if let Some(v) = correlation.and_then(|c| HeaderValue::from_str(&c).ok()) {
        res.headers_mut()
            .insert(HeaderName::from_static("x-correlation-id"), v);
    }
    secure_headers(&path, res.headers_mut(), https);
    Ok(res)
}
