use super::*;
use std::collections::BTreeSet;
use tgpl_domain::case::{ActivityKind, Channel, CommandKind, PartyRole};
use tgpl_domain::eligibility::ClaimOutcome;
use tgpl_domain::{OrgKind, OrgStatus};

fn has(key: &str) -> bool {
    STRINGS
        .iter()
        .chain(PUBLIC_STRINGS.iter())
        .any(|(k, _, _)| *k == key)
        || DOMAIN_EN.iter().any(|(k, _)| *k == key)
}

#[test]
fn keys_are_unique() {
    let mut seen = BTreeSet::new();
    for k in STRINGS
        .iter()
        .chain(PUBLIC_STRINGS.iter())
        .map(|(k, _, _)| *k)
        .chain(DOMAIN_EN.iter().map(|(k, _)| *k))
    {
        assert!(seen.insert(k), "duplicate i18n key {k}");
    }
}

#[test]
fn every_key_has_vietnamese_and_english() {
    for (k, vi, en) in STRINGS.iter().chain(PUBLIC_STRINGS.iter()) {
        assert!(!vi.trim().is_empty(), "{k} has no Vietnamese text");
        assert!(!en.trim().is_empty(), "{k} has no English text");
    }
    for (k, en) in DOMAIN_EN {
        assert!(!en.trim().is_empty(), "{k} has no English text");
        assert!(
            domain_vi(k).is_some(),
            "{k} has no Vietnamese label in tgpl-domain"
        );
    }
}

#[test]
fn vietnamese_is_the_default_and_english_switches() {
    assert_eq!(lookup(Lang::Vi, "nav.cases"), "Vụ việc");
    assert_eq!(lookup(Lang::En, "nav.cases"), "Cases");
    // Domain enums: Vietnamese from the domain itself.
    assert_eq!(
        lookup(Lang::Vi, "state.accepted"),
        CaseState::Accepted.label_vi()
    );
    assert_eq!(lookup(Lang::En, "state.accepted"), "Accepted");
}

fn check_all(prefix: &str, values: impl IntoIterator<Item = &'static str>) {
    for v in values {
        let key = format!("{prefix}.{v}");
        assert!(has(&key), "missing i18n key {key}");
    }
}

#[test]
fn every_value_of_every_enum_shown_has_a_label() {
    check_all("state", CaseState::ALL.map(CaseState::as_str));
    check_all("form", FormOfAid::ALL.map(FormOfAid::as_str));
    check_all("law", FieldOfLaw::ALL.map(FieldOfLaw::as_str));
    check_all("channel", Channel::ALL.map(Channel::as_str));
    check_all("party_role", PartyRole::ALL.map(PartyRole::as_str));
    check_all("activity", ActivityKind::ALL.map(ActivityKind::as_str));
    check_all("cmd", CommandKind::ALL.map(CommandKind::as_str));
    check_all("refusal", RefusalGround::ALL.map(RefusalGround::as_str));
    check_all(
        "discontinuation",
        DiscontinuationGround::ALL.map(DiscontinuationGround::as_str),
    );
    check_all("role", Role::ALL.map(Role::as_str));
    check_all("org_kind", OrgKind::ALL.map(OrgKind::as_str));
    check_all(
        "org_status",
        [OrgStatus::Active, OrgStatus::Inactive, OrgStatus::Merged].map(OrgStatus::as_str),
    );
    check_all(
        "practitioner_kind",
        PractitionerKind::ALL.map(PractitionerKind::as_str),
    );
    check_all("practitioner_status", ["active", "suspended", "left"]);
    check_all("user_status", ["active", "deactivated"]);
    check_all("hearing_mode", ["in_person", "online"]);
    check_all(
        "claim",
        [
            ClaimOutcome::Satisfied,
            ClaimOutcome::ProofMissing,
            ClaimOutcome::UnknownCategory,
            ClaimOutcome::NotInForce,
            ClaimOutcome::HardshipNotProven,
            ClaimOutcome::ProceduralRoleNotCovered,
            ClaimOutcome::AgeNotCovered,
            ClaimOutcome::DateOfBirthMissing,
        ]
        .map(ClaimOutcome::as_str),
    );
    check_all("doc_kind", crate::pages::documents::kinds());
    check_all("step", crate::pages::documents::steps());
    check_all("entity", ["case", "organisation", "practitioner", "user"]);
}

/// String literals of a Rust source file (good enough for our sources:
/// escapes handled, char literals of a quote skipped).
fn literals(src: &str) -> Vec<String> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\'' if i + 2 < b.len() && b[i + 2] == b'\'' => i += 3,
            b'\'' if i + 3 < b.len() && b[i + 1] == b'\\' && b[i + 3] == b'\'' => i += 4,
            b'/' if i + 1 < b.len() && b[i + 1] == b'/' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                out.push(String::from_utf8_lossy(&b[start..i.min(b.len())]).into_owned());
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

fn sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs")
            && !p.ends_with("i18n.rs")
            && !p.ends_with("tests.rs")
        {
            out.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap_or_default(),
            ));
        }
    }
}

/// API codes that look like keys but are not shown (matched on).
const NOT_KEYS: [&str; 5] = [
    "case.conflict_of_interest",
    "case.transition_not_allowed",
    "practitioner.card_number_taken",
    "intake.already_decided",
    "intake.too_many_attachments",
];

#[test]
fn every_key_the_code_uses_exists() {
    let prefixes: BTreeSet<&str> = STRINGS
        .iter()
        .map(|(k, _, _)| *k)
        .chain(DOMAIN_EN.iter().map(|(k, _)| *k))
        .filter_map(|k| k.split_once('.').map(|(p, _)| p))
        .collect();
    let mut files = Vec::new();
    sources(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 10, "sources not found");
    let mut missing = Vec::new();
    let mut used = 0;
    for (path, src) in &files {
        for lit in literals(src) {
            let Some((p, rest)) = lit.split_once('.') else {
                continue;
            };
            let keyish = !rest.is_empty()
                && lit
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                && prefixes.contains(p);
            if !keyish || NOT_KEYS.contains(&lit.as_str()) {
                continue;
            }
            used += 1;
            if !has(&lit) {
                missing.push(format!("{lit} ({path})"));
            }
        }
    }
    // Keys passed to the i18n calls and props, whatever their prefix.
    for (path, src) in &files {
        for pat in ["t(\"", "tx(\"", "tf(\"", "_key=\"", "_key: \""] {
            for (i, _) in src.match_indices(pat) {
                let rest = &src[i + pat.len()..];
                let Some(end) = rest.find('"') else { continue };
                let key = &rest[..end];
                let before = src[..i].chars().last().unwrap_or(' ');
                if pat.starts_with('t') && (before.is_alphanumeric() || before == '_') {
                    continue; // e.g. `set(` or `get(`: not our `t(`
                }
                used += 1;
                if !has(key) {
                    missing.push(format!("{key} ({path})"));
                }
            }
        }
    }
    assert!(used > 150, "only {used} keys found in the sources");
    assert!(missing.is_empty(), "keys without text: {missing:#?}");
}

#[test]
fn every_item_a_case_file_can_lack_has_a_label() {
    // A concluded case with nothing filled in lacks every item there is.
    let case: tgpl_domain::case::CaseRecord = serde_json::from_value(serde_json::json!({
        "id": "00000000-0000-0000-0000-000000000001",
        "organisation_id": "00000000-0000-0000-0000-000000000002",
        "status": "concluded", "channel": "in_person", "request_date": "2026-01-02",
        "form_of_aid": "litigation_defence", "field_of_law": "criminal", "summary": "",
        "eligibility_codes": [], "missing_proof": ["x"], "urgent": false,
        "parties": [{"id": "00000000-0000-0000-0000-000000000003", "role": "beneficiary", "full_name": "A"}],
        "version": 1, "created_at": "2026-01-02T00:00:00Z", "updated_at": "2026-01-02T00:00:00Z"
    }))
    .unwrap();
    let mut missing = tgpl_domain::case::completeness::assess(&case).missing;
    let no_party = tgpl_domain::case::CaseRecord {
        parties: vec![],
        ..case
    };
    missing.extend(tgpl_domain::case::completeness::assess(&no_party).missing);
    assert!(missing.len() >= 8, "{missing:?}");
    for item in missing {
        let key = format!("missing.{}", item.replace('.', "_"));
        assert!(has(&key), "no text for the missing item {item}");
    }
}

#[test]
fn every_kind_of_notice_and_delivery_has_a_label() {
    use tgpl_domain::notification::{Delivery, NotificationKind};
    for k in NotificationKind::ALL {
        assert!(has(&format!("notif.kind.{}", k.as_str())), "{k:?}");
    }
    for d in [
        Delivery::Immediate,
        Delivery::DailyDigest,
        Delivery::InAppOnly,
    ] {
        assert!(has(&format!("notif.delivery.{}", d.as_str())), "{d:?}");
    }
}
