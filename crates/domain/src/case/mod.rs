//! Legal-aid cases (vụ việc TGPL), DOMAIN §5–6: the reference lists, the
//! case code, the lifecycle state machine and its working-day deadlines.
pub mod code;
pub mod completeness;
pub mod conflict;
pub mod deadline;
pub mod document;
pub mod file;
pub mod lifecycle;
pub mod notice;
pub mod record;
pub mod reference;
pub mod rules;
pub mod success;

pub use code::CaseCode;
pub use deadline::{DeadlineRules, UrgencyFacts, UrgencyReason};
pub use file::{Assignment, CaseFile};
pub use lifecycle::{
    CaseState, Command, CommandKind, TransitionError, allowed_commands, transition,
};
pub use record::{
    Activity, ActivityKind, Case, CaseSort, Channel, Hearing, HearingMode, Party, PartyRole,
};
pub use reference::{DiscontinuationGround, FieldOfLaw, FormOfAid, RefusalGround};
