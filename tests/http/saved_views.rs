//! Saved views (issue #13 item 6): a user's named filters of the case list,
//! kept on the server, theirs alone, opened on the first page.
use serde_json::json;
use tgpl_tests::{TestApp, on_both_databases};

on_both_databases!(a_saved_view_follows_its_owner_and_no_one_else,);

async fn delete(app: &TestApp, path: &str, token: &str) -> tgpl_tests::Reply {
    app.send(reqwest::Method::DELETE, path, Some(token), &[], None)
        .await
}

async fn a_saved_view_follows_its_owner_and_no_one_else(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let saved = app
        .post(
            "/api/v1/saved-views",
            Some(&clerk),
            &json!({"list": "cases", "name": "  Chờ bổ sung, hạn gần nhất ",
                    "query": "?status=needs_supplement&sort=deadline_asc&after=AaJPsWkddzq7BmbuQ3ZspQ&back=0"}),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(saved["name"], "Chờ bổ sung, hạn gần nhất");
    assert_eq!(saved["query"], "status=needs_supplement&sort=deadline_asc");
    // The query opens the list it was saved from.
    app.get(
        &format!("/api/v1/cases?{}", saved["query"].as_str().unwrap()),
        &clerk,
    )
    .await
    .expect(200);
    // The same name again is refused; a name is needed.
    app.post(
        "/api/v1/saved-views",
        Some(&clerk),
        &json!({"list": "cases", "name": "Chờ bổ sung, hạn gần nhất", "query": "status=received"}),
    )
    .await
    .problem(409, "saved_view.name_taken");
    let r = app
        .post(
            "/api/v1/saved-views",
            Some(&clerk),
            &json!({"list": "cases", "name": "  ", "query": "status=received"}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(
        r.field_codes(),
        vec![("name".to_owned(), "length".to_owned())]
    );
    let r = app
        .post(
            "/api/v1/saved-views",
            Some(&clerk),
            &json!({"list": "secrets", "name": "x", "query": ""}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "list");
    // Another user sees none of them and cannot delete them.
    let director = app.login("gd.hanoi").await;
    let theirs = app
        .get("/api/v1/saved-views?list=cases", &director)
        .await
        .expect(200)
        .body;
    assert_eq!(theirs, json!([]));
    let path = format!("/api/v1/saved-views/{}", saved["id"].as_str().unwrap());
    delete(&app, &path, &director)
        .await
        .problem(404, "saved_view.not_found");
    let mine = app
        .get("/api/v1/saved-views?list=cases", &clerk)
        .await
        .expect(200)
        .body;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    // Deleted by its owner, audited without the query.
    delete(&app, &path, &clerk).await.expect(204);
    let trail = app.audit_trail("saved_view", &saved).await;
    let actions: Vec<&str> = trail
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["saved_view.delete", "saved_view.create"]);
    assert!(
        !trail[1].to_string().contains("needs_supplement"),
        "{trail:?}"
    );
    assert_eq!(
        app.get("/api/v1/saved-views?list=cases", &clerk)
            .await
            .expect(200)
            .body,
        json!([])
    );
}
