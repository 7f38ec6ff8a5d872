//! Webhooks (issue #14 item 4): a receiver started here verifies every
//! signature; while it is down nothing is lost, and once it is back every
//! event arrives, in order, none twice; the delivery log keeps every
//! attempt, and a replay sends the past again.
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use chrono::Duration;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use tgpl_tests::TestApp;

/// What the receiver took: (seq, event id, type, attempt header).
type Taken = Arc<Mutex<Vec<(i64, String, String, i32)>>>;

/// Checks `TGPL-Signature: t=…,v1=…` as a receiver would.
fn verify(secret: &str, header: &str, body: &[u8]) -> bool {
    let mut t = None;
    let mut v1 = None;
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", v)) => t = Some(v.to_owned()),
            Some(("v1", v)) => v1 = Some(v.to_owned()),
            _ => {}
        }
    }
    let (Some(t), Some(v1)) = (t, v1) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(t.as_bytes());
    mac.update(b".");
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    hex == v1
}

struct Receiver {
    handle: actix_web::dev::ServerHandle,
}

/// A receiver on `port` (0: any) that takes only correctly signed events.
fn receive(port: u16, secret: Arc<Mutex<String>>, taken: Taken) -> (Receiver, u16) {
    let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(move || {
        let secret = secret.clone();
        let taken = taken.clone();
        App::new().route(
            "/hooks/tgpl",
            web::post().to(move |req: HttpRequest, body: web::Bytes| {
                let secret = secret.clone();
                let taken = taken.clone();
                async move {
                    let h = |n: &str| {
                        req.headers()
                            .get(n)
                            .map(|v| v.to_str().unwrap().to_owned())
                            .unwrap_or_default()
                    };
                    if !verify(&secret.lock().unwrap(), &h("tgpl-signature"), &body) {
                        return HttpResponse::Unauthorized().finish();
                    }
                    let event: Value = serde_json::from_slice(&body).unwrap();
                    assert_eq!(
                        event["seq"].as_i64().unwrap().to_string(),
                        h("tgpl-event-seq")
                    );
                    assert_eq!(event["type"], h("tgpl-event-type"));
                    taken.lock().unwrap().push((
                        event["seq"].as_i64().unwrap(),
                        h("tgpl-event-id"),
                        h("tgpl-event-type"),
                        h("tgpl-delivery-attempt").parse().unwrap(),
                    ));
                    HttpResponse::NoContent().finish()
                }
            }),
        )
    })
    .workers(1)
    .disable_signals()
    .listen(listener)
    .unwrap()
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    (Receiver { handle }, port)
}

tgpl_tests::on_both_databases!(
    a_receiver_down_for_a_while_gets_every_event_in_order_once_it_is_back,
    subscriptions_are_checked_and_belong_to_integration_accounts
);

async fn a_receiver_down_for_a_while_gets_every_event_in_order_once_it_is_back(app: TestApp) {
    let admin = app.login("admin").await;
    let svc = app.user_id("tichhop.cuc").await;
    let secret = Arc::new(Mutex::new(String::new()));
    let taken: Taken = Arc::default();
    let (receiver, port) = receive(0, secret.clone(), taken.clone());
    let created = app
        .post(
            &format!("/api/v1/users/{svc}/webhooks"),
            Some(&admin),
            &json!({
                "url": format!("http://127.0.0.1:{port}/hooks/tgpl"),
                "event_types": ["case.received", "case.accepted"]
            }),
        )
        .await
        .expect(201)
        .body;
    let hook = created["webhook"]["id"].as_str().unwrap().to_owned();
    *secret.lock().unwrap() = created["secret"].as_str().unwrap().to_owned();
    assert!(created["secret"].as_str().unwrap().starts_with("whsec_"));
    let start = created["webhook"]["cursor"].as_i64().unwrap();

    // Two events of the subscribed types (and assignment, which is not).
    let director = app.login("gd.hanoi").await;
    let first = crate::cases::intake(
        &app,
        &director,
        app.units.hn_centre,
        "Hà Văn Một",
        json!({}),
    )
    .await;
    crate::cases::accept_and_assign(&app, &director, &director, &first, app.units.hn_officer).await;
    app.run_jobs().await;
    let kinds: Vec<String> = taken.lock().unwrap().iter().map(|t| t.2.clone()).collect();
    assert_eq!(kinds, ["case.received", "case.accepted"]);
    // The assignment was passed over: the cursor stands past it.
    let feed = app
        .get(&format!("/api/v1/events?after={start}&limit=1000"), &admin)
        .await
        .expect(200)
        .body;
    let last = feed["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["type"], "case.assigned");
    let listed = app
        .get(&format!("/api/v1/users/{svc}/webhooks"), &admin)
        .await
        .expect(200)
        .body;
    assert_eq!(listed[0]["cursor"], last["seq"]);

    // The receiver goes down; three more events happen meanwhile.
    receiver.handle.stop(true).await;
    for name in ["Hà Văn Hai", "Hà Văn Ba"] {
        let c = crate::cases::intake(&app, &director, app.units.hn_centre, name, json!({})).await;
        if name.ends_with("Hai") {
            crate::cases::act(&app, &director, &c, "accept", json!({}))
                .await
                .expect(200);
        }
    }
    app.run_jobs().await;
    app.advance(Duration::seconds(10));
    app.run_jobs().await;
    // Not yet due again: no attempt between retries.
    app.run_jobs().await;
    let log = app
        .get(
            &format!("/api/v1/users/{svc}/webhooks/{hook}/deliveries?limit=200"),
            &admin,
        )
        .await
        .expect(200)
        .body;
    let failed: Vec<&Value> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["status"].is_null())
        .collect();
    assert_eq!(failed.len(), 2, "{log}");
    assert!(
        failed
            .iter()
            .all(|d| d["error"] == "the receiver could not be reached")
    );
    assert_eq!(failed[0]["attempt"], 2);
    let listed = app
        .get(&format!("/api/v1/users/{svc}/webhooks"), &admin)
        .await
        .expect(200)
        .body;
    assert_eq!(listed[0]["failures"], 2);
    assert_eq!(taken.lock().unwrap().len(), 2);

    // Back on the same address: after the next wait, everything arrives.
    let (_receiver, _) = receive(port, secret.clone(), taken.clone());
    app.advance(Duration::seconds(20));
    app.run_jobs().await;
    let all = taken.lock().unwrap().clone();
    let seqs: Vec<i64> = all.iter().map(|t| t.0).collect();
    let mut sorted = seqs.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(seqs, sorted, "in order, none twice: {all:?}");
    let kinds: Vec<&str> = all.iter().map(|t| t.2.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "case.received",
            "case.accepted",
            "case.received",
            "case.accepted",
            "case.received"
        ]
    );
    assert!(seqs[0] > start);
    // The event that waited says it is the third attempt; those behind it
    // are sent for the first time.
    let attempts: Vec<i32> = all.iter().map(|t| t.3).collect();
    assert_eq!(attempts, [1, 1, 3, 1, 1]);
    let listed = app
        .get(&format!("/api/v1/users/{svc}/webhooks"), &admin)
        .await
        .expect(200)
        .body;
    assert_eq!(listed[0]["failures"], 0);
    assert!(listed[0]["last_error"].is_null());

    // A replay from the start sends the same events again, same ids.
    app.post(
        &format!("/api/v1/users/{svc}/webhooks/{hook}/replay"),
        Some(&admin),
        &json!({"after": start}),
    )
    .await
    .expect(200);
    app.run_jobs().await;
    let again = taken.lock().unwrap().clone();
    assert_eq!(again.len(), 10, "{again:?}");
    let ids = |v: &[(i64, String, String, i32)]| v.iter().map(|t| t.1.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&again[5..]), ids(&again[..5]));
    // Nothing more is due: no event twice without a replay.
    app.advance(Duration::minutes(10));
    app.run_jobs().await;
    assert_eq!(taken.lock().unwrap().len(), 10);

    // Deleted, it sends nothing more (a privileged act: a fresh login).
    let admin = app.login("admin").await;
    app.send(
        reqwest::Method::DELETE,
        &format!("/api/v1/users/{svc}/webhooks/{hook}"),
        Some(&admin),
        &[],
        None,
    )
    .await
    .expect(204);
    crate::cases::intake(
        &app,
        &director,
        app.units.hn_centre,
        "Hà Văn Bốn",
        json!({}),
    )
    .await;
    app.run_jobs().await;
    assert_eq!(taken.lock().unwrap().len(), 10);
}

async fn subscriptions_are_checked_and_belong_to_integration_accounts(app: TestApp) {
    let admin = app.login("admin").await;
    let svc = app.user_id("tichhop.cuc").await;
    let path = format!("/api/v1/users/{svc}/webhooks");
    let p = app
        .post(
            &path,
            Some(&admin),
            &json!({"url": "ftp://x", "event_types": ["case.accepted", "case.exploded"]}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(
        p.field_codes(),
        [
            ("url", "webhook.url_invalid"),
            ("event_types[1]", "webhook.event_type_unknown")
        ]
        .map(|(f, c)| (f.to_owned(), c.to_owned()))
    );
    // A person's account gets no webhook; a director may not subscribe one.
    let clerk = app.user_id("vt.hanoi").await;
    app.post(
        &format!("/api/v1/users/{clerk}/webhooks"),
        Some(&admin),
        &json!({"url": "https://example.vn/hook"}),
    )
    .await
    .problem(409, "user.not_service_account");
    let director = app.login("gd.hanoi").await;
    app.post(
        &path,
        Some(&director),
        &json!({"url": "https://example.vn/hook"}),
    )
    .await
    .problem(404, "user.not_found");
    // An unknown subscription, and another account's, are not found.
    app.get(&format!("{path}/{}/deliveries", uuid::Uuid::nil()), &admin)
        .await
        .problem(404, "webhook.not_found");
    assert_eq!(app.get(&path, &admin).await.expect(200).body, json!([]));
}
