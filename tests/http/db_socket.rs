//! The database connection itself: a statement larger than one TCP segment
//! must not wait for the server's delayed ACK (Nagle's algorithm). sqlx-core
//! 0.9.0 left TCP_NODELAY off, and every such statement (bulk loads, batched
//! audit events) took 40 ms or more; see vendor/README.md.
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::time::{Duration, Instant};
use tgpl_tests::{Backend, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_statements_to_postgresql_are_not_held_back_by_nagle() {
    let app = spawn_app(Backend::Postgres).await;
    // 200 KB in the Bind message: more than three 64 KB loopback segments.
    let text = "Nguyễn Văn A ".repeat(12_000);
    let mut took: Vec<Duration> = Vec::new();
    for _ in 0..15 {
        let stmt = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT length($1::text) AS n",
            [text.clone().into()],
        );
        let started = Instant::now();
        let row = app
            .state
            .db
            .conn
            .query_one_raw(stmt)
            .await
            .unwrap()
            .unwrap();
        took.push(started.elapsed());
        assert_eq!(row.try_get::<i32>("", "n").unwrap(), 12_000 * 13);
    }
    took.sort();
    // With Nagle on, every one of them waits >= 40 ms for the ACK; the
    // median is robust to the odd slow one on a loaded machine.
    let median = took[took.len() / 2];
    assert!(
        median < Duration::from_millis(20),
        "median {median:?} of {took:?}"
    );
}
