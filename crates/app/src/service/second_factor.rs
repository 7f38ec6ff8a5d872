//! The second factor (TOTP, RFC 6238): enrolment, confirmation with
//! recovery codes, checks at login and re-authentication, and the
//! administrator's reset. Policy decides which roles must enrol
//! (`domain::policy::must_use_second_factor`); a role that must gets a
//! grace period from its first login, then a session confined to enrolment.
use super::auth::event as change;
use super::{begin, commit};
use crate::App;
use crate::Caller;
use crate::auth::{self, totp};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use tgpl_api_model::auth::{RecoveryCodes, SecondFactorEnrolment, SecondFactorStatus};
use tgpl_db::audit;
use tgpl_db::second_factor::{self as store, SecondFactor};
use tgpl_db::{ConnectionTrait, DatabaseTransaction};
use tgpl_domain::policy::{must_use_second_factor, second_factor_overdue};
use tgpl_domain::records::UserAccount;
use uuid::Uuid;

/// Where an account stands with its second factor at login or refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub enrolled: bool,
    /// The session may only enrol (required, not enrolled, grace over).
    pub confined: bool,
    /// The end of the grace period (required and not enrolled).
    pub enrol_by: Option<DateTime<Utc>>,
}

/// The account's standing; on the first login where enrolment is required,
/// starts the grace period.
pub async fn standing(
    app: &App,
    txn: &DatabaseTransaction,
    user: &UserAccount,
    now: DateTime<Utc>,
) -> Result<Standing, AppError> {
    let current = store::get(txn, user.id).await?;
    standing_with(app, txn, user, current, now).await
}

/// [`standing`] from the factor row the caller already read.
pub async fn standing_with(
    app: &App,
    txn: &DatabaseTransaction,
    user: &UserAccount,
    current: Option<SecondFactor>,
    now: DateTime<Utc>,
) -> Result<Standing, AppError> {
    let enrolled = current.as_ref().is_some_and(SecondFactor::enrolled);
    if enrolled || !must_use_second_factor(user.role) {
        return Ok(Standing {
            enrolled,
            confined: false,
            enrol_by: None,
        });
    }
    let grace_until = match current.as_ref().and_then(|f| f.grace_until) {
        Some(g) => g,
        None => {
            let g = now + app.second_factor_grace;
            let mut f = current.unwrap_or_else(|| blank(user.id));
            f.grace_until = Some(g);
            store::put(txn, &f, now).await?;
            g
        }
    };
    Ok(Standing {
        enrolled,
        confined: second_factor_overdue(user.role, enrolled, Some(grace_until), now),
        enrol_by: Some(grace_until),
    })
}

fn blank(user_id: Uuid) -> SecondFactor {
    SecondFactor {
        user_id,
        secret: None,
        confirmed_at: None,
        last_step: None,
        grace_until: None,
    }
}

/// What the caller offered besides the password.
#[derive(Debug, Clone, Default)]
pub struct Offered {
    pub totp_code: Option<String>,
    pub recovery_code: Option<String>,
}

impl Offered {
    pub fn is_empty(&self) -> bool {
        self.totp_code.as_deref().is_none_or(str::is_empty)
            && self.recovery_code.as_deref().is_none_or(str::is_empty)
    }
}

/// Checks a code against an enrolled factor: a TOTP code is accepted once
/// (its step is claimed atomically), a recovery code is spent.
pub async fn verify_offered<C: ConnectionTrait>(
    conn: &C,
    factor: &SecondFactor,
    offered: &Offered,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    if let Some(code) = offered.totp_code.as_deref().filter(|c| !c.is_empty()) {
        let Some(secret) = factor.secret.as_deref() else {
            return Ok(false);
        };
        return Ok(match totp::matching_step(secret, code, now)? {
            Some(step) => store::claim_step(conn, factor.user_id, step).await?,
            None => false,
        });
    }
    if let Some(code) = offered.recovery_code.as_deref().filter(|c| !c.is_empty()) {
        let hash = auth::sha256_hex(&totp::normalise_recovery_code(code));
        return Ok(store::use_recovery_code(conn, factor.user_id, &hash, now).await?);
    }
    Ok(false)
}

/// The caller's standing, for `/auth/me`.
pub async fn status(app: &App, user: &UserAccount) -> Result<SecondFactorStatus, AppError> {
    let conn = app.db.read();
    let f = store::get(conn, user.id).await?;
    let enrolled = f.as_ref().is_some_and(SecondFactor::enrolled);
    let required = must_use_second_factor(user.role);
    Ok(SecondFactorStatus {
        enrolled,
        required,
        enrol_by: f
            .as_ref()
            .and_then(|f| f.grace_until)
            .filter(|_| required && !enrolled),
        recovery_codes_left: if enrolled {
            store::recovery_codes_left(conn, user.id).await?
        } else {
            0
        },
    })
}

/// Starts enrolment: a new secret, not yet in force. Needs a recent
/// password check, so that a stolen token cannot bind the attacker's phone.
pub async fn start(app: &App, caller: &Caller) -> Result<SecondFactorEnrolment, AppError> {
    let now = caller.at.now;
    // One's own factor needs a recent check, as an administrator's reset does.
    caller.require_recent_authentication(tgpl_domain::Action::ResetSecondFactor)?;
    let txn = begin(&app.db).await?;
    let user = tgpl_db::users::get(&txn, caller.actor.user_id).await?;
    let mut f = store::get(&txn, user.id)
        .await?
        .unwrap_or_else(|| blank(user.id));
    if f.enrolled() {
        return Err(AppError::Conflict {
            code: "auth.second_factor_enrolled",
            detail: "a second factor is already on; turn it off first (DELETE /api/v1/auth/second-factor)".into(),
        });
    }
    let secret = totp::new_secret();
    f.secret = Some(secret.clone());
    f.confirmed_at = None;
    f.last_step = None;
    store::put(&txn, &f, now).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("auth.second_factor_started", &user),
    )
    .await?;
    commit(txn).await?;
    let otpauth_uri = totp::enrolment_uri(&secret, &user.username)?;
    Ok(SecondFactorEnrolment {
        qr_svg: totp::qr_svg(&otpauth_uri)?,
        otpauth_uri,
        secret,
    })
}

/// Confirms enrolment with a code from the app; returns the recovery codes
/// (shown once) and ends the account's other sessions.
pub async fn confirm(app: &App, caller: &Caller, code: &str) -> Result<Vec<String>, AppError> {
    let now = caller.at.now;
    let txn = begin(&app.db).await?;
    let user = tgpl_db::users::get(&txn, caller.actor.user_id).await?;
    let pending = store::get(&txn, user.id)
        .await?
        .filter(|f| f.secret.is_some() && !f.enrolled())
        .ok_or_else(|| AppError::Conflict {
            code: "auth.second_factor_not_started",
            detail: "start enrolment first (POST /api/v1/auth/second-factor)".into(),
        })?;
    let offered = Offered {
        totp_code: Some(code.to_owned()),
        recovery_code: None,
    };
    if !verify_offered(&txn, &pending, &offered, now).await? {
        return Err(AppError::field(
            "totp_code",
            "wrong",
            "the code does not match; check the phone's clock and type the code it shows now",
        ));
    }
    let mut f = store::get(&txn, user.id).await?.unwrap_or(pending);
    f.confirmed_at = Some(now);
    store::put(&txn, &f, now).await?;
    let codes = new_recovery_codes(&txn, user.id, now).await?;
    tgpl_db::sessions::revoke_all_for_user(
        &txn,
        user.id,
        "second_factor_enrolled",
        now,
        caller.session_id,
    )
    .await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("auth.second_factor_enrolled", &user),
    )
    .await?;
    commit(txn).await?;
    app.sessions.clear();
    Ok(codes)
}

async fn new_recovery_codes(
    txn: &DatabaseTransaction,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let codes = totp::new_recovery_codes();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| auth::sha256_hex(&totp::normalise_recovery_code(c)))
        .collect();
    store::replace_recovery_codes(txn, user_id, &hashes, now).await?;
    Ok(codes)
}

/// New recovery codes for the caller's enrolled factor (recent check needed).
pub async fn regenerate_recovery_codes(
    app: &App,
    caller: &Caller,
) -> Result<RecoveryCodes, AppError> {
    let now = caller.at.now;
    // One's own factor needs a recent check, as an administrator's reset does.
    caller.require_recent_authentication(tgpl_domain::Action::ResetSecondFactor)?;
    let txn = begin(&app.db).await?;
    let user = tgpl_db::users::get(&txn, caller.actor.user_id).await?;
    if !store::get(&txn, user.id)
        .await?
        .is_some_and(|f| f.enrolled())
    {
        return Err(AppError::Conflict {
            code: "auth.second_factor_not_enrolled",
            detail: "no second factor is on".into(),
        });
    }
    let recovery_codes = new_recovery_codes(&txn, user.id, now).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("auth.recovery_codes_renewed", &user),
    )
    .await?;
    commit(txn).await?;
    Ok(RecoveryCodes { recovery_codes })
}

/// Turns one's own second factor off (recent check needed). A role that
/// must use one is then confined to enrolment at its next login.
pub async fn remove_own(app: &App, caller: &Caller) -> Result<(), AppError> {
    let now = caller.at.now;
    // One's own factor needs a recent check, as an administrator's reset does.
    caller.require_recent_authentication(tgpl_domain::Action::ResetSecondFactor)?;
    let txn = begin(&app.db).await?;
    let user = tgpl_db::users::get(&txn, caller.actor.user_id).await?;
    let grace = store::get(&txn, user.id).await?.and_then(|f| f.grace_until);
    store::remove(&txn, user.id).await?;
    if let Some(g) = grace {
        // The grace period is not granted again by turning the factor off.
        let mut f = blank(user.id);
        f.grace_until = Some(g.min(now));
        store::put(&txn, &f, now).await?;
    }
    audit::record(
        &txn,
        &caller.audit(),
        change("auth.second_factor_removed", &user),
    )
    .await?;
    commit(txn).await?;
    Ok(())
}

/// An administrator removes someone's second factor (a lost phone): their
/// sessions end and a new grace period starts at their next login.
pub async fn reset_for(app: &App, caller: &Caller, user_id: Uuid) -> Result<(), AppError> {
    let action = tgpl_domain::Action::ResetSecondFactor;
    let txn = begin(&app.db).await?;
    // Policy, scope and the recent password check, as for a password reset.
    let user = super::users::load_for(&txn, caller, user_id, action, None).await?;
    store::remove(&txn, user.id).await?;
    tgpl_db::sessions::revoke_all_for_user(
        &txn,
        user.id,
        "second_factor_reset",
        caller.at.now,
        None,
    )
    .await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("user.reset_second_factor", &user),
    )
    .await?;
    commit(txn).await?;
    app.sessions.clear();
    Ok(())
}
