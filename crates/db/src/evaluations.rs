//! Evaluation plans, their drawn cases and the scoring sheets (DOMAIN §7).
use crate::entity::case::{self, Column as C};
use crate::entity::evaluation_item::{self as item, Column as I};
use crate::entity::evaluation_plan::{self as plan, Column as P};
use crate::scope::{self, ScopeColumns};
use crate::{DbError, Page, PageRequest};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use tgpl_domain::case::FormOfAid;
use tgpl_domain::evaluation::{Candidate, Item, ItemStatus, Plan, Rate, ScoreSheet, Scored};
use tgpl_domain::{ProvinceCode, ScopeFilter};
use uuid::Uuid;

fn custom(e: impl std::fmt::Display) -> DbError {
    DbError::Db(DbErr::Custom(e.to_string()))
}

fn province(p: Option<String>) -> Result<Option<ProvinceCode>, DbError> {
    p.map(|p| ProvinceCode::parse(&p))
        .transpose()
        .map_err(|e| custom(e.message))
}

// --- scoring sheets (reference data) ---------------------------------------

pub async fn put_score_sheet<C2: ConnectionTrait>(
    conn: &C2,
    s: &ScoreSheet,
) -> Result<(), DbError> {
    let body = serde_json::to_value(s).map_err(custom)?;
    crate::reference::put_versioned(
        conn,
        "score_sheets",
        (&s.id, s.valid_from, s.valid_to),
        &[],
        body,
    )
    .await
}

pub async fn score_sheets<C2: ConnectionTrait>(conn: &C2) -> Result<Vec<ScoreSheet>, DbError> {
    crate::reference::versioned(conn, "score_sheets").await
}

// --- plans ------------------------------------------------------------------

fn forms_text(forms: &[FormOfAid]) -> String {
    forms
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn plan_of(m: plan::Model) -> Result<Plan, DbError> {
    let forms = m
        .forms
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| FormOfAid::parse(s).map_err(|e| custom(e.message)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Plan {
        id: m.id,
        title: m.title,
        owner_org_id: m.owner_org_id,
        province_code: province(m.province_code)?,
        concluded_from: m.concluded_from,
        concluded_to: m.concluded_to,
        forms,
        organisation_ids: serde_json::from_value(m.organisation_ids).map_err(custom)?,
        rate: Rate::parse(u8::try_from(m.rate_percent).map_err(custom)?)
            .map_err(|e| custom(e.message))?,
        seed: m.seed.parse().map_err(custom)?,
        algorithm: m.algorithm,
        sheet_id: m.sheet_id,
        candidates: u32::try_from(m.candidates).map_err(custom)?,
        created_by: m.created_by,
        created_at: m.created_at,
        version: m.version,
    })
}

pub async fn insert_plan<C2: ConnectionTrait>(conn: &C2, p: &Plan) -> Result<(), DbError> {
    plan::ActiveModel {
        id: Set(p.id),
        title: Set(p.title.clone()),
        owner_org_id: Set(p.owner_org_id),
        province_code: Set(p.province_code.map(String::from)),
        concluded_from: Set(p.concluded_from),
        concluded_to: Set(p.concluded_to),
        forms: Set(forms_text(&p.forms)),
        organisation_ids: Set(serde_json::to_value(&p.organisation_ids).map_err(custom)?),
        rate_percent: Set(i16::from(p.rate.percent())),
        seed: Set(p.seed.to_string()),
        algorithm: Set(p.algorithm.clone()),
        sheet_id: Set(p.sheet_id.clone()),
        candidates: Set(i32::try_from(p.candidates).map_err(custom)?),
        created_by: Set(p.created_by),
        version: Set(p.version),
        created_at: Set(p.created_at),
        updated_at: Set(p.created_at),
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn get_plan<C2: ConnectionTrait>(conn: &C2, id: Uuid) -> Result<Plan, DbError> {
    plan::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map(plan_of)
        .transpose()?
        .ok_or(DbError::NotFound)
}

/// Plans within the caller's scope (a province's, or every one for the
/// nation), newest first.
pub async fn list_plans<C2: ConnectionTrait>(
    conn: &C2,
    visible: ScopeFilter,
    page: PageRequest,
) -> Result<Page<Plan>, DbError> {
    let mut q = plan::Entity::find();
    match visible {
        ScopeFilter::All => {}
        ScopeFilter::Province(p) => q = q.filter(P::ProvinceCode.eq(p.as_str())),
        _ => q = q.filter(Expr::value(false)),
    }
    if let Some(after) = page.after {
        q = q.filter(P::Id.lt(after));
    }
    let rows = q
        .order_by_desc(P::Id)
        .limit(page.limit + 1)
        .all(conn)
        .await?;
    let items = rows
        .into_iter()
        .map(plan_of)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(items, page.limit, |p: &Plan| p.id))
}

// --- candidates and items ---------------------------------------------------

/// A concluded case a plan may draw, with where it sits.
#[derive(Debug, Clone)]
pub struct Drawable {
    pub candidate: Candidate,
    pub organisation_id: Uuid,
    pub centre_id: Option<Uuid>,
    pub province_code: Option<ProvinceCode>,
}

/// (case, practitioner, organisation, centre, province) as selected.
type DrawableRow = (Uuid, Option<Uuid>, Uuid, Option<Uuid>, Option<String>);

/// Concluded cases (not yet evaluated, drawn by no plan) within the
/// plan's scope, period, forms and organisations.
pub async fn drawable<C2: ConnectionTrait>(
    conn: &C2,
    visible: ScopeFilter,
    p: &Plan,
) -> Result<Vec<Drawable>, DbError> {
    let cols = ScopeColumns {
        province: C::ProvinceCode,
        centre: C::CentreId,
        org: C::OrganisationId,
        user: None,
        practitioner: Some(C::PractitionerId),
    };
    let drawn = Query::select()
        .column(I::CaseId)
        .from(item::Entity)
        .to_owned();
    let mut q = case::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::PractitionerId,
            C::OrganisationId,
            C::CentreId,
            C::ProvinceCode,
        ])
        .filter(scope::condition(visible, &cols))
        .filter(C::Status.eq(tgpl_domain::CaseState::Concluded.as_str()))
        .filter(C::ClosedOn.gte(p.concluded_from))
        .filter(C::ClosedOn.lte(p.concluded_to))
        .filter(C::FormOfAid.is_in(p.forms.iter().map(|f| f.as_str())))
        .filter(C::Id.not_in_subquery(drawn));
    if let Some(prov) = p.province_code {
        q = q.filter(C::ProvinceCode.eq(prov.as_str()));
    }
    if !p.organisation_ids.is_empty() {
        q = q.filter(C::OrganisationId.is_in(p.organisation_ids.clone()));
    }
    let rows: Vec<DrawableRow> = q.order_by_asc(C::Id).into_tuple().all(conn).await?;
    rows.into_iter()
        .map(|(id, practitioner, org, centre, prov)| {
            Ok(Drawable {
                candidate: Candidate {
                    case_id: id,
                    practitioner_id: practitioner,
                },
                organisation_id: org,
                centre_id: centre,
                province_code: province(prov)?,
            })
        })
        .collect()
}

fn item_of(m: item::Model) -> Result<Item, DbError> {
    Ok(Item {
        id: m.id,
        plan_id: m.plan_id,
        case_id: m.case_id,
        practitioner_id: m.practitioner_id,
        organisation_id: m.organisation_id,
        centre_id: m.centre_id,
        province_code: province(m.province_code)?,
        evaluator_id: m.evaluator_id,
        status: ItemStatus::parse(&m.status).map_err(|e| custom(e.message))?,
        scored: m
            .scored
            .map(serde_json::from_value::<Scored>)
            .transpose()
            .map_err(custom)?,
        comments: m.comments,
        scored_at: m.scored_at,
        version: m.version,
    })
}

fn active(i: &Item, at: chrono::DateTime<chrono::Utc>) -> Result<item::ActiveModel, DbError> {
    Ok(item::ActiveModel {
        id: Set(i.id),
        plan_id: Set(i.plan_id),
        case_id: Set(i.case_id),
        practitioner_id: Set(i.practitioner_id),
        organisation_id: Set(i.organisation_id),
        centre_id: Set(i.centre_id),
        province_code: Set(i.province_code.map(String::from)),
        evaluator_id: Set(i.evaluator_id),
        status: Set(i.status.as_str().to_owned()),
        scored: Set(i
            .scored
            .as_ref()
            .map(serde_json::to_value)
            .transpose()
            .map_err(custom)?),
        total: Set(i
            .scored
            .as_ref()
            .map(|s| i16::try_from(s.total))
            .transpose()
            .map_err(custom)?),
        grade: Set(i.scored.as_ref().map(|s| s.grade.as_str().to_owned())),
        comments: Set(i.comments.clone()),
        scored_at: Set(i.scored_at),
        version: Set(i.version),
        created_at: Set(at),
        updated_at: Set(at),
    })
}

/// Stores a plan's drawn cases; a case another plan drew meanwhile is a
/// conflict (a case is never evaluated twice).
pub async fn insert_items<C2: ConnectionTrait>(
    conn: &C2,
    items: &[Item],
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbError> {
    for chunk in items.chunks(500) {
        let rows = chunk
            .iter()
            .map(|i| active(i, at))
            .collect::<Result<Vec<_>, _>>()?;
        match item::Entity::insert_many(rows).exec(conn).await {
            Ok(_) => {}
            Err(e) if e.to_string().to_lowercase().contains("unique") => {
                return Err(DbError::Conflict {
                    code: "evaluation.case_drawn",
                    message: "another plan drew some of these cases meanwhile; draw again"
                        .to_owned(),
                });
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

pub async fn items<C2: ConnectionTrait>(conn: &C2, plan_id: Uuid) -> Result<Vec<Item>, DbError> {
    item::Entity::find()
        .filter(I::PlanId.eq(plan_id))
        .order_by_asc(I::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(item_of)
        .collect()
}

pub async fn get_item<C2: ConnectionTrait>(conn: &C2, id: Uuid) -> Result<Item, DbError> {
    item::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map(item_of)
        .transpose()?
        .ok_or(DbError::NotFound)
}

/// The items an evaluator is named on (their work list).
pub async fn items_of_evaluator<C2: ConnectionTrait>(
    conn: &C2,
    user: Uuid,
) -> Result<Vec<Item>, DbError> {
    item::Entity::find()
        .filter(I::EvaluatorId.eq(user))
        .order_by_asc(I::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(item_of)
        .collect()
}

/// The items of one case that name `user` as evaluator (a case is drawn
/// once, so at most one).
pub async fn items_of_case_for<C2: ConnectionTrait>(
    conn: &C2,
    case_id: Uuid,
    user: Uuid,
) -> Result<Vec<Item>, DbError> {
    item::Entity::find()
        .filter(I::CaseId.eq(case_id))
        .filter(I::EvaluatorId.eq(user))
        .all(conn)
        .await?
        .into_iter()
        .map(item_of)
        .collect()
}

/// Saves an item if it is still at `expected`.
pub async fn save_item<C2: ConnectionTrait>(
    conn: &C2,
    i: &Item,
    expected: i32,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbError> {
    let mut row = active(i, at)?;
    row.created_at = sea_orm::ActiveValue::NotSet;
    let done = item::Entity::update_many()
        .set(row)
        .filter(I::Id.eq(i.id))
        .filter(I::Version.eq(expected))
        .exec(conn)
        .await?;
    if done.rows_affected == 1 {
        Ok(())
    } else {
        Err(DbError::Stale { current: i.version })
    }
}

/// How many cases each plan drew and how many are scored, in one query.
pub async fn item_counts<C2: ConnectionTrait>(
    conn: &C2,
    plans: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, (u32, u32)>, DbError> {
    use sea_orm::sea_query::{Alias, Func};
    if plans.is_empty() {
        return Ok(Default::default());
    }
    let scored = Expr::case(I::Status.eq(ItemStatus::Scored.as_str()), 1).finally(0);
    let rows: Vec<(Uuid, i64, i64)> = item::Entity::find()
        .select_only()
        .column(I::PlanId)
        .column_as(
            Expr::from(Func::cast_as(
                Func::count(Expr::col(I::Id)),
                Alias::new("BIGINT"),
            )),
            "drawn",
        )
        .column_as(
            Expr::from(Func::cast_as(Func::sum(scored), Alias::new("BIGINT"))),
            "scored",
        )
        .filter(I::PlanId.is_in(plans.iter().copied()))
        .group_by(I::PlanId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, drawn, scored)| {
            (
                id,
                (
                    u32::try_from(drawn).unwrap_or(0),
                    u32::try_from(scored).unwrap_or(0),
                ),
            )
        })
        .collect())
}
