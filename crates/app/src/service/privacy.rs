//! The person's rights over their data (Law 91/2025; DOMAIN §11; issue
//! #12). A person asks for a copy of what is held about them, a correction
//! or a deletion: online with their receipt's code and secret, or at the
//! unit, where the data-protection officer records it. The officer answers
//! within the period of its kind (reference data). A correction and a
//! deletion are acts on the case aggregate, written with their audit entry
//! and outbox event in one transaction; a deletion also removes the person
//! from every text and stored value that names them.
use super::public::lookup::open;
use super::{begin, clearable, commit, expect_version, found, page_request, rule};
use crate::error::{AppError, Fields};
use crate::{App, Caller, Visitor};
use tgpl_api_model::privacy::{
    AnswerSubjectRequest, CorrectPersonalData, NewSubjectRequest, PublicSubjectRequest,
    SubjectRequestQuery,
};
use tgpl_db::audit::{self, Change};
use tgpl_db::privacy::{self as repo, SubjectRequestFilter};
use tgpl_db::read_audit::Shown;
use tgpl_db::{Page, cases, events, reference};
use tgpl_domain::case::{Case, Channel, PartyCorrection, PartyRole};
use tgpl_domain::clock::Moment;
use tgpl_domain::policy::{Action, Resource, read_filter};
use tgpl_domain::privacy::{
    Erasure, PrivacyError, SubjectRequest, SubjectRequestKind, SubjectRequestStatus,
};
use uuid::Uuid;

const ENTITY: &str = "subject_request";

fn refused(e: PrivacyError) -> AppError {
    match e {
        PrivacyError::AnswerTooShort | PrivacyError::TooLong => {
            AppError::field("answer", e.code(), e.to_string())
        }
        _ => AppError::Conflict {
            code: e.code(),
            detail: e.to_string(),
        },
    }
}

/// An audit entry naming the request and its step, no personal values.
fn change<'a>(action: &'a str, r: &SubjectRequest) -> Change<'a, serde_json::Value> {
    Change {
        action,
        entity: ENTITY,
        entity_id: r.id,
        scope: r.scope(),
        before: None,
        after: None,
    }
}

/// What the person asked, as received.
struct Asked {
    party_id: Uuid,
    kind: SubjectRequestKind,
    channel: Channel,
    details: Option<String>,
    received_on: chrono::NaiveDate,
    recorded_by: Option<Uuid>,
}

/// A new request about a party of `case`, due by the period in force.
async fn build(
    state: &App,
    case: &Case,
    asked: Asked,
    at: Moment,
) -> Result<SubjectRequest, AppError> {
    let Asked {
        party_id,
        kind,
        channel,
        details,
        received_on,
        recorded_by,
    } = asked;
    let read = state.db.read();
    let periods = reference::subject_request_periods(read, received_on).await?;
    let calendar = reference::calendar(read).await?;
    let scope = case.scope();
    Ok(SubjectRequest {
        id: Uuid::now_v7(),
        kind,
        status: SubjectRequestStatus::Received,
        case_id: case.id,
        party_id,
        channel,
        details: details
            .map(|d| d.trim().to_owned())
            .filter(|d| !d.is_empty()),
        received_at: at.now,
        received_on,
        due_on: periods.due_on(&calendar, kind, received_on),
        recorded_by,
        answered_at: None,
        answered_by: None,
        answer: None,
        organisation_id: case.organisation_id,
        centre_id: scope.centre_id,
        province: scope.province,
        version: 1,
    })
}

async fn insert(state: &App, r: &SubjectRequest, meta: &audit::AuditMeta) -> Result<(), AppError> {
    let txn = begin(&state.db).await?;
    repo::insert(&txn, r).await?;
    audit::record(&txn, meta, change("privacy.request_received", r)).await?;
    commit(txn).await
}

/// A request the officer records for a person at the unit.
pub async fn create(
    state: &App,
    caller: &Caller,
    req: NewSubjectRequest,
) -> Result<SubjectRequest, AppError> {
    let case = cases::get(state.db.read(), req.case_id)
        .await
        .map_err(found("case"))?;
    caller.authorize(Action::HandleSubjectRequest, &case.scope(), "case")?;
    let mut f = Fields::new();
    let party_id = match req.party_id {
        Some(id) if case.parties.iter().any(|p| p.id == id) => Some(id),
        Some(_) => {
            f.push(
                "party_id",
                "privacy.no_such_party",
                "the case names no such party",
            );
            None
        }
        None => beneficiary(&case),
    };
    let received_on = req.received_on.unwrap_or(caller.at.today);
    if received_on > caller.at.today {
        f.push(
            "received_on",
            "in_future",
            "the day received cannot be in the future",
        );
    }
    f.finish()?;
    let party_id = party_id.ok_or_else(|| {
        AppError::field(
            "party_id",
            "privacy.no_such_party",
            "name the person's party",
        )
    })?;
    let asked = Asked {
        party_id,
        kind: req.kind,
        channel: req.channel.unwrap_or(Channel::InPerson),
        details: req.details,
        received_on,
        recorded_by: Some(caller.actor.user_id),
    };
    let r = build(state, &case, asked, caller.at).await?;
    insert(state, &r, &caller.audit()).await?;
    Ok(r)
}

fn beneficiary(case: &Case) -> Option<Uuid> {
    case.parties
        .iter()
        .find(|p| p.role == PartyRole::Beneficiary)
        .map(|p| p.id)
}

/// A beneficiary's request sent online, opened like the progress lookup
/// (its limits and lock on wrong secrets).
pub async fn submit(
    state: &App,
    visitor: &Visitor,
    req: PublicSubjectRequest,
) -> Result<SubjectRequest, AppError> {
    let item = open(state, visitor, &req.opener(), None).await?;
    let case_id = item.followed_case().ok_or_else(|| AppError::Conflict {
        code: "privacy.no_case_yet",
        detail: "the centre has not taken the request in yet; ask it at the centre or withdraw the consent"
            .into(),
    })?;
    let case = cases::get(state.db.read(), case_id).await?;
    let party_id = beneficiary(&case).ok_or(AppError::NotFound("case"))?;
    let asked = Asked {
        party_id,
        kind: req.kind,
        channel: Channel::Electronic,
        details: req.details,
        received_on: visitor.at.today,
        recorded_by: None,
    };
    let r = build(state, &case, asked, visitor.at).await?;
    insert(state, &r, &visitor.audit()).await?;
    Ok(r)
}

/// A request with the case's code and the person's name as it reads now.
pub struct RequestView {
    pub request: SubjectRequest,
    pub case_code: Option<String>,
    pub party_role: Option<PartyRole>,
    pub person_name: Option<String>,
}

async fn views(state: &App, items: Vec<SubjectRequest>) -> Result<Vec<RequestView>, AppError> {
    // One query for the page's cases (with their parties), not one a row.
    let mut ids: Vec<Uuid> = items.iter().map(|r| r.case_id).collect();
    ids.sort();
    ids.dedup();
    let cases: std::collections::HashMap<Uuid, Case> = cases::with_parties(state.db.read(), &ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    Ok(items
        .into_iter()
        .map(|request| {
            let case = cases.get(&request.case_id);
            let party = case.and_then(|c| c.parties.iter().find(|p| p.id == request.party_id));
            RequestView {
                case_code: case.and_then(|c| c.code.as_ref().map(|k| k.to_string())),
                party_role: party.map(|p| p.role),
                person_name: party.map(|p| p.full_name.clone()),
                request,
            }
        })
        .collect())
}

pub async fn list(
    state: &App,
    caller: &Caller,
    q: SubjectRequestQuery,
) -> Result<Page<RequestView>, AppError> {
    let mut f = Fields::new();
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    f.finish()?;
    let visible = read_filter(&caller.actor, Resource::SubjectRequest);
    if visible == tgpl_domain::ScopeFilter::Nothing {
        return Err(AppError::Forbidden(
            "your role does not handle personal-data requests",
        ));
    }
    let filter = SubjectRequestFilter {
        status: q.status,
        kind: q.kind,
        case_id: q.case_id,
        overdue_on: q.overdue.unwrap_or(false).then_some(caller.at.today),
    };
    let page = repo::list(state.db.read(), visible, &filter, page.unwrap_or_default()).await?;
    // The queue names people and what they asked: a read of personal data.
    let shown = Shown {
        action: "privacy.list_read",
        entity: ENTITY,
        reader: caller.place(),
        records: page.items.iter().map(|r| (r.id, r.scope())).collect(),
    };
    state
        .db
        .reads_audit()
        .record_list(&caller.audit(), shown)
        .await?;
    Ok(Page {
        items: views(state, page.items).await?,
        next: page.next,
        total: None,
    })
}

async fn load(
    state: &App,
    caller: &Caller,
    id: Uuid,
    action: Action,
) -> Result<SubjectRequest, AppError> {
    let r = repo::get(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    caller.authorize(action, &r.scope(), ENTITY)?;
    Ok(r)
}

async fn view(state: &App, r: SubjectRequest) -> Result<RequestView, AppError> {
    views(state, vec![r])
        .await?
        .pop()
        .ok_or(AppError::NotFound(ENTITY))
}

pub async fn get(state: &App, caller: &Caller, id: Uuid) -> Result<RequestView, AppError> {
    let r = load(state, caller, id, Action::Read(Resource::SubjectRequest)).await?;
    state
        .db
        .reads_audit()
        .record(&caller.audit(), change("privacy.request_read", &r))
        .await?;
    view(state, r).await
}

/// Closes the request in the caller's transaction.
async fn close<C: tgpl_db::ConnectionTrait>(
    txn: &C,
    caller: &Caller,
    r: &SubjectRequest,
    action: &str,
) -> Result<(), AppError> {
    repo::save(txn, r, caller.at.now).await?;
    audit::record(txn, &caller.audit(), change(action, r)).await?;
    Ok(())
}

/// The copy was handed to the person (an access request).
pub async fn provide(
    state: &App,
    caller: &Caller,
    id: Uuid,
    req: AnswerSubjectRequest,
) -> Result<RequestView, AppError> {
    let mut r = load(state, caller, id, Action::HandleSubjectRequest).await?;
    expect_version(r.version, req.version)?;
    r.complete(
        SubjectRequestKind::Access,
        &req.answer,
        caller.actor.user_id,
        caller.at.now,
    )
    .map_err(refused)?;
    let txn = begin(&state.db).await?;
    close(&txn, caller, &r, "privacy.access_provided").await?;
    commit(txn).await?;
    r.version += 1;
    view(state, r).await
}

pub async fn refuse(
    state: &App,
    caller: &Caller,
    id: Uuid,
    req: AnswerSubjectRequest,
) -> Result<RequestView, AppError> {
    let mut r = load(state, caller, id, Action::HandleSubjectRequest).await?;
    expect_version(r.version, req.version)?;
    r.refuse(&req.answer, caller.actor.user_id, caller.at.now)
        .map_err(refused)?;
    let txn = begin(&state.db).await?;
    close(&txn, caller, &r, "privacy.request_refused").await?;
    commit(txn).await?;
    r.version += 1;
    view(state, r).await
}

/// Corrects the person's data as they asked, and closes the request.
pub async fn correct(
    state: &App,
    caller: &Caller,
    id: Uuid,
    req: CorrectPersonalData,
) -> Result<RequestView, AppError> {
    let mut r = load(state, caller, id, Action::HandleSubjectRequest).await?;
    expect_version(r.version, req.version)?;
    r.may_complete(SubjectRequestKind::Correction)
        .map_err(refused)?;
    let mut f = Fields::new();
    // A phone given is parsed like intake's; an empty one clears it.
    let phone = match clearable(req.phone) {
        Some(Some(p)) => f
            .check("phone", tgpl_domain::PhoneNumber::parse(&p))
            .map(|p| Some(p.as_str().to_owned())),
        other => other,
    };
    f.finish()?;
    let correction = PartyCorrection {
        full_name: req.full_name,
        sex: clearable(req.sex),
        date_of_birth: req.date_of_birth.map(Some),
        procedural_role: None,
        ethnicity: clearable(req.ethnicity),
        address: clearable(req.address),
        phone,
        id_number: clearable(req.id_number),
    };
    let at = caller.at;
    let txn = begin(&state.db).await?;
    let before = cases::get(&txn, r.case_id).await.map_err(found("case"))?;
    let mut case = before.clone();
    let events = case
        .correct_party(r.party_id, correction, at)
        .map_err(rule)?;
    r.complete(
        SubjectRequestKind::Correction,
        &req.answer,
        caller.actor.user_id,
        at.now,
    )
    .map_err(refused)?;
    cases::save(&txn, &case, before.version).await?;
    repo::save_parties(&txn, &case).await?;
    audit::record(
        &txn,
        &caller.audit(),
        Change {
            action: "case.party_corrected",
            entity: "case",
            entity_id: case.id,
            scope: case.scope(),
            before: Some(&before),
            after: Some(&case),
        },
    )
    .await?;
    close(&txn, caller, &r, "privacy.correction_made").await?;
    events::append(&txn, &case, &events, Some(caller.actor.user_id), at.now).await?;
    commit(txn).await?;
    r.version += 1;
    view(state, r).await
}

/// What a deletion did.
pub struct Deleted {
    pub request: RequestView,
    pub erasure: Erasure,
}

/// Deletes the person's data and closes the request: a refused request is
/// erased (its people, summary and papers); a case that entered the
/// register is kept and still counted, without the person.
pub async fn delete(
    state: &App,
    caller: &Caller,
    id: Uuid,
    req: AnswerSubjectRequest,
) -> Result<Deleted, AppError> {
    let mut r = load(state, caller, id, Action::HandleSubjectRequest).await?;
    expect_version(r.version, req.version)?;
    r.may_complete(SubjectRequestKind::Deletion)
        .map_err(refused)?;
    let at = caller.at;
    let txn = begin(&state.db).await?;
    let before = cases::get(&txn, r.case_id).await.map_err(found("case"))?;
    let mut case = before.clone();
    let done = case.delete_personal_data(r.party_id, at).map_err(rule)?;
    let erasure = done.erasure;
    r.complete(
        SubjectRequestKind::Deletion,
        &req.answer,
        caller.actor.user_id,
        at.now,
    )
    .map_err(refused)?;
    cases::save(&txn, &case, before.version).await?;
    repo::save_parties(&txn, &case).await?;
    let scrubbed = repo::scrub_case(&txn, case.id, &done.identities).await?;
    let keys = if erasure == Erasure::Erase {
        repo::withdraw_documents(
            &txn,
            case.id,
            caller.actor.user_id,
            at.now,
            "Xóa dữ liệu cá nhân theo yêu cầu (Luật 91/2025/QH15)",
        )
        .await?
    } else {
        Vec::new()
    };
    // The entry says what was done, never whom it named.
    audit::record(
        &txn,
        &caller.audit(),
        Change {
            action: "case.personal_data_deleted",
            entity: "case",
            entity_id: case.id,
            scope: case.scope(),
            before: None,
            after: Some(&serde_json::json!({
                "party_id": r.party_id,
                "erasure": erasure,
                "scrubbed": scrubbed,
                "documents_erased": keys.len(),
            })),
        },
    )
    .await?;
    close(&txn, caller, &r, "privacy.deletion_made").await?;
    events::append(
        &txn,
        &case,
        &done.events,
        Some(caller.actor.user_id),
        at.now,
    )
    .await?;
    commit(txn).await?;
    // The objects go once the rows that named them are committed; an object
    // another live record still holds stays (the sweep reclaims the rest).
    for key in keys {
        if !repo::held_by_live_document(state.db.read(), &key).await?
            && let Err(e) = state.store.delete(&key).await
        {
            tracing::warn!(error = %e, "erased document object left for the sweep");
        }
    }
    r.version += 1;
    Ok(Deleted {
        request: view(state, r).await?,
        erasure,
    })
}

pub mod export;
pub use export::export;
