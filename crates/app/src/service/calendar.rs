//! A user's calendar feed (issue #14 item 3): the hearings they attend or
//! oversee and the deadlines they would be reminded of, as iCalendar
//! (RFC 5545, written by the `icalendar` crate) at a secret URL that phone
//! and desktop calendars subscribe to. The secret is the credential: kept
//! as its SHA-256, replaced by a new one, revoked by the user. A feed holds
//! case codes, courts and dates, never a person's name or a hearing's notes
//! (calendars leave the system; DOMAIN §11).
use crate::error::AppError;
use crate::{App, Caller, auth};
use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use tgpl_api_model::cases::HearingQuery;
use tgpl_db::reminders::{self, DeadlineColumn};
use tgpl_db::{audit, calendar_feeds as repo, cases, users};
use tgpl_domain::case::HearingMode;
use tgpl_domain::notification::DEADLINES_RUN_IN;
use tgpl_domain::records::UserStatus;

/// At most this many events in one feed.
const MAX_EVENTS: usize = 2000;

/// A feed's state as its owner sees it.
#[derive(Debug, Clone)]
pub struct FeedStatus {
    pub opened_at: DateTime<Utc>,
    pub last_read_at: Option<DateTime<Utc>>,
}

/// Opens (or renews) the caller's feed; returns its new secret. Any older
/// secret stops working.
pub async fn open_feed(state: &App, caller: &Caller) -> Result<String, AppError> {
    let secret = auth::random_secret(32);
    let txn = crate::service::begin(&state.db).await?;
    repo::put(
        &txn,
        caller.actor.user_id,
        &auth::sha256_hex(&secret),
        caller.at.now,
    )
    .await?;
    record(&txn, caller, "calendar.feed_opened").await?;
    crate::service::commit(txn).await?;
    Ok(secret)
}

/// Revokes the caller's feed.
pub async fn close_feed(state: &App, caller: &Caller) -> Result<(), AppError> {
    let txn = crate::service::begin(&state.db).await?;
    if !repo::remove(&txn, caller.actor.user_id).await? {
        return Err(AppError::NotFound("calendar_feed"));
    }
    record(&txn, caller, "calendar.feed_revoked").await?;
    crate::service::commit(txn).await
}

/// The caller's feed, if open.
pub async fn feed_status(state: &App, caller: &Caller) -> Result<FeedStatus, AppError> {
    repo::status(state.db.read(), caller.actor.user_id)
        .await?
        .map(|(opened_at, last_read_at)| FeedStatus {
            opened_at,
            last_read_at,
        })
        .ok_or(AppError::NotFound("calendar_feed"))
}

async fn record<C: tgpl_db::ConnectionTrait>(
    txn: &C,
    caller: &Caller,
    action: &str,
) -> Result<(), AppError> {
    let user = users::get(txn, caller.actor.user_id).await?;
    audit::record(txn, &caller.audit(), super::auth::event(action, &user)).await?;
    Ok(())
}

/// The feed behind a secret, read as its owner would (their scope, now);
/// 404 for an unknown or revoked secret, or an owner no longer active.
pub async fn feed(state: &App, secret: &str, request_id: &str) -> Result<String, AppError> {
    let at = state.moment();
    let gone = || AppError::NotFound("calendar_feed");
    let user_id = repo::open(&state.db.conn, &auth::sha256_hex(secret), at.now)
        .await?
        .ok_or_else(gone)?;
    let user = users::get(state.db.read(), user_id)
        .await
        .map_err(|_| gone())?;
    if user.locked || user.status != UserStatus::Active {
        return Err(gone());
    }
    let caller = Caller {
        actor: user.actor(),
        session_id: None,
        request_id: request_id.to_owned(),
        at,
        authenticated_at: None,
    };
    let mut cal = Calendar::new();
    cal.name("TGPL – Lịch phiên tòa và thời hạn");
    // Hearings: an officer's or lawyer's own, else those of their scope.
    let mut after = None;
    let mut hearings = Vec::new();
    while hearings.len() < MAX_EVENTS {
        let page = crate::service::hearings::calendar(
            state,
            &caller,
            HearingQuery {
                from: Some(at.now - Duration::days(30)),
                to: Some(at.now + Duration::days(366)),
                practitioner_id: caller.actor.practitioner_id,
                organisation_id: None,
                after: after.take(),
                limit: Some(tgpl_db::page::MAX_LIMIT),
            },
        )
        .await?;
        hearings.extend(page.items);
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    hearings.truncate(MAX_EVENTS);
    let codes = cases::codes(state.db.read(), hearings.iter().map(|h| h.case_id)).await?;
    for h in &hearings {
        let code = codes.get(&h.case_id).map_or("", String::as_str);
        let mode = match h.mode {
            HearingMode::Online => "trực tuyến",
            HearingMode::InPerson => "trực tiếp",
        };
        let place = match &h.location {
            Some(l) => format!("{} – {l}", h.court),
            None => h.court.clone(),
        };
        cal.push(
            Event::new()
                .uid(&format!("hearing-{}@tgpl", h.id))
                .summary(&format!("Phiên tòa {code}"))
                .description(&format!("Vụ việc {code}; phiên tòa {mode}; {}", h.court))
                .location(&place)
                .timestamp(h.created_at)
                .starts(h.starts_at)
                .ends(h.starts_at + Duration::hours(2))
                .done(),
        );
    }
    // Deadlines the user would be reminded of, among the cases they may
    // read (narrowed in SQL, not after reading the nation's).
    let from = at.today - Duration::days(30);
    let to = at.today + Duration::days(180);
    let visible =
        tgpl_domain::policy::read_filter(&caller.actor, tgpl_domain::policy::Resource::Case);
    for which in [DeadlineColumn::Proof, DeadlineColumn::ReassignmentAnswer] {
        let due = reminders::deadlines_between(
            state.db.read(),
            which,
            from,
            to,
            &DEADLINES_RUN_IN,
            visible,
        )
        .await?;
        for d in due {
            let mine = crate::notify::scan::deadline_audiences(which, d.practitioner_id)
                .into_iter()
                .any(|a| a.reaches(&caller.actor, d.organisation_id, d.centre_id));
            if !mine || cal.components.len() >= MAX_EVENTS {
                continue;
            }
            let code = d.case_code.as_deref().unwrap_or("");
            let (tag, title) = match which {
                DeadlineColumn::Proof => ("proof", "Hạn bổ sung giấy tờ chứng minh"),
                DeadlineColumn::ReassignmentAnswer => (
                    "reassignment",
                    "Hạn trả lời đề nghị thay đổi người thực hiện",
                ),
            };
            cal.push(
                Event::new()
                    .uid(&format!("{tag}-{}-{}@tgpl", d.case_id, d.due_on))
                    .summary(&format!("{title} {code}"))
                    .timestamp(at.now)
                    .all_day(d.due_on)
                    .done(),
            );
        }
    }
    Ok(cal.done().to_string())
}
