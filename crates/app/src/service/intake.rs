//! A centre's intake queue (issue #12): online requests, hotline forwards
//! and referrals, oldest first with their age in working days. Staff turn
//! an item into a request (a case in `received`, prefilled from the form),
//! merge it with the case it repeats, or reject it as spam with a reason.
//! Each decision is one transaction with its audit entry; two clerks
//! deciding at once meet the version check.
use super::cases::{self as case_service, CaseView};
use super::{begin, commit, expect_version, found, page_request};
use crate::error::{AppError, Fields};
use crate::{App, Caller};
use tgpl_api_model::cases::{CreateCase, PartyInput};
use tgpl_api_model::public::{ConvertIntake, IntakeQuery, MergeIntake, RejectIntake};
use tgpl_db::audit;
use tgpl_db::intake::{self as repo, Attachment, IntakeFilter};
use tgpl_db::read_audit::Shown;
use tgpl_db::{Page, cases as case_repo, documents, reference};
use tgpl_domain::case::PartyRole;
use tgpl_domain::case::document::{CaseStep, Document, DocumentKind};
use tgpl_domain::eligibility::{ClaimedCategory, Verdict, normalise_code};
use tgpl_domain::intake::{IntakeError, IntakeItem, IntakeStatus, PersonDetails};
use tgpl_domain::policy::{Action, Resource, read_filter};
use uuid::Uuid;

const ENTITY: &str = "intake";

/// An item as the queue shows it.
pub struct QueueItem {
    pub item: IntakeItem,
    pub attachments: Vec<Attachment>,
    pub age_working_days: u32,
}

fn decision_error(e: IntakeError) -> AppError {
    match e {
        IntakeError::ReasonRequired => AppError::field("reason", e.code(), e.to_string()),
        _ => AppError::Conflict {
            code: e.code(),
            detail: e.to_string(),
        },
    }
}

/// Items as the queue shows them: their attachments (one query for all)
/// and their age in working days by the holiday calendar.
async fn queue_items(
    state: &App,
    caller: &Caller,
    items: Vec<IntakeItem>,
) -> Result<Vec<QueueItem>, AppError> {
    let conn = state.db.read();
    let calendar = reference::calendar(conn).await?;
    let ids: Vec<Uuid> = items.iter().map(|i| i.id).collect();
    let mut attachments = repo::attachments_of(conn, &ids).await?;
    Ok(items
        .into_iter()
        .map(|item| QueueItem {
            age_working_days: item.age_in_working_days(&calendar, caller.at.today),
            attachments: attachments.remove(&item.id).unwrap_or_default(),
            item,
        })
        .collect())
}

async fn queue_item(state: &App, caller: &Caller, item: IntakeItem) -> Result<QueueItem, AppError> {
    queue_items(state, caller, vec![item])
        .await?
        .pop()
        .ok_or_else(|| AppError::Internal("a queue item went missing".into()))
}

pub async fn list(
    state: &App,
    caller: &Caller,
    q: IntakeQuery,
) -> Result<Page<QueueItem>, AppError> {
    let mut f = Fields::new();
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    f.finish()?;
    let visible = read_filter(&caller.actor, Resource::Intake);
    let filter = IntakeFilter {
        status: Some(q.status.unwrap_or(IntakeStatus::Pending)),
        organisation_id: q.organisation_id,
        channel: None,
    };
    let conn = state.db.read();
    let page = repo::list(conn, visible, &filter, page.unwrap_or_default()).await?;
    // The queue shows the requesters' details: a read of personal data.
    let shown = Shown {
        action: "intake.list_read",
        entity: ENTITY,
        reader: caller.place(),
        records: page.items.iter().map(|i| (i.id, i.scope())).collect(),
    };
    state
        .db
        .reads_audit()
        .record_list(&caller.audit(), shown)
        .await?;
    Ok(Page {
        items: queue_items(state, caller, page.items).await?,
        next: page.next,
        total: None,
    })
}

async fn load(
    state: &App,
    caller: &Caller,
    id: Uuid,
    action: Action,
) -> Result<IntakeItem, AppError> {
    let item = repo::get(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    caller.authorize(action, &item.scope(), ENTITY)?;
    Ok(item)
}

pub async fn get(state: &App, caller: &Caller, id: Uuid) -> Result<QueueItem, AppError> {
    let item = load(state, caller, id, Action::Read(Resource::Intake)).await?;
    state
        .db
        .reads_audit()
        .record::<()>(
            &caller.audit(),
            super::public::intake_change("intake.read", &item),
        )
        .await?;
    queue_item(state, caller, item).await
}

fn party(
    role: PartyRole,
    p: &PersonDetails,
    procedural_role: Option<tgpl_domain::case::ProceduralRole>,
) -> PartyInput {
    PartyInput {
        role,
        full_name: p.full_name.clone(),
        sex: p.sex.clone(),
        date_of_birth: p.date_of_birth,
        procedural_role: if role == PartyRole::Beneficiary {
            procedural_role
        } else {
            None
        },
        ethnicity: p.ethnicity.clone(),
        address: p.address.clone(),
        phone: p.phone.clone(),
        id_number: p.id_number.clone(),
    }
}

/// The request the form becomes, on the day it was received (the request
/// date of an online request is the day it arrived).
fn request_of(item: &IntakeItem, req: &ConvertIntake) -> CreateCase {
    let d = &item.details;
    let held = |codes: &[String], code: &str| codes.iter().any(|c| normalise_code(c) == code);
    let mut parties = Vec::new();
    match &d.beneficiary {
        Some(b) => {
            parties.push(party(PartyRole::Requester, &d.requester, None));
            parties.push(party(PartyRole::Beneficiary, b, d.procedural_role));
        }
        None => parties.push(party(
            PartyRole::Beneficiary,
            &d.requester,
            d.procedural_role,
        )),
    }
    CreateCase {
        organisation_id: req.organisation_id.unwrap_or(item.organisation_id),
        channel: item.channel,
        referral_received_at: None,
        request_date: Some(item.received_on),
        form_of_aid: d.form_of_aid,
        field_of_law: d.field_of_law,
        summary: d.summary.clone(),
        eligibility: d
            .categories
            .iter()
            .map(|code| ClaimedCategory {
                code: code.clone(),
                proof_documents_present: held(&req.proof_documents_present, code),
                financial_hardship_proven: held(&req.financial_hardship_proven, code),
            })
            .collect(),
        parties,
        limitation_period_ends: None,
        trial_date: None,
        court_appointed_defence: false,
    }
}

/// Turns the item into a request (a case in `received`) in one transaction
/// with the decision; the attachments become the case file's request papers.
pub async fn convert(
    state: &App,
    caller: &Caller,
    id: Uuid,
    req: ConvertIntake,
) -> Result<(CaseView, Verdict), AppError> {
    let mut item = load(state, caller, id, Action::TriageIntake).await?;
    expect_version(item.version, req.version)?;
    let txn = begin(&state.db).await?;
    let (case, verdict) = case_service::create_in(&txn, caller, request_of(&item, &req)).await?;
    item.convert(case.id, caller.actor.user_id, caller.at.now)
        .map_err(decision_error)?;
    record_decision(&txn, caller, &item, "intake.converted").await?;
    tgpl_db::consents::attach_to_case(&txn, item.id, case.id).await?;
    let papers = repo::attachments_of(&txn, &[item.id])
        .await?
        .remove(&item.id);
    for a in papers.unwrap_or_default() {
        documents::insert(&txn, &request_paper(&case, caller, a)).await?;
    }
    commit(txn).await?;
    Ok((case_service::view_for(caller, case), verdict))
}

/// A citizen's attachment as a paper of the case file (same stored object).
fn request_paper(case: &tgpl_domain::case::Case, caller: &Caller, a: Attachment) -> Document {
    Document {
        id: Uuid::now_v7(),
        case_id: case.id,
        kind: DocumentKind::RequestPapers,
        step: CaseStep::Request,
        filename: a.filename,
        media_type: a.media_type,
        size: u64::try_from(a.size).unwrap_or(0),
        sha256: a.sha256,
        storage_key: a.storage_key,
        uploaded_by: Some(caller.actor.user_id),
        uploaded_at: a.uploaded_at,
        idempotency_key: None,
        removed_at: None,
        removed_by: None,
        removal_reason: None,
        version: 1,
    }
}

/// A case's consent records (who may read the case reads them).
pub async fn consents_of_case(
    state: &App,
    caller: &Caller,
    case_id: Uuid,
) -> Result<Vec<tgpl_db::consents::Consent>, AppError> {
    let case = case_repo::get(state.db.read(), case_id)
        .await
        .map_err(found("case"))?;
    caller.authorize(Action::Read(Resource::Case), &case.scope(), "case")?;
    Ok(tgpl_db::consents::of_case(state.db.read(), case_id).await?)
}

pub async fn reject(
    state: &App,
    caller: &Caller,
    id: Uuid,
    req: RejectIntake,
) -> Result<QueueItem, AppError> {
    let mut item = load(state, caller, id, Action::TriageIntake).await?;
    expect_version(item.version, req.version)?;
    item.reject(&req.reason, caller.actor.user_id, caller.at.now)
        .map_err(decision_error)?;
    decide(state, caller, item, "intake.rejected").await
}

/// Joins the item to the case it repeats; the citizen's lookup then follows
/// that case.
pub async fn merge(
    state: &App,
    caller: &Caller,
    id: Uuid,
    req: MergeIntake,
) -> Result<QueueItem, AppError> {
    let mut item = load(state, caller, id, Action::TriageIntake).await?;
    expect_version(item.version, req.version)?;
    let case = case_repo::get(state.db.read(), req.case_id)
        .await
        .ok()
        .filter(|c| read_filter(&caller.actor, Resource::Case).contains(&c.scope()))
        .ok_or_else(|| AppError::field("case_id", "case.not_found", "no such case"))?;
    item.merge_into(case.id, caller.actor.user_id, caller.at.now)
        .map_err(decision_error)?;
    decide(state, caller, item, "intake.merged").await
}

async fn decide(
    state: &App,
    caller: &Caller,
    item: IntakeItem,
    action: &'static str,
) -> Result<QueueItem, AppError> {
    let txn = begin(&state.db).await?;
    record_decision(&txn, caller, &item, action).await?;
    commit(txn).await?;
    // As stored: the decision at the next version.
    let item = IntakeItem {
        version: item.version + 1,
        ..item
    };
    queue_item(state, caller, item).await
}

/// A decision as stored (the version checked) with its audit entry.
async fn record_decision(
    txn: &tgpl_db::DatabaseTransaction,
    caller: &Caller,
    item: &IntakeItem,
    action: &'static str,
) -> Result<(), AppError> {
    repo::save_decision(txn, item, caller.at.now).await?;
    audit::record(
        txn,
        &caller.audit(),
        super::public::intake_change(action, item),
    )
    .await?;
    Ok(())
}
