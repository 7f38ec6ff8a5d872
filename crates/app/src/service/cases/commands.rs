//! The lifecycle acts on a case: load → authorize → call the aggregate's
//! act → persist what it returned → audit → outbox, in one transaction.
use super::*;
use crate::service::{expect_version, rule};
use tgpl_db::{documents, events};
use tgpl_domain::case::event::CaseEvent;
use tgpl_domain::case::{Candidate, Conclusion, RegisterEntry};

/// Runs one act of the law on a case.
pub async fn command(
    state: &App,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    act: CaseAct,
) -> Result<CaseView, AppError> {
    let at = caller.at;
    let kind = act.kind();
    let txn = begin(&state.db).await?;
    let before = repo::get(&txn, id).await.map_err(found(ENTITY))?;
    caller.authorize(Action::CaseCommand(kind), &before.scope(), ENTITY)?;
    expect_version(before.version, expected)?;
    let mut case = before.clone();
    let mut activity = None;
    // The written notice of a discontinuation carries the reason given.
    let mut notice_details = None;
    let events = match act {
        CaseAct::RequestSupplement(b) => case.request_supplement(b.missing, at).map_err(rule)?,
        CaseAct::ReceiveSupplement(_) => case.receive_supplement(at).map_err(rule)?,
        CaseAct::Refuse(b) => case.refuse(b.refusal_ground, at).map_err(rule)?,
        CaseAct::Accept(_) => {
            case.allows(kind).map_err(rule)?;
            let org = orgs::get(&txn, case.organisation_id).await?;
            let abbreviation = OrgAbbreviation::parse(&org.abbreviation)
                .map_err(|e| AppError::Internal(e.message))?;
            let number = repo::next_register_number(&txn, org.id, at.today.year()).await?;
            let entry = RegisterEntry {
                abbreviation,
                number: u32::try_from(number).map_err(|e| AppError::Internal(e.to_string()))?,
            };
            let rules = RulesInForce::load(&txn, at.today).await?;
            case.accept(entry, &rules.rules(), at).map_err(rule)?
        }
        CaseAct::Assign(b) => {
            assign(&txn, caller, &mut case, kind, b.practitioner_id, b.reason).await?
        }
        CaseAct::Reassign(b) => {
            assign(&txn, caller, &mut case, kind, b.practitioner_id, b.reason).await?
        }
        CaseAct::RecordActivity(b) => {
            let (a, events) = case
                .record_activity(
                    b.activity_kind,
                    b.occurred_on.unwrap_or(at.today),
                    &b.description,
                    Some(caller.actor.user_id),
                    at,
                )
                .map_err(rule)?;
            activity = Some(a);
            events
        }
        CaseAct::Conclude(b) => {
            let evidence_on_file = match b.success.as_ref().and_then(|s| s.evidence_document_id) {
                Some(doc_id) => documents::get(&txn, case.id, doc_id)
                    .await
                    .is_ok_and(|d| d.removed_at.is_none()),
                None => false,
            };
            let conclusion = Conclusion {
                outcome: b.outcome,
                success: b.success,
                evidence_on_file,
            };
            case.conclude(conclusion, at).map_err(rule)?
        }
        CaseAct::Discontinue(b) => {
            notice_details = non_empty(b.reason);
            case.discontinue(b.discontinuation_ground, at)
                .map_err(rule)?
        }
        CaseAct::Evaluate(_) => case.evaluate_without_sheet().map_err(rule)?,
        CaseAct::Archive(_) => case.archive(at).map_err(rule)?,
    };
    repo::save(&txn, &case, expected).await?;
    if let Some(a) = &activity {
        repo::insert_activity(&txn, a).await?;
    }
    for e in &events {
        if let Some(mut n) = notice_for(&case, e, caller) {
            if let (NoticeKind::Discontinuation, Some(why)) = (n.kind, &notice_details) {
                n.body = notice::with_details(&n.body, why);
            }
            repo::insert_notice(&txn, &n).await?;
        }
    }
    let action = format!("case.{}", kind.as_str());
    audit::record(
        &txn,
        &caller.audit(),
        change(&action, &case, Some(&before), Some(&case)),
    )
    .await?;
    events::append(&txn, &case, &events, Some(caller.actor.user_id), at.now).await?;
    commit(txn).await?;
    Ok(for_reader(caller, case))
}

/// Assigns (or reassigns) a practitioner the caller may see, after the
/// conflict-of-interest check against the practitioner's other cases
/// (Law 11/2017 Art. 25(2)).
async fn assign(
    txn: &tgpl_db::DatabaseTransaction,
    caller: &Caller,
    case: &mut Case,
    kind: CommandKind,
    pid: Uuid,
    reason: Option<String>,
) -> Result<Vec<CaseEvent>, AppError> {
    let at = caller.at;
    let (p, theirs) = candidate_of(txn, caller, pid).await?;
    let codes = codes_of(&theirs);
    let prior = prior_cases(&theirs, &codes);
    let candidate = Candidate {
        practitioner_id: p.id,
        full_name: &p.full_name,
        active: p.status == PractitionerStatus::Active,
        other_cases: &prior,
    };
    let events = if kind == CommandKind::Assign {
        case.assign(candidate, at)
    } else {
        case.reassign(candidate, at)
    };
    let events = events.map_err(rule)?;
    repo::assign(txn, case.id, pid, at.today, non_empty(reason)).await?;
    Ok(events)
}

/// A practitioner the caller may see, with every case they handle or
/// handled (the conflict check reads their parties).
async fn candidate_of<C: tgpl_db::ConnectionTrait>(
    conn: &C,
    caller: &Caller,
    pid: Uuid,
) -> Result<(tgpl_domain::records::Practitioner, Vec<Case>), AppError> {
    let p = practitioners::get(conn, pid)
        .await
        .ok()
        .filter(|p| read_filter(&caller.actor, Resource::Practitioner).contains(&p.scope()))
        .ok_or_else(|| AppError::field("practitioner_id", "not_found", "no such practitioner"))?;
    let theirs = repo::cases_of_practitioner(conn, pid).await?;
    Ok((p, theirs))
}

fn codes_of(cases: &[Case]) -> Vec<Option<String>> {
    cases
        .iter()
        .map(|c| c.code.as_ref().map(ToString::to_string))
        .collect()
}

fn prior_cases<'a>(cases: &'a [Case], codes: &'a [Option<String>]) -> Vec<PriorCase<'a>> {
    cases
        .iter()
        .zip(codes)
        .map(|(c, code)| PriorCase {
            case_id: c.id,
            code: code.as_deref(),
            parties: &c.parties,
        })
        .collect()
}

/// Whether the practitioner could be assigned to the case now, before the
/// leader submits (issue #13): the same checks as the act (active, not on
/// the case already, no conflict of interest, Law 11/2017 Art. 25(2)),
/// answered without changing anything. `Ok(Err(reason))` is a refusal.
pub async fn check_candidate(
    state: &App,
    caller: &Caller,
    id: Uuid,
    pid: Uuid,
) -> Result<Result<(), tgpl_domain::case::rules::RuleError>, AppError> {
    let conn = state.db.read();
    let case = repo::get(conn, id).await.map_err(found(ENTITY))?;
    let kind = if case.practitioner_id.is_some() {
        CommandKind::Reassign
    } else {
        CommandKind::Assign
    };
    caller.authorize(Action::CaseCommand(kind), &case.scope(), ENTITY)?;
    let (p, theirs) = candidate_of(conn, caller, pid).await?;
    let codes = codes_of(&theirs);
    let prior = prior_cases(&theirs, &codes);
    Ok(case.check_candidate(&Candidate {
        practitioner_id: p.id,
        full_name: &p.full_name,
        active: p.status == PractitionerStatus::Active,
        other_cases: &prior,
    }))
}

/// The written notice an event calls for (supplement request, refusal,
/// discontinuation); its text is the domain's.
fn notice_for(case: &Case, event: &CaseEvent, caller: &Caller) -> Option<Notice> {
    let (kind, body) = match event {
        CaseEvent::SupplementRequested { on, .. } => (
            NoticeKind::SupplementRequired,
            notice::supplement_text(case, &case.missing_proof, *on),
        ),
        CaseEvent::Refused { on, ground } => (
            NoticeKind::Refusal,
            notice::refusal_text(case, *ground, *on),
        ),
        CaseEvent::Discontinued { on, ground } => (
            NoticeKind::Discontinuation,
            notice::discontinuation_text(case, *ground, *on),
        ),
        _ => return None,
    };
    Some(Notice {
        id: Uuid::now_v7(),
        case_id: case.id,
        kind,
        issued_on: event.on(),
        title: kind.title_vi().to_owned(),
        body,
        issued_by: Some(caller.actor.user_id),
        created_at: caller.at.now,
    })
}

/// Records the beneficiary's request for another practitioner (form 04);
/// the centre must answer within the configured working days (DOMAIN §6).
pub async fn request_reassignment(
    state: &App,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    requested_on: Option<chrono::NaiveDate>,
    reason: String,
) -> Result<CaseView, AppError> {
    let at = caller.at;
    let txn = begin(&state.db).await?;
    let before = repo::get(&txn, id).await.map_err(found(ENTITY))?;
    caller.authorize(
        Action::CaseCommand(CommandKind::Reassign),
        &before.scope(),
        ENTITY,
    )?;
    expect_version(before.version, expected)?;
    let requested_on = requested_on.unwrap_or(at.today);
    let rules = RulesInForce::load(&txn, requested_on).await?;
    let mut case = before.clone();
    let events = case
        .request_reassignment(requested_on, &rules.rules(), at)
        .map_err(rule)?;
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
            created_at: at.now,
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
    events::append(&txn, &case, &events, Some(caller.actor.user_id), at.now).await?;
    commit(txn).await?;
    Ok(for_reader(caller, case))
}
