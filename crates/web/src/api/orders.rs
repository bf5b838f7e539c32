//! API of orders and products (CAT-2, CAT-3, ORG-2): placing an order
//! (its invoice issued, its payment started), reading and cancelling
//! orders (the billing rights: orders are money), and the products an
//! organisation holds (restricted members see those their rights open).

use axum::{
    Router,
    body::Bytes,
    extract::{FromRequestParts, State},
    http::request::Parts,
    middleware,
    routing::{get, post},
};
use guichet_core::{
    Error, FieldError,
    access::Action,
    catalog::{
        orders::{self, ItemInput, OrderInput, OrderItemView, OrderView, PlacedOrder},
        products::{self, ProductQuery, ProductView},
    },
    idempotency::Idempotency,
    ids::{OrderId, OrgId, ProductId},
    orgs,
};
use utoipa::{IntoParams, OpenApi};

use super::{
    ApiError, ApiList, ApiOk, Paging,
    envelope::{self, ErrorBody, Page, Success},
    orgs::{Ids, LaterJson, paged, window},
};
use crate::{AppState, auth, auth::ApiActor, staff::billing_api::IdempotencyKey};

pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/orgs/{org_id}/orders", post(place_order).get(list_orders))
        .route("/orgs/{org_id}/orders/{order_id}", get(get_order))
        .route(
            "/orgs/{org_id}/orders/{order_id}/cancel",
            post(cancel_order),
        )
        .route("/orgs/{org_id}/products", get(list_products))
        .route("/orgs/{org_id}/products/{product_id}", get(get_product))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ))
}

#[derive(OpenApi)]
#[openapi(
    paths(
        place_order,
        list_orders,
        get_order,
        cancel_order,
        list_products,
        get_product
    ),
    components(schemas(
        OrderInput,
        ItemInput,
        OrderView,
        OrderItemView,
        PlacedOrder,
        ProductView
    ))
)]
pub struct Api;

/// CAT-2: order items of the catalogue. The invoice is issued at once to
/// the billing address named (the default one otherwise); with `payment`,
/// its payment starts as `POST …/invoices/{invoice_id}/payments` would
/// (a gateway answers with its `redirect_url`; a bank transfer waits for
/// the money). Paid, the order makes its products and announces them
/// (`product.created` webhooks). Unpaid, it is cancelled after
/// `[catalog] unpaid_order_days`.
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/orders", tag = "orders", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request answer the first order, not a second")),
    request_body = OrderInput,
    responses((status = 201, description = "The order, and its payment if one was asked (or `payment_error`, the order waiting)", body = Success<PlacedOrder>),
              (status = 400, description = "The body is not JSON (`invalid_json`) or a bad key (`invalid_idempotency_key`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the pay right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "No billing address (`billing_address_required`), no prices in the organisation's currency (`currency_not_offered`), or the same key still being answered (`idempotency_key_in_use`)", body = ErrorBody),
              (status = 422, description = "Items refused one by one (`validation_failed`: `unknown_plan`, `period_not_allowed`, `out_of_range`, `required`, `not_applicable`, `invalid_domain`, `duplicate_domain`, `domain_taken`, `not_a_domain`, `idempotency_key_reused`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn place_order(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    key: IdempotencyKey,
    body: LaterJson,
) -> Result<ApiOk<PlacedOrder>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::PayBilling).await?;
    let (input, bytes): (OrderInput, Bytes) = body.read_with_bytes().await?;
    let idem = match &key.0 {
        None => None,
        Some(k) => Some(Idempotency::new(
            &format!("user:{}", actor.user_id),
            k,
            &format!("order {org_id}"),
            &bytes,
        )?),
    };
    let placed = orders::place(&state.ctx, &actor, &org_id, &input, idem.as_ref()).await?;
    Ok(ApiOk::created(placed))
}

/// The organisation's orders, newest first (the billing view right).
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/orders", tag = "orders", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), Paging),
    responses((status = 200, description = "A page of the orders", body = Page<OrderView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the billing right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "A bad page (`validation_failed`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_orders(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    paging: Paging,
) -> Result<ApiList<OrderView>, ApiError> {
    let page = orders::list_orders(&state.ctx, &actor, &org_id, window(paging)).await?;
    Ok(paged(page, paging))
}

/// One order, with its items, invoice totals and the products it made.
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/orders/{order_id}", tag = "orders", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("order_id" = String, Path, description = "The order's id (`ord_…`)")),
    responses((status = 200, description = "The order", body = Success<OrderView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the billing right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or order (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn get_order(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, order_id)): Ids<(OrgId, OrderId)>,
) -> Result<ApiOk<OrderView>, ApiError> {
    Ok(ApiOk::ok(
        orders::get_order(&state.ctx, &actor, &org_id, &order_id).await?,
    ))
}

/// Cancel a pending order: its invoice is credited in full (what was paid
/// of it goes to the prepaid account).
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/orders/{order_id}/cancel", tag = "orders", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("order_id" = String, Path, description = "The order's id (`ord_…`)")),
    responses((status = 200, description = "The order, cancelled", body = Success<OrderView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the pay right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or order (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Paid or cancelled already (`order_not_pending`), or a payment under way (`payment_in_flight`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn cancel_order(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, order_id)): Ids<(OrgId, OrderId)>,
) -> Result<ApiOk<OrderView>, ApiError> {
    Ok(ApiOk::ok(
        orders::cancel(&state.ctx, &actor, &org_id, &order_id).await?,
    ))
}

/// Filters of the product list, both optional (with `page` and
/// `per_page`).
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductFilters {
    /// A product kind: `domain`, `web_hosting`, `mail`, `suite`, `drive`,
    /// `chat`, `nas`, `premium_support`.
    pub kind: Option<String>,
    /// `pending`, `active`, `suspended`, `expired` or `cancelled`.
    pub status: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for ProductFilters {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let mut q = ProductFilters::default();
        let mut errors = Vec::new();
        for (k, v) in envelope::query_pairs(parts)? {
            match k.as_str() {
                "kind" => q.kind = Some(v),
                "status" => q.status = Some(v),
                "page" | "per_page" => {}
                other => errors.push(FieldError::new(
                    other,
                    "invalid_value",
                    "Filter by kind or status.",
                )),
            }
        }
        if errors.is_empty() {
            Ok(q)
        } else {
            Err(ApiError(Error::Validation(errors)))
        }
    }
}

/// The products the caller sees in the organisation (ORG-2: owners all of
/// them, restricted members those of their product and product-kind
/// rights), soonest expiry first.
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/products", tag = "orders", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"), ProductFilters, Paging),
    responses((status = 200, description = "A page of the products", body = Page<ProductView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "A bad filter or page (`validation_failed`: `invalid_value`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_products(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    filters: ProductFilters,
    paging: Paging,
) -> Result<ApiList<ProductView>, ApiError> {
    let query = ProductQuery {
        kind: filters.kind,
        status: filters.status,
    };
    let page = products::list_products(&state.ctx, &actor, &org_id, &query, window(paging)).await?;
    Ok(paged(page, paging))
}

/// One product the caller sees (another's, or one no right opens, is
/// 404).
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/products/{product_id}", tag = "orders", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("product_id" = String, Path, description = "The product's id (`prd_…`)")),
    responses((status = 200, description = "The product", body = Success<ProductView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or product, or none the caller may see (`object_not_found`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn get_product(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, product_id)): Ids<(OrgId, ProductId)>,
) -> Result<ApiOk<ProductView>, ApiError> {
    Ok(ApiOk::ok(
        products::get_product(&state.ctx, &actor, &org_id, &product_id).await?,
    ))
}
