//! The whole case file as one ZIP, for archiving and for handing over
//! (issue #15 item 2, Circular 12/2018 on case files):
//! - `ho-so.html`: the case file as a self-contained page;
//! - `tai-lieu/NN-<name>`: every document still in the file, as uploaded;
//! - `manifest.json`: the case, who exported it and when, and each file's
//!   size and SHA-256 (withdrawn documents listed without content);
//! - `SHA256SUMS`: the same sums for `sha256sum -c`.
//!
//! Every document is checked against the size and SHA-256 recorded when it
//! was stored, while it is copied: a damaged object fails the export rather
//! than hand over a wrong paper. The archive is built in a temporary file
//! (constant memory) and streamed from it. Only those who may open the
//! documents may export it; it is audited as a read of the case and of
//! each document.
mod html;

use super::cases::audit_read;
use super::documents::store_error;
use crate::error::AppError;
use crate::{App, Caller};
use futures_util::StreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::{Seek, Write};
use tgpl_db::PageRequest;
use tgpl_db::audit::Change;
use tgpl_domain::case::document::Document;
use tgpl_domain::policy::Action;
use uuid::Uuid;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The manifest's format name, for readers of old archives.
pub const FORMAT: &str = "tgpl-case-file-1";

/// What names the page shows instead of ids.
pub(crate) struct Names {
    organisation: String,
    practitioners: HashMap<Uuid, String>,
    users: HashMap<Uuid, String>,
}

/// One file of the archive and its checksum.
#[derive(Debug, Serialize)]
struct Entry {
    path: String,
    size: u64,
    sha256: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    document_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct Withdrawn {
    document_id: Uuid,
    filename: String,
    sha256: String,
    removed_at: Option<chrono::DateTime<chrono::Utc>>,
    reason: Option<String>,
}

#[derive(Debug, Serialize)]
struct Manifest<'a> {
    format: &'static str,
    case_id: Uuid,
    code: Option<String>,
    status: &'static str,
    exported_at: chrono::DateTime<chrono::Utc>,
    exported_by: &'a str,
    files: &'a [Entry],
    withdrawn_documents: Vec<Withdrawn>,
}

/// The archive, ready to stream.
pub struct Archive {
    pub file: std::fs::File,
    /// `ho-so-TT.TV.01.2026.zip`.
    pub name: String,
}

fn zip_error(e: zip::result::ZipError) -> AppError {
    AppError::Internal(format!("zip: {e}"))
}

fn io_error(e: std::io::Error) -> AppError {
    AppError::Internal(format!("archive: {e}"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A name safe inside the archive: no directories, no control characters.
fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if trimmed.is_empty() {
        "tai-lieu".to_owned()
    } else {
        trimmed.chars().take(120).collect()
    }
}

/// Every document of the case, withdrawn ones included, oldest first.
async fn documents(app: &App, case_id: Uuid) -> Result<Vec<Document>, AppError> {
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let request = PageRequest {
            after,
            keys: None,
            limit: tgpl_db::page::MAX_LIMIT,
        };
        let page = tgpl_db::documents::of_case(app.db.read(), case_id, true, None, request).await?;
        after = page.items.last().map(|d| d.id);
        all.extend(page.items);
        if page.next.is_none() {
            return Ok(all);
        }
    }
}

/// Writes one entry and returns its checksum.
fn put(
    zip: &mut ZipWriter<std::fs::File>,
    path: &str,
    bytes: &[u8],
    options: SimpleFileOptions,
) -> Result<Entry, AppError> {
    zip.start_file(path, options).map_err(zip_error)?;
    zip.write_all(bytes).map_err(io_error)?;
    Ok(Entry {
        path: path.to_owned(),
        size: bytes.len() as u64,
        sha256: hex(&Sha256::digest(bytes)),
        document_id: None,
        kind: None,
    })
}

/// Copies one document from the store into the archive, checking it
/// against what was recorded when it was stored.
async fn copy_document(
    app: &App,
    zip: &mut ZipWriter<std::fs::File>,
    path: &str,
    doc: &Document,
) -> Result<Entry, AppError> {
    let object = app
        .store
        .get(&doc.storage_key, None)
        .await
        .map_err(store_error)?;
    let options = SimpleFileOptions::default()
        // Papers are PDFs and photos: already compressed.
        .compression_method(CompressionMethod::Stored)
        .large_file(doc.size >= u64::from(u32::MAX));
    zip.start_file(path, options).map_err(zip_error)?;
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut body = object.body;
    while let Some(chunk) = body.next().await {
        let chunk = chunk
            .map_err(|e| AppError::StoreUnavailable(format!("reading document {}: {e}", doc.id)))?;
        hasher.update(&chunk);
        size += chunk.len() as u64;
        zip.write_all(&chunk).map_err(io_error)?;
    }
    let sha256 = hex(&hasher.finalize());
    if size != doc.size || sha256 != doc.sha256 {
        return Err(AppError::Corrupted(format!(
            "document {} ({}) no longer matches what was stored: {size} bytes, SHA-256 {sha256}; recorded {} bytes, {}",
            doc.id, doc.filename, doc.size, doc.sha256
        )));
    }
    Ok(Entry {
        path: path.to_owned(),
        size,
        sha256,
        document_id: Some(doc.id),
        kind: Some(doc.kind.as_str()),
    })
}

/// Builds the archive of case `id` for the caller.
pub async fn export(app: &App, caller: &Caller, id: Uuid) -> Result<Archive, AppError> {
    // Reading the file authorizes the read and audits it.
    let view = super::cases::get(app, caller, id).await?;
    let case = &view.file.case;
    caller.authorize(Action::DownloadDocument, &case.scope(), "case")?;
    let conn = app.db.read();
    let notices = tgpl_db::cases::notices(conn, id).await?;
    let docs = documents(app, id).await?;
    audit_read(app, caller, case, "case.export_archive").await?;

    let practitioner_ids = view
        .file
        .assignments
        .iter()
        .map(|a| a.practitioner_id)
        .chain(view.file.hearings.iter().filter_map(|h| h.practitioner_id))
        .chain(case.practitioner_id);
    let user_ids = view
        .timeline
        .iter()
        .filter_map(|e| e.actor_id)
        .chain(view.file.activities.iter().filter_map(|a| a.recorded_by))
        .chain(std::iter::once(caller.actor.user_id));
    let names = Names {
        organisation: tgpl_db::organisations::names(conn, [case.organisation_id])
            .await?
            .remove(&case.organisation_id)
            .map(|u| u.name)
            .unwrap_or_default(),
        practitioners: tgpl_db::practitioners::names(conn, practitioner_ids).await?,
        users: tgpl_db::users::names(conn, user_ids).await?,
    };
    let exporter = names
        .users
        .get(&caller.actor.user_id)
        .cloned()
        .unwrap_or_default();
    let at = caller.at.now;

    let temp = tempfile::tempfile().map_err(io_error)?;
    let mut zip = ZipWriter::new(temp);
    let mut entries = Vec::new();
    let mut filed = Vec::new();
    let mut number = 0;
    for doc in &docs {
        if doc.removed_at.is_some() {
            filed.push(html::Filed { doc, path: None });
            continue;
        }
        number += 1;
        let path = format!("tai-lieu/{number:02}-{}", safe_name(&doc.filename));
        entries.push(copy_document(app, &mut zip, &path, doc).await?);
        filed.push(html::Filed {
            doc,
            path: Some(path),
        });
        app.db
            .reads_audit()
            .record(
                &caller.audit(),
                Change::<Document> {
                    action: "document.download",
                    entity: "document",
                    entity_id: doc.id,
                    scope: case.scope(),
                    before: None,
                    after: None,
                },
            )
            .await?;
    }
    let text = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let page = html::render(
        &view.file,
        &view.timeline,
        &notices,
        &filed,
        &names,
        (at, &exporter),
    );
    entries.insert(0, put(&mut zip, "ho-so.html", page.as_bytes(), text)?);
    let code = case.code.as_ref().map(ToString::to_string);
    let manifest = Manifest {
        format: FORMAT,
        case_id: id,
        code: code.clone(),
        status: case.status.as_str(),
        exported_at: at,
        exported_by: &exporter,
        files: &entries,
        withdrawn_documents: docs
            .iter()
            .filter(|d| d.removed_at.is_some())
            .map(|d| Withdrawn {
                document_id: d.id,
                filename: d.filename.clone(),
                sha256: d.sha256.clone(),
                removed_at: d.removed_at,
                reason: d.removal_reason.clone(),
            })
            .collect(),
    };
    let json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| AppError::Internal(format!("manifest: {e}")))?;
    let manifest_entry = put(&mut zip, "manifest.json", &json, text)?;
    let sums: String = entries
        .iter()
        .chain(std::iter::once(&manifest_entry))
        .map(|e| format!("{}  {}\n", e.sha256, e.path))
        .collect();
    put(&mut zip, "SHA256SUMS", sums.as_bytes(), text)?;
    let mut file = zip.finish().map_err(zip_error)?;
    file.rewind().map_err(io_error)?;
    let stem = code.unwrap_or_else(|| id.to_string());
    Ok(Archive {
        file,
        name: format!("ho-so-{}.zip", safe_name(&stem)),
    })
}

#[cfg(test)]
mod tests {
    use super::safe_name;

    #[test]
    fn a_file_name_cannot_leave_its_folder() {
        assert_eq!(safe_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_name("Đơn yêu cầu.pdf"), "Đơn yêu cầu.pdf");
        assert_eq!(safe_name(" .. "), "tai-lieu");
        assert_eq!(safe_name("a\\b:c\u{0}.pdf"), "a_b_c_.pdf");
    }
}
