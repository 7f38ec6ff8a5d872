use super::{begin, commit, expect_version, found, non_empty, page_request, patch_text};
use crate::App;
use crate::Caller;
use crate::error::{AppError, Fields};
use chrono::NaiveDate;
use tgpl_api_model::organisations::{
    CreateOrganisation, MergeOrganisation, OrganisationQuery, UpdateOrganisation,
};
use tgpl_db::audit::{self, Change};
use tgpl_db::organisations::{self as orgs, OrganisationFilter};
use tgpl_db::{Page, cases, practitioners, users};
use tgpl_domain::organisation::{ParentRef, check_merge, check_placement};
use tgpl_domain::policy::{Action, Resource, authorize, read_filter};
use tgpl_domain::records::{Organisation, Transfer, centre_of};
use tgpl_domain::{OrgAbbreviation, OrgStatus, PhoneNumber, ProvinceCode, ResourceScope};
use uuid::Uuid;

const ENTITY: &str = "organisation";

pub async fn get(state: &App, caller: &Caller, id: Uuid) -> Result<Organisation, AppError> {
    let org = orgs::get(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    caller.authorize(Action::Read(Resource::Organisation), &org.scope(), ENTITY)?;
    Ok(org)
}

pub async fn list(
    state: &App,
    caller: &Caller,
    q: OrganisationQuery,
) -> Result<Page<Organisation>, AppError> {
    let mut f = Fields::new();
    let province = f.optional("province", q.province.as_deref(), ProvinceCode::parse);
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    f.finish()?;
    let filter = OrganisationFilter {
        kind: q.kind,
        kinds: Vec::new(),
        province,
        parent_id: q.parent_id,
        status: q.status,
        q: q.q,
    };
    let visible = read_filter(&caller.actor, Resource::Organisation);
    Ok(orgs::list(state.db.read(), visible, &filter, page.unwrap_or_default()).await?)
}

fn check_validity(f: &mut Fields, from: Option<NaiveDate>, to: Option<NaiveDate>) {
    if let (Some(a), Some(b)) = (from, to)
        && b < a
    {
        f.push(
            "valid_to",
            "before_valid_from",
            "the validity ends before it starts",
        );
    }
}

fn parse_phone(f: &mut Fields, phone: Option<&str>) -> Option<String> {
    let phone = phone.map(str::trim).filter(|s| !s.is_empty());
    f.optional("phone", phone, PhoneNumber::parse)
        .map(String::from)
}

/// Case codes start with the abbreviation: it must be unique among the
/// units of the province that issue codes.
async fn check_abbreviation(
    txn: &tgpl_db::DatabaseTransaction,
    org: &Organisation,
) -> Result<(), AppError> {
    let all = orgs::all(txn).await?;
    match org.abbreviation_clash(&all) {
        Some(other) => Err(AppError::field(
            "abbreviation",
            "organisation.abbreviation_taken",
            format!(
                "{} already uses {}: case codes would collide",
                other.name, other.abbreviation
            ),
        )),
        None => Ok(()),
    }
}

pub async fn create(
    state: &App,
    caller: &Caller,
    req: CreateOrganisation,
) -> Result<Organisation, AppError> {
    let mut f = Fields::new();
    let abbreviation = f.check("abbreviation", OrgAbbreviation::parse(&req.abbreviation));
    let province = f.optional(
        "province_code",
        req.province_code.as_deref(),
        ProvinceCode::parse,
    );
    let phone = parse_phone(&mut f, req.phone.as_deref());
    check_validity(&mut f, req.valid_from, req.valid_to);
    f.finish()?;

    let txn = begin(&state.db).await?;
    let parent = match req.parent_id {
        None => None,
        Some(pid) => {
            let p = orgs::get(&txn, pid).await.ok().filter(|p| {
                read_filter(&caller.actor, Resource::Organisation).contains(&p.scope())
            });
            Some(
                p.ok_or_else(|| AppError::field("parent_id", "not_found", "no such organisation"))?,
            )
        }
    };
    let parent_ref = parent.as_ref().map(|p| ParentRef {
        kind: p.kind,
        province: p.province_code,
        status: p.status,
    });
    check_placement(req.kind, province, parent_ref)
        .map_err(|e| AppError::field(e.field(), e.code(), e.to_string()))?;

    let id = Uuid::now_v7();
    let now = caller.at.now;
    let org = Organisation {
        id,
        kind: req.kind,
        name: req.name.trim().to_owned(),
        abbreviation: abbreviation.map(String::from).unwrap_or_default(),
        province_code: province,
        parent_id: req.parent_id,
        centre_id: centre_of(req.kind, id, req.parent_id),
        status: OrgStatus::Active,
        merged_into_id: None,
        merged_on: None,
        address: non_empty(req.address),
        phone,
        email: non_empty(req.email),
        registration_number: non_empty(req.registration_number),
        valid_from: req.valid_from,
        valid_to: req.valid_to,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    // Where the new unit will sit decides who may create it.
    let scope = ResourceScope {
        org_id: parent.as_ref().map(|p| p.id),
        ..org.scope()
    };
    caller.authorize(Action::CreateOrganisation(req.kind), &scope, ENTITY)?;
    check_abbreviation(&txn, &org).await?;
    orgs::insert(&txn, &org).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("organisation.create", &org, None, Some(&org)),
    )
    .await?;
    commit(txn).await?;
    Ok(org)
}

fn change<'a>(
    action: &'a str,
    org: &Organisation,
    before: Option<&'a Organisation>,
    after: Option<&'a Organisation>,
) -> Change<'a, Organisation> {
    Change {
        action,
        entity: ENTITY,
        entity_id: org.id,
        scope: org.scope(),
        before,
        after,
    }
}

/// Loads, authorizes and checks the expected version of an organisation.
async fn load_for(
    txn: &tgpl_db::DatabaseTransaction,
    caller: &Caller,
    id: Uuid,
    action: Action,
    expected: i32,
) -> Result<Organisation, AppError> {
    let org = orgs::get(txn, id).await.map_err(found(ENTITY))?;
    caller.authorize(action, &org.scope(), ENTITY)?;
    expect_version(org.version, expected)?;
    Ok(org)
}

pub async fn update(
    state: &App,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    req: UpdateOrganisation,
) -> Result<Organisation, AppError> {
    let mut f = Fields::new();
    let abbreviation = f.optional(
        "abbreviation",
        req.abbreviation.as_deref(),
        OrgAbbreviation::parse,
    );
    let phone = req.phone.as_deref().map(|p| parse_phone(&mut f, Some(p)));
    if let Some(email) = req.email.as_deref().filter(|e| !e.trim().is_empty())
        && !validator::ValidateEmail::validate_email(&email)
    {
        f.push("email", "email", "not a valid email address");
    }
    f.finish()?;

    let txn = begin(&state.db).await?;
    let before = load_for(&txn, caller, id, Action::UpdateOrganisation, expected).await?;
    let mut org = before.clone();
    if let Some(name) = req.name {
        org.name = name.trim().to_owned();
    }
    if let Some(a) = abbreviation {
        org.abbreviation = a.into();
    }
    patch_text(&mut org.address, req.address);
    if let Some(p) = phone {
        org.phone = p;
    }
    patch_text(&mut org.email, req.email);
    patch_text(&mut org.registration_number, req.registration_number);
    org.valid_from = req.valid_from.or(org.valid_from);
    org.valid_to = req.valid_to.or(org.valid_to);
    let mut f = Fields::new();
    check_validity(&mut f, org.valid_from, org.valid_to);
    f.finish()?;
    if org.abbreviation != before.abbreviation {
        check_abbreviation(&txn, &org).await?;
    }
    org.version += 1;
    org.updated_at = caller.at.now;
    orgs::save(&txn, &org, expected).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("organisation.update", &org, Some(&before), Some(&org)),
    )
    .await?;
    commit(txn).await?;
    Ok(org)
}

pub async fn deactivate(
    state: &App,
    caller: &Caller,
    id: Uuid,
    expected: i32,
) -> Result<Organisation, AppError> {
    let txn = begin(&state.db).await?;
    let before = load_for(&txn, caller, id, Action::DeactivateOrganisation, expected).await?;
    if before.status != OrgStatus::Active {
        return Err(AppError::Conflict {
            code: "organisation.not_active",
            detail: "the organisation is already inactive or merged".into(),
        });
    }
    if !orgs::active_children(&txn, id).await?.is_empty() {
        return Err(AppError::Conflict {
            code: "organisation.has_active_children",
            detail: "deactivate or merge its branches and member organisations first".into(),
        });
    }
    let mut org = before.clone();
    org.status = OrgStatus::Inactive;
    org.version += 1;
    org.updated_at = caller.at.now;
    orgs::save(&txn, &org, expected).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("organisation.deactivate", &org, Some(&before), Some(&org)),
    )
    .await?;
    commit(txn).await?;
    Ok(org)
}

/// What a merge moved, for the response.
pub struct Merged {
    pub merged: Organisation,
    pub into: Organisation,
    pub children_moved: u64,
    pub practitioners_moved: u64,
    pub users_moved: u64,
}

pub async fn merge(
    state: &App,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    req: MergeOrganisation,
) -> Result<Merged, AppError> {
    let txn = begin(&state.db).await?;
    let before = load_for(&txn, caller, id, Action::MergeOrganisation, expected).await?;
    let target = orgs::get(&txn, req.into_id)
        .await
        .ok()
        .filter(|t| authorize(&caller.actor, Action::MergeOrganisation, &t.scope()).is_ok())
        .ok_or_else(|| {
            AppError::field(
                "into_id",
                "not_found",
                "no such organisation you may merge into",
            )
        })?;
    check_merge(
        (before.id, before.kind, before.status),
        (target.id, target.kind, target.status),
    )
    .map_err(|e| AppError::Conflict {
        code: e.code(),
        detail: e.to_string(),
    })?;
    let now = caller.at.now;
    let effective_on = req
        .effective_on
        .unwrap_or_else(|| tgpl_domain::calendar::vietnam_date(now));
    let meta = caller.audit();

    // Children move under the target; a merged centre's branches join the target centre.
    let children: Vec<Uuid> = orgs::active_children(&txn, id)
        .await?
        .iter()
        .map(|c| c.id)
        .collect();
    let children_moved =
        orgs::reparent_children(&txn, id, target.id, target.centre_id, target.province_code)
            .await?;
    practitioners::retarget_scope(&txn, &children, target.centre_id, target.province_code).await?;
    users::retarget_scope(&txn, &children, target.centre_id, target.province_code).await?;
    // The cases of the merged unit and its branches are the target's to
    // manage now, and roll up to its province (each keeps its own unit).
    let mut handled_by: Vec<Uuid> = children.clone();
    handled_by.push(id);
    cases::retarget_scope(
        &txn,
        &handled_by,
        target.centre_id,
        target.province_code,
        now,
    )
    .await?;

    // Practitioners transfer, with history.
    let moving = practitioners::active_in_org(&txn, id).await?;
    for p in &moving {
        let mut moved = p.clone();
        moved.organisation_id = target.id;
        moved.centre_id = target.centre_id;
        moved.province_code = target.province_code;
        moved.version += 1;
        moved.updated_at = now;
        practitioners::save(&txn, &moved, p.version).await?;
        practitioners::insert_transfer(
            &txn,
            &Transfer {
                id: Uuid::now_v7(),
                practitioner_id: p.id,
                from_organisation_id: id,
                to_organisation_id: target.id,
                effective_on,
                reason: Some(format!("Hợp nhất vào {}", target.name)),
                recorded_by: Some(caller.actor.user_id),
                created_at: now,
            },
        )
        .await?;
    }
    // Accounts follow their organisation.
    let accounts = users::in_org(&txn, id).await?;
    for u in &accounts {
        let mut moved = u.clone();
        moved.organisation_id = target.id;
        moved.centre_id = target.centre_id;
        moved.province_code = target.province_code;
        moved.version += 1;
        moved.updated_at = now;
        users::save(&txn, &moved, u.version).await?;
    }

    let mut merged = before.clone();
    merged.status = OrgStatus::Merged;
    merged.merged_into_id = Some(target.id);
    merged.merged_on = Some(effective_on);
    merged.version += 1;
    merged.updated_at = now;
    orgs::save(&txn, &merged, expected).await?;
    audit::record(
        &txn,
        &meta,
        change("organisation.merge", &merged, Some(&before), Some(&merged)),
    )
    .await?;
    commit(txn).await?;
    Ok(Merged {
        merged,
        into: target,
        children_moved,
        practitioners_moved: moving.len() as u64,
        users_moved: accounts.len() as u64,
    })
}
