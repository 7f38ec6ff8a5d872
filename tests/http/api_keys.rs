//! Scoped integration keys and their rotation (issue #14 item 6): a key
//! reaches only the operations whose scope it holds (the scope each
//! operation needs is in the spec), never the people-only ones, and is
//! replaced without an outage.
use reqwest::Method;
use serde_json::{Value, json};
use tgpl_tests::{Reply, TestApp};

async fn with_key(
    app: &TestApp,
    method: Method,
    path: &str,
    key: &str,
    body: Option<Value>,
) -> Reply {
    let auth = format!("ApiKey {key}");
    let headers = [("authorization", auth.as_str())];
    app.send(
        method,
        path,
        None,
        &headers,
        body.map(|b| b.to_string().into_bytes()),
    )
    .await
}

async fn issue(app: &TestApp, admin: &str, svc: &str, scopes: Value) -> Value {
    app.post(
        &format!("/api/v1/users/{svc}/api-keys"),
        Some(admin),
        &json!({"name": "Cổng dịch vụ công quốc gia", "scopes": scopes}),
    )
    .await
    .expect(201)
    .body
}

tgpl_tests::on_both_databases!(
    a_key_reaches_only_what_its_scopes_name,
    a_rotated_key_works_through_the_overlap_then_never,
    scopes_outside_the_vocabulary_are_refused_at_issue
);

async fn a_key_reaches_only_what_its_scopes_name(app: TestApp) {
    let admin = app.login("admin").await;
    let svc = app.user_id("tichhop.cuc").await.to_string();
    let director = app.login("gd.hanoi").await;
    let case = crate::cases::intake(
        &app,
        &director,
        app.units.hn_centre,
        "Lò Văn Khải",
        json!({}),
    )
    .await;
    let case_id = case["id"].as_str().unwrap();

    let reader = issue(&app, &admin, &svc, json!(["cases:read"])).await;
    let key = reader["key"].as_str().unwrap();
    assert_eq!(reader["scopes"], json!(["cases:read"]));
    with_key(&app, Method::GET, "/api/v1/cases?limit=5", key, None)
        .await
        .expect(200);
    with_key(
        &app,
        Method::GET,
        &format!("/api/v1/cases/{case_id}"),
        key,
        None,
    )
    .await
    .expect(200);
    // Another area, or writing in this one, needs its own scope: refused
    // before the role is even asked, naming the scope.
    let p = with_key(
        &app,
        Method::GET,
        &format!("/api/v1/cases/{case_id}/documents"),
        key,
        None,
    )
    .await
    .problem(403, "auth.api_key_scope_missing");
    assert!(
        p.body["detail"]
            .as_str()
            .unwrap()
            .contains("documents:read"),
        "{}",
        p.body
    );
    with_key(&app, Method::GET, "/api/v1/events?after=0", key, None)
        .await
        .problem(403, "auth.api_key_scope_missing");
    with_key(&app, Method::GET, "/api/v1/reports/dashboard", key, None)
        .await
        .problem(403, "auth.api_key_scope_missing");
    // (A whole request: a malformed body could be refused first, as 422.)
    let body = crate::cases::request(app.units.hn_centre, "Lò Thị Mai", json!({}));
    let p = with_key(&app, Method::POST, "/api/v1/cases", key, Some(body))
        .await
        .problem(403, "auth.api_key_scope_missing");
    assert!(
        p.body["detail"].as_str().unwrap().contains("cases:create"),
        "{}",
        p.body
    );
    with_key(
        &app,
        Method::POST,
        &format!("/api/v1/cases/{case_id}/accept"),
        key,
        Some(json!({"version": 1})),
    )
    .await
    .problem(403, "auth.api_key_scope_missing");
    // One's own account needs no scope; people-only operations take no key.
    let me = with_key(&app, Method::GET, "/api/v1/auth/me", key, None)
        .await
        .expect(200);
    assert_eq!(me.body["username"], "tichhop.cuc");
    with_key(
        &app,
        Method::POST,
        "/api/v1/auth/password",
        key,
        Some(json!({"current_password": "x", "new_password": "y"})),
    )
    .await
    .problem(403, "auth.api_key_not_accepted");
    with_key(&app, Method::POST, "/api/v1/auth/calendar-feed", key, None)
        .await
        .problem(403, "auth.api_key_not_accepted");
    with_key(
        &app,
        Method::POST,
        &format!("/api/v1/users/{svc}/api-keys"),
        key,
        Some(json!({"name": "x", "scopes": ["cases:read"]})),
    )
    .await
    .problem(403, "auth.api_key_not_accepted");

    // A feed reader reads the change feed and nothing else.
    let feed = issue(&app, &admin, &svc, json!(["events:read", "reports:read"])).await;
    let key = feed["key"].as_str().unwrap();
    let events = with_key(
        &app,
        Method::GET,
        "/api/v1/events?after=0&limit=1000",
        key,
        None,
    )
    .await
    .expect(200);
    assert!(
        events.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["case_id"] == case["id"]),
        "the new case's receipt is in the feed"
    );
    with_key(&app, Method::GET, "/api/v1/reports/dashboard", key, None)
        .await
        .expect(200);
    with_key(&app, Method::GET, "/api/v1/cases", key, None)
        .await
        .problem(403, "auth.api_key_scope_missing");

    // The keys list shows what each key may do.
    let keys = app
        .get(&format!("/api/v1/users/{svc}/api-keys"), &admin)
        .await
        .expect(200)
        .body;
    let scopes: Vec<&Value> = keys
        .as_array()
        .unwrap()
        .iter()
        .map(|k| &k["scopes"])
        .collect();
    assert!(scopes.contains(&&json!(["cases:read"])));
    assert!(scopes.contains(&&json!(["events:read", "reports:read"])));
}

async fn a_rotated_key_works_through_the_overlap_then_never(app: TestApp) {
    let admin = app.login("admin").await;
    let svc = app.user_id("tichhop.cuc").await.to_string();
    let first = issue(&app, &admin, &svc, json!(["practitioners:read"])).await;
    let (first_id, first_key) = (
        first["id"].as_str().unwrap(),
        first["key"].as_str().unwrap(),
    );
    let rotate = |id: &str, body: Value| {
        let path = format!("/api/v1/users/{svc}/api-keys/{id}/rotate");
        let admin = admin.clone();
        let app = &app;
        async move { app.post(&path, Some(&admin), &body).await }
    };

    // Rotated with an hour's overlap: both keys work meanwhile.
    let second = rotate(first_id, json!({"overlap_hours": 1}))
        .await
        .expect(201)
        .body;
    let second_key = second["key"].as_str().unwrap();
    assert_ne!(second_key, first_key);
    assert_eq!(second["replaces"], first["id"]);
    assert_eq!(second["scopes"], json!(["practitioners:read"]));
    assert_eq!(second["name"], first["name"]);
    let until: chrono::DateTime<chrono::Utc> = second["replaced_key_expires_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let made: chrono::DateTime<chrono::Utc> =
        second["created_at"].as_str().unwrap().parse().unwrap();
    assert_eq!((until - made).num_minutes(), 60);
    for key in [first_key, second_key] {
        with_key(
            &app,
            Method::GET,
            "/api/v1/practitioners?limit=1",
            key,
            None,
        )
        .await
        .expect(200);
    }
    let keys = app
        .get(&format!("/api/v1/users/{svc}/api-keys"), &admin)
        .await
        .expect(200)
        .body;
    let old = keys
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == first["id"])
        .unwrap();
    assert_eq!(old["replaced_by"], second["id"]);
    // A key is rotated once: its successor is the one to rotate.
    rotate(first_id, json!({}))
        .await
        .problem(409, "api_key.not_rotatable");

    // Rotated with no overlap, and with other scopes: the old key stops at
    // once, the new one holds the new scopes.
    let third = rotate(
        second["id"].as_str().unwrap(),
        json!({"overlap_hours": 0, "scopes": ["events:read"]}),
    )
    .await
    .expect(201)
    .body;
    with_key(
        &app,
        Method::GET,
        "/api/v1/practitioners?limit=1",
        second_key,
        None,
    )
    .await
    .problem(401, "auth.api_key_invalid");
    let third_key = third["key"].as_str().unwrap();
    with_key(&app, Method::GET, "/api/v1/events?after=0", third_key, None)
        .await
        .expect(200);
    with_key(
        &app,
        Method::GET,
        "/api/v1/practitioners?limit=1",
        third_key,
        None,
    )
    .await
    .problem(403, "auth.api_key_scope_missing");
    // Revoked keys are not rotated; an unknown key is not found.
    app.send(
        Method::DELETE,
        &format!(
            "/api/v1/users/{svc}/api-keys/{}",
            third["id"].as_str().unwrap()
        ),
        Some(&admin),
        &[],
        None,
    )
    .await
    .expect(204);
    rotate(third["id"].as_str().unwrap(), json!({}))
        .await
        .problem(409, "api_key.not_rotatable");
    rotate(&uuid::Uuid::nil().to_string(), json!({}))
        .await
        .problem(404, "api_key.not_found");
    rotate(first_id, json!({"overlap_hours": 500}))
        .await
        .problem(422, "validation_failed");

    // Rotation is audited.
    let audit = app
        .get(
            &format!("/api/v1/audit-events?entity_id={svc}&limit=50"),
            &admin,
        )
        .await
        .expect(200)
        .body;
    let rotations = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "user.api_key_rotate")
        .count();
    assert_eq!(rotations, 2, "{audit}");
}

async fn scopes_outside_the_vocabulary_are_refused_at_issue(app: TestApp) {
    let admin = app.login("admin").await;
    let svc = app.user_id("tichhop.cuc").await.to_string();
    let path = format!("/api/v1/users/{svc}/api-keys");
    let p = app
        .post(
            &path,
            Some(&admin),
            &json!({"name": "x", "scopes": ["cases:read", "cases:delete", "all"]}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(
        p.field_codes(),
        [
            ("scopes[1]", "api_key.scope_unknown"),
            ("scopes[2]", "api_key.scope_unknown")
        ]
        .map(|(f, c)| (f.to_owned(), c.to_owned()))
    );
    // A key with no scope at all is refused too.
    app.post(&path, Some(&admin), &json!({"name": "x", "scopes": []}))
        .await
        .problem(422, "validation_failed");
    app.post(&path, Some(&admin), &json!({"name": "x"}))
        .await
        .expect(422);
    // Nothing was issued.
    let keys = app.get(&path, &admin).await.expect(200).body;
    assert_eq!(keys.as_array().unwrap().len(), 0, "{keys}");
}
