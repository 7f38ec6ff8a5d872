//! Benchmark baselines, served next to a real `tgpl serve` on the same
//! database (`scripts/bench.sh`, `scripts/bench-cases.sh`, BENCHMARKS.md):
//!
//! - on `TGPL_LISTEN` (default 127.0.0.1:8091), bare reads behind actix-web
//!   with no authentication, policy, masking, audit or middleware: the
//!   practitioner record (`/raw/practitioners/{id}`) and the case file with
//!   its timeline (`/raw/cases/{id}`, the same two statements as
//!   `GET /api/v1/cases/{id}`);
//! - on `UNAUDITED_LISTEN` (if set), the whole API with reads of personal
//!   data left unlogged, to measure what read auditing costs. It signs and
//!   checks tokens with `TGPL_JWT_KEY_FILE`, so the real server's tokens work.
#![allow(clippy::print_stdout, clippy::expect_used, clippy::unwrap_used)]

use actix_web::{App, HttpResponse, HttpServer, get, web};
use serde_json::json;
use tgpl_db::Db;
use uuid::Uuid;

#[get("/raw/practitioners/{id}")]
async fn raw_practitioner(db: web::Data<Db>, id: web::Path<Uuid>) -> HttpResponse {
    match tgpl_db::practitioners::get(db.read(), *id).await {
        Ok(p) => HttpResponse::Ok().json(p),
        Err(_) => HttpResponse::NotFound().finish(),
    }
}

#[get("/raw/cases/{id}")]
async fn raw_case(db: web::Data<Db>, id: web::Path<Uuid>) -> HttpResponse {
    let Ok(file) = tgpl_db::case_file::read(db.read(), *id).await else {
        return HttpResponse::NotFound().finish();
    };
    let Ok(timeline) = tgpl_db::events::of_case(db.read(), *id).await else {
        return HttpResponse::InternalServerError().finish();
    };
    HttpResponse::Ok().json(json!({
        "case": &*file.case,
        "assignments": file.assignments,
        "activities": file.activities,
        "hearings": file.hearings,
        "timeline": timeline.len(),
    }))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let url = std::env::var("TGPL_DATABASE_URL").expect("TGPL_DATABASE_URL");
    let listen = std::env::var("TGPL_LISTEN").unwrap_or_else(|_| "127.0.0.1:8091".into());
    let db = Db::connect(&url).await.expect("database");
    if let Ok(unaudited) = std::env::var("UNAUDITED_LISTEN") {
        let key = std::env::var("TGPL_JWT_KEY_FILE").expect("TGPL_JWT_KEY_FILE");
        let keys = tgpl_app::auth::JwtKeys::load_or_create(std::path::Path::new(&key))
            .expect("signing key");
        let store = tgpl_storage::LocalStore::open(std::env::temp_dir().join("tgpl-bench-objects"))
            .await
            .expect("store");
        let app = tgpl_app::App::new(
            db.clone().without_read_audit_for_benchmarks(),
            std::sync::Arc::new(store),
            keys,
        );
        // Compared with `tgpl serve` run with TGPL_RATE_LIMIT=off: no limits.
        let settings = tgpl_api::ApiSettings {
            rate_limits: tgpl_api::rate_limit::RateLimitSettings {
                per_credential: None,
                per_address: None,
            },
            ..tgpl_api::ApiSettings::default()
        };
        let state = tgpl_api::AppState::of(app, settings);
        let listener = std::net::TcpListener::bind(&unaudited)?;
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let server = tgpl_server::build_server(state, listener, workers)?;
        println!("API without read auditing on {unaudited}");
        tokio::spawn(server);
    }
    println!("baseline listening on {listen}");
    HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(db.clone()))
            .service(raw_practitioner)
            .service(raw_case)
    })
    .bind(listen)?
    .run()
    .await
}
