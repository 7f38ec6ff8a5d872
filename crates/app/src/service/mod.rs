//! Application services: each takes the caller, asks `domain::policy`,
//! runs in one transaction and appends to the audit trail. Handlers call
//! these and never touch the database or the policy themselves.
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod case_archive;
pub mod cases;
pub mod change_feed;
pub mod complaints;
pub mod documents;
pub mod evaluations;
pub mod export;
pub mod hearings;
pub mod hotline;
pub mod idempotency;
pub mod import;
pub mod intake;
pub mod notifications;
pub mod organisations;
pub mod persons;
pub mod practitioners;
pub mod privacy;
pub mod public;
pub mod reference;
pub mod report_export;
pub mod report_flow;
pub mod reports;
pub mod saved_views;
pub mod second_factor;
pub mod statistics;
pub mod users;
pub mod webhooks;

use crate::error::{AppError, Fields};
use tgpl_db::PageRequest;
use tgpl_db::{DatabaseTransaction, Db, DbError, TransactionTrait};
use tgpl_domain::case::rules::RuleError;

/// Maps "no such row" to a 404 naming the entity.
pub fn found(entity: &'static str) -> impl FnOnce(DbError) -> AppError {
    move |e| match e {
        DbError::NotFound => AppError::NotFound(entity),
        other => other.into(),
    }
}

pub async fn begin(db: &Db) -> Result<DatabaseTransaction, AppError> {
    Ok(db.conn.begin().await?)
}

pub async fn commit(txn: DatabaseTransaction) -> Result<(), AppError> {
    Ok(txn.commit().await?)
}

/// Empty strings clear optional text fields in updates.
pub fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// An optional text in a correction: absent leaves the field, empty clears
/// it, else sets it (trimmed).
pub fn clearable(v: Option<String>) -> Option<Option<String>> {
    v.map(|s| non_empty(Some(s)))
}

/// Applies an optional update: absent keeps, empty clears, else sets.
pub fn patch_text(current: &mut Option<String>, update: Option<String>) {
    if let Some(v) = update {
        *current = non_empty(Some(v));
    }
}

/// Parses `after`/`limit`, recording problems against those fields.
pub fn page_request(
    f: &mut Fields,
    after: Option<&str>,
    limit: Option<u64>,
) -> Option<PageRequest> {
    match PageRequest::parse(after, limit) {
        Ok(p) => Some(p),
        Err(msg) => {
            let field = if msg.starts_with("limit") {
                "limit"
            } else {
                "after"
            };
            f.push(field, "invalid", msg);
            None
        }
    }
}

/// Optimistic concurrency: the caller edited `expected`, the row is at `current`.
pub fn expect_version(current: i32, expected: i32) -> Result<(), AppError> {
    if current == expected {
        Ok(())
    } else {
        Err(AppError::Stale { current })
    }
}

/// A domain precondition refused: 422 on the field at fault, else 409.
pub fn rule(e: RuleError) -> AppError {
    match e.field {
        Some(field) => AppError::field(field, e.code, e.message),
        None => AppError::Conflict {
            code: e.code,
            detail: e.message,
        },
    }
}
