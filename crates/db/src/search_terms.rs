//! The name-search index (`case_search_terms`, migration 0013): word pairs
//! of the parties' folded names. A query of two or more words becomes an
//! intersection of a few short primary-key ranges, cheap on 1,000,000 cases
//! on both databases; one-word and code searches keep the substring search.
use crate::DbError;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, OnConflict, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tgpl_domain::case::Case;
use tgpl_domain::text;
use uuid::Uuid;

const TABLE: &str = "case_search_terms";

/// Records the terms of new cases (parties are fixed at intake).
pub async fn insert<'a, C: ConnectionTrait>(
    conn: &C,
    cases: impl IntoIterator<Item = &'a Case>,
) -> Result<(), DbError> {
    let rows: Vec<(String, Uuid)> = cases
        .into_iter()
        .flat_map(|c| c.search_terms().into_iter().map(move |t| (t, c.id)))
        .collect();
    for chunk in rows.chunks(2000) {
        let mut stmt = Query::insert();
        stmt.into_table(Alias::new(TABLE))
            .columns([Alias::new("term"), Alias::new("case_id")])
            .on_conflict(
                OnConflict::columns([Alias::new("term"), Alias::new("case_id")])
                    .do_nothing()
                    .to_owned(),
            );
        for (term, id) in chunk {
            stmt.values_panic([term.clone().into(), (*id).into()]);
        }
        conn.execute(&stmt).await?;
    }
    Ok(())
}

/// Re-indexes a case whose parties were rewritten.
pub async fn replace<C: ConnectionTrait>(conn: &C, c: &Case) -> Result<(), DbError> {
    let delete = Query::delete()
        .from_table(Alias::new(TABLE))
        .and_where(Expr::col(Alias::new("case_id")).eq(c.id))
        .to_owned();
    conn.execute(&delete).await?;
    insert(conn, [c]).await
}

/// Joins the word-pair index onto a case query so that only cases whose
/// names hold the words of `folded` (a query already through `text::fold`)
/// in order remain. Returns the column to order and continue pages by, the
/// first term's `case_id` (equal to the case's id); `None`, adding nothing,
/// when the query is one word or looks like a case code.
///
/// A join, not an `IN (subquery)`: each (term, case) is one row, so the
/// join adds no duplicates, and ordered by `t0.case_id` both databases walk
/// the first term's index range backwards and stop once the page is full,
/// instead of probing and sorting every candidate (ADR 0009).
///
/// `terms_first` (SQLite): the word pairs are joined before the case, with
/// `CROSS JOIN`, which SQLite never reorders. Left to its planner, SQLite
/// reads each case the first pair names before checking the second pair,
/// and a working list that leaves archived files out then reads thousands
/// of case rows for a page (20 ms against 4 ms on 1,000,000 cases).
/// PostgreSQL's planner joins the pairs first by itself.
pub fn join_phrase(q: &mut SelectStatement, folded: &str, terms_first: bool) -> Option<Expr> {
    if folded.contains('.') || folded.split(' ').count() < 2 {
        return None;
    }
    let t = |i: usize| Alias::new(format!("t{i}"));
    let case_id = |i: usize| Expr::col((t(i), Alias::new("case_id")));
    if terms_first {
        q.from_clear();
        q.from_as(Alias::new(TABLE), t(0));
    }
    for (i, pair) in text::word_pairs(folded).into_iter().enumerate() {
        let same_case = if i == 0 {
            case_id(0).equals((Alias::new("cases"), Alias::new("id")))
        } else {
            case_id(i).equals((t(0), Alias::new("case_id")))
        };
        let on = same_case.and(Expr::col((t(i), Alias::new("term"))).eq(pair));
        if !terms_first {
            q.join_as(JoinType::InnerJoin, Alias::new(TABLE), t(i), on);
            continue;
        }
        // A CROSS JOIN takes no condition: the pair's goes to WHERE.
        if i > 0 {
            q.join_as(
                JoinType::CrossJoin,
                Alias::new(TABLE),
                t(i),
                Expr::val(true),
            );
        }
        q.and_where(on);
    }
    if terms_first {
        q.join_as(
            JoinType::CrossJoin,
            Alias::new("cases"),
            Alias::new("cases"),
            Expr::val(true),
        );
    }
    Some(case_id(0))
}

/// Fills the index for cases recorded before it existed (once, at start-up).
pub async fn backfill<C: ConnectionTrait>(conn: &C) -> Result<u64, DbError> {
    use crate::entity::case;
    let any_term = conn
        .query_one(
            &Query::select()
                .expr(Expr::val(1))
                .from(Alias::new(TABLE))
                .limit(1)
                .to_owned(),
        )
        .await?;
    if any_term.is_some() {
        return Ok(0);
    }
    let mut done = 0;
    let mut after: Option<Uuid> = None;
    loop {
        let mut q = case::Entity::find().select_only().column(case::Column::Id);
        if let Some(a) = after {
            q = q.filter(case::Column::Id.gt(a));
        }
        let ids: Vec<Uuid> = q
            .order_by_asc(case::Column::Id)
            .limit(1000)
            .into_tuple()
            .all(conn)
            .await?;
        let Some(last) = ids.last().copied() else {
            return Ok(done);
        };
        after = Some(last);
        let cases = crate::cases::with_parties(conn, &ids).await?;
        insert(conn, &cases).await?;
        done += cases.len() as u64;
    }
}
