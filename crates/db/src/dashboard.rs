//! Counts for the leadership dashboard (DOMAIN §8), by the rules of
//! `tgpl_domain::report::dashboard`: quota progress per practitioner,
//! overdue steps per unit, concluded and successful cases per month, and
//! the waits at each step. Only counts leave this module, never records;
//! months and waits are bucketed from grouped counts on both databases.
use crate::DbError;
use crate::cases::{CaseFilter, concluded, filtered, overdue, successful};
use crate::entity::{case, practitioner};
use crate::scope;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect,
};
use std::collections::HashMap;
use tgpl_domain::ScopeFilter;
use tgpl_domain::report::dashboard::{WAITING_STEPS, Wait, WaitStart, summarise_waits};
use uuid::Uuid;

/// One practitioner's cases done in the year, by month of conclusion.
#[derive(Debug, Clone, PartialEq)]
pub struct QuotaRow {
    pub practitioner_id: Uuid,
    pub full_name: String,
    pub kind: String,
    pub organisation_id: Uuid,
    pub annual_quota: Option<i32>,
    pub by_month: [u64; 12],
}

/// One unit's cases with a deadline passed.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitOverdue {
    pub organisation_id: Uuid,
    /// Reassignment requests unanswered past their 3 working days.
    pub reassignment: u64,
    /// Proof of an urgent case still missing past its deadline.
    pub proof: u64,
    /// Cases with either (a case may have both).
    pub cases: u64,
}

/// Concluded cases of one month and the successful among them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MonthSuccess {
    pub concluded: u64,
    pub successful: u64,
}

/// The month (1–12) of a date column, as each database writes it.
fn month_of(backend: DbBackend, column: &str) -> Expr {
    match backend {
        DbBackend::Sqlite => Expr::cust(format!("CAST(strftime('%m', {column}) AS INTEGER)")),
        _ => Expr::cust(format!("CAST(EXTRACT(MONTH FROM {column}) AS INTEGER)")),
    }
}

fn n(v: Option<i64>) -> u64 {
    v.unwrap_or(0).max(0) as u64
}

fn year_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default(),
    )
}

/// Cases concluded in `year` (never discontinued), by the filter within the
/// caller's scope: what counts towards a quota, as form 25 counts it.
fn concluded_in(visible: ScopeFilter, f: &CaseFilter, year: i32) -> sea_orm::Select<case::Entity> {
    let (from, to) = year_bounds(year);
    filtered(visible, f)
        .filter(concluded())
        .filter(case::Column::ClosedOn.between(from, to))
}

/// Each practitioner's concluded cases of `year` by month, for the
/// practitioners the caller sees (`practitioners`: active ones with a
/// quota, in the filter's organisation or province) and anyone with a case
/// counted.
pub async fn quota_progress<C: ConnectionTrait>(
    conn: &C,
    cases_visible: ScopeFilter,
    practitioners_visible: ScopeFilter,
    f: &CaseFilter,
    year: i32,
) -> Result<Vec<QuotaRow>, DbError> {
    use case::Column as K;
    let done: Vec<(Uuid, i32, i64)> = concluded_in(cases_visible, f, year)
        .filter(K::PractitionerId.is_not_null())
        .select_only()
        .column(K::PractitionerId)
        .column_as(month_of(conn.get_database_backend(), "closed_on"), "month")
        .column_as(K::Id.count(), "n")
        .group_by(K::PractitionerId)
        .group_by(Expr::cust("month"))
        .into_tuple()
        .all(conn)
        .await?;
    let mut months: HashMap<Uuid, [u64; 12]> = HashMap::new();
    for (p, month, count) in done {
        if let Some(slot) = months
            .entry(p)
            .or_default()
            .get_mut((month - 1).max(0) as usize)
        {
            *slot += n(Some(count));
        }
    }
    use practitioner::Column as P;
    let mut with_quota = practitioner::Entity::find()
        .filter(scope::condition(
            practitioners_visible,
            &crate::practitioners::cols(),
        ))
        .filter(P::AnnualQuota.is_not_null())
        .filter(P::Status.eq("active"));
    if let Some(o) = f.organisation_id {
        with_quota = with_quota.filter(P::OrganisationId.eq(o));
    }
    if let Some(p) = f.province {
        with_quota = with_quota.filter(P::ProvinceCode.eq(p.as_str()));
    }
    let rows = practitioner::Entity::find()
        .filter(
            Condition::any()
                .add(P::Id.is_in(months.keys().copied().collect::<Vec<_>>()))
                .add(P::Id.in_subquery(sea_orm::QueryTrait::into_query(
                    with_quota.select_only().column(P::Id),
                ))),
        )
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|p| QuotaRow {
            by_month: months.get(&p.id).copied().unwrap_or_default(),
            practitioner_id: p.id,
            full_name: p.full_name,
            kind: p.kind,
            organisation_id: p.organisation_id,
            annual_quota: p.annual_quota,
        })
        .collect())
}

/// The cases with a deadline passed, per unit.
pub async fn overdue_by_unit<C: ConnectionTrait>(
    conn: &C,
    visible: ScopeFilter,
    f: &CaseFilter,
    today: NaiveDate,
) -> Result<Vec<UnitOverdue>, DbError> {
    use case::Column as K;
    let count_where = |c: Condition| -> Expr {
        Func::sum(Expr::case(c, Expr::val(1)).finally(Expr::val(0))).into()
    };
    let rows: Vec<(Uuid, Option<i64>, Option<i64>, i64)> = filtered(visible, f)
        .filter(overdue(today))
        .select_only()
        .column(K::OrganisationId)
        .column_as(
            count_where(Condition::all().add(K::ReassignmentDueOn.lt(today))),
            "reassignment",
        )
        .column_as(
            count_where(Condition::all().add(K::ProofDueOn.lt(today))),
            "proof",
        )
        .column_as(K::Id.count(), "cases")
        .group_by(K::OrganisationId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(organisation_id, r, p, c)| UnitOverdue {
            organisation_id,
            reassignment: n(r),
            proof: n(p),
            cases: n(Some(c)),
        })
        .collect())
}

/// Cases concluded in each month of `year`, and the successful among them.
pub async fn successful_by_month<C: ConnectionTrait>(
    conn: &C,
    visible: ScopeFilter,
    f: &CaseFilter,
    year: i32,
) -> Result<[MonthSuccess; 12], DbError> {
    let rows: Vec<(i32, i64, Option<i64>)> = concluded_in(visible, f, year)
        .select_only()
        .column_as(month_of(conn.get_database_backend(), "closed_on"), "month")
        .column_as(case::Column::Id.count(), "concluded")
        .column_as(
            Expr::from(Func::sum(
                Expr::case(successful(), Expr::val(1)).finally(Expr::val(0)),
            )),
            "successful",
        )
        .group_by(Expr::cust("month"))
        .into_tuple()
        .all(conn)
        .await?;
    let mut months = [MonthSuccess::default(); 12];
    for (month, concluded, ok) in rows {
        if let Some(m) = months.get_mut((month - 1).max(0) as usize) {
            m.concluded += n(Some(concluded));
            m.successful += n(ok);
        }
    }
    Ok(months)
}

/// How long the cases at each waiting step have waited up to `today`, in
/// the order of `WAITING_STEPS`.
pub async fn waits<C: ConnectionTrait>(
    conn: &C,
    visible: ScopeFilter,
    f: &CaseFilter,
    today: NaiveDate,
) -> Result<Vec<Wait>, DbError> {
    let mut out = Vec::with_capacity(WAITING_STEPS.len());
    for step in WAITING_STEPS {
        let since = match step.since {
            WaitStart::RequestDate => Expr::col(case::Column::RequestDate),
            WaitStart::AcceptedOn => Expr::col(case::Column::AcceptedOn),
            WaitStart::ClosedOn => Expr::col(case::Column::ClosedOn),
            WaitStart::Assignment => Expr::cust(
                "(SELECT MAX(a.assigned_on) FROM case_assignments a \
                 WHERE a.case_id = cases.id AND a.ended_on IS NULL)",
            ),
        };
        let rows: Vec<(Option<NaiveDate>, i64)> = filtered(visible, f)
            .filter(case::Column::Status.eq(step.state.as_str()))
            .select_only()
            .column_as(since, "since")
            .column_as(case::Column::Id.count(), "n")
            .group_by(Expr::cust("since"))
            .into_tuple()
            .all(conn)
            .await?;
        let starts: Vec<(NaiveDate, u64)> = rows
            .into_iter()
            // A case without its start date (data kept from before) waits from today.
            .map(|(d, c)| (d.unwrap_or(today), n(Some(c))))
            .collect();
        out.push(summarise_waits(&starts, today));
    }
    Ok(out)
}
