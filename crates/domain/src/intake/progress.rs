//! What the citizen's progress lookup shows (issue #12): the steps of the
//! case with their dates, and nothing personal. The steps come from the
//! case's events (the outbox), so the lookup and the case file's timeline
//! tell the same story.
use crate::case::{CaseEvent, RecordedEvent};
use chrono::NaiveDate;
use serde::Serialize;

/// One step as the lookup names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicStep {
    /// The event's type without its `case.` prefix (`accepted`).
    pub kind: &'static str,
    /// In plain Vietnamese.
    pub label: &'static str,
    pub on: NaiveDate,
}

/// The events a citizen is told about, in plain words; the centre's
/// internal work (activities, evaluation) is left out.
fn public_label(event: &CaseEvent) -> Option<&'static str> {
    Some(match event {
        CaseEvent::Received { .. } => "Trung tâm đã nhận yêu cầu",
        CaseEvent::SupplementRequested { .. } => "Cần bổ sung giấy tờ",
        CaseEvent::SupplementReceived { .. } => "Đã nhận giấy tờ bổ sung",
        CaseEvent::Refused { .. } => "Yêu cầu không được thụ lý",
        CaseEvent::Accepted { .. } => "Đã thụ lý, có mã vụ việc",
        CaseEvent::Assigned { .. } => "Đã cử người giúp",
        CaseEvent::Reassigned { .. } => "Đã đổi người giúp",
        CaseEvent::ReassignmentRequested { .. } => "Đã nhận đề nghị đổi người giúp",
        CaseEvent::ReassignmentDeclined { .. } => "Đã trả lời đề nghị đổi người giúp",
        CaseEvent::HearingScheduled { .. } => "Có lịch phiên tòa",
        CaseEvent::Concluded { .. } => "Vụ việc đã kết thúc",
        CaseEvent::Discontinued { .. } => "Dừng trợ giúp pháp lý",
        CaseEvent::Archived { .. } => "Hồ sơ đã lưu trữ",
        CaseEvent::PartyCorrected { .. } => "Đã sửa thông tin cá nhân theo yêu cầu",
        CaseEvent::PartyAnonymised { .. } | CaseEvent::RequestErased { .. } => {
            "Đã xóa thông tin cá nhân theo yêu cầu"
        }
        CaseEvent::ActivityRecorded { .. }
        | CaseEvent::Amended { .. }
        | CaseEvent::Evaluated { .. }
        | CaseEvent::Imported { .. } => return None,
    })
}

/// The public steps of a timeline, oldest first.
pub fn public_steps(timeline: &[RecordedEvent]) -> Vec<PublicStep> {
    timeline
        .iter()
        .filter_map(|r| {
            public_label(&r.event).map(|label| PublicStep {
                kind: r.event.kind().trim_start_matches("case."),
                label,
                on: r.event.on(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::ActivityKind;
    use uuid::Uuid;

    fn recorded(event: CaseEvent) -> RecordedEvent {
        RecordedEvent {
            seq: 1,
            id: Uuid::from_u128(1),
            case_id: Uuid::from_u128(2),
            recorded_at: chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap(),
            actor_id: None,
            event,
        }
    }

    #[test]
    fn internal_work_is_not_a_public_step() {
        let on = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let steps = public_steps(&[
            recorded(CaseEvent::SupplementReceived { on }),
            recorded(CaseEvent::ActivityRecorded {
                on,
                activity_id: Uuid::from_u128(3),
                kind: ActivityKind::Meeting,
            }),
            recorded(CaseEvent::Evaluated {
                on,
                total: None,
                grade: None,
            }),
            recorded(CaseEvent::Archived { on }),
        ]);
        let kinds: Vec<_> = steps.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, ["supplement_received", "archived"]);
    }
}
