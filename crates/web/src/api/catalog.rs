//! API of the catalogue (CAT-1): what the provider sells, public — a shop
//! front, a price comparison or a reseller's site reads it without a token.

use axum::{Router, extract::State, routing::get};
use guichet_core::catalog::{CatalogueView, PeriodPrices, PlanView, StorageView};
use utoipa::OpenApi;

use super::{ApiError, ApiOk, ClientLang, envelope::Success};
use crate::AppState;

pub fn routes(_state: &AppState) -> Router<AppState> {
    Router::new().route("/catalog", get(get_catalog))
}

#[derive(OpenApi)]
#[openapi(
    paths(get_catalog),
    components(schemas(CatalogueView, PlanView, PeriodPrices, StorageView))
)]
pub struct Api;

/// CAT-1: the catalogue — every plan with its kind, periods, prices per
/// currency before VAT, VAT class, whether renewal warranty is offered,
/// and its names and descriptions (in the language `Accept-Language`
/// asks for, and in all four). No token.
#[utoipa::path(get, path = "/api/1/catalog", tag = "catalog",
    params(("Accept-Language" = Option<String>, Header, description = "en, fr, de or it: the language of `name` and `description`")),
    responses((status = 200, description = "The catalogue", body = Success<CatalogueView>)))]
pub async fn get_catalog(
    State(state): State<AppState>,
    ClientLang(lang): ClientLang,
) -> Result<ApiOk<CatalogueView>, ApiError> {
    Ok(ApiOk::ok(state.ctx.catalog.current().view(lang)))
}
