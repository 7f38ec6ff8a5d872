use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tgpl_domain::case::success::{self, SuccessAssessment, SuccessGroup};
use tgpl_domain::case::{
    Activity, ActivityKind, Case, CaseState, Channel, CommandKind, DiscontinuationGround,
    FieldOfLaw, FormOfAid, Party, PartyRole, ProceduralRole, RefusalGround,
};
use tgpl_domain::eligibility::{ClaimedCategory, Verdict};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// A person on the case: requester, beneficiary, opposing party, co-accused or victim.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PartyInput {
    pub role: PartyRole,
    #[validate(length(min = 2, max = 200))]
    pub full_name: String,
    pub sex: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// For the beneficiary: their standing in criminal proceedings (clause 5
    /// and 6 eligibility depend on it).
    pub procedural_role: Option<ProceduralRole>,
    #[validate(length(max = 64))]
    pub ethnicity: Option<String>,
    #[validate(length(max = 500))]
    pub address: Option<String>,
    pub phone: Option<String>,
    /// Citizen ID (CCCD) number.
    #[validate(length(max = 20))]
    pub id_number: Option<String>,
}

/// A legal-aid request (form 02-TP-TGPL) as intake records it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateCase {
    /// The centre, branch or participating organisation taking the request.
    pub organisation_id: Uuid,
    pub channel: Channel,
    /// For referrals: when the notice from police, prosecution or court came.
    pub referral_received_at: Option<DateTime<Utc>>,
    /// Defaults to today.
    pub request_date: Option<NaiveDate>,
    pub form_of_aid: FormOfAid,
    pub field_of_law: FieldOfLaw,
    #[validate(length(min = 5, max = 10000))]
    pub summary: String,
    #[validate(length(min = 1))]
    pub eligibility: Vec<ClaimedCategory>,
    #[validate(length(min = 1, max = 50), nested)]
    pub parties: Vec<PartyInput>,
    /// Urgency facts (accepted at once, proof supplied later).
    pub limitation_period_ends: Option<NaiveDate>,
    pub trial_date: Option<NaiveDate>,
    #[serde(default)]
    pub court_appointed_defence: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PartyDto {
    pub id: Uuid,
    pub role: PartyRole,
    pub full_name: String,
    pub sex: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub procedural_role: Option<ProceduralRole>,
    pub ethnicity: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub id_number: Option<String>,
    /// The person of the registry (`GET /persons/{id}`): their other cases.
    pub person_id: Option<Uuid>,
}

impl From<Party> for PartyDto {
    fn from(p: Party) -> Self {
        Self {
            id: p.id,
            role: p.role,
            full_name: p.full_name,
            sex: p.sex,
            date_of_birth: p.date_of_birth,
            procedural_role: p.procedural_role,
            ethnicity: p.ethnicity,
            address: p.address,
            phone: p.phone,
            id_number: p.id_number,
            person_id: p.person_id,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CaseDto {
    pub id: Uuid,
    /// `<org>.<form>.<number>.<year>`, issued on acceptance.
    pub code: Option<String>,
    pub status: CaseState,
    /// The acts the case allows now, the law's preconditions included (the
    /// caller's role may allow fewer).
    pub allowed_commands: Vec<CommandKind>,
    pub organisation_id: Uuid,
    pub province_code: Option<String>,
    pub channel: Channel,
    pub referral_received_at: Option<DateTime<Utc>>,
    pub request_date: NaiveDate,
    pub form_of_aid: FormOfAid,
    pub field_of_law: FieldOfLaw,
    pub summary: String,
    pub eligibility_codes: Vec<String>,
    pub missing_proof: Vec<String>,
    pub urgent: bool,
    pub proof_due_on: Option<NaiveDate>,
    pub register_number: Option<i32>,
    pub accepted_on: Option<NaiveDate>,
    pub refusal_ground: Option<RefusalGround>,
    pub discontinuation_ground: Option<DiscontinuationGround>,
    pub closed_on: Option<NaiveDate>,
    pub outcome: Option<String>,
    pub practitioner_id: Option<Uuid>,
    /// A pending request for another practitioner (form 04)…
    pub reassignment_requested_on: Option<NaiveDate>,
    /// …to be answered by this day (3 working days).
    pub reassignment_due_on: Option<NaiveDate>,
    /// A deadline has passed (unanswered reassignment, missing proof of an urgent case).
    pub overdue: bool,
    /// The nearest pending deadline (a reassignment request to answer, the
    /// proof of an urgent case to supply); what `sort=deadline_asc` orders by.
    pub next_deadline: Option<NaiveDate>,
    /// How complete the case file is for its state.
    pub completeness: tgpl_domain::case::completeness::Completeness,
    /// Assessed successful at conclusion (Decision 1179).
    pub success: Option<SuccessDto>,
    pub parties: Vec<PartyDto>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CaseDto {
    /// The case as of `today` (which decides `overdue`), with the
    /// completeness judged on the unmasked file.
    pub fn new(
        c: Case,
        completeness: tgpl_domain::case::completeness::Completeness,
        allowed_commands: Vec<CommandKind>,
        today: NaiveDate,
    ) -> Self {
        let c = c.into_record();
        Self {
            completeness,
            overdue: c.overdue(today),
            next_deadline: c.next_deadline(),
            reassignment_requested_on: c.reassignment_requested_on,
            reassignment_due_on: c.reassignment_due_on,
            id: c.id,
            code: c.code.map(String::from),
            allowed_commands,
            status: c.status,
            organisation_id: c.organisation_id,
            province_code: c.province_code.map(String::from),
            channel: c.channel,
            referral_received_at: c.referral_received_at,
            request_date: c.request_date,
            form_of_aid: c.form_of_aid,
            field_of_law: c.field_of_law,
            summary: c.summary,
            eligibility_codes: c.eligibility_codes,
            missing_proof: c.missing_proof,
            urgent: c.urgent,
            proof_due_on: c.proof_due_on,
            register_number: c.register_number,
            accepted_on: c.accepted_on,
            refusal_ground: c.refusal_ground,
            discontinuation_ground: c.discontinuation_ground,
            closed_on: c.closed_on,
            outcome: c.outcome,
            practitioner_id: c.practitioner_id,
            success: c.success.map(SuccessDto::from),
            parties: c.parties.into_iter().map(PartyDto::from).collect(),
            version: c.version,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// The beneficiary asks for another practitioner (form 04).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReassignmentRequest {
    /// Defaults to today.
    pub requested_on: Option<NaiveDate>,
    #[validate(length(min = 1, max = 1000))]
    pub reason: String,
    /// Expected version (or send `If-Match`).
    pub version: Option<i32>,
}

/// A correction of one party: only the fields sent change; an empty string
/// clears an optional one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PartyAmendment {
    /// The party's `id` in the case.
    pub id: Uuid,
    #[validate(length(min = 2, max = 200))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// `male` or `female`.
    #[validate(length(max = 16))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedural_role: Option<ProceduralRole>,
    #[validate(length(max = 64))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<String>,
    #[validate(length(max = 500))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[validate(length(max = 20))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Citizen ID (CCCD) number.
    #[validate(length(max = 20))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
}

/// Corrects and completes a case after intake. Send only what the user
/// changed: fields left out keep their stored value, so a change made
/// meanwhile by someone else to another field is never overwritten.
/// `form_of_aid` and `eligibility` change only before acceptance;
/// `field_of_law` until the case is closed; the summary and the parties
/// until it is archived.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AmendCase {
    /// The version edited (or send `If-Match`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    #[validate(length(min = 5, max = 10000))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_of_law: Option<FieldOfLaw>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_of_aid: Option<FormOfAid>,
    /// The categories claimed, replacing intake's (judged again on the
    /// request date).
    #[validate(length(min = 1))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<Vec<ClaimedCategory>>,
    #[validate(length(max = 50), nested)]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<PartyAmendment>,
}

/// Whether a practitioner can take the case now (asked before assigning).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CandidateCheckDto {
    pub practitioner_id: Uuid,
    /// `true`: assigning them would be accepted.
    pub allowed: bool,
    /// Why not: `case.conflict_of_interest`, `not_active`, `already_assigned`.
    pub code: Option<String>,
    /// The reason in words (the case the practitioner acts in for the other side).
    pub detail: Option<String>,
}

/// One field's change in the case's history, as the reader may see it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FieldChangeDto {
    /// `summary`, `field_of_law`, `status`, `party.phone`, …
    pub field: String,
    /// The party the field belongs to, for `party.*` fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_id: Option<Uuid>,
    /// The value before (`null` when it was empty), masked as the reader
    /// sees the case.
    #[schema(value_type = Object)]
    pub before: serde_json::Value,
    #[schema(value_type = Object)]
    pub after: serde_json::Value,
}

/// One write of the case with the fields it changed, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CaseChangeDto {
    pub at: DateTime<Utc>,
    /// The audit trail's action (`case.amend`, `case.accept`, …).
    pub action: String,
    pub actor_id: Option<Uuid>,
    /// The account's display name, when the reader may know it.
    pub actor_name: Option<String>,
    pub changes: Vec<FieldChangeDto>,
}

/// The new case and how its eligibility was judged on the request date.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CaseCreated {
    pub case: CaseDto,
    pub eligibility_verdict: Verdict,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ActivityDto {
    pub id: Uuid,
    pub kind: ActivityKind,
    pub occurred_on: NaiveDate,
    pub description: String,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<Activity> for ActivityDto {
    fn from(a: Activity) -> Self {
        Self {
            id: a.id,
            kind: a.kind,
            occurred_on: a.occurred_on,
            description: a.description,
            recorded_by: a.recorded_by,
            created_at: a.created_at,
        }
    }
}

/// Query parameters of `GET /cases`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CaseQuery {
    pub status: Option<CaseState>,
    pub form_of_aid: Option<FormOfAid>,
    pub field_of_law: Option<FieldOfLaw>,
    pub organisation_id: Option<Uuid>,
    pub practitioner_id: Option<Uuid>,
    pub province: Option<String>,
    pub urgent: Option<bool>,
    pub requested_from: Option<NaiveDate>,
    pub requested_to: Option<NaiveDate>,
    pub accepted_from: Option<NaiveDate>,
    pub accepted_to: Option<NaiveDate>,
    /// Concluded, refused or discontinued on or after this day.
    pub closed_from: Option<NaiveDate>,
    pub closed_to: Option<NaiveDate>,
    /// An eligibility category code, e.g. `2` or `7d`.
    pub eligibility: Option<String>,
    /// Only cases with a deadline passed.
    pub overdue: Option<bool>,
    /// Only cases assessed successful (Decision 1179), or only the others.
    pub successful: Option<bool>,
    /// Search over the case code and party names; ignores diacritics and
    /// case. Two or more words match whole words of one person's name in
    /// order (`nguyen van a` finds `Nguyễn Văn A`, not `Nguyễn Văn An`);
    /// one word or a case code matches anywhere.
    pub q: Option<String>,
    /// Include archived cases (left out unless asked for, or unless
    /// `status=archived`).
    pub archived: Option<bool>,
    /// Order of the list (default `newest`).
    pub sort: Option<tgpl_domain::case::CaseSort>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}

/// A success assessment with its criterion spelled out.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SuccessDto {
    /// e.g. `criminal.3`.
    pub criterion: String,
    pub group: Option<SuccessGroup>,
    pub number: Option<u8>,
    /// The criterion's Vietnamese wording.
    pub label: Option<String>,
    pub evidence: String,
    pub evidence_document_id: Option<Uuid>,
}

impl From<SuccessAssessment> for SuccessDto {
    fn from(s: SuccessAssessment) -> Self {
        let c = success::criterion(&s.criterion);
        Self {
            group: c.map(|c| c.group),
            number: c.map(|c| c.number),
            label: c.map(|c| c.label_vi.to_owned()),
            criterion: s.criterion,
            evidence: s.evidence,
            evidence_document_id: s.evidence_document_id,
        }
    }
}

/// A criterion of Decision 1179/QĐ-BTP (2022).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SuccessCriterionDto {
    pub code: String,
    pub group: SuccessGroup,
    pub number: u8,
    pub label: String,
}

impl From<&success::SuccessCriterion> for SuccessCriterionDto {
    fn from(c: &success::SuccessCriterion) -> Self {
        Self {
            code: c.code.to_owned(),
            group: c.group,
            number: c.number,
            label: c.label_vi.to_owned(),
        }
    }
}

/// A hearing to put in the calendar.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ScheduleHearing {
    #[validate(length(min = 3, max = 300))]
    pub court: String,
    pub starts_at: DateTime<Utc>,
    pub mode: tgpl_domain::case::HearingMode,
    #[validate(length(max = 500))]
    pub location: Option<String>,
    #[validate(length(max = 5000))]
    pub notes: Option<String>,
    /// Who attends; defaults to the practitioner assigned to the case.
    pub practitioner_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HearingDto {
    pub id: Uuid,
    pub case_id: Uuid,
    pub court: String,
    pub starts_at: DateTime<Utc>,
    pub mode: tgpl_domain::case::HearingMode,
    pub location: Option<String>,
    pub notes: Option<String>,
    pub practitioner_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<tgpl_domain::case::Hearing> for HearingDto {
    fn from(h: tgpl_domain::case::Hearing) -> Self {
        Self {
            id: h.id,
            case_id: h.case_id,
            court: h.court,
            starts_at: h.starts_at,
            mode: h.mode,
            location: h.location,
            notes: h.notes,
            practitioner_id: h.practitioner_id,
            created_at: h.created_at,
        }
    }
}

/// Query parameters of `GET /hearings` (the calendar).
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct HearingQuery {
    /// Defaults to now: upcoming hearings.
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub practitioner_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub after: Option<String>,
    pub limit: Option<u64>,
}

/// A written notice (supplement request, refusal, discontinuation).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NoticeDto {
    pub id: Uuid,
    pub kind: tgpl_domain::case::notice::NoticeKind,
    pub issued_on: NaiveDate,
    pub title: String,
    pub body: String,
    pub issued_by: Option<Uuid>,
}

impl From<tgpl_domain::case::notice::Notice> for NoticeDto {
    fn from(n: tgpl_domain::case::notice::Notice) -> Self {
        Self {
            id: n.id,
            kind: n.kind,
            issued_on: n.issued_on,
            title: n.title,
            body: n.body,
            issued_by: n.issued_by,
        }
    }
}
