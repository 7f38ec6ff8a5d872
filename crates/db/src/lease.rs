//! Leasing due rows to one worker at a time (the jobs, the webhook
//! subscriptions): on PostgreSQL the claim skips rows another replica holds
//! (`FOR UPDATE SKIP LOCKED`), on SQLite the one writer serialises claims;
//! a lease that runs out (a replica died) frees the row again.
use chrono::{DateTime, Utc};
use sea_orm::DbBackend;
use sea_orm::sea_query::{
    Condition, Expr, ExprTrait, LockBehavior, LockType, Order, Query, UpdateStatement,
};

/// The update that leases to `worker` until `until` up to `limit` rows of
/// `table` that `due` selects and no live lease holds, earliest `order_by`
/// first, returning `columns`. The caller may set more columns on it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn claim(
    backend: DbBackend,
    table: &'static str,
    due: Condition,
    order_by: &'static str,
    worker: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
    limit: u64,
    columns: &[&'static str],
) -> UpdateStatement {
    let mut rows = Query::select();
    rows.column("id")
        .from(table)
        .cond_where(due)
        .and_where(
            Expr::col("leased_until")
                .is_null()
                .or(Expr::col("leased_until").lt(now)),
        )
        .order_by(order_by, Order::Asc)
        .limit(limit);
    if backend == DbBackend::Postgres {
        rows.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    Query::update()
        .table(table)
        .value("leased_until", until)
        .value("leased_by", worker)
        .and_where(Expr::col("id").in_subquery(rows.to_owned()))
        .returning(Query::returning().columns(columns.iter().copied()))
        .to_owned()
}
