//! BIL-3, BIL-4: paying in the console. An issued invoice's page offers
//! "Pay this invoice" to members who may pay; the gateway sends the
//! customer back to the return page, which asks the gateway (never the
//! URL) how it went; the payments list; the prepaid account with its
//! history and top-up form; the stored payment methods.
//!
//! A pay or top-up form carries a key drawn with the page, sent to the
//! core as the Idempotency-Key: a form sent twice makes one payment.

use std::collections::HashMap;

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use guichet_core::{
    Error,
    access::Action,
    billing::{self, InvoiceView},
    idempotency::Idempotency,
    ids::{InvoiceId, OrgId, PaymentId, PaymentMethodId},
    money::{Currency, Money},
    orgs::{OrgView, Window},
    payments::{
        GatewayMethod, PayInput, PaymentMethodView, PaymentView, TopUpInput,
        pay::{self, TOP_UP_MAX, TOP_UP_MIN},
        read::{self, PrepaidView},
        settle,
        views::TransferInstructions,
    },
};
use serde::Deserialize;

use super::{
    super::{
        Shell,
        errors::PageError,
        form::{Fields, FormErrors, Refusal},
        notice::{self, Ids, PostedForm, Saved, go, notices, saved},
        refused, render,
        visitor::SignedIn,
    },
    frame::OrgFrame,
    invoices::{PER_PAGE, window_of},
};
use crate::AppState;

notices! {
    /// What the payments pages say after a successful post.
    pub enum PaymentsNotice in "payments-saved-" {
        MethodRemoved = "method-removed",
    }
}

/// The catalogue's prefix of the refusals of a payment (`payments-refused-
/// payment-in-flight`…).
const REFUSED: &str = "payments-refused-";

/// A fresh key for a pay or top-up form being drawn.
fn new_key() -> String {
    guichet_core::accounts::new_secret()
}

/// The idempotency of a posted form: its key, bound to the user, the
/// operation and what was asked. A form without a key goes without.
fn idempotency(
    s: &SignedIn,
    key: &str,
    operation: &str,
    asked: &str,
) -> Result<Option<Idempotency>, Error> {
    if key.is_empty() {
        return Ok(None);
    }
    Idempotency::new(
        &format!("user:{}", s.actor.user_id),
        key,
        operation,
        asked.as_bytes(),
    )
    .map(Some)
}

/// How a payment form answers a refusal: field errors in the words of
/// `payments-error-<code>` (with the amounts written in the page's
/// language), conflicts by their rule; 403 and 404 stay error pages.
fn refusal(shell: &Shell, e: Error, currency: Currency) -> Result<Refusal, PageError> {
    let e = match e {
        Error::Validation(mut fields) => {
            let limits = [
                ("min", shell.money(Money::new(TOP_UP_MIN, currency))),
                ("max", shell.money(Money::new(TOP_UP_MAX, currency))),
            ];
            for f in &mut fields {
                let key = format!("payments-error-{}", f.code.replace('_', "-"));
                // A code the catalogue does not know keeps the core's words.
                if shell.t(&key) != key {
                    f.description = shell.t_args(&key, &limits);
                }
            }
            Error::Validation(fields)
        }
        // A second submit of a form whose first is still being answered:
        // the same words as another attempt in flight.
        Error::Conflict {
            code: "idempotency_key_in_use",
            description,
        } => Error::Conflict {
            code: "payment_in_flight",
            description,
        },
        other => other,
    };
    notice::refusal(shell, "payments", REFUSED, e)
}

/// 303 to where the payment goes on: the gateway's page while the
/// customer must act there, else the payment's own page. A redirect the
/// Content-Security-Policy would not let a form follow (a gateway that
/// bounces on to a third party's site) goes to the payment's page, which
/// offers it as a link ("Continue to the payment page").
fn after_payment(state: &AppState, org_id: &OrgId, v: &PaymentView) -> Response {
    match (&v.redirect_url, v.status.as_str()) {
        (Some(url), "requires_action" | "pending")
            if state
                .ctx
                .gateways
                .opens_gateway_page(url, &state.ctx.config.public_url) =>
        {
            Redirect::to(url).into_response()
        }
        _ => go(&format!("/orgs/{org_id}/payments/{}", v.id)),
    }
}

fn may(org: &OrgView, action: Action) -> bool {
    org.actions.contains(&action)
}

/// A payment's status as a badge: its words, never its colour alone.
pub struct Badge {
    pub code: String,
    pub label: String,
    pub class: &'static str,
}

impl Badge {
    fn of(shell: &Shell, code: &str) -> Self {
        Self {
            code: code.to_string(),
            label: shell.t_or(&format!("payments-status-{}", code.replace('_', "-")), code),
            class: match code {
                "succeeded" => "ok",
                "failed" | "cancelled" => "revoked",
                _ => "active",
            },
        }
    }
}

/// A way to pay in the page's language.
fn method_label(shell: &Shell, method: &str) -> String {
    shell.t_or(
        &format!("payments-method-{}", method.replace('_', "-")),
        method,
    )
}

/// How a stored method is recognised: "Visa •••• 4242, expires 12/2030".
fn stored_label(shell: &Shell, m: &PaymentMethodView) -> String {
    let mut text = shell.t_or(&format!("payments-brand-{}", m.brand), &m.brand);
    if let Some(last4) = &m.last4 {
        text.push_str(&format!(" •••• {last4}"));
    }
    if let (Some(month), Some(year)) = (m.exp_month, m.exp_year) {
        text.push_str(", ");
        text.push_str(&shell.t1("payments-expires", "date", format!("{month:02}/{year}")));
    }
    text
}

/// The ways the active gateway offers in `currency`, in the brief's order.
fn gateway_methods(state: &AppState, currency: Currency) -> Vec<GatewayMethod> {
    let offered = state
        .ctx
        .gateways
        .active()
        .map(|g| g.methods().to_vec())
        .unwrap_or_default();
    GatewayMethod::ALL
        .iter()
        .copied()
        .filter(|m| offered.contains(m) && m.takes(currency))
        .collect()
}

/// One radio button of a method choice.
pub struct MethodChoice {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
    pub checked: bool,
}

fn choice(shell: &Shell, value: &str, chosen: &str) -> MethodChoice {
    MethodChoice {
        value: value.to_string(),
        label: method_label(shell, value),
        hint: matches!(value, "postfinance" | "twint").then(|| shell.t("payments-chf-only")),
        checked: value == chosen,
    }
}

/// How to pay by bank transfer, written out.
pub struct Transfer {
    pub iban: String,
    pub reference: String,
    pub amount: String,
    pub pdf_url: String,
}

impl Transfer {
    fn of(shell: &Shell, t: &TransferInstructions) -> Self {
        Self {
            iban: t.iban.clone(),
            reference: t.reference.clone(),
            amount: shell.money(t.amount),
            pdf_url: t.pdf_url.clone(),
        }
    }
}

// ---------------------------------------------------------------- paying an invoice

/// The pay form as shown or typed.
pub struct PayForm {
    method: String,
    use_prepaid: bool,
    save_method: bool,
    key: String,
}

impl PayForm {
    fn typed(fields: &Fields) -> Self {
        Self {
            method: fields.get("method").to_string(),
            use_prepaid: !fields.get("use_prepaid").is_empty(),
            save_method: !fields.get("save_method").is_empty(),
            key: fields.get("key").to_string(),
        }
    }

    /// What the form asked, as the idempotency key binds it.
    fn asked(&self, invoice_id: &InvoiceId) -> String {
        format!(
            "{invoice_id}\n{}\n{}\n{}",
            self.method, self.use_prepaid, self.save_method
        )
    }

    /// The chosen way as the core takes it: a stored method is its kind
    /// and its id.
    fn input(&self, stored: &[PaymentMethodView]) -> PayInput {
        match self.method.strip_prefix("stored:") {
            Some(id) => PayInput {
                method: stored
                    .iter()
                    .find(|m| m.id.as_str() == id)
                    .map_or_else(|| "card".into(), |m| m.method.clone()),
                payment_method_id: Some(id.to_string()),
                ..PayInput::default()
            },
            None => PayInput {
                method: self.method.clone(),
                save_method: self.save_method,
                ..PayInput::default()
            },
        }
    }
}

/// "Pay this invoice", on the invoice's page and on its own when a post
/// was refused.
pub struct PayBox {
    pub action: String,
    pub due: String,
    pub methods: Vec<MethodChoice>,
    /// The prepaid balance, when there is any to use.
    pub prepaid: Option<String>,
    pub use_prepaid: bool,
    pub save_method: bool,
    /// Whether a method offered can be kept for later.
    pub storable: bool,
    pub key: String,
    pub errors: FormErrors,
    pub alert: Option<String>,
}

impl PayBox {
    /// The box for `invoice`, if the viewer may pay and something is due.
    pub async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: &Shell,
        org: &OrgView,
        invoice: &InvoiceView,
        typed: Option<PayForm>,
    ) -> Result<Option<Self>, PageError> {
        let payable = matches!(invoice.status.as_str(), "issued" | "partially_paid");
        if !payable || !may(org, Action::PayBilling) || invoice.open.amount_minor <= 0 {
            return Ok(None);
        }
        let ctx = &state.ctx;
        let balance = read::prepaid(
            ctx,
            &s.actor,
            &org.id,
            Window {
                offset: 0,
                limit: 1,
            },
        )
        .await?
        .balance;
        let stored = read::list_methods(ctx, &s.actor, &org.id).await?;
        let gateways = gateway_methods(state, invoice.currency);
        let form = typed.unwrap_or_else(|| PayForm {
            method: gateways
                .first()
                .map_or("bank_transfer", |m| m.as_str())
                .to_string(),
            use_prepaid: balance.amount_minor > 0,
            save_method: false,
            key: new_key(),
        });
        let mut methods: Vec<MethodChoice> = gateways
            .iter()
            .map(|m| choice(shell, m.as_str(), &form.method))
            .collect();
        methods.extend(
            stored
                .iter()
                .filter(|m| GatewayMethod::parse(&m.method).is_some_and(|g| gateways.contains(&g)))
                .map(|m| {
                    let value = format!("stored:{}", m.id);
                    MethodChoice {
                        label: shell.t1("payments-method-stored", "method", stored_label(shell, m)),
                        hint: None,
                        checked: value == form.method,
                        value,
                    }
                }),
        );
        methods.push(choice(shell, "bank_transfer", &form.method));
        Ok(Some(Self {
            action: format!("/orgs/{}/invoices/{}/pay", org.id, invoice.id),
            due: shell.money(invoice.open),
            methods,
            prepaid: (balance.amount_minor > 0).then(|| shell.money(balance)),
            use_prepaid: form.use_prepaid,
            save_method: form.save_method,
            storable: gateways.iter().any(|g| g.storable()),
            key: form.key,
            errors: FormErrors::default(),
            alert: None,
        }))
    }
}

#[derive(Template)]
#[template(path = "orgs/pay.html")]
pub struct PayPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    invoice_id: String,
    pay: Option<PayBox>,
    /// Why there is nothing to pay here, when there is not.
    nothing: Option<String>,
}

impl PayPage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &OrgId,
        invoice_id: &InvoiceId,
        typed: Option<PayForm>,
    ) -> Result<Self, PageError> {
        let (org, view) = OrgFrame::load(state, s, &shell, org_id).await?;
        let invoice =
            billing::invoices::get_invoice(&state.ctx, &s.actor, org_id, invoice_id).await?;
        let pay = PayBox::load(state, s, &shell, &view, &invoice, typed).await?;
        let nothing = pay.is_none().then(|| {
            if may(&view, Action::PayBilling) {
                shell.t("payments-nothing-due")
            } else {
                shell.t("payments-no-right")
            }
        });
        Ok(Self {
            heading: shell.t1(
                "payments-pay-title",
                "number",
                invoice.number.clone().unwrap_or_default(),
            ),
            invoice_id: invoice.id.to_string(),
            pay,
            nothing,
            org,
            shell,
        })
    }
}

/// The pay form on a page of its own (a refused post shows it again).
pub async fn pay_page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, invoice_id)): Ids<(OrgId, InvoiceId)>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let page = PayPage::load(&state, &s, shell, &org_id, &invoice_id, None).await?;
    Ok(render(StatusCode::OK, &page))
}

/// BIL-3, BIL-4: pay an invoice, from the prepaid account first when
/// asked, then by the chosen way for the rest.
pub async fn pay(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, invoice_id)): Ids<(OrgId, InvoiceId)>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let path = format!("/orgs/{org_id}/invoices/{invoice_id}/pay");
    let shell = Shell::of(&state, &s.visitor).at(&path);
    OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let typed = PayForm::typed(&form.read().await?);
    let invoice =
        billing::invoices::get_invoice(&state.ctx, &s.actor, &org_id, &invoice_id).await?;
    // Paid meanwhile (this very form, sent again after it paid it all):
    // the invoice says so.
    if invoice.status == "paid" {
        return Ok(go(&format!("/orgs/{org_id}/invoices/{invoice_id}")));
    }
    match pay_invoice(&state, &s, &org_id, &invoice, &typed).await {
        Ok(v) => Ok(after_payment(&state, &org_id, &v)),
        Err(e) => {
            let r = refusal(&shell, e, invoice.currency)?;
            let mut page =
                PayPage::load(&state, &s, shell, &org_id, &invoice_id, Some(typed)).await?;
            if let Some(p) = &mut page.pay {
                p.errors = r.errors;
                p.alert = r.alert;
            }
            Ok(refused(&page, r.status, r.retry_after_secs))
        }
    }
}

async fn pay_invoice(
    state: &AppState,
    s: &SignedIn,
    org_id: &OrgId,
    invoice: &InvoiceView,
    form: &PayForm,
) -> Result<PaymentView, Error> {
    let ctx = &state.ctx;
    let asked = form.asked(&invoice.id);
    if form.use_prepaid {
        let balance = read::prepaid(
            ctx,
            &s.actor,
            org_id,
            Window {
                offset: 0,
                limit: 1,
            },
        )
        .await?
        .balance;
        let from_prepaid = balance.amount_minor.min(invoice.open.amount_minor);
        if from_prepaid > 0 {
            // Its own key, derived from the form's: the prepaid part and
            // the rest are two payments, each made once.
            let idem = idempotency(
                s,
                &format!("{}.prepaid", form.key),
                "console.pay_invoice.prepaid",
                &asked,
            )?;
            let input = PayInput {
                method: "prepaid".into(),
                amount: Some(Money::new(from_prepaid, invoice.currency).amount_string()),
                ..PayInput::default()
            };
            let paid =
                pay::pay_invoice(ctx, &s.actor, org_id, &invoice.id, &input, idem.as_ref()).await?;
            if paid.amount.amount_minor >= invoice.open.amount_minor {
                return Ok(paid);
            }
        }
    }
    let stored = read::list_methods(ctx, &s.actor, org_id).await?;
    let idem = idempotency(s, &form.key, "console.pay_invoice", &asked)?;
    pay::pay_invoice(
        ctx,
        &s.actor,
        org_id,
        &invoice.id,
        &form.input(&stored),
        idem.as_ref(),
    )
    .await
}

// ---------------------------------------------------------------- one payment

/// The invoice a payment pays, by its number.
pub struct InvoiceLink {
    pub id: String,
    pub number: String,
}

/// A payment as the list shows it.
pub struct ListedPayment {
    pub id: String,
    pub created: String,
    pub purpose: String,
    pub invoice: Option<InvoiceLink>,
    pub method: String,
    pub amount: String,
    pub status: Badge,
}

impl ListedPayment {
    fn of(shell: &Shell, v: &PaymentView, numbers: &HashMap<String, String>) -> Self {
        Self {
            id: v.id.to_string(),
            created: shell.datetime(v.created_at),
            purpose: shell.t_or(
                &format!("payments-purpose-{}", v.purpose.replace('_', "-")),
                &v.purpose,
            ),
            invoice: v.invoice_id.as_ref().map(|i| {
                let number = numbers
                    .get(i.as_str())
                    .cloned()
                    .unwrap_or_else(|| i.to_string());
                InvoiceLink {
                    id: i.to_string(),
                    number,
                }
            }),
            method: method_label(shell, &v.method),
            amount: shell.money(v.amount),
            status: Badge::of(shell, &v.status),
        }
    }
}

/// The invoices' numbers the payments name (a page of them).
async fn invoice_numbers(
    state: &AppState,
    s: &SignedIn,
    org_id: &OrgId,
    payments: &[PaymentView],
) -> Result<HashMap<String, String>, PageError> {
    Ok(read::invoice_numbers(&state.ctx, &s.actor, org_id, payments).await?)
}

#[derive(Template)]
#[template(path = "orgs/payment.html")]
pub struct PaymentPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    p: ListedPayment,
    /// What happened, in words, by status.
    outcome: String,
    /// Of the amount, what went to the prepaid account.
    to_prepaid: Option<String>,
    /// The failure's reason, in words.
    failure: Option<String>,
    /// While the customer must still act at the gateway.
    continue_url: Option<String>,
    /// Waiting for the gateway: the page offers to look again.
    waiting: bool,
    transfer: Option<Transfer>,
    /// The invoice is paid now.
    invoice_paid: bool,
}

impl PaymentPage {
    async fn of(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org: OrgFrame,
        v: PaymentView,
    ) -> Result<Self, PageError> {
        let invoice = match &v.invoice_id {
            Some(i) => {
                Some(billing::invoices::get_invoice(&state.ctx, &s.actor, &v.org_id, i).await?)
            }
            None => None,
        };
        let mut numbers = HashMap::new();
        if let Some(i) = &invoice {
            numbers.insert(i.id.to_string(), i.number.clone().unwrap_or_default());
        }
        // An invoice's transfer goes with the invoice's own reference and
        // QR-bill; a top-up's carries its own.
        let transfer = match (&v.transfer, &invoice) {
            (Some(t), _) => Some(Transfer::of(&shell, t)),
            (None, Some(i)) if v.status == "awaiting_transfer" => {
                i.reference.as_deref().and_then(|r| {
                    pay::transfer_instructions(
                        &state.ctx,
                        i.currency,
                        r,
                        v.amount,
                        format!("/orgs/{}/invoices/{}/pdf", v.org_id, i.id),
                    )
                    .map(|t| Transfer::of(&shell, &t))
                })
            }
            _ => None,
        };
        let status = v.status.replace('_', "-");
        let outcome = shell.t1(
            &format!("payments-outcome-{status}"),
            "amount",
            shell.money(v.amount),
        );
        let failure = v.failure.as_ref().map(|f| {
            shell.t_or(
                &format!("payments-failure-{}", f.code.replace('_', "-")),
                &f.message,
            )
        });
        Ok(Self {
            heading: shell.t("payments-payment-title"),
            p: ListedPayment::of(&shell, &v, &numbers),
            outcome,
            to_prepaid: (v.to_prepaid.amount_minor > 0).then(|| shell.money(v.to_prepaid)),
            failure,
            continue_url: v.redirect_url.clone(),
            waiting: matches!(
                v.status.as_str(),
                "pending" | "processing" | "requires_action"
            ),
            transfer,
            invoice_paid: invoice.is_some_and(|i| i.status == "paid"),
            org,
            shell,
        })
    }
}

/// A payment: how it went, or how to pay by transfer.
pub async fn payment(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, payment_id)): Ids<(OrgId, PaymentId)>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let (org, _) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let v = read::get_payment(&state.ctx, &s.actor, &org_id, &payment_id).await?;
    let page = PaymentPage::of(&state, &s, shell, org, v).await?;
    Ok(render(StatusCode::OK, &page))
}

/// BIL-3: where the gateway sends the customer back. The gateway is asked
/// (server to server) before the page says anything.
pub async fn returned(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, payment_id)): Ids<(OrgId, PaymentId)>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let (org, _) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let v = settle::sync(&state.ctx, &s.actor, &org_id, &payment_id).await?;
    let page = PaymentPage::of(&state, &s, shell, org, v).await?;
    Ok(render(StatusCode::OK, &page))
}

// ---------------------------------------------------------------- the list

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<String>,
}

#[derive(Template)]
#[template(path = "orgs/payments.html")]
pub struct PaymentsPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    payments: Vec<ListedPayment>,
    page: u64,
    pages: u64,
}

impl PaymentsPage {
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

/// The org's payments, newest first.
pub async fn list(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let (org, _) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let (page, window) = window_of(q.page.as_deref());
    let found = read::list_payments(&state.ctx, &s.actor, &org_id, window).await?;
    let numbers = invoice_numbers(&state, &s, &org_id, &found.items).await?;
    let page = PaymentsPage {
        heading: shell.t("payments-title"),
        payments: found
            .items
            .iter()
            .map(|v| ListedPayment::of(&shell, v, &numbers))
            .collect(),
        page,
        pages: found.total.div_ceil(PER_PAGE).max(1),
        org,
        shell,
    };
    Ok(render(StatusCode::OK, &page))
}

// ---------------------------------------------------------------- prepaid

/// A movement of the prepaid account, written out.
pub struct Entry {
    pub on_iso: String,
    pub on: String,
    pub kind: String,
    pub amount: String,
    pub credit: bool,
}

/// The top-up form as shown or typed.
pub struct TopUpForm {
    amount: String,
    method: String,
    key: String,
}

impl TopUpForm {
    fn typed(fields: &Fields) -> Self {
        Self {
            amount: fields.get("amount").to_string(),
            method: fields.get("method").to_string(),
            key: fields.get("key").to_string(),
        }
    }
}

#[derive(Template)]
#[template(path = "orgs/prepaid.html")]
pub struct PrepaidPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    balance: String,
    entries: Vec<Entry>,
    page: u64,
    pages: u64,
    /// The top-up form, for members who may pay.
    may_top_up: bool,
    form: TopUpForm,
    methods: Vec<MethodChoice>,
    limits: String,
    currency: Currency,
    errors: FormErrors,
    alert: Option<String>,
}

impl PrepaidPage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &OrgId,
        page: Option<&str>,
        typed: Option<TopUpForm>,
    ) -> Result<Self, PageError> {
        let (org, view) = OrgFrame::load(state, s, &shell, org_id).await?;
        let (page, window) = window_of(page);
        let prepaid: PrepaidView = read::prepaid(&state.ctx, &s.actor, org_id, window).await?;
        let currency = prepaid.balance.currency;
        let mut offered: Vec<&str> = gateway_methods(state, currency)
            .into_iter()
            .filter(|m| matches!(m, GatewayMethod::Card | GatewayMethod::Postfinance))
            .map(GatewayMethod::as_str)
            .collect();
        offered.push("bank_transfer");
        let form = typed.unwrap_or_else(|| TopUpForm {
            amount: String::new(),
            method: offered
                .first()
                .copied()
                .unwrap_or("bank_transfer")
                .to_string(),
            key: new_key(),
        });
        let (min, max) = (
            Money::new(TOP_UP_MIN, currency),
            Money::new(TOP_UP_MAX, currency),
        );
        Ok(Self {
            heading: shell.t("payments-prepaid-title"),
            balance: shell.money(prepaid.balance),
            entries: prepaid
                .entries
                .iter()
                .map(|e| {
                    let credit = e.amount.amount_minor >= 0;
                    let kind = match (e.kind.as_str(), e.document_kind.as_str(), credit) {
                        ("payment_captured", _, false) => "invoice-paid".to_string(),
                        (kind, _, _) => kind.replace('_', "-"),
                    };
                    Entry {
                        on_iso: e.booked_on.to_string(),
                        on: shell.day(e.booked_on),
                        kind: shell.t_or(&format!("payments-entry-{kind}"), &e.kind),
                        amount: shell.money(e.amount),
                        credit,
                    }
                })
                .collect(),
            page,
            pages: prepaid.total_entries.div_ceil(PER_PAGE).max(1),
            may_top_up: may(&view, Action::PayBilling),
            methods: offered
                .iter()
                .map(|m| choice(&shell, m, &form.method))
                .collect(),
            limits: shell.t_args(
                "payments-top-up-limits",
                &[("min", shell.money(min)), ("max", shell.money(max))],
            ),
            currency,
            form,
            errors: FormErrors::default(),
            alert: None,
            org,
            shell,
        })
    }

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

/// BIL-4: the prepaid balance, its history and the top-up form.
pub async fn prepaid(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let page = PrepaidPage::load(&state, &s, shell, &org_id, q.page.as_deref(), None).await?;
    Ok(render(StatusCode::OK, &page))
}

/// BIL-4: top the prepaid account up.
pub async fn top_up(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor).at(&format!("/orgs/{org_id}/prepaid"));
    OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let typed = TopUpForm::typed(&form.read().await?);
    let input = TopUpInput {
        amount: typed.amount.clone(),
        method: typed.method.clone(),
        ..TopUpInput::default()
    };
    let asked = format!("{}\n{}", typed.amount, typed.method);
    let answer = match idempotency(&s, &typed.key, "console.top_up", &asked) {
        Ok(idem) => pay::top_up(&state.ctx, &s.actor, &org_id, &input, idem.as_ref()).await,
        Err(e) => Err(e),
    };
    match answer {
        Ok(v) => Ok(after_payment(&state, &org_id, &v)),
        Err(e) => {
            let mut page = PrepaidPage::load(&state, &s, shell, &org_id, None, Some(typed)).await?;
            let r = refusal(&page.shell, e, page.currency)?;
            page.errors = r.errors;
            page.alert = r.alert;
            Ok(refused(&page, r.status, r.retry_after_secs))
        }
    }
}

// ---------------------------------------------------------------- stored methods

/// A stored method as its page lists it.
pub struct ListedMethod {
    pub id: String,
    pub label: String,
    pub method: String,
}

#[derive(Template)]
#[template(path = "orgs/payment_methods.html")]
pub struct MethodsPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    methods: Vec<ListedMethod>,
    may_remove: bool,
    saved: Option<String>,
}

/// The org's stored methods; removing one is `billing:manage`'s.
pub async fn methods(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Saved(notice): Saved<PaymentsNotice>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let (org, view) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let stored = read::list_methods(&state.ctx, &s.actor, &org_id).await?;
    let page = MethodsPage {
        heading: shell.t("payments-methods-title"),
        methods: stored
            .iter()
            .map(|m| ListedMethod {
                id: m.id.to_string(),
                label: stored_label(&shell, m),
                method: method_label(&shell, &m.method),
            })
            .collect(),
        may_remove: may(&view, Action::ManagePaymentMethods),
        saved: Saved::text(notice, &shell),
        org,
        shell,
    };
    Ok(render(StatusCode::OK, &page))
}

/// Forget a stored method (asked to confirm first).
pub async fn remove_method(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, method_id)): Ids<(OrgId, PaymentMethodId)>,
) -> Result<Response, PageError> {
    read::remove_method(&state.ctx, &s.actor, &org_id, &method_id).await?;
    Ok(saved(
        &format!("/orgs/{org_id}/payment-methods"),
        PaymentsNotice::MethodRemoved,
    ))
}
