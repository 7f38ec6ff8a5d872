//! The hearings calendar.
use crate::entity::hearing::{self, Column as H};
use crate::scope::{self, ScopeColumns};
use crate::{DbError, Page, PageRequest};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use tgpl_domain::ScopeFilter;
use tgpl_domain::case::{Case, Hearing, HearingMode};
use uuid::Uuid;

pub(crate) fn hearing_of(m: hearing::Model) -> Result<Hearing, DbError> {
    Ok(Hearing {
        id: m.id,
        case_id: m.case_id,
        court: m.court,
        starts_at: m.starts_at,
        mode: HearingMode::parse(&m.mode).map_err(|e| DbError::Db(DbErr::Custom(e.to_string())))?,
        location: m.location,
        notes: m.notes,
        practitioner_id: m.practitioner_id,
        recorded_by: m.recorded_by,
        created_at: m.created_at,
    })
}

/// Inserts a hearing with the case's scope copied beside it.
pub async fn insert<C: ConnectionTrait>(conn: &C, case: &Case, h: &Hearing) -> Result<(), DbError> {
    row_of(case, h).insert(conn).await?;
    Ok(())
}

pub(crate) fn row_of(case: &Case, h: &Hearing) -> hearing::ActiveModel {
    hearing::ActiveModel {
        id: Set(h.id),
        case_id: Set(h.case_id),
        organisation_id: Set(case.organisation_id),
        centre_id: Set(case.centre_id),
        province_code: Set(case.province_code.map(String::from)),
        practitioner_id: Set(h.practitioner_id),
        court: Set(h.court.clone()),
        starts_at: Set(h.starts_at),
        mode: Set(h.mode.as_str().to_owned()),
        location: Set(h.location.clone()),
        notes: Set(h.notes.clone()),
        recorded_by: Set(h.recorded_by),
        created_at: Set(h.created_at),
    }
}

pub async fn of_case<C: ConnectionTrait>(conn: &C, case_id: Uuid) -> Result<Vec<Hearing>, DbError> {
    hearing::Entity::find()
        .filter(H::CaseId.eq(case_id))
        .order_by_asc(H::StartsAt)
        .order_by_asc(H::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(hearing_of)
        .collect()
}

#[derive(Debug, Clone, Default)]
pub struct CalendarFilter {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub practitioner_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
}

/// Hearings in time order within the caller's scope.
pub async fn calendar<C: ConnectionTrait>(
    conn: &C,
    visible: ScopeFilter,
    f: &CalendarFilter,
    page: PageRequest,
) -> Result<Page<Hearing>, DbError> {
    let cols = ScopeColumns {
        province: H::ProvinceCode,
        centre: H::CentreId,
        org: H::OrganisationId,
        user: None,
        practitioner: Some(H::PractitionerId),
    };
    let mut q = hearing::Entity::find().filter(scope::condition(visible, &cols));
    if let Some(from) = f.from {
        q = q.filter(H::StartsAt.gte(from));
    }
    if let Some(to) = f.to {
        q = q.filter(H::StartsAt.lt(to));
    }
    if let Some(p) = f.practitioner_id {
        q = q.filter(H::PractitionerId.eq(p));
    }
    if let Some(o) = f.organisation_id {
        q = q.filter(H::OrganisationId.eq(o));
    }
    // Keyset on (starts_at, id): the cursor names the last hearing shown.
    if let Some(after) = page.after
        && let Some(last) = hearing::Entity::find_by_id(after).one(conn).await?
    {
        q = q.filter(
            sea_orm::Condition::any()
                .add(H::StartsAt.gt(last.starts_at))
                .add(
                    sea_orm::Condition::all()
                        .add(H::StartsAt.eq(last.starts_at))
                        .add(H::Id.gt(after)),
                ),
        );
    }
    let rows = q
        .order_by_asc(H::StartsAt)
        .order_by_asc(H::Id)
        .limit(page.limit + 1)
        .all(conn)
        .await?;
    let items = rows
        .into_iter()
        .map(hearing_of)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(items, page.limit, |h: &Hearing| h.id))
}
