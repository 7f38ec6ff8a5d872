//! `/api/v1/public/…`: the services for citizens, without a login (issue
//! #12). Public fields only; abuse limits answer 429 with `Retry-After`.
use crate::error::ApiError;
use crate::extract::{ValidJson, Visitor};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use tgpl_api_model::public::{
    AttachmentDto, AttachmentForm, AttachmentQuery, ConsentText, ConsentWithdrawn,
    EligibilityAnswer, EligibilityCheck, FeedbackReceipt, FeedbackRequest, HelperDto,
    LookupRequest, NextHearingDto, OnlineRequest, OpenDataQuery, ProgressDto,
    PublicOrganisationDto, PublicOrganisationQuery, PublicPractitionerDto, PublicPractitionerQuery,
    PublicStepDto, Receipt,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::public::{self as service, open_data as export};

/// The public directory of legal-aid organisations: centres, branches and
/// participating organisations with their contract or registration status.
#[utoipa::path(get, path = "/api/v1/public/organisations", tag = "public",
    params(PublicOrganisationQuery),
    responses(
        (status = 200, body = Page<PublicOrganisationDto>),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/public/organisations")]
pub async fn organisations(
    state: web::Data<AppState>,
    q: web::Query<PublicOrganisationQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = service::organisations(&state, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page
            .items
            .into_iter()
            .map(PublicOrganisationDto::from)
            .collect(),
        next: page.next,
        total: None,
    }))
}

/// The public directory of practitioners: name, kind, card number,
/// organisation and status.
#[utoipa::path(get, path = "/api/v1/public/practitioners", tag = "public",
    params(PublicPractitionerQuery),
    responses(
        (status = 200, body = Page<PublicPractitionerDto>),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/public/practitioners")]
pub async fn practitioners(
    state: web::Data<AppState>,
    q: web::Query<PublicPractitionerQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = service::practitioners(&state, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page
            .items
            .into_iter()
            .map(|l| PublicPractitionerDto::new(l.practitioner, l.organisation_name))
            .collect(),
        next: page.next,
        total: None,
    }))
}

/// The directory as open data: every listed organisation or practitioner,
/// as CSV (default) or JSON.
#[utoipa::path(get, path = "/api/v1/public/open-data", tag = "public",
    params(OpenDataQuery),
    responses(
        (status = 200, description = "CSV (UTF-8 with a byte-order mark) or a JSON array", content_type = "text/csv"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/public/open-data")]
pub async fn open_data(
    state: web::Data<AppState>,
    q: web::Query<OpenDataQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let data = export::export(&state, q.dataset, q.format.unwrap_or_default()).await?;
    Ok(HttpResponse::Ok()
        .content_type(data.content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", data.filename),
        ))
        // Public, and the same for everyone for a while.
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(data.body))
}

/// The consent text the online form shows, with its version.
#[utoipa::path(get, path = "/api/v1/public/consent-text", tag = "public",
    responses((status = 200, body = ConsentText)))]
#[get("/public/consent-text")]
pub async fn consent_text() -> HttpResponse {
    HttpResponse::Ok().json(ConsentText {
        version: service::CONSENT_VERSION.to_owned(),
        text_vi: service::CONSENT_TEXT_VI.to_owned(),
    })
}

/// The live eligibility check: the categories chosen, judged by the rules
/// intake applies, in plain words, with the papers to bring.
#[utoipa::path(post, path = "/api/v1/public/eligibility-check", tag = "public",
    request_body = EligibilityCheck,
    responses(
        (status = 200, body = EligibilityAnswer),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/public/eligibility-check")]
pub async fn eligibility_check(
    state: web::Data<AppState>,
    visitor: Visitor,
    body: ValidJson<EligibilityCheck>,
) -> Result<HttpResponse, ApiError> {
    let answer = service::check_eligibility(&state, visitor.0.at, body.0).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Send a legal-aid request online (form 02). It goes to the intake queue
/// of the centre chosen, or of the province's centre; the receipt's code
/// and secret open the progress lookup and are shown only here.
#[utoipa::path(post, path = "/api/v1/public/requests", tag = "public",
    request_body = OnlineRequest,
    responses(
        (status = 201, body = Receipt),
        (status = 422, description = "Invalid fields, no consent, or the hidden field filled in", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address or contact (see Retry-After)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/public/requests")]
pub async fn submit(
    state: web::Data<AppState>,
    visitor: Visitor,
    body: ValidJson<OnlineRequest>,
) -> Result<HttpResponse, ApiError> {
    let s = service::submit(&state, &visitor.0, body.0).await?;
    let proof_documents = s
        .eligibility
        .categories
        .iter()
        .flat_map(|c| c.proof_documents.iter().cloned())
        .collect();
    Ok(HttpResponse::Created().json(Receipt {
        tracking_code: s.item.tracking_code.to_string(),
        secret: s.secret,
        received_at: s.item.received_at,
        centre: service::contact(&s.centre),
        verdict: s.eligibility.verdict,
        proof_documents,
    }))
}

/// Attach a file to an online request still waiting at the centre (the
/// papers of form 02, the proof of a category): one `file` part of
/// multipart/form-data, or the raw body with `?filename=`. Opened by the
/// receipt's secret in `X-Tracking-Secret`; wrong secrets count towards the
/// code's lock like the lookup's. Same size limit and type check as case
/// documents; at most 10 files per request. The centre sees the files in
/// its queue and they become the case file's request papers.
#[utoipa::path(post, path = "/api/v1/public/requests/{tracking_code}/attachments", tag = "public",
    params(
        ("tracking_code" = String, Path, description = "the receipt's code, YC-XXXX-XXXX"),
        ("X-Tracking-Secret" = String, Header, description = "the receipt's secret"),
        AttachmentQuery,
    ),
    request_body(content(
        (AttachmentForm = "multipart/form-data"),
        (Vec<u8> = "application/pdf"),
        (Vec<u8> = "image/jpeg"),
    )),
    responses(
        (status = 201, body = AttachmentDto),
        (status = 400, description = "truncated or malformed upload", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "The code and secret do not match (`public.lookup_refused`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The centre has decided on the request, or it holds 10 files already", body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many uploads from this address, or the code is locked (see Retry-After)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "document store unavailable", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/public/requests/{tracking_code}/attachments")]
pub async fn attach(
    state: web::Data<AppState>,
    visitor: Visitor,
    code: web::Path<String>,
    q: web::Query<AttachmentQuery>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let a = crate::upload::receive_attachment(
        &state,
        &visitor.0,
        &code,
        &req,
        payload,
        q.into_inner().filename,
    )
    .await?;
    Ok(HttpResponse::Created().json(super::intake::attachment_dto(a)))
}

/// The beneficiary's feedback on their case (the feedback form), with the
/// receipt's secret, once a helper is assigned and until the file is
/// archived; once per case. It becomes a `feedback_form` document of the
/// case file.
#[utoipa::path(post, path = "/api/v1/public/feedback", tag = "public",
    request_body = FeedbackRequest,
    responses(
        (status = 201, body = FeedbackReceipt),
        (status = 401, description = "The code and secret do not match (`public.lookup_refused`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No case yet, no helper yet, the file archived, or feedback already given", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Locked after repeated wrong secrets (see Retry-After)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/public/feedback")]
pub async fn feedback(
    state: web::Data<AppState>,
    visitor: Visitor,
    body: ValidJson<FeedbackRequest>,
) -> Result<HttpResponse, ApiError> {
    let g = service::feedback::give(&state, &visitor.0, body.0).await?;
    Ok(HttpResponse::Created().json(FeedbackReceipt {
        case_code: g.case_code,
        satisfaction: g.feedback.satisfaction,
        given_at: g.feedback.given_at,
        message_vi: "Cảm ơn bạn đã góp ý. Ý kiến của bạn đã được lưu vào hồ sơ vụ việc.".into(),
    }))
}

/// Withdraw the consent given with a request (Law 91/2025), with the
/// receipt's code and secret (the lookup's limits). The centre sees the
/// withdrawal among the case's consents.
#[utoipa::path(post, path = "/api/v1/public/consent/withdraw", tag = "public",
    request_body = LookupRequest,
    responses(
        (status = 200, body = ConsentWithdrawn),
        (status = 401, description = "The code and secret do not match (`public.lookup_refused`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Locked after repeated wrong secrets (see Retry-After)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/public/consent/withdraw")]
pub async fn withdraw_consent(
    state: web::Data<AppState>,
    visitor: Visitor,
    body: ValidJson<LookupRequest>,
) -> Result<HttpResponse, ApiError> {
    let withdrawn = service::withdraw_consent(&state, &visitor.0, body.0).await?;
    Ok(HttpResponse::Ok().json(ConsentWithdrawn {
        withdrawn,
        message_vi: "Bạn đã rút lại sự đồng ý. Trung tâm chỉ còn giữ những thông tin pháp luật buộc phải lưu.".into(),
    }))
}

/// How a request stands: by tracking code, or by case code and province,
/// with the receipt's secret. Wrong secrets lock the code for 15 minutes
/// after 5 tries; every lookup is audited.
#[utoipa::path(post, path = "/api/v1/public/lookup", tag = "public",
    request_body = LookupRequest,
    responses(
        (status = 200, body = ProgressDto),
        (status = 401, description = "The code and secret do not match (`public.lookup_refused`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Locked after repeated wrong secrets (see Retry-After)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/public/lookup")]
pub async fn lookup(
    state: web::Data<AppState>,
    visitor: Visitor,
    body: ValidJson<LookupRequest>,
) -> Result<HttpResponse, ApiError> {
    let p = service::lookup(&state, &visitor.0, body.0).await?;
    let case = p.case.as_ref();
    Ok(HttpResponse::Ok().json(ProgressDto {
        tracking_code: p.item.tracking_code.to_string(),
        request_status: p.item.status,
        received_on: p.item.received_on,
        centre: service::contact(&p.centre),
        rejection_reason: p.item.rejection_reason.clone(),
        case_code: case.and_then(|c| c.code.as_ref()).map(|c| c.to_string()),
        case_status: case.map(|c| c.status),
        steps: p
            .steps
            .iter()
            .map(|s| PublicStepDto {
                kind: s.kind.to_owned(),
                label_vi: s.label.to_owned(),
                on: s.on,
            })
            .collect(),
        helper: p.helper.map(|(full_name, organisation_name)| HelperDto {
            full_name,
            organisation_name,
        }),
        next_hearing: p.next_hearing.map(|h| NextHearingDto {
            starts_at: h.starts_at,
            mode: h.mode,
        }),
        missing_proof: case.map(|c| c.missing_proof.clone()).unwrap_or_default(),
        proof_due_on: case.and_then(|c| c.proof_due_on),
    }))
}
