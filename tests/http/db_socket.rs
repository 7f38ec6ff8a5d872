//! The database connection itself: a statement larger than one TCP segment
//! must not wait for the server's delayed ACK (Nagle's algorithm). sqlx-core
//! 0.9.0 left TCP_NODELAY off, and every such statement (bulk loads, batched
//! audit events) took 40 ms or more; see vendor/README.md and ADR 0011.
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use std::time::{Duration, Instant};
use tgpl_tests::{Backend, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_statements_to_postgresql_are_not_held_back_by_nagle() {
    let app = spawn_app(Backend::Postgres).await;
    let conn = &app.state.db.conn;
    conn.execute_unprepared("CREATE TABLE nagle_probe (id uuid PRIMARY KEY, note text)")
        .await
        .unwrap();
    // A multi-row insert like those of a bulk load: 300 rows, ~90 KB of
    // statement and parameters, sent over TCP as several messages.
    let rows = 300;
    let mut sql = String::from("INSERT INTO nagle_probe (id, note) VALUES ");
    for i in 0..rows {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str(&format!("(${}, ${})", 2 * i + 1, 2 * i + 2));
    }
    let mut took: Vec<Duration> = Vec::new();
    for _ in 0..9 {
        let mut values: Vec<Value> = Vec::new();
        for _ in 0..rows {
            values.push(uuid::Uuid::now_v7().into());
            values.push("Gặp người được trợ giúp pháp lý, nghe trình bày vụ việc".into());
        }
        let stmt = Statement::from_sql_and_values(DbBackend::Postgres, sql.clone(), values);
        let started = Instant::now();
        conn.execute_raw(stmt).await.unwrap();
        took.push(started.elapsed());
    }
    took.sort();
    // With Nagle on, nearly every insert waits >= 40 ms for the ACK; the
    // median is robust to the odd slow one on a loaded machine.
    let median = took[took.len() / 2];
    assert!(
        median < Duration::from_millis(25),
        "median {median:?} of {took:?}"
    );
}
