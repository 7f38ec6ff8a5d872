//! Persistence: sea-orm on SQLite (embedded default) or PostgreSQL.
//! Callers get domain records; entities stay private to this crate.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod audit;
pub mod backup;
pub mod calendar_feeds;
pub mod case_file;
mod case_sort;
pub mod cases;
pub mod complaints;
pub mod consents;
mod convert;
pub mod dashboard;
pub mod documents;
mod entity;
pub mod error;
pub mod evaluations;
pub mod events;
pub mod feedback;
pub mod hearings;
pub mod hotline;
pub mod idempotency;
pub mod imports;
pub mod intake;
pub mod jobs;
mod lease;
pub mod notifications;
pub mod organisations;
pub mod page;
pub mod persons;
mod positional;
pub mod practitioners;
pub mod privacy;
pub mod read_audit;
mod read_log;
pub mod reference;
pub mod reminders;
pub mod report_submissions;
pub mod reports;
pub mod saved_views;
mod scope;
pub mod search_terms;
pub mod second_factor;
pub mod sessions;
pub mod statistics;
pub mod throttle;
mod totals;
pub mod users;
mod versioned;
pub mod webhooks;

pub use error::DbError;
pub use page::{Page, PageRequest, Total};
pub use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbErr,
    Statement, TransactionTrait,
};

pub use sea_orm::DbBackend;
use std::time::Duration;
use tgpl_migration::Migrator;
use tgpl_migration::MigratorTrait;

/// The SQLite file of the read log beside a file database: `…/tgpl.db` →
/// `…/tgpl-reads.db` (the query string kept); none for an in-memory one.
pub fn read_log_url(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://")?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path.contains(":memory:") {
        return None;
    }
    let stem = path.strip_suffix(".db").unwrap_or(path);
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    Some(format!("sqlite://{stem}-reads.db{query}"))
}

/// Address space SQLite may map per connection (the file, not memory).
const MMAP_BYTES: u64 = 8 << 30;

/// The outbox consumer that turns events into notices.
pub const NOTIFICATIONS_CONSUMER: &str = "notifications";

/// The outbox's consumers, whose cursors start at the outbox's end when
/// they first appear.
pub const EVENT_CONSUMERS: [&str; 1] = [NOTIFICATIONS_CONSUMER];

/// Connections per replica to PostgreSQL unless configured.
pub const DEFAULT_POOL_SIZE: u32 = 32;

/// Any constant both replicas agree on: the key of the migration lock.
const MIGRATION_LOCK: i64 = 0x7467_706c_6d69_6772; // "tgplmigr"

fn options(url: &str, sqlite: bool, read_only: bool, pool: u32) -> ConnectOptions {
    let mut opt = ConnectOptions::new(url.to_owned());
    opt.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10));
    if !sqlite {
        opt.max_connections(pool.max(1))
            .min_connections(pool.clamp(1, 2));
        return opt;
    }
    // One writer connection serialises transactions instead of failing them
    // with "database is locked"; readers share the file in WAL mode (ADR 0002).
    let size = if read_only { 4 } else { 1 };
    opt.max_connections(size)
        .min_connections(1)
        .map_sqlx_sqlite_opts(move |o| {
            o.create_if_missing(!read_only)
                .read_only(read_only)
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // Reads go through the OS page cache by memory mapping
                // instead of a read() per page (ADR 0002).
                .pragma("mmap_size", MMAP_BYTES.to_string())
        });
    opt
}

/// Connection pools to the system's database: `conn` for transactions and
/// writes, `reader` for plain reads. On PostgreSQL they are one pool; on
/// SQLite the writer is a single connection (one writer at a time is
/// SQLite's nature) and readers run beside it in WAL mode.
#[derive(Clone, Debug)]
pub struct Db {
    pub conn: DatabaseConnection,
    reader: DatabaseConnection,
    reads_audit: read_audit::ReadAudit,
    /// SQLite: the file the audit events of reads go to, beside the main
    /// one (ADR 0023); PostgreSQL: none, they share the database.
    read_log: Option<DatabaseConnection>,
    /// Case-list totals between requests (`cases::count_up_to`).
    totals: std::sync::Arc<totals::TotalsCache>,
}

/// One connection pool's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolStat {
    pub pool: &'static str,
    /// Connections open (in use or idle).
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

fn pool_stat(pool: &'static str, c: &DatabaseConnection) -> Option<PoolStat> {
    match c.get_database_backend() {
        sea_orm::DbBackend::Sqlite => {
            let p = c.get_sqlite_connection_pool();
            Some(PoolStat {
                pool,
                open: p.size(),
                idle: p.num_idle() as u32,
                max: p.options().get_max_connections(),
            })
        }
        sea_orm::DbBackend::Postgres => {
            let p = c.get_postgres_connection_pool();
            Some(PoolStat {
                pool,
                open: p.size(),
                idle: p.num_idle() as u32,
                max: p.options().get_max_connections(),
            })
        }
        _ => None,
    }
}

impl Db {
    /// Connects to `url` (`sqlite://…` or `postgres://…`) and applies
    /// pending migrations.
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        Self::connect_with(url, DEFAULT_POOL_SIZE).await
    }

    /// As [`Db::connect`], with `pool` connections to PostgreSQL. Replicas
    /// starting together migrate once: on PostgreSQL the migrations run
    /// under an advisory lock held by one dedicated connection, and the
    /// others wait for it, then find nothing left to do.
    pub async fn connect_with(url: &str, pool: u32) -> Result<Self, DbError> {
        let sqlite = url.starts_with("sqlite:");
        let conn = Database::connect(options(url, sqlite, false, pool)).await?;
        if sqlite {
            // One writer: migrations serialise by themselves.
            Self::prepare(&conn).await?;
        } else {
            use sea_orm::ConnectionTrait;
            let single = Database::connect(options(url, false, false, 1)).await?;
            single
                .execute_unprepared(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))
                .await?;
            let prepared = Self::prepare(&single).await;
            let unlocked = single
                .execute_unprepared(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))
                .await;
            let _ = single.close().await;
            prepared?;
            unlocked?;
        }
        let reader = if sqlite {
            Database::connect(options(url, true, true, pool)).await?
        } else {
            conn.clone()
        };
        let read_log = match read_log_url(url) {
            Some(log_url) if sqlite => Some(read_log::open(&conn, &log_url).await?),
            _ => None,
        };
        let reads_audit = read_audit::ReadAudit::start(read_log.clone().unwrap_or(conn.clone()));
        Ok(Self {
            conn,
            reader,
            reads_audit,
            read_log,
            totals: Default::default(),
        })
    }

    /// The connection pools as they are now, for `/metrics`: the writer,
    /// and on SQLite the readers and the read log.
    pub fn pool_stats(&self) -> Vec<PoolStat> {
        let mut pools = vec![pool_stat("main", &self.conn)];
        if self.conn.get_database_backend() == sea_orm::DbBackend::Sqlite {
            pools.push(pool_stat("reader", &self.reader));
            if let Some(log) = &self.read_log {
                pools.push(pool_stat("read_log", log));
            }
        }
        pools.into_iter().flatten().collect()
    }

    /// Where the audit events of reads are kept, when not in the main
    /// database (SQLite, ADR 0023).
    pub fn read_log(&self) -> Option<&DatabaseConnection> {
        self.read_log.as_ref()
    }

    /// Migrations, reference defaults and start-up backfills.
    async fn prepare(conn: &DatabaseConnection) -> Result<(), DbError> {
        Migrator::up(conn, None).await?;
        reference::ensure_defaults(conn).await?;
        cases::backfill_completeness(conn).await?;
        search_terms::backfill(conn).await?;
        // Start-up: the one place here that reads the machine's clock.
        #[allow(clippy::disallowed_methods)]
        let now = chrono::Utc::now();
        for consumer in EVENT_CONSUMERS {
            jobs::ensure_cursor(conn, consumer, now).await?;
        }
        Ok(())
    }

    /// The pool for reads outside a transaction.
    pub fn read(&self) -> &DatabaseConnection {
        &self.reader
    }

    fn totals(&self) -> &totals::TotalsCache {
        &self.totals
    }

    /// The same databases with reads of personal data left unlogged: only
    /// for the benchmark that compares read auditing on and off.
    pub fn without_read_audit_for_benchmarks(mut self) -> Self {
        self.reads_audit = read_audit::ReadAudit::disabled_for_benchmarks();
        self
    }

    /// Where reads of personal data are logged (group commit).
    pub fn reads_audit(&self) -> &read_audit::ReadAudit {
        &self.reads_audit
    }

    pub fn backend_is_sqlite(&self) -> bool {
        self.backend() == DbBackend::Sqlite
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    /// Refreshes the planner's statistics (after bulk loads).
    pub async fn analyze(&self) -> Result<(), DbError> {
        use sea_orm::ConnectionTrait;
        self.conn.execute_unprepared("ANALYZE").await?;
        Ok(())
    }

    /// After a bulk load: statistics, and on PostgreSQL the visibility map
    /// too, so that the name-search index is read by index-only scans at
    /// once rather than after autovacuum comes by.
    pub async fn after_bulk_load(&self) -> Result<(), DbError> {
        use sea_orm::ConnectionTrait;
        if self.conn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            self.conn.execute_unprepared("VACUUM (ANALYZE)").await?;
            Ok(())
        } else {
            self.analyze().await
        }
    }

    /// For `/readyz`: can we run a query right now?
    pub async fn ping(&self) -> Result<(), DbError> {
        self.reader.ping().await.map_err(DbError::from)
    }

    /// Whether the database holds no organisation yet (a fresh install).
    pub async fn is_empty(&self) -> Result<bool, DbError> {
        organisations::count(&self.conn).await.map(|n| n == 0)
    }
}
