use super::*;
use crate::case::CaseRecord;
use crate::case::record::PartyRole;

use crate::case::testing::{d, rules};

fn now() -> Moment {
    Moment::on(d(2026, 12, 7))
}

/// A poor-household beneficiary's advice case of 2019, concluded.
fn concluded() -> LegacyCase {
    LegacyCase {
        id: Uuid::now_v7(),
        unit: HandlingUnit {
            organisation_id: Uuid::from_u128(1),
            province_code: None,
            centre_id: Some(Uuid::from_u128(1)),
        },
        channel: Channel::InPerson,
        request_date: d(2019, 3, 4),
        form_of_aid: FormOfAid::Advice,
        field_of_law: FieldOfLaw::Land,
        summary: "Tranh chấp ranh giới đất với hộ liền kề".into(),
        categories: vec!["2".into()],
        parties: vec![Party {
            id: Uuid::now_v7(),
            role: PartyRole::Beneficiary,
            full_name: "Lò Thị Mai".into(),
            sex: Some("female".into()),
            date_of_birth: Some(d(1970, 5, 1)),
            procedural_role: None,
            ethnicity: Some("Thái".into()),
            address: None,
            phone: None,
            id_number: None,
            person_id: None,
        }],
        status: CaseState::Concluded,
        code: Some(CaseCode::parse("TT.TV.07.2019").unwrap()),
        accepted_on: Some(d(2019, 3, 5)),
        practitioner_id: Some(Uuid::from_u128(9)),
        closed_on: Some(d(2019, 4, 20)),
        outcome: Some("Đã tư vấn bằng văn bản".into()),
        refusal_ground: None,
        discontinuation_ground: None,
        success: None,
    }
}

fn codes(problems: &[FieldProblem]) -> Vec<(String, &'static str)> {
    problems.iter().map(|p| (p.field.clone(), p.code)).collect()
}

#[test]
fn a_concluded_case_keeps_its_code_register_number_and_dates() {
    let imported = Case::import(concluded(), &rules(), now()).unwrap();
    let case = &imported.file.case;
    assert_eq!(case.status, CaseState::Concluded);
    assert_eq!(case.code.as_ref().unwrap().to_string(), "TT.TV.07.2019");
    assert_eq!(case.register_number, Some(7));
    assert_eq!(case.accepted_on, Some(d(2019, 3, 5)));
    assert_eq!(case.closed_on, Some(d(2019, 4, 20)));
    assert_eq!(case.practitioner_id, Some(Uuid::from_u128(9)));
    assert_eq!(case.outcome.as_deref(), Some("Đã tư vấn bằng văn bản"));
    assert_eq!(case.eligibility_codes, vec!["2".to_owned()]);
    assert_eq!(imported.file.assignments.len(), 1);
    let kinds: Vec<_> = imported.events.iter().map(CaseEvent::kind).collect();
    assert_eq!(
        kinds,
        [
            "case.received",
            "case.accepted",
            "case.assigned",
            "case.concluded",
            "case.imported"
        ]
    );
    assert_eq!(imported.events[1].on(), d(2019, 3, 5), "the old date");
    assert_eq!(imported.events[4].on(), d(2026, 12, 7), "the import's date");
}

#[test]
fn replaying_the_history_gives_the_imported_state() {
    for status in [
        CaseState::Received,
        CaseState::Accepted,
        CaseState::InProgress,
        CaseState::Evaluated,
        CaseState::Archived,
    ] {
        let mut legacy = concluded();
        legacy.status = status;
        if status == CaseState::Received {
            legacy.code = None;
            legacy.accepted_on = None;
            legacy.closed_on = None;
        }
        let imported = Case::import(legacy, &rules(), now()).unwrap();
        assert_eq!(imported.file.case.status, status);
        let mut replayed = Case::restore(CaseRecord {
            status: CaseState::Received,
            code: None,
            register_number: None,
            accepted_on: None,
            closed_on: None,
            practitioner_id: None,
            ..imported.file.case.record().clone()
        });
        for e in &imported.events {
            replayed.apply(e);
        }
        assert_eq!(replayed.status, status);
        assert_eq!(replayed.code, imported.file.case.code);
    }
}

#[test]
fn an_ineligible_request_cannot_have_been_registered() {
    // 7(g) was repealed on 2025-07-01; and no category at all.
    let mut legacy = concluded();
    legacy.categories = vec![];
    let problems = Case::import(legacy, &rules(), now()).unwrap_err();
    assert!(
        codes(&problems).contains(&("eligibility".into(), "case.not_eligible")),
        "{problems:?}"
    );
    // Refused, it comes across.
    let mut refused = concluded();
    refused.categories = vec![];
    refused.status = CaseState::Refused;
    refused.code = None;
    refused.accepted_on = None;
    refused.outcome = None;
    refused.closed_on = Some(d(2019, 3, 6));
    refused.refusal_ground = Some(RefusalGround::NotEligibleMatter);
    let case = Case::import(refused, &rules(), now()).unwrap().file.case;
    assert_eq!(case.status, CaseState::Refused);
    assert_eq!(case.code, None);
}

#[test]
fn each_bad_fact_is_named_by_field() {
    let mut legacy = concluded();
    legacy.code = Some(CaseCode::parse("TT.TGTT.07.2018").unwrap());
    legacy.closed_on = Some(d(2019, 1, 1));
    legacy.outcome = None;
    legacy.practitioner_id = None;
    let problems = Case::import(legacy, &rules(), now()).unwrap_err();
    let found = codes(&problems);
    for expected in [
        ("code".to_owned(), "import.code_year_mismatch"),
        ("code".to_owned(), "import.code_form_mismatch"),
        ("closed_on".to_owned(), "import.date_order"),
        ("outcome".to_owned(), "required"),
        ("practitioner".to_owned(), "required"),
    ] {
        assert!(found.contains(&expected), "{expected:?} in {found:?}");
    }
}

#[test]
fn grounds_and_dates_are_required_where_the_law_asks() {
    let mut legacy = concluded();
    legacy.status = CaseState::Discontinued;
    legacy.closed_on = None;
    let found = codes(&Case::import(legacy, &rules(), now()).unwrap_err());
    assert!(
        found.contains(&("closed_on".into(), "required")),
        "{found:?}"
    );
    assert!(
        found.contains(&("discontinuation_ground".into(), "required")),
        "{found:?}"
    );
    let mut future = concluded();
    future.request_date = d(2027, 1, 1);
    let found = codes(&Case::import(future, &rules(), now()).unwrap_err());
    assert!(
        found.contains(&("request_date".into(), "in_future")),
        "{found:?}"
    );
}
