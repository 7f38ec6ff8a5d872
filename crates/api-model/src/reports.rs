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
