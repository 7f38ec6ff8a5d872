//! The leadership dashboard (DOMAIN §8), checked against figures the test
//! computes itself from the raw rows of a synthetic data set: each
//! practitioner's concluded cases by month, successful cases by month,
//! overdue cases by unit and the waits at each step; then scope and
//! filters.
use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};
use std::collections::HashMap;
use tgpl_db::{ConnectionTrait, Statement};
use tgpl_tests::TestApp;

/// One case as the raw row has it.
struct Row {
    org: String,
    province: Option<String>,
    status: String,
    form: String,
    practitioner: Option<String>,
    request_date: NaiveDate,
    accepted_on: Option<NaiveDate>,
    closed_on: Option<NaiveDate>,
    reassignment_due_on: Option<NaiveDate>,
    proof_due_on: Option<NaiveDate>,
    successful: bool,
    discontinued: bool,
    assigned_on: Option<NaiveDate>,
}

async fn rows(app: &TestApp) -> Vec<Row> {
    let conn = &app.state.db.conn;
    let sql = "SELECT c.organisation_id, c.province_code, c.status, c.form_of_aid, c.practitioner_id, \
               c.request_date, c.accepted_on, c.closed_on, c.reassignment_due_on, c.proof_due_on, \
               c.success_criterion, c.discontinuation_ground, \
               (SELECT MAX(a.assigned_on) FROM case_assignments a WHERE a.case_id = c.id AND a.ended_on IS NULL) AS assigned_on \
               FROM cases c";
    conn.query_all_raw(Statement::from_string(
        conn.get_database_backend(),
        sql.to_owned(),
    ))
    .await
    .unwrap()
    .iter()
    .map(|r| {
        let id = |c: &str| -> Option<String> {
            r.try_get::<Option<uuid::Uuid>>("", c)
                .unwrap()
                .map(|u| u.to_string())
        };
        let date = |c: &str| -> Option<NaiveDate> { r.try_get("", c).unwrap() };
        Row {
            org: id("organisation_id").unwrap(),
            province: r.try_get("", "province_code").unwrap(),
            status: r.try_get("", "status").unwrap(),
            form: r.try_get("", "form_of_aid").unwrap(),
            practitioner: id("practitioner_id"),
            request_date: date("request_date").unwrap(),
            accepted_on: date("accepted_on"),
            closed_on: date("closed_on"),
            reassignment_due_on: date("reassignment_due_on"),
            proof_due_on: date("proof_due_on"),
            successful: r
                .try_get::<Option<String>>("", "success_criterion")
                .unwrap()
                .is_some(),
            discontinued: r
                .try_get::<Option<String>>("", "discontinuation_ground")
                .unwrap()
                .is_some(),
            assigned_on: date("assigned_on"),
        }
    })
    .collect()
}

/// Concluded in `year`: a discontinued case is closed, not concluded, even
/// once archived.
fn done_in(r: &Row, year: i32) -> Option<usize> {
    let done =
        ["concluded", "evaluated", "archived"].contains(&r.status.as_str()) && !r.discontinued;
    r.closed_on
        .filter(|d| done && d.year() == year)
        .map(|d| d.month0() as usize)
}

fn nums(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect()
}

/// The dashboard's figures equal the ones computed here from the rows.
fn check(board: &Value, rows: &[Row], year: i32, today: NaiveDate) {
    // Quotas: every practitioner with a case done, with its months.
    let mut done: HashMap<&str, Vec<u64>> = HashMap::new();
    for r in rows {
        if let (Some(m), Some(p)) = (done_in(r, year), r.practitioner.as_deref()) {
            done.entry(p).or_insert_with(|| vec![0; 12])[m] += 1;
        }
    }
    let quotas = board["quotas"].as_array().unwrap();
    for (p, months) in &done {
        let q = quotas
            .iter()
            .find(|q| q["practitioner_id"] == *p)
            .unwrap_or_else(|| panic!("practitioner {p} is missing"));
        assert_eq!(nums(&q["by_month"]), *months, "{q}");
        assert_eq!(q["done"], months.iter().sum::<u64>());
    }
    for q in quotas {
        let p = q["practitioner_id"].as_str().unwrap();
        if !done.contains_key(p) {
            assert_eq!(q["done"], 0, "{q}");
            assert!(
                q["annual_quota"].is_u64(),
                "listed without work or quota: {q}"
            );
        }
    }
    // Successful cases by month.
    let mut concluded = [0u64; 12];
    let mut successful = [0u64; 12];
    for r in rows {
        if let Some(m) = done_in(r, year) {
            concluded[m] += 1;
            successful[m] += u64::from(r.successful);
        }
    }
    let months = board["successful_by_month"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    for (i, m) in months.iter().enumerate() {
        assert_eq!(m["month"], i as u64 + 1);
        assert_eq!(m["concluded"], concluded[i], "month {}", i + 1);
        assert_eq!(m["successful"], successful[i], "month {}", i + 1);
    }
    // Overdue by unit.
    let mut overdue: HashMap<&str, (u64, u64, u64)> = HashMap::new();
    for r in rows {
        let re = r.reassignment_due_on.is_some_and(|d| d < today);
        let pr = r.proof_due_on.is_some_and(|d| d < today);
        if re || pr {
            let e = overdue.entry(r.org.as_str()).or_default();
            e.0 += u64::from(re);
            e.1 += u64::from(pr);
            e.2 += 1;
        }
    }
    let units = board["overdue_by_unit"].as_array().unwrap();
    assert_eq!(units.len(), overdue.len(), "{units:?}");
    for u in units {
        let (re, pr, n) = overdue[u["organisation_id"].as_str().unwrap()];
        assert_eq!(
            (
                u["reassignment"].as_u64(),
                u["proof"].as_u64(),
                u["cases"].as_u64()
            ),
            (Some(re), Some(pr), Some(n))
        );
    }
    // Waits at each step, from the day each began.
    let since = |r: &Row| match r.status.as_str() {
        "received" | "needs_supplement" => Some(r.request_date),
        "accepted" => r.accepted_on,
        "assigned" | "in_progress" => r.assigned_on,
        "concluded" => r.closed_on,
        _ => None,
    };
    for w in board["waits"].as_array().unwrap() {
        let days: Vec<i64> = rows
            .iter()
            .filter(|r| r.status == w["status"].as_str().unwrap())
            .map(|r| (today - since(r).unwrap_or(today)).num_days().max(0))
            .collect();
        assert_eq!(w["cases"], days.len() as u64, "{w}");
        assert_eq!(
            w["longest_days"],
            days.iter().copied().max().unwrap_or(0) as u64,
            "{w}"
        );
        assert_eq!(
            w["over_30_days"],
            days.iter().filter(|d| **d > 30).count() as u64,
            "{w}"
        );
        let mean = if days.is_empty() {
            0.0
        } else {
            (days.iter().sum::<i64>() as f64 / days.len() as f64 * 10.0).round() / 10.0
        };
        assert_eq!(w["average_days"].as_f64().unwrap(), mean, "{w}");
    }
}

async fn the_dashboard_adds_up_from_the_case_rows(app: TestApp) {
    tgpl_server::synthetic::seed_cases(&app.state.db, 600, 11, app.state.moment())
        .await
        .unwrap();
    // A case the officer had, discontinued and then archived: closed, never
    // concluded, so no part of the officer's quota.
    let director = app.login("gd.hanoi").await;
    let case =
        crate::cases::intake(&app, &director, app.units.hn_centre, "Hà Văn Tú", json!({})).await;
    let case =
        crate::cases::accept_and_assign(&app, &director, &director, &case, app.units.hn_officer)
            .await;
    let case = crate::cases::act(
        &app,
        &director,
        &case,
        "discontinue",
        json!({"discontinuation_ground": "withdrawn"}),
    )
    .await
    .expect(200)
    .body;
    let case = crate::cases::act(&app, &director, &case, "archive", json!({}))
        .await
        .expect(200)
        .body;
    assert_eq!(case["status"], "archived");
    let today = app.today();
    let year = today.year();
    let all = rows(&app).await;
    assert!(all.iter().filter(|r| done_in(r, year).is_some()).count() >= 10);
    assert!(all.iter().any(|r| r.status == "in_progress"));

    // The nation, for the ministry.
    let national = app.login("cuc.canbo").await;
    let board = app
        .get("/api/v1/reports/dashboard", &national)
        .await
        .expect(200)
        .body;
    assert_eq!(board["year"], year);
    check(&board, &all, year, today);
    // Behind first: shares of the quota done never fall down the list.
    let shares: Vec<f64> = board["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| Some(q["done"].as_f64()? / q["annual_quota"].as_f64()?))
        .collect();
    assert!(shares.windows(2).all(|w| w[0] <= w[1]), "{shares:?}");
    // Units are told apart by their province.
    for u in board["completeness"].as_array().unwrap() {
        assert!(u["unit_label"].as_str().unwrap().contains(" — "), "{u}");
    }

    // One province and one form: the same figures over those rows only.
    let hn: Vec<Row> = rows(&app)
        .await
        .into_iter()
        .filter(|r| r.province.as_deref() == Some("01") && r.form == "litigation_defence")
        .collect();
    let board = app
        .get(
            "/api/v1/reports/dashboard?province=01&form_of_aid=litigation_defence",
            &national,
        )
        .await
        .expect(200)
        .body;
    check(&board, &hn, year, today);

    // A centre's director sees the centre's own cases only.
    let director = app.login("gd.hanoi").await;
    let centre = app.units.hn_centre.to_string();
    let mine: Vec<Row> = rows(&app)
        .await
        .into_iter()
        .filter(|r| r.org == centre)
        .collect();
    let board = app
        .get(
            &format!("/api/v1/reports/dashboard?organisation_id={centre}"),
            &director,
        )
        .await
        .expect(200)
        .body;
    check(&board, &mine, year, today);
    let theirs = app
        .get("/api/v1/reports/dashboard", &app.login("gd.hcm").await)
        .await
        .expect(200)
        .body;
    assert!(
        theirs["quotas"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["unit_label"].as_str().unwrap().contains("Hồ Chí Minh")),
        "{}",
        theirs["quotas"]
    );

    // An earlier year has its own months; a year out of range is a 422.
    let last = app
        .get(
            &format!("/api/v1/reports/dashboard?year={}", year - 1),
            &national,
        )
        .await
        .expect(200)
        .body;
    check(&last, &rows(&app).await, year - 1, today);
    app.get("/api/v1/reports/dashboard?year=1900", &national)
        .await
        .problem(422, "validation_failed");
    app.get("/api/v1/reports/dashboard?province=99", &national)
        .await
        .problem(422, "validation_failed");
    // An evaluator counts nothing of anyone's cases.
    let expert = app
        .get("/api/v1/reports/dashboard", &app.login("dg.hanoi").await)
        .await
        .expect(200)
        .body;
    assert!(expert["quotas"].as_array().unwrap().is_empty());
    assert!(
        expert["waits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w["cases"] == 0)
    );
}

tgpl_tests::on_both_databases!(the_dashboard_adds_up_from_the_case_rows);
