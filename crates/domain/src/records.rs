//! The register records as the rest of the system sees them: the db layer
//! returns these, never its entities.
use crate::{
    OrgKind, OrgStatus, PractitionerKind, PractitionerStatus, ProvinceCode, ResourceScope, Role,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: Uuid,
    pub kind: OrgKind,
    pub name: String,
    pub abbreviation: String,
    pub province_code: Option<ProvinceCode>,
    pub parent_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
    pub status: OrgStatus,
    pub merged_into_id: Option<Uuid>,
    pub merged_on: Option<NaiveDate>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub registration_number: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Organisation {
    pub fn scope(&self) -> ResourceScope {
        ResourceScope {
            org_id: Some(self.id),
            centre_id: self.centre_id,
            province: self.province_code,
            user_id: None,
            practitioner_id: None,
        }
    }
}

/// The centre id stored on an organisation: a centre is its own centre,
/// a branch belongs to its parent centre, others to none.
pub fn centre_of(kind: OrgKind, id: Uuid, parent_id: Option<Uuid>) -> Option<Uuid> {
    match kind {
        OrgKind::Centre => Some(id),
        OrgKind::Branch => parent_id,
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Practitioner {
    pub id: Uuid,
    pub full_name: String,
    pub kind: PractitionerKind,
    pub card_number: String,
    pub organisation_id: Uuid,
    pub province_code: Option<ProvinceCode>,
    pub centre_id: Option<Uuid>,
    pub status: PractitionerStatus,
    pub sex: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub contract_start: Option<NaiveDate>,
    pub contract_end: Option<NaiveDate>,
    pub annual_quota: Option<i32>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Practitioner {
    pub fn scope(&self) -> ResourceScope {
        ResourceScope {
            org_id: Some(self.organisation_id),
            centre_id: self.centre_id,
            province: self.province_code,
            user_id: None,
            practitioner_id: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transfer {
    pub id: Uuid,
    pub practitioner_id: Uuid,
    pub from_organisation_id: Uuid,
    pub to_organisation_id: Uuid,
    pub effective_on: NaiveDate,
    pub reason: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    Active,
    Deactivated,
}

impl UserStatus {
    pub fn label_vi(self) -> &'static str {
        match self {
            UserStatus::Active => "Đang hoạt động",
            UserStatus::Deactivated => "Đã vô hiệu hóa",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Active => "active",
            UserStatus::Deactivated => "deactivated",
        }
    }
    pub fn parse(s: &str) -> Result<Self, crate::ParseError> {
        match s {
            "active" => Ok(UserStatus::Active),
            "deactivated" => Ok(UserStatus::Deactivated),
            _ => Err(crate::ParseError::new(
                "user.status_unknown",
                format!("unknown status '{s}'"),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserAccount {
    pub id: Uuid,
    pub username: String,
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub role: Role,
    pub organisation_id: Uuid,
    pub province_code: Option<ProvinceCode>,
    pub centre_id: Option<Uuid>,
    pub practitioner_id: Option<Uuid>,
    pub status: UserStatus,
    pub locked: bool,
    pub locked_reason: Option<String>,
    pub failed_logins: i32,
    pub locked_until: Option<DateTime<Utc>>,
    pub must_change_password: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl UserAccount {
    pub fn scope(&self) -> ResourceScope {
        ResourceScope {
            org_id: Some(self.organisation_id),
            centre_id: self.centre_id,
            province: self.province_code,
            user_id: Some(self.id),
            practitioner_id: None,
        }
    }

    pub fn actor(&self) -> crate::Actor {
        crate::Actor {
            user_id: self.id,
            role: self.role,
            org_id: self.organisation_id,
            centre_id: self.centre_id,
            province: self.province_code,
            practitioner_id: self.practitioner_id,
        }
    }
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_role: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Uuid,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
}

impl Organisation {
    /// Another unit of the same province tree that issues case codes with
    /// this abbreviation: its codes would collide with ours (a code is
    /// `<abbreviation>.<form>.<number>.<year>`, DOMAIN §6). Merged units
    /// count: their old codes stay on record.
    pub fn abbreviation_clash<'a>(&self, others: &'a [Organisation]) -> Option<&'a Organisation> {
        if !self.kind.employs_practitioners() {
            return None;
        }
        others.iter().find(|o| {
            o.id != self.id
                && o.kind.employs_practitioners()
                && o.province_code == self.province_code
                && o.abbreviation.eq_ignore_ascii_case(&self.abbreviation)
        })
    }
}

#[cfg(test)]
mod abbreviation_tests {
    use super::*;

    fn unit(kind: OrgKind, abbreviation: &str, province: &str) -> Organisation {
        Organisation {
            id: Uuid::now_v7(),
            kind,
            name: abbreviation.into(),
            abbreviation: abbreviation.into(),
            province_code: ProvinceCode::parse(province).ok(),
            parent_id: None,
            centre_id: None,
            status: OrgStatus::Active,
            merged_into_id: None,
            merged_on: None,
            address: None,
            phone: None,
            email: None,
            registration_number: None,
            valid_from: None,
            valid_to: None,
            version: 1,
            created_at: DateTime::<Utc>::MIN_UTC,
            updated_at: DateTime::<Utc>::MIN_UTC,
        }
    }

    #[test]
    fn two_branches_of_one_province_may_not_share_an_abbreviation() {
        let existing = vec![
            unit(OrgKind::Centre, "TT", "01"),
            unit(OrgKind::Branch, "CN1", "01"),
        ];
        assert!(
            unit(OrgKind::Branch, "CN1", "01")
                .abbreviation_clash(&existing)
                .is_some()
        );
        assert!(
            unit(OrgKind::Branch, "cn1", "01")
                .abbreviation_clash(&existing)
                .is_some()
        );
        // Another province's centre issues its own codes.
        assert!(
            unit(OrgKind::Centre, "TT", "79")
                .abbreviation_clash(&existing)
                .is_none()
        );
        // Departments issue no case codes.
        assert!(
            unit(OrgKind::JusticeDepartment, "TT", "01")
                .abbreviation_clash(&existing)
                .is_none()
        );
    }
}
