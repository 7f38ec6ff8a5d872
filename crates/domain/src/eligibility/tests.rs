use super::*;
use std::collections::BTreeSet;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn claim(code: &str, proof: bool, hardship: bool) -> ClaimedCategory {
    ClaimedCategory {
        code: code.into(),
        proof_documents_present: proof,
        financial_hardship_proven: hardship,
    }
}

/// A beneficiary of 76 with no procedural role: meets the age of 7(c).
fn elder() -> Beneficiary {
    Beneficiary {
        date_of_birth: Some(d(1950, 1, 1)),
        procedural_role: None,
    }
}

fn child() -> Beneficiary {
    Beneficiary {
        date_of_birth: Some(d(2015, 1, 1)),
        procedural_role: None,
    }
}

fn codes_on(date: NaiveDate) -> BTreeSet<String> {
    categories_in_force(date)
        .into_iter()
        .map(|c| c.code.to_string())
        .collect()
}

const ALWAYS: [&str; 11] = ["1", "2", "3", "4", "5", "6", "7a", "7b", "7c", "7d", "7e"];

#[test]
fn the_table_is_well_formed() {
    let mut codes = BTreeSet::new();
    for c in CATEGORIES {
        assert!(
            !c.label_vi.is_empty() && !c.proof_documents.is_empty(),
            "{c:?}"
        );
        assert!(c.valid_to.is_none_or(|to| c.valid_from <= to), "{c:?}");
        assert!(c.code.is_ascii(), "{c:?}");
        assert_eq!(normalise_code(&c.clause), c.code, "{c:?}");
        // Law 11/2017 Art. 7(7): exactly the clause 7 categories need hardship.
        assert_eq!(c.requires_financial_hardship, c.code.starts_with('7'));
        codes.insert(c.code.to_string());
    }
    assert_eq!(codes.len(), 15);
    // Versions of one category never overlap: at most one is in force a day.
    for day in [
        d(2018, 1, 1),
        d(2025, 6, 30),
        d(2025, 7, 1),
        d(2025, 12, 31),
        d(2026, 1, 1),
    ] {
        let in_force = categories_in_force(day);
        let distinct: BTreeSet<_> = in_force.iter().map(|c| &c.code).collect();
        assert_eq!(distinct.len(), in_force.len(), "{day}");
    }
}

#[test]
fn before_2025_07_01_seven_g_holds_and_six_a_does_not_exist() {
    let codes = codes_on(d(2025, 6, 30));
    assert!(ALWAYS.iter().all(|c| codes.contains(*c)));
    assert!(codes.contains("7g") && codes.contains("7dd") && codes.contains("7h"));
    assert!(!codes.contains("6a"));
    assert_eq!(codes.len(), 14);

    let err = category("6a", d(2025, 6, 30)).unwrap_err();
    assert_eq!(err.code(), "eligibility.not_in_force");
    assert!(category("7g", d(2025, 6, 30)).is_ok());
}

#[test]
fn from_2025_07_01_six_a_replaces_seven_g() {
    let codes = codes_on(d(2025, 7, 1));
    assert!(codes.contains("6a") && !codes.contains("7g"));
    assert!(codes.contains("7dd"));
    assert_eq!(
        category("7g", d(2025, 7, 1)).unwrap_err().code(),
        "eligibility.not_in_force"
    );
    // A trafficking victim: without hardship before, no hardship needed after.
    let before = assess(d(2025, 6, 30), &elder(), &[claim("7g", true, false)]);
    assert_eq!(before.verdict, Verdict::NotEligible);
    assert_eq!(before.claims[0].outcome, ClaimOutcome::HardshipNotProven);
    let after = assess(d(2025, 7, 1), &elder(), &[claim("6a", true, false)]);
    assert_eq!(after.verdict, Verdict::Eligible);
    let stale = assess(d(2025, 7, 1), &elder(), &[claim("7g", true, true)]);
    assert_eq!(stale.claims[0].outcome, ClaimOutcome::NotInForce);
    assert_eq!(stale.verdict, Verdict::NotEligible);
}

#[test]
fn on_2026_01_01_clause_five_is_rewritten_and_seven_dd_repealed() {
    let old = category("5", d(2025, 12, 31)).unwrap();
    let new = category("5", d(2026, 1, 1)).unwrap();
    assert_eq!(
        old.label_vi,
        "Người bị buộc tội từ đủ 16 tuổi đến dưới 18 tuổi"
    );
    assert!(new.label_vi.contains("bị hại") && new.label_vi.contains("chuyển hướng"));
    assert_ne!(old, new);

    assert!(category("7đ", d(2025, 12, 31)).is_ok());
    let err = category("7đ", d(2026, 1, 1)).unwrap_err();
    assert_eq!(
        err,
        EligibilityError::NotInForce {
            code: "7dd".into(),
            date: d(2026, 1, 1)
        }
    );
    let codes = codes_on(d(2026, 1, 1));
    assert!(!codes.contains("7dd") && !codes.contains("7g") && codes.contains("6a"));
    assert_eq!(codes.len(), 13);
}

#[test]
fn unknown_and_not_in_force_are_distinct() {
    assert_eq!(
        category("9", d(2026, 1, 1)).unwrap_err().code(),
        "eligibility.unknown_category"
    );
    // Before Law 11/2017 took effect nothing is in force.
    assert_eq!(
        category("1", d(2017, 12, 31)).unwrap_err().code(),
        "eligibility.not_in_force"
    );
    assert_eq!(category(" 7Đ ", d(2025, 1, 1)).unwrap().clause, "7đ");
}

#[test]
fn missing_proof_makes_the_request_pending_not_refused() {
    let a = assess(d(2026, 3, 2), &elder(), &[claim("2", false, false)]);
    assert_eq!(a.verdict, Verdict::EligiblePendingProof);
    assert_eq!(a.claims[0].outcome, ClaimOutcome::ProofMissing);
    assert_eq!(a.failures().count(), 0);

    // A proven category wins over one still pending.
    let a = assess(
        d(2026, 3, 2),
        &child(),
        &[claim("2", false, false), claim("3", true, false)],
    );
    assert_eq!(a.verdict, Verdict::Eligible);
    assert_eq!(a.holding_codes().collect::<Vec<_>>(), ["2", "3"]);
}

#[test]
fn clause_seven_needs_proven_hardship_the_others_ignore_it() {
    let a = assess(d(2026, 3, 2), &elder(), &[claim("7c", true, false)]);
    assert_eq!(a.verdict, Verdict::NotEligible);
    assert_eq!(
        a.failures()
            .map(|c| c.outcome.error_code())
            .collect::<Vec<_>>(),
        [Some("eligibility.hardship_not_proven")]
    );
    // Hardship not proven fails even when the category's own proof is missing.
    let a = assess(d(2026, 3, 2), &elder(), &[claim("7h", false, false)]);
    assert_eq!(a.claims[0].outcome, ClaimOutcome::HardshipNotProven);
    assert_eq!(
        assess(d(2026, 3, 2), &elder(), &[claim("7c", true, true)]).verdict,
        Verdict::Eligible
    );
    assert_eq!(
        assess(d(2026, 3, 2), &elder(), &[claim("1", true, false)]).verdict,
        Verdict::Eligible
    );
}

#[test]
fn no_claim_or_only_failing_claims_is_not_eligible() {
    assert_eq!(
        assess(d(2026, 3, 2), &elder(), &[]).verdict,
        Verdict::NotEligible
    );
    let a = assess(
        d(2026, 3, 2),
        &elder(),
        &[claim("7dd", true, true), claim("x", true, true)],
    );
    assert_eq!(a.verdict, Verdict::NotEligible);
    let outcomes: Vec<_> = a.claims.iter().map(|c| c.outcome).collect();
    assert_eq!(
        outcomes,
        [ClaimOutcome::NotInForce, ClaimOutcome::UnknownCategory]
    );
}

#[test]
fn a_loaded_table_can_replace_the_built_in_one() {
    let mut table: Vec<Category> = CATEGORIES.to_vec();
    // The admin ends category 1 (hypothetically) and adds an owned row.
    if let Some(c) = table.iter_mut().find(|c| c.code == "1") {
        c.valid_to = Some(d(2026, 6, 30));
    }
    table.push(Category {
        code: "8".to_string().into(),
        clause: "8".to_string().into(),
        label_vi: "Thử nghiệm".to_string().into(),
        label_en: "Trial".to_string().into(),
        valid_from: d(2026, 7, 1),
        valid_to: None,
        requires_financial_hardship: false,
        procedural_roles: Vec::new().into(),
        min_age: None,
        age_under: None,
        proof_documents: vec!["Giấy tờ".to_string().into()].into(),
        source: "test".to_string().into(),
    });
    let on = d(2026, 7, 1);
    assert_eq!(
        category_in(&table, "1", on).unwrap_err().code(),
        "eligibility.not_in_force"
    );
    let a = assess_in(&table, on, &elder(), &[claim("8", true, false)]);
    assert_eq!(a.verdict, Verdict::Eligible);
}

#[test]
fn categories_serialise_for_the_wire() {
    let json = serde_json::to_value(category("7đ", d(2025, 1, 1)).unwrap()).unwrap();
    assert_eq!(json["code"], "7dd");
    assert_eq!(json["clause"], "7đ");
    assert_eq!(json["valid_to"], "2025-12-31");
    let back: Category = serde_json::from_value(json).unwrap();
    assert_eq!(back.code, "7dd");
    let verdict = serde_json::to_string(&Verdict::EligiblePendingProof).unwrap();
    assert_eq!(verdict, "\"eligible_pending_proof\"");
}

#[test]
fn age_conditions_read_the_birth_date_on_the_request_date() {
    let person = |born| Beneficiary {
        date_of_birth: Some(born),
        procedural_role: None,
    };
    // Children: under 16 on the request date.
    let on = d(2026, 3, 2);
    let outcome =
        |p: &Beneficiary, code: &str| assess(on, p, &[claim(code, true, true)]).claims[0].outcome;
    assert_eq!(
        outcome(&person(d(2010, 3, 3)), "3"),
        ClaimOutcome::Satisfied
    );
    assert_eq!(
        outcome(&person(d(2010, 3, 2)), "3"),
        ClaimOutcome::AgeNotCovered
    );
    // The elderly: 60 and over.
    assert_eq!(
        outcome(&person(d(1966, 3, 2)), "7c"),
        ClaimOutcome::Satisfied
    );
    assert_eq!(
        outcome(&person(d(1966, 3, 3)), "7c"),
        ClaimOutcome::AgeNotCovered
    );
    assert_eq!(
        outcome(&Beneficiary::default(), "7c"),
        ClaimOutcome::DateOfBirthMissing
    );
    assert_eq!(age_on(d(2008, 2, 29), d(2026, 2, 28)), Some(17));
    assert_eq!(age_on(d(2027, 1, 1), on), None);
}

#[test]
fn every_category_has_an_english_name_for_the_english_interface() {
    for c in CATEGORIES {
        assert!(!c.label_en.is_empty(), "{} has no English name", c.code);
        assert!(c.label_en.is_ascii(), "{}: {}", c.code, c.label_en);
    }
}
