//! Domain events: what each act of the law did to a case, as the rest of the
//! system learns it (the case timeline, notifications, the change feed,
//! webhooks, the citizen's progress lookup). A payload holds ids, dates,
//! codes and enums only: never a name, a summary, a free text or an
//! eligibility category ([`SENSITIVE_FIELDS`]), so the outbox can be read
//! without masking (Law 11/2017 Art. 6; Law 91/2025).
use super::{
    ActivityKind, CaseCode, Channel, DiscontinuationGround, FieldOfLaw, FormOfAid, HearingMode,
    RefusalGround,
};
use crate::evaluation::Grade;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The fields of a case record that carry personal or sensitive data; no
/// event payload may hold one (a test walks every event).
pub const SENSITIVE_FIELDS: [&str; 13] = [
    "full_name",
    "sex",
    "date_of_birth",
    "procedural_role",
    "ethnicity",
    "address",
    "phone",
    "id_number",
    "summary",
    "description",
    "outcome",
    "eligibility_codes",
    "missing_proof",
];

/// One thing that happened to a case, in the law's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CaseEvent {
    /// The request (form 02-TP-TGPL) was received.
    Received {
        on: NaiveDate,
        channel: Channel,
        form_of_aid: FormOfAid,
        field_of_law: FieldOfLaw,
        urgent: bool,
    },
    /// The requester was asked in writing for `documents` missing papers.
    SupplementRequested {
        on: NaiveDate,
        documents: u32,
    },
    /// The missing papers came in.
    SupplementReceived {
        on: NaiveDate,
    },
    /// Refused by written notice (Law 11/2017 Art. 30(3)).
    Refused {
        on: NaiveDate,
        ground: RefusalGround,
    },
    /// Entered in the register: the case code is issued.
    Accepted {
        on: NaiveDate,
        #[cfg_attr(feature = "utoipa", schema(value_type = String))]
        code: CaseCode,
        register_no: u32,
        /// An urgent case accepted with proof to follow, due by this day.
        proof_due_on: Option<NaiveDate>,
    },
    Assigned {
        on: NaiveDate,
        practitioner_id: Uuid,
    },
    /// Another practitioner took over (change decision).
    Reassigned {
        on: NaiveDate,
        from_practitioner_id: Uuid,
        practitioner_id: Uuid,
    },
    /// The beneficiary asked for another practitioner (form 04).
    ReassignmentRequested {
        on: NaiveDate,
        answer_due_on: NaiveDate,
    },
    /// The centre answered that request without changing the practitioner.
    ReassignmentDeclined {
        on: NaiveDate,
    },
    ActivityRecorded {
        on: NaiveDate,
        activity_id: Uuid,
        kind: ActivityKind,
    },
    HearingScheduled {
        hearing_id: Uuid,
        starts_at: DateTime<Utc>,
        mode: HearingMode,
    },
    Concluded {
        on: NaiveDate,
        /// The Decision 1179 criterion met, when assessed successful.
        success_criterion: Option<String>,
    },
    /// Aid stopped by written notice (Law 11/2017 Art. 37).
    Discontinued {
        on: NaiveDate,
        ground: DiscontinuationGround,
    },
    /// The quality evaluation was recorded with its sheet: the total out of
    /// the sheet's points and the grade (absent on events written before
    /// the sheet was required).
    Evaluated {
        on: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total: Option<u16>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        grade: Option<Grade>,
    },
    Archived {
        on: NaiveDate,
    },
    /// The record was corrected or completed after intake: the names of the
    /// fields changed (`summary`, `field_of_law`, `party.phone`, …, comma
    /// separated), never their values.
    Amended {
        on: NaiveDate,
        fields: String,
    },
    /// A party's personal data was corrected at the person's request (Law
    /// 91/2025): which party and how many fields, never the values.
    PartyCorrected {
        on: NaiveDate,
        party_id: Uuid,
        fields_changed: u32,
    },
    /// A party's identity was removed at the person's request (Law
    /// 91/2025): the case and its legal facts stay and are still counted.
    PartyAnonymised {
        on: NaiveDate,
        party_id: Uuid,
    },
    /// A refused request was erased at the person's request: nothing the
    /// law requires to keep remains of the people in it.
    RequestErased {
        on: NaiveDate,
    },
    /// Carried over from the old system on `on`, where it stood at `status`;
    /// the events before it are its history there, with the old dates.
    Imported {
        on: NaiveDate,
        status: super::CaseState,
    },
}

impl CaseEvent {
    /// Every type name [`CaseEvent::kind`] gives (webhook subscriptions
    /// choose among them).
    pub const KINDS: [&'static str; 20] = [
        "case.received",
        "case.supplement_requested",
        "case.supplement_received",
        "case.refused",
        "case.accepted",
        "case.assigned",
        "case.reassigned",
        "case.reassignment_requested",
        "case.reassignment_declined",
        "case.activity_recorded",
        "case.hearing_scheduled",
        "case.concluded",
        "case.discontinued",
        "case.evaluated",
        "case.archived",
        "case.amended",
        "case.party_corrected",
        "case.party_anonymised",
        "case.request_erased",
        "case.imported",
    ];

    /// The stable type name stored in the outbox (`case.accepted`).
    pub fn kind(&self) -> &'static str {
        match self {
            CaseEvent::Received { .. } => "case.received",
            CaseEvent::SupplementRequested { .. } => "case.supplement_requested",
            CaseEvent::SupplementReceived { .. } => "case.supplement_received",
            CaseEvent::Refused { .. } => "case.refused",
            CaseEvent::Accepted { .. } => "case.accepted",
            CaseEvent::Assigned { .. } => "case.assigned",
            CaseEvent::Reassigned { .. } => "case.reassigned",
            CaseEvent::ReassignmentRequested { .. } => "case.reassignment_requested",
            CaseEvent::ReassignmentDeclined { .. } => "case.reassignment_declined",
            CaseEvent::ActivityRecorded { .. } => "case.activity_recorded",
            CaseEvent::HearingScheduled { .. } => "case.hearing_scheduled",
            CaseEvent::Concluded { .. } => "case.concluded",
            CaseEvent::Discontinued { .. } => "case.discontinued",
            CaseEvent::Evaluated { .. } => "case.evaluated",
            CaseEvent::Archived { .. } => "case.archived",
            CaseEvent::Amended { .. } => "case.amended",
            CaseEvent::PartyCorrected { .. } => "case.party_corrected",
            CaseEvent::PartyAnonymised { .. } => "case.party_anonymised",
            CaseEvent::RequestErased { .. } => "case.request_erased",
            CaseEvent::Imported { .. } => "case.imported",
        }
    }

    /// The day the event is dated on (a hearing: the day it was scheduled for).
    pub fn on(&self) -> NaiveDate {
        match self {
            CaseEvent::Received { on, .. }
            | CaseEvent::SupplementRequested { on, .. }
            | CaseEvent::SupplementReceived { on }
            | CaseEvent::Refused { on, .. }
            | CaseEvent::Accepted { on, .. }
            | CaseEvent::Assigned { on, .. }
            | CaseEvent::Reassigned { on, .. }
            | CaseEvent::ReassignmentRequested { on, .. }
            | CaseEvent::ReassignmentDeclined { on }
            | CaseEvent::ActivityRecorded { on, .. }
            | CaseEvent::Concluded { on, .. }
            | CaseEvent::Discontinued { on, .. }
            | CaseEvent::Evaluated { on, .. }
            | CaseEvent::Archived { on }
            | CaseEvent::Amended { on, .. }
            | CaseEvent::PartyCorrected { on, .. }
            | CaseEvent::PartyAnonymised { on, .. }
            | CaseEvent::RequestErased { on }
            | CaseEvent::Imported { on, .. } => *on,
            CaseEvent::HearingScheduled { starts_at, .. } => {
                crate::calendar::vietnam_date(*starts_at)
            }
        }
    }

    /// How the case timeline names the event.
    pub fn label_vi(&self) -> &'static str {
        Self::kind_label_vi(self.kind()).unwrap_or_default()
    }

    /// How the case timeline names an event of `kind` (`case.accepted`, …);
    /// `None` for a kind this version does not know.
    pub fn kind_label_vi(kind: &str) -> Option<&'static str> {
        Some(match kind {
            "case.received" => "Tiếp nhận yêu cầu trợ giúp pháp lý",
            "case.supplement_requested" => "Đề nghị bổ sung giấy tờ",
            "case.supplement_received" => "Đã nhận giấy tờ bổ sung",
            "case.refused" => "Từ chối thụ lý",
            "case.accepted" => "Thụ lý vụ việc, cấp mã vụ việc",
            "case.assigned" => "Phân công người thực hiện",
            "case.reassigned" => "Thay đổi người thực hiện",
            "case.reassignment_requested" => "Đề nghị thay đổi người thực hiện (mẫu 04)",
            "case.reassignment_declined" => "Trả lời đề nghị thay đổi người thực hiện",
            "case.activity_recorded" => "Ghi nhận công việc thực hiện",
            "case.hearing_scheduled" => "Lịch phiên tòa",
            "case.concluded" => "Kết thúc vụ việc",
            "case.discontinued" => "Không tiếp tục thực hiện trợ giúp pháp lý",
            "case.evaluated" => "Đánh giá chất lượng",
            "case.archived" => "Lưu trữ hồ sơ",
            "case.amended" => "Sửa, bổ sung thông tin hồ sơ",
            "case.party_corrected" => "Chỉnh sửa dữ liệu cá nhân theo yêu cầu",
            "case.party_anonymised" => "Ẩn danh dữ liệu cá nhân theo yêu cầu",
            "case.request_erased" => "Xóa dữ liệu cá nhân của yêu cầu bị từ chối",
            "case.imported" => "Chuyển dữ liệu từ hệ thống cũ",
            _ => return None,
        })
    }
}

/// An event as the outbox recorded it: its place in the gap-free sequence,
/// when and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedEvent {
    pub seq: i64,
    pub id: Uuid,
    pub case_id: Uuid,
    pub recorded_at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub event: CaseEvent,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OrgAbbreviation;

    fn every_event() -> Vec<CaseEvent> {
        let on = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let id = Uuid::from_u128(7);
        let code = CaseCode::new(
            &OrgAbbreviation::parse("TT").unwrap(),
            FormOfAid::Advice,
            1,
            2026,
        )
        .unwrap();
        vec![
            CaseEvent::Received {
                on,
                channel: Channel::InPerson,
                form_of_aid: FormOfAid::Advice,
                field_of_law: FieldOfLaw::Land,
                urgent: false,
            },
            CaseEvent::SupplementRequested { on, documents: 2 },
            CaseEvent::SupplementReceived { on },
            CaseEvent::Refused {
                on,
                ground: RefusalGround::NotEligibleMatter,
            },
            CaseEvent::Accepted {
                on,
                code,
                register_no: 1,
                proof_due_on: Some(on),
            },
            CaseEvent::Assigned {
                on,
                practitioner_id: id,
            },
            CaseEvent::Reassigned {
                on,
                from_practitioner_id: id,
                practitioner_id: id,
            },
            CaseEvent::ReassignmentRequested {
                on,
                answer_due_on: on,
            },
            CaseEvent::ReassignmentDeclined { on },
            CaseEvent::ActivityRecorded {
                on,
                activity_id: id,
                kind: ActivityKind::Meeting,
            },
            CaseEvent::HearingScheduled {
                hearing_id: id,
                starts_at: on.and_hms_opt(2, 0, 0).unwrap().and_utc(),
                mode: HearingMode::Online,
            },
            CaseEvent::Concluded {
                on,
                success_criterion: Some("criminal.1".into()),
            },
            CaseEvent::Discontinued {
                on,
                ground: DiscontinuationGround::Withdrawn,
            },
            CaseEvent::Evaluated {
                on,
                total: Some(86),
                grade: Some(Grade::Good),
            },
            CaseEvent::Archived { on },
            CaseEvent::Amended {
                on,
                fields: "summary,party.phone".into(),
            },
            CaseEvent::PartyCorrected {
                on,
                party_id: id,
                fields_changed: 2,
            },
            CaseEvent::PartyAnonymised { on, party_id: id },
            CaseEvent::RequestErased { on },
            CaseEvent::Imported {
                on,
                status: crate::CaseState::Archived,
            },
        ]
    }

    #[test]
    fn every_event_kind_has_its_timeline_label() {
        for e in every_event() {
            assert!(!e.label_vi().is_empty(), "{}", e.kind());
            assert_eq!(CaseEvent::kind_label_vi(e.kind()), Some(e.label_vi()));
        }
        assert_eq!(CaseEvent::kind_label_vi("case.unknown"), None);
    }

    #[test]
    fn no_event_payload_holds_a_sensitive_field() {
        let events = every_event();
        let kinds: std::collections::BTreeSet<_> = events.iter().map(CaseEvent::kind).collect();
        assert_eq!(kinds.len(), events.len(), "one sample of each event");
        for e in events {
            let json = serde_json::to_value(&e).unwrap();
            let obj = json.as_object().unwrap();
            for key in obj.keys() {
                assert!(
                    !SENSITIVE_FIELDS.contains(&key.as_str()),
                    "{} carries {key}",
                    e.kind()
                );
            }
            // Every value is an id, a date, a number, a flag or a code.
            for (key, value) in obj {
                assert!(
                    !value.is_object() && !value.is_array(),
                    "{}.{key} nests data",
                    e.kind()
                );
            }
            assert_eq!(obj["type"], e.kind().trim_start_matches("case."));
            let back: CaseEvent = serde_json::from_value(json).unwrap();
            assert_eq!(back, e);
        }
    }
}
