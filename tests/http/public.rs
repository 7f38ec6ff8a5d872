//! The public services (issue #12): a citizen sends a request online, the
//! centre's clerk triages it, and the citizen follows it with the code and
//! secret of the receipt; abuse is held back; public answers hold no
//! personal data.
use crate::cases::act;
use reqwest::Method;
use serde_json::{Value, json};
use tgpl_tests::TestApp;

tgpl_tests::on_both_databases!(
    a_citizen_request_becomes_a_case_they_can_follow,
    abuse_is_held_back,
    public_answers_hold_no_personal_data,
    staff_triage_is_scoped_and_decided_once,
    a_request_to_a_branch_reaches_its_head_and_its_centre,
    a_citizens_attachments_become_the_case_files_request_papers,
    attachments_are_refused_beyond_the_limit_and_after_the_decision,
    the_beneficiarys_feedback_joins_the_case_file_once,
    consent_is_recorded_with_the_request_and_can_be_withdrawn,
);

pub(crate) fn online(name: &str, phone: &str) -> Value {
    json!({
        "province": "01",
        "requester": {"full_name": name, "phone": phone, "date_of_birth": "1960-05-04",
                      "address": "Thôn Đoài, xã Minh Phú", "ethnicity": "Mường", "id_number": "001060012345"},
        "categories": ["2"],
        "form_of_aid": "advice",
        "field_of_law": "land",
        "summary": "Gia đình tôi bị lấn chiếm đất, xin được tư vấn cách đòi lại.",
        "consent": true,
        "consent_version": "2026-01"
    })
}

/// The item of this tracking code in the queue `token` sees, if it is there.
async fn queued(app: &TestApp, token: &str, code: &Value) -> Option<Value> {
    let queue = app
        .get("/api/v1/intake-items", token)
        .await
        .expect(200)
        .body;
    queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| &i["tracking_code"] == code)
        .cloned()
}

/// Attaches `bytes` to the request `code` with `secret`: multipart with a
/// `file` part (plus `extra` text fields), or the raw body when
/// `filename` is in the query.
async fn attach(
    app: &TestApp,
    code: &str,
    secret: Option<&str>,
    [filename, mime]: [&str; 2],
    bytes: Vec<u8>,
    extra: &[(&str, &str)],
) -> tgpl_tests::Reply {
    let url = format!("{}/api/v1/public/requests/{code}/attachments", app.base);
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(filename.to_owned())
        .mime_str(mime)
        .unwrap();
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in extra {
        form = form.text(k.to_string(), v.to_string());
    }
    let mut req = app.client.post(url).multipart(form.part("file", part));
    if let Some(s) = secret {
        req = req.header("X-Tracking-Secret", s);
    }
    tgpl_tests::reply(req.send().await.unwrap()).await
}

const JPEG: &[u8] =
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00 a photographed page";

pub(crate) async fn submit(app: &TestApp, body: &Value) -> tgpl_tests::Reply {
    app.post("/api/v1/public/requests", None, body).await
}

async fn lookup(app: &TestApp, body: Value) -> tgpl_tests::Reply {
    app.post("/api/v1/public/lookup", None, &body).await
}

async fn a_citizen_request_becomes_a_case_they_can_follow(app: TestApp) {
    let receipt = submit(&app, &online("Bùi Văn Khánh", "0987 654 321"))
        .await
        .expect(201)
        .body;
    let code = receipt["tracking_code"].as_str().unwrap().to_owned();
    let secret = receipt["secret"].as_str().unwrap().to_owned();
    assert!(code.starts_with("YC-"), "{receipt}");
    assert_eq!(receipt["centre"]["id"], json!(app.units.hn_centre));
    assert_eq!(receipt["verdict"], "eligible_pending_proof");
    assert!(!receipt["proof_documents"].as_array().unwrap().is_empty());

    // Typed as people type it: lower case, no dashes.
    let typed = code.to_lowercase().replace('-', "");
    let progress = lookup(&app, json!({"tracking_code": typed, "secret": secret}))
        .await
        .expect(200)
        .body;
    assert_eq!(progress["request_status"], "pending");
    assert_eq!(progress["steps"][0]["kind"], "submitted");
    assert!(progress["case_code"].is_null());

    // The centre's clerk finds it at the head of the queue and converts it.
    let clerk = app.login("vt.hanoi").await;
    let item = queued(&app, &clerk, &json!(code))
        .await
        .expect("the request is in the centre's queue");
    assert_eq!(item["channel"], "electronic");
    assert_eq!(item["age_working_days"], 0);
    assert_eq!(item["details"]["requester"]["full_name"], "Bùi Văn Khánh");
    let path = format!(
        "/api/v1/intake-items/{}/convert",
        item["id"].as_str().unwrap()
    );
    let created = app
        .post(
            &path,
            Some(&clerk),
            &json!({"version": item["version"], "proof_documents_present": ["2"]}),
        )
        .await
        .expect(201)
        .body;
    let case = created["case"].clone();
    assert_eq!(case["status"], "received");
    assert_eq!(case["channel"], "electronic");
    assert_eq!(created["eligibility_verdict"], "eligible");
    // Converting twice is refused.
    let decided = item["version"].as_i64().unwrap() + 1;
    app.post(&path, Some(&clerk), &json!({"version": decided}))
        .await
        .problem(409, "intake.already_decided");

    let case = act(&app, &clerk, &case, "accept", json!({}))
        .await
        .expect(200)
        .body;
    let case_code = case["code"].as_str().unwrap().to_owned();
    let director = app.login("gd.hanoi").await;
    act(
        &app,
        &director,
        &case,
        "assign",
        json!({"practitioner_id": app.units.hn_officer}),
    )
    .await
    .expect(200);

    let progress = lookup(&app, json!({"tracking_code": code, "secret": secret}))
        .await
        .expect(200)
        .body;
    assert_eq!(progress["request_status"], "converted");
    assert_eq!(progress["case_code"], case_code.as_str());
    assert_eq!(progress["case_status"], "assigned");
    let kinds: Vec<&str> = progress["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["submitted", "received", "accepted", "assigned"]);
    assert!(progress["helper"]["full_name"].is_string(), "{progress}");
    assert!(progress["helper"]["organisation_name"].is_string());

    // By case code: the province is required (codes repeat across provinces).
    lookup(&app, json!({"case_code": case_code, "secret": secret}))
        .await
        .problem(422, "validation_failed");
    let by_case = lookup(
        &app,
        json!({"case_code": case_code, "province": "01", "secret": secret}),
    )
    .await
    .expect(200)
    .body;
    assert_eq!(by_case["tracking_code"], code.as_str());
    lookup(
        &app,
        json!({"case_code": case_code, "province": "79", "secret": secret}),
    )
    .await
    .problem(401, "public.lookup_refused");
}

async fn abuse_is_held_back(app: TestApp) {
    // The hidden field robots fill in.
    let mut robot = online("Nguyễn Văn Bot", "0911 000 111");
    robot["website"] = json!("http://spam.example");
    submit(&app, &robot).await.problem(422, "validation_failed");

    // A contact number sends three requests a day, not four.
    for name in ["Lê Thị Một", "Lê Thị Hai", "Lê Thị Ba"] {
        submit(&app, &online(name, "0912 111 222"))
            .await
            .expect(201);
    }
    let refused = submit(&app, &online("Lê Thị Bốn", "0912 111 222"))
        .await
        .problem(429, "rate_limited");
    assert!(refused.headers.get("retry-after").is_some());

    // Wrong secrets lock the code, after which even the right one waits.
    let receipt = submit(&app, &online("Đỗ Văn Năm", "0913 333 444"))
        .await
        .expect(201)
        .body;
    let code = receipt["tracking_code"].as_str().unwrap();
    for _ in 0..5 {
        lookup(
            &app,
            json!({"tracking_code": code, "secret": "AAAA-BBBB-CCCC-DDDD"}),
        )
        .await
        .problem(401, "public.lookup_refused");
    }
    let locked = lookup(
        &app,
        json!({"tracking_code": code, "secret": receipt["secret"]}),
    )
    .await
    .problem(429, "rate_limited");
    assert!(locked.headers.get("retry-after").is_some());
    // An unknown code answers as a wrong secret does.
    lookup(
        &app,
        json!({"tracking_code": "YC-0000-0000", "secret": "AAAA"}),
    )
    .await
    .problem(401, "public.lookup_refused");
    // No consent, no request.
    let mut unconsented = online("Trịnh Văn Sáu", "0914 555 666");
    unconsented["consent"] = json!(false);
    let r = submit(&app, &unconsented).await.expect(422);
    assert!(
        r.body.to_string().contains("public.consent_required"),
        "{}",
        r.body
    );
    // Every lookup is audited, refused ones too.
    let admin = app.login("admin").await;
    let trail = app
        .get("/api/v1/audit-events?entity=intake&limit=200", &admin)
        .await
        .expect(200)
        .body;
    let actions: Vec<&str> = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == "intake.progress_lookup_refused")
            .count(),
        6,
        "{actions:?}"
    );
}

/// Walks every public route's answer looking for the personal data a
/// request holds and for the sensitive field names.
async fn public_answers_hold_no_personal_data(app: TestApp) {
    let receipt = submit(&app, &online("Hà Thị Nhung", "0915 777 888"))
        .await
        .expect(201)
        .body;
    let mut answers = vec![receipt.clone()];
    let lookup_body =
        json!({"tracking_code": receipt["tracking_code"], "secret": receipt["secret"]});
    answers.push(lookup(&app, lookup_body).await.expect(200).body);
    for path in [
        "/api/v1/public/organisations?province=01",
        "/api/v1/public/practitioners?limit=200",
        "/api/v1/public/consent-text",
    ] {
        let r = app
            .send(Method::GET, path, None, &[], None)
            .await
            .expect(200);
        answers.push(r.body);
    }
    for format in ["csv", "json"] {
        let r = app
            .send(
                Method::GET,
                &format!("/api/v1/public/open-data?dataset=practitioners&format={format}"),
                None,
                &[],
                None,
            )
            .await
            .expect(200);
        answers.push(r.body);
    }
    let check = app
        .post(
            "/api/v1/public/eligibility-check",
            None,
            &json!({"categories": ["5"], "date_of_birth": "2009-03-01", "procedural_role": "victim", "request_date": "2026-03-02"}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(
        check["categories"][0]["outcome"], "proof_missing",
        "{check}"
    );
    answers.push(json!({"categories": check["categories"].clone()}));
    // The other public routes: an attachment, feedback (refused before a
    // helper is assigned: the problem is an answer too), a complaint and
    // its lookup.
    let code = receipt["tracking_code"].as_str().unwrap();
    let secret = receipt["secret"].as_str().unwrap();
    answers.push(
        attach(
            &app,
            code,
            Some(secret),
            ["Đơn.pdf", "application/pdf"],
            crate::documents::PDF.to_vec(),
            &[],
        )
        .await
        .expect(201)
        .body,
    );
    answers.push(
        app.post(
            "/api/v1/public/feedback",
            None,
            &json!({"tracking_code": code, "secret": secret, "satisfaction": "satisfied"}),
        )
        .await
        .expect(409)
        .body,
    );
    let complaint = app
        .post(
            "/api/v1/public/complaints",
            None,
            &json!({"kind": "complaint", "province": "01",
                    "complainant": {"full_name": "Hà Thị Nhung", "phone": "0915 777 888",
                                    "address": "Thôn Đoài, xã Minh Phú"},
                    "content": "Tôi chưa được hẹn lịch làm việc sau hai tuần.",
                    "consent": true, "consent_version": "2026-01"}),
        )
        .await
        .expect(201)
        .body;
    answers.push(complaint.clone());
    answers.push(
        app.post(
            "/api/v1/public/complaints/lookup",
            None,
            &json!({"tracking_code": complaint["tracking_code"], "secret": complaint["secret"]}),
        )
        .await
        .expect(200)
        .body,
    );
    // A request about one's data before the centre took the request in.
    answers.push(
        app.post(
            "/api/v1/public/privacy-requests",
            None,
            &json!({"tracking_code": code, "secret": secret, "kind": "access"}),
        )
        .await
        .problem(409, "privacy.no_case_yet")
        .body,
    );
    answers.push(
        app.post(
            "/api/v1/public/consent/withdraw",
            None,
            &json!({"tracking_code": code, "secret": secret}),
        )
        .await
        .expect(200)
        .body,
    );
    // Every public route of the spec is walked above.
    let walked = [
        "/api/v1/public/consent/withdraw",
        "/api/v1/public/requests",
        "/api/v1/public/lookup",
        "/api/v1/public/organisations",
        "/api/v1/public/practitioners",
        "/api/v1/public/consent-text",
        "/api/v1/public/open-data",
        "/api/v1/public/eligibility-check",
        "/api/v1/public/requests/{tracking_code}/attachments",
        "/api/v1/public/feedback",
        "/api/v1/public/complaints",
        "/api/v1/public/complaints/lookup",
        "/api/v1/public/privacy-requests",
    ];
    let spec = app
        .send(Method::GET, "/api/openapi.json", None, &[], None)
        .await
        .expect(200)
        .body;
    for path in spec["paths"].as_object().unwrap().keys() {
        if path.starts_with("/api/v1/public/") {
            assert!(
                walked.contains(&path.as_str()),
                "{path} is not walked by this test"
            );
        }
    }
    let sensitive_values = [
        "1960-05-04",
        "Thôn Đoài",
        "Mường",
        "001060012345",
        "0915 777 888",
        "0915777888",
        "915777888",
    ];
    let sensitive_fields = [
        "\"date_of_birth\"",
        "\"ethnicity\"",
        "\"id_number\"",
        "\"eligibility_codes\"",
        "\"sex\"",
    ];
    for a in &answers {
        let text = a.to_string();
        for v in sensitive_values.iter().chain(&sensitive_fields) {
            assert!(!text.contains(v), "{v} in a public answer: {text}");
        }
    }
}

async fn staff_triage_is_scoped_and_decided_once(app: TestApp) {
    let receipt = submit(&app, &online("Vi Văn Bảy", "0916 999 000"))
        .await
        .expect(201)
        .body;
    let clerk = app.login("vt.hanoi").await;
    let item = queued(&app, &clerk, &receipt["tracking_code"])
        .await
        .unwrap();
    let id = item["id"].as_str().unwrap();
    // Another province's centre and an officer do not see it.
    let elsewhere = app.login("gd.hcm").await;
    app.get(&format!("/api/v1/intake-items/{id}"), &elsewhere)
        .await
        .expect(404);
    let officer = app.login("tgv.hanoi").await;
    let theirs = app
        .get("/api/v1/intake-items", &officer)
        .await
        .expect(200)
        .body;
    assert_eq!(theirs["items"], json!([]));
    app.post(
        &format!("/api/v1/intake-items/{id}/reject"),
        Some(&officer),
        &json!({"version": item["version"], "reason": "Thư rác quảng cáo"}),
    )
    .await
    .expect(404);
    // A reason is required; then the rejection holds and the citizen sees it.
    app.post(
        &format!("/api/v1/intake-items/{id}/reject"),
        Some(&clerk),
        &json!({"version": item["version"], "reason": "x"}),
    )
    .await
    .expect(422);
    let rejected = app
        .post(
            &format!("/api/v1/intake-items/{id}/reject"),
            Some(&clerk),
            &json!({"version": item["version"], "reason": "Nội dung quảng cáo, không phải yêu cầu trợ giúp"}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(rejected["status"], "rejected");
    app.post(
        &format!("/api/v1/intake-items/{id}/reject"),
        Some(&clerk),
        &json!({"version": rejected["version"], "reason": "Lần nữa cho chắc chắn"}),
    )
    .await
    .problem(409, "intake.already_decided");
    let progress = lookup(
        &app,
        json!({"tracking_code": receipt["tracking_code"], "secret": receipt["secret"]}),
    )
    .await
    .expect(200)
    .body;
    assert_eq!(progress["request_status"], "rejected");
    assert_eq!(
        progress["rejection_reason"],
        "Nội dung quảng cáo, không phải yêu cầu trợ giúp"
    );
    // The pending queue no longer holds it; the rejected one does.
    let pending = app
        .get("/api/v1/intake-items", &clerk)
        .await
        .expect(200)
        .body;
    assert!(
        pending["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["id"] != id)
    );
    let done = app
        .get("/api/v1/intake-items?status=rejected", &clerk)
        .await
        .expect(200)
        .body;
    assert!(
        done["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == id)
    );
}

/// A branch takes online requests too: its head triages them, and its
/// centre's leadership and clerks see them in the centre's queue; another
/// province's centre does not.
async fn a_request_to_a_branch_reaches_its_head_and_its_centre(app: TestApp) {
    let mut body = online("Lường Văn Tám", "0917 111 333");
    body["organisation_id"] = json!(app.units.hn_branch);
    let receipt = submit(&app, &body).await.expect(201).body;
    assert_eq!(receipt["centre"]["id"], json!(app.units.hn_branch));
    let code = &receipt["tracking_code"];
    for who in ["tcn.hanoi", "gd.hanoi", "vt.hanoi", "stp.hanoi"] {
        let token = app.login(who).await;
        assert!(
            queued(&app, &token, code).await.is_some(),
            "{who} does not see it"
        );
    }
    let elsewhere = app.login("gd.hcm").await;
    assert!(queued(&app, &elsewhere, code).await.is_none());
    let head = app.login("tcn.hanoi").await;
    let item = queued(&app, &head, code).await.unwrap();
    let created = app
        .post(
            &format!(
                "/api/v1/intake-items/{}/convert",
                item["id"].as_str().unwrap()
            ),
            Some(&head),
            &json!({"version": item["version"]}),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(
        created["case"]["organisation_id"],
        json!(app.units.hn_branch)
    );
}

async fn a_citizens_attachments_become_the_case_files_request_papers(app: TestApp) {
    let receipt = submit(&app, &online("Đinh Thị Hoa", "0912 000 111"))
        .await
        .expect(201)
        .body;
    let code = receipt["tracking_code"].as_str().unwrap().to_owned();
    let secret = receipt["secret"].as_str().unwrap().to_owned();
    let pdf = crate::documents::pdf_of(40_000);
    let sent = attach(
        &app,
        &code,
        Some(&secret),
        ["Đơn đề nghị.pdf", "application/pdf"],
        pdf.clone(),
        &[],
    )
    .await
    .expect(201)
    .body;
    assert_eq!(sent["filename"], "Đơn đề nghị.pdf");
    assert_eq!(sent["size"], 40_000);
    assert_eq!(sent["media_type"], "application/pdf");
    // A raw body named in the query, the code typed in lower case.
    let raw = app
        .client
        .post(format!(
            "{}/api/v1/public/requests/{}/attachments?filename=the-ho-ngheo.jpg",
            app.base,
            code.to_lowercase()
        ))
        .header("X-Tracking-Secret", &secret)
        .header("content-type", "image/jpeg")
        .body(JPEG.to_vec())
        .send()
        .await
        .unwrap();
    let photo = tgpl_tests::reply(raw).await.expect(201).body;
    assert_eq!(photo["size"], JPEG.len());

    // Refusals: no secret, a wrong one, a file that is not what it says, a
    // form field the public upload does not take.
    let pdf_named = ["giay-to.pdf", "application/pdf"];
    attach(&app, &code, None, pdf_named, pdf.clone(), &[])
        .await
        .problem(422, "validation_failed");
    attach(
        &app,
        &code,
        Some("AAAA-BBBB-CCCC-DDDD"),
        pdf_named,
        pdf.clone(),
        &[],
    )
    .await
    .problem(401, "public.lookup_refused");
    attach(
        &app,
        &code,
        Some(&secret),
        pdf_named,
        b"MZ\x90\0 a program".to_vec(),
        &[],
    )
    .await
    .problem(415, "document.type_mismatch");
    attach(
        &app,
        &code,
        Some(&secret),
        pdf_named,
        pdf.clone(),
        &[("kind", "other")],
    )
    .await
    .problem(422, "validation_failed");

    // The clerk sees both files in the queue; they become request papers
    // of the case, the same bytes.
    let clerk = app.login("vt.hanoi").await;
    let item = queued(&app, &clerk, &json!(code)).await.unwrap();
    let files: Vec<&str> = item["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["filename"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["Đơn đề nghị.pdf", "the-ho-ngheo.jpg"]);
    // Each file moved the item's version: a decision on what was seen
    // before a file arrived is refused.
    assert_eq!(item["version"], 3);
    let path = format!(
        "/api/v1/intake-items/{}/convert",
        item["id"].as_str().unwrap()
    );
    app.post(&path, Some(&clerk), &json!({"version": 2}))
        .await
        .problem(412, "version_mismatch");
    let created = app
        .post(&path, Some(&clerk), &json!({"version": 3}))
        .await
        .expect(201)
        .body;
    let case_id = created["case"]["id"].as_str().unwrap();
    let docs = app
        .get(&format!("/api/v1/cases/{case_id}/documents"), &clerk)
        .await
        .expect(200)
        .body;
    let docs = docs["items"].as_array().unwrap();
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert!(docs.iter().all(|d| d["kind"] == "request_papers"));
    let paper = docs
        .iter()
        .find(|d| d["filename"] == "Đơn đề nghị.pdf")
        .unwrap();
    let bytes = app
        .client
        .get(format!(
            "{}{}",
            app.base,
            paper["content_url"].as_str().unwrap()
        ))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(bytes.as_ref(), pdf.as_slice());

    let actions = app.audit_actions("intake", &item).await;
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "intake.attachment_added")
            .count(),
        2,
        "{actions:?}"
    );
}

async fn attachments_are_refused_beyond_the_limit_and_after_the_decision(app: TestApp) {
    let receipt = submit(&app, &online("Hà Văn Sơn", "0913 222 333"))
        .await
        .expect(201)
        .body;
    let code = receipt["tracking_code"].as_str().unwrap().to_owned();
    let secret = receipt["secret"].as_str().unwrap().to_owned();
    let page = ["trang.txt", "text/plain"];
    for n in 0..tgpl_domain::intake::MAX_ATTACHMENTS {
        attach(
            &app,
            &code,
            Some(&secret),
            page,
            format!("trang {n}").into_bytes(),
            &[],
        )
        .await
        .expect(201);
    }
    attach(&app, &code, Some(&secret), page, b"trang 11".to_vec(), &[])
        .await
        .problem(409, "intake.too_many_attachments");

    let other = submit(&app, &online("Hà Thị Thu", "0913 444 555"))
        .await
        .expect(201)
        .body;
    let other_code = other["tracking_code"].as_str().unwrap();
    let clerk = app.login("vt.hanoi").await;
    let item = queued(&app, &clerk, &other["tracking_code"]).await.unwrap();
    app.post(
        &format!("/api/v1/intake-items/{}/reject", item["id"].as_str().unwrap()),
        Some(&clerk),
        &json!({"version": item["version"], "reason": "Yêu cầu quảng cáo, không phải trợ giúp pháp lý"}),
    )
    .await
    .expect(200);
    attach(
        &app,
        other_code,
        other["secret"].as_str(),
        page,
        b"trang".to_vec(),
        &[],
    )
    .await
    .problem(409, "intake.already_decided");
}

/// Converts the queue item of `code` and accepts the case it becomes.
pub(crate) async fn converted_and_accepted(app: &TestApp, clerk: &str, code: &str) -> Value {
    let item = queued(app, clerk, &json!(code)).await.unwrap();
    let created = app
        .post(
            &format!(
                "/api/v1/intake-items/{}/convert",
                item["id"].as_str().unwrap()
            ),
            Some(clerk),
            &json!({"version": item["version"], "proof_documents_present": ["2"]}),
        )
        .await
        .expect(201)
        .body;
    act(app, clerk, &created["case"], "accept", json!({}))
        .await
        .expect(200)
        .body
}

async fn the_beneficiarys_feedback_joins_the_case_file_once(app: TestApp) {
    let receipt = submit(&app, &online("Lò Thị Xuân", "0914 666 777"))
        .await
        .expect(201)
        .body;
    let code = receipt["tracking_code"].as_str().unwrap().to_owned();
    let secret = receipt["secret"].as_str().unwrap().to_owned();
    let form = |secret: &str, comment: &str| {
        json!({"tracking_code": code, "secret": secret, "satisfaction": "satisfied",
               "kept_informed": true, "comment": comment})
    };
    let give = |body: Value| {
        let app = &app;
        async move { app.post("/api/v1/public/feedback", None, &body).await }
    };
    give(form(&secret, "Cảm ơn"))
        .await
        .problem(409, "feedback.no_case_yet");
    let clerk = app.login("vt.hanoi").await;
    let case = converted_and_accepted(&app, &clerk, &code).await;
    give(form(&secret, "Cảm ơn"))
        .await
        .problem(409, "feedback.not_yet_helped");
    let director = app.login("gd.hanoi").await;
    act(
        &app,
        &director,
        &case,
        "assign",
        json!({"practitioner_id": app.units.hn_officer}),
    )
    .await
    .expect(200);

    give(form("AAAA-BBBB-CCCC-DDDD", "Cảm ơn"))
        .await
        .problem(401, "public.lookup_refused");
    give(form(&secret, &"ơ".repeat(2001)))
        .await
        .problem(422, "validation_failed");
    let given = give(form(
        &secret,
        "Trợ giúp viên nhiệt tình, giải thích dễ hiểu.",
    ))
    .await
    .expect(201)
    .body;
    assert_eq!(given["case_code"], case["code"]);
    assert_eq!(given["satisfaction"], "satisfied");
    give(form(&secret, "Lần hai"))
        .await
        .problem(409, "feedback.already_given");

    // The form is a document of the case file, readable by the centre.
    let case_id = case["id"].as_str().unwrap();
    let docs = app
        .get(&format!("/api/v1/cases/{case_id}/documents"), &director)
        .await
        .expect(200)
        .body;
    let forms: Vec<&Value> = docs["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "feedback_form")
        .collect();
    assert_eq!(forms.len(), 1, "{docs}");
    let text = app
        .client
        .get(format!(
            "{}{}",
            app.base,
            forms[0]["content_url"].as_str().unwrap()
        ))
        .bearer_auth(&director)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("Mức độ hài lòng: Hài lòng"), "{text}");
    assert!(text.contains("Trợ giúp viên nhiệt tình"), "{text}");
    assert!(text.contains(case["code"].as_str().unwrap()), "{text}");
    let actions = app.audit_actions("case", &case).await;
    assert!(
        actions.iter().any(|a| a == "case.feedback_received"),
        "{actions:?}"
    );
}

async fn consent_is_recorded_with_the_request_and_can_be_withdrawn(app: TestApp) {
    let receipt = submit(&app, &online("Lường Văn Tâm", "0917 123 123"))
        .await
        .expect(201)
        .body;
    let code = receipt["tracking_code"].as_str().unwrap().to_owned();
    let secret = receipt["secret"].as_str().unwrap().to_owned();
    let clerk = app.login("vt.hanoi").await;
    let case = converted_and_accepted(&app, &clerk, &code).await;
    let path = format!("/api/v1/cases/{}/consents", case["id"].as_str().unwrap());
    let consents = app.get(&path, &clerk).await.expect(200).body;
    assert_eq!(consents.as_array().unwrap().len(), 1, "{consents}");
    assert_eq!(consents[0]["text_version"], "2026-01");
    assert_eq!(consents[0]["channel"], "electronic");
    assert_eq!(consents[0]["purpose"], "legal_aid_request");
    assert!(consents[0]["withdrawn_at"].is_null());
    // Another province's director does not see the case's consents.
    let elsewhere = app.login("gd.hcm").await;
    app.get(&path, &elsewhere).await.expect(404);

    let withdraw = |s: &str| {
        let body = json!({"tracking_code": code, "secret": s});
        let app = &app;
        async move {
            app.post("/api/v1/public/consent/withdraw", None, &body)
                .await
        }
    };
    withdraw("AAAA-BBBB-CCCC-DDDD")
        .await
        .problem(401, "public.lookup_refused");
    let done = withdraw(&secret).await.expect(200).body;
    assert_eq!(done["withdrawn"], 1);
    assert_eq!(withdraw(&secret).await.expect(200).body["withdrawn"], 0);
    let consents = app.get(&path, &clerk).await.expect(200).body;
    assert!(consents[0]["withdrawn_at"].is_string(), "{consents}");
}
