//! TGPL's use cases, outside HTTP: each takes the caller (an [`Actor`], the
//! request's [`Moment`]) and the repositories, asks `domain::policy`, calls
//! one act of the domain, then persists, audits and writes the act's events
//! in one transaction. `tgpl-api` (HTTP), the `tgpl` CLI and background jobs
//! call these; nothing here knows actix (docs/adr/0012).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod auth;
pub mod clock;
pub mod error;
pub mod jobs;
pub mod maintenance;
pub mod notify;
pub mod service;

pub use clock::SystemClock;
pub use error::{AppError, Fields};

use auth::{JwtKeys, SessionCache};
use std::sync::Arc;
use tgpl_db::Db;
use tgpl_domain::Actor;
use tgpl_domain::clock::{Clock, Moment};
use tgpl_storage::DocumentStore;

/// What the use cases work with: the databases, the document store, the
/// signing keys, the session cache and the clock.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    /// Where case documents live.
    pub store: Arc<dyn DocumentStore>,
    pub keys: Arc<JwtKeys>,
    pub sessions: Arc<SessionCache>,
    pub clock: Arc<dyn Clock>,
    /// How login guessing is throttled.
    pub login_limits: tgpl_domain::auth::LoginLimits,
    /// How long a role that must use a second factor may log in without
    /// one, from its first login (`TGPL_MFA_GRACE_DAYS`).
    pub second_factor_grace: chrono::Duration,
    /// The SMTP relay notices are mailed through; none: in-app only.
    pub mailer: Option<Arc<dyn notify::mail::Mailer>>,
}

impl App {
    pub fn new(db: Db, store: Arc<dyn DocumentStore>, keys: JwtKeys) -> Self {
        Self {
            db,
            store,
            keys: Arc::new(keys),
            sessions: Arc::new(SessionCache::default()),
            clock: Arc::new(SystemClock),
            login_limits: tgpl_domain::auth::LoginLimits::default(),
            second_factor_grace: tgpl_domain::auth::second_factor_grace(),
            mailer: None,
        }
    }

    /// The same application reading another clock (tests set "today").
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub fn with_second_factor_grace(mut self, grace: chrono::Duration) -> Self {
        self.second_factor_grace = grace;
        self
    }

    pub fn with_mailer(mut self, mailer: Arc<dyn notify::mail::Mailer>) -> Self {
        self.mailer = Some(mailer);
        self
    }

    pub fn with_login_limits(mut self, limits: tgpl_domain::auth::LoginLimits) -> Self {
        self.login_limits = limits;
        self
    }

    /// One reading of the clock, for a use case that has no caller (login).
    pub fn moment(&self) -> Moment {
        self.clock.moment()
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("db", &self.db)
            .field("store", &self.store.backend())
            .finish_non_exhaustive()
    }
}

/// Who calls a use case, and when: the clock is read once per request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: Actor,
    /// Absent for API-key callers and the CLI.
    pub session_id: Option<uuid::Uuid>,
    pub request_id: String,
    pub at: Moment,
    /// When the session last checked the password (login or
    /// re-authentication); none for API keys.
    pub authenticated_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl Caller {
    /// Asks `domain::policy` whether the caller may do `action` on a
    /// resource in `scope` (out of scope answers as `entity` not found),
    /// then, for privileged acts, whether the password was checked recently.
    pub fn authorize(
        &self,
        action: tgpl_domain::Action,
        scope: &tgpl_domain::ResourceScope,
        entity: &'static str,
    ) -> Result<(), AppError> {
        tgpl_domain::policy::authorize(&self.actor, action, scope)
            .map_err(error::denied(entity))?;
        self.require_recent_authentication(action)
    }

    /// Refuses a privileged act unless the password was checked within
    /// the last ten minutes (`domain::policy::needs_recent_authentication`).
    pub fn require_recent_authentication(
        &self,
        action: tgpl_domain::Action,
    ) -> Result<(), AppError> {
        if tgpl_domain::policy::recently_authenticated(action, self.authenticated_at, self.at.now) {
            Ok(())
        } else {
            Err(AppError::RecentAuthenticationRequired)
        }
    }

    /// Where the caller sits, as the scope of what they do themselves
    /// (a list page's read event is scoped to its reader).
    pub fn place(&self) -> tgpl_domain::ResourceScope {
        tgpl_domain::ResourceScope {
            org_id: Some(self.actor.org_id),
            centre_id: self.actor.centre_id,
            province: self.actor.province,
            user_id: Some(self.actor.user_id),
            practitioner_id: self.actor.practitioner_id,
        }
    }

    pub fn audit(&self) -> tgpl_db::audit::AuditMeta {
        tgpl_db::audit::AuditMeta::of(&self.actor, self.request_id.clone(), self.at.now)
    }
}

/// Who is asking when they have no account (the public services), with
/// the clock read once for the request.
#[derive(Debug, Clone)]
pub struct Visitor {
    pub request_id: String,
    /// The client address (behind a proxy, the proxy's).
    pub client: String,
    pub at: Moment,
}

impl Visitor {
    pub fn audit(&self) -> tgpl_db::audit::AuditMeta {
        tgpl_db::audit::AuditMeta {
            actor_id: None,
            actor_role: Some("public".to_owned()),
            request_id: Some(self.request_id.clone()),
            at: self.at.now,
        }
    }
}
