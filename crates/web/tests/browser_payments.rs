//! Paying in a real browser (issue 12), through the sandbox gateway that
//! `guichet serve` mounts: its hosted page, its 3-D Secure check and its
//! signed notifications over HTTP, as a remote provider's. A customer pays
//! an invoice with the 3-D Secure test card, and a billing staff member
//! refunds it in the back office; a customer tops their prepaid account up
//! by card and pays an invoice with that credit first and the card for the
//! rest. Screenshots go to `target/screenshots/payments-*.png`.
//!
//! Skipped loudly without chromium; required with
//! `GUICHET_TEST_REQUIRE_BROWSER=1` (see `browser.rs`).

use std::time::{Duration, Instant};

use fantoccini::Locator;
use guichet_core::{
    billing::{self, InvoiceInput, InvoiceView, Issuer, LineInput, ledger, vat::VatClass},
    db::Engine,
    ids::OrgId,
    money::Currency,
};

use crate::{
    browser::{Browser, Server},
    browser_billing::{billing_staff_signed_in, chf, customer_with_address, shown},
    orgs_support::PASSWORD,
};

/// The 3-D Secure test card of the sandbox, and the one that just pays.
const CARD_3DS: &str = "4000000000003220";
pub const CARD_OK: &str = "4242424242424242";

/// An invoice of 100.00 + 8.1 % VAT = CHF 108.10, issued to `org`.
async fn invoice_of(server: &Server, org: &OrgId) -> InvoiceView {
    billing::invoices::create_and_issue(
        &server.app.ctx,
        Issuer::Operator,
        org,
        &InvoiceInput {
            billing_address_id: None,
            lines: vec![LineInput {
                description: "Web hosting Pro".into(),
                quantity: 1,
                unit_price: "100.00".into(),
                vat_class: VatClass::Standard,
                period: None,
            }],
        },
    )
    .await
    .unwrap()
}

pub async fn sign_in(b: &Browser, server: &Server, email: &str) {
    b.open(server, "/signin").await;
    b.type_into("#email", email).await;
    b.type_into("#password", PASSWORD).await;
    b.click_test_id("signin-submit").await;
    b.wait_for_text("page-title", "Welcome to your customer centre")
        .await;
}

/// Wait until the browser is on a path starting with `prefix` (after a
/// redirect to or from the gateway).
pub async fn wait_for_path(b: &Browser, prefix: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let url = b.client.current_url().await.unwrap();
        if url.path().starts_with(prefix) {
            return url.path().to_string();
        }
        assert!(
            Instant::now() < deadline,
            "the browser is on {url}, expected a path under {prefix}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn click_css(b: &Browser, css: &str) {
    b.client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"))
        .click()
        .await
        .unwrap();
}

/// On the sandbox's hosted page: choose the test card `number`, pay.
pub async fn pay_on_the_gateway_page(b: &Browser, number: &str, screenshot: &str) {
    wait_for_path(b, "/sandbox-gateway/pay/").await;
    click_css(b, &format!(r#"input[name="choice"][value="{number}"]"#)).await;
    b.screenshot(screenshot).await;
    click_css(b, r#"button[type="submit"]"#).await;
}

async fn invoice_status(server: &Server, invoice: &InvoiceView) -> String {
    billing::invoices::staff_invoice(&server.app.ctx, Issuer::Operator, &invoice.id)
        .await
        .unwrap()
        .status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_pays_with_a_3d_secure_card_and_staff_refund_it() {
    // proves: BIL-3, BIL-6 // issue 12: paying in a browser through the sandbox's 3-D Secure check
    let Some(b) = Browser::start().await else {
        return;
    };
    let server = Server::start_with_sandbox(Engine::Sqlite).await.unwrap();
    let org = customer_with_address(&server, "ada@example.test").await;
    let invoice = invoice_of(&server, &org).await;

    sign_in(&b, &server, "ada@example.test").await;
    b.open(&server, &format!("/orgs/{org}/invoices/{}", invoice.id))
        .await;
    assert_eq!(shown(&b, "pay-due").await, chf(10810));
    b.click_test_id("pay-method-card").await;
    b.click_test_id("pay-submit").await;

    // The gateway's page, then its 3-D Secure check: complete it.
    pay_on_the_gateway_page(&b, CARD_3DS, "payments-gateway-page").await;
    // The challenge is on the same path as the hosted page, one step
    // further: wait for its own address, not the page the click left.
    let challenge = wait_for_path(&b, "/sandbox-gateway/pay/").await;
    let challenge = if challenge.ends_with("/challenge") {
        challenge
    } else {
        wait_for_path(&b, &format!("{challenge}/challenge")).await
    };
    assert!(challenge.ends_with("/challenge"), "{challenge}");
    let title = b
        .client
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(title, "3-D Secure check");
    b.screenshot("payments-3ds-check").await;
    click_css(&b, r#"button[value="complete"]"#).await;

    // Back on Guichet's page for the payment, which asked the gateway.
    wait_for_path(&b, &format!("/orgs/{org}/payments/")).await;
    b.wait_for_text("payment-status", "Paid").await;
    b.by_test_id("payment-invoice-paid").await;
    b.screenshot("payments-paid").await;
    assert_eq!(invoice_status(&server, &invoice).await, "paid");

    // A billing staff member refunds it from the back office.
    billing_staff_signed_in(&b, &server, "grace@provider.test").await;
    b.open(&server, &format!("/staff/invoices/{}", invoice.id))
        .await;
    b.click_test_id("staff-payment-link").await;
    b.wait_for_text("page-title", &format!("Payment of {}", chf(10810)))
        .await;
    b.by_test_id("staff-no-refunds").await;
    // The reason is required: refused by the field, nothing refunded.
    b.click_test_id("refund-submit").await;
    b.by_test_id("form-alert").await;
    b.type_into("#reason", "Ordered by mistake").await;
    b.screenshot("payments-staff-refund").await;
    b.click_test_id("refund-submit").await;
    b.by_test_id("saved-notice").await;
    assert_eq!(
        shown(&b, "staff-payment-refunded").await,
        format!("{} refunded", chf(10810))
    );
    assert_eq!(shown(&b, "staff-refund-amount").await, chf(10810));
    // Credited in full: the invoice is cancelled, the money went back.
    assert_eq!(invoice_status(&server, &invoice).await, "cancelled");
    b.screenshot("payments-staff-refunded").await;
    b.close().await;
    server.app.check_invariants().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_tops_up_then_pays_part_from_prepaid_and_the_rest_by_card() {
    // proves: BIL-3, BIL-4 // issue 12: paying part from prepaid in a browser
    let Some(b) = Browser::start().await else {
        return;
    };
    let server = Server::start_with_sandbox(Engine::Sqlite).await.unwrap();
    let org = customer_with_address(&server, "cleo@example.test").await;
    let invoice = invoice_of(&server, &org).await;
    sign_in(&b, &server, "cleo@example.test").await;

    // Top the prepaid account up with 50.00 by card.
    b.open(&server, &format!("/orgs/{org}/prepaid")).await;
    assert_eq!(shown(&b, "prepaid-balance").await, chf(0));
    b.type_into("#amount", "50.00").await;
    click_css(&b, r#"input[name="method"][value="card"]"#).await;
    b.click_test_id("top-up-submit").await;
    pay_on_the_gateway_page(&b, CARD_OK, "payments-top-up-gateway").await;
    wait_for_path(&b, &format!("/orgs/{org}/payments/")).await;
    b.wait_for_text("payment-status", "Paid").await;
    b.open(&server, &format!("/orgs/{org}/prepaid")).await;
    assert_eq!(shown(&b, "prepaid-balance").await, chf(5000));

    // Pay the invoice: the credit first (offered, checked), the card for
    // the rest, 58.10, on the gateway's page.
    b.open(&server, &format!("/orgs/{org}/invoices/{}", invoice.id))
        .await;
    let checked = b
        .eval("return document.getElementById('use_prepaid').checked;")
        .await;
    assert_eq!(checked, serde_json::json!(true), "prepaid first is offered");
    b.click_test_id("pay-method-card").await;
    b.screenshot("payments-pay-with-prepaid").await;
    b.click_test_id("pay-submit").await;
    wait_for_path(&b, "/sandbox-gateway/pay/").await;
    let page = b.client.source().await.unwrap();
    assert!(
        page.contains(&chf(5810)) || page.contains("58.10"),
        "the gateway is asked for the rest only"
    );
    pay_on_the_gateway_page(&b, CARD_OK, "payments-rest-gateway").await;
    wait_for_path(&b, &format!("/orgs/{org}/payments/")).await;
    b.wait_for_text("payment-status", "Paid").await;
    b.by_test_id("payment-invoice-paid").await;
    assert_eq!(invoice_status(&server, &invoice).await, "paid");
    let mut c = server.app.ctx.db.acquire().await.unwrap();
    assert_eq!(
        ledger::prepaid_balance(c.conn(), &org, Currency::Chf)
            .await
            .unwrap()
            .amount_minor,
        0
    );
    drop(c);

    // On a phone: the payments list fits.
    b.client.set_window_size(390, 844).await.unwrap();
    b.open(&server, &format!("/orgs/{org}/payments")).await;
    b.by_test_id("payments").await;
    b.assert_no_horizontal_scroll().await;
    b.screenshot("payments-list-phone").await;
    b.close().await;
    server.app.check_invariants().await;
}
