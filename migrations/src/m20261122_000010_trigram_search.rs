use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

/// Diacritic-insensitive search is `search_text LIKE '%…%'`. On PostgreSQL a
/// trigram index answers it without scanning the table; SQLite has no such
/// index for LIKE and scans (fine at the embedded scale).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            .await?;
        for table in ["cases", "practitioners", "organisations", "users"] {
            db.execute_unprepared(&format!(
                "CREATE INDEX IF NOT EXISTS {table}_search_trgm ON {table} USING gin (search_text gin_trgm_ops)"
            ))
            .await?;
        }
        Ok(())
    }
}
