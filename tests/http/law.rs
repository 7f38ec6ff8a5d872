//! The legal defects acceptance testing found (issue #16), each as a user
//! story through the HTTP API on both databases.
use crate::cases::{act, intake, request};
use serde_json::{Value, json};
use tgpl_tests::{TestApp, on_both_databases};

on_both_databases!(
    a_request_with_no_eligible_category_can_only_be_refused,
    a_non_urgent_request_with_proof_missing_goes_through_needs_supplement,
    an_urgent_request_is_accepted_at_once_with_a_proof_deadline,
    clause_5_is_judged_on_the_beneficiarys_role_and_age,
    an_accepted_case_not_yet_assigned_can_be_discontinued,
    a_second_reassignment_request_waits_for_the_first_answer,
    a_field_the_act_does_not_take_is_refused_not_ignored,
    the_case_file_tells_its_timeline_from_the_events,
    synthetic_data_continues_registers_after_real_acceptances,
    two_units_of_a_province_cannot_share_an_abbreviation,
);

fn allowed(case: &Value) -> Vec<&str> {
    case["allowed_commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect()
}

async fn a_request_with_no_eligible_category_can_only_be_refused(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    // The elderly count only with financial hardship (Art. 7(7)): not proven here.
    let claim = json!({"eligibility": [{"code": "7c", "proof_documents_present": true, "financial_hardship_proven": false}],
                       "parties": [{"role": "beneficiary", "full_name": "Cụ Phan Văn Lộc", "date_of_birth": "1950-03-01"}]});
    let r = app
        .post(
            "/api/v1/cases",
            Some(&clerk),
            &request(app.units.hn_centre, "Cụ Phan Văn Lộc", claim),
        )
        .await
        .expect(201);
    assert_eq!(r.body["eligibility_verdict"], "not_eligible");
    let case = r.body["case"].clone();
    assert!(!allowed(&case).contains(&"accept"), "{case}");
    act(&app, &clerk, &case, "accept", json!({}))
        .await
        .problem(409, "case.not_eligible");
    let refused = act(
        &app,
        &clerk,
        &case,
        "refuse",
        json!({"refusal_ground": "not_eligible_matter"}),
    )
    .await
    .expect(200)
    .body;
    assert_eq!(refused["status"], "refused");
    assert_eq!(
        refused["code"],
        Value::Null,
        "no code without register entry"
    );
}

async fn a_non_urgent_request_with_proof_missing_goes_through_needs_supplement(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let pending = json!({"eligibility": [{"code": "2", "proof_documents_present": false, "financial_hardship_proven": false}]});
    let case = intake(&app, &clerk, app.units.hn_centre, "Lò Văn Pản", pending).await;
    assert_eq!(case["urgent"], false);
    assert!(!allowed(&case).contains(&"accept"));
    act(&app, &clerk, &case, "accept", json!({}))
        .await
        .problem(409, "case.proof_missing");
    let missing = case["missing_proof"].clone();
    let case = act(
        &app,
        &clerk,
        &case,
        "request-supplement",
        json!({ "missing": missing }),
    )
    .await
    .expect(200)
    .body;
    assert_eq!(case["status"], "needs_supplement");
    let case = act(&app, &clerk, &case, "supplement-received", json!({}))
        .await
        .expect(200)
        .body;
    assert_eq!(case["missing_proof"], json!([]));
    let case = act(&app, &clerk, &case, "accept", json!({}))
        .await
        .expect(200)
        .body;
    assert_eq!(case["status"], "accepted");
    assert!(case["code"].is_string());
}

async fn an_urgent_request_is_accepted_at_once_with_a_proof_deadline(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let urgent = json!({"court_appointed_defence": true,
                        "eligibility": [{"code": "2", "proof_documents_present": false, "financial_hardship_proven": false}]});
    let case = intake(&app, &clerk, app.units.hn_centre, "Giàng A Sử", urgent).await;
    assert_eq!(case["urgent"], true);
    let case = act(&app, &clerk, &case, "accept", json!({}))
        .await
        .expect(200)
        .body;
    assert!(case["proof_due_on"].is_string(), "{case}");
    // The proof arrives after acceptance: the deadline is met.
    assert!(allowed(&case).contains(&"supplement_received"));
    let case = act(&app, &clerk, &case, "supplement-received", json!({}))
        .await
        .expect(200)
        .body;
    assert_eq!(case["proof_due_on"], Value::Null);
    assert_eq!(case["status"], "accepted");
}

async fn clause_5_is_judged_on_the_beneficiarys_role_and_age(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let verdict = |date: &str, born: &str, role: &str| {
        json!({"request_date": date,
               "eligibility": [{"code": "5", "proof_documents_present": true, "financial_hardship_proven": false}],
               "parties": [{"role": "beneficiary", "full_name": "Lường Văn Tú", "date_of_birth": born, "procedural_role": role}]})
    };
    let judge = |body: Value| {
        let app = &app;
        let clerk = clerk.clone();
        async move {
            let r = app
                .post(
                    "/api/v1/cases",
                    Some(&clerk),
                    &request(app.units.hn_centre, "Lường Văn Tú", body),
                )
                .await
                .expect(201);
            r.body["eligibility_verdict"].as_str().unwrap().to_owned()
        }
    };
    // Before 2026-01-01 only accused persons aged 16 to under 18.
    assert_eq!(
        judge(verdict("2025-10-01", "2008-09-01", "accused")).await,
        "eligible"
    );
    assert_eq!(
        judge(verdict("2025-10-01", "2008-09-01", "witness")).await,
        "not_eligible"
    );
    // From 2026-01-01 witnesses and victims too (Law 59/2024 Art. 177).
    assert_eq!(
        judge(verdict("2026-02-02", "2008-09-01", "witness")).await,
        "eligible"
    );
    assert_eq!(
        judge(verdict("2026-02-02", "2008-09-01", "victim")).await,
        "eligible"
    );
    // 18 on the request date: outside the clause.
    assert_eq!(
        judge(verdict("2026-09-01", "2008-09-01", "accused")).await,
        "not_eligible"
    );
    // Without a role or a birth date the clause cannot hold.
    let no_role = json!({"request_date": "2026-02-02",
        "eligibility": [{"code": "5", "proof_documents_present": true, "financial_hardship_proven": false}],
        "parties": [{"role": "beneficiary", "full_name": "Lường Văn Tú", "date_of_birth": "2008-09-01"}]});
    assert_eq!(judge(no_role).await, "not_eligible");
}

async fn an_accepted_case_not_yet_assigned_can_be_discontinued(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let case = intake(
        &app,
        &director,
        app.units.hn_centre,
        "Vi Thị Hằng",
        json!({}),
    )
    .await;
    let case = act(&app, &director, &case, "accept", json!({}))
        .await
        .expect(200)
        .body;
    assert!(allowed(&case).contains(&"discontinue"));
    let case = act(
        &app,
        &director,
        &case,
        "discontinue",
        json!({"discontinuation_ground": "withdrawn"}),
    )
    .await
    .expect(200)
    .body;
    assert_eq!(case["status"], "discontinued");
    let notices = app
        .get(
            &format!("/api/v1/cases/{}/notices", case["id"].as_str().unwrap()),
            &director,
        )
        .await
        .expect(200);
    assert_eq!(notices.body[0]["kind"], "discontinuation");
}

async fn a_second_reassignment_request_waits_for_the_first_answer(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let case = intake(
        &app,
        &director,
        app.units.hn_centre,
        "Hà Văn Quý",
        json!({}),
    )
    .await;
    let case =
        crate::cases::accept_and_assign(&app, &director, &director, &case, app.units.hn_officer)
            .await;
    let path = format!(
        "/api/v1/cases/{}/reassignment-requests",
        case["id"].as_str().unwrap()
    );
    let first = app
        .post(
            &path,
            Some(&director),
            &json!({"reason": "Muốn đổi luật sư", "version": case["version"]}),
        )
        .await
        .expect(200)
        .body;
    let due = first["reassignment_due_on"].clone();
    assert!(due.is_string());
    app.post(
        &path,
        Some(&director),
        &json!({"reason": "Lần nữa", "version": first["version"]}),
    )
    .await
    .problem(409, "case.reassignment_pending");
    let file = app
        .get(
            &format!("/api/v1/cases/{}", case["id"].as_str().unwrap()),
            &director,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(
        file["reassignment_due_on"], due,
        "the first deadline stands"
    );
}

async fn a_field_the_act_does_not_take_is_refused_not_ignored(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let case = intake(&app, &clerk, app.units.hn_centre, "Mai Văn Sáng", json!({})).await;
    let r = act(
        &app,
        &clerk,
        &case,
        "accept",
        json!({"occurred_on": "2026-01-05"}),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "occurred_on");
    assert_eq!(r.body["errors"][0]["code"], "not_used");
    // Nothing happened.
    let file = app
        .get(
            &format!("/api/v1/cases/{}", case["id"].as_str().unwrap()),
            &clerk,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(file["status"], "received");
}

async fn the_case_file_tells_its_timeline_from_the_events(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let case = intake(
        &app,
        &director,
        app.units.hn_centre,
        "Đinh Văn Tâm",
        json!({}),
    )
    .await;
    let case =
        crate::cases::accept_and_assign(&app, &director, &director, &case, app.units.hn_officer)
            .await;
    let officer = app.login("tgv.hanoi").await;
    let case = act(
        &app,
        &officer,
        &case,
        "record-activity",
        json!({"activity_kind": "meeting", "description": "Gặp bị can tại trại tạm giam"}),
    )
    .await
    .expect(200)
    .body;
    act(
        &app,
        &officer,
        &case,
        "conclude",
        json!({"outcome": "Tòa tuyên án treo"}),
    )
    .await
    .expect(200);
    let file = app
        .get(
            &format!("/api/v1/cases/{}", case["id"].as_str().unwrap()),
            &director,
        )
        .await
        .expect(200)
        .body;
    let timeline = file["timeline"].as_array().unwrap();
    let types: Vec<&str> = timeline
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "case.received",
            "case.accepted",
            "case.assigned",
            "case.activity_recorded",
            "case.concluded"
        ]
    );
    assert_eq!(timeline[1]["event"]["code"], file["code"]);
    assert_eq!(
        timeline[2]["event"]["practitioner_id"],
        file["practitioner_id"]
    );
    assert_eq!(timeline[1]["label_vi"], "Thụ lý vụ việc, cấp mã vụ việc");
    // Sequence numbers rise; no payload carries the beneficiary's name.
    let seqs: Vec<i64> = timeline
        .iter()
        .map(|e| e["seq"].as_i64().unwrap())
        .collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
    assert!(
        !serde_json::to_string(timeline)
            .unwrap()
            .contains("Đinh Văn Tâm")
    );
}

async fn synthetic_data_continues_registers_after_real_acceptances(app: TestApp) {
    let admin = app.login("admin").await;
    let director = app.login("gd.hanoi").await;
    // A real acceptance this year, before the load.
    let case = intake(
        &app,
        &director,
        app.units.hn_centre,
        "Nông Văn Khải",
        json!({}),
    )
    .await;
    let accepted = act(&app, &director, &case, "accept", json!({}))
        .await
        .expect(200)
        .body;
    assert_eq!(accepted["register_number"], 1);
    let n = tgpl_server::synthetic::seed_cases(&app.state.db, 300, 11, app.state.moment())
        .await
        .unwrap();
    assert_eq!(n, 300);
    // Codes stay unique, and the centre's register continues past them.
    let again = intake(
        &app,
        &director,
        app.units.hn_centre,
        "Nông Thị Hoa",
        json!({}),
    )
    .await;
    let next = act(&app, &admin, &again, "accept", json!({}))
        .await
        .expect(200)
        .body;
    assert!(next["register_number"].as_i64().unwrap() > 1, "{next}");
}

async fn two_units_of_a_province_cannot_share_an_abbreviation(app: TestApp) {
    let stp = app.login("stp.hanoi").await;
    let branch = |abbreviation: &str| {
        json!({"kind": "branch", "name": format!("Chi nhánh {abbreviation}"), "abbreviation": abbreviation,
               "province_code": "01", "parent_id": app.units.hn_centre})
    };
    // Hà Nội's centre already has a branch CN1: the codes CN1.TV.01.2026 would collide.
    let r = app
        .post("/api/v1/organisations", Some(&stp), &branch("cn1"))
        .await
        .problem(422, "validation_failed");
    assert_eq!(
        r.body["errors"][0]["code"],
        "organisation.abbreviation_taken"
    );
    app.post("/api/v1/organisations", Some(&stp), &branch("CN9"))
        .await
        .expect(201);
    // Another province's centre may use its own CN1.
    let hcm = app.login("admin").await;
    app.post(
        "/api/v1/organisations",
        Some(&hcm),
        &json!({"kind": "branch", "name": "Chi nhánh số 1 mới", "abbreviation": "CN7",
                "province_code": "79", "parent_id": app.units.hcm_centre}),
    )
    .await
    .expect(201);
}
