//! Thin handlers: extract → call a service → map to DTO.
pub mod audit;
pub mod auth;
pub mod cases;
pub mod complaints;
pub mod documents;
pub mod evaluations;
pub mod events;
pub mod health;
pub mod hotline;
pub mod imports;
pub mod intake;
pub mod notifications;
pub mod organisations;
pub mod practitioners;
pub mod privacy;
pub mod public;
pub mod reference;
pub mod reports;
pub mod users;

use crate::extract::etag;
use actix_web::HttpResponse;
use serde::Serialize;

/// 200 with the record's version as `ETag`.
pub fn versioned<T: Serialize>(version: i32, body: T) -> HttpResponse {
    HttpResponse::Ok().insert_header(etag(version)).json(body)
}

/// 201 with `ETag` and `Location`.
pub fn created<T: Serialize>(location: String, version: i32, body: T) -> HttpResponse {
    HttpResponse::Created()
        .insert_header(etag(version))
        .insert_header((actix_web::http::header::LOCATION, location))
        .json(body)
}
