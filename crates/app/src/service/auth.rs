//! Login, token refresh with rotation and reuse detection, logout,
//! password change.
use super::{begin, commit};
use crate::App;
use crate::Caller;
use crate::auth::{self, Claims, password, tokens};
use crate::error::{AppError, Fields};
use chrono::Utc;
use tgpl_api_model::auth::TokenResponse;
use tgpl_db::audit::{self, AuditMeta, Change};
use tgpl_db::{sessions, users};
use tgpl_domain::Actor;
use tgpl_domain::auth::{access_token_ttl, is_locked_out, register_failure, session_ttl};
use tgpl_domain::clock::Moment;
use tgpl_domain::records::{UserAccount, UserStatus};
use tgpl_domain::user::check_password_strength;
use uuid::Uuid;

fn invalid_credentials() -> AppError {
    AppError::unauthorized("auth.invalid_credentials", "wrong username or password")
}

fn event<'a>(action: &'a str, u: &UserAccount) -> Change<'a, UserAccount> {
    Change {
        action,
        entity: "user",
        entity_id: u.id,
        scope: u.scope(),
        before: None,
        after: None,
    }
}

pub async fn login(
    state: &App,
    username: &str,
    password_in: String,
    user_agent: Option<String>,
    request_id: &str,
) -> Result<TokenResponse, AppError> {
    let found = users::find_by_username(state.db.read(), &username.trim().to_lowercase()).await?;
    let now = Utc::now();
    let (user, hash) = match found {
        Some((u, h)) if !u.role.is_service() => (u, h),
        _ => {
            password::verify(password_in, None).await?;
            return Err(invalid_credentials());
        }
    };
    if is_locked_out(user.locked_until, now) {
        return Err(AppError::unauthorized(
            "auth.locked_out",
            "too many failed logins; try again in 15 minutes or ask an administrator to unlock the account",
        ));
    }
    let meta = AuditMeta {
        actor_id: Some(user.id),
        actor_role: Some(user.role.as_str().to_owned()),
        request_id: Some(request_id.to_owned()),
    };
    if !password::verify(password_in, hash).await? {
        let failure = register_failure(user.failed_logins, now);
        let txn = begin(&state.db).await?;
        users::record_login_attempt(
            &txn,
            user.id,
            failure.failed_logins,
            failure.locked_until,
            None,
        )
        .await?;
        let action = if failure.locked_until.is_some() {
            "auth.locked_out"
        } else {
            "auth.login_failed"
        };
        audit::record(&txn, &meta, event(action, &user)).await?;
        commit(txn).await?;
        return Err(invalid_credentials());
    }
    if user.locked {
        return Err(AppError::unauthorized(
            "auth.account_locked",
            "this account has been locked by an administrator",
        ));
    }
    if user.status != UserStatus::Active {
        return Err(invalid_credentials());
    }
    let txn = begin(&state.db).await?;
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
    audit::record(&txn, &meta, event("auth.login", &user)).await?;
    commit(txn).await?;
    issue(state, &user, sid, refresh)
}

fn issue(
    state: &App,
    user: &UserAccount,
    sid: Uuid,
    refresh_token: String,
) -> Result<TokenResponse, AppError> {
    let claims = Claims::new(&user.actor(), sid, Utc::now());
    Ok(TokenResponse {
        access_token: tokens::sign(&state.keys, &claims)?,
        token_type: "Bearer".into(),
        expires_in: access_token_ttl().num_seconds(),
        refresh_token,
        must_change_password: user.must_change_password,
    })
}

/// Exchanges a refresh token for a new pair. A token used twice means it
/// was stolen: the whole session (token family) is revoked.
pub async fn refresh(
    state: &App,
    token: &str,
    request_id: &str,
) -> Result<TokenResponse, AppError> {
    let now = Utc::now();
    let txn = begin(&state.db).await?;
    let found = sessions::find_refresh(&txn, &auth::sha256_hex(token))
        .await?
        .ok_or_else(|| {
            AppError::unauthorized("auth.refresh_invalid", "the refresh token is not valid")
        })?;
    let first_use =
        found.used_at.is_none() && sessions::consume_refresh(&txn, found.id, now).await?;
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
    commit(txn).await?;
    issue(state, &user, session.id, next)
}

/// The caller's own account (for `/auth/me`).
pub async fn me(state: &App, caller: &Caller) -> Result<UserAccount, AppError> {
    Ok(users::get(state.db.read(), caller.actor.user_id).await?)
}

pub async fn logout(state: &App, caller: &Caller) -> Result<(), AppError> {
    if let Some(sid) = caller.session_id {
        sessions::revoke_session(&state.db.conn, sid, "logout", Utc::now()).await?;
        state.sessions.clear();
    }
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
    f.check("new_password", check_password_strength(&new));
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
    let now = Utc::now();
    let txn = begin(&state.db).await?;
    users::set_password_hash(&txn, user.id, &new_hash, false, now).await?;
    sessions::revoke_all_for_user(&txn, user.id, "password_changed", now, caller.session_id)
        .await?;
    audit::record(&txn, &caller.audit(), event("user.change_password", &user)).await?;
    commit(txn).await?;
    state.sessions.clear();
    Ok(())
}

/// The actor behind a bearer access token whose session is still usable.
pub async fn authenticate_bearer(
    state: &App,
    token: &str,
    at: Moment,
) -> Result<(Actor, Uuid), AppError> {
    let claims = match state.sessions.verified(token, at.now.timestamp()) {
        Some(c) => c,
        None => {
            let c = tokens::verify(&state.keys, token)?;
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
    Ok((claims.actor()?, claims.sid))
}

/// The service account behind an API key that is neither revoked nor expired.
pub async fn authenticate_api_key(state: &App, key: &str, at: Moment) -> Result<Actor, AppError> {
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
    if found.revoked_at.is_some() || found.expires_at.is_some_and(|e| e <= now) {
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
    Ok(user.actor())
}
