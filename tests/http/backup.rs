//! `tgpl backup` / `tgpl restore` (issue #15 item 4): a backup taken while
//! the server serves restores into an empty data directory as it was at
//! the snapshot (cases, the read log, documents byte for byte), later
//! writes stay out of it, and a backup whose bytes changed is refused
//! before anything is written.
use serde_json::json;
use std::path::{Path, PathBuf};
use tgpl_db::{ConnectionTrait, Db, Statement};
use tgpl_server::backup::{self, BackupError};
use tgpl_storage::LocalStore;
use tgpl_tests::{Backend, TestApp};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "tgpl-backup-{}-{name}-{}",
        std::process::id(),
        uuid::Uuid::now_v7()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

async fn count(conn: &impl ConnectionTrait, sql: &str) -> i64 {
    let row = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            sql.to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

async fn new_case(app: &TestApp, token: &str, name: &str) -> String {
    crate::cases::intake(app, token, app.units.hn_centre, name, json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn a_backup_taken_while_serving_restores_as_it_was(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let id = new_case(&app, &director, "Đinh Thị Hoa").await;
    let pdf = crate::documents::pdf_of(300 * 1024);
    crate::documents::upload(
        &app,
        &director,
        &id,
        ["other", "don-yeu-cau.pdf", "application/pdf"],
        pdf.clone(),
        &[],
    )
    .await
    .expect(201);
    // A read, so the read log has something to keep.
    app.get(&format!("/api/v1/cases/{id}"), &director)
        .await
        .expect(200);
    let conn = &app.state.app.db.conn;
    let cases = count(conn, "SELECT COUNT(*) FROM cases").await;
    let key_file = scratch("key").with_extension("pem");
    std::fs::write(&key_file, b"-----BEGIN PRIVATE KEY-----\ntest\n").unwrap();

    let dir = scratch("out");
    let report = backup::backup(
        &app.state.app.db,
        app.state.app.store.as_ref(),
        &key_file,
        &dir,
        app.now(),
    )
    .await
    .unwrap();
    let paths: Vec<&str> = report
        .manifest
        .files
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(paths, ["tgpl.db", "tgpl-reads.db", "jwt_ed25519.pem"]);
    assert_eq!(report.manifest.objects.len(), 1);
    // Written after the snapshot: not in it.
    new_case(&app, &director, "Trịnh Văn Long").await;
    // A backup never writes into a directory that holds something.
    assert!(matches!(
        backup::backup(
            &app.state.app.db,
            app.state.app.store.as_ref(),
            &key_file,
            &dir,
            app.now()
        )
        .await,
        Err(BackupError::NotEmpty(_))
    ));

    // Restored into an empty data directory: the snapshot, whole.
    let data = scratch("restored");
    let r = backup::restore(&dir, &data, &data).await.unwrap();
    assert_eq!((r.files, r.objects, r.integrity.as_str()), (3, 1, "ok"));
    let db = Db::connect(&format!(
        "sqlite://{}?mode=rwc",
        data.join("tgpl.db").display()
    ))
    .await
    .unwrap();
    assert_eq!(count(&db.conn, "SELECT COUNT(*) FROM cases").await, cases);
    let reads = db.read_log().unwrap();
    assert!(
        count(
            reads,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'case.read'"
        )
        .await
            >= 1
    );
    let store = LocalStore::open(&data).await.unwrap();
    let verified = tgpl_app::maintenance::verify(&db, &store).await.unwrap();
    assert_eq!((verified.checked, verified.bytes), (1, pdf.len() as u64));
    assert!(verified.corrupted.is_empty() && verified.missing.is_empty());
    assert_eq!(
        std::fs::read(data.join("jwt_ed25519.pem")).unwrap(),
        std::fs::read(&key_file).unwrap()
    );
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data.join("jwt_ed25519.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the signing key is readable by others");
    }
    // Never over an installation.
    assert!(matches!(
        backup::restore(&dir, &data, &data).await,
        Err(BackupError::NotEmpty(_))
    ));

    // One flipped byte in a document: refused, nothing written.
    let object = dir.join(&report.manifest.objects[0].path);
    let mut bytes = std::fs::read(&object).unwrap();
    bytes[1000] ^= 0x01;
    std::fs::write(&object, bytes).unwrap();
    let Err(BackupError::Problems(problems)) = backup::verify(&dir).await else {
        panic!("a changed object passed verification");
    };
    assert!(
        problems[0].contains(&report.manifest.objects[0].path),
        "{problems:?}"
    );
    let elsewhere = scratch("refused");
    assert!(backup::restore(&dir, &elsewhere, &elsewhere).await.is_err());
    assert!(
        !elsewhere.exists(),
        "a refused restore wrote {}",
        elsewhere.display()
    );
    for d in [&dir, &data] {
        let _ = std::fs::remove_dir_all(d);
    }
    let _ = std::fs::remove_file(&key_file);
}

/// On PostgreSQL the command says which tools back it up instead.
async fn a_postgresql_installation_is_sent_to_its_own_tools(app: TestApp) {
    let dir = scratch("pg");
    let r = backup::backup(
        &app.state.app.db,
        app.state.app.store.as_ref(),
        Path::new("/nonexistent.pem"),
        &dir,
        app.now(),
    )
    .await;
    let Err(e) = r else {
        panic!("PostgreSQL was backed up as a file");
    };
    assert!(e.to_string().contains("pg_dump"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);

    // The documented procedure (deploy/backup-postgres.sh), run while the
    // server serves: dump, then restore into an empty database.
    let director = app.login("gd.hanoi").await;
    new_case(&app, &director, "Đinh Thị Hoa").await;
    let cases = count(&app.state.app.db.conn, "SELECT COUNT(*) FROM cases").await;
    let url = app.database_url.clone();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/backup-postgres.sh");
    let run = |args: &[&str]| {
        let out = std::process::Command::new("bash")
            .arg(&script)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    };
    let dump = scratch("pgdump");
    let (ok, said) = run(&["backup", &url, dump.to_str().unwrap()]);
    assert!(ok, "{said}");
    // Written after the dump: not in it.
    new_case(&app, &director, "Trịnh Văn Long").await;
    let target = tgpl_tests::postgres_url().await;
    let (ok, said) = run(&["restore", dump.to_str().unwrap(), &target]);
    assert!(ok, "{said}");
    let restored = Db::connect(&target).await.unwrap();
    assert_eq!(
        count(&restored.conn, "SELECT COUNT(*) FROM cases").await,
        cases
    );
    // Never over an installation; never from changed bytes.
    let (ok, said) = run(&["restore", dump.to_str().unwrap(), &target]);
    assert!(!ok && said.contains("empty database"), "{said}");
    let file = dump.join("tgpl.dump");
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 10;
    bytes[last] ^= 0x01;
    std::fs::write(&file, bytes).unwrap();
    let fresh = tgpl_tests::postgres_url().await;
    let (ok, said) = run(&["restore", dump.to_str().unwrap(), &fresh]);
    assert!(!ok && said.contains("refused"), "{said}");
    let untouched = Db::connect(&fresh).await.unwrap();
    assert_eq!(
        count(&untouched.conn, "SELECT COUNT(*) FROM cases").await,
        0
    );
    let _ = std::fs::remove_dir_all(&dump);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_and_restore_on_sqlite() {
    a_backup_taken_while_serving_restores_as_it_was(tgpl_tests::spawn_app(Backend::Sqlite).await)
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_of_postgresql_is_refused() {
    a_postgresql_installation_is_sent_to_its_own_tools(
        tgpl_tests::spawn_app(Backend::Postgres).await,
    )
    .await
}
