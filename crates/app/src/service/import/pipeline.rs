//! Case batches written two at a time on PostgreSQL. While one batch is
//! committed, the next is judged against the database and written on a
//! second connection, so both cores work (one writer left the second core
//! idle: BENCHMARKS, session 22). Batches still commit in file order, each
//! with its checkpoint: a stopped or failed run resumes as before.
//!
//! Two batches in flight do not see each other's rows. A batch that shares
//! an old id, a case code, a register entry or a person's key with the
//! batch ahead waits for that one's commit. A batch that fails beside
//! another is written again alone, in order, with the one beside it; only
//! a failure of its own then stops the run.
use super::{
    App, AppError, Judged, Options, Progress, Record, Staged, cases, checkpoint, mapping,
    stage_cases,
};
use std::collections::HashSet;
use std::sync::Arc;
use tgpl_domain::clock::Moment;
use tgpl_domain::import::ImportRun;
use tgpl_domain::person::Identity;
use tokio::sync::oneshot;

/// What two batches in flight must not share.
#[derive(Debug, Default)]
pub(super) struct Keys(HashSet<String>);

impl Keys {
    pub(super) fn of(rows: &[(i32, Record, Option<Judged>)]) -> Self {
        let mut keys = HashSet::with_capacity(rows.len() * 4);
        for (_, rec, judged) in rows {
            if let Some(legacy) = rec.value.get("legacy_id") {
                keys.insert(format!("legacy {legacy}"));
            }
            let Some(Ok(parsed)) = judged else { continue };
            let case = &parsed.file.case;
            if let Some(code) = &case.code {
                keys.insert(format!("code {code}"));
            }
            if let Some((org, year, number)) = cases::register_entry(case) {
                keys.insert(format!("register {org} {year} {number}"));
            }
            for party in &case.parties {
                let who = Identity::of(party, case.province_code);
                if let Some(n) = &who.id_number {
                    keys.insert(format!("id {n}"));
                }
                if let Some(k) = who.match_key() {
                    keys.insert(format!("person {k}"));
                }
            }
        }
        Self(keys)
    }

    fn meets(&self, other: &Keys) -> bool {
        let (few, many) = if self.0.len() <= other.0.len() {
            (&self.0, &other.0)
        } else {
            (&other.0, &self.0)
        };
        few.iter().any(|k| many.contains(k))
    }
}

/// A batch being judged and written on a task of its own.
struct Ahead {
    keys: Keys,
    /// The rows as read, to write them again alone.
    rows: Vec<(i32, Record)>,
    task: tokio::task::JoinHandle<Result<Staged, AppError>>,
    /// Tells the batch started beside this one that this one committed.
    next_turn: Option<oneshot::Sender<()>>,
}

impl Ahead {
    /// Drops the batch unwritten (its transaction rolls back) and waits
    /// for its task to end.
    async fn cancel(self) -> Vec<(i32, Record)> {
        self.task.abort();
        let _ = self.task.await;
        self.rows
    }
}

/// A real run of case rows on PostgreSQL.
pub(super) struct Pipeline<'a> {
    app: &'a App,
    ctx: Arc<cases::Context>,
    judged_at: Moment,
    binding: &'a mapping::Binding,
    options: Options,
    ahead: Option<Ahead>,
}

impl<'a> Pipeline<'a> {
    pub(super) fn new(
        app: &'a App,
        ctx: Arc<cases::Context>,
        judged_at: Moment,
        binding: &'a mapping::Binding,
        options: Options,
    ) -> Self {
        Self {
            app,
            ctx,
            judged_at,
            binding,
            options,
            ahead: None,
        }
    }

    /// Starts a batch; with a batch ahead, its writes that take the
    /// outbox's and registers' counters wait for that one's commit (taken in
    /// the other order, each would wait for the other).
    fn start(
        &mut self,
        run: &ImportRun,
        rows: Vec<(i32, Record, Option<Judged>)>,
        keys: Keys,
    ) -> Ahead {
        let turn = self.ahead.as_mut().map(|prev| {
            let (tx, rx) = oneshot::channel();
            prev.next_turn = Some(tx);
            rx
        });
        let copy = rows.iter().map(|(n, r, _)| (*n, r.clone())).collect();
        let (app, ctx, at, run, binding) = (
            self.app.clone(),
            self.ctx.clone(),
            self.judged_at,
            run.clone(),
            self.binding.clone(),
        );
        let task =
            tokio::spawn(
                async move { stage_cases(&app, &ctx, at, &run, rows, &binding, turn).await },
            );
        Ahead {
            keys,
            rows: copy,
            task,
            next_turn: None,
        }
    }

    /// Starts the next batch beside the one ahead, then commits that one.
    /// `false`: progress asked to stop after a commit.
    pub(super) async fn push(
        &mut self,
        run: &mut ImportRun,
        rows: Vec<(i32, Record, Option<Judged>)>,
        progress: Progress<'_>,
    ) -> Result<bool, AppError> {
        let keys = Keys::of(&rows);
        if self.ahead.as_ref().is_some_and(|a| a.keys.meets(&keys))
            && !self.finish(run, &mut *progress).await?
        {
            return Ok(false);
        }
        let next = self.start(run, rows, keys);
        match self.ahead.replace(next) {
            Some(prev) => self.commit(run, prev, progress).await,
            None => Ok(true),
        }
    }

    /// Commits the batch still ahead, if any.
    pub(super) async fn finish(
        &mut self,
        run: &mut ImportRun,
        progress: Progress<'_>,
    ) -> Result<bool, AppError> {
        match self.ahead.take() {
            Some(prev) => self.commit(run, prev, progress).await,
            None => Ok(true),
        }
    }

    /// Commits `prev`; `self.ahead` may hold the batch started beside it,
    /// which a stop drops unwritten.
    async fn commit(
        &mut self,
        run: &mut ImportRun,
        prev: Ahead,
        progress: Progress<'_>,
    ) -> Result<bool, AppError> {
        let staged = match prev.task.await {
            Ok(staged) => staged,
            Err(e) => Err(AppError::Internal(format!("an import batch stopped: {e}"))),
        };
        let done = match staged {
            Ok(staged) => checkpoint(self.app, run, staged, self.options).await,
            Err(e) => Err(e),
        };
        if let Err(e) = done {
            tracing::warn!(error = %e, "an import batch written beside another failed; both are written again one at a time");
            let mut again = vec![prev.rows];
            if let Some(beside) = self.ahead.take() {
                again.push(beside.cancel().await);
            }
            for rows in again {
                let rows = rows.into_iter().map(|(n, r)| (n, r, None)).collect();
                let staged = stage_cases(
                    self.app,
                    &self.ctx,
                    self.judged_at,
                    run,
                    rows,
                    self.binding,
                    None,
                )
                .await?;
                checkpoint(self.app, run, staged, self.options).await?;
                if !progress(run) {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        if let Some(turn) = prev.next_turn {
            let _ = turn.send(());
        }
        if progress(run) {
            return Ok(true);
        }
        if let Some(beside) = self.ahead.take() {
            beside.cancel().await;
        }
        Ok(false)
    }
}
