//! Wiring of the `tgpl` binary: configuration, start-up, demo data. Tests
//! use [`build_server`] so they run the exact router the binary runs.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod config;
pub mod seed;
pub mod synthetic;

use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, dev::Server};
use std::net::TcpListener;
use tgpl_api::auth::JwtKeys;
use tgpl_api::{ApiSettings, AppState};
use tgpl_db::Db;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("database: {0}")]
    Db(#[from] tgpl_db::DbError),
    #[error(transparent)]
    Key(#[from] tgpl_api::auth::keys::KeyError),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

/// Connects, migrates, loads the signing key: everything `serve` needs.
pub async fn build_state(settings: &config::Settings) -> Result<AppState, StartError> {
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = Db::connect(&settings.database_url).await?;
    let keys = JwtKeys::load_or_create(&settings.jwt_key_file)?;
    let api = ApiSettings {
        json_limit: settings.json_limit,
        static_dir: Some(settings.static_dir.clone()),
    };
    Ok(AppState::new(db, keys, api))
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
