//! The case lifecycle as an explicit state machine (DOMAIN §6):
//!
//! ```text
//! received ──► needs_supplement ──► received
//!    │    └──► refused
//!    ▼ (entered in the register)
//! accepted ──► assigned ──► in_progress ──► concluded ──► evaluated ──► archived
//!                  ▲             │  └──► discontinued
//!                  └─ reassigned ┘
//! refused, concluded, evaluated, discontinued ──► archived
//! ```
//!
//! [`transition`] is pure: the service layer checks the actor's permission
//! and the preconditions (documents, register entry) around it.
use super::{DiscontinuationGround, RefusalGround};
use crate::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// The request (form 02-TP-TGPL) is in, not yet answered.
    Received,
    /// The requester was asked for missing papers.
    NeedsSupplement,
    /// Refused by written notice (Law 11/2017 Art. 30(3)).
    Refused,
    /// Entered in the register (sổ thụ lý); the case code is issued.
    Accepted,
    /// A practitioner is assigned and has not yet acted.
    Assigned,
    /// The practitioner has recorded activity.
    InProgress,
    Concluded,
    /// Aid stopped by written notice (Law 11/2017 Art. 37).
    Discontinued,
    /// Quality evaluated (Circular 12/2018 Art. 15–16); once only.
    Evaluated,
    Archived,
}

impl CaseState {
    /// The states of a concluded case: concluded, then evaluated or
    /// archived. A discontinued case is closed, not concluded, also once
    /// archived (DOMAIN §6): queries pair these with "never discontinued".
    pub const CONCLUDED: [CaseState; 3] = [
        CaseState::Concluded,
        CaseState::Evaluated,
        CaseState::Archived,
    ];

    pub const ALL: [CaseState; 10] = [
        CaseState::Received,
        CaseState::NeedsSupplement,
        CaseState::Refused,
        CaseState::Accepted,
        CaseState::Assigned,
        CaseState::InProgress,
        CaseState::Concluded,
        CaseState::Discontinued,
        CaseState::Evaluated,
        CaseState::Archived,
    ];

    /// Whether a case in this state may still be corrected (issue #13): not
    /// once the file is archived or the request refused.
    pub fn amendable(self) -> bool {
        !matches!(self, CaseState::Archived | CaseState::Refused)
    }

    /// Where the state stands in the lifecycle ([`CaseState::ALL`]'s
    /// order), for the lists' status order.
    pub fn lifecycle_rank(self) -> usize {
        CaseState::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(CaseState::ALL.len())
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CaseState::Received => "received",
            CaseState::NeedsSupplement => "needs_supplement",
            CaseState::Refused => "refused",
            CaseState::Accepted => "accepted",
            CaseState::Assigned => "assigned",
            CaseState::InProgress => "in_progress",
            CaseState::Concluded => "concluded",
            CaseState::Discontinued => "discontinued",
            CaseState::Evaluated => "evaluated",
            CaseState::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                ParseError::new("case.state_unknown", format!("unknown case state '{s}'"))
            })
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            CaseState::Received => "Đã tiếp nhận yêu cầu",
            CaseState::NeedsSupplement => "Chờ bổ sung giấy tờ",
            CaseState::Refused => "Từ chối thụ lý",
            CaseState::Accepted => "Đã thụ lý",
            CaseState::Assigned => "Đã phân công",
            CaseState::InProgress => "Đang thực hiện",
            CaseState::Concluded => "Đã kết thúc",
            CaseState::Discontinued => "Không tiếp tục thực hiện",
            CaseState::Evaluated => "Đã đánh giá chất lượng",
            CaseState::Archived => "Đã lưu trữ",
        }
    }

    /// No command leaves this state.
    pub fn is_terminal(self) -> bool {
        self == CaseState::Archived
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A lifecycle command, named after the law's act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    RequestSupplement,
    SupplementReceived,
    Refuse {
        ground: RefusalGround,
    },
    Accept,
    Assign,
    /// At the beneficiary's request (form 04), or by the centre.
    Reassign,
    RecordActivity,
    Conclude,
    Discontinue {
        ground: DiscontinuationGround,
    },
    Evaluate,
    Archive,
}

impl Command {
    pub fn kind(&self) -> CommandKind {
        match self {
            Command::RequestSupplement => CommandKind::RequestSupplement,
            Command::SupplementReceived => CommandKind::SupplementReceived,
            Command::Refuse { .. } => CommandKind::Refuse,
            Command::Accept => CommandKind::Accept,
            Command::Assign => CommandKind::Assign,
            Command::Reassign => CommandKind::Reassign,
            Command::RecordActivity => CommandKind::RecordActivity,
            Command::Conclude => CommandKind::Conclude,
            Command::Discontinue { .. } => CommandKind::Discontinue,
            Command::Evaluate => CommandKind::Evaluate,
            Command::Archive => CommandKind::Archive,
        }
    }
}

/// A command without its data: what the UI offers as buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CommandKind {
    RequestSupplement,
    SupplementReceived,
    Refuse,
    Accept,
    Assign,
    Reassign,
    RecordActivity,
    Conclude,
    Discontinue,
    Evaluate,
    Archive,
}

impl CommandKind {
    pub const ALL: [CommandKind; 11] = [
        CommandKind::RequestSupplement,
        CommandKind::SupplementReceived,
        CommandKind::Refuse,
        CommandKind::Accept,
        CommandKind::Assign,
        CommandKind::Reassign,
        CommandKind::RecordActivity,
        CommandKind::Conclude,
        CommandKind::Discontinue,
        CommandKind::Evaluate,
        CommandKind::Archive,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CommandKind::RequestSupplement => "request_supplement",
            CommandKind::SupplementReceived => "supplement_received",
            CommandKind::Refuse => "refuse",
            CommandKind::Accept => "accept",
            CommandKind::Assign => "assign",
            CommandKind::Reassign => "reassign",
            CommandKind::RecordActivity => "record_activity",
            CommandKind::Conclude => "conclude",
            CommandKind::Discontinue => "discontinue",
            CommandKind::Evaluate => "evaluate",
            CommandKind::Archive => "archive",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(
                    "case.command_unknown",
                    format!("unknown case command '{s}'"),
                )
            })
    }
}

impl fmt::Display for CommandKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A command the case's state does not allow (HTTP 409).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a case that is {state} cannot take the command {command}")]
pub struct TransitionError {
    pub state: CaseState,
    pub command: CommandKind,
}

impl TransitionError {
    pub fn code(&self) -> &'static str {
        "case.transition_not_allowed"
    }
}

/// The one table of the lifecycle: the state `kind` leads to from `state`.
pub(crate) fn next_state(state: CaseState, kind: CommandKind) -> Option<CaseState> {
    use CaseState as S;
    use CommandKind as C;
    match (state, kind) {
        (S::Received, C::RequestSupplement) => Some(S::NeedsSupplement),
        (S::NeedsSupplement, C::SupplementReceived) => Some(S::Received),
        // Law 11/2017 Art. 30(3): refusal by written notice, also of a
        // request whose missing papers never came.
        (S::Received | S::NeedsSupplement, C::Refuse) => Some(S::Refused),
        // Entry in the register is acceptance; the case code is issued.
        (S::Received, C::Accept) => Some(S::Accepted),
        (S::Accepted, C::Assign) => Some(S::Assigned),
        // The first recorded activity starts the work.
        (S::Assigned | S::InProgress, C::RecordActivity) => Some(S::InProgress),
        // A new practitioner starts again from "assigned".
        (S::Assigned | S::InProgress, C::Reassign) => Some(S::Assigned),
        (S::InProgress, C::Conclude) => Some(S::Concluded),
        // Law 11/2017 Art. 37: discontinuation by written notice, from
        // acceptance until conclusion, assigned or not.
        (S::Accepted | S::Assigned | S::InProgress, C::Discontinue) => Some(S::Discontinued),
        (S::Concluded, C::Evaluate) => Some(S::Evaluated),
        (S::Concluded | S::Evaluated | S::Refused | S::Discontinued, C::Archive) => {
            Some(S::Archived)
        }
        _ => None,
    }
}

/// The state `command` leads to, or why it is not allowed now.
pub fn transition(state: CaseState, command: &Command) -> Result<CaseState, TransitionError> {
    let kind = command.kind();
    next_state(state, kind).ok_or(TransitionError {
        state,
        command: kind,
    })
}

/// The commands `state` allows, in a stable order (for the UI's buttons).
pub fn allowed_commands(state: CaseState) -> Vec<CommandKind> {
    CommandKind::ALL
        .into_iter()
        .filter(|kind| next_state(state, *kind).is_some())
        .collect()
}

#[cfg(test)]
mod tests;
