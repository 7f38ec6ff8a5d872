use sea_orm::{DbErr, SqlErr};
use thiserror::Error;

/// What can go wrong below the service layer.
#[derive(Debug, Error)]
pub enum DbError {
    #[error("record not found")]
    NotFound,
    /// Optimistic concurrency: the row changed since the caller read it.
    #[error("the record was changed by someone else (now at version {current})")]
    Stale { current: i32 },
    /// A uniqueness rule was broken; `code` names which one.
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("database error: {0}")]
    Db(#[source] DbErr),
    /// Asked of a database that cannot do it (e.g. an embedded backup of
    /// PostgreSQL); says what to do instead.
    #[error("{0}")]
    Unsupported(&'static str),
}

impl From<DbErr> for DbError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(detail)) => unique_violation(&detail),
            _ => DbError::Db(err),
        }
    }
}

/// Names the broken rule from the index the database reported.
fn unique_violation(detail: &str) -> DbError {
    let (code, message) = if detail.contains("card_number") {
        (
            "practitioner.card_number_taken",
            "another practitioner already has this card number",
        )
    } else if detail.contains("idempotency") {
        (
            "document.duplicate_upload",
            "a document was already uploaded with this idempotency key",
        )
    } else if detail.contains("saved_views") {
        (
            "saved_view.name_taken",
            "you already have a saved view of this list with this name",
        )
    } else if detail.contains("username") {
        ("user.username_taken", "this username is already taken")
    } else if detail.contains("case_feedback") {
        (
            "feedback.already_given",
            "feedback on this case was already given",
        )
    } else {
        (
            "conflict.duplicate",
            "a record with the same unique value already exists",
        )
    };
    DbError::Conflict {
        code,
        message: message.to_owned(),
    }
}

impl DbError {
    /// The database is overloaded or away, rather than the request wrong.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            DbError::Db(DbErr::ConnectionAcquire(_) | DbErr::Conn(_))
        )
    }
}
