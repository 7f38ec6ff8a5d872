//! Consistent copies of an embedded (SQLite) installation for `tgpl backup`
//! (issue #15): each database file is copied with `VACUUM INTO`, which
//! reads inside one transaction (a snapshot, while the server keeps
//! writing) and writes a compact file; and the objects a snapshot names.
use crate::{Db, DbError};
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use std::path::Path;

/// A stored object a database snapshot names, with its recorded checksum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedObject {
    pub key: String,
    pub sha256: String,
    pub size: u64,
}

fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "''"))
}

impl Db {
    /// Writes a consistent copy of the main database to `main` and of the
    /// read log to `reads` (SQLite only; `reads` is left out of an
    /// in-memory database, which has no read log).
    pub async fn snapshot_sqlite(&self, main: &Path, reads: &Path) -> Result<bool, DbError> {
        if self.backend() != DbBackend::Sqlite {
            return Err(DbError::Unsupported(
                "a PostgreSQL database is backed up with pg_dump or pg_basebackup (deploy/BACKUP.md)",
            ));
        }
        self.conn
            .execute_unprepared(&format!("VACUUM INTO {}", quoted(main)))
            .await?;
        match self.read_log() {
            Some(log) => {
                log.execute_unprepared(&format!("VACUUM INTO {}", quoted(reads)))
                    .await?;
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

/// The objects the database file at `path` names (case documents and the
/// online requests' attachments), by key, each once.
pub async fn objects_named(path: &Path) -> Result<Vec<NamedObject>, DbError> {
    let url = format!("sqlite://{}?mode=ro", path.display());
    let conn = Database::connect(url).await?;
    let rows = conn
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT storage_key, MIN(sha256) AS sha256, MIN(size) AS size FROM \
             (SELECT storage_key, sha256, size FROM case_documents \
              UNION ALL SELECT storage_key, sha256, size FROM intake_attachments) \
             GROUP BY storage_key ORDER BY storage_key"
                .to_owned(),
        ))
        .await?;
    let objects = rows
        .iter()
        .map(|r| {
            Ok(NamedObject {
                key: r.try_get("", "storage_key")?,
                sha256: r.try_get("", "sha256")?,
                size: r.try_get::<i64>("", "size")?.max(0) as u64,
            })
        })
        .collect::<Result<Vec<_>, sea_orm::DbErr>>()?;
    conn.close().await?;
    Ok(objects)
}

/// `PRAGMA integrity_check` of a database file: `ok`, or what is wrong.
pub async fn integrity(path: &Path) -> Result<String, DbError> {
    let url = format!("sqlite://{}?mode=ro", path.display());
    let conn = Database::connect(url).await?;
    let row = conn
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check".to_owned(),
        ))
        .await?;
    let verdict = match row {
        Some(r) => r.try_get_by_index::<String>(0)?,
        None => "no answer".to_owned(),
    };
    conn.close().await?;
    Ok(verdict)
}
