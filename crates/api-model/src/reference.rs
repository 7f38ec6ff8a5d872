use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A province in force since 2025-07-01.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProvinceDto {
    pub code: String,
    pub name: String,
    pub is_city: bool,
    /// The former provinces merged into it.
    pub merged_from: Vec<String>,
}

impl From<&tgpl_domain::province::Province> for ProvinceDto {
    fn from(p: &tgpl_domain::province::Province) -> Self {
        Self {
            code: p.code.to_owned(),
            name: p.name.to_owned(),
            is_city: p.is_city,
            merged_from: p.merged_from.iter().map(|s| (*s).to_owned()).collect(),
        }
    }
}

/// A public holiday (a day that is not a working day).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HolidayDto {
    pub date: chrono::NaiveDate,
    pub name_vi: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct PutHoliday {
    #[validate(length(min = 2, max = 200))]
    pub name_vi: String,
}

/// The case process's periods from a day (`PUT /reference/deadline-rules/{valid_from}`),
/// each in working days, 1 to 260.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutDeadlineRules {
    /// Time to answer a beneficiary's request for another practitioner (form 04).
    pub reassignment_answer: i64,
    /// A limitation period or trial date fewer than this many working days
    /// away makes a request urgent.
    pub urgent_within: i64,
    /// Time an urgent case's requester has to supply missing proof.
    pub proof_supplement: i64,
    /// The instrument that sets these periods.
    #[serde(default)]
    pub source: String,
}

/// Query parameters of `GET /reference/eligibility-categories`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CategoryQuery {
    /// Only the versions in force on this day.
    pub on: Option<chrono::NaiveDate>,
}

/// Query parameters of `PUT /reference/eligibility-categories`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PutCategoryQuery {
    /// The version in force the day before the new one starts ends that
    /// day (a new instrument rewrites the clause from a date). Without it,
    /// a version sharing a day with another of its category is a 422.
    #[serde(default)]
    pub supersede: bool,
}

/// Query parameters of `GET /reference/holidays`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct HolidayQuery {
    pub year: Option<i32>,
}
