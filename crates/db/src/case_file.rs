//! Reading a whole case file: the case, its parties, assignments,
//! activities and hearings. On PostgreSQL this is one statement (the
//! related rows come back as JSON arrays), since a case read is the most
//! frequent request and each round trip costs the server a wake-up; on
//! SQLite, which runs in process, it is one query per table.
use crate::DbError;
use crate::cases::{activity_of, bad, case_of, party_of};
use crate::entity::{case, case_activity, case_assignment, case_party, hearing};
use crate::hearings::hearing_of;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    Statement,
};
use serde::de::DeserializeOwned;
use tgpl_domain::case::{Assignment, CaseFile};
use uuid::Uuid;

/// Each list in the order `CaseFile` promises: oldest first, ids breaking ties.
const FILE_PG: &str = "SELECT c.*, \
 (SELECT coalesce(json_agg(p ORDER BY p.id), '[]') FROM case_parties p WHERE p.case_id = c.id) AS file_parties, \
 (SELECT coalesce(json_agg(a ORDER BY a.assigned_on, a.id), '[]') FROM case_assignments a WHERE a.case_id = c.id) AS file_assignments, \
 (SELECT coalesce(json_agg(x ORDER BY x.occurred_on, x.id), '[]') FROM case_activities x WHERE x.case_id = c.id) AS file_activities, \
 (SELECT coalesce(json_agg(h ORDER BY h.starts_at, h.id), '[]') FROM hearings h WHERE h.case_id = c.id) AS file_hearings \
 FROM cases c WHERE c.id = $1";

/// The case file of one case, or `NotFound`.
pub async fn read<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<CaseFile, DbError> {
    match conn.get_database_backend() {
        DbBackend::Postgres => read_joined(conn, id).await,
        _ => read_apart(conn, id).await,
    }
}

async fn read_joined<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<CaseFile, DbError> {
    let stmt = Statement::from_sql_and_values(DbBackend::Postgres, FILE_PG, [id.into()]);
    let row = conn.query_one_raw(stmt).await?.ok_or(DbError::NotFound)?;
    let rows = |col: &str| -> Result<serde_json::Value, DbError> { Ok(row.try_get("", col)?) };
    let parties = json_rows::<case_party::Model>(rows("file_parties")?)?
        .into_iter()
        .map(party_of)
        .collect::<Result<_, _>>()?;
    let assignments = json_rows::<case_assignment::Model>(rows("file_assignments")?)?;
    let activities = json_rows::<case_activity::Model>(rows("file_activities")?)?;
    let hearings = json_rows::<hearing::Model>(rows("file_hearings")?)?;
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

fn json_rows<T: DeserializeOwned>(v: serde_json::Value) -> Result<Vec<T>, DbError> {
    serde_json::from_value(v).map_err(|e| {
        bad(tgpl_domain::ParseError::new(
            "case_file.json",
            e.to_string(),
        ))
    })
}

async fn read_apart<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<CaseFile, DbError> {
    let case = crate::cases::get(conn, id).await?;
    let assignments = case_assignment::Entity::find()
        .filter(case_assignment::Column::CaseId.eq(id))
        .order_by_asc(case_assignment::Column::AssignedOn)
        .order_by_asc(case_assignment::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(assignment_of)
        .collect();
    Ok(CaseFile {
        case,
        assignments,
        activities: crate::cases::activities(conn, id).await?,
        hearings: crate::hearings::of_case(conn, id).await?,
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
