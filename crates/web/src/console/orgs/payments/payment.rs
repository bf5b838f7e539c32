//! One payment (the return page asks the gateway) and the list of payments.

use super::*;

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
    /// Waiting with nothing for the customer to do (the gateway or the
    /// bank decides): the page looks again by itself.
    rechecks: bool,
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
        came_back: bool,
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
            rechecks: rechecks(&v, came_back, state.ctx.clock.now().as_second()),
            transfer,
            invoice_paid: invoice.is_some_and(|i| i.status == "paid"),
            org,
            shell,
        })
    }
}

/// Seconds between two looks of a waiting payment's page.
const RECHECK_SECS: u64 = 4;

/// How long after its start a payment's page keeps looking by itself;
/// past that, a payment still waiting is a matter for "Check again" (a
/// page reloading forever would disturb a screen reader for nothing).
const RECHECK_FOR_SECS: i64 = 15 * 60;

/// Whether the page should look again by itself: the gateway has not
/// decided yet and nothing waits on the customer. A payment still asking
/// for the customer's action does wait on them, unless they have just come
/// back from the gateway's page (`came_back`): the gateway's word may
/// then be on its way. A transfer takes days: never.
fn rechecks(v: &PaymentView, came_back: bool, now_secs: i64) -> bool {
    let undecided = match v.status.as_str() {
        "pending" | "processing" => true,
        "requires_action" => came_back,
        _ => false,
    };
    undecided && now_secs - v.created_at < RECHECK_FOR_SECS
}

/// The page, with a `Refresh` to the return address (which asks the
/// gateway) while it [`rechecks`].
fn page_response(page: &PaymentPage, org_id: &OrgId) -> Response {
    let mut res = render(StatusCode::OK, page);
    if page.rechecks {
        let url = format!("/orgs/{org_id}/payments/{}/return", page.p.id);
        if let Ok(v) = HeaderValue::from_str(&format!("{RECHECK_SECS}; url={url}")) {
            res.headers_mut()
                .insert(HeaderName::from_static("refresh"), v);
        }
    }
    res
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
    let page = PaymentPage::of(&state, &s, shell, org, v, false).await?;
    Ok(page_response(&page, &org_id))
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
    let page = PaymentPage::of(&state, &s, shell, org, v, true).await?;
    Ok(page_response(&page, &org_id))
}

// ---------------------------------------------------------------- the list

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
