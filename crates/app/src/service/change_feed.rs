//! The change feed (issue #14): the outbox read in order, within the
//! reader's scope, with no personal data (event payloads hold none: the
//! domain's test `event_payloads_hold_no_sensitive_field` keeps it so).
use crate::error::{AppError, Fields};
use crate::{App, Caller};
use tgpl_api_model::case_file::TimelineEntryDto;
use tgpl_api_model::events::{ChangeDto, ChangeFeedPage, ChangeFeedQuery};
use tgpl_db::events;
use tgpl_domain::policy::{Resource, may_read_change_feed, read_filter};

pub const DEFAULT_LIMIT: u64 = 100;
pub const MAX_LIMIT: u64 = 1000;

pub async fn list(
    state: &App,
    caller: &Caller,
    q: ChangeFeedQuery,
) -> Result<ChangeFeedPage, AppError> {
    if !may_read_change_feed(&caller.actor) {
        return Err(AppError::Forbidden(
            "the change feed is for integration accounts and national or provincial staff",
        ));
    }
    let mut f = Fields::new();
    let after = q.after.unwrap_or(0);
    if after < 0 {
        f.push(
            "after",
            "out_of_range",
            "after is a sequence number, 0 or more",
        );
    }
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        f.push(
            "limit",
            "out_of_range",
            format!("limit is 1 to {MAX_LIMIT}"),
        );
    }
    f.finish()?;
    let visible = read_filter(&caller.actor, Resource::Case);
    let rows = events::feed(state.db.read(), visible, after, limit).await?;
    let next = rows.last().map(|r| r.event.seq);
    let items = rows.into_iter().map(change_of).collect();
    Ok(ChangeFeedPage { items, next })
}

/// An outbox event as the change feed and webhooks send it.
pub fn change_of(r: events::FeedEntry) -> ChangeDto {
    let (id, case_id) = (r.event.id, r.event.case_id);
    // The event on the wire as the case timeline shows it.
    let t = TimelineEntryDto::from(r.event);
    ChangeDto {
        seq: t.seq,
        id,
        type_: t.type_,
        label_vi: t.label_vi,
        case_id,
        case_code: r.case_code,
        organisation_id: r.organisation_id,
        province: r.province_code,
        occurred_on: t.occurred_on,
        recorded_at: t.recorded_at,
        event: t.event,
    }
}
