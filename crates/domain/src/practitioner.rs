//! Practitioners (người thực hiện TGPL), DOMAIN §3; Law 11/2017 Art. 17.
use crate::{OrgKind, ParseError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The six kinds of practitioner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PractitionerKind {
    /// Trợ giúp viên pháp lý (salaried officer of a centre).
    LegalAidOfficer,
    /// Luật sư ký hợp đồng với Trung tâm.
    CentreContractLawyer,
    /// Luật sư của tổ chức ký hợp đồng.
    ContractedOrgLawyer,
    /// Luật sư của tổ chức đăng ký tham gia.
    RegisteredOrgLawyer,
    /// Tư vấn viên pháp luật.
    LegalConsultant,
    /// Cộng tác viên TGPL.
    Collaborator,
}

impl PractitionerKind {
    pub const ALL: [PractitionerKind; 6] = [
        PractitionerKind::LegalAidOfficer,
        PractitionerKind::CentreContractLawyer,
        PractitionerKind::ContractedOrgLawyer,
        PractitionerKind::RegisteredOrgLawyer,
        PractitionerKind::LegalConsultant,
        PractitionerKind::Collaborator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PractitionerKind::LegalAidOfficer => "legal_aid_officer",
            PractitionerKind::CentreContractLawyer => "centre_contract_lawyer",
            PractitionerKind::ContractedOrgLawyer => "contracted_org_lawyer",
            PractitionerKind::RegisteredOrgLawyer => "registered_org_lawyer",
            PractitionerKind::LegalConsultant => "legal_consultant",
            PractitionerKind::Collaborator => "collaborator",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(
                    "practitioner.kind_unknown",
                    format!("unknown practitioner kind '{s}'"),
                )
            })
    }

    /// Vietnamese label used in the UI and reports.
    pub fn label_vi(self) -> &'static str {
        match self {
            PractitionerKind::LegalAidOfficer => "Trợ giúp viên pháp lý",
            PractitionerKind::CentreContractLawyer => "Luật sư ký hợp đồng với Trung tâm",
            PractitionerKind::ContractedOrgLawyer => "Luật sư của tổ chức ký hợp đồng",
            PractitionerKind::RegisteredOrgLawyer => "Luật sư của tổ chức đăng ký tham gia",
            PractitionerKind::LegalConsultant => "Tư vấn viên pháp luật",
            PractitionerKind::Collaborator => "Cộng tác viên trợ giúp pháp lý",
        }
    }

    /// Which organisations a practitioner of this kind can work for.
    pub fn allowed_org_kinds(self) -> &'static [OrgKind] {
        match self {
            PractitionerKind::LegalAidOfficer
            | PractitionerKind::CentreContractLawyer
            | PractitionerKind::Collaborator => &[OrgKind::Centre, OrgKind::Branch],
            PractitionerKind::ContractedOrgLawyer => &[OrgKind::ContractedOrg],
            PractitionerKind::RegisteredOrgLawyer => &[OrgKind::RegisteredOrg],
            PractitionerKind::LegalConsultant => &[OrgKind::ContractedOrg, OrgKind::RegisteredOrg],
        }
    }

    /// Contract lawyers work under a contract with a start date.
    pub fn requires_contract(self) -> bool {
        self == PractitionerKind::CentreContractLawyer
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PractitionerStatus {
    Active,
    Suspended,
    Left,
}

impl PractitionerStatus {
    pub fn label_vi(self) -> &'static str {
        match self {
            PractitionerStatus::Active => "Đang hoạt động",
            PractitionerStatus::Suspended => "Tạm đình chỉ",
            PractitionerStatus::Left => "Đã thôi",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PractitionerStatus::Active => "active",
            PractitionerStatus::Suspended => "suspended",
            PractitionerStatus::Left => "left",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        [
            PractitionerStatus::Active,
            PractitionerStatus::Suspended,
            PractitionerStatus::Left,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| {
            ParseError::new(
                "practitioner.status_unknown",
                format!("unknown status '{s}'"),
            )
        })
    }
}

/// A legal-aid officer card or lawyer's practising certificate number:
/// letters, digits, `/`, `-` and `.`, 3–30 characters (`123/TGVPL`, `LS-4567`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CardNumber(String);

impl CardNumber {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let s = input.trim().to_uppercase();
        let ok = (3..=30).contains(&s.chars().count())
            && s.chars().any(|c| c.is_ascii_digit())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '.' | 'Đ'));
        if ok {
            Ok(Self(s))
        } else {
            Err(ParseError::new(
                "practitioner.card_number_invalid",
                "card number must be 3–30 letters, digits, '/', '-' or '.', with at least one digit",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CardNumber {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CardNumber> for String {
    fn from(value: CardNumber) -> Self {
        value.0
    }
}

/// Why a practitioner record is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PractitionerError {
    #[error("a {kind} cannot work for a {org}")]
    WrongOrganisation {
        kind: &'static str,
        org: &'static str,
    },
    #[error("a contract lawyer needs the contract start date")]
    ContractRequired,
    #[error("the contract ends before it starts")]
    ContractPeriodInverted,
    #[error("the organisation is not active")]
    OrganisationInactive,
}

impl PractitionerError {
    pub fn code(&self) -> &'static str {
        match self {
            PractitionerError::WrongOrganisation { .. } => "practitioner.wrong_organisation",
            PractitionerError::ContractRequired => "practitioner.contract_required",
            PractitionerError::ContractPeriodInverted => "practitioner.contract_period_inverted",
            PractitionerError::OrganisationInactive => "practitioner.organisation_inactive",
        }
    }

    pub fn field(&self) -> &'static str {
        match self {
            PractitionerError::WrongOrganisation { .. }
            | PractitionerError::OrganisationInactive => "organisation_id",
            PractitionerError::ContractRequired => "contract_start",
            PractitionerError::ContractPeriodInverted => "contract_end",
        }
    }
}

/// Checks a practitioner's kind against the organisation and the contract period.
pub fn check_practitioner(
    kind: PractitionerKind,
    org_kind: OrgKind,
    org_active: bool,
    contract_start: Option<NaiveDate>,
    contract_end: Option<NaiveDate>,
) -> Result<(), PractitionerError> {
    if !kind.allowed_org_kinds().contains(&org_kind) {
        return Err(PractitionerError::WrongOrganisation {
            kind: kind.as_str(),
            org: org_kind.as_str(),
        });
    }
    if !org_active {
        return Err(PractitionerError::OrganisationInactive);
    }
    if kind.requires_contract() && contract_start.is_none() {
        return Err(PractitionerError::ContractRequired);
    }
    if let (Some(s), Some(e)) = (contract_start, contract_end)
        && e < s
    {
        return Err(PractitionerError::ContractPeriodInverted);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn officers_work_for_centres_and_branches_only() {
        assert!(
            check_practitioner(
                PractitionerKind::LegalAidOfficer,
                OrgKind::Branch,
                true,
                None,
                None
            )
            .is_ok()
        );
        let err = check_practitioner(
            PractitionerKind::LegalAidOfficer,
            OrgKind::ContractedOrg,
            true,
            None,
            None,
        );
        assert_eq!(err.unwrap_err().code(), "practitioner.wrong_organisation");
    }

    #[test]
    fn each_kind_has_at_least_one_home() {
        for kind in PractitionerKind::ALL {
            let home = kind.allowed_org_kinds()[0];
            let (start, end) = (d(2025, 1, 1), d(2027, 12, 31));
            assert!(
                check_practitioner(kind, home, true, start, end).is_ok(),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn contract_lawyers_need_a_sane_contract_period() {
        let k = PractitionerKind::CentreContractLawyer;
        assert_eq!(
            check_practitioner(k, OrgKind::Centre, true, None, None),
            Err(PractitionerError::ContractRequired)
        );
        assert_eq!(
            check_practitioner(k, OrgKind::Centre, true, d(2026, 1, 1), d(2025, 1, 1)),
            Err(PractitionerError::ContractPeriodInverted)
        );
    }

    #[test]
    fn card_numbers() {
        assert_eq!(
            CardNumber::parse(" 123/tgvpl ").unwrap().as_str(),
            "123/TGVPL"
        );
        assert!(CardNumber::parse("ABC").is_err());
        assert!(CardNumber::parse("12 34").is_err());
    }
}
