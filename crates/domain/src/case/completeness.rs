//! Data completeness of a case file: incomplete files were the chief
//! complaint about the old system (DOMAIN §8). Which fields a file must hold
//! grows with its state; the score is the share present.
use super::{CaseRecord, CaseState, PartyRole};
use serde::{Deserialize, Serialize};

/// What a case file still lacks, and how complete it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Completeness {
    /// 0–100: the share of required items present.
    pub score: u8,
    /// Stable names of the missing items, e.g. `beneficiary.date_of_birth`.
    pub missing: Vec<String>,
}

fn at_least(state: CaseState, stage: CaseState) -> bool {
    use CaseState::*;
    let rank = |s: CaseState| match s {
        Received | NeedsSupplement => 0,
        Refused => 1,
        Accepted => 2,
        Assigned => 3,
        InProgress => 4,
        Discontinued | Concluded => 5,
        Evaluated => 6,
        Archived => 7,
    };
    rank(state) >= rank(stage) && state != Refused && stage != Refused
}

/// Checks the items the case's state requires.
pub fn assess(case: &CaseRecord) -> Completeness {
    let beneficiary = case
        .parties
        .iter()
        .find(|p| p.role == PartyRole::Beneficiary);
    let mut items: Vec<(&str, bool)> = vec![
        ("beneficiary", beneficiary.is_some()),
        (
            "beneficiary.sex",
            beneficiary.is_some_and(|b| b.sex.is_some()),
        ),
        (
            "beneficiary.date_of_birth",
            beneficiary.is_some_and(|b| b.date_of_birth.is_some()),
        ),
        (
            "beneficiary.address",
            beneficiary.is_some_and(|b| b.address.is_some()),
        ),
        (
            "beneficiary.contact",
            beneficiary.is_some_and(|b| b.phone.is_some() || b.id_number.is_some()),
        ),
        ("summary", case.summary.trim().chars().count() >= 20),
        ("eligibility", !case.eligibility_codes.is_empty()),
    ];
    if case.status == CaseState::Refused {
        items.push(("refusal_ground", case.refusal_ground.is_some()));
    }
    if at_least(case.status, CaseState::Accepted) {
        items.push(("code", case.code.is_some()));
        items.push(("proof_documents", case.missing_proof.is_empty()));
    }
    if at_least(case.status, CaseState::Assigned) && case.status != CaseState::Discontinued {
        items.push(("practitioner", case.practitioner_id.is_some()));
    }
    if at_least(case.status, CaseState::Concluded) && case.status != CaseState::Discontinued {
        items.push(("outcome", case.outcome.is_some()));
    }
    if case.status == CaseState::Discontinued {
        items.push((
            "discontinuation_ground",
            case.discontinuation_ground.is_some(),
        ));
    }
    let present = items.iter().filter(|(_, ok)| *ok).count();
    let score = (present * 100 / items.len().max(1)) as u8;
    Completeness {
        score,
        missing: items
            .into_iter()
            .filter(|(_, ok)| !ok)
            .map(|(name, _)| name.to_owned())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::CaseCode;

    fn case(status: CaseState) -> CaseRecord {
        crate::case::record::tests_support::sample(status)
    }

    #[test]
    fn a_full_request_is_complete_and_requirements_grow_with_the_state() {
        assert_eq!(
            assess(&case(CaseState::Received)),
            Completeness {
                score: 100,
                missing: vec![]
            }
        );
        let concluded = assess(&case(CaseState::Concluded));
        assert_eq!(concluded.missing, ["code", "practitioner", "outcome"]);
        assert_eq!(concluded.score, 72, "8 of 11 items");
    }

    #[test]
    fn missing_beneficiary_details_and_proof_are_named() {
        let mut c = case(CaseState::Accepted);
        c.code = Some(CaseCode::parse("TT.TV.01.2026").unwrap());
        c.parties[0].date_of_birth = None;
        c.missing_proof = vec!["Giấy xác nhận hộ nghèo".into()];
        let r = assess(&c);
        assert_eq!(r.missing, ["beneficiary.date_of_birth", "proof_documents"]);
        assert!(r.score < 100);
    }
}
