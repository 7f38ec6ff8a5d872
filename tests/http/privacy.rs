//! The person's rights over their data (Law 91/2025; issue #12): a
//! beneficiary asks online for a copy of their data, the centre's
//! data-protection officer hands it over with the other people masked,
//! corrects what is wrong, and deletes a person: gone from the case, the
//! search, the audit trail's values and the events, while forms 24 and 25
//! still count the case. The officer sees who read the record.
use crate::cases::{act, intake};
use crate::public::{converted_and_accepted, online, submit};
use chrono::Datelike;
use serde_json::{Value, json};
use tgpl_tests::TestApp;

tgpl_tests::on_both_databases!(
    a_deleted_person_is_gone_everywhere_and_the_case_still_counts,
    a_person_gets_a_copy_and_a_correction_and_the_officer_sees_who_read,
    a_refused_request_is_erased_and_requests_stay_in_their_units_reach,
);

const ANONYMISED: &str = "Người đã được ẩn danh";

async fn form_total(app: &TestApp, token: &str, form: &str) -> u64 {
    let year = app.today().year();
    let r = app
        .get(
            &format!("/api/v1/reports/forms/{form}?period=annual_official&year={year}"),
            token,
        )
        .await
        .expect(200)
        .body;
    r["rows"][0]["cells"][0]["actual"].as_u64().unwrap()
}

async fn new_request(app: &TestApp, dpo: &str, case: &Value, kind: &str) -> Value {
    app.post(
        "/api/v1/privacy-requests",
        Some(dpo),
        &json!({"case_id": case["id"], "kind": kind, "details": "Đề nghị tại trụ sở Trung tâm"}),
    )
    .await
    .expect(201)
    .body
}

async fn a_deleted_person_is_gone_everywhere_and_the_case_still_counts(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let dpo = app.login("dpo.hanoi").await;
    let name = "Đặng Thị Hồng Nhung";
    let case = intake(
        &app,
        &director,
        app.units.hn_centre,
        name,
        json!({
            "summary": "Chị Đặng Thị Hồng Nhung (SĐT 0903 111 222) bị chồng bạo hành, cần người bảo vệ.",
            "parties": [{"role": "beneficiary", "full_name": name, "sex": "female",
                         "phone": "0903 111 222", "id_number": "001190099887",
                         "address": "Số 7 ngõ Văn Chương, Đống Đa", "date_of_birth": "1990-07-09"}]
        }),
    )
    .await;
    let case = act(&app, &director, &case, "accept", json!({}))
        .await
        .expect(200)
        .body;
    let officer_id = app.first_practitioner(&director, "").await["id"].clone();
    let case = act(
        &app,
        &director,
        &case,
        "assign",
        json!({"practitioner_id": officer_id}),
    )
    .await
    .expect(200)
    .body;
    let id = case["id"].as_str().unwrap().to_owned();
    let counted = [
        form_total(&app, &director, "24").await,
        form_total(&app, &director, "25").await,
    ];

    // Only the officer handles the request; it is due in ten working days.
    app.post(
        "/api/v1/privacy-requests",
        Some(&director),
        &json!({"case_id": id, "kind": "deletion"}),
    )
    .await
    .problem(403, "forbidden");
    let req = new_request(&app, &dpo, &case, "deletion").await;
    assert_eq!(req["status"], "received");
    assert_eq!(req["person_name"], name);
    assert_eq!(req["party_role"], "beneficiary");
    // Monday 16 Nov 2026 + 10 working days.
    assert_eq!(req["due_on"], "2026-11-30");
    let rid = req["id"].as_str().unwrap().to_owned();
    // A deletion is not answered by a copy.
    app.post(
        &format!("/api/v1/privacy-requests/{rid}/provide"),
        Some(&dpo),
        &json!({"version": req["version"], "answer": "Đã cung cấp bản sao dữ liệu"}),
    )
    .await
    .problem(409, "privacy.wrong_kind");
    let done = app
        .post(
            &format!("/api/v1/privacy-requests/{rid}/delete"),
            Some(&dpo),
            &json!({"version": req["version"], "answer": "Đã xóa thông tin cá nhân của chị theo yêu cầu."}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(done["erasure"], "anonymise");
    assert_eq!(done["request"]["status"], "completed");
    app.post(
        &format!("/api/v1/privacy-requests/{rid}/delete"),
        Some(&dpo),
        &json!({"version": done["request"]["version"], "answer": "Đã xóa thông tin cá nhân lần nữa."}),
    )
    .await
    .problem(409, "privacy.already_answered");

    let gone = [
        "Nhung",
        "NHUNG",
        "nhung",
        "0903",
        "001190099887",
        "Văn Chương",
        "1990-07-09",
    ];
    let assert_gone = |what: &str, v: &Value| {
        let text = v.to_string();
        for g in gone {
            assert!(!text.contains(g), "{what} still holds {g}: {text}");
        }
    };
    // The case: kept, registered and assigned, without the person.
    let file = app
        .get(&format!("/api/v1/cases/{id}"), &director)
        .await
        .expect(200)
        .body;
    assert_gone("the case file", &file);
    assert_eq!(file["parties"][0]["full_name"], ANONYMISED);
    assert_eq!(file["status"], "assigned");
    assert!(file["code"].is_string());
    assert!(file["summary"].as_str().unwrap().contains("bạo hành"));
    assert!(
        file["timeline"].to_string().contains("party_anonymised"),
        "{}",
        file["timeline"]
    );
    // The search.
    for q in ["Hồng Nhung", "dang thi hong nhung", "Nhung"] {
        let found = app
            .get(&format!("/api/v1/cases?q={q}"), &director)
            .await
            .expect(200)
            .body;
        assert_eq!(found["items"].as_array().unwrap().len(), 0, "{q}: {found}");
    }
    // The audit trail's values, read by a role that sees them unmasked.
    let trail = app
        .get(
            &format!("/api/v1/audit-events?entity=case&entity_id={id}&limit=100"),
            &director,
        )
        .await
        .expect(200)
        .body;
    assert!(trail["items"].as_array().unwrap().len() >= 3, "{trail}");
    assert_gone("the audit trail", &trail);
    assert!(trail.to_string().contains("case.personal_data_deleted"));
    // The events (the change feed).
    let admin = app.login("admin").await;
    let feed = app
        .get("/api/v1/events?after=0&limit=500", &admin)
        .await
        .expect(200)
        .body;
    assert_gone("the events", &feed);
    assert!(feed.to_string().contains("party_anonymised"));
    // Forms 24 and 25 still count the case.
    assert_eq!(
        [
            form_total(&app, &director, "24").await,
            form_total(&app, &director, "25").await
        ],
        counted
    );
    // A deleted person has nothing left to correct.
    let fix = new_request(&app, &dpo, &case, "correction").await;
    app.post(
        &format!("/api/v1/privacy-requests/{}/correct", fix["id"].as_str().unwrap()),
        Some(&dpo),
        &json!({"version": fix["version"], "answer": "Đã sửa số điện thoại", "phone": "0911000111"}),
    )
    .await
    .problem(409, "privacy.anonymised");
}

async fn a_person_gets_a_copy_and_a_correction_and_the_officer_sees_who_read(app: TestApp) {
    let receipt = submit(&app, &online("Bùi Thị Thoa", "0987 111 333"))
        .await
        .expect(201)
        .body;
    let code = receipt["tracking_code"].as_str().unwrap().to_owned();
    let secret = receipt["secret"].as_str().unwrap().to_owned();
    let clerk = app.login("vt.hanoi").await;
    let case = converted_and_accepted(&app, &clerk, &code).await;
    let id = case["id"].as_str().unwrap().to_owned();
    // The director reads the file: a read the officer will see.
    let director = app.login("gd.hanoi").await;
    app.get(&format!("/api/v1/cases/{id}"), &director)
        .await
        .expect(200);

    // The citizen asks online for a copy; a wrong secret is refused.
    let ask = |secret: &str| {
        json!({"tracking_code": code, "secret": secret, "kind": "access",
                                    "details": "Tôi muốn xem Trung tâm lưu những gì về tôi"})
    };
    app.post(
        "/api/v1/public/privacy-requests",
        None,
        &ask("AAAA-BBBB-CCCC-DDDD"),
    )
    .await
    .problem(401, "public.lookup_refused");
    let got = app
        .post("/api/v1/public/privacy-requests", None, &ask(&secret))
        .await
        .expect(201)
        .body;
    assert_eq!(got["kind"], "access");
    assert_eq!(got["due_on"], "2026-11-19", "three working days: {got}");

    let dpo = app.login("dpo.hanoi").await;
    let queue = app
        .get("/api/v1/privacy-requests?status=received", &dpo)
        .await
        .expect(200)
        .body;
    let req = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["case_id"] == json!(id))
        .cloned()
        .expect("the online request is in the officer's queue");
    assert_eq!(req["channel"], "electronic");
    assert_eq!(req["overdue"], false);
    let rid = req["id"].as_str().unwrap().to_owned();
    // Nobody else handles the queue: a clerk is refused, another centre's
    // director does not see the request.
    app.get("/api/v1/privacy-requests", &clerk)
        .await
        .problem(403, "forbidden");
    let hcm = app.login("gd.hcm").await;
    app.get(&format!("/api/v1/privacy-requests/{rid}"), &hcm)
        .await
        .expect(404);

    // The copy: her data in clear (the officer hands it to her), the matter
    // and steps of her case, her consent, her request.
    let copy = app
        .get(&format!("/api/v1/privacy-requests/{rid}/export"), &dpo)
        .await
        .expect(200)
        .body;
    assert_eq!(copy["person"]["full_name"], "Bùi Thị Thoa");
    assert_eq!(copy["person"]["id_number"], "001060012345");
    assert_eq!(copy["case"]["code"], case["code"]);
    assert!(!copy["steps"].as_array().unwrap().is_empty(), "{copy}");
    assert_eq!(copy["consents"][0]["text_version"], "2026-01");
    assert_eq!(copy["requests"][0]["kind"], "access");
    let given = app
        .post(
            &format!("/api/v1/privacy-requests/{rid}/provide"),
            Some(&dpo),
            &json!({"version": req["version"], "answer": "Đã gửi bản sao dữ liệu qua bưu điện."}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(given["status"], "completed");

    // A correction made at the centre: audited, an event on the case.
    let fix = new_request(&app, &dpo, &case, "correction").await;
    let fid = fix["id"].as_str().unwrap().to_owned();
    app.post(
        &format!("/api/v1/privacy-requests/{fid}/correct"),
        Some(&dpo),
        &json!({"version": fix["version"], "answer": "Đã sửa ngày sinh và số điện thoại.", "phone": "không phải số"}),
    )
    .await
    .problem(422, "validation_failed");
    app.post(
        &format!("/api/v1/privacy-requests/{fid}/correct"),
        Some(&dpo),
        &json!({"version": fix["version"] .as_i64().unwrap() + 1, "answer": "Đã sửa ngày sinh và số điện thoại.", "phone": "0911 222 333"}),
    )
    .await
    .expect(412);
    app.post(
        &format!("/api/v1/privacy-requests/{fid}/correct"),
        Some(&dpo),
        &json!({"version": fix["version"], "answer": "Đã sửa ngày sinh và số điện thoại.",
                "phone": "0911 222 333", "date_of_birth": "1961-05-04"}),
    )
    .await
    .expect(200);
    let file = app
        .get(&format!("/api/v1/cases/{id}"), &clerk)
        .await
        .expect(200)
        .body;
    let me = &file["parties"][0];
    assert_eq!(me["date_of_birth"], "1961-05-04");
    assert!(me["phone"].as_str().unwrap().contains("0911"), "{me}");
    assert!(file["timeline"].to_string().contains("party_corrected"));

    // The officer sees every read of her record: the director's, the clerk's.
    let trail = app
        .get(
            &format!("/api/v1/audit-events?entity=case&entity_id={id}&limit=100"),
            &dpo,
        )
        .await
        .expect(200)
        .body;
    let reads: Vec<&Value> = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "case.read")
        .collect();
    let roles: Vec<&str> = reads
        .iter()
        .filter_map(|e| e["actor_role"].as_str())
        .collect();
    assert!(roles.contains(&"centre_director"), "{roles:?}");
    assert!(roles.contains(&"centre_clerk"), "{roles:?}");
    let actions = trail.to_string();
    assert!(actions.contains("case.party_corrected") && actions.contains("privacy.data_exported"));
    // The officer reads the trail masked, like any supervisor.
    assert!(!actions.contains("0911 222 333") && !actions.contains("0911222333"));
}

async fn a_refused_request_is_erased_and_requests_stay_in_their_units_reach(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let dpo = app.login("dpo.hanoi").await;
    let case = intake(
        &app,
        &director,
        app.units.hn_centre,
        "Triệu Văn Páo",
        json!({"summary": "Anh Triệu Văn Páo hỏi về việc mua bán xe máy."}),
    )
    .await;
    let refused = act(
        &app,
        &director,
        &case,
        "refuse",
        json!({"refusal_ground": "not_eligible_matter"}),
    )
    .await
    .expect(200)
    .body;
    let req = new_request(&app, &dpo, &refused, "deletion").await;
    // Too short an answer is refused at the field.
    let r = app
        .post(
            &format!(
                "/api/v1/privacy-requests/{}/delete",
                req["id"].as_str().unwrap()
            ),
            Some(&dpo),
            &json!({"version": req["version"], "answer": "xong"}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "answer");
    let done = app
        .post(
            &format!(
                "/api/v1/privacy-requests/{}/delete",
                req["id"].as_str().unwrap()
            ),
            Some(&dpo),
            &json!({"version": req["version"], "answer": "Đã xóa toàn bộ dữ liệu của yêu cầu."}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(done["erasure"], "erase");
    let file = app
        .get(
            &format!("/api/v1/cases/{}", case["id"].as_str().unwrap()),
            &director,
        )
        .await
        .expect(200)
        .body;
    assert!(!file.to_string().contains("Páo"), "{file}");
    assert_eq!(file["summary"], "[đã ẩn danh]");
    // The refusal notice named him; it does not any more.
    let notices = app
        .get(
            &format!("/api/v1/cases/{}/notices", case["id"].as_str().unwrap()),
            &director,
        )
        .await
        .expect(200)
        .body;
    assert!(!notices.to_string().contains("Páo"), "{notices}");

    // An officer's reach is the unit's: a request on another centre's case
    // is not found; overdue filters by the due day.
    let hcm_director = app.login("gd.hcm").await;
    let hcm_case = intake(
        &app,
        &hcm_director,
        app.units.hcm_centre,
        "Lâm Thị Bé",
        json!({}),
    )
    .await;
    app.post(
        "/api/v1/privacy-requests",
        Some(&dpo),
        &json!({"case_id": hcm_case["id"], "kind": "access"}),
    )
    .await
    .expect(404);
    app.post(
        "/api/v1/privacy-requests",
        Some(&dpo),
        &json!({"case_id": case["id"], "kind": "access", "received_on": "2026-12-31"}),
    )
    .await
    .problem(422, "validation_failed");
    let old = app
        .post(
            "/api/v1/privacy-requests",
            Some(&dpo),
            &json!({"case_id": case["id"], "kind": "access", "received_on": "2026-10-01"}),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(old["overdue"], true, "{old}");
    let late = app
        .get("/api/v1/privacy-requests?overdue=true", &dpo)
        .await
        .expect(200)
        .body;
    let ids: Vec<&Value> = late["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["id"])
        .collect();
    assert_eq!(ids, vec![&old["id"]]);
}
