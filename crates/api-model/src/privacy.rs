//! The person's rights over their data (Law 91/2025; issue #12): requests
//! for a copy, a correction or a deletion, answered by the unit's
//! data-protection officer within the period of their kind.
use crate::cases::PartyDto;
use crate::public::LookupRequest;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tgpl_domain::case::{CaseState, Channel, FieldOfLaw, FormOfAid, PartyRole};
use tgpl_domain::privacy::{Erasure, SubjectRequestKind, SubjectRequestStatus};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// A request the officer records for a person who came in person or wrote.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewSubjectRequest {
    pub case_id: Uuid,
    /// The party of the case the person is; default: the beneficiary.
    pub party_id: Option<Uuid>,
    pub kind: SubjectRequestKind,
    /// Default: in person.
    pub channel: Option<Channel>,
    /// What the person asks, in their words.
    #[validate(length(max = 2000))]
    pub details: Option<String>,
    /// The day it was received; default: today. Never in the future.
    pub received_on: Option<NaiveDate>,
}

/// A beneficiary's request about their data, sent online and opened like
/// the progress lookup (tracking code, or case code with its province, and
/// the receipt's secret).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PublicSubjectRequest {
    #[validate(length(max = 32))]
    pub tracking_code: Option<String>,
    #[validate(length(max = 64))]
    pub case_code: Option<String>,
    #[validate(length(max = 8))]
    pub province: Option<String>,
    #[validate(length(min = 1, max = 64))]
    pub secret: String,
    pub kind: SubjectRequestKind,
    /// What to correct, or anything the officer should know.
    #[validate(length(max = 2000))]
    pub details: Option<String>,
}

impl PublicSubjectRequest {
    /// The part that opens the case, as the lookup takes it.
    pub fn opener(&self) -> LookupRequest {
        LookupRequest {
            tracking_code: self.tracking_code.clone(),
            case_code: self.case_code.clone(),
            province: self.province.clone(),
            secret: self.secret.clone(),
        }
    }
}

/// What the person is told when an online request is received.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SubjectRequestReceipt {
    pub kind: SubjectRequestKind,
    pub kind_label_vi: String,
    pub received_on: NaiveDate,
    /// The day the answer is due.
    pub due_on: NaiveDate,
}

/// Query parameters of the officer's queue.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SubjectRequestQuery {
    pub status: Option<SubjectRequestStatus>,
    pub kind: Option<SubjectRequestKind>,
    /// The requests about one case.
    pub case_id: Option<Uuid>,
    /// Only those waiting past their due day.
    pub overdue: Option<bool>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}

/// A request as the officer handles it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SubjectRequestDto {
    pub id: Uuid,
    pub kind: SubjectRequestKind,
    pub kind_label_vi: String,
    pub status: SubjectRequestStatus,
    pub case_id: Uuid,
    pub case_code: Option<String>,
    pub party_id: Uuid,
    pub party_role: Option<PartyRole>,
    /// The case's unit: its officer answers the request.
    pub organisation_id: Uuid,
    /// The person's name as the case records it now.
    pub person_name: Option<String>,
    pub channel: Channel,
    pub details: Option<String>,
    pub received_at: DateTime<Utc>,
    pub received_on: NaiveDate,
    pub due_on: NaiveDate,
    /// Waiting past its due day.
    pub overdue: bool,
    pub answered_at: Option<DateTime<Utc>>,
    pub answer: Option<String>,
    pub version: i32,
}

/// Answer a request: the copy was given (`provide`), or it is refused.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AnswerSubjectRequest {
    pub version: i32,
    /// What the person is told.
    #[validate(length(min = 10, max = 5000))]
    pub answer: String,
}

/// Correct the person's data as they asked. A field left out stays as it
/// is; an empty text clears it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CorrectPersonalData {
    pub version: i32,
    #[validate(length(min = 10, max = 5000))]
    pub answer: String,
    #[validate(length(min = 2, max = 200))]
    pub full_name: Option<String>,
    #[validate(length(max = 16))]
    pub sex: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    #[validate(length(max = 64))]
    pub ethnicity: Option<String>,
    #[validate(length(max = 500))]
    pub address: Option<String>,
    #[validate(length(max = 20))]
    pub phone: Option<String>,
    #[validate(length(max = 20))]
    pub id_number: Option<String>,
}

/// What a deletion did.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeletionDone {
    pub request: SubjectRequestDto,
    /// `erase`: a refused request's people and papers are gone;
    /// `anonymise`: the case is kept and counted, without the person.
    pub erasure: Erasure,
}

/// The case as the person's copy shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExportedCase {
    pub id: Uuid,
    pub code: Option<String>,
    pub status: CaseState,
    pub organisation_name: String,
    pub request_date: NaiveDate,
    pub accepted_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub form_of_aid: FormOfAid,
    pub field_of_law: FieldOfLaw,
    pub eligibility_codes: Vec<String>,
    /// The matter, with the other people's names and contacts removed.
    pub summary: String,
}

/// Another person in the case: their role only.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ThirdParty {
    pub role: PartyRole,
    /// Always "Bên thứ ba": third parties are masked in a person's copy.
    pub full_name: String,
}

/// A consent the person gave, and its withdrawal.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExportedConsent {
    pub purpose: String,
    pub text_version: String,
    pub channel: String,
    pub given_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// A paper of the case file (its name; the content is handed over apart).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExportedDocument {
    pub kind: String,
    pub filename: String,
    pub uploaded_at: DateTime<Utc>,
}

/// Everything the system holds about the person in this case, for an
/// access request (Law 91/2025): their own data in clear, other people
/// masked.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PersonalDataExport {
    pub generated_at: DateTime<Utc>,
    pub request_id: Uuid,
    pub person: PartyDto,
    pub case: ExportedCase,
    pub third_parties: Vec<ThirdParty>,
    pub consents: Vec<ExportedConsent>,
    pub documents: Vec<ExportedDocument>,
    /// The steps of the case, in plain words, with their dates.
    pub steps: Vec<ExportedStep>,
    /// The person's requests about their data on this case.
    pub requests: Vec<SubjectRequestSummary>,
}

/// A step of the case.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExportedStep {
    pub on: NaiveDate,
    pub label_vi: String,
}

/// One of the person's requests about their data.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SubjectRequestSummary {
    pub kind: SubjectRequestKind,
    pub status: SubjectRequestStatus,
    pub received_on: NaiveDate,
    pub due_on: NaiveDate,
    pub answered_at: Option<DateTime<Utc>>,
}
