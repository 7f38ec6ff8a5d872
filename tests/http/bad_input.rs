//! Bad input gets a clear 4xx problem, never a 500.
use reqwest::Method;
use serde_json::json;
use tgpl_tests::{TestApp, on_both_databases};

on_both_databases!(
    malformed_json_missing_fields_wrong_types_and_unknown_enums,
    oversize_bodies_and_wrong_media_types,
    bad_ids_queries_and_unknown_routes,
);

async fn malformed_json_missing_fields_wrong_types_and_unknown_enums(app: TestApp) {
    let admin = app.login("admin").await;
    let post = |body: &'static [u8]| {
        app.send(
            Method::POST,
            "/api/v1/practitioners",
            Some(&admin),
            &[],
            Some(body.to_vec()),
        )
    };
    post(b"{\"full_name\": ")
        .await
        .problem(400, "body.malformed_json");
    post(b"[1,2,3]").await.problem(422, "validation_failed");
    let r = post(br#"{"kind": "legal_aid_officer", "card_number": "1/TGVPL", "organisation_id": "01a203bf-c4fd-7602-b37a-c1a136536c3c"}"#)
        .await
        .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "full_name");
    assert_eq!(r.body["errors"][0]["code"], "required");
    let r = post(br#"{"full_name": 42, "kind": "legal_aid_officer", "card_number": "1/TGVPL", "organisation_id": "01a203bf-c4fd-7602-b37a-c1a136536c3c"}"#)
        .await
        .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "full_name");
    let r = post(br#"{"full_name": "Le Van A", "kind": "judge", "card_number": "1/TGVPL", "organisation_id": "01a203bf-c4fd-7602-b37a-c1a136536c3c"}"#)
        .await
        .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "kind");
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("legal_aid_officer"),
        "lists the allowed values"
    );
    let r = post(br#"{"full_name": "Le Van A", "kind": "collaborator", "card_number": "1/TGVPL", "organisation_id": "not-a-uuid"}"#)
        .await
        .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "organisation_id");
    let r = post(br#"{"full_name": "Le Van A", "kind": "collaborator", "card_number": "1/TGVPL", "organisation_id": "01a203bf-c4fd-7602-b37a-c1a136536c3c", "salary": 5}"#)
        .await
        .problem(422, "validation_failed");
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("salary")
    );
    let r = post(br#"{"full_name": "A", "kind": "collaborator", "card_number": "1/TGVPL", "organisation_id": "01a203bf-c4fd-7602-b37a-c1a136536c3c"}"#)
        .await
        .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "full_name");
    assert_eq!(r.body["errors"][0]["code"], "length");
}

async fn oversize_bodies_and_wrong_media_types(app: TestApp) {
    let admin = app.login("admin").await;
    let big = format!("{{\"full_name\": \"{}\"}}", "a".repeat(10 * 1024 * 1024));
    app.send(
        Method::POST,
        "/api/v1/practitioners",
        Some(&admin),
        &[],
        Some(big.into_bytes()),
    )
    .await
    .problem(413, "payload_too_large");
    let r = app
        .client
        .post(format!("{}/api/v1/organisations", app.base))
        .bearer_auth(&admin)
        .header("content-type", "text/plain")
        .body("kind=branch")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 415);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
}

async fn bad_ids_queries_and_unknown_routes(app: TestApp) {
    let admin = app.login("admin").await;
    app.get("/api/v1/organisations/not-a-uuid", &admin)
        .await
        .problem(400, "path.invalid");
    app.get(
        "/api/v1/organisations/01a203bf-c4fd-7602-b37a-000000000000",
        &admin,
    )
    .await
    .problem(404, "organisation.not_found");
    app.get("/api/v1/organisations?kind=castle", &admin)
        .await
        .problem(400, "query.invalid");
    app.get("/api/v1/organisations?limit=0", &admin)
        .await
        .problem(422, "validation_failed");
    app.get("/api/v1/organisations?limit=abc", &admin)
        .await
        .problem(400, "query.invalid");
    app.get("/api/v1/organisations?after=garbage!!", &admin)
        .await
        .problem(422, "validation_failed");
    app.get("/api/v1/practitioners?province=63", &admin)
        .await
        .problem(422, "validation_failed");
    app.get("/api/v1/no-such-thing", &admin)
        .await
        .problem(404, "route.not_found");
    app.send(
        Method::PATCH,
        "/api/v1/organisations/01a203bf-c4fd-7602-b37a-000000000000",
        Some(&admin),
        &[("if-match", "soon")],
        Some(b"{}".to_vec()),
    )
    .await
    .problem(400, "if_match.invalid");
    let r = app
        .post("/api/v1/auth/login", None, &json!({"username": "admin"}))
        .await;
    r.problem(422, "validation_failed");
}
