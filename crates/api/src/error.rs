//! One error type for the HTTP layer, mapped once to RFC 7807 problems.
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use tgpl_api_model::{FieldError, Problem};
use tgpl_db::DbError;
use tgpl_domain::{Denied, ParseError};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ApiError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{detail}")]
    Unauthorized { code: &'static str, detail: String },
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    #[error("the record was changed by someone else; reload it (current version {current})")]
    Stale { current: i32 },
    #[error("send the version you edited, in If-Match or the body's `version`")]
    PreconditionRequired,
    #[error("{detail}")]
    PayloadTooLarge { code: &'static str, detail: String },
    #[error("{detail}")]
    UnsupportedMediaType { code: &'static str, detail: String },
    /// A byte range outside the document (`size` is the whole length).
    #[error("the requested range is outside the document ({size} bytes)")]
    RangeNotSatisfiable { size: u64 },
    #[error("the service is temporarily unavailable; retry shortly")]
    Unavailable,
    /// The document store is down or slow; nothing was half-written.
    #[error("the document store is temporarily unavailable; nothing was saved, retry shortly")]
    StoreUnavailable(String),
    /// A stored document no longer matches its recorded checksum.
    #[error(
        "the stored document is damaged and cannot be served; the administrators have been alerted"
    )]
    Corrupted(String),
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        }])
    }

    pub fn unauthorized(code: &'static str, detail: impl Into<String>) -> Self {
        ApiError::Unauthorized {
            code,
            detail: detail.into(),
        }
    }

    fn code(&self) -> String {
        match self {
            ApiError::NotFound(entity) => format!("{entity}.not_found"),
            ApiError::Forbidden(_) => "forbidden".into(),
            ApiError::Unauthorized { code, .. }
            | ApiError::BadRequest { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::PayloadTooLarge { code, .. }
            | ApiError::UnsupportedMediaType { code, .. } => (*code).into(),
            ApiError::Validation(_) => "validation_failed".into(),
            ApiError::Stale { .. } => "version_mismatch".into(),
            ApiError::PreconditionRequired => "version_required".into(),
            ApiError::RangeNotSatisfiable { .. } => "document.range_not_satisfiable".into(),
            ApiError::Unavailable => "service_unavailable".into(),
            ApiError::StoreUnavailable(_) => "storage.unavailable".into(),
            ApiError::Corrupted(_) => "document.corrupted".into(),
            ApiError::Internal(_) => "internal_error".into(),
        }
    }

    fn title(&self) -> &'static str {
        match self {
            ApiError::NotFound(_) => "Not found",
            ApiError::Forbidden(_) => "Forbidden",
            ApiError::Unauthorized { .. } => "Unauthorized",
            ApiError::Validation(_) => "Invalid request",
            ApiError::BadRequest { .. } => "Bad request",
            ApiError::Conflict { .. } => "Conflict",
            ApiError::Stale { .. } => "Version mismatch",
            ApiError::PreconditionRequired => "Version required",
            ApiError::PayloadTooLarge { .. } => "Payload too large",
            ApiError::UnsupportedMediaType { .. } => "Unsupported media type",
            ApiError::RangeNotSatisfiable { .. } => "Range not satisfiable",
            ApiError::Unavailable | ApiError::StoreUnavailable(_) => "Service unavailable",
            ApiError::Corrupted(_) => "Document damaged",
            ApiError::Internal(_) => "Internal error",
        }
    }

    /// The problem document, without the request id (added by middleware).
    pub fn problem(&self) -> Problem {
        let code = self.code();
        let errors = match self {
            ApiError::Validation(errors) => errors.clone(),
            _ => Vec::new(),
        };
        let detail = match self {
            ApiError::Internal(_) => {
                "an internal error occurred; it has been logged with the request id".to_owned()
            }
            other => other.to_string(),
        };
        Problem {
            type_: format!(
                "https://tgpl.moj.gov.vn/problems/{}",
                code.replace('.', "/")
            ),
            title: self.title().to_owned(),
            status: self.status_code().as_u16(),
            detail,
            code,
            request_id: None,
            errors,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::Stale { .. } => StatusCode::PRECONDITION_FAILED,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::RangeNotSatisfiable { .. } => StatusCode::RANGE_NOT_SATISFIABLE,
            ApiError::Unavailable | ApiError::StoreUnavailable(_) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ApiError::Internal(_) | ApiError::Corrupted(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(%cause, "internal error"),
            ApiError::StoreUnavailable(cause) => {
                tracing::warn!(%cause, "document store unavailable")
            }
            ApiError::Corrupted(cause) => tracing::error!(%cause, "corrupted document"),
            _ => {}
        }
        let mut res = HttpResponse::build(self.status_code());
        res.content_type("application/problem+json");
        match self {
            ApiError::Unauthorized { .. } => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"tgpl\""));
            }
            ApiError::Unavailable | ApiError::StoreUnavailable(_) => {
                res.insert_header((header::RETRY_AFTER, "5"));
            }
            ApiError::RangeNotSatisfiable { size } => {
                res.insert_header((header::CONTENT_RANGE, format!("bytes */{size}")));
            }
            _ => {}
        }
        res.json(self.problem())
    }
}

impl From<DbError> for ApiError {
    fn from(err: DbError) -> Self {
        match err {
            DbError::NotFound => ApiError::NotFound("record"),
            DbError::Stale { current } => ApiError::Stale { current },
            DbError::Conflict { code, message } => ApiError::Conflict {
                code,
                detail: message,
            },
            e if e.is_unavailable() => ApiError::Unavailable,
            DbError::Db(e) => ApiError::Internal(e.to_string()),
        }
    }
}

impl From<tgpl_db::DbErr> for ApiError {
    fn from(err: tgpl_db::DbErr) -> Self {
        DbError::from(err).into()
    }
}

/// Policy refusals: out of scope reads as absent.
pub fn denied(entity: &'static str) -> impl Fn(Denied) -> ApiError {
    move |d| match d {
        Denied::OutOfScope => ApiError::NotFound(entity),
        Denied::Forbidden(why) => ApiError::Forbidden(why),
    }
}

/// Collects field errors while parsing a request into domain values.
#[derive(Debug, Default)]
pub struct Fields {
    errors: Vec<FieldError>,
}

impl Fields {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value, or records the error against `field`.
    pub fn check<T>(&mut self, field: &str, result: Result<T, ParseError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(field, e.code, e.message);
                None
            }
        }
    }

    /// Parses an optional input; absent stays absent.
    pub fn optional<T>(
        &mut self,
        field: &str,
        input: Option<&str>,
        parse: impl Fn(&str) -> Result<T, ParseError>,
    ) -> Option<T> {
        input.and_then(|s| self.check(field, parse(s)))
    }

    pub fn push(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        });
    }

    pub fn require<T>(&mut self, field: &str, value: Option<T>) -> Option<T> {
        if value.is_none() && !self.errors.iter().any(|e| e.field == field) {
            self.push(field, "required", format!("{field} is required"));
        }
        value
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.errors))
        }
    }
}

/// Turns `validator` errors into our per-field entries.
pub fn validation_errors(errs: validator::ValidationErrors) -> ApiError {
    let mut out = Vec::new();
    for (field, kinds) in errs.field_errors() {
        for e in kinds {
            let message = e
                .message
                .as_ref()
                .map(|m| m.to_string())
                .unwrap_or_else(|| describe(&e.code, e));
            out.push(FieldError {
                field: field.to_string(),
                code: e.code.to_string(),
                message,
            });
        }
    }
    out.sort_by(|a, b| a.field.cmp(&b.field));
    ApiError::Validation(out)
}

fn describe(code: &str, e: &validator::ValidationError) -> String {
    let param = |k: &str| e.params.get(k).map(|v| v.to_string());
    match code {
        "length" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("length must be between {min} and {max} characters"),
            (None, Some(max)) => format!("length must be at most {max} characters"),
            (Some(min), None) => format!("length must be at least {min} characters"),
            _ => "invalid length".into(),
        },
        "range" => "value is out of range".into(),
        "email" => "not a valid email address".into(),
        other => format!("invalid value ({other})"),
    }
}
