//! Prometheus metrics at `/metrics`, on a listener of their own
//! (`TGPL_METRICS_LISTEN`), never the API port:
//! - requests by route template, method and status, and their latency;
//! - requests refused by the rate limits;
//! - the database connection pools;
//! - the job queue (notifications, mail, scans) by kind: depth and age of
//!   the oldest waiting job, and the dead ones;
//! - business counters: the case events the outbox recorded, by type;
//! - whether each dependency answers.
//!
//! Request figures are this replica's (sum them across replicas); queue,
//! pool and outbox figures are read at each scrape.
use actix_web::http::Method;
use actix_web::{HttpResponse, get};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

const BUCKETS_MS: [u64; 10] = [1, 2, 5, 10, 20, 50, 100, 250, 500, 1000];

#[derive(Default)]
struct RouteStats {
    by_status: BTreeMap<u16, u64>,
    buckets: [u64; BUCKETS_MS.len()],
    count: u64,
    sum_micros: u64,
}

/// `(route template, method)` → its figures. One short lock per request.
static ROUTES: LazyLock<Mutex<BTreeMap<(String, String), RouteStats>>> =
    LazyLock::new(Default::default);
static RATE_LIMITED: AtomicU64 = AtomicU64::new(0);

/// The outbox as one server counted it so far: the last sequence read and
/// the events of each type up to it.
#[derive(Debug, Default)]
pub struct OutboxCounts(Mutex<(i64, BTreeMap<String, i64>)>);

/// Records one finished request. `route` is the matched template
/// (`/api/v1/cases/{id}`), so ids never become labels; unmatched paths
/// share one label.
pub fn observe(method: &Method, route: Option<&str>, status: u16, elapsed: Duration) {
    let key = (
        route.unwrap_or("unmatched").to_owned(),
        method.as_str().to_owned(),
    );
    let ms = elapsed.as_millis() as u64;
    let Ok(mut routes) = ROUTES.lock() else {
        return;
    };
    let stats = routes.entry(key).or_default();
    *stats.by_status.entry(status).or_default() += 1;
    for (i, le) in BUCKETS_MS.iter().enumerate() {
        if ms <= *le {
            stats.buckets[i] += 1;
        }
    }
    stats.count += 1;
    stats.sum_micros += elapsed.as_micros() as u64;
}

/// Counts one request refused by a rate limit.
pub fn rate_limited() {
    RATE_LIMITED.fetch_add(1, Ordering::Relaxed);
}

/// A label value as the exposition format writes it.
fn label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The request figures, in the text exposition format.
pub fn render() -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# HELP tgpl_http_requests_total HTTP requests by route template, method and status.\n# TYPE tgpl_http_requests_total counter"
    );
    let routes = match ROUTES.lock() {
        Ok(r) => r,
        Err(p) => p.into_inner(),
    };
    for ((route, method), s) in routes.iter() {
        for (status, n) in &s.by_status {
            let _ = writeln!(
                out,
                "tgpl_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                label(route)
            );
        }
    }
    let _ = writeln!(
        out,
        "# HELP tgpl_http_request_duration_seconds Time to answer HTTP requests, by route template and method.\n# TYPE tgpl_http_request_duration_seconds histogram"
    );
    for ((route, method), s) in routes.iter() {
        let labels = format!("method=\"{method}\",route=\"{}\"", label(route));
        for (i, le) in BUCKETS_MS.iter().enumerate() {
            let _ = writeln!(
                out,
                "tgpl_http_request_duration_seconds_bucket{{{labels},le=\"{}\"}} {}",
                *le as f64 / 1000.0,
                s.buckets[i]
            );
        }
        let _ = writeln!(
            out,
            "tgpl_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}\ntgpl_http_request_duration_seconds_sum{{{labels}}} {}\ntgpl_http_request_duration_seconds_count{{{labels}}} {}",
            s.count,
            s.sum_micros as f64 / 1e6,
            s.count
        );
    }
    drop(routes);
    let _ = writeln!(
        out,
        "# HELP tgpl_http_rate_limited_total Requests refused by a rate limit (429).\n# TYPE tgpl_http_rate_limited_total counter\ntgpl_http_rate_limited_total {}",
        RATE_LIMITED.load(Ordering::Relaxed)
    );
    out
}

/// Adds the outbox's events recorded since the last scrape to the counts
/// by type (the whole outbox on the first scrape of a process).
async fn outbox_counts(
    db: &tgpl_db::Db,
    counted: &OutboxCounts,
) -> Result<(i64, BTreeMap<String, i64>), tgpl_db::DbError> {
    let outbox = &counted.0;
    let conn = db.read();
    let last = tgpl_db::events::last_seq(conn).await?;
    let cursor = outbox.lock().map(|o| o.0).unwrap_or_default();
    if last > cursor {
        let new = tgpl_db::events::count_by_type(conn, cursor, last).await?;
        if let Ok(mut outbox) = outbox.lock()
            // Another scrape counted them meanwhile: do not count twice.
            && outbox.0 == cursor
        {
            outbox.0 = last;
            for (kind, n) in new {
                *outbox.1.entry(kind).or_default() += n;
            }
        }
    }
    Ok(outbox.lock().map(|o| o.clone()).unwrap_or_default())
}

/// The figures read from the database at each scrape.
async fn render_state(state: &crate::AppState, out: &mut String) {
    let _ = writeln!(
        out,
        "# HELP tgpl_db_pool_connections Database connections by pool: open (in use or idle), idle, and the most allowed.\n# TYPE tgpl_db_pool_connections gauge"
    );
    for p in state.db.pool_stats() {
        for (kind, n) in [("open", p.open), ("idle", p.idle), ("max", p.max)] {
            let _ = writeln!(
                out,
                "tgpl_db_pool_connections{{pool=\"{}\",state=\"{kind}\"}} {n}",
                p.pool
            );
        }
    }
    let now = state.moment().now;
    match tgpl_db::jobs::queue_stats(state.db.read()).await {
        Ok(queues) => {
            let _ = writeln!(
                out,
                "# HELP tgpl_jobs Jobs waiting (pending) or failed for good (dead), by kind.\n# TYPE tgpl_jobs gauge"
            );
            for q in &queues {
                let _ = writeln!(
                    out,
                    "tgpl_jobs{{kind=\"{}\",status=\"{}\"}} {}",
                    label(&q.kind),
                    q.status.as_str(),
                    q.count
                );
            }
            let _ = writeln!(
                out,
                "# HELP tgpl_jobs_oldest_age_seconds How long the oldest job of a kind has been due (0: none due yet).\n# TYPE tgpl_jobs_oldest_age_seconds gauge"
            );
            for q in &queues {
                let age = q.oldest.map_or(0, |o| (now - o).num_seconds().max(0));
                let _ = writeln!(
                    out,
                    "tgpl_jobs_oldest_age_seconds{{kind=\"{}\",status=\"{}\"}} {age}",
                    label(&q.kind),
                    q.status.as_str()
                );
            }
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the job queue could not be read"),
    }
    match outbox_counts(&state.db, &state.outbox_counts).await {
        Ok((last, by_type)) => {
            let _ = writeln!(
                out,
                "# HELP tgpl_case_events_total Case events recorded (the outbox), by type: requests received, accepted, assigned, concluded, …\n# TYPE tgpl_case_events_total counter"
            );
            for (kind, n) in &by_type {
                let _ = writeln!(
                    out,
                    "tgpl_case_events_total{{type=\"{}\"}} {n}",
                    label(kind)
                );
            }
            let _ = writeln!(
                out,
                "# HELP tgpl_events_last_seq The outbox's last sequence number (what the change feed and deliveries read up to).\n# TYPE tgpl_events_last_seq gauge\ntgpl_events_last_seq {last}"
            );
            if let Ok(subs) = tgpl_db::webhooks::health(state.db.read()).await {
                let _ = writeln!(
                    out,
                    "# HELP tgpl_webhook_backlog_events Events recorded after a subscription's cursor (its backlog, at most).\n# TYPE tgpl_webhook_backlog_events gauge"
                );
                for (id, cursor, _) in &subs {
                    let _ = writeln!(
                        out,
                        "tgpl_webhook_backlog_events{{subscription=\"{id}\"}} {}",
                        (last - cursor).max(0)
                    );
                }
                let _ = writeln!(
                    out,
                    "# HELP tgpl_webhook_failures Failed deliveries in a row at a subscription's next event (0: healthy).\n# TYPE tgpl_webhook_failures gauge"
                );
                for (id, _, failures) in &subs {
                    let _ = writeln!(
                        out,
                        "tgpl_webhook_failures{{subscription=\"{id}\"}} {failures}"
                    );
                }
            }
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the outbox could not be read"),
    }
}

/// Prometheus metrics, served on the metrics listener only (not the API
/// port): see the module's documentation; whether each dependency can
/// serve is `tgpl_dependency_up{dependency="database"|"document_store"}`.
#[get("/metrics")]
pub async fn metrics(state: actix_web::web::Data<crate::AppState>) -> HttpResponse {
    let (db, store) = tokio::join!(state.db.ping(), state.store.check());
    let mut out = render();
    if db.is_ok() {
        render_state(&state, &mut out).await;
    }
    let up = |ok: bool| u8::from(ok);
    let _ = writeln!(
        out,
        "# TYPE tgpl_dependency_up gauge\ntgpl_dependency_up{{dependency=\"database\"}} {}\ntgpl_dependency_up{{dependency=\"document_store\"}} {}",
        up(db.is_ok()),
        up(store.is_ok())
    );
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_counted_by_route_method_and_status() {
        let route = "/api/v1/test-only/{id}";
        observe(&Method::GET, Some(route), 200, Duration::from_millis(3));
        observe(&Method::GET, Some(route), 200, Duration::from_millis(30));
        observe(&Method::GET, Some(route), 404, Duration::from_millis(1));
        let text = render();
        assert!(
            text.contains("tgpl_http_requests_total{method=\"GET\",route=\"/api/v1/test-only/{id}\",status=\"200\"} 2"),
            "{text}"
        );
        assert!(text.contains(
            "tgpl_http_requests_total{method=\"GET\",route=\"/api/v1/test-only/{id}\",status=\"404\"} 1"
        ));
        assert!(text.contains(
            "tgpl_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/test-only/{id}\",le=\"0.005\"} 2"
        ));
        assert!(text.contains(
            "tgpl_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/test-only/{id}\"} 3"
        ));
    }

    #[test]
    fn labels_are_escaped() {
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
