//! Logging in, lockout, locking a leaked account, passwords, API keys.
use serde_json::json;
use tgpl_tests::{TestApp, on_both_databases};

on_both_databases!(
    login_returns_tokens_and_me_reports_scope,
    wrong_password_is_401_and_five_failures_lock_out,
    locking_a_leaked_account_revokes_every_session_at_once,
    password_change_ends_other_sessions,
    admin_reset_forces_a_new_password,
    api_keys_authenticate_service_accounts_until_revoked,
    logout_ends_the_session,
);

async fn login_returns_tokens_and_me_reports_scope(app: TestApp) {
    let tokens = app.login_full("gd.hanoi").await;
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 900);
    let token = tokens["access_token"].as_str().unwrap();
    let me = app.get("/api/v1/auth/me", token).await.expect(200);
    assert_eq!(me.body["role"], "centre_director");
    assert_eq!(me.body["province_code"], "01");
    assert_eq!(me.body["centre_id"], app.units.hn_centre.to_string());
    assert_eq!(me.body["username"], "gd.hanoi");
    assert!(!me.body["full_name"].as_str().unwrap().is_empty());
    assert_eq!(me.body["practitioner_id"], serde_json::Value::Null);
    // An officer's identity names her practitioner record (her own cases).
    let officer = app.login("tgv.hanoi").await;
    let me = app.get("/api/v1/auth/me", &officer).await.expect(200);
    assert!(me.body["practitioner_id"].as_str().is_some());
}

async fn wrong_password_is_401_and_five_failures_lock_out(app: TestApp) {
    let bad = json!({"username": "vt.hanoi", "password": "not-the-password-1"});
    for _ in 0..4 {
        app.post("/api/v1/auth/login", None, &bad)
            .await
            .problem(401, "auth.invalid_credentials");
    }
    // The fifth failure starts the lockout; even the right password is refused now.
    app.post("/api/v1/auth/login", None, &bad)
        .await
        .problem(401, "auth.invalid_credentials");
    let good = json!({"username": "vt.hanoi", "password": tgpl_server::seed::DEMO_PASSWORD});
    // The same answer as a wrong password: a lockout does not reveal the account.
    app.post("/api/v1/auth/login", None, &good)
        .await
        .problem(401, "auth.invalid_credentials");
    // An unknown user looks exactly like a wrong password.
    let ghost = json!({"username": "nobody.here", "password": "whatever-123"});
    app.post("/api/v1/auth/login", None, &ghost)
        .await
        .problem(401, "auth.invalid_credentials");
    // The director unlocks the clerk; the clerk can log in again.
    let director = app.login("gd.hanoi").await;
    let clerk = app.user_id("vt.hanoi").await;
    app.post(
        &format!("/api/v1/users/{clerk}/unlock"),
        Some(&director),
        &json!({}),
    )
    .await
    .expect(200);
    app.post("/api/v1/auth/login", None, &good)
        .await
        .expect(200);
}

async fn locking_a_leaked_account_revokes_every_session_at_once(app: TestApp) {
    let victim_id = app.user_id("tgv.hanoi").await;
    let first = app.login_full("tgv.hanoi").await;
    let second = app.login("tgv.hanoi").await;
    app.get("/api/v1/auth/me", &second).await.expect(200);

    let admin = app.login("admin").await;
    let r = app
        .post(
            &format!("/api/v1/users/{victim_id}/lock"),
            Some(&admin),
            &json!({"reason": "Lộ mật khẩu"}),
        )
        .await
        .expect(200);
    assert_eq!(r.body["sessions_revoked"], 2);
    assert_eq!(r.body["user"]["locked"], true);

    // Both access tokens stop working immediately, and so does the refresh token.
    app.get("/api/v1/auth/me", &second)
        .await
        .problem(401, "auth.session_revoked");
    app.get("/api/v1/auth/me", first["access_token"].as_str().unwrap())
        .await
        .problem(401, "auth.session_revoked");
    app.post(
        "/api/v1/auth/refresh",
        None,
        &json!({"refresh_token": first["refresh_token"]}),
    )
    .await
    .expect(401);
    // Even the right password does not open a locked account, and the
    // answer does not tell that the password was right.
    let good = json!({"username": "tgv.hanoi", "password": tgpl_server::seed::DEMO_PASSWORD});
    app.post("/api/v1/auth/login", None, &good)
        .await
        .problem(401, "auth.invalid_credentials");

    // The lock is in the audit trail.
    let trail = app
        .get(
            &format!("/api/v1/audit-events?entity=user&entity_id={victim_id}"),
            &admin,
        )
        .await
        .expect(200);
    assert!(
        trail.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "user.lock")
    );
}

async fn password_change_ends_other_sessions(app: TestApp) {
    let other = app.login("vt.hanoi").await;
    let current = app.login("vt.hanoi").await;
    let weak =
        json!({"current_password": tgpl_server::seed::DEMO_PASSWORD, "new_password": "short"});
    app.post("/api/v1/auth/password", Some(&current), &weak)
        .await
        .problem(422, "validation_failed");
    let wrong =
        json!({"current_password": "wrong-password-1", "new_password": "Mat-khau-moi-2026"});
    app.post("/api/v1/auth/password", Some(&current), &wrong)
        .await
        .problem(422, "validation_failed");
    let ok = json!({"current_password": tgpl_server::seed::DEMO_PASSWORD, "new_password": "Mat-khau-moi-2026"});
    app.post("/api/v1/auth/password", Some(&current), &ok)
        .await
        .expect(204);
    app.get("/api/v1/auth/me", &current).await.expect(200);
    app.get("/api/v1/auth/me", &other)
        .await
        .problem(401, "auth.session_revoked");
    let r = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"username": "vt.hanoi", "password": "Mat-khau-moi-2026"}),
        )
        .await;
    r.expect(200);
}

async fn admin_reset_forces_a_new_password(app: TestApp) {
    let clerk_token = app.login("vt.hanoi").await;
    let director = app.login("gd.hanoi").await;
    let clerk = app.user_id("vt.hanoi").await;
    let r = app
        .post(
            &format!("/api/v1/users/{clerk}/reset-password"),
            Some(&director),
            &json!({}),
        )
        .await
        .expect(200);
    let temporary = r.body["temporary_password"].as_str().unwrap().to_owned();
    assert_eq!(r.body["sessions_revoked"], 1);
    app.get("/api/v1/auth/me", &clerk_token)
        .await
        .problem(401, "auth.session_revoked");
    let login = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"username": "vt.hanoi", "password": temporary}),
        )
        .await
        .expect(200);
    assert_eq!(login.body["must_change_password"], true);
    // A director of another centre cannot reset this clerk: the account is not even visible.
    let other = app.login("gd.hcm").await;
    app.post(
        &format!("/api/v1/users/{clerk}/reset-password"),
        Some(&other),
        &json!({}),
    )
    .await
    .problem(404, "user.not_found");
}

async fn api_keys_authenticate_service_accounts_until_revoked(app: TestApp) {
    let admin = app.login("admin").await;
    let svc = app.user_id("tichhop.cuc").await;
    let created = app
        .post(
            &format!("/api/v1/users/{svc}/api-keys"),
            Some(&admin),
            &json!({"name": "Cổng dịch vụ công", "scopes": ["practitioners:read", "practitioners:write"]}),
        )
        .await
        .expect(201);
    assert_eq!(
        created.body["scopes"],
        json!(["practitioners:read", "practitioners:write"])
    );
    let key = created.body["key"].as_str().unwrap().to_owned();
    let key_id = created.body["id"].as_str().unwrap().to_owned();
    let auth = format!("ApiKey {key}");
    let r = app
        .send(
            reqwest::Method::GET,
            "/api/v1/practitioners?limit=5",
            None,
            &[("authorization", &auth)],
            None,
        )
        .await
        .expect(200);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 5);
    // The role still decides within the scopes: a service account reads
    // the registers and cannot change them, whatever its key says.
    let p = &r.body["items"][0];
    let path = format!("/api/v1/practitioners/{}", p["id"].as_str().unwrap());
    app.send(
        reqwest::Method::PATCH,
        &path,
        None,
        &[("authorization", &auth), ("if-match", "\"1\"")],
        Some(b"{\"full_name\":\"X Y\"}".to_vec()),
    )
    .await
    .problem(403, "forbidden");
    // A key has no session: "logging out" with it must not look as if it
    // had stopped working.
    app.send(
        reqwest::Method::POST,
        "/api/v1/auth/logout",
        None,
        &[("authorization", &auth)],
        None,
    )
    .await
    .problem(409, "auth.api_key_logout");
    app.send(
        reqwest::Method::GET,
        "/api/v1/practitioners?limit=1",
        None,
        &[("authorization", &auth)],
        None,
    )
    .await
    .expect(200);
    // A human account gets no API key, and nobody logs in as the service account.
    let clerk = app.user_id("vt.hanoi").await;
    app.post(
        &format!("/api/v1/users/{clerk}/api-keys"),
        Some(&admin),
        &json!({"name": "x", "scopes": ["cases:read"]}),
    )
    .await
    .problem(409, "user.not_service_account");
    app.send(
        reqwest::Method::DELETE,
        &format!("/api/v1/users/{svc}/api-keys/{key_id}"),
        Some(&admin),
        &[],
        None,
    )
    .await
    .expect(204);
    app.send(
        reqwest::Method::GET,
        "/api/v1/practitioners",
        None,
        &[("authorization", &auth)],
        None,
    )
    .await
    .problem(401, "auth.api_key_invalid");
}

async fn logout_ends_the_session(app: TestApp) {
    let tokens = app.login_full("stp.hanoi").await;
    let token = tokens["access_token"].as_str().unwrap();
    app.send(
        reqwest::Method::POST,
        "/api/v1/auth/logout",
        Some(token),
        &[],
        None,
    )
    .await
    .expect(204);
    app.get("/api/v1/auth/me", token)
        .await
        .problem(401, "auth.session_revoked");
    app.post(
        "/api/v1/auth/refresh",
        None,
        &json!({"refresh_token": tokens["refresh_token"]}),
    )
    .await
    .problem(401, "auth.session_revoked");
}
