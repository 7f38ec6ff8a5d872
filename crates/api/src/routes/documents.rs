//! Documents of a case file: upload, list, metadata, download, removal.
use super::versioned;
use crate::download::{RangeAsk, content_disposition, parse_range};
use crate::error::{ApiError, AppError};
use crate::extract::{Caller, IfMatch, ValidJson};
use crate::state::AppState;
use crate::upload::receive;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use futures_util::StreamExt;
use tgpl_api_model::documents::{
    DocumentDto, DocumentQuery, RemoveDocument, UploadForm, UploadQuery,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::documents::{self as service, Want};
use tgpl_storage::VerifiedStream;
use uuid::Uuid;

/// Add a document to a case file. Send multipart/form-data (fields `kind`,
/// optional `step` and `checksum_sha256`, best before the `file` part) or the raw
/// file with `?kind=&filename=` and its `Content-Type`. The file is streamed
/// to the document store; the row is written once the bytes are safe. A
/// retry with the same `Idempotency-Key` answers 200 with the first upload.
#[utoipa::path(post, path = "/api/v1/cases/{id}/documents", tag = "documents",
    params(
        ("id" = Uuid, Path),
        UploadQuery,
        ("Idempotency-Key" = Option<String>, Header, description = "makes a retried upload safe"),
        ("X-Checksum-SHA256" = Option<String>, Header, description = "hex SHA-256 of the file; a mismatch is refused"),
    ),
    request_body(content(
        (UploadForm = "multipart/form-data"),
        (Vec<u8> = "application/pdf"),
        (Vec<u8> = "application/octet-stream"),
    )),
    responses(
        (status = 201, body = DocumentDto, headers(("ETag" = String), ("Location" = String))),
        (status = 200, description = "the same Idempotency-Key was used before: the first upload", body = DocumentDto),
        (status = 400, description = "truncated or malformed upload", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "the case file is archived", body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "document store unavailable; retry after the given seconds", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["documents:write"])))]
#[post("/cases/{id}/documents")]
pub async fn upload(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    q: web::Query<UploadQuery>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let (doc, created) = receive(&state, &caller, *id, &req, payload, q.into_inner()).await?;
    let location = format!("/api/v1/cases/{}/documents/{}", doc.case_id, doc.id);
    let mut res = if created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(res
        .insert_header(crate::extract::etag(doc.version))
        .insert_header((header::LOCATION, location))
        .json(DocumentDto::from(doc)))
}

/// The documents of a case file, in upload order.
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents", tag = "documents",
    params(("id" = Uuid, Path), DocumentQuery),
    responses((status = 200, body = Page<DocumentDto>), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["documents:read"])))]
#[get("/cases/{id}/documents")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    q: web::Query<DocumentQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = service::list(&state, &caller, *id, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(DocumentDto::from).collect(),
        next: page.next,
        total: super::total_of(page.total),
    }))
}

/// A document's metadata.
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents/{document_id}", tag = "documents",
    params(("id" = Uuid, Path), ("document_id" = Uuid, Path)),
    responses((status = 200, body = DocumentDto, headers(("ETag" = String))), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["documents:read"])))]
#[get("/cases/{id}/documents/{document_id}")]
pub async fn read(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (case_id, id) = path.into_inner();
    let doc = service::get(&state, &caller, case_id, id).await?;
    Ok(versioned(doc.version, DocumentDto::from(doc)))
}

/// Download a document (streamed; `Range` requests give 206). The ETag is
/// the SHA-256. A whole download is checked against the SHA-256 on the way:
/// a damaged object ends in a broken transfer, never a wrong file.
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents/{document_id}/content", tag = "documents",
    params(("id" = Uuid, Path), ("document_id" = Uuid, Path),
        ("Range" = Option<String>, Header, description = "one range, e.g. bytes=0-1023"),
        ("If-None-Match" = Option<String>, Header)),
    responses(
        (status = 200, description = "the file", content_type = "application/octet-stream", body = Vec<u8>,
            headers(("ETag" = String), ("Content-Disposition" = String), ("Accept-Ranges" = String))),
        (status = 206, description = "the requested range", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 304, description = "unchanged (If-None-Match)"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 416, body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "the stored object is damaged", body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["documents:read"])))]
#[get("/cases/{id}/documents/{document_id}/content")]
pub async fn content(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let (case_id, id) = path.into_inner();
    let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
    let (if_none_match, range_header) = (header(header::IF_NONE_MATCH), header(header::RANGE));
    let (doc, opened) = service::open(&state, &caller, case_id, id, |doc| {
        let etag = format!("\"{}\"", doc.sha256);
        if if_none_match.is_some_and(|v| v.split(',').any(|t| t.trim() == etag)) {
            return Ok(Want::NotModified);
        }
        match parse_range(range_header, doc.size) {
            RangeAsk::Unsatisfiable => Err(AppError::RangeNotSatisfiable { size: doc.size }),
            RangeAsk::Part(r) => Ok(Want::Part(r)),
            RangeAsk::Whole => Ok(Want::Whole),
        }
    })
    .await?;
    let etag = format!("\"{}\"", doc.sha256);
    let Some((range, object)) = opened else {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .finish());
    };
    let mut res = match range {
        Some(r) => {
            let mut res = HttpResponse::PartialContent();
            res.insert_header((
                header::CONTENT_RANGE,
                format!("bytes {}-{}/{}", r.first, r.last, doc.size),
            ));
            res.no_chunking(r.len());
            res
        }
        None => {
            let mut res = HttpResponse::Ok();
            res.no_chunking(doc.size);
            res
        }
    };
    res.insert_header((header::CONTENT_TYPE, doc.media_type.clone()))
        .insert_header((header::ETAG, etag))
        .insert_header((header::ACCEPT_RANGES, "bytes"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            content_disposition(&doc.filename),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header(("x-content-type-options", "nosniff"))
        // Sent as stored: compressing would break ranges and cost CPU on PDFs.
        .insert_header(header::ContentEncoding::Identity);
    Ok(match range {
        Some(_) => res.streaming(object.body),
        None => res.streaming(VerifiedStream::new(object.body, doc.size, &doc.sha256).boxed()),
    })
}

/// Withdraw a document from the case file (kept and marked; audited).
#[utoipa::path(delete, path = "/api/v1/cases/{id}/documents/{document_id}", tag = "documents",
    params(("id" = Uuid, Path), ("document_id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    request_body = RemoveDocument,
    responses(
        (status = 200, body = DocumentDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 412, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["documents:write"])))]
#[delete("/cases/{id}/documents/{document_id}")]
pub async fn remove(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
    if_match: IfMatch,
    body: ValidJson<RemoveDocument>,
) -> Result<HttpResponse, ApiError> {
    let (case_id, id) = path.into_inner();
    let expected = if_match.expected(body.0.version)?;
    let doc = service::remove(&state, &caller, case_id, id, expected, &body.0.reason).await?;
    Ok(versioned(doc.version, DocumentDto::from(doc)))
}
