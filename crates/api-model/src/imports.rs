//! Imports from the old system (issue #15): a run's state and progress, and
//! the rows it refused. The file travels as multipart/form-data or a raw body.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tgpl_domain::import::{ImportKind, ImportRun, ImportStatus, RowProblem};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// One run over one file.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportDto {
    pub id: Uuid,
    pub kind: ImportKind,
    /// The register's Vietnamese name.
    pub kind_label: String,
    pub file_name: String,
    /// `csv` or `xlsx`.
    pub format: String,
    /// Lowercase hex SHA-256 of the file.
    pub sha256: String,
    /// Checked every row, wrote nothing but this report.
    pub dry_run: bool,
    /// A mapping other than the default one was used.
    pub custom_mapping: bool,
    pub status: ImportStatus,
    /// Data rows in the file (known once reading starts).
    pub total_rows: Option<i32>,
    /// Rows handled so far, in file order.
    pub processed_rows: i32,
    /// Added (a dry run: would be added).
    pub inserted: i32,
    /// Already imported and changed since (a dry run: would be updated).
    pub updated: i32,
    /// Already imported as they are.
    pub unchanged: i32,
    /// Refused: each with its reasons in `/imports/{id}/problems`.
    pub rejected: i32,
    /// Why the run stopped, when it failed.
    pub error: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The refused rows as CSV.
    pub problems_csv_url: String,
}

impl From<ImportRun> for ImportDto {
    fn from(r: ImportRun) -> Self {
        Self {
            problems_csv_url: format!("/api/v1/imports/{}/problems.csv", r.id),
            id: r.id,
            kind: r.kind,
            kind_label: r.kind.label_vi().to_owned(),
            file_name: r.file_name,
            format: r.format,
            sha256: r.sha256,
            dry_run: r.dry_run,
            custom_mapping: r.mapping.is_some(),
            status: r.status,
            total_rows: r.total_rows,
            processed_rows: r.processed_rows,
            inserted: r.inserted,
            updated: r.updated,
            unchanged: r.unchanged,
            rejected: r.rejected,
            error: r.error,
            created_by: r.created_by,
            created_at: r.created_at,
            updated_at: r.updated_at,
            finished_at: r.finished_at,
        }
    }
}

/// A refused row: where, which field, the value as written, and why.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportProblemDto {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: i32,
    /// The file's column (its header), where the field has one.
    pub column: String,
    /// The TGPL field (see the mapping), empty for the whole row.
    pub field: String,
    pub value: String,
    /// Stable code (`required`, `import.date_invalid`, `case.not_eligible`…).
    pub code: String,
    pub message: String,
    /// The reason in Vietnamese where the code is known, else `message`.
    pub reason_vi: String,
}

impl From<RowProblem> for ImportProblemDto {
    fn from(p: RowProblem) -> Self {
        Self {
            reason_vi: p.reason().to_owned(),
            row: p.row,
            column: p.column,
            field: p.field,
            value: p.value,
            code: p.code,
            message: p.message,
        }
    }
}

/// Options of an import sent as a raw body (multipart sends them as fields).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// organisations, practitioners or cases.
    pub kind: Option<String>,
    /// `true`: check every row, write nothing.
    pub dry_run: Option<bool>,
    /// The file name (raw-body uploads): `.csv` or `.xlsx`.
    pub filename: Option<String>,
}

/// The multipart/form-data form (fields in this order, the file last).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportForm {
    pub kind: ImportKind,
    /// `true`: check every row, write nothing.
    pub dry_run: Option<bool>,
    /// A column mapping (TOML) instead of the default one.
    pub mapping: Option<String>,
    /// The old system's export, `.csv` or `.xlsx`.
    #[schema(value_type = String, format = Binary)]
    pub file: String,
}

/// Paging of the refused rows.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProblemsQuery {
    pub after: Option<String>,
    /// 1–1000, default 200.
    pub limit: Option<u64>,
}
