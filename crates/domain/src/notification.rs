//! Who is told what, and when (issue #14). A notice holds ids, case codes,
//! dates and counts only, never a name, a summary or a category, so that
//! it can go by mail and sit in an inbox without masking (Law 11/2017
//! Art. 6; DOMAIN §11). The texts are rendered when read, in the reader's
//! language (Vietnamese first, English second).
use crate::calendar::{HolidayCalendar, vietnam_date};
use crate::case::CaseEvent;
use crate::error::ParseError;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

mod render;
pub use render::{Message, digest};

/// The kinds of notice a user can receive and set preferences for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// A case was assigned (or reassigned) to me.
    CaseAssigned,
    /// A beneficiary asked for another practitioner; the centre must answer.
    ReassignmentRequested,
    /// An urgent case's proof of eligibility is due.
    ProofDue,
    /// A hearing in three days, or tomorrow.
    HearingSoon,
    /// A statistical report falls due.
    ReportDue,
    /// A submitted report came back with a reason.
    ReportReturned,
    /// An online request arrived in my centre's queue.
    OnlineRequestArrived,
    /// A complaint was assigned to me.
    ComplaintAssigned,
    /// Security: the account was locked.
    AccountLocked,
    /// Security: the password was changed.
    PasswordChanged,
    /// Security: somebody signed in to the account.
    NewSignIn,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 11] = [
        NotificationKind::CaseAssigned,
        NotificationKind::ReassignmentRequested,
        NotificationKind::ProofDue,
        NotificationKind::HearingSoon,
        NotificationKind::ReportDue,
        NotificationKind::ReportReturned,
        NotificationKind::OnlineRequestArrived,
        NotificationKind::ComplaintAssigned,
        NotificationKind::AccountLocked,
        NotificationKind::PasswordChanged,
        NotificationKind::NewSignIn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::CaseAssigned => "case_assigned",
            NotificationKind::ReassignmentRequested => "reassignment_requested",
            NotificationKind::ProofDue => "proof_due",
            NotificationKind::HearingSoon => "hearing_soon",
            NotificationKind::ReportDue => "report_due",
            NotificationKind::ReportReturned => "report_returned",
            NotificationKind::OnlineRequestArrived => "online_request_arrived",
            NotificationKind::ComplaintAssigned => "complaint_assigned",
            NotificationKind::AccountLocked => "account_locked",
            NotificationKind::PasswordChanged => "password_changed",
            NotificationKind::NewSignIn => "new_sign_in",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(
                    "notification.kind_unknown",
                    format!("unknown notification kind '{s}'"),
                )
            })
    }

    /// Security notices always go out by mail at once: a user cannot turn
    /// off being told that someone else is in the account.
    pub fn is_security(self) -> bool {
        matches!(
            self,
            NotificationKind::AccountLocked
                | NotificationKind::PasswordChanged
                | NotificationKind::NewSignIn
        )
    }
}

/// The language a user reads notices and mail in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Vi,
    En,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s {
            "vi" => Ok(Language::Vi),
            "en" => Ok(Language::En),
            _ => Err(ParseError::new(
                "notification.language_unknown",
                format!("unknown language '{s}' (vi or en)"),
            )),
        }
    }
}

/// What a notice says, as data: rendered per language when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    CaseAssigned {
        case_id: Uuid,
        case_code: Option<String>,
        on: NaiveDate,
    },
    ReassignmentRequested {
        case_id: Uuid,
        case_code: Option<String>,
        answer_due_on: NaiveDate,
    },
    ProofDue {
        case_id: Uuid,
        case_code: Option<String>,
        due_on: NaiveDate,
    },
    HearingSoon {
        case_id: Uuid,
        hearing_id: Uuid,
        case_code: Option<String>,
        starts_at: DateTime<Utc>,
        /// 3 or 1.
        days_ahead: u32,
    },
    OnlineRequestArrived {
        case_id: Uuid,
        on: NaiveDate,
    },
    AccountLocked {
        until: Option<DateTime<Utc>>,
    },
    /// To those who may unlock it: an account was locked by failed sign-ins.
    UserLockedOut {
        user_id: Uuid,
        username: String,
        until: DateTime<Utc>,
    },
    PasswordChanged {
        at: DateTime<Utc>,
    },
    NewSignIn {
        at: DateTime<Utc>,
    },
}

impl Notice {
    pub fn kind(&self) -> NotificationKind {
        match self {
            Notice::CaseAssigned { .. } => NotificationKind::CaseAssigned,
            Notice::ReassignmentRequested { .. } => NotificationKind::ReassignmentRequested,
            Notice::ProofDue { .. } => NotificationKind::ProofDue,
            Notice::HearingSoon { .. } => NotificationKind::HearingSoon,
            Notice::OnlineRequestArrived { .. } => NotificationKind::OnlineRequestArrived,
            Notice::AccountLocked { .. } | Notice::UserLockedOut { .. } => {
                NotificationKind::AccountLocked
            }
            Notice::PasswordChanged { .. } => NotificationKind::PasswordChanged,
            Notice::NewSignIn { .. } => NotificationKind::NewSignIn,
        }
    }

    /// The case the notice is about, if any (the SPA links to it).
    pub fn case_id(&self) -> Option<Uuid> {
        match self {
            Notice::CaseAssigned { case_id, .. }
            | Notice::ReassignmentRequested { case_id, .. }
            | Notice::ProofDue { case_id, .. }
            | Notice::HearingSoon { case_id, .. }
            | Notice::OnlineRequestArrived { case_id, .. } => Some(*case_id),
            Notice::AccountLocked { .. }
            | Notice::UserLockedOut { .. }
            | Notice::PasswordChanged { .. }
            | Notice::NewSignIn { .. } => None,
        }
    }
}

/// The roles of a centre's leadership told of its cases: the director and
/// deputies of the centre, the head of a branch for the branch's cases.
pub const CENTRE_LEADERSHIP: [crate::Role; 2] =
    [crate::Role::CentreDirector, crate::Role::CentreDeputy];
pub const BRANCH_LEADERSHIP: [crate::Role; 1] = [crate::Role::BranchHead];
/// The roles of a centre's intake desk.
pub const INTAKE_DESK: [crate::Role; 1] = [crate::Role::CentreClerk];

/// Who an event concerns, before it is resolved to accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The accounts acting as this practitioner.
    Practitioner(Uuid),
    /// The leadership of the case's centre (director, deputy, branch head).
    CentreLeadership,
    /// The intake desk of the case's centre (clerks) and its leadership.
    CentreIntake,
}

impl Audience {
    /// Whether `actor` is one of the audience for a case of `org` under
    /// `centre` (the inverse of resolving the audience to accounts: a
    /// calendar shows a user what they would be reminded of).
    pub fn reaches(self, actor: &crate::policy::Actor, org: Uuid, centre: Option<Uuid>) -> bool {
        let at_centre = |roles: &[crate::Role]| {
            centre.is_some() && actor.centre_id == centre && roles.contains(&actor.role)
        };
        let branch_head = actor.org_id == org && BRANCH_LEADERSHIP.contains(&actor.role);
        match self {
            Audience::Practitioner(p) => actor.practitioner_id == Some(p),
            Audience::CentreLeadership => {
                centre.is_some() && (at_centre(&CENTRE_LEADERSHIP) || branch_head)
            }
            Audience::CentreIntake => {
                centre.is_some()
                    && (at_centre(&CENTRE_LEADERSHIP) || at_centre(&INTAKE_DESK) || branch_head)
            }
        }
    }
}

/// Whom an act of the law tells, and what: the case's code as known when
/// the event was read (`code`, for events after acceptance).
pub fn notices_of(event: &CaseEvent, case_id: Uuid, code: Option<&str>) -> Vec<(Audience, Notice)> {
    let case_code = code.map(str::to_owned);
    match event {
        CaseEvent::Assigned {
            on,
            practitioner_id,
        }
        | CaseEvent::Reassigned {
            on,
            practitioner_id,
            ..
        } => vec![(
            Audience::Practitioner(*practitioner_id),
            Notice::CaseAssigned {
                case_id,
                case_code,
                on: *on,
            },
        )],
        CaseEvent::ReassignmentRequested { answer_due_on, .. } => vec![(
            Audience::CentreLeadership,
            Notice::ReassignmentRequested {
                case_id,
                case_code,
                answer_due_on: *answer_due_on,
            },
        )],
        CaseEvent::Received {
            on,
            channel: crate::case::Channel::Electronic,
            ..
        } => vec![(
            Audience::CentreIntake,
            Notice::OnlineRequestArrived { case_id, on: *on },
        )],
        _ => Vec::new(),
    }
}

/// The days before a hearing on which its practitioner is reminded.
pub const HEARING_REMINDER_DAYS: [u32; 2] = [3, 1];

/// How many days ahead a hearing starting at `starts_at` is on `today`, if
/// that is a reminder day (calendar days: courts sit when they sit).
pub fn hearing_reminder(starts_at: DateTime<Utc>, today: NaiveDate) -> Option<u32> {
    let days = (vietnam_date(starts_at) - today).num_days();
    HEARING_REMINDER_DAYS
        .into_iter()
        .find(|d| i64::from(*d) == days)
}

/// The states in which a case's proof or reassignment deadline still runs:
/// once concluded or discontinued, nobody is reminded of it.
pub const DEADLINES_RUN_IN: [crate::case::CaseState; 3] = [
    crate::case::CaseState::Accepted,
    crate::case::CaseState::Assigned,
    crate::case::CaseState::InProgress,
];

/// Whether a deadline on `due_on` is reminded on `today`: on the working
/// day before it and on the day itself, working days only (a weekend
/// deadline is reminded on the Friday before).
pub fn deadline_reminder(due_on: NaiveDate, today: NaiveDate, calendar: &HolidayCalendar) -> bool {
    calendar.is_working_day(today) && today <= due_on && due_on <= calendar.next_working_day(today)
}

/// How a user wants one kind of notice delivered. In-app notices are always
/// kept; mail is either sent at once or gathered in a daily digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// A mail for each notice.
    Immediate,
    /// One mail a day listing the day's notices.
    DailyDigest,
    /// In the app only.
    InAppOnly,
}

impl Delivery {
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Immediate => "immediate",
            Delivery::DailyDigest => "daily_digest",
            Delivery::InAppOnly => "in_app_only",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        [
            Delivery::Immediate,
            Delivery::DailyDigest,
            Delivery::InAppOnly,
        ]
        .into_iter()
        .find(|d| d.as_str() == s)
        .ok_or_else(|| {
            ParseError::new(
                "notification.delivery_unknown",
                format!("unknown delivery '{s}'"),
            )
        })
    }

    /// What a user gets who set nothing, and what a security notice always
    /// gets whatever was set.
    pub fn effective(kind: NotificationKind, chosen: Option<Delivery>) -> Delivery {
        if kind.is_security() {
            Delivery::Immediate
        } else {
            chosen.unwrap_or(Delivery::Immediate)
        }
    }
}

/// The hour (Vietnam time) of the daily deadline scan and digest.
pub const DAILY_SCAN_HOUR: u32 = 7;

/// When the daily scan of `day` runs: 07:00 in Vietnam (UTC+7, no
/// daylight saving), i.e. 00:00 UTC.
pub fn daily_scan_at(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(DAILY_SCAN_HOUR, 0, 0)
        .map(|t| t.and_utc() - Duration::hours(7))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

#[cfg(test)]
mod tests;
