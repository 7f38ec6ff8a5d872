//! Backend-neutral schema migrations (SQLite and PostgreSQL), applied at start-up.
pub use sea_orm_migration::prelude::*;

mod common;
mod m20261122_000001_organisations;
mod m20261122_000002_practitioners;
mod m20261122_000003_users_and_sessions;
mod m20261122_000004_audit_events;
mod m20261122_000005_cases;
mod m20261122_000006_hearings;
mod m20261122_000007_case_deadlines;
mod m20261122_000008_reference_data;
mod m20261122_000009_case_notices;
mod m20261122_000010_trigram_search;
mod m20261122_000011_case_documents;
mod m20261122_000012_case_success_and_completeness;
mod m20261122_000013_case_search_terms;
mod m20261122_000014_case_field_index;
mod m20261201_000015_case_events_and_roles;
mod m20261201_000016_login_throttle;
mod m20261202_000017_second_factor;
mod m20261202_000018_notifications_and_jobs;
mod m20261203_000019_audit_read_subjects;
mod m20261203_000020_report_templates;
mod m20261203_000021_report_submissions;
mod m20261203_000022_evaluation;
mod m20261204_000023_audit_read_pages;
mod m20261204_000024_intake;
mod m20261204_000025_case_feedback;
mod m20261204_000026_complaints;
mod m20261204_000027_hotline;
mod m20261204_000028_consents;
mod m20261206_000029_subject_requests;
mod m20261206_000030_legacy_import;
mod m20261206_000031_persons;
mod m20261207_000032_idempotent_requests;
mod m20261207_000033_calendar_feeds;
mod m20261207_000034_api_key_scopes;
mod m20261207_000035_webhooks;
mod m20261207_000036_saved_views;
mod m20261207_000037_category_english;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_organisations::Migration),
            Box::new(m20261122_000002_practitioners::Migration),
            Box::new(m20261122_000003_users_and_sessions::Migration),
            Box::new(m20261122_000004_audit_events::Migration),
            Box::new(m20261122_000005_cases::Migration),
            Box::new(m20261122_000006_hearings::Migration),
            Box::new(m20261122_000007_case_deadlines::Migration),
            Box::new(m20261122_000008_reference_data::Migration),
            Box::new(m20261122_000009_case_notices::Migration),
            Box::new(m20261122_000010_trigram_search::Migration),
            Box::new(m20261122_000011_case_documents::Migration),
            Box::new(m20261122_000012_case_success_and_completeness::Migration),
            Box::new(m20261122_000013_case_search_terms::Migration),
            Box::new(m20261122_000014_case_field_index::Migration),
            Box::new(m20261201_000015_case_events_and_roles::Migration),
            Box::new(m20261201_000016_login_throttle::Migration),
            Box::new(m20261202_000017_second_factor::Migration),
            Box::new(m20261202_000018_notifications_and_jobs::Migration),
            Box::new(m20261203_000019_audit_read_subjects::Migration),
            Box::new(m20261203_000020_report_templates::Migration),
            Box::new(m20261203_000021_report_submissions::Migration),
            Box::new(m20261203_000022_evaluation::Migration),
            Box::new(m20261204_000023_audit_read_pages::Migration),
            Box::new(m20261204_000024_intake::Migration),
            Box::new(m20261204_000025_case_feedback::Migration),
            Box::new(m20261204_000026_complaints::Migration),
            Box::new(m20261204_000027_hotline::Migration),
            Box::new(m20261204_000028_consents::Migration),
            Box::new(m20261206_000029_subject_requests::Migration),
            Box::new(m20261206_000030_legacy_import::Migration),
            Box::new(m20261206_000031_persons::Migration),
            Box::new(m20261207_000032_idempotent_requests::Migration),
            Box::new(m20261207_000033_calendar_feeds::Migration),
            Box::new(m20261207_000034_api_key_scopes::Migration),
            Box::new(m20261207_000035_webhooks::Migration),
            Box::new(m20261207_000036_saved_views::Migration),
            Box::new(m20261207_000037_category_english::Migration),
        ]
    }
}
