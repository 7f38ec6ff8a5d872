//! Runs of the import from the old system (issue #15): what is imported,
//! how far a run got, and the rows it refused with the reason.
use crate::ParseError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a file holds: one register per run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Organisations,
    Practitioners,
    Cases,
}

impl ImportKind {
    pub const ALL: [ImportKind; 3] = [
        ImportKind::Organisations,
        ImportKind::Practitioners,
        ImportKind::Cases,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Organisations => "organisations",
            ImportKind::Practitioners => "practitioners",
            ImportKind::Cases => "cases",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            ImportKind::Organisations => "Tổ chức thực hiện trợ giúp pháp lý",
            ImportKind::Practitioners => "Người thực hiện trợ giúp pháp lý",
            ImportKind::Cases => "Vụ việc trợ giúp pháp lý",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(
                    "import.kind_unknown",
                    format!("'{s}' is not organisations, practitioners or cases"),
                )
            })
    }
}

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// Waiting for the job runner.
    Queued,
    /// Being read; `processed_rows` grows as batches commit.
    Running,
    Done,
    /// Stopped on an error that is not a row's (an unreadable file).
    Failed,
}

impl ImportStatus {
    pub const ALL: [ImportStatus; 4] = [
        ImportStatus::Queued,
        ImportStatus::Running,
        ImportStatus::Done,
        ImportStatus::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportStatus::Queued => "queued",
            ImportStatus::Running => "running",
            ImportStatus::Done => "done",
            ImportStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| ParseError::new("import.status_unknown", format!("'{s}'")))
    }

    pub fn finished(self) -> bool {
        matches!(self, ImportStatus::Done | ImportStatus::Failed)
    }
}

/// One run over one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportRun {
    pub id: Uuid,
    pub kind: ImportKind,
    pub file_name: String,
    /// `csv` or `xlsx`.
    pub format: String,
    pub sha256: String,
    /// The uploaded file in the document store (runs started over the API).
    pub object_key: Option<String>,
    /// The column mapping (TOML) when not the default one.
    pub mapping: Option<String>,
    /// Validate every row, write nothing.
    pub dry_run: bool,
    pub status: ImportStatus,
    pub total_rows: Option<i32>,
    /// Data rows fully handled, in file order: a resumed run starts after them.
    pub processed_rows: i32,
    pub inserted: i32,
    pub updated: i32,
    pub unchanged: i32,
    pub rejected: i32,
    pub error: Option<String>,
    pub created_by: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl ImportRun {
    /// Ends the run now with `status`.
    pub fn finish(&mut self, status: ImportStatus, at: DateTime<Utc>) {
        self.status = status;
        self.finished_at = Some(at);
        self.updated_at = at;
    }
}

/// A row the import refused: where, which field, the value, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// The row's number as a spreadsheet shows it (the header is row 1).
    pub row: i32,
    pub field: String,
    pub value: String,
    pub code: String,
    pub message: String,
}
