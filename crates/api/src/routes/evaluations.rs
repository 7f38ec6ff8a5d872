//! Quality evaluation: plans, their drawn cases, scoring, results.
use super::{created, versioned};
use crate::error::ApiError;
use crate::extract::{Caller, IfMatch, ValidJson};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use tgpl_api_model::evaluations::{
    CreatePlan, ItemDto, NameEvaluator, PlanDto, PlanQuery, ResultsDto, ResultsQuery, ScoreCase,
};
use tgpl_api_model::{Page, Problem};
use tgpl_app::service::evaluations as service;
use tgpl_domain::evaluation::ScoreSheet;
use uuid::Uuid;

/// Make an evaluation plan; its sample is drawn at once: the given share
/// of the concluded cases in scope not yet evaluated, at least one case
/// per practitioner, reproducible from the recorded seed.
#[utoipa::path(post, path = "/api/v1/evaluation-plans", tag = "evaluation",
    request_body = CreatePlan,
    responses(
        (status = 201, body = PlanDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["evaluation:create"])))]
#[post("/evaluation-plans")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: ValidJson<CreatePlan>,
) -> Result<HttpResponse, ApiError> {
    let (plan, items) = service::create(&state, &caller, body.0).await?;
    Ok(created(
        format!("/api/v1/evaluation-plans/{}", plan.id),
        plan.version,
        service::plan_file(&plan, &items),
    ))
}

/// Evaluation plans in the caller's scope, newest first.
#[utoipa::path(get, path = "/api/v1/evaluation-plans", tag = "evaluation",
    params(PlanQuery),
    responses((status = 200, body = Page<PlanDto>), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["evaluation:read"])))]
#[get("/evaluation-plans")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PlanQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = service::list(&state, &caller, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: page.items,
        next: page.next,
        total: None,
    }))
}

/// The cases the caller is named to evaluate.
#[utoipa::path(get, path = "/api/v1/evaluation-plans/assigned", tag = "evaluation",
    responses((status = 200, body = Vec<ItemDto>), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["evaluation:read"])))]
#[get("/evaluation-plans/assigned")]
pub async fn assigned(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let items = service::assigned(&state, &caller).await?;
    Ok(HttpResponse::Ok().json(items.iter().map(service::item_dto).collect::<Vec<_>>()))
}

/// One plan with its drawn cases.
#[utoipa::path(get, path = "/api/v1/evaluation-plans/{id}", tag = "evaluation",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = PlanDto), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["evaluation:read"])))]
#[get("/evaluation-plans/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let (plan, items) = service::get(&state, &caller, id.into_inner()).await?;
    Ok(versioned(plan.version, service::plan_file(&plan, &items)))
}

/// Name the evaluator of a drawn case (send the item's version in
/// `If-Match`).
#[utoipa::path(post, path = "/api/v1/evaluation-plans/{id}/items/{item_id}/evaluator", tag = "evaluation",
    params(("id" = Uuid, Path), ("item_id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = NameEvaluator,
    responses(
        (status = 200, body = ItemDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 412, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["evaluation:write"])))]
#[post("/evaluation-plans/{id}/items/{item_id}/evaluator")]
pub async fn name_evaluator(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
    if_match: IfMatch,
    body: ValidJson<NameEvaluator>,
) -> Result<HttpResponse, ApiError> {
    let (plan, item) = path.into_inner();
    let expected = if_match.expected(None)?;
    let i = service::name_evaluator(&state, &caller, plan, item, expected, body.0).await?;
    Ok(versioned(i.version, service::item_dto(&i)))
}

/// Score a drawn case with the plan's sheet (the named evaluator only;
/// `If-Match` the item's version). The case is evaluated with it.
#[utoipa::path(post, path = "/api/v1/evaluation-plans/{id}/items/{item_id}/score", tag = "evaluation",
    params(("id" = Uuid, Path), ("item_id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = ScoreCase,
    responses(
        (status = 200, body = ItemDto),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 412, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("api_key" = ["evaluation:write"])))]
#[post("/evaluation-plans/{id}/items/{item_id}/score")]
pub async fn score(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
    if_match: IfMatch,
    body: ValidJson<ScoreCase>,
) -> Result<HttpResponse, ApiError> {
    let (plan, item) = path.into_inner();
    let expected = if_match.expected(None)?;
    let i = service::score(&state, &caller, plan, item, expected, body.0).await?;
    Ok(versioned(i.version, service::item_dto(&i)))
}

/// A plan's results by practitioner, organisation or province: cases drawn
/// and scored, grades, mean score and the share graded good.
#[utoipa::path(get, path = "/api/v1/evaluation-plans/{id}/results", tag = "evaluation",
    params(("id" = Uuid, Path), ResultsQuery),
    responses((status = 200, body = ResultsDto), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["evaluation:read"])))]
#[get("/evaluation-plans/{id}/results")]
pub async fn results(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    q: web::Query<ResultsQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .json(service::results(&state, &caller, id.into_inner(), q.into_inner()).await?))
}

/// The scoring sheets (Circular 12/2018 Art. 16), each version with its
/// criteria, points and grade thresholds.
#[utoipa::path(get, path = "/api/v1/reference/score-sheets", tag = "reference",
    responses((status = 200, body = Vec<ScoreSheet>), (status = 401, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("api_key" = ["reference:read"])))]
#[get("/reference/score-sheets")]
pub async fn score_sheets(
    state: web::Data<AppState>,
    _caller: Caller,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::score_sheets(&state).await?))
}
