//! Orders (CAT-2): a cart of catalogue items, priced, invoiced and paid.
//!
//! - Placing an order needs the pay right (`billing:pay`, owners). In one
//!   transaction it checks every item against the running catalogue
//!   (every mistake listed, by item), issues its invoice to the chosen
//!   billing address (the default when none is named) and records the
//!   order as pending. The payment then starts like any invoice's
//!   (`payments::pay`); a bank transfer leaves the order pending until
//!   the money arrives.
//! - An order is paid when its invoice is, by whatever path the money
//!   came (gateway, prepaid, transfer): [`invoice_paid`] runs in the
//!   transaction that settles the invoice and makes the products once
//!   (a conditional update on the order, a unique key on each product).
//! - A pending order can be cancelled by whoever may pay, and is cancelled
//!   by the `catalog.orders` sweep after `[catalog] unpaid_order_days`: its
//!   invoice is credited in full (what was paid of it goes to the prepaid
//!   account). An order whose payment is in flight is left alone.

use jiff::{ToSpan, civil::Date};
use serde::{Deserialize, Serialize};

use super::{
    Catalogue, Plan, PriceError, ProductKind,
    products::{self, ProductView},
    store::{self, ItemRow, OrderRow},
};
use crate::{
    Ctx,
    access::{Action, Actor},
    billing::{
        self, Issuer,
        credit_notes::CreditInput,
        invoices::{InvoiceInput, LineInput, Period},
    },
    db::Conn,
    error::{Error, FieldError, Result},
    i18n::Lang,
    idempotency::{self, Claim, Idempotency},
    ids::{InvoiceId, OrderId, OrgId},
    jobs::SweepReport,
    money::{Currency, Money},
    orgs::{self, Window},
};

/// At most this many items in one order.
pub const ITEMS_MAX: usize = 50;

/// One item of a cart.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    /// A plan of the catalogue (`hosting-start`, `domain-ch`…).
    pub plan_id: String,
    /// The period, in months, among the plan's.
    pub months: u32,
    /// Units (mailboxes, users, devices) for a plan sold per unit; 1 when
    /// left out.
    #[serde(default)]
    pub quantity: Option<u32>,
    /// A suite's storage, in GB, on its steps.
    #[serde(default)]
    pub storage_gb: Option<u32>,
    /// A domain plan's name, e.g. `example.ch` or `bücher.ch` (IDNs are
    /// accepted and kept in Unicode and in ASCII).
    #[serde(default)]
    pub domain: Option<String>,
}

/// A cart to order.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderInput {
    /// 1 to 50 items, each an object (an array in its place is refused).
    #[serde(deserialize_with = "crate::billing::objects::list")]
    pub items: Vec<ItemInput>,
    /// Where the invoice goes; the organisation's default address when
    /// left out.
    #[serde(default)]
    pub billing_address_id: Option<String>,
    /// Start paying at once, as `POST …/invoices/{id}/payments` would.
    /// Left out: the order waits, payable later.
    #[serde(default, deserialize_with = "crate::billing::objects::optional")]
    pub payment: Option<crate::payments::PayInput>,
}

/// One item of an order, as priced when it was placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OrderItemView {
    pub line: i32,
    pub plan_id: String,
    pub kind: ProductKind,
    /// As the invoice names it.
    pub name: String,
    pub months: i32,
    pub quantity: i32,
    pub storage_gb: Option<i32>,
    /// A domain's name in Unicode, and in ASCII (punycode).
    pub domain: Option<String>,
    pub domain_ascii: Option<String>,
    /// Before VAT.
    pub net: Money,
    /// A suite upgrade (SUI-1): the suite it raises to `quantity` users
    /// and `storage_gb`, from `from_quantity` and `from_storage_gb`.
    pub upgrade_of: Option<String>,
    pub from_quantity: Option<i32>,
    pub from_storage_gb: Option<i32>,
}

/// An order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OrderView {
    pub id: OrderId,
    pub org_id: OrgId,
    /// `pending`, `paid` or `cancelled`.
    pub status: String,
    pub currency: Currency,
    pub items: Vec<OrderItemView>,
    /// The invoice issued for it, and its number.
    pub invoice_id: InvoiceId,
    pub invoice_number: Option<String>,
    /// The invoice's totals: before VAT, VAT, and what is due in all.
    pub net: Money,
    pub vat: Money,
    pub total: Money,
    /// The products it made, once paid.
    pub products: Vec<ProductView>,
    pub created_at: i64,
    /// Unpaid by then (Unix seconds), it is cancelled.
    pub cancel_after: i64,
    pub paid_at: Option<i64>,
    pub cancelled_at: Option<i64>,
}

/// What placing an order answers: the order and, when asked, its payment
/// (with the gateway's page to go to), or why the payment could not start
/// (the order stays pending, payable later).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlacedOrder {
    pub order: OrderView,
    pub payment: Option<crate::payments::PaymentView>,
    /// The error code the payment's start answered, if it failed.
    pub payment_error: Option<String>,
}

/// An item checked against the catalogue and priced (read by the
/// cart's price preview, `quote`, too).
pub(crate) struct Priced<'c> {
    pub(crate) plan: &'c Plan,
    pub(crate) months: u32,
    pub(crate) quantity: u32,
    pub(crate) storage_gb: Option<u32>,
    pub(crate) domain: Option<(String, String)>,
    /// The invoice lines: the units, then a suite's storage.
    pub(crate) lines: Vec<(String, i64, Money)>,
    pub(crate) net: Money,
}

/// CAT-2: place an order for `org_id` and, when asked, start its payment.
pub async fn place(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    input: &OrderInput,
    idem: Option<&Idempotency>,
) -> Result<PlacedOrder> {
    let now = ctx.clock.now();
    let now_ms = now.as_millisecond();
    let mut tx = ctx.db.begin().await?;
    orgs::check_access(tx.conn(), actor, org_id, Action::PayBilling).await?;
    if let Some(idem) = idem
        && let Claim::Replay(v) = idempotency::claim::<OrderView>(tx.conn(), idem, now_ms).await?
    {
        // The order as it is now; its payment is the invoice's business.
        let row = store::order(tx.conn(), org_id, v.id.as_str())
            .await?
            .ok_or(Error::NotFound)?;
        let order = views(tx.conn(), vec![row]).await?.remove(0);
        return Ok(PlacedOrder {
            order,
            payment: None,
            payment_error: None,
        });
    }
    let org = orgs::org_for_billing(tx.conn(), org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let currency = Currency::parse(&org.currency).ok_or(Error::NotFound)?;
    let catalogue = ctx.catalog.current();
    offered(&catalogue, currency)?;
    let lang = Lang::parse(&org.language).unwrap_or_default();
    let priced = price_items(ctx, &catalogue, &input.items, currency, lang)?;
    // Each name once: ordered here, pending or held, it is refused; the
    // lock makes two orders of one name at once queue (the second sees
    // the first).
    for (i, p) in priced.iter().enumerate() {
        let Some((_, ascii)) = &p.domain else {
            continue;
        };
        store::lock_domain(tx.conn(), ascii, now_ms).await?;
        if store::domain_held(tx.conn(), ascii).await? {
            return Err(Error::Validation(vec![FieldError::new(
                format!("items[{i}].domain"),
                "domain_taken",
                format!("{ascii} is already held or ordered here."),
            )]));
        }
    }

    let lines = invoice_lines(ctx.today(), &priced)?;
    let invoice = billing::invoices::create_and_issue_in(
        tx.conn(),
        ctx,
        Issuer::Order,
        org_id,
        &InvoiceInput {
            billing_address_id: input.billing_address_id.clone(),
            lines,
        },
    )
    .await?;
    let id = OrderId::new(now);
    let days = i64::from(ctx.config.catalog.unpaid_order_days.max(1));
    let row = OrderRow {
        id: id.clone(),
        org_id: org_id.clone(),
        status: "pending".into(),
        currency: currency.code().into(),
        invoice_id: invoice.id.to_string(),
        billing_address_id: invoice.billing_address_id.clone(),
        created_by: actor.user_id.to_string(),
        created_at: now_ms,
        updated_at: now_ms,
        cancel_after: now_ms + days * 86_400_000,
        paid_at: None,
        cancelled_at: None,
    };
    store::insert_order(tx.conn(), &row).await?;
    for (i, p) in priced.iter().enumerate() {
        store::insert_item(
            tx.conn(),
            &ItemRow {
                order_id: id.clone(),
                line: i32::try_from(i + 1).unwrap_or(i32::MAX),
                plan_id: p.plan.id.clone(),
                kind: p.plan.kind.as_str().into(),
                name: item_name(p, lang),
                period_months: i32::try_from(p.months).unwrap_or(i32::MAX),
                quantity: i32::try_from(p.quantity).unwrap_or(i32::MAX),
                storage_gb: p.storage_gb.and_then(|g| i32::try_from(g).ok()),
                domain_name: p.domain.as_ref().map(|(u, _)| u.clone()),
                domain_ascii: p.domain.as_ref().map(|(_, a)| a.clone()),
                net_minor: p.net.amount_minor,
                upgrade_of: None,
                from_quantity: None,
                from_storage_gb: None,
            },
        )
        .await?;
    }
    crate::audit::record(
        tx.conn(),
        ctx,
        actor,
        crate::audit::Change {
            org_id,
            action: crate::audit::AuditAction::OrderPlaced,
            target: &format!("order:{id}"),
            before: None,
            after: Some(serde_json::json!({
                "items": priced.len(),
                "amount": invoice.total,
                "invoice": invoice.number,
            })),
        },
    )
    .await?;
    let order = views(tx.conn(), vec![row]).await?.remove(0);
    if let Some(idem) = idem {
        idempotency::record(tx.conn(), idem, &order).await?;
    }
    tx.commit().await?;

    let (payment, payment_error) =
        start_payment(ctx, actor, org_id, &id, &invoice.id, input.payment.as_ref()).await;
    // Paid at once (prepaid credit): its products exist now.
    let order = get_order(ctx, actor, org_id, &id).await?;
    Ok(PlacedOrder {
        order,
        payment,
        payment_error,
    })
}

/// Start paying an order's invoice, when asked, after the order is
/// committed: a payment that cannot start leaves the order pending,
/// payable later, and says why.
pub(crate) async fn start_payment(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    order_id: &OrderId,
    invoice_id: &InvoiceId,
    pay: Option<&crate::payments::PayInput>,
) -> (Option<crate::payments::PaymentView>, Option<String>) {
    let Some(pay) = pay else {
        return (None, None);
    };
    match crate::payments::pay::pay_invoice(ctx, actor, org_id, invoice_id, pay, None).await {
        Ok(p) => (Some(p), None),
        Err(e) => {
            tracing::info!(order = %order_id, error = %e, "an order's payment did not start; the order waits");
            (None, Some(e.code().to_owned()))
        }
    }
}

/// The catalogue prices in `currency`, or an order in it is refused.
pub(crate) fn offered(catalogue: &Catalogue, currency: Currency) -> Result<()> {
    if catalogue.currencies.contains(&currency) {
        return Ok(());
    }
    Err(Error::Conflict {
        code: "currency_not_offered",
        description: format!(
            "The catalogue has no prices in {}, the organisation's currency.",
            currency.code()
        ),
    })
}

/// The invoice lines of priced items ordered `today`: each item's lines
/// over its service period. Placing and the cart's preview both use it.
pub(crate) fn invoice_lines(today: Date, priced: &[Priced<'_>]) -> Result<Vec<LineInput>> {
    let mut lines = Vec::new();
    for p in priced {
        let period = service_period(today, p.months)?;
        for (description, quantity, unit) in &p.lines {
            lines.push(LineInput {
                description: description.clone(),
                quantity: *quantity,
                unit_price: unit.amount_string(),
                vat_class: p.plan.vat_class,
                period: Some(period),
            });
        }
    }
    Ok(lines)
}

/// The service period of an item starting `today`: `months` long, both
/// days included.
fn service_period(today: Date, months: u32) -> Result<Period> {
    let end = today
        .checked_add(i64::from(months).months())
        .and_then(|d| d.checked_sub(1.day()))
        .map_err(|e| Error::Internal(format!("service period: {e}")))?;
    Ok(Period {
        from: today,
        to: end,
    })
}

/// The name of an item on its invoice line and product.
pub(crate) fn item_name(p: &Priced<'_>, lang: Lang) -> String {
    match &p.domain {
        Some((unicode, _)) => unicode.clone(),
        None => p.plan.name.get(lang).to_owned(),
    }
}

/// Check every item and price it; every mistake is listed, by item.
pub(crate) fn price_items<'c>(
    ctx: &Ctx,
    catalogue: &'c Catalogue,
    items: &[ItemInput],
    currency: Currency,
    lang: Lang,
) -> Result<Vec<Priced<'c>>> {
    if items.is_empty() || items.len() > ITEMS_MAX {
        return Err(Error::invalid(
            "items",
            "out_of_range",
            format!("Order 1 to {ITEMS_MAX} items."),
        ));
    }
    let mut errors = Vec::new();
    let mut priced = Vec::new();
    let mut domains = std::collections::HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let field = |name: &str| format!("items[{i}].{name}");
        let Some(plan) = catalogue.plan(item.plan_id.trim()) else {
            errors.push(FieldError::new(
                field("plan_id"),
                "unknown_plan",
                "No such plan in the catalogue.",
            ));
            continue;
        };
        let domain = match (plan.kind, &item.domain) {
            (ProductKind::Domain, Some(name)) => {
                match domain_name(name, plan.tld.as_deref().unwrap_or_default()) {
                    Ok(d) => {
                        if !domains.insert(d.1.clone()) {
                            errors.push(FieldError::new(
                                field("domain"),
                                "duplicate_domain",
                                "This domain is already in the order.",
                            ));
                        }
                        Some(d)
                    }
                    Err(message) => {
                        errors.push(FieldError::new(field("domain"), "invalid_domain", message));
                        continue;
                    }
                }
            }
            (ProductKind::Domain, None) => {
                errors.push(FieldError::new(
                    field("domain"),
                    "required",
                    "Name the domain to register.",
                ));
                continue;
            }
            (_, Some(_)) => {
                errors.push(FieldError::new(
                    field("domain"),
                    "not_a_domain",
                    "Only a domain plan takes a domain name.",
                ));
                continue;
            }
            (_, None) => None,
        };
        let quantity = item.quantity.unwrap_or(1);
        match plan.price(item.months, currency, quantity, item.storage_gb, true) {
            Ok(net) => {
                let lines = match item_lines(plan, item, quantity, currency, &domain, lang, ctx) {
                    Ok(l) => l,
                    Err(e) => {
                        errors.push(price_error(i, &e));
                        continue;
                    }
                };
                priced.push(Priced {
                    plan,
                    months: item.months,
                    quantity,
                    storage_gb: item.storage_gb,
                    domain,
                    lines,
                    net,
                })
            }
            Err(e) => errors.push(price_error(i, &e)),
        }
    }
    if errors.is_empty() {
        Ok(priced)
    } else {
        Err(Error::Validation(errors))
    }
}

/// An item's invoice lines: the plan per unit (or a domain for its
/// years), then a suite's storage above what is included.
fn item_lines(
    plan: &Plan,
    item: &ItemInput,
    quantity: u32,
    currency: Currency,
    domain: &Option<(String, String)>,
    lang: Lang,
    ctx: &Ctx,
) -> std::result::Result<Vec<(String, i64, Money)>, PriceError> {
    let period = period_words(ctx, lang, item.months);
    let unit = plan.price(item.months, currency, 1, unit_storage(plan), true)?;
    let name = match domain {
        Some((unicode, _)) => format!("{} {unicode}", plan.name.get(lang)),
        None => plan.name.get(lang).to_owned(),
    };
    let mut lines = vec![(format!("{name}, {period}"), i64::from(quantity), unit)];
    if let (Some(storage), Some(gb)) = (&plan.storage, item.storage_gb) {
        let steps = (gb.saturating_sub(storage.min_gb)) / storage.step_gb.max(1);
        if steps > 0 {
            let step_price = storage
                .prices
                .get(&item.months)
                .and_then(|s| s.get(currency))
                .ok_or(PriceError::PeriodNotAllowed {
                    months: item.months,
                })?;
            lines.push((
                ctx.i18n.t_args(
                    lang,
                    "invoice-line-storage",
                    &[("gb", storage.step_gb.into())],
                ) + &format!(", {period}"),
                i64::from(steps),
                step_price,
            ));
        }
    }
    Ok(lines)
}

/// The storage a one-unit price is asked with: a suite's included
/// minimum (its steps are lines of their own), nothing elsewhere.
fn unit_storage(plan: &Plan) -> Option<u32> {
    plan.storage.as_ref().map(|s| s.min_gb)
}

/// "12 months", "1 year"… in the invoice's language.
pub(crate) fn period_words(ctx: &Ctx, lang: Lang, months: u32) -> String {
    let (key, count) = if months.is_multiple_of(12) {
        ("invoice-line-years", months / 12)
    } else {
        ("invoice-line-months", months)
    };
    ctx.i18n.t_args(lang, key, &[("count", count.into())])
}

fn price_error(i: usize, e: &PriceError) -> FieldError {
    let at = |name: &str| format!("items[{i}].{name}");
    let says = e.to_string();
    match e {
        PriceError::PeriodNotAllowed { .. } => {
            FieldError::new(at("months"), "period_not_allowed", says)
        }
        PriceError::QuantityOutOfRange { .. } => {
            FieldError::new(at("quantity"), "out_of_range", says)
        }
        PriceError::StorageOutOfRange { .. } | PriceError::StorageNotOnStep { .. } => {
            FieldError::new(at("storage_gb"), "out_of_range", says)
        }
        PriceError::StorageRequired => FieldError::new(at("storage_gb"), "required", says),
        PriceError::StorageNotApplicable => {
            FieldError::new(at("storage_gb"), "not_applicable", says)
        }
        // The currency was checked first; an upgrade's errors do not
        // arise when ordering.
        _ => FieldError::new(at("plan_id"), "invalid_value", says),
    }
}

/// A domain name to register under `tld`: syntax checked (letters,
/// digits and hyphens per label, no hyphen at either end, 63 octets per
/// label and 253 in all, once in ASCII), a second-level name of the
/// plan's TLD. Gives it in Unicode and in ASCII. Whether the registry
/// still has it is the registry's business (docs/catalog.md).
pub fn domain_name(input: &str, tld: &str) -> std::result::Result<(String, String), String> {
    let input = input.trim().trim_end_matches('.');
    let ascii = idna::domain_to_ascii(input).map_err(|_| "Not a valid domain name.".to_owned())?;
    let tld_ascii = idna::domain_to_ascii(tld).unwrap_or_else(|_| tld.to_owned());
    if ascii.is_empty() || ascii.len() > 253 {
        return Err("A domain name is 1 to 253 characters.".into());
    }
    let labels: Vec<&str> = ascii.split('.').collect();
    if labels.len() != 2 || labels[1] != tld_ascii {
        return Err(format!("Name one domain under .{tld}, e.g. example.{tld}."));
    }
    for label in &labels {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !ok {
            return Err(
                "Letters, digits and hyphens only, at most 63 per label, no hyphen at either end."
                    .into(),
            );
        }
    }
    let (unicode, errors) = idna::domain_to_unicode(&ascii);
    if errors.is_err() {
        return Err("Not a valid domain name.".into());
    }
    Ok((unicode, ascii))
}

/// Orders as views: their items, invoices and products read in a few
/// queries for the whole page.
pub(crate) async fn views(mut c: Conn<'_>, rows: Vec<OrderRow>) -> Result<Vec<OrderView>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    let items = store::items_of(c.reborrow(), &ids).await?;
    let invoice_ids: Vec<&str> = rows.iter().map(|r| r.invoice_id.as_str()).collect();
    let invoices = billing::store::invoices_by_id(c.reborrow(), &invoice_ids).await?;
    let made = products::of_orders(c.reborrow(), &ids).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let currency = Currency::parse(&r.currency)
            .ok_or_else(|| Error::Internal(format!("order {} in currency {}", r.id, r.currency)))?;
        let invoice = invoices
            .iter()
            .find(|i| i.id.as_str() == r.invoice_id)
            .ok_or_else(|| Error::Internal(format!("order {} without its invoice", r.id)))?;
        let items = items
            .iter()
            .filter(|i| i.order_id == r.id)
            .map(|i| {
                Ok(OrderItemView {
                    line: i.line,
                    plan_id: i.plan_id.clone(),
                    kind: ProductKind::parse(&i.kind)
                        .ok_or_else(|| Error::Internal(format!("kind {}", i.kind)))?,
                    name: i.name.clone(),
                    months: i.period_months,
                    quantity: i.quantity,
                    storage_gb: i.storage_gb,
                    domain: i.domain_name.clone(),
                    domain_ascii: i.domain_ascii.clone(),
                    net: Money::new(i.net_minor, currency),
                    upgrade_of: i.upgrade_of.clone(),
                    from_quantity: i.from_quantity,
                    from_storage_gb: i.from_storage_gb,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        out.push(OrderView {
            products: made
                .iter()
                .filter(|p| p.order_id.as_deref() == Some(r.id.as_str()))
                .cloned()
                .collect(),
            id: r.id,
            org_id: r.org_id,
            status: r.status,
            currency,
            items,
            invoice_id: InvoiceId::from_stored(r.invoice_id.clone()),
            invoice_number: invoice.number.clone(),
            net: Money::new(invoice.net_minor, currency),
            vat: Money::new(invoice.vat_minor, currency),
            total: Money::new(invoice.total_minor, currency),
            created_at: r.created_at / 1000,
            cancel_after: r.cancel_after / 1000,
            paid_at: r.paid_at.map(|t| t / 1000),
            cancelled_at: r.cancelled_at.map(|t| t / 1000),
        });
    }
    Ok(out)
}

/// An order of the organisation (the billing right: orders are money).
pub async fn get_order(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    order_id: &OrderId,
) -> Result<OrderView> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    let row = store::order(c.conn(), org_id, order_id.as_str())
        .await?
        .ok_or(Error::NotFound)?;
    Ok(views(c.conn(), vec![row]).await?.remove(0))
}

/// A page of the organisation's orders, newest first.
pub async fn list_orders(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    window: Window,
) -> Result<orgs::Paged<OrderView>> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    let total = store::count_orders(c.conn(), org_id).await?;
    let rows = store::orders(c.conn(), org_id, window.offset, window.limit).await?;
    Ok(orgs::Paged {
        items: views(c.conn(), rows).await?,
        total: u64::try_from(total).unwrap_or(0),
    })
}

/// Cancel a pending order (the pay right): its invoice is credited in
/// full. Refused while a payment of it is in flight.
pub async fn cancel(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    order_id: &OrderId,
) -> Result<OrderView> {
    let mut tx = ctx.db.begin().await?;
    orgs::check_access(tx.conn(), actor, org_id, Action::PayBilling).await?;
    let row = store::order(tx.conn(), org_id, order_id.as_str())
        .await?
        .ok_or(Error::NotFound)?;
    if row.status != "pending" {
        return Err(Error::Conflict {
            code: "order_not_pending",
            description: "Only a pending order can be cancelled.".into(),
        });
    }
    cancel_in(tx.conn(), ctx, &row, "Order cancelled by the customer").await?;
    crate::audit::record(
        tx.conn(),
        ctx,
        actor,
        crate::audit::Change {
            org_id,
            action: crate::audit::AuditAction::OrderCancelled,
            target: &format!("order:{order_id}"),
            before: None,
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    get_order(ctx, actor, org_id, &row.id).await
}

/// Cancel `row` in the caller's transaction: refused while a payment is
/// in flight; the invoice credited in full, then the order marked.
async fn cancel_in(mut c: Conn<'_>, ctx: &Ctx, row: &OrderRow, reason: &str) -> Result<bool> {
    if crate::payments::store::holding(c.reborrow(), &row.invoice_id)
        .await?
        .is_some()
    {
        return Err(Error::Conflict {
            code: "payment_in_flight",
            description: "A payment of this order is under way; wait for its outcome.".into(),
        });
    }
    if !store::mark_cancelled(c.reborrow(), &row.id, ctx.clock.now().as_millisecond()).await? {
        return Ok(false);
    }
    let invoice = InvoiceId::from_stored(row.invoice_id.clone());
    billing::credit_notes::credit_in(
        c,
        ctx,
        Issuer::Order,
        &invoice,
        &CreditInput {
            reason: reason.to_owned(),
            lines: None,
        },
    )
    .await?;
    Ok(true)
}

/// CAT-2: the invoice `invoice_id` is paid now, in the caller's
/// transaction. If it is an order's, the order becomes paid and its
/// products are made — once; a suite upgrade's suite gets its new size
/// (SUI-1).
pub async fn invoice_paid(
    mut c: Conn<'_>,
    ctx: &Ctx,
    invoice_id: &InvoiceId,
    now_ms: i64,
) -> Result<()> {
    let Some(order) = store::order_of_invoice(c.reborrow(), invoice_id.as_str()).await? else {
        return Ok(());
    };
    if !store::mark_paid(c.reborrow(), &order.id, now_ms).await? {
        return Ok(());
    }
    let (upgrades, items): (Vec<ItemRow>, Vec<ItemRow>) =
        store::items_of(c.reborrow(), &[order.id.to_string()])
            .await?
            .into_iter()
            .partition(|i| i.upgrade_of.is_some());
    for item in &upgrades {
        super::suites::apply_paid_upgrade(c.reborrow(), ctx, &order, item).await?;
    }
    let method =
        crate::payments::store::last_settled_method(c.reborrow(), invoice_id.as_str()).await?;
    products::make_for_order(c, ctx, &order, &items, method).await
}

/// The `catalog.orders` sweep: pending orders past their time are
/// cancelled, their invoices credited (in batches; one in flight is left
/// for the next pass).
pub(crate) async fn cancel_unpaid(ctx: &Ctx) -> Result<SweepReport> {
    let mut report = SweepReport::default();
    let now = ctx.clock.now().as_millisecond();
    let overdue = {
        let mut c = ctx.db.acquire().await?;
        store::overdue_orders(c.conn(), now, 100).await?
    };
    for row in overdue {
        let mut tx = ctx.db.begin().await?;
        let reason = format!(
            "Not paid within {} days",
            ctx.config.catalog.unpaid_order_days
        );
        match cancel_in(tx.conn(), ctx, &row, &reason).await {
            Ok(true) => {
                tx.commit().await?;
                report.done += 1;
            }
            Ok(false) => {}
            Err(e) => {
                report.failed += 1;
                tracing::info!(order = %row.id, error = %e, "an unpaid order was not cancelled");
            }
        }
    }
    Ok(report)
}
