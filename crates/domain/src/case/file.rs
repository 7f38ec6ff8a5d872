//! The electronic case file (hồ sơ vụ việc, Law 11/2017 Art. 39; Circular
//! 12/2018): the case with who handled it, what was done and the hearings,
//! as one reader opens it.
use super::{Activity, Case, Hearing};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One practitioner's spell on a case: the assignment decision, ended by a
/// change decision when the case is reassigned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub id: Uuid,
    pub practitioner_id: Uuid,
    pub assigned_on: NaiveDate,
    /// The day a later assignment replaced this one; `None` while current.
    pub ended_on: Option<NaiveDate>,
    /// Why the practitioner was changed (e.g. the beneficiary's request).
    pub reason: Option<String>,
}

/// A case with its history, oldest entry first in each list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseFile {
    pub case: Case,
    pub assignments: Vec<Assignment>,
    pub activities: Vec<Activity>,
    pub hearings: Vec<Hearing>,
}

impl CaseFile {
    /// A case with nothing recorded yet beside it (a new request).
    pub fn new(case: Case) -> Self {
        Self {
            case,
            assignments: Vec::new(),
            activities: Vec::new(),
            hearings: Vec::new(),
        }
    }
}
