//! The electronic case file (hồ sơ vụ việc) as the rest of the system sees it.
use super::{CaseCode, CaseState, DiscontinuationGround, FieldOfLaw, FormOfAid, RefusalGround};
use crate::{ParseError, ProvinceCode, ResourceScope, text};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How a request reached the organisation (DOMAIN §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    InPerson,
    Post,
    Fax,
    Electronic,
    Hotline,
    /// Passed on by police, prosecution or court (12 h / 24 h rule).
    Referral,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Channel::InPerson,
        Channel::Post,
        Channel::Fax,
        Channel::Electronic,
        Channel::Hotline,
        Channel::Referral,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::InPerson => "in_person",
            Channel::Post => "post",
            Channel::Fax => "fax",
            Channel::Electronic => "electronic",
            Channel::Hotline => "hotline",
            Channel::Referral => "referral",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                ParseError::new("case.channel_unknown", format!("unknown channel '{s}'"))
            })
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Channel::InPerson => "Trực tiếp",
            Channel::Post => "Bưu chính",
            Channel::Fax => "Fax",
            Channel::Electronic => "Điện tử",
            Channel::Hotline => "Đường dây nóng",
            Channel::Referral => "Chuyển đến (công an, viện kiểm sát, tòa án)",
        }
    }
}

/// The people recorded on a case; the conflict check compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    Requester,
    Beneficiary,
    OpposingParty,
    CoAccused,
    Victim,
}

impl PartyRole {
    pub fn label_vi(self) -> &'static str {
        match self {
            PartyRole::Requester => "Người yêu cầu",
            PartyRole::Beneficiary => "Người được trợ giúp pháp lý",
            PartyRole::OpposingParty => "Bên có quyền lợi đối lập",
            PartyRole::CoAccused => "Đồng phạm",
            PartyRole::Victim => "Bị hại",
        }
    }

    pub const ALL: [PartyRole; 5] = [
        PartyRole::Requester,
        PartyRole::Beneficiary,
        PartyRole::OpposingParty,
        PartyRole::CoAccused,
        PartyRole::Victim,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PartyRole::Requester => "requester",
            PartyRole::Beneficiary => "beneficiary",
            PartyRole::OpposingParty => "opposing_party",
            PartyRole::CoAccused => "co_accused",
            PartyRole::Victim => "victim",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(
                    "case.party_role_unknown",
                    format!("unknown party role '{s}'"),
                )
            })
    }

    /// Whose side the practitioner is on in this case.
    pub fn is_aided_side(self) -> bool {
        matches!(self, PartyRole::Requester | PartyRole::Beneficiary)
    }
}

/// The beneficiary's standing in criminal proceedings, which clause 5 and 6
/// eligibility depend on (Law 11/2017 Art. 7(5) as rewritten by Law
/// 59/2024/QH15 Art. 177; Art. 7(6)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProceduralRole {
    /// Reported or denounced for a crime (người bị tố giác, báo tin về tội phạm).
    Reported,
    /// Held in an emergency (người bị giữ trong trường hợp khẩn cấp).
    HeldInEmergency,
    /// Accused: arrested, held, suspect or defendant (người bị buộc tội).
    Accused,
    /// Victim of the crime (bị hại).
    Victim,
    /// Witness (người làm chứng).
    Witness,
    /// Under a diversion measure (người được áp dụng biện pháp xử lý chuyển hướng).
    UnderDiversion,
    /// Serving a prison sentence (người chấp hành án phạt tù).
    Prisoner,
}

impl ProceduralRole {
    pub const ALL: [ProceduralRole; 7] = [
        ProceduralRole::Reported,
        ProceduralRole::HeldInEmergency,
        ProceduralRole::Accused,
        ProceduralRole::Victim,
        ProceduralRole::Witness,
        ProceduralRole::UnderDiversion,
        ProceduralRole::Prisoner,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProceduralRole::Reported => "reported",
            ProceduralRole::HeldInEmergency => "held_in_emergency",
            ProceduralRole::Accused => "accused",
            ProceduralRole::Victim => "victim",
            ProceduralRole::Witness => "witness",
            ProceduralRole::UnderDiversion => "under_diversion",
            ProceduralRole::Prisoner => "prisoner",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(
                    "case.procedural_role_unknown",
                    format!("unknown procedural role '{s}'"),
                )
            })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Party {
    pub id: Uuid,
    pub role: PartyRole,
    pub full_name: String,
    pub sex: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// For the beneficiary: their standing in criminal proceedings, if any.
    #[serde(default)]
    pub procedural_role: Option<ProceduralRole>,
    pub ethnicity: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub id_number: Option<String>,
    /// The person of the registry this party is (issue #15): kept by the
    /// store when the party is recorded; none before that.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_id: Option<Uuid>,
}

impl Party {
    /// The name as compared by the conflict check (diacritics folded).
    pub fn folded_name(&self) -> String {
        text::fold(&self.full_name)
    }
}

/// What the register holds of a case: the stored shape of the [`Case`]
/// aggregate (`super::Case`). Repositories read and write it; everything else
/// reads it through the aggregate, which alone changes it by the law's acts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseRecord {
    pub id: Uuid,
    /// The organisation handling the case (centre, branch or participating organisation).
    pub organisation_id: Uuid,
    pub province_code: Option<ProvinceCode>,
    pub centre_id: Option<Uuid>,
    pub status: CaseState,
    pub channel: Channel,
    /// When a referral notice from police, prosecution or court came in.
    pub referral_received_at: Option<DateTime<Utc>>,
    pub request_date: NaiveDate,
    pub form_of_aid: FormOfAid,
    pub field_of_law: FieldOfLaw,
    pub summary: String,
    pub eligibility_codes: Vec<String>,
    /// Proof documents still to be supplied.
    pub missing_proof: Vec<String>,
    pub urgent: bool,
    pub proof_due_on: Option<NaiveDate>,
    pub code: Option<CaseCode>,
    pub register_number: Option<i32>,
    pub accepted_on: Option<NaiveDate>,
    pub refusal_ground: Option<RefusalGround>,
    pub discontinuation_ground: Option<DiscontinuationGround>,
    pub closed_on: Option<NaiveDate>,
    pub outcome: Option<String>,
    pub practitioner_id: Option<Uuid>,
    /// The beneficiary asked for another practitioner (form 04) on this day…
    pub reassignment_requested_on: Option<NaiveDate>,
    /// …and must be answered by this day (3 working days).
    pub reassignment_due_on: Option<NaiveDate>,
    /// A concluded litigation case that met a Decision 1179 criterion.
    pub success: Option<super::success::SuccessAssessment>,
    pub parties: Vec<Party>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CaseRecord {
    pub fn scope(&self) -> ResourceScope {
        ResourceScope {
            org_id: Some(self.organisation_id),
            centre_id: self.centre_id,
            province: self.province_code,
            user_id: None,
            practitioner_id: self.practitioner_id,
        }
    }

    /// A deadline has passed: an unanswered reassignment request, or the
    /// proof of an urgent case still missing.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.reassignment_due_on.is_some_and(|d| d < today)
            || self.proof_due_on.is_some_and(|d| d < today)
    }

    /// The nearest pending deadline: a reassignment request to answer or
    /// the proof of an urgent case to supply (what [`Self::overdue`] checks).
    pub fn next_deadline(&self) -> Option<NaiveDate> {
        match (self.reassignment_due_on, self.proof_due_on) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    pub fn beneficiary(&self) -> Option<&Party> {
        self.parties
            .iter()
            .find(|p| p.role == PartyRole::Beneficiary)
    }

    /// Code and party names, folded, for diacritic-insensitive search.
    pub fn search_text(&self) -> String {
        let mut parts: Vec<&str> = self.parties.iter().map(|p| p.full_name.as_str()).collect();
        let code = self.code.as_ref().map(CaseCode::to_string);
        if let Some(c) = &code {
            parts.push(c);
        }
        text::search_text(parts)
    }

    /// The name-search terms of the case: word pairs of each party's folded
    /// name (pairs never span two people), without repeats.
    pub fn search_terms(&self) -> Vec<String> {
        let mut terms: Vec<String> = self
            .parties
            .iter()
            .flat_map(|p| text::word_pairs(&text::fold(&p.full_name)))
            .filter(|t| t.len() <= 128)
            .collect();
        terms.sort();
        terms.dedup();
        terms
    }
}

/// What was done on a case (the dated activity log).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Meeting,
    AdviceGiven,
    DocumentFiled,
    ProceduralStep,
    Other,
}

impl ActivityKind {
    pub fn label_vi(self) -> &'static str {
        match self {
            ActivityKind::Meeting => "Gặp người được TGPL",
            ActivityKind::AdviceGiven => "Tư vấn",
            ActivityKind::DocumentFiled => "Nộp văn bản",
            ActivityKind::ProceduralStep => "Hoạt động tố tụng",
            ActivityKind::Other => "Khác",
        }
    }

    pub const ALL: [ActivityKind; 5] = [
        ActivityKind::Meeting,
        ActivityKind::AdviceGiven,
        ActivityKind::DocumentFiled,
        ActivityKind::ProceduralStep,
        ActivityKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Meeting => "meeting",
            ActivityKind::AdviceGiven => "advice_given",
            ActivityKind::DocumentFiled => "document_filed",
            ActivityKind::ProceduralStep => "procedural_step",
            ActivityKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(
                    "case.activity_kind_unknown",
                    format!("unknown activity kind '{s}'"),
                )
            })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: Uuid,
    pub case_id: Uuid,
    pub kind: ActivityKind,
    pub occurred_on: NaiveDate,
    pub description: String,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// Eligibility categories whose mere presence reveals sensitive personal
/// data (ethnicity, trafficking, Agent Orange, disability, domestic violence,
/// HIV): Law 11/2017 Art. 6, Law 91/2025 on personal data.
pub const SENSITIVE_CATEGORIES: [&str; 6] = ["4", "6a", "7b", "7d", "7e", "7h"];

/// What replaces a masked value on the wire.
pub const MASK: &str = "***";

impl CaseRecord {
    /// Hides what a role without a need to know must not see: ID numbers
    /// (all but the last 3 digits), ethnicity, dates of birth, phone numbers,
    /// addresses and sensitive eligibility categories.
    pub fn mask_sensitive(&mut self) {
        for p in &mut self.parties {
            p.id_number = p.id_number.as_deref().map(|id| {
                let tail: String = id
                    .chars()
                    .rev()
                    .take(3)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                format!("{MASK}{tail}")
            });
            p.ethnicity = p.ethnicity.as_ref().map(|_| MASK.to_owned());
            p.date_of_birth = None;
            p.phone = p.phone.as_ref().map(|_| MASK.to_owned());
            p.address = p.address.as_ref().map(|_| MASK.to_owned());
        }
        for code in &mut self.eligibility_codes {
            if SENSITIVE_CATEGORIES.contains(&code.as_str()) {
                *code = MASK.to_owned();
            }
        }
        // The proof still missing names the category ("… nhiễm HIV").
        for item in &mut self.missing_proof {
            let reveals = crate::eligibility::CATEGORIES
                .iter()
                .filter(|c| SENSITIVE_CATEGORIES.contains(&c.code.as_ref()))
                .any(|c| {
                    c.proof_documents
                        .iter()
                        .any(|d| d.as_ref() == item.as_str())
                });
            if reveals {
                *item = MASK.to_owned();
            }
        }
    }
}

/// Personal fields of a party that masking hides (the name stays: it
/// identifies the case to those who may read it).
const MASKED_PARTY_FIELDS: [&str; 5] = [
    "id_number",
    "ethnicity",
    "date_of_birth",
    "phone",
    "address",
];

/// Masks a case (or something holding parties) as stored JSON, e.g. an
/// audit event's before/after values: the same rules as
/// [`CaseRecord::mask_sensitive`], which does the work whenever the value
/// is a case record; other shapes get the same fields masked by name.
pub fn mask_json(value: &mut serde_json::Value) {
    if let Ok(mut record) = serde_json::from_value::<CaseRecord>(value.clone()) {
        record.mask_sensitive();
        if let Ok(masked) = serde_json::to_value(&record) {
            *value = masked;
            return;
        }
    }
    mask_json_by_name(value);
}

fn mask_json_by_name(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if MASKED_PARTY_FIELDS.contains(&key.as_str()) && !v.is_null() {
                    *v = Value::String(MASK.to_owned());
                } else if key == "eligibility_codes" {
                    if let Value::Array(codes) = v {
                        for c in codes.iter_mut() {
                            if c.as_str()
                                .is_some_and(|s| SENSITIVE_CATEGORIES.contains(&s))
                            {
                                *c = Value::String(MASK.to_owned());
                            }
                        }
                    }
                } else {
                    mask_json_by_name(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_json_by_name),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_json_follows_the_record_rules() {
        let mut case = tests_support::sample(CaseState::Received);
        case.eligibility_codes = vec!["2".into(), "7h".into()];
        let mut json = serde_json::to_value(&case).unwrap();
        mask_json(&mut json);
        let mut typed = case.clone();
        typed.mask_sensitive();
        assert_eq!(json, serde_json::to_value(&typed).unwrap());
        assert_eq!(json["eligibility_codes"][1], MASK);
        // Another shape holding parties: masked by field name.
        let mut other = serde_json::json!({"parties": [{"full_name": "A", "phone": "0912"}], "eligibility_codes": ["7h"]});
        mask_json(&mut other);
        assert_eq!(other["parties"][0]["phone"], MASK);
        assert_eq!(other["parties"][0]["full_name"], "A");
        assert_eq!(other["eligibility_codes"][0], MASK);
    }

    #[test]
    fn masking_hides_identity_and_sensitive_categories() {
        let mut case = tests_support::sample(CaseState::Received);
        case.eligibility_codes = vec!["2".into(), "7h".into()];
        case.parties = vec![Party {
            id: Uuid::nil(),
            role: PartyRole::Beneficiary,
            full_name: "Lò Thị Mai".into(),
            sex: None,
            date_of_birth: NaiveDate::from_ymd_opt(1990, 1, 1),
            procedural_role: None,
            ethnicity: Some("Thái".into()),
            address: Some("Bản Lác".into()),
            phone: Some("0912345678".into()),
            id_number: Some("001190012345".into()),
            person_id: None,
        }];
        case.mask_sensitive();
        let p = &case.parties[0];
        assert_eq!(
            p.full_name, "Lò Thị Mai",
            "the name stays: it identifies the case"
        );
        assert_eq!(p.id_number.as_deref(), Some("***345"));
        assert_eq!(p.ethnicity.as_deref(), Some(MASK));
        assert_eq!(p.date_of_birth, None);
        assert_eq!(case.eligibility_codes, ["2", MASK]);
    }
}

/// How a hearing is held (Resolution 33/2021/QH15 allows online hearings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HearingMode {
    InPerson,
    Online,
}

impl HearingMode {
    pub fn label_vi(self) -> &'static str {
        match self {
            HearingMode::InPerson => "Trực tiếp",
            HearingMode::Online => "Trực tuyến",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            HearingMode::InPerson => "in_person",
            HearingMode::Online => "online",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s {
            "in_person" => Ok(HearingMode::InPerson),
            "online" => Ok(HearingMode::Online),
            _ => Err(ParseError::new(
                "case.hearing_mode_unknown",
                format!("unknown hearing mode '{s}'"),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hearing {
    pub id: Uuid,
    pub case_id: Uuid,
    pub court: String,
    pub starts_at: DateTime<Utc>,
    pub mode: HearingMode,
    pub location: Option<String>,
    pub notes: Option<String>,
    /// The practitioner who attends.
    pub practitioner_id: Option<Uuid>,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// The orders a case list can be read in. Every order ends on the id, so
/// pages never skip or repeat a case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    /// Most recently recorded first (the default).
    #[default]
    Newest,
    Oldest,
    /// Latest request date first.
    RequestDateDesc,
    /// Earliest request date first (the oldest waiting requests).
    RequestDateAsc,
    /// Most recently changed first.
    UpdatedDesc,
    /// Latest acceptance first; cases not yet accepted last.
    AcceptedDesc,
    /// Earliest acceptance first; cases not yet accepted last.
    AcceptedAsc,
    /// Register order: year, then register number (the code's number);
    /// cases without a code last.
    CodeAsc,
    /// Reverse register order; cases without a code last.
    CodeDesc,
    /// Lifecycle order (received … archived); within a state, oldest
    /// recorded first.
    StatusAsc,
    /// Reverse lifecycle order (archived … received); within a state,
    /// newest recorded first.
    StatusDesc,
    /// Nearest pending deadline first (proof to supply, reassignment to
    /// answer); cases with none last.
    DeadlineAsc,
    /// Furthest pending deadline first; cases with none last.
    DeadlineDesc,
}

impl CaseSort {
    pub const ALL: [CaseSort; 13] = [
        CaseSort::Newest,
        CaseSort::Oldest,
        CaseSort::RequestDateDesc,
        CaseSort::RequestDateAsc,
        CaseSort::UpdatedDesc,
        CaseSort::AcceptedDesc,
        CaseSort::AcceptedAsc,
        CaseSort::CodeAsc,
        CaseSort::CodeDesc,
        CaseSort::StatusAsc,
        CaseSort::StatusDesc,
        CaseSort::DeadlineAsc,
        CaseSort::DeadlineDesc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseSort::Newest => "newest",
            CaseSort::Oldest => "oldest",
            CaseSort::RequestDateDesc => "request_date_desc",
            CaseSort::RequestDateAsc => "request_date_asc",
            CaseSort::UpdatedDesc => "updated_desc",
            CaseSort::AcceptedDesc => "accepted_desc",
            CaseSort::AcceptedAsc => "accepted_asc",
            CaseSort::CodeAsc => "code_asc",
            CaseSort::CodeDesc => "code_desc",
            CaseSort::StatusAsc => "status_asc",
            CaseSort::StatusDesc => "status_desc",
            CaseSort::DeadlineAsc => "deadline_asc",
            CaseSort::DeadlineDesc => "deadline_desc",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A plausible case for unit tests of the rules.
#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;
    use crate::case::{CaseState, Channel, FieldOfLaw, FormOfAid};
    use chrono::{DateTime, NaiveDate, Utc};
    use uuid::Uuid;

    pub fn sample(status: CaseState) -> CaseRecord {
        CaseRecord {
            id: Uuid::nil(),
            organisation_id: Uuid::nil(),
            province_code: None,
            centre_id: None,
            status,
            channel: Channel::InPerson,
            referral_received_at: None,
            request_date: NaiveDate::MIN,
            form_of_aid: FormOfAid::Advice,
            field_of_law: FieldOfLaw::Land,
            summary: "Tranh chấp quyền sử dụng đất với hộ liền kề".into(),
            eligibility_codes: vec!["2".into()],
            missing_proof: vec![],
            urgent: false,
            proof_due_on: None,
            code: None,
            register_number: None,
            accepted_on: None,
            refusal_ground: None,
            discontinuation_ground: None,
            closed_on: None,
            outcome: None,
            practitioner_id: None,
            reassignment_requested_on: None,
            reassignment_due_on: None,
            success: None,
            parties: vec![Party {
                id: Uuid::nil(),
                role: PartyRole::Beneficiary,
                full_name: "Trần Văn Sơn".into(),
                sex: Some("male".into()),
                date_of_birth: NaiveDate::from_ymd_opt(1980, 1, 1),
                procedural_role: None,
                ethnicity: None,
                address: Some("Hà Nội".into()),
                phone: Some("0912345678".into()),
                id_number: None,
                person_id: None,
            }],
            version: 1,
            created_at: DateTime::<Utc>::MIN_UTC,
            updated_at: DateTime::<Utc>::MIN_UTC,
        }
    }
}
