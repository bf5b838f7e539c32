//! The public catalogue page (CAT-1, issue 13): what the provider sells,
//! grouped by product kind, at its prices before VAT in one of the
//! catalogue's currencies. No sign-in needed; a signed-in visitor sees the
//! same page in their usual shell. The prices are the running catalogue's
//! (`ctx.catalog`), as `GET /api/1/catalog` gives them; the only other
//! thing read is a signed-in visitor's organisation, for the currency
//! shown first.

use std::collections::BTreeMap;

use askama::Template;
use axum::{
    extract::{RawQuery, State},
    http::StatusCode,
    response::Response,
};
use guichet_core::{
    catalog::{Catalogue, Plan, PriceSet, ProductKind, QuantityRule, QuantityUnit, StorageRule},
    money::{Currency, Money},
    orgs,
};

use super::{Shell, render, visitor::Visitor};
use crate::AppState;

/// `GET /catalog[?currency=EUR]`.
pub async fn catalogue(
    State(state): State<AppState>,
    visitor: Visitor,
    RawQuery(query): RawQuery,
) -> Response {
    let catalogue = state.ctx.catalog.current();
    let asked = query
        .as_deref()
        .and_then(asked_currency)
        .filter(|c| catalogue.currencies.contains(c));
    let currency = match asked {
        Some(c) => c,
        None => default_currency(&state, &visitor, &catalogue).await,
    };
    let shell = Shell::of(&state, &visitor);
    render(
        StatusCode::OK,
        &CataloguePage::new(shell, &catalogue, currency),
    )
}

/// The `currency` of the query, if it names one (any case). Anything else
/// — no such parameter, an unknown code, a query that does not parse — is
/// no choice, and the page shows its default rather than an error.
fn asked_currency(query: &str) -> Option<Currency> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "currency")
        .and_then(|(_, v)| Currency::parse(&v.trim().to_ascii_uppercase()))
}

/// The currency shown when none is asked for: a signed-in visitor's
/// organisation's, when they belong to exactly one (with several, which
/// one is "theirs" on a page outside `/orgs/{id}` is a guess) and their
/// role shows its settings; else the configured default; else the
/// catalogue's first. Only a currency the catalogue prices in.
async fn default_currency(state: &AppState, visitor: &Visitor, catalogue: &Catalogue) -> Currency {
    let org_currency = match (visitor.actor(), visitor.orgs.as_slice()) {
        (Some(actor), [only]) => match orgs::get_org(&state.ctx, &actor, &only.id).await {
            Ok(org) => org.currency,
            // A preference, not the page: the configured default will do.
            Err(e) => {
                tracing::warn!(error = %e, "reading the visitor's organisation for the catalogue");
                None
            }
        },
        _ => None,
    };
    let configured = Currency::parse(&state.ctx.config.default_currency);
    org_currency
        .into_iter()
        .chain(configured)
        .chain(catalogue.currencies.first().copied())
        .find(|c| catalogue.currencies.contains(c))
        .unwrap_or(Currency::Chf)
}

/// The order of the groups on the page (the issue's), whatever the order
/// of the catalogue's entries.
pub(crate) const GROUPS: [ProductKind; 8] = [
    ProductKind::Domain,
    ProductKind::WebHosting,
    ProductKind::Mail,
    ProductKind::Suite,
    ProductKind::Drive,
    ProductKind::Chat,
    ProductKind::Nas,
    ProductKind::PremiumSupport,
];

#[derive(Template)]
#[template(path = "catalog.html")]
struct CataloguePage {
    shell: Shell,
    /// The currency switch; empty when the catalogue has one currency.
    currencies: Vec<CurrencyLink>,
    groups: Vec<Group>,
}

struct CurrencyLink {
    code: &'static str,
    href: String,
    current: bool,
}

/// The plans of one kind. A kind the catalogue does not sell has none and
/// is left out, from the contents too.
struct Group {
    /// As the API names it (`web_hosting`).
    kind: &'static str,
    /// The fragment of its heading (`web-hosting`).
    anchor: String,
    title: String,
    domains: Vec<DomainRow>,
    plans: Vec<PlanCard>,
}

struct DomainRow {
    tld: String,
    register: String,
    renew: String,
    years: String,
}

struct PlanCard {
    id: String,
    name: String,
    description: String,
    prices: Vec<PeriodPrice>,
    /// "per mailbox, for 1 to 500 mailboxes".
    quantity: Option<String>,
    storage: Option<StorageFacts>,
    /// What a suite contains, named in the page's language.
    includes: Vec<String>,
    renewal_warranty: bool,
}

struct PeriodPrice {
    months: u32,
    text: String,
}

struct StorageFacts {
    /// "100 GB included, up to 10,000 GB in steps of 100 GB".
    rule: String,
    /// "CHF 2.00 per 100 GB / month", one per period.
    steps: Vec<PeriodPrice>,
}

impl CataloguePage {
    fn new(shell: Shell, catalogue: &Catalogue, currency: Currency) -> Self {
        let currencies = if catalogue.currencies.len() > 1 {
            catalogue
                .currencies
                .iter()
                .map(|&c| CurrencyLink {
                    code: c.code(),
                    href: format!("/catalog?currency={}", c.code()),
                    current: c == currency,
                })
                .collect()
        } else {
            Vec::new()
        };
        let groups = GROUPS
            .iter()
            .map(|&kind| Group::new(&shell, catalogue, kind, currency))
            .filter(|g| !g.domains.is_empty() || !g.plans.is_empty())
            .collect();
        Self {
            shell,
            currencies,
            groups,
        }
    }
}

impl Group {
    fn new(shell: &Shell, catalogue: &Catalogue, kind: ProductKind, currency: Currency) -> Self {
        let plans = catalogue.plans.iter().filter(|p| p.kind == kind);
        let (domains, plans) = if kind == ProductKind::Domain {
            (
                plans
                    .filter_map(|p| DomainRow::new(shell, p, currency))
                    .collect(),
                Vec::new(),
            )
        } else {
            (
                Vec::new(),
                plans.map(|p| PlanCard::new(shell, p, currency)).collect(),
            )
        };
        Self {
            kind: kind.as_str(),
            anchor: kind_key(kind),
            title: shell.t(&format!("catalog-group-{}", kind_key(kind))),
            domains,
            plans,
        }
    }
}

/// A kind as the message keys and the anchors write it (`web-hosting`).
pub(crate) fn kind_key(kind: ProductKind) -> String {
    kind.as_str().replace('_', "-")
}

impl DomainRow {
    /// A domain's row: its prices per year (a domain's periods are whole
    /// years, each priced at the yearly price × years, so the shortest
    /// period's price divided by its years is exact) and the years it may
    /// be registered for. None for a domain without a period.
    fn new(shell: &Shell, plan: &Plan, currency: Currency) -> Option<Self> {
        let first = plan.periods().next()?;
        let last = plan.periods().last()?;
        let (min, max) = (first / 12, last / 12);
        let register = per_year(&plan.prices, currency)?;
        let renew = per_year(
            plan.renewal_prices.as_ref().unwrap_or(&plan.prices),
            currency,
        )?;
        let years = if min == max {
            shell
                .i18n
                .t_args(shell.lang, "catalog-years", &[("years", min.into())])
        } else {
            shell.t_args(
                "catalog-years-range",
                &[("min", min.to_string()), ("max", max.to_string())],
            )
        };
        Some(Self {
            tld: plan.tld.clone().unwrap_or_else(|| plan.id.clone()),
            register: shell.money(register),
            renew: shell.money(renew),
            years,
        })
    }
}

/// The price of one year: the shortest period's, divided by its years.
fn per_year(prices: &BTreeMap<u32, PriceSet>, currency: Currency) -> Option<Money> {
    let (&months, set) = prices.iter().next()?;
    let years = i64::from(months / 12).max(1);
    let price = set.get(currency)?;
    Some(Money::new(price.amount_minor / years, currency))
}

impl PlanCard {
    fn new(shell: &Shell, plan: &Plan, currency: Currency) -> Self {
        Self {
            id: plan.id.clone(),
            name: plan.name.get(shell.lang).to_owned(),
            description: plan.description.get(shell.lang).to_owned(),
            prices: period_prices(shell, &plan.prices, currency, |m| shell.money(m)),
            quantity: plan.quantity.map(|q| quantity_text(shell, q)),
            storage: plan
                .storage
                .as_ref()
                .map(|s| StorageFacts::new(shell, s, currency)),
            includes: plan
                .includes
                .iter()
                .map(|&k| shell.t(&format!("catalog-group-{}", kind_key(k))))
                .collect(),
            renewal_warranty: plan.renewal_warranty,
        }
    }
}

impl StorageFacts {
    fn new(shell: &Shell, s: &StorageRule, currency: Currency) -> Self {
        let gb = |n: u32| shell.integer(i64::from(n));
        let rule = shell.t_args(
            "catalog-storage",
            &[
                ("min", gb(s.min_gb)),
                ("max", gb(s.max_gb)),
                ("step", gb(s.step_gb)),
            ],
        );
        let steps = period_prices(shell, &s.prices, currency, |m| {
            shell.t_args(
                "catalog-storage-step",
                &[("price", shell.money(m)), ("step", gb(s.step_gb))],
            )
        });
        Self { rule, steps }
    }
}

/// Each period's price in `currency`, shortest first, as `price` writes
/// it, followed by the period: "CHF 6.00 / month", "CHF 114.00 / 2 years".
fn period_prices(
    shell: &Shell,
    prices: &BTreeMap<u32, PriceSet>,
    currency: Currency,
    price: impl Fn(Money) -> String,
) -> Vec<PeriodPrice> {
    prices
        .iter()
        .filter_map(|(&months, set)| {
            Some(PeriodPrice {
                months,
                text: per_period(shell, price(set.get(currency)?), months),
            })
        })
        .collect()
}

/// "{price} / month", "/ 3 months", "/ year", "/ 2 years": months that
/// make whole years are said in years.
pub(crate) fn per_period(shell: &Shell, price: String, months: u32) -> String {
    let (key, name, count) = if months.is_multiple_of(12) {
        ("catalog-price-years", "years", months / 12)
    } else {
        ("catalog-price-months", "months", months)
    };
    shell.i18n.t_args(
        shell.lang,
        key,
        &[("price", price.into()), (name, count.into())],
    )
}

/// "per mailbox, for 1 to 500 mailboxes": the bounds grouped like every
/// number on the page, the plural chosen by the upper one.
pub(crate) fn quantity_text(shell: &Shell, q: QuantityRule) -> String {
    let key = match q.unit {
        QuantityUnit::Mailbox => "catalog-per-mailbox",
        QuantityUnit::User => "catalog-per-user",
        QuantityUnit::Device => "catalog-per-device",
    };
    shell.i18n.t_args(
        shell.lang,
        key,
        &[
            ("min", shell.integer(i64::from(q.min)).into()),
            ("max", shell.integer(i64::from(q.max)).into()),
            ("count", q.max.into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_currency_is_asked_by_its_code_in_any_case_and_nothing_else_is() {
        assert_eq!(asked_currency("currency=EUR"), Some(Currency::Eur));
        assert_eq!(asked_currency("x=1&currency=chf"), Some(Currency::Chf));
        for query in [
            "",
            "currency=XXX",
            "currency=",
            "cur=EUR",
            "currency=%ZZ",
            "&&==",
        ] {
            assert_eq!(asked_currency(query), None, "{query:?}");
        }
    }
}
