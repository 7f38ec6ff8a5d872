//! Date-effective reference data kept by the national admin, and its effect on cases.
use serde_json::json;
use tgpl_tests::{TestApp, on_both_databases};

on_both_databases!(
    categories_are_read_by_date_and_changed_only_by_the_admin,
    holidays_move_working_day_deadlines,
    deadline_rules_are_read_as_in_force,
    categories_carry_both_languages,
    a_category_has_one_version_a_day,
    the_admin_sets_the_periods_from_a_date,
);

async fn categories_carry_both_languages(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let today = app.today();
    let table = app
        .get(
            &format!("/api/v1/reference/eligibility-categories?on={today}"),
            &clerk,
        )
        .await
        .expect(200)
        .body;
    let table = table.as_array().unwrap();
    assert!(table.len() > 10);
    for c in table {
        assert!(c["label_en"].as_str().is_some_and(|l| !l.is_empty()), "{c}");
    }
    let poor = table.iter().find(|c| c["code"] == "2").unwrap();
    assert_eq!(poor["label_vi"], "Người thuộc hộ nghèo");
    assert_eq!(poor["label_en"], "Members of poor households");
    // The public eligibility check names them in both languages too.
    let answer = app
        .post(
            "/api/v1/public/eligibility-check",
            None,
            &serde_json::json!({"categories": ["2"]}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(
        answer["categories"][0]["label_en"], "Members of poor households",
        "{answer}"
    );
}

async fn deadline_rules_are_read_as_in_force(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let rules = app
        .get("/api/v1/reference/deadline-rules", &clerk)
        .await
        .expect(200)
        .body;
    // Form 04 is answered within 3 working days (Circular 12/2018).
    assert_eq!(rules["reassignment_answer"], 3, "{rules}");
    assert!(rules["urgent_within"].as_u64().is_some_and(|d| d > 0));
    assert!(rules["proof_supplement"].as_u64().is_some_and(|d| d > 0));
    app.get("/api/v1/reference/deadline-rules?on=2019-01-01", &clerk)
        .await
        .expect(200);
    app.get("/api/v1/reference/deadline-rules?on=someday", &clerk)
        .await
        .problem(400, "query.invalid");
}

async fn categories_are_read_by_date_and_changed_only_by_the_admin(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let codes = |r: &tgpl_tests::Reply| -> Vec<String> {
        r.body
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let before = app
        .get(
            "/api/v1/reference/eligibility-categories?on=2025-06-30",
            &clerk,
        )
        .await
        .expect(200);
    assert!(
        codes(&before).contains(&"7g".to_owned()) && !codes(&before).contains(&"6a".to_owned())
    );
    let after = app
        .get(
            "/api/v1/reference/eligibility-categories?on=2026-01-02",
            &clerk,
        )
        .await
        .expect(200);
    assert!(codes(&after).contains(&"6a".to_owned()) && !codes(&after).contains(&"7dd".to_owned()));

    // A later law repeals 7c from 2026-07-01: the admin records it.
    let all = app
        .get("/api/v1/reference/eligibility-categories", &clerk)
        .await
        .expect(200);
    let mut c7c = all
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "7c")
        .unwrap()
        .clone();
    c7c["valid_to"] = json!("2026-06-30");
    let put = |token: String, body: serde_json::Value| {
        let app = &app;
        async move {
            app.put("/api/v1/reference/eligibility-categories", &token, &body)
                .await
        }
    };
    put(clerk.clone(), c7c.clone())
        .await
        .problem(403, "forbidden");
    put(app.login("admin").await, c7c.clone()).await.expect(200);
    let mut inverted = c7c.clone();
    inverted["valid_to"] = json!("2017-01-01");
    put(app.login("admin").await, inverted)
        .await
        .problem(422, "validation_failed");

    // Requests are judged by the rules on their own date.
    let request = |date: &str| {
        json!({"organisation_id": app.units.hn_centre, "channel": "post", "request_date": date,
               "form_of_aid": "advice", "field_of_law": "civil_family", "summary": "Người cao tuổi cần tư vấn về thừa kế.",
               "eligibility": [{"code": "7c", "proof_documents_present": true, "financial_hardship_proven": true}],
               "parties": [{"role": "beneficiary", "full_name": "Cụ Lê Thị Tư", "date_of_birth": "1948-02-10"}]})
    };
    let r = app
        .post("/api/v1/cases", Some(&clerk), &request("2026-06-30"))
        .await
        .expect(201);
    assert_eq!(r.body["eligibility_verdict"], "eligible");
    let r = app
        .post("/api/v1/cases", Some(&clerk), &request("2026-07-01"))
        .await
        .expect(201);
    assert_eq!(r.body["eligibility_verdict"], "not_eligible");
    let trail = app
        .get(
            "/api/v1/audit-events?entity=reference",
            &app.login("admin").await,
        )
        .await
        .expect(200);
    assert_eq!(trail.body["items"][0]["action"], "reference.category_put");
}

async fn holidays_move_working_day_deadlines(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let admin = app.login("admin").await;
    let tet = app
        .get("/api/v1/reference/holidays?year=2026", &director)
        .await
        .expect(200);
    assert!(
        tet.body
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["date"] == "2026-02-17"),
        "Tết 2026 is in the table"
    );
    // A day off decreed for Monday 2026-10-05 pushes a 3-working-day deadline by a day.
    let path = "/api/v1/reference/holidays/2026-10-05";
    app.send(
        reqwest::Method::PUT,
        path,
        Some(&director),
        &[],
        Some(r#"{"name_vi": "Nghỉ bù"}"#.as_bytes().to_vec()),
    )
    .await
    .problem(403, "forbidden");
    app.send(
        reqwest::Method::PUT,
        path,
        Some(&admin),
        &[],
        Some(r#"{"name_vi": "Ngày nghỉ bù"}"#.as_bytes().to_vec()),
    )
    .await
    .expect(204);
    let body = json!({"organisation_id": app.units.hn_centre, "channel": "in_person", "request_date": "2026-10-01",
        "form_of_aid": "litigation_defence", "field_of_law": "criminal", "summary": "Bị can đề nghị cử người bào chữa.",
        "eligibility": [{"code": "2", "proof_documents_present": true, "financial_hardship_proven": false}],
        "parties": [{"role": "beneficiary", "full_name": "Mạc Văn Tùng"}]});
    let case = app
        .post("/api/v1/cases", Some(&director), &body)
        .await
        .expect(201)
        .body["case"]
        .clone();
    let id = case["id"].as_str().unwrap();
    let step = |path: String, version: i64, body: serde_json::Value| {
        let token = director.clone();
        let app = &app;
        async move {
            app.send(
                reqwest::Method::POST,
                &path,
                Some(&token),
                &[("if-match", &format!("\"{version}\""))],
                Some(body.to_string().into_bytes()),
            )
            .await
        }
    };
    step(format!("/api/v1/cases/{id}/accept"), 1, json!({}))
        .await
        .expect(200);
    step(
        format!("/api/v1/cases/{id}/assign"),
        2,
        json!({"practitioner_id": app.units.hn_officer}),
    )
    .await
    .expect(200);
    let r = step(
        format!("/api/v1/cases/{id}/reassignment-requests"),
        3,
        json!({"requested_on": "2026-10-02", "reason": "Đổi người"}),
    )
    .await
    .expect(200);
    assert_eq!(
        r.body["reassignment_due_on"], "2026-10-08",
        "Mon 5 Oct is now a holiday"
    );
    app.send(reqwest::Method::DELETE, path, Some(&admin), &[], None)
        .await
        .expect(204);
    app.send(reqwest::Method::DELETE, path, Some(&admin), &[], None)
        .await
        .problem(404, "holiday.not_found");
}

/// A category has one version a day: a new text from a date either starts
/// after the last one ends or supersedes the one in force (which then ends
/// the day before), in one write.
async fn a_category_has_one_version_a_day(app: TestApp) {
    let admin = app.login("admin").await;
    let in_force = |day: &'static str| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let all = app
                .get(
                    &format!("/api/v1/reference/eligibility-categories?on={day}"),
                    &admin,
                )
                .await
                .expect(200);
            let found: Vec<serde_json::Value> = all
                .body
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["code"] == "7c")
                .cloned()
                .collect();
            found
        }
    };
    let current = in_force("2026-12-31").await;
    assert_eq!(current.len(), 1);
    let mut new = current[0].clone();
    new["valid_from"] = json!("2027-01-01");
    new["label_vi"] = json!("Người cao tuổi có khó khăn về tài chính (văn bản mới)");
    let put = |query: &'static str| {
        let app = &app;
        let (admin, body) = (admin.clone(), new.clone());
        async move {
            let path = format!("/api/v1/reference/eligibility-categories{query}");
            app.put(&path, &admin, &body).await
        }
    };
    let refused = put("").await.problem(422, "validation_failed");
    assert_eq!(
        refused.field_codes(),
        [("valid_from".to_owned(), "version_overlaps".to_owned())]
    );
    assert_eq!(in_force("2027-01-01").await, current, "nothing was written");

    let saved = put("?supersede=true").await.expect(200);
    assert_eq!(saved.body["valid_from"], "2027-01-01");
    let before = in_force("2026-12-31").await;
    assert_eq!(before.len(), 1);
    assert_eq!(before[0]["label_vi"], current[0]["label_vi"]);
    assert_eq!(before[0]["valid_to"], "2026-12-31");
    let after = in_force("2027-01-01").await;
    assert_eq!(after.len(), 1, "one version a day: {after:?}");
    assert_eq!(after[0]["label_vi"], new["label_vi"]);

    // Both writes are on the trail, the ended version with its old end.
    let trail = app
        .get("/api/v1/audit-events?entity=reference", &admin)
        .await
        .expect(200);
    let puts: Vec<_> = trail.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "reference.category_put")
        .collect();
    assert_eq!(puts.len(), 2);
    // Superseding again would cut the new text: a later version is never cut.
    let mut between = new.clone();
    between["valid_from"] = json!("2026-07-01");
    let refused = app
        .put(
            "/api/v1/reference/eligibility-categories?supersede=true",
            &admin,
            &between,
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(refused.field_codes()[0].1, "version_overlaps");
}

/// The process's periods are reference data with versions (DOMAIN §6,
/// configurable): the national admin sets new ones from a date, and a
/// deadline counted after that uses them.
async fn the_admin_sets_the_periods_from_a_date(app: TestApp) {
    use crate::cases::{act, intake};
    let clerk = app.login("vt.hanoi").await;
    let admin = app.login("admin").await;
    let today = app.today();
    let urgent_case = |name: &'static str| {
        let app = &app;
        let clerk = clerk.clone();
        async move {
            let urgent = json!({"court_appointed_defence": true,
                "eligibility": [{"code": "2", "proof_documents_present": false, "financial_hardship_proven": false}]});
            let case = intake(app, &clerk, app.units.hn_centre, name, urgent).await;
            let case = act(app, &clerk, &case, "accept", json!({}))
                .await
                .expect(200)
                .body;
            case["proof_due_on"].as_str().unwrap().to_owned()
        }
    };
    let before = urgent_case("Giàng A Páo").await;
    let put = |token: String, day: String, body: serde_json::Value| {
        let app = &app;
        async move {
            let path = format!("/api/v1/reference/deadline-rules/{day}");
            app.put(&path, &token, &body).await
        }
    };
    let longer = json!({"reassignment_answer": 3, "urgent_within": 5, "proof_supplement": 15,
                        "source": "Thông tư sửa đổi (thử nghiệm)"});
    put(clerk.clone(), today.to_string(), longer.clone())
        .await
        .problem(403, "forbidden");
    let zero =
        json!({"reassignment_answer": 0, "urgent_within": 5, "proof_supplement": 15, "source": ""});
    let refused = put(admin.clone(), today.to_string(), zero)
        .await
        .problem(422, "validation_failed");
    assert_eq!(
        refused.field_codes(),
        [("reassignment_answer".to_owned(), "out_of_range".to_owned())]
    );
    let mut partial = longer.clone();
    partial.as_object_mut().unwrap().remove("urgent_within");
    put(admin.clone(), today.to_string(), partial)
        .await
        .problem(422, "validation_failed");
    let saved = put(admin.clone(), today.to_string(), longer)
        .await
        .expect(200);
    assert_eq!(saved.body["proof_supplement"], 15);

    let on = |day: chrono::NaiveDate| {
        let app = &app;
        let clerk = clerk.clone();
        async move {
            app.get(
                &format!("/api/v1/reference/deadline-rules?on={day}"),
                &clerk,
            )
            .await
            .expect(200)
            .body
        }
    };
    assert_eq!(on(today).await["proof_supplement"], 15);
    assert_eq!(on(today.pred_opt().unwrap()).await["proof_supplement"], 5);
    // Ten more working days to supply the proof of a case accepted now.
    let after = urgent_case("Giàng Thị Mỷ").await;
    assert!(after > before, "{after} after {before}");
    let trail = app
        .audit_actions("reference", &json!({"id": uuid::Uuid::nil()}))
        .await;
    assert!(
        trail.iter().any(|a| a == "reference.deadline_rules_put"),
        "{trail:?}"
    );
}
