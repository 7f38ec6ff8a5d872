//! The legal-aid hotline (issue #12): an operator records calls, forwards
//! one as a request to a centre's queue (the caller follows it with the
//! code and secret read out), promises callbacks due within two working
//! hours, and missed ones are flagged; the log is scoped.
use serde_json::{Value, json};
use tgpl_tests::TestApp;

tgpl_tests::on_both_databases!(
    an_operator_forwards_a_call_to_a_centres_queue,
    a_promised_callback_is_due_in_office_time_and_flagged_when_missed,
);

fn advised() -> Value {
    json!({"caller_name": "Chị Hằng", "topic": "Hỏi thủ tục ly hôn", "field_of_law": "civil_family",
           "advice": "Hướng dẫn nộp đơn tại Tòa án nhân dân cấp huyện", "outcome": "advised",
           "duration_seconds": 420})
}

async fn an_operator_forwards_a_call_to_a_centres_queue(app: TestApp) {
    let operator = app.login("tongdai.cuc").await;
    app.post("/api/v1/hotline/calls", Some(&operator), &advised())
        .await
        .expect(201);
    let body = json!({
        "caller_name": "Ông Lò Văn Pọm", "caller_phone": "0976 123 456",
        "topic": "Bị thu hồi đất không được bồi thường", "outcome": "forwarded",
        "duration_seconds": 900,
        "forward": {"province": "01", "categories": ["2"], "form_of_aid": "advice",
                    "field_of_law": "land",
                    "summary": "Gia đình bị thu hồi đất nông nghiệp, chưa được bồi thường.",
                    "consent": true, "consent_version": "2026-01"}
    });
    let recorded = app
        .post("/api/v1/hotline/calls", Some(&operator), &body)
        .await
        .expect(201)
        .body;
    let forwarded = &recorded["forwarded"];
    assert_eq!(forwarded["centre_id"], json!(app.units.hn_centre));
    assert_eq!(recorded["call"]["intake_id"], forwarded["intake_id"]);
    // Forwarding needs a request; a request needs the forwarded outcome.
    let mut no_request = body.clone();
    no_request.as_object_mut().unwrap().remove("forward");
    app.post("/api/v1/hotline/calls", Some(&operator), &no_request)
        .await
        .problem(422, "validation_failed");
    let mut stray = body.clone();
    stray["outcome"] = json!("advised");
    app.post("/api/v1/hotline/calls", Some(&operator), &stray)
        .await
        .problem(422, "validation_failed");

    // The centre's clerk finds it in the queue, channel hotline.
    let clerk = app.login("vt.hanoi").await;
    let queue = app
        .get("/api/v1/intake-items", &clerk)
        .await
        .expect(200)
        .body;
    let item = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == forwarded["intake_id"])
        .expect("the forwarded call is in the centre's queue")
        .clone();
    assert_eq!(item["channel"], "hotline");
    assert_eq!(item["details"]["requester"]["full_name"], "Ông Lò Văn Pọm");
    // The caller follows it with what the operator read out.
    let progress = app
        .post(
            "/api/v1/public/lookup",
            None,
            &json!({"tracking_code": forwarded["tracking_code"], "secret": forwarded["secret"]}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(progress["request_status"], "pending");

    // The operator's log holds both calls; a centre director sees none of
    // the national hotline's; a clerk may not record calls.
    let log = app
        .get("/api/v1/hotline/calls", &operator)
        .await
        .expect(200)
        .body;
    assert_eq!(log["items"].as_array().unwrap().len(), 2);
    let director = app.login("gd.hanoi").await;
    let theirs = app
        .get("/api/v1/hotline/calls", &director)
        .await
        .expect(200)
        .body;
    assert!(theirs["items"].as_array().unwrap().is_empty());
    app.post("/api/v1/hotline/calls", Some(&clerk), &advised())
        .await
        .expect(403);
    let ministry = app.login("cuc.canbo").await;
    let watched = app
        .get("/api/v1/hotline/calls", &ministry)
        .await
        .expect(200)
        .body;
    assert_eq!(watched["items"].as_array().unwrap().len(), 2);
}

async fn a_promised_callback_is_due_in_office_time_and_flagged_when_missed(app: TestApp) {
    let operator = app.login("tongdai.cuc").await;
    let promise = |phone: Option<&str>| {
        let mut b = json!({"caller_name": "Anh Tú", "topic": "Bị nợ lương ba tháng",
                           "field_of_law": "labour", "outcome": "callback_promised",
                           "started_at": "2026-06-02T02:00:00Z", "duration_seconds": 600});
        if let Some(p) = phone {
            b["caller_phone"] = json!(p);
        }
        b
    };
    app.post("/api/v1/hotline/calls", Some(&operator), &promise(None))
        .await
        .problem(422, "validation_failed");
    let call = app
        .post(
            "/api/v1/hotline/calls",
            Some(&operator),
            &promise(Some("0912 345 678")),
        )
        .await
        .expect(201)
        .body["call"]
        .clone();
    // 09:00–09:10 Vietnam time on Tuesday 2 June 2026, plus two working hours.
    assert_eq!(call["callback_due_at"], "2026-06-02T04:10:00Z");
    // That day is long past: the callback missed its window.
    assert_eq!(call["callback_missed"], true);
    let missed = app
        .get("/api/v1/hotline/calls?callback_missed=true", &operator)
        .await
        .expect(200)
        .body;
    assert_eq!(missed["items"].as_array().unwrap().len(), 1);
    let path = format!(
        "/api/v1/hotline/calls/{}/callback",
        call["id"].as_str().unwrap()
    );
    let done = app
        .post(&path, Some(&operator), &json!({"version": 1}))
        .await
        .expect(200)
        .body;
    assert!(done["called_back_at"].is_string());
    // Made late, it stays flagged; it is no longer pending.
    assert_eq!(done["callback_missed"], true);
    let pending = app
        .get("/api/v1/hotline/calls?callback_pending=true", &operator)
        .await
        .expect(200)
        .body;
    assert!(pending["items"].as_array().unwrap().is_empty());
    app.post(&path, Some(&operator), &json!({"version": 2}))
        .await
        .problem(409, "hotline.already_called_back");
}
