//! Correcting and completing a case after intake (issue #13): only the
//! fields sent change, a stale version is refused, each change is audited,
//! named in the timeline and shown field by field in the history, masked as
//! the reader sees the case.
use crate::cases::{act, intake};
use serde_json::{Value, json};
use tgpl_tests::{TestApp, on_both_databases};

on_both_databases!(
    a_clerk_completes_a_request_without_losing_anothers_change,
    eligibility_is_judged_again_until_the_case_enters_the_register,
    who_may_correct_a_case_and_until_when,
);

fn path(case: &Value) -> String {
    format!("/api/v1/cases/{}", case["id"].as_str().unwrap())
}

fn etag(case: &Value) -> String {
    format!("\"{}\"", case["version"])
}

async fn a_clerk_completes_a_request_without_losing_anothers_change(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let director = app.login("gd.hanoi").await;
    let case = intake(&app, &clerk, app.units.hn_centre, "Hà Văn Đức", json!({})).await;
    let party = case["parties"][0]["id"].clone();
    let read = app.get(&path(&case), &clerk).await.expect(200);
    assert!(
        read.body["completeness"]["missing"]
            .as_array()
            .unwrap()
            .contains(&json!("beneficiary.address"))
    );

    // The director and the clerk both opened version 1. The director saves first.
    let by_director = app
        .patch(
            &path(&case),
            &director,
            &etag(&case),
            &json!({"field_of_law": "land"}),
        )
        .await
        .expect(200);
    assert_eq!(by_director.body["field_of_law"], "land");
    assert_eq!(by_director.etag(), "\"2\"");
    // The clerk's save of version 1 is refused and writes nothing.
    let completion = json!({
        "summary": "Bị can bị khởi tố về tội trộm cắp tài sản; gia đình đề nghị cử luật sư bào chữa.",
        "parties": [{"id": party, "address": "Số 5 phố Huế, Hai Bà Trưng, Hà Nội", "ethnicity": "Kinh", "phone": "0987 654 321"}]
    });
    app.patch(&path(&case), &clerk, &etag(&case), &completion)
        .await
        .problem(412, "version_mismatch");
    // Sent again on the current version, only the clerk's fields change: the
    // director's field of law stays.
    let done = app
        .patch(&path(&case), &clerk, "\"2\"", &completion)
        .await
        .expect(200)
        .body;
    assert_eq!(done["field_of_law"], "land");
    assert_eq!(done["version"], 3);
    let p = &done["parties"][0];
    assert_eq!(p["address"], "Số 5 phố Huế, Hai Bà Trưng, Hà Nội");
    assert_eq!(p["phone"], "0987654321", "parsed like intake's");
    assert_eq!(p["sex"], "male", "a field not sent keeps its value");
    // Sending what is stored changes nothing: no new version, no entry.
    let same = app
        .patch(&path(&case), &clerk, "\"3\"", &completion)
        .await
        .expect(200);
    assert_eq!(same.body["version"], 3);
    // A bad phone is refused at its field.
    let bad = app
        .patch(
            &path(&case),
            &clerk,
            "\"3\"",
            &json!({"parties": [{"id": party, "phone": "12"}]}),
        )
        .await
        .expect(422);
    assert_eq!(
        bad.field_codes()[0].0,
        "parties[0].phone",
        "{:?}",
        bad.field_codes()
    );

    // The file's timeline names the correction (fields, never values).
    let file = app.get(&path(&case), &clerk).await.expect(200).body;
    let amended: Vec<&Value> = file["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"]["type"] == "amended")
        .collect();
    assert_eq!(amended.len(), 2, "{}", file["timeline"]);
    let named = amended[1]["event"]["fields"].as_str().unwrap();
    assert!(
        named.contains("party.address") && !named.contains("Huế"),
        "{named}"
    );
    let writes: Vec<String> = app
        .audit_actions("case", &case)
        .await
        .into_iter()
        .filter(|a| a != "case.read")
        .collect();
    assert_eq!(writes, ["case.amend", "case.amend", "case.create"]);
    // The trail names who acted, not only their account id.
    let trail = app.audit_trail("case", &case).await;
    let amended = trail.iter().find(|e| e["action"] == "case.amend").unwrap();
    assert!(
        amended["actor_name"]
            .as_str()
            .is_some_and(|n| !n.is_empty()),
        "{amended}"
    );

    // The history, newest first, field by field, with who made each change.
    let history = app
        .get(&format!("{}/history", path(&case)), &director)
        .await
        .expect(200)
        .body;
    let items = history["items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        2,
        "creation and reads are not edits: {history}"
    );
    assert_eq!(items[0]["action"], "case.amend");
    assert!(items[0]["actor_name"].is_string());
    let change = |item: &Value, field: &str| {
        item["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["field"] == field)
            .cloned()
            .unwrap_or_else(|| panic!("no {field} in {item}"))
    };
    let address = change(&items[0], "party.address");
    assert_eq!(address["before"], Value::Null);
    assert_eq!(address["after"], "Số 5 phố Huế, Hai Bà Trưng, Hà Nội");
    assert_eq!(address["party_id"], party);
    let field = change(&items[1], "field_of_law");
    assert_eq!(
        (field["before"].clone(), field["after"].clone()),
        (json!("criminal"), json!("land"))
    );
    // A role that reads the case masked sees that the address changed, not what to.
    let masked = app
        .get(
            &format!("{}/history", path(&case)),
            &app.login("stp.hanoi").await,
        )
        .await
        .expect(200)
        .body;
    let address = change(&masked["items"][0], "party.address");
    assert_eq!(address["after"], "***");
    assert!(!masked.to_string().contains("0987654321"));
    // Pages hold their limit and continue.
    let first = app
        .get(&format!("{}/history?limit=1", path(&case)), &director)
        .await
        .expect(200)
        .body;
    assert_eq!(first["items"].as_array().unwrap().len(), 1);
    let next = first["next"].as_str().unwrap();
    let second = app
        .get(
            &format!("{}/history?limit=1&after={next}", path(&case)),
            &director,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(second["items"][0]["action"], "case.amend");
    assert_eq!(second["items"][0]["changes"][0]["field"], "field_of_law");
}

async fn eligibility_is_judged_again_until_the_case_enters_the_register(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let born = app.today() - chrono::Duration::days(17 * 365);
    let case = intake(
        &app,
        &clerk,
        app.units.hn_centre,
        "Lê Văn Tùng",
        json!({
            "eligibility": [{"code": "5", "proof_documents_present": true, "financial_hardship_proven": false}],
            "parties": [{"role": "beneficiary", "full_name": "Lê Văn Tùng", "sex": "male",
                         "date_of_birth": born, "procedural_role": "accused"}]
        }),
    )
    .await;
    assert_eq!(case["eligibility_codes"], json!(["5"]));
    let party = case["parties"][0]["id"].clone();
    // The birth date was mistyped: the person is 20, so clause 5 no longer
    // holds and the request can only be refused (Law 11/2017 Art. 30(3)).
    let older = app.today() - chrono::Duration::days(20 * 365);
    let case = app
        .patch(
            &path(&case),
            &clerk,
            &etag(&case),
            &json!({"parties": [{"id": party, "date_of_birth": older}]}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(case["eligibility_codes"], json!([]));
    act(&app, &clerk, &case, "accept", json!({}))
        .await
        .problem(409, "case.not_eligible");
    // A poor household's certificate is claimed instead, without its paper yet.
    let case = app
        .patch(
            &path(&case),
            &clerk,
            &etag(&case),
            &json!({"eligibility": [{"code": "2", "proof_documents_present": false, "financial_hardship_proven": false}]}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(case["eligibility_codes"], json!(["2"]));
    act(&app, &clerk, &case, "accept", json!({}))
        .await
        .problem(409, "case.proof_missing");
    let case = app
        .patch(
            &path(&case),
            &clerk,
            &etag(&case),
            &json!({"eligibility": [{"code": "2", "proof_documents_present": true, "financial_hardship_proven": false}], "form_of_aid": "advice"}),
        )
        .await
        .expect(200)
        .body;
    let case = act(&app, &clerk, &case, "accept", json!({}))
        .await
        .expect(200)
        .body;
    assert!(
        case["code"].as_str().unwrap().contains(".TV."),
        "{}",
        case["code"]
    );
    // In the register, what decided entry is fixed: each refusal at its field.
    let late = app
        .patch(
            &path(&case),
            &clerk,
            &etag(&case),
            &json!({"form_of_aid": "litigation_defence", "eligibility": [{"code": "1", "proof_documents_present": true, "financial_hardship_proven": false}]}),
        )
        .await
        .expect(422);
    assert_eq!(
        late.field_codes(),
        [
            (
                "form_of_aid".to_owned(),
                "case.fixed_after_acceptance".to_owned()
            ),
            (
                "eligibility".to_owned(),
                "case.fixed_after_acceptance".to_owned()
            )
        ]
    );
}

async fn who_may_correct_a_case_and_until_when(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let case = intake(&app, &clerk, app.units.hn_centre, "Vũ Thị Lan", json!({})).await;
    let summary = json!({"summary": "Đề nghị tư vấn về thủ tục ly hôn và quyền nuôi con."});
    // The department reads the case masked: it may not write over it.
    app.patch(
        &path(&case),
        &app.login("stp.hanoi").await,
        &etag(&case),
        &summary,
    )
    .await
    .problem(403, "forbidden");
    // An officer not on the case does not see it.
    app.patch(
        &path(&case),
        &app.login("tgv.hanoi").await,
        &etag(&case),
        &summary,
    )
    .await
    .expect(404);
    // Without a version the write is refused.
    app.send(
        reqwest::Method::PATCH,
        &path(&case),
        Some(&clerk),
        &[],
        Some(summary.to_string().into_bytes()),
    )
    .await
    .expect(428);
    // Unknown fields are refused, not ignored.
    app.patch(
        &path(&case),
        &clerk,
        &etag(&case),
        &json!({"status": "accepted"}),
    )
    .await
    .expect(422);
    // A refused request is closed.
    let refused = act(
        &app,
        &clerk,
        &case,
        "refuse",
        json!({"refusal_ground": "handled_by_another_organisation"}),
    )
    .await
    .expect(200)
    .body;
    app.patch(&path(&refused), &clerk, &etag(&refused), &summary)
        .await
        .problem(409, "case.not_amendable");
}
