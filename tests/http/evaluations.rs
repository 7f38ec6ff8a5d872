//! Quality evaluation (DOMAIN §7): a plan draws its sample from the
//! concluded cases (checked here against the raw rows: the rate, one case
//! per practitioner, never a case twice), the planner names an evaluator,
//! the evaluator fills the 100-point sheet, the case is evaluated, and the
//! results add up.
use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use tgpl_db::{ConnectionTrait, Statement};
use tgpl_tests::TestApp;

/// Concluded litigation and representation cases closed in the window, by
/// id, with their practitioner: what a plan may draw.
async fn drawable(
    app: &TestApp,
    from: NaiveDate,
    to: NaiveDate,
) -> HashMap<String, Option<String>> {
    let conn = &app.state.db.conn;
    let rows = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT id, practitioner_id, closed_on, form_of_aid FROM cases WHERE status = 'concluded'"
                .to_owned(),
        ))
        .await
        .unwrap();
    rows.iter()
        .filter_map(|r| {
            let id: uuid::Uuid = r.try_get("", "id").unwrap();
            let p: Option<uuid::Uuid> = r.try_get("", "practitioner_id").unwrap();
            let closed: Option<NaiveDate> = r.try_get("", "closed_on").unwrap();
            let form: String = r.try_get("", "form_of_aid").unwrap();
            let in_window = closed.is_some_and(|d| from <= d && d <= to);
            (in_window && form != "advice").then(|| (id.to_string(), p.map(|p| p.to_string())))
        })
        .collect()
}

fn full_marks(sheet: &Value) -> Vec<Value> {
    sheet["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["criteria"].as_array().unwrap().clone())
        .map(|c| json!({"criterion": c["key"], "points": c["points"]}))
        .collect()
}

fn etag(v: &Value) -> String {
    format!("\"{}\"", v["version"])
}

async fn a_plan_samples_by_the_law_and_its_cases_are_scored_once(app: TestApp) {
    tgpl_server::synthetic::seed_cases(&app.state.db, 400, 5, app.state.moment())
        .await
        .unwrap();
    let admin = app.login("admin").await;
    let today = app.today();
    let from = NaiveDate::from_ymd_opt(today.year() - 6, 1, 1).unwrap();
    let expected = drawable(&app, from, today).await;
    assert!(
        expected.len() >= 10,
        "the data set needs concluded cases: {}",
        expected.len()
    );
    let body = json!({
        "title": "Kế hoạch đánh giá chất lượng vụ việc năm 2026",
        "concluded_from": from, "concluded_to": today,
        "rate_percent": 10, "seed": 20261203u64,
    });
    let plan = app
        .post("/api/v1/evaluation-plans", Some(&admin), &body)
        .await
        .expect(201)
        .body;
    assert_eq!(plan["seed"], "20261203");
    assert_eq!(plan["algorithm"], "splitmix64-fisher-yates-v1");
    assert_eq!(plan["candidates"], expected.len() as u64);
    let items = plan["items"].as_array().unwrap().clone();
    let drawn: HashSet<String> = items
        .iter()
        .map(|i| i["case_id"].as_str().unwrap().to_owned())
        .collect();
    // Never a case twice; only concluded cases in scope.
    assert_eq!(drawn.len(), items.len());
    assert!(drawn.iter().all(|c| expected.contains_key(c)));
    // The rate, rounded up, and one case of every practitioner.
    let practitioners: HashSet<&String> = expected.values().flatten().collect();
    assert!(items.len() >= expected.len().div_ceil(10));
    assert!(items.len() <= expected.len().div_ceil(10).max(practitioners.len()));
    for p in &practitioners {
        assert!(
            items
                .iter()
                .any(|i| i["practitioner_id"].as_str() == Some(p.as_str())),
            "practitioner {p} has no case drawn"
        );
    }
    // A second plan over the same cases draws none of the first's.
    let again = app
        .post(
            "/api/v1/evaluation-plans",
            Some(&admin),
            &json!({
                "title": "Kế hoạch đánh giá bổ sung", "concluded_from": from, "concluded_to": today,
                "rate_percent": 100,
            }),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(again["candidates"], (expected.len() - items.len()) as u64);
    assert!(
        again["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| !drawn.contains(i["case_id"].as_str().unwrap()))
    );

    // The planner names an evaluator; only that account scores.
    let pid = plan["id"].as_str().unwrap();
    let item = &items[0];
    let iid = item["id"].as_str().unwrap();
    let evaluator_id = app.user_id("stp.hanoi").await;
    let named = app
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/evaluation-plans/{pid}/items/{iid}/evaluator"),
            Some(&admin),
            &[("if-match", &etag(item))],
            Some(
                json!({"evaluator_id": evaluator_id})
                    .to_string()
                    .into_bytes(),
            ),
        )
        .await
        .expect(200)
        .body;
    let sheets = app
        .get("/api/v1/reference/score-sheets", &admin)
        .await
        .expect(200)
        .body;
    let sheet = &sheets[0];
    assert_eq!(sheet["thresholds"]["good"], 80);
    let score = |token: String, marks: Vec<Value>, version: String| {
        let app = &app;
        async move {
            app.send(
                reqwest::Method::POST,
                &format!("/api/v1/evaluation-plans/{pid}/items/{iid}/score"),
                Some(&token),
                &[("if-match", &version)],
                Some(
                    json!({"marks": marks, "comments": "Hồ sơ đầy đủ"})
                        .to_string()
                        .into_bytes(),
                ),
            )
            .await
        }
    };
    let mut marks = full_marks(sheet);
    score(admin.clone(), marks.clone(), etag(&named))
        .await
        .problem(403, "forbidden");
    let evaluator = app.login("stp.hanoi").await;
    marks[0]["points"] = json!(11);
    let r = score(evaluator.clone(), marks.clone(), etag(&named))
        .await
        .expect(422);
    assert_eq!(
        r.body["errors"][0]["field"], "marks.lawful_honest",
        "{}",
        r.body
    );
    assert_eq!(
        r.body["errors"][0]["code"],
        "evaluation.points_out_of_range"
    );
    // 10 points off the total: 90, graded good.
    marks[0]["points"] = json!(0);
    let scored = score(evaluator.clone(), marks.clone(), etag(&named))
        .await
        .expect(200)
        .body;
    assert_eq!(scored["total"], 90);
    assert_eq!(scored["grade"], "good");
    assert_eq!(scored["grade_label_vi"], "Đạt chất lượng tốt");
    // The case took the evaluate act, with its event on the timeline.
    let case = app
        .get(
            &format!("/api/v1/cases/{}", item["case_id"].as_str().unwrap()),
            &admin,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(case["status"], "evaluated", "{case}");
    // Never evaluated twice.
    score(evaluator.clone(), marks.clone(), etag(&scored))
        .await
        .problem(409, "evaluation.already_scored");
    let trail = app
        .audit_actions("evaluation_item", &json!({"id": iid}))
        .await;
    assert!(
        trail.iter().any(|a| a == "evaluation_item.score"),
        "{trail:?}"
    );

    // Results by practitioner and the total.
    let results = app
        .get(
            &format!("/api/v1/evaluation-plans/{pid}/results?by=practitioner"),
            &admin,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(results["total"]["drawn"], items.len() as u64);
    assert_eq!(results["total"]["scored"], 1);
    assert_eq!(results["total"]["good"], 1);
    assert_eq!(results["total"]["share_good"], 100.0);
    let sum: u64 = results["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["drawn"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, items.len() as u64);
    app.get(
        &format!("/api/v1/evaluation-plans/{pid}/results?by=colour"),
        &admin,
    )
    .await
    .expect(422);
    // The evaluator's work list.
    let mine = app
        .get("/api/v1/evaluation-plans/assigned", &evaluator)
        .await
        .expect(200)
        .body;
    assert_eq!(mine.as_array().unwrap().len(), 1);
}

async fn plans_stay_within_their_province(app: TestApp) {
    tgpl_server::synthetic::seed_cases(&app.state.db, 300, 9, app.state.moment())
        .await
        .unwrap();
    let today = app.today();
    let body = json!({
        "title": "Đánh giá chất lượng vụ việc của tỉnh", "province": "79",
        "concluded_from": NaiveDate::from_ymd_opt(today.year() - 6, 1, 1).unwrap(),
        "concluded_to": today, "rate_percent": 50,
    });
    // A Justice Department plans for its own province, whatever it sends.
    let department = app.login("stp.hanoi").await;
    let plan = app
        .post("/api/v1/evaluation-plans", Some(&department), &body)
        .await
        .expect(201)
        .body;
    assert_eq!(plan["province"], "01");
    assert!(
        plan["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["province"] == "01")
    );
    // A centre does not plan; another province does not see the plan.
    app.post(
        "/api/v1/evaluation-plans",
        Some(&app.login("gd.hanoi").await),
        &body,
    )
    .await
    .problem(403, "forbidden");
    let pid = plan["id"].as_str().unwrap();
    app.get(
        &format!("/api/v1/evaluation-plans/{pid}"),
        &app.login("gd.hcm").await,
    )
    .await
    .problem(404, "evaluation_plan.not_found");
    let listed = app
        .get("/api/v1/evaluation-plans", &app.login("admin").await)
        .await
        .expect(200)
        .body;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    // Bad input is a clear 422.
    let r = app
        .post("/api/v1/evaluation-plans", Some(&department), &json!({
            "title": "x", "concluded_from": today, "concluded_to": NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            "rate_percent": 0,
        }))
        .await
        .expect(422);
    let fields: Vec<&str> = r.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        vec!["title", "concluded_to", "rate_percent"],
        "{}",
        r.body
    );
}

/// An outside expert with an evaluator account (DOMAIN §7, §9) reads only
/// the case a plan names them to, masked, until they have scored it; a
/// case is evaluated only with its sheet, never by the bare act.
async fn an_outside_evaluator_sees_only_the_case_named_to_them(app: TestApp) {
    use crate::cases::{accept_and_assign, act, request};
    let director = app.login("gd.hanoi").await;
    let officer = app.login("tgv.hanoi").await;
    // A concluded litigation case of a person living with HIV.
    let case = app
        .post(
            "/api/v1/cases",
            Some(&director),
            &crate::security::hiv_request(&app),
        )
        .await
        .expect(201)
        .body["case"]
        .clone();
    let case = accept_and_assign(&app, &director, &director, &case, app.units.hn_officer).await;
    let case = act(
        &app,
        &officer,
        &case,
        "record-activity",
        json!({"activity_kind": "meeting", "description": "Gặp người được trợ giúp"}),
    )
    .await
    .expect(200)
    .body;
    let case = act(
        &app,
        &officer,
        &case,
        "conclude",
        json!({"outcome": "Tòa tuyên án treo"}),
    )
    .await
    .expect(200)
    .body;
    let id = case["id"].as_str().unwrap().to_owned();
    // Another case of the centre, not drawn.
    let other = app
        .post(
            "/api/v1/cases",
            Some(&director),
            &request(app.units.hn_centre, "Vũ Văn Tùng", json!({})),
        )
        .await
        .expect(201)
        .body["case"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // The bare act is refused, saying where evaluation is done.
    let r = act(&app, &director, &case, "evaluate", json!({}))
        .await
        .problem(409, "case.evaluation_needs_sheet");
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("evaluation-plans"),
        "{}",
        r.body
    );
    let file = app
        .get(&format!("/api/v1/cases/{id}"), &director)
        .await
        .expect(200)
        .body;
    assert_eq!(file["status"], "concluded");
    assert!(
        !file["allowed_commands"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "evaluate"),
        "not offered as a button: {}",
        file["allowed_commands"]
    );

    // The Justice Department may open an evaluator account for the expert.
    let department = app.login("stp.hanoi").await;
    app.post(
        "/api/v1/users",
        Some(&department),
        &json!({"username": "chuyengia.hn", "full_name": "Đỗ Văn Khải", "role": "evaluator",
                "organisation_id": app.units.hn_department}),
    )
    .await
    .expect(201);
    // It plans over today's concluded cases and names the seeded expert.
    let today = app.today();
    let plan = app
        .post(
            "/api/v1/evaluation-plans",
            Some(&department),
            &json!({"title": "Đánh giá chất lượng vụ việc tháng 11", "concluded_from": today,
                    "concluded_to": today, "rate_percent": 100}),
        )
        .await
        .expect(201)
        .body;
    let item = plan["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["case_id"] == id.as_str())
        .unwrap()
        .clone();
    let (pid, iid) = (plan["id"].as_str().unwrap(), item["id"].as_str().unwrap());
    let expert = app.login("dg.hanoi").await;
    // Before being named, the expert sees nothing.
    app.get(&format!("/api/v1/cases/{id}"), &expert)
        .await
        .problem(404, "case.not_found");
    let named = app
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/evaluation-plans/{pid}/items/{iid}/evaluator"),
            Some(&department),
            &[("if-match", &etag(&item))],
            Some(
                json!({"evaluator_id": app.user_id("dg.hanoi").await})
                    .to_string()
                    .into_bytes(),
            ),
        )
        .await
        .expect(200)
        .body;
    // Named: the case file opens, masked; nothing else does.
    let file = app
        .get(&format!("/api/v1/cases/{id}"), &expert)
        .await
        .expect(200);
    let text = file.body.to_string();
    for secret in [
        "7h",
        "1987-04-19",
        "Thái",
        "Bản Nà Lốc",
        "0987654321",
        "011087004",
    ] {
        assert!(!text.contains(secret), "the expert sees {secret}: {text}");
    }
    app.get(&format!("/api/v1/cases/{other}"), &expert)
        .await
        .problem(404, "case.not_found");
    let list = app.get("/api/v1/cases", &expert).await.expect(200).body;
    assert_eq!(list["items"].as_array().unwrap().len(), 0, "{list}");
    app.get("/api/v1/organisations", &expert).await.expect(200);
    let mine = app
        .get("/api/v1/evaluation-plans/assigned", &expert)
        .await
        .expect(200)
        .body;
    assert_eq!(mine[0]["case_id"], id.as_str());
    // The read is audited as any read of the case.
    let reads = app.audit_actions("case", &json!({"id": id})).await;
    assert!(reads.iter().any(|a| a == "case.read"), "{reads:?}");

    // The expert scores; the case is evaluated with the sheet's total.
    let sheets = app
        .get("/api/v1/reference/score-sheets", &expert)
        .await
        .expect(200)
        .body;
    let scored = app
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/evaluation-plans/{pid}/items/{iid}/score"),
            Some(&expert),
            &[("if-match", &etag(&named))],
            Some(
                json!({"marks": full_marks(&sheets[0])})
                    .to_string()
                    .into_bytes(),
            ),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(scored["total"], 100);
    let file = app
        .get(&format!("/api/v1/cases/{id}"), &director)
        .await
        .expect(200)
        .body;
    assert_eq!(file["status"], "evaluated");
    let evaluated = file["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "case.evaluated")
        .map(|e| e["event"].to_string())
        .unwrap_or_else(|| panic!("no evaluation on the timeline: {}", file["timeline"]));
    assert!(evaluated.contains(r#""total":100"#), "{evaluated}");
    assert!(evaluated.contains(r#""grade":"good""#), "{evaluated}");
    // Scored: the case closes to the expert again.
    app.get(&format!("/api/v1/cases/{id}"), &expert)
        .await
        .problem(404, "case.not_found");
}

tgpl_tests::on_both_databases!(
    a_plan_samples_by_the_law_and_its_cases_are_scored_once,
    plans_stay_within_their_province,
    an_outside_evaluator_sees_only_the_case_named_to_them
);
