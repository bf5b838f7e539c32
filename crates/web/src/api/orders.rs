//! API of orders and products (CAT-2, CAT-3, ORG-2): placing an order
//! (its invoice issued, its payment started), reading and cancelling
//! orders (the billing rights: orders are money), and the products an
//! organisation holds (restricted members see those their rights open):
//! their renewal settings, one or many at once, moving one to another
//! organisation of the same owner, a suite's upgrade (SUI-1) and seats.

use axum::{
    Router,
    body::Bytes,
    extract::{FromRequestParts, State},
    http::request::Parts,
    middleware,
    routing::{get, post, put},
};
use guichet_core::{
    Error, FieldError,
    access::Action,
    catalog::{
        manage::{self, BulkProductChange, MoveInput, ProductChange},
        orders::{self, ItemInput, OrderInput, OrderItemView, OrderView, PlacedOrder},
        products::{self, ProductQuery, ProductView},
        suites::{self, SeatView, SeatsView, UpgradeInput, UpgradeOutcome},
    },
    idempotency::Idempotency,
    ids::{OrderId, OrgId, ProductId, UserId},
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
        .route(
            "/orgs/{org_id}/products",
            get(list_products).patch(update_products),
        )
        .route(
            "/orgs/{org_id}/products/{product_id}",
            get(get_product).patch(update_product),
        )
        .route(
            "/orgs/{org_id}/products/{product_id}/move",
            post(move_product),
        )
        .route(
            "/orgs/{org_id}/products/{product_id}/upgrade",
            post(upgrade_suite),
        )
        .route(
            "/orgs/{org_id}/products/{product_id}/seats",
            get(list_seats),
        )
        .route(
            "/orgs/{org_id}/products/{product_id}/seats/{user_id}",
            put(assign_seat).delete(release_seat),
        )
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
        get_product,
        update_product,
        update_products,
        move_product,
        upgrade_suite,
        list_seats,
        assign_seat,
        release_seat
    ),
    components(schemas(
        OrderInput,
        ItemInput,
        OrderView,
        OrderItemView,
        PlacedOrder,
        ProductView,
        ProductChange,
        BulkProductChange,
        MoveInput,
        UpgradeInput,
        UpgradeOutcome,
        SeatsView,
        SeatView
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

/// Change a product's renewal settings: auto-renewal (with a stored card
/// or Twint of the organisation), renewal warranty (where the plan allows
/// it; never a NAS device) and the billing address its renewals go to
/// (ORG-7). What is left out stays.
#[utoipa::path(patch, path = "/api/1/orgs/{org_id}/products/{product_id}", tag = "orders", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("product_id" = String, Path, description = "The product's id (`prd_…`)")),
    request_body = ProductChange,
    responses((status = 200, description = "The product, changed", body = Success<ProductView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or product, or none the caller manages (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Part of a suite, which renews it (`inside_suite`), or cancelled (`product_closed`)", body = ErrorBody),
              (status = 422, description = "`validation_failed`: `required` (nothing to change), `unknown_address`, `unknown_payment_method`, `method_not_renewable`, `warranty_not_allowed`, `payment_method_required`", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn update_product(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, product_id)): Ids<(OrgId, ProductId)>,
    body: LaterJson,
) -> Result<ApiOk<ProductView>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::ViewOrg).await?;
    let change: ProductChange = body.read().await?;
    Ok(ApiOk::ok(
        manage::update_product(&state.ctx, &actor, &org_id, &product_id, &change).await?,
    ))
}

/// The same change of renewal settings to up to 100 products, all or
/// none: each refusal names the product's place (`product_ids[3]`).
#[utoipa::path(patch, path = "/api/1/orgs/{org_id}/products", tag = "orders", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)")),
    request_body = BulkProductChange,
    responses((status = 200, description = "The products, changed, in the order named", body = Success<Vec<ProductView>>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation (`object_not_found`)", body = ErrorBody),
              (status = 422, description = "`validation_failed`, per product: `not_found`, `inside_suite`, `product_closed`, `warranty_not_allowed`, `payment_method_required`; or `out_of_range` (1 to 100 products), `required`, `unknown_address`, `unknown_payment_method`, `method_not_renewable`", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn update_products(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids(org_id): Ids<OrgId>,
    body: LaterJson,
) -> Result<ApiOk<Vec<ProductView>>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::ViewOrg).await?;
    let input: BulkProductChange = body.read().await?;
    Ok(ApiOk::ok(
        manage::update_products(&state.ctx, &actor, &org_id, &input).await?,
    ))
}

/// Move a product to another organisation of which the caller is an owner,
/// as of this one. Never a suite (SUI-2) nor a product inside one
/// (SUI-3). Its renewal address and stored method stay behind, so
/// auto-renewal is off until set again; a `product.moved` event goes out.
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/products/{product_id}/move", tag = "orders", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("product_id" = String, Path, description = "The product's id (`prd_…`)")),
    request_body = MoveInput,
    responses((status = 200, description = "The product, in its new organisation", body = Success<ProductView>),
              (status = 400, description = "The body is not JSON (`invalid_json`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or product, or none the caller manages (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "A suite (`suite_not_movable`), part of one (`inside_suite`), or cancelled (`product_closed`)", body = ErrorBody),
              (status = 422, description = "`validation_failed`: `unknown_org` (not another organisation the caller owns too)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn move_product(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, product_id)): Ids<(OrgId, ProductId)>,
    body: LaterJson,
) -> Result<ApiOk<ProductView>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::ViewOrg).await?;
    let input: MoveInput = body.read().await?;
    Ok(ApiOk::ok(
        manage::move_product(&state.ctx, &actor, &org_id, &product_id, &input).await?,
    ))
}

/// SUI-1: raise a suite's users or storage for the rest of its period,
/// prorated to the day; invoiced and paid like an order (with `payment`,
/// the payment starts). Paid, the suite takes its new size and a
/// `product.upgraded` event goes out. Never smaller (SUI-2). One upgrade
/// waits at a time per suite.
#[utoipa::path(post, path = "/api/1/orgs/{org_id}/products/{product_id}/upgrade", tag = "orders", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("product_id" = String, Path, description = "The suite's id (`prd_…`)"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request answer the first upgrade, not a second")),
    request_body = UpgradeInput,
    responses((status = 201, description = "The suite, and the upgrade's order to pay (none when it cost nothing and applied at once)", body = Success<UpgradeOutcome>),
              (status = 400, description = "The body is not JSON (`invalid_json`) or a bad key (`invalid_idempotency_key`)", body = ErrorBody),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "Without the pay right (`forbidden`), or the token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or product, or none the caller manages (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Not a suite (`not_a_suite`), not active (`product_not_active`), an upgrade waiting (`upgrade_pending`), its plan no longer sold (`plan_withdrawn`), or the same key still being answered (`idempotency_key_in_use`)", body = ErrorBody),
              (status = 422, description = "`validation_failed`: `downgrade`, `no_change`, `out_of_range`, `required`, `idempotency_key_reused`", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn upgrade_suite(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, product_id)): Ids<(OrgId, ProductId)>,
    key: IdempotencyKey,
    body: LaterJson,
) -> Result<ApiOk<UpgradeOutcome>, ApiError> {
    orgs::admit(&state.ctx, &actor, &org_id, Action::ViewOrg).await?;
    let (input, bytes): (UpgradeInput, Bytes) = body.read_with_bytes().await?;
    let idem = match &key.0 {
        None => None,
        Some(k) => Some(Idempotency::new(
            &format!("user:{}", actor.user_id),
            k,
            &format!("upgrade {product_id}"),
            &bytes,
        )?),
    };
    let outcome = suites::upgrade(
        &state.ctx,
        &actor,
        &org_id,
        &product_id,
        &input,
        idem.as_ref(),
    )
    .await?;
    Ok(ApiOk::created(outcome))
}

/// A suite's seats: its number of users and the members holding them.
#[utoipa::path(get, path = "/api/1/orgs/{org_id}/products/{product_id}/seats", tag = "orders", security(("bearer" = ["orgs:read"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("product_id" = String, Path, description = "The suite's id (`prd_…`)")),
    responses((status = 200, description = "The seats", body = Success<SeatsView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or product, or none the caller sees (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Not a suite (`not_a_suite`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn list_seats(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, product_id)): Ids<(OrgId, ProductId)>,
) -> Result<ApiOk<SeatsView>, ApiError> {
    Ok(ApiOk::ok(
        suites::list_seats(&state.ctx, &actor, &org_id, &product_id).await?,
    ))
}

/// Give one of the suite's seats to a member of the organisation (again:
/// no change). A member holding a seat cannot leave the organisation
/// (ORG-5 `suite_user`).
#[utoipa::path(put, path = "/api/1/orgs/{org_id}/products/{product_id}/seats/{user_id}", tag = "orders", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("product_id" = String, Path, description = "The suite's id (`prd_…`)"),
           ("user_id" = String, Path, description = "The member's id (`usr_…`)")),
    responses((status = 200, description = "The seats", body = Success<SeatsView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation or product, or none the caller manages (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Not a suite (`not_a_suite`), not active (`product_not_active`), or every seat taken (`no_free_seat`)", body = ErrorBody),
              (status = 422, description = "`validation_failed`: `not_a_member`", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn assign_seat(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, product_id, user_id)): Ids<(OrgId, ProductId, UserId)>,
) -> Result<ApiOk<SeatsView>, ApiError> {
    Ok(ApiOk::ok(
        suites::assign_seat(&state.ctx, &actor, &org_id, &product_id, user_id.as_str()).await?,
    ))
}

/// Take a seat of the suite back.
#[utoipa::path(delete, path = "/api/1/orgs/{org_id}/products/{product_id}/seats/{user_id}", tag = "orders", security(("bearer" = ["orgs:write"])),
    params(("org_id" = String, Path, description = "The organisation's id (`org_…`)"),
           ("product_id" = String, Path, description = "The suite's id (`prd_…`)"),
           ("user_id" = String, Path, description = "The member's id (`usr_…`)")),
    responses((status = 200, description = "The seats", body = Success<SeatsView>),
              (status = 401, description = "No valid token (`not_authenticated`, `invalid_token`)", body = ErrorBody),
              (status = 403, description = "The token lacks the scope (`insufficient_scope`)", body = ErrorBody),
              (status = 404, description = "No such organisation, product or seat, or none the caller manages (`object_not_found`)", body = ErrorBody),
              (status = 409, description = "Not a suite (`not_a_suite`)", body = ErrorBody),
              (status = 429, description = "Over 60 requests this minute (`too_many_requests`)", body = ErrorBody)))]
pub async fn release_seat(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Ids((org_id, product_id, user_id)): Ids<(OrgId, ProductId, UserId)>,
) -> Result<ApiOk<SeatsView>, ApiError> {
    Ok(ApiOk::ok(
        suites::release_seat(&state.ctx, &actor, &org_id, &product_id, user_id.as_str()).await?,
    ))
}
