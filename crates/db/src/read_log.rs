//! SQLite only (ADR 0023): the audit events of reads live in a file of
//! their own beside the main database. Every read of personal data writes
//! one; were they in the main file, each of the group-commit writer's
//! commits would change it, and SQLite makes every reader connection drop
//! its page cache and memory map when the file changed since its last read
//! (`sqlite3PagerSharedLock`), so reads would pay for their own logging
//! twice. Writes of data keep their audit event in their own transaction,
//! in the main file.
use crate::DbError;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use std::time::Duration;

/// The tables (and their indexes) the read log holds, as the main
/// database's migrations define them.
const TABLES: [&str; 2] = ["audit_events", "audit_read_pages"];

/// Opens the read log at `url`, creating its tables from the main
/// database's own definitions (so a migration of those tables is followed:
/// a test holds the two schemas equal).
pub async fn open(main: &DatabaseConnection, url: &str) -> Result<DatabaseConnection, DbError> {
    let mut opt = sea_orm::ConnectOptions::new(url.to_owned());
    // One connection: the writer writes, the trail's rare lists read.
    opt.sqlx_logging(false)
        .max_connections(1)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
        });
    let log = Database::connect(opt).await?;
    for sql in definitions(main).await? {
        log.execute_unprepared(&if_not_exists(&sql)).await?;
    }
    Ok(log)
}

/// The `CREATE TABLE` and `CREATE INDEX` statements of the logged tables,
/// tables first.
async fn definitions(main: &DatabaseConnection) -> Result<Vec<String>, DbError> {
    let list = TABLES
        .iter()
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(",");
    let rows = main
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            format!(
                "SELECT sql FROM sqlite_master WHERE tbl_name IN ({list}) AND sql IS NOT NULL \
                 ORDER BY type = 'index', name"
            ),
        ))
        .await?;
    rows.iter()
        .map(|r| r.try_get::<String>("", "sql").map_err(DbError::from))
        .collect()
}

fn if_not_exists(sql: &str) -> String {
    for (from, to) in [
        ("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS "),
        ("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS "),
        ("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS "),
    ] {
        if let Some(rest) = sql.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    sql.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_are_replayed_only_when_missing() {
        assert_eq!(
            if_not_exists("CREATE TABLE \"audit_events\" (id uuid)"),
            "CREATE TABLE IF NOT EXISTS \"audit_events\" (id uuid)"
        );
        assert_eq!(
            if_not_exists("CREATE INDEX \"audit_events_actor\" ON x (a)"),
            "CREATE INDEX IF NOT EXISTS \"audit_events_actor\" ON x (a)"
        );
    }

    #[test]
    fn the_read_log_sits_beside_a_file_database() {
        assert_eq!(
            crate::read_log_url("sqlite://data/tgpl.db?mode=rwc").as_deref(),
            Some("sqlite://data/tgpl-reads.db?mode=rwc")
        );
        assert_eq!(
            crate::read_log_url("sqlite:///srv/tgpl/tgpl.db").as_deref(),
            Some("sqlite:///srv/tgpl/tgpl-reads.db")
        );
        assert_eq!(crate::read_log_url("sqlite::memory:"), None);
        assert_eq!(crate::read_log_url("postgres://h/db"), None);
    }
}
