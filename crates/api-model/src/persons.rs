//! The person registry on the wire (issue #15 item 3).
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tgpl_domain::case::record::PartyRole;
use tgpl_domain::case::{CaseState, FieldOfLaw, FormOfAid};
use tgpl_domain::person::{DuplicateReason, Person, PersonMerge};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// A person of the registry; the birth date and ID number are absent for
/// readers who see them masked.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PersonDto {
    pub id: Uuid,
    pub full_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub id_number: Option<String>,
    /// Where the person was first seen, e.g. `01`.
    pub province_code: Option<String>,
    pub province_name: Option<String>,
    /// Set when leadership merged this record into another.
    pub merged_into_id: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

impl From<Person> for PersonDto {
    fn from(p: Person) -> Self {
        Self {
            id: p.id,
            full_name: p.full_name,
            date_of_birth: p.date_of_birth,
            id_number: p.id_number,
            province_code: p.province_code.map(|c| c.as_str().to_owned()),
            province_name: p.province_code.map(|c| c.name().to_owned()),
            merged_into_id: p.merged_into_id,
            version: p.version,
            created_at: p.created_at,
        }
    }
}

/// One case of a person's page.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PersonCaseDto {
    pub id: Uuid,
    pub code: Option<String>,
    pub status: CaseState,
    pub form_of_aid: FormOfAid,
    pub field_of_law: FieldOfLaw,
    pub request_date: NaiveDate,
    pub organisation_id: Uuid,
    /// How the person appears in the case (beneficiary, requester, …).
    pub roles: Vec<PartyRole>,
}

/// A merge of one record into another.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PersonMergeDto {
    pub id: Uuid,
    pub kept_id: Uuid,
    pub merged_id: Uuid,
    /// How many parties the merge moved.
    pub parties_moved: usize,
    pub reason: Option<String>,
    pub merged_by: Option<Uuid>,
    pub merged_at: DateTime<Utc>,
    pub undone_by: Option<Uuid>,
    pub undone_at: Option<DateTime<Utc>>,
}

impl From<PersonMerge> for PersonMergeDto {
    fn from(m: PersonMerge) -> Self {
        Self {
            id: m.id,
            kept_id: m.kept_id,
            merged_id: m.merged_id,
            parties_moved: m.party_ids.len(),
            reason: m.reason,
            merged_by: m.merged_by,
            merged_at: m.merged_at,
            undone_by: m.undone_by,
            undone_at: m.undone_at,
        }
    }
}

/// A person's page: the record, their cases within the reader's scope,
/// the merges it took part in.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PersonPageDto {
    pub person: PersonDto,
    pub cases: Vec<PersonCaseDto>,
    pub merges: Vec<PersonMergeDto>,
}

/// Two records that are perhaps one person.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DuplicateDto {
    pub first: PersonDto,
    pub second: PersonDto,
    pub reason: DuplicateReason,
    /// The reason in Vietnamese ("Trùng số định danh cá nhân").
    pub reason_label: String,
    pub first_cases: usize,
    pub second_cases: usize,
}

/// Query parameters of `GET /persons/duplicates`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DuplicateQuery {
    /// 1–200, default 50.
    pub limit: Option<u64>,
}

/// Merge record `merged_id` into record `kept_id`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct MergePersons {
    pub kept_id: Uuid,
    pub merged_id: Uuid,
    #[validate(length(max = 500))]
    pub reason: Option<String>,
}

/// Two records leadership judged to be two people.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DistinctPersons {
    pub first_id: Uuid,
    pub second_id: Uuid,
}
