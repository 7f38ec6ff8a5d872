//! Conclusion with a Decision 1179 success assessment, list ordering, and
//! the leadership dashboard's counts and per-unit completeness.
use crate::cases::{accept_and_assign, act, intake};
use crate::documents::{PDF, upload};
use serde_json::{Value, json};
use tgpl_tests::{TestApp, on_both_databases};

on_both_databases!(
    a_successful_defence_is_recorded_with_its_decision_and_counted,
    case_lists_sort_and_page_without_gaps_or_repeats,
    name_search_finds_whole_words_of_one_person_without_diacritics,
);

async fn name_search_finds_whole_words_of_one_person_without_diacritics(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let lan = intake(&app, &clerk, app.units.hn_centre, "Trần Thị Lan", json!({})).await;
    intake(
        &app,
        &clerk,
        app.units.hn_centre,
        "Trần Thị Lanh",
        json!({}),
    )
    .await;
    // "Trần Văn" beneficiary and "Lan Anh" opposing party: no one is "Văn Lan".
    let mut split = crate::cases::request(app.units.hn_centre, "Trần Văn", json!({}));
    split["parties"]
        .as_array_mut()
        .unwrap()
        .push(json!({"role": "opposing_party", "full_name": "Lan Anh"}));
    app.post("/api/v1/cases", Some(&clerk), &split)
        .await
        .expect(201);
    let found = |q: &'static str| {
        let app = &app;
        let clerk = clerk.clone();
        async move {
            let r = app
                .get(&format!("/api/v1/cases?q={q}"), &clerk)
                .await
                .expect(200)
                .body;
            r["items"].as_array().unwrap().len()
        }
    };
    let hits = app
        .get("/api/v1/cases?q=tran%20thi%20lan", &clerk)
        .await
        .expect(200)
        .body;
    assert_eq!(
        hits["items"].as_array().unwrap().len(),
        1,
        "not Trần Thị Lanh"
    );
    assert_eq!(hits["items"][0]["id"], lan["id"]);
    assert_eq!(
        found("TR%E1%BA%A6N%20TH%E1%BB%8A%20LAN").await,
        1,
        "any case, any diacritics"
    );
    assert_eq!(
        found("tran%20van%20lan").await,
        0,
        "words of two people are not one name"
    );
    assert_eq!(found("tran").await, 3, "one word: a substring search");
    assert_eq!(found("lan").await, 3);
}

async fn a_successful_defence_is_recorded_with_its_decision_and_counted(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let director = app.login("gd.hanoi").await;
    let officer = app.login("tgv.hanoi").await;
    let case = intake(
        &app,
        &clerk,
        app.units.hn_centre,
        "Phạm Văn Thành",
        json!({}),
    )
    .await;
    let case = accept_and_assign(&app, &clerk, &director, &case, app.units.hn_officer).await;
    let id = case["id"].as_str().unwrap().to_owned();
    let judgment = upload(
        &app,
        &officer,
        &id,
        [
            "procedural_document",
            "Bản án sơ thẩm.pdf",
            "application/pdf",
        ],
        PDF.to_vec(),
        &[],
    )
    .await
    .expect(201)
    .body;
    let other = intake(&app, &clerk, app.units.hn_centre, "Người Khác", json!({})).await;
    let foreign = upload(
        &app,
        &clerk,
        other["id"].as_str().unwrap(),
        ["other", "x.pdf", "application/pdf"],
        PDF.to_vec(),
        &[],
    )
    .await
    .expect(201)
    .body;
    let case = act(
        &app,
        &officer,
        &case,
        "record-activity",
        json!({"activity_kind": "meeting", "description": "Gặp bị can"}),
    )
    .await
    .expect(200)
    .body;

    let evidence = "Bản án số 15/2026/HS-ST ngày 12/3/2026 của Tòa án nhân dân khu vực 1 – Hà Nội";
    let conclude = |criterion: &str, doc: &Value| {
        json!({"outcome": "Tòa tuyên án treo", "success": {
            "criterion": criterion, "evidence": evidence, "evidence_document_id": doc["id"]}})
    };
    // A civil criterion does not fit a criminal defence.
    let r = act(
        &app,
        &officer,
        &case,
        "conclude",
        conclude("civil.1", &judgment),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(
        r.body["errors"][0]["code"],
        "case.success_criterion_wrong_group"
    );
    // The evidence must be a document of this case.
    let r = act(
        &app,
        &officer,
        &case,
        "conclude",
        conclude("criminal.3", &foreign),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "success.evidence_document_id");
    let case = act(
        &app,
        &officer,
        &case,
        "conclude",
        conclude("criminal.3", &judgment),
    )
    .await
    .expect(200)
    .body;
    assert_eq!(case["status"], "concluded");
    assert_eq!(case["success"]["criterion"], "criminal.3");
    assert_eq!(case["success"]["group"], "criminal");
    assert_eq!(case["success"]["evidence"], evidence);
    assert!(
        case["success"]["label"]
            .as_str()
            .unwrap()
            .contains("án treo")
    );

    let listed = app
        .get("/api/v1/cases?successful=true", &director)
        .await
        .expect(200);
    let ids: Vec<&str> = listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![id.as_str()]);

    // The director's dashboard counts it; another centre's does not see it.
    let summary = app
        .get("/api/v1/reports/case-summary", &director)
        .await
        .expect(200)
        .body;
    assert_eq!(summary["total"], 2);
    assert_eq!(summary["successful"], 1);
    let concluded = summary["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "concluded")
        .unwrap();
    assert_eq!(concluded["count"], 1);
    assert_eq!(concluded["label"], "Đã kết thúc");
    let units = summary["completeness"].as_array().unwrap();
    assert_eq!(units.len(), 1);
    assert_eq!(units[0]["organisation_id"], app.units.hn_centre.to_string());
    assert_eq!(units[0]["cases"], 2);
    let avg = units[0]["average_score"].as_f64().unwrap();
    assert!(avg > 0.0 && avg <= 100.0, "{avg}");
    let hcm = app.login("gd.hcm").await;
    let theirs = app
        .get("/api/v1/reports/case-summary", &hcm)
        .await
        .expect(200)
        .body;
    assert_eq!(theirs["total"], 0);
    assert_eq!(theirs["completeness"], json!([]));

    // Once archived, the file takes no more documents.
    let case = act(&app, &clerk, &case, "archive", json!({}))
        .await
        .expect(200)
        .body;
    assert_eq!(case["status"], "archived");
    upload(
        &app,
        &officer,
        &id,
        ["other", "late.pdf", "application/pdf"],
        PDF.to_vec(),
        &[],
    )
    .await
    .problem(409, "case.file_closed");
}

async fn case_lists_sort_and_page_without_gaps_or_repeats(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let today = app.today();
    // Recorded in one order, requested on dates in another.
    let mut expected = Vec::new();
    for days_ago in [3, 1, 5, 2, 4, 2] {
        let date = today - chrono::Duration::days(days_ago);
        let c = intake(
            &app,
            &clerk,
            app.units.hn_centre,
            "Đỗ Sắp Xếp",
            json!({"request_date": date}),
        )
        .await;
        expected.push((date, c["id"].as_str().unwrap().to_owned()));
    }
    let walk = |sort: &'static str| {
        let app = &app;
        let clerk = clerk.clone();
        async move {
            let mut seen = Vec::new();
            let mut after = String::new();
            loop {
                let page = app
                    .get(
                        &format!(
                            "/api/v1/cases?q=do%20sap%20xep&sort={sort}&limit=2&after={after}"
                        ),
                        &clerk,
                    )
                    .await
                    .expect(200)
                    .body;
                for c in page["items"].as_array().unwrap() {
                    seen.push((
                        c["request_date"]
                            .as_str()
                            .unwrap()
                            .parse::<chrono::NaiveDate>()
                            .unwrap(),
                        c["id"].as_str().unwrap().to_owned(),
                    ));
                }
                match page["next"].as_str() {
                    Some(n) => after = n.to_owned(),
                    None => return seen,
                }
            }
        }
    };
    let mut asc = expected.clone();
    asc.sort();
    assert_eq!(walk("request_date_asc").await, asc);
    let mut desc = expected.clone();
    desc.sort_by(|a, b| b.cmp(a));
    assert_eq!(walk("request_date_desc").await, desc);
    let oldest: Vec<String> = walk("oldest").await.into_iter().map(|(_, id)| id).collect();
    assert_eq!(
        oldest,
        expected
            .iter()
            .map(|(_, id)| id.clone())
            .collect::<Vec<_>>()
    );
    let newest: Vec<String> = walk("newest").await.into_iter().map(|(_, id)| id).collect();
    assert_eq!(newest, oldest.iter().rev().cloned().collect::<Vec<_>>());
    app.get("/api/v1/cases?sort=sideways", &clerk)
        .await
        .problem(400, "query.invalid");
}
