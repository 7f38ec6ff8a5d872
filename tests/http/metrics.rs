//! `/metrics` (issue #14 item 6): requests by route template, method and
//! status; the database pools; the job queue; the outbox's case events by
//! type; rate-limit refusals.
use actix_web::{App, test, web};
use serde_json::json;
use tgpl_tests::TestApp;

async fn scrape(app: &TestApp) -> String {
    let service = test::init_service(
        App::new()
            .app_data(web::Data::new(app.state.clone()))
            .service(tgpl_api::metrics::metrics),
    )
    .await;
    let res = test::call_service(
        &service,
        test::TestRequest::get().uri("/metrics").to_request(),
    )
    .await;
    assert!(res.status().is_success());
    String::from_utf8(test::read_body(res).await.to_vec()).unwrap()
}

/// The value of the sample whose name and labels are `series`.
fn value(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

tgpl_tests::on_both_databases!(metrics_tell_routes_pools_queues_and_case_events);

async fn metrics_tell_routes_pools_queues_and_case_events(app: TestApp) {
    let before = scrape(&app).await;
    let received =
        |t: &str| value(t, "tgpl_case_events_total{type=\"case.received\"}").unwrap_or(0.0);
    let director = app.login("gd.hanoi").await;
    let case = crate::cases::intake(
        &app,
        &director,
        app.units.hn_centre,
        "Vì Văn Tám",
        json!({}),
    )
    .await;
    let id = case["id"].as_str().unwrap();
    app.get(&format!("/api/v1/cases/{id}"), &director)
        .await
        .expect(200);
    app.get(&format!("/api/v1/cases/{}", uuid::Uuid::nil()), &director)
        .await
        .expect(404);
    let after = scrape(&app).await;

    // Routes by template: the case's id is not a label.
    let read =
        "tgpl_http_requests_total{method=\"GET\",route=\"/api/v1/cases/{id}\",status=\"200\"}";
    let missing =
        "tgpl_http_requests_total{method=\"GET\",route=\"/api/v1/cases/{id}\",status=\"404\"}";
    assert!(value(&after, read).unwrap() >= 1.0, "{after}");
    assert!(value(&after, missing).unwrap() >= 1.0);
    assert!(!after.contains(id));
    assert!(after.contains(
        "tgpl_http_request_duration_seconds_count{method=\"POST\",route=\"/api/v1/cases\"}"
    ));
    // The pool, the queue and the outbox.
    assert!(
        value(
            &after,
            "tgpl_db_pool_connections{pool=\"main\",state=\"max\"}"
        )
        .unwrap()
            >= 1.0
    );
    assert!(after.contains("# TYPE tgpl_jobs gauge"));
    assert_eq!(received(&after) - received(&before), 1.0, "{after}");
    assert!(
        value(&after, "tgpl_events_last_seq").unwrap()
            > value(&before, "tgpl_events_last_seq").unwrap()
    );
    assert_eq!(
        value(&after, "tgpl_dependency_up{dependency=\"database\"}"),
        Some(1.0)
    );
    assert!(after.contains("tgpl_http_rate_limited_total"));
}
