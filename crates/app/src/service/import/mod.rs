//! Import from the old system (issue #15 item 1): organisations,
//! practitioners and cases from its CSV or XLSX exports, read through a
//! column mapping and judged row by row by the domain's own parsers and
//! rules. A dry run writes nothing but its report. A real run commits a
//! batch at a time with its checkpoint, so an interrupted run resumes after
//! the last batch; every record keeps the old system's id, so a rerun
//! updates what changed and leaves the rest alone.
//!
//! The CLI (`tgpl import`) runs a file at once; the API stores the upload
//! and the job runner does the same work in `tgpl serve`.
pub mod cases;
pub mod mapping;
mod pipeline;
pub mod registers;
pub mod row;
pub mod source;

use crate::error::AppError;
use crate::{App, Caller};
use mapping::{FieldSpec, Mapping, Record};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::Path;
use tgpl_db::audit::{AuditMeta, Change};
use tgpl_db::jobs::NewJob;
use tgpl_db::{DatabaseTransaction, TransactionTrait, imports};
use tgpl_domain::clock::Moment;
use tgpl_domain::import::{ImportKind, ImportRun, ImportStatus, RowProblem};
use tgpl_domain::{Action, ResourceScope};
use tgpl_storage::ByteStream;
use uuid::Uuid;

/// The job that runs an uploaded import.
pub const JOB: &str = "import";
/// Rows per transaction (and per checkpoint).
pub const BATCH_ROWS: usize = 1000;
const ENTITY: &str = "import";

/// What a row does to its register.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<T> {
    Insert(T),
    Update(Box<T>, T),
    Unchanged,
}

/// The audit entry of an imported record: where it came from, no content.
#[derive(Debug, Clone, Serialize)]
pub struct ImportedAudit {
    pub import_id: Uuid,
    pub row: i32,
    pub legacy_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The run a batch belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Batch {
    pub import_id: Uuid,
}

/// How a run proceeds.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub batch_rows: usize,
    /// The job running it, whose lease each batch extends.
    pub job: Option<Uuid>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            batch_rows: BATCH_ROWS,
            job: None,
        }
    }
}

/// Told after every committed batch; answering `false` stops the run there
/// (it stays `running` and resumes from that batch).
pub type Progress<'a> = &'a mut (dyn FnMut(&ImportRun) -> bool + Send);

pub fn fields_of(kind: ImportKind) -> &'static [FieldSpec] {
    match kind {
        ImportKind::Organisations => registers::ORGANISATION_FIELDS,
        ImportKind::Practitioners => registers::PRACTITIONER_FIELDS,
        ImportKind::Cases => cases::FIELDS,
    }
}

/// Checks a mapping (the default one when none is given) for a register.
pub fn mapping_for(kind: ImportKind, text: Option<&str>) -> Result<Mapping, AppError> {
    Mapping::parse(text.unwrap_or(mapping::DEFAULT), kind, fields_of(kind))
        .map_err(|e| AppError::field("mapping", "import.mapping_invalid", e))
}

fn format_for(file_name: &str) -> Result<&'static str, AppError> {
    source::format_of(file_name).ok_or_else(|| {
        AppError::field(
            "file",
            "import.format_unknown",
            "send the old system's export as .csv or .xlsx",
        )
    })
}

async fn sha256_of(path: &Path) -> Result<String, AppError> {
    use tokio::io::AsyncReadExt;
    let mut f = tokio::fs::File::open(path)
        .await
        .map_err(|e| AppError::BadRequest {
            code: "import.file_unreadable",
            detail: format!("cannot open {}: {e}", path.display()),
        })?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = f
            .read(&mut buf)
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

#[allow(clippy::too_many_arguments)]
fn new_run(
    kind: ImportKind,
    file_name: &str,
    format: &str,
    sha256: String,
    object_key: Option<String>,
    mapping: Option<String>,
    dry_run: bool,
    created_by: Option<Uuid>,
    at: Moment,
) -> ImportRun {
    ImportRun {
        id: Uuid::now_v7(),
        kind,
        file_name: file_name.to_owned(),
        format: format.to_owned(),
        sha256,
        object_key,
        mapping,
        dry_run,
        status: ImportStatus::Queued,
        total_rows: None,
        processed_rows: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        error: None,
        created_by,
        version: 1,
        created_at: at.now,
        updated_at: at.now,
        finished_at: None,
    }
}

/// `tgpl import KIND FILE`: runs the file now, resuming the unfinished real
/// run of the same file if there is one.
pub async fn run_file(
    app: &App,
    kind: ImportKind,
    path: &Path,
    dry_run: bool,
    mapping: Option<String>,
    options: Options,
    progress: Progress<'_>,
) -> Result<ImportRun, AppError> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = format_for(&file_name)?;
    mapping_for(kind, mapping.as_deref())?;
    let sha256 = sha256_of(path).await?;
    let at = app.moment();
    let resumed = if dry_run {
        None
    } else {
        imports::unfinished(app.db.read(), kind, &sha256)
            .await?
            .filter(|r| r.mapping == mapping)
    };
    let mut run = match resumed {
        Some(r) => r,
        None => {
            let r = new_run(
                kind, &file_name, format, sha256, None, mapping, dry_run, None, at,
            );
            imports::insert(&app.db.conn, &r).await?;
            r
        }
    };
    process(app, &mut run, path, options, progress).await?;
    Ok(run)
}

/// Reads the file from the run's checkpoint on, a batch per transaction.
pub async fn process(
    app: &App,
    run: &mut ImportRun,
    path: &Path,
    options: Options,
    progress: Progress<'_>,
) -> Result<(), AppError> {
    if run.status.finished() {
        return Ok(());
    }
    let mapping = mapping_for(run.kind, run.mapping.as_deref())?;
    let opened = {
        let (path, format, delimiter) = (path.to_owned(), run.format.clone(), mapping.delimiter);
        tokio::task::spawn_blocking(move || {
            let total = source::count_rows(&path, &format, delimiter)?;
            let table = source::open(&path, &format, delimiter)?;
            let binding = mapping.bind(&table.headers)?;
            Ok::<_, String>((total, table, binding))
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
    };
    let (total, table, binding) = match opened {
        Ok(t) => t,
        Err(e) => {
            run.error = Some(e);
            run.finish(ImportStatus::Failed, app.moment().now);
            imports::save(&app.db.conn, run).await?;
            return Ok(());
        }
    };
    run.status = ImportStatus::Running;
    run.total_rows = Some(total);
    run.updated_at = app.moment().now;
    imports::save(&app.db.conn, run).await?;
    let rows = table
        .rows
        .skip(usize::try_from(run.processed_rows).unwrap_or(0));
    let judged_at = app.moment();
    let mut work = Work::load(app, run.kind, judged_at).await?;
    // The file is read (and each case judged) on a thread of its own while
    // the batch before is written: on 2 cores, reading and judging overlap
    // the database's work instead of alternating with it.
    let (mut reader, read) = read_ahead(rows, binding.clone(), work.judge(), options.batch_rows);
    // A real run of cases on PostgreSQL writes two batches at a time.
    let mut pipeline =
        match &work {
            Work::Cases(ctx, at) if !run.dry_run && two_writers(app) => Some(
                pipeline::Pipeline::new(app, ctx.clone(), *at, &binding, options),
            ),
            _ => None,
        };
    let (mut read_rows, mut statistics_at) = (0, 0);
    while let Some(lines) = reader.recv().await {
        if read_rows >= statistics_at {
            imports::refresh_statistics(&app.db.conn).await?;
            statistics_at = imports::next_statistics(read_rows);
        }
        read_rows += lines.rows.len();
        let go_on = match pipeline.as_mut() {
            Some(p) => {
                (lines.rows.is_empty() || p.push(run, lines.rows, &mut *progress).await?)
                    && (lines.unreadable.is_none() || p.finish(run, &mut *progress).await?)
            }
            None => {
                if !lines.rows.is_empty() {
                    work.batch(app, run, lines.rows, &binding, options).await?;
                }
                lines.unreadable.is_some() || progress(run)
            }
        };
        if let Some(e) = lines.unreadable {
            run.error = Some(e);
            run.finish(ImportStatus::Failed, app.moment().now);
            imports::save(&app.db.conn, run).await?;
            return Ok(());
        }
        if !go_on {
            return Ok(());
        }
    }
    if let Some(p) = pipeline.as_mut()
        && !p.finish(run, &mut *progress).await?
    {
        return Ok(());
    }
    // The reader ended at the end of the file, not by failing.
    read.await
        .map_err(|e| AppError::Internal(format!("the import's reader stopped: {e}")))?;
    run.finish(ImportStatus::Done, app.moment().now);
    imports::save(&app.db.conn, run).await?;
    progress(run);
    Ok(())
}

/// Whether a run may write two batches at a time: on PostgreSQL, with
/// connections for both and one more (the statistics' refresh is taken
/// while a batch is in flight).
fn two_writers(app: &App) -> bool {
    !app.db.backend_is_sqlite() && app.db.pool_stats().first().is_some_and(|p| p.max >= 3)
}

/// What a run keeps between batches.
enum Work {
    Registers(registers::Context),
    Cases(std::sync::Arc<cases::Context>, Moment),
}

/// A case row as the reader judged it: a new case, before its old id is
/// looked up (a row imported before is judged again with its case's id).
type Judged = Result<cases::Parsed, Vec<RowProblem>>;

/// Rows of one batch as the reader hands them over.
struct Lines {
    rows: Vec<(i32, Record, Option<Judged>)>,
    /// The file could not be read past these rows.
    unreadable: Option<String>,
}

/// Reads batches on a blocking thread, one batch ahead of the writer;
/// stops when the writer drops the receiver.
fn read_ahead(
    mut rows: impl Iterator<Item = Result<source::Line, String>> + Send + 'static,
    binding: mapping::Binding,
    judge: Option<(std::sync::Arc<cases::Context>, Moment)>,
    batch_rows: usize,
) -> (
    tokio::sync::mpsc::Receiver<Lines>,
    tokio::task::JoinHandle<()>,
) {
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    let handle = tokio::task::spawn_blocking(move || {
        loop {
            let mut lines = Lines {
                rows: Vec::with_capacity(batch_rows),
                unreadable: None,
            };
            for line in rows.by_ref().take(batch_rows) {
                match line {
                    Ok((number, cells)) => {
                        let rec = binding.record(&cells);
                        let judged = judge
                            .as_ref()
                            .map(|(ctx, at)| cases::parse(number, &rec, ctx, None, *at));
                        lines.rows.push((number, rec, judged));
                    }
                    Err(e) => {
                        lines.unreadable = Some(e);
                        break;
                    }
                }
            }
            let last = lines.rows.len() < batch_rows || lines.unreadable.is_some();
            if (lines.rows.is_empty() && lines.unreadable.is_none())
                || tx.blocking_send(lines).is_err()
                || last
            {
                break;
            }
        }
    });
    (rx, handle)
}

/// What a batch did to the run's counts.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    inserted: i32,
    updated: i32,
    unchanged: i32,
    rejected: i32,
}

impl Tally {
    fn count<T>(&mut self, outcome: &Outcome<T>) {
        match outcome {
            Outcome::Insert(_) => self.inserted += 1,
            Outcome::Update(..) => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

/// A batch judged and (unless a dry run) written in its own transaction,
/// not committed yet: [`checkpoint`] commits it with the run's progress.
struct Staged {
    txn: DatabaseTransaction,
    rows: i32,
    tally: Tally,
    problems: Vec<RowProblem>,
}

/// Who the audit trail names for a run's writes.
fn audit_meta(run: &ImportRun, at: Moment) -> AuditMeta {
    AuditMeta {
        actor_id: run.created_by,
        actor_role: Some(if run.created_by.is_some() {
            "national_admin".to_owned()
        } else {
            "system".to_owned()
        }),
        request_id: Some(format!("import {}", run.id)),
        at: at.now,
    }
}

/// Commits a staged batch with the run's checkpoint, its refused rows and
/// (for a job) a longer lease. The run in memory changes only once the
/// commit went through.
async fn checkpoint(
    app: &App,
    run: &mut ImportRun,
    staged: Staged,
    options: Options,
) -> Result<(), AppError> {
    let Staged {
        txn,
        rows,
        tally,
        problems,
    } = staged;
    let now = app.moment().now;
    let mut next = run.clone();
    next.inserted += tally.inserted;
    next.updated += tally.updated;
    next.unchanged += tally.unchanged;
    next.rejected += tally.rejected;
    next.processed_rows += rows;
    next.updated_at = now;
    imports::add_problems(&txn, run.id, &problems).await?;
    imports::save(&txn, &next).await?;
    if let Some(job) = options.job {
        tgpl_db::jobs::extend_lease(&txn, job, now + chrono::Duration::minutes(5), now).await?;
    }
    txn.commit().await?;
    *run = next;
    Ok(())
}

/// Judges a batch of case rows and (unless a dry run) writes them, in a
/// transaction left open for [`checkpoint`]. With a `turn`, the writes
/// that take the counters wait for it.
async fn stage_cases(
    app: &App,
    ctx: &cases::Context,
    judged_at: Moment,
    run: &ImportRun,
    batch: Vec<(i32, Record, Option<Judged>)>,
    binding: &mapping::Binding,
    turn: Option<tokio::sync::oneshot::Receiver<()>>,
) -> Result<Staged, AppError> {
    let rows = i32::try_from(batch.len()).unwrap_or(0);
    let txn = imports::begin_batch(&app.db.conn).await?;
    let mut tally = Tally::default();
    let mut problems: Vec<RowProblem> = Vec::new();
    let ids: Vec<String> = batch
        .iter()
        .filter_map(|(_, r, _)| r.value.get("legacy_id").cloned())
        .collect();
    let known = imports::known(&txn, ImportKind::Cases, &ids).await?;
    let mut seen = std::collections::HashSet::new();
    let mut parsed = Vec::with_capacity(batch.len());
    for (number, rec, judged) in batch {
        let legacy = rec.value.get("legacy_id");
        if let Some(l) = legacy
            && !seen.insert(l.clone())
        {
            tally.rejected += 1;
            problems.push(RowProblem {
                row: number,
                column: String::new(),
                field: "legacy_id".into(),
                value: l.clone(),
                code: "import.duplicate_legacy_id".into(),
                message: "an earlier row of the file has the same id".into(),
            });
            continue;
        }
        let existing = legacy.and_then(|l| known.get(l));
        let same =
            |p: &cases::Parsed| existing.is_some_and(|(_, d)| d.as_ref() == Some(&p.key.digest));
        let judged = match (judged, existing) {
            // Imported before as it is: nothing to judge again.
            (Some(Ok(p)), _) if same(&p) => Ok(p),
            (Some(j), None) => j,
            // Changed since: judged again as the case it updates.
            _ => cases::parse(number, &rec, ctx, existing.map(|(id, _)| *id), judged_at),
        };
        match judged {
            Ok(p) if same(&p) => tally.unchanged += 1,
            Ok(p) => parsed.push(p),
            Err(found) => {
                tally.rejected += 1;
                problems.extend(found);
            }
        }
    }
    let before = problems.len();
    cases::check_codes(&txn, &mut parsed, &mut problems).await?;
    tally.rejected += i32::try_from(problems.len() - before).unwrap_or(0);
    for p in &parsed {
        if p.existing {
            tally.updated += 1;
        } else {
            tally.inserted += 1;
        }
    }
    if !run.dry_run {
        cases::write_rows(&txn, &parsed).await?;
        if let Some(turn) = turn {
            // The batch ahead commits first (it holds the counters until
            // then); a batch ahead that failed cancels this one anyway.
            let _ = turn.await;
        }
        let meta = audit_meta(run, app.moment());
        cases::write_history(&txn, &Batch { import_id: run.id }, &parsed, &meta).await?;
    }
    Ok(Staged {
        txn,
        rows,
        tally,
        problems: located(problems, binding),
    })
}

/// Refused rows in file order, each with the column its field came from.
fn located(mut problems: Vec<RowProblem>, binding: &mapping::Binding) -> Vec<RowProblem> {
    problems.sort_by_key(|p| p.row);
    for p in &mut problems {
        p.column = binding.header_of(&p.field).unwrap_or_default().to_owned();
    }
    problems
}

impl Work {
    async fn load(app: &App, kind: ImportKind, at: Moment) -> Result<Self, AppError> {
        Ok(match kind {
            ImportKind::Cases => Work::Cases(
                std::sync::Arc::new(cases::Context::load(&app.db, at).await?),
                at,
            ),
            _ => Work::Registers(registers::Context::load(&app.db, kind).await?),
        })
    }

    /// What the reader needs to judge case rows ahead of the writer.
    fn judge(&self) -> Option<(std::sync::Arc<cases::Context>, Moment)> {
        match self {
            Work::Cases(ctx, at) => Some((ctx.clone(), *at)),
            Work::Registers(_) => None,
        }
    }

    /// Judges and (unless a dry run) writes one batch, then commits it with
    /// the run's checkpoint and refused rows.
    async fn batch(
        &mut self,
        app: &App,
        run: &mut ImportRun,
        batch: Vec<(i32, Record, Option<Judged>)>,
        binding: &mapping::Binding,
        options: Options,
    ) -> Result<(), AppError> {
        let staged = match self {
            Work::Registers(ctx) => stage_registers(app, ctx, run, batch, binding).await?,
            Work::Cases(ctx, judged_at) => {
                stage_cases(app, ctx, *judged_at, run, batch, binding, None).await?
            }
        };
        checkpoint(app, run, staged, options).await
    }
}

/// Judges a batch of organisation or practitioner rows and (unless a dry
/// run) writes them, in a transaction left open for [`checkpoint`].
async fn stage_registers(
    app: &App,
    ctx: &mut registers::Context,
    run: &ImportRun,
    batch: Vec<(i32, Record, Option<Judged>)>,
    binding: &mapping::Binding,
) -> Result<Staged, AppError> {
    let at = app.moment();
    let meta = audit_meta(run, at);
    let rows = i32::try_from(batch.len()).unwrap_or(0);
    let txn = imports::begin_batch(&app.db.conn).await?;
    let write = (!run.dry_run).then_some(&txn);
    let mut tally = Tally::default();
    let mut problems: Vec<RowProblem> = Vec::new();
    for (number, rec, _) in &batch {
        let judged = match run.kind {
            ImportKind::Organisations => {
                registers::organisation(*number, rec, ctx, at.now).map(|(o, k)| {
                    tally.count(&o);
                    (Ok(o), k)
                })
            }
            _ => {
                let holder = registers::holder(&txn, ctx, rec).await?;
                registers::practitioner(*number, rec, ctx, holder, at.now).map(|(o, k)| {
                    tally.count(&o);
                    (Err(o), k)
                })
            }
        };
        let (outcome, key) = match judged {
            Ok(j) => j,
            Err(found) => {
                tally.rejected += 1;
                problems.extend(found);
                continue;
            }
        };
        let audit_row = ImportedAudit {
            import_id: run.id,
            row: *number,
            legacy_id: key.id.clone(),
            code: None,
        };
        match outcome {
            Ok(o) => registers::write_organisation(write, ctx, &o, &key, &meta, &audit_row).await?,
            Err(p) => {
                registers::write_practitioner(write, ctx, &p, &key, &meta, &audit_row).await?
            }
        }
    }
    Ok(Staged {
        txn,
        rows,
        tally,
        problems: located(problems, binding),
    })
}

/// Refuses a caller who may not import (the national admin may).
fn authorize(caller: &Caller) -> Result<(), AppError> {
    caller.authorize(Action::ImportData, &ResourceScope::default(), ENTITY)
}

/// `POST /api/v1/imports`: keeps the uploaded file in the document store
/// and queues the run for the job runner.
pub async fn start(
    app: &App,
    caller: &Caller,
    kind: ImportKind,
    file_name: &str,
    dry_run: bool,
    mapping: Option<String>,
    body: ByteStream,
) -> Result<ImportRun, AppError> {
    authorize(caller)?;
    let format = format_for(file_name)?;
    let mapping = mapping.filter(|m| !m.trim().is_empty());
    mapping_for(kind, mapping.as_deref())?;
    let stored = app
        .store
        .put(body)
        .await
        .map_err(super::documents::store_error)?;
    if stored.size == 0 {
        // Nothing names the empty object: the sweep removes it.
        return Err(AppError::field(
            "file",
            "import.file_empty",
            "the file is empty",
        ));
    }
    let run = new_run(
        kind,
        file_name,
        format,
        stored.sha256.clone(),
        Some(stored.key.clone()),
        mapping,
        dry_run,
        Some(caller.actor.user_id),
        caller.at,
    );
    let txn = app.db.conn.begin().await?;
    imports::insert(&txn, &run).await?;
    tgpl_db::jobs::enqueue(
        &txn,
        &NewJob {
            kind: JOB,
            dedupe_key: format!("{JOB}:{}", run.id),
            payload: serde_json::json!({ "import_id": run.id }),
            run_at: caller.at.now,
            max_attempts: 3,
        },
        caller.at.now,
    )
    .await?;
    tgpl_db::audit::record(
        &txn,
        &caller.audit(),
        Change {
            action: "import.started",
            entity: ENTITY,
            entity_id: run.id,
            scope: ResourceScope::default(),
            before: None,
            after: Some(&run),
        },
    )
    .await?;
    commit(txn).await?;
    Ok(run)
}

async fn commit(txn: DatabaseTransaction) -> Result<(), AppError> {
    Ok(txn.commit().await?)
}

/// The job: copies the stored upload to a temporary file and runs it from
/// its checkpoint (a worker that died mid-run left it there).
pub async fn execute(app: &App, import_id: Uuid, job: Uuid) -> Result<(), AppError> {
    use futures_util::StreamExt;
    use tokio::io::AsyncWriteExt;
    let mut run = imports::get(app.db.read(), import_id)
        .await
        .map_err(super::found(ENTITY))?;
    if run.status.finished() {
        return Ok(());
    }
    let key = run
        .object_key
        .clone()
        .ok_or_else(|| AppError::Internal("an uploaded import without its file".into()))?;
    let object = app
        .store
        .get(&key, None)
        .await
        .map_err(super::documents::store_error)?;
    let temp = tempfile::Builder::new()
        .prefix("tgpl-import-")
        .suffix(&format!(".{}", run.format))
        .tempfile()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let mut out = tokio::fs::File::create(temp.path())
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let mut body = object.body;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| AppError::Internal(e.to_string()))?;
        out.write_all(&chunk)
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
    }
    out.flush()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let options = Options {
        job: Some(job),
        ..Options::default()
    };
    process(app, &mut run, temp.path(), options, &mut |_| true).await
}

pub async fn get(app: &App, caller: &Caller, id: Uuid) -> Result<ImportRun, AppError> {
    authorize(caller)?;
    imports::get(app.db.read(), id)
        .await
        .map_err(super::found(ENTITY))
}

/// The latest runs, newest first.
pub async fn list(app: &App, caller: &Caller, limit: u64) -> Result<Vec<ImportRun>, AppError> {
    authorize(caller)?;
    Ok(imports::list(app.db.read(), limit.clamp(1, 200)).await?)
}

/// A page of a run's refused rows, in file order.
pub async fn problems(
    app: &App,
    caller: &Caller,
    id: Uuid,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<(Uuid, RowProblem)>, AppError> {
    get(app, caller, id).await?;
    Ok(imports::problems(app.db.read(), id, after, limit.clamp(1, 1000)).await?)
}

/// The headers of the refused-rows report.
pub const PROBLEM_COLUMNS: [&str; 6] = ["Dòng", "Cột", "Trường", "Giá trị", "Mã lỗi", "Lý do"];

/// The first line of the refused-rows report (CSV, with a byte-order mark
/// so that Excel reads it as UTF-8).
pub fn report_header() -> String {
    format!("\u{feff}{}", super::export::csv_line(&PROBLEM_COLUMNS))
}

/// One line of the refused-rows report (CSV).
pub fn problem_line(p: &RowProblem) -> String {
    super::export::csv_line(&[
        p.row.to_string(),
        p.column.clone(),
        p.field.clone(),
        p.value.clone(),
        p.code.clone(),
        p.reason().to_owned(),
    ])
}

/// The refused rows as a CSV stream (a page of the table at a time).
pub async fn problems_csv(
    app: &App,
    caller: &Caller,
    id: Uuid,
) -> Result<futures_util::stream::BoxStream<'static, Result<bytes::Bytes, AppError>>, AppError> {
    use futures_util::StreamExt;
    get(app, caller, id).await?;
    let head = futures_util::stream::once(async { Ok(bytes::Bytes::from(report_header())) });
    let db = app.db.clone();
    let body = futures_util::stream::unfold(Some(None), move |cursor: Option<Option<Uuid>>| {
        let db = db.clone();
        async move {
            let after = cursor?;
            match imports::problems(db.read(), id, after, 1000).await {
                Ok(page) if page.is_empty() => None,
                Ok(page) => {
                    let next = page.last().map(|(id, _)| *id);
                    let text: String = page.iter().map(|(_, p)| problem_line(p)).collect();
                    Some((Ok(bytes::Bytes::from(text)), next.map(Some)))
                }
                Err(e) => Some((Err(AppError::from(e)), None)),
            }
        }
    });
    Ok(head.chain(body).boxed())
}
