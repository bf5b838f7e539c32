//! Reading payments, the prepaid account and stored methods (the billing
//! view right), and removing a stored method (`billing:manage`).

use serde::{Deserialize, Serialize};

use super::{
    pay::transfer_instructions,
    store::{self, PaymentRow},
    views::{PaymentMethodView, PaymentView, RefundView},
};
use crate::{
    Ctx,
    access::{Action, Actor, staff::StaffAction},
    billing::{Issuer, invoices::currency_of, ledger::Account},
    db::Conn,
    error::{Error, Result},
    ids::{InvoiceId, OrgId, PaymentId, PaymentMethodId},
    money::{Currency, Money},
    orgs::{self, Paged, Window},
    sql,
};

/// One movement of the prepaid account, as the customer reads it: credit
/// positive (a top-up, a credit note, a payment the invoice no longer
/// needed), spending negative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PrepaidEntryView {
    #[schema(value_type = String, format = Date)]
    pub booked_on: jiff::civil::Date,
    /// `payment_captured`, `credit_note_issued`, `refund_sent`,
    /// `refund_reversed`.
    pub kind: String,
    /// `payment`, `credit_note` or `refund`, and its id.
    pub document_kind: String,
    pub document_id: String,
    pub amount: Money,
    pub created_at: i64,
}

/// BIL-4: the prepaid account in the organisation's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PrepaidView {
    pub balance: Money,
    /// Newest first, a page of them.
    pub entries: Vec<PrepaidEntryView>,
    /// How many entries there are in all.
    pub total_entries: u64,
}

pub(crate) fn view(ctx: &Ctx, row: PaymentRow) -> Result<PaymentView> {
    let transfer = match (&row.reference, row.status.as_str()) {
        (Some(reference), "awaiting_transfer") => {
            let currency = currency_of(&row.currency)?;
            transfer_instructions(
                ctx,
                currency,
                reference,
                Money::new(row.amount_minor, currency),
                format!("/api/1/orgs/{}/prepaid/top-ups/{}/pdf", row.org_id, row.id),
            )
        }
        _ => None,
    };
    PaymentView::from_row(row, transfer)
}

/// An org's payments, newest first.
pub async fn list_payments(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    w: Window,
) -> Result<Paged<PaymentView>> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    org_payments_page(c.conn(), ctx, org_id, w).await
}

/// A page of an org's payments and their count, once access is checked.
async fn org_payments_page(
    mut c: Conn<'_>,
    ctx: &Ctx,
    org_id: &OrgId,
    w: Window,
) -> Result<Paged<PaymentView>> {
    let rows = store::org_payments(c.reborrow(), org_id, w.limit, w.offset).await?;
    let total = store::count_org_payments(c, org_id).await?;
    Ok(Paged {
        items: rows
            .into_iter()
            .map(|r| view(ctx, r))
            .collect::<Result<_>>()?,
        total: total.max(0) as u64,
    })
}

pub async fn get_payment(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    id: &PaymentId,
) -> Result<PaymentView> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    let row = store::org_payment(c.conn(), org_id, id)
        .await?
        .ok_or(Error::NotFound)?;
    view(ctx, row)
}

/// An invoice's payments (its page).
pub async fn invoice_payments(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    invoice_id: &str,
) -> Result<Vec<PaymentView>> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    store::invoice_payments(c.conn(), invoice_id)
        .await?
        .into_iter()
        .filter(|p| p.org_id == *org_id)
        .map(|r| view(ctx, r))
        .collect()
}

/// BIL-4: the balance and a page of the history.
pub async fn prepaid(ctx: &Ctx, actor: &Actor, org_id: &OrgId, w: Window) -> Result<PrepaidView> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    let org = orgs::org_for_billing(c.conn(), org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let currency = currency_of(&org.currency)?;
    prepaid_in(c.conn(), org_id, currency, w).await
}

pub(crate) async fn prepaid_in(
    mut c: Conn<'_>,
    org_id: &OrgId,
    currency: Currency,
    w: Window,
) -> Result<PrepaidView> {
    let key = Account::Prepaid(org_id.clone(), currency).key();
    let rows = sql!(
        c.reborrow(),
        fetch_all as (String, String, String, String, i64, i64),
        "SELECT t.booked_on, t.kind, t.document_kind, t.document_id, e.amount_minor, t.created_at
         FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
         WHERE e.account_key = $1
         ORDER BY t.created_at DESC, t.id DESC LIMIT $2 OFFSET $3",
        &key,
        w.limit,
        w.offset
    )?;
    let (count, sum) = sql!(
        c,
        fetch_one as (i64, Option<i64>),
        "SELECT COUNT(*), CAST(SUM(amount_minor) AS BIGINT) FROM ledger_entries WHERE account_key = $1",
        &key
    )?;
    let entries = rows
        .into_iter()
        .map(
            |(on, kind, document_kind, document_id, amount, created_at)| {
                Ok(PrepaidEntryView {
                    booked_on: on
                        .parse()
                        .map_err(|e| Error::Internal(format!("payments: {e}")))?,
                    kind,
                    document_kind,
                    document_id,
                    // The liability is credited (negative) when the customer
                    // gains: shown the customer's way round.
                    amount: Money::new(-amount, currency),
                    created_at: created_at / 1000,
                })
            },
        )
        .collect::<Result<_>>()?;
    Ok(PrepaidView {
        balance: Money::new(-sum.unwrap_or(0), currency),
        entries,
        total_entries: count.max(0) as u64,
    })
}

/// The org's stored methods.
pub async fn list_methods(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
) -> Result<Vec<PaymentMethodView>> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    Ok(store::org_methods(c.conn(), org_id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Forget a stored method, at the gateway first: if the gateway cannot be
/// reached the method stays (503), so a token we no longer show is never
/// left chargeable there.
pub async fn remove_method(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    id: &PaymentMethodId,
) -> Result<()> {
    let m = {
        let mut c = ctx.db.acquire().await?;
        orgs::check_access(c.conn(), actor, org_id, Action::ManagePaymentMethods).await?;
        store::org_method(c.conn(), org_id, id)
            .await?
            .ok_or(Error::NotFound)?
    };
    if let Some(gateway) = ctx.gateways.by_name(&m.gateway) {
        match gateway.remove_method(&m.token).await {
            // Already gone there is as good as removed.
            Ok(()) | Err(super::gateway::GatewayError::Refused { .. }) => {}
            Err(super::gateway::GatewayError::Unavailable(why)) => {
                tracing::warn!(method = %id, %why, "payment gateway unavailable");
                return Err(Error::Unavailable);
            }
        }
    }
    let mut tx = ctx.db.begin().await?;
    if store::remove_method(tx.conn(), id, ctx.clock.now().as_millisecond()).await? {
        // OPS-5: in the organisation's log, who removed which card.
        let name = match &m.last4 {
            Some(last4) => format!("{} •••• {last4}", m.brand),
            None => m.brand.clone(),
        };
        crate::audit::record(
            tx.conn(),
            ctx,
            actor,
            crate::audit::Change {
                org_id,
                action: crate::audit::AuditAction::PaymentMethodRemoved,
                target: &format!("method:{id}"),
                before: Some(serde_json::json!({ "name": name })),
                after: None,
            },
        )
        .await?;
    }
    tx.commit().await
}

/// BIL-4: the slip of a top-up awaiting its transfer (its reference and
/// QR-bill), drawn when asked: it is not an accounting document.
pub async fn top_up_pdf(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    id: &PaymentId,
) -> Result<(String, Vec<u8>)> {
    let (payment, org, address) = {
        let mut c = ctx.db.acquire().await?;
        orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
        let payment = store::org_payment(c.conn(), org_id, id)
            .await?
            .filter(|p| p.purpose == "top_up")
            .ok_or(Error::NotFound)?;
        let org = orgs::org_for_billing(c.conn(), org_id)
            .await?
            .ok_or(Error::NotFound)?;
        let address = orgs::invoice_address(c.conn(), org_id, None).await?;
        (payment, org, address)
    };
    let reference = payment
        .reference
        .as_deref()
        .and_then(|r| crate::billing::reference::Reference::parse_any(r).ok())
        .ok_or(Error::NotFound)?;
    let currency = currency_of(&payment.currency)?;
    let has_address = address.is_some();
    let buyer = match address {
        Some(a) => crate::billing::pdf::Party {
            name: a.name,
            street: a.street,
            building_number: a.building_number,
            postcode: a.postcode,
            town: a.town,
            country: a.country,
        },
        None => crate::billing::pdf::Party {
            name: org.name.clone(),
            street: String::new(),
            building_number: String::new(),
            postcode: String::new(),
            town: String::new(),
            country: org.country.clone(),
        },
    };
    let language = crate::i18n::Lang::parse(&org.language).unwrap_or(crate::i18n::Lang::En);
    let on = crate::clock::business_date(
        jiff::Timestamp::from_millisecond(payment.created_at).unwrap_or_default(),
        &ctx.tz,
    );
    let doc = crate::billing::documents::top_up_document(
        ctx,
        language,
        buyer,
        has_address,
        &reference,
        Money::new(payment.amount_minor, currency),
        on,
    );
    let pdf = crate::billing::documents::render(ctx, doc).await?;
    Ok((reference.as_str().to_owned(), pdf))
}

/// A payment with its refunds, for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StaffPaymentView {
    pub payment: PaymentView,
    pub refunds: Vec<RefundView>,
}

/// A payment with its refunds, for staff who read billing (`billing`,
/// `fraud`, `admin`, as invoices); refunding needs `IssueInvoices`.
pub async fn staff_payment(ctx: &Ctx, by: Issuer<'_>, id: &PaymentId) -> Result<StaffPaymentView> {
    by.check(StaffAction::ViewBillingDetails)?;
    let mut c = ctx.db.acquire().await?;
    let row = store::payment(c.conn(), id).await?.ok_or(Error::NotFound)?;
    let refunds = super::refunds::payment_refunds(c.conn(), id).await?;
    Ok(StaffPaymentView {
        payment: view(ctx, row)?,
        refunds,
    })
}

/// A page of an organisation's payments, newest first, for staff who read
/// billing (the back office's organisation page).
pub async fn staff_org_payments(
    ctx: &Ctx,
    by: Issuer<'_>,
    org_id: &OrgId,
    w: Window,
) -> Result<Paged<PaymentView>> {
    by.check(StaffAction::ViewBillingDetails)?;
    let mut c = ctx.db.acquire().await?;
    org_payments_page(c.conn(), ctx, org_id, w).await
}

/// An invoice's payments, oldest first, for staff who read billing (the
/// back office's invoice page).
pub async fn staff_invoice_payments(
    ctx: &Ctx,
    by: Issuer<'_>,
    invoice_id: &InvoiceId,
) -> Result<Vec<PaymentView>> {
    by.check(StaffAction::ViewBillingDetails)?;
    let mut c = ctx.db.acquire().await?;
    store::invoice_payments(c.conn(), invoice_id)
        .await?
        .into_iter()
        .map(|r| view(ctx, r))
        .collect()
}

/// The numbers of the invoices `payments` pay, by invoice id, in one
/// query (a page of payments names each by its number).
pub async fn invoice_numbers(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    payments: &[PaymentView],
) -> Result<std::collections::HashMap<String, String>> {
    let mut c = ctx.db.acquire().await?;
    orgs::check_access(c.conn(), actor, org_id, Action::ViewBilling).await?;
    let mut ids: Vec<&str> = payments
        .iter()
        .filter(|p| p.org_id == *org_id)
        .filter_map(|p| p.invoice_id.as_ref().map(|i| i.as_str()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(crate::billing::store::invoice_numbers(c.conn(), &ids)
        .await?
        .into_iter()
        .map(|(id, number)| (id, number.unwrap_or_default()))
        .collect())
}
