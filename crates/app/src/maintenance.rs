//! `tgpl storage sweep` and `tgpl storage verify`: keep the document store
//! and the database telling the same story.
use crate::SystemClock;
use chrono::Duration;
use futures_util::StreamExt;
use tgpl_db::{Db, documents};
use tgpl_domain::clock::Clock as _;
use tgpl_storage::{DocumentStore, StoreError, VerifiedStream};
use uuid::Uuid;

const BATCH: usize = 500;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepReport {
    pub objects_seen: u64,
    /// Objects no row names, old enough to be removed (removed unless dry run).
    pub orphans: Vec<String>,
    /// Objects no row names yet, younger than the grace period: probably an
    /// upload in flight, left alone.
    pub young_orphans: u64,
    /// Rows whose object is gone: data loss to investigate.
    pub missing: Vec<MissingObject>,
    pub temp_files_removed: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingObject {
    pub document_id: Uuid,
    pub case_id: Uuid,
    pub key: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MaintenanceError {
    #[error("database: {0}")]
    Db(#[from] tgpl_db::DbError),
    #[error("document store: {0}")]
    Store(#[from] StoreError),
}

/// Finds (and unless `dry_run` removes) objects without rows, and reports
/// rows without objects. Objects younger than `grace` are kept: their row
/// may be about to be written.
pub async fn sweep(
    db: &Db,
    store: &dyn DocumentStore,
    grace: Duration,
    dry_run: bool,
) -> Result<SweepReport, MaintenanceError> {
    let mut report = SweepReport::default();
    let cutoff = SystemClock.now() - grace;
    let mut objects = store.list().await?;
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        let next = objects.next().await;
        let end = next.is_none();
        if let Some(info) = next {
            batch.push(info?);
            report.objects_seen += 1;
        }
        if batch.len() == BATCH || (end && !batch.is_empty()) {
            let keys: Vec<String> = batch.iter().map(|o| o.key.clone()).collect();
            let used = documents::keys_in_use(db.read(), &keys).await?;
            for o in batch.drain(..) {
                if used.contains(&o.key) {
                    continue;
                }
                if o.modified > cutoff {
                    report.young_orphans += 1;
                    continue;
                }
                if !dry_run {
                    store.delete(&o.key).await?;
                }
                report.orphans.push(o.key);
            }
        }
        if end {
            break;
        }
    }
    let mut after = None;
    loop {
        let rows = documents::batch_after(db.read(), after, BATCH as u64).await?;
        let Some(last) = rows.last() else { break };
        after = Some(last.id);
        for d in rows {
            if !store.exists(&d.storage_key).await? {
                report.missing.push(MissingObject {
                    document_id: d.id,
                    case_id: d.case_id,
                    key: d.storage_key,
                });
            }
        }
    }
    if !dry_run {
        report.temp_files_removed = store.sweep_temp(grace.to_std().unwrap_or_default()).await?;
    }
    Ok(report)
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub checked: u64,
    pub bytes: u64,
    /// Documents whose bytes no longer match their SHA-256 or size.
    pub corrupted: Vec<Uuid>,
    pub missing: Vec<Uuid>,
}

/// Re-reads and re-hashes every stored document.
pub async fn verify(db: &Db, store: &dyn DocumentStore) -> Result<VerifyReport, MaintenanceError> {
    let mut report = VerifyReport::default();
    let mut after = None;
    loop {
        let rows = documents::batch_after(db.read(), after, BATCH as u64).await?;
        let Some(last) = rows.last() else { break };
        after = Some(last.id);
        for d in rows {
            report.checked += 1;
            let object = match store.get(&d.storage_key, None).await {
                Ok(o) => o,
                Err(StoreError::NotFound) => {
                    report.missing.push(d.id);
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            match VerifiedStream::digest(object.body).await {
                Ok((sha, size)) if sha == d.sha256 && size == d.size => report.bytes += size,
                Ok(_) => report.corrupted.push(d.id),
                Err(e) => return Err(StoreError::Unavailable(e.to_string()).into()),
            }
        }
    }
    Ok(report)
}
