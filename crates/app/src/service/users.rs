use super::{begin, commit, expect_version, found, non_empty, page_request, patch_text};
use crate::App;
use crate::Caller;
use crate::auth::{self, password};
use crate::error::{AppError, Fields, denied};
use chrono::{DateTime, Utc};
use tgpl_api_model::FieldError;
use tgpl_api_model::auth::{CreateApiKeyRequest, RotateApiKeyRequest};
use tgpl_api_model::users::{CreateUser, UpdateUser, UserQuery};
use tgpl_db::audit::{self, Change};
use tgpl_db::sessions::{self, ApiKey};
use tgpl_db::users::{self as repo, UserFilter};
use tgpl_db::{DatabaseTransaction, Page, organisations as orgs, practitioners};
use tgpl_domain::notification::Notice;
use tgpl_domain::policy::{Action, KeyGrant, KeyScope, Resource, authorize, read_filter};
use tgpl_domain::records::{Organisation, UserAccount, UserStatus};
use tgpl_domain::{PhoneNumber, ProvinceCode, ResourceScope, Role, Username};
use uuid::Uuid;

const ENTITY: &str = "user";

pub async fn get(state: &App, caller: &Caller, id: Uuid) -> Result<UserAccount, AppError> {
    let u = repo::get(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    caller.authorize(Action::Read(Resource::User), &u.scope(), ENTITY)?;
    Ok(u)
}

pub async fn list(
    state: &App,
    caller: &Caller,
    q: UserQuery,
) -> Result<Page<UserAccount>, AppError> {
    let mut f = Fields::new();
    let province = f.optional("province", q.province.as_deref(), ProvinceCode::parse);
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    f.finish()?;
    let filter = UserFilter {
        role: q.role,
        organisation_id: q.organisation_id,
        province,
        status: q.status,
        locked: q.locked,
        q: q.q,
    };
    let visible = read_filter(&caller.actor, Resource::User);
    Ok(repo::list(state.db.read(), visible, &filter, page.unwrap_or_default()).await?)
}

pub(crate) fn change<'a>(
    action: &'a str,
    u: &UserAccount,
    before: Option<&'a UserAccount>,
    after: Option<&'a UserAccount>,
) -> Change<'a, UserAccount> {
    Change {
        action,
        entity: ENTITY,
        entity_id: u.id,
        scope: u.scope(),
        before,
        after,
    }
}

fn check_role_fits(role: Role, org: &Organisation) -> Result<(), AppError> {
    if role.allowed_org_kinds().contains(&org.kind) {
        Ok(())
    } else {
        Err(AppError::field(
            "role",
            "role_not_for_organisation",
            format!(
                "a {} account cannot belong to a {}",
                role.as_str(),
                org.kind.as_str()
            ),
        ))
    }
}

/// A generated password that meets the policy: shown once to the admin.
fn temporary_password() -> String {
    format!("Tgpl-{}-9", auth::random_secret(9))
}

/// The organisation an account is put in, if the caller can see it: one
/// out of sight answers like a missing one (a 422 at the field); a
/// database failure stays one.
async fn visible_org(
    txn: &DatabaseTransaction,
    caller: &Caller,
    id: Uuid,
) -> Result<Organisation, AppError> {
    let missing = || AppError::field("organisation_id", "not_found", "no such organisation");
    match orgs::get(txn, id).await {
        Ok(o) if read_filter(&caller.actor, Resource::Organisation).contains(&o.scope()) => Ok(o),
        Ok(_) | Err(tgpl_db::DbError::NotFound) => Err(missing()),
        Err(e) => Err(e.into()),
    }
}

async fn check_practitioner_link(
    txn: &DatabaseTransaction,
    role: Role,
    org: &Organisation,
    practitioner_id: Option<Uuid>,
) -> Result<(), AppError> {
    let Some(pid) = practitioner_id else {
        return Ok(());
    };
    if !role.is_practitioner() {
        return Err(AppError::field(
            "practitioner_id",
            "not_a_practitioner_role",
            "only officer and lawyer accounts link to a practitioner",
        ));
    }
    // A practitioner of another organisation answers exactly like a missing
    // one: the account's organisation is the only place to look, so the
    // answer tells nothing about registers the caller cannot read.
    match practitioners::get(txn, pid).await {
        Ok(p) if p.organisation_id == org.id => Ok(()),
        _ => Err(AppError::field(
            "practitioner_id",
            "not_found",
            "no such practitioner in the account's organisation",
        )),
    }
}

pub async fn create(
    state: &App,
    caller: &Caller,
    req: CreateUser,
) -> Result<(UserAccount, Option<String>), AppError> {
    let mut f = Fields::new();
    let username = f.check("username", Username::parse(&req.username));
    let phone_in = req
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let phone = f.optional("phone", phone_in, PhoneNumber::parse);
    if req.role.is_service() && req.password.is_some() {
        f.push(
            "password",
            "service_account",
            "service accounts authenticate with API keys, not passwords",
        );
    }
    if let Some(pw) = &req.password {
        f.check(
            "password",
            password::check_strength(pw, &[&req.username, &req.full_name]),
        );
    }
    f.finish()?;

    let txn = begin(&state.db).await?;
    let org = visible_org(&txn, caller, req.organisation_id).await?;
    let scope = ResourceScope {
        user_id: None,
        ..org.scope()
    };
    caller.authorize(Action::GrantRole(req.role), &scope, ENTITY)?;
    check_role_fits(req.role, &org)?;
    check_practitioner_link(&txn, req.role, &org, req.practitioner_id).await?;

    let (password, temporary) = match (req.role.is_service(), req.password) {
        (true, _) => (None, None),
        (false, Some(pw)) => (Some(pw), None),
        (false, None) => {
            let t = temporary_password();
            (Some(t.clone()), Some(t))
        }
    };
    let hash = match password {
        Some(pw) => Some(password::hash(pw).await?),
        None => None,
    };
    let now = caller.at.now;
    let user = UserAccount {
        id: Uuid::now_v7(),
        username: username.map(String::from).unwrap_or_default(),
        full_name: req.full_name.trim().to_owned(),
        email: non_empty(req.email),
        phone: phone.map(String::from),
        role: req.role,
        organisation_id: org.id,
        province_code: org.province_code,
        centre_id: org.centre_id,
        practitioner_id: req.practitioner_id,
        status: UserStatus::Active,
        locked: false,
        locked_reason: None,
        failed_logins: 0,
        locked_until: None,
        must_change_password: temporary.is_some(),
        last_login_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    repo::insert(&txn, &user, hash).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("user.create", &user, None, Some(&user)),
    )
    .await?;
    commit(txn).await?;
    Ok((user, temporary))
}

pub(crate) async fn load_for(
    txn: &DatabaseTransaction,
    caller: &Caller,
    id: Uuid,
    action: Action,
    expected: Option<i32>,
) -> Result<UserAccount, AppError> {
    let u = repo::get(txn, id).await.map_err(found(ENTITY))?;
    caller.authorize(action, &u.scope(), ENTITY)?;
    if let Some(v) = expected {
        expect_version(u.version, v)?;
    }
    Ok(u)
}

fn not_self(caller: &Caller, id: Uuid, what: &'static str) -> Result<(), AppError> {
    if caller.actor.user_id == id {
        Err(AppError::Conflict {
            code: "user.self_action",
            detail: format!("you cannot {what} your own account"),
        })
    } else {
        Ok(())
    }
}

pub async fn update(
    state: &App,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    req: UpdateUser,
) -> Result<UserAccount, AppError> {
    let mut f = Fields::new();
    let phone = req.phone.as_deref().map(|p| {
        let p = p.trim();
        if p.is_empty() {
            None
        } else {
            f.check("phone", PhoneNumber::parse(p)).map(String::from)
        }
    });
    if let Some(email) = req.email.as_deref().filter(|e| !e.trim().is_empty())
        && !validator::ValidateEmail::validate_email(&email)
    {
        f.push("email", "email", "not a valid email address");
    }
    f.finish()?;

    let txn = begin(&state.db).await?;
    let before = load_for(&txn, caller, id, Action::UpdateUser, Some(expected)).await?;
    let mut u = before.clone();
    let new_role = req.role.filter(|r| *r != before.role);
    let new_org = req.organisation_id.filter(|o| *o != before.organisation_id);
    if new_role.is_some() || new_org.is_some() {
        not_self(caller, id, "change the role or organisation of")?;
        let role = new_role.unwrap_or(before.role);
        let org = match new_org {
            // As at creation: an organisation out of the caller's sight
            // answers like a missing one.
            Some(o) => visible_org(&txn, caller, o).await?,
            None => orgs::get(&txn, before.organisation_id).await?,
        };
        let scope = ResourceScope {
            user_id: None,
            ..org.scope()
        };
        caller.authorize(Action::GrantRole(role), &scope, ENTITY)?;
        check_role_fits(role, &org)?;
        if new_org.is_some() && req.practitioner_id.is_none() {
            // The link stays only if the practitioner is on the new
            // organisation's register too (transferred first).
            check_practitioner_link(&txn, role, &org, u.practitioner_id).await?;
        }
        u.role = role;
        if !role.is_practitioner() {
            // Only officer and lawyer accounts link to a practitioner
            // (`check_practitioner_link`): the link goes with such a role.
            u.practitioner_id = None;
        }
        u.organisation_id = org.id;
        u.province_code = org.province_code;
        u.centre_id = org.centre_id;
    }
    if let Some(n) = req.full_name {
        u.full_name = n.trim().to_owned();
    }
    patch_text(&mut u.email, req.email);
    if let Some(p) = phone {
        u.phone = p;
    }
    if req.practitioner_id.is_some() {
        let org = orgs::get(&txn, u.organisation_id).await?;
        check_practitioner_link(&txn, u.role, &org, req.practitioner_id).await?;
        u.practitioner_id = req.practitioner_id;
    }
    u.version += 1;
    u.updated_at = caller.at.now;
    repo::save(&txn, &u, expected).await?;
    // Tokens carry the role, organisation and practitioner: a change of
    // powers ends every session, so no token keeps the old ones.
    let powers_changed = u.role != before.role
        || u.organisation_id != before.organisation_id
        || u.practitioner_id != before.practitioner_id;
    if powers_changed {
        sessions::revoke_all_for_user(&txn, id, "powers_changed", caller.at.now, None).await?;
    }
    audit::record(
        &txn,
        &caller.audit(),
        change("user.update", &u, Some(&before), Some(&u)),
    )
    .await?;
    commit(txn).await?;
    if powers_changed {
        state.sessions.clear();
    }
    Ok(u)
}

/// Shared by lock and deactivate: change the account, close every session.
async fn close_account(
    state: &App,
    caller: &Caller,
    id: Uuid,
    action: Action,
    audit_action: &str,
    expected: Option<i32>,
    apply: impl FnOnce(&mut UserAccount),
) -> Result<(UserAccount, u64), AppError> {
    let txn = begin(&state.db).await?;
    let before = load_for(&txn, caller, id, action, expected).await?;
    let mut u = before.clone();
    apply(&mut u);
    let now = caller.at.now;
    u.version += 1;
    u.updated_at = now;
    repo::save(&txn, &u, before.version).await?;
    let revoked = sessions::revoke_all_for_user(&txn, id, audit_action, now, None).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change(audit_action, &u, Some(&before), Some(&u)),
    )
    .await?;
    if action == Action::LockUser {
        let notice = Notice::AccountLocked { until: None };
        let key = format!("locked:{}:{}", u.id, u.version);
        crate::notify::tell(state, &txn, u.id, key, notice, now).await?;
    }
    commit(txn).await?;
    state.sessions.clear();
    Ok((u, revoked))
}

/// Locks an account and revokes all its sessions at once (leaked credentials).
pub async fn lock(
    state: &App,
    caller: &Caller,
    id: Uuid,
    reason: String,
) -> Result<(UserAccount, u64), AppError> {
    not_self(caller, id, "lock")?;
    close_account(
        state,
        caller,
        id,
        Action::LockUser,
        "user.lock",
        None,
        |u| {
            u.locked = true;
            u.locked_reason = Some(reason.trim().to_owned());
        },
    )
    .await
}

pub async fn unlock(state: &App, caller: &Caller, id: Uuid) -> Result<UserAccount, AppError> {
    let txn = begin(&state.db).await?;
    let before = load_for(&txn, caller, id, Action::LockUser, None).await?;
    let mut u = before.clone();
    u.locked = false;
    u.locked_reason = None;
    u.failed_logins = 0;
    u.locked_until = None;
    u.version += 1;
    u.updated_at = caller.at.now;
    repo::save(&txn, &u, before.version).await?;
    tgpl_db::throttle::clear_account(&txn, &u.username).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("user.unlock", &u, Some(&before), Some(&u)),
    )
    .await?;
    commit(txn).await?;
    Ok(u)
}

pub async fn deactivate(
    state: &App,
    caller: &Caller,
    id: Uuid,
    expected: i32,
) -> Result<UserAccount, AppError> {
    not_self(caller, id, "deactivate")?;
    close_account(
        state,
        caller,
        id,
        Action::DeactivateUser,
        "user.deactivate",
        Some(expected),
        |u| {
            u.status = UserStatus::Deactivated;
        },
    )
    .await
    .map(|(u, _)| u)
}

/// Sets a new password (given or generated), forces a change at next login
/// and closes every session.
pub async fn reset_password(
    state: &App,
    caller: &Caller,
    id: Uuid,
    new_password: Option<String>,
) -> Result<(Option<String>, u64), AppError> {
    // One's own password changes only through /auth/password, which asks
    // for the current one: a stolen access token cannot take the account.
    if caller.actor.user_id == id {
        return Err(AppError::Forbidden(
            "change your own password with POST /api/v1/auth/password (it asks for the current one)",
        ));
    }
    if let Some(pw) = &new_password {
        let mut f = Fields::new();
        f.check("new_password", password::check_strength(pw, &[]));
        f.finish()?;
    }
    let (password, temporary) = match new_password {
        Some(pw) => (pw, None),
        None => {
            let t = temporary_password();
            (t.clone(), Some(t))
        }
    };
    let hash = password::hash(password).await?;
    let txn = begin(&state.db).await?;
    let user = load_for(&txn, caller, id, Action::ResetPassword, None).await?;
    if user.role.is_service() {
        return Err(AppError::Conflict {
            code: "user.service_account",
            detail: "service accounts use API keys, not passwords".into(),
        });
    }
    let now = caller.at.now;
    repo::set_password_hash(&txn, id, &hash, true, now).await?;
    let revoked = sessions::revoke_all_for_user(&txn, id, "password_reset", now, None).await?;
    audit::record::<_, UserAccount>(
        &txn,
        &caller.audit(),
        change("user.reset_password", &user, None, None),
    )
    .await?;
    let key = format!("password:{id}:{}", now.timestamp_millis());
    let notice = Notice::PasswordChanged { at: now };
    crate::notify::tell(state, &txn, id, key, notice, now).await?;
    commit(txn).await?;
    state.sessions.clear();
    Ok((temporary, revoked))
}

pub async fn create_api_key(
    state: &App,
    caller: &Caller,
    id: Uuid,
    req: CreateApiKeyRequest,
) -> Result<(ApiKey, String), AppError> {
    let txn = begin(&state.db).await?;
    let user = load_for(&txn, caller, id, Action::ManageApiKeys, None).await?;
    if !user.role.is_service() {
        return Err(AppError::Conflict {
            code: "user.not_service_account",
            detail: "API keys are only issued to integration service accounts".into(),
        });
    }
    let now = caller.at.now;
    future_expiry(req.expires_at, now)?;
    let grant = grant_of(&req.scopes)?;
    let (key, secret) = new_key(id, req.name.trim().to_owned(), grant, req.expires_at, now);
    sessions::insert_api_key(&txn, &key, &auth::sha256_hex(&secret)).await?;
    audit::record::<_, UserAccount>(
        &txn,
        &caller.audit(),
        change("user.api_key_create", &user, None, None),
    )
    .await?;
    commit(txn).await?;
    Ok((key, secret))
}

/// A new key's expiry, which must be in the future.
fn future_expiry(expires_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<(), AppError> {
    if expires_at.is_some_and(|e| e <= now) {
        return Err(AppError::field(
            "expires_at",
            "in_past",
            "the expiry must be in the future",
        ));
    }
    Ok(())
}

/// Scopes as given, each checked against the vocabulary (a 422 naming
/// each unknown one at its index).
fn grant_of(scopes: &[String]) -> Result<KeyGrant, AppError> {
    let mut known = Vec::with_capacity(scopes.len());
    let mut errors = Vec::new();
    for (i, s) in scopes.iter().enumerate() {
        match s.trim().parse::<KeyScope>() {
            Ok(scope) => known.push(scope),
            Err(e) => errors.push(FieldError {
                field: format!("scopes[{i}]"),
                code: "api_key.scope_unknown".into(),
                message: e.to_string(),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    known.sort();
    known.dedup();
    Ok(KeyGrant::Scopes(known))
}

fn new_key(
    user_id: Uuid,
    name: String,
    grant: KeyGrant,
    expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> (ApiKey, String) {
    let prefix = auth::random_secret(6);
    let secret = format!("tgpl_{prefix}_{}", auth::random_secret(32));
    let key = ApiKey {
        id: Uuid::now_v7(),
        user_id,
        name,
        prefix,
        created_at: now,
        expires_at,
        revoked_at: None,
        last_used_at: None,
        grant,
        replaced_by: None,
    };
    (key, secret)
}

/// A rotated key: the new key, its secret, and until when the old one
/// still works.
pub struct Rotated {
    pub key: ApiKey,
    pub secret: String,
    pub replaces: Uuid,
    pub old_expires_at: DateTime<Utc>,
}

/// Replaces a key by a new one (same name; same scopes and expiry unless
/// given). The old key works for the overlap (default 24 hours), then
/// never again; a key can be rotated once.
pub async fn rotate_api_key(
    state: &App,
    caller: &Caller,
    id: Uuid,
    key_id: Uuid,
    req: RotateApiKeyRequest,
) -> Result<Rotated, AppError> {
    let txn = begin(&state.db).await?;
    let user = load_for(&txn, caller, id, Action::ManageApiKeys, None).await?;
    let now = caller.at.now;
    let old = sessions::api_key_of_user(&txn, id, key_id)
        .await?
        .ok_or(AppError::NotFound("api_key"))?;
    if !old.works_at(now) || old.replaced_by.is_some() {
        return Err(AppError::Conflict {
            code: "api_key.not_rotatable",
            detail: "this key is revoked, expired or already rotated; issue a new key".into(),
        });
    }
    let grant = match (&req.scopes, &old.grant) {
        (Some(scopes), _) => grant_of(scopes)?,
        (None, KeyGrant::Legacy) => {
            return Err(AppError::field(
                "scopes",
                "required",
                "this key was made before scopes existed: name the scopes its successor needs",
            ));
        }
        (None, grant) => grant.clone(),
    };
    let expires_at = req.expires_at.or(old.expires_at);
    future_expiry(expires_at, now)?;
    let overlap = chrono::Duration::hours(i64::from(req.overlap_hours.unwrap_or(24)));
    let old_expires_at = old
        .expires_at
        .map_or(now + overlap, |e| e.min(now + overlap));
    let (key, secret) = new_key(id, old.name.clone(), grant, expires_at, now);
    sessions::insert_api_key(&txn, &key, &auth::sha256_hex(&secret)).await?;
    if !sessions::retire_api_key(&txn, old.id, key.id, old_expires_at).await? {
        return Err(AppError::Conflict {
            code: "api_key.not_rotatable",
            detail: "this key was rotated or revoked meanwhile; issue a new key".into(),
        });
    }
    audit::record::<_, UserAccount>(
        &txn,
        &caller.audit(),
        change("user.api_key_rotate", &user, None, None),
    )
    .await?;
    commit(txn).await?;
    Ok(Rotated {
        key,
        secret,
        replaces: old.id,
        old_expires_at,
    })
}

pub async fn list_api_keys(
    state: &App,
    caller: &Caller,
    id: Uuid,
) -> Result<Vec<ApiKey>, AppError> {
    let user = get(state, caller, id).await?;
    // Listing keys is not privileged (issuing and revoking are).
    authorize(&caller.actor, Action::ManageApiKeys, &user.scope()).map_err(denied(ENTITY))?;
    Ok(sessions::api_keys_of_user(state.db.read(), id).await?)
}

pub async fn revoke_api_key(
    state: &App,
    caller: &Caller,
    id: Uuid,
    key_id: Uuid,
) -> Result<(), AppError> {
    let txn = begin(&state.db).await?;
    let user = load_for(&txn, caller, id, Action::ManageApiKeys, None).await?;
    if !sessions::revoke_api_key(&txn, id, key_id, caller.at.now).await? {
        return Err(AppError::NotFound("api_key"));
    }
    audit::record::<_, UserAccount>(
        &txn,
        &caller.audit(),
        change("user.api_key_revoke", &user, None, None),
    )
    .await?;
    commit(txn).await
}
