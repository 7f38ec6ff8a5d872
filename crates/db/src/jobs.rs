//! The jobs table the runner inside `tgpl serve` works from (DESIGN: Events
//! and jobs). A job is leased before it runs: on PostgreSQL the claim skips
//! rows another replica holds (`FOR UPDATE SKIP LOCKED`), on SQLite the one
//! writer serialises claims; a lease that runs out (a replica died) frees
//! the job again. Each job is enqueued once per key, so N replicas
//! scheduling the same day's scan make one job.
use crate::DbError;
use crate::page::{Page, PageRequest};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, LockType, OnConflict, Order, Query};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult};
use uuid::Uuid;

fn custom(e: impl std::fmt::Display) -> DbError {
    DbError::Db(DbErr::Custom(e.to_string()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    Pending,
    Done,
    /// Failed every attempt: waits for an administrator to retry it.
    Dead,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Pending => "pending",
            JobStatus::Done => "done",
            JobStatus::Dead => "dead",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [JobStatus::Pending, JobStatus::Done, JobStatus::Dead]
            .into_iter()
            .find(|j| j.as_str() == s)
    }
}

#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: &'static str,
    pub dedupe_key: String,
    pub payload: serde_json::Value,
    pub run_at: DateTime<Utc>,
    pub max_attempts: i32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: Uuid,
    pub kind: String,
    pub dedupe_key: String,
    pub payload: serde_json::Value,
    pub status: JobStatus,
    pub run_at: DateTime<Utc>,
    pub attempts: i32,
    pub max_attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: [&str; 11] = [
    "id",
    "kind",
    "dedupe_key",
    "payload",
    "status",
    "run_at",
    "attempts",
    "max_attempts",
    "last_error",
    "created_at",
    "updated_at",
];

fn job_of(r: &QueryResult) -> Result<Job, DbError> {
    let status: String = r.try_get("", "status")?;
    Ok(Job {
        id: r.try_get("", "id")?,
        kind: r.try_get("", "kind")?,
        dedupe_key: r.try_get("", "dedupe_key")?,
        payload: r.try_get("", "payload")?,
        status: JobStatus::parse(&status).ok_or_else(|| custom("unknown job status"))?,
        run_at: r.try_get("", "run_at")?,
        attempts: r.try_get("", "attempts")?,
        max_attempts: r.try_get("", "max_attempts")?,
        last_error: r.try_get("", "last_error")?,
        created_at: r.try_get("", "created_at")?,
        updated_at: r.try_get("", "updated_at")?,
    })
}

/// Enqueues `job` unless one with its key exists; the new job's id, if any.
pub async fn enqueue<C: ConnectionTrait>(
    conn: &C,
    job: &NewJob,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>, DbError> {
    let id = Uuid::now_v7();
    let stmt = Query::insert()
        .into_table("jobs")
        .columns([
            "id",
            "kind",
            "dedupe_key",
            "payload",
            "status",
            "run_at",
            "attempts",
            "max_attempts",
            "created_at",
            "updated_at",
        ])
        .values([
            id.into(),
            job.kind.into(),
            job.dedupe_key.clone().into(),
            job.payload.clone().into(),
            JobStatus::Pending.as_str().into(),
            job.run_at.into(),
            0.into(),
            job.max_attempts.into(),
            now.into(),
            now.into(),
        ])
        .map_err(custom)?
        .on_conflict(OnConflict::column("dedupe_key").do_nothing().to_owned())
        .returning_col("id")
        .to_owned();
    match conn.query_one(&stmt).await? {
        Some(row) => Ok(Some(row.try_get_by_index(0)?)),
        None => Ok(None),
    }
}

/// Leases up to `limit` due jobs to `worker` for `lease`, oldest due first.
pub async fn claim<C: ConnectionTrait>(
    conn: &C,
    worker: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<Job>, DbError> {
    let due = Condition::all()
        .add(Expr::col("status").eq(JobStatus::Pending.as_str()))
        .add(Expr::col("run_at").lte(now));
    let mut stmt = crate::lease::claim(
        conn.get_database_backend(),
        "jobs",
        due,
        "run_at",
        worker,
        now,
        now + lease,
        limit,
        &COLUMNS,
    );
    stmt.value("attempts", Expr::col("attempts").add(1))
        .value("updated_at", now);
    let mut jobs = conn
        .query_all(&stmt)
        .await?
        .iter()
        .map(job_of)
        .collect::<Result<Vec<_>, _>>()?;
    jobs.sort_by_key(|j| (j.run_at, j.id));
    Ok(jobs)
}

/// Keeps a long job's lease (an import between its batches), so no other
/// worker takes it over while it makes progress.
pub async fn extend_lease<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let stmt = Query::update()
        .table("jobs")
        .value("leased_until", until)
        .value("updated_at", now)
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// The job ran.
pub async fn complete<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let stmt = Query::update()
        .table("jobs")
        .value("status", JobStatus::Done.as_str())
        .value("leased_until", Option::<DateTime<Utc>>::None)
        .value("updated_at", now)
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// The job failed: runs again at `retry_at`, or is dead when that is none.
pub async fn fail<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let mut stmt = Query::update();
    stmt.table("jobs")
        .value("leased_until", Option::<DateTime<Utc>>::None)
        .value("last_error", error)
        .value("updated_at", now)
        .and_where(Expr::col("id").eq(id));
    match retry_at {
        Some(at) => stmt.value("run_at", at),
        None => stmt.value("status", JobStatus::Dead.as_str()),
    };
    conn.execute(&stmt.to_owned()).await?;
    Ok(())
}

/// Jobs in `status`, oldest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    status: Option<JobStatus>,
    page: PageRequest,
) -> Result<Page<Job>, DbError> {
    let mut q = Query::select();
    q.columns(COLUMNS).from("jobs");
    if let Some(s) = status {
        q.and_where(Expr::col("status").eq(s.as_str()));
    }
    if let Some(after) = page.after {
        q.and_where(Expr::col("id").gt(after));
    }
    q.order_by("id", Order::Asc).limit(page.limit + 1);
    let rows = conn.query_all(&q.to_owned()).await?;
    let items = rows.iter().map(job_of).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(items, page.limit, |j| j.id))
}

pub async fn get<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<Job>, DbError> {
    let stmt = Query::select()
        .columns(COLUMNS)
        .from("jobs")
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    conn.query_one(&stmt)
        .await?
        .as_ref()
        .map(job_of)
        .transpose()
}

/// Puts a dead job back in the queue with fresh attempts; false when the
/// job is not dead.
pub async fn retry<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let stmt = Query::update()
        .table("jobs")
        .value("status", JobStatus::Pending.as_str())
        .value("attempts", 0)
        .value("run_at", now)
        .value("updated_at", now)
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("status").eq(JobStatus::Dead.as_str()))
        .to_owned();
    Ok(conn.execute(&stmt).await?.rows_affected() == 1)
}

/// Takes the cursor of the outbox consumer `name` for the rest of the
/// transaction (a row lock on PostgreSQL; SQLite's writer is alone anyway):
/// the last event sequence number it has handled.
pub async fn lock_cursor<C: ConnectionTrait>(
    conn: &C,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    ensure_cursor(conn, name, now).await?;
    let mut select = Query::select();
    select
        .column("last_seq")
        .from("event_consumers")
        .and_where(Expr::col("name").eq(name));
    if conn.get_database_backend() == DbBackend::Postgres {
        select.lock(LockType::Update);
    }
    conn.query_one(&select.to_owned())
        .await?
        .ok_or_else(|| custom("event consumer row missing"))?
        .try_get_by_index(0)
        .map_err(DbError::from)
}

/// Creates the cursor of consumer `name` if it has none, at the outbox's
/// current end: a consumer handles the events recorded after it came to be
/// (run at start-up, so nothing before an upgrade is news).
pub async fn ensure_cursor<C: ConnectionTrait>(
    conn: &C,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let counter = Query::select()
        .column("last_seq")
        .from("event_counter")
        .and_where(Expr::col("id").eq(1))
        .to_owned();
    let end: i64 = conn
        .query_one(&counter)
        .await?
        .map(|r| r.try_get_by_index(0))
        .transpose()?
        .unwrap_or(0);
    let insert = Query::insert()
        .into_table("event_consumers")
        .columns(["name", "last_seq", "updated_at"])
        .values([name.into(), end.into(), now.into()])
        .map_err(custom)?
        .on_conflict(OnConflict::column("name").do_nothing().to_owned())
        .to_owned();
    conn.execute(&insert).await?;
    Ok(())
}

/// Moves consumer `name` past a bulk load's events `first..=last` when it
/// had handled everything before them (a consumer still behind keeps them:
/// it cannot skip a range in the middle without losing real events).
pub async fn skip_bulk_events<C: ConnectionTrait>(
    conn: &C,
    name: &str,
    first: i64,
    last: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let stmt = Query::update()
        .table("event_consumers")
        .value("last_seq", last)
        .value("updated_at", now)
        .and_where(Expr::col("name").eq(name))
        .and_where(Expr::col("last_seq").eq(first - 1))
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

pub async fn advance_cursor<C: ConnectionTrait>(
    conn: &C,
    name: &str,
    last_seq: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let stmt = Query::update()
        .table("event_consumers")
        .value("last_seq", last_seq)
        .value("updated_at", now)
        .and_where(Expr::col("name").eq(name))
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// The waiting and the dead jobs of one kind, for `/metrics`.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueStat {
    pub kind: String,
    pub status: JobStatus,
    pub count: i64,
    /// The earliest `run_at` among them.
    pub oldest: Option<DateTime<Utc>>,
}

/// Pending and dead jobs by kind (done jobs are history, not queue).
pub async fn queue_stats<C: ConnectionTrait>(conn: &C) -> Result<Vec<QueueStat>, DbError> {
    let q = Query::select()
        .column("kind")
        .column("status")
        .expr_as(Expr::col("id").count(), "n")
        .expr_as(Expr::col("run_at").min(), "oldest")
        .from("jobs")
        .and_where(
            Expr::col("status").is_in([JobStatus::Pending.as_str(), JobStatus::Dead.as_str()]),
        )
        .group_by_col("kind")
        .group_by_col("status")
        .to_owned();
    let rows = conn.query_all(&q).await?;
    rows.iter()
        .map(|r| {
            let status: String = r.try_get("", "status")?;
            Ok(QueueStat {
                kind: r.try_get("", "kind")?,
                status: JobStatus::parse(&status).ok_or_else(|| custom("unknown job status"))?,
                count: r.try_get("", "n")?,
                oldest: r.try_get("", "oldest")?,
            })
        })
        .collect()
}
