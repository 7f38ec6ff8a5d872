//! Answers to keyed requests (`Idempotency-Key`), so that a retry gets the
//! first answer instead of doing the work twice. One row per caller and
//! key, claimed by an insert that only one request can win (the primary
//! key), on both databases.
use crate::DbError;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr};

const TABLE: &str = "idempotent_requests";

fn custom(e: impl std::fmt::Display) -> DbError {
    DbError::Db(DbErr::Custom(e.to_string()))
}

/// The first answer, as it will be given again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub etag: Option<String>,
    pub body: String,
}

/// What a keyed request finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key is new (or its earlier request was abandoned): do the work.
    Fresh,
    /// The same request was answered: give that answer again.
    Answered(Answer),
    /// The same request is still running.
    Running,
    /// The key was used for a different request.
    Mismatch,
}

/// Claims `id` for the request with `fingerprint`. An answer older than
/// `keep` is forgotten; a claim still unanswered after `abandoned` (its
/// replica died) may be taken over.
pub async fn claim<C: ConnectionTrait>(
    conn: &C,
    id: &str,
    fingerprint: &str,
    now: DateTime<Utc>,
    keep: Duration,
    abandoned: Duration,
) -> Result<Claim, DbError> {
    let expired = Query::delete()
        .from_table(TABLE)
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("created_at").lt(now - keep))
        .to_owned();
    conn.execute(&expired).await?;
    let insert = Query::insert()
        .into_table(TABLE)
        .columns(["id", "fingerprint", "created_at"])
        .values([id.into(), fingerprint.into(), now.into()])
        .map_err(custom)?
        .on_conflict(OnConflict::column("id").do_nothing().to_owned())
        .to_owned();
    if conn.execute(&insert).await?.rows_affected() == 1 {
        return Ok(Claim::Fresh);
    }
    let select = Query::select()
        .columns([
            "fingerprint",
            "status",
            "content_type",
            "location",
            "etag",
            "body",
            "created_at",
        ])
        .from(TABLE)
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    // Answered and forgotten between the insert and here: a race a retry wins.
    let Some(row) = conn.query_one(&select).await? else {
        return Ok(Claim::Running);
    };
    let stored: String = row.try_get("", "fingerprint")?;
    if stored != fingerprint {
        return Ok(Claim::Mismatch);
    }
    let status: Option<i32> = row.try_get("", "status")?;
    let Some(status) = status else {
        let since: DateTime<Utc> = row.try_get("", "created_at")?;
        if since >= now - abandoned {
            return Ok(Claim::Running);
        }
        let take_over = Query::update()
            .table(TABLE)
            .value("created_at", now)
            .and_where(Expr::col("id").eq(id))
            .and_where(Expr::col("status").is_null())
            .and_where(Expr::col("created_at").eq(since))
            .to_owned();
        let won = conn.execute(&take_over).await?.rows_affected() == 1;
        return Ok(if won { Claim::Fresh } else { Claim::Running });
    };
    Ok(Claim::Answered(Answer {
        status: u16::try_from(status).map_err(custom)?,
        content_type: row.try_get("", "content_type")?,
        location: row.try_get("", "location")?,
        etag: row.try_get("", "etag")?,
        body: row
            .try_get::<Option<String>>("", "body")?
            .unwrap_or_default(),
    }))
}

/// Keeps the answer of a claimed request.
pub async fn answer<C: ConnectionTrait>(conn: &C, id: &str, a: &Answer) -> Result<(), DbError> {
    let stmt = Query::update()
        .table(TABLE)
        .value("status", i32::from(a.status))
        .value("content_type", a.content_type.clone())
        .value("location", a.location.clone())
        .value("etag", a.etag.clone())
        .value("body", a.body.clone())
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// Gives up a claim whose request failed: a retry does the work again.
pub async fn release<C: ConnectionTrait>(conn: &C, id: &str) -> Result<(), DbError> {
    let stmt = Query::delete()
        .from_table(TABLE)
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("status").is_null())
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// Forgets every answer older than `before`; returns how many.
pub async fn forget_before<C: ConnectionTrait>(
    conn: &C,
    before: DateTime<Utc>,
) -> Result<u64, DbError> {
    let stmt = Query::delete()
        .from_table(TABLE)
        .and_where(Expr::col("created_at").lt(before))
        .to_owned();
    Ok(conn.execute(&stmt).await?.rows_affected())
}
