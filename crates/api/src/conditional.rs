//! Conditional reads (issue #14 item 6): every JSON answer to a `GET`
//! carries an `ETag` derived from its content, and `If-None-Match` with a
//! tag still current answers 304 without the body. A versioned record's tag
//! is `"<version>-<digest>"`: its version part is what `If-Match` takes, so
//! the tag read is the tag to write with, while the digest part changes
//! whenever anything shown changes (a new hearing or paper on a case file
//! does not raise the case's version). A list's tag is weak, `W/"<digest>"`.
use crate::error::{ApiError, AppError};
use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use sha2::{Digest, Sha256};

/// Larger answers are sent as they are (no tag): none of the lists reaches it.
const LIMIT: u64 = 8 * 1024 * 1024;

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if req.method() != Method::GET {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let if_none_match = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let res = next.call(req).await?;
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    let small = matches!(res.response().body().size(), BodySize::Sized(n) if n <= LIMIT);
    if res.status() != StatusCode::OK || !json || !small {
        return Ok(res.map_into_boxed_body());
    }
    let (http_req, res) = res.into_parts();
    let (mut head, body) = res.into_parts();
    let bytes = actix_web::body::to_bytes(body)
        .await
        .map_err(|e| ApiError(AppError::Internal(e.into().to_string())))?;
    let digest: String = Sha256::digest(&bytes)
        .iter()
        .take(10)
        .map(|b| format!("{b:02x}"))
        .collect();
    let version = head
        .headers()
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .and_then(version_of);
    let tag = match version {
        Some(v) => format!("\"{v}-{digest}\""),
        None => format!("W/\"{digest}\""),
    };
    if let Ok(value) = header::HeaderValue::from_str(&tag) {
        head.headers_mut().insert(header::ETAG, value);
    }
    if if_none_match
        .as_deref()
        .is_some_and(|inm| matches(inm, &tag))
    {
        *head.status_mut() = StatusCode::NOT_MODIFIED;
        head.headers_mut().remove(header::CONTENT_TYPE);
        return Ok(ServiceResponse::new(
            http_req,
            head.set_body(()).map_into_boxed_body(),
        ));
    }
    Ok(ServiceResponse::new(
        http_req,
        head.set_body(bytes).map_into_boxed_body(),
    ))
}

/// The version in a record's tag: `"3"`, `W/"3"` or `"3-<digest>"`.
pub fn version_of(tag: &str) -> Option<i32> {
    let inner = tag.trim().trim_start_matches("W/").trim_matches('"');
    inner.split('-').next()?.parse().ok()
}

/// `If-None-Match` (a list of tags, or `*`) against the current tag, with
/// the weak comparison RFC 9110 prescribes for it.
fn matches(if_none_match: &str, tag: &str) -> bool {
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let current = opaque(tag);
    if_none_match
        .split(',')
        .any(|t| t.trim() == "*" || opaque(t) == current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_compare_weakly_and_carry_the_version() {
        assert!(matches("\"3-ab\"", "\"3-ab\""));
        assert!(matches("W/\"ab\", \"x\"", "W/\"ab\""));
        assert!(matches("*", "\"3-ab\""));
        assert!(!matches("\"3-ab\"", "\"3-ac\""));
        assert_eq!(version_of("\"3-0a1b\""), Some(3));
        assert_eq!(version_of("W/\"12\""), Some(12));
        assert_eq!(version_of("W/\"0a1b\""), None);
    }
}
