//! Manual renewal (REN-3, ORG-7): the "to pay" list, and renewing several
//! products on one invoice to the billing address the owner picks, for
//! as many periods as the catalogue sells ahead (a .ch domain up to ten
//! years). Paid, each product's expiry moves by exactly its periods
//! (`renew::invoice_paid`); an expired or suspended product is live again.

use serde::{Deserialize, Serialize};

use super::{
    renew::{self, Priced, Unrenewable},
    store::{self, RenewalRow},
};
use crate::{
    Ctx,
    access::{Action, Actor},
    billing::{self, InvoiceView},
    catalog::products::{self, ProductView},
    error::{Error, FieldError, Result},
    idempotency::{self, Claim, Idempotency},
    ids::{InvoiceId, OrgId, ProductId, RenewalId},
    money::Money,
    orgs,
    payments::{PayInput, PaymentView},
};

/// At most this many products on one renewal invoice.
pub const ITEMS_MAX: usize = 50;

/// What the "to pay" list covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    /// What expires within `[renewals] to_pay_months` (two months).
    Soon,
    All,
}

impl Within {
    pub fn parse(s: &str) -> Result<Within> {
        match s {
            "2m" | "" => Ok(Within::Soon),
            "all" => Ok(Within::All),
            _ => Err(Error::invalid(
                "within",
                "invalid_value",
                "within is 2m (what expires in the next two months) or all.",
            )),
        }
    }
}

/// A renewal as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RenewalView {
    pub id: RenewalId,
    pub product_id: ProductId,
    /// `auto`, `manual` or `warranty`.
    pub kind: String,
    /// `open` (its invoice unpaid), `applied` or `cancelled`.
    pub status: String,
    /// The last day of the period it renews, and the new last day.
    #[schema(value_type = String, format = Date)]
    pub from_expires_on: String,
    #[schema(value_type = String, format = Date)]
    pub to_expires_on: String,
    /// How many of the product's periods it renews, and one period's
    /// length in months: it renews `periods × months` months in all.
    pub periods: i32,
    pub months: i32,
    pub invoice_id: InvoiceId,
    /// Before VAT.
    pub net: Money,
    /// The next charge of the stored method (auto-renewal), and the
    /// attempts made.
    #[schema(value_type = Option<String>, format = Date)]
    pub charge_on: Option<String>,
    pub charge_attempts: i32,
    pub created_at: i64,
    pub applied_at: Option<i64>,
    pub cancelled_at: Option<i64>,
}

impl RenewalView {
    pub fn from_row(r: RenewalRow) -> Result<RenewalView> {
        let currency = billing::invoices::currency_of(&r.currency)?;
        Ok(RenewalView {
            id: r.id,
            product_id: r.product_id,
            kind: r.kind,
            status: r.status,
            from_expires_on: r.from_expires_on,
            to_expires_on: r.to_expires_on,
            periods: r.periods,
            months: r.months,
            invoice_id: InvoiceId::from_stored(r.invoice_id),
            net: Money::new(r.net_minor, currency),
            charge_on: r.charge_on,
            charge_attempts: r.charge_attempts,
            created_at: r.created_at / 1000,
            applied_at: r.applied_at.map(|t| t / 1000),
            cancelled_at: r.cancelled_at.map(|t| t / 1000),
        })
    }
}

/// One product of the "to pay" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ToPayItem {
    pub product: ProductView,
    /// One period's renewal price before VAT; None when it cannot be
    /// renewed (`not_renewable` says why).
    pub price: Option<Money>,
    /// The numbers of periods it can be renewed for at once (1 for most;
    /// 1 to 10 for a .ch domain renewed by the year).
    pub periods: Vec<u32>,
    /// `plan_withdrawn`, `period_not_allowed` or `not_renewable`.
    pub not_renewable: Option<String>,
    /// The renewal of its current period already invoiced (an
    /// auto-renewal, or one ordered by hand): pay that invoice instead.
    pub open_renewal: Option<RenewalView>,
}

/// The "to pay" list.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ToPay {
    /// `2m` or `all`.
    pub within: String,
    /// Soonest expiry first.
    pub items: Vec<ToPayItem>,
}

/// REN-3: what the actor sees of the org's live products expiring within
/// two months (or all), with prices and periods (the billing right).
pub async fn to_pay(ctx: &Ctx, actor: &Actor, org_id: &OrgId, within: Within) -> Result<ToPay> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    let open = orgs::product_scope(c.conn(), actor, org_id).await?;
    let lang = renew::language(c.conn(), org_id.as_str()).await?;
    let until = match within {
        Within::All => None,
        Within::Soon => Some(
            ctx.today()
                .checked_add(jiff::Span::new().months(i64::from(ctx.config.renewals.to_pay_months)))
                .map_err(|e| Error::Internal(format!("renewals: {e}")))?
                .to_string(),
        ),
    };
    let rows: Vec<_> = store::to_pay(c.conn(), org_id, until.as_deref())
        .await?
        .into_iter()
        .filter(|r| products::visible(open.as_ref(), r))
        .collect();
    let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    let pending = store::open_for_products(c.conn(), &ids).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let (price, not_renewable) = match renew::price(ctx, &row, 1, lang) {
            Ok(p) => (Some(p.net), None),
            Err(why) => (None, Some(why.code().to_owned())),
        };
        let periods = if price.is_some() {
            periods_allowed(ctx, &row)
        } else {
            Vec::new()
        };
        let open_renewal = pending
            .iter()
            .find(|r| r.product_id == row.id)
            .cloned()
            .map(RenewalView::from_row)
            .transpose()?;
        items.push(ToPayItem {
            product: ProductView::from_row(row)?,
            price,
            periods,
            not_renewable,
            open_renewal,
        });
    }
    Ok(ToPay {
        within: match within {
            Within::Soon => "2m",
            Within::All => "all",
        }
        .into(),
        items,
    })
}

/// The numbers of periods the catalogue renews `row` for at once.
fn periods_allowed(ctx: &Ctx, row: &crate::catalog::store::ProductRow) -> Vec<u32> {
    let catalogue = ctx.catalog.current();
    let (Some(plan), Some(currency)) = (
        catalogue.plan(&row.plan_id),
        row.currency
            .as_deref()
            .and_then(crate::money::Currency::parse),
    ) else {
        return Vec::new();
    };
    let months = u32::try_from(row.period_months).unwrap_or(0).max(1);
    let quantity = u32::try_from(row.quantity).unwrap_or(1);
    let storage = row.storage_gb.and_then(|g| u32::try_from(g).ok());
    (1..=120 / months)
        .filter(|n| {
            plan.price(n * months, currency, quantity, storage, false)
                .is_ok()
        })
        .collect()
}

/// One product to renew.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RenewItem {
    pub product_id: String,
    /// How many of its periods; 1 when left out.
    #[serde(default)]
    pub periods: Option<u32>,
}

/// Products to renew on one invoice.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RenewInput {
    /// 1 to 50 products, each an object.
    #[serde(deserialize_with = "crate::billing::objects::list")]
    pub items: Vec<RenewItem>,
    /// Where the invoice goes (ORG-7); the organisation's default address
    /// when left out.
    #[serde(default)]
    pub billing_address_id: Option<String>,
    /// Start paying at once, as `POST …/invoices/{id}/payments` would.
    #[serde(default, deserialize_with = "crate::billing::objects::optional")]
    pub payment: Option<PayInput>,
}

/// What renewing answers: the invoice, its renewals, and the payment when
/// one was asked (or why it did not start; the invoice stays payable).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlacedRenewal {
    pub invoice: InvoiceView,
    pub renewals: Vec<RenewalView>,
    pub payment: Option<PaymentView>,
    pub payment_error: Option<String>,
}

/// REN-3, ORG-7: renew `input.items` on one invoice (the pay right).
pub async fn renew(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    input: &RenewInput,
    idem: Option<&Idempotency>,
) -> Result<PlacedRenewal> {
    let now_ms = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    orgs::check_access(tx.conn(), actor, org_id, Action::PayBilling).await?;
    if let Some(idem) = idem
        && let Claim::Replay(v) = idempotency::claim::<InvoiceId>(tx.conn(), idem, now_ms).await?
    {
        drop(tx);
        return placed(ctx, actor, org_id, &v, None, None).await;
    }
    if input.items.is_empty() || input.items.len() > ITEMS_MAX {
        return Err(Error::invalid(
            "items",
            "out_of_range",
            format!("Renew 1 to {ITEMS_MAX} products at once."),
        ));
    }
    let open = orgs::product_scope(tx.conn(), actor, org_id).await?;
    let lang = renew::language(tx.conn(), org_id.as_str()).await?;
    let ids: Vec<String> = input
        .items
        .iter()
        .map(|i| i.product_id.trim().to_owned())
        .collect();
    let rows = crate::catalog::store::products_by_ids(tx.conn(), org_id, &ids).await?;
    let pending = store::open_for_products(tx.conn(), &ids).await?;
    let mut errors = Vec::new();
    let mut priced: Vec<Priced> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, item) in input.items.iter().enumerate() {
        let at = |name: &str| format!("items[{i}].{name}");
        let id = item.product_id.trim();
        let Some(row) = rows
            .iter()
            .find(|r| r.id.as_str() == id)
            .filter(|r| r.status != "deleted" && products::visible(open.as_ref(), r))
        else {
            errors.push(FieldError::new(
                at("product_id"),
                "not_found",
                "No such product.",
            ));
            continue;
        };
        if !seen.insert(id.to_owned()) {
            errors.push(FieldError::new(
                at("product_id"),
                "duplicate_product",
                "This product is already in the list.",
            ));
            continue;
        }
        if row.parent_id.is_some() {
            errors.push(FieldError::new(
                at("product_id"),
                "inside_suite",
                "A product inside a suite renews with its suite (SUI-3).",
            ));
            continue;
        }
        if !matches!(row.status.as_str(), "active" | "expired" | "suspended") {
            errors.push(FieldError::new(
                at("product_id"),
                "product_closed",
                format!("This product is {}; it cannot be renewed.", row.status),
            ));
            continue;
        }
        if let Some(r) = pending.iter().find(|r| r.product_id == row.id) {
            errors.push(FieldError::new(
                at("product_id"),
                "renewal_pending",
                format!(
                    "Its renewal is already invoiced ({}); pay that invoice.",
                    r.invoice_id
                ),
            ));
            continue;
        }
        let periods = item.periods.unwrap_or(1);
        match renew::price(ctx, row, periods, lang) {
            Ok(p) => priced.push(p),
            Err(why) => errors.push(match why {
                Unrenewable::PeriodNotAllowed => {
                    FieldError::new(at("periods"), "period_not_allowed", why.says())
                }
                Unrenewable::PlanWithdrawn => {
                    FieldError::new(at("product_id"), "plan_withdrawn", why.says())
                }
                Unrenewable::NoPeriod => {
                    FieldError::new(at("product_id"), "not_renewable", why.says())
                }
            }),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let (invoice, renewals) = renew::issue(
        tx.conn(),
        ctx,
        &priced,
        input.billing_address_id.clone(),
        "manual",
        actor.user_id.as_str(),
        None,
    )
    .await?;
    crate::audit::record(
        tx.conn(),
        ctx,
        actor,
        crate::audit::Change {
            org_id,
            action: crate::audit::AuditAction::RenewalOrdered,
            target: &format!("invoice:{}", invoice.id),
            before: None,
            after: Some(serde_json::json!({
                "invoice": invoice.number,
                "amount": invoice.total,
                "products": renewals.iter().map(|r| serde_json::json!({
                    "product": r.product_id,
                    "periods": r.periods,
                    "until": r.to_expires_on,
                })).collect::<Vec<_>>(),
            })),
        },
    )
    .await?;
    if let Some(idem) = idem {
        idempotency::record(tx.conn(), idem, &invoice.id).await?;
    }
    tx.commit().await?;
    metrics::counter!("guichet_renewal_invoices_total", "kind" => "manual").increment(1);
    let (payment, payment_error) = match &input.payment {
        None => (None, None),
        Some(pay) => {
            match crate::payments::pay::pay_invoice(ctx, actor, org_id, &invoice.id, pay, None)
                .await
            {
                Ok(p) => (Some(p), None),
                Err(e) => (None, Some(e.code().to_owned())),
            }
        }
    };
    placed(ctx, actor, org_id, &invoice.id, payment, payment_error).await
}

/// The renewal invoice `invoice_id` and its renewals as they are now.
async fn placed(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    invoice_id: &InvoiceId,
    payment: Option<PaymentView>,
    payment_error: Option<String>,
) -> Result<PlacedRenewal> {
    let invoice = billing::invoices::get_invoice(ctx, actor, org_id, invoice_id).await?;
    let mut c = ctx.db.acquire().await?;
    let renewals = store::of_invoice(c.conn(), invoice_id.as_str())
        .await?
        .into_iter()
        .map(RenewalView::from_row)
        .collect::<Result<_>>()?;
    Ok(PlacedRenewal {
        invoice,
        renewals,
        payment,
        payment_error,
    })
}
