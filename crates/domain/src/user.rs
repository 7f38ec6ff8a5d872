//! User accounts and their roles (DOMAIN §9).
use crate::{OrgKind, ParseError};
use serde::{Deserialize, Serialize};

/// What a user account may do, always within its organisation's scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    NationalAdmin,
    NationalStaff,
    JusticeDepartmentStaff,
    CentreDirector,
    CentreDeputy,
    BranchHead,
    CentreClerk,
    LegalAidOfficer,
    ContractedLawyer,
    ParticipatingOrgAccount,
    IntegrationService,
    /// Takes the legal-aid hotline's calls: at the ministry's information
    /// and data centre (the national hotline) or at a centre.
    HotlineOperator,
    /// The data-protection officer (Law 91/2025): sees who read a
    /// beneficiary's record and answers the person's requests about their
    /// data, for the country (at the ministry), a province (at a Justice
    /// Department) or a centre.
    DataProtectionOfficer,
    /// Evaluates the quality of cases named to them in an evaluation plan:
    /// an outside expert (or staff) with an account at the ministry's
    /// department or a Justice Department that sees only those cases,
    /// masked (DOMAIN §7, §9).
    Evaluator,
}

impl Role {
    pub const ALL: [Role; 14] = [
        Role::NationalAdmin,
        Role::NationalStaff,
        Role::JusticeDepartmentStaff,
        Role::CentreDirector,
        Role::CentreDeputy,
        Role::BranchHead,
        Role::CentreClerk,
        Role::LegalAidOfficer,
        Role::ContractedLawyer,
        Role::ParticipatingOrgAccount,
        Role::IntegrationService,
        Role::HotlineOperator,
        Role::DataProtectionOfficer,
        Role::Evaluator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::NationalAdmin => "national_admin",
            Role::NationalStaff => "national_staff",
            Role::JusticeDepartmentStaff => "justice_department_staff",
            Role::CentreDirector => "centre_director",
            Role::CentreDeputy => "centre_deputy",
            Role::BranchHead => "branch_head",
            Role::CentreClerk => "centre_clerk",
            Role::LegalAidOfficer => "legal_aid_officer",
            Role::ContractedLawyer => "contracted_lawyer",
            Role::ParticipatingOrgAccount => "participating_org_account",
            Role::IntegrationService => "integration_service",
            Role::HotlineOperator => "hotline_operator",
            Role::DataProtectionOfficer => "data_protection_officer",
            Role::Evaluator => "evaluator",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| ParseError::new("user.role_unknown", format!("unknown role '{s}'")))
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Role::NationalAdmin => "Quản trị hệ thống (Cục)",
            Role::NationalStaff => "Cán bộ Cục",
            Role::JusticeDepartmentStaff => "Cán bộ Sở Tư pháp",
            Role::CentreDirector => "Giám đốc Trung tâm",
            Role::CentreDeputy => "Phó Giám đốc Trung tâm",
            Role::BranchHead => "Trưởng Chi nhánh",
            Role::CentreClerk => "Văn thư / cán bộ tiếp nhận",
            Role::LegalAidOfficer => "Trợ giúp viên pháp lý",
            Role::ContractedLawyer => "Luật sư ký hợp đồng",
            Role::ParticipatingOrgAccount => "Tổ chức tham gia TGPL",
            Role::IntegrationService => "Tài khoản tích hợp",
            Role::HotlineOperator => "Tổng đài viên đường dây nóng TGPL",
            Role::DataProtectionOfficer => "Cán bộ bảo vệ dữ liệu cá nhân",
            Role::Evaluator => "Người đánh giá chất lượng vụ việc",
        }
    }

    /// The organisation kinds an account with this role can belong to.
    pub fn allowed_org_kinds(self) -> &'static [OrgKind] {
        match self {
            Role::NationalAdmin | Role::NationalStaff => &[OrgKind::MinistryDepartment],
            Role::JusticeDepartmentStaff => &[OrgKind::JusticeDepartment],
            Role::CentreDirector | Role::CentreDeputy | Role::CentreClerk => &[OrgKind::Centre],
            Role::BranchHead => &[OrgKind::Branch],
            Role::LegalAidOfficer | Role::ContractedLawyer => &[OrgKind::Centre, OrgKind::Branch],
            Role::ParticipatingOrgAccount => &[OrgKind::ContractedOrg, OrgKind::RegisteredOrg],
            Role::IntegrationService => &[OrgKind::MinistryDepartment, OrgKind::JusticeDepartment],
            Role::HotlineOperator => &[OrgKind::MinistryDepartment, OrgKind::Centre],
            Role::DataProtectionOfficer => &[
                OrgKind::MinistryDepartment,
                OrgKind::JusticeDepartment,
                OrgKind::Centre,
            ],
            // Named by the planners: the ministry's department or a Justice Department.
            Role::Evaluator => &[OrgKind::MinistryDepartment, OrgKind::JusticeDepartment],
        }
    }

    /// Roles that act for a practitioner and are linked to a register entry.
    pub fn is_practitioner(self) -> bool {
        matches!(self, Role::LegalAidOfficer | Role::ContractedLawyer)
    }

    /// Service accounts authenticate with API keys, never passwords.
    pub fn is_service(self) -> bool {
        self == Role::IntegrationService
    }
}

/// A login name: 3–64 characters of lower-case ASCII letters, digits, `.`, `_`, `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

impl Username {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let s = input.trim().to_lowercase();
        let ok = (3..=64).contains(&s.len())
            && s.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')
            });
        if ok {
            Ok(Self(s))
        } else {
            Err(ParseError::new(
                "user.username_invalid",
                "username must be 3–64 lower-case letters, digits, '.', '_' or '-'",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Username {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Username> for String {
    fn from(value: Username) -> Self {
        value.0
    }
}

/// The shortest password accepted (OWASP ASVS V2.1.1).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Passwords seen first in every guessing list, and the system's own words:
/// refused whatever their length (the strength estimate in `tgpl-app`
/// catches the rest).
const COMMON: [&str; 16] = [
    "password", "matkhau", "123456", "qwerty", "abc123", "admin", "tgpl", "trogiup", "iloveyou",
    "letmein", "welcome", "111111", "000000", "vietnam", "hanoi", "demo",
];

/// The length rule and the common-password rule, with a message that helps.
pub fn check_password_strength(password: &str) -> Result<(), ParseError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS || password.len() > 256 {
        return Err(ParseError::new(
            "user.password_weak",
            format!(
                "use at least {MIN_PASSWORD_CHARS} characters (up to 256); a short sentence is easy to remember and hard to guess"
            ),
        ));
    }
    let folded: String = crate::text::fold(password)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let distinct = password
        .chars()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let common = COMMON.iter().any(|w| {
        folded.trim_end_matches(|c: char| c.is_ascii_digit()) == *w
            || folded.starts_with(w) && folded[w.len()..].chars().all(|c| c.is_ascii_digit())
    });
    if common || distinct < 4 {
        return Err(ParseError::new(
            "user.password_common",
            "this password is among the first an attacker tries; choose words of your own",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_and_common_passwords_are_refused() {
        assert_eq!(
            check_password_strength("password123").unwrap_err().code,
            "user.password_weak"
        );
        assert_eq!(
            check_password_strength("Password123456").unwrap_err().code,
            "user.password_common"
        );
        assert_eq!(
            check_password_strength("aaaaaaaaaaaaaaa").unwrap_err().code,
            "user.password_common"
        );
        assert!(check_password_strength("Mat-khau-moi-cua-toi-2026").is_ok());
    }

    #[test]
    fn role_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Ok(r));
            assert!(!r.allowed_org_kinds().is_empty());
        }
        assert!(Role::parse("superuser").is_err());
    }

    #[test]
    fn usernames_and_passwords() {
        assert_eq!(Username::parse("GD.HaNoi").unwrap().as_str(), "gd.hanoi");
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse("nguyễn").is_err());
        assert!(check_password_strength("short1").is_err());
        // Length and guessability matter, not composition (NIST SP 800-63B).
        assert!(check_password_strength("longbutnodigits").is_ok());
        assert!(check_password_strength("Matkhau2026!").is_err());
        assert!(check_password_strength("Trời xanh mây trắng").is_ok());
    }
}
