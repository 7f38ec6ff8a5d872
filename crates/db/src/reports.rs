//! Aggregates for leadership dashboards (DOMAIN §8): cases by status and
//! form of aid, overdue and urgent counts, successful cases, and data
//! completeness per unit. Only counts leave this module, never records.
use crate::DbError;
use crate::cases::{CaseFilter, filtered, overdue, successful};
use crate::entity::case;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QuerySelect};
use tgpl_domain::ScopeFilter;
use uuid::Uuid;

/// Completeness of one unit's case files.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitCompleteness {
    pub organisation_id: Uuid,
    pub organisation_name: String,
    /// The unit's province (branches of different provinces share names).
    pub province_code: Option<String>,
    pub cases: u64,
    /// Files with every required item (score 100).
    pub complete: u64,
    /// Mean score, 0–100.
    pub average_score: f64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseSummary {
    pub total: u64,
    pub by_status: Vec<(String, u64)>,
    pub by_form: Vec<(String, u64)>,
    pub overdue: u64,
    pub urgent: u64,
    pub successful: u64,
    pub completeness: Vec<UnitCompleteness>,
}

async fn count_by<C: ConnectionTrait>(
    conn: &C,
    q: sea_orm::Select<case::Entity>,
    col: case::Column,
) -> Result<Vec<(String, u64)>, DbError> {
    let rows: Vec<(String, i64)> = q
        .select_only()
        .column(col)
        .column_as(case::Column::Id.count(), "n")
        .group_by(col)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(k, n)| (k, n.max(0) as u64))
        .collect())
}

/// Summarises the cases a filter selects within the caller's scope.
pub async fn case_summary<C: ConnectionTrait>(
    conn: &C,
    visible: ScopeFilter,
    f: &CaseFilter,
    today: NaiveDate,
) -> Result<CaseSummary, DbError> {
    use case::Column as K;
    let base = || filtered(visible, f);
    let by_status = count_by(conn, base(), K::Status).await?;
    let total = by_status.iter().map(|(_, n)| n).sum();
    let by_form = count_by(conn, base(), K::FormOfAid).await?;
    // The three flags in one pass over the selection.
    let count_where = |c: sea_orm::Condition| -> Expr {
        Func::sum(Expr::case(c, Expr::val(1)).finally(Expr::val(0))).into()
    };
    let flags: Option<(Option<i64>, Option<i64>, Option<i64>)> = base()
        .select_only()
        .column_as(count_where(overdue(today)), "overdue")
        .column_as(
            count_where(sea_orm::Condition::all().add(K::Urgent.eq(true))),
            "urgent",
        )
        .column_as(count_where(successful()), "successful")
        .into_tuple()
        .one(conn)
        .await?;
    let (overdue, urgent, successful) = flags.unwrap_or_default();
    let n = |v: Option<i64>| v.unwrap_or(0).max(0) as u64;
    let (overdue, urgent, successful) = (n(overdue), n(urgent), n(successful));
    let units: Vec<(Uuid, i64, i64, Option<f64>)> = base()
        .filter(K::CompletenessScore.gte(0))
        .select_only()
        .column(K::OrganisationId)
        .column_as(K::Id.count(), "cases")
        .column_as(
            Expr::cust("SUM(CASE WHEN completeness_score = 100 THEN 1 ELSE 0 END)"),
            "complete",
        )
        .column_as(
            Expr::cust("AVG(CAST(completeness_score AS DOUBLE PRECISION))"),
            "average",
        )
        .group_by(K::OrganisationId)
        .into_tuple()
        .all(conn)
        .await?;
    let names = crate::organisations::names(conn, units.iter().map(|u| u.0)).await?;
    let mut completeness: Vec<UnitCompleteness> = units
        .into_iter()
        .map(|(id, cases, complete, avg)| UnitCompleteness {
            organisation_name: names.get(&id).map(|n| n.name.clone()).unwrap_or_default(),
            province_code: names.get(&id).and_then(|n| n.province_code.clone()),
            organisation_id: id,
            cases: cases.max(0) as u64,
            complete: complete.max(0) as u64,
            average_score: (avg.unwrap_or(0.0) * 10.0).round() / 10.0,
        })
        .collect();
    // Weakest units first: that is where leadership looks.
    completeness.sort_by(|a, b| {
        a.average_score
            .total_cmp(&b.average_score)
            .then_with(|| a.organisation_name.cmp(&b.organisation_name))
    });
    Ok(CaseSummary {
        total,
        by_status,
        by_form,
        overdue,
        urgent,
        successful,
        completeness,
    })
}
