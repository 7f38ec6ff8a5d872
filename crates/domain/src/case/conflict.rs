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

/// One person of the registry (a merge by leadership included), or, by
/// the parties' own data: the ID numbers when both are known, else the
/// names compared without diacritics. The registry only adds clashes: two
/// records it has not linked may still be one person, and the check errs
/// on the side of asking.
fn same_person(a: &Party, b: &Party) -> bool {
    if matches!((a.person_id, b.person_id), (Some(x), Some(y)) if x == y) {
        return true;
    }
    match (&a.id_number, &b.id_number) {
        (Some(x), Some(y)) => {
            crate::person::normalise_id_number(x) == crate::person::normalise_id_number(y)
        }
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
            person_id: None,
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
    fn the_person_registry_sees_a_former_client_under_another_spelling() {
        let person = Some(Uuid::now_v7());
        let mut client = party(PartyRole::Beneficiary, "Nguyễn Văn Bình", None);
        client.person_id = person;
        let earlier = [client];
        let prior = [PriorCase {
            case_id: Uuid::nil(),
            code: Some("TT.TGTT.02.2026"),
            parties: &earlier,
        }];
        // Merged by leadership: "Nguyễn Văn Binh" is the same person.
        let mut against = party(PartyRole::OpposingParty, "Nguyễn Văn Binh", None);
        against.person_id = person;
        let new = [party(PartyRole::Beneficiary, "Trần Thị Hoa", None), against];
        assert_eq!(
            find_conflict(&new, &prior).and_then(|c| c.code),
            Some("TT.TGTT.02.2026")
        );
        // A namesake the registry could not link (no birth date, no ID
        // number) is still asked about.
        let mut namesake = party(PartyRole::OpposingParty, "Nguyễn Văn Bình", None);
        namesake.person_id = Some(Uuid::now_v7());
        let new = [
            party(PartyRole::Beneficiary, "Trần Thị Hoa", None),
            namesake,
        ];
        assert!(find_conflict(&new, &prior).is_some());
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
