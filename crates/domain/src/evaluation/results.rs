//! A plan's results by practitioner, organisation or province: how many
//! cases were drawn and scored, the grades, the mean score and the share
//! graded good.
use super::{Grade, Item, ItemStatus};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What results are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    Practitioner,
    Organisation,
    Province,
}

/// One group's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ResultRow {
    /// The practitioner's or organisation's id, or the province code;
    /// empty for cases nobody was assigned to.
    pub key: String,
    pub drawn: u32,
    pub scored: u32,
    pub good: u32,
    pub satisfactory: u32,
    pub unsatisfactory: u32,
    /// Mean total of the scored cases (0 when none is scored).
    pub average: f64,
    /// Scored cases graded good, in percent of the scored (0 when none).
    pub share_good: f64,
}

/// Results grouped as asked, in key order.
pub fn results(items: &[Item], by: GroupBy) -> Vec<ResultRow> {
    let mut groups: BTreeMap<String, Vec<&Item>> = BTreeMap::new();
    for i in items {
        let key = match by {
            GroupBy::Practitioner => i.practitioner_id.map(|p| p.to_string()),
            GroupBy::Organisation => Some(i.organisation_id.to_string()),
            GroupBy::Province => i.province_code.map(String::from),
        }
        .unwrap_or_default();
        groups.entry(key).or_default().push(i);
    }
    groups
        .into_iter()
        .map(|(key, items)| row(key, &items))
        .collect()
}

/// Every item together, as one row with an empty key.
pub fn overall(items: &[Item]) -> ResultRow {
    let all: Vec<&Item> = items.iter().collect();
    row(String::new(), &all)
}

fn row(key: String, items: &[&Item]) -> ResultRow {
    let scored: Vec<_> = items
        .iter()
        .filter(|i| i.status == ItemStatus::Scored)
        .filter_map(|i| i.scored.as_ref())
        .collect();
    let count = |g: Grade| scored.iter().filter(|s| s.grade == g).count() as u32;
    let n = scored.len() as u32;
    let sum: u32 = scored.iter().map(|s| u32::from(s.total)).sum();
    let good = count(Grade::Good);
    ResultRow {
        key,
        drawn: items.len() as u32,
        scored: n,
        good,
        satisfactory: count(Grade::Satisfactory),
        unsatisfactory: count(Grade::Unsatisfactory),
        average: if n == 0 {
            0.0
        } else {
            f64::from(sum) / f64::from(n)
        },
        share_good: if n == 0 {
            0.0
        } else {
            100.0 * f64::from(good) / f64::from(n)
        },
    }
}
