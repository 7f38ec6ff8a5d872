//! The organisation register.
use crate::entity::organisation::{self, Column as C};
use crate::scope::{self, ScopeColumns};
use crate::{DbError, Page, PageRequest, convert};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use tgpl_domain::records::Organisation;
use tgpl_domain::{OrgKind, OrgStatus, ProvinceCode, ScopeFilter, text};
use uuid::Uuid;

fn cols() -> ScopeColumns<C> {
    ScopeColumns {
        province: C::ProvinceCode,
        centre: C::CentreId,
        org: C::Id,
        user: None,
        practitioner: None,
    }
}

pub async fn count<Cn: ConnectionTrait>(conn: &Cn) -> Result<u64, DbError> {
    Ok(organisation::Entity::find().count(conn).await?)
}

pub async fn get<Cn: ConnectionTrait>(conn: &Cn, id: Uuid) -> Result<Organisation, DbError> {
    let row = organisation::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    convert::organisation(row)
}

pub async fn insert<Cn: ConnectionTrait>(conn: &Cn, org: &Organisation) -> Result<(), DbError> {
    convert::organisation_row(org).insert(conn).await?;
    Ok(())
}

/// Writes `org` if the stored row is still at `expected_version`.
pub async fn save<Cn: ConnectionTrait>(
    conn: &Cn,
    org: &Organisation,
    expected_version: i32,
) -> Result<(), DbError> {
    crate::versioned::update(
        conn,
        convert::organisation_row(org),
        C::Id,
        C::Version,
        org.id,
        expected_version,
    )
    .await
}

#[derive(Debug, Clone, Default)]
pub struct OrganisationFilter {
    pub kind: Option<OrgKind>,
    /// Any of these kinds (empty: any kind).
    pub kinds: Vec<OrgKind>,
    pub province: Option<ProvinceCode>,
    pub parent_id: Option<Uuid>,
    pub status: Option<OrgStatus>,
    pub q: Option<String>,
}

pub async fn list<Cn: ConnectionTrait>(
    conn: &Cn,
    visible: ScopeFilter,
    f: &OrganisationFilter,
    page: PageRequest,
) -> Result<Page<Organisation>, DbError> {
    let mut q = organisation::Entity::find().filter(scope::condition(visible, &cols()));
    if let Some(k) = f.kind {
        q = q.filter(C::Kind.eq(k.as_str()));
    }
    if !f.kinds.is_empty() {
        q = q.filter(C::Kind.is_in(f.kinds.iter().map(|k| k.as_str())));
    }
    if let Some(p) = f.province {
        q = q.filter(C::ProvinceCode.eq(p.as_str()));
    }
    if let Some(p) = f.parent_id {
        q = q.filter(C::ParentId.eq(p));
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
        convert::organisation,
        |o: &Organisation| o.id,
    )
    .await
}

/// An organisation's name and province, for lists and labels that must
/// tell units apart (branches of different provinces share names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitName {
    pub name: String,
    pub province_code: Option<String>,
}

/// The names of these organisations, by id.
pub async fn names<Cn: ConnectionTrait>(
    conn: &Cn,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<std::collections::HashMap<Uuid, UnitName>, DbError> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(Uuid, String, Option<String>)> = organisation::Entity::find()
        .select_only()
        .column(C::Id)
        .column(C::Name)
        .column(C::ProvinceCode)
        .filter(C::Id.is_in(ids))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, province_code)| {
            (
                id,
                UnitName {
                    name,
                    province_code,
                },
            )
        })
        .collect())
}

/// Children of an organisation that are still active (for merges).
pub async fn active_children<Cn: ConnectionTrait>(
    conn: &Cn,
    parent: Uuid,
) -> Result<Vec<Organisation>, DbError> {
    organisation::Entity::find()
        .filter(C::ParentId.eq(parent))
        .filter(C::Status.eq(OrgStatus::Active.as_str()))
        .order_by_asc(C::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(convert::organisation)
        .collect()
}

/// Moves the children of `from` under `to` (a merge keeps the children's
/// own history; only their parent and centre change).
pub async fn reparent_children<Cn: ConnectionTrait>(
    conn: &Cn,
    from: Uuid,
    to: Uuid,
    to_centre: Option<Uuid>,
    to_province: Option<ProvinceCode>,
) -> Result<u64, DbError> {
    let res = organisation::Entity::update_many()
        .col_expr(C::ParentId, Expr::value(to))
        .col_expr(C::CentreId, Expr::value(to_centre))
        .col_expr(C::ProvinceCode, Expr::value(to_province.map(String::from)))
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .filter(C::ParentId.eq(from))
        .filter(C::Status.eq(OrgStatus::Active.as_str()))
        .exec(conn)
        .await?;
    Ok(res.rows_affected)
}

/// Every organisation (the demo seeding and the CLI need the whole tree).
pub async fn all<Cn: ConnectionTrait>(conn: &Cn) -> Result<Vec<Organisation>, DbError> {
    organisation::Entity::find()
        .order_by_asc(C::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(convert::organisation)
        .collect()
}
