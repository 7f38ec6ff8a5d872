//! Turns a policy [`ScopeFilter`] into a SQL condition on one table.
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, Condition};
use tgpl_domain::ScopeFilter;

/// The columns of a table that locate a row in the hierarchy.
pub struct ScopeColumns<C> {
    pub province: C,
    pub centre: C,
    pub org: C,
    /// For user accounts; other tables have none.
    pub user: Option<C>,
    /// For cases: the assigned practitioner.
    pub practitioner: Option<C>,
}

pub fn condition<C: ColumnTrait>(filter: ScopeFilter, cols: &ScopeColumns<C>) -> Condition {
    let nothing: SimpleExpr = Expr::value(false);
    match filter {
        ScopeFilter::All => Condition::all(),
        ScopeFilter::Province(p) => Condition::all().add(cols.province.eq(p.as_str())),
        ScopeFilter::Centre(c) => Condition::all().add(cols.centre.eq(c)),
        ScopeFilter::Org(o) => Condition::all().add(cols.org.eq(o)),
        ScopeFilter::User(u) => match &cols.user {
            Some(col) => Condition::all().add(col.eq(u)),
            None => Condition::all().add(nothing.clone()),
        },
        ScopeFilter::Practitioner(p) => match &cols.practitioner {
            Some(col) => Condition::all().add(col.eq(p)),
            None => Condition::all().add(nothing.clone()),
        },
        ScopeFilter::Nothing => Condition::all().add(nothing),
    }
}
