//! The practitioner register and its transfer history.
use crate::entity::practitioner::{self, Column as C};
use crate::entity::practitioner_transfer;
use crate::scope::{self, ScopeColumns};
use crate::{DbError, Page, PageRequest, convert};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use tgpl_domain::records::{Practitioner, Transfer};
use tgpl_domain::{PractitionerKind, PractitionerStatus, ProvinceCode, ScopeFilter, text};
use uuid::Uuid;

pub(crate) fn cols() -> ScopeColumns<C> {
    ScopeColumns {
        province: C::ProvinceCode,
        centre: C::CentreId,
        org: C::OrganisationId,
        user: None,
        practitioner: None,
    }
}

pub async fn get<Cn: ConnectionTrait>(conn: &Cn, id: Uuid) -> Result<Practitioner, DbError> {
    let row = practitioner::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    convert::practitioner(row)
}

pub async fn insert<Cn: ConnectionTrait>(conn: &Cn, p: &Practitioner) -> Result<(), DbError> {
    convert::practitioner_row(p).insert(conn).await?;
    Ok(())
}

/// The practitioner holding a card number, if any.
pub async fn by_card_number<Cn: ConnectionTrait>(
    conn: &Cn,
    card_number: &str,
) -> Result<Option<Practitioner>, DbError> {
    practitioner::Entity::find()
        .filter(C::CardNumber.eq(card_number))
        .one(conn)
        .await?
        .map(convert::practitioner)
        .transpose()
}

/// Bulk insert (demo and benchmark data), in chunks the databases accept.
pub async fn insert_many<Cn: ConnectionTrait>(
    conn: &Cn,
    ps: &[Practitioner],
) -> Result<(), DbError> {
    for chunk in ps.chunks(500) {
        practitioner::Entity::insert_many(chunk.iter().map(convert::practitioner_row))
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Writes `p` if the stored row is still at `expected_version`.
pub async fn save<Cn: ConnectionTrait>(
    conn: &Cn,
    p: &Practitioner,
    expected_version: i32,
) -> Result<(), DbError> {
    crate::versioned::update(
        conn,
        convert::practitioner_row(p),
        C::Id,
        C::Version,
        p.id,
        expected_version,
    )
    .await
}

#[derive(Debug, Clone, Default)]
pub struct PractitionerFilter {
    pub kind: Option<PractitionerKind>,
    pub province: Option<ProvinceCode>,
    pub organisation_id: Option<Uuid>,
    pub status: Option<PractitionerStatus>,
    pub q: Option<String>,
}

pub async fn list<Cn: ConnectionTrait>(
    conn: &Cn,
    visible: ScopeFilter,
    f: &PractitionerFilter,
    page: PageRequest,
) -> Result<Page<Practitioner>, DbError> {
    let mut q = practitioner::Entity::find().filter(scope::condition(visible, &cols()));
    if let Some(k) = f.kind {
        q = q.filter(C::Kind.eq(k.as_str()));
    }
    if let Some(p) = f.province {
        q = q.filter(C::ProvinceCode.eq(p.as_str()));
    }
    if let Some(o) = f.organisation_id {
        q = q.filter(C::OrganisationId.eq(o));
    }
    if let Some(s) = f.status {
        q = q.filter(C::Status.eq(s.as_str()));
    }
    if let Some(needle) = f.q.as_deref().map(text::fold).filter(|s| !s.is_empty()) {
        q = q.filter(C::SearchText.contains(needle.as_str()));
    }
    crate::page::ascending(
        conn,
        q,
        C::Id,
        page,
        convert::practitioner,
        |p: &Practitioner| p.id,
    )
    .await
}

pub async fn active_in_org<Cn: ConnectionTrait>(
    conn: &Cn,
    org: Uuid,
) -> Result<Vec<Practitioner>, DbError> {
    practitioner::Entity::find()
        .filter(C::OrganisationId.eq(org))
        .filter(C::Status.ne(PractitionerStatus::Left.as_str()))
        .order_by_asc(C::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(convert::practitioner)
        .collect()
}

/// Re-copies the scope columns for everyone in `orgs` after the hierarchy moved.
pub async fn retarget_scope<Cn: ConnectionTrait>(
    conn: &Cn,
    orgs: &[Uuid],
    centre: Option<Uuid>,
    province: Option<ProvinceCode>,
) -> Result<(), DbError> {
    if orgs.is_empty() {
        return Ok(());
    }
    practitioner::Entity::update_many()
        .col_expr(C::CentreId, Expr::value(centre))
        .col_expr(C::ProvinceCode, Expr::value(province.map(String::from)))
        .filter(C::OrganisationId.is_in(orgs.iter().copied()))
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn insert_transfer<Cn: ConnectionTrait>(conn: &Cn, t: &Transfer) -> Result<(), DbError> {
    use sea_orm::ActiveValue::Set;
    practitioner_transfer::ActiveModel {
        id: Set(t.id),
        practitioner_id: Set(t.practitioner_id),
        from_organisation_id: Set(t.from_organisation_id),
        to_organisation_id: Set(t.to_organisation_id),
        effective_on: Set(t.effective_on),
        reason: Set(t.reason.clone()),
        recorded_by: Set(t.recorded_by),
        created_at: Set(t.created_at),
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn transfers<Cn: ConnectionTrait>(
    conn: &Cn,
    practitioner_id: Uuid,
) -> Result<Vec<Transfer>, DbError> {
    use practitioner_transfer::Column as T;
    Ok(practitioner_transfer::Entity::find()
        .filter(T::PractitionerId.eq(practitioner_id))
        .order_by_asc(T::EffectiveOn)
        .order_by_asc(T::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(convert::transfer)
        .collect())
}

/// (organisation, practitioner) of every active practitioner: synthetic data.
pub async fn active_by_org<Cn: ConnectionTrait>(conn: &Cn) -> Result<Vec<(Uuid, Uuid)>, DbError> {
    Ok(practitioner::Entity::find()
        .filter(C::Status.eq(PractitionerStatus::Active.as_str()))
        .order_by_asc(C::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.organisation_id, p.id))
        .collect())
}

/// The names of the practitioners `ids` names (for exports' columns).
pub async fn names<Cn: ConnectionTrait>(
    conn: &Cn,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<std::collections::HashMap<Uuid, String>, DbError> {
    use sea_orm::QuerySelect;
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(practitioner::Entity::find()
        .select_only()
        .column(C::Id)
        .column(C::FullName)
        .filter(C::Id.is_in(ids))
        .into_tuple::<(Uuid, String)>()
        .all(conn)
        .await?
        .into_iter()
        .collect())
}
