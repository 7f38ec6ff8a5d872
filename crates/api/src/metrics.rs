//! Prometheus metrics at `/metrics`: request counts by status class and a
//! latency histogram, kept in atomics (no registry, no allocation per request).
use actix_web::{HttpResponse, get};
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};

const BUCKETS_MS: [u64; 10] = [1, 2, 5, 10, 20, 50, 100, 250, 500, 1000];
const CLASSES: [&str; 5] = ["1xx", "2xx", "3xx", "4xx", "5xx"];

struct Metrics {
    by_class: [AtomicU64; 5],
    buckets: [AtomicU64; 10],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

static METRICS: Metrics = Metrics {
    by_class: [const { AtomicU64::new(0) }; 5],
    buckets: [const { AtomicU64::new(0) }; 10],
    count: AtomicU64::new(0),
    sum_micros: AtomicU64::new(0),
};

/// Records one finished request.
pub fn observe(status: u16, elapsed: std::time::Duration) {
    let class = usize::from(status / 100).clamp(1, 5) - 1;
    METRICS.by_class[class].fetch_add(1, Ordering::Relaxed);
    let ms = elapsed.as_millis() as u64;
    for (i, le) in BUCKETS_MS.iter().enumerate() {
        if ms <= *le {
            METRICS.buckets[i].fetch_add(1, Ordering::Relaxed);
        }
    }
    METRICS.count.fetch_add(1, Ordering::Relaxed);
    METRICS
        .sum_micros
        .fetch_add(elapsed.as_micros() as u64, Ordering::Relaxed);
}

/// Prometheus text exposition.
pub fn render() -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# HELP tgpl_http_requests_total HTTP requests by status class."
    );
    let _ = writeln!(out, "# TYPE tgpl_http_requests_total counter");
    for (i, class) in CLASSES.iter().enumerate() {
        let n = METRICS.by_class[i].load(Ordering::Relaxed);
        let _ = writeln!(out, "tgpl_http_requests_total{{class=\"{class}\"}} {n}");
    }
    let _ = writeln!(
        out,
        "# HELP tgpl_http_request_duration_seconds Time to answer HTTP requests."
    );
    let _ = writeln!(out, "# TYPE tgpl_http_request_duration_seconds histogram");
    for (i, le) in BUCKETS_MS.iter().enumerate() {
        let n = METRICS.buckets[i].load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "tgpl_http_request_duration_seconds_bucket{{le=\"{}\"}} {n}",
            *le as f64 / 1000.0
        );
    }
    let count = METRICS.count.load(Ordering::Relaxed);
    let _ = writeln!(
        out,
        "tgpl_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}"
    );
    let sum = METRICS.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
    let _ = writeln!(out, "tgpl_http_request_duration_seconds_sum {sum}");
    let _ = writeln!(out, "tgpl_http_request_duration_seconds_count {count}");
    out
}

/// Prometheus metrics, served on the metrics listener only (not the API
/// port): request counts and latencies, and whether each dependency can
/// serve (`tgpl_dependency_up{dependency="database"|"document_store"}`).
#[get("/metrics")]
pub async fn metrics(state: actix_web::web::Data<crate::AppState>) -> HttpResponse {
    let (db, store) = tokio::join!(state.db.ping(), state.store.check());
    let mut out = render();
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
    use std::time::Duration;

    #[test]
    fn requests_are_counted_by_class_and_bucket() {
        observe(201, Duration::from_millis(3));
        observe(404, Duration::from_millis(30));
        let text = render();
        assert!(text.contains("tgpl_http_requests_total{class=\"2xx\"}"));
        let line = text
            .lines()
            .find(|l| l.starts_with("tgpl_http_requests_total{class=\"4xx\"}"))
            .unwrap();
        assert!(line.split(' ').nth(1).unwrap().parse::<u64>().unwrap() >= 1);
        assert!(text.contains("tgpl_http_request_duration_seconds_bucket{le=\"0.005\"}"));
    }
}
