//! Counters of login attempts in fixed windows, in the database so that
//! every replica sees the same count. Each hit is one atomic statement: a
//! row lock on PostgreSQL, the single writer on SQLite; concurrent hits are
//! counted exactly, so N parallel guesses cannot all pass a limit of 5.
use crate::DbError;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr};

fn custom(e: impl std::fmt::Display) -> DbError {
    DbError::Db(DbErr::Custom(e.to_string()))
}

/// A counter after a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    /// Attempts in the current window, this one included.
    pub attempts: i32,
    pub window_started_at: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
}

/// Counts one attempt under `key` in a window of `window` (a new window
/// starts when the old one has passed, or a lock has run out).
pub async fn hit<C: ConnectionTrait>(
    conn: &C,
    key: &str,
    now: DateTime<Utc>,
    window: Duration,
) -> Result<Count, DbError> {
    let insert = Query::insert()
        .into_table("login_throttle")
        .columns(["key", "attempts", "window_started_at"])
        .values([key.into(), 0.into(), now.into()])
        .map_err(custom)?
        .on_conflict(OnConflict::column("key").do_nothing().to_owned())
        .to_owned();
    conn.execute(&insert).await?;
    let cutoff = now - window;
    // A window that has passed, with no lock still running, starts afresh.
    let stale = Expr::col("window_started_at").lt(cutoff).and(
        Expr::col("locked_until")
            .is_null()
            .or(Expr::col("locked_until").lte(now)),
    );
    let update = Query::update()
        .table("login_throttle")
        .value(
            "attempts",
            Expr::case(stale.clone(), 1).finally(Expr::col("attempts").add(1)),
        )
        .value(
            "window_started_at",
            Expr::case(stale.clone(), now).finally(Expr::col("window_started_at")),
        )
        .value(
            "locked_until",
            Expr::case(stale, Expr::value(Option::<DateTime<Utc>>::None))
                .finally(Expr::col("locked_until")),
        )
        .and_where(Expr::col("key").eq(key))
        .returning(Query::returning().columns(["attempts", "window_started_at", "locked_until"]))
        .to_owned();
    let row = conn
        .query_one(&update)
        .await?
        .ok_or_else(|| custom("login throttle row missing"))?;
    count_of(&row)
}

fn count_of(row: &sea_orm::QueryResult) -> Result<Count, DbError> {
    Ok(Count {
        attempts: row.try_get("", "attempts")?,
        window_started_at: row.try_get("", "window_started_at")?,
        locked_until: row.try_get("", "locked_until")?,
    })
}

/// The counter under `key` as it stands, without counting an attempt.
pub async fn peek<C: ConnectionTrait>(conn: &C, key: &str) -> Result<Option<Count>, DbError> {
    let select = Query::select()
        .columns(["attempts", "window_started_at", "locked_until"])
        .from("login_throttle")
        .and_where(Expr::col("key").eq(key))
        .to_owned();
    conn.query_one(&select)
        .await?
        .as_ref()
        .map(count_of)
        .transpose()
}

/// Locks `key` until `until` (kept if a later lock already runs).
pub async fn lock<C: ConnectionTrait>(
    conn: &C,
    key: &str,
    until: DateTime<Utc>,
) -> Result<(), DbError> {
    let stmt = Query::update()
        .table("login_throttle")
        .value("locked_until", until)
        .and_where(Expr::col("key").eq(key))
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// Forgets `key` (a successful login clears its failures).
pub async fn clear<C: ConnectionTrait>(conn: &C, key: &str) -> Result<(), DbError> {
    let stmt = Query::delete()
        .from_table("login_throttle")
        .and_where(Expr::col("key").eq(key))
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// Forgets every counter of one account (an administrator unlocked it).
pub async fn clear_account<C: ConnectionTrait>(conn: &C, username: &str) -> Result<(), DbError> {
    let name = username.to_lowercase();
    let stmt = Query::delete()
        .from_table("login_throttle")
        .cond_where(
            Expr::col("key")
                .eq(format!("acct:{name}"))
                // Every `pair:<name>|<address>`: the keys between `pair:<name>|`
                // and `pair:<name>}` (`}` follows `|` in ASCII).
                .or(Expr::col("key")
                    .gte(format!("pair:{name}|"))
                    .and(Expr::col("key").lt(format!("pair:{name}}}")))),
        )
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}
