//! The OpenAPI document, served at `/api/openapi.json` and checked in at
//! `openapi/openapi.json`.
use crate::routes;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "TGPL — Hệ thống quản lý trợ giúp pháp lý",
        description = "REST API of TGPL, the case system of Vietnam's state legal aid. Errors are RFC 7807 `application/problem+json` documents with a stable `code`.",
        version = "1.0.0",
    ),
    paths(
        routes::auth::login, routes::auth::refresh, routes::auth::logout, routes::auth::me,
        routes::auth::change_password, routes::auth::jwks, routes::auth::reauthenticate,
        routes::auth::start_second_factor, routes::auth::confirm_second_factor,
        routes::auth::renew_recovery_codes, routes::auth::remove_second_factor,
        routes::organisations::list, routes::organisations::export, routes::organisations::create, routes::organisations::read,
        routes::organisations::update, routes::organisations::deactivate, routes::organisations::merge,
        routes::practitioners::list, routes::practitioners::export, routes::practitioners::create, routes::practitioners::read,
        routes::practitioners::update, routes::practitioners::deactivate, routes::practitioners::transfer,
        routes::practitioners::transfers,
        routes::users::list, routes::users::export, routes::users::create, routes::users::read, routes::users::update,
        routes::users::deactivate, routes::users::lock, routes::users::unlock, routes::users::reset_password, routes::users::reset_second_factor,
        routes::users::create_api_key, routes::users::list_api_keys, routes::users::revoke_api_key,
        routes::reference::provinces, routes::reference::success_criteria, routes::reference::categories, routes::reference::put_category,
        routes::reference::holidays, routes::reference::put_holiday, routes::reference::delete_holiday,
        routes::audit::list, routes::audit::export, routes::reports::case_summary, routes::reports::dashboard, routes::reports::form, routes::reports::cell_cases, routes::reports::export_cell_cases,
        routes::reports::submit, routes::reports::submissions, routes::reports::submission,
        routes::reports::return_submission, routes::reports::accept_submission, routes::reports::reopen_submission,
        routes::reports::export_form, routes::reports::export_submission,
        routes::evaluations::create, routes::evaluations::list, routes::evaluations::assigned,
        routes::evaluations::get, routes::evaluations::name_evaluator, routes::evaluations::score,
        routes::evaluations::results, routes::evaluations::score_sheets,
        routes::events::feed,
        routes::cases::list, routes::cases::export, routes::cases::export_file, routes::cases::create, routes::cases::read, routes::cases::activities, routes::cases::notices,
        routes::cases::command, routes::cases::hearings, routes::cases::schedule_hearing, routes::cases::calendar, routes::cases::export_hearings,
        routes::cases::request_reassignment,
        routes::documents::upload, routes::documents::list, routes::documents::read,
        routes::documents::content, routes::documents::remove,
        routes::notifications::list, routes::notifications::unread_count,
        routes::notifications::mark_read, routes::notifications::mark_all_read,
        routes::notifications::preferences, routes::notifications::put_preferences,
        routes::notifications::jobs, routes::notifications::retry_job,
        routes::imports::start, routes::imports::list, routes::imports::default_mapping,
        routes::imports::read, routes::imports::problems, routes::imports::problems_csv,
        routes::public::organisations, routes::public::practitioners, routes::public::open_data,
        routes::public::consent_text, routes::public::eligibility_check, routes::public::submit,
        routes::public::lookup, routes::public::attach, routes::public::feedback,
        routes::public::withdraw_consent, routes::intake::consents,
        routes::complaints::submit_complaint, routes::complaints::lookup_complaint, routes::complaints::list,
        routes::complaints::read, routes::complaints::forward, routes::complaints::answer,
        routes::hotline::record, routes::hotline::list, routes::hotline::read,
        routes::hotline::callback,
        routes::intake::list, routes::intake::read, routes::intake::convert, routes::intake::reject,
        routes::intake::merge,
        routes::privacy::submit_privacy_request, routes::privacy::list, routes::privacy::create,
        routes::privacy::read, routes::privacy::export, routes::privacy::provide,
        routes::privacy::correct, routes::privacy::delete, routes::privacy::refuse,
        routes::health::healthz, routes::health::readyz,
        routes::persons::duplicates, routes::persons::read, routes::persons::merge,
        routes::persons::undo, routes::persons::distinct,
    ),
    // Schemas only referenced from query parameters are not collected by
    // utoipa on its own.
    components(schemas(
        tgpl_domain::case::CaseSort,
        tgpl_api_model::public::OpenDataSet,
        tgpl_api_model::public::OpenDataFormat,
    )),
    modifiers(&Security, &OperationIds),
    tags(
        (name = "auth", description = "Login, tokens, sessions"),
        (name = "organisations", description = "Register of organisations (Cục, Sở Tư pháp, Trung tâm, Chi nhánh, participating organisations)"),
        (name = "practitioners", description = "Register of practitioners (người thực hiện TGPL)"),
        (name = "persons", description = "Person registry: the people behind the parties of different cases, suggested duplicates, merges and their undoing"),
        (name = "users", description = "User accounts, locking, API keys"),
        (name = "reference", description = "Reference data"),
        (name = "audit", description = "Audit trail"),
        (name = "public", description = "Services for citizens without a login: directory, open data, eligibility check, online request and its attachments, progress lookup, feedback, complaints"),
        (name = "complaints", description = "Complaints and recommendations about legal aid (phản ánh, kiến nghị): a Justice Department's or the ministry's queue, forwarding and answers"),
        (name = "privacy", description = "Personal-data requests (Law 91/2025): a copy, a correction or a deletion, answered by the data-protection officer"),
        (name = "hotline", description = "The legal-aid hotline's call log: advice, requests forwarded to a centre's queue, callbacks within a window"),
        (name = "intake", description = "A centre's intake queue: online requests, hotline forwards and referrals, and their triage"),
        (name = "cases", description = "Legal-aid cases (vụ việc): intake, the register, the lifecycle"),
        (name = "documents", description = "Documents of a case file (hồ sơ vụ việc): streamed upload and download"),
        (name = "reports", description = "Dashboards and statistics: aggregates only"),
        (name = "events", description = "The change feed: case events in order, for integrations"),
        (name = "evaluation", description = "Quality evaluation: plans, the sampled cases, the 100-point sheet, results"),
        (name = "notifications", description = "The caller's notices (the bell), delivery preferences and language"),
        (name = "jobs", description = "Background jobs: mail, digests, the daily deadline scan, storage sweep and verify; the dead-letter list"),
        (name = "imports", description = "Import of the old system's organisations, practitioners and cases (CSV or XLSX, a column mapping, dry run, resumable, idempotent by the old id); national admin only"),
        (name = "health", description = "Probes"),
    )
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        components.add_security_scheme(
            "api_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "`ApiKey <key>` for integration service accounts",
            ))),
        );
    }
}

/// Operation ids are the handler's name, which repeats across modules
/// (`list`, `read`, `create`): prefixed with the operation's tag they are
/// unique (`cases_list`, `users_list`), as OpenAPI requires and as client
/// generators use them.
struct OperationIds;

impl Modify for OperationIds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in operations.into_iter().flatten() {
                let tag = op.tags.as_ref().and_then(|t| t.first()).cloned();
                if let (Some(tag), Some(id)) = (tag, op.operation_id.as_mut())
                    && !id.starts_with(&format!("{tag}_"))
                {
                    *id = format!("{tag}_{id}");
                }
            }
        }
    }
}

/// The spec as pretty JSON with a trailing newline (what `tgpl openapi` prints).
pub fn spec_json() -> String {
    let mut s = ApiDoc::openapi().to_pretty_json().unwrap_or_default();
    s.push('\n');
    s
}
