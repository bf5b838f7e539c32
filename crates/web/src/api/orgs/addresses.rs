//! Billing addresses (ORG-7).

use axum::{extract::State, http::StatusCode};
use guichet_core::ids::{BillingAddressId, OrgId};
use guichet_core::{
    access::Action,
    orgs::{self, AddressView, address::AddressInput},
};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{Ids, LaterJson, paged, window};
use crate::{
    AppState,
    api::{
        ApiError, ApiList, ApiOk, Paging,
        envelope::{ErrorBody, Page, Success},
    },
    auth::ApiActor,
};

/// A billing address, structured as on a Swiss QR-bill.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddressFields {
    /// The recipient, a company or a person (at most 70 characters).
    pub name: String,
    /// At most 70 characters.
    pub street: String,
    /// May be empty where the street has none (at most 16 characters).
    #[serde(default)]
    pub building_number: String,
    /// Checked against the country's format for CH, LI, DE, FR, IT, AT.
    pub postcode: String,
    /// At most 35 characters.
    pub town: String,
    /// ISO 3166-1 alpha-2, e.g. `CH`.
    pub country: String,
    /// `true` makes it the default address (the previous default stops
    /// being one). The first address is always the default; `false` is
    /// ignored: make another address the default instead.
    pub is_default: Option<bool>,
}

impl AddressFields {
    fn split(self) -> (AddressInput, bool) {
        let make_default = self.is_default == Some(true);
        let input = AddressInput {
            name: self.name,
            street: self.street,
            building_number: self.building_number,
            postcode: self.postcode,
            town: self.town,
            country: self.country,
        };
        (input, make_default)
    }
}

/// ORG-7: the billing addresses, the default first (owners, and the
/// billing rights).
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/billing-addresses", tag = "orgs", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), Paging),
    responses((status = 200, description = "A page of the addresses", body = Page<AddressView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Neither an owner nor holding a `billing:` right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "`page` or `per_page` out of range (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_addresses(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    paging: Paging,
) -> Result<ApiList<AddressView>, ApiError> {
    let page = orgs::list_addresses_page(&state.ctx, &actor, &org_id, window(paging)).await?;
    Ok(paged(page, paging))
}

/// ORG-7: add a billing address (owners only). The first one is the
/// default.
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/billing-addresses", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)")),
    request_body = AddressFields,
    responses((status = 201, description = "The address", body = Success<AddressView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `required`, `too_long`, `invalid_country`, `invalid_postcode`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn create_address(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    body: LaterJson,
) -> Result<ApiOk<AddressView>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::ManageBillingAddresses).await?;
    let body: AddressFields = body.read().await?;
    let (input, make_default) = body.split();
    Ok(ApiOk::created(
        orgs::save_address(&state.ctx, &actor, &org_id, None, &input, make_default).await?,
    ))
}

/// ORG-7: replace a billing address, or make it the default (owners only).
/// The body is the whole address.
#[utoipa::path(patch, path = "/api/1/orgs/{org_id}/billing-addresses/{id}", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("id" = String, Path, description = "The address's id (`adr_…`)")),
    request_body = AddressFields,
    responses((status = 200, description = "The address as changed", body = Success<AddressView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or address, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `required`, `too_long`, `invalid_country`, `invalid_postcode`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn update_address(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, id)): Ids<(OrgId, BillingAddressId)>,
    body: LaterJson,
) -> Result<ApiOk<AddressView>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::ManageBillingAddresses).await?;
    let body: AddressFields = body.read().await?;
    let (input, make_default) = body.split();
    Ok(ApiOk::ok(
        orgs::save_address(&state.ctx, &actor, &org_id, Some(&id), &input, make_default).await?,
    ))
}

/// ORG-7: make a billing address the default (owners only); the
/// previous default stops being one, in one step.
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/billing-addresses/{id}/default", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("id" = String, Path, description = "The address's id (`adr_…`)")),
    responses((status = 200, description = "The address, now the default", body = Success<AddressView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or address, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn make_default_address(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, id)): Ids<(OrgId, BillingAddressId)>,
) -> Result<ApiOk<AddressView>, ApiError> {
    Ok(ApiOk::ok(
        orgs::make_default_address(&state.ctx, &actor, &org_id, &id).await?,
    ))
}

/// ORG-7: remove a billing address (owners only). The default one goes
/// only when it is the last: make another the default first.
#[utoipa::path(delete, path = "/api/1/orgs/{org_id}/billing-addresses/{id}", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("id" = String, Path, description = "The address's id (`adr_…`)")),
    responses((status = 204, description = "The address is removed"),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or address, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "It is the default and others remain (`default_address`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn delete_address(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, id)): Ids<(OrgId, BillingAddressId)>,
) -> Result<StatusCode, ApiError> {
    orgs::delete_address(&state.ctx, &actor, &org_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
