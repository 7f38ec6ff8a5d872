use super::{created, versioned};
use crate::error::ApiError;
use crate::extract::{Caller, IfMatch, ValidJson};
use crate::state::AppState;
use actix_web::{HttpResponse, get, patch, post, web};
use tgpl_api_model::case_file::CaseFileDto;
use tgpl_api_model::cases::{
    ActivityDto, AmendCase, CandidateCheckDto, CaseChangeDto, CaseCreated, CaseDto, CaseQuery,
    CreateCase, HearingDto, HearingQuery, NoticeDto, ReassignmentRequest, ScheduleHearing,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::cases as service;
use tgpl_app::service::hearings as hearing_service;
use uuid::Uuid;

/// A case as its reader may see it, on the wire.
fn dto(v: service::CaseView) -> CaseDto {
    CaseDto::new(v.case, v.completeness, v.allowed_acts, v.today)
}

/// Cases visible to the caller, newest request first.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases",
    params(CaseQuery),
    responses((status = 200, body = Page<CaseDto>), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["cases:read"])))]
#[get("/cases")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<CaseQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = service::list(&state, &caller, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(dto).collect(),
        next: page.next,
        total: super::total_of(page.total),
    }))
}

/// The case list as a file: `csv` (streamed page by page, UTF-8 with a
/// byte-order mark) or `xlsx`, with the list's filters (paging parameters
/// are ignored), within the caller's scope and masked as the caller reads
/// the list; every page is audited as a list read.
#[utoipa::path(get, path = "/api/v1/cases/export/{format}", tag = "cases",
    params(("format" = String, Path, description = "`csv` or `xlsx`"), CaseQuery),
    responses(
        (status = 200, description = "the file", content_type = "text/csv", body = String),
        (status = 200, description = "the file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:read"])))]
#[get("/cases/export/{format}")]
pub async fn export(
    state: web::Data<AppState>,
    caller: Caller,
    format: web::Path<String>,
    q: web::Query<CaseQuery>,
) -> Result<HttpResponse, ApiError> {
    let filter = service::filter_of(&caller, q.into_inner(), Default::default())?;
    let rows = tgpl_app::service::export::cases(state.app.clone(), caller.0.clone(), filter);
    super::exported(rows, &format).await
}

/// Record a legal-aid request (status `received`), judged by the rules in force on its date.
#[utoipa::path(post, path = "/api/v1/cases", tag = "cases",
    request_body = CreateCase,
    responses(
        (status = 201, body = CaseCreated),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:create"])))]
#[post("/cases")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<CreateCase>,
) -> Result<HttpResponse, ApiError> {
    let (case, eligibility_verdict) = service::create(&state, &caller, body.0).await?;
    Ok(case_created(case, eligibility_verdict))
}

/// 201 with the new request and its eligibility verdict (intake, and an
/// intake-queue item turned into a request).
pub(crate) fn case_created(
    case: service::CaseView,
    eligibility_verdict: tgpl_domain::eligibility::Verdict,
) -> HttpResponse {
    created(
        format!("/api/v1/cases/{}", case.case.id),
        case.case.version,
        CaseCreated {
            case: dto(case),
            eligibility_verdict,
        },
    )
}

/// Read a whole case file: the case with its parties, assignment history,
/// activity log and hearings (the read is audited).
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "cases",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CaseFileDto, headers(("ETag" = String))), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["cases:read"])))]
#[get("/cases/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let view = service::get(&state, &caller, *id).await?;
    Ok(versioned(
        view.file.case.version,
        CaseFileDto::new(
            view.file,
            view.completeness,
            view.allowed_acts,
            view.today,
            view.timeline,
        ),
    ))
}

/// Correct or complete the case after intake. Send only the fields the
/// user changed, with the version edited (`If-Match` or `version`): fields
/// left out keep what is stored, so another person's change to them is never
/// overwritten; if the case changed meanwhile the answer is 412 and nothing
/// is written. The parties' details, the summary and the field of law can be
/// corrected until the case is closed or archived; the form of aid and the
/// categories claimed only before acceptance, when eligibility is judged
/// again (as it is when the beneficiary's date of birth or procedural role
/// changes). Each change is audited and named (not its values) in the
/// timeline; `GET /cases/{id}/history` shows it field by field.
#[utoipa::path(patch, path = "/api/v1/cases/{id}", tag = "cases",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header, description = "The case's `ETag`; or send `version` in the body")),
    request_body = AmendCase,
    responses(
        (status = 200, body = CaseDto, headers(("ETag" = String, description = "The case's new version"))),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The case is archived or the request refused (`case.not_amendable`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since the version sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "Neither `If-Match` nor `version` was sent", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:write"])))]
#[patch("/cases/{id}")]
pub async fn amend(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<AmendCase>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match.expected(body.0.version)?;
    let v = service::amend(&state, &caller, *id, expected, body.0).await?;
    Ok(versioned(v.case.version, dto(v)))
}

/// Query parameters of `GET /cases/{id}/candidate-check`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CandidateQuery {
    pub practitioner_id: Uuid,
}

/// Whether a practitioner can be assigned (or reassigned) to the case now:
/// the act's own checks (active, not already on the case, no conflict of
/// interest with the parties of their other cases, Law 11/2017 Art. 25(2)),
/// answered before the leader submits; nothing changes. For those who may
/// assign the case.
#[utoipa::path(get, path = "/api/v1/cases/{id}/candidate-check", tag = "cases",
    params(("id" = Uuid, Path), CandidateQuery),
    responses((status = 200, body = CandidateCheckDto), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["cases:read"])))]
#[get("/cases/{id}/candidate-check")]
pub async fn candidate_check(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    q: web::Query<CandidateQuery>,
) -> Result<HttpResponse, ApiError> {
    let pid = q.practitioner_id;
    let verdict = service::check_candidate(&state, &caller, *id, pid).await?;
    let (code, detail) = match verdict {
        Ok(()) => (None, None),
        Err(e) => (Some(e.code.to_owned()), Some(e.message)),
    };
    Ok(HttpResponse::Ok().json(CandidateCheckDto {
        practitioner_id: pid,
        allowed: code.is_none(),
        code,
        detail,
    }))
}

/// Query parameters of `GET /cases/{id}/history`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct HistoryQuery {
    pub after: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u64>,
}

/// The case's edit history field by field, newest first: every write
/// (corrections and the law's acts) with who made it and each field's value
/// before and after, masked as the reader sees the case.
#[utoipa::path(get, path = "/api/v1/cases/{id}/history", tag = "cases",
    params(("id" = Uuid, Path), HistoryQuery),
    responses((status = 200, body = Page<CaseChangeDto>), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["cases:read"])))]
#[get("/cases/{id}/history")]
pub async fn history(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    q: web::Query<HistoryQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = service::history(&state, &caller, *id, q.after.as_deref(), q.limit).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items,
        next: page.next,
        total: None,
    }))
}

/// The whole case file as one ZIP, for archiving and for handing over:
/// `ho-so.html` (the file as a page), `tai-lieu/` (every document still in
/// the file, checked against its recorded SHA-256 on the way),
/// `manifest.json` and `SHA256SUMS` (each file's SHA-256). Only roles that
/// may open the case's documents may export it; audited as a read of the
/// case and of each document.
#[utoipa::path(get, path = "/api/v1/cases/{id}/export", tag = "cases",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "the archive", content_type = "application/zip", body = Vec<u8>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "a document no longer matches its recorded checksum (`document.corrupted`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:read"])))]
#[get("/cases/{id}/export")]
pub async fn export_file(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    use actix_web::http::header::{
        Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
    };
    let archive = tgpl_app::service::case_archive::export(&state, &caller, *id).await?;
    // Codes may hold "Đ": an ASCII name for old clients, the real one beside it.
    let ascii: String = tgpl_domain::text::fold(&archive.name)
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(ascii),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: archive.name.into_bytes(),
            }),
        ],
    };
    Ok(HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header(disposition)
        .streaming(tgpl_storage::files::stream_of(archive.file)))
}

/// The dated activity log of a case.
#[utoipa::path(get, path = "/api/v1/cases/{id}/activities", tag = "cases",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<ActivityDto>), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["cases:read"])))]
#[get("/cases/{id}/activities")]
pub async fn activities(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let log = service::activities(&state, &caller, *id).await?;
    Ok(HttpResponse::Ok().json(log.into_iter().map(ActivityDto::from).collect::<Vec<_>>()))
}

/// The hearings of a case, in time order.
#[utoipa::path(get, path = "/api/v1/cases/{id}/hearings", tag = "cases",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<HearingDto>), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["cases:read"])))]
#[get("/cases/{id}/hearings")]
pub async fn hearings(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let found = hearing_service::of_case(&state, &caller, *id).await?;
    Ok(HttpResponse::Ok().json(found.into_iter().map(HearingDto::from).collect::<Vec<_>>()))
}

/// Put a hearing in the calendar (court, date and time, in person or online).
#[utoipa::path(post, path = "/api/v1/cases/{id}/hearings", tag = "cases",
    params(("id" = Uuid, Path)),
    request_body = ScheduleHearing,
    responses(
        (status = 201, body = HearingDto),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:write"])))]
#[post("/cases/{id}/hearings")]
pub async fn schedule_hearing(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: ValidJson<ScheduleHearing>,
) -> Result<HttpResponse, ApiError> {
    let h = hearing_service::schedule(&state, &caller, *id, body.0).await?;
    Ok(HttpResponse::Created().json(HearingDto::from(h)))
}

/// Upcoming hearings in the caller's scope: a practitioner's own, a centre's, a province's.
#[utoipa::path(get, path = "/api/v1/hearings", tag = "cases",
    params(HearingQuery),
    responses((status = 200, body = Page<HearingDto>), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["cases:read"])))]
#[get("/hearings")]
pub async fn calendar(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<HearingQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = hearing_service::calendar(&state, &caller, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(HearingDto::from).collect(),
        next: page.next,
        total: None,
    }))
}

/// The hearings calendar as a file: `csv` (streamed page by page, UTF-8 with a byte-order
/// mark) or `xlsx`, with the list's filters (paging parameters are
/// ignored), within the caller's scope and as the caller reads the list.
#[utoipa::path(get, path = "/api/v1/hearings/export/{format}", tag = "cases",
    params(("format" = String, Path, description = "`csv` or `xlsx`"), HearingQuery),
    responses(
        (status = 200, description = "the file", content_type = "text/csv", body = String),
        (status = 200, description = "the file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:read"])))]
#[get("/hearings/export/{format}")]
pub async fn export_hearings(
    state: web::Data<AppState>,
    caller: Caller,
    format: web::Path<String>,
    q: web::Query<HearingQuery>,
) -> Result<HttpResponse, ApiError> {
    let rows =
        tgpl_app::service::export::hearings(state.app.clone(), caller.0.clone(), q.into_inner());
    super::exported(rows, &format).await
}

/// The beneficiary asks for another practitioner (form 04): the case shows
/// the 3-working-day answer deadline and is flagged `overdue` after it;
/// `reassign` answers it.
#[utoipa::path(post, path = "/api/v1/cases/{id}/reassignment-requests", tag = "cases",
    params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)),
    request_body = ReassignmentRequest,
    responses(
        (status = 200, body = CaseDto),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 412, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["cases:write"])))]
#[post("/cases/{id}/reassignment-requests")]
pub async fn request_reassignment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidJson<ReassignmentRequest>,
) -> Result<HttpResponse, ApiError> {
    let req = body.0;
    let expected = if_match.expected(req.version)?;
    let case =
        service::request_reassignment(&state, &caller, *id, expected, req.requested_on, req.reason)
            .await?;
    Ok(versioned(case.case.version, dto(case)))
}

/// The written notices of a case (supplement requests, refusal, discontinuation).
#[utoipa::path(get, path = "/api/v1/cases/{id}/notices", tag = "cases",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<NoticeDto>), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["cases:read"])))]
#[get("/cases/{id}/notices")]
pub async fn notices(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let found = service::notices(&state, &caller, *id).await?;
    Ok(HttpResponse::Ok().json(found.into_iter().map(NoticeDto::from).collect::<Vec<_>>()))
}
