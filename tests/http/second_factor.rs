//! Recent authentication for privileged acts, the second factor (TOTP with
//! recovery codes and an administrator's reset), and the web app's refresh
//! token in an HttpOnly cookie (issue #10).
use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};
use tgpl_app::auth::totp::code_at;
use tgpl_server::seed::DEMO_PASSWORD;
use tgpl_tests::{Reply, TestApp};

tgpl_tests::on_both_databases!(
    privileged_acts_need_a_password_check_within_ten_minutes,
    a_director_enrols_a_second_factor_and_logs_in_with_it,
    an_administrator_resets_a_lost_second_factor,
    after_the_grace_period_a_leader_must_enrol_before_working,
    the_web_apps_refresh_token_lives_in_an_http_only_cookie,
);

async fn login_with(app: &TestApp, username: &str, extra: Value) -> Reply {
    let mut body = json!({"username": username, "password": DEMO_PASSWORD});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    app.post("/api/v1/auth/login", None, &body).await
}

fn token(r: &Reply) -> String {
    r.body["access_token"].as_str().unwrap().to_owned()
}

async fn put(app: &TestApp, path: &str, token: &str, body: &Value) -> Reply {
    let bytes = serde_json::to_vec(body).unwrap();
    app.send(Method::PUT, path, Some(token), &[], Some(bytes))
        .await
}

/// Enrols a second factor for `username`; returns its secret, the recovery
/// codes and a token of the enrolling session.
async fn enrol(app: &TestApp, username: &str) -> (String, Vec<String>, String) {
    let session = token(&login_with(app, username, json!({})).await.expect(200));
    let started = app
        .post("/api/v1/auth/second-factor", Some(&session), &json!({}))
        .await
        .expect(200);
    let secret = started.body["secret"].as_str().unwrap().to_owned();
    assert!(
        started.body["otpauth_uri"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/")
    );
    assert!(started.body["qr_svg"].as_str().unwrap().starts_with("<svg"));
    let code = code_at(&secret, app.now()).unwrap();
    let done = app
        .post(
            "/api/v1/auth/second-factor/confirm",
            Some(&session),
            &json!({"totp_code": code}),
        )
        .await
        .expect(200);
    let codes = done.body["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    (
        secret,
        codes,
        done.body["token"]["access_token"]
            .as_str()
            .unwrap()
            .to_owned(),
    )
}

async fn privileged_acts_need_a_password_check_within_ten_minutes(app: TestApp) {
    let admin = app.login("admin").await;
    let clerk = app.user_id("vt.hanoi").await;
    let lock = format!("/api/v1/users/{clerk}/lock");
    let unlock = format!("/api/v1/users/{clerk}/unlock");
    let reason = json!({"reason": "Kiểm tra khoá tài khoản"});
    // Just logged in: the login is the password check.
    app.post(&lock, Some(&admin), &reason).await.expect(200);
    app.post(&unlock, Some(&admin), &json!({}))
        .await
        .expect(200);
    app.advance(Duration::minutes(11));
    // Every privileged act now asks for the password again …
    app.post(&lock, Some(&admin), &reason)
        .await
        .problem(403, "auth.reauthentication_required");
    app.post(
        &format!("/api/v1/users/{clerk}/reset-password"),
        Some(&admin),
        &json!({}),
    )
    .await
    .problem(403, "auth.reauthentication_required");
    put(
        &app,
        "/api/v1/reference/holidays/2026-12-24",
        &admin,
        &json!({"name_vi": "Ngày nghỉ thử"}),
    )
    .await
    .problem(403, "auth.reauthentication_required");
    // … while everyday work goes on.
    app.get("/api/v1/users?limit=5", &admin).await.expect(200);
    // A wrong password does not count as a check.
    app.post(
        "/api/v1/auth/reauthenticate",
        Some(&admin),
        &json!({"password": "sai-mat-khau"}),
    )
    .await
    .problem(422, "validation_failed");
    let fresh = app
        .post(
            "/api/v1/auth/reauthenticate",
            Some(&admin),
            &json!({"password": DEMO_PASSWORD}),
        )
        .await
        .expect(200);
    assert!(fresh.body.get("refresh_token").is_none());
    let fresh = token(&fresh);
    app.post(&lock, Some(&fresh), &reason).await.expect(200);
    // The old token still carries the old check.
    app.post(&unlock, Some(&admin), &json!({}))
        .await
        .problem(403, "auth.reauthentication_required");
    app.post(&unlock, Some(&fresh), &json!({}))
        .await
        .expect(200);
    let me = app.get("/api/v1/auth/me", &fresh).await.expect(200);
    assert_eq!(
        me.body["authenticated_at"]
            .as_str()
            .map(|s| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap()),
        Some(app.now()),
    );
    // The check expires again.
    app.advance(Duration::minutes(10) + Duration::seconds(1));
    app.post(&lock, Some(&fresh), &reason)
        .await
        .problem(403, "auth.reauthentication_required");
    let audit = app
        .audit_actions("user", &json!({"id": app.user_id("admin").await}))
        .await;
    assert!(
        audit.iter().any(|a| a == "auth.reauthenticated"),
        "{audit:?}"
    );
}

async fn a_director_enrols_a_second_factor_and_logs_in_with_it(app: TestApp) {
    let first = login_with(&app, "gd.hanoi", json!({})).await.expect(200);
    // A director must use a second factor: a grace period runs from now.
    assert_eq!(first.body["must_enrol_second_factor"], false);
    let by = first.body["second_factor_enrol_by"].as_str().unwrap();
    assert_eq!(
        by.parse::<chrono::DateTime<chrono::Utc>>().unwrap(),
        app.now() + Duration::days(7)
    );
    let (secret, codes, _) = enrol(&app, "gd.hanoi").await;
    assert_eq!(codes.len(), 10);
    // The password alone no longer opens the account …
    login_with(&app, "gd.hanoi", json!({}))
        .await
        .problem(401, "auth.second_factor_required");
    // … a wrong code answers like a wrong password …
    login_with(&app, "gd.hanoi", json!({"totp_code": "000000"}))
        .await
        .problem(401, "auth.invalid_credentials");
    // … and the code used at enrolment is not accepted twice (RFC 6238 §5.2).
    let used = code_at(&secret, app.now()).unwrap();
    login_with(&app, "gd.hanoi", json!({"totp_code": used}))
        .await
        .problem(401, "auth.invalid_credentials");
    app.advance(Duration::seconds(30));
    let next = code_at(&secret, app.now()).unwrap();
    let session = login_with(&app, "gd.hanoi", json!({"totp_code": next}))
        .await
        .expect(200);
    assert!(session.body.get("second_factor_enrol_by").is_none());
    // A recovery code opens one login, once.
    login_with(
        &app,
        "gd.hanoi",
        json!({"recovery_code": codes[0].to_uppercase()}),
    )
    .await
    .expect(200);
    login_with(&app, "gd.hanoi", json!({"recovery_code": codes[0]}))
        .await
        .problem(401, "auth.invalid_credentials");
    let me = app
        .get("/api/v1/auth/me", &token(&session))
        .await
        .expect(200);
    assert_eq!(me.body["second_factor"]["enrolled"], true);
    assert_eq!(me.body["second_factor"]["required"], true);
    assert_eq!(me.body["second_factor"]["recovery_codes_left"], 9);
    // Re-authentication asks for the code as well.
    app.post(
        "/api/v1/auth/reauthenticate",
        Some(&token(&session)),
        &json!({"password": DEMO_PASSWORD}),
    )
    .await
    .problem(422, "validation_failed");
    app.advance(Duration::seconds(30));
    let code = code_at(&secret, app.now()).unwrap();
    app.post(
        "/api/v1/auth/reauthenticate",
        Some(&token(&session)),
        &json!({"password": DEMO_PASSWORD, "totp_code": code}),
    )
    .await
    .expect(200);
}

async fn an_administrator_resets_a_lost_second_factor(app: TestApp) {
    let (_, _, director) = enrol(&app, "gd.hanoi").await;
    app.get("/api/v1/auth/me", &director).await.expect(200);
    let id = app.user_id("gd.hanoi").await;
    let path = format!("/api/v1/users/{id}/second-factor/reset");
    // Not every role may; an officer does not even see the account.
    let officer = app.login("tgv.hanoi").await;
    let denied = app.post(&path, Some(&officer), &json!({})).await;
    assert!(
        matches!(denied.status.as_u16(), 403 | 404),
        "{}",
        denied.body
    );
    let admin = app.login("admin").await;
    app.post(&path, Some(&admin), &json!({})).await.expect(204);
    // The director's sessions ended; the password alone opens the account
    // again, with a new grace period to enrol.
    app.get("/api/v1/auth/me", &director)
        .await
        .problem(401, "auth.session_revoked");
    let again = login_with(&app, "gd.hanoi", json!({})).await.expect(200);
    assert!(again.body["second_factor_enrol_by"].is_string());
    let trail = app.audit_actions("user", &json!({"id": id})).await;
    assert!(
        trail.iter().any(|a| a == "user.reset_second_factor"),
        "{trail:?}"
    );
}

async fn after_the_grace_period_a_leader_must_enrol_before_working(app: TestApp) {
    // A clerk's role needs no second factor.
    let clerk = login_with(&app, "vt.hanoi", json!({})).await.expect(200);
    assert!(clerk.body.get("second_factor_enrol_by").is_none());
    login_with(&app, "stp.hanoi", json!({})).await.expect(200);
    app.advance(Duration::days(8));
    let late = login_with(&app, "stp.hanoi", json!({})).await.expect(200);
    assert_eq!(late.body["must_enrol_second_factor"], true);
    let confined = token(&late);
    app.get("/api/v1/cases", &confined)
        .await
        .problem(403, "auth.second_factor_enrolment_required");
    app.get("/api/v1/auth/me", &confined).await.expect(200);
    let started = app
        .post("/api/v1/auth/second-factor", Some(&confined), &json!({}))
        .await
        .expect(200);
    let secret = started.body["secret"].as_str().unwrap();
    let done = app
        .post(
            "/api/v1/auth/second-factor/confirm",
            Some(&confined),
            &json!({"totp_code": code_at(secret, app.now()).unwrap()}),
        )
        .await
        .expect(200);
    let free = done.body["token"]["access_token"].as_str().unwrap();
    app.get("/api/v1/cases", free).await.expect(200);
    // The clerk, eight days on, works without one.
    let clerk = app.login("vt.hanoi").await;
    app.get("/api/v1/cases", &clerk).await.expect(200);
}

fn set_cookie(r: &Reply) -> String {
    r.headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

async fn the_web_apps_refresh_token_lives_in_an_http_only_cookie(app: TestApp) {
    let login = login_with(&app, "vt.hanoi", json!({"refresh_cookie": true}))
        .await
        .expect(200);
    assert!(login.body.get("refresh_token").is_none(), "{}", login.body);
    let cookie = set_cookie(&login);
    for attr in [
        "tgpl_refresh=",
        "HttpOnly",
        "SameSite=Strict",
        "Path=/api/v1/auth/",
    ] {
        assert!(cookie.contains(attr), "{attr} missing in {cookie}");
    }
    let pair = cookie.split(';').next().unwrap().to_owned();
    let refresh = |c: String| {
        let app = &app;
        async move {
            app.send(
                Method::POST,
                "/api/v1/auth/refresh",
                None,
                &[("cookie", &c)],
                Some(b"{}".to_vec()),
            )
            .await
        }
    };
    let renewed = refresh(pair.clone()).await.expect(200);
    assert!(renewed.body.get("refresh_token").is_none());
    let next = set_cookie(&renewed);
    assert!(next.starts_with("tgpl_refresh=") && next != cookie);
    app.get("/api/v1/auth/me", &token(&renewed))
        .await
        .expect(200);
    // The spent cookie replayed (later than two tabs racing) revokes the
    // session, as a body token would.
    app.advance(tgpl_domain::auth::refresh_race_window() + chrono::Duration::seconds(1));
    refresh(pair).await.problem(401, "auth.refresh_reused");
    // Logging out removes the cookie.
    let again = login_with(&app, "vt.hanoi", json!({"refresh_cookie": true}))
        .await
        .expect(200);
    let out = app
        .post("/api/v1/auth/logout", Some(&token(&again)), &json!({}))
        .await
        .expect(204);
    let gone = set_cookie(&out);
    assert!(
        gone.starts_with("tgpl_refresh=;") && gone.contains("Max-Age=0"),
        "{gone}"
    );
    // Integrators keep the token in the body.
    let body = login_with(&app, "vt.hanoi", json!({})).await.expect(200);
    assert!(body.body["refresh_token"].is_string());
    assert_eq!(set_cookie(&body), "");
}
