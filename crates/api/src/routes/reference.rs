use actix_web::{HttpResponse, get};
use tgpl_api_model::reference::ProvinceDto;
use tgpl_domain::province::PROVINCES;

/// The 34 provinces in force since 2025-07-01, with their former parts.
#[utoipa::path(get, path = "/api/v1/reference/provinces", tag = "reference",
    responses((status = 200, body = Vec<ProvinceDto>)))]
#[get("/reference/provinces")]
pub async fn provinces() -> HttpResponse {
    HttpResponse::Ok().json(PROVINCES.iter().map(ProvinceDto::from).collect::<Vec<_>>())
}
