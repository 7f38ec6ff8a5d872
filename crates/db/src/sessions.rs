//! Login sessions, rotating refresh tokens and API keys.
use crate::DbError;
use crate::entity::{api_key, refresh_token, session, user};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use tgpl_domain::policy::KeyGrant;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub id: Uuid,
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_reason: Option<String>,
    /// When the owner's password (and second factor) was last checked:
    /// at login, then at each re-authentication.
    pub authenticated_at: DateTime<Utc>,
}

impl Session {
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

fn session_of(m: session::Model) -> Session {
    Session {
        id: m.id,
        user_id: m.user_id,
        created_at: m.created_at,
        expires_at: m.expires_at,
        revoked_at: m.revoked_at,
        revoked_reason: m.revoked_reason,
        authenticated_at: m.authenticated_at.unwrap_or(m.created_at),
    }
}

pub async fn create_session<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    user_agent: Option<String>,
) -> Result<Uuid, DbError> {
    let id = Uuid::now_v7();
    session::ActiveModel {
        id: Set(id),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        revoked_reason: Set(None),
        user_agent: Set(user_agent.map(|s| s.chars().take(300).collect())),
        authenticated_at: Set(Some(now)),
    }
    .insert(conn)
    .await?;
    Ok(id)
}

pub async fn get_session<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<Session>, DbError> {
    Ok(session::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map(session_of))
}

/// Whether the session still stands and its user can act: the check behind
/// every authenticated request (cached briefly by the API layer).
pub async fn session_usable<C: ConnectionTrait>(
    conn: &C,
    sid: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let Some(s) = get_session(conn, sid).await? else {
        return Ok(false);
    };
    if !s.is_live(now) {
        return Ok(false);
    }
    let user = user::Entity::find_by_id(s.user_id).one(conn).await?;
    Ok(user.is_some_and(|u| !u.locked && u.status == "active"))
}

/// Records a fresh password check on a live session (re-authentication).
pub async fn mark_authenticated<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    session::Entity::update_many()
        .col_expr(session::Column::AuthenticatedAt, Expr::value(now))
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn revoke_session<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let res = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Revokes every open session of a user, except `keep` (the caller's own
/// session when they change their password). Returns how many were closed.
pub async fn revoke_all_for_user<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
    keep: Option<Uuid>,
) -> Result<u64, DbError> {
    let mut q = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null());
    if let Some(k) = keep {
        q = q.filter(session::Column::Id.ne(k));
    }
    Ok(q.exec(conn).await?.rows_affected)
}

/// Whether `user_id` ever had a session from this user agent.
pub async fn knows_user_agent<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    user_agent: Option<&str>,
) -> Result<bool, DbError> {
    let stored: Option<String> = user_agent.map(|s| s.chars().take(300).collect());
    let same = match stored {
        Some(ua) => session::Column::UserAgent.eq(ua),
        None => session::Column::UserAgent.is_null(),
    };
    Ok(session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(same)
        .one(conn)
        .await?
        .is_some())
}

pub async fn sessions_of_user<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> Result<Vec<Session>, DbError> {
    Ok(session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .order_by_asc(session::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(session_of)
        .collect())
}

#[derive(Debug, Clone, PartialEq)]
pub struct RefreshToken {
    pub id: Uuid,
    pub session_id: Uuid,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

pub async fn insert_refresh<C: ConnectionTrait>(
    conn: &C,
    session_id: Uuid,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbError> {
    refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        session_id: Set(session_id),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn find_refresh<C: ConnectionTrait>(
    conn: &C,
    token_hash: &str,
) -> Result<Option<RefreshToken>, DbError> {
    Ok(refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash))
        .one(conn)
        .await?
        .map(|m| RefreshToken {
            id: m.id,
            session_id: m.session_id,
            expires_at: m.expires_at,
            used_at: m.used_at,
        }))
}

/// Marks a refresh token used; false when someone used it first (reuse).
pub async fn consume_refresh<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let res = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

#[derive(Debug, Clone, PartialEq)]
pub struct ApiKey {
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// The scopes the key holds.
    pub grant: KeyGrant,
    /// The key that replaced this one when it was rotated.
    pub replaced_by: Option<Uuid>,
}

impl ApiKey {
    /// Neither revoked nor expired at `now` (a rotated key works until the
    /// end of its overlap, which is its expiry).
    pub fn works_at(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|e| e > now)
    }
}

fn api_key_of(m: api_key::Model) -> Result<ApiKey, DbError> {
    let grant = KeyGrant::parse(&m.scopes)
        .map_err(|e| DbError::Db(sea_orm::DbErr::Custom(format!("api key {}: {e}", m.id))))?;
    Ok(ApiKey {
        id: m.id,
        user_id: m.user_id,
        name: m.name,
        prefix: m.prefix,
        created_at: m.created_at,
        expires_at: m.expires_at,
        revoked_at: m.revoked_at,
        last_used_at: m.last_used_at,
        grant,
        replaced_by: m.replaced_by,
    })
}

pub async fn insert_api_key<C: ConnectionTrait>(
    conn: &C,
    key: &ApiKey,
    key_hash: &str,
) -> Result<(), DbError> {
    api_key::ActiveModel {
        id: Set(key.id),
        user_id: Set(key.user_id),
        name: Set(key.name.clone()),
        key_hash: Set(key_hash.to_owned()),
        prefix: Set(key.prefix.clone()),
        created_at: Set(key.created_at),
        expires_at: Set(key.expires_at),
        revoked_at: Set(None),
        last_used_at: Set(None),
        scopes: Set(key.grant.stored()),
        replaced_by: Set(None),
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn find_api_key<C: ConnectionTrait>(
    conn: &C,
    key_hash: &str,
) -> Result<Option<ApiKey>, DbError> {
    api_key::Entity::find()
        .filter(api_key::Column::KeyHash.eq(key_hash))
        .one(conn)
        .await?
        .map(api_key_of)
        .transpose()
}

pub async fn api_keys_of_user<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> Result<Vec<ApiKey>, DbError> {
    api_key::Entity::find()
        .filter(api_key::Column::UserId.eq(user_id))
        .order_by_asc(api_key::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(api_key_of)
        .collect()
}

pub async fn revoke_api_key<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    key_id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let res = api_key::Entity::update_many()
        .col_expr(api_key::Column::RevokedAt, Expr::value(now))
        .filter(api_key::Column::Id.eq(key_id))
        .filter(api_key::Column::UserId.eq(user_id))
        .filter(api_key::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// One key of an account, revoked or not.
pub async fn api_key_of_user<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    key_id: Uuid,
) -> Result<Option<ApiKey>, DbError> {
    api_key::Entity::find_by_id(key_id)
        .filter(api_key::Column::UserId.eq(user_id))
        .one(conn)
        .await?
        .map(api_key_of)
        .transpose()
}

/// Marks a key as replaced by its successor, working until `until` (the
/// overlap in which the integration switches to the new key). Only a key
/// neither revoked nor already rotated can be: false otherwise.
pub async fn retire_api_key<C: ConnectionTrait>(
    conn: &C,
    key_id: Uuid,
    successor: Uuid,
    until: DateTime<Utc>,
) -> Result<bool, DbError> {
    let res = api_key::Entity::update_many()
        .col_expr(api_key::Column::ExpiresAt, Expr::value(until))
        .col_expr(api_key::Column::ReplacedBy, Expr::value(successor))
        .filter(api_key::Column::Id.eq(key_id))
        .filter(api_key::Column::RevokedAt.is_null())
        .filter(api_key::Column::ReplacedBy.is_null())
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn touch_api_key<C: ConnectionTrait>(
    conn: &C,
    key_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    api_key::Entity::update_many()
        .col_expr(api_key::Column::LastUsedAt, Expr::value(now))
        .filter(api_key::Column::Id.eq(key_id))
        .exec(conn)
        .await?;
    Ok(())
}
