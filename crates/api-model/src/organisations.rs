use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tgpl_domain::records::Organisation;
use tgpl_domain::{OrgKind, OrgStatus};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrganisationDto {
    pub id: Uuid,
    pub kind: OrgKind,
    pub name: String,
    /// First part of the case codes the organisation issues (`TT`, `CN1`).
    pub abbreviation: String,
    pub province_code: Option<String>,
    pub province_name: Option<String>,
    pub parent_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
    pub status: OrgStatus,
    pub merged_into_id: Option<Uuid>,
    pub merged_on: Option<NaiveDate>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Contract or registration number (participating organisations).
    pub registration_number: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Organisation> for OrganisationDto {
    fn from(o: Organisation) -> Self {
        Self {
            id: o.id,
            kind: o.kind,
            name: o.name,
            abbreviation: o.abbreviation,
            province_name: o.province_code.map(|p| p.name().to_owned()),
            province_code: o.province_code.map(String::from),
            parent_id: o.parent_id,
            centre_id: o.centre_id,
            status: o.status,
            merged_into_id: o.merged_into_id,
            merged_on: o.merged_on,
            address: o.address,
            phone: o.phone,
            email: o.email,
            registration_number: o.registration_number,
            valid_from: o.valid_from,
            valid_to: o.valid_to,
            version: o.version,
            created_at: o.created_at,
            updated_at: o.updated_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateOrganisation {
    pub kind: OrgKind,
    #[validate(length(min = 1, max = 300))]
    pub name: String,
    pub abbreviation: String,
    /// Required for every kind but `ministry_department`.
    pub province_code: Option<String>,
    /// Required for every kind but `ministry_department`.
    pub parent_id: Option<Uuid>,
    #[validate(length(max = 500))]
    pub address: Option<String>,
    pub phone: Option<String>,
    #[validate(email)]
    pub email: Option<String>,
    #[validate(length(max = 64))]
    pub registration_number: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

/// Fields to change; absent fields stay as they are, an empty string clears
/// an optional text field.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganisation {
    /// Expected version (or send `If-Match`).
    pub version: Option<i32>,
    #[validate(length(min = 1, max = 300))]
    pub name: Option<String>,
    pub abbreviation: Option<String>,
    #[validate(length(max = 500))]
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    #[validate(length(max = 64))]
    pub registration_number: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

/// Merge this organisation into another of the same kind. The merged unit
/// keeps its history (status `merged`); its children, practitioners and
/// accounts move to the target.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct MergeOrganisation {
    pub into_id: Uuid,
    /// Defaults to today.
    pub effective_on: Option<NaiveDate>,
    /// Expected version of the merged organisation (or send `If-Match`).
    pub version: Option<i32>,
}

/// What a merge moved.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MergeResult {
    pub merged: OrganisationDto,
    pub into: OrganisationDto,
    pub children_moved: u64,
    pub practitioners_moved: u64,
    pub users_moved: u64,
}

/// Query parameters of `GET /organisations`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct OrganisationQuery {
    pub kind: Option<OrgKind>,
    /// Province code, e.g. `01` (Hà Nội).
    pub province: Option<String>,
    pub parent_id: Option<Uuid>,
    pub status: Option<OrgStatus>,
    /// Text search over name, abbreviation and registration number; ignores diacritics.
    pub q: Option<String>,
    /// Cursor from the previous page's `next`.
    pub after: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u64>,
}
