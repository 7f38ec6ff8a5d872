//! Drawing an evaluation plan's sample (DOMAIN §7, Circular 12/2018
//! Art. 15): a share of the concluded cases in scope not yet evaluated, at
//! least one case per practitioner, never a case twice, reproducible from
//! its recorded seed.
//!
//! The generator is SplitMix64 with a Fisher–Yates shuffle, written here
//! rather than taken from `rand`: a plan's sample must be redrawn
//! identically years later, and `rand` does not promise value stability
//! across versions. The algorithm's name is recorded with the seed.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Recorded with every plan so the sample can be redrawn and checked.
pub const ALGORITHM: &str = "splitmix64-fisher-yates-v1";

/// A case the plan could draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub case_id: Uuid,
    /// Who handled it; a case nobody was assigned to only fills the rate.
    pub practitioner_id: Option<Uuid>,
}

/// The sampling rate in whole percent, 1–100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Rate(u8);

impl Rate {
    pub fn parse(percent: u8) -> Result<Self, crate::ParseError> {
        if (1..=100).contains(&percent) {
            Ok(Self(percent))
        } else {
            Err(crate::ParseError::new(
                "evaluation.rate_invalid",
                format!("the sampling rate is 1 to 100 percent, not {percent}"),
            ))
        }
    }

    pub fn percent(self) -> u8 {
        self.0
    }

    /// How many of `n` cases the rate asks for, rounded up.
    pub fn of(self, n: usize) -> usize {
        (n * usize::from(self.0)).div_ceil(100)
    }
}

struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), without modulo bias.
    fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let v = self.next();
            if v < zone {
                return v % n;
            }
        }
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

/// Draws the sample: first one case of each practitioner (in id order, a
/// random one of theirs), then random others until the rate is met. The
/// result is in draw order. The same candidates and seed always give the
/// same sample, whatever order the candidates come in.
pub fn draw(candidates: &[Candidate], rate: Rate, seed: u64) -> Vec<Uuid> {
    let mut pool: Vec<Candidate> = candidates.to_vec();
    pool.sort_by_key(|c| c.case_id);
    pool.dedup_by_key(|c| c.case_id);
    let mut rng = SplitMix64(seed);
    rng.shuffle(&mut pool);
    let mut chosen: Vec<Uuid> = Vec::new();
    let mut taken = std::collections::HashSet::new();
    // After the shuffle, a practitioner's first case is a random one of theirs.
    let mut practitioners: Vec<Uuid> = pool.iter().filter_map(|c| c.practitioner_id).collect();
    practitioners.sort();
    practitioners.dedup();
    for p in practitioners {
        if let Some(c) = pool.iter().find(|c| c.practitioner_id == Some(p)) {
            chosen.push(c.case_id);
            taken.insert(c.case_id);
        }
    }
    let wanted = rate.of(pool.len());
    for c in &pool {
        if chosen.len() >= wanted {
            break;
        }
        if taken.insert(c.case_id) {
            chosen.push(c.case_id);
        }
    }
    chosen
}
