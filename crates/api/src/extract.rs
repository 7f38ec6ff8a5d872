//! Request extractors: the authenticated caller, JSON bodies that fail with
//! per-field problems, the expected version from `If-Match`.
use crate::error::{ApiError, AppError, validation_errors};
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::web::{self, Bytes};
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use std::future::{Ready, ready};
use std::ops::Deref;
use tgpl_app::service::auth::{authenticate_api_key, authenticate_bearer};
use tgpl_domain::policy::authorize_key;
use tgpl_domain::policy::{Confinement, SelfService, confinement_allows};
use uuid::Uuid;
use validator::Validate;

/// The id of the current request (set by the request-id middleware).
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

impl FromRequest for RequestId {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(request_id(req)))
    }
}

pub fn request_id(req: &HttpRequest) -> RequestId {
    req.extensions()
        .get::<RequestId>()
        .cloned()
        .unwrap_or_else(|| RequestId(Uuid::now_v7().to_string()))
}

/// The client's address as the login throttle and the public limits count
/// it: the peer, or behind a trusted proxy (`TGPL_TRUSTED_PROXIES`) the
/// address its `X-Forwarded-For` names (deploy/README).
pub fn client_address(req: &HttpRequest) -> String {
    let Some(peer) = req.peer_addr().map(|a| a.ip()) else {
        return "unknown".into();
    };
    let trusted = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.settings.trusted_proxies.as_slice())
        .unwrap_or_default();
    // Most requests come from no proxy: no header is read for them.
    if !trusted.contains(&peer) {
        return peer.to_string();
    }
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    forwarded_client(peer, trusted, &forwarded).to_string()
}

/// The client behind a chain of proxies: from the peer back through
/// `X-Forwarded-For` (right to left), the first address that is not a
/// trusted proxy. A value a client made up can only name addresses to the
/// left of what a trusted proxy appended, so it is never believed.
pub fn forwarded_client(
    peer: std::net::IpAddr,
    trusted: &[std::net::IpAddr],
    forwarded: &str,
) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let mut client = peer;
    for hop in forwarded
        .rsplit(',')
        .map(str::trim)
        .filter(|h| !h.is_empty())
    {
        let Ok(ip) = hop.parse::<std::net::IpAddr>() else {
            break;
        };
        client = ip;
        if !trusted.contains(&ip) {
            break;
        }
    }
    client
}

/// A visitor of the public services: request id, address, the clock.
#[derive(Debug, Clone)]
pub struct Visitor(pub tgpl_app::Visitor);

impl FromRequest for Visitor {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(state) = req.app_data::<web::Data<AppState>>() else {
            return ready(Err(ApiError(AppError::Internal("no app state".into()))));
        };
        ready(Ok(Visitor(tgpl_app::Visitor {
            request_id: request_id(req).0,
            client: client_address(req),
            at: state.moment(),
        })))
    }
}

/// The authenticated caller, with the clock read once for the request.
#[derive(Debug, Clone)]
pub struct Caller(pub tgpl_app::Caller);

impl Deref for Caller {
    type Target = tgpl_app::Caller;
    fn deref(&self) -> &tgpl_app::Caller {
        &self.0
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // Authenticated once per request: a middleware that needs the
        // caller (`idempotency`) leaves it here for the handler.
        if let Some(known) = req.extensions().get::<Caller>().cloned() {
            return Box::pin(std::future::ready(Ok(known)));
        }
        let remember = req.clone();
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let header = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|h| h.to_str().ok())
            .map(str::to_owned);
        let request_id = request_id(req).0;
        // A confined session (temporary password, second factor to enrol)
        // reaches only what policy opens to it.
        let self_service = self_service_of(req.path());
        // What a key needs here, as the spec says (`crate::key_scopes`);
        // looked up only for a key (the match pattern is built per call).
        let needs_scopes = header
            .as_deref()
            .and_then(|h| h.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("apikey"))
            .and_then(|_| req.match_pattern())
            .and_then(|p| crate::key_scopes::required(req.method(), &p));
        Box::pin(futures_util::FutureExt::map(
            async move {
                let state =
                    state.ok_or_else(|| AppError::Internal("application state missing".into()))?;
                let at = state.moment();
                let header = header.ok_or_else(|| {
                    AppError::unauthorized(
                        "auth.required",
                        "log in and send `Authorization: Bearer <access token>`",
                    )
                })?;
                let (actor, session_id, authenticated_at) = match header.split_once(' ') {
                    Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => {
                        let bearer = authenticate_bearer(&state, token.trim(), at).await?;
                        if let Some(c) = bearer.confinement
                            && !confinement_allows(c, self_service)
                        {
                            return Err(confined(c));
                        }
                        (
                            bearer.actor,
                            Some(bearer.session_id),
                            bearer.authenticated_at,
                        )
                    }
                    Some((scheme, key)) if scheme.eq_ignore_ascii_case("apikey") => {
                        let (actor, grant) = authenticate_api_key(&state, key.trim(), at).await?;
                        authorize_key(&grant, needs_scopes).map_err(AppError::KeyRefused)?;
                        (actor, None, None)
                    }
                    _ => {
                        return Err(AppError::unauthorized(
                            "auth.scheme_unsupported",
                            "use `Authorization: Bearer <token>` or `Authorization: ApiKey <key>`",
                        ));
                    }
                };
                Ok(Caller(tgpl_app::Caller {
                    actor,
                    session_id,
                    request_id,
                    at,
                    authenticated_at,
                }))
            },
            move |r: Result<Self, AppError>| {
                if let Ok(caller) = &r {
                    remember.extensions_mut().insert(caller.clone());
                }
                r.map_err(ApiError::from)
            },
        ))
    }
}

/// The self-service request a path is, for a confined session.
fn self_service_of(path: &str) -> Option<SelfService> {
    match path {
        "/api/v1/auth/me" => Some(SelfService::ReadOwnAccount),
        "/api/v1/auth/logout" => Some(SelfService::Logout),
        "/api/v1/auth/password" => Some(SelfService::ChangePassword),
        "/api/v1/auth/second-factor" | "/api/v1/auth/second-factor/confirm" => {
            Some(SelfService::EnrolSecondFactor)
        }
        _ => None,
    }
}

fn confined(c: Confinement) -> AppError {
    match c {
        Confinement::TemporaryPassword => AppError::Confined {
            code: "auth.password_change_required",
            detail: "your password is temporary: change it first (POST /api/v1/auth/password)",
        },
        Confinement::SecondFactorEnrolment => AppError::Confined {
            code: "auth.second_factor_enrolment_required",
            detail: "your role must use a second factor: enrol one first (POST /api/v1/auth/second-factor)",
        },
    }
}

/// A JSON body whose problems are reported per field (422), never as a 500.
#[derive(Debug)]
pub struct ValidJson<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req
            .app_data::<web::Data<AppState>>()
            .map(|s| s.settings.json_limit)
            .unwrap_or(1024 * 1024);
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|h| h.to_str().ok())
            .map(|ct| {
                let mime = ct
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                mime == "application/json" || mime.ends_with("+json")
            });
        let body = Bytes::from_request(req, payload);
        Box::pin(futures_util::FutureExt::map(
            async move {
                if is_json == Some(false) {
                    return Err(AppError::UnsupportedMediaType {
                        code: "unsupported_media_type",
                        detail: "send the body as application/json".into(),
                    });
                }
                let bytes = body.await.map_err(|e| body_error(e, limit))?;
                if bytes.len() > limit {
                    return Err(too_large(limit));
                }
                let value = parse_json::<T>(&bytes)?;
                value.validate().map_err(validation_errors)?;
                Ok(ValidJson(value))
            },
            |r: Result<Self, AppError>| r.map_err(ApiError::from),
        ))
    }
}

fn too_large(limit: usize) -> AppError {
    AppError::PayloadTooLarge {
        code: "payload_too_large",
        detail: format!("the body is larger than the {limit}-byte limit"),
    }
}

fn body_error(e: actix_web::Error, limit: usize) -> AppError {
    let status = e.as_response_error().status_code();
    if status == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
        too_large(limit)
    } else {
        AppError::BadRequest {
            code: "body.unreadable",
            detail: format!("the request body could not be read: {e}"),
        }
    }
}

/// Deserializes with the path of the offending field in the error.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    // An empty body reads as `{}`: commands without fields need none, and
    // required fields are then reported by name.
    let bytes = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        bytes
    };
    if let Some(field) = control_character_field(bytes) {
        return Err(control_character(&field));
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return AppError::BadRequest {
                code: "body.malformed_json",
                detail: format!("the body is not valid JSON: {inner}"),
            };
        }
        let message = strip_position(&inner.to_string());
        // A field the operation does not take is named and refused
        // (`not_used`): nothing sent is silently ignored.
        let within = |f: String| {
            if path == "." {
                f
            } else {
                format!("{path}.{f}")
            }
        };
        let (field, code) = if let Some(field) = quoted_field(&message, "missing field `") {
            (within(field), "required")
        } else if let Some(field) = quoted_field(&message, "unknown field `") {
            // The path already ends at the unknown key.
            (if path == "." { field } else { path }, "not_used")
        } else if path == "." {
            ("body".into(), "invalid")
        } else {
            (path, "invalid")
        };
        AppError::field(&field, code, message)
    })
}

/// Text never holds control characters (NUL breaks PostgreSQL, the rest
/// breaks exports and logs): tab, line feed and carriage return excepted.
pub fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

pub fn control_character(field: &str) -> AppError {
    AppError::field(
        field,
        "text.control_character",
        "text must not contain control characters (such as NUL)",
    )
}

/// The first field of a JSON body whose text holds a control character.
/// Raw control characters are invalid JSON already; escaped ones (`\u0000`)
/// are found by a byte scan first, so ordinary bodies cost one pass.
fn control_character_field(bytes: &[u8]) -> Option<String> {
    // Every control character is U+0000–U+009F: its escape starts `\u00`.
    let escaped = bytes.windows(4).any(|w| w.eq_ignore_ascii_case(b"\\u00"));
    if !escaped {
        return None;
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    find_control(&value, String::new())
}

fn find_control(v: &serde_json::Value, path: String) -> Option<String> {
    use serde_json::Value;
    let here = || {
        if path.is_empty() {
            "body".to_owned()
        } else {
            path.clone()
        }
    };
    match v {
        Value::String(s) => s.chars().any(is_control).then(here),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, x)| find_control(x, format!("{path}[{i}]"))),
        Value::Object(map) => map.iter().find_map(|(k, x)| {
            if k.chars().any(is_control) {
                return Some(here());
            }
            let p = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            find_control(x, p)
        }),
        _ => None,
    }
}

fn strip_position(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// `x` of a serde message such as "missing field `x`".
fn quoted_field(msg: &str, prefix: &str) -> Option<String> {
    let rest = msg.strip_prefix(prefix)?;
    Some(rest.split('`').next()?.to_owned())
}

/// The version the client edited, from `If-Match: "3"` (or `W/"3"`).
#[derive(Debug, Clone, Copy)]
pub struct IfMatch(pub Option<i32>);

impl IfMatch {
    /// The expected version: the header wins over the body's `version`.
    pub fn expected(self, body_version: Option<i32>) -> Result<i32, AppError> {
        self.0
            .or(body_version)
            .ok_or(AppError::PreconditionRequired)
    }
}

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let parsed = match req.headers().get(header::IF_MATCH) {
            None => Ok(IfMatch(None)),
            Some(v) => v
                .to_str()
                .ok()
                // `"3"`, or the tag of a read, `"3-<digest>"`.
                .and_then(crate::conditional::version_of)
                .map(|n| IfMatch(Some(n)))
                .ok_or_else(|| {
                    ApiError(AppError::BadRequest {
                        code: "if_match.invalid",
                        detail: "If-Match must be the ETag you received, e.g. \"3\"".into(),
                    })
                }),
        };
        ready(parsed)
    }
}

/// `ETag` value for a record version.
pub fn etag(version: i32) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{version}\""))
}

#[cfg(test)]
mod tests {
    use super::forwarded_client;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn only_a_trusted_proxy_names_the_client() {
        let proxy = ip("10.0.0.1");
        let trusted = [proxy, ip("10.0.0.2")];
        // No proxy in front: the peer, whatever the header says.
        assert_eq!(
            forwarded_client(ip("203.0.113.7"), &trusted, "198.51.100.1"),
            ip("203.0.113.7")
        );
        // Behind the proxy: the address it appended.
        assert_eq!(
            forwarded_client(proxy, &trusted, "198.51.100.1"),
            ip("198.51.100.1")
        );
        // A made-up address to the left of the real one is not believed.
        assert_eq!(
            forwarded_client(proxy, &trusted, "1.2.3.4, 198.51.100.1"),
            ip("198.51.100.1")
        );
        // Two proxies in a row.
        assert_eq!(
            forwarded_client(proxy, &trusted, "198.51.100.1, 10.0.0.2"),
            ip("198.51.100.1")
        );
        // Garbage stops the walk at the last good hop.
        assert_eq!(forwarded_client(proxy, &trusted, "not-an-ip"), proxy);
        assert_eq!(forwarded_client(proxy, &trusted, ""), proxy);
    }
}
