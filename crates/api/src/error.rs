//! The HTTP face of the application's error: every [`AppError`] is mapped
//! here, once, to an RFC 7807 problem response.
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use tgpl_api_model::Problem;
pub use tgpl_app::error::{AppError, Fields, denied, validation_errors};

/// An [`AppError`] on its way out as `application/problem+json`.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ApiError(#[from] pub AppError);

impl From<tgpl_db::DbError> for ApiError {
    fn from(err: tgpl_db::DbError) -> Self {
        ApiError(err.into())
    }
}

impl ApiError {
    /// The problem document, without the request id (added by middleware).
    pub fn problem(&self) -> Problem {
        self.0.problem()
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        match &self.0 {
            AppError::Internal(cause) => tracing::error!(%cause, "internal error"),
            AppError::StoreUnavailable(cause) => {
                tracing::warn!(%cause, "document store unavailable")
            }
            AppError::Corrupted(cause) => tracing::error!(%cause, "corrupted document"),
            _ => {}
        }
        let mut res = HttpResponse::build(self.status_code());
        res.content_type("application/problem+json");
        match &self.0 {
            AppError::Unauthorized { .. } => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"tgpl\""));
            }
            AppError::Unavailable | AppError::StoreUnavailable(_) => {
                res.insert_header((header::RETRY_AFTER, "5"));
            }
            AppError::TooManyRequests { retry_after } => {
                res.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            AppError::RangeNotSatisfiable { size } => {
                res.insert_header((header::CONTENT_RANGE, format!("bytes */{size}")));
            }
            _ => {}
        }
        res.json(self.problem())
    }
}
