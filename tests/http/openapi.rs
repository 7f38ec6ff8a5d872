//! The checked-in spec equals what the server serves.
use reqwest::Method;
use tgpl_tests::{Backend, spawn_app};

#[tokio::test]
async fn checked_in_openapi_matches_the_served_document() {
    let app = spawn_app(Backend::Sqlite).await;
    let served = app
        .send(Method::GET, "/api/openapi.json", None, &[], None)
        .await
        .expect(200);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    let checked_in: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("openapi/openapi.json exists"))
            .expect("openapi/openapi.json is JSON");
    assert!(
        served.body == checked_in,
        "openapi/openapi.json differs from the served spec: run `make openapi` and commit the result"
    );
    // And `tgpl openapi` prints the same document.
    let printed: serde_json::Value = serde_json::from_str(&tgpl_api::openapi::spec_json()).unwrap();
    assert_eq!(printed, checked_in);
}

#[tokio::test]
async fn every_api_route_is_documented_with_problem_responses() {
    let spec: serde_json::Value = serde_json::from_str(&tgpl_api::openapi::spec_json()).unwrap();
    let paths = spec["paths"].as_object().unwrap();
    assert!(paths.len() >= 20);
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            let secured = op.get("security").is_some();
            if secured {
                assert!(
                    responses.keys().any(|code| code.starts_with('4')),
                    "{method} {path} declares no error response"
                );
            }
        }
    }
    let docs = spawn_app(Backend::Sqlite).await;
    let r = docs
        .client
        .get(format!("{}/api/docs/", docs.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status().as_u16(),
        200,
        "interactive docs are served locally"
    );
    let html = r.text().await.unwrap();
    assert!(!html.contains("cdn."), "no CDN assets");
}

#[test]
fn operation_ids_are_unique() {
    let spec: serde_json::Value = serde_json::from_str(&tgpl_api::openapi::spec_json()).unwrap();
    let mut seen = std::collections::BTreeMap::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if let Some(id) = op["operationId"].as_str()
                && let Some(first) = seen.insert(id.to_owned(), format!("{method} {path}"))
            {
                panic!("operationId {id} on {method} {path} and on {first}");
            }
        }
    }
    assert!(seen.len() > 40, "{} operations", seen.len());
}

#[test]
fn every_schema_reference_resolves() {
    let text = tgpl_api::openapi::spec_json();
    let spec: serde_json::Value = serde_json::from_str(&text).unwrap();
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    for part in text.split("#/components/schemas/").skip(1) {
        let name: String = part
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        assert!(schemas.contains_key(&name), "dangling $ref to {name}");
    }
}

/// The router's one list registers each route with actix and the spec; this
/// checks the other half from outside: every documented operation is
/// served (a request to it is never the server's "no such route").
#[tokio::test]
async fn every_documented_operation_is_served() {
    // One anonymous caller asks for every operation: more than the
    // per-address allowance, whose 429 would hide a missing route.
    let settings = tgpl_api::ApiSettings {
        rate_limits: tgpl_api::rate_limit::RateLimitSettings {
            per_credential: None,
            per_address: None,
        },
        ..tgpl_api::ApiSettings::default()
    };
    let app =
        tgpl_tests::spawn_app_on(Backend::Sqlite, tgpl_tests::StoreKind::Local, settings).await;
    let spec: serde_json::Value = serde_json::from_str(&tgpl_api::openapi::spec_json()).unwrap();
    let mut checked = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        let concrete = path
            .replace("{format}", "csv")
            .replace("{kind}", "form24")
            .replace("{date}", "2026-01-01")
            .replace("{tracking_code}", "TGPL-0000")
            .split('/')
            .map(|seg| {
                if seg.starts_with('{') {
                    "0190f000-0000-7000-8000-000000000000"
                } else {
                    seg
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        for method in item.as_object().unwrap().keys() {
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let r = app
                .send(m, &concrete, None, &[], Some(b"{}".to_vec()))
                .await;
            assert_ne!(
                r.body["code"], "route.not_found",
                "{method} {path} is documented but not served"
            );
            assert_ne!(r.status.as_u16(), 429, "{method} {path}: rate limited");
            checked += 1;
        }
    }
    assert!(checked > 120, "{checked} operations");
    // And an undocumented one is not.
    let r = app
        .send(
            Method::POST,
            "/api/v1/cases/0190f000-0000-7000-8000-000000000000/approve",
            None,
            &[],
            Some(b"{}".to_vec()),
        )
        .await;
    assert_eq!(r.body["code"], "route.not_found");
}
