//! Thin handlers: extract → call a service → map to DTO.
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod case_acts;
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
pub mod persons;
pub mod practitioners;
pub mod privacy;
pub mod public;
pub mod reference;
pub mod reports;
pub mod saved_views;
pub mod users;
pub mod webhooks;

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

/// 200 with a list as a file: CSV streamed page by page, or XLSX written
/// to a temporary file and streamed from it.
pub async fn exported(
    export: tgpl_app::service::export::Export,
    format: &str,
) -> Result<HttpResponse, crate::error::ApiError> {
    use crate::error::ApiError;
    use futures_util::StreamExt;
    use tgpl_app::service::export::Format;
    let format = Format::parse(format)?;
    let mut response = HttpResponse::Ok();
    response.content_type(format.content_type()).insert_header((
        actix_web::http::header::CONTENT_DISPOSITION,
        format!("attachment; filename=\"{}\"", export.file_name(format)),
    ));
    Ok(match format {
        Format::Csv => response.streaming(export.csv().await?.map(|r| r.map_err(ApiError))),
        Format::Xlsx => response.streaming(tgpl_storage::files::stream_of(export.xlsx().await?)),
    })
}

/// A list's count as the wire says it.
pub fn total_of(t: Option<tgpl_db::Total>) -> Option<tgpl_api_model::Total> {
    t.map(|t| tgpl_api_model::Total {
        count: t.count,
        exact: t.exact,
    })
}
