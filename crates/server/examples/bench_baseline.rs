//! Benchmark baseline: the same practitioner read as
//! `GET /api/v1/practitioners/{id}`, but a bare sea-orm find-by-id behind
//! actix-web with no authentication, policy or middleware. `scripts/bench.sh`
//! runs both against the same database (BENCHMARKS.md).
#![allow(clippy::print_stdout, clippy::expect_used, clippy::unwrap_used)]

use actix_web::{App, HttpResponse, HttpServer, get, web};
use tgpl_db::Db;
use uuid::Uuid;

#[get("/raw/practitioners/{id}")]
async fn raw(db: web::Data<Db>, id: web::Path<Uuid>) -> HttpResponse {
    match tgpl_db::practitioners::get(db.read(), *id).await {
        Ok(p) => HttpResponse::Ok().json(p),
        Err(_) => HttpResponse::NotFound().finish(),
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let url = std::env::var("TGPL_DATABASE_URL").expect("TGPL_DATABASE_URL");
    let listen = std::env::var("TGPL_LISTEN").unwrap_or_else(|_| "127.0.0.1:8091".into());
    let db = Db::connect(&url).await.expect("database");
    println!("baseline listening on {listen}");
    HttpServer::new(move || App::new().app_data(web::Data::new(db.clone())).service(raw))
        .bind(listen)?
        .run()
        .await
}
