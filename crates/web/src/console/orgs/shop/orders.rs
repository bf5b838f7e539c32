//! The orders (`/orgs/{id}/orders`, CAT-2), for members with the billing
//! right (orders are money): the list, newest first; one order with its
//! items, totals, invoice and the products it made; "Pay" and "Cancel"
//! while it is pending, for members who may pay.

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use guichet_core::{
    catalog::orders::{self, OrderView},
    ids::{OrderId, OrgId},
};
use serde::Deserialize;

use super::{
    super::{
        super::{
            Shell,
            errors::PageError,
            notice::{self, Ids, Saved, saved},
            refused, render,
            visitor::SignedIn,
        },
        frame::OrgFrame,
        invoices::{PER_PAGE, window_of},
    },
    Badge, REFUSED, ShopNotice, kind_label, period_text,
};
use crate::AppState;

/// An order as the list shows it.
pub struct ListedOrder {
    pub id: String,
    pub placed: String,
    pub placed_iso: String,
    /// Its items' names, "Mail Pro, example.ch".
    pub summary: String,
    pub total: String,
    pub status: Badge,
    pub invoice_id: String,
    pub invoice_number: String,
}

impl ListedOrder {
    fn of(shell: &Shell, o: &OrderView) -> Self {
        Self {
            id: o.id.to_string(),
            placed: shell.datetime(o.created_at),
            placed_iso: shell.iso(o.created_at),
            summary: o
                .items
                .iter()
                .map(|i| i.domain.clone().unwrap_or_else(|| i.name.clone()))
                .collect::<Vec<_>>()
                .join(", "),
            total: shell.money(o.total),
            status: Badge::order(shell, &o.status),
            invoice_id: o.invoice_id.to_string(),
            invoice_number: o.invoice_number.clone().unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "orgs/orders.html")]
pub struct OrdersPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    orders: Vec<ListedOrder>,
    page: u64,
    pages: u64,
}

impl OrdersPage {
    fn page_of(&self) -> String {
        self.shell.t_args(
            "log-page-of",
            &[
                ("page", self.page.to_string()),
                ("pages", self.pages.to_string()),
            ],
        )
    }
}

#[derive(Deserialize)]
pub struct OrdersQuery {
    page: Option<String>,
}

/// `GET /orgs/{id}/orders`.
pub async fn orders_list(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Query(q): Query<OrdersQuery>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let (org, _) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let (page, window) = window_of(q.page.as_deref());
    let list = orders::list_orders(&state.ctx, &s.actor, &org_id, window).await?;
    let page = OrdersPage {
        heading: shell.t("shop-orders-title"),
        orders: list
            .items
            .iter()
            .map(|o| ListedOrder::of(&shell, o))
            .collect(),
        page,
        pages: list.total.div_ceil(PER_PAGE).max(1),
        org,
        shell,
    };
    Ok(render(StatusCode::OK, &page))
}

/// An item of an order, written out.
pub struct OrderItem {
    pub name: String,
    pub kind: String,
    pub period: String,
    pub quantity: String,
    pub storage: Option<String>,
    pub net: String,
}

/// A product an order made.
pub struct MadeProduct {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub status: Badge,
}

#[derive(Template)]
#[template(path = "orgs/order.html")]
pub struct OrderPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    order: ListedOrder,
    pending: bool,
    items: Vec<OrderItem>,
    net: String,
    vat: String,
    /// Unpaid by then, it is cancelled.
    cancel_after: String,
    products: Vec<MadeProduct>,
    saved: Option<String>,
    alert: Option<String>,
}

impl OrderPage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &OrgId,
        order_id: &OrderId,
    ) -> Result<Self, PageError> {
        let (org, _) = OrgFrame::load(state, s, &shell, org_id).await?;
        let o = orders::get_order(&state.ctx, &s.actor, org_id, order_id).await?;
        Ok(Self {
            heading: shell.t1("shop-order-title", "date", shell.date(o.created_at)),
            order: ListedOrder::of(&shell, &o),
            pending: o.status == "pending",
            items: o
                .items
                .iter()
                .map(|i| OrderItem {
                    name: i.domain.clone().unwrap_or_else(|| i.name.clone()),
                    kind: kind_label(&shell, i.kind),
                    period: period_text(&shell, i64::from(i.months)),
                    quantity: shell.integer(i64::from(i.quantity)),
                    storage: i
                        .storage_gb
                        .map(|gb| shell.t1("shop-storage-gb", "gb", shell.integer(i64::from(gb)))),
                    net: shell.money(i.net),
                })
                .collect(),
            net: shell.money(o.net),
            vat: shell.money(o.vat),
            cancel_after: shell.date(o.cancel_after),
            products: o
                .products
                .iter()
                .map(|p| MadeProduct {
                    id: p.id.to_string(),
                    name: p.name.clone(),
                    kind: kind_label(&shell, p.kind),
                    status: Badge::product(&shell, &p.status),
                })
                .collect(),
            saved: None,
            alert: None,
            org,
            shell,
        })
    }
}

/// `GET /orgs/{id}/orders/{order}`.
pub async fn order_page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, order_id)): Ids<(OrgId, OrderId)>,
    Saved(notice): Saved<ShopNotice>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = OrderPage::load(&state, &s, shell, &org_id, &order_id).await?;
    page.saved = Saved::text(notice, &page.shell);
    Ok(render(StatusCode::OK, &page))
}

/// `POST /orgs/{id}/orders/{order}/cancel`: a pending order's invoice is
/// credited in full; refused while a payment is under way.
pub async fn cancel_order(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, order_id)): Ids<(OrgId, OrderId)>,
) -> Result<Response, PageError> {
    let path = format!("/orgs/{org_id}/orders/{order_id}");
    let shell = Shell::of(&state, &s.visitor).at(&path);
    OrgFrame::load(&state, &s, &shell, &org_id).await?;
    match orders::cancel(&state.ctx, &s.actor, &org_id, &order_id).await {
        Ok(_) => Ok(saved(&path, ShopNotice::OrderCancelled)),
        Err(e) => {
            let r = notice::refusal(&shell, "shop", REFUSED, e)?;
            let mut page = OrderPage::load(&state, &s, shell, &org_id, &order_id).await?;
            page.alert = r.alert;
            Ok(refused(&page, r.status, r.retry_after_secs))
        }
    }
}
