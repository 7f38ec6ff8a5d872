//! The legal-aid hotline (issue #12): operators at the national
//! information and data centre, and at centres, record each call (caller,
//! topic, the advice given or where it was forwarded, duration). A call can
//! become a request in the right centre's intake queue (channel `hotline`),
//! and a promised callback is due within a window of working time that is
//! reference data (e.g. two working hours); a missed window is flagged.
use crate::calendar::{HolidayCalendar, VIETNAM_UTC_OFFSET_HOURS};
use crate::case::FieldOfLaw;
use chrono::{DateTime, Duration, NaiveDateTime, NaiveTime, Utc};
use uuid::Uuid;

/// Office hours of state bodies, Vietnam time, on working days: the
/// morning and the afternoon session (an assumption; the window's length
/// is the configurable part).
const SESSIONS: [(u32, u32); 2] = [(8 * 60, 12 * 60), (13 * 60, 17 * 60)];

fn at_minute(day: chrono::NaiveDate, minute: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(minute))
}

/// The callback window where the reference data holds none: two working
/// hours.
pub const DEFAULT_CALLBACK_MINUTES: u32 = 120;

/// The instant `minutes` of office time after `start`: time outside the
/// sessions, weekends and holidays does not count.
pub fn add_working_minutes(
    calendar: &HolidayCalendar,
    start: DateTime<Utc>,
    minutes: u32,
) -> DateTime<Utc> {
    let offset = Duration::hours(VIETNAM_UTC_OFFSET_HOURS);
    let mut t = (start + offset).naive_utc();
    let mut left = i64::from(minutes);
    loop {
        let day = t.date();
        if calendar.is_working_day(day) {
            for (open, close) in SESSIONS {
                let (open, close) = (at_minute(day, open), at_minute(day, close));
                if t < open {
                    t = open;
                }
                if t < close {
                    let room = (close - t).num_minutes();
                    if left <= room {
                        return (t + Duration::minutes(left)).and_utc() - offset;
                    }
                    left -= room;
                    t = close;
                }
            }
        }
        t = calendar.next_working_day(day).and_time(NaiveTime::MIN);
    }
}

/// What came of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CallOutcome {
    /// The operator answered the question.
    Advised,
    /// Passed to a centre's intake queue as a request.
    Forwarded,
    /// Someone calls the caller back within the window.
    CallbackPromised,
}

impl CallOutcome {
    pub const ALL: [CallOutcome; 3] = [Self::Advised, Self::Forwarded, Self::CallbackPromised];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Advised => "advised",
            Self::Forwarded => "forwarded",
            Self::CallbackPromised => "callback_promised",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A call carries a request for a centre's queue exactly when it was
    /// forwarded.
    pub fn check_request(self, has_request: bool) -> Result<(), CallError> {
        match (self == Self::Forwarded, has_request) {
            (true, false) => Err(CallError::RequestRequired),
            (false, true) => Err(CallError::RequestUnused),
            _ => Ok(()),
        }
    }
}

/// A call the hotline took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub id: Uuid,
    /// The operator's account and unit.
    pub operator_id: Uuid,
    pub org_id: Uuid,
    pub centre_id: Option<Uuid>,
    pub province: Option<crate::ProvinceCode>,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub topic: String,
    pub field_of_law: Option<FieldOfLaw>,
    pub advice: Option<String>,
    pub outcome: CallOutcome,
    pub started_at: DateTime<Utc>,
    pub duration_seconds: u32,
    /// The intake item a forwarded call became.
    pub intake_id: Option<Uuid>,
    pub callback_due_at: Option<DateTime<Utc>>,
    pub called_back_at: Option<DateTime<Utc>>,
    pub version: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    #[error("a callback needs the caller's phone number")]
    CallbackWithoutPhone,
    #[error("no callback was promised on this call")]
    NoCallbackPromised,
    #[error("the caller was already called back")]
    AlreadyCalledBack,
    #[error("a call lasts at most 24 hours")]
    ImplausibleDuration,
    #[error("say which centre takes the request, and what it is")]
    RequestRequired,
    #[error("only a call with outcome `forwarded` carries a request")]
    RequestUnused,
}

impl CallError {
    pub fn code(self) -> &'static str {
        match self {
            Self::CallbackWithoutPhone => "hotline.callback_without_phone",
            Self::NoCallbackPromised => "hotline.no_callback_promised",
            Self::AlreadyCalledBack => "hotline.already_called_back",
            Self::ImplausibleDuration => "hotline.implausible_duration",
            Self::RequestRequired => "hotline.forward_required",
            Self::RequestUnused => "hotline.forward_unused",
        }
    }
}

impl Call {
    pub fn scope(&self) -> crate::ResourceScope {
        crate::ResourceScope {
            org_id: Some(self.org_id),
            centre_id: self.centre_id,
            province: self.province,
            user_id: None,
            practitioner_id: None,
        }
    }

    /// Checks a call as recorded, and dates its callback: `window` minutes
    /// of office time after the call ended.
    pub fn check(
        &mut self,
        calendar: &HolidayCalendar,
        window_minutes: u32,
    ) -> Result<(), CallError> {
        if self.duration_seconds > 24 * 3600 {
            return Err(CallError::ImplausibleDuration);
        }
        self.callback_due_at = None;
        if self.outcome == CallOutcome::CallbackPromised {
            if self.caller_phone.is_none() {
                return Err(CallError::CallbackWithoutPhone);
            }
            let ended = self.started_at + Duration::seconds(i64::from(self.duration_seconds));
            self.callback_due_at = Some(add_working_minutes(calendar, ended, window_minutes));
        }
        Ok(())
    }

    /// The caller was called back at `at`.
    pub fn called_back(&mut self, at: DateTime<Utc>) -> Result<(), CallError> {
        if self.callback_due_at.is_none() {
            return Err(CallError::NoCallbackPromised);
        }
        if self.called_back_at.is_some() {
            return Err(CallError::AlreadyCalledBack);
        }
        self.called_back_at = Some(at);
        Ok(())
    }

    /// Whether the promised callback missed its window: not made by the
    /// due time (made late, or not yet made at `now`).
    pub fn callback_missed(&self, now: DateTime<Utc>) -> bool {
        match (self.callback_due_at, self.called_back_at) {
            (Some(due), Some(done)) => done > due,
            (Some(due), None) => now > due,
            (None, _) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// An instant given in Vietnam time.
    fn vn(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
            .and_utc()
            - Duration::hours(7)
    }

    #[test]
    fn working_minutes_skip_lunch_nights_weekends_and_holidays() {
        let cal = HolidayCalendar::new([NaiveDate::from_ymd_opt(2026, 9, 2).unwrap()]);
        // Tuesday 10:30 + 2 h: 90 minutes before lunch, 30 after it.
        assert_eq!(
            add_working_minutes(&cal, vn(2026, 6, 2, 10, 30), 120),
            vn(2026, 6, 2, 13, 30)
        );
        assert_eq!(
            add_working_minutes(&cal, vn(2026, 6, 2, 9, 0), 120),
            vn(2026, 6, 2, 11, 0)
        );
        // In the lunch break, the clock starts at 13:00.
        assert_eq!(
            add_working_minutes(&cal, vn(2026, 6, 2, 12, 20), 60),
            vn(2026, 6, 2, 14, 0)
        );
        // Friday 16:00 + 2 h: one hour on Friday, one on Monday.
        assert_eq!(
            add_working_minutes(&cal, vn(2026, 6, 5, 16, 0), 120),
            vn(2026, 6, 8, 9, 0)
        );
        // A Saturday night call: Monday from 08:00.
        assert_eq!(
            add_working_minutes(&cal, vn(2026, 6, 6, 22, 0), 120),
            vn(2026, 6, 8, 10, 0)
        );
        // Before National Day (Wednesday 2 September, a holiday): Thursday.
        assert_eq!(
            add_working_minutes(&cal, vn(2026, 9, 1, 16, 30), 60),
            vn(2026, 9, 3, 8, 30)
        );
    }

    fn call(outcome: CallOutcome, phone: Option<&str>) -> Call {
        Call {
            id: Uuid::nil(),
            operator_id: Uuid::nil(),
            org_id: Uuid::nil(),
            centre_id: None,
            province: None,
            caller_name: Some("Chị Hằng".into()),
            caller_phone: phone.map(str::to_owned),
            topic: "Tranh chấp đất đai với hàng xóm".into(),
            field_of_law: Some(FieldOfLaw::Land),
            advice: None,
            outcome,
            started_at: vn(2026, 6, 2, 9, 0),
            duration_seconds: 600,
            intake_id: None,
            callback_due_at: None,
            called_back_at: None,
            version: 1,
        }
    }

    #[test]
    fn only_a_forwarded_call_carries_a_request() {
        assert_eq!(CallOutcome::Forwarded.check_request(true), Ok(()));
        assert_eq!(
            CallOutcome::Forwarded.check_request(false),
            Err(CallError::RequestRequired)
        );
        assert_eq!(
            CallOutcome::Advised.check_request(true),
            Err(CallError::RequestUnused)
        );
        assert_eq!(CallOutcome::CallbackPromised.check_request(false), Ok(()));
    }

    #[test]
    fn a_promised_callback_is_due_in_office_time_and_flagged_when_missed() {
        let cal = HolidayCalendar::new(std::iter::empty());
        let mut c = call(CallOutcome::CallbackPromised, None);
        assert_eq!(c.check(&cal, 120), Err(CallError::CallbackWithoutPhone));
        let mut c = call(CallOutcome::CallbackPromised, Some("0915000111"));
        c.check(&cal, 120).unwrap();
        // Ended 09:10, due 11:10.
        assert_eq!(c.callback_due_at, Some(vn(2026, 6, 2, 11, 10)));
        assert!(!c.callback_missed(vn(2026, 6, 2, 11, 10)));
        assert!(c.callback_missed(vn(2026, 6, 2, 11, 11)));
        let mut late = c.clone();
        late.called_back(vn(2026, 6, 2, 14, 0)).unwrap();
        assert!(late.callback_missed(vn(2026, 6, 2, 15, 0)));
        assert_eq!(
            late.called_back(vn(2026, 6, 2, 15, 0)),
            Err(CallError::AlreadyCalledBack)
        );
        c.called_back(vn(2026, 6, 2, 10, 0)).unwrap();
        assert!(!c.callback_missed(vn(2026, 6, 3, 10, 0)));
        let mut advised = call(CallOutcome::Advised, None);
        advised.check(&cal, 120).unwrap();
        assert_eq!(advised.callback_due_at, None);
        assert_eq!(
            advised.called_back(vn(2026, 6, 2, 10, 0)),
            Err(CallError::NoCallbackPromised)
        );
    }
}
