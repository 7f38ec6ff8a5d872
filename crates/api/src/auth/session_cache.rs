//! A short-lived memory of which sessions are usable, so that each request
//! need not query the database. Revocations on this replica clear it at
//! once; other replicas notice within [`TTL`].
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use uuid::Uuid;

pub const TTL: Duration = Duration::from_secs(2);
const MAX_ENTRIES: usize = 100_000;

#[derive(Debug, Default)]
pub struct SessionCache {
    entries: Mutex<HashMap<Uuid, (Instant, bool)>>,
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

    /// Forget everything: after any revocation or lock.
    pub fn clear(&self) {
        if let Ok(mut map) = self.entries.lock() {
            map.clear();
        }
    }
}
