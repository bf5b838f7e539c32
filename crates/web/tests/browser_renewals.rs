//! Renewing in a real browser (issue 14), through the sandbox gateway
//! that `guichet serve` mounts: from the overview's expiry calendar to the
//! "to pay" list, a .ch domain renewed for two years and paid by card on
//! the sandbox's page; back on the payment's page the domain's expiry has
//! moved by two years; then staff read that renewal on the product's
//! back-office page. Screenshots go to `target/screenshots/renewals-*.png`.
//!
//! Skipped loudly without chromium; required with
//! `GUICHET_TEST_REQUIRE_BROWSER=1` (see `browser.rs`).

use guichet_core::{
    catalog::orders::{self, ItemInput, OrderInput},
    db::{Engine, RawConn},
    ids::{OrgId, ProductId},
    payments::PayInput,
    renewals::{self, manual::Within},
};
use jiff::{ToSpan, civil::Date};

use crate::{
    browser::{Browser, Server},
    browser_billing::billing_staff_signed_in,
    browser_payments::{CARD_OK, pay_on_the_gateway_page, sign_in, wait_for_path},
    console_payments::customer,
    orgs_support::Caller,
};

/// The domain `name`, ordered and paid by card on the sandbox's page in
/// `b`, its last day then set to `expires_on` — as if bought a year ago:
/// the sandbox signs with the real time, so the clock cannot move.
async fn domain(
    b: &Browser,
    server: &Server,
    owner: &Caller,
    org: &OrgId,
    name: &str,
    expires_on: Date,
) -> ProductId {
    let ctx = &server.app.ctx;
    let placed = orders::place(
        ctx,
        &owner.actor,
        org,
        &OrderInput {
            items: vec![ItemInput {
                plan_id: "domain-ch".into(),
                months: 12,
                quantity: None,
                storage_gb: None,
                domain: Some(name.into()),
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
    let url = placed.payment.unwrap().redirect_url.unwrap();
    b.client.goto(&url).await.unwrap();
    pay_on_the_gateway_page(b, CARD_OK, "renewals-order-gateway-page").await;
    wait_for_path(b, &format!("/orgs/{org}/payments/")).await;
    b.wait_for_text("payment-status", "Paid").await;
    let id = renewals::manual::to_pay(ctx, &owner.actor, org, Within::All)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|i| i.product.name == name)
        .unwrap()
        .product
        .id;
    let mut c = ctx.db.acquire().await.unwrap();
    let RawConn::Sqlite(raw) = c.conn().into_raw() else {
        panic!("the browser tests run on SQLite");
    };
    sqlx::query("UPDATE products SET expires_on = ? WHERE id = ?")
        .bind(expires_on.to_string())
        .bind(id.as_str())
        .execute(&mut *raw)
        .await
        .unwrap();
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_renews_a_domain_for_two_years_from_the_calendar_and_staff_see_it() {
    // proves: REN-3, ORG-7, BIL-3 // issue 14: from the calendar to a renewed domain in a browser
    let Some(b) = Browser::start().await else {
        return;
    };
    let server = Server::start_with_sandbox(Engine::Sqlite).await.unwrap();
    let (ada, org) = customer(&server.app, "ada@example.test").await;
    sign_in(&b, &server, "ada@example.test").await;
    let today = server.app.ctx.today();
    let expires = today.checked_add(20.days()).unwrap();
    let id = domain(&b, &server, &ada, &org, "renouveler.ch", expires).await;

    // The overview's calendar marks the day; its link leads to the list.
    b.open(&server, &format!("/orgs/{org}")).await;
    let day = b
        .client
        .find(fantoccini::Locator::Css(&format!(
            r#"[data-testid="calendar-day"][data-date="{expires}"] a"#
        )))
        .await
        .unwrap();
    b.screenshot("renewals-calendar").await;
    day.click().await.unwrap();
    b.wait_for_text("page-title", "Renewals to pay").await;
    b.assert_no_horizontal_scroll().await;

    // Two years of the domain, by card.
    b.client
        .find(fantoccini::Locator::Css(&format!("#renew-{id}")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.eval(&format!(
        "document.querySelector('#periods-{id}').value = '2'; return null;"
    ))
    .await;
    b.click_test_id("pay-method-card").await;
    b.screenshot("renewals-to-pay").await;
    b.click_test_id("renew-submit").await;
    pay_on_the_gateway_page(&b, CARD_OK, "renewals-gateway-page").await;

    // Back on the payment's page, paid; the domain's expiry moved by two
    // years.
    wait_for_path(&b, &format!("/orgs/{org}/payments/")).await;
    b.wait_for_text("payment-status", "Paid").await;
    b.screenshot("renewals-paid").await;
    b.open(&server, &format!("/orgs/{org}/products/{id}")).await;
    let moved = expires.checked_add(2.years()).unwrap();
    let shown = b
        .eval("return document.querySelector('[data-testid=product-expires] time').getAttribute('datetime');")
        .await;
    assert_eq!(shown.as_str(), Some(moved.to_string().as_str()));
    b.screenshot("renewals-product").await;

    // Staff read the renewal on the product's page.
    let staff = Browser::start().await.unwrap();
    billing_staff_signed_in(&staff, &server, "grace@provider.test").await;
    staff.open(&server, &format!("/staff/orgs/{org}")).await;
    staff.click_test_id("staff-product-link").await;
    staff.wait_for_text("page-title", "renouveler.ch").await;
    assert_eq!(staff.text_of("staff-renewal-periods").await, "2 years");
    assert_eq!(staff.text_of("staff-renewal-kind").await, "Renewed by hand");
    staff.screenshot("renewals-staff-history").await;
    staff.close().await;
    b.close().await;
}
