//! `Idempotency-Key` on creates (issue #14 item 6): a client that retries a
//! `POST` after a lost answer gets the first answer, not a second case.
use crate::cases::request;
use reqwest::Method;
use serde_json::{Value, json};
use tgpl_tests::{Reply, TestApp};

tgpl_tests::on_both_databases!(
    a_retried_create_with_its_key_makes_one_record,
    parallel_retries_make_one_case,
);

async fn post_keyed(app: &TestApp, token: &str, path: &str, key: &str, body: &Value) -> Reply {
    app.send(
        Method::POST,
        path,
        Some(token),
        &[
            ("idempotency-key", key),
            ("content-type", "application/json"),
        ],
        Some(body.to_string().into_bytes()),
    )
    .await
}

async fn case_count(app: &TestApp, token: &str, name: &str) -> usize {
    let q = name.replace(' ', "%20");
    let r = app
        .get(&format!("/api/v1/cases?q={q}&limit=200"), token)
        .await
        .expect(200);
    r.body["items"].as_array().unwrap().len()
}

async fn a_retried_create_with_its_key_makes_one_record(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let body = request(app.units.hn_centre, "Hoàng Văn Thử", json!({}));
    let first = post_keyed(&app, &clerk, "/api/v1/cases", "intake-0001", &body)
        .await
        .expect(201);
    assert!(first.headers.get("idempotent-replayed").is_none());
    // The answer was lost; the client sends the same request twice more.
    for _ in 0..2 {
        let again = post_keyed(&app, &clerk, "/api/v1/cases", "intake-0001", &body)
            .await
            .expect(201);
        assert_eq!(again.body["case"]["id"], first.body["case"]["id"]);
        assert_eq!(again.headers["idempotent-replayed"], "true");
        assert_eq!(again.headers["location"], first.headers["location"]);
        assert_eq!(again.headers["etag"], first.headers["etag"]);
    }
    assert_eq!(case_count(&app, &clerk, "Hoàng Văn Thử").await, 1);

    // The same key for another request is a mistake, said as such.
    let other = request(app.units.hn_centre, "Hoàng Văn Khác", json!({}));
    let r = post_keyed(&app, &clerk, "/api/v1/cases", "intake-0001", &other)
        .await
        .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "Idempotency-Key");
    assert_eq!(r.body["errors"][0]["code"], "idempotency.key_reused");
    assert_eq!(case_count(&app, &clerk, "Hoàng Văn Khác").await, 0);

    // Keys are the caller's own: another clerk's same key is a new request.
    let director = app.login("gd.hanoi").await;
    let theirs = post_keyed(&app, &director, "/api/v1/cases", "intake-0001", &body)
        .await
        .expect(201);
    assert_ne!(theirs.body["case"]["id"], first.body["case"]["id"]);

    // A refused request keeps no answer: corrected, the same key goes through.
    let mut bad = request(app.units.hn_centre, "Hoàng Thị Sửa", json!({}));
    bad["summary"] = json!("");
    post_keyed(&app, &clerk, "/api/v1/cases", "intake-0002", &bad)
        .await
        .problem(422, "validation_failed");
    let fixed = request(app.units.hn_centre, "Hoàng Thị Sửa", json!({}));
    post_keyed(&app, &clerk, "/api/v1/cases", "intake-0002", &fixed)
        .await
        .expect(201);

    // Any create: an organisation of the register.
    let admin = app.login("admin").await;
    let org = json!({"kind": "contracted_org", "name": "Công ty Luật TNHH Thử Lại",
        "abbreviation": "CTTL", "province_code": "01", "parent_id": app.units.hn_department,
        "registration_number": "16/HĐ-STP", "valid_from": "2026-01-01", "valid_to": "2027-12-31"});
    let a = post_keyed(&app, &admin, "/api/v1/organisations", "org-ctl", &org)
        .await
        .expect(201);
    let b = post_keyed(&app, &admin, "/api/v1/organisations", "org-ctl", &org)
        .await
        .expect(201);
    assert_eq!(a.body["id"], b.body["id"]);

    // A key that is not one.
    post_keyed(&app, &clerk, "/api/v1/cases", &"k".repeat(300), &body)
        .await
        .problem(422, "validation_failed");
    // Without a key, two posts are two cases, as before.
    let plain = request(app.units.hn_centre, "Hoàng Văn Hai Lần", json!({}));
    for _ in 0..2 {
        app.post("/api/v1/cases", Some(&clerk), &plain)
            .await
            .expect(201);
    }
    assert_eq!(case_count(&app, &clerk, "Hoàng Văn Hai Lần").await, 2);
}

async fn parallel_retries_make_one_case(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let body = request(app.units.hn_centre, "Đinh Văn Song Song", json!({}));
    let sends = (0..4).map(|_| post_keyed(&app, &clerk, "/api/v1/cases", "parallel-1", &body));
    let replies = futures_util::future::join_all(sends).await;
    let mut created = std::collections::BTreeSet::new();
    for r in &replies {
        match r.status.as_u16() {
            201 => {
                created.insert(r.body["case"]["id"].as_str().unwrap().to_owned());
            }
            409 => assert_eq!(r.body["code"], "idempotency.in_progress", "{}", r.body),
            other => panic!("unexpected {other}: {}", r.body),
        }
    }
    assert_eq!(created.len(), 1, "{replies:?}");
    assert_eq!(case_count(&app, &clerk, "Đinh Văn Song Song").await, 1);
}
