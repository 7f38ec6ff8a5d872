//! Access and refresh tokens that must be refused.
use chrono::Duration;
use serde_json::json;
use tgpl_app::auth::{Claims, JwtKeys, tokens};
use tgpl_tests::{TestApp, on_both_databases};

on_both_databases!(
    expired_wrong_audience_and_foreign_key_are_401,
    refresh_rotates_and_reuse_revokes_the_family,
    missing_or_garbled_credentials_are_401,
    the_refresh_cookie_serves_only_this_sites_pages,
);

/// The web app's refresh cookie (ADR 0031): another site's page cannot use
/// it, even where a browser does not enforce SameSite; this site's can.
async fn the_refresh_cookie_serves_only_this_sites_pages(app: TestApp) {
    let login = app
        .send(
            reqwest::Method::POST,
            "/api/v1/auth/login",
            None,
            &[],
            Some(
                json!({"username": "gd.hanoi", "password": tgpl_server::seed::DEMO_PASSWORD, "refresh_cookie": true})
                    .to_string()
                    .into_bytes(),
            ),
        )
        .await
        .expect(200);
    let cookie = login
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("tgpl_refresh="))
        .map(|c| c.split(';').next().unwrap().to_owned())
        .expect("the refresh cookie");
    let host = app.base.trim_start_matches("http://").to_owned();
    let refresh = |origin: String| {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            app.send(
                reqwest::Method::POST,
                "/api/v1/auth/refresh",
                None,
                &[("cookie", cookie.as_str()), ("origin", origin.as_str())],
                Some(b"{}".to_vec()),
            )
            .await
        }
    };
    refresh("https://evil.example".to_owned())
        .await
        .problem(403, "forbidden");
    refresh(format!("http://{host}")).await.expect(200);
}

/// Claims for the clerk's live session, to tamper with.
async fn live_claims(app: &TestApp) -> Claims {
    let token = app.login("vt.hanoi").await;
    tokens::verify(&app.state.keys, &token, app.now().timestamp()).unwrap()
}

async fn expired_wrong_audience_and_foreign_key_are_401(app: TestApp) {
    let claims = live_claims(&app).await;
    let ours = &app.state.keys;

    let mut expired = claims.clone();
    expired.iat = (app.now() - Duration::hours(1)).timestamp();
    expired.exp = (app.now() - Duration::minutes(1)).timestamp();
    let t = tokens::sign(ours, &expired).unwrap();
    app.get("/api/v1/auth/me", &t)
        .await
        .problem(401, "auth.token_expired");

    let mut audience = claims.clone();
    audience.aud = "another-system".into();
    let t = tokens::sign(ours, &audience).unwrap();
    app.get("/api/v1/auth/me", &t)
        .await
        .problem(401, "auth.token_invalid");

    let mut issuer = claims.clone();
    issuer.iss = "evil".into();
    let t = tokens::sign(ours, &issuer).unwrap();
    app.get("/api/v1/auth/me", &t)
        .await
        .problem(401, "auth.token_invalid");

    let foreign = JwtKeys::generate().unwrap();
    let t = tokens::sign(&foreign, &claims).unwrap();
    app.get("/api/v1/auth/me", &t)
        .await
        .problem(401, "auth.token_invalid");

    // Raising one's own role in the payload breaks the signature.
    let good = tokens::sign(ours, &claims).unwrap();
    let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
    use base64::Engine;
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut payload: serde_json::Value =
        serde_json::from_slice(&engine.decode(&parts[1]).unwrap()).unwrap();
    payload["role"] = json!("national_admin");
    parts[1] = engine.encode(payload.to_string());
    app.get("/api/v1/auth/me", &parts.join("."))
        .await
        .problem(401, "auth.token_invalid");

    // The untampered token still works.
    app.get("/api/v1/auth/me", &good).await.expect(200);
}

async fn refresh_rotates_and_reuse_revokes_the_family(app: TestApp) {
    let first = app.login_full("gd.hanoi").await;
    let r1 = first["refresh_token"].clone();
    let second = app
        .post("/api/v1/auth/refresh", None, &json!({"refresh_token": r1}))
        .await
        .expect(200);
    let r2 = second.body["refresh_token"].clone();
    assert_ne!(r1, r2, "the refresh token rotates");
    let access2 = second.body["access_token"].as_str().unwrap().to_owned();
    app.get("/api/v1/auth/me", &access2).await.expect(200);

    // The spent token again at once: two tabs of one browser refreshed
    // together. Refused without ending the session (the tab retries with
    // the new cookie).
    app.post("/api/v1/auth/refresh", None, &json!({"refresh_token": r1}))
        .await
        .problem(409, "auth.refresh_superseded");
    app.get("/api/v1/auth/me", &access2).await.expect(200);

    // Later, someone replays the spent token: the whole session dies.
    app.advance(tgpl_domain::auth::refresh_race_window() + Duration::seconds(1));
    app.post("/api/v1/auth/refresh", None, &json!({"refresh_token": r1}))
        .await
        .problem(401, "auth.refresh_reused");
    app.get("/api/v1/auth/me", &access2)
        .await
        .problem(401, "auth.session_revoked");
    app.post("/api/v1/auth/refresh", None, &json!({"refresh_token": r2}))
        .await
        .expect(401);

    // An unknown refresh token is simply invalid.
    app.post(
        "/api/v1/auth/refresh",
        None,
        &json!({"refresh_token": "made-up"}),
    )
    .await
    .problem(401, "auth.refresh_invalid");
    // Other sessions of the same user are untouched.
    app.login("gd.hanoi").await;
}

async fn missing_or_garbled_credentials_are_401(app: TestApp) {
    let r = app
        .send(
            reqwest::Method::GET,
            "/api/v1/organisations",
            None,
            &[],
            None,
        )
        .await;
    let r = r.problem(401, "auth.required");
    assert!(r.headers.get("www-authenticate").is_some());
    app.send(
        reqwest::Method::GET,
        "/api/v1/organisations",
        None,
        &[("authorization", "Basic YWRtaW46eA==")],
        None,
    )
    .await
    .problem(401, "auth.scheme_unsupported");
    app.get("/api/v1/organisations", "not.a.jwt")
        .await
        .problem(401, "auth.token_invalid");
    // JWKS is public and holds the verifying key.
    let jwks = app
        .send(reqwest::Method::GET, "/api/v1/auth/jwks", None, &[], None)
        .await
        .expect(200);
    assert_eq!(jwks.body["keys"][0]["kty"], "OKP");
    assert_eq!(jwks.body["keys"][0]["alg"], "EdDSA");
}
