//! Application services: each takes the caller, asks `domain::policy`,
//! runs in one transaction and appends to the audit trail. Handlers call
//! these and never touch the database or the policy themselves.
pub mod audit;
pub mod auth;
pub mod cases;
pub mod hearings;
pub mod organisations;
pub mod practitioners;
pub mod reference;
pub mod users;

use crate::error::ApiError;
use tgpl_db::{DatabaseTransaction, Db, DbError, TransactionTrait};

/// Maps "no such row" to a 404 naming the entity.
pub fn found(entity: &'static str) -> impl FnOnce(DbError) -> ApiError {
    move |e| match e {
        DbError::NotFound => ApiError::NotFound(entity),
        other => other.into(),
    }
}

pub async fn begin(db: &Db) -> Result<DatabaseTransaction, ApiError> {
    Ok(db.conn.begin().await?)
}

pub async fn commit(txn: DatabaseTransaction) -> Result<(), ApiError> {
    Ok(txn.commit().await?)
}

/// Empty strings clear optional text fields in updates.
pub fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Applies an optional update: absent keeps, empty clears, else sets.
pub fn patch_text(current: &mut Option<String>, update: Option<String>) {
    if let Some(v) = update {
        *current = non_empty(Some(v));
    }
}
