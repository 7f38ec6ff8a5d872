//! The daily deadline scan (07:00 Vietnam time): hearings in three days and
//! tomorrow, proof and reassignment answers due on the next working day or
//! today (working days from the holiday table), then the day's digests.
use super::{resolve, schedule_digests, tell};
use crate::{App, AppError};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use tgpl_db::reference;
use tgpl_db::reminders::{self, DeadlineColumn};
use tgpl_domain::notification::{
    Audience, DEADLINES_RUN_IN, HEARING_REMINDER_DAYS, Notice, deadline_reminder, hearing_reminder,
};

/// Midnight starting `day` in Vietnam, as an instant.
fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc() - Duration::hours(7))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// What a scan told, for the logs and the tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ScanReport {
    pub hearings: u64,
    pub proof: u64,
    pub reassignments: u64,
}

/// Who is reminded of a case's deadline (and sees it in their calendar):
/// proof, the centre's intake desk and the practitioner; a reassignment
/// request's answer, the centre's leadership.
pub(crate) fn deadline_audiences(
    which: DeadlineColumn,
    practitioner_id: Option<uuid::Uuid>,
) -> Vec<Audience> {
    match which {
        DeadlineColumn::Proof => std::iter::once(Audience::CentreIntake)
            .chain(practitioner_id.map(Audience::Practitioner))
            .collect(),
        DeadlineColumn::ReassignmentAnswer => vec![Audience::CentreLeadership],
    }
}

/// Scans `day` and tells each reader once (a second scan of the same day
/// finds every notice already there).
pub async fn deadline_scan(
    app: &App,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<ScanReport, AppError> {
    let mut report = ScanReport::default();
    let calendar = reference::calendar(app.db.read()).await?;
    let txn = crate::service::begin(&app.db).await?;

    let furthest = HEARING_REMINDER_DAYS.into_iter().max().unwrap_or(1);
    let upcoming = reminders::hearings_between(
        &txn,
        start_of(day + Duration::days(1)),
        start_of(day + Duration::days(i64::from(furthest) + 1)),
    )
    .await?;
    for h in upcoming {
        let (Some(days_ahead), Some(p)) = (hearing_reminder(h.starts_at, day), h.practitioner_id)
        else {
            continue;
        };
        let notice = Notice::HearingSoon {
            case_id: h.case_id,
            hearing_id: h.hearing_id,
            case_code: h.case_code,
            starts_at: h.starts_at,
            days_ahead,
        };
        for user in tgpl_db::notifications::practitioner_accounts(&txn, p).await? {
            let key = format!("hearing:{}:{days_ahead}", h.hearing_id);
            tell(app, &txn, user, key, notice.clone(), now).await?;
            report.hearings += 1;
        }
    }

    let horizon = calendar.next_working_day(day);
    for which in [DeadlineColumn::Proof, DeadlineColumn::ReassignmentAnswer] {
        let cases = reminders::deadlines_between(
            &txn,
            which,
            day,
            horizon,
            &DEADLINES_RUN_IN,
            tgpl_domain::ScopeFilter::All,
        )
        .await?;
        for d in cases {
            if !deadline_reminder(d.due_on, day, &calendar) {
                continue;
            }
            let (notice, tag) = match which {
                DeadlineColumn::Proof => (
                    Notice::ProofDue {
                        case_id: d.case_id,
                        case_code: d.case_code.clone(),
                        due_on: d.due_on,
                    },
                    "proof",
                ),
                DeadlineColumn::ReassignmentAnswer => (
                    Notice::ReassignmentRequested {
                        case_id: d.case_id,
                        case_code: d.case_code.clone(),
                        answer_due_on: d.due_on,
                    },
                    "reassignment",
                ),
            };
            let audiences = deadline_audiences(which, d.practitioner_id);
            let org = d.organisation_id;
            let mut readers = Vec::new();
            for a in audiences {
                readers.extend(resolve(&txn, a, org, d.centre_id).await?);
            }
            readers.sort();
            readers.dedup();
            for user in readers {
                let key = format!("{tag}:{}:{}:{day}", d.case_id, d.due_on);
                tell(app, &txn, user, key, notice.clone(), now).await?;
                match which {
                    DeadlineColumn::Proof => report.proof += 1,
                    DeadlineColumn::ReassignmentAnswer => report.reassignments += 1,
                }
            }
        }
    }
    crate::service::commit(txn).await?;
    schedule_digests(app, day, now).await?;
    Ok(report)
}
