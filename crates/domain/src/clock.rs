//! Time as a parameter (kanidm's habit): the application reads the clock
//! once per request and hands the [`Moment`] to every act, so deadlines and
//! date-effective rules are testable and no rule reads the machine's date.
use crate::calendar::vietnam_date;
use chrono::{DateTime, NaiveDate, Utc};

/// Where "now" comes from: the system clock in production, a fixed one in tests.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// Now, and the day it is in Vietnam (the day legal acts are dated).
    fn moment(&self) -> Moment {
        Moment::at(self.now())
    }
}

/// One reading of the clock: the instant and the legal date (Vietnam, UTC+7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
}

impl Moment {
    pub fn at(now: DateTime<Utc>) -> Self {
        Self {
            now,
            today: vietnam_date(now),
        }
    }

    /// Noon in Vietnam on `day` (05:00 UTC): for tests and generated data.
    pub fn on(day: NaiveDate) -> Self {
        let now = day
            .and_hms_opt(5, 0, 0)
            .map(|t| t.and_utc())
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        Self { now, today: day }
    }
}

/// A clock that always answers the same instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}
