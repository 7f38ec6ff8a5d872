//! `GET /cases/{id}`: the whole case file in one response (hồ sơ vụ việc,
//! Law 11/2017 Art. 39), so a reader needs no second request for who
//! handled the case, what was done and when it is heard.
use crate::cases::{ActivityDto, CaseDto, HearingDto};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tgpl_domain::case::completeness::Completeness;
use tgpl_domain::case::{Assignment, CaseFile};
use utoipa::ToSchema;
use uuid::Uuid;

/// One practitioner's spell on the case.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AssignmentDto {
    pub id: Uuid,
    pub practitioner_id: Uuid,
    pub assigned_on: NaiveDate,
    /// When a change decision replaced this assignment; null while current.
    pub ended_on: Option<NaiveDate>,
    /// Why the practitioner was changed.
    pub reason: Option<String>,
}

impl From<Assignment> for AssignmentDto {
    fn from(a: Assignment) -> Self {
        Self {
            id: a.id,
            practitioner_id: a.practitioner_id,
            assigned_on: a.assigned_on,
            ended_on: a.ended_on,
            reason: a.reason,
        }
    }
}

/// The case with its assignment history, activity log and hearings, each
/// oldest first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CaseFileDto {
    #[serde(flatten)]
    pub case: CaseDto,
    pub assignments: Vec<AssignmentDto>,
    pub activities: Vec<ActivityDto>,
    pub hearings: Vec<HearingDto>,
}

impl CaseFileDto {
    /// The file as of `today` (see [`CaseDto::new`]).
    pub fn new(file: CaseFile, completeness: Completeness, today: NaiveDate) -> Self {
        Self {
            case: CaseDto::new(file.case, completeness, today),
            assignments: file.assignments.into_iter().map(Into::into).collect(),
            activities: file.activities.into_iter().map(Into::into).collect(),
            hearings: file.hearings.into_iter().map(Into::into).collect(),
        }
    }
}
