use super::page_request;
use crate::App;
use crate::Caller;
use crate::error::{AppError, Fields};
use tgpl_db::Page;
use tgpl_db::audit::{self, AuditFilter};
use tgpl_domain::policy::{Resource, ScopeFilter, read_filter};
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
    Ok(audit::list(state.db.read(), visible, &filter, page.unwrap_or_default()).await?)
}
