//! Quality evaluation (DOMAIN §7): plans, their drawn cases, the scoring
//! sheet and the results.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tgpl_domain::case::FormOfAid;
use tgpl_domain::evaluation::{Grade, ItemStatus, Mark, ResultRow};
use utoipa::ToSchema;
use uuid::Uuid;

/// A new evaluation plan. The sample is drawn when the plan is made: the
/// given share of the concluded cases in scope not yet evaluated, at least
/// one per practitioner.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct CreatePlan {
    pub title: String,
    /// Cases concluded from this day …
    pub concluded_from: NaiveDate,
    /// … to this day.
    pub concluded_to: NaiveDate,
    /// Forms of aid sampled (default: litigation and out-of-court
    /// representation).
    #[serde(default)]
    pub forms_of_aid: Vec<FormOfAid>,
    /// Only these organisations' cases (default: every one in scope).
    #[serde(default)]
    pub organisation_ids: Vec<Uuid>,
    /// A province's plan (national staff; a Justice Department's plan is
    /// always its own province). Absent: a national plan.
    pub province: Option<String>,
    /// Sampling rate, 1–100 percent (e.g. 10).
    pub rate_percent: u8,
    /// The seed to draw with (default: a random one). Recorded, so the
    /// sample can be redrawn and checked.
    pub seed: Option<u64>,
}

/// A plan as on the wire.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PlanDto {
    pub id: Uuid,
    pub title: String,
    pub owner_org_id: Uuid,
    pub province: Option<String>,
    pub concluded_from: NaiveDate,
    pub concluded_to: NaiveDate,
    pub forms_of_aid: Vec<FormOfAid>,
    pub organisation_ids: Vec<Uuid>,
    pub rate_percent: u8,
    /// As a string: a 64-bit seed does not survive JSON numbers in every client.
    pub seed: String,
    /// The sampling algorithm the seed is for.
    pub algorithm: String,
    pub sheet_id: String,
    /// Concluded cases in scope not yet evaluated when the plan drew.
    pub candidates: u32,
    pub drawn: u32,
    pub scored: u32,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub version: i32,
    /// The drawn cases (absent in lists).
    pub items: Option<Vec<ItemDto>>,
}

/// A drawn case, its evaluator and its score.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ItemDto {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub case_id: Uuid,
    pub practitioner_id: Option<Uuid>,
    pub organisation_id: Uuid,
    pub province: Option<String>,
    pub evaluator_id: Option<Uuid>,
    pub status: ItemStatus,
    pub marks: Option<Vec<Mark>>,
    pub total: Option<u16>,
    pub grade: Option<Grade>,
    pub grade_label_vi: Option<String>,
    pub comments: Option<String>,
    pub scored_at: Option<DateTime<Utc>>,
    pub version: i32,
}

/// Names the evaluator of a drawn case (a staff account or an outside
/// expert's account).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct NameEvaluator {
    pub evaluator_id: Uuid,
}

/// A filled scoring sheet: every criterion of the sheet once, within its
/// points.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct ScoreCase {
    pub marks: Vec<Mark>,
    #[validate(length(max = 4000))]
    pub comments: Option<String>,
}

/// Paging of `GET /evaluation-plans`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PlanQuery {
    pub after: Option<String>,
    pub limit: Option<u64>,
}

/// `GET /evaluation-plans/{id}/results?by=`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ResultsQuery {
    /// `practitioner` (default), `organisation` or `province`.
    pub by: Option<String>,
}

/// A plan's results, one row per group.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ResultsDto {
    pub plan_id: Uuid,
    pub by: String,
    pub rows: Vec<ResultRow>,
    /// Every group together.
    pub total: ResultRow,
}
