//! Optimistic concurrency: of two edits made from the same version, exactly one wins.
use serde_json::json;
use tgpl_tests::{TestApp, on_both_databases};

on_both_databases!(two_updates_with_one_etag_exactly_one_wins);

async fn two_updates_with_one_etag_exactly_one_wins(app: TestApp) {
    let admin = app.login("admin").await;
    let director = app.login("gd.hanoi").await;
    let org = app
        .get(
            &format!("/api/v1/organisations/{}", app.units.hn_centre),
            &admin,
        )
        .await
        .expect(200);
    let etag = org.etag();
    let path = format!("/api/v1/organisations/{}", app.units.hn_centre);
    for round in 0..5 {
        let current = app.get(&path, &admin).await.expect(200).etag();
        let body_a = json!({"address": format!("Số {round}, phố Hàng Bài")});
        let body_b = json!({"address": format!("Số {round}, phố Tràng Thi")});
        let a = app.patch(&path, &admin, &current, &body_a);
        let b = app.patch(&path, &director, &current, &body_b);
        let (a, b) = tokio::join!(a, b);
        let mut statuses = [a.status.as_u16(), b.status.as_u16()];
        statuses.sort();
        assert_eq!(
            statuses,
            [200, 412],
            "round {round}: {} / {}",
            a.body,
            b.body
        );
        let winner = if a.status.as_u16() == 200 { &a } else { &b };
        let stored = app.get(&path, &admin).await.expect(200);
        assert_eq!(
            stored.body["address"], winner.body["address"],
            "the winner's write is what is stored"
        );
    }
    assert_ne!(etag, app.get(&path, &admin).await.etag());
}
