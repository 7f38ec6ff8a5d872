//! The system clock: the one place outside start-up that reads the
//! machine's time (`clippy.toml` bans `Utc::now` everywhere else).
use chrono::{DateTime, Utc};
use tgpl_domain::clock::Clock;

#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}
