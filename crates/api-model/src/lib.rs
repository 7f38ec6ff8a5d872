//! The wire contract of the TGPL REST API (`/api/v1`), shared by the server
//! and the SPA. No server dependencies: it compiles to wasm32.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod auth;
pub mod case_acts;
pub mod case_file;
pub mod cases;
pub mod common;
pub mod complaints;
pub mod documents;
pub mod error_codes;
pub mod evaluations;
pub mod events;
pub mod hotline;
pub mod imports;
pub mod notifications;
pub mod organisations;
pub mod persons;
pub mod practitioners;
pub mod privacy;
pub mod public;
pub mod reference;
pub mod reports;
pub mod saved_views;
pub mod users;
pub mod webhooks;

pub use common::{FieldError, Page, Problem, Total};
pub use tgpl_domain::records::UserStatus;
pub use tgpl_domain::{OrgKind, OrgStatus, PractitionerKind, PractitionerStatus, Role};
