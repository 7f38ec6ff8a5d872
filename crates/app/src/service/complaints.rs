//! Complaints and recommendations about legal aid (phản ánh, kiến nghị;
//! issue #12). Anyone sends one through the public services; it goes to
//! the Justice Department of the province it concerns, or to the ministry's
//! legal-aid department, with the due dates of the periods in force. The
//! holder forwards it to the unit that must deal with it (the ministry to a
//! department, a department to a centre) and the unit answers; the sender
//! reads the answer with the receipt's code and secret. Every step is one
//! transaction with its audit entry.
use super::public::lookup::{per_address, unlock};
use super::public::{Gate, contact, first_active, form_gate, per_contact, person, secret_hash};
use super::{begin, commit, expect_version, found, page_request};
use crate::error::{AppError, Fields};
use crate::{App, Caller, Visitor};
use tgpl_api_model::complaints::{
    AnswerComplaint, ComplaintLookup, ComplaintQuery, ForwardComplaint, NewComplaint,
};
use tgpl_api_model::public::CentreContact;
use tgpl_db::audit::{self, Change};
use tgpl_db::complaints::{self as repo, ComplaintFilter};
use tgpl_db::organisations as orgs;
use tgpl_db::read_audit::Shown;
use tgpl_db::{Page, reference};
use tgpl_domain::intake::complaint::{
    Complaint, ComplaintError, ComplaintStatus, Handler, clean_text, due_dates, may_hold,
};
use tgpl_domain::intake::{TrackingCode, secret_from_random};
use tgpl_domain::policy::{Action, Resource, read_filter};
use tgpl_domain::records::Organisation;
use tgpl_domain::{OrgKind, ProvinceCode};
use uuid::Uuid;

const ENTITY: &str = "complaint";
/// Messages one address may send in an hour, and one phone number in a day.
const PER_ADDRESS_PER_HOUR: i32 = 5;
const PER_CONTACT_PER_DAY: i32 = 3;

/// A refused step; text faults belong to `field` (`answer`, `note`).
fn refused(e: ComplaintError, field: &str) -> AppError {
    match e {
        ComplaintError::AnswerTooShort | ComplaintError::TooLong => {
            AppError::field(field, e.code(), e.to_string())
        }
        _ => AppError::Conflict {
            code: e.code(),
            detail: e.to_string(),
        },
    }
}

fn handler_of(o: &Organisation) -> Handler {
    Handler {
        org_id: o.id,
        centre_id: o.centre_id,
        province: o.province_code,
    }
}

/// The body a new complaint goes to: the department of the province it
/// concerns (the named organisation's, or the one chosen), else the
/// ministry's department.
async fn receiving_body(
    state: &App,
    f: &mut Fields,
    concerned: Option<Uuid>,
    province: Option<ProvinceCode>,
) -> Result<Option<Organisation>, AppError> {
    let mut province = province;
    if let Some(id) = concerned {
        match orgs::get(state.db.read(), id).await {
            Ok(o) if OrgKind::public_directory().contains(&o.kind) => {
                province = o.province_code.or(province);
            }
            _ => {
                f.push(
                    "organisation_id",
                    "public.no_such_organisation",
                    "choose the organisation from the directory",
                );
                return Ok(None);
            }
        }
    }
    if let Some(p) = province
        && let Some(department) = first_active(state, OrgKind::JusticeDepartment, Some(p)).await?
    {
        return Ok(Some(department));
    }
    let ministry = first_active(state, OrgKind::MinistryDepartment, None).await?;
    if ministry.is_none() {
        f.push(
            "province",
            "complaint.no_handler",
            "no body can take complaints yet; call the legal-aid hotline",
        );
    }
    Ok(ministry)
}

/// What the sender keeps.
pub struct Sent {
    pub complaint: Complaint,
    pub secret: String,
    pub handler: CentreContact,
}

pub async fn submit(state: &App, visitor: &Visitor, req: NewComplaint) -> Result<Sent, AppError> {
    let now = visitor.at.now;
    let mut f = form_gate(
        state,
        visitor,
        Gate {
            key: "pubcmp-ip",
            per_hour: PER_ADDRESS_PER_HOUR,
            website: req.website.as_deref(),
            consent: req.consent,
            consent_version: &req.consent_version,
        },
    )
    .await?;
    let province = f.optional("province", req.province.as_deref(), ProvinceCode::parse);
    let complainant = person(&mut f, "complainant", req.complainant);
    if complainant.phone.is_none() {
        f.push(
            "complainant.phone",
            "public.phone_required",
            "give a phone number so the answer can reach you",
        );
    }
    let content = clean_text(&req.content).unwrap_or_default();
    let body = receiving_body(state, &mut f, req.organisation_id, province).await?;
    f.finish()?;
    let body = body.ok_or_else(|| AppError::Internal("no handler after checks".into()))?;
    if let Some(phone) = &complainant.phone {
        per_contact(state, visitor, "pubcmp-phone", phone, PER_CONTACT_PER_DAY).await?;
    }
    let today = visitor.at.today;
    let read = state.db.read();
    let periods = reference::complaint_periods(read, today).await?;
    let calendar = reference::calendar(read).await?;
    let (forward_due_on, answer_due_on) = due_dates(&calendar, periods, today);
    let secret = secret_from_random(rand::random());
    let complaint = Complaint {
        id: Uuid::now_v7(),
        code: TrackingCode::complaint_from_random(rand::random()),
        kind: req.kind,
        status: ComplaintStatus::Received,
        handler: handler_of(&body),
        concerned_org_id: req.organisation_id,
        case_code: req
            .case_code
            .map(|c| c.trim().to_uppercase())
            .filter(|c| !c.is_empty()),
        complainant,
        content,
        received_at: now,
        received_on: today,
        forward_due_on,
        answer_due_on,
        forwarded_at: None,
        forwarded_by: None,
        forward_note: None,
        answered_at: None,
        answered_by: None,
        answer: None,
        version: 1,
    };
    let txn = begin(&state.db).await?;
    repo::insert(&txn, &complaint, &secret_hash(&complaint.code, &secret)).await?;
    audit::record(
        &txn,
        &visitor.audit(),
        change("complaint.received", &complaint),
    )
    .await?;
    commit(txn).await?;
    Ok(Sent {
        complaint,
        secret,
        handler: contact(&body),
    })
}

/// An audit entry naming the complaint and its step, no personal values.
fn change<'a>(action: &'a str, c: &Complaint) -> Change<'a, serde_json::Value> {
    Change {
        action,
        entity: ENTITY,
        entity_id: c.id,
        scope: c.scope(),
        before: None,
        after: None,
    }
}

/// A complaint as its sender reads it, and the name of who holds it.
pub struct Progress {
    pub complaint: Complaint,
    pub handler_name: String,
}

/// The sender's lookup: code and secret, the lookup's limits and lock.
pub async fn lookup(
    state: &App,
    visitor: &Visitor,
    req: ComplaintLookup,
) -> Result<Progress, AppError> {
    per_address(state, visitor).await?;
    let code = TrackingCode::parse(&req.tracking_code).map_err(|e| {
        AppError::field(
            "tracking_code",
            e.code(),
            "a complaint's code looks like PA-XXXX-XXXX",
        )
    })?;
    let found = if code.is_complaint() {
        repo::by_code(state.db.read(), &code).await?
    } else {
        None
    };
    let complaint = unlock(
        state,
        visitor,
        code.as_str(),
        found,
        |c| &c.code,
        &req.secret,
    )
    .await?;
    audit::record(
        &state.db.conn,
        &visitor.audit(),
        change("complaint.progress_lookup", &complaint),
    )
    .await?;
    let handler_name = orgs::get(state.db.read(), complaint.handler.org_id)
        .await?
        .name;
    Ok(Progress {
        complaint,
        handler_name,
    })
}

pub async fn list(
    state: &App,
    caller: &Caller,
    q: ComplaintQuery,
) -> Result<Page<Complaint>, AppError> {
    let mut f = Fields::new();
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    f.finish()?;
    let visible = read_filter(&caller.actor, Resource::Complaint);
    let filter = ComplaintFilter {
        status: q.status,
        overdue_on: q.overdue.unwrap_or(false).then_some(caller.at.today),
    };
    let page = repo::list(state.db.read(), visible, &filter, page.unwrap_or_default()).await?;
    // The queue shows the senders' names and contacts: a read of personal data.
    let shown = Shown {
        action: "complaint.list_read",
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

async fn load(
    state: &App,
    caller: &Caller,
    id: Uuid,
    action: Action,
) -> Result<Complaint, AppError> {
    let c = repo::get(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    caller.authorize(action, &c.scope(), ENTITY)?;
    Ok(c)
}

pub async fn get(state: &App, caller: &Caller, id: Uuid) -> Result<Complaint, AppError> {
    let c = load(state, caller, id, Action::Read(Resource::Complaint)).await?;
    state
        .db
        .reads_audit()
        .record(&caller.audit(), change("complaint.read", &c))
        .await?;
    Ok(c)
}

async fn save(
    state: &App,
    caller: &Caller,
    c: &Complaint,
    action: &'static str,
) -> Result<(), AppError> {
    let txn = begin(&state.db).await?;
    repo::save(&txn, c, caller.at.now).await?;
    audit::record(&txn, &caller.audit(), change(action, c)).await?;
    commit(txn).await
}

/// Passes the complaint to a department, centre or branch the caller may
/// hand work to (the policy's reach for `HandleComplaint`).
pub async fn forward(
    state: &App,
    caller: &Caller,
    id: Uuid,
    req: ForwardComplaint,
) -> Result<Complaint, AppError> {
    let mut c = load(state, caller, id, Action::HandleComplaint).await?;
    expect_version(c.version, req.version)?;
    let target = orgs::get(state.db.read(), req.organisation_id)
        .await
        .map_err(found("organisation"))?;
    if !may_hold(target.kind, target.status) {
        return Err(AppError::field(
            "organisation_id",
            "complaint.not_a_handler",
            "forward to an active Justice Department, centre or branch",
        ));
    }
    caller.authorize(Action::HandleComplaint, &target.scope(), "organisation")?;
    c.forward(
        handler_of(&target),
        req.note.as_deref(),
        caller.actor.user_id,
        caller.at.now,
    )
    .map_err(|e| refused(e, "note"))?;
    save(state, caller, &c, "complaint.forwarded").await?;
    c.version += 1;
    Ok(c)
}

pub async fn answer(
    state: &App,
    caller: &Caller,
    id: Uuid,
    req: AnswerComplaint,
) -> Result<Complaint, AppError> {
    let mut c = load(state, caller, id, Action::HandleComplaint).await?;
    expect_version(c.version, req.version)?;
    c.answer(&req.answer, caller.actor.user_id, caller.at.now)
        .map_err(|e| refused(e, "answer"))?;
    save(state, caller, &c, "complaint.answered").await?;
    c.version += 1;
    Ok(c)
}
