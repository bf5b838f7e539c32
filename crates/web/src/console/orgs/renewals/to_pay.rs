//! The "to pay" list (`/orgs/{id}/renewals`, REN-3) and renewing what is
//! checked on it (ORG-7: to the billing address chosen).
//!
//! One form: each renewable row's checkbox and its number of periods
//! (the rows' fields belong to the form by their `form` attribute, so the
//! table reads as a table), the billing address, and the pay box's way to
//! pay. A row whose renewal is already invoiced links to that invoice
//! instead: paying it renews the product.
//!
//! The form carries the key drawn with the page: the renewal is invoiced
//! under `<key>.renewal` and paid under `<key>`, so a form sent twice
//! makes one invoice and starts one payment — then it goes on exactly as
//! the checkout does (`payments::pay_and_go_on`).

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use guichet_core::{
    idempotency::Idempotency,
    ids::OrgId,
    money::Money,
    orgs::{self, OrgView},
    renewals::manual::{self, RenewInput, RenewItem, ToPayItem, Within},
};
use serde::Deserialize;

use super::{
    super::{
        super::{
            Shell,
            errors::PageError,
            form::Fields,
            notice::{self, Ids, PostedForm, go},
            refused, render,
            visitor::SignedIn,
        },
        frame::OrgFrame,
        invoices::Day,
        payments::{PayBox, PayForm, pay_and_go_on},
        shop::{AddressChoice, Badge, day_of, kind_label, period_text},
    },
    REFUSED,
};
use crate::AppState;

/// How many periods, as the select offers them.
pub struct PeriodChoice {
    pub value: u32,
    pub label: String,
    pub selected: bool,
}

/// A product of the list as the page shows it.
pub struct ToPayRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub status: Badge,
    pub expires_on: Option<Day>,
    /// One period's price before VAT, and the period ("1 year").
    pub price: Option<String>,
    pub period: String,
    /// More than one choice: the select; one: that period only.
    pub periods: Vec<PeriodChoice>,
    /// The invoice of its renewal already made: pay it instead.
    pub open_invoice: Option<String>,
    /// Why it cannot be renewed here, when it cannot.
    pub unrenewable: Option<String>,
    /// Checked on the form (kept when a post is refused).
    pub checked: bool,
    /// Why renewing it was refused.
    pub errors: Vec<String>,
}

impl ToPayRow {
    /// It can be checked.
    pub fn selectable(&self) -> bool {
        self.open_invoice.is_none() && self.unrenewable.is_none()
    }

    fn of(shell: &Shell, item: &ToPayItem, typed: Option<&Typed>) -> Self {
        let p = &item.product;
        let id = p.id.to_string();
        let months = i64::from(p.months.max(1));
        let chosen = typed
            .and_then(|t| t.items.iter().find(|(i, _)| *i == id))
            .and_then(|(_, n)| *n)
            .unwrap_or(1);
        Self {
            name: p.name.clone(),
            kind: kind_label(shell, p.kind),
            status: Badge::product(shell, &p.status),
            expires_on: day_of(shell, p.expires_on.as_deref()),
            price: item.price.map(|m| shell.money(m)),
            period: period_text(shell, months),
            periods: item
                .periods
                .iter()
                .map(|&n| PeriodChoice {
                    value: n,
                    label: period_text(shell, months * i64::from(n)),
                    selected: n == chosen,
                })
                .collect(),
            open_invoice: item.open_renewal.as_ref().map(|r| r.invoice_id.to_string()),
            unrenewable: item.not_renewable.as_deref().map(|code| {
                shell.t_or(
                    &format!("renewals-not-renewable-{}", code.replace('_', "-")),
                    code,
                )
            }),
            checked: typed.is_some_and(|t| t.items.iter().any(|(i, _)| *i == id)),
            errors: Vec::new(),
            id,
        }
    }
}

/// What a post asked: the products checked, in the form's order, each
/// with its number of periods when it has a select.
struct Typed {
    items: Vec<(String, Option<u32>)>,
    address: Option<String>,
    within: Within,
}

impl Typed {
    fn of(fields: &Fields) -> Self {
        Self {
            items: fields
                .all("product")
                .into_iter()
                .map(|id| {
                    let id = id.trim().to_string();
                    // A number the core judges (out of what the plan
                    // sells: `period_not_allowed`); anything else is 0,
                    // refused the same way, never silently one period.
                    let periods = Some(fields.get(&format!("periods-{id}")).trim())
                        .filter(|p| !p.is_empty())
                        .map(|p| {
                            p.parse::<u64>()
                                .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX))
                        });
                    (id, periods)
                })
                .collect(),
            address: Some(fields.get("billing_address_id").trim().to_string())
                .filter(|a| !a.is_empty()),
            within: within_of(fields.get("within")),
        }
    }

    fn input(&self) -> RenewInput {
        RenewInput {
            items: self
                .items
                .iter()
                .map(|(id, periods)| RenewItem {
                    product_id: id.clone(),
                    periods: *periods,
                })
                .collect(),
            billing_address_id: self.address.clone(),
            payment: None,
        }
    }

    /// What the idempotency key binds: a second post with the same key
    /// must ask for the same renewal.
    fn asked(&self, org_id: &OrgId) -> String {
        let items: Vec<String> = self
            .items
            .iter()
            .map(|(id, n)| format!("{id}:{}", n.unwrap_or(1)))
            .collect();
        format!(
            "{org_id}\n{}\n{}",
            self.address.as_deref().unwrap_or_default(),
            items.join(",")
        )
    }
}

/// `2m` (the default, and whatever is not `all`) or `all`.
fn within_of(text: &str) -> Within {
    Within::parse(text.trim()).unwrap_or(Within::Soon)
}

#[derive(Template)]
#[template(path = "orgs/renewals.html")]
pub struct ToPayPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    rows: Vec<ToPayRow>,
    all: bool,
    addresses: Vec<AddressChoice>,
    /// The form's pay part, for members who may pay when something can
    /// be renewed.
    pay: Option<PayBox>,
    /// Refusals that concern no row (nothing checked, the address), by
    /// their field.
    problems: Vec<(String, String)>,
    alert: Option<String>,
}

impl ToPayPage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &OrgId,
        within: Within,
        typed: Option<(&Typed, PayForm)>,
    ) -> Result<Self, PageError> {
        let (org, view) = OrgFrame::load(state, s, &shell, org_id).await?;
        let list = manual::to_pay(&state.ctx, &s.actor, org_id, within).await?;
        let rows: Vec<ToPayRow> = list
            .items
            .iter()
            .map(|i| ToPayRow::of(&shell, i, typed.as_ref().map(|(t, _)| *t)))
            .collect();
        let (addresses, pay) = if org.allowed.pay && rows.iter().any(ToPayRow::selectable) {
            let addresses = orgs::list_addresses(&state.ctx, &s.actor, org_id).await?;
            let asked = typed.as_ref().and_then(|(t, _)| t.address.as_deref());
            let pay = pay_box(state, s, &shell, &view, &list.items, typed.map(|(_, f)| f)).await?;
            (choices(&addresses, asked), pay)
        } else {
            (Vec::new(), None)
        };
        Ok(Self {
            heading: shell.t("renewals-title"),
            rows,
            all: within == Within::All,
            addresses,
            pay,
            problems: Vec::new(),
            alert: None,
            org,
            shell,
        })
    }

    /// The refusal of the field `attribute`, if any.
    fn problem(&self, attribute: &str) -> Option<&str> {
        self.problems
            .iter()
            .find(|(a, _)| a == attribute)
            .map(|(_, m)| m.as_str())
    }

    /// Each refused row's words by its product's id, for the summary
    /// above the list (its links lead to the row's checkbox).
    fn refused_rows(&self) -> Vec<(&str, &str)> {
        self.rows
            .iter()
            .flat_map(|r| r.errors.iter().map(move |e| (r.id.as_str(), e.as_str())))
            .collect()
    }

    /// The list's filter, and the link to it.
    fn filter_href(&self, all: bool) -> String {
        if all {
            self.org.path("/renewals?within=all")
        } else {
            self.org.path("/renewals")
        }
    }
}

/// The addresses, the one asked for if it is theirs, else the default
/// (ORG-7), preselected.
fn choices(addresses: &[orgs::AddressView], asked: Option<&str>) -> Vec<AddressChoice> {
    let chosen = addresses
        .iter()
        .find(|a| Some(a.id.as_str()) == asked)
        .or_else(|| addresses.iter().find(|a| a.is_default))
        .or(addresses.first())
        .map(|a| a.id.to_string());
    addresses
        .iter()
        .map(|a| AddressChoice {
            id: a.id.to_string(),
            label: format!(
                "{}, {} {}, {} {}, {}",
                a.name, a.street, a.building_number, a.postcode, a.town, a.country
            ),
            selected: Some(a.id.to_string()) == chosen,
        })
        .collect()
}

/// The pay box's ways to pay, in the currency of the renewals' prices
/// (the organisation's). What is due is known once the products are
/// chosen: the invoice's pay step says it.
async fn pay_box(
    state: &AppState,
    s: &SignedIn,
    shell: &Shell,
    view: &OrgView,
    items: &[ToPayItem],
    typed: Option<PayForm>,
) -> Result<Option<PayBox>, PageError> {
    let Some(currency) = items
        .iter()
        .find_map(|i| i.price.map(|p| p.currency))
        .or(view.currency)
    else {
        return Ok(None);
    };
    let action = format!("/orgs/{}/renewals", view.id);
    let p = PayBox::build(
        state,
        s,
        shell,
        view,
        Money::new(0, currency),
        action,
        typed,
    )
    .await?;
    Ok(Some(p))
}

#[derive(Deserialize)]
pub struct ToPayQuery {
    within: Option<String>,
}

/// `GET /orgs/{id}/renewals[?within=all]`.
pub async fn to_pay_page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Query(q): Query<ToPayQuery>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let within = within_of(q.within.as_deref().unwrap_or_default());
    let page = ToPayPage::load(&state, &s, shell, &org_id, within, None).await?;
    Ok(render(StatusCode::OK, &page))
}

/// `POST /orgs/{id}/renewals`: REN-3, ORG-7 renew the products checked
/// on one invoice, then pay it as the invoice's own pay form would.
pub async fn renew(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let path = format!("/orgs/{org_id}/renewals");
    let shell = Shell::of(&state, &s.visitor).at(&path);
    OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let fields = form.read().await?;
    let pay_form = PayForm::typed(&fields);
    let typed = Typed::of(&fields);
    let idem = if pay_form.key().is_empty() {
        None
    } else {
        Some(Idempotency::new(
            &format!("user:{}", s.actor.user_id),
            &format!("{}.renewal", pay_form.key()),
            "console.renew",
            typed.asked(&org_id).as_bytes(),
        )?)
    };
    match manual::renew(&state.ctx, &s.actor, &org_id, &typed.input(), idem.as_ref()).await {
        Ok(placed) => {
            let invoice = placed.invoice;
            // Paid already (this form, sent again after it paid it all).
            if invoice.status == "paid" {
                return Ok(go(&format!("/orgs/{org_id}/invoices/{}", invoice.id)));
            }
            let shell = shell.at(&format!("/orgs/{org_id}/invoices/{}/pay", invoice.id));
            pay_and_go_on(&state, &s, shell, &org_id, &invoice, pay_form).await
        }
        Err(e) => {
            let r = notice::refusal(&shell, "renewals", REFUSED, e)?;
            let mut page = ToPayPage::load(
                &state,
                &s,
                shell,
                &org_id,
                typed.within,
                Some((&typed, pay_form)),
            )
            .await?;
            let mut others = Vec::new();
            for (attribute, message) in r.errors.list() {
                // `items[2].periods`: the third product posted, by its row.
                let row = attribute
                    .strip_prefix("items[")
                    .and_then(|rest| rest.split(']').next())
                    .and_then(|i| i.parse::<usize>().ok())
                    .and_then(|i| typed.items.get(i))
                    .and_then(|(id, _)| page.rows.iter_mut().find(|r| r.id == *id));
                match row {
                    Some(row) => row.errors.push(message.clone()),
                    None => others.push((attribute.clone(), message.clone())),
                }
            }
            page.problems = others;
            page.alert = r.alert;
            Ok(refused(&page, r.status, r.retry_after_secs))
        }
    }
}
