//! Paying an invoice (BIL-3, BIL-4): the pay box, its page and its post.

use super::*;

/// The pay form as shown or typed.
pub struct PayForm {
    method: String,
    use_prepaid: bool,
    save_method: bool,
    key: String,
}

impl PayForm {
    pub(crate) fn typed(fields: &Fields) -> Self {
        Self {
            method: fields.get("method").to_string(),
            use_prepaid: !fields.get("use_prepaid").is_empty(),
            save_method: !fields.get("save_method").is_empty(),
            key: fields.get("key").to_string(),
        }
    }

    /// The key drawn with the form (its idempotency key).
    pub(crate) fn key(&self) -> &str {
        &self.key
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
    /// More fields the form carries (a checkout's address and lines).
    pub extra: Vec<(String, String)>,
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
        Self::build(
            state,
            s,
            shell,
            org,
            invoice.open,
            format!("/orgs/{}/invoices/{}/pay", org.id, invoice.id),
            typed,
        )
        .await
        .map(Some)
    }

    /// The box to pay `due` by posting to `action`: the ways the gateway
    /// offers in its currency, the stored methods, a bank transfer, the
    /// prepaid balance. A checkout (issue 13) shows it before the order's
    /// invoice exists, with the cart's total.
    pub async fn build(
        state: &AppState,
        s: &SignedIn,
        shell: &Shell,
        org: &OrgView,
        due: Money,
        action: String,
        typed: Option<PayForm>,
    ) -> Result<Self, PageError> {
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
        let gateways = gateway_methods(state, due.currency);
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
        Ok(Self {
            action,
            due: shell.money(due),
            methods,
            prepaid: (balance.amount_minor > 0).then(|| shell.money(balance)),
            use_prepaid: form.use_prepaid,
            save_method: form.save_method,
            storable: gateways.iter().any(|g| g.storable()),
            key: form.key,
            extra: Vec::new(),
            errors: FormErrors::default(),
            alert: None,
        })
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
    pay_and_go_on(&state, &s, shell, &org_id, &invoice, typed).await
}

/// Pay `invoice` as the form asks and go on to the payment (the
/// gateway's page, or the payment's own with a transfer's details); a
/// refusal shows the invoice's pay page with why. The invoice's pay form
/// and the checkout (issue 13) both end here.
pub(crate) async fn pay_and_go_on(
    state: &AppState,
    s: &SignedIn,
    shell: Shell,
    org_id: &OrgId,
    invoice: &InvoiceView,
    typed: PayForm,
) -> Result<Response, PageError> {
    match pay_invoice(state, s, org_id, invoice, &typed).await {
        Ok(v) => Ok(after_payment(state, org_id, &v)),
        Err(e) => {
            let r = refusal(&shell, e, invoice.currency)?;
            let mut page = PayPage::load(state, s, shell, org_id, &invoice.id, Some(typed)).await?;
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
