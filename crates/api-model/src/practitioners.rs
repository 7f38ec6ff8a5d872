use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tgpl_domain::records::{Practitioner, Transfer};
use tgpl_domain::{PractitionerKind, PractitionerStatus};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PractitionerDto {
    pub id: Uuid,
    pub full_name: String,
    pub kind: PractitionerKind,
    /// Officer card or lawyer's practising certificate number.
    pub card_number: String,
    pub organisation_id: Uuid,
    pub province_code: Option<String>,
    pub status: PractitionerStatus,
    pub sex: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub contract_start: Option<NaiveDate>,
    pub contract_end: Option<NaiveDate>,
    /// Annual case quota (chỉ tiêu vụ việc).
    pub annual_quota: Option<i32>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Practitioner> for PractitionerDto {
    fn from(p: Practitioner) -> Self {
        Self {
            id: p.id,
            full_name: p.full_name,
            kind: p.kind,
            card_number: p.card_number,
            organisation_id: p.organisation_id,
            province_code: p.province_code.map(String::from),
            status: p.status,
            sex: p.sex,
            date_of_birth: p.date_of_birth,
            phone: p.phone,
            email: p.email,
            contract_start: p.contract_start,
            contract_end: p.contract_end,
            annual_quota: p.annual_quota,
            version: p.version,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreatePractitioner {
    #[validate(length(min = 2, max = 200))]
    pub full_name: String,
    pub kind: PractitionerKind,
    pub card_number: String,
    pub organisation_id: Uuid,
    pub sex: Option<Sex>,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: Option<String>,
    #[validate(email)]
    pub email: Option<String>,
    pub contract_start: Option<NaiveDate>,
    pub contract_end: Option<NaiveDate>,
    #[validate(range(min = 0, max = 1000))]
    pub annual_quota: Option<i32>,
}

/// Fields to change; absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UpdatePractitioner {
    /// Expected version (or send `If-Match`).
    pub version: Option<i32>,
    #[validate(length(min = 2, max = 200))]
    pub full_name: Option<String>,
    pub card_number: Option<String>,
    /// `active` or `suspended`; leaving is `POST …/deactivate`.
    pub status: Option<PractitionerStatus>,
    pub sex: Option<Sex>,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub contract_start: Option<NaiveDate>,
    pub contract_end: Option<NaiveDate>,
    #[validate(range(min = 0, max = 1000))]
    pub annual_quota: Option<i32>,
}

/// Move a practitioner to another organisation; the history keeps both.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TransferPractitioner {
    pub to_organisation_id: Uuid,
    /// Defaults to today.
    pub effective_on: Option<NaiveDate>,
    #[validate(length(max = 500))]
    pub reason: Option<String>,
    /// Expected version (or send `If-Match`).
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TransferDto {
    pub id: Uuid,
    pub from_organisation_id: Uuid,
    pub to_organisation_id: Uuid,
    pub effective_on: NaiveDate,
    pub reason: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<Transfer> for TransferDto {
    fn from(t: Transfer) -> Self {
        Self {
            id: t.id,
            from_organisation_id: t.from_organisation_id,
            to_organisation_id: t.to_organisation_id,
            effective_on: t.effective_on,
            reason: t.reason,
            recorded_by: t.recorded_by,
            created_at: t.created_at,
        }
    }
}

/// Query parameters of `GET /practitioners`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PractitionerQuery {
    pub kind: Option<PractitionerKind>,
    pub province: Option<String>,
    pub organisation_id: Option<Uuid>,
    pub status: Option<PractitionerStatus>,
    /// Search over name and card number; ignores diacritics (`nguyen van a` finds `Nguyễn Văn A`).
    pub q: Option<String>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}
