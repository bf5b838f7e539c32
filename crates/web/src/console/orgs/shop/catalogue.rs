//! The shop (`/orgs/{id}/shop`): the running catalogue in the
//! organisation's currency, grouped by kind, each plan with its choices
//! (period, units, a suite's storage, a domain's name) and "Add to cart"
//! for members who may order. Prices are before VAT; the cart shows the
//! VAT as the invoice will.

use askama::Template;
use axum::{extract::State, http::StatusCode, response::Response};
use guichet_core::{
    catalog::{Catalogue, Plan, ProductKind, cart, orders::ItemInput, quote},
    money::Currency,
};

use super::{
    super::{
        super::{
            Shell,
            catalog::{GROUPS, kind_key, quantity_text},
            errors::PageError,
            form::{Fields, FormErrors},
            notice::{self, Ids, PostedForm, Saved, saved},
            refused, render,
            visitor::SignedIn,
        },
        frame::OrgFrame,
    },
    REFUSED, ShopNotice, period_text,
};
use crate::AppState;
use guichet_core::ids::OrgId;

#[derive(Template)]
#[template(path = "orgs/shop.html")]
pub struct ShopPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    /// The organisation's currency, when the catalogue prices in it.
    currency: Option<&'static str>,
    /// Whether the viewer may order (the order controls show).
    may_order: bool,
    groups: Vec<ShopGroup>,
    saved: Option<String>,
}

/// The plans of one kind.
struct ShopGroup {
    kind: &'static str,
    anchor: String,
    title: String,
    plans: Vec<ShopPlan>,
}

/// A plan and its order form.
struct ShopPlan {
    id: String,
    name: String,
    description: String,
    is_domain: bool,
    tld: String,
    /// "1 year · CHF 12.00", one per period.
    periods: Vec<Choice>,
    quantity: Option<QuantityField>,
    storage: Option<StorageField>,
    /// The domain name typed, after a refusal.
    domain: String,
    renewal_warranty: bool,
    /// A refused "Add to cart" of this plan: why, and by field.
    alert: Option<String>,
    errors: FormErrors,
}

struct Choice {
    value: String,
    text: String,
    selected: bool,
}

struct QuantityField {
    min: u32,
    max: u32,
    value: String,
    /// "per mailbox, for 1 to 500 mailboxes".
    hint: String,
}

struct StorageField {
    min: u32,
    max: u32,
    step: u32,
    value: String,
    /// "100 GB included, up to 10,000 GB in steps of 100 GB".
    hint: String,
}

/// What an "Add to cart" post typed.
struct Typed {
    plan_id: String,
    months: String,
    quantity: String,
    storage_gb: String,
    domain: String,
}

impl Typed {
    fn of(fields: &Fields) -> Self {
        Self {
            plan_id: fields.get("plan_id").trim().to_string(),
            months: fields.get("months").trim().to_string(),
            quantity: fields.get("quantity").trim().to_string(),
            storage_gb: fields.get("storage_gb").trim().to_string(),
            domain: fields.get("domain").trim().to_string(),
        }
    }
}

impl ShopPlan {
    fn new(shell: &Shell, plan: &Plan, currency: Currency, typed: Option<&Typed>) -> Self {
        let months_typed = typed.map(|t| t.months.as_str());
        let first = plan.periods().next();
        let periods = plan
            .prices
            .iter()
            .filter_map(|(&months, set)| {
                let price = set.get(currency)?;
                Some(Choice {
                    value: months.to_string(),
                    text: shell.t_args(
                        "shop-period-price",
                        &[
                            ("period", period_text(shell, i64::from(months))),
                            ("price", shell.money(price)),
                        ],
                    ),
                    selected: match months_typed {
                        Some(m) => m == months.to_string(),
                        // A year, when sold by the year, else the shortest.
                        None => {
                            if plan.allows_period(12) {
                                months == 12
                            } else {
                                Some(months) == first
                            }
                        }
                    },
                })
            })
            .collect();
        let quantity = plan.quantity.map(|q| QuantityField {
            min: q.min,
            max: q.max,
            value: typed.map_or_else(|| q.min.to_string(), |t| t.quantity.clone()),
            hint: quantity_text(shell, q),
        });
        let storage = plan.storage.as_ref().map(|s| StorageField {
            min: s.min_gb,
            max: s.max_gb,
            step: s.step_gb,
            value: typed.map_or_else(|| s.min_gb.to_string(), |t| t.storage_gb.clone()),
            hint: shell.t_args(
                "catalog-storage",
                &[
                    ("min", shell.integer(i64::from(s.min_gb))),
                    ("max", shell.integer(i64::from(s.max_gb))),
                    ("step", shell.integer(i64::from(s.step_gb))),
                ],
            ),
        });
        Self {
            id: plan.id.clone(),
            name: plan.name.get(shell.lang).to_owned(),
            description: plan.description.get(shell.lang).to_owned(),
            is_domain: plan.kind == ProductKind::Domain,
            tld: plan.tld.clone().unwrap_or_default(),
            periods,
            quantity,
            storage,
            domain: typed.map(|t| t.domain.clone()).unwrap_or_default(),
            renewal_warranty: plan.renewal_warranty,
            alert: None,
            errors: FormErrors::default(),
        }
    }

    /// The id of a field of this plan's form (ids are unique on the page).
    fn field_id(&self, field: &str) -> String {
        format!("{}-{field}", self.id)
    }

    /// `aria-invalid` and `aria-describedby` of a field of this plan's form.
    fn aria(&self, field: &str, has_hint: bool) -> String {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{}-hint", self.field_id(field)));
        }
        let invalid = self.errors.get(field).is_some();
        if invalid {
            ids.push(format!("{}-error", self.field_id(field)));
        }
        let mut out = String::new();
        if invalid {
            out.push_str(r#" aria-invalid="true""#);
        }
        if !ids.is_empty() {
            out.push_str(&format!(r#" aria-describedby="{}""#, ids.join(" ")));
        }
        out
    }
}

impl ShopPage {
    fn new(
        shell: Shell,
        org: OrgFrame,
        currency: Currency,
        catalogue: &Catalogue,
        typed: Option<&Typed>,
    ) -> Self {
        let currency = Some(currency).filter(|c| catalogue.currencies.contains(c));
        let groups = match currency {
            None => Vec::new(),
            Some(currency) => GROUPS
                .iter()
                .map(|&kind| ShopGroup {
                    kind: kind.as_str(),
                    anchor: kind_key(kind),
                    title: shell.t(&format!("catalog-group-{}", kind_key(kind))),
                    plans: catalogue
                        .plans
                        .iter()
                        .filter(|p| p.kind == kind)
                        .map(|p| {
                            let mine = typed.filter(|t| t.plan_id == p.id);
                            ShopPlan::new(&shell, p, currency, mine)
                        })
                        .collect(),
                })
                .filter(|g| !g.plans.is_empty())
                .collect(),
        };
        Self {
            heading: shell.t("shop-title"),
            currency: currency.map(Currency::code),
            may_order: org.allowed.pay,
            groups,
            saved: None,
            org,
            shell,
        }
    }
}

/// `GET /orgs/{id}/shop`.
pub async fn shop(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Saved(notice): Saved<ShopNotice>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let (org, _) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let currency = quote::org_currency(&state.ctx, &s.actor, &org_id).await?;
    let catalogue = state.ctx.catalog.current();
    let mut page = ShopPage::new(shell, org, currency, &catalogue, None);
    page.saved = Saved::text(notice, &page.shell);
    Ok(render(StatusCode::OK, &page))
}

/// `POST /orgs/{id}/shop/add`: one plan, as chosen, into the cart; a
/// refusal shows the shop again with the plan's form as typed and why.
pub async fn add_to_cart(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let path = format!("/orgs/{org_id}/shop");
    let shell = Shell::of(&state, &s.visitor).at(&path);
    let (org, _) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let typed = Typed::of(&form.read().await?);
    let catalogue = state.ctx.catalog.current();
    let item = ItemInput {
        plan_id: typed.plan_id.clone(),
        // Not a number: a period no plan has, refused by the core in its
        // words.
        months: typed.months.parse().unwrap_or(0),
        quantity: number(&typed.quantity),
        storage_gb: number(&typed.storage_gb),
        domain: (!typed.domain.is_empty()).then(|| typed.domain.clone()),
    };
    // Only the fields the plan has: a quantity left in a plan's form that
    // takes none is no mistake of the customer's.
    let item = match catalogue.plan(&item.plan_id) {
        Some(plan) => ItemInput {
            quantity: item.quantity.filter(|_| plan.quantity.is_some()),
            storage_gb: item.storage_gb.filter(|_| plan.storage.is_some()),
            domain: item.domain.filter(|_| plan.kind == ProductKind::Domain),
            ..item
        },
        None => item,
    };
    match cart::add(&state.ctx, &s.actor, &org_id, &item).await {
        Ok(_) => Ok(saved(&path, ShopNotice::Added)),
        Err(e) => {
            let r = notice::refusal(&shell, "shop", REFUSED, e)?;
            let currency = quote::org_currency(&state.ctx, &s.actor, &org_id).await?;
            let mut page = ShopPage::new(shell, org, currency, &catalogue, Some(&typed));
            if let Some(plan) = page
                .groups
                .iter_mut()
                .flat_map(|g| g.plans.iter_mut())
                .find(|p| p.id == typed.plan_id)
            {
                plan.alert = r.alert;
                plan.errors = r.errors;
            }
            Ok(refused(&page, r.status, r.retry_after_secs))
        }
    }
}

/// A whole number typed in a field; empty or unreadable is none (the
/// core then says what is required), too big is the largest (refused as
/// out of range).
fn number(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    match text.parse::<u64>() {
        Ok(n) => Some(u32::try_from(n).unwrap_or(u32::MAX)),
        Err(_) => Some(u32::MAX),
    }
}
