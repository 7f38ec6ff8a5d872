//! Request extractors: the authenticated caller, JSON bodies that fail with
//! per-field problems, the expected version from `If-Match`.
use crate::auth::{self, tokens};
use crate::error::{ApiError, validation_errors};
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::web::{self, Bytes};
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use chrono::Utc;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use std::future::{Ready, ready};
use tgpl_db::{sessions, users};
use tgpl_domain::Actor;
use tgpl_domain::records::UserStatus;
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

/// The authenticated caller: who they are and which session they use.
#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: Actor,
    /// Absent for API-key callers.
    pub session_id: Option<Uuid>,
    pub request_id: String,
}

impl Caller {
    pub fn audit(&self) -> tgpl_db::audit::AuditMeta {
        tgpl_db::audit::AuditMeta::of(&self.actor, self.request_id.clone())
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let header = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|h| h.to_str().ok())
            .map(str::to_owned);
        let request_id = request_id(req).0;
        Box::pin(async move {
            let state =
                state.ok_or_else(|| ApiError::Internal("application state missing".into()))?;
            let header = header.ok_or_else(|| {
                ApiError::unauthorized(
                    "auth.required",
                    "log in and send `Authorization: Bearer <access token>`",
                )
            })?;
            let (actor, session_id) = match header.split_once(' ') {
                Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => {
                    let (actor, sid) = from_access_token(&state, token.trim()).await?;
                    (actor, Some(sid))
                }
                Some((scheme, key)) if scheme.eq_ignore_ascii_case("apikey") => {
                    (from_api_key(&state, key.trim()).await?, None)
                }
                _ => {
                    return Err(ApiError::unauthorized(
                        "auth.scheme_unsupported",
                        "use `Authorization: Bearer <token>` or `Authorization: ApiKey <key>`",
                    ));
                }
            };
            Ok(Caller {
                actor,
                session_id,
                request_id,
            })
        })
    }
}

async fn from_access_token(state: &AppState, token: &str) -> Result<(Actor, Uuid), ApiError> {
    let claims = match state.sessions.verified(token, Utc::now().timestamp()) {
        Some(c) => c,
        None => {
            let c = tokens::verify(&state.keys, token)?;
            state.sessions.put_verified(token, &c);
            c
        }
    };
    let usable = match state.sessions.get(claims.sid) {
        Some(u) => u,
        None => {
            let u = sessions::session_usable(state.db.read(), claims.sid, Utc::now()).await?;
            state.sessions.put(claims.sid, u);
            u
        }
    };
    if !usable {
        return Err(ApiError::unauthorized(
            "auth.session_revoked",
            "this session has ended; log in again",
        ));
    }
    Ok((claims.actor()?, claims.sid))
}

async fn from_api_key(state: &AppState, key: &str) -> Result<Actor, ApiError> {
    let invalid = || {
        ApiError::unauthorized(
            "auth.api_key_invalid",
            "the API key is unknown, revoked or expired",
        )
    };
    let now = Utc::now();
    let found = sessions::find_api_key(state.db.read(), &auth::sha256_hex(key))
        .await?
        .ok_or_else(invalid)?;
    if found.revoked_at.is_some() || found.expires_at.is_some_and(|e| e <= now) {
        return Err(invalid());
    }
    let user = users::get(state.db.read(), found.user_id).await?;
    if user.locked || user.status != UserStatus::Active {
        return Err(ApiError::unauthorized(
            "auth.account_locked",
            "the service account is locked or deactivated",
        ));
    }
    sessions::touch_api_key(&state.db.conn, found.id, now).await?;
    Ok(user.actor())
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
        Box::pin(async move {
            if is_json == Some(false) {
                return Err(ApiError::UnsupportedMediaType {
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
        })
    }
}

fn too_large(limit: usize) -> ApiError {
    ApiError::PayloadTooLarge {
        code: "payload_too_large",
        detail: format!("the body is larger than the {limit}-byte limit"),
    }
}

fn body_error(e: actix_web::Error, limit: usize) -> ApiError {
    let status = e.as_response_error().status_code();
    if status == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
        too_large(limit)
    } else {
        ApiError::BadRequest {
            code: "body.unreadable",
            detail: format!("the request body could not be read: {e}"),
        }
    }
}

/// Deserializes with the path of the offending field in the error.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // An empty body reads as `{}`: commands without fields need none, and
    // required fields are then reported by name.
    let bytes = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        bytes
    };
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::BadRequest {
                code: "body.malformed_json",
                detail: format!("the body is not valid JSON: {inner}"),
            };
        }
        let message = strip_position(&inner.to_string());
        let (field, code) = if path == "." {
            (
                missing_field(&message).unwrap_or_else(|| "body".into()),
                "invalid",
            )
        } else {
            (path, "invalid")
        };
        let code = if message.starts_with("missing field") {
            "required"
        } else {
            code
        };
        ApiError::field(&field, code, message)
    })
}

fn strip_position(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

fn missing_field(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("missing field `")?;
    Some(rest.split('`').next()?.to_owned())
}

/// The version the client edited, from `If-Match: "3"` (or `W/"3"`).
#[derive(Debug, Clone, Copy)]
pub struct IfMatch(pub Option<i32>);

impl IfMatch {
    /// The expected version: the header wins over the body's `version`.
    pub fn expected(self, body_version: Option<i32>) -> Result<i32, ApiError> {
        self.0
            .or(body_version)
            .ok_or(ApiError::PreconditionRequired)
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
                .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
                .and_then(|s| s.parse::<i32>().ok())
                .map(|n| IfMatch(Some(n)))
                .ok_or_else(|| ApiError::BadRequest {
                    code: "if_match.invalid",
                    detail: "If-Match must be the ETag you received, e.g. \"3\"".into(),
                }),
        };
        ready(parsed)
    }
}

/// `ETag` value for a record version.
pub fn etag(version: i32) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{version}\""))
}
