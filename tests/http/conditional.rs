//! Conditional reads (issue #14 item 6): `If-None-Match` with a tag still
//! current answers 304 without the body; any change shown in the answer
//! (even one that does not raise the record's version) gives a new tag;
//! the tag read is the tag to write with (`If-Match`).
use crate::cases::{accept_and_assign, intake};
use reqwest::Method;
use serde_json::json;
use tgpl_tests::{Reply, TestApp};

tgpl_tests::on_both_databases!(an_unchanged_read_is_304_and_any_change_is_seen);

async fn get_if_none_match(app: &TestApp, path: &str, token: &str, tag: &str) -> Reply {
    app.send(
        Method::GET,
        path,
        Some(token),
        &[("if-none-match", tag)],
        None,
    )
    .await
}

async fn an_unchanged_read_is_304_and_any_change_is_seen(app: TestApp) {
    let admin = app.login("admin").await;
    // A record of the register.
    let path = format!("/api/v1/organisations/{}", app.units.hn_centre);
    let first = app.get(&path, &admin).await.expect(200);
    let tag = first.etag();
    assert!(
        tag.starts_with(&format!("\"{}-", first.body["version"])),
        "{tag}"
    );
    let again = get_if_none_match(&app, &path, &admin, &tag).await;
    assert_eq!(again.status.as_u16(), 304);
    assert_eq!(again.body, serde_json::Value::Null, "no body");
    assert_eq!(again.etag(), tag);
    // The tag read is the tag to write with.
    app.patch(&path, &admin, &tag, &json!({"phone": "024 3555 0101"}))
        .await
        .expect(200);
    let changed = get_if_none_match(&app, &path, &admin, &tag)
        .await
        .expect(200);
    assert_eq!(changed.body["phone"], "02435550101");
    assert_ne!(changed.etag(), tag);

    // A list: a weak tag of its content.
    let list = app
        .get("/api/v1/organisations?province=01", &admin)
        .await
        .expect(200);
    let list_tag = list.etag();
    assert!(list_tag.starts_with("W/\""), "{list_tag}");
    let same =
        get_if_none_match(&app, "/api/v1/organisations?province=01", &admin, &list_tag).await;
    assert_eq!(same.status.as_u16(), 304);

    // A case file: a hearing does not raise the case's version, yet the
    // file shown changes, and so does its tag.
    let director = app.login("gd.hanoi").await;
    let case = intake(
        &app,
        &director,
        app.units.hn_centre,
        "Trịnh Văn Phiên",
        json!({}),
    )
    .await;
    let case = accept_and_assign(&app, &director, &director, &case, app.units.hn_officer).await;
    let file_path = format!("/api/v1/cases/{}", case["id"].as_str().unwrap());
    let file = app.get(&file_path, &director).await.expect(200);
    let file_tag = file.etag();
    assert_eq!(
        get_if_none_match(&app, &file_path, &director, &file_tag)
            .await
            .status
            .as_u16(),
        304
    );
    let when = (app.now() + chrono::Duration::days(5)).to_rfc3339();
    app.post(
        &format!("{file_path}/hearings"),
        Some(&director),
        &json!({"court": "Tòa án nhân dân khu vực 1 - Hà Nội", "starts_at": when, "mode": "online"}),
    )
    .await
    .expect(201);
    let file2 = get_if_none_match(&app, &file_path, &director, &file_tag)
        .await
        .expect(200);
    assert_eq!(file2.body["hearings"].as_array().unwrap().len(), 1);
    assert_eq!(
        file2.body["version"], file.body["version"],
        "the case itself did not change"
    );
    assert_ne!(file2.etag(), file_tag);
}
