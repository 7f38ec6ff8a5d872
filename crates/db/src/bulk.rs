//! Bulk inserts on PostgreSQL as one JSON parameter: `INSERT … SELECT …
//! FROM json_populate_recordset(NULL::table, $1)`. A multi-row `VALUES`
//! list of a thousand rows binds tens of thousands of parameters that the
//! server parses and plans one by one; the import of a million cases spent
//! most of its time there (BENCHMARKS.md, issue #15). SQLite keeps the
//! multi-row `VALUES`, which is cheap in process.
use crate::DbError;
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use serde_json::{Map, Value as Json};

/// Rows per statement: large enough that a batch is a few statements.
pub(crate) const ROWS: usize = 5_000;

/// A column's value as PostgreSQL reads it back from JSON.
pub(crate) fn json_of(v: &Value) -> Json {
    match v {
        Value::Uuid(Some(u)) => Json::String(u.to_string()),
        Value::ChronoDate(Some(d)) => Json::String(d.format("%Y-%m-%d").to_string()),
        Value::ChronoDateTimeUtc(Some(t)) => Json::String(t.to_rfc3339()),
        Value::ChronoDateTimeWithTimeZone(Some(t)) => Json::String(t.to_rfc3339()),
        Value::ChronoDateTime(Some(t)) => {
            Json::String(t.format("%Y-%m-%dT%H:%M:%S%.f").to_string())
        }
        Value::ChronoTime(Some(t)) => Json::String(t.format("%H:%M:%S%.f").to_string()),
        Value::ChronoDate(None)
        | Value::ChronoDateTimeUtc(None)
        | Value::ChronoDateTimeWithTimeZone(None)
        | Value::ChronoDateTime(None)
        | Value::ChronoTime(None)
        | Value::Uuid(None) => Json::Null,
        other => sea_orm::sea_query::value::sea_value_to_json_value(other),
    }
}

/// Inserts `rows` (objects keyed by column name) into `table`'s `columns`;
/// `on_conflict` ends the statement (e.g. `ON CONFLICT DO NOTHING`).
pub(crate) async fn insert<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    columns: &[&str],
    rows: Vec<Map<String, Json>>,
    on_conflict: &str,
) -> Result<(), DbError> {
    debug_assert_eq!(conn.get_database_backend(), DbBackend::Postgres);
    let cols = columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO \"{table}\" ({cols}) SELECT {cols} FROM json_populate_recordset(NULL::\"{table}\", $1::json) {on_conflict}"
    );
    let mut rows = rows.into_iter().map(Json::Object).peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Json> = rows.by_ref().take(ROWS).collect();
        let body = Json::Array(chunk).to_string();
        conn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql.clone(),
            [Value::from(body)],
        ))
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::json_of;
    use sea_orm::Value;

    #[test]
    fn values_are_written_as_postgresql_reads_them_from_json() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-12-06T20:15:00.5Z")
            .unwrap()
            .to_utc();
        assert_eq!(json_of(&Value::from(t)), "2026-12-06T20:15:00.500+00:00");
        let d = chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
        assert_eq!(json_of(&Value::from(d)), "2026-01-02");
        assert_eq!(
            json_of(&Value::from(Option::<chrono::NaiveDate>::None)),
            serde_json::Value::Null
        );
        let id = uuid::Uuid::nil();
        assert_eq!(json_of(&Value::from(id)), id.to_string());
        assert_eq!(json_of(&Value::from("Lò \"Thị\"")), "Lò \"Thị\"");
        assert_eq!(json_of(&Value::from(7i32)), 7);
        assert_eq!(json_of(&Value::from(true)), true);
    }
}
