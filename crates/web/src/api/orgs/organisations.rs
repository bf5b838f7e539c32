//! Organisations themselves (ACC-7, ORG-1): list, create, read, change.

use axum::extract::State;
use guichet_core::ids::OrgId;
use guichet_core::{
    access::Action,
    i18n::Lang,
    orgs::{self, Currency, OrgKind, OrgSummary, OrgView},
};
use serde::{Deserialize, Deserializer};
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

/// A new organisation; the caller becomes its legal representative.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrg {
    /// 1 to 100 characters.
    pub name: String,
    /// `company` (the default) or `individual`.
    pub kind: Option<OrgKind>,
    /// ISO 3166-1 alpha-2; the provider's default country when absent.
    pub country: Option<String>,
    /// The provider's default language when absent.
    pub language: Option<Lang>,
    /// The provider's default currency when absent.
    pub currency: Option<Currency>,
    /// A Swiss UID (`CHE-123.456.789 MWST`) or an EU VAT number.
    pub vat_number: Option<String>,
}

impl From<NewOrg> for orgs::OrgInput {
    fn from(b: NewOrg) -> Self {
        orgs::OrgInput {
            name: Some(b.name),
            kind: b.kind,
            country: b.country,
            language: b.language,
            currency: b.currency,
            vat_number: b.vat_number.map(Some),
        }
    }
}

/// Changes to an organisation: absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgChanges {
    pub name: Option<String>,
    pub kind: Option<OrgKind>,
    pub country: Option<String>,
    pub language: Option<Lang>,
    /// Fixed once the organisation has an invoice (409 `currency_locked`).
    pub currency: Option<Currency>,
    /// `null` or `""` removes it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub vat_number: Option<Option<String>>,
}

/// Absent stays `None`; `null` becomes `Some(None)`.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

impl From<OrgChanges> for orgs::OrgInput {
    fn from(b: OrgChanges) -> Self {
        orgs::OrgInput {
            name: b.name,
            kind: b.kind,
            country: b.country,
            language: b.language,
            currency: b.currency,
            vat_number: b.vat_number,
        }
    }
}

/// ACC-7: the organisations the caller belongs to, to switch between.
#[utoipa::path(get, path = "/api/1/orgs", tag = "orgs", security(("bearer" = ["orgs:read"])),
    params(Paging),
    responses((status = 200, description = "A page of the caller's organisations, by name, with the caller's role", body = Page<OrgSummary>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 422, description = "`page` or `per_page` out of range (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_orgs(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    paging: Paging,
) -> Result<ApiList<OrgSummary>, ApiError> {
    let page = orgs::list_orgs_page(&state.ctx, &actor, window(paging)).await?;
    Ok(paged(page, paging))
}

/// Create an organisation; the caller becomes its legal representative.
#[utoipa::path(post, path = "/api/1/orgs", tag = "orgs", security(("bearer" = ["orgs:write"])),
    request_body = NewOrg,
    responses((status = 201, description = "The organisation, with its settings", body = Success<OrgView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `invalid_name`, `invalid_country`, `invalid_vat_number`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn create_org(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    body: LaterJson,
) -> Result<ApiOk<OrgView>, ApiError> {
    let body: NewOrg = body.read().await?;
    Ok(ApiOk::created(
        orgs::create_org(&state.ctx, &actor, body.into()).await?,
    ))
}

/// An organisation the caller belongs to. Its settings (country,
/// language, currency, VAT number) are shown to owners and to holders of
/// the `settings` right, and are `null` for other members.
#[utoipa::path(get, path = "/api/1/orgs/{org_id}", tag = "orgs", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)")),
    responses((status = 200, description = "The organisation, the caller's role and effective rights", body = Success<OrgView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn get_org(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
) -> Result<ApiOk<OrgView>, ApiError> {
    Ok(ApiOk::ok(orgs::get_org(&state.ctx, &actor, &org_id).await?))
}

/// ORG-1: change the organisation's data (owners only).
#[utoipa::path(patch, path = "/api/1/orgs/{org_id}", tag = "orgs", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)")),
    request_body = OrgChanges,
    responses((status = 200, description = "The organisation as changed", body = Success<OrgView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Not an owner (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, or the caller is not a member (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "The currency cannot change once the organisation has an invoice (`currency_locked`)", body = ErrorBody),
              (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
              (status = 422, description = "Invalid fields (`validation_failed`: `invalid_name`, `invalid_country`, `invalid_vat_number`, `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn update_org(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    body: LaterJson,
) -> Result<ApiOk<OrgView>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::ChangeOrg).await?;
    let body: OrgChanges = body.read().await?;
    Ok(ApiOk::ok(
        orgs::update_org(&state.ctx, &actor, &org_id, body.into()).await?,
    ))
}
