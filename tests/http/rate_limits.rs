//! Rate limits (issue #14 item 6): each credential has its own allowance
//! and anonymous callers share one per address; every answer says where
//! the caller stands (`RateLimit`, `RateLimit-Policy`), and past the limit
//! the answer is a 429 `rate_limited` with `Retry-After`.
use reqwest::Method;
use std::num::NonZeroU32;
use tgpl_api::ApiSettings;
use tgpl_api::rate_limit::RateLimitSettings;
use tgpl_tests::{Backend, Reply, StoreKind, TestApp, spawn_app_on};

fn header(r: &Reply, name: &str) -> String {
    r.headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
        .to_owned()
}

async fn limited(per_credential: u32, per_address: u32) -> TestApp {
    let settings = ApiSettings {
        rate_limits: RateLimitSettings {
            per_credential: NonZeroU32::new(per_credential),
            per_address: NonZeroU32::new(per_address),
        },
        ..ApiSettings::default()
    };
    spawn_app_on(Backend::Sqlite, StoreKind::Local, settings).await
}

#[tokio::test]
async fn a_caller_past_its_allowance_is_told_to_wait_and_others_are_not() {
    let app = limited(5, 4).await;
    // Logging in is anonymous: it counts against the address.
    let admin = app.login("admin").await;
    let director = app.login("gd.hanoi").await;
    let mut remaining = Vec::new();
    for _ in 0..5 {
        let r = app
            .get("/api/v1/organisations?limit=1", &admin)
            .await
            .expect(200);
        assert_eq!(
            header(&r, "ratelimit-policy"),
            "\"per-credential\";q=5;w=60"
        );
        remaining.push(header(&r, "ratelimit-remaining").parse::<u32>().unwrap());
        let fields = header(&r, "ratelimit");
        assert!(
            fields.starts_with(&format!(
                "\"per-credential\";r={};t=",
                remaining.last().unwrap()
            )),
            "{fields}"
        );
    }
    assert_eq!(remaining, [4, 3, 2, 1, 0]);
    let refused = app
        .get("/api/v1/organisations?limit=1", &admin)
        .await
        .problem(429, "rate_limited");
    let wait: u64 = header(&refused, "retry-after").parse().unwrap();
    // One request comes back every 12 s.
    assert!((1..=12).contains(&wait), "{wait}");
    assert!(header(&refused, "ratelimit").starts_with("\"per-credential\";r=0;t="));
    // Another session has its own allowance.
    app.get("/api/v1/organisations?limit=1", &director)
        .await
        .expect(200);

    // Anonymous requests share the address's: two logins used two of four.
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let r = app
            .send(
                Method::GET,
                "/api/v1/public/organisations?limit=1",
                None,
                &[],
                None,
            )
            .await;
        statuses.push(r.status.as_u16());
    }
    assert_eq!(statuses, [200, 200, 429]);
    // Probes and the web app are not counted.
    app.send(Method::GET, "/healthz", None, &[], None)
        .await
        .expect(200);
}

#[tokio::test]
async fn limits_turned_off_add_no_headers() {
    let settings = ApiSettings {
        rate_limits: RateLimitSettings {
            per_credential: None,
            per_address: None,
        },
        ..ApiSettings::default()
    };
    let app = spawn_app_on(Backend::Sqlite, StoreKind::Local, settings).await;
    let admin = app.login("admin").await;
    let r = app
        .get("/api/v1/organisations?limit=1", &admin)
        .await
        .expect(200);
    assert!(r.headers.get("ratelimit").is_none());
}
