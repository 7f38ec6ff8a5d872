//! The lifecycle commands on a case: each checks the caller, the state
//! machine and the law's preconditions, then writes in one transaction.
use super::*;
use crate::service::{expect_version, rule};
use tgpl_db::documents;
use tgpl_domain::case::rules;
use tgpl_domain::case::success::{SuccessAssessment, check_success};

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
    expect_version(before.version, expected)?;
    let cmd = command_of(kind, &req)?;
    let next = transition(before.status, &cmd).map_err(|e| ApiError::Conflict {
        code: e.code(),
        detail: format!(
            "a case that is {} cannot be {}",
            before.status.as_str(),
            kind.as_str()
        ),
    })?;
    let today = vietnam_date(Utc::now());
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
            rules::check_event_date(case, occurred_on, today, "occurred_on").map_err(rule)?;
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
            if let Some(claim) = &req.success {
                check_success(case, claim).map_err(rule)?;
                if let Some(doc_id) = claim.evidence_document_id {
                    let on_file = documents::get(txn, case.id, doc_id)
                        .await
                        .is_ok_and(|d| d.removed_at.is_none());
                    if !on_file {
                        return Err(ApiError::field(
                            "success.evidence_document_id",
                            "not_found",
                            "no such document in this case file",
                        ));
                    }
                }
                case.success = Some(SuccessAssessment {
                    criterion: claim.criterion.trim().to_owned(),
                    evidence: claim.evidence.trim().to_owned(),
                    evidence_document_id: claim.evidence_document_id,
                });
            }
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
    expect_version(before.version, expected)?;
    let today = vietnam_date(Utc::now());
    let requested_on = requested_on.unwrap_or(today);
    rules::check_reassignment_request(&before, requested_on, today).map_err(rule)?;
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
