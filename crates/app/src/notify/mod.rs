//! Notifications (issue #14): the outbox's events and the daily deadline
//! scan become notices in each reader's inbox; mail goes out through jobs,
//! at once or in a daily digest as the reader prefers. Every notice is
//! stored under a key unique for its reader, so an event or a reminder
//! never reaches anyone twice, whichever replica handles it.
pub mod mail;
pub(crate) mod scan;

pub use scan::deadline_scan;

use crate::{App, AppError};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use tgpl_db::jobs::{self, NewJob};
use tgpl_db::notifications::{self as store, NewNotification};
use tgpl_db::{ConnectionTrait, events};
use tgpl_domain::notification::{
    Audience, BRANCH_LEADERSHIP, CENTRE_LEADERSHIP, Delivery, INTAKE_DESK, Notice,
    NotificationKind, digest, notices_of,
};
use uuid::Uuid;

/// The outbox consumer that turns events into notices.
pub const CONSUMER: &str = tgpl_db::NOTIFICATIONS_CONSUMER;

/// Events handled per transaction.
const BATCH: u64 = 500;

/// How many times a mail is tried before it goes to the dead-letter list.
pub const MAIL_ATTEMPTS: i32 = 8;

/// Job kinds of this module.
pub const MAIL_JOB: &str = "mail";
pub const DIGEST_JOB: &str = "digest";

/// Stores `notice` for `user_id` under `key` (in the caller's transaction),
/// delivered as they prefer, and enqueues its mail when it goes at once.
/// Nothing happens when they already have it.
pub async fn tell<C: ConnectionTrait>(
    app: &App,
    conn: &C,
    user_id: Uuid,
    key: String,
    notice: Notice,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let kind = notice.kind();
    let chosen = store::preferences(conn, user_id)
        .await?
        .into_iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, d)| d);
    let mut delivery = Delivery::effective(kind, chosen);
    if app.mailer.is_none() && delivery != Delivery::InAppOnly {
        // No SMTP relay configured: the inbox is the only channel.
        delivery = Delivery::InAppOnly;
    }
    let new = NewNotification {
        user_id,
        dedupe_key: key,
        notice,
        delivery,
    };
    if let Some(id) = store::insert(conn, &new, now).await?
        && delivery == Delivery::Immediate
    {
        jobs::enqueue(
            conn,
            &NewJob {
                kind: MAIL_JOB,
                dedupe_key: format!("mail:{id}"),
                payload: serde_json::json!({ "notification_id": id, "user_id": user_id }),
                run_at: now,
                max_attempts: MAIL_ATTEMPTS,
            },
            now,
        )
        .await?;
    }
    Ok(())
}

/// The accounts an audience names, for a case of `org_id` in `centre_id`.
async fn resolve<C: ConnectionTrait>(
    conn: &C,
    audience: Audience,
    org_id: Uuid,
    centre_id: Option<Uuid>,
) -> Result<Vec<Uuid>, AppError> {
    let leaders = [CENTRE_LEADERSHIP.as_slice(), INTAKE_DESK.as_slice()].concat();
    Ok(match (audience, centre_id) {
        (Audience::Practitioner(p), _) => store::practitioner_accounts(conn, p).await?,
        (Audience::CentreLeadership, Some(c)) => {
            store::accounts_with_roles(conn, c, &CENTRE_LEADERSHIP, org_id, &BRANCH_LEADERSHIP)
                .await?
        }
        (Audience::CentreIntake, Some(c)) => {
            store::accounts_with_roles(conn, c, &leaders, org_id, &BRANCH_LEADERSHIP).await?
        }
        // A participating organisation's case has no centre desk to tell.
        (Audience::CentreLeadership | Audience::CentreIntake, None) => Vec::new(),
    })
}

/// Turns the outbox's new events into notices, in order, in transactions
/// of up to 500 events. The consumer's cursor moves in the same
/// transaction (row-locked on PostgreSQL), so two replicas never hand out
/// the same event. Returns how many events were handled.
pub async fn dispatch_events(app: &App, now: DateTime<Utc>) -> Result<u64, AppError> {
    let mut handled = 0;
    loop {
        let txn = crate::service::begin(&app.db).await?;
        let last = jobs::lock_cursor(&txn, CONSUMER, now).await?;
        let batch = events::after(&txn, last, BATCH).await?;
        let Some(end) = batch.last().map(|e| e.event.seq) else {
            crate::service::commit(txn).await?;
            return Ok(handled);
        };
        for entry in &batch {
            let e = &entry.event;
            for (audience, notice) in notices_of(&e.event, e.case_id, entry.case_code.as_deref()) {
                let readers =
                    resolve(&txn, audience, entry.organisation_id, entry.centre_id).await?;
                for user in readers {
                    // Nobody is told of their own act.
                    if Some(user) == e.actor_id {
                        continue;
                    }
                    tell(
                        app,
                        &txn,
                        user,
                        format!("event:{}", e.seq),
                        notice.clone(),
                        now,
                    )
                    .await?;
                }
            }
        }
        jobs::advance_cursor(&txn, CONSUMER, end, now).await?;
        crate::service::commit(txn).await?;
        handled += batch.len() as u64;
        if (batch.len() as u64) < BATCH {
            return Ok(handled);
        }
    }
}

/// Where and in which language `user_id` reads mail; none without an address.
async fn address<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> Result<Option<(String, tgpl_domain::notification::Language)>, AppError> {
    let reader = store::reader(conn, user_id).await?;
    Ok(reader.and_then(|r| r.email.map(|e| (e, r.language))))
}

/// Sends the mail of one notice (a `mail` job). A reader without an
/// address, or a notice already mailed, is done without sending.
pub async fn send_mail(app: &App, notification_id: Uuid, user_id: Uuid) -> Result<(), AppError> {
    let Some(mailer) = app.mailer.as_ref() else {
        return Ok(());
    };
    let conn = &app.db.conn;
    let Some(n) = store::get(conn, user_id, notification_id).await? else {
        return Ok(());
    };
    let Some((to, lang)) = address(conn, user_id).await? else {
        return Ok(());
    };
    if n.mailed_at.is_some() {
        return Ok(());
    }
    mailer
        .send(&to, &n.notice.render(lang))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    store::mark_mailed(conn, &[n.id], app.moment().now).await?;
    Ok(())
}

/// Enqueues the day's digest of every reader who has notices waiting for
/// one (at most one digest per reader and day).
pub async fn schedule_digests(
    app: &App,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let conn = &app.db.conn;
    for user in store::digest_readers(conn, now).await? {
        jobs::enqueue(
            conn,
            &NewJob {
                kind: DIGEST_JOB,
                dedupe_key: format!("digest:{user}:{day}"),
                payload: serde_json::json!({ "user_id": user, "day": day, "before": now }),
                run_at: now,
                max_attempts: MAIL_ATTEMPTS,
            },
            now,
        )
        .await?;
    }
    Ok(())
}

/// Sends one reader's digest of the notices gathered before `before`.
pub async fn send_digest(
    app: &App,
    user_id: Uuid,
    day: NaiveDate,
    before: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some(mailer) = app.mailer.as_ref() else {
        return Ok(());
    };
    let conn = &app.db.conn;
    let waiting = store::awaiting_digest(conn, user_id, before).await?;
    let Some((to, lang)) = address(conn, user_id).await? else {
        return Ok(());
    };
    if waiting.is_empty() {
        return Ok(());
    }
    let notices: Vec<Notice> = waiting.iter().map(|n| n.notice.clone()).collect();
    mailer
        .send(&to, &digest(day, &notices, lang))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let ids: Vec<Uuid> = waiting.iter().map(|n| n.id).collect();
    store::mark_mailed(conn, &ids, app.moment().now).await?;
    Ok(())
}

/// Every kind with the delivery a reader gets for it.
pub fn effective_preferences(
    chosen: &[(NotificationKind, Delivery)],
) -> Vec<(NotificationKind, Delivery)> {
    let map: HashMap<NotificationKind, Delivery> = chosen.iter().copied().collect();
    NotificationKind::ALL
        .into_iter()
        .map(|k| (k, Delivery::effective(k, map.get(&k).copied())))
        .collect()
}
