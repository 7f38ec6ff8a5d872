//! sea-orm entities: private to this crate; callers get domain records.
pub mod api_key;
pub mod audit_event;
pub mod case;
pub mod case_activity;
pub mod case_assignment;
pub mod case_document;
pub mod case_notice;
pub mod case_party;
pub mod hearing;
pub mod organisation;
pub mod practitioner;
pub mod practitioner_transfer;
pub mod recovery_code;
pub mod refresh_token;
pub mod second_factor;
pub mod session;
pub mod user;
