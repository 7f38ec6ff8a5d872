//! Access and refresh tokens that must be refused.
use chrono::Duration;
use serde_json::json;
use tgpl_app::auth::{Claims, JwtKeys, tokens};
use tgpl_tests::{TestApp, on_both_databases};

on_both_databases!(
    expired_wrong_audience_and_foreign_key_are_401,
    refresh_rotates_and_reuse_revokes_the_family,
    missing_or_garbled_credentials_are_401,
);

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

    // Someone replays the spent token: the whole session dies.
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
