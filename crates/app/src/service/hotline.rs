//! The legal-aid hotline (issue #12). An operator records each call in the
//! log of their unit (the national hotline at the ministry's data centre,
//! or a centre's own): caller, topic, advice, duration. A call passed on
//! becomes a request in the right centre's intake queue (channel
//! `hotline`) with a tracking code and secret the operator reads to the
//! caller; a promised callback is due within the window of office time the
//! reference data sets, and a missed one is flagged.
use super::public::{consent_faults, intake_change, receiving_centre, secret_hash};
use super::{begin, commit, expect_version, found, non_empty, page_request};
use crate::error::{AppError, Fields};
use crate::{App, Caller};
use chrono::Duration;
use tgpl_api_model::hotline::{CallForward, CallQuery, CalledBack, NewCall};
use tgpl_db::audit::{self, Change};
use tgpl_db::hotline::{self as repo, CallFilter};
use tgpl_db::read_audit::Shown;
use tgpl_db::{Page, intake, reference};
use tgpl_domain::case::Channel;
use tgpl_domain::eligibility::normalise_code;
use tgpl_domain::intake::hotline::{Call, CallError, CallOutcome};
use tgpl_domain::intake::{
    IntakeItem, IntakeStatus, PersonDetails, RequestDetails, TrackingCode, secret_from_random,
};
use tgpl_domain::policy::{Action, Resource, read_filter};
use tgpl_domain::records::Organisation;
use tgpl_domain::{PhoneNumber, ProvinceCode};
use uuid::Uuid;

const ENTITY: &str = "hotline_call";

fn refused(e: CallError) -> AppError {
    match e {
        CallError::CallbackWithoutPhone => AppError::field("caller_phone", e.code(), e.to_string()),
        CallError::ImplausibleDuration => {
            AppError::field("duration_seconds", e.code(), e.to_string())
        }
        _ => AppError::Conflict {
            code: e.code(),
            detail: e.to_string(),
        },
    }
}

fn change<'a>(action: &'a str, c: &Call) -> Change<'a, serde_json::Value> {
    Change {
        action,
        entity: ENTITY,
        entity_id: c.id,
        scope: c.scope(),
        before: None,
        after: None,
    }
}

/// A call recorded, and the request it became (with the secret, shown once).
pub struct Recorded {
    pub call: Call,
    pub forwarded: Option<(IntakeItem, String, Organisation)>,
}

/// The intake item a forwarded call becomes, at the chosen centre.
async fn forwarded_item(
    state: &App,
    caller: &Caller,
    f: &mut Fields,
    call: &Call,
    fw: CallForward,
) -> Result<Option<(IntakeItem, String, Organisation)>, AppError> {
    // Read to the caller, who agreed.
    consent_faults(f, "forward.", fw.consent, &fw.consent_version);
    let Some(name) = call.caller_name.clone() else {
        f.push(
            "caller_name",
            "hotline.caller_name_required",
            "a request needs the caller's name",
        );
        return Ok(None);
    };
    if call.caller_phone.is_none() {
        f.push(
            "caller_phone",
            "public.phone_required",
            "a request needs a phone number the centre can call",
        );
    }
    let province = f.optional(
        "forward.province",
        fw.province.as_deref(),
        ProvinceCode::parse,
    );
    let Some(centre) = receiving_centre(state, f, fw.organisation_id, province).await? else {
        return Ok(None);
    };
    let details = RequestDetails {
        beneficiary: None,
        requester: PersonDetails {
            full_name: name,
            date_of_birth: None,
            sex: None,
            phone: call.caller_phone.clone(),
            address: None,
            ethnicity: None,
            id_number: None,
        },
        categories: fw.categories.iter().map(|c| normalise_code(c)).collect(),
        procedural_role: None,
        form_of_aid: fw.form_of_aid,
        field_of_law: fw.field_of_law,
        summary: fw.summary.trim().to_owned(),
        consent_version: fw.consent_version,
    };
    let item = IntakeItem {
        id: Uuid::now_v7(),
        tracking_code: TrackingCode::from_random(rand::random()),
        status: IntakeStatus::Pending,
        channel: Channel::Hotline,
        organisation_id: centre.id,
        centre_id: centre.centre_id,
        province_code: centre.province_code,
        received_at: caller.at.now,
        received_on: caller.at.today,
        details,
        case_id: None,
        merged_into: None,
        rejection_reason: None,
        decided_at: None,
        decided_by: None,
        version: 1,
    };
    Ok(Some((item, secret_from_random(rand::random()), centre)))
}

pub async fn record(state: &App, caller: &Caller, req: NewCall) -> Result<Recorded, AppError> {
    let actor = &caller.actor;
    let mut call = Call {
        id: Uuid::now_v7(),
        operator_id: actor.user_id,
        org_id: actor.org_id,
        centre_id: actor.centre_id,
        province: actor.province,
        caller_name: non_empty(req.caller_name.map(|n| n.trim().to_owned())),
        caller_phone: None,
        topic: req.topic.trim().to_owned(),
        field_of_law: req.field_of_law,
        advice: non_empty(req.advice.map(|a| a.trim().to_owned())),
        outcome: req.outcome,
        started_at: req
            .started_at
            .unwrap_or_else(|| caller.at.now - Duration::seconds(i64::from(req.duration_seconds))),
        duration_seconds: req.duration_seconds,
        intake_id: None,
        callback_due_at: None,
        called_back_at: None,
        version: 1,
    };
    caller.authorize(Action::RecordCall, &call.scope(), ENTITY)?;
    let mut f = Fields::new();
    let phone = req
        .caller_phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    call.caller_phone = f
        .optional("caller_phone", phone, PhoneNumber::parse)
        .map(String::from);
    if call.started_at > caller.at.now {
        f.push(
            "started_at",
            "hotline.in_future",
            "a call cannot start in the future",
        );
    }
    if let Err(e) = call.outcome.check_request(req.forward.is_some()) {
        f.push("forward", e.code(), e.to_string());
    }
    let forwarded = match req.forward {
        Some(fw) if call.outcome == CallOutcome::Forwarded => {
            forwarded_item(state, caller, &mut f, &call, fw).await?
        }
        _ => None,
    };
    f.finish()?;
    let read = state.db.read();
    let calendar = reference::calendar(read).await?;
    let window = reference::callback_minutes(read, caller.at.today).await?;
    call.check(&calendar, window).map_err(refused)?;
    call.intake_id = forwarded.as_ref().map(|(item, _, _)| item.id);
    let txn = begin(&state.db).await?;
    if let Some((item, secret, _)) = &forwarded {
        intake::insert(&txn, item, &secret_hash(&item.tracking_code, secret)).await?;
        super::public::record_consent(&txn, item).await?;
        audit::record(
            &txn,
            &caller.audit(),
            intake_change("intake.submitted", item),
        )
        .await?;
    }
    repo::insert(&txn, &call, caller.at.now).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("hotline.call_recorded", &call),
    )
    .await?;
    commit(txn).await?;
    Ok(Recorded { call, forwarded })
}

pub async fn list(state: &App, caller: &Caller, q: CallQuery) -> Result<Page<Call>, AppError> {
    let mut f = Fields::new();
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    f.finish()?;
    let visible = read_filter(&caller.actor, Resource::HotlineCall);
    let filter = CallFilter {
        callback_missed_at: q.callback_missed.unwrap_or(false).then_some(caller.at.now),
        callback_pending: q.callback_pending.unwrap_or(false),
    };
    let page = repo::list(state.db.read(), visible, &filter, page.unwrap_or_default()).await?;
    // The log shows callers' names and numbers: a read of personal data.
    let shown = Shown {
        action: "hotline.list_read",
        entity: ENTITY,
        reader: caller.place(),
        records: page.items.iter().map(|c| (c.id, c.scope())).collect(),
    };
    state
        .db
        .reads_audit()
        .record_list(&caller.audit(), shown)
        .await?;
    Ok(page)
}

async fn load(state: &App, caller: &Caller, id: Uuid, action: Action) -> Result<Call, AppError> {
    let c = repo::get(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    caller.authorize(action, &c.scope(), ENTITY)?;
    Ok(c)
}

pub async fn get(state: &App, caller: &Caller, id: Uuid) -> Result<Call, AppError> {
    let c = load(state, caller, id, Action::Read(Resource::HotlineCall)).await?;
    state
        .db
        .reads_audit()
        .record(&caller.audit(), change("hotline.call_read", &c))
        .await?;
    Ok(c)
}

/// The promised callback was made (now).
pub async fn called_back(
    state: &App,
    caller: &Caller,
    id: Uuid,
    req: CalledBack,
) -> Result<Call, AppError> {
    let mut c = load(state, caller, id, Action::RecordCall).await?;
    expect_version(c.version, req.version)?;
    c.called_back(caller.at.now).map_err(refused)?;
    let txn = begin(&state.db).await?;
    repo::save_callback(&txn, &c, caller.at.now).await?;
    audit::record(&txn, &caller.audit(), change("hotline.called_back", &c)).await?;
    commit(txn).await?;
    c.version += 1;
    Ok(c)
}
