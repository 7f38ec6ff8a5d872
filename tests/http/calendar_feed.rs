//! A user's calendar feed (issue #14 item 3): the hearings they attend and
//! the deadlines they are reminded of, as iCalendar at a secret URL that
//! works without a login, holds no personal data and can be revoked.
use crate::cases::{accept_and_assign, act, intake};
use reqwest::Method;
use serde_json::json;
use tgpl_tests::{Reply, TestApp};

tgpl_tests::on_both_databases!(a_feed_shows_my_hearings_and_deadlines_until_revoked);

async fn read_feed(app: &TestApp, path: &str) -> Reply {
    app.send(Method::GET, path, None, &[], None).await
}

async fn feed_text(app: &TestApp, path: &str) -> String {
    let res = app
        .client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar"),
        "{:?}",
        res.headers()
    );
    res.text().await.unwrap()
}

async fn a_feed_shows_my_hearings_and_deadlines_until_revoked(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let officer = app.login("tgv.hanoi").await;
    let clerk = app.login("vt.hanoi").await;
    // A hearing of the officer's case.
    let case = intake(
        &app,
        &director,
        app.units.hn_centre,
        "Lò Văn Lịch",
        json!({}),
    )
    .await;
    let case = accept_and_assign(&app, &director, &director, &case, app.units.hn_officer).await;
    let code = case["code"].as_str().unwrap().to_owned();
    let when = (app.now() + chrono::Duration::days(5)).to_rfc3339();
    app.post(
        &format!("/api/v1/cases/{}/hearings", case["id"].as_str().unwrap()),
        Some(&officer),
        &json!({"court": "Tòa án nhân dân khu vực 3 - Hà Nội", "starts_at": when, "mode": "online",
                "notes": "Bị cáo Lò Văn Lịch có tiền án"}),
    )
    .await
    .expect(201);
    // An urgent case accepted before its proof: the intake desk is reminded.
    let urgent = json!({"court_appointed_defence": true,
        "eligibility": [{"code": "2", "proof_documents_present": false, "financial_hardship_proven": false}]});
    let pending = intake(&app, &clerk, app.units.hn_centre, "Vàng Thị Hạn", urgent).await;
    let pending = act(&app, &clerk, &pending, "accept", json!({}))
        .await
        .expect(200)
        .body;
    let pending_code = pending["code"].as_str().unwrap().to_owned();

    // No feed yet.
    app.get("/api/v1/auth/calendar-feed", &officer)
        .await
        .problem(404, "calendar_feed.not_found");
    let opened = app
        .post("/api/v1/auth/calendar-feed", Some(&officer), &json!({}))
        .await
        .expect(201);
    let path = opened.body["path"].as_str().unwrap().to_owned();
    assert!(
        path.starts_with("/api/v1/calendar-feeds/") && path.ends_with(".ics"),
        "{path}"
    );

    // Read by a calendar app, without a login.
    let ics = feed_text(&app, &path).await;
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
    assert!(ics.contains(&format!("SUMMARY:Phiên tòa {code}")), "{ics}");
    assert!(ics.contains("Tòa án nhân dân khu vực 3 - Hà Nội"), "{ics}");
    // Nothing personal: neither the beneficiary nor the hearing's notes.
    assert!(
        !ics.contains("Lò Văn Lịch") && !ics.contains("tiền án"),
        "{ics}"
    );
    // The officer is not the intake desk: no proof deadline of another case.
    assert!(!ics.contains(&pending_code), "{ics}");
    let status = app
        .get("/api/v1/auth/calendar-feed", &officer)
        .await
        .expect(200);
    assert!(status.body["last_read_at"].is_string());
    assert!(status.body["path"].is_null(), "the secret is shown once");

    // The clerk's feed holds the proof deadline they are reminded of.
    let clerks = app
        .post("/api/v1/auth/calendar-feed", Some(&clerk), &json!({}))
        .await
        .expect(201);
    let clerk_ics = feed_text(&app, clerks.body["path"].as_str().unwrap()).await;
    assert!(
        clerk_ics.contains(&format!("Hạn bổ sung giấy tờ chứng minh {pending_code}")),
        "{clerk_ics}"
    );
    assert!(!clerk_ics.contains("Vàng Thị Hạn"));

    // Renewing replaces the secret; revoking ends the feed.
    let renewed = app
        .post("/api/v1/auth/calendar-feed", Some(&officer), &json!({}))
        .await
        .expect(201);
    let new_path = renewed.body["path"].as_str().unwrap().to_owned();
    read_feed(&app, &path)
        .await
        .problem(404, "calendar_feed.not_found");
    feed_text(&app, &new_path).await;
    app.send(
        Method::DELETE,
        "/api/v1/auth/calendar-feed",
        Some(&officer),
        &[],
        None,
    )
    .await
    .expect(204);
    read_feed(&app, &new_path)
        .await
        .problem(404, "calendar_feed.not_found");
    read_feed(&app, "/api/v1/calendar-feeds/guessed.ics")
        .await
        .problem(404, "calendar_feed.not_found");
}
