//! Webhook subscriptions and their delivery log (issue #14 item 4). Each
//! subscription reads the outbox from its own cursor; a replica leases it
//! while delivering (on PostgreSQL the claim skips rows another replica
//! holds, on SQLite the one writer serialises claims), so events go out in
//! order and a lease that runs out (a replica died) frees it again.
use crate::DbError;
use crate::page::{Page, PageRequest};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, DbErr, QueryResult};
use uuid::Uuid;

fn custom(e: impl std::fmt::Display) -> DbError {
    DbError::Db(DbErr::Custom(e.to_string()))
}

#[derive(Debug, Clone, PartialEq)]
pub struct Subscription {
    pub id: Uuid,
    pub user_id: Uuid,
    pub url: String,
    /// Empty: every type.
    pub event_types: Vec<String>,
    pub secret: String,
    pub active: bool,
    /// The last event delivered or passed over.
    pub cursor: i64,
    /// Failed attempts in a row at the next event.
    pub failures: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: [&str; 12] = [
    "id",
    "user_id",
    "url",
    "event_types",
    "secret",
    "active",
    "cursor",
    "failures",
    "next_attempt_at",
    "last_error",
    "created_at",
    "updated_at",
];

fn subscription_of(r: &QueryResult) -> Result<Subscription, DbError> {
    let types: String = r.try_get("", "event_types")?;
    Ok(Subscription {
        id: r.try_get("", "id")?,
        user_id: r.try_get("", "user_id")?,
        url: r.try_get("", "url")?,
        event_types: types.split_whitespace().map(str::to_owned).collect(),
        secret: r.try_get("", "secret")?,
        active: r.try_get("", "active")?,
        cursor: r.try_get("", "cursor")?,
        failures: r.try_get("", "failures")?,
        next_attempt_at: r.try_get("", "next_attempt_at")?,
        last_error: r.try_get("", "last_error")?,
        created_at: r.try_get("", "created_at")?,
        updated_at: r.try_get("", "updated_at")?,
    })
}

pub async fn insert<C: ConnectionTrait>(conn: &C, s: &Subscription) -> Result<(), DbError> {
    let stmt = Query::insert()
        .into_table("webhook_subscriptions")
        .columns(COLUMNS)
        .values([
            s.id.into(),
            s.user_id.into(),
            s.url.clone().into(),
            s.event_types.join(" ").into(),
            s.secret.clone().into(),
            s.active.into(),
            s.cursor.into(),
            s.failures.into(),
            s.next_attempt_at.into(),
            s.last_error.clone().into(),
            s.created_at.into(),
            s.updated_at.into(),
        ])
        .map_err(custom)?
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// The subscriptions of an account, oldest first.
pub async fn of_user<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> Result<Vec<Subscription>, DbError> {
    let q = Query::select()
        .columns(COLUMNS)
        .from("webhook_subscriptions")
        .and_where(Expr::col("user_id").eq(user_id))
        .order_by("id", Order::Asc)
        .to_owned();
    conn.query_all(&q)
        .await?
        .iter()
        .map(subscription_of)
        .collect()
}

pub async fn get<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<Subscription>, DbError> {
    let q = Query::select()
        .columns(COLUMNS)
        .from("webhook_subscriptions")
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    conn.query_one(&q)
        .await?
        .as_ref()
        .map(subscription_of)
        .transpose()
}

/// Stops deliveries for good (the log is kept). False if already stopped.
pub async fn deactivate<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let stmt = Query::update()
        .table("webhook_subscriptions")
        .value("active", false)
        .value("updated_at", now)
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("active").eq(true))
        .to_owned();
    Ok(conn.execute(&stmt).await?.rows_affected() == 1)
}

/// Delivers again from `cursor` on (a replay), at once.
pub async fn rewind<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    cursor: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let stmt = Query::update()
        .table("webhook_subscriptions")
        .value("cursor", cursor)
        .value("failures", 0)
        .value("next_attempt_at", now)
        .value("updated_at", now)
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// Leases up to `limit` active subscriptions due for an attempt to
/// `worker` until `now + lease`.
pub async fn claim<C: ConnectionTrait>(
    conn: &C,
    worker: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<Subscription>, DbError> {
    let due = Condition::all()
        .add(Expr::col("active").eq(true))
        .add(Expr::col("next_attempt_at").lte(now));
    let stmt = crate::lease::claim(
        conn.get_database_backend(),
        "webhook_subscriptions",
        due,
        "next_attempt_at",
        worker,
        now,
        now + lease,
        limit,
        &COLUMNS,
    );
    conn.query_all(&stmt)
        .await?
        .iter()
        .map(subscription_of)
        .collect()
}

/// Moves a leased subscription's cursor past `seq` (delivered, or not of
/// its types). False when the lease is no longer `worker`'s.
pub async fn advance<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    worker: &str,
    seq: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let stmt = Query::update()
        .table("webhook_subscriptions")
        .value("cursor", seq)
        .value("failures", 0)
        .value("last_error", Option::<String>::None)
        .value("updated_at", now)
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("leased_by").eq(worker))
        .and_where(Expr::col("cursor").lt(seq))
        .to_owned();
    Ok(conn.execute(&stmt).await?.rows_affected() == 1)
}

/// An attempt failed: try again at `retry_at`; the lease is let go.
pub async fn failed<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    worker: &str,
    failures: i32,
    retry_at: DateTime<Utc>,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let stmt = Query::update()
        .table("webhook_subscriptions")
        .value("failures", failures)
        .value("next_attempt_at", retry_at)
        .value("last_error", error)
        .value("leased_until", Option::<DateTime<Utc>>::None)
        .value("leased_by", Option::<String>::None)
        .value("updated_at", now)
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("leased_by").eq(worker))
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// Lets go of a lease (the subscription is due again at once).
pub async fn release<C: ConnectionTrait>(conn: &C, id: Uuid, worker: &str) -> Result<(), DbError> {
    let stmt = Query::update()
        .table("webhook_subscriptions")
        .value("leased_until", Option::<DateTime<Utc>>::None)
        .value("leased_by", Option::<String>::None)
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("leased_by").eq(worker))
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// One attempt to deliver one event.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub id: Uuid,
    pub subscription_id: Uuid,
    pub seq: i64,
    pub event_type: String,
    pub attempt: i32,
    /// The receiver's status; none when it could not be reached.
    pub status: Option<i32>,
    pub error: Option<String>,
    pub duration_ms: i32,
    pub attempted_at: DateTime<Utc>,
}

const DELIVERY_COLUMNS: [&str; 9] = [
    "id",
    "subscription_id",
    "seq",
    "event_type",
    "attempt",
    "status",
    "error",
    "duration_ms",
    "attempted_at",
];

pub async fn log<C: ConnectionTrait>(conn: &C, d: &Delivery) -> Result<(), DbError> {
    let stmt = Query::insert()
        .into_table("webhook_deliveries")
        .columns(DELIVERY_COLUMNS)
        .values([
            d.id.into(),
            d.subscription_id.into(),
            d.seq.into(),
            d.event_type.clone().into(),
            d.attempt.into(),
            d.status.into(),
            d.error.clone().into(),
            d.duration_ms.into(),
            d.attempted_at.into(),
        ])
        .map_err(custom)?
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// A subscription's delivery log, newest attempt first.
pub async fn deliveries<C: ConnectionTrait>(
    conn: &C,
    subscription_id: Uuid,
    page: PageRequest,
) -> Result<Page<Delivery>, DbError> {
    let mut q = Query::select();
    q.columns(DELIVERY_COLUMNS)
        .from("webhook_deliveries")
        .and_where(Expr::col("subscription_id").eq(subscription_id));
    if let Some(after) = page.after {
        q.and_where(Expr::col("id").lt(after));
    }
    q.order_by("id", Order::Desc).limit(page.limit + 1);
    let items = conn
        .query_all(&q.to_owned())
        .await?
        .iter()
        .map(|r| {
            Ok(Delivery {
                id: r.try_get("", "id")?,
                subscription_id: r.try_get("", "subscription_id")?,
                seq: r.try_get("", "seq")?,
                event_type: r.try_get("", "event_type")?,
                attempt: r.try_get("", "attempt")?,
                status: r.try_get("", "status")?,
                error: r.try_get("", "error")?,
                duration_ms: r.try_get("", "duration_ms")?,
                attempted_at: r.try_get("", "attempted_at")?,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    Ok(Page::from_overfetch(items, page.limit, |d| d.id))
}

/// Each active subscription's cursor and failures in a row, for `/metrics`.
pub async fn health<C: ConnectionTrait>(conn: &C) -> Result<Vec<(Uuid, i64, i32)>, DbError> {
    let q = Query::select()
        .columns(["id", "cursor", "failures"])
        .from("webhook_subscriptions")
        .and_where(Expr::col("active").eq(true))
        .to_owned();
    conn.query_all(&q)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("", "id")?,
                r.try_get("", "cursor")?,
                r.try_get("", "failures")?,
            ))
        })
        .collect()
}
