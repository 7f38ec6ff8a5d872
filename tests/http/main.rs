//! Black-box HTTP tests: the real server over SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod amend;
mod api_keys;
mod auth;
mod authz_matrix;

mod backup;
mod bad_input;
mod calendar_feed;
mod case_archive;
mod case_export;
mod case_reports;
mod cases;
mod change_feed;
mod complaints;
mod concurrency;
mod conditional;
mod cors;
mod dashboard;
mod db_socket;
mod documents;
mod evaluations;
mod hotline;
mod idempotency;
mod imports;
mod law;
mod list_exports;
mod metrics;
mod notifications;
mod openapi;
mod persons;
mod privacy;
mod public;
mod rate_limits;
mod read_log;
mod reference;
mod registers;
mod report_export;
mod report_flow;
mod second_factor;
mod security;
mod spa;
mod statistics;
mod storage_contract;
mod tokens;
mod webhooks;
