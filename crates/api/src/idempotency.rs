//! `Idempotency-Key` on every write (`POST`) under `/api/v1`: the first
//! answer of a keyed request is kept a day and given again to a retry with
//! the same key and the same request (header `Idempotent-Replayed: true`);
//! the same key with another request is a 422, while the first still runs
//! a 409. Only successful answers are kept: after a failure a retry does
//! the work. Logins and document uploads are left out (tokens are never
//! replayed; uploads keep their own key with the document, ADR 0007).
use crate::error::{ApiError, AppError};
use crate::extract::{Caller, client_address};
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError, web};
use sha2::{Digest, Sha256};
use tgpl_app::service::idempotency::{self as service, Answer, Outcome};

pub const HEADER: &str = "idempotency-key";
pub const REPLAYED: &str = "idempotent-replayed";

/// Whether a `POST` to `path` keeps its answer under its key (the spec
/// documents the header on exactly these).
pub fn applies_to(path: &str) -> bool {
    !path.starts_with("/api/v1/auth/")
        && !path.ends_with("/documents")
        && !path.ends_with("/attachments")
        && !path.ends_with("/imports")
}

fn applies(req: &ServiceRequest) -> bool {
    req.method() == Method::POST && req.headers().contains_key(HEADER) && applies_to(req.path())
}

pub async fn middleware(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if !applies(&req) {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    // Unauthenticated or malformed: the handler answers as it would anyway.
    let principal = if req.path().starts_with("/api/v1/public/") {
        format!("ip:{}", client_address(req.request()))
    } else {
        match req.extract::<Caller>().await {
            Ok(caller) => format!("user:{}", caller.actor.user_id),
            Err(_) => return Ok(next.call(req).await?.map_into_boxed_body()),
        }
    };
    let key = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim()
        .to_owned();
    let body = req.extract::<web::Bytes>().await?;
    let fingerprint = fingerprint(&req, &body);
    req.set_payload(actix_web::dev::Payload::from(body));
    let now = state.moment().now;
    let claimed = match service::claim(&state, &principal, &key, &fingerprint, now).await {
        Ok(Outcome::Proceed(claimed)) => claimed,
        Ok(Outcome::Replay(answer)) => {
            return Ok(req.into_response(replay(answer)));
        }
        Err(e) => return Ok(req.into_response(ApiError(e).error_response())),
    };
    let res = next.call(req).await?;
    if !res.status().is_success() {
        service::release(&state, &claimed).await.map_err(ApiError)?;
        return Ok(res.map_into_boxed_body());
    }
    let (http_req, res) = res.into_parts();
    let (head, body) = res.into_parts();
    let bytes = actix_web::body::to_bytes(body)
        .await
        .map_err(|e| ApiError(AppError::Internal(e.into().to_string())))?;
    let text = |name: header::HeaderName| {
        head.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    match String::from_utf8(bytes.to_vec()) {
        Ok(body) => {
            let answer = Answer {
                status: head.status().as_u16(),
                content_type: text(header::CONTENT_TYPE),
                location: text(header::LOCATION),
                etag: text(header::ETAG),
                body,
            };
            service::keep(&state, &claimed, &answer)
                .await
                .map_err(ApiError)?;
        }
        // Not text: not kept, a retry does the work again.
        Err(_) => service::release(&state, &claimed).await.map_err(ApiError)?,
    }
    Ok(ServiceResponse::new(
        http_req,
        head.set_body(bytes).map_into_boxed_body(),
    ))
}

/// The request as a key may stand for it: method, path, query and body.
fn fingerprint(req: &ServiceRequest, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(req.method().as_str());
    h.update(b" ");
    h.update(req.path());
    h.update(b"?");
    h.update(req.query_string());
    h.update(b"\n");
    h.update(body);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The kept answer, given again.
fn replay(a: Answer) -> HttpResponse {
    let mut res = HttpResponse::build(StatusCode::from_u16(a.status).unwrap_or(StatusCode::OK));
    res.insert_header((REPLAYED, "true"));
    if let Some(v) = a.content_type {
        res.insert_header((header::CONTENT_TYPE, v));
    }
    if let Some(v) = a.location {
        res.insert_header((header::LOCATION, v));
    }
    if let Some(v) = a.etag {
        res.insert_header((header::ETAG, v));
    }
    res.body(a.body)
}
