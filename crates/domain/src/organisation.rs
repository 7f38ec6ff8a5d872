//! Organisations of the legal-aid system and how they nest (DOMAIN §2).
use crate::{ParseError, ProvinceCode};
use serde::{Deserialize, Serialize};

/// The kinds of organisation, from the national department down to
/// participating law firms and consultancies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// Cục PBGDPL & TGPL, Ministry of Justice.
    MinistryDepartment,
    /// Sở Tư pháp, one per province.
    JusticeDepartment,
    /// Trung tâm TGPL nhà nước, one per province.
    Centre,
    /// Chi nhánh of a centre.
    Branch,
    /// Tổ chức ký hợp đồng thực hiện TGPL (contract with the Justice Department).
    ContractedOrg,
    /// Tổ chức đăng ký tham gia TGPL (registered with the Justice Department).
    RegisteredOrg,
}

impl OrgKind {
    /// Vietnamese label, as the register and its exports name the kind.
    pub fn label_vi(self) -> &'static str {
        match self {
            OrgKind::MinistryDepartment => "Cục (Bộ Tư pháp)",
            OrgKind::JusticeDepartment => "Sở Tư pháp",
            OrgKind::Centre => "Trung tâm TGPL nhà nước",
            OrgKind::Branch => "Chi nhánh",
            OrgKind::ContractedOrg => "Tổ chức ký hợp đồng",
            OrgKind::RegisteredOrg => "Tổ chức đăng ký tham gia",
        }
    }

    pub const ALL: [OrgKind; 6] = [
        OrgKind::MinistryDepartment,
        OrgKind::JusticeDepartment,
        OrgKind::Centre,
        OrgKind::Branch,
        OrgKind::ContractedOrg,
        OrgKind::RegisteredOrg,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::MinistryDepartment => "ministry_department",
            OrgKind::JusticeDepartment => "justice_department",
            OrgKind::Centre => "centre",
            OrgKind::Branch => "branch",
            OrgKind::ContractedOrg => "contracted_org",
            OrgKind::RegisteredOrg => "registered_org",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(
                    "organisation.kind_unknown",
                    format!("unknown organisation kind '{s}'"),
                )
            })
    }

    /// The kind an organisation of this kind must hang under (None: the root).
    pub fn parent_kind(self) -> Option<OrgKind> {
        match self {
            OrgKind::MinistryDepartment => None,
            OrgKind::JusticeDepartment => Some(OrgKind::MinistryDepartment),
            OrgKind::Centre => Some(OrgKind::JusticeDepartment),
            OrgKind::Branch => Some(OrgKind::Centre),
            // Law 11/2017 Art. 15–16: contracts and registrations are with the Justice Department.
            OrgKind::ContractedOrg | OrgKind::RegisteredOrg => Some(OrgKind::JusticeDepartment),
        }
    }

    /// Whether organisations of this kind belong to a province.
    pub fn is_provincial(self) -> bool {
        self != OrgKind::MinistryDepartment
    }

    /// Participating organisations carry a contract or registration.
    pub fn is_participating(self) -> bool {
        matches!(self, OrgKind::ContractedOrg | OrgKind::RegisteredOrg)
    }

    /// Whether practitioners can be attached to this kind of organisation.
    pub fn employs_practitioners(self) -> bool {
        matches!(
            self,
            OrgKind::Centre | OrgKind::Branch | OrgKind::ContractedOrg | OrgKind::RegisteredOrg
        )
    }

    /// The kinds the public directory lists: those that give legal aid
    /// (the published list of organisations, issue #12).
    pub fn public_directory() -> Vec<OrgKind> {
        Self::ALL
            .into_iter()
            .filter(|k| k.employs_practitioners())
            .collect()
    }

    /// Whether an organisation of this kind, in this status, takes online
    /// requests into its intake queue: an active State Legal Aid Centre or
    /// one of its branches (participating organisations take cases the
    /// Justice Department sends them, not the public's requests).
    pub fn receives_online_requests(self, status: OrgStatus) -> bool {
        matches!(self, OrgKind::Centre | OrgKind::Branch) && status == OrgStatus::Active
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgStatus {
    Active,
    /// Stopped taking part (contract ended, registration withdrawn, closed).
    Inactive,
    /// Merged into another organisation; its history stays attributed to it.
    Merged,
}

impl OrgStatus {
    pub fn label_vi(self) -> &'static str {
        match self {
            OrgStatus::Active => "Đang hoạt động",
            OrgStatus::Inactive => "Ngừng hoạt động",
            OrgStatus::Merged => "Đã hợp nhất",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OrgStatus::Active => "active",
            OrgStatus::Inactive => "inactive",
            OrgStatus::Merged => "merged",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        [OrgStatus::Active, OrgStatus::Inactive, OrgStatus::Merged]
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(
                    "organisation.status_unknown",
                    format!("unknown status '{s}'"),
                )
            })
    }
}

/// The short name used as the first part of a case code (`TT`, `CN1`, `LSHN`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrgAbbreviation(String);

impl OrgAbbreviation {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let s = input.trim().to_uppercase();
        let ok = (1..=12).contains(&s.chars().count())
            && s.chars().next().is_some_and(|c| c.is_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || c == 'Đ');
        if ok {
            Ok(Self(s))
        } else {
            Err(ParseError::new(
                "organisation.abbreviation_invalid",
                "abbreviation must be 1–12 capital letters or digits starting with a letter, e.g. TT or CN1",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OrgAbbreviation {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<OrgAbbreviation> for String {
    fn from(value: OrgAbbreviation) -> Self {
        value.0
    }
}

/// What the hierarchy rules need to know about a prospective parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParentRef {
    pub kind: OrgKind,
    pub province: Option<ProvinceCode>,
    pub status: OrgStatus,
}

/// Why an organisation cannot be placed where it was asked to go.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HierarchyError {
    #[error("a {child} must be placed under a {expected}, not a {found}")]
    WrongParentKind {
        child: &'static str,
        expected: &'static str,
        found: &'static str,
    },
    #[error("a {0} needs a parent organisation")]
    ParentRequired(&'static str),
    #[error("the ministry department has no parent")]
    RootHasNoParent,
    #[error("a {0} must belong to a province")]
    ProvinceRequired(&'static str),
    #[error("the ministry department belongs to no province")]
    RootHasNoProvince,
    #[error("an organisation must be in the same province as its parent ({0})")]
    ProvinceMismatch(String),
    #[error("the parent organisation is not active")]
    ParentInactive,
}

impl HierarchyError {
    pub fn code(&self) -> &'static str {
        match self {
            HierarchyError::WrongParentKind { .. } => "organisation.wrong_parent_kind",
            HierarchyError::ParentRequired(_) => "organisation.parent_required",
            HierarchyError::RootHasNoParent => "organisation.root_has_no_parent",
            HierarchyError::ProvinceRequired(_) => "organisation.province_required",
            HierarchyError::RootHasNoProvince => "organisation.root_has_no_province",
            HierarchyError::ProvinceMismatch(_) => "organisation.province_mismatch",
            HierarchyError::ParentInactive => "organisation.parent_inactive",
        }
    }

    /// The request field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            HierarchyError::ProvinceRequired(_)
            | HierarchyError::RootHasNoProvince
            | HierarchyError::ProvinceMismatch(_) => "province_code",
            _ => "parent_id",
        }
    }
}

/// Checks that an organisation of `kind` in `province` may hang under `parent`.
pub fn check_placement(
    kind: OrgKind,
    province: Option<ProvinceCode>,
    parent: Option<ParentRef>,
) -> Result<(), HierarchyError> {
    match (kind.is_provincial(), province) {
        (true, None) => return Err(HierarchyError::ProvinceRequired(kind.as_str())),
        (false, Some(_)) => return Err(HierarchyError::RootHasNoProvince),
        _ => {}
    }
    match (kind.parent_kind(), parent) {
        (None, Some(_)) => Err(HierarchyError::RootHasNoParent),
        (None, None) => Ok(()),
        (Some(_), None) => Err(HierarchyError::ParentRequired(kind.as_str())),
        (Some(expected), Some(parent)) => {
            if parent.kind != expected {
                return Err(HierarchyError::WrongParentKind {
                    child: kind.as_str(),
                    expected: expected.as_str(),
                    found: parent.kind.as_str(),
                });
            }
            if parent.status != OrgStatus::Active {
                return Err(HierarchyError::ParentInactive);
            }
            match (parent.province, province) {
                (Some(pp), Some(cp)) if pp != cp => {
                    Err(HierarchyError::ProvinceMismatch(pp.to_string()))
                }
                _ => Ok(()),
            }
        }
    }
}

/// Why two organisations cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("an organisation cannot be merged into itself")]
    SameOrganisation,
    #[error("only organisations of the same kind can be merged")]
    KindMismatch,
    #[error("the organisation is already merged or inactive")]
    NotActive,
    #[error("the ministry department cannot be merged")]
    Root,
}

impl MergeError {
    pub fn code(&self) -> &'static str {
        match self {
            MergeError::SameOrganisation => "organisation.merge_into_self",
            MergeError::KindMismatch => "organisation.merge_kind_mismatch",
            MergeError::NotActive => "organisation.merge_not_active",
            MergeError::Root => "organisation.merge_root",
        }
    }
}

/// Merging keeps the source row (status `merged`, pointing at the target) so
/// its old cases and reports stay attributed to it (DOMAIN §2: 63 → 34 provinces).
pub fn check_merge(
    source: (uuid::Uuid, OrgKind, OrgStatus),
    target: (uuid::Uuid, OrgKind, OrgStatus),
) -> Result<(), MergeError> {
    if source.0 == target.0 {
        return Err(MergeError::SameOrganisation);
    }
    if source.1 == OrgKind::MinistryDepartment {
        return Err(MergeError::Root);
    }
    if source.1 != target.1 {
        return Err(MergeError::KindMismatch);
    }
    if source.2 != OrgStatus::Active || target.2 != OrgStatus::Active {
        return Err(MergeError::NotActive);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hn() -> Option<ProvinceCode> {
        ProvinceCode::parse("01").ok()
    }
    fn hcm() -> Option<ProvinceCode> {
        ProvinceCode::parse("79").ok()
    }
    fn parent(kind: OrgKind, province: Option<ProvinceCode>) -> Option<ParentRef> {
        Some(ParentRef {
            kind,
            province,
            status: OrgStatus::Active,
        })
    }

    #[test]
    fn the_hierarchy_chain_is_ministry_department_centre_branch() {
        assert_eq!(
            check_placement(OrgKind::MinistryDepartment, None, None),
            Ok(())
        );
        assert_eq!(
            check_placement(
                OrgKind::JusticeDepartment,
                hn(),
                parent(OrgKind::MinistryDepartment, None)
            ),
            Ok(())
        );
        assert_eq!(
            check_placement(
                OrgKind::Centre,
                hn(),
                parent(OrgKind::JusticeDepartment, hn())
            ),
            Ok(())
        );
        assert_eq!(
            check_placement(OrgKind::Branch, hn(), parent(OrgKind::Centre, hn())),
            Ok(())
        );
        for k in [OrgKind::ContractedOrg, OrgKind::RegisteredOrg] {
            assert_eq!(
                check_placement(k, hn(), parent(OrgKind::JusticeDepartment, hn())),
                Ok(())
            );
        }
    }

    #[test]
    fn a_branch_cannot_hang_under_a_justice_department() {
        let err = check_placement(
            OrgKind::Branch,
            hn(),
            parent(OrgKind::JusticeDepartment, hn()),
        )
        .unwrap_err();
        assert_eq!(err.code(), "organisation.wrong_parent_kind");
    }

    #[test]
    fn a_centre_stays_in_its_departments_province() {
        let err = check_placement(
            OrgKind::Centre,
            hcm(),
            parent(OrgKind::JusticeDepartment, hn()),
        )
        .unwrap_err();
        assert_eq!(err, HierarchyError::ProvinceMismatch("01".into()));
    }

    #[test]
    fn provincial_units_need_a_province_and_the_root_has_none() {
        assert_eq!(
            check_placement(
                OrgKind::Centre,
                None,
                parent(OrgKind::JusticeDepartment, hn())
            ),
            Err(HierarchyError::ProvinceRequired("centre"))
        );
        assert_eq!(
            check_placement(OrgKind::MinistryDepartment, hn(), None),
            Err(HierarchyError::RootHasNoProvince)
        );
        assert_eq!(
            check_placement(OrgKind::Branch, hn(), None),
            Err(HierarchyError::ParentRequired("branch"))
        );
    }

    #[test]
    fn nothing_new_goes_under_a_merged_unit() {
        let merged = Some(ParentRef {
            kind: OrgKind::Centre,
            province: hn(),
            status: OrgStatus::Merged,
        });
        assert_eq!(
            check_placement(OrgKind::Branch, hn(), merged),
            Err(HierarchyError::ParentInactive)
        );
    }

    #[test]
    fn merge_needs_two_active_units_of_one_kind() {
        let a = uuid::Uuid::from_u128(1);
        let b = uuid::Uuid::from_u128(2);
        let active = OrgStatus::Active;
        assert_eq!(
            check_merge((a, OrgKind::Branch, active), (b, OrgKind::Branch, active)),
            Ok(())
        );
        assert_eq!(
            check_merge((a, OrgKind::Branch, active), (a, OrgKind::Branch, active)),
            Err(MergeError::SameOrganisation)
        );
        assert_eq!(
            check_merge((a, OrgKind::Branch, active), (b, OrgKind::Centre, active)),
            Err(MergeError::KindMismatch)
        );
        assert_eq!(
            check_merge(
                (a, OrgKind::Branch, OrgStatus::Merged),
                (b, OrgKind::Branch, active)
            ),
            Err(MergeError::NotActive)
        );
    }

    #[test]
    fn abbreviations_are_upper_case_codes() {
        assert_eq!(OrgAbbreviation::parse("cn1").unwrap().as_str(), "CN1");
        assert!(OrgAbbreviation::parse("1CN").is_err());
        assert!(OrgAbbreviation::parse("T T").is_err());
        assert!(OrgAbbreviation::parse("").is_err());
    }
}
