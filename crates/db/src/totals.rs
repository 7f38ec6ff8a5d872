//! The case list's totals, kept between requests. Counting what a filter
//! selects costs several times the page itself (up to 10,000 index entries
//! and the rows a filter must read), and people ask again for the same
//! list as they page, sort and come back. A total stays until the outbox
//! moves on (every write of a case appends an event in its own
//! transaction, on whichever replica) or a minute has passed.
use crate::Total;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A safety net for writes that append no event.
const TTL: Duration = Duration::from_secs(60);
const MAX_ENTRIES: usize = 10_000;

#[derive(Debug, Default)]
pub struct TotalsCache {
    /// The count's SQL → (last event sequence when counted, when, total).
    entries: Mutex<HashMap<String, (i64, Instant, Total)>>,
}

impl TotalsCache {
    /// The total counted for `key` while the outbox stood at `seq`.
    pub fn get(&self, key: &str, seq: i64) -> Option<Total> {
        let map = self.entries.lock().ok()?;
        map.get(key)
            .filter(|(at_seq, at, _)| *at_seq == seq && at.elapsed() < TTL)
            .map(|(_, _, total)| *total)
    }

    /// Keeps a total counted after the outbox was read at `seq` (read
    /// first: a write committed in between then has a higher sequence, so
    /// the total is never kept past a change it missed).
    pub fn put(&self, key: String, seq: i64, total: Total) {
        if let Ok(mut map) = self.entries.lock() {
            if map.len() >= MAX_ENTRIES {
                map.retain(|_, (_, at, _)| at.elapsed() < TTL);
            }
            if map.len() < MAX_ENTRIES {
                map.insert(key, (seq, Instant::now(), total));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_total_holds_until_the_outbox_moves_on() {
        let cache = TotalsCache::default();
        let total = Total {
            count: 42,
            exact: true,
        };
        assert_eq!(cache.get("q", 7), None);
        cache.put("q".into(), 7, total);
        assert_eq!(cache.get("q", 7), Some(total));
        assert_eq!(cache.get("q", 8), None, "a write since: counted again");
        assert_eq!(cache.get("other", 7), None);
    }
}
