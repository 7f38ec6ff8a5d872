//! Conflict of interest (Law 11/2017 Art. 25(2)): a practitioner must not
//! act against a person they act or acted for, nor for a person they act
//! or acted against, in a case with any of the same people.
use super::record::{Party, PartyRole};
use uuid::Uuid;

/// A case the practitioner handles or handled, with its parties.
#[derive(Debug, Clone)]
pub struct PriorCase<'a> {
    pub case_id: Uuid,
    pub code: Option<&'a str>,
    pub parties: &'a [Party],
}

/// The first prior case that clashes with the new case's parties.
pub fn find_conflict<'a>(
    new_parties: &[Party],
    prior: &'a [PriorCase<'a>],
) -> Option<&'a PriorCase<'a>> {
    prior.iter().find(|c| {
        new_parties.iter().any(|n| {
            c.parties
                .iter()
                .any(|p| same_person(n, p) && n.role.is_aided_side() != p.role.is_aided_side())
        })
    })
}

/// Names compared without diacritics; when both ID numbers are known they decide.
fn same_person(a: &Party, b: &Party) -> bool {
    match (&a.id_number, &b.id_number) {
        (Some(x), Some(y)) => x.trim() == y.trim(),
        _ => a.folded_name() == b.folded_name(),
    }
}

/// Roles on the other side of the aided person.
pub fn is_adverse(role: PartyRole) -> bool {
    !role.is_aided_side()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(role: PartyRole, name: &str, id: Option<&str>) -> Party {
        Party {
            id: Uuid::now_v7(),
            role,
            full_name: name.into(),
            sex: None,
            date_of_birth: None,
            procedural_role: None,
            ethnicity: None,
            address: None,
            phone: None,
            id_number: id.map(str::to_owned),
        }
    }

    #[test]
    fn acting_against_a_former_client_clashes_even_without_diacritics() {
        let earlier = [party(PartyRole::Beneficiary, "Nguyễn Văn Bình", None)];
        let prior = [PriorCase {
            case_id: Uuid::nil(),
            code: Some("TT.TGTT.01.2026"),
            parties: &earlier,
        }];
        let new = [
            party(PartyRole::Beneficiary, "Trần Thị Hoa", None),
            party(PartyRole::OpposingParty, "nguyen van binh", None),
        ];
        assert_eq!(
            find_conflict(&new, &prior).and_then(|c| c.code),
            Some("TT.TGTT.01.2026")
        );
    }

    #[test]
    fn helping_the_same_person_again_is_no_conflict() {
        let earlier = [party(PartyRole::Beneficiary, "Nguyễn Văn Bình", None)];
        let prior = [PriorCase {
            case_id: Uuid::nil(),
            code: None,
            parties: &earlier,
        }];
        let new = [party(PartyRole::Beneficiary, "Nguyễn Văn Bình", None)];
        assert!(find_conflict(&new, &prior).is_none());
    }

    #[test]
    fn id_numbers_decide_between_namesakes() {
        let earlier = [party(PartyRole::Victim, "Lê Văn An", Some("001099000111"))];
        let prior = [PriorCase {
            case_id: Uuid::nil(),
            code: None,
            parties: &earlier,
        }];
        let namesake = [party(
            PartyRole::Beneficiary,
            "Lê Văn An",
            Some("079088000222"),
        )];
        assert!(find_conflict(&namesake, &prior).is_none());
        let same = [party(
            PartyRole::Beneficiary,
            "Le Van An",
            Some("001099000111"),
        )];
        assert!(find_conflict(&same, &prior).is_some());
    }
}
