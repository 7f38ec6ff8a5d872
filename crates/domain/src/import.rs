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
    /// The file's column (its header), where the field has one.
    pub column: String,
    pub field: String,
    pub value: String,
    pub code: String,
    pub message: String,
}

/// The reason of a refused row in Vietnamese, by its code (the report and
/// the web app show it; the API's `message` stays in English).
pub fn reason_vi(code: &str) -> Option<&'static str> {
    Some(match code {
        "required" => "Thiếu giá trị bắt buộc",
        "import.date_invalid" => "Ngày không hợp lệ (viết như 05/03/2019 hoặc 2019-03-05)",
        "import.number_invalid" => "Không phải số nguyên",
        "import.value_unknown" => {
            "Giá trị không có trong danh mục (bổ sung vào mục [values] của bảng ánh xạ cột)"
        }
        "import.reference_unknown" => {
            "Mã chưa được nhập: nhập tổ chức, rồi người thực hiện, rồi vụ việc"
        }
        "import.duplicate_legacy_id" => "Trùng mã với một dòng trước trong tệp",
        "import.code_taken" => "Mã vụ việc đã được cấp cho vụ việc khác của tỉnh",
        "import.register_number_taken" => {
            "Số thụ lý này đã được cấp cho vụ việc khác trong sổ thụ lý năm đó của tổ chức"
        }
        "import.code_year_mismatch" => "Năm trong mã vụ việc khác năm thụ lý",
        "import.code_form_mismatch" => {
            "Ký hiệu hình thức trong mã vụ việc khác hình thức trợ giúp pháp lý"
        }
        "import.code_not_registered" => "Chỉ vụ việc đã thụ lý mới có mã vụ việc",
        "import.date_order" => "Các ngày không theo thứ tự: yêu cầu, thụ lý, kết thúc",
        "in_future" => "Ngày chưa đến",
        "import.status_not_importable" => {
            "Yêu cầu chờ bổ sung được nhập với trạng thái đã tiếp nhận"
        }
        "import.success_not_concluded" => "Chỉ vụ việc đã kết thúc mới được đánh giá thành công",
        "import.sex_invalid" => "Giới tính phải là Nam hoặc Nữ",
        "case.not_eligible" => {
            "Không thuộc diện được trợ giúp pháp lý vào ngày yêu cầu: chỉ có thể từ chối thụ lý (Điều 30 Luật Trợ giúp pháp lý)"
        }
        "case.code_invalid" => "Mã vụ việc không đúng dạng (ví dụ TT.TV.07.2019)",
        "eligibility.unknown_category" => {
            "Diện người được trợ giúp pháp lý không có trong danh mục"
        }
        "case.success_criterion_unknown" | "case.success_criterion_wrong_group" => {
            "Tiêu chí vụ việc thành công không đúng (Quyết định 1179/QĐ-BTP)"
        }
        "organisation.abbreviation_invalid" => {
            "Tên viết tắt chỉ gồm chữ in hoa và số, bắt đầu bằng chữ"
        }
        "organisation.abbreviation_taken" => "Tên viết tắt đã được tổ chức khác của tỉnh dùng",
        "organisation.parent_required" | "organisation.wrong_parent_kind" => {
            "Tổ chức cấp trên không đúng hoặc không xác định được"
        }
        "organisation.province_mismatch" => "Tổ chức cấp trên thuộc tỉnh khác",
        "organisation.parent_inactive" => "Tổ chức cấp trên đã ngừng hoạt động",
        "practitioner.card_number_invalid" => "Số thẻ không hợp lệ",
        "practitioner.card_number_taken" => "Số thẻ đã thuộc người thực hiện khác",
        "practitioner.wrong_organisation" => "Loại người thực hiện không thuộc loại tổ chức này",
        "practitioner.contract_required" => "Thiếu ngày bắt đầu hợp đồng",
        "practitioner.contract_period_inverted" => "Hợp đồng kết thúc trước khi bắt đầu",
        "practitioner.organisation_inactive" => "Tổ chức đã ngừng hoạt động",
        "province.unknown" | "province.invalid" => "Mã tỉnh không đúng",
        "phone.invalid" => "Số điện thoại không hợp lệ",
        _ => return None,
    })
}

impl RowProblem {
    /// The reason as users read it: Vietnamese where the code is known.
    pub fn reason(&self) -> &str {
        reason_vi(&self.code).unwrap_or(&self.message)
    }
}
