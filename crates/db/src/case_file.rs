//! Reading a whole case file: the case, its parties, assignments,
//! activities and hearings, in one statement on both databases (the related
//! rows come back as JSON arrays). A case read is the most frequent request;
//! five queries cost five round trips on PostgreSQL and five hops to the
//! connection's thread on SQLite (BENCHMARKS.md, issue #3).
use crate::DbError;
use crate::cases::{activity_of, bad, case_of, party_of};
use crate::entity::{case, case_activity, case_assignment, case_party, hearing};
use crate::hearings::hearing_of;
use sea_orm::sea_query::ColumnType;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, IdenStatic, Iterable,
    Statement,
};
use serde::de::DeserializeOwned;
use std::sync::LazyLock;
use tgpl_domain::case::{Assignment, CaseFile};
use uuid::Uuid;

/// (table, alias, order) of each list, in the order `CaseFile` promises:
/// oldest first, ids breaking ties.
const PARTIES: (&str, &str, &str) = ("case_parties", "p", "p.id");
const ASSIGNMENTS: (&str, &str, &str) = ("case_assignments", "a", "a.assigned_on, a.id");
const ACTIVITIES: (&str, &str, &str) = ("case_activities", "x", "x.occurred_on, x.id");
const HEARINGS: (&str, &str, &str) = ("hearings", "h", "h.starts_at, h.id");

static FILE_PG: LazyLock<String> = LazyLock::new(|| {
    // PostgreSQL turns a whole row into JSON with the column names as keys.
    let list = |(table, alias, order): (&str, &str, &str)| {
        format!(
            "(SELECT coalesce(json_agg({alias} ORDER BY {order}), '[]')::text \
             FROM {table} {alias} WHERE {alias}.case_id = c.id)"
        )
    };
    file_sql(
        [
            list(PARTIES),
            list(ASSIGNMENTS),
            list(ACTIVITIES),
            list(HEARINGS),
        ],
        "$1",
    )
});

static FILE_SQLITE: LazyLock<String> = LazyLock::new(|| {
    file_sql(
        [
            sqlite_list::<case_party::Entity>(PARTIES),
            sqlite_list::<case_assignment::Entity>(ASSIGNMENTS),
            sqlite_list::<case_activity::Entity>(ACTIVITIES),
            sqlite_list::<hearing::Entity>(HEARINGS),
        ],
        "?",
    )
});

fn file_sql(lists: [String; 4], param: &str) -> String {
    let [parties, assignments, activities, hearings] = lists;
    format!(
        "SELECT c.*, {parties} AS file_parties, {assignments} AS file_assignments, \
         {activities} AS file_activities, {hearings} AS file_hearings \
         FROM cases c WHERE c.id = {param}"
    )
}

/// SQLite names every column in `json_object`; UUIDs are stored as 16-byte
/// blobs, which JSON cannot hold, so they travel as hex (a form `Uuid`
/// parses).
fn sqlite_list<E: EntityTrait>((table, alias, order): (&str, &str, &str)) -> String {
    let fields: Vec<String> = E::Column::iter()
        .map(|col| {
            let name = col.as_str();
            let value = match col.def().get_column_type() {
                ColumnType::Uuid => format!("nullif(hex({alias}.{name}), '')"),
                _ => format!("{alias}.{name}"),
            };
            format!("'{name}', {value}")
        })
        .collect();
    format!(
        "(SELECT json_group_array(json_object({}) ORDER BY {order}) \
         FROM {table} {alias} WHERE {alias}.case_id = c.id)",
        fields.join(", ")
    )
}

/// The case file of one case, or `NotFound`.
pub async fn read<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<CaseFile, DbError> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => FILE_PG.as_str(),
        _ => FILE_SQLITE.as_str(),
    };
    let stmt = Statement::from_sql_and_values(backend, sql, [id.into()]);
    let row = conn.query_one_raw(stmt).await?.ok_or(DbError::NotFound)?;
    let text = |col: &str| -> Result<String, DbError> { Ok(row.try_get("", col)?) };
    let parties = json_rows::<case_party::Model>(&text("file_parties")?)?
        .into_iter()
        .map(party_of)
        .collect::<Result<_, _>>()?;
    let assignments = json_rows::<case_assignment::Model>(&text("file_assignments")?)?;
    let activities = json_rows::<case_activity::Model>(&text("file_activities")?)?;
    let hearings = json_rows::<hearing::Model>(&text("file_hearings")?)?;
    Ok(CaseFile {
        case: case_of(case::Model::from_query_result(&row, "")?, parties)?,
        assignments: assignments.into_iter().map(assignment_of).collect(),
        activities: activities
            .into_iter()
            .map(activity_of)
            .collect::<Result<_, _>>()?,
        hearings: hearings
            .into_iter()
            .map(hearing_of)
            .collect::<Result<_, _>>()?,
    })
}

fn json_rows<T: DeserializeOwned>(text: &str) -> Result<Vec<T>, DbError> {
    serde_json::from_str(text).map_err(|e| {
        bad(tgpl_domain::ParseError::new(
            "case_file.json",
            e.to_string(),
        ))
    })
}

fn assignment_of(m: case_assignment::Model) -> Assignment {
    Assignment {
        id: m.id,
        practitioner_id: m.practitioner_id,
        assigned_on: m.assigned_on,
        ended_on: m.ended_on,
        reason: m.reason,
    }
}
