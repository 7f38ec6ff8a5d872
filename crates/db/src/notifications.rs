//! Each user's inbox of notices, their delivery preferences and language,
//! and who an event's audience is (issue #14).
use crate::DbError;
use crate::page::{Page, PageRequest};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Order, Query};
use sea_orm::{ConnectionTrait, DbErr, QueryResult};
use tgpl_domain::Role;
use tgpl_domain::notification::{Delivery, Language, Notice, NotificationKind};
use tgpl_domain::records::UserStatus;
use uuid::Uuid;

fn custom(e: impl std::fmt::Display) -> DbError {
    DbError::Db(DbErr::Custom(e.to_string()))
}

/// A notice for one user, before it is stored.
#[derive(Debug, Clone)]
pub struct NewNotification {
    pub user_id: Uuid,
    pub dedupe_key: String,
    pub notice: Notice,
    pub delivery: Delivery,
}

/// A notice in a user's inbox.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredNotification {
    pub id: Uuid,
    pub user_id: Uuid,
    pub notice: Notice,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
    pub delivery: Delivery,
    pub mailed_at: Option<DateTime<Utc>>,
}

const COLUMNS: [&str; 7] = [
    "id",
    "user_id",
    "notice",
    "created_at",
    "read_at",
    "delivery",
    "mailed_at",
];

fn stored_of(r: &QueryResult) -> Result<StoredNotification, DbError> {
    let notice: serde_json::Value = r.try_get("", "notice")?;
    let delivery: String = r.try_get("", "delivery")?;
    Ok(StoredNotification {
        id: r.try_get("", "id")?,
        user_id: r.try_get("", "user_id")?,
        notice: serde_json::from_value(notice).map_err(custom)?,
        created_at: r.try_get("", "created_at")?,
        read_at: r.try_get("", "read_at")?,
        delivery: Delivery::parse(&delivery).map_err(custom)?,
        mailed_at: r.try_get("", "mailed_at")?,
    })
}

/// Stores `n` unless its reader already has a notice under the same key;
/// returns the new notice's id, or `None` when it was already there.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    n: &NewNotification,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>, DbError> {
    let id = Uuid::now_v7();
    let notice = serde_json::to_value(&n.notice).map_err(custom)?;
    let stmt = Query::insert()
        .into_table("notifications")
        .columns([
            "id",
            "user_id",
            "kind",
            "dedupe_key",
            "case_id",
            "notice",
            "created_at",
            "delivery",
        ])
        .values([
            id.into(),
            n.user_id.into(),
            n.notice.kind().as_str().into(),
            n.dedupe_key.clone().into(),
            n.notice.case_id().into(),
            notice.into(),
            now.into(),
            n.delivery.as_str().into(),
        ])
        .map_err(custom)?
        .on_conflict(
            OnConflict::columns(["user_id", "dedupe_key"])
                .do_nothing()
                .to_owned(),
        )
        .returning_col("id")
        .to_owned();
    match conn.query_one(&stmt).await? {
        Some(row) => Ok(Some(row.try_get_by_index(0)?)),
        None => Ok(None),
    }
}

/// A user's notices, newest first (`after` = the last id of the page before).
pub async fn inbox<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    unread_only: bool,
    page: PageRequest,
) -> Result<Page<StoredNotification>, DbError> {
    let mut q = Query::select();
    q.columns(COLUMNS)
        .from("notifications")
        .and_where(Expr::col("user_id").eq(user_id));
    if unread_only {
        q.and_where(Expr::col("read_at").is_null());
    }
    if let Some(after) = page.after {
        q.and_where(Expr::col("id").lt(after));
    }
    q.order_by("id", Order::Desc).limit(page.limit + 1);
    let rows = conn.query_all(&q.to_owned()).await?;
    let items = rows.iter().map(stored_of).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(items, page.limit, |n| n.id))
}

pub async fn unread_count<C: ConnectionTrait>(conn: &C, user_id: Uuid) -> Result<u64, DbError> {
    let stmt = Query::select()
        .expr(Expr::col("id").count())
        .from("notifications")
        .and_where(Expr::col("user_id").eq(user_id))
        .and_where(Expr::col("read_at").is_null())
        .to_owned();
    let n: i64 = conn
        .query_one(&stmt)
        .await?
        .map(|r| r.try_get_by_index(0))
        .transpose()?
        .unwrap_or(0);
    Ok(u64::try_from(n).unwrap_or(0))
}

/// One notice by id, if it is `user_id`'s.
pub async fn get<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    id: Uuid,
) -> Result<Option<StoredNotification>, DbError> {
    let stmt = Query::select()
        .columns(COLUMNS)
        .from("notifications")
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("user_id").eq(user_id))
        .to_owned();
    conn.query_one(&stmt)
        .await?
        .as_ref()
        .map(stored_of)
        .transpose()
}

/// Marks `user_id`'s unread notices read: one (`only`) or all. Returns how
/// many changed.
pub async fn mark_read<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    only: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<u64, DbError> {
    let mut q = Query::update();
    q.table("notifications")
        .value("read_at", now)
        .and_where(Expr::col("user_id").eq(user_id))
        .and_where(Expr::col("read_at").is_null());
    if let Some(id) = only {
        q.and_where(Expr::col("id").eq(id));
    }
    Ok(conn.execute(&q.to_owned()).await?.rows_affected())
}

/// Notes that the mail of these notices went out.
pub async fn mark_mailed<C: ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    if ids.is_empty() {
        return Ok(());
    }
    let stmt = Query::update()
        .table("notifications")
        .value("mailed_at", now)
        .and_where(Expr::col("id").is_in(ids.iter().copied()))
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// The notices of `user_id` waiting for their daily digest.
pub async fn awaiting_digest<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    before: DateTime<Utc>,
) -> Result<Vec<StoredNotification>, DbError> {
    let stmt = Query::select()
        .columns(COLUMNS)
        .from("notifications")
        .and_where(Expr::col("user_id").eq(user_id))
        .and_where(Expr::col("delivery").eq(Delivery::DailyDigest.as_str()))
        .and_where(Expr::col("mailed_at").is_null())
        .and_where(Expr::col("created_at").lt(before))
        .order_by("id", Order::Asc)
        .to_owned();
    conn.query_all(&stmt).await?.iter().map(stored_of).collect()
}

/// The users with notices waiting for a digest.
pub async fn digest_readers<C: ConnectionTrait>(
    conn: &C,
    before: DateTime<Utc>,
) -> Result<Vec<Uuid>, DbError> {
    let stmt = Query::select()
        .distinct()
        .column("user_id")
        .from("notifications")
        .and_where(Expr::col("delivery").eq(Delivery::DailyDigest.as_str()))
        .and_where(Expr::col("mailed_at").is_null())
        .and_where(Expr::col("created_at").lt(before))
        .to_owned();
    first_column(conn, &stmt).await
}

/// The first column of every row of `stmt` (a list of ids).
async fn first_column<C: ConnectionTrait>(
    conn: &C,
    stmt: &sea_orm::sea_query::SelectStatement,
) -> Result<Vec<Uuid>, DbError> {
    conn.query_all(stmt)
        .await?
        .iter()
        .map(|r| r.try_get_by_index(0).map_err(DbError::from))
        .collect()
}

/// A user's chosen delivery per kind (kinds not listed: the default).
pub async fn preferences<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> Result<Vec<(NotificationKind, Delivery)>, DbError> {
    let stmt = Query::select()
        .columns(["kind", "delivery"])
        .from("notification_preferences")
        .and_where(Expr::col("user_id").eq(user_id))
        .to_owned();
    let mut out = Vec::new();
    for r in conn.query_all(&stmt).await? {
        let kind: String = r.try_get("", "kind")?;
        let delivery: String = r.try_get("", "delivery")?;
        // A kind a later version dropped is ignored, not an error.
        if let (Ok(k), Ok(d)) = (NotificationKind::parse(&kind), Delivery::parse(&delivery)) {
            out.push((k, d));
        }
    }
    Ok(out)
}

pub async fn set_preference<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    kind: NotificationKind,
    delivery: Delivery,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let stmt = Query::insert()
        .into_table("notification_preferences")
        .columns(["user_id", "kind", "delivery", "updated_at"])
        .values([
            user_id.into(),
            kind.as_str().into(),
            delivery.as_str().into(),
            now.into(),
        ])
        .map_err(custom)?
        .on_conflict(
            OnConflict::columns(["user_id", "kind"])
                .update_columns(["delivery", "updated_at"])
                .to_owned(),
        )
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// Where and how a user is told: mail address, language, whether the
/// account is usable at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub id: Uuid,
    pub email: Option<String>,
    pub language: Language,
}

const READER: [&str; 3] = ["id", "email", "language"];

fn reader_of(r: &QueryResult) -> Result<Reader, DbError> {
    let lang: String = r.try_get("", "language")?;
    Ok(Reader {
        id: r.try_get("", "id")?,
        email: r.try_get("", "email")?,
        language: Language::parse(&lang).unwrap_or_default(),
    })
}

pub async fn reader<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> Result<Option<Reader>, DbError> {
    let stmt = Query::select()
        .columns(READER)
        .from("users")
        .and_where(Expr::col("id").eq(user_id))
        .to_owned();
    conn.query_one(&stmt)
        .await?
        .as_ref()
        .map(reader_of)
        .transpose()
}

pub async fn set_language<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    language: Language,
) -> Result<(), DbError> {
    let stmt = Query::update()
        .table("users")
        .value("language", language.as_str())
        .and_where(Expr::col("id").eq(user_id))
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// The active accounts acting as `practitioner_id`.
pub async fn practitioner_accounts<C: ConnectionTrait>(
    conn: &C,
    practitioner_id: Uuid,
) -> Result<Vec<Uuid>, DbError> {
    active_ids(conn, Expr::col("practitioner_id").eq(practitioner_id)).await
}

/// The active accounts of `centre_roles` in `centre_id` and of
/// `org_roles` in `org_id` (the domain names the roles of an audience).
pub async fn accounts_with_roles<C: ConnectionTrait>(
    conn: &C,
    centre_id: Uuid,
    centre_roles: &[Role],
    org_id: Uuid,
    org_roles: &[Role],
) -> Result<Vec<Uuid>, DbError> {
    let in_roles = |roles: &[Role]| Expr::col("role").is_in(roles.iter().map(|r| r.as_str()));
    active_ids(
        conn,
        Expr::col("centre_id")
            .eq(centre_id)
            .and(in_roles(centre_roles))
            .or(Expr::col("organisation_id")
                .eq(org_id)
                .and(in_roles(org_roles))),
    )
    .await
}

async fn active_ids<C: ConnectionTrait>(
    conn: &C,
    cond: sea_orm::sea_query::SimpleExpr,
) -> Result<Vec<Uuid>, DbError> {
    let stmt = Query::select()
        .column("id")
        .from("users")
        .and_where(cond)
        .and_where(Expr::col("status").eq(UserStatus::Active.as_str()))
        .order_by("id", Order::Asc)
        .to_owned();
    first_column(conn, &stmt).await
}
