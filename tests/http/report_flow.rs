//! The reporting flow (DOMAIN §8): a centre submits, its Justice Department
//! returns it with a reason, the centre resubmits, the department accepts;
//! the department submits the province's roll-up and the ministry accepts
//! it. A submitted report is a frozen snapshot; every step is audited.
use chrono::Datelike;
use serde_json::{Value, json};
use tgpl_tests::TestApp;

fn total(report: &Value) -> u64 {
    report["rows"][0]["cells"][0]["actual"].as_u64().unwrap()
}

async fn accepted_case(app: &TestApp, director: &str, name: &str) {
    let case = crate::cases::intake(app, director, app.units.hn_centre, name, json!({})).await;
    crate::cases::act(app, director, &case, "accept", json!({}))
        .await
        .expect(200);
}

async fn a_report_goes_up_comes_back_and_stays_frozen(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let department = app.login("stp.hanoi").await;
    let admin = app.login("admin").await;
    let year = app.today().year();
    accepted_case(&app, &director, "Đinh Văn Khải").await;
    let body = json!({"form": "25", "period": "annual_official", "year": year});
    let first = app
        .post("/api/v1/reports/submissions", Some(&director), &body)
        .await
        .expect(201)
        .body;
    assert_eq!(first["unit_kind"], "organisation");
    assert_eq!(first["unit_name_vi"], first["report"]["unit"]["name_vi"]);
    assert!(!first["unit_name_vi"].as_str().unwrap().is_empty());
    assert_eq!(first["organisation_id"], json!(app.units.hn_centre));
    assert_eq!(first["status"], "submitted");
    assert_eq!(first["revision"], 1);
    assert_eq!(first["due_on"], format!("{}-01-20", year + 1));
    assert_eq!(first["late"], false);
    let counted = total(&first["report"]);
    assert!(counted >= 1);
    let id = first["id"].as_str().unwrap().to_owned();
    // Once up, it is not sent again until it comes back.
    app.post("/api/v1/reports/submissions", Some(&director), &body)
        .await
        .problem(409, "report.already_submitted");
    // Another province's centre does not learn it exists; the unit cannot review itself.
    app.get(
        &format!("/api/v1/reports/submissions/{id}"),
        &app.login("gd.hcm").await,
    )
    .await
    .problem(404, "report_submission.not_found");
    app.post(
        &format!("/api/v1/reports/submissions/{id}/accept"),
        Some(&director),
        &json!({}),
    )
    .await
    .problem(403, "forbidden");
    // Returning needs a reason.
    let r = app
        .post(
            &format!("/api/v1/reports/submissions/{id}/return"),
            Some(&department),
            &json!({}),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    let returned = app
        .post(
            &format!("/api/v1/reports/submissions/{id}/return"),
            Some(&department),
            &json!({"reason": "Thiếu số liệu của chi nhánh, đề nghị bổ sung"}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(returned["status"], "returned");
    assert_eq!(
        returned["reason"],
        "Thiếu số liệu của chi nhánh, đề nghị bổ sung"
    );
    // A case accepted afterwards changes the live figure, not the snapshot.
    accepted_case(&app, &director, "Vi Thị Mến").await;
    let live = app
        .get(
            &format!("/api/v1/reports/forms/25?period=annual_official&year={year}"),
            &director,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(total(&live), counted + 1);
    let frozen = app
        .get(&format!("/api/v1/reports/submissions/{id}"), &department)
        .await
        .expect(200)
        .body;
    assert_eq!(total(&frozen["report"]), counted);
    // Resubmitted: the next version, the returned one kept on record.
    let second = app
        .post("/api/v1/reports/submissions", Some(&director), &body)
        .await
        .expect(201)
        .body;
    assert_eq!(second["revision"], 2);
    assert_eq!(total(&second["report"]), counted + 1);
    let old = app
        .get(&format!("/api/v1/reports/submissions/{id}"), &director)
        .await
        .expect(200)
        .body;
    assert_eq!(old["status"], "superseded");
    assert_eq!(
        old["reason"],
        "Thiếu số liệu của chi nhánh, đề nghị bổ sung"
    );
    let id2 = second["id"].as_str().unwrap().to_owned();
    let accepted = app
        .post(
            &format!("/api/v1/reports/submissions/{id2}/accept"),
            Some(&department),
            &json!({}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(accepted["status"], "accepted");
    app.post(
        &format!("/api/v1/reports/submissions/{id2}/accept"),
        Some(&department),
        &json!({}),
    )
    .await
    .problem(409, "report.transition_not_allowed");
    app.post(
        &format!("/api/v1/reports/submissions/{id}/accept"),
        Some(&department),
        &json!({}),
    )
    .await
    .problem(409, "report.superseded");
    // The department sends the province's roll-up; the ministry accepts it.
    let province = app
        .post("/api/v1/reports/submissions", Some(&department), &body)
        .await
        .expect(201)
        .body;
    assert_eq!(province["unit_kind"], "province");
    // Named as the report's heading names it, not by its code.
    assert_eq!(province["unit_name_vi"], "Thành phố Hà Nội");
    assert_eq!(province["due_on"], format!("{}-02-20", year + 1));
    let pid = province["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/reports/submissions/{pid}/accept"),
        Some(&department),
        &json!({}),
    )
    .await
    .problem(403, "forbidden");
    app.post(
        &format!("/api/v1/reports/submissions/{pid}/accept"),
        Some(&admin),
        &json!({}),
    )
    .await
    .expect(200);
    let listed = app
        .get(
            &format!("/api/v1/reports/submissions?year={year}&status=accepted"),
            &admin,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(listed["items"].as_array().unwrap().len(), 2, "{listed}");
    // The department sees its province's reports; the centre only its own.
    let own = app
        .get("/api/v1/reports/submissions", &director)
        .await
        .expect(200)
        .body;
    assert!(
        own["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["unit_kind"] == "organisation")
    );
    assert_eq!(
        app.get("/api/v1/reports/submissions", &department)
            .await
            .expect(200)
            .body["items"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // Reopening needs a reason and sends it back; every step is on record.
    app.post(
        &format!("/api/v1/reports/submissions/{id2}/reopen"),
        Some(&department),
        &json!({"reason": "Phát hiện vụ việc nhập trùng"}),
    )
    .await
    .expect(200);
    let trail = app
        .audit_actions("report_submission", &json!({"id": id2}))
        .await;
    for step in ["report.submit", "report.accept", "report.reopen"] {
        assert!(trail.iter().any(|a| a == step), "{step}: {trail:?}");
    }
    // The nation is not submitted: it is the sum of the provinces.
    let r = app
        .post("/api/v1/reports/submissions", Some(&admin), &body)
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
}

/// A row is detailed when no other row is numbered under it.
fn is_leaf(rows: &[Value], number: &str) -> bool {
    !number.is_empty()
        && !rows.iter().any(|r| {
            r["number"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{number}."))
        })
}

async fn a_unit_enters_its_own_estimate_and_the_totals_follow(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let year = app.today().year();
    let body = |estimates: Value, period: &str| json!({"form": "25", "period": period, "year": year - 1, "estimates": estimates});
    // A total row is not entered: it is the sum of its detailed rows.
    let r = app
        .post(
            "/api/v1/reports/submissions",
            Some(&director),
            &body(json!([{"row": "1", "column": 1, "value": 5}]), "six_month"),
        )
        .await
        .expect(422);
    assert_eq!(r.body["errors"][0]["field"], "estimates[0]", "{}", r.body);
    assert_eq!(r.body["errors"][0]["code"], "report.estimate_on_total");
    // A period of actual figures only has nothing to estimate.
    let r = app
        .post(
            "/api/v1/reports/submissions",
            Some(&director),
            &body(
                json!([{"row": "1.1", "column": 1, "value": 5}]),
                "annual_official",
            ),
        )
        .await
        .expect(422);
    assert_eq!(
        r.body["errors"][0]["code"], "report.no_estimate",
        "{}",
        r.body
    );
    let entered = json!([
        {"row": "1.1", "column": 1, "value": 7},
        {"row": "1.2.1", "column": 1, "value": 4},
        {"row": "2.1", "column": 1, "value": 3},
    ]);
    let s = app
        .post(
            "/api/v1/reports/submissions",
            Some(&director),
            &body(entered, "six_month"),
        )
        .await
        .expect(201)
        .body;
    let report = &s["report"];
    assert_eq!(report["estimate_entered"], true);
    let rows = report["rows"].as_array().unwrap();
    let projected = |n: &str| {
        rows.iter().find(|r| r["number"] == n).unwrap()["cells"][0]["projected"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(projected("1.1"), 7);
    assert_eq!(projected("1.2.1"), 4);
    // Every total is the sum of its detailed rows.
    for r in rows {
        let n = r["number"].as_str().unwrap();
        if is_leaf(rows, n) {
            continue;
        }
        let prefix = if n.is_empty() {
            String::new()
        } else {
            format!("{n}.")
        };
        for (c, cell) in r["cells"].as_array().unwrap().iter().enumerate() {
            let sum: u64 = rows
                .iter()
                .filter(|x| {
                    let m = x["number"].as_str().unwrap();
                    m.starts_with(&prefix) && is_leaf(rows, m)
                })
                .map(|x| x["cells"][c]["projected"].as_u64().unwrap())
                .sum();
            assert_eq!(
                cell["projected"].as_u64().unwrap(),
                sum,
                "row '{n}', column {}",
                c + 1
            );
        }
    }
    assert!(projected("1") >= 11);
    assert!(projected("") >= 14);
}

tgpl_tests::on_both_databases!(
    a_report_goes_up_comes_back_and_stays_frozen,
    a_unit_enters_its_own_estimate_and_the_totals_follow
);
