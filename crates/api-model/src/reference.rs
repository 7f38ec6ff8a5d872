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

/// Query parameters of `GET /reference/eligibility-categories`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CategoryQuery {
    /// Only the versions in force on this day.
    pub on: Option<chrono::NaiveDate>,
}

/// Query parameters of `GET /reference/holidays`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct HolidayQuery {
    pub year: Option<i32>,
}
