//! The back office in a real browser (chromium through chromedriver): a
//! staff member signs in at `/staff`, finds a customer by address, opens the
//! organisation's summary and the user's. Screenshots go to
//! `target/screenshots/staff-*.png`, also at a phone's size.
//!
//! Skipped loudly without chromium; required with
//! `GUICHET_TEST_REQUIRE_BROWSER=1` (see `browser.rs`).

use guichet_core::{
    accounts,
    db::Engine,
    staff::{self, StaffRole},
};

use crate::browser::{Browser, Server};

const PASSWORD: &str = "Lantern-Quarry-Mosaic-73";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staff_member_signs_in_finds_a_customer_and_reads_the_summaries() {
    // proves: OPS-5 // issue 10: the back office in a browser
    let Some(browser) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();
    let ctx = &server.app.ctx;
    accounts::create_user(ctx, "ada@example.test", PASSWORD, true)
        .await
        .unwrap();
    accounts::create_user(ctx, "hedy@provider.test", PASSWORD, true)
        .await
        .unwrap();
    staff::create_staff(
        ctx,
        "hedy@provider.test",
        &[StaffRole::Support, StaffRole::Fraud],
    )
    .await
    .unwrap();

    // A customer's password does not open the back office.
    browser.open(&server, "/staff").await;
    browser.wait_for_text("page-title", "Staff sign-in").await;
    browser.type_into("#email", "ada@example.test").await;
    browser.type_into("#password", PASSWORD).await;
    browser.click_test_id("staff-signin-submit").await;
    browser.by_test_id("form-alert").await;

    browser.type_into("#email", "hedy@provider.test").await;
    browser.type_into("#password", PASSWORD).await;
    browser.screenshot("staff-signin").await;
    browser.click_test_id("staff-signin-submit").await;
    browser.wait_for_text("page-title", "Find a customer").await;
    let roles = browser.text_of("staff-roles").await;
    assert!(
        roles.contains("Support") && roles.contains("Fraud"),
        "{roles}"
    );

    browser.type_into("#q", "ada@").await;
    browser.click_test_id("staff-search-submit").await;
    browser.by_test_id("staff-user-hit").await;
    browser.screenshot("staff-search").await;
    browser
        .by_test_id("staff-org-hit")
        .await
        .find(fantoccini::Locator::Css("a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for_text("page-title", "ada@example.test")
        .await;
    browser.by_test_id("staff-member").await;
    browser.by_test_id("staff-no-addresses").await;
    browser.screenshot("staff-org").await;

    browser
        .by_test_id("staff-member")
        .await
        .find(fantoccini::Locator::Css("a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.by_test_id("staff-verified").await;
    browser.client.set_window_size(390, 844).await.unwrap();
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("staff-user-phone").await;
    browser.close().await;
}
