use super::page_request;
use crate::App;
use crate::Caller;
use crate::error::{AppError, Fields};
use tgpl_db::Page;
use tgpl_db::audit::{self, AuditFilter};
use tgpl_domain::case::record::mask_json;
use tgpl_domain::policy::{Resource, ScopeFilter, read_filter, sees_sensitive_case_data};
use tgpl_domain::records::AuditEvent;
use uuid::Uuid;

/// The audit trail the caller may read, newest first.
pub async fn list(
    state: &App,
    caller: &Caller,
    entity: Option<String>,
    entity_id: Option<Uuid>,
    actor_id: Option<Uuid>,
    after: Option<&str>,
    limit: Option<u64>,
) -> Result<Page<AuditEvent>, AppError> {
    let visible = read_filter(&caller.actor, Resource::AuditLog);
    if visible == ScopeFilter::Nothing {
        return Err(AppError::Forbidden("your role cannot read the audit trail"));
    }
    let mut f = Fields::new();
    let page = page_request(&mut f, after, limit);
    f.finish()?;
    let filter = AuditFilter {
        entity,
        entity_id,
        actor_id,
    };
    let mut page = audit::list(
        state.db.read(),
        state.db.read_log(),
        visible,
        &filter,
        page.unwrap_or_default(),
    )
    .await?;
    // The trail's before/after values are masked like the records they copy
    // (DOMAIN §11): a role that sees a case masked sees its history masked.
    if !sees_sensitive_case_data(&caller.actor) {
        for e in &mut page.items {
            for v in [e.before.as_mut(), e.after.as_mut()].into_iter().flatten() {
                mask_json(v);
            }
        }
    }
    Ok(page)
}

/// The display names of the accounts that acted in `events` (the trail
/// names people, not ids; issue #13).
pub async fn actor_names(
    state: &App,
    events: &[AuditEvent],
) -> Result<std::collections::HashMap<Uuid, String>, AppError> {
    let ids = events.iter().filter_map(|e| e.actor_id);
    Ok(tgpl_db::users::names(state.db.read(), ids).await?)
}
