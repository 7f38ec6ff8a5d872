//! Case intake and the lifecycle commands (DOMAIN §6). Rules live in
//! `tgpl_domain::case`; this module sequences them in one transaction.
use super::organisations::page_request;
use super::{begin, commit, found, non_empty};
use crate::error::{ApiError, Fields, denied};
use crate::extract::Caller;
use crate::state::AppState;
use chrono::{Datelike, Utc};
use tgpl_api_model::cases::{CaseCommandRequest, CaseQuery, CreateCase};
use tgpl_db::audit::{self, Change};
use tgpl_db::cases::{self as repo, CaseFilter};
use tgpl_db::{DatabaseTransaction, Page, organisations as orgs, practitioners, reference};
use tgpl_domain::case::completeness::{self, Completeness};
use tgpl_domain::case::conflict::{PriorCase, find_conflict};
use tgpl_domain::case::notice::{self, Notice, NoticeKind};
use tgpl_domain::case::{
    Activity, Case, CaseCode, CaseState, Command, CommandKind, DeadlineRules, Party, PartyRole,
    UrgencyFacts, transition,
};
use tgpl_domain::eligibility::{self, ClaimOutcome, Verdict};
use tgpl_domain::policy::{Action, Resource, authorize, read_filter, sees_sensitive_case_data};
use tgpl_domain::{OrgAbbreviation, OrgStatus, PhoneNumber, PractitionerStatus, ProvinceCode};
use uuid::Uuid;

const ENTITY: &str = "case";

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

/// Reads a whole case file; every such read is audited (DOMAIN §11).
pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> Result<CaseView, ApiError> {
    let case = repo::get(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    authorize(&caller.actor, Action::Read(Resource::Case), &case.scope())
        .map_err(denied(ENTITY))?;
    audit::record::<_, Case>(
        &state.db.conn,
        &caller.audit(),
        change("case.read", &case, None, None),
    )
    .await?;
    Ok(for_reader(caller, case))
}

/// Masks sensitive personal data for roles without a need to know.
fn for_reader(caller: &Caller, mut case: Case) -> CaseView {
    // Completeness is judged on the whole file, before anything is masked.
    let completeness = completeness::assess(&case);
    if !sees_sensitive_case_data(&caller.actor) {
        case.mask_sensitive();
    }
    CaseView { case, completeness }
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
        overdue_on: q.overdue.filter(|o| *o).map(|_| Utc::now().date_naive()),
        q: q.q,
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
    let today = Utc::now().date_naive();
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

/// Turns the request body into the domain command, naming missing fields.
fn command_of(kind: CommandKind, req: &CaseCommandRequest) -> Result<Command, ApiError> {
    let need = |field: &str| {
        ApiError::field(
            field,
            "required",
            format!("{field} is required for this command"),
        )
    };
    Ok(match kind {
        CommandKind::RequestSupplement => Command::RequestSupplement,
        CommandKind::SupplementReceived => Command::SupplementReceived,
        CommandKind::Refuse => Command::Refuse {
            ground: req.refusal_ground.ok_or_else(|| need("refusal_ground"))?,
        },
        CommandKind::Accept => Command::Accept,
        CommandKind::Assign => Command::Assign,
        CommandKind::Reassign => Command::Reassign,
        CommandKind::RecordActivity => Command::RecordActivity,
        CommandKind::Conclude => Command::Conclude,
        CommandKind::Discontinue => Command::Discontinue {
            ground: req
                .discontinuation_ground
                .ok_or_else(|| need("discontinuation_ground"))?,
        },
        CommandKind::Evaluate => Command::Evaluate,
        CommandKind::Archive => Command::Archive,
    })
}

/// Runs one lifecycle command on a case.
pub async fn command(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    kind: CommandKind,
    expected: i32,
    req: CaseCommandRequest,
) -> Result<CaseView, ApiError> {
    let txn = begin(&state.db).await?;
    let before = repo::get(&txn, id).await.map_err(found(ENTITY))?;
    authorize(&caller.actor, Action::CaseCommand(kind), &before.scope()).map_err(denied(ENTITY))?;
    if before.version != expected {
        return Err(ApiError::Stale {
            current: before.version,
        });
    }
    let cmd = command_of(kind, &req)?;
    let next = transition(before.status, &cmd).map_err(|e| ApiError::Conflict {
        code: e.code(),
        detail: format!(
            "a case that is {} cannot be {}",
            before.status.as_str(),
            kind.as_str()
        ),
    })?;
    let today = Utc::now().date_naive();
    let mut case = before.clone();
    case.status = next;
    apply_effects(&txn, caller, &mut case, &cmd, &req, today).await?;
    case.version += 1;
    case.updated_at = Utc::now();
    repo::save(&txn, &case, expected).await?;
    let action = format!("case.{}", kind.as_str());
    audit::record(
        &txn,
        &caller.audit(),
        change(&action, &case, Some(&before), Some(&case)),
    )
    .await?;
    commit(txn).await?;
    Ok(for_reader(caller, case))
}

async fn apply_effects(
    txn: &DatabaseTransaction,
    caller: &Caller,
    case: &mut Case,
    cmd: &Command,
    req: &CaseCommandRequest,
    today: chrono::NaiveDate,
) -> Result<(), ApiError> {
    match cmd {
        Command::RequestSupplement => {
            let missing: Vec<String> = req
                .missing
                .clone()
                .unwrap_or_default()
                .into_iter()
                .filter(|m| !m.trim().is_empty())
                .collect();
            if missing.is_empty() {
                return Err(ApiError::field(
                    "missing",
                    "required",
                    "list the documents the requester must supply",
                ));
            }
            let body = notice::supplement_text(case, &missing, today);
            issue_notice(
                txn,
                caller,
                case,
                NoticeKind::SupplementRequired,
                body,
                today,
            )
            .await?;
            case.missing_proof = missing;
        }
        Command::SupplementReceived => {
            case.missing_proof.clear();
            case.proof_due_on = None;
        }
        Command::Refuse { ground } => {
            case.refusal_ground = Some(*ground);
            let body = notice::refusal_text(case, *ground, today);
            issue_notice(txn, caller, case, NoticeKind::Refusal, body, today).await?;
            case.closed_on = Some(today);
        }
        Command::Accept => {
            // Entry in the register (sổ thụ lý) issues the case code.
            let org = orgs::get(txn, case.organisation_id).await?;
            let abbreviation = OrgAbbreviation::parse(&org.abbreviation)
                .map_err(|e| ApiError::Internal(e.message))?;
            let year = today.year();
            let number = repo::next_register_number(txn, org.id, year).await?;
            let code = CaseCode::new(&abbreviation, case.form_of_aid, number as u32, year)
                .map_err(|e| ApiError::Internal(e.message))?;
            case.code = Some(code.to_string());
            case.register_number = Some(number);
            case.accepted_on = Some(today);
            if case.urgent && !case.missing_proof.is_empty() {
                let calendar = reference::calendar(txn).await?;
                case.proof_due_on =
                    Some(DeadlineRules::default().proof_supplement_deadline(&calendar, today));
            }
        }
        Command::Assign | Command::Reassign => {
            let pid = req.practitioner_id.ok_or_else(|| {
                ApiError::field(
                    "practitioner_id",
                    "required",
                    "name the practitioner to assign",
                )
            })?;
            assign_practitioner(txn, caller, case, pid, req.reason.clone(), today).await?;
            // Reassigning answers a pending request for another practitioner.
            case.reassignment_requested_on = None;
            case.reassignment_due_on = None;
        }
        Command::RecordActivity => {
            let kind = req.activity_kind.ok_or_else(|| {
                ApiError::field("activity_kind", "required", "activity_kind is required")
            })?;
            let description = non_empty(req.description.clone()).ok_or_else(|| {
                ApiError::field("description", "required", "describe what was done")
            })?;
            let occurred_on = req.occurred_on.unwrap_or(today);
            if occurred_on > today || occurred_on < case.request_date {
                return Err(ApiError::field(
                    "occurred_on",
                    "out_of_range",
                    "the date must be between the request date and today",
                ));
            }
            repo::insert_activity(
                txn,
                &Activity {
                    id: Uuid::now_v7(),
                    case_id: case.id,
                    kind,
                    occurred_on,
                    description,
                    recorded_by: Some(caller.actor.user_id),
                    created_at: Utc::now(),
                },
            )
            .await?;
        }
        Command::Conclude => {
            case.outcome = Some(non_empty(req.outcome.clone()).ok_or_else(|| {
                ApiError::field(
                    "outcome",
                    "required",
                    "state the outcome for the beneficiary",
                )
            })?);
            case.closed_on = Some(today);
        }
        Command::Discontinue { ground } => {
            case.discontinuation_ground = Some(*ground);
            let body = notice::discontinuation_text(case, *ground, today);
            issue_notice(txn, caller, case, NoticeKind::Discontinuation, body, today).await?;
            case.closed_on = Some(today);
        }
        Command::Evaluate | Command::Archive => {}
    }
    Ok(())
}

/// Assigns a practitioner after the conflict-of-interest check (Art. 25(2)).
async fn assign_practitioner(
    txn: &DatabaseTransaction,
    caller: &Caller,
    case: &mut Case,
    pid: Uuid,
    reason: Option<String>,
    today: chrono::NaiveDate,
) -> Result<(), ApiError> {
    let p = practitioners::get(txn, pid)
        .await
        .ok()
        .filter(|p| read_filter(&caller.actor, Resource::Practitioner).contains(&p.scope()))
        .ok_or_else(|| ApiError::field("practitioner_id", "not_found", "no such practitioner"))?;
    if p.status != PractitionerStatus::Active {
        return Err(ApiError::field(
            "practitioner_id",
            "not_active",
            "the practitioner is suspended or has left",
        ));
    }
    if case.practitioner_id == Some(pid) {
        return Err(ApiError::field(
            "practitioner_id",
            "already_assigned",
            "this practitioner already handles the case",
        ));
    }
    let prior = repo::cases_of_practitioner(txn, pid).await?;
    let prior: Vec<PriorCase> = prior
        .iter()
        .filter(|c| c.id != case.id)
        .map(|c| PriorCase {
            case_id: c.id,
            code: c.code.as_deref(),
            parties: &c.parties,
        })
        .collect();
    if let Some(clash) = find_conflict(&case.parties, &prior) {
        return Err(ApiError::Conflict {
            code: "case.conflict_of_interest",
            detail: format!(
                "{} acts or acted for the other side in case {} (Law 11/2017 Art. 25(2))",
                p.full_name,
                clash.code.unwrap_or("(not yet accepted)")
            ),
        });
    }
    repo::assign(txn, case.id, pid, today, reason).await?;
    case.practitioner_id = Some(pid);
    Ok(())
}

/// Records the beneficiary's request for another practitioner (form 04);
/// the centre must answer within 3 working days (DOMAIN §6).
pub async fn request_reassignment(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    requested_on: Option<chrono::NaiveDate>,
    reason: String,
) -> Result<CaseView, ApiError> {
    let txn = begin(&state.db).await?;
    let before = repo::get(&txn, id).await.map_err(found(ENTITY))?;
    authorize(
        &caller.actor,
        Action::CaseCommand(CommandKind::Reassign),
        &before.scope(),
    )
    .map_err(denied(ENTITY))?;
    if before.version != expected {
        return Err(ApiError::Stale {
            current: before.version,
        });
    }
    if !matches!(before.status, CaseState::Assigned | CaseState::InProgress) {
        return Err(ApiError::Conflict {
            code: "case.transition_not_allowed",
            detail: format!(
                "a case that is {} has no practitioner to replace",
                before.status.as_str()
            ),
        });
    }
    let today = Utc::now().date_naive();
    let requested_on = requested_on.unwrap_or(today);
    if requested_on > today || requested_on < before.request_date {
        return Err(ApiError::field(
            "requested_on",
            "out_of_range",
            "the date must be between the request date and today",
        ));
    }
    let calendar = reference::calendar(&txn).await?;
    let mut case = before.clone();
    case.reassignment_requested_on = Some(requested_on);
    case.reassignment_due_on =
        Some(DeadlineRules::default().reassignment_answer_deadline(&calendar, requested_on));
    case.version += 1;
    case.updated_at = Utc::now();
    repo::save(&txn, &case, expected).await?;
    repo::insert_activity(
        &txn,
        &Activity {
            id: Uuid::now_v7(),
            case_id: case.id,
            kind: tgpl_domain::case::ActivityKind::Other,
            occurred_on: requested_on,
            description: format!(
                "Người được trợ giúp pháp lý đề nghị thay đổi người thực hiện: {}",
                reason.trim()
            ),
            recorded_by: Some(caller.actor.user_id),
            created_at: Utc::now(),
        },
    )
    .await?;
    audit::record(
        &txn,
        &caller.audit(),
        change(
            "case.request_reassignment",
            &case,
            Some(&before),
            Some(&case),
        ),
    )
    .await?;
    commit(txn).await?;
    Ok(for_reader(caller, case))
}

/// Records a written notice on the case (its text is built by the domain).
async fn issue_notice(
    txn: &DatabaseTransaction,
    caller: &Caller,
    case: &Case,
    kind: NoticeKind,
    body: String,
    today: chrono::NaiveDate,
) -> Result<(), ApiError> {
    let n = Notice {
        id: Uuid::now_v7(),
        case_id: case.id,
        kind,
        issued_on: today,
        title: kind.title_vi().to_owned(),
        body,
        issued_by: Some(caller.actor.user_id),
        created_at: Utc::now(),
    };
    Ok(repo::insert_notice(txn, &n).await?)
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
