use super::*;
use crate::case::record::PartyRole;
use crate::case::{ProceduralRole, RefusalGround};
use chrono::NaiveDate;
use proptest::prelude::*;

use crate::case::testing::{d, rules};

fn claim(code: &str, proof: bool, hardship: bool) -> ClaimedCategory {
    ClaimedCategory {
        code: code.into(),
        proof_documents_present: proof,
        financial_hardship_proven: hardship,
    }
}

fn beneficiary(name: &str, born: Option<NaiveDate>, role: Option<ProceduralRole>) -> Party {
    Party {
        id: Uuid::now_v7(),
        role: PartyRole::Beneficiary,
        full_name: name.into(),
        sex: None,
        date_of_birth: born,
        procedural_role: role,
        ethnicity: None,
        address: None,
        phone: None,
        id_number: None,
        person_id: None,
    }
}

fn intake(request_date: NaiveDate, claims: Vec<ClaimedCategory>, parties: Vec<Party>) -> Intake {
    Intake {
        id: Uuid::now_v7(),
        unit: HandlingUnit {
            organisation_id: Uuid::from_u128(1),
            province_code: None,
            centre_id: Some(Uuid::from_u128(1)),
        },
        channel: Channel::InPerson,
        referral_received_at: None,
        request_date,
        form_of_aid: FormOfAid::LitigationDefence,
        field_of_law: FieldOfLaw::Criminal,
        summary: "Bị can 17 tuổi bị khởi tố về tội trộm cắp tài sản".into(),
        claims,
        parties,
        urgency: UrgencyFacts::default(),
    }
}

fn received(claims: Vec<ClaimedCategory>) -> Case {
    let on = d(2026, 3, 2);
    Case::receive(
        intake(on, claims, vec![beneficiary("Trần Văn Sơn", None, None)]),
        &rules(),
        Moment::on(on),
    )
    .unwrap()
    .case
}

fn entry(n: u32) -> RegisterEntry {
    RegisterEntry {
        abbreviation: OrgAbbreviation::parse("TT").unwrap(),
        number: n,
    }
}

fn candidate(id: u128) -> Candidate<'static> {
    Candidate {
        practitioner_id: Uuid::from_u128(id),
        full_name: "Nguyễn Thị Hoa",
        active: true,
        other_cases: &[],
    }
}

const AT: fn() -> Moment = || Moment::on(NaiveDate::from_ymd_opt(2026, 3, 3).unwrap());

#[test]
fn one_request_names_one_beneficiary() {
    // Each beneficiary who files a request is one case (and one
    // person-instance in form 24): two in one request would count once.
    let on = d(2026, 3, 2);
    let two = vec![
        beneficiary("Trần Văn Sơn", None, None),
        beneficiary("Trần Thị Hoa", None, None),
    ];
    let problems = Case::receive(
        intake(on, vec![claim("2", true, false)], two),
        &rules(),
        Moment::on(on),
    )
    .map(|_| ())
    .unwrap_err();
    assert!(
        problems.iter().any(|p| p.code == "beneficiary_single"),
        "{problems:?}"
    );
}

#[test]
fn a_request_with_no_eligible_category_can_only_be_refused() {
    // 7(c) without financial hardship does not hold: nothing eligible.
    let mut case = received(vec![claim("7c", true, false)]);
    assert!(!case.is_eligible());
    let err = case.accept(entry(1), &rules(), AT()).unwrap_err();
    assert_eq!(err.code, "case.not_eligible");
    assert_eq!(case.status, CaseState::Received);
    assert!(case.code.is_none());
    assert!(!case.allowed_acts().contains(&CommandKind::Accept));
    case.refuse(RefusalGround::NotEligibleMatter, AT()).unwrap();
    assert_eq!(case.status, CaseState::Refused);
}

#[test]
fn a_non_urgent_request_with_proof_missing_goes_through_needs_supplement() {
    let mut case = received(vec![claim("2", false, false)]);
    assert!(case.is_eligible() && !case.urgent);
    assert_eq!(
        case.accept(entry(1), &rules(), AT()).unwrap_err().code,
        "case.proof_missing"
    );
    case.request_supplement(case.missing_proof.clone(), AT())
        .unwrap();
    assert_eq!(case.status, CaseState::NeedsSupplement);
    case.receive_supplement(AT()).unwrap();
    assert!(case.missing_proof.is_empty());
    let events = case.accept(entry(7), &rules(), AT()).unwrap();
    assert_eq!(case.code.as_ref().unwrap().to_string(), "TT.TGTT.07.2026");
    assert!(matches!(
        events[0],
        CaseEvent::Accepted {
            register_no: 7,
            proof_due_on: None,
            ..
        }
    ));
}

#[test]
fn an_urgent_request_is_accepted_at_once_with_a_deadline_for_its_proof() {
    let on = d(2026, 3, 2);
    let mut i = intake(
        on,
        vec![claim("2", false, false)],
        vec![beneficiary("A B", None, None)],
    );
    i.urgency.court_appointed_defence = true;
    let mut case = Case::receive(i, &rules(), Moment::on(on)).unwrap().case;
    assert!(case.urgent);
    case.accept(entry(1), &rules(), Moment::on(on)).unwrap();
    // 5 working days from Monday 2 March 2026.
    assert_eq!(case.proof_due_on, Some(d(2026, 3, 9)));
    assert!(
        case.allowed_acts()
            .contains(&CommandKind::SupplementReceived)
    );
    case.receive_supplement(Moment::on(on)).unwrap();
    assert_eq!(case.proof_due_on, None);
    assert_eq!(case.status, CaseState::Accepted);
}

#[test]
fn clause_5_is_judged_on_the_recorded_role_and_age_on_the_request_date() {
    let born = d(2009, 6, 1); // 16 from 2025-06-01, 18 from 2027-06-01
    let judge = |on: NaiveDate, role: Option<ProceduralRole>, born: Option<NaiveDate>| {
        let i = intake(
            on,
            vec![claim("5", true, false)],
            vec![beneficiary("A B", born, role)],
        );
        Case::receive(i, &rules(), Moment::on(on))
            .unwrap()
            .assessment
            .claims[0]
            .outcome
    };
    use ClaimOutcome as O;
    use ProceduralRole as R;
    // Before 2026-01-01: accused persons 16 to under 18 only.
    assert_eq!(
        judge(d(2025, 9, 1), Some(R::Accused), Some(born)),
        O::Satisfied
    );
    assert_eq!(
        judge(d(2025, 9, 1), Some(R::Victim), Some(born)),
        O::ProceduralRoleNotCovered
    );
    assert_eq!(
        judge(d(2025, 9, 1), Some(R::Witness), Some(born)),
        O::ProceduralRoleNotCovered
    );
    // From 2026-01-01 victims, witnesses, the reported and prisoners too.
    for role in ProceduralRole::ALL {
        assert_eq!(
            judge(d(2026, 2, 1), Some(role), Some(born)),
            O::Satisfied,
            "{role:?}"
        );
    }
    assert_eq!(
        judge(d(2026, 2, 1), None, Some(born)),
        O::ProceduralRoleNotCovered
    );
    // Age on the request date: 15 and 18 are outside, no birth date is unknown.
    assert_eq!(
        judge(d(2025, 5, 31), Some(R::Accused), Some(born)),
        O::AgeNotCovered
    );
    assert_eq!(
        judge(d(2027, 6, 1), Some(R::Accused), Some(born)),
        O::AgeNotCovered
    );
    assert_eq!(
        judge(d(2027, 5, 31), Some(R::Accused), Some(born)),
        O::Satisfied
    );
    assert_eq!(
        judge(d(2026, 2, 1), Some(R::Accused), None),
        O::DateOfBirthMissing
    );
    // Clause 6 covers the accused only.
    let i = intake(
        d(2026, 2, 1),
        vec![claim("6", true, false)],
        vec![beneficiary("A B", None, Some(R::Victim))],
    );
    let a = Case::receive(i, &rules(), Moment::on(d(2026, 2, 1)))
        .unwrap()
        .assessment;
    assert_eq!(a.claims[0].outcome, O::ProceduralRoleNotCovered);
}

#[test]
fn an_accepted_case_not_yet_assigned_can_be_discontinued() {
    let mut case = received(vec![claim("2", true, false)]);
    case.accept(entry(1), &rules(), AT()).unwrap();
    assert!(case.allowed_acts().contains(&CommandKind::Discontinue));
    case.discontinue(DiscontinuationGround::Withdrawn, AT())
        .unwrap();
    assert_eq!(case.status, CaseState::Discontinued);
    assert_eq!(case.closed_on, Some(AT().today));
}

#[test]
fn a_second_reassignment_request_is_refused_while_one_waits() {
    let mut case = received(vec![claim("2", true, false)]);
    case.accept(entry(1), &rules(), AT()).unwrap();
    case.assign(candidate(10), AT()).unwrap();
    case.request_reassignment(AT().today, &rules(), AT())
        .unwrap();
    let due = case.reassignment_due_on;
    let err = case
        .request_reassignment(AT().today, &rules(), AT())
        .unwrap_err();
    assert_eq!(err.code, "case.reassignment_pending");
    assert_eq!(case.reassignment_due_on, due, "the first deadline stands");
    case.reassign(candidate(11), AT()).unwrap();
    assert_eq!(case.reassignment_due_on, None);
    case.request_reassignment(AT().today, &rules(), AT())
        .unwrap();
    case.decline_reassignment(AT()).unwrap();
    assert_eq!(case.practitioner_id, Some(Uuid::from_u128(11)));
}

#[test]
fn acts_refuse_dates_and_data_the_law_does_not_allow() {
    let mut case = received(vec![claim("2", true, false)]);
    case.accept(entry(1), &rules(), AT()).unwrap();
    case.assign(candidate(10), AT()).unwrap();
    let err = case
        .record_activity(ActivityKind::Meeting, d(2026, 3, 1), "Gặp", None, AT())
        .unwrap_err();
    assert_eq!(err.field, Some("occurred_on"));
    let err = case.assign(candidate(10), AT()).unwrap_err();
    assert_eq!(err.code, "case.transition_not_allowed");
    let err = case.reassign(candidate(10), AT()).unwrap_err();
    assert_eq!(err.code, "already_assigned");
    let inactive = Candidate {
        active: false,
        ..candidate(12)
    };
    assert_eq!(
        case.reassign(inactive, AT()).unwrap_err().code,
        "not_active"
    );
}

// ---- property tests over any sequence of acts ----

#[derive(Debug, Clone)]
enum Act {
    RequestSupplement,
    ReceiveSupplement,
    Refuse,
    Accept,
    Assign(u128),
    Reassign(u128),
    RequestReassignment,
    DeclineReassignment,
    RecordActivity,
    Conclude,
    Discontinue,
    Evaluate,
    Archive,
}

fn any_act() -> impl Strategy<Value = Act> {
    prop_oneof![
        Just(Act::RequestSupplement),
        Just(Act::ReceiveSupplement),
        Just(Act::Refuse),
        Just(Act::Accept),
        (10u128..13).prop_map(Act::Assign),
        (10u128..13).prop_map(Act::Reassign),
        Just(Act::RequestReassignment),
        Just(Act::DeclineReassignment),
        Just(Act::RecordActivity),
        Just(Act::Conclude),
        Just(Act::Discontinue),
        Just(Act::Evaluate),
        Just(Act::Archive),
    ]
}

fn perform(case: &mut Case, act: &Act, at: Moment, n: u32) -> Result<Vec<CaseEvent>, RuleError> {
    match act {
        Act::RequestSupplement => {
            case.request_supplement(vec!["Giấy xác nhận hộ nghèo".into()], at)
        }
        Act::ReceiveSupplement => case.receive_supplement(at),
        Act::Refuse => case.refuse(RefusalGround::BeneficiaryDied, at),
        Act::Accept => case.accept(entry(n), &rules(), at),
        Act::Assign(p) => case.assign(candidate(*p), at),
        Act::Reassign(p) => case.reassign(candidate(*p), at),
        Act::RequestReassignment => case.request_reassignment(at.today, &rules(), at),
        Act::DeclineReassignment => case.decline_reassignment(at),
        Act::RecordActivity => case
            .record_activity(
                ActivityKind::Meeting,
                at.today,
                "Gặp người được trợ giúp",
                None,
                at,
            )
            .map(|(_, e)| e),
        Act::Conclude => case.conclude(
            Conclusion {
                outcome: "Tòa tuyên án treo".into(),
                success: None,
                evidence_on_file: false,
            },
            at,
        ),
        Act::Discontinue => case.discontinue(DiscontinuationGround::Withdrawn, at),
        Act::Evaluate => case.evaluate(&sheet_result(), at),
        Act::Archive => case.archive(at),
    }
}

/// The lifecycle part of a record: what events alone must reproduce.
fn lifecycle(r: &CaseRecord) -> impl PartialEq + std::fmt::Debug {
    (
        r.status,
        r.code.clone(),
        r.register_number,
        r.accepted_on,
        r.closed_on,
        r.practitioner_id,
        r.reassignment_requested_on,
        r.reassignment_due_on,
        r.refusal_ground,
        r.discontinuation_ground,
        r.proof_due_on,
    )
}

proptest! {
    #[test]
    fn any_sequence_of_acts_keeps_the_law(
        proof in any::<bool>(),
        urgent in any::<bool>(),
        acts in proptest::collection::vec(any_act(), 0..40),
    ) {
        let on = d(2026, 3, 2);
        let mut i = intake(on, vec![claim("2", proof, false)], vec![beneficiary("A B", None, None)]);
        i.urgency.court_appointed_defence = urgent;
        let received = Case::receive(i, &rules(), Moment::on(on)).unwrap();
        let start = received.case.clone();
        let mut case = received.case;
        let mut log = received.events;
        let mut entered = false;
        // Open assignments and pending reassignment requests, from the events.
        let mut open_assignments: Vec<Uuid> = Vec::new();
        let mut pending_requests = 0;
        for (n, act) in acts.iter().enumerate() {
            let at = Moment::on(on + chrono::Duration::days(n as i64));
            let before = case.clone();
            match perform(&mut case, act, at, n as u32 + 1) {
                Ok(events) => {
                    prop_assert_eq!(case.version, before.version + 1);
                    for e in &events {
                        match e {
                            CaseEvent::Accepted { .. } => entered = true,
                            CaseEvent::Assigned { practitioner_id, .. } => open_assignments.push(*practitioner_id),
                            CaseEvent::Reassigned { from_practitioner_id, practitioner_id, .. } => {
                                open_assignments.retain(|p| p != from_practitioner_id);
                                open_assignments.push(*practitioner_id);
                                pending_requests = 0;
                            }
                            CaseEvent::ReassignmentRequested { .. } => pending_requests += 1,
                            CaseEvent::ReassignmentDeclined { .. } | CaseEvent::Discontinued { .. } => pending_requests = 0,
                            _ => {}
                        }
                    }
                    log.extend(events);
                }
                // A refused act changes nothing.
                Err(_) => prop_assert_eq!(&case, &before),
            }
            prop_assert_eq!(case.code.is_some(), entered, "a code exactly when entered in the register");
            prop_assert_eq!(case.register_number.is_some(), entered);
            prop_assert!(open_assignments.len() <= 1, "at most one current assignment");
            prop_assert_eq!(open_assignments.first().copied(), case.practitioner_id);
            prop_assert!(pending_requests <= 1, "at most one pending reassignment request");
            prop_assert_eq!(pending_requests == 1, case.reassignment_due_on.is_some());
            if case.status == CaseState::Accepted || entered {
                prop_assert!(case.is_eligible());
                prop_assert!(case.urgent || case.proof_due_on.is_none());
            }
        }
        // Replaying the events over the received record reproduces the state.
        let mut replayed = start;
        for e in &log {
            replayed.apply(e);
        }
        prop_assert_eq!(lifecycle(&replayed), lifecycle(&case));
    }
}

fn named_case() -> Case {
    let on = d(2026, 3, 2);
    let mut p = beneficiary("Trần Văn Sơn", Some(d(2009, 5, 1)), None);
    p.phone = Some("0912345678".into());
    p.id_number = Some("001209012345".into());
    let mut i = intake(on, vec![claim("2", true, false)], vec![p]);
    i.summary = "Anh Trần Văn Sơn (0912345678) bị khởi tố về tội trộm cắp".into();
    Case::receive(i, &rules(), Moment::on(on)).unwrap().case
}

#[test]
fn a_correction_changes_the_fields_given_and_says_how_many_not_what() {
    let mut case = named_case();
    let id = case.parties[0].id;
    let at = Moment::on(d(2026, 3, 3));
    let fix = PartyCorrection {
        date_of_birth: Some(Some(d(2008, 5, 1))),
        phone: Some(Some(" 0987654321 ".into())),
        sex: Some(None),
        ..PartyCorrection::default()
    };
    let events = case.correct_party(id, fix.clone(), at).unwrap();
    assert_eq!(
        events,
        vec![CaseEvent::PartyCorrected {
            on: at.today,
            party_id: id,
            fields_changed: 2
        }]
    );
    assert_eq!(case.parties[0].phone.as_deref(), Some("0987654321"));
    assert_eq!(case.parties[0].date_of_birth, Some(d(2008, 5, 1)));
    let same = case.correct_party(id, fix, at).unwrap_err();
    assert_eq!(same.code, "privacy.nothing_to_correct");
    let unknown = case
        .correct_party(Uuid::nil(), PartyCorrection::default(), at)
        .unwrap_err();
    assert_eq!(unknown.code, "privacy.no_such_party");
}

#[test]
fn deleting_keeps_a_registered_case_anonymised_and_erases_a_refused_request() {
    let at = Moment::on(d(2026, 3, 3));
    let mut kept = named_case();
    kept.accept(entry(1), &rules(), at).unwrap();
    let id = kept.parties[0].id;
    let done = kept.delete_personal_data(id, at).unwrap();
    assert_eq!(done.erasure, crate::privacy::Erasure::Anonymise);
    assert_eq!(
        done.events,
        vec![CaseEvent::PartyAnonymised {
            on: at.today,
            party_id: id
        }]
    );
    assert_eq!(done.identities.len(), 1);
    assert_eq!(
        kept.status,
        CaseState::Accepted,
        "the case stays where it was"
    );
    assert!(kept.code.is_some(), "and keeps its register entry");
    assert!(crate::privacy::is_anonymised(&kept.parties[0]));
    assert!(!kept.summary.contains("Sơn") && !kept.summary.contains("0912345678"));
    assert!(
        kept.summary.contains("trộm cắp"),
        "the matter stays: {}",
        kept.summary
    );
    assert_eq!(
        kept.delete_personal_data(id, at).unwrap_err().code,
        "privacy.anonymised"
    );

    let mut refused = named_case();
    refused
        .refuse(RefusalGround::NotEligibleMatter, at)
        .unwrap();
    let id = refused.parties[0].id;
    let done = refused.delete_personal_data(id, at).unwrap();
    assert_eq!(done.events, vec![CaseEvent::RequestErased { on: at.today }]);
    assert_eq!(done.erasure, crate::privacy::Erasure::Erase);
    assert_eq!(refused.summary, crate::privacy::REDACTED);
}

/// A filled sheet as the plan's scoring judges it.
fn sheet_result() -> crate::evaluation::Scored {
    crate::evaluation::Scored {
        sheet_id: "tt12-2018".into(),
        marks: vec![],
        total: 86,
        grade: crate::evaluation::Grade::Good,
    }
}

#[test]
fn evaluation_is_recorded_with_its_sheet_and_never_as_a_bare_act() {
    let mut case = received(vec![claim("2", true, false)]);
    case.accept(entry(1), &rules(), AT()).unwrap();
    case.assign(candidate(10), AT()).unwrap();
    case.record_activity(ActivityKind::Meeting, AT().today, "Gặp", None, AT())
        .unwrap();
    case.conclude(
        Conclusion {
            outcome: "Tòa tuyên án treo".into(),
            success: None,
            evidence_on_file: false,
        },
        AT(),
    )
    .unwrap();
    // Not offered as a button: it goes through the plan.
    assert!(!case.allowed_acts().contains(&CommandKind::Evaluate));
    assert_eq!(
        case.evaluate_without_sheet().unwrap_err().code,
        "case.evaluation_needs_sheet"
    );
    assert_eq!(case.status, CaseState::Concluded);
    let events = case.evaluate(&sheet_result(), AT()).unwrap();
    assert!(matches!(
        events.as_slice(),
        [CaseEvent::Evaluated {
            total: Some(86),
            grade: Some(crate::evaluation::Grade::Good),
            ..
        }]
    ));
    assert_eq!(case.status, CaseState::Evaluated);
    // Twice is refused by the state, sheet or not.
    assert_eq!(
        case.evaluate_without_sheet().unwrap_err().code,
        "case.transition_not_allowed"
    );
    assert_eq!(
        case.evaluate(&sheet_result(), AT()).unwrap_err().code,
        "case.transition_not_allowed"
    );
}

fn accused_minor() -> Case {
    let on = d(2026, 3, 2);
    let p = beneficiary(
        "Lê Văn Tùng",
        Some(d(2009, 5, 1)),
        Some(ProceduralRole::Accused),
    );
    Case::receive(
        intake(on, vec![claim("5", true, false)], vec![p]),
        &rules(),
        Moment::on(on),
    )
    .unwrap()
    .case
}

#[test]
fn correcting_the_beneficiarys_birth_date_judges_eligibility_again_before_acceptance() {
    let mut case = accused_minor();
    assert_eq!(case.eligibility_codes, ["5"]);
    let id = case.parties[0].id;
    let born_earlier = Amendment {
        parties: vec![(
            id,
            PartyCorrection {
                date_of_birth: Some(Some(d(2005, 1, 1))),
                phone: Some(Some("0912345678".into())),
                ..PartyCorrection::default()
            },
        )],
        ..Amendment::default()
    };
    let events = case.amend(born_earlier, &rules(), AT()).unwrap();
    assert_eq!(
        events,
        vec![CaseEvent::Amended {
            on: AT().today,
            fields: "party.date_of_birth,party.phone,eligibility".into()
        }]
    );
    // Aged 21 on the request date: clause 5 no longer holds, so the request
    // may only be refused (Law 11/2017 Art. 30(3)).
    assert!(case.eligibility_codes.is_empty());
    assert_eq!(case.version, 2);
    assert_eq!(
        case.accept(entry(1), &rules(), AT()).unwrap_err().code,
        "case.not_eligible"
    );
    // New categories claimed without their papers: proof goes missing.
    let claims = Amendment {
        eligibility: Some(vec![claim("2", false, false)]),
        ..Amendment::default()
    };
    case.amend(claims, &rules(), AT()).unwrap();
    assert_eq!(case.eligibility_codes, ["2"]);
    assert!(!case.missing_proof.is_empty());
}

#[test]
fn what_decides_entry_in_the_register_is_fixed_once_the_case_is_in_it() {
    let mut case = accused_minor();
    case.accept(entry(1), &rules(), AT()).unwrap();
    let version = case.version;
    let late = Amendment {
        form_of_aid: Some(FormOfAid::Advice),
        eligibility: Some(vec![claim("2", true, false)]),
        summary: Some("x".into()),
        ..Amendment::default()
    };
    let problems = case.amend(late, &rules(), AT()).unwrap_err();
    let codes: Vec<_> = problems
        .iter()
        .map(|p| (p.field.as_str(), p.code))
        .collect();
    assert_eq!(
        codes,
        [
            ("form_of_aid", "case.fixed_after_acceptance"),
            ("eligibility", "case.fixed_after_acceptance"),
            ("summary", "length")
        ]
    );
    // The summary and the field still change; sending what is stored changes nothing.
    let fix = Amendment {
        summary: Some("Bị can 17 tuổi bị khởi tố về tội cố ý gây thương tích".into()),
        field_of_law: Some(FieldOfLaw::Criminal),
        form_of_aid: Some(FormOfAid::LitigationDefence),
        ..Amendment::default()
    };
    let events = case.amend(fix.clone(), &rules(), AT()).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(case.version, version + 1);
    assert_eq!(case.amend(fix, &rules(), AT()).unwrap(), vec![]);
    assert_eq!(case.version, version + 1);
    // Unknown party, bad sex, a birth date in the future: each at its field.
    let bad = Amendment {
        parties: vec![
            (Uuid::nil(), PartyCorrection::default()),
            (
                case.parties[0].id,
                PartyCorrection {
                    sex: Some(Some("x".into())),
                    date_of_birth: Some(Some(d(2030, 1, 1))),
                    ..PartyCorrection::default()
                },
            ),
        ],
        ..Amendment::default()
    };
    let fields: Vec<_> = case
        .amend(bad, &rules(), AT())
        .unwrap_err()
        .into_iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(
        fields,
        [
            "parties[0].id",
            "parties[1].date_of_birth",
            "parties[1].sex"
        ]
    );
}

#[test]
fn an_archived_file_is_not_corrected() {
    let mut case = named_case();
    case.refuse(RefusalGround::NotEligibleMatter, AT()).unwrap();
    let problems = case
        .amend(
            Amendment {
                summary: Some("Một nội dung khác hẳn".into()),
                ..Amendment::default()
            },
            &rules(),
            AT(),
        )
        .unwrap_err();
    assert_eq!(problems[0].code, "case.not_amendable");
}
