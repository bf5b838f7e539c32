//! Renewals in the console and the back office (issue 14), in process on
//! both engines, against the scripted gateway: the "to pay" list shows
//! what expires within two months and all on request; products checked
//! are renewed on one invoice to the address chosen, paid once however
//! often the form is sent, and move by exactly their periods; a refusal
//! is said beside its row and invoices nothing; who may only look sees
//! no form and cannot post one; another organisation's list does not
//! exist; the overview's calendar marks the expiry day; staff read a
//! product's renewals and notices, and a role that does not see billing
//! details is refused.

use std::sync::Arc;

use axum::http::{StatusCode, header};
use guichet_core::{
    billing::{self, Issuer},
    catalog::{
        ProductKind,
        orders::{self, ItemInput, OrderInput},
        products::{self, ProductView},
    },
    ids::{OrgId, PaymentId},
    orgs::{self, Role, Window, address::AddressInput},
    payments::PayInput,
    renewals::{
        self,
        manual::{RenewInput, RenewItem, Within},
    },
    staff::StaffRole,
    testing::{ScriptedGateway, TestApp},
};
use jiff::{ToSpan, civil::Date};

use crate::{
    console_billing::{assert_status, hidden, staff_visit},
    console_payments::{GATEWAY_PAGE, customer, run, with_gateway},
    console_support::signed_in,
    orgs_support::{Caller, PASSWORD, add_member, caller, notify},
    support::Answer,
};

/// What the tests renew: a .ch domain and a hosting bought a year ago,
/// expiring within two months, and a domain bought for two years.
struct Held {
    owner: Caller,
    org: OrgId,
    domain: ProductView,
    hosting: ProductView,
    later: ProductView,
}

fn item(plan: &str, months: u32, domain: Option<&str>) -> ItemInput {
    ItemInput {
        plan_id: plan.into(),
        months,
        quantity: None,
        storage_gb: None,
        domain: domain.map(str::to_owned),
    }
}

/// Ada's organisation orders and pays (by card, not kept: no automatic
/// renewal) the three products, then the clock moves 320 days on, into
/// the last two months of the first two.
async fn held(app: &TestApp, gateway: &ScriptedGateway) -> Held {
    let (owner, org) = customer(app, "ada@example.test").await;
    let placed = orders::place(
        &app.ctx,
        &owner.actor,
        &org,
        &OrderInput {
            items: vec![
                item("domain-ch", 12, Some("example.ch")),
                item("hosting-start", 12, None),
                item("domain-ch", 24, Some("later.ch")),
            ],
            billing_address_id: None,
            payment: Some(PayInput {
                method: "card".into(),
                ..PayInput::default()
            }),
        },
        None,
    )
    .await
    .unwrap();
    let res = notify(
        &app.ctx,
        &gateway.capture(&placed.payment.unwrap().id, true),
    )
    .await;
    assert!(res.status.is_success(), "{}", res.text());
    app.advance_days(320);
    let all = renewals::manual::to_pay(&app.ctx, &owner.actor, &org, Within::All)
        .await
        .unwrap();
    let find = |pred: &dyn Fn(&ProductView) -> bool| {
        all.items
            .iter()
            .map(|i| i.product.clone())
            .find(|p| pred(p))
            .unwrap()
    };
    Held {
        domain: find(&|p| p.name == "example.ch"),
        hosting: find(&|p| p.kind == ProductKind::WebHosting),
        later: find(&|p| p.name == "later.ch"),
        owner,
        org,
    }
}

fn count(html: &str, test_id: &str) -> usize {
    html.matches(&format!(r#"data-testid="{test_id}""#)).count()
}

/// The row of product `id` in the "to pay" list.
fn row<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!(r#"data-product="{id}""#))
        .unwrap_or_else(|| panic!("no row of {id}: {html}"));
    &html[start..start + html[start..].find("</tr>").unwrap()]
}

fn sent_to_gateway(res: &Answer) -> PaymentId {
    assert_status(res, StatusCode::SEE_OTHER);
    let to = res.header(header::LOCATION);
    let id = to
        .strip_prefix(GATEWAY_PAGE)
        .unwrap_or_else(|| panic!("not the gateway's page: {to}"));
    PaymentId::parse(id).unwrap()
}

async fn invoice_count(app: &TestApp, org: &OrgId) -> u64 {
    let window = Window {
        offset: 0,
        limit: 100,
    };
    billing::invoices::staff_invoices(&app.ctx, Issuer::Operator, org, window)
        .await
        .unwrap()
        .total
}

async fn expiry(app: &TestApp, h: &Held, p: &ProductView) -> Date {
    products::get_product(&app.ctx, &h.owner.actor, &h.org, &p.id)
        .await
        .unwrap()
        .expires_on
        .unwrap()
        .parse()
        .unwrap()
}

fn day_of(p: &ProductView) -> Date {
    p.expires_on.as_deref().unwrap().parse().unwrap()
}

with_gateway!(the_list_shows_what_expires_within_two_months_and_all_on_request);
async fn the_list_shows_what_expires_within_two_months_and_all_on_request(
    app: Arc<TestApp>,
    gateway: Arc<ScriptedGateway>,
) {
    // proves: REN-3, ORG-2
    let h = held(&app, &gateway).await;
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    let html = v.get(&format!("/orgs/{}/renewals", h.org)).await.text();
    assert_eq!(count(&html, "renewal-row"), 2, "{html}");
    assert!(!html.contains(h.later.id.as_str()), "{html}");
    // The .ch domain renews up to ten years ahead, the hosting a year at a
    // time: a select for the one, its one period for the other.
    let domain = row(&html, h.domain.id.as_str());
    assert_eq!(domain.matches("<option ").count(), 10, "{domain}");
    assert!(domain.contains(">10 years</option>"), "{domain}");
    assert!(domain.contains(r#"<label for="periods-"#), "{domain}");
    assert!(domain.contains("CHF\u{a0}"), "{domain}");
    let hosting = row(&html, h.hosting.id.as_str());
    assert!(!hosting.contains("<select"), "{hosting}");
    assert!(hosting.contains("1 year"), "{hosting}");
    // Each checkbox has its words; the form pays as a checkout does.
    assert_eq!(count(&html, "renewal-pick"), 2, "{html}");
    assert!(html.contains("Renew example.ch</label>"), "{html}");
    assert!(html.contains(r#"data-testid="renew-form""#), "{html}");
    assert!(html.contains(r#"data-testid="pay-method-card""#), "{html}");
    assert!(html.contains(r#"data-testid="renew-address""#), "{html}");
    // All of them on request.
    let html = v
        .get(&format!("/orgs/{}/renewals?within=all", h.org))
        .await
        .text();
    assert_eq!(count(&html, "renewal-row"), 3, "{html}");
    assert!(html.contains(h.later.id.as_str()), "{html}");

    // The overview's calendar marks the day both expire, with their
    // names, and leads to the list.
    let html = v.get(&format!("/orgs/{}", h.org)).await.text();
    let day = day_of(&h.domain);
    assert_eq!(day, day_of(&h.hosting));
    assert!(
        html.contains(&format!(
            r#"data-testid="calendar-day" data-date="{day}" data-count="2""#
        )),
        "{html}"
    );
    assert_eq!(count(&html, "calendar-day"), 1, "{html}");
    assert_eq!(count(&html, "calendar-month"), 3, "{html}");
    // Their names on hover (and in the list below).
    let link = &html[..html.find(r#"data-testid="calendar-day-link""#).unwrap()];
    let title = &link[link.rfind("title=\"").unwrap()..];
    assert!(title.contains("example.ch"), "{title}");
    assert!(title.contains(&h.hosting.name), "{title}");
    assert_eq!(count(&html, "calendar-product"), 2, "{html}");
    assert!(
        html.contains(&format!("/orgs/{}/renewals?within=all", h.org)),
        "{html}"
    );

    // A member who sees billing but may not pay, restricted to domains:
    // the domains only, no form, and a post is refused.
    let sam = caller(&app, "sam@example.test").await;
    add_member(
        &app,
        h.org.as_str(),
        sam.id.as_str(),
        Role::User,
        &["billing:view", "kind:domain"],
    )
    .await;
    let mut s = signed_in(&app, "sam@example.test", PASSWORD).await;
    let html = s
        .get(&format!("/orgs/{}/renewals?within=all", h.org))
        .await
        .text();
    assert_eq!(count(&html, "renewal-row"), 2, "{html}");
    assert!(!html.contains(h.hosting.id.as_str()), "{html}");
    assert_eq!(count(&html, "renewal-pick"), 0, "{html}");
    assert!(!html.contains(r#"data-testid="renew-form""#), "{html}");
    assert!(
        html.contains(r#"data-testid="renewals-read-only""#),
        "{html}"
    );
    let res = s
        .post(
            &format!("/orgs/{}/renewals", h.org),
            &[("product", h.domain.id.as_str()), ("method", "card")],
        )
        .await;
    assert_status(&res, StatusCode::FORBIDDEN);
    // Their calendar shows only what they see.
    let html = s.get(&format!("/orgs/{}", h.org)).await.text();
    assert!(
        html.contains(&format!(
            r#"data-testid="calendar-day" data-date="{day}" data-count="1""#
        )),
        "{html}"
    );
    assert_eq!(invoice_count(&app, &h.org).await, 1);

    // Another organisation's list does not exist.
    let (_, other) = customer(&app, "bob@example.test").await;
    assert_status(
        &v.get(&format!("/orgs/{other}/renewals")).await,
        StatusCode::NOT_FOUND,
    );
    assert_status(
        &v.post(
            &format!("/orgs/{other}/renewals"),
            &[("product", h.domain.id.as_str())],
        )
        .await,
        StatusCode::NOT_FOUND,
    );
}

with_gateway!(products_checked_are_renewed_on_one_invoice_paid_once);
async fn products_checked_are_renewed_on_one_invoice_paid_once(
    app: Arc<TestApp>,
    gateway: Arc<ScriptedGateway>,
) {
    // proves: REN-3, ORG-7, BIL-3
    let h = held(&app, &gateway).await;
    // A second address, picked for the renewal's invoice.
    let office = orgs::save_address(
        &app.ctx,
        &h.owner.actor,
        &h.org,
        None,
        &AddressInput {
            name: "Ada Lovelace SA".into(),
            street: "Quai du Mont-Blanc".into(),
            building_number: "3".into(),
            postcode: "1201".into(),
            town: "Genève".into(),
            country: "CH".into(),
        },
        false,
    )
    .await
    .unwrap();
    let before = invoice_count(&app, &h.org).await;
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    let html = v.get(&format!("/orgs/{}/renewals", h.org)).await.text();
    // The default address is preselected.
    assert!(!html.contains(&format!(r#"value="{}" selected"#, office.id)));
    let key = hidden(&html, "key");
    let domain = h.domain.id.to_string();
    let hosting = h.hosting.id.to_string();
    let periods = format!("periods-{domain}");
    let fields = [
        ("key", key.as_str()),
        ("within", "2m"),
        ("product", domain.as_str()),
        (periods.as_str(), "3"),
        ("product", hosting.as_str()),
        ("billing_address_id", office.id.as_str()),
        ("method", "card"),
    ];
    let path = format!("/orgs/{}/renewals", h.org);
    let first = sent_to_gateway(&v.post(&path, &fields).await);
    // Sent again (a double click, a reload): the same invoice, the same
    // payment.
    let second = sent_to_gateway(&v.post(&path, &fields).await);
    assert_eq!(first, second);
    assert_eq!(invoice_count(&app, &h.org).await, before + 1);

    // Both rows now link to the invoice to pay instead of a checkbox.
    let html = v.get(&path).await.text();
    assert_eq!(count(&html, "renewal-open-invoice"), 2, "{html}");
    assert_eq!(count(&html, "renewal-pick"), 0, "{html}");

    let res = notify(&app.ctx, &gateway.capture(&first, true)).await;
    assert!(res.status.is_success(), "{}", res.text());
    // Paid: each expiry moved by exactly its periods.
    assert_eq!(
        expiry(&app, &h, &h.domain).await,
        day_of(&h.domain).checked_add(3.years()).unwrap()
    );
    assert_eq!(
        expiry(&app, &h, &h.hosting).await,
        day_of(&h.hosting).checked_add(1.year()).unwrap()
    );
    assert_eq!(
        expiry(&app, &h, &h.later).await,
        day_of(&h.later),
        "not checked, not renewed"
    );
    // One invoice, to the address picked, paid.
    let invoices = billing::invoices::staff_invoices(
        &app.ctx,
        Issuer::Operator,
        &h.org,
        Window {
            offset: 0,
            limit: 100,
        },
    )
    .await
    .unwrap();
    let renewal = invoices
        .items
        .iter()
        .find(|i| i.billing_address_id.as_deref() == Some(office.id.as_str()))
        .unwrap();
    assert_eq!(renewal.status, "paid");
    assert_eq!(renewal.lines.len(), 2);
    // Nothing left to renew within two months; a third post is the paid
    // invoice's page, not a second renewal.
    let html = v.get(&path).await.text();
    assert!(html.contains(r#"data-testid="renewals-empty""#), "{html}");
    let res = v.post(&path, &fields).await;
    assert_status(&res, StatusCode::SEE_OTHER);
    assert_eq!(
        res.header(header::LOCATION),
        format!("/orgs/{}/invoices/{}", h.org, renewal.id)
    );
    assert_eq!(invoice_count(&app, &h.org).await, before + 1);
}

with_gateway!(a_refused_renewal_says_why_beside_its_row_and_invoices_nothing);
async fn a_refused_renewal_says_why_beside_its_row_and_invoices_nothing(
    app: Arc<TestApp>,
    gateway: Arc<ScriptedGateway>,
) {
    // proves: REN-3
    let h = held(&app, &gateway).await;
    let before = invoice_count(&app, &h.org).await;
    let mut v = signed_in(&app, "ada@example.test", PASSWORD).await;
    let path = format!("/orgs/{}/renewals", h.org);
    let html = v.get(&path).await.text();
    let key = hidden(&html, "key");
    let domain = h.domain.id.to_string();
    let hosting = h.hosting.id.to_string();
    // Two years of a hosting sold by the year, posted by hand.
    let periods = format!("periods-{hosting}");
    let res = v
        .post(
            &path,
            &[
                ("key", key.as_str()),
                ("product", domain.as_str()),
                ("product", hosting.as_str()),
                (periods.as_str(), "2"),
                ("method", "card"),
            ],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    let refused = row(&html, &hosting);
    assert!(
        refused.contains("This product cannot be renewed for that long."),
        "{refused}"
    );
    assert!(refused.contains(r#"aria-invalid="true""#), "{refused}");
    assert!(!row(&html, &domain).contains("renewal-error"), "{html}");
    // What was checked stays checked; the summary links to the row.
    assert!(row(&html, &domain).contains(" checked"), "{html}");
    assert!(
        html.contains(&format!(r##"<a href="#renew-{hosting}">"##)),
        "{html}"
    );
    // Nothing checked: said above the form.
    let res = v
        .post(&path, &[("key", key.as_str()), ("method", "card")])
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .contains("Check at least one product to renew (at most 50 at once)."),
        "{}",
        res.text()
    );
    assert_eq!(invoice_count(&app, &h.org).await, before);
    assert_eq!(expiry(&app, &h, &h.hosting).await, day_of(&h.hosting));
}

with_gateway!(staff_read_a_products_renewals_and_the_notices_sent);
async fn staff_read_a_products_renewals_and_the_notices_sent(
    app: Arc<TestApp>,
    gateway: Arc<ScriptedGateway>,
) {
    // proves: REN-3, REN-5
    let h = held(&app, &gateway).await;
    // The domain renewed by hand for three years and paid; the hosting
    // left to run out.
    let placed = renewals::manual::renew(
        &app.ctx,
        &h.owner.actor,
        &h.org,
        &RenewInput {
            items: vec![RenewItem {
                product_id: h.domain.id.to_string(),
                periods: Some(3),
            }],
            billing_address_id: None,
            payment: Some(PayInput {
                method: "card".into(),
                ..PayInput::default()
            }),
        },
        None,
    )
    .await
    .unwrap();
    let res = notify(
        &app.ctx,
        &gateway.capture(&placed.payment.unwrap().id, true),
    )
    .await;
    assert!(res.status.is_success(), "{}", res.text());
    // Within 30 days of the hosting's expiry, the sweeps announce it.
    app.advance_days(15);
    renewals::sweep::run(&app.ctx).await.unwrap();
    renewals::charge::run(&app.ctx).await.unwrap();

    let mut grace = staff_visit(&app, "grace@provider.test", &[StaffRole::Billing]).await;
    // The organisation's page leads to each product's.
    let html = grace.get(&format!("/staff/orgs/{}", h.org)).await.text();
    assert!(
        html.contains(&format!("/staff/orgs/{}/products/{}", h.org, h.domain.id)),
        "{html}"
    );
    let html = grace
        .get(&format!("/staff/orgs/{}/products/{}", h.org, h.domain.id))
        .await
        .text();
    assert_eq!(count(&html, "staff-renewal"), 1, "{html}");
    assert!(html.contains(r#"data-status="applied""#), "{html}");
    assert!(html.contains("Renewed by hand"), "{html}");
    assert!(html.contains(">3 years<"), "{html}");
    let number = placed.invoice.number.as_deref().unwrap();
    assert!(
        html.contains(&format!(
            r#"<a href="/staff/invoices/{}" data-testid="staff-renewal-invoice">{number}</a>"#,
            placed.invoice.id
        )),
        "{html}"
    );
    assert!(html.contains(r#"data-testid="staff-no-notices""#), "{html}");
    let html = grace
        .get(&format!("/staff/orgs/{}/products/{}", h.org, h.hosting.id))
        .await
        .text();
    assert!(
        html.contains(r#"data-testid="staff-no-renewals""#),
        "{html}"
    );
    assert!(
        html.contains(r#"data-testid="staff-notice" data-step="notice-30""#),
        "{html}"
    );
    assert!(html.contains("Notice: expires in 30 days"), "{html}");
    // Unknown ids are unknown.
    assert_status(
        &grace
            .get(&format!("/staff/orgs/{}/products/prd_nothing", h.org))
            .await,
        StatusCode::NOT_FOUND,
    );

    // Support does not see billing details: refused, whatever the ids.
    let mut support = staff_visit(&app, "sam@provider.test", &[StaffRole::Support]).await;
    for path in [
        format!("/staff/orgs/{}/products/{}", h.org, h.domain.id),
        format!("/staff/orgs/{}/products/nonsense", h.org),
    ] {
        assert_status(&support.get(&path).await, StatusCode::FORBIDDEN);
    }
}
