//! The hearings of a case and the calendar of upcoming hearings.
use super::{begin, commit, found, non_empty, page_request, rule};
use crate::error::{ApiError, Fields, denied};
use crate::extract::Caller;
use crate::state::AppState;
use chrono::Utc;
use tgpl_api_model::cases::{HearingQuery, ScheduleHearing};
use tgpl_db::audit::{self, Change};
use tgpl_db::hearings::{self as repo, CalendarFilter};
use tgpl_db::{Page, cases, practitioners};
use tgpl_domain::case::{Hearing, rules};
use tgpl_domain::policy::{Action, Resource, authorize, read_filter};
use uuid::Uuid;

pub async fn of_case(
    state: &AppState,
    caller: &Caller,
    case_id: Uuid,
) -> Result<Vec<Hearing>, ApiError> {
    let case = cases::get(state.db.read(), case_id)
        .await
        .map_err(found("case"))?;
    authorize(&caller.actor, Action::Read(Resource::Case), &case.scope())
        .map_err(denied("case"))?;
    Ok(repo::of_case(state.db.read(), case_id).await?)
}

pub async fn calendar(
    state: &AppState,
    caller: &Caller,
    q: HearingQuery,
) -> Result<Page<Hearing>, ApiError> {
    let mut f = Fields::new();
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    f.finish()?;
    let filter = CalendarFilter {
        from: Some(q.from.unwrap_or_else(Utc::now)),
        to: q.to,
        practitioner_id: q.practitioner_id,
        organisation_id: q.organisation_id,
    };
    let visible = read_filter(&caller.actor, Resource::Case);
    Ok(repo::calendar(state.db.read(), visible, &filter, page.unwrap_or_default()).await?)
}

/// Puts a hearing of a litigation case in the calendar.
pub async fn schedule(
    state: &AppState,
    caller: &Caller,
    case_id: Uuid,
    req: ScheduleHearing,
) -> Result<Hearing, ApiError> {
    let txn = begin(&state.db).await?;
    let case = cases::get(&txn, case_id).await.map_err(found("case"))?;
    authorize(&caller.actor, Action::ScheduleHearing, &case.scope()).map_err(denied("case"))?;
    rules::check_hearing(&case).map_err(rule)?;
    let practitioner_id = req.practitioner_id.or(case.practitioner_id);
    if let Some(pid) = req.practitioner_id {
        let p = practitioners::get(&txn, pid).await.ok();
        if p.filter(|p| read_filter(&caller.actor, Resource::Practitioner).contains(&p.scope()))
            .is_none()
        {
            return Err(ApiError::field(
                "practitioner_id",
                "not_found",
                "no such practitioner",
            ));
        }
    }
    let hearing = Hearing {
        id: Uuid::now_v7(),
        case_id,
        court: req.court.trim().to_owned(),
        starts_at: req.starts_at,
        mode: req.mode,
        location: non_empty(req.location),
        notes: non_empty(req.notes),
        practitioner_id,
        recorded_by: Some(caller.actor.user_id),
        created_at: Utc::now(),
    };
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
    commit(txn).await?;
    Ok(hearing)
}
