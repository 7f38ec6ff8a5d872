//! `GET /cases/{id}`: the whole case file in one response (hồ sơ vụ việc,
//! Law 11/2017 Art. 39), so a reader needs no second request for who
//! handled the case, what was done and when it is heard.
use crate::cases::{ActivityDto, CaseDto, HearingDto};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tgpl_domain::case::completeness::Completeness;
use tgpl_domain::case::{Assignment, CaseEvent, CaseFile, CommandKind, RecordedEvent};
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
    /// What happened to the case, in order: received, accepted (with code),
    /// assigned and reassigned, activities, hearings, concluded,
    /// discontinued, evaluated, archived.
    pub timeline: Vec<TimelineEntryDto>,
}

/// One entry of the case timeline, read from the event outbox.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TimelineEntryDto {
    /// Position in the system-wide event sequence.
    pub seq: i64,
    /// `case.accepted`, `case.assigned`, …
    #[serde(rename = "type")]
    pub type_: String,
    /// The entry as the Vietnamese timeline names it.
    pub label_vi: String,
    pub occurred_on: NaiveDate,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    pub actor_id: Option<Uuid>,
    /// The event's data (ids, dates, codes; never personal data), as
    /// documented by `CaseEvent`. Kept as plain JSON on the wire type: the
    /// web app shows `type` and `label_vi` and need not carry a decoder for
    /// every event shape (about 80 KB of wasm).
    #[schema(value_type = CaseEvent)]
    pub event: serde_json::Value,
}

impl From<RecordedEvent> for TimelineEntryDto {
    fn from(r: RecordedEvent) -> Self {
        Self {
            seq: r.seq,
            type_: r.event.kind().to_owned(),
            label_vi: r.event.label_vi().to_owned(),
            occurred_on: r.event.on(),
            recorded_at: r.recorded_at,
            actor_id: r.actor_id,
            event: serde_json::to_value(&r.event).unwrap_or_default(),
        }
    }
}

impl CaseFileDto {
    /// The file as of `today` (see [`CaseDto::new`]).
    pub fn new(
        file: CaseFile,
        completeness: Completeness,
        allowed_commands: Vec<CommandKind>,
        today: NaiveDate,
        timeline: Vec<RecordedEvent>,
    ) -> Self {
        Self {
            case: CaseDto::new(file.case, completeness, allowed_commands, today),
            timeline: timeline.into_iter().map(Into::into).collect(),
            assignments: file.assignments.into_iter().map(Into::into).collect(),
            activities: file.activities.into_iter().map(Into::into).collect(),
            hearings: file.hearings.into_iter().map(Into::into).collect(),
        }
    }
}
