//! A short-lived memory of which sessions are usable and which access
//! tokens were verified, so that each request need neither query the
//! database nor check an Ed25519 signature again. Revocations on this
//! replica clear it at once; other replicas notice within [`TTL`].
use super::Claims;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use uuid::Uuid;

pub const TTL: Duration = Duration::from_secs(2);
const MAX_ENTRIES: usize = 100_000;

#[derive(Debug, Default)]
pub struct SessionCache {
    entries: Mutex<HashMap<Uuid, (Instant, bool)>>,
    verified: Mutex<HashMap<String, (Instant, Claims)>>,
}

impl SessionCache {
    pub fn get(&self, sid: Uuid) -> Option<bool> {
        let map = self.entries.lock().ok()?;
        map.get(&sid)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, usable)| *usable)
    }

    pub fn put(&self, sid: Uuid, usable: bool) {
        if let Ok(mut map) = self.entries.lock() {
            if map.len() >= MAX_ENTRIES {
                map.retain(|_, (at, _)| at.elapsed() < TTL);
            }
            map.insert(sid, (Instant::now(), usable));
        }
    }

    /// Claims of a token whose signature was checked within [`TTL`] and
    /// that has not expired since (`now` in Unix seconds).
    pub fn verified(&self, token: &str, now: i64) -> Option<Claims> {
        let map = self.verified.lock().ok()?;
        map.get(token)
            .filter(|(at, claims)| at.elapsed() < TTL && claims.exp > now)
            .map(|(_, claims)| claims.clone())
    }

    pub fn put_verified(&self, token: &str, claims: &Claims) {
        if let Ok(mut map) = self.verified.lock() {
            if map.len() >= MAX_ENTRIES {
                map.retain(|_, (at, _)| at.elapsed() < TTL);
            }
            map.insert(token.to_owned(), (Instant::now(), claims.clone()));
        }
    }

    /// Forget everything: after any revocation or lock.
    pub fn clear(&self) {
        if let Ok(mut map) = self.entries.lock() {
            map.clear();
        }
    }
}
