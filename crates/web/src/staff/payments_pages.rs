//! The back office's payments (issue 12; BIL-6): an organisation's and an
//! invoice's payments are listed on their pages; a payment's own page
//! shows what happened to it and its refunds, and offers staff with the
//! `billing` or `admin` role the refund form. As the API, a refund either
//! credits the invoice (all that remains) and sends back what that frees,
//! or sends back an amount of the prepaid credit the payment brought (a
//! top-up, an overpayment). Credits of single lines first, then a refund:
//! the invoice's credit form, or the API's `lines`.
//!
//! The post is checked by the back office's layer (same origin, form
//! token) and carries an idempotency key made when the form was drawn: a
//! double click refunds once.

use askama::Template;
use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    response::Response,
    routing::{get, post},
};
use guichet_core::{
    Error,
    billing::Issuer,
    idempotency::Idempotency,
    ids::{OrgId, PaymentId},
    payments::{self, PaymentView, RefundInput, RefundView},
    staff::{StaffAction, StaffActor},
};

use super::{
    SignedInStaff,
    billing_pages::{StaffNotice, may_issue, may_read},
    pages::Frame,
};
use crate::{
    AppState,
    console::{
        Shell,
        errors::PageError,
        form::{Fields, FormErrors},
        notice::{self, Alert, Saved, answer_refused, form_page},
        orgs::invoices::{PER_PAGE, window_of},
        render,
    },
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/payments/{payment_id}", get(payment_page))
        .route("/staff/payments/{payment_id}/refunds", post(refund))
}

/// The catalogue's prefix of the rules that refuse a refund
/// (`staff-refund-refused-nothing-to-refund`…).
const REFUSED: &str = "staff-refund-refused-";

/// A payment as the back office lists it.
pub struct StaffListedPayment {
    pub id: String,
    pub created: String,
    pub purpose: String,
    pub invoice_id: Option<String>,
    pub method: String,
    pub amount: String,
    pub status_code: String,
    pub status_label: String,
    pub status_class: &'static str,
    /// "CHF 20.00 refunded", when some was.
    pub refunded: Option<String>,
}

impl StaffListedPayment {
    pub fn of(shell: &Shell, v: &PaymentView) -> Self {
        Self {
            id: v.id.to_string(),
            created: shell.datetime(v.created_at),
            purpose: shell.t_or(
                &format!("payments-purpose-{}", v.purpose.replace('_', "-")),
                &v.purpose,
            ),
            invoice_id: v.invoice_id.as_ref().map(|i| i.to_string()),
            method: shell.t_or(
                &format!("payments-method-{}", v.method.replace('_', "-")),
                &v.method,
            ),
            amount: shell.money(v.amount),
            status_code: v.status.clone(),
            status_label: shell.t_or(
                &format!("payments-status-{}", v.status.replace('_', "-")),
                &v.status,
            ),
            status_class: status_class(&v.status),
            refunded: (v.refunded.amount_minor > 0)
                .then(|| shell.t1("staff-payment-refunded", "amount", shell.money(v.refunded))),
        }
    }
}

/// A status's badge class: its words say it, the colour only helps.
fn status_class(code: &str) -> &'static str {
    match code {
        "succeeded" => "ok",
        "failed" | "cancelled" => "revoked",
        _ => "active",
    }
}

/// A page of an organisation's payments for its back-office page, for
/// staff who read billing; None for others. Also the page and the number
/// of pages.
pub async fn org_payments(
    state: &AppState,
    actor: &StaffActor,
    shell: &Shell,
    org_id: &OrgId,
    page: Option<&str>,
) -> Result<Option<(Vec<StaffListedPayment>, u64, u64)>, PageError> {
    if !may_read(actor) {
        return Ok(None);
    }
    let (page, window) = window_of(page);
    let found =
        payments::read::staff_org_payments(&state.ctx, Issuer::Staff(actor), org_id, window)
            .await?;
    let items = found
        .items
        .iter()
        .map(|v| StaffListedPayment::of(shell, v))
        .collect();
    Ok(Some((items, page, found.total.div_ceil(PER_PAGE).max(1))))
}

/// A refund as the payment's page lists it.
struct RefundRow {
    created: String,
    amount: String,
    reason: String,
    /// "Back to the card…" or "To the prepaid account".
    destination: String,
    status_code: String,
    status_label: String,
    status_class: &'static str,
    credit_note_id: Option<String>,
    failure: Option<String>,
}

impl RefundRow {
    fn of(shell: &Shell, r: &RefundView) -> Self {
        Self {
            created: shell.datetime(r.created_at),
            amount: shell.money(r.amount),
            reason: r.reason.clone(),
            destination: shell.t_or(
                &format!("staff-refund-destination-{}", r.destination),
                &r.destination,
            ),
            status_code: r.status.clone(),
            status_label: shell.t_or(&format!("staff-refund-status-{}", r.status), &r.status),
            status_class: status_class(&r.status),
            credit_note_id: r.credit_note_id.clone(),
            failure: r.failure_message.clone(),
        }
    }
}

/// The refund form as typed.
struct RefundForm {
    reason: String,
    /// `credit` (credit the invoice, send back what it frees) or
    /// `prepaid` (send back an amount of the credit the payment brought).
    how: String,
    amount: String,
    key: String,
}

impl RefundForm {
    fn blank(invoice_payment: bool) -> Self {
        Self {
            reason: String::new(),
            how: if invoice_payment { "credit" } else { "prepaid" }.to_string(),
            amount: String::new(),
            key: guichet_core::accounts::new_secret(),
        }
    }

    fn typed(fields: &Fields) -> Self {
        Self {
            reason: fields.get("reason").to_string(),
            how: fields.get("how").to_string(),
            amount: fields.get("amount").to_string(),
            key: fields.get("key").to_string(),
        }
    }

    fn input(&self) -> RefundInput {
        RefundInput {
            reason: self.reason.clone(),
            // "prepaid" without an amount is refused by the core as an
            // invalid amount, by the amount field.
            amount: (self.how != "credit").then(|| self.amount.trim().to_string()),
            lines: None,
        }
    }
}

#[derive(Template)]
#[template(path = "staff/payment.html")]
struct StaffPaymentPage {
    frame: Frame,
    heading: String,
    org_id: String,
    p: StaffListedPayment,
    /// Of the amount, what went to the prepaid account.
    to_prepaid: Option<String>,
    failure: Option<String>,
    refunds: Vec<RefundRow>,
    saved: Option<String>,
    /// The refund form is shown: the role may, the money arrived, and not
    /// all of it went back.
    may_refund: bool,
    /// The payment paid an invoice: crediting it is offered.
    pays_invoice: bool,
    form: RefundForm,
    errors: FormErrors,
    alert: Option<Alert>,
}

form_page!(StaffPaymentPage);

impl StaffPaymentPage {
    async fn load(
        state: &AppState,
        signed: &SignedInStaff,
        payment_id: &PaymentId,
        typed: Option<RefundForm>,
    ) -> Result<Self, PageError> {
        let actor = &signed.session.actor;
        let found =
            payments::read::staff_payment(&state.ctx, Issuer::Staff(actor), payment_id).await?;
        let mut frame = Frame::of(state, &signed.visitor);
        frame.shell = frame.shell.at(&format!("/staff/payments/{payment_id}"));
        let shell = &frame.shell;
        let v = &found.payment;
        let pays_invoice = v.invoice_id.is_some();
        let p = StaffListedPayment::of(shell, v);
        Ok(Self {
            heading: shell.t1("staff-payment-title", "amount", &p.amount),
            org_id: v.org_id.to_string(),
            to_prepaid: (v.to_prepaid.amount_minor > 0).then(|| {
                shell.t1(
                    "staff-payment-to-prepaid",
                    "amount",
                    shell.money(v.to_prepaid),
                )
            }),
            failure: v.failure.as_ref().map(|f| {
                shell.t_or(
                    &format!("payments-failure-{}", f.code.replace('_', "-")),
                    &f.message,
                )
            }),
            refunds: found
                .refunds
                .iter()
                .map(|r| RefundRow::of(shell, r))
                .collect(),
            saved: None,
            // Nothing to offer once all of it went back.
            may_refund: may_issue(actor)
                && v.status == "succeeded"
                && v.refunded.amount_minor < v.amount.amount_minor,
            pays_invoice,
            form: typed.unwrap_or_else(|| RefundForm::blank(pays_invoice)),
            errors: FormErrors::default(),
            alert: None,
            p,
            frame,
        })
    }
}

/// An id from the path: the role first (a role that may not read payments
/// is refused whatever the id), then a malformed id is unknown.
fn path_id(actor: &StaffActor, action: StaffAction, raw: &str) -> Result<PaymentId, PageError> {
    match PaymentId::parse(raw) {
        Some(id) => Ok(id),
        None => {
            guichet_core::staff::check(actor, action)?;
            Err(PageError(Error::NotFound))
        }
    }
}

async fn payment_page(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(payment_id): Path<String>,
    Saved(notice): Saved<StaffNotice>,
) -> Result<Response, PageError> {
    let payment_id = path_id(
        &signed.session.actor,
        StaffAction::ViewBillingDetails,
        &payment_id,
    )?;
    let mut page = StaffPaymentPage::load(&state, &signed, &payment_id, None).await?;
    page.saved = Saved::text(notice, &page.frame.shell);
    Ok(render(StatusCode::OK, &page))
}

/// BIL-6: refund the payment, back the way the money came.
async fn refund(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(payment_id): Path<String>,
    fields: Fields,
) -> Result<Response, PageError> {
    let payment_id = path_id(
        &signed.session.actor,
        StaffAction::IssueInvoices,
        &payment_id,
    )?;
    let by = Issuer::Staff(&signed.session.actor);
    let form = RefundForm::typed(&fields);
    let input = form.input();
    let answer = match idempotency(&by, &form.key, &payment_id, &input) {
        Ok(idem) => {
            payments::refunds::refund(&state.ctx, by, &payment_id, &input, idem.as_ref()).await
        }
        Err(e) => Err(e),
    };
    match answer {
        Ok(_) => Ok(notice::saved(
            &format!("/staff/payments/{payment_id}"),
            StaffNotice::Refunded,
        )),
        Err(e) => {
            let page = StaffPaymentPage::load(&state, &signed, &payment_id, Some(form)).await?;
            let r = notice::refusal(&page.frame.shell, "refund", REFUSED, e)?;
            Ok(answer_refused(page, r, "refund"))
        }
    }
}

/// The form's key as an idempotency key, bound to what it asks: the same
/// form sent twice refunds once; the key with another refund is refused.
fn idempotency(
    by: &Issuer<'_>,
    key: &str,
    payment_id: &PaymentId,
    input: &RefundInput,
) -> Result<Option<Idempotency>, Error> {
    if key.is_empty() {
        return Ok(None);
    }
    let asked = format!("{}\n{:?}", input.reason, input.amount);
    Idempotency::new(
        &by.idempotency_scope(),
        key,
        &format!("refund {payment_id}"),
        asked.as_bytes(),
    )
    .map(Some)
}

/// The invoice page's list: its payments, oldest first.
pub async fn invoice_payments(
    state: &AppState,
    actor: &StaffActor,
    shell: &Shell,
    invoice_id: &guichet_core::ids::InvoiceId,
) -> Result<Vec<StaffListedPayment>, PageError> {
    let found =
        payments::read::staff_invoice_payments(&state.ctx, Issuer::Staff(actor), invoice_id)
            .await?;
    Ok(found
        .iter()
        .map(|v| StaffListedPayment::of(shell, v))
        .collect())
}
