//! Test harness: `spawn_app` starts the real server on port 0 over a fresh
//! database (SQLite in memory, or a new PostgreSQL database) seeded with
//! the demo data.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tgpl_api::{ApiSettings, AppState};
use tgpl_app::auth::JwtKeys;
use tgpl_db::{ConnectionTrait, Db};
use tgpl_server::seed::{self, DEMO_PASSWORD, DemoUnits};
use tgpl_storage::{DocumentStore, LocalStore, S3Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where a test app keeps its documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    Local,
    S3,
}

/// Runs one async document scenario on both stores and both databases, as
/// two tests: SQLite with the local disk store, PostgreSQL with S3.
#[macro_export]
macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite_local() {
                    super::$name(tgpl_tests::spawn_app_on(
                        tgpl_tests::Backend::Sqlite,
                        tgpl_tests::StoreKind::Local,
                        tgpl_api::ApiSettings::default(),
                    ).await).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres_s3() {
                    super::$name(tgpl_tests::spawn_app_on(
                        tgpl_tests::Backend::Postgres,
                        tgpl_tests::StoreKind::S3,
                        tgpl_api::ApiSettings::default(),
                    ).await).await
                }
            }
        )*
    };
}

/// Runs one async scenario on both databases as two tests.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name(tgpl_tests::spawn_app(tgpl_tests::Backend::Sqlite).await).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name(tgpl_tests::spawn_app(tgpl_tests::Backend::Postgres).await).await
                }
            }
        )*
    };
}

pub struct TestApp {
    pub base: String,
    /// The database the server runs on (`sqlite://…` or `postgres://…`).
    pub database_url: String,
    pub client: reqwest::Client,
    pub state: AppState,
    pub units: DemoUnits,
    pub backend: Backend,
    pub store_kind: StoreKind,
    /// The local store's root (objects under `objects/`).
    pub store_dir: PathBuf,
    /// The S3 server behind an S3 store (stop it to test failures).
    pub s3: Option<S3Server>,
    /// The server's clock.
    pub clock: Arc<TestClock>,
    /// The SMTP server notices are mailed to, when the app mails.
    pub smtp: Option<SmtpSink>,
}

/// A real SMTP server (aiosmtpd, `tests/support/smtp_sink.py`) on a free
/// port; each mail it receives lands decoded as one JSON file. Killed when
/// dropped.
pub struct SmtpSink {
    child: Option<std::process::Child>,
    pub port: u16,
    pub dir: PathBuf,
}

/// A mail as the SMTP server received it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ReceivedMail {
    pub to: Vec<String>,
    pub from: String,
    pub subject: String,
    pub body: String,
}

impl SmtpSink {
    pub fn start() -> Self {
        let dir = unique_dir("smtp");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let mut sink = Self {
            child: None,
            port,
            dir,
        };
        sink.resume();
        sink
    }

    /// Starts (again) on the same port and directory.
    pub fn resume(&mut self) {
        // Debian's python3 (python3-aiosmtpd, installed by `make test`).
        let python = if std::path::Path::new("/usr/bin/python3").exists() {
            "/usr/bin/python3"
        } else {
            "python3"
        };
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/support/smtp_sink.py");
        let child = std::process::Command::new(python)
            .arg(script)
            .arg(self.port.to_string())
            .arg(&self.dir)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start the SMTP test server ({e}); `make test` installs python3-aiosmtpd. Never skipped.")
            });
        self.child = Some(child);
        for _ in 0..400 {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        panic!(
            "the SMTP test server did not listen on port {} (is python3-aiosmtpd installed?)",
            self.port
        );
    }

    /// Kills the server (what it received stays).
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            c.kill().ok();
            c.wait().ok();
        }
    }

    /// Every mail received so far, in arrival order.
    pub fn mails(&self) -> Vec<ReceivedMail> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "json"));
        files.sort();
        files
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// The mails to `address`.
    pub fn mails_to(&self, address: &str) -> Vec<ReceivedMail> {
        self.mails()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t == address))
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

/// A real S3-protocol server (`s3s-fs`, installed by `make test`) on a free
/// port of 127.0.0.1, serving a fresh directory; killed when dropped.
pub struct S3Server {
    child: Option<std::process::Child>,
    pub port: u16,
    pub dir: PathBuf,
}

pub const S3_ACCESS_KEY: &str = "tgpl-test-ak";
pub const S3_SECRET_KEY: &str = "tgpl-test-secret-key";

fn s3s_fs_binary() -> PathBuf {
    if let Ok(p) = std::env::var("TGPL_TEST_S3S_FS") {
        return PathBuf::from(p);
    }
    let home = std::env::var("HOME").unwrap_or_default();
    let installed = PathBuf::from(home).join(".cargo/bin/s3s-fs");
    if installed.exists() {
        installed
    } else {
        PathBuf::from("s3s-fs")
    }
}

impl S3Server {
    pub fn start() -> Self {
        let dir = unique_dir("s3");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let mut server = Self {
            child: None,
            port,
            dir,
        };
        server.resume();
        server
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Starts (again) on the same port and directory.
    pub fn resume(&mut self) {
        let bin = s3s_fs_binary();
        let child = std::process::Command::new(&bin)
            .args(["--host", "127.0.0.1", "--port", &self.port.to_string()])
            .args(["--access-key", S3_ACCESS_KEY, "--secret-key", S3_SECRET_KEY])
            .arg(&self.dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start the S3 test server {} ({e}); `make test` installs it \
                     (cargo install s3s-fs@0.14.1 --features binary --locked). \
                     The S3 tests are never skipped.",
                    bin.display()
                )
            });
        self.child = Some(child);
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        panic!(
            "the S3 test server did not start listening on port {}",
            self.port
        );
    }

    /// Kills the server (its data stays on disk).
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            c.kill().ok();
            c.wait().ok();
        }
    }

    pub fn config(&self, bucket: &str) -> tgpl_storage::S3Config {
        tgpl_storage::S3Config {
            endpoint: Some(self.endpoint()),
            region: "us-east-1".into(),
            bucket: bucket.into(),
            access_key: S3_ACCESS_KEY.into(),
            secret_key: S3_SECRET_KEY.into(),
            path_style: true,
            timeout: std::time::Duration::from_secs(5),
        }
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.stop();
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

/// A fresh directory under the tests' temp root.
pub fn unique_dir(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join("tgpl-tests").join(format!(
        "{what}-{}-{}",
        std::process::id(),
        DB_COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A store of the given kind: (store, local root, S3 server).
pub async fn open_store(kind: StoreKind) -> (Arc<dyn DocumentStore>, PathBuf, Option<S3Server>) {
    let dir = unique_dir("store");
    match kind {
        StoreKind::Local => (
            Arc::new(LocalStore::open(&dir).await.expect("local store")),
            dir,
            None,
        ),
        StoreKind::S3 => {
            let server = S3Server::start();
            let store = S3Store::new(&server.config("tgpl-docs"));
            store.ensure_bucket().await.expect("create the test bucket");
            (Arc::new(store), dir, Some(server))
        }
    }
}

static DB_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh PostgreSQL database for one test. Under `CI=true` an unreachable
/// server fails the test; it never skips.
pub async fn postgres_url() -> String {
    let base = std::env::var("TGPL_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    let prefix = std::env::var("TGPL_TEST_PG_PREFIX")
        .unwrap_or_else(|_| format!("tgpl_test_dev_{}", std::process::id()));
    let name = format!(
        "{prefix}_{}_{}",
        std::process::id(),
        DB_COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    let admin = sea_orm_connect(&format!("{base}/postgres")).await;
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .unwrap_or_else(|e| panic!("cannot create test database {name} on {base}: {e}"));
    admin.close().await.ok();
    format!("{base}/{name}")
}

async fn sea_orm_connect(url: &str) -> tgpl_db::DatabaseConnection {
    let mut opt = tgpl_db::ConnectOptions::new(url.to_owned());
    opt.sqlx_logging(false).max_connections(1);
    tgpl_db::Database::connect(opt).await.unwrap_or_else(|e| {
        panic!(
            "PostgreSQL must be reachable at {url} for the PostgreSQL tests (run `make test`): {e}"
        )
    })
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, ApiSettings::default()).await
}

/// The instant every test server reads from its clock.
pub const TEST_NOW: chrono::DateTime<chrono::Utc> =
    match chrono::DateTime::from_timestamp(1_794_794_400, 0) {
        Some(t) => t,
        None => chrono::DateTime::<chrono::Utc>::MIN_UTC,
    };

/// The test server's clock: it stands at [`TEST_NOW`] until a test moves it.
#[derive(Debug)]
pub struct TestClock(std::sync::atomic::AtomicI64);

impl TestClock {
    pub fn at(t: chrono::DateTime<chrono::Utc>) -> Self {
        Self(std::sync::atomic::AtomicI64::new(t.timestamp_millis()))
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.0.fetch_add(by.num_milliseconds(), Ordering::SeqCst);
    }
}

impl tgpl_domain::clock::Clock for TestClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp_millis(self.0.load(Ordering::SeqCst)).unwrap_or(TEST_NOW)
    }
}

impl TestApp {
    /// The server's "today" (the legal date in Vietnam).
    pub fn today(&self) -> chrono::NaiveDate {
        tgpl_domain::calendar::vietnam_date(self.now())
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        tgpl_domain::clock::Clock::now(self.clock.as_ref())
    }

    /// A job worker on this app's database and clock (tests run ticks
    /// themselves, so what is due is decided by the test's clock).
    pub fn runner(&self, name: &str) -> tgpl_app::jobs::Runner {
        tgpl_app::jobs::Runner::new(self.state.app.clone(), name)
    }

    /// One tick of a job worker: schedules, dispatches events, runs due jobs.
    pub async fn run_jobs(&self) -> tgpl_app::jobs::Tick {
        self.runner("test").tick().await.expect("jobs tick")
    }

    /// Moves the server's clock forward (tokens, lockouts and the recent
    /// password check age with it).
    pub fn advance(&self, by: chrono::Duration) {
        self.clock.advance(by);
    }
}

pub async fn spawn_app_with(backend: Backend, settings: ApiSettings) -> TestApp {
    spawn_app_on(backend, StoreKind::Local, settings).await
}

/// Login limits for tests: the clock stands still in a test, so the
/// per-client window never ends; tests of the throttle set their own.
pub fn relaxed_login_limits() -> tgpl_domain::auth::LoginLimits {
    tgpl_domain::auth::LoginLimits {
        per_client_per_minute: 100_000,
        ..Default::default()
    }
}

pub async fn spawn_app_on(
    backend: Backend,
    store_kind: StoreKind,
    settings: ApiSettings,
) -> TestApp {
    spawn_app_limited(backend, store_kind, settings, relaxed_login_limits()).await
}

pub async fn spawn_app_limited(
    backend: Backend,
    store_kind: StoreKind,
    settings: ApiSettings,
    limits: tgpl_domain::auth::LoginLimits,
) -> TestApp {
    spawn_app_mailing(backend, store_kind, settings, limits, None).await
}

/// A test app that mails its notices to a real SMTP server started for it.
pub async fn spawn_app_with_smtp(backend: Backend) -> TestApp {
    let sink = SmtpSink::start();
    let mailer = tgpl_app::notify::mail::SmtpMailer::new(
        &format!("smtp://127.0.0.1:{}", sink.port),
        "Hệ thống TGPL <no-reply@tgpl.example>",
    )
    .expect("mailer");
    let mut app = spawn_app_mailing(
        backend,
        StoreKind::Local,
        ApiSettings::default(),
        relaxed_login_limits(),
        Some(Arc::new(mailer)),
    )
    .await;
    app.smtp = Some(sink);
    app
}

pub async fn spawn_app_mailing(
    backend: Backend,
    store_kind: StoreKind,
    settings: ApiSettings,
    limits: tgpl_domain::auth::LoginLimits,
    mailer: Option<Arc<dyn tgpl_app::notify::mail::Mailer>>,
) -> TestApp {
    // Server-side errors show up in the output of the failing test.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("warn,tgpl_api=warn"))
        .with_test_writer()
        .try_init();
    let url = match backend {
        // A file, as in production (an in-memory database vanishes whenever
        // the pool replaces its connection).
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join("tgpl-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            let file = dir.join(format!(
                "{}-{}.db",
                std::process::id(),
                DB_COUNTER.fetch_add(1, Ordering::SeqCst)
            ));
            format!("sqlite://{}?mode=rwc", file.display())
        }
        Backend::Postgres => postgres_url().await,
    };
    let db = Db::connect(&url).await.expect("connect and migrate");
    let hash = tgpl_app::auth::password::hash(DEMO_PASSWORD.to_owned())
        .await
        .expect("hash");
    let units = seed::seed_demo(&db, &hash).await.expect("seed demo data");
    let (store, store_dir, s3) = open_store(store_kind).await;
    // "Today" is set, never the machine's date: Monday 16 November 2026,
    // 09:00 in Vietnam.
    let clock = Arc::new(TestClock::at(TEST_NOW));
    let mut app = tgpl_app::App::new(db, store, JwtKeys::generate().expect("key"))
        .with_clock(clock.clone())
        .with_login_limits(limits);
    if let Some(m) = mailer {
        app = app.with_mailer(m);
    }
    let state = AppState::of(app, settings);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let server = tgpl_server::build_server(state.clone(), listener, 1).expect("server");
    tokio::spawn(server);
    TestApp {
        database_url: url,
        base: format!("http://127.0.0.1:{port}"),
        client: reqwest::Client::new(),
        state,
        units,
        backend,
        store_kind,
        store_dir,
        s3,
        clock,
        smtp: None,
    }
}

/// A response reduced to what tests look at.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// The problem `code` of an error response.
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }

    /// The `(field, code)` of each field error of a 422, in order.
    pub fn field_codes(&self) -> Vec<(String, String)> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| {
                        let text = |k: &str| e[k].as_str().unwrap_or("").to_owned();
                        (text("field"), text("code"))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn etag(&self) -> String {
        self.headers
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    }

    pub fn content_type(&self) -> String {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    }

    #[track_caller]
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.body
        );
        self
    }

    /// Asserts an RFC 7807 problem with this status and code.
    #[track_caller]
    pub fn problem(self, status: u16, code: &str) -> Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.body
        );
        assert_eq!(
            self.content_type(),
            "application/problem+json",
            "body: {}",
            self.body
        );
        assert_eq!(self.code(), code, "body: {}", self.body);
        assert_eq!(self.body["status"].as_u64(), Some(status as u64));
        self
    }
}

/// Reads a response into a [`Reply`] (JSON body, or null).
/// Every problem any test meets carries codes of the catalogue
/// (`tgpl_api_model::error_codes`), so that the SPA can say it in the
/// user's language. With `TGPL_CODES_LOG=FILE` the missing codes are
/// appended to FILE instead (to fill the catalogue).
fn catalogued(body: &Value) {
    use tgpl_api_model::error_codes;
    let mut missing = Vec::new();
    if let Some(code) = body["code"].as_str()
        && error_codes::lookup(code).is_none()
    {
        missing.push(format!("problem {code} {}", body["detail"]));
    }
    for e in body["errors"].as_array().into_iter().flatten() {
        if let Some(code) = e["code"].as_str()
            && error_codes::lookup(code).is_none()
        {
            missing.push(format!("field {code} {}", e["message"]));
        }
    }
    if missing.is_empty() {
        return;
    }
    match std::env::var("TGPL_CODES_LOG") {
        Ok(path) => {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .expect("codes log");
            for m in missing {
                writeln!(f, "{m}").expect("codes log");
            }
        }
        Err(_) => panic!("error codes missing from tgpl_api_model::error_codes: {missing:?}"),
    }
}

pub async fn reply(res: reqwest::Response) -> Reply {
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.bytes().await.expect("body");
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let is_problem = headers
        .get(reqwest::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if is_problem {
        catalogued(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

impl TestApp {
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Reply {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.header("content-type", "application/json").body(b);
        }
        reply(req.send().await.expect("request")).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.send(Method::GET, path, Some(token), &[], None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Reply {
        self.send(
            Method::POST,
            path,
            token,
            &[],
            Some(body.to_string().into_bytes()),
        )
        .await
    }

    pub async fn patch(&self, path: &str, token: &str, if_match: &str, body: &Value) -> Reply {
        self.send(
            Method::PATCH,
            path,
            Some(token),
            &[("if-match", if_match)],
            Some(body.to_string().into_bytes()),
        )
        .await
    }

    /// A PUT of a JSON body (records with natural keys: reference data).
    pub async fn put(&self, path: &str, token: &str, body: &Value) -> Reply {
        self.send(
            Method::PUT,
            path,
            Some(token),
            &[],
            Some(body.to_string().into_bytes()),
        )
        .await
    }

    /// Logs a demo account in; returns the token response.
    pub async fn login_full(&self, username: &str) -> Value {
        let r = self
            .post(
                "/api/v1/auth/login",
                None,
                &serde_json::json!({"username": username, "password": DEMO_PASSWORD}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "login {username}: {}", r.body);
        r.body
    }

    pub async fn login(&self, username: &str) -> String {
        self.login_full(username).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// A record's audit trail, newest first, as the national admin reads it.
    pub async fn audit_trail(&self, entity: &str, record: &Value) -> Vec<Value> {
        let admin = self.login("admin").await;
        let id = record["id"].as_str().expect("the record has an id");
        self.get(
            &format!("/api/v1/audit-events?entity={entity}&entity_id={id}&limit=100"),
            &admin,
        )
        .await
        .expect(200)
        .body["items"]
            .as_array()
            .expect("a page of events")
            .clone()
    }

    /// The actions of a record's audit trail, newest first.
    pub async fn audit_actions(&self, entity: &str, record: &Value) -> Vec<String> {
        self.audit_trail(entity, record)
            .await
            .iter()
            .map(|e| e["action"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// The first practitioner a list query returns.
    pub async fn first_practitioner(&self, token: &str, query: &str) -> Value {
        let r = self
            .get(&format!("/api/v1/practitioners?{query}"), token)
            .await
            .expect(200);
        r.body["items"][0].clone()
    }

    /// The id of a demo account.
    pub async fn user_id(&self, username: &str) -> uuid::Uuid {
        let (u, _) = tgpl_db::users::find_by_username(&self.state.db.conn, username)
            .await
            .unwrap()
            .unwrap();
        u.id
    }
}
