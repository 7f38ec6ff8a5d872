//! CORS for the configured origins (issue #14 item 6): a province's portal
//! may call the API from its pages; other sites get no CORS headers, and
//! the same-origin SPA is unaffected.
use reqwest::Method;
use tgpl_api::ApiSettings;
use tgpl_tests::{Backend, StoreKind, TestApp, spawn_app_on};

const PORTAL: &str = "https://congthongtin.hanoi.gov.vn";

async fn with_origin(
    app: &TestApp,
    method: Method,
    path: &str,
    origin: &str,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = app
        .client
        .request(method, format!("{}{path}", app.base))
        .header("origin", origin);
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    req.send().await.unwrap()
}

fn allowed(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_configured_portal_may_call_the_api_from_its_pages() {
    let settings = ApiSettings {
        cors_origins: vec![PORTAL.to_owned()],
        ..ApiSettings::default()
    };
    let app = spawn_app_on(Backend::Sqlite, StoreKind::Local, settings).await;

    // The browser's preflight for a keyed create.
    let pre = with_origin(
        &app,
        Method::OPTIONS,
        "/api/v1/cases",
        PORTAL,
        &[
            ("access-control-request-method", "POST"),
            (
                "access-control-request-headers",
                "authorization, content-type, idempotency-key",
            ),
        ],
    )
    .await;
    assert_eq!(pre.status().as_u16(), 200);
    assert_eq!(allowed(&pre).as_deref(), Some(PORTAL));
    let methods = pre.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(methods.contains("POST"), "{methods}");
    let headers = pre.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(
        headers.contains("idempotency-key") && headers.contains("authorization"),
        "{headers}"
    );

    // The call itself: the page may read the answer and its ETag.
    let res = with_origin(
        &app,
        Method::GET,
        "/api/v1/public/organisations?province=01",
        PORTAL,
        &[],
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(allowed(&res).as_deref(), Some(PORTAL));
    let exposed = res.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(
        exposed.contains("etag") && exposed.contains("location"),
        "{exposed}"
    );

    // Another site: answered as before, but its page may not read it.
    let res = with_origin(
        &app,
        Method::GET,
        "/api/v1/public/organisations",
        "https://evil.example",
        &[],
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(allowed(&res), None);

    // The SPA's own POSTs carry its origin and are not disturbed.
    let login = with_origin(
        &app,
        Method::POST,
        "/api/v1/auth/login",
        &app.base,
        &[("content-type", "application/json")],
    )
    .await;
    assert_ne!(login.status().as_u16(), 400);
}

#[tokio::test]
async fn without_configured_origins_no_site_gets_cors_headers() {
    let app = spawn_app_on(Backend::Sqlite, StoreKind::Local, ApiSettings::default()).await;
    let pre = with_origin(
        &app,
        Method::OPTIONS,
        "/api/v1/cases",
        PORTAL,
        &[("access-control-request-method", "POST")],
    )
    .await;
    assert_eq!(allowed(&pre), None);
    let res = with_origin(
        &app,
        Method::GET,
        "/api/v1/public/organisations",
        PORTAL,
        &[],
    )
    .await;
    assert_eq!(allowed(&res), None);
}
