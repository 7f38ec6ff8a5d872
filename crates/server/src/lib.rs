//! Wiring of the `tgpl` binary: configuration, start-up, demo data. Tests
//! use [`build_server`] so they run the exact router the binary runs.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod backup;
pub mod config;
pub mod import;
pub use tgpl_app::maintenance;
pub mod seed;
pub mod synthetic;

use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, dev::Server};
use std::net::TcpListener;
use std::sync::Arc;
use tgpl_api::{ApiSettings, AppState};
use tgpl_app::auth::JwtKeys;
use tgpl_db::Db;
use tgpl_storage::{DocumentStore, LocalStore, S3Store};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("database: {0}")]
    Db(#[from] tgpl_db::DbError),
    #[error(transparent)]
    Key(#[from] tgpl_app::auth::keys::KeyError),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("document store: {0}")]
    Store(#[from] tgpl_storage::StoreError),
    #[error(transparent)]
    Mail(#[from] tgpl_app::notify::mail::MailError),
}

/// Opens the configured document store.
pub async fn open_store(
    settings: &config::Settings,
) -> Result<Arc<dyn DocumentStore>, tgpl_storage::StoreError> {
    Ok(match &settings.storage {
        config::Storage::Local { root } => Arc::new(LocalStore::open(root).await?),
        config::Storage::S3(s3) => {
            let store = S3Store::new(&s3.to_config());
            store.ensure_bucket().await?;
            Arc::new(store)
        }
    })
}

/// Connects, migrates, loads the signing key: everything `serve` needs.
pub async fn build_state(settings: &config::Settings) -> Result<AppState, StartError> {
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = Db::connect_with(
        &settings.database_url,
        settings.db_pool_size.unwrap_or(tgpl_db::DEFAULT_POOL_SIZE),
    )
    .await?;
    let keys = JwtKeys::load_or_create(&settings.jwt_key_file)?;
    let store = open_store(settings).await?;
    let api = ApiSettings {
        json_limit: settings.json_limit,
        static_dir: Some(settings.static_dir.clone()),
        max_upload_bytes: settings.max_upload_bytes,
        https: settings.tls,
        trusted_proxies: settings.trusted_proxies.clone(),
        cors_origins: settings.cors_origins.clone(),
        rate_limits: settings.rate_limits,
    };
    // The scope each operation needs from an API key, read from the spec
    // now rather than on the first key's request.
    tgpl_api::key_scopes::load();
    let mut app = tgpl_app::App::new(db, store, keys)
        .with_second_factor_grace(chrono::Duration::days(i64::from(settings.mfa_grace_days)));
    if let Some(url) = &settings.smtp_url {
        let mailer = tgpl_app::notify::mail::SmtpMailer::new(url, &settings.mail_from)?;
        app = app.with_mailer(Arc::new(mailer));
    }
    Ok(AppState::of(app, api))
}

/// `/metrics` (Prometheus) on a listener of its own (`TGPL_METRICS_LISTEN`).
pub fn build_metrics_server(state: AppState, listener: TcpListener) -> std::io::Result<Server> {
    let server = HttpServer::new(move || {
        App::new()
            .app_data(actix_web::web::Data::new(state.clone()))
            .service(tgpl_api::metrics::metrics)
    })
    .workers(1)
    .listen(listener)?
    .run();
    Ok(server)
}

/// The HTTP server on an already-bound listener.
pub fn build_server(
    state: AppState,
    listener: TcpListener,
    workers: usize,
) -> std::io::Result<Server> {
    let server = HttpServer::new(move || {
        App::new()
            .wrap(Compress::default())
            .wrap(from_fn(tgpl_api::request_id_middleware))
            .configure(tgpl_api::configure(state.clone()))
    })
    .workers(workers)
    .listen(listener)?
    .run();
    Ok(server)
}
