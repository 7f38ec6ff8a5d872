//! `Idempotency-Key` (issue #14 item 6): a write sent again with the same
//! key gets the first answer, not a second case. Keys belong to the caller
//! (an account, or the address of a citizen using the public services) and
//! are kept a day, as Stripe and the IETF draft on the header advise.
use crate::App;
use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};
use tgpl_db::idempotency as repo;
pub use tgpl_db::idempotency::Answer;

/// How long an answer is given again.
pub const KEEP_HOURS: i64 = 24;
/// A claim unanswered this long belongs to a replica that died mid-request.
const ABANDONED_SECONDS: i64 = 120;

/// What the caller's request is to do.
#[derive(Debug)]
pub enum Outcome {
    /// Do the work, then [`keep`] its answer (or [`release`] the claim).
    Proceed(Claimed),
    /// Give this answer again.
    Replay(Answer),
}

/// A claimed key: the id its answer is kept under.
#[derive(Debug, Clone)]
pub struct Claimed(String);

/// The caller's key checked and claimed; 409 while the same request runs,
/// 422 when the key was used for a different request.
pub async fn claim(
    state: &App,
    principal: &str,
    key: &str,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> Result<Outcome, AppError> {
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AppError::field(
            "Idempotency-Key",
            "idempotency.key_invalid",
            "an Idempotency-Key is 1 to 255 visible ASCII characters, e.g. a UUID",
        ));
    }
    let id = format!("{principal}|{key}");
    let claim = repo::claim(
        &state.db.conn,
        &id,
        fingerprint,
        now,
        Duration::hours(KEEP_HOURS),
        Duration::seconds(ABANDONED_SECONDS),
    )
    .await?;
    match claim {
        repo::Claim::Fresh => Ok(Outcome::Proceed(Claimed(id))),
        repo::Claim::Answered(a) => Ok(Outcome::Replay(a)),
        repo::Claim::Running => Err(AppError::Conflict {
            code: "idempotency.in_progress",
            detail: "a request with this Idempotency-Key is still being handled; retry in a moment"
                .into(),
        }),
        repo::Claim::Mismatch => Err(AppError::field(
            "Idempotency-Key",
            "idempotency.key_reused",
            "this Idempotency-Key was used for a different request; use a new key for a new request",
        )),
    }
}

/// Keeps the answer of a claimed request for its retries.
pub async fn keep(state: &App, claimed: &Claimed, answer: &Answer) -> Result<(), AppError> {
    Ok(repo::answer(&state.db.conn, &claimed.0, answer).await?)
}

/// Gives the claim up (the request failed): a retry does the work again.
pub async fn release(state: &App, claimed: &Claimed) -> Result<(), AppError> {
    Ok(repo::release(&state.db.conn, &claimed.0).await?)
}

/// Forgets the answers past their day (the daily sweep).
pub async fn forget_expired(state: &App, now: DateTime<Utc>) -> Result<u64, AppError> {
    Ok(repo::forget_before(&state.db.conn, now - Duration::hours(KEEP_HOURS)).await?)
}
