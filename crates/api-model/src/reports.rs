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
    /// The unit's name with its province ("Chi nhánh số 1 — Hà Nội"):
    /// branches of different provinces share names.
    pub unit_label: String,
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

/// Query parameters of `GET /reports/dashboard`: the year and the filters
/// every chart of the leadership dashboard takes.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DashboardQuery {
    /// The year of the quotas and monthly figures (default: this year).
    pub year: Option<i32>,
    /// Two-digit province code.
    pub province: Option<String>,
    pub organisation_id: Option<Uuid>,
    pub form_of_aid: Option<FormOfAid>,
    pub field_of_law: Option<FieldOfLaw>,
}

/// One practitioner's progress against the annual case quota.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QuotaProgressDto {
    pub practitioner_id: Uuid,
    pub full_name: String,
    /// `legal_aid_officer`, `centre_lawyer`, …
    pub kind: String,
    pub kind_label_vi: String,
    pub organisation_id: Uuid,
    pub unit_label: String,
    /// Cases a year (chỉ tiêu vụ việc); none when not set.
    pub annual_quota: Option<u32>,
    /// Cases concluded in the year.
    pub done: u64,
    /// What the year's elapsed share of the quota expects by today.
    pub expected_by_now: Option<u32>,
    /// Concluded cases by month, January first (12 numbers).
    pub by_month: Vec<u64>,
}

/// Cases with a deadline passed in one unit.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UnitOverdueDto {
    pub organisation_id: Uuid,
    pub unit_label: String,
    /// Reassignment requests unanswered past their 3 working days.
    pub reassignment: u64,
    /// Proof of an urgent case still missing past its deadline.
    pub proof: u64,
    /// Cases with either.
    pub cases: u64,
}

/// Concluded cases of one month and the successful among them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MonthSuccessDto {
    /// 1–12.
    pub month: u32,
    pub concluded: u64,
    /// Assessed successful (Decision 1179).
    pub successful: u64,
}

/// How long the cases at one step of the lifecycle have waited.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StepWaitDto {
    /// The case status the step is (`received`, `accepted`, …).
    pub status: String,
    pub label_vi: String,
    pub cases: u64,
    /// Calendar days up to today, one decimal.
    pub average_days: f64,
    pub longest_days: u64,
    pub over_30_days: u64,
}

/// The leadership dashboard (DOMAIN §8): counts within the caller's
/// scope, never a person.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DashboardDto {
    pub year: i32,
    /// The day the figures were taken.
    pub today: NaiveDate,
    /// Practitioners furthest behind their quota first.
    pub quotas: Vec<QuotaProgressDto>,
    /// Units with most overdue cases first.
    pub overdue_by_unit: Vec<UnitOverdueDto>,
    /// Per unit, weakest first.
    pub completeness: Vec<UnitCompletenessDto>,
    /// January to December.
    pub successful_by_month: Vec<MonthSuccessDto>,
    /// In lifecycle order.
    pub waits: Vec<StepWaitDto>,
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
    /// "Toàn quốc", "Thành phố Hà Nội", "Tỉnh Lào Cai", or the organisation's name.
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
    /// The unit as the report names it ("Trung tâm TGPL nhà nước Hà Nội",
    /// "Thành phố Hà Nội").
    pub unit_name_vi: String,
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
