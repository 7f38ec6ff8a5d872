//! The public services (`/api/v1/public/…`, no login; issue #12): the
//! directory, the eligibility check, online requests and the progress
//! lookup, and the staff side's intake queue. Public answers carry public
//! fields only: never a date of birth, an address, an ethnicity or a
//! category of a person.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tgpl_domain::case::{CaseState, FieldOfLaw, FormOfAid, HearingMode, ProceduralRole};
use tgpl_domain::eligibility::{ClaimOutcome, Verdict};
use tgpl_domain::intake::{IntakeStatus, RequestDetails};
use tgpl_domain::{OrgKind, OrgStatus, PractitionerKind, PractitionerStatus};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// Query parameters of the public organisation directory.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PublicOrganisationQuery {
    /// Centres, branches and participating organisations (default: all four).
    pub kind: Option<OrgKind>,
    /// Province code (`01` Hà Nội).
    pub province: Option<String>,
    /// Default `active`.
    pub status: Option<OrgStatus>,
    /// Name search; ignores diacritics.
    pub q: Option<String>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}

/// An organisation as the public directory shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PublicOrganisationDto {
    pub id: Uuid,
    pub kind: OrgKind,
    pub name: String,
    pub province_code: Option<String>,
    pub province_name: Option<String>,
    /// The centre a branch belongs to.
    pub parent_id: Option<Uuid>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Contract or registration number (participating organisations).
    pub registration_number: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub status: OrgStatus,
}

/// Query parameters of the public practitioner directory.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PublicPractitionerQuery {
    pub kind: Option<PractitionerKind>,
    pub province: Option<String>,
    pub organisation_id: Option<Uuid>,
    /// Default `active`.
    pub status: Option<PractitionerStatus>,
    /// Name or card number; ignores diacritics.
    pub q: Option<String>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}

/// A practitioner as the public directory shows them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PublicPractitionerDto {
    pub id: Uuid,
    pub full_name: String,
    pub kind: PractitionerKind,
    pub card_number: String,
    pub organisation_id: Uuid,
    pub organisation_name: String,
    pub province_code: Option<String>,
    pub status: PractitionerStatus,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpenDataFormat {
    #[default]
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpenDataSet {
    Organisations,
    Practitioners,
}

/// Query parameters of the open-data export.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct OpenDataQuery {
    pub dataset: OpenDataSet,
    /// Default `csv`.
    pub format: Option<OpenDataFormat>,
}

/// The live eligibility check of the online form: the same rules intake
/// applies, on the day given (default today).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct EligibilityCheck {
    #[validate(length(min = 1, max = 20))]
    pub categories: Vec<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub procedural_role: Option<ProceduralRole>,
    pub request_date: Option<NaiveDate>,
}

/// One chosen category, judged.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CategoryAnswer {
    pub code: String,
    pub label_vi: Option<String>,
    /// The category's English name, when the table gives one.
    pub label_en: Option<String>,
    pub outcome: ClaimOutcome,
    /// The outcome in plain words.
    pub explanation_vi: String,
    /// What to bring to prove it (Circular 08/2017 Art. 33).
    pub proof_documents: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EligibilityAnswer {
    pub request_date: NaiveDate,
    /// `eligible_pending_proof` for a category whose papers are still to come:
    /// the online form cannot attest papers, so this is the best it says.
    pub verdict: Verdict,
    pub categories: Vec<CategoryAnswer>,
}

/// A person on the online form.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    #[validate(length(min = 2, max = 200))]
    pub full_name: String,
    pub date_of_birth: Option<NaiveDate>,
    #[validate(length(max = 16))]
    pub sex: Option<String>,
    /// How the centre reaches them (Vietnamese mobile or landline).
    pub phone: Option<String>,
    #[validate(length(max = 500))]
    pub address: Option<String>,
    #[validate(length(max = 64))]
    pub ethnicity: Option<String>,
    /// Citizen ID (CCCD).
    #[validate(length(max = 20))]
    pub id_number: Option<String>,
}

/// A legal-aid request filled in online (form 02, channel `electronic`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct OnlineRequest {
    /// The centre or branch chosen; without it, the centre of `province`.
    pub organisation_id: Option<Uuid>,
    #[validate(length(max = 8))]
    pub province: Option<String>,
    #[validate(nested)]
    pub requester: PersonInput,
    /// The person the aid is for, when not the requester.
    #[validate(nested)]
    pub beneficiary: Option<PersonInput>,
    #[validate(length(min = 1, max = 20))]
    pub categories: Vec<String>,
    pub procedural_role: Option<ProceduralRole>,
    pub form_of_aid: FormOfAid,
    pub field_of_law: FieldOfLaw,
    /// What happened and what help is wanted.
    #[validate(length(min = 10, max = 5000))]
    pub summary: String,
    /// Consent to the processing of personal data (Law 91/2025); must be true.
    pub consent: bool,
    /// The version of the consent text shown (`GET /public/consent-text`).
    #[validate(length(min = 1, max = 32))]
    pub consent_version: String,
    /// Left empty by people; filled in by robots. Any value refuses the request.
    #[serde(default)]
    #[validate(length(max = 500))]
    pub website: Option<String>,
}

/// The centre a request went to, and how to reach it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CentreContact {
    pub id: Uuid,
    pub name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
}

/// What the citizen keeps: the code and the secret are shown once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Receipt {
    pub tracking_code: String,
    /// Keep it: with the code it opens the progress lookup. It is not stored
    /// in clear and cannot be shown again.
    pub secret: String,
    pub received_at: DateTime<Utc>,
    pub centre: CentreContact,
    /// The live verdict on the categories chosen.
    pub verdict: Verdict,
    /// The papers to bring or send, per category chosen.
    pub proof_documents: Vec<String>,
}

/// The text a citizen consents to, and its version.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ConsentText {
    pub version: String,
    pub text_vi: String,
}

/// A progress lookup: the tracking code, or the case code with its
/// province (case codes repeat across provinces), and the secret.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LookupRequest {
    #[validate(length(max = 32))]
    pub tracking_code: Option<String>,
    #[validate(length(max = 64))]
    pub case_code: Option<String>,
    #[validate(length(max = 8))]
    pub province: Option<String>,
    #[validate(length(min = 1, max = 64))]
    pub secret: String,
}

/// The beneficiary's feedback on their case (the feedback form), opened
/// like the lookup: the tracking code, or the case code with its province,
/// and the receipt's secret.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct FeedbackRequest {
    #[validate(length(max = 32))]
    pub tracking_code: Option<String>,
    #[validate(length(max = 64))]
    pub case_code: Option<String>,
    #[validate(length(max = 8))]
    pub province: Option<String>,
    #[validate(length(min = 1, max = 64))]
    pub secret: String,
    pub satisfaction: tgpl_domain::intake::feedback::Satisfaction,
    /// Told of their rights and duties, and of how the case went.
    pub kept_informed: Option<bool>,
    /// The helper kept to the time the case needed.
    pub on_time: Option<bool>,
    /// At most 2,000 characters.
    pub comment: Option<String>,
}

impl FeedbackRequest {
    /// The part that opens the request, as the lookup takes it.
    pub fn opener(&self) -> LookupRequest {
        LookupRequest {
            tracking_code: self.tracking_code.clone(),
            case_code: self.case_code.clone(),
            province: self.province.clone(),
            secret: self.secret.clone(),
        }
    }
}

/// A consent record (Law 91/2025).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ConsentDto {
    pub id: Uuid,
    /// What it was given for (`legal_aid_request`).
    pub purpose: String,
    /// The version of the text the person agreed to.
    pub text_version: String,
    /// How it was given (`electronic`, `hotline`).
    pub channel: String,
    pub given_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// The answer to a withdrawal of consent.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ConsentWithdrawn {
    /// Consents withdrawn now (0: already withdrawn).
    pub withdrawn: u64,
    pub message_vi: String,
}

/// What the beneficiary is told once their feedback is kept.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FeedbackReceipt {
    pub case_code: Option<String>,
    pub satisfaction: tgpl_domain::intake::feedback::Satisfaction,
    pub given_at: DateTime<Utc>,
    pub message_vi: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PublicStepDto {
    pub kind: String,
    pub label_vi: String,
    pub on: NaiveDate,
}

/// Who is helping: name and organisation only.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HelperDto {
    pub full_name: String,
    pub organisation_name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NextHearingDto {
    pub starts_at: DateTime<Utc>,
    pub mode: HearingMode,
}

/// How a request stands, as the citizen may know it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProgressDto {
    pub tracking_code: String,
    pub request_status: IntakeStatus,
    pub received_on: NaiveDate,
    pub centre: CentreContact,
    /// Why the centre did not take the request in (spam, abuse).
    pub rejection_reason: Option<String>,
    pub case_code: Option<String>,
    pub case_status: Option<CaseState>,
    pub steps: Vec<PublicStepDto>,
    pub helper: Option<HelperDto>,
    pub next_hearing: Option<NextHearingDto>,
    /// Papers still to bring, and by when.
    pub missing_proof: Vec<String>,
    pub proof_due_on: Option<NaiveDate>,
}

/// Query parameters of the intake queue.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct IntakeQuery {
    /// Default `pending`.
    pub status: Option<IntakeStatus>,
    pub organisation_id: Option<Uuid>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}

/// The file name of a raw-body attachment upload.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AttachmentQuery {
    /// The file name (raw-body uploads; multipart takes the part's).
    pub filename: Option<String>,
}

/// The multipart/form-data form of an attachment: one part, the file.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttachmentForm {
    #[schema(value_type = String, format = Binary)]
    pub file: String,
}

/// A file attached to an online request.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttachmentDto {
    pub id: Uuid,
    pub filename: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
}

/// An item of a centre's intake queue.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct IntakeItemDto {
    pub id: Uuid,
    pub tracking_code: String,
    pub status: IntakeStatus,
    pub channel: tgpl_domain::case::Channel,
    pub organisation_id: Uuid,
    pub received_at: DateTime<Utc>,
    /// Working days it has waited.
    pub age_working_days: u32,
    pub details: RequestDetails,
    pub attachments: Vec<AttachmentDto>,
    pub case_id: Option<Uuid>,
    pub merged_into: Option<Uuid>,
    pub rejection_reason: Option<String>,
    pub version: i32,
}

/// Turn an item into a request on the register's intake (a case in
/// `received`), with what staff checked of the papers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ConvertIntake {
    pub version: i32,
    /// Another centre or branch of the same centre (default: the item's).
    pub organisation_id: Option<Uuid>,
    /// Categories whose proof papers staff hold (attached or brought).
    #[serde(default)]
    pub proof_documents_present: Vec<String>,
    /// Categories whose financial hardship is proven (clause 7).
    #[serde(default)]
    pub financial_hardship_proven: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RejectIntake {
    pub version: i32,
    #[validate(length(min = 5, max = 1000))]
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct MergeIntake {
    pub version: i32,
    /// The case this request repeats.
    pub case_id: Uuid,
}

impl From<tgpl_domain::records::Organisation> for PublicOrganisationDto {
    fn from(o: tgpl_domain::records::Organisation) -> Self {
        Self {
            id: o.id,
            kind: o.kind,
            name: o.name,
            province_name: o.province_code.map(|p| p.name().to_owned()),
            province_code: o.province_code.map(String::from),
            parent_id: o.parent_id,
            address: o.address,
            phone: o.phone,
            email: o.email,
            registration_number: o.registration_number,
            valid_from: o.valid_from,
            valid_to: o.valid_to,
            status: o.status,
        }
    }
}

impl PublicPractitionerDto {
    pub fn new(p: tgpl_domain::records::Practitioner, organisation_name: String) -> Self {
        Self {
            id: p.id,
            full_name: p.full_name,
            kind: p.kind,
            card_number: p.card_number,
            organisation_id: p.organisation_id,
            organisation_name,
            province_code: p.province_code.map(String::from),
            status: p.status,
        }
    }
}
