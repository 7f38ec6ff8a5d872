//! Import runs and the old system's ids (issue #15): a run's progress and
//! refused rows, and the lookups that make a rerun update instead of
//! duplicate.
use crate::cases::LegacyKey;
use crate::entity::{import_problem, import_run, organisation, practitioner};
use crate::{DbError, convert};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::HashMap;
use tgpl_domain::import::{ImportKind, ImportRun, ImportStatus, RowProblem};
use tgpl_domain::records::{Organisation, Practitioner};
use uuid::Uuid;

fn bad(e: tgpl_domain::ParseError) -> DbError {
    DbError::Db(DbErr::Custom(format!("invalid value in imports: {e}")))
}

fn run_of(m: import_run::Model) -> Result<ImportRun, DbError> {
    Ok(ImportRun {
        id: m.id,
        kind: ImportKind::parse(&m.kind).map_err(bad)?,
        file_name: m.file_name,
        format: m.format,
        sha256: m.sha256,
        object_key: m.object_key,
        mapping: m.mapping,
        dry_run: m.dry_run,
        status: ImportStatus::parse(&m.status).map_err(bad)?,
        total_rows: m.total_rows,
        processed_rows: m.processed_rows,
        inserted: m.inserted,
        updated: m.updated,
        unchanged: m.unchanged,
        rejected: m.rejected,
        error: m.error,
        created_by: m.created_by,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
        finished_at: m.finished_at,
    })
}

fn row_of(r: &ImportRun) -> import_run::ActiveModel {
    import_run::ActiveModel {
        id: Set(r.id),
        kind: Set(r.kind.as_str().to_owned()),
        file_name: Set(r.file_name.clone()),
        format: Set(r.format.clone()),
        sha256: Set(r.sha256.clone()),
        object_key: Set(r.object_key.clone()),
        mapping: Set(r.mapping.clone()),
        dry_run: Set(r.dry_run),
        status: Set(r.status.as_str().to_owned()),
        total_rows: Set(r.total_rows),
        processed_rows: Set(r.processed_rows),
        inserted: Set(r.inserted),
        updated: Set(r.updated),
        unchanged: Set(r.unchanged),
        rejected: Set(r.rejected),
        error: Set(r.error.clone()),
        created_by: Set(r.created_by),
        finished_at: Set(r.finished_at),
        version: Set(r.version),
        created_at: Set(r.created_at),
        updated_at: Set(r.updated_at),
    }
}

pub async fn insert<C: ConnectionTrait>(conn: &C, r: &ImportRun) -> Result<(), DbError> {
    row_of(r).insert(conn).await?;
    Ok(())
}

/// Writes a run's progress and status.
pub async fn save<C: ConnectionTrait>(conn: &C, r: &ImportRun) -> Result<(), DbError> {
    import_run::Entity::update(row_of(r)).exec(conn).await?;
    Ok(())
}

pub async fn get<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<ImportRun, DbError> {
    let m = import_run::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    run_of(m)
}

/// Runs, newest first.
pub async fn list<C: ConnectionTrait>(conn: &C, limit: u64) -> Result<Vec<ImportRun>, DbError> {
    import_run::Entity::find()
        .order_by_desc(import_run::Column::Id)
        .limit(limit)
        .all(conn)
        .await?
        .into_iter()
        .map(run_of)
        .collect()
}

/// The unfinished real run of the same file, which a new run resumes.
pub async fn unfinished<C: ConnectionTrait>(
    conn: &C,
    kind: ImportKind,
    sha256: &str,
) -> Result<Option<ImportRun>, DbError> {
    import_run::Entity::find()
        .filter(import_run::Column::Kind.eq(kind.as_str()))
        .filter(import_run::Column::Sha256.eq(sha256))
        .filter(import_run::Column::DryRun.eq(false))
        .filter(import_run::Column::Status.is_in(["queued", "running"]))
        .order_by_desc(import_run::Column::Id)
        .one(conn)
        .await?
        .map(run_of)
        .transpose()
}

pub async fn add_problems<C: ConnectionTrait>(
    conn: &C,
    import_id: Uuid,
    problems: &[RowProblem],
) -> Result<(), DbError> {
    let rows: Vec<import_problem::ActiveModel> = problems
        .iter()
        .map(|p| import_problem::ActiveModel {
            id: Set(Uuid::now_v7()),
            import_id: Set(import_id),
            row_number: Set(p.row),
            column_name: Set(p.column.clone()),
            field: Set(p.field.clone()),
            value: Set(p.value.clone()),
            code: Set(p.code.clone()),
            message: Set(p.message.clone()),
        })
        .collect();
    crate::cases::insert_chunks(conn, rows).await
}

/// A run's refused rows in file order, after the one with id `after`.
pub async fn problems<C: ConnectionTrait>(
    conn: &C,
    import_id: Uuid,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<(Uuid, RowProblem)>, DbError> {
    let mut q =
        import_problem::Entity::find().filter(import_problem::Column::ImportId.eq(import_id));
    if let Some(a) = after {
        q = q.filter(import_problem::Column::Id.gt(a));
    }
    Ok(q.order_by_asc(import_problem::Column::Id)
        .limit(limit)
        .all(conn)
        .await?
        .into_iter()
        .map(|m| {
            (
                m.id,
                RowProblem {
                    row: m.row_number,
                    column: m.column_name,
                    field: m.field,
                    value: m.value,
                    code: m.code,
                    message: m.message,
                },
            )
        })
        .collect())
}

/// Opens an import batch's transaction. PostgreSQL plans its statements
/// as usual (a plan per new statement, cached ones kept): forcing a plan per
/// execution also replanned the foreign-key check of every inserted row,
/// a fifth of the server's time. Plans cached while a table was small are
/// dropped when [`refresh_statistics`] analyses it.
pub async fn begin_batch(
    conn: &sea_orm::DatabaseConnection,
) -> Result<DatabaseTransaction, DbError> {
    Ok(conn.begin().await?)
}

/// Rows between refreshes of the statistics in a long bulk load.
const STATISTICS_EVERY: usize = 100_000;
/// Rows loaded before the first refresh after the start.
const STATISTICS_FIRST: usize = 5_000;

/// When a bulk load (an import, the synthetic seed) refreshes the
/// statistics next, `loaded` rows in: at twice as many rows while the
/// tables are young (a plan made for a small table scans it whole once it
/// is large, until [`refresh_statistics`] drops it), then every
/// [`STATISTICS_EVERY`].
pub fn next_statistics(loaded: usize) -> usize {
    (loaded * 2).clamp(STATISTICS_FIRST, loaded + STATISTICS_EVERY)
}

/// Refreshes PostgreSQL's statistics of the tables a bulk load grows (the
/// cases and the person registry their parties are linked to): without
/// them the planner takes a code or ID-number look-up for a large part of
/// the table and scans it whole, slower with every batch. SQLite needs
/// none (it uses the index).
pub async fn refresh_statistics<C: ConnectionTrait>(conn: &C) -> Result<(), DbError> {
    if conn.get_database_backend() == DbBackend::Postgres {
        conn.execute_unprepared("ANALYZE cases, persons").await?;
    }
    Ok(())
}

/// The records already imported under these old ids: (new id, digest).
pub async fn known<C: ConnectionTrait>(
    conn: &C,
    kind: ImportKind,
    legacy_ids: &[String],
) -> Result<HashMap<String, (Uuid, Option<String>)>, DbError> {
    let mut out = HashMap::new();
    for chunk in legacy_ids.chunks(500) {
        let stmt = Query::select()
            .columns(["id", "legacy_id", "legacy_digest"])
            .from(Alias::new(kind.as_str()))
            .and_where(Expr::col("legacy_id").is_in(chunk.iter().cloned()))
            .to_owned();
        for r in conn.query_all(&stmt).await? {
            out.insert(
                r.try_get::<String>("", "legacy_id")?,
                (
                    r.try_get::<Uuid>("", "id")?,
                    r.try_get::<Option<String>>("", "legacy_digest")?,
                ),
            );
        }
    }
    Ok(out)
}

/// Every imported record of a register: old id → (new id, digest).
pub async fn all_known<C: ConnectionTrait>(
    conn: &C,
    kind: ImportKind,
) -> Result<HashMap<String, (Uuid, Option<String>)>, DbError> {
    let stmt = Query::select()
        .columns(["id", "legacy_id", "legacy_digest"])
        .from(Alias::new(kind.as_str()))
        .and_where(Expr::col("legacy_id").is_not_null())
        .to_owned();
    conn.query_all(&stmt)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get::<String>("", "legacy_id")?,
                (
                    r.try_get::<Uuid>("", "id")?,
                    r.try_get::<Option<String>>("", "legacy_digest")?,
                ),
            ))
        })
        .collect()
}

/// Every imported record of a register: old id → new id (the references
/// of later files: a practitioner's organisation, a case's practitioner).
pub async fn id_map<C: ConnectionTrait>(
    conn: &C,
    kind: ImportKind,
) -> Result<HashMap<String, Uuid>, DbError> {
    Ok(all_known(conn, kind)
        .await?
        .into_iter()
        .map(|(legacy, (id, _))| (legacy, id))
        .collect())
}

/// Marks a register row as the import of `key`.
pub async fn set_key<C: ConnectionTrait>(
    conn: &C,
    kind: ImportKind,
    id: Uuid,
    key: &LegacyKey,
) -> Result<(), DbError> {
    let stmt = Query::update()
        .table(Alias::new(kind.as_str()))
        .value("legacy_id", key.id.clone())
        .value("legacy_digest", key.digest.clone())
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// Inserts an imported organisation with its key.
pub async fn insert_organisation<C: ConnectionTrait>(
    conn: &C,
    org: &Organisation,
    key: &LegacyKey,
) -> Result<(), DbError> {
    let mut row = convert::organisation_row(org);
    row.legacy_id = Set(Some(key.id.clone()));
    row.legacy_digest = Set(Some(key.digest.clone()));
    organisation::Entity::insert(row).exec(conn).await?;
    Ok(())
}

/// Inserts an imported practitioner with its key.
pub async fn insert_practitioner<C: ConnectionTrait>(
    conn: &C,
    p: &Practitioner,
    key: &LegacyKey,
) -> Result<(), DbError> {
    let mut row = convert::practitioner_row(p);
    row.legacy_id = Set(Some(key.id.clone()));
    row.legacy_digest = Set(Some(key.digest.clone()));
    practitioner::Entity::insert(row).exec(conn).await?;
    Ok(())
}

/// Raises a register counter to at least `last`: acceptance continues after
/// the highest imported number, and never lowers a counter.
pub async fn raise_register_counter<C: ConnectionTrait>(
    conn: &C,
    organisation_id: Uuid,
    year: i32,
    last: i32,
) -> Result<(), DbError> {
    let current = crate::cases::register_counters_of(conn, organisation_id, year).await?;
    if current.is_none_or(|c| c < last) {
        crate::cases::raise_register_counter(conn, organisation_id, year, last).await?;
    }
    Ok(())
}

/// Which of these store keys are uploaded import files (the sweep keeps them).
pub async fn keys_in_use<C: ConnectionTrait>(
    conn: &C,
    keys: &[String],
) -> Result<Vec<String>, DbError> {
    Ok(import_run::Entity::find()
        .select_only()
        .column(import_run::Column::ObjectKey)
        .filter(import_run::Column::ObjectKey.is_in(keys.iter().cloned()))
        .into_tuple::<Option<String>>()
        .all(conn)
        .await?
        .into_iter()
        .flatten()
        .collect())
}

#[cfg(test)]
mod tests {
    use super::next_statistics;

    #[test]
    fn statistics_are_refreshed_often_while_the_tables_are_young_then_every_hundred_thousand_rows()
    {
        let mut at = vec![0];
        while at.len() < 10 {
            at.push(next_statistics(*at.last().unwrap()));
        }
        assert_eq!(
            at,
            [
                0, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 260_000, 360_000, 460_000
            ]
        );
    }
}
