//! A report's table: rows of the template, each summing the counts of the
//! (field of law, form of aid) groups it holds.
use super::{ColumnRule, ReportPeriod, Template};
use crate::case::{FieldOfLaw, FormOfAid};
use serde::{Deserialize, Serialize};

/// The counts of one (field, form) group, one per template column, as the
/// database aggregates them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub field: FieldOfLaw,
    pub form: FormOfAid,
    pub counts: Vec<u64>,
}

/// One figure: counted to the cut-off, and the projection for the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Cell {
    /// The column's printed number.
    pub column: u16,
    pub actual: u64,
    /// The estimate for the days after the cut-off (0 when all actual).
    pub projected: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct TableRow {
    pub number: String,
    pub label_vi: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Table {
    pub rows: Vec<TableRow>,
}

impl Table {
    /// Lays the groups' counts out as the template's rows.
    pub fn assemble(template: &Template, period: &ReportPeriod, buckets: &[Bucket]) -> Self {
        let rows = template
            .rows
            .iter()
            .map(|row| {
                let cells = template
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, col)| {
                        let actual = buckets
                            .iter()
                            .filter(|b| row.holds(b.field, b.form))
                            .map(|b| b.counts.get(i).copied().unwrap_or(0))
                            .sum();
                        // What was carried over is known at the period's start.
                        let projected = match col.count {
                            ColumnRule::CarriedOver => 0,
                            _ => period.projection(actual),
                        };
                        Cell {
                            column: col.number,
                            actual,
                            projected,
                        }
                    })
                    .collect();
                TableRow {
                    number: row.number.clone(),
                    label_vi: row.label_vi.clone(),
                    cells,
                }
            })
            .collect();
        Self { rows }
    }

    /// The figure of one cell, if the row and column exist.
    pub fn cell(&self, row: &str, column: u16) -> Option<Cell> {
        self.rows
            .iter()
            .find(|r| r.number == row)?
            .cells
            .iter()
            .find(|c| c.column == column)
            .copied()
    }
}
