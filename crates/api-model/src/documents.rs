//! Documents of a case file: metadata on the wire; the bytes travel as
//! multipart/form-data or a raw body, never inside JSON.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tgpl_domain::case::document::{CaseStep, Document, DocumentKind};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// A document of a case file.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DocumentDto {
    pub id: Uuid,
    pub case_id: Uuid,
    pub kind: DocumentKind,
    /// The kind's Vietnamese label.
    pub kind_label: String,
    pub step: CaseStep,
    pub filename: String,
    /// The checked media type.
    pub media_type: String,
    /// Size in bytes.
    pub size: u64,
    /// Lowercase hex SHA-256 of the content (also the download's ETag).
    pub sha256: String,
    pub uploaded_by: Option<Uuid>,
    pub uploaded_at: DateTime<Utc>,
    /// Removed documents stay on file, marked.
    pub removed: bool,
    pub removed_at: Option<DateTime<Utc>>,
    pub removed_by: Option<Uuid>,
    pub removal_reason: Option<String>,
    pub version: i32,
    /// Where to download the content.
    pub content_url: String,
}

impl From<Document> for DocumentDto {
    fn from(d: Document) -> Self {
        Self {
            content_url: format!("/api/v1/cases/{}/documents/{}/content", d.case_id, d.id),
            id: d.id,
            case_id: d.case_id,
            kind: d.kind,
            kind_label: d.kind.label_vi().to_owned(),
            step: d.step,
            filename: d.filename,
            media_type: d.media_type,
            size: d.size,
            sha256: d.sha256,
            uploaded_by: d.uploaded_by,
            uploaded_at: d.uploaded_at,
            removed: d.removed_at.is_some(),
            removed_at: d.removed_at,
            removed_by: d.removed_by,
            removal_reason: d.removal_reason,
            version: d.version,
        }
    }
}

/// Query parameters of `GET /cases/{id}/documents`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DocumentQuery {
    pub kind: Option<DocumentKind>,
    /// Also list removed documents.
    pub include_removed: Option<bool>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}

/// Query parameters of an upload. With multipart/form-data the same values
/// may come as form fields before the `file` part; with a raw body they
/// come here, and `filename` is required.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct UploadQuery {
    /// The document's kind from the case-file list.
    pub kind: Option<String>,
    /// The case step it belongs to; defaults to the case's current step.
    pub step: Option<String>,
    /// The file name (raw-body uploads).
    pub filename: Option<String>,
}

/// The multipart/form-data upload form. Fields sent before the `file` part
/// are checked before a byte is stored; fields after it are accepted too
/// (the file is then kept only if they are right).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UploadForm {
    pub kind: DocumentKind,
    pub step: Option<CaseStep>,
    /// Lowercase hex SHA-256 the client computed; a mismatch is refused.
    pub checksum_sha256: Option<String>,
    /// The file itself (last part).
    #[schema(value_type = String, format = Binary)]
    pub file: String,
}

/// Withdraw a document from the file (soft delete, audited).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RemoveDocument {
    /// Expected version (or send `If-Match`).
    pub version: Option<i32>,
    /// Why it is withdrawn (kept in the audit trail).
    #[validate(length(min = 3, max = 1000))]
    pub reason: String,
}
