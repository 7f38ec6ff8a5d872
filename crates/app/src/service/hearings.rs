//! The hearings of a case and the calendar of upcoming hearings.
use super::{begin, commit, found, page_request, rule};
use crate::App;
use crate::Caller;
use crate::error::{AppError, Fields};
use tgpl_api_model::cases::{HearingQuery, ScheduleHearing};
use tgpl_db::audit::{self, Change};
use tgpl_db::events;
use tgpl_db::hearings::{self as repo, CalendarFilter};
use tgpl_db::{Page, cases, practitioners};
use tgpl_domain::case::{Hearing, NewHearing};
use tgpl_domain::policy::{Action, Resource, read_filter};
use uuid::Uuid;

pub async fn of_case(
    state: &App,
    caller: &Caller,
    case_id: Uuid,
) -> Result<Vec<Hearing>, AppError> {
    let case = cases::get(state.db.read(), case_id)
        .await
        .map_err(found("case"))?;
    caller.authorize(Action::Read(Resource::Case), &case.scope(), "case")?;
    super::cases::audit_read(state, caller, &case, "case.read_hearings").await?;
    Ok(repo::of_case(state.db.read(), case_id).await?)
}

pub async fn calendar(
    state: &App,
    caller: &Caller,
    q: HearingQuery,
) -> Result<Page<Hearing>, AppError> {
    let mut f = Fields::new();
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    f.finish()?;
    let filter = CalendarFilter {
        from: Some(q.from.unwrap_or(caller.at.now)),
        to: q.to,
        practitioner_id: q.practitioner_id,
        organisation_id: q.organisation_id,
    };
    let visible = read_filter(&caller.actor, Resource::Case);
    Ok(repo::calendar(state.db.read(), visible, &filter, page.unwrap_or_default()).await?)
}

/// Puts a hearing of a litigation case in the calendar.
pub async fn schedule(
    state: &App,
    caller: &Caller,
    case_id: Uuid,
    req: ScheduleHearing,
) -> Result<Hearing, AppError> {
    let txn = begin(&state.db).await?;
    let case = cases::get(&txn, case_id).await.map_err(found("case"))?;
    caller.authorize(Action::ScheduleHearing, &case.scope(), "case")?;
    if let Some(pid) = req.practitioner_id {
        let p = practitioners::get(&txn, pid).await.ok();
        if p.filter(|p| read_filter(&caller.actor, Resource::Practitioner).contains(&p.scope()))
            .is_none()
        {
            return Err(AppError::field(
                "practitioner_id",
                "not_found",
                "no such practitioner",
            ));
        }
    }
    let (hearing, event) = case
        .schedule_hearing(
            NewHearing {
                court: req.court,
                starts_at: req.starts_at,
                mode: req.mode,
                location: req.location,
                notes: req.notes,
                practitioner_id: req.practitioner_id,
                recorded_by: Some(caller.actor.user_id),
            },
            caller.at,
        )
        .map_err(rule)?;
    repo::insert(&txn, &case, &hearing).await?;
    audit::record(
        &txn,
        &caller.audit(),
        Change {
            action: "case.schedule_hearing",
            entity: "case",
            entity_id: case.id,
            scope: case.scope(),
            before: None,
            after: Some(&hearing),
        },
    )
    .await?;
    events::append(
        &txn,
        &case,
        &[event],
        Some(caller.actor.user_id),
        caller.at.now,
    )
    .await?;
    commit(txn).await?;
    Ok(hearing)
}
