//! What happened on a synthetic case after intake: who handled it (a few
//! reassigned at the beneficiary's request), the dated activity log,
//! hearings of litigation cases (some online, some still to come) and, for
//! a share of concluded litigation, a Decision 1179 success assessment.
use super::{Rng, Unit};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use tgpl_domain::case::success::{CRITERIA, SuccessAssessment, SuccessGroup};
use tgpl_domain::case::{
    ActivityKind, Assignment, Candidate, Case, CaseEvent, CaseFile, CaseState, Conclusion,
    DiscontinuationGround, FormOfAid, Hearing, HearingMode, NewHearing,
};
use tgpl_domain::clock::Moment;
use tgpl_domain::evaluation::{Mark, Scored, circular_12_2018_sheet};
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

fn fail<T>(r: Result<T, tgpl_domain::case::rules::RuleError>) -> Option<T> {
    r.ok()
}

/// Handles an accepted case through the acts up to `target`: the first
/// assignment (a few reassigned at the beneficiary's request), the dated
/// activity log, the hearings of litigation, then conclusion (some
/// successful), discontinuation, evaluation or archiving.
#[allow(clippy::too_many_arguments)]
pub(super) fn work(
    rng: &mut Rng,
    unit: &Unit,
    case: &mut Case,
    events: &mut Vec<CaseEvent>,
    target: CaseState,
    accepted_on: NaiveDate,
    closed_on: NaiveDate,
    today: NaiveDate,
) -> Option<(CaseFile, Vec<CaseEvent>)> {
    let pick_practitioner =
        |rng: &mut Rng| unit.practitioners[rng.below(unit.practitioners.len() as u64) as usize];
    let candidate = |id: Uuid| Candidate {
        practitioner_id: id,
        full_name: "",
        active: true,
        other_cases: &[],
    };
    let current = pick_practitioner(rng);
    let until = closed_on.max(accepted_on);
    let worked_on = !matches!(target, CaseState::Accepted | CaseState::Assigned);
    let earlier = pick_practitioner(rng);
    let reassigned = worked_on && earlier != current && rng.below(100) < 4;
    let first = if reassigned { earlier } else { current };
    events.extend(fail(
        case.assign(candidate(first), Moment::on(accepted_on)),
    )?);
    let mut activities = Vec::new();
    let mut hearings = Vec::new();
    if worked_on {
        let dates = activity_dates(rng, target, accepted_on, until);
        // The change decision comes before one of the later activities.
        let change_at = reassigned.then(|| 1 + rng.below(dates.len().max(2) as u64 - 1) as usize);
        for (i, occurred_on) in dates.iter().copied().enumerate() {
            if change_at == Some(i) {
                events.extend(fail(
                    case.reassign(candidate(current), Moment::on(occurred_on)),
                )?);
            }
            let (kind, description) = activity_text(rng, i, case.form_of_aid);
            let (a, e) = fail(case.record_activity(
                kind,
                occurred_on,
                description,
                None,
                Moment::on(occurred_on),
            ))?;
            activities.push(a);
            events.extend(e);
        }
        if change_at.is_some_and(|k| k >= dates.len()) {
            let last = dates.last().copied().unwrap_or(accepted_on);
            events.extend(fail(case.reassign(candidate(current), Moment::on(last)))?);
            let (kind, description) = activity_text(rng, dates.len(), case.form_of_aid);
            let (a, e) =
                fail(case.record_activity(kind, last, description, None, Moment::on(last)))?;
            activities.push(a);
            events.extend(e);
        }
        for (day, court, mode) in hearing_plan(rng, case, target, accepted_on, until, today) {
            let (h, e) = fail(case.schedule_hearing(
                NewHearing {
                    court,
                    starts_at: at_8_30(day),
                    mode,
                    location: None,
                    notes: None,
                    practitioner_id: Some(current),
                    recorded_by: None,
                },
                Moment::on(day.min(today)),
            ))?;
            hearings.push(h);
            events.push(e);
        }
    }
    let close = Moment::on(closed_on);
    match target {
        CaseState::Discontinued => {
            events.extend(fail(
                case.discontinue(DiscontinuationGround::Withdrawn, close),
            )?);
        }
        CaseState::Concluded | CaseState::Evaluated | CaseState::Archived => {
            let success = success(rng, case, hearings.last());
            events.extend(fail(case.conclude(
                Conclusion {
                    outcome: "Đã hoàn thành vụ việc".to_owned(),
                    success,
                    evidence_on_file: false,
                },
                close,
            ))?);
            if target == CaseState::Evaluated {
                events.extend(fail(case.evaluate(&sheet(rng), close))?);
            }
            if target == CaseState::Archived {
                events.extend(fail(case.archive(close))?);
            }
        }
        _ => {}
    }
    let assignments = assignments_of(events);
    Some((
        CaseFile {
            case: case.clone(),
            assignments,
            activities,
            hearings,
        },
        std::mem::take(events),
    ))
}

/// The assignment decisions, from the case's events.
fn assignments_of(events: &[CaseEvent]) -> Vec<Assignment> {
    let mut out: Vec<Assignment> = Vec::with_capacity(2);
    for e in events {
        let (on, practitioner_id, reason) = match e {
            CaseEvent::Assigned {
                on,
                practitioner_id,
            } => (*on, *practitioner_id, None),
            CaseEvent::Reassigned {
                on,
                practitioner_id,
                ..
            } => (*on, *practitioner_id, Some(REASSIGNED.to_owned())),
            _ => continue,
        };
        if let Some(last) = out.last_mut() {
            last.ended_on = Some(on);
        }
        out.push(Assignment {
            id: Uuid::now_v7(),
            practitioner_id,
            assigned_on: on,
            ended_on: None,
            reason,
        });
    }
    out
}

fn activity_dates(
    rng: &mut Rng,
    target: CaseState,
    from: NaiveDate,
    until: NaiveDate,
) -> Vec<NaiveDate> {
    let n = match target {
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
                (from + Duration::days(rng.below(days) as i64)).min(until)
            }
        })
        .collect();
    dates.sort();
    dates
}

fn activity_text(rng: &mut Rng, i: usize, form: FormOfAid) -> (ActivityKind, &'static str) {
    match (i, form) {
        (0, _) => (ActivityKind::Meeting, pick(rng, &MEETINGS)),
        (_, FormOfAid::Advice) => (ActivityKind::AdviceGiven, pick(rng, &ADVICE)),
        (_, FormOfAid::OutOfCourtRepresentation) => (ActivityKind::Other, pick(rng, &OTHER)),
        _ if rng.below(2) == 0 => (ActivityKind::ProceduralStep, pick(rng, &STEPS)),
        _ => (ActivityKind::DocumentFiled, pick(rng, &FILED)),
    }
}

/// 08:30 in Vietnam (UTC+7), when courts and offices open.
fn at_8_30(day: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_time(NaiveTime::from_hms_opt(1, 30, 0).unwrap_or_default()))
}

/// When, where and how a litigation case is heard (none for other forms).
fn hearing_plan(
    rng: &mut Rng,
    case: &Case,
    target: CaseState,
    from: NaiveDate,
    until: NaiveDate,
    today: NaiveDate,
) -> Vec<(NaiveDate, String, HearingMode)> {
    let heard = matches!(
        target,
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
    let mut plan: Vec<(NaiveDate, String, HearingMode)> = (0..n)
        .map(|_| {
            // Cases in progress are heard in the coming weeks as well.
            let day = if target == CaseState::InProgress {
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
            let mode = if online {
                HearingMode::Online
            } else {
                HearingMode::InPerson
            };
            (day, court, mode)
        })
        .collect();
    plan.sort_by_key(|(day, _, _)| *day);
    plan
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

/// A filled sheet for a synthetic evaluation: each criterion given between
/// half and all of its points, judged by the sheet of Circular 12/2018.
fn sheet(rng: &mut Rng) -> Scored {
    let sheet = circular_12_2018_sheet();
    let marks: Vec<Mark> = sheet
        .groups
        .iter()
        .flat_map(|g| g.criteria.iter())
        .map(|c| Mark {
            criterion: c.key.clone(),
            points: c.points / 2 + rng.below(u64::from(c.points - c.points / 2) + 1) as u8,
        })
        .collect();
    match sheet.score(&marks) {
        Ok(scored) => scored,
        // Unreachable: every criterion within its points.
        Err(_) => Scored {
            sheet_id: sheet.id.clone(),
            marks,
            total: 0,
            grade: sheet.grade(0),
        },
    }
}
