//! The lifecycle acts on a case: load → authorize → call the aggregate's
//! act → persist what it returned → audit → outbox, in one transaction.
use super::*;
use crate::service::{expect_version, rule};
use tgpl_db::{documents, events};
use tgpl_domain::case::event::CaseEvent;
use tgpl_domain::case::{Candidate, Conclusion, RegisterEntry};

/// The request fields each act takes; any other field sent is refused, so
/// that nothing is silently ignored (e.g. `occurred_on` on `accept`).
fn fields_taken(kind: CommandKind) -> &'static [&'static str] {
    match kind {
        CommandKind::RequestSupplement => &["missing"],
        CommandKind::Refuse => &["refusal_ground"],
        CommandKind::Assign | CommandKind::Reassign => &["practitioner_id", "reason"],
        CommandKind::RecordActivity => &["activity_kind", "occurred_on", "description"],
        CommandKind::Conclude => &["outcome", "success"],
        // The reason is written into the discontinuation notice.
        CommandKind::Discontinue => &["discontinuation_ground", "reason"],
        CommandKind::SupplementReceived
        | CommandKind::Accept
        | CommandKind::Evaluate
        | CommandKind::Archive => &[],
    }
}

fn check_fields(kind: CommandKind, req: &CaseCommandRequest) -> Result<(), AppError> {
    let sent = [
        ("refusal_ground", req.refusal_ground.is_some()),
        (
            "discontinuation_ground",
            req.discontinuation_ground.is_some(),
        ),
        ("practitioner_id", req.practitioner_id.is_some()),
        ("missing", req.missing.is_some()),
        ("outcome", req.outcome.is_some()),
        ("success", req.success.is_some()),
        ("activity_kind", req.activity_kind.is_some()),
        ("occurred_on", req.occurred_on.is_some()),
        ("description", req.description.is_some()),
        ("reason", req.reason.is_some()),
    ];
    let taken = fields_taken(kind);
    let mut f = Fields::new();
    for (name, present) in sent {
        if present && !taken.contains(&name) {
            f.push(
                name,
                "not_used",
                format!("`{}` does not take {name}; leave it out", kind.as_str()),
            );
        }
    }
    f.finish()
}

fn need(field: &str) -> AppError {
    AppError::field(
        field,
        "required",
        format!("{field} is required for this act"),
    )
}

/// Runs one lifecycle act on a case.
pub async fn command(
    state: &App,
    caller: &Caller,
    id: Uuid,
    kind: CommandKind,
    expected: i32,
    req: CaseCommandRequest,
) -> Result<CaseView, AppError> {
    let at = caller.at;
    let txn = begin(&state.db).await?;
    let before = repo::get(&txn, id).await.map_err(found(ENTITY))?;
    caller.authorize(Action::CaseCommand(kind), &before.scope(), ENTITY)?;
    expect_version(before.version, expected)?;
    check_fields(kind, &req)?;
    let mut case = before.clone();
    let mut activity = None;
    let events = match kind {
        CommandKind::RequestSupplement => case
            .request_supplement(req.missing.clone().unwrap_or_default(), at)
            .map_err(rule)?,
        CommandKind::SupplementReceived => case.receive_supplement(at).map_err(rule)?,
        CommandKind::Refuse => {
            let ground = req.refusal_ground.ok_or_else(|| need("refusal_ground"))?;
            case.refuse(ground, at).map_err(rule)?
        }
        CommandKind::Accept => {
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
        CommandKind::Assign | CommandKind::Reassign => {
            let pid = req.practitioner_id.ok_or_else(|| {
                AppError::field(
                    "practitioner_id",
                    "required",
                    "name the practitioner to assign",
                )
            })?;
            let p = practitioners::get(&txn, pid)
                .await
                .ok()
                .filter(|p| read_filter(&caller.actor, Resource::Practitioner).contains(&p.scope()))
                .ok_or_else(|| {
                    AppError::field("practitioner_id", "not_found", "no such practitioner")
                })?;
            let theirs = repo::cases_of_practitioner(&txn, pid).await?;
            let codes: Vec<Option<String>> = theirs
                .iter()
                .map(|c| c.code.as_ref().map(ToString::to_string))
                .collect();
            let prior: Vec<PriorCase> = theirs
                .iter()
                .zip(&codes)
                .map(|(c, code)| PriorCase {
                    case_id: c.id,
                    code: code.as_deref(),
                    parties: &c.parties,
                })
                .collect();
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
            repo::assign(&txn, case.id, pid, at.today, non_empty(req.reason.clone())).await?;
            events
        }
        CommandKind::RecordActivity => {
            let kind = req.activity_kind.ok_or_else(|| need("activity_kind"))?;
            let (a, events) = case
                .record_activity(
                    kind,
                    req.occurred_on.unwrap_or(at.today),
                    req.description.as_deref().unwrap_or_default(),
                    Some(caller.actor.user_id),
                    at,
                )
                .map_err(rule)?;
            activity = Some(a);
            events
        }
        CommandKind::Conclude => {
            let evidence_on_file = match req.success.as_ref().and_then(|s| s.evidence_document_id) {
                Some(doc_id) => documents::get(&txn, case.id, doc_id)
                    .await
                    .is_ok_and(|d| d.removed_at.is_none()),
                None => false,
            };
            let conclusion = Conclusion {
                outcome: req.outcome.clone().unwrap_or_default(),
                success: req.success.clone(),
                evidence_on_file,
            };
            case.conclude(conclusion, at).map_err(rule)?
        }
        CommandKind::Discontinue => {
            let ground = req
                .discontinuation_ground
                .ok_or_else(|| need("discontinuation_ground"))?;
            case.discontinue(ground, at).map_err(rule)?
        }
        CommandKind::Evaluate => case.evaluate_without_sheet().map_err(rule)?,
        CommandKind::Archive => case.archive(at).map_err(rule)?,
    };
    repo::save(&txn, &case, expected).await?;
    if let Some(a) = &activity {
        repo::insert_activity(&txn, a).await?;
    }
    for e in &events {
        if let Some(mut n) = notice_for(&case, e, caller) {
            if let (NoticeKind::Discontinuation, Some(why)) =
                (n.kind, non_empty(req.reason.clone()))
            {
                n.body = notice::with_details(&n.body, &why);
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
