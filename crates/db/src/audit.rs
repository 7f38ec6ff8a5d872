//! The audit trail: every write appends an event in the same transaction.
use crate::entity::{audit_event, audit_read_page};
use crate::scope::{self, ScopeColumns};
use crate::{DbError, Page, PageRequest, convert};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbBackend,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, sea_query::Expr,
};
use serde::Serialize;
use tgpl_domain::records::AuditEvent;
use tgpl_domain::{Actor, ResourceScope, ScopeFilter};
use uuid::Uuid;

/// Who caused a change, and in which request.
#[derive(Debug, Clone, Default)]
pub struct AuditMeta {
    pub actor_id: Option<Uuid>,
    pub actor_role: Option<String>,
    pub request_id: Option<String>,
    /// When it happened: the request's clock reading.
    pub at: chrono::DateTime<Utc>,
}

impl AuditMeta {
    pub fn of(actor: &Actor, request_id: impl Into<String>, at: chrono::DateTime<Utc>) -> Self {
        Self {
            actor_id: Some(actor.user_id),
            actor_role: Some(actor.role.as_str().to_owned()),
            request_id: Some(request_id.into()),
            at,
        }
    }

    /// Changes made by the system itself (seeding, migrations, CLI).
    pub fn system(what: &str, at: chrono::DateTime<Utc>) -> Self {
        Self {
            actor_id: None,
            actor_role: Some("system".to_owned()),
            request_id: Some(what.to_owned()),
            at,
        }
    }
}

/// One change to record.
pub struct Change<'a, T: Serialize> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Uuid,
    pub scope: ResourceScope,
    pub before: Option<&'a T>,
    pub after: Option<&'a T>,
}

pub async fn record<C: ConnectionTrait, T: Serialize>(
    conn: &C,
    meta: &AuditMeta,
    change: Change<'_, T>,
) -> Result<(), DbError> {
    row(meta, change).insert(conn).await?;
    Ok(())
}

/// Records many changes at once (bulk loads), a few statements in all.
pub async fn record_many<'a, C: ConnectionTrait, T: Serialize + 'a>(
    conn: &C,
    meta: &AuditMeta,
    changes: impl IntoIterator<Item = Change<'a, T>>,
) -> Result<(), DbError> {
    let rows: Vec<audit_event::ActiveModel> = changes.into_iter().map(|c| row(meta, c)).collect();
    crate::cases::insert_chunks(conn, rows).await
}

/// The row for one event; `occurred_at` is now.
pub(crate) fn row<T: Serialize>(
    meta: &AuditMeta,
    change: Change<'_, T>,
) -> audit_event::ActiveModel {
    let json = |v: Option<&T>| v.and_then(|v| serde_json::to_value(v).ok());
    audit_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        occurred_at: Set(meta.at),
        actor_id: Set(meta.actor_id),
        actor_role: Set(meta.actor_role.clone()),
        action: Set(change.action.to_owned()),
        entity: Set(change.entity.to_owned()),
        entity_id: Set(change.entity_id),
        organisation_id: Set(change.scope.org_id),
        province_code: Set(change.scope.province.map(String::from)),
        centre_id: Set(change.scope.centre_id),
        before: Set(json(change.before)),
        after: Set(json(change.after)),
        request_id: Set(meta.request_id.clone()),
    }
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub entity_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
}

/// A page of the trail, newest first. On SQLite the events of reads are
/// in the read log (ADR 0023): both are read and merged by id, which is
/// time-ordered (UUID v7), so pages continue across the two.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    read_log: Option<&sea_orm::DatabaseConnection>,
    visible: ScopeFilter,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<Page<AuditEvent>, DbError> {
    let mut rows = page_query(conn.get_database_backend(), visible, filter, page)
        .all(conn)
        .await?;
    if let Some(log) = read_log {
        rows.extend(
            page_query(log.get_database_backend(), visible, filter, page)
                .all(log)
                .await?,
        );
        rows.sort_by_key(|m| std::cmp::Reverse(m.id));
        rows.dedup_by_key(|m| m.id);
        rows.truncate(usize::try_from(page.limit + 1).unwrap_or(usize::MAX));
    }
    let items = rows.into_iter().map(convert::audit_event).collect();
    Ok(Page::from_overfetch(items, page.limit, |e: &AuditEvent| {
        e.id
    }))
}

/// One database's part of a page: `limit + 1` events, newest first.
fn page_query(
    backend: DbBackend,
    visible: ScopeFilter,
    filter: &AuditFilter,
    page: PageRequest,
) -> sea_orm::Select<audit_event::Entity> {
    use audit_event::Column as C;
    let cols = ScopeColumns {
        province: C::ProvinceCode,
        centre: C::CentreId,
        org: C::OrganisationId,
        user: None,
        practitioner: None,
    };
    let own = scope::condition(visible, &cols);
    let mut q = audit_event::Entity::find();
    match filter.entity_id {
        // A record's trail: its own events, and the list pages that showed
        // it (scoped by the record's place, as its own events are).
        Some(id) => {
            let mut direct = Condition::all().add(own).add(C::EntityId.eq(id));
            if let Some(e) = &filter.entity {
                direct = direct.add(C::Entity.eq(e.as_str()));
            }
            use audit_read_page::Column as S;
            let subject_cols = ScopeColumns {
                province: S::ProvinceCode,
                centre: S::CentreId,
                org: S::OrganisationId,
                user: None,
                practitioner: None,
            };
            // A typed uuid formats as hex and hyphens only: safe inline.
            let holds = Expr::cust(match backend {
                DbBackend::Postgres => {
                    format!("audit_read_pages.entity_ids @> ARRAY['{id}']::uuid[]")
                }
                _ => format!(
                    "instr(audit_read_pages.entity_ids, '{}') > 0",
                    crate::read_audit::sqlite_id(id)
                ),
            });
            let listed = audit_read_page::Entity::find()
                .select_only()
                .column(S::EventId)
                .filter(holds)
                .filter(scope::condition(visible, &subject_cols))
                .into_query();
            let mut shown = Condition::all().add(C::Id.in_subquery(listed));
            if let Some(e) = &filter.entity {
                shown = shown.add(C::Entity.eq(e.as_str()));
            }
            q = q.filter(Condition::any().add(direct).add(shown));
        }
        None => {
            q = q.filter(own);
            if let Some(e) = &filter.entity {
                q = q.filter(C::Entity.eq(e.as_str()));
            }
        }
    }
    if let Some(id) = filter.actor_id {
        q = q.filter(C::ActorId.eq(id));
    }
    if let Some(after) = page.after {
        q = q.filter(C::Id.lt(after));
    }
    q.order_by_desc(C::Id).limit(page.limit + 1)
}

/// The writes that changed a record (both values kept), newest first: the
/// source of its per-field history. Reads, and creations (no value before),
/// are left out.
pub async fn changes_of<C: ConnectionTrait>(
    conn: &C,
    entity: &str,
    entity_id: Uuid,
    page: PageRequest,
) -> Result<Page<AuditEvent>, DbError> {
    use audit_event::Column as C;
    let mut q = audit_event::Entity::find()
        .filter(C::Entity.eq(entity))
        .filter(C::EntityId.eq(entity_id))
        .filter(C::Before.is_not_null())
        .filter(C::After.is_not_null());
    if let Some(after) = page.after {
        q = q.filter(C::Id.lt(after));
    }
    let rows = q
        .order_by_desc(C::Id)
        .limit(page.limit + 1)
        .all(conn)
        .await?;
    let items = rows.into_iter().map(convert::audit_event).collect();
    Ok(Page::from_overfetch(items, page.limit, |e: &AuditEvent| {
        e.id
    }))
}
