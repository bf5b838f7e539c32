//! The public catalogue page in Chromium (issue 13, CAT-1): from the home
//! page to `/catalog`, the currency switched to euros by its link, and the
//! page on a desk and on a phone, where the cards stack and nothing
//! scrolls sideways.

use guichet_core::db::Engine;
use serde_json::json;

use crate::browser::{Browser, Server};

/// Where the cards of the web hosting group sit, and how wide the domain
/// table and the widest card are against the window.
const LAYOUT: &str = r#"
    const cards = [...document.querySelectorAll('[data-testid="catalog-group-web_hosting"] .plan-card')]
        .map(c => c.getBoundingClientRect());
    const table = document.querySelector('.catalog-domains').getBoundingClientRect();
    return {
        cards: cards.length,
        one_column: cards.every(c => Math.abs(c.left - cards[0].left) < 1),
        one_row: cards.every(c => Math.abs(c.top - cards[0].top) < 1),
        fits: table.right <= window.innerWidth
            && Math.max(...[...document.querySelectorAll('.plan-card')].map(c => c.getBoundingClientRect().right)) <= window.innerWidth,
    };
"#;

impl Browser {
    /// The text of a `data-testid` element, no-break spaces as spaces
    /// (WebDriver gives them either way).
    async fn plain_text_of(&self, id: &str) -> String {
        self.text_of(id).await.replace('\u{a0}', " ")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_reads_the_catalogue_in_euros_on_a_desk_and_on_a_phone() {
    // proves: CAT-1
    let Some(browser) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();

    // On a desk, signed out, from the home page's link.
    browser.client.set_window_size(1280, 900).await.unwrap();
    browser.open(&server, "/").await;
    browser.click_test_id("home-catalog").await;
    browser
        .wait_for_text("page-title", "Products and prices")
        .await;
    assert_eq!(
        browser.plain_text_of("catalog-price-hosting-start-1").await,
        "CHF 6.00 / month"
    );

    // Euros, by the switch's link: no script, a new page.
    browser.click_test_id("catalog-currency-EUR").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while browser.plain_text_of("catalog-price-hosting-start-1").await != "EUR 6.50 / month" {
        assert!(
            std::time::Instant::now() < deadline,
            "the prices did not turn to euros"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(
        (url.path(), url.query()),
        ("/catalog", Some("currency=EUR"))
    );
    assert_eq!(
        browser.plain_text_of("catalog-domain-ch-register").await,
        "EUR 12.50"
    );
    assert_eq!(
        browser.plain_text_of("catalog-price-hosting-pro-24").await,
        "EUR 280.00 / 2 years"
    );
    assert_eq!(
        browser
            .by_test_id("catalog-currency-EUR")
            .await
            .attr("aria-current")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );
    let layout = browser.eval(LAYOUT).await;
    assert_eq!(layout["cards"], 2, "{layout}");
    assert_eq!(layout["one_row"], true, "side by side on a desk: {layout}");
    assert_eq!(layout["fits"], true, "{layout}");
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("catalog-desk").await;

    // On a phone: the cards stack, the table fits, nothing scrolls sideways.
    browser.client.set_window_size(375, 800).await.unwrap();
    browser.open(&server, "/catalog?currency=EUR").await;
    browser
        .wait_for_text("page-title", "Products and prices")
        .await;
    assert_eq!(browser.eval("return window.innerWidth;").await, json!(375));
    let layout = browser.eval(LAYOUT).await;
    assert_eq!(layout["one_column"], true, "stacked on a phone: {layout}");
    assert_eq!(layout["fits"], true, "{layout}");
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("catalog-phone").await;

    browser.close().await;
    server.app.check_invariants().await;
}
