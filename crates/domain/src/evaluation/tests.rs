use super::*;
use proptest::prelude::*;
use std::collections::HashSet;
use uuid::Uuid;

fn full_marks(sheet: &ScoreSheet) -> Vec<Mark> {
    sheet
        .groups
        .iter()
        .flat_map(|g| &g.criteria)
        .map(|c| Mark {
            criterion: c.key.clone(),
            points: c.points,
        })
        .collect()
}

#[test]
fn the_sheet_in_force_gives_30_60_10() {
    let s = circular_12_2018_sheet();
    let by_group: Vec<u16> = s.groups.iter().map(|g| g.points()).collect();
    assert_eq!(by_group, vec![30, 60, 10]);
    assert_eq!(s.max_total(), 100);
    assert!(s.check().is_ok());
    let points = |k: &str| {
        s.groups
            .iter()
            .flat_map(|g| &g.criteria)
            .find(|c| c.key == k)
            .map(|c| c.points)
    };
    // Fixed by the Circular: lawful 10, informs 10, keeps time 10; matches
    // the request 5, evidence 10, applies the law 20.
    for (k, p) in [
        ("lawful_honest", 10),
        ("informs", 10),
        ("timely", 10),
        ("matches_request", 5),
        ("evidence", 10),
        ("applies_law", 20),
    ] {
        assert_eq!(points(k), Some(p), "{k}");
    }
}

#[test]
fn grades_change_exactly_at_the_thresholds() {
    let s = circular_12_2018_sheet();
    assert_eq!(s.grade(100), Grade::Good);
    assert_eq!(s.grade(80), Grade::Good);
    assert_eq!(s.grade(79), Grade::Satisfactory);
    assert_eq!(s.grade(50), Grade::Satisfactory);
    assert_eq!(s.grade(49), Grade::Unsatisfactory);
    assert_eq!(s.grade(0), Grade::Unsatisfactory);
    // Thresholds are data.
    let mut t = s.clone();
    t.thresholds = Thresholds {
        good: 90,
        satisfactory: 60,
    };
    assert_eq!(t.grade(89), Grade::Satisfactory);
    assert_eq!(t.grade(59), Grade::Unsatisfactory);
}

#[test]
fn a_filled_sheet_is_judged_criterion_by_criterion() {
    let s = circular_12_2018_sheet();
    let full = s.score(&full_marks(&s)).unwrap();
    assert_eq!((full.total, full.grade), (100, Grade::Good));

    let mut over = full_marks(&s);
    over[0].points = 11;
    let e = s.score(&over).unwrap_err();
    assert_eq!(e[0].code, "evaluation.points_out_of_range");
    assert_eq!(e[0].field, "marks.lawful_honest");

    let mut missing = full_marks(&s);
    missing.pop();
    assert_eq!(
        s.score(&missing).unwrap_err()[0].code,
        "evaluation.criterion_missing"
    );

    let mut twice = full_marks(&s);
    twice.push(twice[0].clone());
    assert_eq!(
        s.score(&twice).unwrap_err()[0].code,
        "evaluation.criterion_twice"
    );

    let mut unknown = full_marks(&s);
    unknown.push(Mark {
        criterion: "charm".into(),
        points: 1,
    });
    assert_eq!(
        s.score(&unknown).unwrap_err()[0].code,
        "evaluation.criterion_unknown"
    );
}

#[test]
fn a_sheet_with_thresholds_out_of_order_is_refused() {
    let mut s = circular_12_2018_sheet();
    s.thresholds = Thresholds {
        good: 50,
        satisfactory: 80,
    };
    assert!(s.check().is_err());
    s.thresholds = Thresholds {
        good: 101,
        satisfactory: 50,
    };
    assert!(s.check().is_err());
}

#[test]
fn the_rate_rounds_up_and_stays_within_1_to_100() {
    assert!(Rate::parse(0).is_err());
    assert!(Rate::parse(101).is_err());
    let r = Rate::parse(10).unwrap();
    assert_eq!(r.of(0), 0);
    assert_eq!(r.of(1), 1);
    assert_eq!(r.of(10), 1);
    assert_eq!(r.of(11), 2);
    assert_eq!(Rate::parse(100).unwrap().of(7), 7);
}

#[test]
fn the_algorithm_gives_the_same_sample_forever() {
    // A plan drawn today must be redrawn identically by any later build:
    // this pins the generator's output for a fixed input.
    let candidates: Vec<Candidate> = (1..=20u128)
        .map(|i| Candidate {
            case_id: Uuid::from_u128(i),
            practitioner_id: Some(Uuid::from_u128(1000 + i % 3)),
        })
        .collect();
    let got: Vec<u128> = draw(&candidates, Rate::parse(25).unwrap(), 42)
        .iter()
        .map(|u| u.as_u128())
        .collect();
    assert_eq!(got.len(), 5);
    assert_eq!(got, PINNED.to_vec());
}

/// The sample of `the_algorithm_gives_the_same_sample_forever`.
const PINNED: [u128; 5] = [9, 4, 17, 12, 18];

fn candidates() -> impl Strategy<Value = Vec<Candidate>> {
    prop::collection::btree_map(0u128..400, prop::option::of(0u128..12), 0..120).prop_map(|v| {
        v.into_iter()
            .map(|(c, p)| Candidate {
                case_id: Uuid::from_u128(c),
                practitioner_id: p.map(|p| Uuid::from_u128(10_000 + p)),
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn a_sample_meets_the_law(cands in candidates(), rate in 1u8..=100, seed in any::<u64>()) {
        let rate = Rate::parse(rate).unwrap();
        let sample = draw(&cands, rate, seed);
        let distinct: HashSet<Uuid> = cands.iter().map(|c| c.case_id).collect();
        // Never a case twice, and only candidates.
        let drawn: HashSet<Uuid> = sample.iter().copied().collect();
        prop_assert_eq!(drawn.len(), sample.len());
        prop_assert!(drawn.is_subset(&distinct));
        // At least one case per practitioner.
        for p in cands.iter().filter_map(|c| c.practitioner_id) {
            prop_assert!(cands.iter().any(|c| c.practitioner_id == Some(p) && drawn.contains(&c.case_id)));
        }
        // The rate is met, and exceeded only by the one-per-practitioner rule.
        let practitioners: HashSet<Uuid> = cands.iter().filter_map(|c| c.practitioner_id).collect();
        prop_assert!(sample.len() >= rate.of(distinct.len()));
        prop_assert!(sample.len() <= rate.of(distinct.len()).max(practitioners.len()));
        // The same seed gives the same sample, in any candidate order.
        let mut reversed = cands.clone();
        reversed.reverse();
        prop_assert_eq!(draw(&reversed, rate, seed), sample);
    }
}
