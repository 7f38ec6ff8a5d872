//! Calendar feeds: one secret per user, kept as its SHA-256.
use crate::DbError;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr};
use uuid::Uuid;

const TABLE: &str = "calendar_feeds";

/// Sets the user's feed secret (a new one replaces the old).
pub async fn put<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    secret_sha256: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let stmt = Query::insert()
        .into_table(TABLE)
        .columns(["user_id", "secret_sha256", "created_at"])
        .values([user_id.into(), secret_sha256.into(), now.into()])
        .map_err(|e| DbError::Db(DbErr::Custom(e.to_string())))?
        .on_conflict(
            OnConflict::column("user_id")
                .update_columns(["secret_sha256", "created_at"])
                .value("last_read_at", Option::<DateTime<Utc>>::None)
                .to_owned(),
        )
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// Revokes the user's feed; whether there was one.
pub async fn remove<C: ConnectionTrait>(conn: &C, user_id: Uuid) -> Result<bool, DbError> {
    let stmt = Query::delete()
        .from_table(TABLE)
        .and_where(Expr::col("user_id").eq(user_id))
        .to_owned();
    Ok(conn.execute(&stmt).await?.rows_affected() > 0)
}

/// The user whose feed has this secret, and notes the read.
pub async fn open<C: ConnectionTrait>(
    conn: &C,
    secret_sha256: &str,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>, DbError> {
    let select = Query::select()
        .column("user_id")
        .from(TABLE)
        .and_where(Expr::col("secret_sha256").eq(secret_sha256))
        .to_owned();
    let Some(row) = conn.query_one(&select).await? else {
        return Ok(None);
    };
    let user_id: Uuid = row.try_get("", "user_id")?;
    let touch = Query::update()
        .table(TABLE)
        .value("last_read_at", now)
        .and_where(Expr::col("user_id").eq(user_id))
        .to_owned();
    conn.execute(&touch).await?;
    Ok(Some(user_id))
}

/// When the user's feed was opened and last read, if it exists.
pub async fn status<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> Result<Option<(DateTime<Utc>, Option<DateTime<Utc>>)>, DbError> {
    let select = Query::select()
        .columns(["created_at", "last_read_at"])
        .from(TABLE)
        .and_where(Expr::col("user_id").eq(user_id))
        .to_owned();
    Ok(match conn.query_one(&select).await? {
        Some(row) => Some((
            row.try_get("", "created_at")?,
            row.try_get("", "last_read_at")?,
        )),
        None => None,
    })
}
