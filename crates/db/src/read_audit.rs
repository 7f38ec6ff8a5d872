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
use sea_orm::{DatabaseConnection, DbErr, EntityTrait};
use serde::Serialize;
use tokio::sync::{mpsc, oneshot};

/// Events per insert: 13 parameters each stays far below both databases'
/// limits on bound parameters.
const MAX_BATCH: usize = 256;
/// Events waiting for the writer before readers wait for room.
const QUEUE: usize = 4096;

struct Pending {
    row: audit_event::ActiveModel,
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
        let (done, committed) = oneshot::channel();
        let pending = Pending {
            row: row(meta, change),
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

impl ReadAudit {
    /// Records several reads (a list page: one event per record shown) and
    /// returns once all are committed; the writer batches them together.
    pub async fn record_many<T: Serialize>(
        &self,
        meta: &AuditMeta,
        changes: Vec<Change<'_, T>>,
    ) -> Result<(), DbError> {
        let mut waiting = Vec::with_capacity(changes.len());
        for change in changes {
            let (done, committed) = oneshot::channel();
            let pending = Pending {
                row: row(meta, change),
                done,
            };
            self.tx.send(pending).await.map_err(|_| stopped())?;
            waiting.push(committed);
        }
        for committed in waiting {
            match committed.await {
                Ok(Ok(())) => {}
                Ok(Err(message)) => return Err(DbError::Db(DbErr::Custom(message))),
                Err(_) => return Err(stopped()),
            }
        }
        Ok(())
    }
}

fn stopped() -> DbError {
    DbError::Db(DbErr::Custom("the audit writer has stopped".to_owned()))
}

async fn write_batches(conn: DatabaseConnection, mut rx: mpsc::Receiver<Pending>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let (rows, waiters): (Vec<_>, Vec<_>) = batch.drain(..).map(|p| (p.row, p.done)).unzip();
        let result = audit_event::Entity::insert_many(rows)
            .exec_without_returning(&conn)
            .await
            .map(|_| ())
            .map_err(|e| {
                tracing::error!(error = %e, events = waiters.len(), "read audit insert failed");
                e.to_string()
            });
        for waiter in waiters {
            // A reader that gave up (client gone) no longer listens.
            let _ = waiter.send(result.clone());
        }
    }
}
