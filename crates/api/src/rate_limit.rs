//! Rate limits on `/api/v1` (issue #14 item 6), with the IETF `RateLimit`
//! headers (draft-ietf-httpapi-ratelimit-headers) on every counted answer,
//! and a 429 `rate_limited` problem with `Retry-After` past the limit.
//!
//! Each credential (an API key, or a session's access token) has its own
//! allowance; requests without credentials (the public services, logging
//! in) share one per client address. The limiter is `governor`'s GCRA, a
//! token bucket that refills evenly: `q` requests at once, then one every
//! `w / q` seconds. Counts live in the replica's memory: behind N replicas
//! a client gets up to N times the allowance (ADR 0029).
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{ResponseError, web};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use std::hash::{BuildHasher, Hasher};
use std::num::NonZeroU32;
use std::time::Duration;

use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// Requests per minute, per credential and per anonymous client address;
/// `None` turns that limit off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitSettings {
    pub per_credential: Option<NonZeroU32>,
    pub per_address: Option<NonZeroU32>,
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        Self {
            per_credential: NonZeroU32::new(600),
            per_address: NonZeroU32::new(120),
        }
    }
}

type Keyed =
    RateLimiter<u64, DefaultKeyedStateStore<u64>, DefaultClock, StateInformationMiddleware>;

struct Limit {
    name: &'static str,
    per_minute: u32,
    limiter: Keyed,
}

impl Limit {
    fn new(name: &'static str, per_minute: NonZeroU32) -> Self {
        Limit {
            name,
            per_minute: per_minute.get(),
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute))
                .with_middleware::<StateInformationMiddleware>(),
        }
    }
}

/// The limiters of one server (shared by its workers).
pub struct RateLimits {
    credential: Option<Limit>,
    address: Option<Limit>,
    /// Keys the buckets by a keyed hash, so no secret is held as a map key.
    hasher: std::collections::hash_map::RandomState,
    /// Requests counted, to forget idle buckets now and then.
    counted: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimits")
            .field(
                "per_credential",
                &self.credential.as_ref().map(|l| l.per_minute),
            )
            .field("per_address", &self.address.as_ref().map(|l| l.per_minute))
            .finish()
    }
}

/// What one request was told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub policy: &'static str,
    pub limit: u32,
    pub remaining: u32,
    /// Seconds until the allowance is whole again (past the limit: until
    /// the next request is allowed).
    pub reset: u64,
    pub allowed: bool,
}

impl RateLimits {
    pub fn new(settings: RateLimitSettings) -> Self {
        Self {
            credential: settings
                .per_credential
                .map(|n| Limit::new("per-credential", n)),
            address: settings.per_address.map(|n| Limit::new("per-address", n)),
            hasher: std::collections::hash_map::RandomState::new(),
            counted: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Counts one request of a caller (its `Authorization` value) or, with
    /// none, of its address. `None`: that limit is off.
    pub fn check(&self, credential: Option<&str>, address: &str) -> Option<Verdict> {
        let (limit, who) = match credential {
            Some(c) => (self.credential.as_ref()?, c),
            None => (self.address.as_ref()?, address),
        };
        let mut h = self.hasher.build_hasher();
        h.write(who.as_bytes());
        let key = h.finish();
        let n = self
            .counted
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if n % 4096 == 4095 {
            self.sweep();
        }
        let interval = Duration::from_secs(60) / limit.per_minute;
        Some(match limit.limiter.check_key(&key) {
            Ok(state) => {
                let remaining = state.remaining_burst_capacity();
                Verdict {
                    policy: limit.name,
                    limit: limit.per_minute,
                    remaining,
                    reset: ceil_secs(interval * (limit.per_minute - remaining)),
                    allowed: true,
                }
            }
            Err(not_until) => Verdict {
                policy: limit.name,
                limit: limit.per_minute,
                remaining: 0,
                reset: ceil_secs(not_until.wait_time_from(DefaultClock::default().now())).max(1),
                allowed: false,
            },
        })
    }

    /// Forgets buckets that are full again (idle callers), so the maps do
    /// not grow with every token ever seen.
    pub fn sweep(&self) {
        for limit in [&self.credential, &self.address].into_iter().flatten() {
            limit.limiter.retain_recent();
            limit.limiter.shrink_to_fit();
        }
    }
}

fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// The headers of a verdict: the structured fields of the current draft
/// (`RateLimit-Policy: "per-credential";q=600;w=60`, `RateLimit:
/// "per-credential";r=599;t=1`) and the three fields of its earlier
/// drafts, which many clients still read.
pub fn headers(v: &Verdict, h: &mut HeaderMap) {
    let mut set = |name: &'static str, value: String| {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(HeaderName::from_static(name), v);
        }
    };
    set(
        "ratelimit-policy",
        format!("\"{}\";q={};w=60", v.policy, v.limit),
    );
    set(
        "ratelimit",
        format!("\"{}\";r={};t={}", v.policy, v.remaining, v.reset),
    );
    set("ratelimit-limit", v.limit.to_string());
    set("ratelimit-remaining", v.remaining.to_string());
    set("ratelimit-reset", v.reset.to_string());
}

/// Counts every `/api/v1` request against its caller's allowance.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let verdict = req.app_data::<web::Data<AppState>>().and_then(|state| {
        let credential = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.trim().is_empty());
        let address = crate::extract::client_address(req.request());
        state.limits.check(credential, &address)
    });
    let Some(verdict) = verdict else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    if !verdict.allowed {
        crate::metrics::rate_limited();
        let mut res = ApiError(AppError::TooManyRequests {
            retry_after: verdict.reset,
        })
        .error_response();
        headers(&verdict, res.headers_mut());
        return Ok(req.into_response(res).map_into_right_body());
    }
    let mut res = next.call(req).await?.map_into_left_body();
    headers(&verdict, res.headers_mut());
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_credential_has_its_own_allowance_and_anonymous_callers_share_their_address() {
        let limits = RateLimits::new(RateLimitSettings {
            per_credential: NonZeroU32::new(3),
            per_address: NonZeroU32::new(2),
        });
        let told: Vec<(u32, bool)> = (0..4)
            .map(|_| limits.check(Some("ApiKey a"), "10.0.0.1").unwrap())
            .map(|v| (v.remaining, v.allowed))
            .collect();
        assert_eq!(told, [(2, true), (1, true), (0, true), (0, false)]);
        let refused = limits.check(Some("ApiKey a"), "10.0.0.1").unwrap();
        // One request every 20 s refills the bucket: wait up to 20 s.
        assert!((1..=20).contains(&refused.reset), "{refused:?}");
        // Another key, and the same key's address without it, are not touched.
        assert!(limits.check(Some("ApiKey b"), "10.0.0.1").unwrap().allowed);
        let anon: Vec<bool> = (0..3)
            .map(|_| limits.check(None, "10.0.0.1").unwrap().allowed)
            .collect();
        assert_eq!(anon, [true, true, false]);
        assert!(limits.check(None, "10.0.0.2").unwrap().allowed);
        limits.sweep();
    }

    #[test]
    fn a_limit_turned_off_counts_nothing() {
        let limits = RateLimits::new(RateLimitSettings {
            per_credential: None,
            per_address: NonZeroU32::new(1),
        });
        assert_eq!(limits.check(Some("Bearer x"), "10.0.0.1"), None);
        assert!(limits.check(None, "10.0.0.1").unwrap().allowed);
    }

    #[test]
    fn headers_follow_the_draft() {
        let mut h = HeaderMap::new();
        let v = Verdict {
            policy: "per-credential",
            limit: 600,
            remaining: 598,
            reset: 1,
            allowed: true,
        };
        headers(&v, &mut h);
        let get = |n: &str| h.get(n).unwrap().to_str().unwrap().to_owned();
        assert_eq!(get("ratelimit-policy"), "\"per-credential\";q=600;w=60");
        assert_eq!(get("ratelimit"), "\"per-credential\";r=598;t=1");
        assert_eq!(get("ratelimit-remaining"), "598");
    }
}
