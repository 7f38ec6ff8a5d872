//! What happened on a synthetic case after intake: who handled it (a few
//! reassigned at the beneficiary's request), the dated activity log,
//! hearings of litigation cases (some online, some still to come) and, for
//! a share of concluded litigation, a Decision 1179 success assessment.
use super::{Rng, Unit};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use tgpl_domain::case::success::{CRITERIA, SuccessAssessment, SuccessGroup};
use tgpl_domain::case::{
    Activity, ActivityKind, Assignment, Case, CaseFile, CaseState, FormOfAid, Hearing, HearingMode,
};
use uuid::Uuid;

const REASSIGNED: &str = "Người được trợ giúp pháp lý đề nghị thay đổi người thực hiện (mẫu 04)";

/// Activity descriptions by kind, in the words officers use in the log.
const MEETINGS: [&str; 3] = [
    "Gặp người được trợ giúp pháp lý, nghe trình bày nội dung vụ việc",
    "Trao đổi với người được trợ giúp pháp lý về hướng giải quyết",
    "Làm việc với gia đình người được trợ giúp pháp lý",
];
const FILED: [&str; 3] = [
    "Nộp văn bản bảo vệ quyền và lợi ích hợp pháp cho Tòa án",
    "Nộp bản luận cứ bào chữa",
    "Gửi đơn đề nghị thu thập chứng cứ",
];
const STEPS: [&str; 3] = [
    "Nghiên cứu hồ sơ vụ án tại cơ quan tiến hành tố tụng",
    "Tham gia lấy lời khai tại cơ quan điều tra",
    "Tham gia phiên hòa giải tại Tòa án",
];
const ADVICE: [&str; 2] = [
    "Tư vấn bằng văn bản cho người được trợ giúp pháp lý",
    "Hướng dẫn thủ tục và hồ sơ cần chuẩn bị",
];
const OTHER: [&str; 2] = [
    "Làm việc với Ủy ban nhân dân xã thay mặt người được trợ giúp pháp lý",
    "Đại diện người được trợ giúp pháp lý thương lượng với bên kia",
];

fn pick<'a>(rng: &mut Rng, from: &[&'a str]) -> &'a str {
    from[rng.below(from.len() as u64) as usize]
}

/// The case's file: its assignments, activities, hearings and success.
pub(super) fn fill(rng: &mut Rng, unit: &Unit, mut case: Case, today: NaiveDate) -> CaseFile {
    let (Some(current), Some(accepted_on)) = (case.practitioner_id, case.accepted_on) else {
        return CaseFile::new(case);
    };
    let until = case.closed_on.unwrap_or(today).max(accepted_on);
    let mut assignments = Vec::with_capacity(2);
    let mut since = accepted_on;
    let worked_on = !matches!(case.status, CaseState::Accepted | CaseState::Assigned);
    if worked_on && unit.practitioners.len() > 1 && rng.below(100) < 4 {
        let earlier = unit.practitioners[rng.below(unit.practitioners.len() as u64) as usize];
        if earlier != current {
            since = (accepted_on + Duration::days(5 + rng.below(25) as i64)).min(until);
            assignments.push(Assignment {
                id: Uuid::now_v7(),
                practitioner_id: earlier,
                assigned_on: accepted_on,
                ended_on: Some(since),
                reason: None,
            });
        }
    }
    assignments.push(Assignment {
        id: Uuid::now_v7(),
        practitioner_id: current,
        assigned_on: since,
        ended_on: None,
        reason: (since != accepted_on).then(|| REASSIGNED.to_owned()),
    });
    let activities = activities(rng, &case, accepted_on, until);
    let hearings = hearings(rng, &case, accepted_on, until, today, current);
    // Only concluded cases have an outcome to assess.
    if case.outcome.is_some() {
        case.success = success(rng, &case, hearings.last());
    }
    CaseFile {
        case,
        assignments,
        activities,
        hearings,
    }
}

fn activities(rng: &mut Rng, case: &Case, from: NaiveDate, until: NaiveDate) -> Vec<Activity> {
    // The first recorded activity moves an assigned case to in progress
    // (`lifecycle::transition`), so an assigned case has none yet.
    let n = match case.status {
        CaseState::Assigned | CaseState::Accepted => return Vec::new(),
        CaseState::Discontinued => 1 + rng.below(2),
        CaseState::InProgress => 2 + rng.below(3),
        _ => 3 + rng.below(4),
    };
    let days = (until - from).num_days().max(1) as u64;
    let mut dates: Vec<NaiveDate> = (0..n)
        .map(|i| {
            if i == 0 {
                from
            } else {
                from + Duration::days(rng.below(days) as i64)
            }
        })
        .collect();
    dates.sort();
    dates
        .into_iter()
        .enumerate()
        .map(|(i, occurred_on)| {
            let (kind, description) = match (i, case.form_of_aid) {
                (0, _) => (ActivityKind::Meeting, pick(rng, &MEETINGS)),
                (_, FormOfAid::Advice) => (ActivityKind::AdviceGiven, pick(rng, &ADVICE)),
                (_, FormOfAid::OutOfCourtRepresentation) => {
                    (ActivityKind::Other, pick(rng, &OTHER))
                }
                _ if rng.below(2) == 0 => (ActivityKind::ProceduralStep, pick(rng, &STEPS)),
                _ => (ActivityKind::DocumentFiled, pick(rng, &FILED)),
            };
            Activity {
                id: Uuid::now_v7(),
                case_id: case.id,
                kind,
                occurred_on,
                description: description.to_owned(),
                recorded_by: None,
                created_at: at_8_30(occurred_on),
            }
        })
        .collect()
}

/// 08:30 in Vietnam (UTC+7), when courts and offices open.
fn at_8_30(day: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_time(NaiveTime::from_hms_opt(1, 30, 0).unwrap_or_default()))
}

fn hearings(
    rng: &mut Rng,
    case: &Case,
    from: NaiveDate,
    until: NaiveDate,
    today: NaiveDate,
    by: Uuid,
) -> Vec<Hearing> {
    let heard = matches!(
        case.status,
        CaseState::InProgress | CaseState::Concluded | CaseState::Evaluated | CaseState::Archived
    );
    if !case.form_of_aid.is_litigation() || !heard {
        return Vec::new();
    }
    let n = match rng.below(10) {
        0..=6 => 1,
        7..=8 => 2,
        _ => 0,
    };
    let province = case.province_code.map(|p| p.name()).unwrap_or_default();
    (0..n)
        .map(|_| {
            // Cases in progress are heard in the coming weeks as well.
            let day = if case.status == CaseState::InProgress {
                today + Duration::days(rng.below(60) as i64 - 15)
            } else {
                from + Duration::days(rng.below((until - from).num_days().max(1) as u64) as i64)
            };
            // Courts were reorganised into regional courts on 2025-07-01.
            let court = if day >= NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or(day) {
                format!("Tòa án nhân dân khu vực {} – {province}", 1 + rng.below(6))
            } else {
                format!("Tòa án nhân dân {province}")
            };
            // Online hearings: Resolution 33/2021/QH15.
            let online = day.year() >= 2022 && rng.below(100) < 8;
            Hearing {
                id: Uuid::now_v7(),
                case_id: case.id,
                court,
                starts_at: at_8_30(day),
                mode: if online {
                    HearingMode::Online
                } else {
                    HearingMode::InPerson
                },
                location: None,
                notes: None,
                practitioner_id: Some(by),
                recorded_by: None,
                created_at: at_8_30(day.min(today)),
            }
        })
        .collect()
}

/// About a third of concluded litigation meets a Decision 1179 criterion,
/// with the court's decision as evidence.
fn success(rng: &mut Rng, case: &Case, hearing: Option<&Hearing>) -> Option<SuccessAssessment> {
    let hearing = hearing?;
    if rng.below(3) != 0 {
        return None;
    }
    let group = SuccessGroup::of_field(case.field_of_law);
    let criteria: Vec<&str> = CRITERIA
        .iter()
        .filter(|c| c.group == group)
        .map(|c| c.code)
        .collect();
    if criteria.is_empty() {
        return None;
    }
    let criterion = pick(rng, &criteria).to_owned();
    let kind = if group == SuccessGroup::Criminal {
        "HS-ST"
    } else {
        "DS-ST"
    };
    let day = hearing.starts_at.date_naive();
    Some(SuccessAssessment {
        criterion,
        evidence: format!(
            "Bản án số {}/{}/{kind} ngày {} của {}",
            1 + rng.below(300),
            day.format("%Y"),
            day.format("%d/%m/%Y"),
            hearing.court
        ),
        evidence_document_id: None,
    })
}
