//! Complaints and recommendations about legal aid (issue #12): a citizen
//! sends one, the Justice Department of the province receives it and
//! forwards it to the centre, the centre answers, the citizen reads the
//! answer with the code and secret; the ministry gets those that name no
//! province; deadlines and scope hold.
use serde_json::{Value, json};
use tgpl_tests::TestApp;

tgpl_tests::on_both_databases!(
    a_complaint_goes_to_the_department_then_the_centre_answers_it,
    a_complaint_without_a_province_goes_to_the_ministry_and_abuse_is_held_back,
);

fn complaint(province: Option<&str>, phone: &str) -> Value {
    let mut body = json!({
        "kind": "complaint",
        "complainant": {"full_name": "Vàng A Chứ", "phone": phone, "address": "Bản Phìn Hồ"},
        "content": "Tôi gửi đơn từ tháng trước nhưng Trung tâm chưa cử người giúp.",
        "consent": true,
        "consent_version": "2026-01"
    });
    if let Some(p) = province {
        body["province"] = json!(p);
    }
    body
}

async fn queue(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    app.get(&format!("/api/v1/complaints{query}"), token)
        .await
        .expect(200)
        .body["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn lookup(app: &TestApp, code: &str, secret: &str) -> tgpl_tests::Reply {
    app.post(
        "/api/v1/public/complaints/lookup",
        None,
        &json!({"tracking_code": code, "secret": secret}),
    )
    .await
}

async fn a_complaint_goes_to_the_department_then_the_centre_answers_it(app: TestApp) {
    let receipt = app
        .post(
            "/api/v1/public/complaints",
            None,
            &complaint(Some("01"), "0915 000 111"),
        )
        .await
        .expect(201)
        .body;
    let code = receipt["tracking_code"].as_str().unwrap().to_owned();
    let secret = receipt["secret"].as_str().unwrap().to_owned();
    assert!(code.starts_with("PA-"), "{receipt}");
    assert_eq!(receipt["handler"]["id"], json!(app.units.hn_department));
    assert!(receipt["answer_due_on"].is_string());

    let progress = lookup(&app, &code.to_lowercase(), &secret)
        .await
        .expect(200)
        .body;
    assert_eq!(progress["status"], "received");
    assert!(progress["answer"].is_null());
    assert_eq!(
        progress["handler_name"].as_str().unwrap(),
        "Sở Tư pháp Hà Nội"
    );
    lookup(&app, &code, "AAAA-BBBB-CCCC-DDDD")
        .await
        .problem(401, "public.lookup_refused");

    // The department sees it; the centre, another province and a clerk do not.
    let department = app.login("stp.hanoi").await;
    let director = app.login("gd.hanoi").await;
    let clerk = app.login("vt.hanoi").await;
    let other = app.login("gd.hcm").await;
    let items = queue(&app, &department, "?status=received").await;
    let item = items
        .iter()
        .find(|c| c["tracking_code"] == code.as_str())
        .expect("in the department's queue")
        .clone();
    assert_eq!(item["complainant"]["full_name"], "Vàng A Chứ");
    assert_eq!(item["forward_overdue"], false);
    assert!(queue(&app, &director, "").await.is_empty());
    assert!(queue(&app, &other, "").await.is_empty());
    assert!(queue(&app, &clerk, "").await.is_empty());
    let id = item["id"].as_str().unwrap();
    app.get(&format!("/api/v1/complaints/{id}"), &other)
        .await
        .problem(404, "complaint.not_found");

    // Forwarded to the centre: the centre's director now holds it; a
    // centre of another province is out of the department's reach.
    let forward = format!("/api/v1/complaints/{id}/forward");
    app.post(
        &forward,
        Some(&department),
        &json!({"version": 1, "organisation_id": app.units.hcm_centre}),
    )
    .await
    .expect(404);
    let forwarded = app
        .post(
            &forward,
            Some(&department),
            &json!({"version": 1, "organisation_id": app.units.hn_centre,
                    "note": "Đề nghị Trung tâm kiểm tra và trả lời công dân"}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(forwarded["status"], "forwarded");
    assert_eq!(forwarded["handler_org_id"], json!(app.units.hn_centre));
    let held = queue(&app, &director, "").await;
    assert_eq!(held.len(), 1);
    let progress = lookup(&app, &code, &secret).await.expect(200).body;
    assert_eq!(progress["status"], "forwarded");
    assert!(
        progress["handler_name"]
            .as_str()
            .unwrap()
            .starts_with("Trung tâm Trợ giúp pháp lý nhà nước")
    );

    let answer = format!("/api/v1/complaints/{id}/answer");
    app.post(
        &answer,
        Some(&director),
        &json!({"version": 1, "answer": "Đã xem xét đơn của ông."}),
    )
    .await
    .problem(412, "version_mismatch");
    app.post(
        &answer,
        Some(&clerk),
        &json!({"version": 2, "answer": "Đã xem xét đơn của ông."}),
    )
    .await
    .expect(404);
    let answered = app
        .post(
            &answer,
            Some(&director),
            &json!({"version": 2, "answer": "Trung tâm đã cử trợ giúp viên, sẽ liên hệ ông trong tuần."}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(answered["status"], "answered");
    app.post(
        &answer,
        Some(&director),
        &json!({"version": 3, "answer": "Trả lời lần thứ hai."}),
    )
    .await
    .problem(409, "complaint.already_answered");

    let progress = lookup(&app, &code, &secret).await.expect(200).body;
    assert_eq!(progress["status"], "answered");
    assert_eq!(
        progress["answer"],
        "Trung tâm đã cử trợ giúp viên, sẽ liên hệ ông trong tuần."
    );
    // The sender's answer carries no one's personal data.
    assert!(progress.get("complainant").is_none(), "{progress}");

    let actions = app.audit_actions("complaint", &item).await;
    for a in [
        "complaint.received",
        "complaint.forwarded",
        "complaint.answered",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
}

async fn a_complaint_without_a_province_goes_to_the_ministry_and_abuse_is_held_back(app: TestApp) {
    let receipt = app
        .post(
            "/api/v1/public/complaints",
            None,
            &complaint(None, "0915 222 333"),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(receipt["handler"]["id"], json!(app.units.ministry));
    let ministry = app.login("cuc.canbo").await;
    let department = app.login("stp.hanoi").await;
    let items = queue(&app, &ministry, "").await;
    assert_eq!(items.len(), 1);
    assert!(queue(&app, &department, "").await.is_empty());
    // Not late yet; `overdue=true` lists only late ones.
    assert!(queue(&app, &ministry, "?overdue=true").await.is_empty());

    // The ministry passes it to the department, which then holds it.
    let id = items[0]["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/complaints/{id}/forward"),
        Some(&ministry),
        &json!({"version": 1, "organisation_id": app.units.hn_department}),
    )
    .await
    .expect(200);
    assert_eq!(queue(&app, &department, "").await.len(), 1);

    let mut robot = complaint(Some("01"), "0915 444 555");
    robot["website"] = json!("http://spam.example");
    app.post("/api/v1/public/complaints", None, &robot)
        .await
        .problem(422, "validation_failed");
    let mut no_consent = complaint(Some("01"), "0915 444 555");
    no_consent["consent"] = json!(false);
    app.post("/api/v1/public/complaints", None, &no_consent)
        .await
        .problem(422, "validation_failed");
    // Five an hour per address (two were sent or refused above, counted).
    let mut last = None;
    for n in 0..6 {
        let r = app
            .post(
                "/api/v1/public/complaints",
                None,
                &complaint(Some("01"), &format!("0916 000 00{n}")),
            )
            .await;
        last = Some(r);
    }
    let last = last.unwrap();
    assert_eq!(last.status.as_u16(), 429, "{:?}", last.body);
    assert!(last.headers.contains_key("retry-after"));
}
