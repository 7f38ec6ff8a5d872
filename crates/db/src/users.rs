//! User accounts.
use crate::entity::user::{self, Column as C};
use crate::scope::{self, ScopeColumns};
use crate::{DbError, Page, PageRequest, convert};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use tgpl_domain::records::{UserAccount, UserStatus};
use tgpl_domain::{ProvinceCode, Role, ScopeFilter, text};
use uuid::Uuid;

fn cols() -> ScopeColumns<C> {
    ScopeColumns {
        province: C::ProvinceCode,
        centre: C::CentreId,
        org: C::OrganisationId,
        user: Some(C::Id),
        practitioner: None,
    }
}

pub async fn get<Cn: ConnectionTrait>(conn: &Cn, id: Uuid) -> Result<UserAccount, DbError> {
    get_with_hash(conn, id).await.map(|(u, _)| u)
}

pub async fn get_with_hash<Cn: ConnectionTrait>(
    conn: &Cn,
    id: Uuid,
) -> Result<(UserAccount, Option<String>), DbError> {
    let row = user::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    convert::user(row)
}

pub async fn find_by_username<Cn: ConnectionTrait>(
    conn: &Cn,
    username: &str,
) -> Result<Option<(UserAccount, Option<String>)>, DbError> {
    match user::Entity::find()
        .filter(C::Username.eq(username))
        .one(conn)
        .await?
    {
        Some(row) => convert::user(row).map(Some),
        None => Ok(None),
    }
}

pub async fn insert<Cn: ConnectionTrait>(
    conn: &Cn,
    u: &UserAccount,
    password_hash: Option<String>,
) -> Result<(), DbError> {
    let mut row = convert::user_row(u);
    row.password_hash = sea_orm::ActiveValue::Set(password_hash);
    row.insert(conn).await?;
    Ok(())
}

/// Writes `u` if the stored row is still at `expected_version`.
pub async fn save<Cn: ConnectionTrait>(
    conn: &Cn,
    u: &UserAccount,
    expected_version: i32,
) -> Result<(), DbError> {
    crate::versioned::update(
        conn,
        convert::user_row(u),
        C::Id,
        C::Version,
        u.id,
        expected_version,
    )
    .await
}

pub async fn set_password_hash<Cn: ConnectionTrait>(
    conn: &Cn,
    id: Uuid,
    hash: &str,
    must_change: bool,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    user::Entity::update_many()
        .col_expr(C::PasswordHash, Expr::value(hash))
        .col_expr(C::MustChangePassword, Expr::value(must_change))
        .col_expr(C::PasswordChangedAt, Expr::value(now))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .filter(C::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Login bookkeeping: counters and lockout, without touching `version`
/// (a failed login must not make an administrator's edit stale).
pub async fn record_login_attempt<Cn: ConnectionTrait>(
    conn: &Cn,
    id: Uuid,
    failed_logins: i32,
    locked_until: Option<DateTime<Utc>>,
    logged_in_at: Option<DateTime<Utc>>,
) -> Result<(), DbError> {
    let mut q = user::Entity::update_many()
        .col_expr(C::FailedLogins, Expr::value(failed_logins))
        .col_expr(C::LockedUntil, Expr::value(locked_until));
    if let Some(at) = logged_in_at {
        q = q.col_expr(C::LastLoginAt, Expr::value(at));
    }
    q.filter(C::Id.eq(id)).exec(conn).await?;
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub organisation_id: Option<Uuid>,
    pub province: Option<ProvinceCode>,
    pub status: Option<UserStatus>,
    pub locked: Option<bool>,
    pub q: Option<String>,
}

pub async fn list<Cn: ConnectionTrait>(
    conn: &Cn,
    visible: ScopeFilter,
    f: &UserFilter,
    page: PageRequest,
) -> Result<Page<UserAccount>, DbError> {
    let mut q = user::Entity::find().filter(scope::condition(visible, &cols()));
    if let Some(r) = f.role {
        q = q.filter(C::Role.eq(r.as_str()));
    }
    if let Some(o) = f.organisation_id {
        q = q.filter(C::OrganisationId.eq(o));
    }
    if let Some(p) = f.province {
        q = q.filter(C::ProvinceCode.eq(p.as_str()));
    }
    if let Some(s) = f.status {
        q = q.filter(C::Status.eq(s.as_str()));
    }
    if let Some(l) = f.locked {
        q = q.filter(C::Locked.eq(l));
    }
    if let Some(needle) = f.q.as_deref().map(text::fold).filter(|s| !s.is_empty()) {
        q = q.filter(C::SearchText.contains(needle.as_str()));
    }
    crate::page::ascending(
        conn,
        q,
        C::Id,
        page,
        |r| convert::user(r).map(|(u, _)| u),
        |u: &UserAccount| u.id,
    )
    .await
}

pub async fn in_org<Cn: ConnectionTrait>(
    conn: &Cn,
    org: Uuid,
) -> Result<Vec<UserAccount>, DbError> {
    user::Entity::find()
        .filter(C::OrganisationId.eq(org))
        .order_by_asc(C::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| convert::user(r).map(|(u, _)| u))
        .collect()
}

/// Re-copies the scope columns for everyone in `orgs` after the hierarchy moved.
pub async fn retarget_scope<Cn: ConnectionTrait>(
    conn: &Cn,
    orgs: &[Uuid],
    centre: Option<Uuid>,
    province: Option<ProvinceCode>,
) -> Result<(), DbError> {
    if orgs.is_empty() {
        return Ok(());
    }
    user::Entity::update_many()
        .col_expr(C::CentreId, Expr::value(centre))
        .col_expr(C::ProvinceCode, Expr::value(province.map(String::from)))
        .filter(C::OrganisationId.is_in(orgs.iter().copied()))
        .exec(conn)
        .await?;
    Ok(())
}

/// The active accounts that could hold authority over an account in
/// `province`: the national ones and those of the province. Which of them
/// really may act is the policy's to say (no role is named here).
pub async fn national_or_in_province<Cn: ConnectionTrait>(
    conn: &Cn,
    province: Option<ProvinceCode>,
) -> Result<Vec<UserAccount>, DbError> {
    let mut near = sea_orm::Condition::any().add(C::ProvinceCode.is_null());
    if let Some(p) = province {
        near = near.add(C::ProvinceCode.eq(p.as_str()));
    }
    user::Entity::find()
        .filter(near)
        .filter(C::Status.eq(UserStatus::Active.as_str()))
        .order_by_asc(C::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| convert::user(r).map(|(u, _)| u))
        .collect()
}

/// The full names of the accounts `ids` names (for exports' columns).
pub async fn names<Cn: ConnectionTrait>(
    conn: &Cn,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<std::collections::HashMap<Uuid, String>, DbError> {
    use sea_orm::QuerySelect;
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(user::Entity::find()
        .select_only()
        .column(C::Id)
        .column(C::FullName)
        .filter(C::Id.is_in(ids))
        .into_tuple::<(Uuid, String)>()
        .all(conn)
        .await?
        .into_iter()
        .collect())
}
