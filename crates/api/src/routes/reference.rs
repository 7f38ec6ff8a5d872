use crate::error::ApiError;
use crate::extract::{Caller, ValidJson};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, put, web};
use tgpl_api_model::Problem;
use tgpl_api_model::cases::SuccessCriterionDto;
use tgpl_api_model::reference::ProvinceDto;
use tgpl_api_model::reference::{
    CategoryQuery, HolidayDto, HolidayQuery, PutCategoryQuery, PutDeadlineRules, PutHoliday,
};
use tgpl_app::service::reference as service;
use tgpl_domain::eligibility::Category;
use tgpl_domain::province::PROVINCES;

/// The catalogue of error codes (of a problem and of a field's error), with
/// what each says in Vietnamese and English.
#[utoipa::path(get, path = "/api/v1/reference/error-codes", tag = "reference",
    responses((status = 200, body = Vec<tgpl_api_model::error_codes::ErrorCodeDto>)))]
#[get("/reference/error-codes")]
pub async fn error_codes() -> HttpResponse {
    use tgpl_api_model::error_codes::{CODES, ErrorCodeDto};
    HttpResponse::Ok()
        .insert_header((
            actix_web::http::header::CACHE_CONTROL,
            "public, max-age=3600",
        ))
        .json(CODES.iter().map(ErrorCodeDto::from).collect::<Vec<_>>())
}

/// The 34 provinces in force since 2025-07-01, with their former parts.
#[utoipa::path(get, path = "/api/v1/reference/provinces", tag = "reference",
    responses((status = 200, body = Vec<ProvinceDto>)))]
#[get("/reference/provinces")]
pub async fn provinces() -> HttpResponse {
    HttpResponse::Ok().json(PROVINCES.iter().map(ProvinceDto::from).collect::<Vec<_>>())
}

/// The criteria of a "successful" litigation case (Decision 1179/QĐ-BTP, 2022).
#[utoipa::path(get, path = "/api/v1/reference/success-criteria", tag = "reference",
    responses((status = 200, body = Vec<SuccessCriterionDto>)))]
#[get("/reference/success-criteria")]
pub async fn success_criteria() -> HttpResponse {
    HttpResponse::Ok().json(
        tgpl_domain::case::success::CRITERIA
            .iter()
            .map(SuccessCriterionDto::from)
            .collect::<Vec<_>>(),
    )
}

/// Eligibility categories (Law 11/2017 Art. 7 as amended), every version or those in force on a day.
#[utoipa::path(get, path = "/api/v1/reference/eligibility-categories", tag = "reference",
    params(CategoryQuery),
    responses((status = 200, body = Vec<Category>), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["reference:read"])))]
#[get("/reference/eligibility-categories")]
pub async fn categories(
    state: web::Data<AppState>,
    _caller: Caller,
    q: web::Query<CategoryQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::categories(&state, q.on).await?))
}

/// Add or replace one version of a category (national admin). A version
/// with the same code and start replaces it; one category has one version
/// a day, so a new version either starts after the last one ends or, with
/// `supersede`, ends the version in force the day before it starts.
/// Answers the version saved.
#[utoipa::path(put, path = "/api/v1/reference/eligibility-categories", tag = "reference",
    params(PutCategoryQuery),
    request_body = Category,
    responses((status = 200, body = Category), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["reference:write"])))]
#[put("/reference/eligibility-categories")]
pub async fn put_category(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PutCategoryQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let category: Category = crate::extract::parse_json(&body)?;
    let saved = service::put_category(&state, &caller, category, q.supersede).await?;
    Ok(HttpResponse::Ok().json(saved))
}

/// The case process's periods in working days, as in force on a day
/// (default today): the answer to a request for another practitioner
/// (form 04), the urgency threshold, the time to supply missing proof.
#[utoipa::path(get, path = "/api/v1/reference/deadline-rules", tag = "reference",
    params(CategoryQuery),
    responses((status = 200, body = tgpl_domain::case::DeadlineRules), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["reference:read"])))]
#[get("/reference/deadline-rules")]
pub async fn deadline_rules(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<CategoryQuery>,
) -> Result<HttpResponse, ApiError> {
    let on = q.on.unwrap_or(caller.at.today);
    Ok(HttpResponse::Ok().json(service::deadline_rules(&state, on).await?))
}

/// Set the case process's periods in force from a day (national admin),
/// until a later version starts: a new instrument changes them from a
/// date. Deadlines already set keep their day; later ones count with these.
#[utoipa::path(put, path = "/api/v1/reference/deadline-rules/{valid_from}", tag = "reference",
    params(("valid_from" = chrono::NaiveDate, Path, description = "First day the periods are in force")),
    request_body = PutDeadlineRules,
    responses((status = 200, body = tgpl_domain::case::DeadlineRules), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["reference:write"])))]
#[put("/reference/deadline-rules/{valid_from}")]
pub async fn put_deadline_rules(
    state: web::Data<AppState>,
    caller: Caller,
    valid_from: web::Path<chrono::NaiveDate>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let b: PutDeadlineRules = crate::extract::parse_json(&body)?;
    let periods = [
        ("reassignment_answer", b.reassignment_answer),
        ("urgent_within", b.urgent_within),
        ("proof_supplement", b.proof_supplement),
    ];
    let rules =
        service::put_deadline_rules(&state, &caller, *valid_from, periods, &b.source).await?;
    Ok(HttpResponse::Ok().json(rules))
}

/// Public holidays used for working-day deadlines.
#[utoipa::path(get, path = "/api/v1/reference/holidays", tag = "reference",
    params(HolidayQuery),
    responses((status = 200, body = Vec<HolidayDto>), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["reference:read"])))]
#[get("/reference/holidays")]
pub async fn holidays(
    state: web::Data<AppState>,
    _caller: Caller,
    q: web::Query<HolidayQuery>,
) -> Result<HttpResponse, ApiError> {
    let list = service::holidays(&state, q.year).await?;
    Ok(HttpResponse::Ok().json(
        list.into_iter()
            .map(|(date, name_vi)| HolidayDto { date, name_vi })
            .collect::<Vec<_>>(),
    ))
}

/// Add or rename a holiday (national admin), e.g. a compensatory day off.
#[utoipa::path(put, path = "/api/v1/reference/holidays/{date}", tag = "reference",
    params(("date" = chrono::NaiveDate, Path)),
    request_body = PutHoliday,
    responses((status = 204, description = "Saved"), (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["reference:write"])))]
#[put("/reference/holidays/{date}")]
pub async fn put_holiday(
    state: web::Data<AppState>,
    caller: Caller,
    date: web::Path<chrono::NaiveDate>,
    body: ValidJson<PutHoliday>,
) -> Result<HttpResponse, ApiError> {
    service::put_holiday(&state, &caller, *date, &body.0.name_vi).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Remove a holiday (national admin).
#[utoipa::path(delete, path = "/api/v1/reference/holidays/{date}", tag = "reference",
    params(("date" = chrono::NaiveDate, Path)),
    responses((status = 204, description = "Removed"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["reference:write"])))]
#[delete("/reference/holidays/{date}")]
pub async fn delete_holiday(
    state: web::Data<AppState>,
    caller: Caller,
    date: web::Path<chrono::NaiveDate>,
) -> Result<HttpResponse, ApiError> {
    service::delete_holiday(&state, &caller, *date).await?;
    Ok(HttpResponse::NoContent().finish())
}
