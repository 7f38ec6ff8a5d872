//! The job runner inside `tgpl serve` (DESIGN: Events and jobs; issue #14):
//! no extra service to operate. Each tick it schedules the recurring jobs
//! (once per key, whatever the number of replicas), hands the outbox's new
//! events to the notifier, then leases due jobs and runs them. A failed job
//! runs again after a growing delay; after its last attempt it waits in the
//! dead-letter list until an administrator retries it.
use crate::{App, AppError, Caller, maintenance, notify};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Deserialize;
use tgpl_db::jobs::{self, Job, JobStatus, NewJob};
use tgpl_db::{Page, PageRequest};
use tgpl_domain::Action;
use tgpl_domain::calendar::vietnam_date;
use tgpl_domain::notification::daily_scan_at;
use uuid::Uuid;

pub const SCAN_JOB: &str = "deadline_scan";
pub const SWEEP_JOB: &str = "storage_sweep";
pub const VERIFY_JOB: &str = "storage_verify";

/// How long a claimed job is this worker's before another may take it.
const LEASE: i64 = 300;
/// Jobs claimed per tick.
const CLAIM: u64 = 20;

/// The delay before attempt `attempts + 1`: 30 s, 1 min, 2 min … capped at an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exp = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(7);
    Duration::seconds((30_i64 << exp).min(3_600))
}

/// Vietnam time `hh:00` on `day`, as an instant.
fn vietnam_hour(day: NaiveDate, hour: i64) -> DateTime<Utc> {
    daily_scan_at(day) + Duration::hours(hour - 7)
}

/// What one tick did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tick {
    pub events: u64,
    pub ran: u64,
    pub failed: u64,
    /// Events delivered to webhook receivers.
    pub delivered: u64,
}

/// One worker; replicas each run one with their own name.
#[derive(Debug, Clone)]
pub struct Runner {
    app: App,
    worker: String,
}

impl Runner {
    pub fn new(app: App, worker: impl Into<String>) -> Self {
        Self {
            app,
            worker: worker.into(),
        }
    }

    /// Runs ticks every `every` until the process ends.
    pub async fn run(self, every: std::time::Duration) {
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            match self.tick().await {
                Ok(t) if t.ran + t.events > 0 => {
                    tracing::debug!(worker = %self.worker, events = t.events, ran = t.ran, failed = t.failed, "jobs tick");
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(worker = %self.worker, error = %e, "jobs tick failed"),
            }
        }
    }

    /// Schedules, dispatches the outbox and runs every due job once.
    pub async fn tick(&self) -> Result<Tick, AppError> {
        let now = self.app.moment().now;
        self.schedule(now).await?;
        let mut tick = Tick {
            events: notify::dispatch_events(&self.app, now).await?,
            delivered: crate::service::webhooks::deliver_due(&self.app, &self.worker).await?,
            ..Tick::default()
        };
        loop {
            let now = self.app.moment().now;
            let claimed = jobs::claim(
                &self.app.db.conn,
                &self.worker,
                now,
                Duration::seconds(LEASE),
                CLAIM,
            )
            .await?;
            if claimed.is_empty() {
                return Ok(tick);
            }
            for job in claimed {
                match self.execute(&job).await {
                    Ok(()) => {
                        jobs::complete(&self.app.db.conn, job.id, self.app.moment().now).await?;
                        tick.ran += 1;
                    }
                    Err(e) => {
                        let now = self.app.moment().now;
                        let retry =
                            (job.attempts < job.max_attempts).then(|| now + backoff(job.attempts));
                        let detail = match &e {
                            AppError::Internal(d) => d.clone(),
                            other => other.to_string(),
                        };
                        tracing::warn!(job = %job.id, kind = %job.kind, attempts = job.attempts, error = %detail, dead = retry.is_none(), "job failed");
                        jobs::fail(&self.app.db.conn, job.id, &detail, retry, now).await?;
                        tick.failed += 1;
                    }
                }
            }
        }
    }

    /// The recurring jobs of today and tomorrow: the deadline scan at
    /// 07:00, the orphan sweep at 02:00 and, on Sundays, the storage
    /// verify at 03:00 (Vietnam time).
    async fn schedule(&self, now: DateTime<Utc>) -> Result<(), AppError> {
        let today = vietnam_date(now);
        for day in [today, today + Duration::days(1)] {
            let mut planned = vec![
                (SCAN_JOB, daily_scan_at(day)),
                (SWEEP_JOB, vietnam_hour(day, 2)),
            ];
            if day.weekday() == chrono::Weekday::Sun {
                planned.push((VERIFY_JOB, vietnam_hour(day, 3)));
            }
            for (kind, at) in planned {
                jobs::enqueue(
                    &self.app.db.conn,
                    &NewJob {
                        kind,
                        dedupe_key: format!("{kind}:{day}"),
                        payload: serde_json::json!({ "day": day }),
                        run_at: at,
                        max_attempts: 3,
                    },
                    now,
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn execute(&self, job: &Job) -> Result<(), AppError> {
        let bad = |e: serde_json::Error| AppError::Internal(format!("job payload: {e}"));
        match job.kind.as_str() {
            notify::MAIL_JOB => {
                #[derive(Deserialize)]
                struct P {
                    notification_id: Uuid,
                    user_id: Uuid,
                }
                let p: P = serde_json::from_value(job.payload.clone()).map_err(bad)?;
                notify::send_mail(&self.app, p.notification_id, p.user_id).await
            }
            notify::DIGEST_JOB => {
                #[derive(Deserialize)]
                struct P {
                    user_id: Uuid,
                    day: NaiveDate,
                    before: DateTime<Utc>,
                }
                let p: P = serde_json::from_value(job.payload.clone()).map_err(bad)?;
                notify::send_digest(&self.app, p.user_id, p.day, p.before).await
            }
            SCAN_JOB => {
                let day = day_of(job).map_err(bad)?;
                let r = notify::deadline_scan(&self.app, day, self.app.moment().now).await?;
                tracing::info!(%day, hearings = r.hearings, proof = r.proof, reassignments = r.reassignments, "deadline scan");
                Ok(())
            }
            SWEEP_JOB => {
                let r = maintenance::sweep(
                    &self.app.db,
                    self.app.store.as_ref(),
                    Duration::minutes(60),
                    false,
                )
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?;
                tracing::info!(
                    orphans = r.orphans.len(),
                    missing = r.missing.len(),
                    "storage sweep"
                );
                // Answers kept for `Idempotency-Key` retries past their day.
                let forgotten =
                    crate::service::idempotency::forget_expired(&self.app, self.app.moment().now)
                        .await?;
                tracing::info!(forgotten, "idempotency answers expired");
                if !r.missing.is_empty() {
                    tracing::error!(
                        missing = r.missing.len(),
                        "documents whose objects are missing"
                    );
                }
                Ok(())
            }
            VERIFY_JOB => {
                let r = maintenance::verify(&self.app.db, self.app.store.as_ref())
                    .await
                    .map_err(|e| AppError::Internal(e.to_string()))?;
                tracing::info!(
                    checked = r.checked,
                    corrupted = r.corrupted.len(),
                    missing = r.missing.len(),
                    "storage verify"
                );
                if !r.corrupted.is_empty() || !r.missing.is_empty() {
                    tracing::error!(
                        corrupted = r.corrupted.len(),
                        missing = r.missing.len(),
                        "damaged documents"
                    );
                }
                Ok(())
            }
            crate::service::import::JOB => {
                #[derive(Deserialize)]
                struct P {
                    import_id: Uuid,
                }
                let p: P = serde_json::from_value(job.payload.clone()).map_err(bad)?;
                crate::service::import::execute(&self.app, p.import_id, job.id).await
            }
            other => Err(AppError::Internal(format!("unknown job kind '{other}'"))),
        }
    }
}

fn day_of(job: &Job) -> Result<NaiveDate, serde_json::Error> {
    #[derive(Deserialize)]
    struct P {
        day: NaiveDate,
    }
    serde_json::from_value::<P>(job.payload.clone()).map(|p| p.day)
}

/// The jobs an administrator looks at (the dead-letter list by default).
pub async fn list(
    app: &App,
    caller: &Caller,
    status: Option<JobStatus>,
    page: PageRequest,
) -> Result<Page<Job>, AppError> {
    caller.authorize(Action::ManageJobs, &Default::default(), "job")?;
    Ok(jobs::list(app.db.read(), status, page).await?)
}

/// Puts a dead job back in the queue.
pub async fn retry(app: &App, caller: &Caller, id: Uuid) -> Result<Job, AppError> {
    caller.authorize(Action::ManageJobs, &Default::default(), "job")?;
    let txn = crate::service::begin(&app.db).await?;
    let job = jobs::get(&txn, id)
        .await?
        .ok_or(AppError::NotFound("job"))?;
    if !jobs::retry(&txn, id, caller.at.now).await? {
        return Err(AppError::Conflict {
            code: "job.not_dead",
            detail: format!(
                "the job is {}, only a dead job can be retried",
                job.status.as_str()
            ),
        });
    }
    let before = serde_json::json!({ "status": job.status.as_str(), "attempts": job.attempts });
    let after = serde_json::json!({ "status": JobStatus::Pending.as_str(), "attempts": 0 });
    tgpl_db::audit::record(
        &txn,
        &caller.audit(),
        tgpl_db::audit::Change {
            action: "job.retry",
            entity: "job",
            entity_id: id,
            scope: Default::default(),
            before: Some(&before),
            after: Some(&after),
        },
    )
    .await?;
    crate::service::commit(txn).await?;
    jobs::get(app.db.read(), id)
        .await?
        .ok_or(AppError::NotFound("job"))
}
