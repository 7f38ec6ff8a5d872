//! SQLite keeps the audit events of reads in a file beside the main one
//! (ADR 0023): a logged read must leave the main database unchanged, so
//! that its reader connections keep their page cache and memory map, while
//! the trail still shows the read, and the read log's tables must be the
//! main database's own.
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use tgpl_db::audit::{AuditFilter, AuditMeta, Change};
use tgpl_db::{Db, PageRequest};
use tgpl_domain::{ResourceScope, ScopeFilter};
use uuid::Uuid;

async fn rows(conn: &DatabaseConnection, sql: &str) -> Vec<String> {
    conn.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql.to_owned()))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect()
}

/// The main file's change counter as one fixed connection sees it: it moves
/// whenever another connection commits to that file.
async fn data_version(conn: &DatabaseConnection) -> i64 {
    conn.query_one_raw(Statement::from_string(
        DbBackend::Sqlite,
        "PRAGMA data_version".to_owned(),
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get_by_index::<i64>(0)
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_a_logged_read_leaves_the_main_database_unchanged() {
    let dir = tgpl_tests::unique_dir("read-log");
    let url = format!("sqlite://{}/tgpl.db?mode=rwc", dir.display());
    let db = Db::connect(&url).await.unwrap();
    let log = db.read_log().expect("SQLite keeps a read log");
    assert!(dir.join("tgpl-reads.db").exists());
    for table in ["audit_events", "audit_read_pages"] {
        let sql = format!(
            "SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || pk FROM pragma_table_info('{table}')"
        );
        let main_cols = rows(&db.conn, &sql).await;
        assert!(!main_cols.is_empty(), "{table}");
        assert_eq!(
            rows(log, &sql).await,
            main_cols,
            "{table} differs in the read log"
        );
    }

    let watcher = Database::connect(url.clone()).await.unwrap();
    let before = data_version(&watcher).await;
    let case_id = Uuid::now_v7();
    let meta = AuditMeta::system("read-log-test", chrono::DateTime::UNIX_EPOCH);
    let read = |action: &'static str| Change::<serde_json::Value> {
        action,
        entity: "case",
        entity_id: case_id,
        scope: ResourceScope::default(),
        before: None,
        after: None,
    };
    db.reads_audit()
        .record(&meta, read("case.read"))
        .await
        .unwrap();
    assert_eq!(
        data_version(&watcher).await,
        before,
        "a logged read changed the main database"
    );
    // A write's audit entry goes into the main file, in its transaction:
    // the watcher sees that change (the check can fail).
    tgpl_db::audit::record(&db.conn, &meta, read("case.accept"))
        .await
        .unwrap();
    assert_ne!(data_version(&watcher).await, before);

    // The trail shows both, newest first, across the two files.
    let filter = AuditFilter {
        entity: Some("case".into()),
        entity_id: Some(case_id),
        actor_id: None,
    };
    let page = tgpl_db::audit::list(
        db.read(),
        db.read_log(),
        ScopeFilter::All,
        &filter,
        PageRequest {
            after: None,
            keys: None,
            limit: 1,
        },
    )
    .await
    .unwrap();
    let actions: Vec<&str> = page.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["case.accept"]);
    let rest = tgpl_db::audit::list(
        db.read(),
        db.read_log(),
        ScopeFilter::All,
        &filter,
        tgpl_db::PageRequest::parse(page.next.as_deref(), Some(10)).unwrap(),
    )
    .await
    .unwrap();
    let actions: Vec<&str> = rest.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["case.read"]);
}
