//! TGPL domain: the rules of Vietnamese state legal aid, free of IO and
//! frameworks so that the server and the WASM SPA share them.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod auth;
pub mod calendar;
pub mod case;
pub mod clock;
pub mod eligibility;
pub mod error;
pub mod evaluation;
pub mod import;
pub mod intake;
pub mod notification;
pub mod organisation;
pub mod person;
pub mod phone;
pub mod policy;
pub mod practitioner;
pub mod privacy;
pub mod province;
pub mod records;
pub mod report;
pub mod saved_view;
pub mod text;
pub mod user;

pub use calendar::{HolidayCalendar, WorkingDays};
pub use case::{CaseCode, CaseState, Command, CommandKind, FormOfAid, TransitionError};
pub use error::ParseError;
pub use organisation::{OrgAbbreviation, OrgKind, OrgStatus};
pub use phone::PhoneNumber;
pub use policy::{Action, Actor, Decision, Denied, ResourceScope, ScopeFilter};
pub use practitioner::{CardNumber, PractitionerKind, PractitionerStatus};
pub use province::ProvinceCode;
pub use user::{Role, Username};
