//! Correcting and completing a case after intake (issue #13), and its
//! history field by field.
use super::*;
use crate::service::{clearable, expect_version, rule};
use tgpl_api_model::cases::{AmendCase, CaseChangeDto, FieldChangeDto};
use tgpl_db::{PageRequest, events};
use tgpl_domain::case::history::field_changes;
use tgpl_domain::case::{Amendment, PartyCorrection};

/// Changes the fields sent, and only those, if the case is still at the
/// version the user edited.
pub async fn amend(
    state: &App,
    caller: &Caller,
    id: Uuid,
    expected: i32,
    req: AmendCase,
) -> Result<CaseView, AppError> {
    let at = caller.at;
    let mut f = Fields::new();
    let mut parties = Vec::with_capacity(req.parties.len());
    for (i, p) in req.parties.into_iter().enumerate() {
        // A phone is parsed like intake's; an empty one clears it.
        let phone = match clearable(p.phone) {
            Some(Some(raw)) => f
                .check(&format!("parties[{i}].phone"), PhoneNumber::parse(&raw))
                .map(|p| Some(p.as_str().to_owned())),
            other => other,
        };
        parties.push((
            p.id,
            PartyCorrection {
                full_name: p.full_name,
                sex: clearable(p.sex),
                date_of_birth: p.date_of_birth.map(Some),
                procedural_role: p.procedural_role.map(Some),
                ethnicity: clearable(p.ethnicity),
                address: clearable(p.address),
                phone,
                id_number: clearable(p.id_number),
            },
        ));
    }
    f.finish()?;
    let parties_sent = !parties.is_empty();
    let amendment = Amendment {
        summary: req.summary,
        field_of_law: req.field_of_law,
        form_of_aid: req.form_of_aid,
        eligibility: req.eligibility,
        parties,
    };
    let txn = begin(&state.db).await?;
    let before = repo::get(&txn, id).await.map_err(found(ENTITY))?;
    caller.authorize(Action::AmendCase, &before.scope(), ENTITY)?;
    expect_version(before.version, expected)?;
    before.amendable().map_err(rule)?;
    let mut case = before.clone();
    let rules = RulesInForce::load(&txn, case.request_date).await?;
    let events = case.amend(amendment, &rules.rules(), at)?;
    if events.is_empty() {
        return Ok(for_reader(caller, before));
    }
    repo::save(&txn, &case, expected).await?;
    if parties_sent {
        tgpl_db::privacy::save_parties(&txn, &case).await?;
    }
    audit::record(
        &txn,
        &caller.audit(),
        change("case.amend", &case, Some(&before), Some(&case)),
    )
    .await?;
    events::append(&txn, &case, &events, Some(caller.actor.user_id), at.now).await?;
    commit(txn).await?;
    Ok(for_reader(caller, case))
}

/// The case's writes, newest first, each with the fields it changed and
/// their values as the reader sees the case (masked where they would be).
/// Anyone who may read the case may read how it came to read so.
pub async fn history(
    state: &App,
    caller: &Caller,
    id: Uuid,
    after: Option<&str>,
    limit: Option<u64>,
) -> Result<tgpl_db::Page<CaseChangeDto>, AppError> {
    let mut f = Fields::new();
    let page = page_request(&mut f, after, limit);
    f.finish()?;
    let conn = state.db.read();
    let case = repo::get(conn, id).await.map_err(found(ENTITY))?;
    caller.authorize(Action::Read(Resource::Case), &case.scope(), ENTITY)?;
    let masked = !sees_sensitive_case_data(&caller.actor);
    let page: PageRequest = page.unwrap_or_default();
    let writes = tgpl_db::audit::changes_of(conn, ENTITY, id, page).await?;
    let names = tgpl_db::users::names(conn, writes.items.iter().filter_map(|e| e.actor_id)).await?;
    Ok(writes.map(|e| {
        let changes = match (&e.before, &e.after) {
            (Some(b), Some(a)) => field_changes(b, a, masked),
            _ => Vec::new(),
        };
        CaseChangeDto {
            at: e.occurred_at,
            actor_name: e.actor_id.and_then(|id| names.get(&id).cloned()),
            actor_id: e.actor_id,
            action: e.action,
            changes: changes
                .into_iter()
                .map(|c| FieldChangeDto {
                    field: c.field,
                    party_id: c.party_id,
                    before: c.before,
                    after: c.after,
                })
                .collect(),
        }
    }))
}
