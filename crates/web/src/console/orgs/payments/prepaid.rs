//! The prepaid account (BIL-4): its balance, history and top-up form.

use super::*;

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
