//! The products an organisation holds (`/orgs/{id}/products`), as the
//! viewer may see them (ORG-2: owners all, a restricted member those of
//! their product and product-kind rights; another is 404): the list,
//! filtered by kind and status, paged, soonest expiry first; and one
//! product's page, one section per concern (its facts, renewal, the
//! suite it belongs to or what it contains, CAT-5's VIP code) so that the
//! forms that change a product find their place beside what they change.

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use guichet_core::{
    access::Action,
    catalog::{
        ProductKind, overview,
        products::{self, ProductQuery, ProductView},
    },
    ids::{OrgId, ProductId},
    orgs,
};
use serde::Deserialize;

use super::{
    super::{
        super::{
            Shell,
            errors::PageError,
            form::{FormErrors, Refusal},
            notice::{Alert, Ids, Saved, answer_refused, form_page},
            render,
            visitor::SignedIn,
        },
        frame::OrgFrame,
        invoices::{Day, PER_PAGE, window_of},
    },
    Badge, day_of, kind_label,
    manage::{ManageView, ProductNotice},
    period_text,
};
use crate::AppState;

/// The statuses a customer filters by (`deleted` is never shown).
const STATUSES: [&str; 5] = ["active", "pending", "suspended", "expired", "cancelled"];

/// A product as the lists show it.
pub struct ListedProduct {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub status: Badge,
    pub expires_on: Option<Day>,
    pub auto_renew: bool,
    /// Inside a suite (it renews with it).
    pub in_suite: bool,
}

impl ListedProduct {
    pub fn of(shell: &Shell, p: &ProductView) -> Self {
        Self {
            id: p.id.to_string(),
            name: p.name.clone(),
            kind: kind_label(shell, p.kind),
            status: Badge::product(shell, &p.status),
            expires_on: day_of(shell, p.expires_on.as_deref()),
            auto_renew: p.auto_renew,
            in_suite: p.parent_id.is_some(),
        }
    }
}

/// A choice of a filter.
pub struct FilterChoice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "orgs/products.html")]
pub struct ProductsPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    products: Vec<ListedProduct>,
    kinds: Vec<FilterChoice>,
    statuses: Vec<FilterChoice>,
    kind: Option<&'static str>,
    status: Option<&'static str>,
    filtered: bool,
    page: u64,
    pages: u64,
    saved: Option<String>,
    errors: FormErrors,
    alert: Option<Alert>,
}

form_page!(ProductsPage, ProductPage);

impl ProductsPage {
    fn page_of(&self) -> String {
        self.shell.t_args(
            "log-page-of",
            &[
                ("page", self.page.to_string()),
                ("pages", self.pages.to_string()),
            ],
        )
    }

    /// Page `page` of the list, the filters kept.
    fn page_href(&self, page: u64) -> String {
        let mut href = format!("{}?page={page}", self.org.path("/products"));
        if let Some(k) = self.kind {
            href.push_str(&format!("&kind={k}"));
        }
        if let Some(s) = self.status {
            href.push_str(&format!("&status={s}"));
        }
        href
    }
}

#[derive(Deserialize)]
pub struct ProductsQuery {
    kind: Option<String>,
    status: Option<String>,
    page: Option<String>,
}

/// `GET /orgs/{id}/products[?kind=…&status=…&page=…]`: an unknown
/// filter value shows everything, as an unknown page the first.
pub async fn products_list(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Query(q): Query<ProductsQuery>,
    Saved(notice): Saved<ProductNotice>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = ProductsPage::load(&state, &s, shell, &org_id, &q).await?;
    page.saved = Saved::text(notice, &page.shell);
    Ok(render(StatusCode::OK, &page))
}

/// The list again (unfiltered, first page) with a bulk change's refusal.
pub async fn products_refused(
    state: &AppState,
    s: &SignedIn,
    shell: Shell,
    org_id: &OrgId,
    r: Refusal,
) -> Result<Response, PageError> {
    let q = ProductsQuery {
        kind: None,
        status: None,
        page: None,
    };
    let page = ProductsPage::load(state, s, shell, org_id, &q).await?;
    Ok(answer_refused(page, r, "bulk"))
}

impl ProductsPage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &OrgId,
        q: &ProductsQuery,
    ) -> Result<ProductsPage, PageError> {
        let (org, _) = OrgFrame::load(state, s, &shell, org_id).await?;
        let kind = q
            .kind
            .as_deref()
            .and_then(ProductKind::parse)
            .map(ProductKind::as_str);
        let status = q
            .status
            .as_deref()
            .and_then(|s| STATUSES.iter().copied().find(|known| *known == s));
        let (page, window) = window_of(q.page.as_deref());
        let query = ProductQuery {
            kind: kind.map(str::to_string),
            status: status.map(str::to_string),
        };
        let list = products::list_products(&state.ctx, &s.actor, org_id, &query, window).await?;
        let any = |label: String, selected: bool| FilterChoice {
            value: "",
            label,
            selected,
        };
        let mut kinds = vec![any(shell.t("shop-filter-any-kind"), kind.is_none())];
        kinds.extend(ProductKind::ALL.iter().map(|k| FilterChoice {
            value: k.as_str(),
            label: kind_label(&shell, *k),
            selected: Some(k.as_str()) == kind,
        }));
        let mut statuses = vec![any(shell.t("shop-filter-any-status"), status.is_none())];
        statuses.extend(STATUSES.iter().map(|code| FilterChoice {
            value: code,
            label: shell.t(&format!("shop-product-status-{code}")),
            selected: Some(*code) == status,
        }));
        let page = ProductsPage {
            heading: shell.t("shop-products-title"),
            products: list
                .items
                .iter()
                .map(|p| ListedProduct::of(&shell, p))
                .collect(),
            kinds,
            statuses,
            kind,
            status,
            filtered: kind.is_some() || status.is_some(),
            page,
            pages: list.total.div_ceil(PER_PAGE).max(1),
            saved: None,
            errors: FormErrors::default(),
            alert: None,
            org,
            shell,
        };
        Ok(page)
    }
}

#[derive(Template)]
#[template(path = "orgs/product.html")]
pub struct ProductPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    product: ListedProduct,
    plan: String,
    starts_on: Option<Day>,
    period: String,
    quantity: Option<String>,
    storage: Option<String>,
    domain_ascii: Option<String>,
    renewal_warranty: bool,
    /// The billing address renewals go to, when the viewer sees billing.
    billing_address: Option<String>,
    order_id: Option<String>,
    /// The suite it is inside (SUI-3), as a link when the viewer sees it.
    parent: Option<ListedProduct>,
    in_suite: bool,
    /// A suite's contents the viewer sees.
    contents: Vec<ListedProduct>,
    is_suite: bool,
    /// Premium support's code (CAT-5).
    vip_code: Option<String>,
    /// The forms the viewer may use on it.
    manage: ManageView,
    /// A new key per page shown: a suite upgrade's form posted twice
    /// orders once.
    upgrade_key: String,
    saved: Option<String>,
    errors: FormErrors,
    alert: Option<Alert>,
}

/// `GET /orgs/{id}/products/{product}`.
pub async fn product_page(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, product_id)): Ids<(OrgId, ProductId)>,
    Saved(notice): Saved<ProductNotice>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = ProductPage::load(&state, &s, shell, &org_id, &product_id).await?;
    page.saved = Saved::text(notice, &page.shell);
    Ok(render(StatusCode::OK, &page))
}

/// The product's page again with a refusal by the form of `section`.
pub async fn product_refused(
    state: &AppState,
    s: &SignedIn,
    shell: Shell,
    org_id: &OrgId,
    product_id: &ProductId,
    r: Refusal,
    section: &'static str,
) -> Result<Response, PageError> {
    let page = ProductPage::load(state, s, shell, org_id, product_id).await?;
    Ok(answer_refused(page, r, section))
}

impl ProductPage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        org_id: &OrgId,
        product_id: &ProductId,
    ) -> Result<ProductPage, PageError> {
        let ctx = &state.ctx;
        let (org, view) = OrgFrame::load(state, s, &shell, org_id).await?;
        let p = products::get_product(ctx, &s.actor, org_id, product_id).await?;
        let manage = ManageView::load(state, s, &shell, org_id, &p, &view.actions).await?;
        let catalogue = ctx.catalog.current();
        let plan = catalogue.plan(&p.plan_id);
        // The suite is shown as a link only if the viewer may open it.
        let parent = match p.parent_id.as_deref().and_then(ProductId::parse) {
            Some(id) => match products::get_product(ctx, &s.actor, org_id, &id).await {
                Ok(suite) => Some(ListedProduct::of(&shell, &suite)),
                Err(guichet_core::Error::NotFound) => None,
                Err(e) => return Err(PageError(e)),
            },
            None => None,
        };
        let contents = if p.kind == ProductKind::Suite {
            overview::suite_contents(ctx, &s.actor, org_id, &p.id).await?
        } else {
            Vec::new()
        };
        let billing_address = if view.actions.contains(&Action::ViewBilling) {
            let all = orgs::list_addresses(ctx, &s.actor, org_id).await?;
            let named = p
                .billing_address_id
                .as_deref()
                .and_then(|id| all.iter().find(|a| a.id.as_str() == id))
                .or_else(|| all.iter().find(|a| a.is_default));
            named.map(|a| format!("{}, {} {}", a.name, a.postcode, a.town))
        } else {
            None
        };
        let unit = plan.and_then(|pl| pl.quantity).map(|q| q.unit.as_str());
        let page = ProductPage {
            heading: p.name.clone(),
            plan: plan.map_or_else(
                || p.plan_id.clone(),
                |pl| pl.name.get(shell.lang).to_owned(),
            ),
            starts_on: day_of(&shell, p.starts_on.as_deref()),
            period: period_text(&shell, i64::from(p.months)),
            quantity: unit.map(|u| {
                shell.t_count(
                    &format!("shop-units-{u}"),
                    "count",
                    u64::try_from(p.quantity).unwrap_or(0),
                )
            }),
            storage: p
                .storage_gb
                .map(|gb| shell.t1("shop-storage-gb", "gb", shell.integer(i64::from(gb)))),
            domain_ascii: p.domain_ascii.clone().filter(|a| *a != p.name),
            renewal_warranty: p.renewal_warranty,
            billing_address,
            order_id: p
                .order_id
                .clone()
                .filter(|_| view.actions.contains(&Action::ViewBilling)),
            parent,
            in_suite: p.parent_id.is_some(),
            contents: contents
                .iter()
                .map(|c| ListedProduct::of(&shell, c))
                .collect(),
            is_suite: p.kind == ProductKind::Suite,
            vip_code: p.vip_code.clone(),
            product: ListedProduct::of(&shell, &p),
            manage,
            upgrade_key: guichet_core::accounts::new_secret(),
            saved: None,
            errors: FormErrors::default(),
            alert: None,
            org,
            shell,
        };
        Ok(page)
    }
}

/// How many days ahead the overview looks for what expires.
pub const EXPIRING_DAYS: u32 = 30;

/// A product kind and how many the organisation holds.
pub struct KindCount {
    pub kind: &'static str,
    pub label: String,
    pub count: String,
}

/// The overview's summary of the products (issue 13): how many of each
/// kind, and what expires in the next [`EXPIRING_DAYS`] days, as the
/// viewer may see them.
pub struct Glance {
    pub counts: Vec<KindCount>,
    pub expiring: Vec<ListedProduct>,
    /// "3 products expire in the next 30 days", when any do.
    pub expiring_text: Option<String>,
    /// More expire than are listed.
    pub more: bool,
}

impl Glance {
    pub async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: &Shell,
        org_id: &OrgId,
    ) -> Result<Self, PageError> {
        let o = overview::overview(&state.ctx, &s.actor, org_id, EXPIRING_DAYS).await?;
        let total = u64::try_from(o.expiring_total).unwrap_or(0);
        Ok(Self {
            counts: o
                .counts
                .iter()
                .map(|(k, n)| KindCount {
                    kind: k.as_str(),
                    label: kind_label(shell, *k),
                    count: shell.integer(*n),
                })
                .collect(),
            expiring_text: (total > 0).then(|| {
                shell.i18n.t_args(
                    shell.lang,
                    "shop-expiring-count",
                    &[("count", total.into()), ("days", EXPIRING_DAYS.into())],
                )
            }),
            more: total > o.expiring.len() as u64,
            expiring: o
                .expiring
                .iter()
                .map(|p| ListedProduct::of(shell, p))
                .collect(),
        })
    }
}
