//! Legal-aid cases (vụ việc TGPL), DOMAIN §5–6: the reference lists, the
//! case code, the lifecycle state machine and its working-day deadlines.
pub mod aggregate;
pub mod code;
pub mod completeness;
pub mod conflict;
pub mod deadline;
pub mod document;
pub mod event;
pub mod file;
pub mod history;
pub mod legacy;
pub mod lifecycle;
pub mod notice;
pub mod record;
pub mod reference;
pub mod rules;
pub mod success;
#[cfg(test)]
pub(crate) mod testing;

pub use aggregate::{
    Amendment, Candidate, Case, CaseRules, Conclusion, HandlingUnit, Intake, NewHearing,
    PartyCorrection, Received, RegisterEntry,
};
pub use code::CaseCode;
pub use deadline::{DeadlineRules, UrgencyFacts, UrgencyReason};
pub use event::{CaseEvent, RecordedEvent};
pub use file::{Assignment, CaseFile};
pub use legacy::{ImportedCase, LegacyCase};
pub use lifecycle::{
    CaseState, Command, CommandKind, TransitionError, allowed_commands, transition,
};
pub use record::{
    Activity, ActivityKind, CaseRecord, CaseSort, Channel, Hearing, HearingMode, Party, PartyRole,
    ProceduralRole,
};
pub use reference::{DiscontinuationGround, FieldOfLaw, FormOfAid, RefusalGround};
