use super::*;
use crate::case::{FieldOfLaw, FormOfAid};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn periods_follow_circular_03_2019_art_6() {
    let six = ReportPeriod::standard(PeriodKind::SixMonth, 2026, false).unwrap();
    assert_eq!(
        (six.from, six.to, six.actual_to),
        (d(2026, 1, 1), d(2026, 6, 30), d(2026, 5, 31))
    );
    let pre = ReportPeriod::standard(PeriodKind::AnnualPreliminary, 2026, false).unwrap();
    assert_eq!(pre.actual_to, d(2026, 10, 31));
    let ministry = ReportPeriod::standard(PeriodKind::AnnualPreliminary, 2026, true).unwrap();
    assert_eq!(ministry.actual_to, d(2026, 11, 30));
    let official = ReportPeriod::standard(PeriodKind::AnnualOfficial, 2026, false).unwrap();
    assert!(!official.has_estimate());
    assert_eq!(official.projection(100), 0);
    assert!(ReportPeriod::standard(PeriodKind::Custom, 2026, false).is_err());
    assert!(ReportPeriod::custom(d(2026, 2, 1), d(2026, 1, 1)).is_err());
}

#[test]
fn the_projection_extends_the_daily_rate_to_the_estimated_days() {
    // 151 counted days (1 Jan – 31 May 2026), 30 estimated (June).
    let six = ReportPeriod::standard(PeriodKind::SixMonth, 2026, false).unwrap();
    assert_eq!(six.projection(151), 30);
    assert_eq!(six.projection(0), 0);
    // 302 × 30 / 151 = 60; 100 × 30 / 151 = 19.87 → 20.
    assert_eq!(six.projection(302), 60);
    assert_eq!(six.projection(100), 20);
}

#[test]
fn form_24_has_the_18_numbered_columns_and_rows_by_field_and_form() {
    let t = form24_circular_03_2019();
    let numbers: Vec<u16> = t.columns.iter().map(|c| c.number).collect();
    assert_eq!(numbers, (1..=18).collect::<Vec<_>>());
    assert_eq!(t.rows[0].number, "");
    assert_eq!(t.rows.len(), 1 + 6 * 6);
    let r = t.row("2.2.1").unwrap();
    assert!(r.holds(FieldOfLaw::CivilFamily, FormOfAid::LitigationDefence));
    assert!(!r.holds(FieldOfLaw::CivilFamily, FormOfAid::LitigationProtection));
    assert!(
        t.row("")
            .unwrap()
            .holds(FieldOfLaw::Labour, FormOfAid::Advice)
    );
    let t25 = form25_circular_03_2019();
    assert_eq!(t25.columns.len(), 11);
}

#[test]
fn templates_round_trip_as_data() {
    for t in default_templates() {
        let json = serde_json::to_string(&t).unwrap();
        let back: Template = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
    }
}

#[test]
fn the_template_in_force_is_chosen_by_date() {
    let mut newer = form24_circular_03_2019();
    newer.id = "24/16-2025".into();
    newer.valid_from = d(2025, 11, 1);
    let mut old = form24_circular_03_2019();
    old.valid_to = Some(d(2025, 10, 31));
    let all = vec![old, newer, form25_circular_03_2019()];
    let pick = |day| template_for(&all, FormKind::PersonsAided, day).map(|t| t.id.as_str());
    assert_eq!(pick(d(2025, 10, 31)), Some("24/03-2019"));
    assert_eq!(pick(d(2025, 11, 1)), Some("24/16-2025"));
    assert_eq!(pick(d(2018, 12, 31)), None);
}

#[test]
fn rows_sum_the_groups_they_hold() {
    let t = form25_circular_03_2019();
    let period = ReportPeriod::standard(PeriodKind::AnnualOfficial, 2026, false).unwrap();
    let mut counts = vec![0; t.columns.len()];
    counts[0] = 3;
    let buckets = vec![
        Bucket {
            field: FieldOfLaw::Criminal,
            form: FormOfAid::LitigationDefence,
            counts: counts.clone(),
        },
        Bucket {
            field: FieldOfLaw::Criminal,
            form: FormOfAid::Advice,
            counts: counts.clone(),
        },
        Bucket {
            field: FieldOfLaw::Land,
            form: FormOfAid::Advice,
            counts,
        },
    ];
    let table = Table::assemble(&t, &period, &buckets);
    assert_eq!(table.cell("", 1).unwrap().actual, 9);
    assert_eq!(table.cell("1", 1).unwrap().actual, 6);
    assert_eq!(table.cell("1.2", 1).unwrap().actual, 3);
    assert_eq!(table.cell("1.2.2", 1).unwrap().actual, 0);
    assert_eq!(table.cell("4.1", 1).unwrap().actual, 3);
    assert_eq!(table.cell("4.1", 2).unwrap().actual, 0);
}

#[test]
fn an_entered_estimate_replaces_a_detailed_cell_and_the_totals_follow() {
    let t = form25_circular_03_2019();
    let six = ReportPeriod::standard(PeriodKind::SixMonth, 2026, false).unwrap();
    let buckets = vec![Bucket {
        field: FieldOfLaw::Criminal,
        form: FormOfAid::Advice,
        counts: vec![151; t.columns.len()],
    }];
    let table = Table::assemble(&t, &six, &buckets);
    let entry = |row: &str, value| EstimateEntry {
        row: row.into(),
        column: 1,
        value,
    };
    let entered = table
        .clone()
        .with_estimates(&t, &[entry("1.1", 7), entry("1.2.1", 4), entry("2.3", 2)])
        .unwrap();
    let projected = |n: &str| entered.cell(n, 1).unwrap().projected;
    assert_eq!(projected("1.1"), 7);
    assert_eq!(projected("1.2"), 4);
    assert_eq!(projected("1"), 11);
    assert_eq!(projected("2"), 2);
    assert_eq!(projected(""), 13);
    // The actual figures do not move.
    assert_eq!(entered.cell("", 1).unwrap().actual, 151);
    // Totals are not entered; unknown cells and doubles are refused.
    let e = table
        .clone()
        .with_estimates(
            &t,
            &[
                entry("1", 5),
                entry("9.9", 1),
                entry("1.1", 1),
                entry("1.1", 2),
            ],
        )
        .unwrap_err();
    let codes: Vec<&str> = e.iter().map(|p| p.code).collect();
    assert_eq!(
        codes,
        vec![
            "report.estimate_on_total",
            "report.cell_unknown",
            "report.estimate_twice"
        ]
    );
    assert_eq!(e[0].field, "estimates[0]");
    assert!(
        table
            .with_estimates(&t, &[entry("1.1", MAX_ESTIMATE + 1)])
            .is_err()
    );
}
