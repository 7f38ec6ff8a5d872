//! The outbox of domain events (DESIGN: Events and jobs). Each act's events
//! are appended in the act's transaction, numbered by a counter row so the
//! sequence has no gaps; the case timeline, and later notifications, the
//! change feed, webhooks and the progress lookup, read from here.
use crate::DbError;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbErr, QueryResult};
use tgpl_domain::case::{CaseEvent, CaseRecord, RecordedEvent};
use uuid::Uuid;

fn custom(e: impl std::fmt::Display) -> DbError {
    DbError::Db(DbErr::Custom(e.to_string()))
}

/// Appends `events` of `case` (scoped by its organisation, centre and
/// province). Call it last in the transaction: the counter row it takes
/// stays locked until commit.
pub async fn append<C: ConnectionTrait>(
    conn: &C,
    case: &CaseRecord,
    events: &[CaseEvent],
    actor_id: Option<Uuid>,
    recorded_at: DateTime<Utc>,
) -> Result<(), DbError> {
    append_many(conn, &[(case, events)], actor_id, recorded_at)
        .await
        .map(|_| ())
}

/// Rows per insert statement: 12 columns, under SQLite's 32,766 parameters.
const ROWS_PER_STATEMENT: usize = 2_000;

/// Appends the events of many cases at once (bulk loads): one counter
/// update for all of them, numbered in the order given. Returns the
/// sequence numbers given out (first, last), if any.
pub async fn append_many<C: ConnectionTrait>(
    conn: &C,
    batch: &[(&CaseRecord, &[CaseEvent])],
    actor_id: Option<Uuid>,
    recorded_at: DateTime<Utc>,
) -> Result<Option<(i64, i64)>, DbError> {
    let rows: Vec<(&CaseRecord, &CaseEvent)> = batch
        .iter()
        .flat_map(|(case, events)| events.iter().map(move |e| (*case, e)))
        .collect();
    if rows.is_empty() {
        return Ok(None);
    }
    let n = i64::try_from(rows.len()).map_err(custom)?;
    let bump = Query::update()
        .table("event_counter")
        .value("last_seq", Expr::col("last_seq").add(n))
        .and_where(Expr::col("id").eq(1))
        .returning_col("last_seq")
        .to_owned();
    let last: i64 = conn
        .query_one(&bump)
        .await?
        .ok_or_else(|| custom("the event counter row is missing"))?
        .try_get_by_index(0)?;
    let mut seq = last - n;
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let mut insert = Query::insert();
        insert.into_table("events").columns([
            "seq",
            "id",
            "type",
            "case_id",
            "organisation_id",
            "centre_id",
            "province_code",
            "practitioner_id",
            "occurred_on",
            "recorded_at",
            "actor_id",
            "payload",
        ]);
        for (case, e) in chunk {
            seq += 1;
            let payload = serde_json::to_value(e).map_err(custom)?;
            insert
                .values([
                    seq.into(),
                    Uuid::now_v7().into(),
                    e.kind().into(),
                    case.id.into(),
                    case.organisation_id.into(),
                    case.centre_id.into(),
                    case.province_code.map(String::from).into(),
                    case.practitioner_id.into(),
                    e.on().into(),
                    recorded_at.into(),
                    actor_id.into(),
                    payload.into(),
                ])
                .map_err(custom)?;
        }
        conn.execute(&insert).await?;
    }
    Ok(Some((last - n + 1, last)))
}

fn stored_of(r: &QueryResult) -> Result<RecordedEvent, DbError> {
    let payload: serde_json::Value = r.try_get("", "payload")?;
    Ok(RecordedEvent {
        seq: r.try_get("", "seq")?,
        id: r.try_get("", "id")?,
        case_id: r.try_get("", "case_id")?,
        recorded_at: r.try_get("", "recorded_at")?,
        actor_id: r.try_get("", "actor_id")?,
        event: serde_json::from_value(payload).map_err(custom)?,
    })
}

/// A case's events in the order they happened.
pub async fn of_case<C: ConnectionTrait>(
    conn: &C,
    case_id: Uuid,
) -> Result<Vec<RecordedEvent>, DbError> {
    let stmt = Query::select()
        .columns(["seq", "id", "case_id", "recorded_at", "actor_id", "payload"])
        .from("events")
        .and_where(Expr::col("case_id").eq(case_id))
        .order_by("seq", sea_orm::Order::Asc)
        .to_owned();
    conn.query_all(&stmt).await?.iter().map(stored_of).collect()
}

/// Up to `limit` events after sequence number `seq`, oldest first, of
/// every scope (the notification consumer's read).
pub async fn after<C: ConnectionTrait>(
    conn: &C,
    seq: i64,
    limit: u64,
) -> Result<Vec<FeedEntry>, DbError> {
    feed(conn, tgpl_domain::ScopeFilter::All, seq, limit).await
}

/// An event read from the outbox (by the change feed and the notification
/// consumer): the event, the case's current code and where it happened,
/// for routing; never personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    pub event: RecordedEvent,
    pub case_code: Option<String>,
    pub organisation_id: Uuid,
    pub centre_id: Option<Uuid>,
    pub province_code: Option<String>,
}

/// The change feed: up to `limit` events after `seq` within the reader's
/// scope (the event's own scope columns, as they were when it happened),
/// oldest first.
pub async fn feed<C: ConnectionTrait>(
    conn: &C,
    visible: tgpl_domain::ScopeFilter,
    seq: i64,
    limit: u64,
) -> Result<Vec<FeedEntry>, DbError> {
    use crate::entity::event::Column as K;
    use crate::scope::{self, ScopeColumns};
    use sea_orm::sea_query::{Alias, JoinType};
    let e = Alias::new("events");
    let c = Alias::new("cases");
    let cols = ScopeColumns {
        province: K::ProvinceCode,
        centre: K::CentreId,
        org: K::OrganisationId,
        user: None,
        practitioner: Some(K::PractitionerId),
    };
    let stmt = Query::select()
        .columns(
            [
                "seq",
                "id",
                "case_id",
                "recorded_at",
                "actor_id",
                "payload",
                "organisation_id",
                "centre_id",
                "province_code",
            ]
            .map(|col| (e.clone(), Alias::new(col))),
        )
        .expr_as(
            Expr::col((c.clone(), Alias::new("code"))),
            Alias::new("case_code"),
        )
        .from(e.clone())
        .join(
            JoinType::LeftJoin,
            c.clone(),
            Expr::col((c.clone(), Alias::new("id"))).equals((e.clone(), Alias::new("case_id"))),
        )
        .cond_where(scope::condition(visible, &cols))
        .and_where(Expr::col((e.clone(), Alias::new("seq"))).gt(seq))
        .order_by((e, Alias::new("seq")), sea_orm::Order::Asc)
        .limit(limit)
        .to_owned();
    conn.query_all(&stmt)
        .await?
        .iter()
        .map(|r| {
            Ok(FeedEntry {
                event: stored_of(r)?,
                case_code: r.try_get("", "case_code")?,
                organisation_id: r.try_get("", "organisation_id")?,
                centre_id: r.try_get("", "centre_id")?,
                province_code: r.try_get("", "province_code")?,
            })
        })
        .collect()
}

/// How many events of each type were recorded after `seq` (up to `upto`),
/// for `/metrics`' business counters, which add them up as the outbox
/// grows: one read of the whole outbox per process, then only what is new.
pub async fn count_by_type<C: ConnectionTrait>(
    conn: &C,
    after: i64,
    upto: i64,
) -> Result<Vec<(String, i64)>, DbError> {
    let q = Query::select()
        .column("type")
        .expr_as(Expr::col("seq").count(), "n")
        .from("events")
        .and_where(Expr::col("seq").gt(after))
        .and_where(Expr::col("seq").lte(upto))
        .group_by_col("type")
        .to_owned();
    conn.query_all(&q)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("", "type")?, r.try_get("", "n")?)))
        .collect()
}

/// The statement that reads the last sequence number recorded (NULL for
/// none): [`last_seq`] runs it, a case list's page reads it as a subquery.
pub(crate) fn last_seq_query() -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .expr(Expr::col("seq").max())
        .from("events")
        .to_owned()
}

/// The last sequence number recorded (0 for none).
pub async fn last_seq<C: ConnectionTrait>(conn: &C) -> Result<i64, DbError> {
    let last: Option<i64> = match conn.query_one(&last_seq_query()).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => None,
    };
    Ok(last.unwrap_or(0))
}
