//! The shop in a real browser (issue 13), through the sandbox gateway
//! that `guichet serve` mounts: a customer adds a plan to the cart,
//! checks out with the sandbox's test card, pays on its hosted page, and
//! finds the product active on the products page. The shop and the cart
//! fit a phone's width. Screenshots go to `target/screenshots/shop-*.png`.
//!
//! Skipped loudly without chromium; required with
//! `GUICHET_TEST_REQUIRE_BROWSER=1` (see `browser.rs`).

use guichet_core::db::Engine;

use crate::{
    browser::{Browser, Server},
    browser_billing::{chf, customer_with_address, shown},
    browser_payments::{CARD_OK, pay_on_the_gateway_page, sign_in, wait_for_path},
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_orders_from_the_shop_pays_by_card_and_sees_the_product_active() {
    // proves: CAT-2, BIL-3 // issue 13: from the shop to an active product in a browser
    let Some(b) = Browser::start().await else {
        return;
    };
    let server = Server::start_with_sandbox(Engine::Sqlite).await.unwrap();
    let org = customer_with_address(&server, "ada@example.test").await;
    sign_in(&b, &server, "ada@example.test").await;

    // The shop: Web Hosting Start for a year, into the cart.
    b.open(&server, &format!("/orgs/{org}/shop")).await;
    b.wait_for_text("page-title", "Shop").await;
    b.by_test_id("shop-form-hosting-start").await;
    b.screenshot("shop-catalogue").await;
    b.click_test_id("shop-add-hosting-start").await;
    b.wait_for_text("saved-notice", "Added to your cart.").await;
    assert_eq!(b.text_of("cart-count").await, "1");

    // The cart: one line, 60.00 + 8.1 % VAT = 64.86.
    b.click_test_id("cart-link").await;
    b.wait_for_text("page-title", "Your cart").await;
    assert_eq!(shown(&b, "cart-line-net").await, chf(6000));
    assert_eq!(shown(&b, "cart-total").await, chf(6486));
    b.screenshot("shop-cart").await;

    // Checkout by card: the sandbox's page, its plain test card.
    b.click_test_id("cart-checkout").await;
    b.wait_for_text("page-title", "Checkout").await;
    assert_eq!(shown(&b, "pay-due").await, chf(6486));
    b.click_test_id("pay-method-card").await;
    b.screenshot("shop-checkout").await;
    b.click_test_id("pay-submit").await;
    pay_on_the_gateway_page(&b, CARD_OK, "shop-gateway-page").await;

    // Back on the payment's page, paid; the product is active.
    wait_for_path(&b, &format!("/orgs/{org}/payments/")).await;
    b.wait_for_text("payment-status", "Paid").await;
    b.open(&server, &format!("/orgs/{org}/products")).await;
    b.wait_for_text("page-title", "Products").await;
    assert_eq!(shown(&b, "product-link").await, "Web Hosting Start");
    assert_eq!(shown(&b, "product-status").await, "Active");
    b.screenshot("shop-products").await;
    // The cart is empty again.
    assert_eq!(b.text_of("cart-count").await, "0");

    // The product's page: renewal warranty on, saved beside the form.
    b.click_test_id("product-link").await;
    b.by_test_id("renewal-form").await;
    b.click_test_id("renewal-warranty").await;
    b.click_test_id("renewal-save").await;
    b.wait_for_text("saved-notice", "The product's renewal settings are saved.")
        .await;
    assert_eq!(b.text_of("product-warranty").await, "Yes");
    b.screenshot("shop-product-renewal").await;
    // From the list, the products checked: warranty off again.
    b.open(&server, &format!("/orgs/{org}/products")).await;
    b.click_test_id("product-pick").await;
    b.eval(
        "document.querySelector('[data-testid=bulk-action]').value = 'warranty_off'; return null;",
    )
    .await;
    b.click_test_id("bulk-submit").await;
    b.wait_for_text("saved-notice", "The products checked are changed.")
        .await;
    b.click_test_id("product-link").await;
    b.wait_for_text("product-warranty", "No").await;

    // On a phone, the shop and the products fit the width.
    b.client.set_window_size(390, 844).await.unwrap();
    b.open(&server, &format!("/orgs/{org}/shop")).await;
    b.by_test_id("shop-form-hosting-start").await;
    b.assert_no_horizontal_scroll().await;
    b.screenshot("shop-phone").await;
    b.open(&server, &format!("/orgs/{org}/products")).await;
    b.by_test_id("product-link").await;
    b.assert_no_horizontal_scroll().await;
    b.close().await;
    server.app.check_invariants().await;
}
