//! Quality evaluation (DOMAIN §7): the scoring sheet and its grades, and
//! the sample an evaluation plan draws.
pub mod plan;
pub mod results;
pub mod sample;
pub mod sheet;

pub use plan::{Item, ItemStatus, Plan, ScoreRefusal};
pub use results::{GroupBy, ResultRow};
pub use sample::{ALGORITHM, Candidate, Rate, draw};
pub use sheet::{
    Criterion, CriterionGroup, Grade, Mark, ScoreSheet, Scored, Thresholds, circular_12_2018_sheet,
    sheet_for,
};

#[cfg(test)]
mod tests;
