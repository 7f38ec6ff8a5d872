//! sea-orm entities: private to this crate; callers get domain records.
pub mod api_key;
pub mod audit_event;
pub mod organisation;
pub mod practitioner;
pub mod practitioner_transfer;
pub mod refresh_token;
pub mod session;
pub mod user;
