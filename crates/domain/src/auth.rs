//! Login rules that do not depend on how passwords are hashed.
use chrono::{DateTime, Duration, Utc};

/// Consecutive failures before an account is locked out for a while.
pub const MAX_FAILED_LOGINS: i32 = 5;
/// How long a lockout after repeated failures lasts.
pub fn lockout_duration() -> Duration {
    Duration::minutes(15)
}
/// Lifetime of an access token.
pub fn access_token_ttl() -> Duration {
    Duration::minutes(15)
}
/// How long a role that must use a second factor may still log in without
/// one, from its first login (the default; deployments configure it).
pub fn second_factor_grace() -> Duration {
    Duration::days(7)
}
/// Lifetime of a login session (the refresh-token family).
pub fn session_ttl() -> Duration {
    Duration::hours(12)
}

/// How long after a refresh token was spent a second use of it counts as
/// two tabs of one browser refreshing at the same moment (both sent the
/// cookie before either got the new one), not as theft: it is refused
/// without revoking the session, and the tab retries with the new cookie.
pub fn refresh_race_window() -> Duration {
    Duration::seconds(10)
}

/// Whether a second use of a refresh token spent at `used_at` (none known:
/// spent by a concurrent request this instant) is such a race.
pub fn refresh_raced(used_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    used_at.is_none_or(|at| now - at <= refresh_race_window())
}

/// How hard login guessing is throttled (OWASP ASVS V2.2). Counters are per
/// client address, per account, and per (account, client) pair: the pair
/// locks after [`MAX_FAILED_LOGINS`], so a stranger's guesses shut out
/// only the stranger's own address; the account as a whole locks only
/// after many more failures from many addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLimits {
    /// Login attempts one client address may make per minute (429 beyond).
    pub per_client_per_minute: i32,
    /// Failures of one (account, client) pair before it is locked out.
    pub per_pair: i32,
    /// Failures of one account from all addresses before it is locked out.
    pub per_account: i32,
}

impl Default for LoginLimits {
    fn default() -> Self {
        Self {
            per_client_per_minute: 20,
            per_pair: MAX_FAILED_LOGINS,
            per_account: 50,
        }
    }
}

/// How long a failed login answer waits: longer with each failure in a row
/// (0.25 s per failure after the first, at most 2 s), so that guessing is
/// slow even below the lockout threshold.
pub fn progressive_delay(failures: i32) -> std::time::Duration {
    let steps = u64::try_from(failures.saturating_sub(1).max(0)).unwrap_or(0);
    std::time::Duration::from_millis((steps * 250).min(2_000))
}

/// The outcome of a failed password check on an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailedLogin {
    pub failed_logins: i32,
    pub locked_until: Option<DateTime<Utc>>,
}

/// Counts a failure and locks the account out after too many in a row.
pub fn register_failure(previous_failures: i32, now: DateTime<Utc>) -> FailedLogin {
    let failed_logins = previous_failures.saturating_add(1);
    let locked_until = (failed_logins >= MAX_FAILED_LOGINS).then(|| now + lockout_duration());
    FailedLogin {
        failed_logins: if locked_until.is_some() {
            0
        } else {
            failed_logins
        },
        locked_until,
    }
}

/// Whether a temporary lockout is still running.
pub fn is_locked_out(locked_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    locked_until.is_some_and(|until| until > now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_in_a_row_waits_longer_up_to_two_seconds() {
        assert_eq!(progressive_delay(1), std::time::Duration::ZERO);
        assert_eq!(progressive_delay(3).as_millis(), 500);
        assert_eq!(progressive_delay(40).as_millis(), 2_000);
    }

    #[test]
    fn fifth_failure_locks_for_fifteen_minutes() {
        let now = DateTime::<Utc>::UNIX_EPOCH;
        let mut failures = 0;
        for _ in 0..4 {
            let f = register_failure(failures, now);
            assert_eq!(f.locked_until, None);
            failures = f.failed_logins;
        }
        let f = register_failure(failures, now);
        assert_eq!(f.locked_until, Some(now + Duration::minutes(15)));
        assert!(is_locked_out(f.locked_until, now + Duration::minutes(14)));
        assert!(!is_locked_out(f.locked_until, now + Duration::minutes(15)));
    }
}
