//! The caller's own inbox and delivery preferences (issue #14). Each user
//! reads and changes only their own: the id is the caller's, never a
//! parameter, so nobody can read another's notices.
use super::{begin, commit, page_request};
use crate::error::{AppError, Fields};
use crate::{App, Caller};
use tgpl_db::Page;
use tgpl_db::audit::{self, Change};
use tgpl_db::notifications::{self as store, StoredNotification};
use tgpl_domain::ResourceScope;
use tgpl_domain::notification::{Delivery, Language, NotificationKind};
use uuid::Uuid;

/// The caller's notices, newest first, and the language to render them in.
pub async fn inbox(
    app: &App,
    caller: &Caller,
    unread_only: bool,
    after: Option<&str>,
    limit: Option<u64>,
) -> Result<(Page<StoredNotification>, Language), AppError> {
    let mut f = Fields::new();
    let page = page_request(&mut f, after, limit);
    f.finish()?;
    let user = caller.actor.user_id;
    let page = store::inbox(app.db.read(), user, unread_only, page.unwrap_or_default()).await?;
    Ok((page, language(app, user).await?))
}

pub async fn unread_count(app: &App, caller: &Caller) -> Result<u64, AppError> {
    Ok(store::unread_count(app.db.read(), caller.actor.user_id).await?)
}

async fn language(app: &App, user: Uuid) -> Result<Language, AppError> {
    Ok(store::reader(app.db.read(), user)
        .await?
        .map(|r| r.language)
        .unwrap_or_default())
}

fn own(caller: &Caller) -> ResourceScope {
    ResourceScope {
        user_id: Some(caller.actor.user_id),
        org_id: Some(caller.actor.org_id),
        centre_id: caller.actor.centre_id,
        province: caller.actor.province,
        ..Default::default()
    }
}

/// Marks one notice (`Some(id)`) or all of the caller's notices read. An
/// id that is not the caller's answers 404.
pub async fn mark_read(app: &App, caller: &Caller, id: Option<Uuid>) -> Result<u64, AppError> {
    let user = caller.actor.user_id;
    let txn = begin(&app.db).await?;
    if let Some(id) = id
        && store::get(&txn, user, id).await?.is_none()
    {
        return Err(AppError::NotFound("notification"));
    }
    let marked = store::mark_read(&txn, user, id, caller.at.now).await?;
    if marked > 0 {
        let after = serde_json::json!({ "marked_read": marked, "notification_id": id });
        audit::record(
            &txn,
            &caller.audit(),
            Change {
                action: "notification.mark_read",
                entity: "user",
                entity_id: user,
                scope: own(caller),
                before: None,
                after: Some(&after),
            },
        )
        .await?;
    }
    commit(txn).await?;
    Ok(marked)
}

/// The caller's language and every kind's delivery (security ones fixed).
pub async fn preferences(
    app: &App,
    caller: &Caller,
) -> Result<(Language, Vec<(NotificationKind, Delivery)>), AppError> {
    let user = caller.actor.user_id;
    let chosen = store::preferences(app.db.read(), user).await?;
    Ok((
        language(app, user).await?,
        crate::notify::effective_preferences(&chosen),
    ))
}

/// Changes the caller's language and/or some kinds' delivery. Asking to
/// change a security notice's delivery is refused (422): it is fixed.
pub async fn put_preferences(
    app: &App,
    caller: &Caller,
    lang: Option<Language>,
    kinds: &[(NotificationKind, Delivery)],
) -> Result<(Language, Vec<(NotificationKind, Delivery)>), AppError> {
    let mut f = Fields::new();
    for (i, (kind, delivery)) in kinds.iter().enumerate() {
        if kind.is_security() && *delivery != Delivery::Immediate {
            f.push(
                &format!("kinds[{i}].delivery"),
                "fixed",
                "security notices are always mailed at once",
            );
        }
    }
    f.finish()?;
    let user = caller.actor.user_id;
    let now = caller.at.now;
    let before = preferences(app, caller).await?;
    let txn = begin(&app.db).await?;
    if let Some(l) = lang {
        store::set_language(&txn, user, l).await?;
    }
    for (kind, delivery) in kinds {
        store::set_preference(&txn, user, *kind, *delivery, now).await?;
    }
    let json = |(l, k): &(Language, Vec<(NotificationKind, Delivery)>)| {
        serde_json::json!({
            "language": l,
            "kinds": k.iter().map(|(k, d)| (k.as_str(), d.as_str())).collect::<std::collections::BTreeMap<_, _>>(),
        })
    };
    let after_value = {
        let mut l = before.0;
        if let Some(new) = lang {
            l = new;
        }
        let mut k = before.1.clone();
        for (kind, delivery) in kinds {
            for entry in k.iter_mut().filter(|(kk, _)| kk == kind) {
                entry.1 = Delivery::effective(*kind, Some(*delivery));
            }
        }
        (l, k)
    };
    audit::record(
        &txn,
        &caller.audit(),
        Change {
            action: "notification.preferences",
            entity: "user",
            entity_id: user,
            scope: own(caller),
            before: Some(&json(&before)),
            after: Some(&json(&after_value)),
        },
    )
    .await?;
    commit(txn).await?;
    Ok(after_value)
}
