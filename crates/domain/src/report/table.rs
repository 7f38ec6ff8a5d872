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

/// A figure the unit enters for one cell's estimate instead of the
/// projection (Circular 03/2019 Art. 6: the estimate is the unit's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct EstimateEntry {
    /// A detailed row's number (e.g. `1.2.1`): totals are their sums.
    pub row: String,
    pub column: u16,
    pub value: u64,
}

/// The most a unit may enter for one cell.
pub const MAX_ESTIMATE: u64 = 1_000_000;

impl Table {
    /// Replaces the projection of the detailed cells the unit entered, then
    /// sums every total row again from its detailed rows, so the table
    /// stays consistent. Problems are per entry (`estimates[i]`).
    pub fn with_estimates(
        mut self,
        template: &Template,
        entries: &[EstimateEntry],
    ) -> Result<Self, Vec<crate::error::FieldProblem>> {
        use crate::error::FieldProblem;
        let sets: Vec<Vec<(FieldOfLaw, FormOfAid)>> = template
            .rows
            .iter()
            .map(|r| {
                FieldOfLaw::ALL
                    .iter()
                    .flat_map(|f| FormOfAid::ALL.iter().map(move |g| (*f, *g)))
                    .filter(|(f, g)| r.holds(*f, *g))
                    .collect()
            })
            .collect();
        let within = |a: &[(FieldOfLaw, FormOfAid)], b: &[(FieldOfLaw, FormOfAid)]| {
            a.iter().all(|x| b.contains(x))
        };
        let leaf: Vec<bool> = (0..sets.len())
            .map(|i| {
                !(0..sets.len())
                    .any(|j| j != i && sets[j].len() < sets[i].len() && within(&sets[j], &sets[i]))
            })
            .collect();
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (k, e) in entries.iter().enumerate() {
            let field = format!("estimates[{k}]");
            let Some(i) = self.rows.iter().position(|r| r.number == e.row) else {
                problems.push(FieldProblem::new(
                    &field,
                    "report.cell_unknown",
                    format!("the form has no row '{}'", e.row),
                ));
                continue;
            };
            let Some(c) = self.rows[i].cells.iter().position(|c| c.column == e.column) else {
                problems.push(FieldProblem::new(
                    &field,
                    "report.cell_unknown",
                    format!("the form has no column {}", e.column),
                ));
                continue;
            };
            if !leaf[i] {
                problems.push(FieldProblem::new(
                    &field,
                    "report.estimate_on_total",
                    format!(
                        "row '{}' is a total: enter the estimate on its detailed rows",
                        e.row
                    ),
                ));
            } else if e.value > MAX_ESTIMATE {
                problems.push(FieldProblem::new(
                    &field,
                    "report.estimate_too_large",
                    format!("at most {MAX_ESTIMATE}"),
                ));
            } else if !seen.insert((i, c)) {
                problems.push(FieldProblem::new(
                    &field,
                    "report.estimate_twice",
                    "this cell is entered twice",
                ));
            } else {
                self.rows[i].cells[c].projected = e.value;
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        for i in (0..self.rows.len()).filter(|i| !leaf[*i]) {
            for c in 0..self.rows[i].cells.len() {
                self.rows[i].cells[c].projected = (0..self.rows.len())
                    .filter(|j| leaf[*j] && within(&sets[*j], &sets[i]))
                    .map(|j| self.rows[j].cells.get(c).map_or(0, |x| x.projected))
                    .sum();
            }
        }
        Ok(self)
    }
}
