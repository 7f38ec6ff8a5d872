//! Group commit for the audit events of reads (DOMAIN §11: every read of a
//! beneficiary's record is logged).
//!
//! A read has no transaction of its own to put its event in, so each one
//! used to commit a one-row insert. Here one writer task takes every event
//! that is waiting and inserts them with one statement; each reader still
//! waits until its own event is committed before it answers, so no read is
//! ever served unlogged. Under load the commits per second stay flat while
//! the events per commit grow (ADR 0010).
use crate::audit::{AuditMeta, Change, row};
use crate::entity::audit_event;
use crate::error::DbError;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    Statement, TransactionTrait,
};
use serde::Serialize;
use tgpl_domain::ResourceScope;
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

/// Events per insert: 13 parameters each stays far below both databases'
/// limits on bound parameters.
const MAX_BATCH: usize = 256;
/// Events waiting for the writer before readers wait for room.
const QUEUE: usize = 4096;

/// One record a list page showed, as its narrow row will hold it.
struct Subject {
    entity_id: Uuid,
    event_id: Uuid,
    organisation_id: Option<Uuid>,
    province_code: Option<String>,
    centre_id: Option<Uuid>,
}

struct Pending {
    row: audit_event::ActiveModel,
    subjects: Vec<Subject>,
    done: oneshot::Sender<Result<(), String>>,
}

/// The handle readers record through; cloning it shares the one writer.
#[derive(Clone)]
pub struct ReadAudit {
    tx: mpsc::Sender<Pending>,
}

impl std::fmt::Debug for ReadAudit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadAudit").finish_non_exhaustive()
    }
}

impl ReadAudit {
    /// Starts the writer on the current Tokio runtime; it stops when the
    /// last handle is dropped, after writing what was queued.
    pub fn start(conn: DatabaseConnection) -> Self {
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(write_batches(conn, rx));
        Self { tx }
    }

    /// A handle that acknowledges every read without writing it: only for
    /// the benchmark that measures what read auditing costs
    /// (`examples/bench_baseline.rs`); no configuration reaches it.
    pub fn disabled_for_benchmarks() -> Self {
        let (tx, mut rx) = mpsc::channel::<Pending>(QUEUE);
        tokio::spawn(async move {
            while let Some(p) = rx.recv().await {
                let _ = p.done.send(Ok(()));
            }
        });
        Self { tx }
    }

    /// Records one read and returns once it is committed.
    pub async fn record<T: Serialize>(
        &self,
        meta: &AuditMeta,
        change: Change<'_, T>,
    ) -> Result<(), DbError> {
        self.send(row(meta, change), Vec::new()).await
    }
}

/// What one list page showed: the kind of record and, for each, its id and
/// scope (ADR 0016: one audit event per page, one narrow row per record).
pub struct Shown<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    /// Where the reader sits: the page's event is scoped to the reader.
    pub reader: ResourceScope,
    pub records: Vec<(Uuid, ResourceScope)>,
}

impl ReadAudit {
    /// Records a list page as one event naming every record shown, and
    /// returns once it is committed.
    pub async fn record_list(&self, meta: &AuditMeta, shown: Shown<'_>) -> Result<(), DbError> {
        let summary = serde_json::json!({ "records_shown": shown.records.len() });
        let mut event = row(
            meta,
            Change {
                action: shown.action,
                entity: shown.entity,
                entity_id: Uuid::nil(),
                scope: shown.reader,
                before: None,
                after: Some(&summary),
            },
        );
        // The page's event names itself: the records are its subjects.
        let id = Uuid::now_v7();
        event.id = Set(id);
        event.entity_id = Set(id);
        let subjects = shown
            .records
            .into_iter()
            .map(|(entity_id, scope)| Subject {
                entity_id,
                event_id: id,
                organisation_id: scope.org_id,
                province_code: scope.province.map(String::from),
                centre_id: scope.centre_id,
            })
            .collect();
        self.send(event, subjects).await
    }

    async fn send(
        &self,
        row: audit_event::ActiveModel,
        subjects: Vec<Subject>,
    ) -> Result<(), DbError> {
        let (done, committed) = oneshot::channel();
        let pending = Pending {
            row,
            subjects,
            done,
        };
        self.tx.send(pending).await.map_err(|_| stopped())?;
        match committed.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(message)) => Err(DbError::Db(DbErr::Custom(message))),
            Err(_) => Err(stopped()),
        }
    }
}

fn stopped() -> DbError {
    DbError::Db(DbErr::Custom("the audit writer has stopped".to_owned()))
}

/// Page rows per insert: 5 parameters each, within both databases' limits.
const PAGES_PER_INSERT: usize = 2048;

/// One list page's records of one place: a row of `audit_read_pages`.
struct PageRow {
    event_id: Uuid,
    entity_ids: Vec<Uuid>,
    organisation_id: Option<Uuid>,
    province_code: Option<String>,
    centre_id: Option<Uuid>,
}

/// The subjects grouped by page and place, in the order they came.
fn page_rows(subjects: Vec<Subject>) -> Vec<PageRow> {
    let mut rows: Vec<PageRow> = Vec::new();
    for s in subjects {
        let same = |r: &&mut PageRow| {
            r.event_id == s.event_id
                && r.organisation_id == s.organisation_id
                && r.province_code == s.province_code
                && r.centre_id == s.centre_id
        };
        // A page's places are few: look back over this page's rows only.
        match rows
            .iter_mut()
            .rev()
            .take_while(|r| r.event_id == s.event_id)
            .find(|r| same(r))
        {
            Some(r) => r.entity_ids.push(s.entity_id),
            None => rows.push(PageRow {
                event_id: s.event_id,
                entity_ids: vec![s.entity_id],
                organisation_id: s.organisation_id,
                province_code: s.province_code,
                centre_id: s.centre_id,
            }),
        }
    }
    rows
}

async fn write_batches(conn: DatabaseConnection, mut rx: mpsc::Receiver<Pending>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let mut rows = Vec::with_capacity(batch.len());
        let mut subjects = Vec::new();
        let mut waiters = Vec::with_capacity(batch.len());
        for p in batch.drain(..) {
            rows.push(p.row);
            subjects.extend(p.subjects);
            waiters.push(p.done);
        }
        let result = insert(&conn, rows, page_rows(subjects)).await.map_err(|e| {
            tracing::error!(error = %e, events = waiters.len(), "read audit insert failed");
            e.to_string()
        });
        for waiter in waiters {
            // A reader that gave up (client gone) no longer listens.
            let _ = waiter.send(result.clone());
        }
    }
}

/// The events and their pages' subjects, committed together (a single
/// statement when no list page is among them).
async fn insert(
    conn: &DatabaseConnection,
    rows: Vec<audit_event::ActiveModel>,
    pages: Vec<PageRow>,
) -> Result<(), DbErr> {
    if pages.is_empty() {
        return audit_event::Entity::insert_many(rows)
            .exec_without_returning(conn)
            .await
            .map(|_| ());
    }
    let txn = conn.begin().await?;
    audit_event::Entity::insert_many(rows)
        .exec_without_returning(&txn)
        .await?;
    let backend = txn.get_database_backend();
    for chunk in pages.chunks(PAGES_PER_INSERT) {
        let statement = if backend == DbBackend::Postgres {
            pages_unnest(chunk)
        } else {
            pages_values(chunk)?
        };
        txn.execute_raw(statement).await?;
    }
    txn.commit().await
}

/// A record's id as SQLite's `entity_ids` text holds it (`hex()` of the
/// stored 16 bytes): what `audit::list` looks for.
pub(crate) fn sqlite_id(id: Uuid) -> String {
    id.simple().to_string().to_uppercase()
}

/// SQLite: a VALUES list, the ids as comma-separated hex.
fn pages_values(pages: &[PageRow]) -> Result<Statement, DbErr> {
    use sea_orm::sea_query::{Alias, Query, SqliteQueryBuilder};
    let mut q = Query::insert();
    q.into_table(Alias::new("audit_read_pages")).columns([
        Alias::new("event_id"),
        Alias::new("entity_ids"),
        Alias::new("organisation_id"),
        Alias::new("province_code"),
        Alias::new("centre_id"),
    ]);
    for p in pages {
        let ids: Vec<String> = p.entity_ids.iter().map(|id| sqlite_id(*id)).collect();
        q.values([
            p.event_id.into(),
            ids.join(",").into(),
            p.organisation_id.into(),
            p.province_code.clone().into(),
            p.centre_id.into(),
        ])
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    }
    let (sql, values) = q.build(SqliteQueryBuilder);
    Ok(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        sql,
        values,
    ))
}

/// PostgreSQL: every page row in one statement with five array parameters
/// (`UNNEST`), so the server plans one statement whatever the batch size.
/// A row's ids travel as the text of a `uuid[]`, cast per row.
fn pages_unnest(pages: &[PageRow]) -> Statement {
    // Array literals: uuids, two-digit codes and NULL need no quoting; a
    // nested array's literal is quoted as one element.
    fn array(items: impl Iterator<Item = Option<String>>) -> String {
        let mut out = String::from("{");
        for (i, v) in items.enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(v.as_deref().unwrap_or("NULL"));
        }
        out.push('}');
        out
    }
    let uuid = |u: Option<Uuid>| u.map(|u| u.to_string());
    let event = array(pages.iter().map(|p| uuid(Some(p.event_id))));
    let ids = array(pages.iter().map(|p| {
        let inner = array(p.entity_ids.iter().map(|id| uuid(Some(*id))));
        Some(format!("\"{inner}\""))
    }));
    let org = array(pages.iter().map(|p| uuid(p.organisation_id)));
    let centre = array(pages.iter().map(|p| uuid(p.centre_id)));
    let province = array(pages.iter().map(|p| p.province_code.clone()));
    let sql = "INSERT INTO audit_read_pages \
               (event_id, entity_ids, organisation_id, province_code, centre_id) \
               SELECT e, i::uuid[], o, p, c FROM UNNEST($1::text::uuid[], $2::text::text[], \
               $3::text::uuid[], $4::text::text[], $5::text::uuid[]) AS t(e, i, o, p, c)";
    Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        [
            event.into(),
            ids.into(),
            org.into(),
            province.into(),
            centre.into(),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(event: Uuid, province: &str) -> Subject {
        Subject {
            entity_id: Uuid::now_v7(),
            event_id: event,
            organisation_id: None,
            province_code: Some(province.to_owned()),
            centre_id: None,
        }
    }

    #[test]
    fn a_page_becomes_one_row_per_place() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let subjects = vec![
            subject(a, "01"),
            subject(a, "79"),
            subject(a, "01"),
            subject(b, "01"),
        ];
        let first = subjects[0].entity_id;
        let third = subjects[2].entity_id;
        let rows = page_rows(subjects);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].entity_ids, vec![first, third]);
        assert_eq!(rows[1].province_code.as_deref(), Some("79"));
        assert_eq!(rows[2].event_id, b);
    }
}
