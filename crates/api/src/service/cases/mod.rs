//! Case intake and the lifecycle commands (DOMAIN §6). Rules live in
//! `tgpl_domain::case`; this module sequences them in one transaction.
use super::{begin, commit, found, non_empty, page_request};
use crate::error::{ApiError, Fields, denied};
use crate::extract::Caller;
use crate::state::AppState;
use chrono::{Datelike, Utc};
use tgpl_api_model::cases::{CaseCommandRequest, CaseQuery, CreateCase};
use tgpl_db::audit::{self, Change};
use tgpl_db::cases::{self as repo, CaseFilter};
use tgpl_db::{
    DatabaseTransaction, Page, case_file, organisations as orgs, practitioners, reference,
};
use tgpl_domain::calendar::vietnam_date;
use tgpl_domain::case::completeness::{self, Completeness};
use tgpl_domain::case::conflict::{PriorCase, find_conflict};
use tgpl_domain::case::notice::{self, Notice, NoticeKind};
use tgpl_domain::case::{
    Activity, Case, CaseCode, CaseFile, CaseState, Command, CommandKind, DeadlineRules, Party,
    PartyRole, UrgencyFacts, transition,
};
use tgpl_domain::eligibility::{self, ClaimOutcome, Verdict};
use tgpl_domain::policy::{Action, Resource, authorize, read_filter, sees_sensitive_case_data};
use tgpl_domain::{OrgAbbreviation, OrgStatus, PhoneNumber, PractitionerStatus, ProvinceCode};
use uuid::Uuid;

const ENTITY: &str = "case";

mod commands;
pub use commands::{command, request_reassignment};

fn change<'a>(
    action: &'a str,
    c: &Case,
    before: Option<&'a Case>,
    after: Option<&'a Case>,
) -> Change<'a, Case> {
    Change {
        action,
        entity: ENTITY,
        entity_id: c.id,
        scope: c.scope(),
        before,
        after,
    }
}

/// Reads a whole case file (parties, assignments, activities, hearings);
/// every such read is audited (DOMAIN §11).
pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> Result<FileView, ApiError> {
    let mut file = case_file::read(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    authorize(
        &caller.actor,
        Action::Read(Resource::Case),
        &file.case.scope(),
    )
    .map_err(denied(ENTITY))?;
    state
        .db
        .reads_audit()
        .record::<Case>(&caller.audit(), change("case.read", &file.case, None, None))
        .await?;
    let completeness = mask_for_reader(caller, &mut file.case);
    Ok(FileView { file, completeness })
}

/// A case file as one reader may see it, with its data completeness.
pub struct FileView {
    pub file: CaseFile,
    pub completeness: Completeness,
}

/// Masks sensitive personal data for roles without a need to know.
fn for_reader(caller: &Caller, mut case: Case) -> CaseView {
    let completeness = mask_for_reader(caller, &mut case);
    CaseView { case, completeness }
}

/// Judges completeness on the whole file, then masks what the reader may
/// not see.
fn mask_for_reader(caller: &Caller, case: &mut Case) -> Completeness {
    let completeness = completeness::assess(case);
    if !sees_sensitive_case_data(&caller.actor) {
        case.mask_sensitive();
    }
    completeness
}

/// A case as one reader may see it, with its data completeness.
pub struct CaseView {
    pub case: Case,
    pub completeness: Completeness,
}

pub async fn activities(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
) -> Result<Vec<Activity>, ApiError> {
    let case = repo::get(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    authorize(&caller.actor, Action::Read(Resource::Case), &case.scope())
        .map_err(denied(ENTITY))?;
    Ok(repo::activities(state.db.read(), id).await?)
}

pub async fn list(
    state: &AppState,
    caller: &Caller,
    q: CaseQuery,
) -> Result<Page<CaseView>, ApiError> {
    let mut f = Fields::new();
    let province = f.optional("province", q.province.as_deref(), ProvinceCode::parse);
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    f.finish()?;
    let filter = CaseFilter {
        status: q.status,
        form_of_aid: q.form_of_aid,
        field_of_law: q.field_of_law,
        organisation_id: q.organisation_id,
        practitioner_id: q.practitioner_id,
        province,
        urgent: q.urgent,
        requested_from: q.requested_from,
        requested_to: q.requested_to,
        accepted_from: q.accepted_from,
        accepted_to: q.accepted_to,
        closed_from: q.closed_from,
        closed_to: q.closed_to,
        eligibility_code: q.eligibility.as_deref().map(eligibility::normalise_code),
        overdue_on: q.overdue.filter(|o| *o).map(|_| vietnam_date(Utc::now())),
        successful: q.successful,
        q: q.q,
        sort: q.sort.unwrap_or_default(),
    };
    let visible = read_filter(&caller.actor, Resource::Case);
    let page = repo::list(state.db.read(), visible, &filter, page.unwrap_or_default()).await?;
    Ok(page.map(|c| for_reader(caller, c)))
}

/// Records a request (status `received`) and judges its eligibility by the
/// rules in force on the request date.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    req: CreateCase,
) -> Result<(CaseView, Verdict), ApiError> {
    let today = vietnam_date(Utc::now());
    let request_date = req.request_date.unwrap_or(today);
    let mut f = Fields::new();
    if request_date > today {
        f.push(
            "request_date",
            "in_future",
            "the request date cannot be in the future",
        );
    }
    if !req.parties.iter().any(|p| p.role == PartyRole::Beneficiary) {
        f.push(
            "parties",
            "beneficiary_required",
            "name the beneficiary (người được trợ giúp pháp lý)",
        );
    }
    let mut parties = Vec::with_capacity(req.parties.len());
    for (i, p) in req.parties.iter().enumerate() {
        let phone = p.phone.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let phone = f.optional(&format!("parties[{i}].phone"), phone, PhoneNumber::parse);
        parties.push(Party {
            id: Uuid::now_v7(),
            role: p.role,
            full_name: p.full_name.trim().to_owned(),
            sex: p.sex.clone(),
            date_of_birth: p.date_of_birth,
            ethnicity: non_empty(p.ethnicity.clone()),
            address: non_empty(p.address.clone()),
            phone: phone.map(String::from),
            id_number: non_empty(p.id_number.clone()),
        });
    }
    let categories = reference::categories(state.db.read()).await?;
    let assessment = eligibility::assess_in(&categories, request_date, &req.eligibility);
    for (i, claim) in assessment.claims.iter().enumerate() {
        if matches!(claim.outcome, ClaimOutcome::UnknownCategory) {
            f.push(
                &format!("eligibility[{i}].code"),
                "eligibility.unknown_category",
                "no such eligibility category",
            );
        }
    }
    f.finish()?;
    let missing_proof: Vec<String> = assessment
        .claims
        .iter()
        .filter(|c| c.outcome == ClaimOutcome::ProofMissing)
        .filter_map(|c| eligibility::category_in(&categories, &c.code, request_date).ok())
        .flat_map(|cat| cat.proof_documents.iter().map(|d| d.to_string()))
        .collect();
    let calendar = reference::calendar(state.db.read()).await?;
    let facts = UrgencyFacts {
        limitation_period_ends: req.limitation_period_ends,
        trial_date: req.trial_date,
        court_appointed_defence: req.court_appointed_defence,
    };
    let urgent = DeadlineRules::default().is_urgent(&calendar, request_date, &facts);

    let txn = begin(&state.db).await?;
    let org = orgs::get(&txn, req.organisation_id)
        .await
        .ok()
        .filter(|o| read_filter(&caller.actor, Resource::Organisation).contains(&o.scope()))
        .ok_or_else(|| ApiError::field("organisation_id", "not_found", "no such organisation"))?;
    if !org.kind.employs_practitioners() || org.status != OrgStatus::Active {
        return Err(ApiError::field(
            "organisation_id",
            "cannot_handle_cases",
            "requests are taken by an active centre, branch or participating organisation",
        ));
    }
    let now = Utc::now();
    let case = Case {
        id: Uuid::now_v7(),
        organisation_id: org.id,
        province_code: org.province_code,
        centre_id: org.centre_id,
        status: CaseState::Received,
        channel: req.channel,
        referral_received_at: req.referral_received_at,
        request_date,
        form_of_aid: req.form_of_aid,
        field_of_law: req.field_of_law,
        summary: req.summary.trim().to_owned(),
        eligibility_codes: assessment.holding_codes().map(str::to_owned).collect(),
        missing_proof,
        urgent,
        proof_due_on: None,
        code: None,
        register_number: None,
        accepted_on: None,
        refusal_ground: None,
        discontinuation_ground: None,
        closed_on: None,
        outcome: None,
        practitioner_id: None,
        reassignment_requested_on: None,
        reassignment_due_on: None,
        success: None,
        parties,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    authorize(&caller.actor, Action::CreateCase, &case.scope()).map_err(denied(ENTITY))?;
    repo::insert(&txn, &case).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("case.create", &case, None, Some(&case)),
    )
    .await?;
    commit(txn).await?;
    Ok((for_reader(caller, case), assessment.verdict))
}

/// The written notices of a case, oldest first.
pub async fn notices(state: &AppState, caller: &Caller, id: Uuid) -> Result<Vec<Notice>, ApiError> {
    let case = repo::get(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    authorize(&caller.actor, Action::Read(Resource::Case), &case.scope())
        .map_err(denied(ENTITY))?;
    Ok(repo::notices(state.db.read(), id).await?)
}
