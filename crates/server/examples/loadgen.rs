//! Open-loop load generator for BENCHMARKS.md: `C` keep-alive connections
//! send GET requests at a fixed overall rate `R`, request `i` being due at
//! `start + i / R` whether or not earlier answers have come back. Latency
//! is measured from when a request was due, not when it was sent, so a
//! stalled server shows up in the percentiles instead of quietly lowering
//! the rate (the "coordinated omission" of closed-loop tools like wrk).
//!
//! Usage: loadgen <http://host:port> <paths-file> <rate/s> <connections> <seconds>
//! with `AUTH` (the Authorization header) in the environment; the paths
//! file holds one request per line, used in rotation: a path (GET), or
//! `POST <path> <JSON body>`. `XFF_ROTATE=N` sends each request from one of
//! N client addresses in `X-Forwarded-For` (for a server that trusts the
//! generator as its proxy, so per-address limits see many citizens).
#![allow(clippy::print_stdout, clippy::expect_used, clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

struct Plan {
    host: String,
    paths: Vec<String>,
    auth: Option<String>,
    xff_rotate: u64,
    rate: f64,
    start: Instant,
    total: u64,
    next: AtomicU64,
}

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u64>,
    non_2xx: u64,
    errors: u64,
}

/// One keep-alive connection taking the next due request until all are done.
async fn connection(plan: Arc<Plan>) -> Tally {
    let mut tally = Tally::default();
    let mut conn: Option<BufReader<TcpStream>> = None;
    loop {
        let i = plan.next.fetch_add(1, Ordering::Relaxed);
        if i >= plan.total {
            return tally;
        }
        let due = plan.start + Duration::from_secs_f64(i as f64 / plan.rate);
        tokio::time::sleep_until(due.into()).await;
        let path = &plan.paths[i as usize % plan.paths.len()];
        match request(&plan, &mut conn, path, i).await {
            Ok(status) => {
                tally.latencies_us.push(due.elapsed().as_micros() as u64);
                if !(200..300).contains(&status) {
                    tally.non_2xx += 1;
                }
            }
            Err(_) => {
                tally.errors += 1;
                conn = None;
            }
        }
    }
}

async fn request(
    plan: &Plan,
    conn: &mut Option<BufReader<TcpStream>>,
    line: &str,
    i: u64,
) -> std::io::Result<u16> {
    if conn.is_none() {
        let s = TcpStream::connect(plan.host.as_str()).await?;
        s.set_nodelay(true)?;
        *conn = Some(BufReader::new(s));
    }
    let c = conn.as_mut().unwrap();
    let auth = plan
        .auth
        .as_deref()
        .map(|a| format!("Authorization: {a}\r\n"))
        .unwrap_or_default();
    let xff = if plan.xff_rotate > 0 {
        let n = i % plan.xff_rotate;
        format!(
            "X-Forwarded-For: 10.{}.{}.{}\r\n",
            (n >> 16) & 255,
            (n >> 8) & 255,
            n & 255
        )
    } else {
        String::new()
    };
    let req = match line.strip_prefix("POST ") {
        Some(rest) => {
            let (path, body) = rest.split_once(' ').unwrap_or((rest, ""));
            format!(
                "POST {path} HTTP/1.1\r\nHost: {}\r\n{auth}{xff}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                plan.host,
                body.len()
            )
        }
        None => format!(
            "GET {line} HTTP/1.1\r\nHost: {}\r\n{auth}{xff}\r\n",
            plan.host
        ),
    };
    c.get_mut().write_all(req.as_bytes()).await?;
    let mut line = String::new();
    c.read_line(&mut line).await?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = 0usize;
    loop {
        line.clear();
        if c.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().map_err(std::io::Error::other)?;
        }
    }
    let mut body = vec![0; length];
    c.read_exact(&mut body).await?;
    Ok(status)
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 6 {
        eprintln!(
            "usage: loadgen <http://host:port> <paths-file> <rate/s> <connections> <seconds>"
        );
        std::process::exit(2);
    }
    let host = args[1]
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let paths: Vec<String> = std::fs::read_to_string(&args[2])
        .expect("paths file")
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let rate: f64 = args[3].parse().expect("rate");
    let conns: usize = args[4].parse().expect("connections");
    let seconds: f64 = args[5].parse().expect("seconds");
    let plan = Arc::new(Plan {
        host,
        paths,
        auth: std::env::var("AUTH").ok(),
        xff_rotate: std::env::var("XFF_ROTATE")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
        rate,
        start: Instant::now() + Duration::from_millis(100),
        total: (rate * seconds) as u64,
        next: AtomicU64::new(0),
    });
    let tasks: Vec<_> = (0..conns)
        .map(|_| tokio::spawn(connection(plan.clone())))
        .collect();
    let mut all = Tally::default();
    for t in tasks {
        let t = t.await.expect("connection task");
        all.latencies_us.extend(t.latencies_us);
        all.non_2xx += t.non_2xx;
        all.errors += t.errors;
    }
    let elapsed = plan.start.elapsed().as_secs_f64();
    all.latencies_us.sort_unstable();
    let l = &all.latencies_us;
    println!(
        "RESULT target={rate:.0}/s achieved={:.0}/s conns={conns} p50={:.2} p95={:.2} p99={:.2} max={:.2} errors={} non2xx={}",
        l.len() as f64 / elapsed,
        percentile(l, 50.0),
        percentile(l, 95.0),
        percentile(l, 99.0),
        percentile(l, 100.0),
        all.errors,
        all.non_2xx
    );
}
