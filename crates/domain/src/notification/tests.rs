use super::*;
use crate::case::event::SENSITIVE_FIELDS;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn every_notice() -> Vec<Notice> {
    let case_id = Uuid::now_v7();
    let t = d(2026, 12, 4).and_hms_opt(1, 30, 0).unwrap().and_utc();
    vec![
        Notice::CaseAssigned {
            case_id,
            case_code: Some("TT.TV.01.2026".into()),
            on: d(2026, 12, 1),
        },
        Notice::ReassignmentRequested {
            case_id,
            case_code: Some("TT.TV.01.2026".into()),
            answer_due_on: d(2026, 12, 4),
        },
        Notice::ProofDue {
            case_id,
            case_code: None,
            due_on: d(2026, 12, 4),
        },
        Notice::HearingSoon {
            case_id,
            hearing_id: Uuid::now_v7(),
            case_code: Some("CN1.TGTT.02.2026".into()),
            starts_at: t,
            days_ahead: 1,
        },
        Notice::OnlineRequestArrived {
            case_id,
            on: d(2026, 12, 1),
        },
        Notice::AccountLocked { until: Some(t) },
        Notice::AccountLocked { until: None },
        Notice::UserLockedOut {
            user_id: Uuid::now_v7(),
            username: "tgv.hanoi".into(),
            until: t,
        },
        Notice::PasswordChanged { at: t },
        Notice::NewSignIn { at: t },
    ]
}

#[test]
fn no_notice_carries_a_sensitive_field() {
    for n in every_notice() {
        let v = serde_json::to_value(&n).unwrap();
        for key in v.as_object().unwrap().keys() {
            assert!(!SENSITIVE_FIELDS.contains(&key.as_str()), "{key} in {n:?}");
        }
    }
}

#[test]
fn notices_read_in_vietnamese_with_dates_as_dd_mm_yyyy_and_vietnam_time() {
    let n = &every_notice()[3];
    let m = n.render(Language::Vi);
    assert_eq!(m.subject, "Ngày mai có phiên tòa vụ việc CN1.TGTT.02.2026");
    // 01:30 UTC is 08:30 in Vietnam.
    assert!(m.body.contains("08:30 04/12/2026"), "{}", m.body);
    let en = n.render(Language::En);
    assert_eq!(en.subject, "Hearing tomorrow in case CN1.TGTT.02.2026");
    for n in every_notice() {
        let vi = n.render(Language::Vi);
        let en = n.render(Language::En);
        assert!(!vi.subject.is_empty() && !vi.body.is_empty());
        assert_ne!(vi.subject, en.subject, "{n:?} has no Vietnamese text");
    }
}

#[test]
fn the_kind_round_trips_through_its_name() {
    for k in NotificationKind::ALL {
        assert_eq!(NotificationKind::parse(k.as_str()).unwrap(), k);
        assert_eq!(
            serde_json::to_value(k).unwrap(),
            serde_json::Value::String(k.as_str().into())
        );
    }
    assert!(NotificationKind::parse("nope").is_err());
}

#[test]
fn an_assignment_tells_the_practitioner_and_a_reassignment_request_the_leadership() {
    let case = Uuid::now_v7();
    let p = Uuid::now_v7();
    let assigned = CaseEvent::Assigned {
        on: d(2026, 12, 1),
        practitioner_id: p,
    };
    let out = notices_of(&assigned, case, Some("TT.TV.01.2026"));
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].0, Audience::Practitioner(p));
    let asked = CaseEvent::ReassignmentRequested {
        on: d(2026, 12, 1),
        answer_due_on: d(2026, 12, 4),
    };
    let out = notices_of(&asked, case, None);
    assert_eq!(out[0].0, Audience::CentreLeadership);
    let archived = CaseEvent::Archived { on: d(2026, 12, 1) };
    assert!(notices_of(&archived, case, None).is_empty());
}

#[test]
fn hearings_are_reminded_three_days_before_and_the_day_before() {
    // 02:00 UTC on the 10th is 09:00 on the 10th in Vietnam.
    let starts = d(2026, 12, 10).and_hms_opt(2, 0, 0).unwrap().and_utc();
    assert_eq!(hearing_reminder(starts, d(2026, 12, 7)), Some(3));
    assert_eq!(hearing_reminder(starts, d(2026, 12, 9)), Some(1));
    assert_eq!(hearing_reminder(starts, d(2026, 12, 8)), None);
    assert_eq!(hearing_reminder(starts, d(2026, 12, 10)), None);
    // 20:00 UTC on the 9th is already the 10th in Vietnam.
    let late = d(2026, 12, 9).and_hms_opt(20, 0, 0).unwrap().and_utc();
    assert_eq!(hearing_reminder(late, d(2026, 12, 9)), Some(1));
}

#[test]
fn deadlines_are_reminded_on_the_working_day_before_and_on_the_day() {
    let cal = HolidayCalendar::vietnam_default();
    // Monday 2026-12-07 is due: reminded on Friday the 4th and on the day.
    let due = d(2026, 12, 7);
    assert!(deadline_reminder(due, d(2026, 12, 4), &cal));
    assert!(!deadline_reminder(due, d(2026, 12, 5), &cal), "Saturday");
    assert!(!deadline_reminder(due, d(2026, 12, 3), &cal));
    assert!(deadline_reminder(due, d(2026, 12, 7), &cal));
    assert!(!deadline_reminder(due, d(2026, 12, 8), &cal), "past");
}

#[test]
fn security_notices_are_always_mailed_at_once() {
    assert_eq!(
        Delivery::effective(NotificationKind::AccountLocked, Some(Delivery::InAppOnly)),
        Delivery::Immediate
    );
    assert_eq!(
        Delivery::effective(NotificationKind::HearingSoon, Some(Delivery::DailyDigest)),
        Delivery::DailyDigest
    );
    assert_eq!(
        Delivery::effective(NotificationKind::HearingSoon, None),
        Delivery::Immediate
    );
}

#[test]
fn the_daily_scan_runs_at_seven_in_vietnam() {
    let at = daily_scan_at(d(2026, 12, 2));
    assert_eq!(at, d(2026, 12, 2).and_hms_opt(0, 0, 0).unwrap().and_utc());
    assert_eq!(vietnam_date(at), d(2026, 12, 2));
}

#[test]
fn the_digest_lists_each_notice() {
    let notices = every_notice();
    let m = digest(d(2026, 12, 2), &notices, Language::Vi);
    assert_eq!(m.subject, "TGPL: tổng hợp thông báo ngày 02/12/2026");
    assert_eq!(
        m.body.lines().filter(|l| l.starts_with("- ")).count(),
        notices.len()
    );
}
