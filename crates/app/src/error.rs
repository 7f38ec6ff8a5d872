//! The application's one error type. Each kind carries its stable `code`
//! and HTTP status; `tgpl-api` maps it once to an RFC 7807 problem.
use tgpl_api_model::{FieldError, Problem};
use tgpl_db::DbError;
use tgpl_domain::{Denied, ParseError};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum AppError {
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
    #[error("too many requests; wait {retry_after} seconds")]
    TooManyRequests { retry_after: u64 },
    /// The session is confined (temporary password, second factor to
    /// enrol) and this request does not lift the confinement.
    #[error("{detail}")]
    Confined {
        code: &'static str,
        detail: &'static str,
    },
    /// An API key used where its scopes do not reach.
    #[error("{0}")]
    KeyRefused(tgpl_domain::policy::KeyRefused),
    /// A privileged act without a password check in the last ten minutes.
    #[error(
        "this act needs your password again (checked within the last 10 minutes): POST /api/v1/auth/reauthenticate"
    )]
    RecentAuthenticationRequired,
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

impl AppError {
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        AppError::Validation(vec![FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        }])
    }

    pub fn unauthorized(code: &'static str, detail: impl Into<String>) -> Self {
        AppError::Unauthorized {
            code,
            detail: detail.into(),
        }
    }

    pub fn code(&self) -> String {
        match self {
            AppError::NotFound(entity) => format!("{entity}.not_found"),
            AppError::Forbidden(_) => "forbidden".into(),
            AppError::Unauthorized { code, .. }
            | AppError::BadRequest { code, .. }
            | AppError::Conflict { code, .. }
            | AppError::PayloadTooLarge { code, .. }
            | AppError::UnsupportedMediaType { code, .. }
            | AppError::Confined { code, .. } => (*code).into(),
            AppError::Validation(_) => "validation_failed".into(),
            AppError::Stale { .. } => "version_mismatch".into(),
            AppError::PreconditionRequired => "version_required".into(),
            AppError::RangeNotSatisfiable { .. } => "document.range_not_satisfiable".into(),
            AppError::TooManyRequests { .. } => "rate_limited".into(),
            AppError::KeyRefused(tgpl_domain::policy::KeyRefused::NotForKeys) => {
                "auth.api_key_not_accepted".into()
            }
            AppError::KeyRefused(tgpl_domain::policy::KeyRefused::MissingScope(_)) => {
                "auth.api_key_scope_missing".into()
            }
            AppError::RecentAuthenticationRequired => "auth.reauthentication_required".into(),
            AppError::Unavailable => "service_unavailable".into(),
            AppError::StoreUnavailable(_) => "storage.unavailable".into(),
            AppError::Corrupted(_) => "document.corrupted".into(),
            AppError::Internal(_) => "internal_error".into(),
        }
    }

    fn title(&self) -> &'static str {
        match self {
            AppError::NotFound(_) => "Not found",
            AppError::Forbidden(_) => "Forbidden",
            AppError::Unauthorized { .. } => "Unauthorized",
            AppError::Validation(_) => "Invalid request",
            AppError::BadRequest { .. } => "Bad request",
            AppError::Conflict { .. } => "Conflict",
            AppError::Stale { .. } => "Version mismatch",
            AppError::PreconditionRequired => "Version required",
            AppError::PayloadTooLarge { .. } => "Payload too large",
            AppError::UnsupportedMediaType { .. } => "Unsupported media type",
            AppError::RangeNotSatisfiable { .. } => "Range not satisfiable",
            AppError::TooManyRequests { .. } => "Too many requests",
            AppError::RecentAuthenticationRequired => "Re-authentication required",
            AppError::Confined { .. } | AppError::KeyRefused(_) => "Forbidden",
            AppError::Unavailable | AppError::StoreUnavailable(_) => "Service unavailable",
            AppError::Corrupted(_) => "Document damaged",
            AppError::Internal(_) => "Internal error",
        }
    }

    /// The problem document, without the request id (added by middleware).
    pub fn problem(&self) -> Problem {
        let code = self.code();
        let errors = match self {
            AppError::Validation(errors) => errors.clone(),
            _ => Vec::new(),
        };
        let detail = match self {
            AppError::Internal(_) => {
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
            status: self.status(),
            detail,
            code,
            request_id: None,
            errors,
        }
    }
}

impl AppError {
    /// The HTTP status the error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound(_) => 404,
            AppError::Forbidden(_)
            | AppError::RecentAuthenticationRequired
            | AppError::Confined { .. }
            | AppError::KeyRefused(_) => 403,
            AppError::Unauthorized { .. } => 401,
            AppError::Validation(_) => 422,
            AppError::BadRequest { .. } => 400,
            AppError::Conflict { .. } => 409,
            AppError::Stale { .. } => 412,
            AppError::PreconditionRequired => 428,
            AppError::PayloadTooLarge { .. } => 413,
            AppError::UnsupportedMediaType { .. } => 415,
            AppError::RangeNotSatisfiable { .. } => 416,
            AppError::TooManyRequests { .. } => 429,
            AppError::Unavailable | AppError::StoreUnavailable(_) => 503,
            AppError::Internal(_) | AppError::Corrupted(_) => 500,
        }
    }
}

/// Domain checks that name the field at fault (intake, estimates, a
/// scoring sheet) answer 422 with each of them.
impl From<Vec<tgpl_domain::error::FieldProblem>> for AppError {
    fn from(problems: Vec<tgpl_domain::error::FieldProblem>) -> Self {
        AppError::Validation(
            problems
                .into_iter()
                .map(|p| FieldError {
                    field: p.field,
                    code: p.code.to_owned(),
                    message: p.message,
                })
                .collect(),
        )
    }
}

impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        match err {
            DbError::NotFound => AppError::NotFound("record"),
            DbError::Stale { current } => AppError::Stale { current },
            DbError::Conflict { code, message } => AppError::Conflict {
                code,
                detail: message,
            },
            e if e.is_unavailable() => AppError::Unavailable,
            DbError::Db(e) => AppError::Internal(e.to_string()),
            DbError::Unsupported(why) => AppError::Internal(why.to_owned()),
        }
    }
}

impl From<tgpl_db::DbErr> for AppError {
    fn from(err: tgpl_db::DbErr) -> Self {
        DbError::from(err).into()
    }
}

/// Policy refusals: out of scope reads as absent.
pub fn denied(entity: &'static str) -> impl Fn(Denied) -> AppError {
    move |d| match d {
        Denied::OutOfScope => AppError::NotFound(entity),
        Denied::Forbidden(why) => AppError::Forbidden(why),
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

    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.errors))
        }
    }
}

/// Turns `validator` errors into our per-field entries.
pub fn validation_errors(errs: validator::ValidationErrors) -> AppError {
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
    AppError::Validation(out)
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
