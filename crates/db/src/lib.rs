//! Persistence: sea-orm on SQLite (embedded default) or PostgreSQL.
//! Callers get domain records; entities stay private to this crate.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod audit;
mod convert;
mod entity;
pub mod error;
pub mod organisations;
pub mod page;
pub mod practitioners;
mod scope;
pub mod sessions;
pub mod users;

pub use error::DbError;
pub use page::{Page, PageRequest};
pub use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbErr,
    TransactionTrait,
};

use sea_orm::DbBackend;
use std::time::Duration;
use tgpl_migration::Migrator;
use tgpl_migration::MigratorTrait;

/// A connection pool to the system's database.
#[derive(Clone, Debug)]
pub struct Db {
    pub conn: DatabaseConnection,
}

impl Db {
    /// Connects to `url` (`sqlite://…` or `postgres://…`) and applies
    /// pending migrations.
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        let mut opt = ConnectOptions::new(url.to_owned());
        opt.sqlx_logging(false)
            .connect_timeout(Duration::from_secs(5))
            .acquire_timeout(Duration::from_secs(10));
        if url.starts_with("sqlite:") {
            // One writer at a time is SQLite's nature: a single pooled
            // connection serialises transactions instead of failing them
            // with "database is locked" (ADR 0002).
            opt.max_connections(1)
                .min_connections(1)
                .map_sqlx_sqlite_opts(|o| {
                    o.create_if_missing(true)
                        .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                        .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                        .foreign_keys(true)
                        .busy_timeout(Duration::from_secs(10))
                });
        } else {
            opt.max_connections(32).min_connections(2);
        }
        let conn = Database::connect(opt).await?;
        Migrator::up(&conn, None).await?;
        Ok(Self { conn })
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    /// For `/readyz`: can we run a query right now?
    pub async fn ping(&self) -> Result<(), DbError> {
        self.conn.ping().await.map_err(DbError::from)
    }

    /// Whether the database holds no organisation yet (a fresh install).
    pub async fn is_empty(&self) -> Result<bool, DbError> {
        organisations::count(&self.conn).await.map(|n| n == 0)
    }
}
