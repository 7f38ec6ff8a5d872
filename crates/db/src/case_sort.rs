//! The case list's orders in SQL, and keyset pages over them (issue #13:
//! sorting by request date, acceptance date, code, status and deadline).
//!
//! Every order is a few keys and then the id, all in one direction, so a
//! page continues strictly after the previous page's last case and pages
//! never skip or repeat a case. A key that may be null (a case not yet
//! accepted has no acceptance date) puts its nulls last in both directions,
//! on SQLite and PostgreSQL alike.
use crate::entity::case;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, NullOrdering, Order};
use sea_orm::{Condition, QueryOrder, QuerySelect, Value};
use tgpl_domain::case::{CaseSort, CaseState};

/// One key of an order before the id. Its values travel in the page
/// cursor as integers (`PageRequest::keys`).
pub(crate) struct SortKey {
    expr: Expr,
    nullable: bool,
    /// The key's value on a row, as the cursor carries it (`None`: null).
    of_row: fn(&case::Model) -> Option<i64>,
    /// The cursor's integer back as the column's SQL value.
    to_value: fn(i64) -> Option<Value>,
}

fn col(c: case::Column) -> Expr {
    Expr::col((case::Entity, c))
}

fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn date_value(n: i64) -> Option<Value> {
    i32::try_from(n)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .map(Value::from)
}

fn int_value(n: i64) -> Option<Value> {
    i32::try_from(n).ok().map(Value::from)
}

/// The keys an order sorts by before the id, and its direction.
pub(crate) fn keys_of(sort: CaseSort) -> (Vec<SortKey>, Order) {
    use case::Column as K;
    let request_date = || SortKey {
        expr: col(K::RequestDate),
        nullable: false,
        of_row: |m| Some(day(m.request_date)),
        to_value: date_value,
    };
    let accepted = || SortKey {
        expr: col(K::AcceptedOn),
        nullable: true,
        of_row: |m| m.accepted_on.map(day),
        to_value: date_value,
    };
    // Register order: the year, then the entry's number in it.
    let register = || {
        vec![
            SortKey {
                expr: col(K::RegisterYear),
                nullable: true,
                of_row: |m| m.register_year.map(i64::from),
                to_value: int_value,
            },
            SortKey {
                expr: col(K::RegisterNumber),
                nullable: true,
                of_row: |m| m.register_number.map(i64::from),
                to_value: int_value,
            },
        ]
    };
    let status = || SortKey {
        expr: status_rank(),
        nullable: false,
        of_row: |m| {
            let rank = CaseState::parse(&m.status)
                .map(CaseState::lifecycle_rank)
                .unwrap_or(CaseState::ALL.len());
            i64::try_from(rank).ok()
        },
        to_value: int_value,
    };
    let deadline = || SortKey {
        expr: next_deadline(),
        nullable: true,
        of_row: |m| match (m.reassignment_due_on, m.proof_due_on) {
            (Some(a), Some(b)) => Some(day(Ord::min(a, b))),
            (a, b) => a.or(b).map(day),
        },
        to_value: date_value,
    };
    match sort {
        CaseSort::Newest => (vec![], Order::Desc),
        CaseSort::Oldest => (vec![], Order::Asc),
        CaseSort::RequestDateDesc => (vec![request_date()], Order::Desc),
        CaseSort::RequestDateAsc => (vec![request_date()], Order::Asc),
        CaseSort::UpdatedDesc => (
            vec![SortKey {
                expr: col(K::UpdatedAt),
                nullable: false,
                of_row: |m| Some(m.updated_at.timestamp_micros()),
                to_value: |n| DateTime::<Utc>::from_timestamp_micros(n).map(Value::from),
            }],
            Order::Desc,
        ),
        CaseSort::AcceptedDesc => (vec![accepted()], Order::Desc),
        CaseSort::AcceptedAsc => (vec![accepted()], Order::Asc),
        CaseSort::CodeAsc => (register(), Order::Asc),
        CaseSort::CodeDesc => (register(), Order::Desc),
        CaseSort::StatusAsc => (vec![status()], Order::Asc),
        CaseSort::StatusDesc => (vec![status()], Order::Desc),
        CaseSort::DeadlineAsc => (vec![deadline()], Order::Asc),
        CaseSort::DeadlineDesc => (vec![deadline()], Order::Desc),
    }
}

/// A row's keys as a cursor carries them.
pub(crate) fn cursor_keys(keys: &[SortKey], m: &case::Model) -> Vec<Option<i64>> {
    keys.iter().map(|k| (k.of_row)(m)).collect()
}

/// A state's place in the lifecycle (`CaseState::lifecycle_rank`), in SQL.
fn status_rank() -> Expr {
    let mut ranks = CaseState::ALL.iter();
    let Some(first) = ranks.next() else {
        return Expr::val(0);
    };
    let rank = |s: &CaseState| Expr::val(s.lifecycle_rank() as i32);
    let mut stmt = Expr::case(col(case::Column::Status).eq(first.as_str()), rank(first));
    for s in ranks {
        stmt = stmt.case(col(case::Column::Status).eq(s.as_str()), rank(s));
    }
    stmt.finally(Expr::val(CaseState::ALL.len() as i32)).into()
}

/// `CaseRecord::next_deadline` in SQL: the earlier of the two pending
/// deadlines, or the one there is.
fn next_deadline() -> Expr {
    use case::Column as K;
    let (r, p) = (col(K::ReassignmentDueOn), col(K::ProofDueOn));
    Expr::case(r.clone().is_null(), p.clone())
        .case(p.clone().is_null(), r.clone())
        .case(r.clone().lt(p.clone()), r)
        .finally(p)
        .into()
}

/// Orders `q` by `keys` and then `id_col`, nulls last, with one row more
/// than `limit` (to know whether more follow).
pub(crate) fn ordered<Q: QueryOrder + QuerySelect>(
    mut q: Q,
    keys: &[SortKey],
    order: Order,
    id_col: Expr,
    limit: u64,
) -> Q {
    for k in keys {
        q = if k.nullable {
            q.order_by_with_nulls(k.expr.clone(), order.clone(), NullOrdering::Last)
        } else {
            q.order_by(k.expr.clone(), order.clone())
        };
    }
    q.order_by(id_col, order).limit(limit + 1)
}

/// The rows strictly after the cursor (the previous page's last case: its
/// keys `values` and its `id`) in the order of `keys` then `id_col`, nulls
/// last. `None` when the cursor's keys do not fit the order.
pub(crate) fn after(
    keys: &[SortKey],
    order: &Order,
    id_col: Expr,
    values: &[Option<i64>],
    id: uuid::Uuid,
) -> Option<Condition> {
    if values.len() < keys.len() {
        return None;
    }
    let desc = matches!(order, Order::Desc);
    let beyond = |e: Expr, v: Value| if desc { e.lt(v) } else { e.gt(v) };
    let mut any = Condition::any();
    // The keys equal so far.
    let mut tied = Condition::all();
    for (k, v) in keys.iter().zip(values) {
        match v {
            Some(n) => {
                let v = (k.to_value)(*n)?;
                let mut past = Condition::any().add(beyond(k.expr.clone(), v.clone()));
                if k.nullable {
                    past = past.add(k.expr.clone().is_null());
                }
                any = any.add(tied.clone().add(past));
                tied = tied.add(k.expr.clone().eq(v));
            }
            // Nulls come last: only rows null here too can follow.
            None => tied = tied.add(k.expr.clone().is_null()),
        }
    }
    Some(any.add(tied.add(beyond(id_col, id.into()))))
}
