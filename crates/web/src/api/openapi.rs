//! OpenAPI 3.1 (API-4), generated from the code with utoipa and served at
//! `/api/openapi.json`. A snapshot test notices every change to it.

use axum::{Json, response::IntoResponse};
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

use super::{
    accounts, billing, catalog,
    envelope::{ErrorBody, ErrorDetail, FieldContext, FieldErrorBody, Paging},
    orders, orgs, payments, renewals, security, tokens,
};
use crate::{ops, staff};

/// What is the API's own: its description, the envelope's schemas, the
/// bearer scheme and the tags. The operations and their bodies are
/// declared by each area next to its routes (`Api` in `api/accounts.rs`,
/// `api/orgs/mod.rs`, …): adding an endpoint touches one file, and
/// [`AREAS`] gathers them.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Guichet API",
        version = "1",
        description = "The customer manager's public API. Paths are `/api/1/…`; `/api/…` is served by the latest version. \
                       Conventions (envelope, paging, errors, ids, times, money, idempotency, scopes) are in docs/api.md."
    ),
    components(schemas(
        ErrorBody,
        ErrorDetail,
        FieldErrorBody,
        FieldContext,
        Paging,
    )),
    modifiers(&BearerToken),
    tags(
        (name = "billing", description = "Your organisation's invoices and credit notes, with their PDFs (BIL-1, BIL-2). \
                                        Owners and members with the `billing:view` right read them; money is `{\"amount\":\"12.50\",\"currency\":\"CHF\"}`."),
        (name = "payments", description = "Paying invoices by card, PostFinance Card, PayPal, Twint, prepaid credit or bank transfer; \
                                           the prepaid account and its top-ups; stored methods; the gateways' signed notifications (BIL-3…BIL-6). \
                                           Paying needs `billing:pay`; the POSTs take an `Idempotency-Key`."),
        (name = "catalog", description = "What the provider sells: plans, periods, prices per currency before VAT, VAT classes, \
                                          renewal warranty, names in en, fr, de and it (CAT-1). No token."),
        (name = "orders", description = "Ordering from the catalogue (its invoice issued, its payment started), the organisation's orders, \
                                         and the products it holds (CAT-2, CAT-3, ORG-2). Ordering needs `billing:pay`; restricted members \
                                         see the products their rights open."),
        (name = "renewals", description = "The \"to pay\" list and renewing products by hand on one invoice, several periods ahead where \
                                           the catalogue allows it (REN-3, ORG-7). Auto-renewal and the renewal warranty are switched on the \
                                           products (`PATCH …/products`); the renewal sweep does the rest (REN-1, REN-2, REN-4, REN-5)."),
        (name = "operations", description = "Health and readiness of the service (OPS-4)"),
        (name = "orgs", description = "Your organisations: members and rights, invitations, teams, leaving, \
                                       the legal representative's hand-over, billing addresses and the audit log \
                                       (ORG-1…ORG-7, OPS-5). Rights are listed in docs/api.md."),
        (name = "profile", description = "Your profile, recovery address, support code, password and newsletters (ACC-2…ACC-5)"),
        (name = "security", description = "Your security log and signed-in sessions (SEC-5)"),
        (name = "tokens", description = "Your API tokens (API-1)"),
        (name = "sign-up", description = "Without a token: sign up, confirm an address, reset a forgotten password (ACC-1, ACC-3)")
    )
)]
pub struct ApiDoc;

/// The areas' operations, each declared next to its routes.
const AREAS: &[fn() -> utoipa::openapi::OpenApi] = &[
    ops::Api::openapi,
    accounts::Api::openapi,
    security::Api::openapi,
    tokens::Api::openapi,
    orgs::Api::openapi,
    billing::Api::openapi,
    staff::api::StaffApiDoc::openapi,
    payments::Api::openapi,
    catalog::Api::openapi,
    orders::Api::openapi,
    renewals::Api::openapi,
    staff::billing_api::StaffBillingApiDoc::openapi,
    staff::payments_api::StaffPaymentsApiDoc::openapi,
    staff::catalog_api::StaffCatalogApiDoc::openapi,
    staff::renewals_api::StaffRenewalsApiDoc::openapi,
    staff::bank_api::StaffBankApiDoc::openapi,
];

/// The `bearer` security scheme the operations name with their scope.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("gch_…")
                    .description(Some(
                        "An API token made in the console or with POST /api/1/profile/tokens: \
                         `Authorization: Bearer gch_…` (47 characters). Each operation names the \
                         scope it needs (docs/api.md lists them); a token without it gets 403 \
                         `insufficient_scope`. 60 requests per minute per token (API-3).",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document as served: generated, then completed with the limits the
/// server enforces (`limits`, which works on the JSON form). Read back into
/// utoipa's types so that it serialises in the usual order.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut generated = ApiDoc::openapi();
    for area in AREAS {
        generated.merge(area());
    }
    let completed = serde_json::to_value(&generated).and_then(|mut doc| {
        super::limits::apply(&mut doc);
        serde_json::from_value(doc)
    });
    match completed {
        Ok(doc) => doc,
        // utoipa's own types read back what they wrote; were it not so, the
        // snapshot test would show the limits missing.
        Err(e) => {
            tracing::error!(error = %e, "completing the OpenAPI document");
            generated
        }
    }
}

pub async fn serve() -> impl IntoResponse {
    Json(document())
}
