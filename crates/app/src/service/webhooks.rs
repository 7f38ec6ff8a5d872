//! Webhooks of integration accounts (issue #14 item 4): the change feed
//! pushed to a URL. Each subscription reads the outbox from its own cursor
//! within its account's scope, oldest first, and stops at the first event
//! the receiver does not take, so events arrive in order and, once taken,
//! never twice; the cursor moves only past a 2xx. Every delivery is signed
//! (HMAC-SHA256 over `<timestamp>.<body>`), every attempt is logged, and a
//! subscription can be replayed from any sequence number.
use super::begin;
use super::commit;
use crate::error::{AppError, Fields};
use crate::{App, Caller};
use chrono::Duration;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::OnceLock;
use tgpl_api_model::webhooks::{CreateWebhook, ReplayWebhook};
use tgpl_db::webhooks::{self as repo, Delivery, Subscription};
use tgpl_db::{Page, PageRequest, audit, events, users};
use tgpl_domain::Action;
use tgpl_domain::case::CaseEvent;
use tgpl_domain::policy::{Resource, may_read_change_feed, read_filter};
use tgpl_domain::records::{UserAccount, UserStatus};
use uuid::Uuid;

const ENTITY: &str = "webhook";
/// How long a replica holds a subscription while delivering.
const LEASE: i64 = 120;
/// Events read per subscription per tick.
const BATCH: u64 = 100;
/// How long a receiver has to answer.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The wait before the next attempt after `failures` failures in a row:
/// 10 s, 20 s, 40 s, then every minute, so a receiver back from an outage
/// gets its backlog within about a minute (one request a minute to a
/// receiver that is down costs nothing).
pub fn retry_delay(failures: i32) -> Duration {
    let exp = u32::try_from(failures.saturating_sub(1))
        .unwrap_or(0)
        .min(3);
    Duration::seconds((10_i64 << exp).min(60))
}

/// The `TGPL-Signature` header of `body` sent at `timestamp`:
/// `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("t={timestamp},v1={hex}")
}

async fn service_account<C: tgpl_db::ConnectionTrait>(
    conn: &C,
    caller: &Caller,
    user_id: Uuid,
    privileged: bool,
) -> Result<UserAccount, AppError> {
    let user = users::get(conn, user_id)
        .await
        .map_err(super::found("user"))?;
    if privileged {
        caller.authorize(Action::ManageApiKeys, &user.scope(), "user")?;
    } else {
        tgpl_domain::policy::authorize(&caller.actor, Action::ManageApiKeys, &user.scope())
            .map_err(crate::error::denied("user"))?;
    }
    Ok(user)
}

fn change(what: &'static str, user: &UserAccount) -> audit::Change<'static, UserAccount> {
    super::users::change(what, user, None, None)
}

/// Subscribes a URL of a service account to event types. Deliveries start
/// after the outbox's last event.
pub async fn create(
    state: &App,
    caller: &Caller,
    user_id: Uuid,
    req: CreateWebhook,
) -> Result<(Subscription, String), AppError> {
    let txn = begin(&state.db).await?;
    let user = service_account(&txn, caller, user_id, true).await?;
    if !user.role.is_service() || !may_read_change_feed(&user.actor()) {
        return Err(AppError::Conflict {
            code: "user.not_service_account",
            detail: "webhooks are only for integration service accounts".into(),
        });
    }
    let mut f = Fields::new();
    let url = req.url.trim().to_owned();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    let host = url.split_once("://").map_or("", |(_, rest)| rest);
    if !scheme_ok || host.is_empty() || host.starts_with('/') || url.contains(char::is_whitespace) {
        f.push(
            "url",
            "webhook.url_invalid",
            "an absolute http:// or https:// URL",
        );
    }
    let mut types = Vec::new();
    for (i, t) in req.event_types.iter().enumerate() {
        let t = t.trim();
        if CaseEvent::KINDS.contains(&t) {
            if !types.iter().any(|x: &String| x == t) {
                types.push(t.to_owned());
            }
        } else {
            f.push(
                &format!("event_types[{i}]"),
                "webhook.event_type_unknown",
                format!("unknown event type; one of {}", CaseEvent::KINDS.join(", ")),
            );
        }
    }
    f.finish()?;
    let now = caller.at.now;
    let secret = format!("whsec_{}", crate::auth::random_secret(32));
    let sub = Subscription {
        id: Uuid::now_v7(),
        user_id,
        url,
        event_types: types,
        secret: secret.clone(),
        active: true,
        cursor: events::last_seq(&txn).await?,
        failures: 0,
        next_attempt_at: now,
        last_error: None,
        created_at: now,
        updated_at: now,
    };
    repo::insert(&txn, &sub).await?;
    audit::record::<_, UserAccount>(&txn, &caller.audit(), change("user.webhook_create", &user))
        .await?;
    commit(txn).await?;
    Ok((sub, secret))
}

pub async fn list(
    state: &App,
    caller: &Caller,
    user_id: Uuid,
) -> Result<Vec<Subscription>, AppError> {
    service_account(state.db.read(), caller, user_id, false).await?;
    Ok(repo::of_user(state.db.read(), user_id).await?)
}

async fn one<C: tgpl_db::ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    id: Uuid,
) -> Result<Subscription, AppError> {
    repo::get(conn, id)
        .await?
        .filter(|s| s.user_id == user_id)
        .ok_or(AppError::NotFound(ENTITY))
}

/// Stops a subscription for good; its delivery log stays.
pub async fn delete(state: &App, caller: &Caller, user_id: Uuid, id: Uuid) -> Result<(), AppError> {
    let txn = begin(&state.db).await?;
    let user = service_account(&txn, caller, user_id, true).await?;
    one(&txn, user_id, id).await?;
    if !repo::deactivate(&txn, id, caller.at.now).await? {
        return Err(AppError::NotFound(ENTITY));
    }
    audit::record::<_, UserAccount>(&txn, &caller.audit(), change("user.webhook_delete", &user))
        .await?;
    commit(txn).await
}

/// Delivers again every event after `after` (those of its types the
/// account may read), from the next tick on.
pub async fn replay(
    state: &App,
    caller: &Caller,
    user_id: Uuid,
    id: Uuid,
    req: ReplayWebhook,
) -> Result<Subscription, AppError> {
    let txn = begin(&state.db).await?;
    let user = service_account(&txn, caller, user_id, true).await?;
    let sub = one(&txn, user_id, id).await?;
    if !sub.active {
        return Err(AppError::Conflict {
            code: "webhook.inactive",
            detail: "this subscription was deleted; create a new one".into(),
        });
    }
    let last = events::last_seq(&txn).await?;
    if req.after > last {
        return Err(AppError::field(
            "after",
            "out_of_range",
            format!("the outbox's last sequence number is {last}"),
        ));
    }
    repo::rewind(&txn, id, req.after, caller.at.now).await?;
    audit::record::<_, UserAccount>(&txn, &caller.audit(), change("user.webhook_replay", &user))
        .await?;
    commit(txn).await?;
    one(state.db.read(), user_id, id).await
}

pub async fn deliveries(
    state: &App,
    caller: &Caller,
    user_id: Uuid,
    id: Uuid,
    page: PageRequest,
) -> Result<Page<Delivery>, AppError> {
    service_account(state.db.read(), caller, user_id, false).await?;
    one(state.db.read(), user_id, id).await?;
    Ok(repo::deliveries(state.db.read(), id, page).await?)
}

fn client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("TGPL-Webhooks/1")
            .build()
            .unwrap_or_default()
    })
}

/// Delivers what is due to every subscription this worker can lease; the
/// number of events delivered.
pub async fn deliver_due(state: &App, worker: &str) -> Result<u64, AppError> {
    let now = state.moment().now;
    let subs = repo::claim(&state.db.conn, worker, now, Duration::seconds(LEASE), 20).await?;
    let mut delivered = 0;
    for sub in subs {
        delivered += deliver(state, worker, &sub).await?;
    }
    Ok(delivered)
}

/// One subscription's backlog, in order, until the receiver refuses one.
async fn deliver(state: &App, worker: &str, sub: &Subscription) -> Result<u64, AppError> {
    let started = state.moment().now;
    let user = users::get(state.db.read(), sub.user_id).await?;
    if user.locked || user.status != UserStatus::Active {
        let error = "the integration account is locked or deactivated";
        let retry = started + retry_delay(sub.failures + 1);
        repo::failed(
            &state.db.conn,
            sub.id,
            worker,
            sub.failures + 1,
            retry,
            error,
            started,
        )
        .await?;
        return Ok(0);
    }
    let visible = read_filter(&user.actor(), Resource::Case);
    let rows = events::feed(state.db.read(), visible, sub.cursor, BATCH).await?;
    let mut delivered = 0;
    // Failed attempts at the event in hand (only the first has any).
    let mut failures = sub.failures;
    // The last event passed over as not subscribed: the cursor moves past
    // it once, with the next delivery or at the end, not once per event.
    let mut passed = None;
    for row in rows {
        let seq = row.event.seq;
        let kind = row.event.event.kind();
        let now = state.moment().now;
        if !sub.event_types.is_empty() && !sub.event_types.iter().any(|t| t == kind) {
            passed = Some(seq);
            continue;
        }
        // The lease is running out: leave the rest to the next tick.
        if now - started > Duration::seconds(LEASE / 2) {
            break;
        }
        let dto = crate::service::change_feed::change_of(row);
        let event_id = dto.id;
        let body = serde_json::to_vec(&dto)
            .map_err(|e| AppError::Internal(format!("webhook body: {e}")))?;
        let attempt = failures + 1;
        let sent = std::time::Instant::now();
        let answer = client()
            .post(&sub.url)
            .header("content-type", "application/json")
            .header("tgpl-event-id", event_id.to_string())
            .header("tgpl-event-type", kind)
            .header("tgpl-event-seq", seq.to_string())
            .header("tgpl-delivery-attempt", attempt.to_string())
            .header(
                "tgpl-signature",
                signature(&sub.secret, now.timestamp(), &body),
            )
            .body(body)
            .send()
            .await;
        let duration_ms = i32::try_from(sent.elapsed().as_millis()).unwrap_or(i32::MAX);
        let (status, error) = match &answer {
            Ok(r) if r.status().is_success() => (Some(i32::from(r.status().as_u16())), None),
            Ok(r) => (
                Some(i32::from(r.status().as_u16())),
                Some(format!("the receiver answered {}", r.status())),
            ),
            Err(e) => (None, Some(reach_error(e))),
        };
        repo::log(
            &state.db.conn,
            &Delivery {
                id: Uuid::now_v7(),
                subscription_id: sub.id,
                seq,
                event_type: kind.to_owned(),
                attempt,
                status,
                error: error.clone(),
                duration_ms,
                attempted_at: now,
            },
        )
        .await?;
        if let Some(error) = error {
            let retry = now + retry_delay(attempt);
            repo::failed(&state.db.conn, sub.id, worker, attempt, retry, &error, now).await?;
            return Ok(delivered);
        }
        if !repo::advance(&state.db.conn, sub.id, worker, seq, now).await? {
            // Another replica took the subscription over: stop here.
            return Ok(delivered);
        }
        failures = 0;
        delivered += 1;
    }
    if let Some(seq) = passed {
        // Past the last delivered one too (`advance` never moves back).
        repo::advance(&state.db.conn, sub.id, worker, seq, state.moment().now).await?;
    }
    repo::release(&state.db.conn, sub.id, worker).await?;
    Ok(delivered)
}

fn reach_error(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        format!("no answer within {} s", TIMEOUT.as_secs())
    } else if e.is_connect() {
        "the receiver could not be reached".into()
    } else {
        format!("delivery failed: {e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_covers_the_timestamp_and_the_body() {
        // HMAC-SHA256("whsec_test", "1700000000.{\"a\":1}"), computed with
        // `openssl dgst -sha256 -hmac whsec_test`.
        let s = signature("whsec_test", 1_700_000_000, b"{\"a\":1}");
        assert_eq!(
            s,
            "t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789"
        );
        assert_ne!(s, signature("whsec_test", 1_700_000_001, b"{\"a\":1}"));
        assert_ne!(s, signature("whsec_test", 1_700_000_000, b"{\"a\":2}"));
        assert_ne!(s, signature("whsec_other", 1_700_000_000, b"{\"a\":1}"));
    }

    #[test]
    fn retries_wait_longer_up_to_a_minute() {
        let waits: Vec<i64> = (1..=6).map(|n| retry_delay(n).num_seconds()).collect();
        assert_eq!(waits, [10, 20, 40, 60, 60, 60]);
    }
}
