//! The staff API of the catalogue (CAT-1): read the text running and the
//! published versions (every staff role), publish a new version (role
//! `admin`). A text with mistakes is answered 422 with every mistake in
//! `errors`, each placed in `context.attribute`
//! (`plan[mail-pro].prices.12.EUR`).

use axum::{Router, extract::State, routing::get};
use guichet_core::{
    Error,
    access::staff::{StaffAction, check as staff_check},
    catalog::versions::{self, CatalogueSource, CatalogueVersionView},
};
use serde::Deserialize;
use utoipa::{OpenApi, ToSchema};

use super::api::StaffApiActor;
use crate::{
    AppState,
    api::{
        ApiError, ApiOk,
        envelope::{ApiJsonText, ErrorBody, Success, TextField},
    },
};

/// Routes under `/staff`, behind the staff token check of `staff::api`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/catalog", get(get_catalog).put(publish_catalog))
        .route("/catalog/versions", get(list_versions))
        .route("/catalog/versions/{version}", get(get_version))
}

/// The catalogue's text as staff edit it: the newest published version,
/// else the configured file's (the demo's), with who published it.
#[utoipa::path(get, path = "/api/1/staff/catalog", tag = "staff", security(("staff_bearer" = [])),
    responses((status = 200, description = "The text and its version (`version` null: the configured file or the demo)", body = Success<CatalogueSource>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 404, description = "A customer token (`object_not_found`)", body = ErrorBody)))]
pub async fn get_catalog(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
) -> Result<ApiOk<CatalogueSource>, ApiError> {
    Ok(ApiOk::ok(versions::current(&state.ctx, &actor).await?))
}

/// A new catalogue.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogueInput {
    /// The whole catalogue, in TOML (docs/catalog.md); line breaks and tabs
    /// are allowed here, no other control character.
    pub toml: String,
    /// Why it changed, one line of at most 500 characters.
    #[serde(default)]
    pub note: Option<String>,
}

impl TextField for CatalogueInput {
    const FIELD: &'static str = "toml";
}

/// Publish a new version of the catalogue (role `admin`). It is checked
/// whole: with mistakes nothing changes, and each is listed. Else it runs
/// at once here, and within a minute on every instance.
#[utoipa::path(put, path = "/api/1/staff/catalog", tag = "staff", security(("staff_bearer" = [])),
    request_body = CatalogueInput,
    responses((status = 200, description = "The version published", body = Success<CatalogueVersionView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an admin (`forbidden`)", body = ErrorBody),
              (status = 404, description = "A customer token (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "Mistakes in the catalogue, each with its place as `context.attribute` (`validation_failed`: `invalid_catalogue`, `invalid_characters`; the note: `too_long`, `invalid_characters`)", body = ErrorBody)))]
pub async fn publish_catalog(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    ApiJsonText(body): ApiJsonText<CatalogueInput>,
) -> Result<ApiOk<CatalogueVersionView>, ApiError> {
    let v = versions::publish(&state.ctx, &actor, &body.toml, body.note.as_deref()).await?;
    Ok(ApiOk::ok(v))
}

/// The published versions, newest first (the latest 100), without their
/// texts.
#[utoipa::path(get, path = "/api/1/staff/catalog/versions", tag = "staff", security(("staff_bearer" = [])),
    responses((status = 200, description = "The versions", body = Success<Vec<CatalogueVersionView>>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 404, description = "A customer token (`object_not_found`)", body = ErrorBody)))]
pub async fn list_versions(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
) -> Result<ApiOk<Vec<CatalogueVersionView>>, ApiError> {
    Ok(ApiOk::ok(versions::list(&state.ctx, &actor).await?))
}

/// A published version with its text.
#[utoipa::path(get, path = "/api/1/staff/catalog/versions/{version}", tag = "staff", security(("staff_bearer" = [])),
    params(("version" = i64, Path, description = "The version's number (1, 2, …)")),
    responses((status = 200, description = "The version", body = Success<CatalogueSource>),
              (status = 401, description = "No valid staff token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 404, description = "No such version, or a customer token (`object_not_found`)", body = ErrorBody)))]
pub async fn get_version(
    State(state): State<AppState>,
    StaffApiActor(actor): StaffApiActor,
    axum::extract::Path(version): axum::extract::Path<String>,
) -> Result<ApiOk<CatalogueSource>, ApiError> {
    // Roles first, then a number that cannot be one is unknown.
    let Some(version) = version.parse::<i64>().ok().filter(|v| *v >= 1) else {
        staff_check(&actor, StaffAction::ReadCatalogue)?;
        return Err(Error::NotFound.into());
    };
    Ok(ApiOk::ok(
        versions::version(&state.ctx, &actor, version).await?,
    ))
}

/// The catalogue part of the staff OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(get_catalog, publish_catalog, list_versions, get_version),
    components(schemas(CatalogueSource, CatalogueVersionView, CatalogueInput))
)]
pub struct StaffCatalogApiDoc;
