//! A user's saved views of a list (issue #13 item 6): named filters and
//! order, kept on the server so that they follow the user from browser to
//! browser. Each is the owner's alone; opening one reads the list with the
//! owner's scope and masking, as any list read.
use crate::error::AppError;
use crate::{App, Caller};
use tgpl_api_model::saved_views::CreateSavedView;
use tgpl_db::audit::{self, Change};
use tgpl_db::saved_views as repo;
use tgpl_domain::ResourceScope;
use tgpl_domain::saved_view::{MAX_PER_LIST, SavedView, ViewList};
use uuid::Uuid;

const ENTITY: &str = "saved_view";

/// The caller's views of `list`, by name.
pub async fn list(
    state: &App,
    caller: &Caller,
    list: ViewList,
) -> Result<Vec<SavedView>, AppError> {
    Ok(repo::of_user(state.db.read(), caller.actor.user_id, list).await?)
}

/// Saves the caller's view: its name unique among their views of the list,
/// the query kept without paging.
pub async fn create(
    state: &App,
    caller: &Caller,
    req: CreateSavedView,
) -> Result<SavedView, AppError> {
    let view = SavedView::new(
        Uuid::now_v7(),
        caller.actor.user_id,
        req.list,
        &req.name,
        &req.query,
        caller.at.now,
    )
    .map_err(|e| AppError::field(e.field, e.code, e.message))?;
    let txn = super::begin(&state.db).await?;
    if repo::count(&txn, view.user_id, view.list).await? >= MAX_PER_LIST {
        return Err(AppError::Conflict {
            code: "saved_view.too_many",
            detail: format!("at most {MAX_PER_LIST} saved views per list: delete one first"),
        });
    }
    repo::insert(&txn, &view).await?;
    let summary = summary(&view);
    audit::record(
        &txn,
        &caller.audit(),
        change(caller, "saved_view.create", &view, None, Some(&summary)),
    )
    .await?;
    super::commit(txn).await?;
    Ok(view)
}

/// Deletes one of the caller's views (another user's answers 404).
pub async fn delete(state: &App, caller: &Caller, id: Uuid) -> Result<(), AppError> {
    let txn = super::begin(&state.db).await?;
    let view = repo::remove(&txn, caller.actor.user_id, id)
        .await?
        .ok_or(AppError::NotFound(ENTITY))?;
    let summary = summary(&view);
    audit::record(
        &txn,
        &caller.audit(),
        change(caller, "saved_view.delete", &view, Some(&summary), None),
    )
    .await?;
    super::commit(txn).await
}

/// What the audit keeps of a view: the list and the name, not the query
/// (a search may hold a person's name).
fn summary(v: &SavedView) -> serde_json::Value {
    serde_json::json!({"list": v.list.as_str(), "name": v.name})
}

fn change<'a>(
    caller: &Caller,
    action: &'a str,
    v: &SavedView,
    before: Option<&'a serde_json::Value>,
    after: Option<&'a serde_json::Value>,
) -> Change<'a, serde_json::Value> {
    let a = &caller.actor;
    Change {
        action,
        entity: ENTITY,
        entity_id: v.id,
        scope: ResourceScope {
            org_id: Some(a.org_id),
            centre_id: a.centre_id,
            province: a.province,
            user_id: Some(a.user_id),
            practitioner_id: None,
        },
        before,
        after,
    }
}
