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
use crate::entity::{audit_event, audit_event_subject};
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

/// Subject rows per insert: 5 parameters each, within SQLite's 32,766.
const SUBJECTS_PER_INSERT: usize = 4096;

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
        let result = insert(&conn, rows, subjects).await.map_err(|e| {
            tracing::error!(error = %e, events = waiters.len(), "read audit insert failed");
            e.to_string()
        });
        for waiter in waiters {
            // A reader that gave up (client gone) no longer listens.
            let _ = waiter.send(result.clone());
        }
    }
}

/// The events and their subjects, committed together (a single statement
/// when no list page is among them).
async fn insert(
    conn: &DatabaseConnection,
    rows: Vec<audit_event::ActiveModel>,
    subjects: Vec<Subject>,
) -> Result<(), DbErr> {
    if subjects.is_empty() {
        return audit_event::Entity::insert_many(rows)
            .exec_without_returning(conn)
            .await
            .map(|_| ());
    }
    let txn = conn.begin().await?;
    audit_event::Entity::insert_many(rows)
        .exec_without_returning(&txn)
        .await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        insert_subjects_unnest(&txn, &subjects).await?;
    } else {
        let mut subjects = subjects.into_iter().peekable();
        while subjects.peek().is_some() {
            let chunk: Vec<_> = subjects
                .by_ref()
                .take(SUBJECTS_PER_INSERT)
                .map(|s| audit_event_subject::ActiveModel {
                    entity_id: Set(s.entity_id),
                    event_id: Set(s.event_id),
                    organisation_id: Set(s.organisation_id),
                    province_code: Set(s.province_code),
                    centre_id: Set(s.centre_id),
                })
                .collect();
            audit_event_subject::Entity::insert_many(chunk)
                .exec_without_returning(&txn)
                .await?;
        }
    }
    txn.commit().await
}

/// PostgreSQL: every subject row in one statement with five array
/// parameters (`UNNEST`), instead of a VALUES list of five parameters per
/// row that the server parses and plans anew for each batch size.
async fn insert_subjects_unnest<C: ConnectionTrait>(
    conn: &C,
    subjects: &[Subject],
) -> Result<(), DbErr> {
    // Array literals: uuids, two-digit codes and NULL need no quoting.
    fn array<'a>(items: impl Iterator<Item = Option<&'a str>>) -> String {
        let mut out = String::from("{");
        for (i, v) in items.enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(v.unwrap_or("NULL"));
        }
        out.push('}');
        out
    }
    let ids = |f: fn(&Subject) -> Option<Uuid>| {
        let texts: Vec<Option<String>> = subjects
            .iter()
            .map(|s| f(s).map(|u| u.to_string()))
            .collect();
        array(texts.iter().map(|t| t.as_deref()))
    };
    let entity = ids(|s| Some(s.entity_id));
    let event = ids(|s| Some(s.event_id));
    let org = ids(|s| s.organisation_id);
    let centre = ids(|s| s.centre_id);
    let province = array(subjects.iter().map(|s| s.province_code.as_deref()));
    let sql = "INSERT INTO audit_event_subjects \
               (entity_id, event_id, organisation_id, province_code, centre_id) \
               SELECT * FROM UNNEST($1::text::uuid[], $2::text::uuid[], $3::text::uuid[], \
               $4::text::text[], $5::text::uuid[])";
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        [
            entity.into(),
            event.into(),
            org.into(),
            province.into(),
            centre.into(),
        ],
    ))
    .await
    .map(|_| ())
}
