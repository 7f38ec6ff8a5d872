//! Leadership dashboards: aggregates only, never personal data.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tgpl_domain::case::{FieldOfLaw, FormOfAid};
use utoipa::ToSchema;
use uuid::Uuid;

/// Query parameters of `GET /reports/case-summary`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CaseSummaryQuery {
    pub organisation_id: Option<Uuid>,
    /// Two-digit province code.
    pub province: Option<String>,
    pub practitioner_id: Option<Uuid>,
    pub form_of_aid: Option<FormOfAid>,
    pub field_of_law: Option<FieldOfLaw>,
    /// Requests received on or after this day.
    pub requested_from: Option<NaiveDate>,
    pub requested_to: Option<NaiveDate>,
}

/// One bar of a chart: a code, its Vietnamese label and a count.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountDto {
    pub key: String,
    pub label: String,
    pub count: u64,
}

/// Data completeness of one unit's case files.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UnitCompletenessDto {
    pub organisation_id: Uuid,
    pub organisation_name: String,
    pub cases: u64,
    /// Files holding every item their state requires.
    pub complete: u64,
    /// Mean completeness score, 0–100.
    pub average_score: f64,
}

/// Cases in the caller's scope, counted.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CaseSummaryDto {
    pub total: u64,
    pub by_status: Vec<CountDto>,
    pub by_form_of_aid: Vec<CountDto>,
    /// With a deadline passed (reassignment answer, urgent proof).
    pub overdue: u64,
    pub urgent: u64,
    /// Assessed successful (Decision 1179).
    pub successful: u64,
    /// Per unit, weakest first.
    pub completeness: Vec<UnitCompletenessDto>,
}

/// Which period and unit a statistical form covers (`GET
/// /reports/forms/{form}`). Without a unit the caller's own is taken: the
/// nation for national staff, the province for a Justice Department, the
/// organisation for everyone else.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FormReportQuery {
    /// `six_month`, `annual_preliminary`, `annual_official` or `custom`
    /// (default `annual_official`).
    pub period: Option<tgpl_domain::report::PeriodKind>,
    /// The year of a standard period (default: this year).
    pub year: Option<i32>,
    /// First and last day of a custom period.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// One organisation's own register.
    pub organisation_id: Option<Uuid>,
    /// Two-digit province code: the province's roll-up.
    pub province: Option<String>,
    /// `nation` for the national roll-up (national roles only).
    pub scope: Option<String>,
    /// With `GET /reports/forms/{form}/cases`: the cell's row number
    /// (empty for the total row) and column number.
    pub row: Option<String>,
    pub column: Option<u16>,
    /// With `GET /reports/forms/{form}/export`: `xlsx` (default) or `csv`.
    pub format: Option<String>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}

/// A numbered column of a form, as printed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportColumnDto {
    pub number: u16,
    pub label_vi: String,
    /// The merged header above it, if any.
    pub group_vi: Option<String>,
}

/// Whose figures a report holds.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportUnitDto {
    /// `nation`, `province` or `organisation`.
    pub kind: String,
    pub organisation_id: Option<Uuid>,
    pub province: Option<String>,
    /// "Toàn quốc", "Tỉnh/thành phố 01", or the organisation's name.
    pub name_vi: String,
}

/// A statistical form computed from the case data: counts only.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FormReportDto {
    /// `24` or `25`.
    pub form: tgpl_domain::report::FormKind,
    pub template_id: String,
    pub code_vi: String,
    pub title_vi: String,
    pub unit_of_count_vi: String,
    pub source: String,
    pub period: tgpl_domain::report::ReportPeriod,
    pub period_label_vi: String,
    pub unit: ReportUnitDto,
    /// Part of the period lies after the cut-off: each cell's `projected`
    /// is the estimate for it, shown apart from `actual`.
    pub has_estimate: bool,
    /// The estimate is the unit's own entry, not the projection.
    #[serde(default)]
    pub estimate_entered: bool,
    pub columns: Vec<ReportColumnDto>,
    pub rows: Vec<tgpl_domain::report::TableRow>,
}

/// A unit's report to submit: the form, period and unit as in
/// `GET /reports/forms/{kind}` (the unit: an organisation, or a province's
/// roll-up for its Justice Department).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct SubmitReport {
    /// `24` or `25`.
    pub form: String,
    pub period: Option<tgpl_domain::report::PeriodKind>,
    pub year: Option<i32>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub organisation_id: Option<Uuid>,
    pub province: Option<String>,
    /// The unit's own estimate for the days after the cut-off, cell by
    /// detailed cell; the totals are summed from them. Absent: the
    /// projection is accepted.
    #[serde(default)]
    pub estimates: Vec<tgpl_domain::report::EstimateEntry>,
}

/// Why a report goes back (return, reopen); an accept needs none.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct ReviewReport {
    pub reason: Option<String>,
}

/// Filters of `GET /reports/submissions`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SubmissionQuery {
    /// `24` or `25`.
    pub form: Option<String>,
    /// `submitted`, `returned`, `accepted` or `superseded`.
    pub status: Option<String>,
    /// Periods starting in this year.
    pub year: Option<i32>,
    pub province: Option<String>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}

/// A submitted report: its frozen table and where it stands in the flow.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SubmissionDto {
    pub id: Uuid,
    pub form: tgpl_domain::report::FormKind,
    pub period: tgpl_domain::report::ReportPeriod,
    /// `organisation` or `province`.
    pub unit_kind: String,
    pub organisation_id: Option<Uuid>,
    pub province: Option<String>,
    pub revision: i32,
    pub status: tgpl_domain::report::SubmissionStatus,
    pub status_label_vi: String,
    pub submitted_by: Option<Uuid>,
    pub submitted_at: chrono::DateTime<chrono::Utc>,
    /// The day the receiver expects it (none for a custom period).
    pub due_on: Option<NaiveDate>,
    /// Submitted after `due_on`.
    pub late: bool,
    pub reviewed_by: Option<Uuid>,
    pub reviewed_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Why it was returned or reopened.
    pub reason: Option<String>,
    pub version: i32,
    /// The table as submitted (absent in lists).
    pub report: Option<FormReportDto>,
}

/// `?format=` of a file export: `xlsx` (default) or `csv`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    pub format: Option<String>,
}
