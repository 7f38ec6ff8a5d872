//! The OpenAPI document, served at `/api/openapi.json` and checked in at
//! `openapi/openapi.json`.
use crate::router;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "TGPL Legal Aid Case Management API",
        description = "REST API of TGPL (Hệ thống quản lý trợ giúp pháp lý), the case system of Vietnam's state legal aid. Errors are RFC 7807 `application/problem+json` documents with a stable `code`. Lists are pages: pass a page's `next` as `after`. Writes to a versioned record take its `ETag` as `If-Match` (or `version` in the body): 412 when it changed, 428 when neither was sent.",
        version = "1.0.0",
    ),
    servers(
        (url = "/", description = "The server that serves this document"),
        (url = "http://127.0.0.1:8080", description = "A local `make run`"),
    ),
    // Schemas only referenced from query parameters are not collected by
    // utoipa on its own.
    components(schemas(
        tgpl_domain::case::CaseSort,
        tgpl_api_model::public::OpenDataSet,
        tgpl_api_model::public::OpenDataFormat,
    )),
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

/// The operations of a path, whatever their method.
fn operations(
    item: &mut utoipa::openapi::PathItem,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
    ]
    .into_iter()
    .flatten()
}

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
                "`ApiKey <key>` for integration service accounts. A key holds scopes \
                 (`area:access`, access `read`, `create` or `write`, areas as the tags); \
                 each operation lists the one it needs under `api_key` in its `security` \
                 (none: any key). An operation without `api_key` does not take keys \
                 (403 `auth.api_key_not_accepted`); a key without the scope gets 403 \
                 `auth.api_key_scope_missing`.",
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
            for op in operations(item) {
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

/// The problem responses any operation of a kind can give, declared once
/// under `components/responses` and referenced where they can occur: 401 and
/// 403 on every operation that needs credentials, 400 and 422 on every body,
/// 412 and 428 where `If-Match` is taken. A handler's own description of one of these wins.
struct ProblemResponses;

const COMMON_PROBLEMS: [(&str, &str, &str); 6] = [
    (
        "400",
        "BadRequest",
        "The body or a parameter could not be read (`body.malformed_json`, `query.invalid`)",
    ),
    (
        "401",
        "Unauthorized",
        "No credentials, or expired, revoked or unknown ones (`auth.*`)",
    ),
    (
        "403",
        "Forbidden",
        "The caller's role may not do this (`forbidden`), or must first change a temporary password or re-authenticate",
    ),
    (
        "412",
        "VersionMismatch",
        "The record changed since the version sent (`version_mismatch`): read it again",
    ),
    (
        "422",
        "ValidationFailed",
        "A field is missing or invalid (`validation_failed`, with `errors[]` naming each field)",
    ),
    (
        "428",
        "VersionRequired",
        "Neither `If-Match` nor `version` was sent (`version_required`)",
    ),
];

impl Modify for ProblemResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
        let components = openapi.components.get_or_insert_with(Default::default);
        for (_, name, description) in COMMON_PROBLEMS {
            let problem = ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build();
            components.responses.insert(
                name.to_owned(),
                RefOr::T(
                    ResponseBuilder::new()
                        .description(description)
                        .content("application/problem+json", problem)
                        .build(),
                ),
            );
        }
        for item in openapi.paths.paths.values_mut() {
            for op in operations(item) {
                let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
                let body = op.request_body.is_some();
                let if_match = op
                    .parameters
                    .iter()
                    .flatten()
                    .any(|p| p.name.eq_ignore_ascii_case("If-Match"));
                for (status, name, _) in COMMON_PROBLEMS {
                    let applies = match status {
                        "401" | "403" => secured,
                        "400" | "422" => body,
                        _ => if_match,
                    };
                    if applies {
                        op.responses
                            .responses
                            .entry(status.to_owned())
                            .or_insert_with(|| RefOr::Ref(Ref::from_response_name(name)));
                    }
                }
            }
        }
    }
}

/// Every `limit` query parameter with its bounds and default: 1 to 200,
/// 50 when absent (the change feed: 1 to 1000, 100).
struct PageLimits;

impl Modify for PageLimits {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use tgpl_app::service::change_feed;
        use tgpl_db::page;
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        use utoipa::openapi::{RefOr, Schema};
        for (path, item) in openapi.paths.paths.iter_mut() {
            let (default, max) = if path == "/api/v1/events" {
                (change_feed::DEFAULT_LIMIT, change_feed::MAX_LIMIT)
            } else {
                (page::DEFAULT_LIMIT, page::MAX_LIMIT)
            };
            let Some(op) = item.get.as_mut() else {
                continue;
            };
            for p in op.parameters.iter_mut().flatten() {
                if p.name == "limit" {
                    p.description = Some(format!("Items per page, 1 to {max} (default {default})"));
                    p.schema = Some(RefOr::T(Schema::Object(
                        ObjectBuilder::new()
                            .schema_type(Type::Integer)
                            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                            .minimum(Some(1))
                            .maximum(Some(max))
                            .default(Some(serde_json::json!(default)))
                            .build(),
                    )));
                }
            }
        }
    }
}

/// Files on the wire are `string`/`binary` (utoipa writes a `Vec<u8>` as an
/// array of integers), and an upload that takes any file names each media
/// type the document store accepts, as client generators need.
struct BinaryBodies;

impl Modify for BinaryBodies {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use tgpl_domain::case::document::MediaType;
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        use utoipa::openapi::{Content, RefOr, Schema};
        let binary = || {
            RefOr::T(Schema::Object(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
                    .build(),
            ))
        };
        fn fix<'a>(
            content: impl Iterator<Item = (&'a String, &'a mut Content)>,
            binary: impl Fn() -> RefOr<Schema>,
        ) {
            for (media, c) in content {
                let is_bytes = matches!(&c.schema, Some(RefOr::T(Schema::Array(_))));
                if !media.contains("json") && is_bytes {
                    c.schema = Some(binary());
                }
            }
        }
        for item in openapi.paths.paths.values_mut() {
            for op in operations(item) {
                if let Some(body) = op.request_body.as_mut() {
                    if body.content.contains_key("application/octet-stream") {
                        for m in MediaType::ALL {
                            body.content
                                .entry(m.mime().to_owned())
                                .or_insert_with(|| Content::new(Some(binary())));
                        }
                    }
                    fix(body.content.iter_mut(), binary);
                }
                for response in op.responses.responses.values_mut() {
                    if let RefOr::T(r) = response {
                        fix(r.content.iter_mut(), binary);
                    }
                }
            }
        }
    }
}

/// `Idempotency-Key` on every `POST` that keeps its answer under it.
struct IdempotencyKeys;

impl Modify for IdempotencyKeys {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        use utoipa::openapi::{Required, Schema};
        for (path, item) in openapi.paths.paths.iter_mut() {
            let Some(op) = item.post.as_mut() else {
                continue;
            };
            if !crate::idempotency::applies_to(path) {
                continue;
            }
            let params = op.parameters.get_or_insert_with(Vec::new);
            if params
                .iter()
                .any(|p| p.name.eq_ignore_ascii_case("Idempotency-Key"))
            {
                continue;
            }
            params.push(
                ParameterBuilder::new()
                    .name("Idempotency-Key")
                    .parameter_in(ParameterIn::Header)
                    .required(Required::False)
                    .description(Some(
                        "Makes a retry safe: the same key with the same request within 24 hours gets the first (successful) answer again, with `Idempotent-Replayed: true`; with another request it is a 422, while the first still runs a 409. 1 to 255 visible ASCII characters, e.g. a UUID.",
                    ))
                    .schema(Some(Schema::Object(
                        ObjectBuilder::new()
                            .schema_type(Type::String)
                            .min_length(Some(1))
                            .max_length(Some(255))
                            .build(),
                    )))
                    .build(),
            );
        }
    }
}

/// The code catalogue (`tgpl_api_model::error_codes`) as the `ErrorCode`
/// enum, which `Problem.code` and `FieldError.code` name. A client takes an
/// unknown code as a string: a code added later is not a breaking change.
struct ErrorCodes;

impl Modify for ErrorCodes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use tgpl_api_model::error_codes::CODES;
        use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, Type};
        use utoipa::openapi::{Ref, RefOr, Schema};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.schemas.insert(
            "ErrorCode".to_owned(),
            RefOr::T(Schema::Object(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some(
                        "The stable codes of problems and of field errors (the catalogue the SPA translates).",
                    ))
                    .enum_values(Some(CODES.iter().map(|e| e.code)))
                    .build(),
            )),
        );
        let code = |description: &str| {
            RefOr::T(Schema::AnyOf(
                AnyOfBuilder::new()
                    .item(Ref::from_schema_name("ErrorCode"))
                    .item(ObjectBuilder::new().schema_type(Type::String))
                    .description(Some(description))
                    .build(),
            ))
        };
        for (name, description) in [
            (
                "Problem",
                "Stable machine-readable code (`ErrorCode`), e.g. `case.transition_not_allowed`.",
            ),
            (
                "FieldError",
                "Stable code of the field's fault (`ErrorCode`), e.g. `required`.",
            ),
        ] {
            if let Some(RefOr::T(Schema::Object(o))) = components.schemas.get_mut(name) {
                o.properties.insert("code".to_owned(), code(description));
            }
        }
    }
}

/// `If-None-Match` and 304 on every read answered with JSON
/// (`crate::conditional`).
struct ConditionalReads;

impl Modify for ConditionalReads {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        use utoipa::openapi::{RefOr, Required, ResponseBuilder, Schema};
        for item in openapi.paths.paths.values_mut() {
            let Some(op) = item.get.as_mut() else {
                continue;
            };
            let json = matches!(
                op.responses.responses.get("200"),
                Some(RefOr::T(r)) if r.content.contains_key("application/json")
            );
            if !json {
                continue;
            }
            let params = op.parameters.get_or_insert_with(Vec::new);
            if !params
                .iter()
                .any(|p| p.name.eq_ignore_ascii_case("If-None-Match"))
            {
                params.push(
                    ParameterBuilder::new()
                        .name("If-None-Match")
                        .parameter_in(ParameterIn::Header)
                        .required(Required::False)
                        .description(Some(
                            "The `ETag` of an earlier answer: 304 without a body while it is still current.",
                        ))
                        .schema(Some(Schema::Object(
                            ObjectBuilder::new().schema_type(Type::String).build(),
                        )))
                        .build(),
                );
            }
            op.responses
                .responses
                .entry("304".to_owned())
                .or_insert_with(|| {
                    RefOr::T(
                        ResponseBuilder::new()
                            .description(
                                "Not modified: the `ETag` sent in `If-None-Match` is still current",
                            )
                            .build(),
                    )
                });
        }
    }
}

/// The spec: the document's frame (info, tags, security) with the
/// operations of every route of `router`, the one list actix serves.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(router::Operations::openapi());
    Security.modify(&mut doc);
    OperationIds.modify(&mut doc);
    ProblemResponses.modify(&mut doc);
    BinaryBodies.modify(&mut doc);
    IdempotencyKeys.modify(&mut doc);
    ErrorCodes.modify(&mut doc);
    ConditionalReads.modify(&mut doc);
    PageLimits.modify(&mut doc);
    doc
}

/// The spec as pretty JSON with a trailing newline (what `tgpl openapi` prints).
pub fn spec_json() -> String {
    let mut s = document().to_pretty_json().unwrap_or_default();
    s.push('\n');
    s
}
