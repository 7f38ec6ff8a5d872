//! Documents of the case file (hồ sơ vụ việc), DOMAIN §6 and Circular
//! 12/2018 Art. 15: what each paper is, which step of the case it belongs
//! to, and which file types the system accepts (checked on the content's
//! own magic bytes, not on what the client claims).
use crate::case::CaseState;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// One document in a case file. Removal is soft: the row and the object
/// stay, marked with who removed it and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    pub id: Uuid,
    pub case_id: Uuid,
    pub kind: DocumentKind,
    pub step: CaseStep,
    pub filename: String,
    /// The checked media type (`application/pdf`, …).
    pub media_type: String,
    pub size: u64,
    /// Lowercase hex SHA-256 of the content, computed while it was stored.
    pub sha256: String,
    /// Where the bytes live in the document store.
    #[serde(skip)]
    pub storage_key: String,
    pub uploaded_by: Option<Uuid>,
    pub uploaded_at: DateTime<Utc>,
    /// The client's `Idempotency-Key`: a retried upload returns this row.
    #[serde(skip)]
    pub idempotency_key: Option<String>,
    pub removed_at: Option<DateTime<Utc>>,
    pub removed_by: Option<Uuid>,
    pub removal_reason: Option<String>,
    pub version: i32,
}

/// What a document is, from the case-file list (Circular 12/2018 Art. 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The request (form 02-TP-TGPL) and the papers filed with it.
    RequestPapers,
    /// Proof of eligibility (Circular 08/2017 Art. 33).
    EligibilityProof,
    /// Decision assigning the practitioner.
    AssignmentDecision,
    /// Decision changing the practitioner (reassignment).
    ReassignmentDecision,
    /// The signed defence or protection submission.
    Submission,
    /// Procedural documents: indictment, judgment, decisions of the court.
    ProceduralDocument,
    /// A written notice: refusal, discontinuation, supplement request.
    Notice,
    /// The beneficiary's feedback form.
    FeedbackForm,
    /// Any other paper of the process.
    Other,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 9] = [
        Self::RequestPapers,
        Self::EligibilityProof,
        Self::AssignmentDecision,
        Self::ReassignmentDecision,
        Self::Submission,
        Self::ProceduralDocument,
        Self::Notice,
        Self::FeedbackForm,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::RequestPapers => "request_papers",
            Self::EligibilityProof => "eligibility_proof",
            Self::AssignmentDecision => "assignment_decision",
            Self::ReassignmentDecision => "reassignment_decision",
            Self::Submission => "submission",
            Self::ProceduralDocument => "procedural_document",
            Self::Notice => "notice",
            Self::FeedbackForm => "feedback_form",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The Vietnamese label used in the UI and reports.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::RequestPapers => "Đơn yêu cầu và giấy tờ kèm theo",
            Self::EligibilityProof => "Giấy tờ chứng minh diện người được TGPL",
            Self::AssignmentDecision => "Quyết định cử người thực hiện TGPL",
            Self::ReassignmentDecision => "Quyết định thay đổi người thực hiện TGPL",
            Self::Submission => "Bản luận cứ bào chữa / bảo vệ",
            Self::ProceduralDocument => "Văn bản tố tụng (cáo trạng, bản án…)",
            Self::Notice => "Văn bản thông báo",
            Self::FeedbackForm => "Phiếu lấy ý kiến người được TGPL",
            Self::Other => "Giấy tờ khác",
        }
    }
}

/// The step of the case a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseStep {
    Request,
    Acceptance,
    Assignment,
    Proceedings,
    Conclusion,
    Evaluation,
}

impl CaseStep {
    pub const ALL: [CaseStep; 6] = [
        Self::Request,
        Self::Acceptance,
        Self::Assignment,
        Self::Proceedings,
        Self::Conclusion,
        Self::Evaluation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Acceptance => "acceptance",
            Self::Assignment => "assignment",
            Self::Proceedings => "proceedings",
            Self::Conclusion => "conclusion",
            Self::Evaluation => "evaluation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The step a case is at, for documents uploaded without one.
    pub fn of_state(state: CaseState) -> Self {
        match state {
            CaseState::Received | CaseState::NeedsSupplement | CaseState::Refused => Self::Request,
            CaseState::Accepted => Self::Acceptance,
            CaseState::Assigned => Self::Assignment,
            CaseState::InProgress => Self::Proceedings,
            CaseState::Concluded | CaseState::Discontinued => Self::Conclusion,
            CaseState::Evaluated | CaseState::Archived => Self::Evaluation,
        }
    }
}

/// Whether the case file still takes documents: an archived file is closed.
pub fn accepts_documents(state: CaseState) -> bool {
    state != CaseState::Archived
}

/// The file types a case file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaType {
    Pdf,
    Jpeg,
    Png,
    Tiff,
    Webp,
    Docx,
    Xlsx,
    Odt,
    Ods,
    PlainText,
}

/// How a file's first bytes look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signature {
    Pdf,
    Jpeg,
    Png,
    Tiff,
    Webp,
    /// DOCX, XLSX, ODT and ODS are ZIP containers.
    Zip,
    Text,
}

impl MediaType {
    pub const ALL: [MediaType; 10] = [
        Self::Pdf,
        Self::Jpeg,
        Self::Png,
        Self::Tiff,
        Self::Webp,
        Self::Docx,
        Self::Xlsx,
        Self::Odt,
        Self::Ods,
        Self::PlainText,
    ];

    pub fn mime(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Tiff => "image/tiff",
            Self::Webp => "image/webp",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Odt => "application/vnd.oasis.opendocument.text",
            Self::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            Self::PlainText => "text/plain",
        }
    }

    /// A declared media type (parameters such as `; charset=utf-8` ignored).
    pub fn from_mime(declared: &str) -> Option<Self> {
        let essence = declared.split(';').next().unwrap_or("").trim();
        let essence = essence.to_ascii_lowercase();
        match essence.as_str() {
            "image/jpg" | "image/pjpeg" => Some(Self::Jpeg),
            _ => Self::ALL.into_iter().find(|m| m.mime() == essence),
        }
    }

    /// The type a file name suggests, for clients that send none.
    pub fn from_filename(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "pdf" => Self::Pdf,
            "jpg" | "jpeg" => Self::Jpeg,
            "png" => Self::Png,
            "tif" | "tiff" => Self::Tiff,
            "webp" => Self::Webp,
            "docx" => Self::Docx,
            "xlsx" => Self::Xlsx,
            "odt" => Self::Odt,
            "ods" => Self::Ods,
            "txt" => Self::PlainText,
            _ => return None,
        })
    }

    fn signature(self) -> Signature {
        match self {
            Self::Pdf => Signature::Pdf,
            Self::Jpeg => Signature::Jpeg,
            Self::Png => Signature::Png,
            Self::Tiff => Signature::Tiff,
            Self::Webp => Signature::Webp,
            Self::Docx | Self::Xlsx | Self::Odt | Self::Ods => Signature::Zip,
            Self::PlainText => Signature::Text,
        }
    }
}

impl fmt::Display for MediaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.mime())
    }
}

/// How many leading bytes [`content_matches`] needs to decide.
pub const SNIFF_LEN: usize = 512;

/// Whether a file's leading bytes are of the declared type. `head` is the
/// first [`SNIFF_LEN`] bytes (fewer only if the file is shorter).
pub fn content_matches(declared: MediaType, head: &[u8]) -> bool {
    match declared.signature() {
        Signature::Pdf => head.starts_with(b"%PDF-"),
        Signature::Jpeg => head.starts_with(&[0xFF, 0xD8, 0xFF]),
        Signature::Png => head.starts_with(b"\x89PNG\r\n\x1a\n"),
        Signature::Tiff => head.starts_with(b"II*\0") || head.starts_with(b"MM\0*"),
        Signature::Webp => head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP",
        Signature::Zip => head.starts_with(b"PK\x03\x04"),
        Signature::Text => looks_like_text(head),
    }
}

/// Plain text: UTF-8 (a character cut at the end of the sample is fine)
/// without NUL or other binary control bytes.
fn looks_like_text(head: &[u8]) -> bool {
    let valid = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && head.len() - e.valid_up_to() < 4,
    };
    valid
        && !head
            .iter()
            .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
}

/// Why a file name is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileNameError {
    #[error("the file name is empty")]
    Empty,
    #[error("the file name is longer than 255 characters")]
    TooLong,
}

/// A file name safe to store and to echo in `Content-Disposition`: the last
/// path segment only, control characters removed.
pub fn clean_filename(raw: &str) -> Result<String, FileNameError> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last.chars().filter(|c| !c.is_control()).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    if cleaned.is_empty() {
        return Err(FileNameError::Empty);
    }
    if cleaned.chars().count() > 255 {
        return Err(FileNameError::TooLong);
    }
    Ok(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types_are_checked_against_magic_bytes() {
        assert!(content_matches(MediaType::Pdf, b"%PDF-1.7\n..."));
        assert!(!content_matches(MediaType::Pdf, b"PK\x03\x04 a zip"));
        assert!(content_matches(MediaType::Docx, b"PK\x03\x04...."));
        assert!(content_matches(MediaType::Png, b"\x89PNG\r\n\x1a\n...."));
        assert!(!content_matches(MediaType::Jpeg, b"\x89PNG\r\n\x1a\n"));
        assert!(content_matches(MediaType::Webp, b"RIFF\0\0\0\0WEBPVP8 "));
        assert!(!content_matches(MediaType::Webp, b"RIFF\0\0\0\0WAVE"));
        assert!(content_matches(
            MediaType::PlainText,
            "Biên bản làm việc\n".as_bytes()
        ));
        assert!(!content_matches(MediaType::PlainText, b"MZ\x90\0\x03\0"));
        assert!(!content_matches(MediaType::Pdf, b""));
    }

    #[test]
    fn text_cut_inside_a_multibyte_character_is_still_text() {
        let s = "Nguyễn".as_bytes();
        // "ễ" is three bytes: cut after its first byte.
        let cut = &s[..4];
        assert!(content_matches(MediaType::PlainText, cut));
        assert!(!content_matches(MediaType::PlainText, b"\xff\xfe\x00A"));
    }

    #[test]
    fn media_types_from_headers_and_names() {
        assert_eq!(
            MediaType::from_mime("application/PDF; x=1"),
            Some(MediaType::Pdf)
        );
        assert_eq!(MediaType::from_mime("image/jpg"), Some(MediaType::Jpeg));
        assert_eq!(MediaType::from_mime("application/x-msdownload"), None);
        assert_eq!(MediaType::from_filename("Bản án.PDF"), Some(MediaType::Pdf));
        assert_eq!(MediaType::from_filename("noext"), None);
        for m in MediaType::ALL {
            assert_eq!(MediaType::from_mime(m.mime()), Some(m));
        }
    }

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(
            clean_filename("C:\\Users\\a\\Đơn yêu cầu.pdf").as_deref(),
            Ok("Đơn yêu cầu.pdf")
        );
        assert_eq!(clean_filename("../../etc/passwd").as_deref(), Ok("passwd"));
        assert_eq!(clean_filename("a\r\nb.pdf").as_deref(), Ok("ab.pdf"));
        assert_eq!(clean_filename("  "), Err(FileNameError::Empty));
        assert_eq!(clean_filename("dir/"), Err(FileNameError::Empty));
        assert_eq!(
            clean_filename(&"a".repeat(256)),
            Err(FileNameError::TooLong)
        );
    }

    #[test]
    fn kinds_and_steps_round_trip() {
        for k in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(k.as_str()), Some(k));
            assert_eq!(
                serde_json::to_value(k).ok(),
                Some(serde_json::Value::String(k.as_str().into()))
            );
        }
        for s in CaseStep::ALL {
            assert_eq!(CaseStep::parse(s.as_str()), Some(s));
        }
        assert_eq!(
            CaseStep::of_state(CaseState::InProgress),
            CaseStep::Proceedings
        );
        assert!(!accepts_documents(CaseState::Archived));
        assert!(accepts_documents(CaseState::Concluded));
    }
}
