use super::*;
use crate::case::record::PartyRole;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-16T08:00:00Z")
        .unwrap()
        .to_utc()
}

fn party(name: &str, born: Option<&str>, id: Option<&str>) -> Party {
    Party {
        id: Uuid::now_v7(),
        role: PartyRole::Beneficiary,
        full_name: name.into(),
        sex: None,
        date_of_birth: born.map(|d| d.parse().unwrap()),
        procedural_role: None,
        ethnicity: None,
        address: None,
        phone: None,
        id_number: id.map(str::to_owned),
        person_id: None,
    }
}

fn hn() -> Option<ProvinceCode> {
    Some(ProvinceCode::parse("01").unwrap())
}

fn hcm() -> Option<ProvinceCode> {
    Some(ProvinceCode::parse("79").unwrap())
}

fn who(name: &str, born: Option<&str>, id: Option<&str>, p: Option<ProvinceCode>) -> Identity {
    Identity::of(&party(name, born, id), p)
}

#[test]
fn the_same_id_number_and_name_is_one_person_whatever_the_spelling_of_diacritics() {
    let a = who("Lò Thị Nhung", None, Some("011 087 004"), hn());
    let b = who("LO THI NHUNG", Some("1987-04-19"), Some("011087004"), hcm());
    assert_eq!(compare(&a, &b), Verdict::Same);
}

#[test]
fn the_same_id_number_under_another_name_is_only_suggested() {
    let a = who("Lò Thị Nhung", None, Some("011087004"), hn());
    let b = who("Lò Thị Nhun", None, Some("011087004"), hn());
    assert_eq!(
        compare(&a, &b),
        Verdict::Possibly(DuplicateReason::SameIdNumber)
    );
}

#[test]
fn without_an_id_number_name_birth_date_and_province_decide() {
    let a = who("Nguyễn Văn An", Some("1990-01-02"), None, hn());
    assert_eq!(
        compare(&a, &who("nguyen van an", Some("1990-01-02"), None, hn())),
        Verdict::Same
    );
    assert_eq!(
        compare(
            &a,
            &who(
                "Nguyễn Văn An",
                Some("1990-01-02"),
                Some("001090000001"),
                hn()
            )
        ),
        Verdict::Same,
        "one ID number known is no contradiction"
    );
    assert_eq!(
        compare(&a, &who("Nguyễn Văn An", Some("1990-01-02"), None, hcm())),
        Verdict::Possibly(DuplicateReason::SameNameAndBirthDate),
        "another province: perhaps moved, perhaps a namesake"
    );
    assert_eq!(
        compare(&a, &who("Nguyễn Văn An", None, None, hn())),
        Verdict::Different,
        "a name alone is not a person"
    );
    assert_eq!(
        compare(&a, &who("Nguyễn Văn An", Some("1991-01-02"), None, hn())),
        Verdict::Different
    );
}

#[test]
fn different_id_numbers_are_two_people_unless_name_and_birth_date_agree() {
    let a = who(
        "Trần Văn Bình",
        Some("1980-05-05"),
        Some("001080000001"),
        hn(),
    );
    assert_eq!(
        compare(&a, &who("Trần Văn Bình", None, Some("001080000002"), hn())),
        Verdict::Different
    );
    assert_eq!(
        compare(
            &a,
            &who(
                "Trần Văn Bình",
                Some("1980-05-05"),
                Some("001080000002"),
                hn()
            )
        ),
        Verdict::Possibly(DuplicateReason::SameNameAndBirthDate)
    );
}

#[test]
fn a_linked_party_teaches_the_record_what_it_lacked() {
    let at = now();
    let mut p = Person::first_seen(&party("Nguyễn Văn An", Some("1990-01-02"), None), hn(), at);
    assert_eq!(p.match_key().as_deref(), Some("nguyen van an|1990-01-02"));
    let found = find_same(
        &who(
            "Nguyen Van An",
            Some("1990-01-02"),
            Some("001 090 000 001"),
            hn(),
        ),
        [&p],
    );
    assert_eq!(found, Some(p.id));
    assert!(p.learn(&who("x", None, Some("001090000001"), hn()), at));
    assert_eq!(p.id_number.as_deref(), Some("001090000001"));
    assert_eq!(p.version, 2);
    assert!(
        !p.learn(&who("x", None, Some("999"), hn()), at),
        "never overwritten"
    );
}

#[test]
fn a_merge_is_undone_in_reverse_order_only() {
    let at = now();
    let mut a = Person::first_seen(&party("A", None, None), hn(), at);
    let mut b = Person::first_seen(&party("A", None, None), hn(), at);
    let c = Person::first_seen(&party("A", None, None), hn(), at);
    assert_eq!(a.merge_into(&a.clone(), at), Err(PersonError::SamePerson));
    a.merge_into(&b, at).unwrap();
    assert_eq!(a.merge_into(&c, at), Err(PersonError::AlreadyMerged));
    assert_eq!(
        find_same(&a.identity(), [&a]),
        None,
        "a merged record is never linked to"
    );
    b.merge_into(&c, at).unwrap();
    assert_eq!(a.unmerge_from(&b, at), Err(PersonError::MergedSince));
    b.unmerge_from(&c, at).unwrap();
    a.unmerge_from(&b, at).unwrap();
    assert_eq!(a.merged_into_id, None);
    assert_eq!(a.unmerge_from(&b, at), Err(PersonError::NotMerged));
}

#[test]
fn id_numbers_compare_without_spaces_or_case() {
    assert_eq!(
        normalise_id_number(" 011 087.004 ").as_deref(),
        Some("011087004")
    );
    assert_eq!(normalise_id_number("ab12").as_deref(), Some("AB12"));
    assert_eq!(normalise_id_number("  "), None);
}

#[test]
fn two_namesakes_born_the_same_day_make_the_match_ambiguous() {
    let at = now();
    let a = Person::first_seen(
        &party("Trần Văn Bình", Some("1980-05-05"), Some("001080000001")),
        hn(),
        at,
    );
    let b = Person::first_seen(
        &party("Trần Văn Bình", Some("1980-05-05"), Some("001080000002")),
        hn(),
        at,
    );
    let bare = who("Trần Văn Bình", Some("1980-05-05"), None, hn());
    assert_eq!(find_same(&bare, [&a]), Some(a.id));
    assert_eq!(
        find_same(&bare, [&a, &b]),
        None,
        "which of the two? leadership decides"
    );
    let known = who("Trần Văn Bình", None, Some("001080000002"), hn());
    assert_eq!(
        find_same(&known, [&a, &b]),
        Some(b.id),
        "the ID number decides"
    );
}

#[test]
fn a_suggestion_names_its_evidence_and_masking_hides_it() {
    let at = now();
    let a = Person::first_seen(
        &party("Lò Thị Nhung", Some("1987-04-19"), Some("011087004")),
        hn(),
        at,
    );
    let typo = Person::first_seen(&party("Lò Thị Nhun", None, Some("011087004")), hn(), at);
    let moved = Person::first_seen(&party("Lo Thi Nhung", Some("1987-04-19"), None), hcm(), at);
    let other = Person::first_seen(&party("Trần Văn Bình", None, None), hn(), at);
    assert_eq!(
        suggestion_reason(&a, &typo),
        Some(DuplicateReason::SameIdNumber)
    );
    assert_eq!(
        suggestion_reason(&a, &moved),
        Some(DuplicateReason::SameNameAndBirthDate)
    );
    assert_eq!(
        suggestion_reason(&a, &a.clone()),
        Some(DuplicateReason::SameIdNumber)
    );
    assert_eq!(suggestion_reason(&a, &other), None);
    let m = a.masked();
    assert_eq!((m.date_of_birth, m.id_number), (None, None));
    assert_eq!(m.full_name, "Lò Thị Nhung");
}
