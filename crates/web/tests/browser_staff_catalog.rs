//! The catalogue editor in Chromium (CAT-1): an admin changes a price in
//! the back office, a mistake is refused with its place and the text kept,
//! then the corrected text is published and the public `/catalog` page
//! sells at the new price. Screenshots go to
//! `target/screenshots/staff-catalog-*.png`, also at a phone's size.

use guichet_core::{
    accounts,
    db::Engine,
    staff::{self, StaffRole},
};

use crate::browser::{Browser, Server};

const PASSWORD: &str = "Lantern-Quarry-Mosaic-73";

/// Change the editor's text with a script (typing 10 kB of TOML key by
/// key proves nothing more): `find` → `with` after hosting-start's id.
fn edit(find: &str, with: &str) -> String {
    format!(
        r#"const t = document.getElementById('toml');
           const at = t.value.indexOf('id = "hosting-start"');
           const i = t.value.indexOf({find:?}, at);
           t.value = t.value.slice(0, i) + {with:?} + t.value.slice(i + {find:?}.length);
           return i > at;"#
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_publishes_a_new_price_that_the_public_catalogue_shows() {
    // proves: CAT-1
    let Some(browser) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();
    let ctx = &server.app.ctx;
    accounts::create_user(ctx, "grace@provider.test", PASSWORD, true)
        .await
        .unwrap();
    staff::create_staff(ctx, "grace@provider.test", &[StaffRole::Admin])
        .await
        .unwrap();

    browser.client.set_window_size(1280, 900).await.unwrap();
    browser.open(&server, "/staff/signin").await;
    browser.type_into("#email", "grace@provider.test").await;
    browser.type_into("#password", PASSWORD).await;
    browser.click_test_id("staff-signin-submit").await;
    browser.wait_for_text("page-title", "Find a customer").await;
    browser.click_test_id("staff-nav-catalog").await;
    browser.wait_for_text("page-title", "Catalogue").await;
    browser.by_test_id("staff-catalog-no-versions").await;

    // A mistake: refused, placed, and the text as it was typed.
    assert_eq!(
        browser.eval(&edit("\"web_hosting\"", "\"boat\"")).await,
        true
    );
    browser.click_test_id("staff-catalog-publish").await;
    let mistake = browser.text_of("staff-catalog-mistake").await;
    assert!(mistake.contains("plan[hosting-start].kind"), "{mistake}");
    browser.screenshot("staff-catalog-refused").await;
    let kept = browser
        .eval("return document.getElementById('toml').value.includes('kind = \"boat\"');")
        .await;
    assert_eq!(kept, true, "the refused text is kept");

    // Corrected, with a new monthly price, and published.
    assert_eq!(
        browser.eval(&edit("\"boat\"", "\"web_hosting\"")).await,
        true
    );
    assert_eq!(
        browser
            .eval(&edit("1 = { CHF = \"6.00\"", "1 = { CHF = \"7.25\""))
            .await,
        true
    );
    browser.type_into("#note", "Hosting Start dearer").await;
    browser.click_test_id("staff-catalog-publish").await;
    browser.by_test_id("saved-notice").await;
    let history = browser.text_of("staff-catalog-versions").await;
    assert!(
        history.contains("grace@provider.test") && history.contains("Hosting Start dearer"),
        "{history}"
    );
    browser.screenshot("staff-catalog-published").await;
    browser.client.set_window_size(390, 844).await.unwrap();
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("staff-catalog-phone").await;

    // The public catalogue sells at the new price.
    browser.client.set_window_size(1280, 900).await.unwrap();
    browser.open(&server, "/catalog").await;
    let price = browser
        .text_of("catalog-price-hosting-start-1")
        .await
        .replace('\u{a0}', " ");
    assert_eq!(price, "CHF 7.25 / month");
    browser.close().await;
}
