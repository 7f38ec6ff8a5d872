//! Login, token refresh with rotation and reuse detection, logout,
//! password change.
use super::second_factor::{Offered, Standing, standing, standing_with, verify_offered};
use super::{begin, commit};
use crate::App;
use crate::Caller;
use crate::auth::{self, Claims, password, tokens};
use crate::error::{AppError, Fields};
use chrono::{DateTime, Duration, Utc};
use tgpl_api_model::auth::TokenResponse;
use tgpl_db::audit::{self, AuditMeta, Change};
use tgpl_db::throttle;
use tgpl_db::{second_factor, sessions, users};
use tgpl_domain::Actor;
use tgpl_domain::auth::{
    access_token_ttl, is_locked_out, lockout_duration, progressive_delay, session_ttl,
};
use tgpl_domain::clock::Moment;
use tgpl_domain::notification::Notice;
use tgpl_domain::policy::Confinement;
use tgpl_domain::policy::KeyGrant;
use tgpl_domain::records::{UserAccount, UserStatus};
use uuid::Uuid;

fn invalid_credentials() -> AppError {
    AppError::unauthorized(
        "auth.invalid_credentials",
        "wrong username or password, or the account is locked for a while after repeated failures",
    )
}

/// An audit entry about an account (no before/after: auth events).
pub(crate) fn event<'a>(action: &'a str, u: &UserAccount) -> Change<'a, UserAccount> {
    Change {
        action,
        entity: "user",
        entity_id: u.id,
        scope: u.scope(),
        before: None,
        after: None,
    }
}

/// 429 until the counter's window ends.
pub(crate) fn too_many(count: throttle::Count, window: Duration, now: DateTime<Utc>) -> AppError {
    let wait = (count.window_started_at + window - now).num_seconds();
    AppError::TooManyRequests {
        retry_after: u64::try_from(wait.max(1)).unwrap_or(60),
    }
}

/// Logs in. Every refusal, whatever its cause (unknown user, wrong
/// password, a lockout, an account locked by an administrator, a
/// deactivated one), answers the same 401 `auth.invalid_credentials`, so
/// answers do not tell which usernames exist (issue #10).
///
/// Each attempt is counted *before* the password is checked, atomically, per
/// (account, client address) and per account: however many guesses arrive
/// at once, at most `per_pair` of them are checked before the pair locks.
pub async fn login(
    state: &App,
    username: &str,
    password_in: String,
    offered: Offered,
    user_agent: Option<String>,
    request_id: &str,
    client: &str,
) -> Result<TokenResponse, AppError> {
    let now = state.moment().now;
    let limits = state.login_limits;
    let name = username.trim().to_lowercase();
    let conn = &state.db.conn;
    let per_client =
        throttle::hit(conn, &format!("ip:{client}"), now, Duration::minutes(1)).await?;
    if per_client.attempts > limits.per_client_per_minute {
        return Err(too_many(per_client, Duration::minutes(1), now));
    }
    let pair_key = format!("pair:{name}|{client}");
    let account_key = format!("acct:{name}");
    let pair = throttle::hit(conn, &pair_key, now, lockout_duration()).await?;
    let account = throttle::hit(conn, &account_key, now, lockout_duration()).await?;
    let blocked = pair.attempts > limits.per_pair
        || is_locked_out(pair.locked_until, now)
        || account.attempts > limits.per_account
        || is_locked_out(account.locked_until, now);
    let found = users::find_by_username(state.db.read(), &name).await?;
    let (user, hash) = match found {
        Some((u, h)) if !u.role.is_service() => (Some(u), h),
        _ => (None, None),
    };
    let meta = |u: &UserAccount| AuditMeta {
        actor_id: Some(u.id),
        actor_role: Some(u.role.as_str().to_owned()),
        request_id: Some(request_id.to_owned()),
        at: now,
    };
    if blocked {
        // Locked out: the password is not even checked.
        return Err(invalid_credentials());
    }
    let password_ok = password::verify(password_in, hash).await?;
    let usable = user
        .as_ref()
        .filter(|u| password_ok && !u.locked && u.status == UserStatus::Active);
    let factor = match usable {
        Some(u) => second_factor::get(state.db.read(), u.id).await?,
        None => None,
    };
    let enrolled = factor.as_ref().filter(|f| f.enrolled());
    if usable.is_some() && enrolled.is_some() && offered.is_empty() {
        // The password was right: ask for the code (nothing is cleared, so
        // the attempt still counts against the throttle).
        return Err(AppError::unauthorized(
            "auth.second_factor_required",
            "enter the six-digit code from your authenticator app (or a recovery code)",
        ));
    }
    let factor_ok = match enrolled {
        Some(f) => verify_offered(&state.db.conn, f, &offered, now).await?,
        None => true,
    };
    let Some(user) = usable.filter(|_| factor_ok) else {
        let locks_pair = pair.attempts >= limits.per_pair;
        let locks_account = account.attempts >= limits.per_account;
        let txn = begin(&state.db).await?;
        if locks_pair {
            throttle::lock(&txn, &pair_key, now + lockout_duration()).await?;
        }
        if locks_account {
            throttle::lock(&txn, &account_key, now + lockout_duration()).await?;
        }
        if let Some(u) = &user {
            let locks = locks_pair || locks_account;
            let action = if locks {
                "auth.locked_out"
            } else {
                "auth.login_failed"
            };
            audit::record(&txn, &meta(u), event(action, u)).await?;
            if locks {
                // The owner and those who may lock the account learn of it:
                // a lockout aimed at someone is seen at once (issue #10).
                lockout_notices(state, &txn, u, now + lockout_duration(), now).await?;
            }
        }
        commit(txn).await?;
        tokio::time::sleep(progressive_delay(pair.attempts)).await;
        return Err(invalid_credentials());
    };
    // A sign-in from a browser or program the account never used before
    // (its very first sign-in aside) is told to its owner (issue #14).
    let known_agent =
        sessions::knows_user_agent(state.db.read(), user.id, user_agent.as_deref()).await?;
    let txn = begin(&state.db).await?;
    throttle::clear(&txn, &pair_key).await?;
    throttle::clear(&txn, &account_key).await?;
    users::record_login_attempt(&txn, user.id, 0, None, Some(now)).await?;
    let sid = sessions::create_session(&txn, user.id, now, now + session_ttl(), user_agent).await?;
    let refresh = auth::random_secret(32);
    sessions::insert_refresh(
        &txn,
        sid,
        &auth::sha256_hex(&refresh),
        now,
        now + session_ttl(),
    )
    .await?;
    audit::record(&txn, &meta(user), event("auth.login", user)).await?;
    if user.last_login_at.is_some() && !known_agent {
        let key = format!("sign_in:{sid}");
        crate::notify::tell(
            state,
            &txn,
            user.id,
            key,
            Notice::NewSignIn { at: now },
            now,
        )
        .await?;
    }
    let standing = standing_with(state, &txn, user, factor, now).await?;
    commit(txn).await?;
    issue(state, user, sid, now, standing, Some(refresh))
}

/// Signs an access token for a session whose password was last checked at
/// `authenticated_at`, confined as the account's standing says.
pub(crate) fn issue(
    state: &App,
    user: &UserAccount,
    sid: Uuid,
    authenticated_at: DateTime<Utc>,
    standing: Standing,
    refresh_token: Option<String>,
) -> Result<TokenResponse, AppError> {
    let claims = Claims {
        mcp: user.must_change_password,
        mfe: standing.confined,
        aat: Some(authenticated_at.timestamp()),
        ..Claims::new(&user.actor(), sid, state.moment().now)
    };
    Ok(TokenResponse {
        access_token: tokens::sign(&state.keys, &claims)?,
        token_type: "Bearer".into(),
        expires_in: access_token_ttl().num_seconds(),
        refresh_token,
        must_change_password: user.must_change_password,
        must_enrol_second_factor: standing.confined,
        second_factor_enrol_by: standing.enrol_by,
    })
}

/// Exchanges a refresh token for a new pair. A token used twice means it
/// was stolen: the whole session (token family) is revoked.
pub async fn refresh(
    state: &App,
    token: &str,
    request_id: &str,
) -> Result<TokenResponse, AppError> {
    let now = state.moment().now;
    let txn = begin(&state.db).await?;
    let found = sessions::find_refresh(&txn, &auth::sha256_hex(token))
        .await?
        .ok_or_else(|| {
            AppError::unauthorized("auth.refresh_invalid", "the refresh token is not valid")
        })?;
    let first_use =
        found.used_at.is_none() && sessions::consume_refresh(&txn, found.id, now).await?;
    if !first_use && tgpl_domain::auth::refresh_raced(found.used_at, now) {
        // Two tabs refreshed at once: the other one holds the new token.
        return Err(AppError::Conflict {
            code: "auth.refresh_superseded",
            detail: "this refresh token was replaced a moment ago (another tab \
                     refreshed): retry with the new one"
                .into(),
        });
    }
    if !first_use {
        sessions::revoke_session(&txn, found.session_id, "refresh_reuse", now).await?;
        let session = sessions::get_session(&txn, found.session_id).await?;
        if let Some(s) = session
            && let Ok(u) = users::get(&txn, s.user_id).await
        {
            let meta = AuditMeta {
                actor_id: Some(u.id),
                actor_role: Some(u.role.as_str().to_owned()),
                request_id: Some(request_id.to_owned()),
                at: now,
            };
            audit::record(&txn, &meta, event("auth.refresh_reuse", &u)).await?;
        }
        commit(txn).await?;
        state.sessions.clear();
        return Err(AppError::unauthorized(
            "auth.refresh_reused",
            "this refresh token was already used; the session has been revoked, log in again",
        ));
    }
    let session = sessions::get_session(&txn, found.session_id)
        .await?
        .filter(|s| s.is_live(now) && found.expires_at > now)
        .ok_or_else(|| {
            AppError::unauthorized(
                "auth.session_revoked",
                "this session has ended; log in again",
            )
        })?;
    let user = users::get(&txn, session.user_id).await?;
    if user.locked || user.status != UserStatus::Active {
        return Err(AppError::unauthorized(
            "auth.account_locked",
            "this account is locked or deactivated",
        ));
    }
    let next = auth::random_secret(32);
    sessions::insert_refresh(
        &txn,
        session.id,
        &auth::sha256_hex(&next),
        now,
        session.expires_at,
    )
    .await?;
    let standing = standing(state, &txn, &user, now).await?;
    commit(txn).await?;
    issue(
        state,
        &user,
        session.id,
        session.authenticated_at,
        standing,
        Some(next),
    )
}

/// Checks the caller's password (and second factor, if enrolled) again:
/// the session may perform privileged acts for the next ten minutes.
/// Failures count against the account's login throttle.
pub async fn reauthenticate(
    state: &App,
    caller: &Caller,
    password_in: String,
    offered: Offered,
) -> Result<TokenResponse, AppError> {
    let now = caller.at.now;
    let sid = caller.session_id.ok_or(AppError::Forbidden(
        "API keys cannot perform privileged acts; log in as a person",
    ))?;
    let conn = &state.db.conn;
    let key = format!("reauth:{}", caller.actor.user_id);
    let hits = throttle::hit(conn, &key, now, lockout_duration()).await?;
    if hits.attempts > state.login_limits.per_pair {
        return Err(too_many(hits, lockout_duration(), now));
    }
    let (user, hash) = users::get_with_hash(conn, caller.actor.user_id).await?;
    let mut ok = password::verify(password_in, hash).await?;
    let factor = second_factor::get(conn, user.id).await?;
    let enrolled = factor.as_ref().filter(|f| f.enrolled());
    if ok && let Some(f) = enrolled {
        ok = verify_offered(conn, f, &offered, now).await?;
    }
    if !ok {
        tokio::time::sleep(progressive_delay(hits.attempts)).await;
        let (field, message) = if enrolled.is_some() && !offered.is_empty() {
            ("totp_code", "the password or the code is wrong")
        } else if enrolled.is_some() {
            (
                "totp_code",
                "enter the code from your authenticator app as well",
            )
        } else {
            ("password", "the password is wrong")
        };
        return Err(AppError::field(field, "wrong", message));
    }
    let txn = begin(&state.db).await?;
    throttle::clear(&txn, &key).await?;
    sessions::mark_authenticated(&txn, sid, now).await?;
    audit::record(&txn, &caller.audit(), event("auth.reauthenticated", &user)).await?;
    let standing = standing_with(state, &txn, &user, factor, now).await?;
    commit(txn).await?;
    issue(state, &user, sid, now, standing, None)
}

/// A new access token for the caller's session as it stands now (after
/// enrolling a second factor lifts the confinement).
pub async fn reissue(state: &App, caller: &Caller) -> Result<TokenResponse, AppError> {
    let now = caller.at.now;
    let sid = caller.session_id.ok_or(AppError::Forbidden(
        "only a login session has access tokens",
    ))?;
    let txn = begin(&state.db).await?;
    let session = sessions::get_session(&txn, sid)
        .await?
        .filter(|s| s.is_live(now))
        .ok_or_else(|| {
            AppError::unauthorized(
                "auth.session_revoked",
                "this session has ended; log in again",
            )
        })?;
    let user = users::get(&txn, session.user_id).await?;
    let standing = standing(state, &txn, &user, now).await?;
    commit(txn).await?;
    issue(state, &user, sid, session.authenticated_at, standing, None)
}

/// The caller's own account (for `/auth/me`).
pub async fn me(state: &App, caller: &Caller) -> Result<UserAccount, AppError> {
    Ok(users::get(state.db.read(), caller.actor.user_id).await?)
}

pub async fn logout(state: &App, caller: &Caller) -> Result<(), AppError> {
    // An API key has no session to end: answering 204 would say it stopped
    // working while it still works.
    let Some(sid) = caller.session_id else {
        return Err(AppError::Conflict {
            code: "auth.api_key_logout",
            detail: "an API key has no session to end; revoke the key (DELETE /api/v1/users/{id}/api-keys/{key_id}) to stop it working".into(),
        });
    };
    sessions::revoke_session(&state.db.conn, sid, "logout", caller.at.now).await?;
    state.sessions.clear();
    Ok(())
}

/// Changes the caller's own password and closes their other sessions.
pub async fn change_password(
    state: &App,
    caller: &Caller,
    current: String,
    new: String,
) -> Result<(), AppError> {
    let mut f = Fields::new();
    f.check("new_password", password::check_strength(&new, &[]));
    if current == new {
        f.push(
            "new_password",
            "unchanged",
            "the new password must differ from the current one",
        );
    }
    f.finish()?;
    let (user, hash) = users::get_with_hash(&state.db.conn, caller.actor.user_id).await?;
    if !password::verify(current, hash).await? {
        return Err(AppError::field(
            "current_password",
            "wrong",
            "the current password is wrong",
        ));
    }
    let new_hash = password::hash(new).await?;
    let now = caller.at.now;
    let txn = begin(&state.db).await?;
    users::set_password_hash(&txn, user.id, &new_hash, false, now).await?;
    sessions::revoke_all_for_user(&txn, user.id, "password_changed", now, caller.session_id)
        .await?;
    audit::record(&txn, &caller.audit(), event("user.change_password", &user)).await?;
    let key = format!("password:{}:{}", user.id, now.timestamp_millis());
    crate::notify::tell(
        state,
        &txn,
        user.id,
        key,
        Notice::PasswordChanged { at: now },
        now,
    )
    .await?;
    commit(txn).await?;
    state.sessions.clear();
    Ok(())
}

/// Who a bearer token speaks for.
#[derive(Debug, Clone)]
pub struct Bearer {
    pub actor: Actor,
    pub session_id: Uuid,
    /// What the session is confined to (temporary password, enrolment).
    pub confinement: Option<Confinement>,
    pub authenticated_at: Option<DateTime<Utc>>,
}

/// The actor behind a bearer access token whose session is still usable.
pub async fn authenticate_bearer(state: &App, token: &str, at: Moment) -> Result<Bearer, AppError> {
    let claims = match state.sessions.verified(token, at.now.timestamp()) {
        Some(c) => c,
        None => {
            let c = tokens::verify(&state.keys, token, at.now.timestamp())?;
            state.sessions.put_verified(token, &c);
            c
        }
    };
    let usable = match state.sessions.get(claims.sid) {
        Some(u) => u,
        None => {
            let u = sessions::session_usable(state.db.read(), claims.sid, at.now).await?;
            state.sessions.put(claims.sid, u);
            u
        }
    };
    if !usable {
        return Err(AppError::unauthorized(
            "auth.session_revoked",
            "this session has ended; log in again",
        ));
    }
    Ok(Bearer {
        actor: claims.actor()?,
        session_id: claims.sid,
        confinement: claims.confinement(),
        authenticated_at: claims.authenticated_at(),
    })
}

/// The service account behind an API key that is neither revoked nor
/// expired, and the scopes the key holds.
pub async fn authenticate_api_key(
    state: &App,
    key: &str,
    at: Moment,
) -> Result<(Actor, KeyGrant), AppError> {
    let invalid = || {
        AppError::unauthorized(
            "auth.api_key_invalid",
            "the API key is unknown, revoked or expired",
        )
    };
    let now = at.now;
    let found = sessions::find_api_key(state.db.read(), &auth::sha256_hex(key))
        .await?
        .ok_or_else(invalid)?;
    if !found.works_at(now) {
        return Err(invalid());
    }
    let user = users::get(state.db.read(), found.user_id).await?;
    if user.locked || user.status != UserStatus::Active {
        return Err(AppError::unauthorized(
            "auth.account_locked",
            "the service account is locked or deactivated",
        ));
    }
    sessions::touch_api_key(&state.db.conn, found.id, now).await?;
    Ok((user.actor(), found.grant))
}

/// Tells a locked-out account's owner, and every account that may lock or
/// unlock it (`domain::policy`, action `LockUser`), that it is locked.
async fn lockout_notices<C: tgpl_db::ConnectionTrait>(
    state: &App,
    conn: &C,
    user: &UserAccount,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let key = format!("lockout:{}:{}", user.id, until.timestamp() / 60);
    let owner = Notice::AccountLocked { until: Some(until) };
    crate::notify::tell(state, conn, user.id, key.clone(), owner, now).await?;
    let scope = user.scope();
    for admin in users::national_or_in_province(conn, user.province_code).await? {
        let may =
            tgpl_domain::policy::authorize(&admin.actor(), tgpl_domain::Action::LockUser, &scope);
        if admin.id == user.id || may.is_err() {
            continue;
        }
        let notice = Notice::UserLockedOut {
            user_id: user.id,
            username: user.username.clone(),
            until,
        };
        crate::notify::tell(state, conn, admin.id, key.clone(), notice, now).await?;
    }
    Ok(())
}
