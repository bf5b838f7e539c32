//! The cart (`/orgs/{id}/cart`) and its checkout (`/orgs/{id}/checkout`).
//!
//! The cart's lines are priced by `catalog::quote` — the order's pricing
//! handed to the invoice's VAT arithmetic — so its totals are the
//! invoice's to the cent. The checkout names the billing address (it
//! decides the VAT: the place of supply) and the way to pay, places the
//! order from the lines the page showed, and goes on exactly as the
//! invoice's pay form does (`payments::pay_and_go_on`): the gateway's
//! page for a card or Twint, the payment's page with the transfer's
//! details for a bank transfer.
//!
//! The checkout's form carries the key drawn with the page: the order is
//! placed under `<key>.order` and its payment under `<key>`, so a form
//! sent twice places one order and starts one payment.

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use guichet_core::{
    Error, FieldError,
    catalog::{Catalogue, ProductKind, cart, quote},
    idempotency::Idempotency,
    ids::{CartLineId, OrgId},
    orgs::{self, OrgView},
};
use serde::Deserialize;

use super::{
    super::{
        super::{
            Shell,
            errors::PageError,
            form::FormErrors,
            notice::{self, Ids, PostedForm, Saved, go, saved},
            refused, render,
            visitor::SignedIn,
        },
        frame::OrgFrame,
        invoices::mention_text,
        payments::{PayBox, PayForm, pay_and_go_on},
    },
    REFUSED, ShopNotice, kind_label, period_text,
};
use crate::AppState;

/// A line of the cart as its pages show it.
pub struct CartRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub period: String,
    /// Units, for a plan sold per unit: what is ordered and its bounds.
    pub quantity: Option<Units>,
    /// A suite's storage, "300 GB".
    pub storage: Option<String>,
    /// Before VAT, when the cart could be priced.
    pub net: Option<String>,
    /// Why this line cannot be ordered as it is.
    pub errors: Vec<String>,
}

pub struct Units {
    pub value: u32,
    pub min: u32,
    pub max: u32,
}

/// VAT at one rate, written out.
pub struct VatRow {
    pub label: String,
    pub amount: String,
}

/// The totals as the invoice will print them.
pub struct Totals {
    pub net: String,
    pub vat: Vec<VatRow>,
    pub vat_total: String,
    pub rounding: Option<String>,
    pub total: String,
    pub mention: Option<String>,
}

/// The cart's lines priced for `address` (the default when `None`): the
/// rows, the totals when it can be ordered, and else why not.
struct Priced {
    rows: Vec<CartRow>,
    totals: Option<Totals>,
    total: Option<guichet_core::money::Money>,
    problem: Option<String>,
}

fn line_name(catalogue: &Catalogue, shell: &Shell, l: &cart::CartLine) -> (String, String) {
    match catalogue.plan(&l.plan_id) {
        Some(plan) => (
            match (&l.domain, plan.kind) {
                (Some(d), ProductKind::Domain) => d.clone(),
                _ => plan.name.get(shell.lang).to_owned(),
            },
            kind_label(shell, plan.kind),
        ),
        None => (l.plan_id.clone(), String::new()),
    }
}

async fn price(
    state: &AppState,
    s: &SignedIn,
    shell: &Shell,
    org_id: &OrgId,
    lines: &[cart::CartLine],
    address: Option<&str>,
) -> Result<Priced, PageError> {
    let catalogue = state.ctx.catalog.current();
    let mut rows: Vec<CartRow> = lines
        .iter()
        .map(|l| {
            let (name, kind) = line_name(&catalogue, shell, l);
            let rule = catalogue.plan(&l.plan_id).and_then(|p| p.quantity);
            CartRow {
                id: l.id.to_string(),
                name,
                kind,
                period: period_text(shell, i64::from(l.months)),
                quantity: rule.map(|q| Units {
                    value: l.quantity.unwrap_or(1),
                    min: q.min,
                    max: q.max,
                }),
                storage: l
                    .storage_gb
                    .map(|gb| shell.t1("shop-storage-gb", "gb", shell.integer(i64::from(gb)))),
                net: None,
                errors: Vec::new(),
            }
        })
        .collect();
    if lines.is_empty() {
        return Ok(Priced {
            rows,
            totals: None,
            total: None,
            problem: None,
        });
    }
    let items: Vec<_> = lines.iter().map(cart::CartLine::item).collect();
    match quote::quote(&state.ctx, &s.actor, org_id, &items, address).await {
        Ok(q) => {
            for (row, item) in rows.iter_mut().zip(&q.items) {
                row.net = Some(shell.money(item.net));
            }
            let v = &q.invoice;
            Ok(Priced {
                rows,
                totals: Some(Totals {
                    net: shell.money(v.net),
                    vat: v
                        .vat
                        .iter()
                        .map(|r| VatRow {
                            label: shell.t_args(
                                "invoices-vat-at",
                                &[
                                    ("rate", shell.percent(&r.rate)),
                                    ("base", shell.money(r.base)),
                                ],
                            ),
                            amount: shell.money(r.vat),
                        })
                        .collect(),
                    vat_total: shell.money(v.vat_total),
                    rounding: (!v.rounding.is_zero()).then(|| shell.money(v.rounding)),
                    total: shell.money(v.total),
                    mention: v.vat_mention.as_deref().map(|m| mention_text(shell, m)),
                }),
                total: Some(v.total),
                problem: None,
            })
        }
        Err(Error::Validation(fields)) => {
            put_errors(shell, &mut rows, &fields);
            Ok(Priced {
                rows,
                totals: None,
                total: None,
                problem: Some(shell.t("shop-cart-fix")),
            })
        }
        Err(Error::Conflict { code, description }) => Ok(Priced {
            rows,
            totals: None,
            total: None,
            problem: Some(notice::conflict_text(shell, REFUSED, code, &description)),
        }),
        Err(e) => Err(PageError(e)),
    }
}

/// Each item's mistakes (`items[2].domain`) by its row, in the page's
/// words.
fn put_errors(shell: &Shell, rows: &mut [CartRow], fields: &[FieldError]) {
    let words = FormErrors::localized_in(shell, "shop", fields);
    for (attribute, message) in words.list() {
        let row = attribute
            .strip_prefix("items[")
            .and_then(|rest| rest.split(']').next())
            .and_then(|i| i.parse::<usize>().ok());
        match row.and_then(|i| rows.get_mut(i)) {
            Some(r) => r.errors.push(message.clone()),
            None => {
                if let Some(r) = rows.first_mut() {
                    r.errors.push(message.clone());
                }
            }
        }
    }
}

// ---------------------------------------------------------------- the cart

#[derive(Template)]
#[template(path = "orgs/cart.html")]
pub struct CartPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    rows: Vec<CartRow>,
    totals: Option<Totals>,
    problem: Option<String>,
    saved: Option<String>,
    /// A refused change of a line.
    alert: Option<String>,
}

impl CartPage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &OrgId,
    ) -> Result<Self, PageError> {
        let (org, _) = OrgFrame::load(state, s, &shell, org_id).await?;
        let lines = cart::lines(&state.ctx, &s.actor, org_id).await?;
        let priced = price(state, s, &shell, org_id, &lines, None).await?;
        Ok(Self {
            heading: shell.t("shop-cart-title"),
            rows: priced.rows,
            totals: priced.totals,
            problem: priced.problem,
            saved: None,
            alert: None,
            org,
            shell,
        })
    }
}

/// `GET /orgs/{id}/cart`.
pub async fn cart_page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Saved(notice): Saved<ShopNotice>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = CartPage::load(&state, &s, shell, &org_id).await?;
    page.saved = Saved::text(notice, &page.shell);
    Ok(render(StatusCode::OK, &page))
}

/// The cart again after a refused change, with why.
async fn cart_refused(
    state: &AppState,
    s: &SignedIn,
    org_id: &OrgId,
    e: Error,
) -> Result<Response, PageError> {
    let shell = Shell::of(state, &s.visitor).at(&format!("/orgs/{org_id}/cart"));
    let r = notice::refusal(&shell, "shop", REFUSED, e)?;
    let mut page = CartPage::load(state, s, shell, org_id).await?;
    let mut text = r.alert.unwrap_or_default();
    for (_, message) in r.errors.list() {
        text.push(' ');
        text.push_str(message);
    }
    page.alert = Some(text);
    Ok(refused(&page, r.status, r.retry_after_secs))
}

/// `POST /orgs/{id}/cart/{line}/remove`.
pub async fn remove_line(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, line_id)): Ids<(OrgId, CartLineId)>,
) -> Result<Response, PageError> {
    cart::remove(&state.ctx, &s.actor, &org_id, &line_id).await?;
    Ok(saved(&format!("/orgs/{org_id}/cart"), ShopNotice::Removed))
}

/// `POST /orgs/{id}/cart/{line}/quantity`.
pub async fn change_quantity(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, line_id)): Ids<(OrgId, CartLineId)>,
    form: PostedForm,
) -> Result<Response, PageError> {
    cart::lines(&state.ctx, &s.actor, &org_id).await?;
    let fields = form.read().await?;
    let quantity = fields
        .get("quantity")
        .trim()
        .parse::<u64>()
        .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX));
    match cart::set_quantity(&state.ctx, &s.actor, &org_id, &line_id, quantity).await {
        Ok(()) => Ok(saved(
            &format!("/orgs/{org_id}/cart"),
            ShopNotice::QuantityChanged,
        )),
        Err(e) => cart_refused(&state, &s, &org_id, e).await,
    }
}

/// `POST /orgs/{id}/cart/clear`.
pub async fn clear_cart(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
) -> Result<Response, PageError> {
    cart::clear(&state.ctx, &s.actor, &org_id).await?;
    Ok(saved(&format!("/orgs/{org_id}/cart"), ShopNotice::Cleared))
}

// ---------------------------------------------------------------- checkout

/// A billing address to choose.
pub struct AddressChoice {
    pub id: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "orgs/checkout.html")]
pub struct CheckoutPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    rows: Vec<CartRow>,
    totals: Option<Totals>,
    problem: Option<String>,
    addresses: Vec<AddressChoice>,
    /// The pay box, once the cart can be ordered.
    pay: Option<PayBox>,
}

#[derive(Deserialize)]
pub struct CheckoutQuery {
    address: Option<String>,
}

impl CheckoutPage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &OrgId,
        address: Option<&str>,
        typed: Option<PayForm>,
    ) -> Result<(Self, OrgView), PageError> {
        let (org, view) = OrgFrame::load(state, s, &shell, org_id).await?;
        let lines = cart::lines(&state.ctx, &s.actor, org_id).await?;
        let addresses = orgs::list_addresses(&state.ctx, &s.actor, org_id).await?;
        // The address asked for if it is one of theirs, else the default.
        let chosen = addresses
            .iter()
            .find(|a| Some(a.id.as_str()) == address)
            .or_else(|| addresses.iter().find(|a| a.is_default))
            .or(addresses.first())
            .map(|a| a.id.to_string());
        let priced = price(state, s, &shell, org_id, &lines, chosen.as_deref()).await?;
        let pay = match (priced.total, &chosen) {
            (Some(total), Some(address)) => {
                let mut p = PayBox::build(
                    state,
                    s,
                    &shell,
                    &view,
                    total,
                    format!("/orgs/{org_id}/checkout"),
                    typed,
                )
                .await?;
                p.extra.push(("billing_address_id".into(), address.clone()));
                p.extra
                    .extend(lines.iter().map(|l| ("line".to_string(), l.id.to_string())));
                Some(p)
            }
            _ => None,
        };
        let page = Self {
            heading: shell.t("shop-checkout-title"),
            rows: priced.rows,
            totals: priced.totals,
            problem: priced.problem,
            addresses: addresses
                .iter()
                .map(|a| AddressChoice {
                    id: a.id.to_string(),
                    label: format!(
                        "{}, {} {}, {} {}, {}",
                        a.name, a.street, a.building_number, a.postcode, a.town, a.country
                    ),
                    selected: Some(a.id.to_string()) == chosen,
                })
                .collect(),
            pay,
            org,
            shell,
        };
        Ok((page, view))
    }
}

/// `GET /orgs/{id}/checkout[?address=adr_…]`: an empty cart has nothing
/// to check out and goes back to the cart.
pub async fn checkout_page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Query(q): Query<CheckoutQuery>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let (page, _) =
        CheckoutPage::load(&state, &s, shell, &org_id, q.address.as_deref(), None).await?;
    if page.rows.is_empty() {
        return Ok(go(&format!("/orgs/{org_id}/cart")));
    }
    Ok(render(StatusCode::OK, &page))
}

/// `POST /orgs/{id}/checkout`: place the order from the lines shown, then
/// pay its invoice as its own pay form would.
pub async fn checkout(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let path = format!("/orgs/{org_id}/checkout");
    let shell = Shell::of(&state, &s.visitor).at(&path);
    OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let fields = form.read().await?;
    let typed = PayForm::typed(&fields);
    let address =
        Some(fields.get("billing_address_id").trim().to_string()).filter(|a| !a.is_empty());
    let line_ids: Vec<CartLineId> = fields
        .all("line")
        .iter()
        .filter_map(|l| CartLineId::parse(l))
        .collect();
    let asked = format!(
        "{org_id}\n{}\n{}",
        address.as_deref().unwrap_or_default(),
        line_ids
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",")
    );
    let idem = if typed.key().is_empty() {
        None
    } else {
        Some(Idempotency::new(
            &format!("user:{}", s.actor.user_id),
            &format!("{}.order", typed.key()),
            "console.checkout",
            asked.as_bytes(),
        )?)
    };
    let placed = cart::checkout(
        &state.ctx,
        &s.actor,
        &org_id,
        &line_ids,
        address.clone(),
        idem.as_ref(),
    )
    .await;
    match placed {
        Ok(order) => {
            let invoice = guichet_core::billing::invoices::get_invoice(
                &state.ctx,
                &s.actor,
                &org_id,
                &order.invoice_id,
            )
            .await?;
            // Paid already (this form, sent again after it paid it all).
            if order.status != "pending" || invoice.status == "paid" {
                return Ok(go(&format!("/orgs/{org_id}/orders/{}", order.id)));
            }
            let shell = shell.at(&format!("/orgs/{org_id}/invoices/{}/pay", invoice.id));
            pay_and_go_on(&state, &s, shell, &org_id, &invoice, typed).await
        }
        Err(e) => {
            let r = notice::refusal(&shell, "shop", REFUSED, e)?;
            let errors = r.errors;
            let (mut page, _) =
                CheckoutPage::load(&state, &s, shell, &org_id, address.as_deref(), None).await?;
            if let Some(text) = r.alert {
                page.problem = Some(match page.problem.take() {
                    Some(p) => format!("{text} {p}"),
                    None => text,
                });
            }
            for (attribute, message) in errors.list() {
                let i = attribute
                    .strip_prefix("items[")
                    .and_then(|rest| rest.split(']').next())
                    .and_then(|i| i.parse::<usize>().ok())
                    .unwrap_or(0);
                if let Some(row) = page.rows.get_mut(i)
                    && !row.errors.contains(message)
                {
                    row.errors.push(message.clone());
                }
            }
            Ok(refused(&page, r.status, r.retry_after_secs))
        }
    }
}
