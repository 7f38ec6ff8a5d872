//! The change feed (issue #14): case events in order after a sequence
//! number, within the reader's scope, with no personal data.
use serde_json::{Value, json};
use tgpl_tests::TestApp;

async fn page(app: &TestApp, token: &str, after: i64) -> Value {
    app.get(&format!("/api/v1/events?after={after}&limit=1000"), token)
        .await
        .expect(200)
        .body
}

async fn the_feed_tells_what_happened_in_order_within_scope(app: TestApp) {
    let admin = app.login("admin").await;
    let department = app.login("stp.hanoi").await;
    // Read to the end of what the demo data recorded.
    let mut start = 0;
    while let Some(n) = page(&app, &admin, start).await["next"].as_i64() {
        start = n;
    }
    let director = app.login("gd.hanoi").await;
    let hn = crate::cases::intake(
        &app,
        &director,
        app.units.hn_centre,
        "Lường Thị Xuân",
        json!({}),
    )
    .await;
    let accepted = crate::cases::act(&app, &director, &hn, "accept", json!({}))
        .await
        .expect(200)
        .body;
    let hcm_director = app.login("gd.hcm").await;
    let hcm = crate::cases::intake(
        &app,
        &hcm_director,
        app.units.hcm_centre,
        "Quàng Văn Sơn",
        json!({}),
    )
    .await;

    // The nation sees every event after `start`, gap-free and in order.
    let all = page(&app, &admin, start).await;
    let items = all["items"].as_array().unwrap();
    let seqs: Vec<i64> = items.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert!(!seqs.is_empty());
    assert_eq!(
        seqs,
        (start + 1..=start + seqs.len() as i64).collect::<Vec<_>>()
    );
    assert_eq!(all["next"], json!(seqs.last().unwrap()));
    let of = |case: &Value| -> Vec<String> {
        items
            .iter()
            .filter(|e| e["case_id"] == case["id"])
            .map(|e| e["type"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(of(&hn), vec!["case.received", "case.accepted"]);
    assert_eq!(of(&hcm), vec!["case.received"]);
    let acceptance = items
        .iter()
        .find(|e| e["case_id"] == hn["id"] && e["type"] == "case.accepted")
        .unwrap();
    assert_eq!(acceptance["case_code"], accepted["code"]);
    assert!(!acceptance["label_vi"].as_str().unwrap().is_empty());
    // No personal data: neither name appears anywhere in the feed.
    let text = all.to_string();
    assert!(!text.contains("Lường Thị Xuân") && !text.contains("Quàng Văn Sơn"));

    // The Hà Nội department sees Hà Nội's events only.
    let theirs = page(&app, &department, start).await;
    let cases: Vec<&Value> = theirs["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["case_id"])
        .collect();
    assert!(cases.contains(&&hn["id"]));
    assert!(!cases.contains(&&hcm["id"]));
    // Nothing new: no items, and no cursor to move to.
    let last = all["next"].as_i64().unwrap();
    let empty = page(&app, &admin, last).await;
    assert_eq!(empty["items"], json!([]));
    assert_eq!(empty["next"], Value::Null);

    // A centre reads its cases, not the feed; bad cursors are 422.
    app.get("/api/v1/events", &director)
        .await
        .problem(403, "forbidden");
    app.get("/api/v1/events?after=-1", &admin).await.expect(422);
    app.get("/api/v1/events?limit=0", &admin).await.expect(422);
    app.get("/api/v1/events?after=abc", &admin)
        .await
        .problem(400, "query.invalid");
}

tgpl_tests::on_both_databases!(the_feed_tells_what_happened_in_order_within_scope);
