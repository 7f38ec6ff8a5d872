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
