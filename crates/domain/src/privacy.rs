//! The person's rights over their data (Law 91/2025 on personal data
//! protection; DOMAIN §11): requests to see what is held about them
//! (access), to correct it, and to delete it, each answered within a period
//! of the reference data. A deletion erases what no law requires to keep,
//! and anonymises a case file that must be kept: the person's identity
//! goes, the case's legal and statistical facts (its categories, form and
//! field of aid, dates, outcome) stay, so forms 24 and 25 still count it.
use crate::calendar::{HolidayCalendar, WorkingDays};
use crate::case::{CaseState, Party};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod request;
mod scrub;
pub use request::{PrivacyError, SubjectRequest, SubjectRequestStatus};
pub use scrub::{Identity, REDACTED, scrub_json_of, scrub_text_of};

/// What the person asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubjectRequestKind {
    /// A copy of everything held about them, third parties masked.
    Access,
    /// Correction of what is wrong (audited).
    Correction,
    /// Deletion: erasure, or anonymisation where the file must be kept.
    Deletion,
}

impl SubjectRequestKind {
    pub const ALL: [SubjectRequestKind; 3] = [Self::Access, Self::Correction, Self::Deletion];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Access => "access",
            Self::Correction => "correction",
            Self::Deletion => "deletion",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Access => "Yêu cầu cung cấp dữ liệu cá nhân",
            Self::Correction => "Yêu cầu chỉnh sửa dữ liệu cá nhân",
            Self::Deletion => "Yêu cầu xóa dữ liệu cá nhân",
        }
    }
}

/// The periods a data-subject request is answered in, by kind (reference
/// data by date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectRequestPeriods {
    pub access: WorkingDays,
    pub correction: WorkingDays,
    pub deletion: WorkingDays,
}

impl Default for SubjectRequestPeriods {
    /// Assumed where the reference data holds none: three working days for
    /// a copy or a correction (the 72 hours of Decree 13/2023, which Law
    /// 91/2025 replaces), ten for a deletion, which needs the keeping rules
    /// checked.
    fn default() -> Self {
        Self {
            access: WorkingDays::new(3),
            correction: WorkingDays::new(3),
            deletion: WorkingDays::new(10),
        }
    }
}

impl SubjectRequestPeriods {
    /// The day a request of `kind` received on `on` must be answered by.
    pub fn due_on(
        self,
        calendar: &HolidayCalendar,
        kind: SubjectRequestKind,
        on: NaiveDate,
    ) -> NaiveDate {
        let days = match kind {
            SubjectRequestKind::Access => self.access,
            SubjectRequestKind::Correction => self.correction,
            SubjectRequestKind::Deletion => self.deletion,
        };
        calendar.add_working_days(on, days)
    }
}

/// What a deletion does to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Erasure {
    /// Nothing the law requires to keep: the data goes.
    Erase,
    /// The case file must be kept (it entered the register, or it is being
    /// handled): the person's identity goes, the case stays.
    Anonymise,
}

/// What deleting the person's data does to a case in `state`: a request
/// that never entered the register and is closed (refused) may go; a case
/// that entered the register is kept in the archive and counted in the
/// statistics, so it is anonymised; one still being decided is anonymised
/// too, so that the centre can still answer it.
pub fn erasure_for(state: CaseState) -> Erasure {
    use CaseState::*;
    match state {
        Refused => Erasure::Erase,
        Received | NeedsSupplement | Accepted | Assigned | InProgress | Concluded
        | Discontinued | Evaluated | Archived => Erasure::Anonymise,
    }
}

/// The name an anonymised person is shown by.
pub const ANONYMISED_NAME: &str = "Người đã được ẩn danh";

/// Removes the person's identity from a party of a case: name, sex, date
/// of birth, ethnicity, address, phone and identity number. The role in the
/// case and in the proceedings stays: the case's legal facts need them and
/// they name no one.
pub fn anonymise(party: &mut Party) {
    party.full_name = ANONYMISED_NAME.to_owned();
    party.sex = None;
    party.date_of_birth = None;
    party.ethnicity = None;
    party.address = None;
    party.phone = None;
    party.id_number = None;
}

/// Whether a party is anonymised already (a second deletion changes
/// nothing).
pub fn is_anonymised(party: &Party) -> bool {
    party.full_name == ANONYMISED_NAME
        && party.sex.is_none()
        && party.date_of_birth.is_none()
        && party.ethnicity.is_none()
        && party.address.is_none()
        && party.phone.is_none()
        && party.id_number.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{PartyRole, ProceduralRole};
    use uuid::Uuid;

    fn party() -> Party {
        Party {
            id: Uuid::nil(),
            role: PartyRole::Beneficiary,
            full_name: "Lò Thị Xuân".into(),
            sex: Some("female".into()),
            date_of_birth: NaiveDate::from_ymd_opt(2009, 3, 1),
            procedural_role: Some(ProceduralRole::Victim),
            ethnicity: Some("Thái".into()),
            address: Some("Bản Mòng, xã Chiềng Pấc".into()),
            phone: Some("0914666777".into()),
            id_number: Some("014309001234".into()),
            person_id: None,
        }
    }

    #[test]
    fn anonymising_removes_the_identity_and_keeps_the_legal_facts() {
        let mut p = party();
        assert!(!is_anonymised(&p));
        anonymise(&mut p);
        assert!(is_anonymised(&p));
        assert_eq!(p.full_name, ANONYMISED_NAME);
        assert_eq!(p.role, PartyRole::Beneficiary);
        assert_eq!(p.procedural_role, Some(ProceduralRole::Victim));
        let text = format!("{p:?}");
        for gone in ["Xuân", "Thái", "Mòng", "0914666777", "014309001234", "2009"] {
            assert!(!text.contains(gone), "{gone} left in {text}");
        }
    }

    #[test]
    fn a_registered_case_is_kept_anonymised_a_refused_request_is_erased() {
        assert_eq!(erasure_for(CaseState::Refused), Erasure::Erase);
        for s in [
            CaseState::Received,
            CaseState::Accepted,
            CaseState::Concluded,
            CaseState::Archived,
        ] {
            assert_eq!(erasure_for(s), Erasure::Anonymise, "{s:?}");
        }
    }

    #[test]
    fn requests_are_due_in_working_days_by_kind() {
        let cal = HolidayCalendar::new(std::iter::empty());
        let periods = SubjectRequestPeriods::default();
        // Friday 5 June 2026: three working days on is Wednesday 10 June.
        let on = NaiveDate::from_ymd_opt(2026, 6, 5).unwrap();
        assert_eq!(
            periods.due_on(&cal, SubjectRequestKind::Access, on),
            NaiveDate::from_ymd_opt(2026, 6, 10).unwrap()
        );
        assert_eq!(
            periods.due_on(&cal, SubjectRequestKind::Deletion, on),
            NaiveDate::from_ymd_opt(2026, 6, 19).unwrap()
        );
        assert_eq!(
            SubjectRequestKind::parse("correction"),
            Some(SubjectRequestKind::Correction)
        );
    }
}
