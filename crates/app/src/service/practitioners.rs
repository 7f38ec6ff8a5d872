use super::{begin, commit, expect_version, found, page_request, patch_text};
use crate::App;
use crate::Caller;
use crate::error::{AppError, Fields};
use tgpl_api_model::practitioners::{
    CreatePractitioner, PractitionerQuery, TransferPractitioner, UpdatePractitioner,
};
use tgpl_db::audit::{self, Change};
use tgpl_db::practitioners::{self as repo, PractitionerFilter};
use tgpl_db::{DatabaseTransaction, Page, organisations as orgs};
use tgpl_domain::policy::{Action, Resource, authorize, read_filter};
use tgpl_domain::practitioner::check_practitioner;
use tgpl_domain::records::{Organisation, Practitioner, Transfer};
use tgpl_domain::{CardNumber, OrgStatus, PhoneNumber, PractitionerStatus, ProvinceCode};
use uuid::Uuid;

const ENTITY: &str = "practitioner";

pub async fn get(state: &App, caller: &Caller, id: Uuid) -> Result<Practitioner, AppError> {
    let p = repo::get(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    caller.authorize(Action::Read(Resource::Practitioner), &p.scope(), ENTITY)?;
    Ok(p)
}

pub async fn list(
    state: &App,
    caller: &Caller,
    q: PractitionerQuery,
) -> Result<Page<Practitioner>, AppError> {
    let mut f = Fields::new();
    let province = f.optional("province", q.province.as_deref(), ProvinceCode::parse);
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    f.finish()?;
    let filter = PractitionerFilter {
        kind: q.kind,
        province,
        organisation_id: q.organisation_id,
        status: q.status,
        q: q.q,
    };
    let visible = read_filter(&caller.actor, Resource::Practitioner);
    Ok(repo::list(state.db.read(), visible, &filter, page.unwrap_or_default()).await?)
}

pub async fn transfers(state: &App, caller: &Caller, id: Uuid) -> Result<Vec<Transfer>, AppError> {
    get(state, caller, id).await?;
    Ok(repo::transfers(state.db.read(), id).await?)
}

/// An organisation the caller can see, or a 422 on `field`.
async fn visible_org(
    txn: &DatabaseTransaction,
    caller: &Caller,
    id: Uuid,
    field: &str,
) -> Result<Organisation, AppError> {
    orgs::get(txn, id)
        .await
        .ok()
        .filter(|o| read_filter(&caller.actor, Resource::Organisation).contains(&o.scope()))
        .ok_or_else(|| AppError::field(field, "not_found", "no such organisation"))
}

fn phone(f: &mut Fields, input: Option<&str>) -> Option<String> {
    let input = input.map(str::trim).filter(|s| !s.is_empty());
    f.optional("phone", input, PhoneNumber::parse)
        .map(String::from)
}

fn change<'a>(
    action: &'a str,
    p: &Practitioner,
    before: Option<&'a Practitioner>,
    after: Option<&'a Practitioner>,
) -> Change<'a, Practitioner> {
    Change {
        action,
        entity: ENTITY,
        entity_id: p.id,
        scope: p.scope(),
        before,
        after,
    }
}

pub async fn create(
    state: &App,
    caller: &Caller,
    req: CreatePractitioner,
) -> Result<Practitioner, AppError> {
    let mut f = Fields::new();
    let card = f.check("card_number", CardNumber::parse(&req.card_number));
    let phone = phone(&mut f, req.phone.as_deref());
    f.finish()?;

    let txn = begin(&state.db).await?;
    let org = visible_org(&txn, caller, req.organisation_id, "organisation_id").await?;
    check_practitioner(
        req.kind,
        org.kind,
        org.status == OrgStatus::Active,
        req.contract_start,
        req.contract_end,
    )
    .map_err(|e| AppError::field(e.field(), e.code(), e.to_string()))?;
    let now = caller.at.now;
    let p = Practitioner {
        id: Uuid::now_v7(),
        full_name: req.full_name.trim().to_owned(),
        kind: req.kind,
        card_number: card.map(String::from).unwrap_or_default(),
        organisation_id: org.id,
        province_code: org.province_code,
        centre_id: org.centre_id,
        status: PractitionerStatus::Active,
        sex: req.sex.map(|s| s.as_str().to_owned()),
        date_of_birth: req.date_of_birth,
        phone,
        email: req.email.filter(|e| !e.trim().is_empty()),
        contract_start: req.contract_start,
        contract_end: req.contract_end,
        annual_quota: req.annual_quota,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    caller.authorize(Action::CreatePractitioner, &p.scope(), ENTITY)?;
    repo::insert(&txn, &p).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("practitioner.create", &p, None, Some(&p)),
    )
    .await?;
    commit(txn).await?;
    Ok(p)
}

async fn load_for(
    txn: &DatabaseTransaction,
    caller: &Caller,
    id: Uuid,
    action: Action,
    expected: i32,
) -> Result<Practitioner, AppError> {
    let p = repo::get(txn, id).await.map_err(found(ENTITY))?;
    caller.authorize(action, &p.scope(), ENTITY)?;
    expect_version(p.version, expected)?;
    Ok(p)
}

pub async fn update(
    state: &App,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    req: UpdatePractitioner,
) -> Result<Practitioner, AppError> {
    let mut f = Fields::new();
    let card = f.optional("card_number", req.card_number.as_deref(), CardNumber::parse);
    let new_phone = req.phone.as_deref().map(|p| phone(&mut f, Some(p)));
    if req.status == Some(PractitionerStatus::Left) {
        f.push(
            "status",
            "use_deactivate",
            "to record that a practitioner left, use POST …/deactivate",
        );
    }
    f.finish()?;

    let txn = begin(&state.db).await?;
    let before = load_for(&txn, caller, id, Action::UpdatePractitioner, expected).await?;
    let mut p = before.clone();
    if let Some(n) = req.full_name {
        p.full_name = n.trim().to_owned();
    }
    if let Some(c) = card {
        p.card_number = c.into();
    }
    if let Some(s) = req.status {
        p.status = s;
    }
    if let Some(s) = req.sex {
        p.sex = Some(s.as_str().to_owned());
    }
    p.date_of_birth = req.date_of_birth.or(p.date_of_birth);
    if let Some(ph) = new_phone {
        p.phone = ph;
    }
    patch_text(&mut p.email, req.email);
    p.contract_start = req.contract_start.or(p.contract_start);
    p.contract_end = req.contract_end.or(p.contract_end);
    p.annual_quota = req.annual_quota.or(p.annual_quota);
    let org = orgs::get(&txn, p.organisation_id).await?;
    check_practitioner(p.kind, org.kind, true, p.contract_start, p.contract_end)
        .map_err(|e| AppError::field(e.field(), e.code(), e.to_string()))?;
    p.version += 1;
    p.updated_at = caller.at.now;
    repo::save(&txn, &p, expected).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("practitioner.update", &p, Some(&before), Some(&p)),
    )
    .await?;
    commit(txn).await?;
    Ok(p)
}

/// Records that a practitioner left (status `left`); the record stays.
pub async fn deactivate(
    state: &App,
    caller: &Caller,
    id: Uuid,
    expected: i32,
) -> Result<Practitioner, AppError> {
    let txn = begin(&state.db).await?;
    let before = load_for(&txn, caller, id, Action::DeactivatePractitioner, expected).await?;
    if before.status == PractitionerStatus::Left {
        return Err(AppError::Conflict {
            code: "practitioner.already_left",
            detail: "the practitioner is already recorded as having left".into(),
        });
    }
    let mut p = before.clone();
    p.status = PractitionerStatus::Left;
    p.version += 1;
    p.updated_at = caller.at.now;
    repo::save(&txn, &p, expected).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("practitioner.deactivate", &p, Some(&before), Some(&p)),
    )
    .await?;
    commit(txn).await?;
    Ok(p)
}

pub async fn transfer(
    state: &App,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    req: TransferPractitioner,
) -> Result<Practitioner, AppError> {
    let txn = begin(&state.db).await?;
    let before = load_for(&txn, caller, id, Action::TransferPractitioner, expected).await?;
    let to = visible_org(&txn, caller, req.to_organisation_id, "to_organisation_id").await?;
    if to.id == before.organisation_id {
        return Err(AppError::field(
            "to_organisation_id",
            "same_organisation",
            "the practitioner already works there",
        ));
    }
    if before.status == PractitionerStatus::Left {
        return Err(AppError::Conflict {
            code: "practitioner.already_left",
            detail: "a practitioner who left cannot be transferred".into(),
        });
    }
    check_practitioner(
        before.kind,
        to.kind,
        to.status == OrgStatus::Active,
        before.contract_start,
        before.contract_end,
    )
    .map_err(|e| AppError::field("to_organisation_id", e.code(), e.to_string()))?;
    let now = caller.at.now;
    let mut p = before.clone();
    p.organisation_id = to.id;
    p.centre_id = to.centre_id;
    p.province_code = to.province_code;
    p.version += 1;
    p.updated_at = now;
    // The receiving side must be within the caller's powers too.
    authorize(&caller.actor, Action::TransferPractitioner, &p.scope()).map_err(|_| {
        AppError::field(
            "to_organisation_id",
            "not_permitted",
            "you cannot move practitioners into that organisation",
        )
    })?;
    repo::save(&txn, &p, expected).await?;
    repo::insert_transfer(
        &txn,
        &Transfer {
            id: Uuid::now_v7(),
            practitioner_id: p.id,
            from_organisation_id: before.organisation_id,
            to_organisation_id: to.id,
            effective_on: req
                .effective_on
                .unwrap_or_else(|| tgpl_domain::calendar::vietnam_date(now)),
            reason: req.reason,
            recorded_by: Some(caller.actor.user_id),
            created_at: now,
        },
    )
    .await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("practitioner.transfer", &p, Some(&before), Some(&p)),
    )
    .await?;
    commit(txn).await?;
    Ok(p)
}
