//! Invoices in a real browser (issue 11): a billing-role staff member
//! makes a draft of two lines in the back office, is shown the field of a
//! bad price, fixes it, issues the invoice and credits part of it; the
//! organisation's owner opens Invoices, opens the invoice and downloads its
//! PDF with their session. Screenshots go to
//! `target/screenshots/billing-*.png`, also at a phone's size.
//!
//! Skipped loudly without chromium; required with
//! `GUICHET_TEST_REQUIRE_BROWSER=1` (see `browser.rs`).

use fantoccini::Locator;
use guichet_core::{
    billing::{self, InvoiceInput, Issuer, LineInput, Period, vat::VatClass},
    db::Engine,
    i18n::Lang,
    ids::OrgId,
    money::{Currency, Money},
    orgs::{self, address::AddressInput},
    staff::{self, StaffRole},
};
use guichet_web::console::money_text;
use jiff::civil::date;

use crate::{
    browser::{Browser, Server},
    orgs_support::{PASSWORD, caller},
};

const STAFF_PASSWORD: &str = "Lantern-Quarry-Mosaic-73";

/// An amount of francs as an English page writes it (plain spaces).
pub fn chf(minor: i64) -> String {
    plain(&money_text(Lang::En, Money::new(minor, Currency::Chf)))
}

/// A customer (signed up, so with their personal organisation, ACC-7)
/// and that organisation, given a Swiss billing address: its id.
pub async fn customer_with_address(server: &Server, email: &str) -> OrgId {
    let app = &server.app;
    let c = caller(app, email).await;
    let mut conn = app.ctx.db.acquire().await.unwrap();
    let org = orgs::store::orgs_of_user(conn.conn(), &c.id)
        .await
        .unwrap()
        .remove(0)
        .0
        .id;
    drop(conn);
    orgs::save_address(
        &app.ctx,
        &c.actor,
        &org,
        None,
        &AddressInput {
            name: "Ada Lovelace".into(),
            street: "Rue du Lac".into(),
            building_number: "12".into(),
            postcode: "1204".into(),
            town: "Genève".into(),
            country: "CH".into(),
        },
        true,
    )
    .await
    .unwrap();
    org
}

/// A staff member of the billing role, made and signed in to the back
/// office in `b`.
pub async fn billing_staff_signed_in(b: &Browser, server: &Server, email: &str) {
    let ctx = &server.app.ctx;
    guichet_core::accounts::create_user(ctx, email, STAFF_PASSWORD, true)
        .await
        .unwrap();
    staff::create_staff(ctx, email, &[StaffRole::Billing])
        .await
        .unwrap();
    b.open(server, "/staff").await;
    b.type_into("#email", email).await;
    b.type_into("#password", STAFF_PASSWORD).await;
    b.click_test_id("staff-signin-submit").await;
    b.wait_for_text("page-title", "Find a customer").await;
}

/// Type into the field whose id is `id` (ids of the line rows hold
/// dashes, which CSS takes as they are).
async fn fill(b: &Browser, id: &str, text: &str) {
    b.type_into(&format!("#{id}"), text).await;
}

/// Chromium's own command (through chromedriver's `goog/cdp/execute`):
/// downloads go to `dir`, under the name the server gives them. The
/// page's Content-Security-Policy forbids a script's `fetch`, so the test
/// downloads the way a person does: by following the link.
#[derive(Debug)]
struct AllowDownloads {
    dir: String,
}

impl fantoccini::wd::WebDriverCompatibleCommand for AllowDownloads {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        let body = serde_json::json!({
            "cmd": "Browser.setDownloadBehavior",
            "params": { "behavior": "allow", "downloadPath": self.dir },
        });
        (axum::http::Method::POST, Some(body.to_string()))
    }
}

/// The file `name` once chromium has finished writing it into `dir`.
async fn downloaded(dir: &std::path::Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let partial = std::fs::read_dir(dir).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".crdownload")
        });
        if path.exists() && !partial {
            return std::fs::read(&path).unwrap();
        }
        let found: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            std::time::Instant::now() < deadline,
            "no {name} downloaded; the folder holds {found:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// WebDriver reads a no-break space as a space: compare texts that way.
pub fn plain(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ")
}

/// The text of `data-testid=<id>`, as [`plain`] compares it.
pub async fn shown(b: &Browser, id: &str) -> String {
    plain(&b.text_of(id).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_billing_staff_member_drafts_issues_and_credits_an_invoice() {
    // proves: BIL-1, BIL-2 // issue 11: the back office's invoices in a browser
    let Some(b) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();
    let ctx = &server.app.ctx;
    let org = customer_with_address(&server, "ada@example.test").await;

    // Sign in, find the organisation.
    billing_staff_signed_in(&b, &server, "grace@provider.test").await;
    b.type_into("#q", "ada@").await;
    b.click_test_id("staff-search-submit").await;
    b.by_test_id("staff-org-hit")
        .await
        .find(Locator::Css("a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.by_test_id("staff-no-invoices").await;

    // A draft of two lines; the second's price is written the wrong way.
    b.click_test_id("staff-new-invoice").await;
    b.wait_for_text("page-title", "New invoice").await;
    assert_eq!(
        b.client
            .find_all(Locator::Css(r#"[data-testid="invoice-form-line"]"#))
            .await
            .unwrap()
            .len(),
        5,
        "five empty rows"
    );
    fill(&b, "line-0-description", "Web hosting Pro").await;
    fill(&b, "line-0-unit_price", "120.00").await;
    b.eval(
        "document.getElementById('line-0-period_from').value = '2026-01-01';
         document.getElementById('line-0-period_to').value = '2026-12-31';",
    )
    .await;
    fill(&b, "line-1-description", "Set-up").await;
    fill(&b, "line-1-quantity", "2").await;
    fill(&b, "line-1-unit_price", "12,50").await;
    b.click_test_id("invoice-form-save").await;
    b.by_test_id("form-alert").await;
    let price = b
        .client
        .find(Locator::Css("#line-1-unit_price"))
        .await
        .unwrap();
    assert_eq!(
        price.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    let error = b
        .client
        .find(Locator::Css("#line-1-unit_price-error"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(error.contains("120.00"), "{error}");
    // The other row kept what was typed; nothing else is marked.
    assert_eq!(
        b.client
            .find(Locator::Css("#line-0-description"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("Web hosting Pro")
    );
    assert_eq!(
        b.eval("return document.querySelectorAll('[aria-invalid=\"true\"]').length;")
            .await,
        1
    );
    b.screenshot("billing-staff-draft-error").await;

    // "Add more rows" draws five more, keeping what was typed.
    b.click_test_id("invoice-form-more").await;
    b.wait_for_text("page-title", "New invoice").await;
    assert_eq!(
        b.eval("return document.querySelectorAll('[data-testid=\"invoice-form-line\"]').length;")
            .await,
        10
    );
    fill(&b, "line-1-unit_price", "12.50").await;
    b.click_test_id("invoice-form-save").await;
    b.wait_for_text("saved-notice", "The draft has been saved.")
        .await;
    b.wait_for_text("page-title", "Draft invoice").await;
    let lines = b
        .client
        .find_all(Locator::Css(r#"[data-testid="invoice-line"]"#))
        .await
        .unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(shown(&b, "invoice-total").await, chf(14_500));

    // Issue, after confirming.
    b.click_test_id("staff-invoice-issue").await;
    b.screenshot("billing-staff-issue-confirm").await;
    b.click_test_id("staff-invoice-issue-confirm").await;
    b.wait_for_text("saved-notice", "The invoice has been issued.")
        .await;
    let issued = billing::invoices::staff_invoices(
        ctx,
        Issuer::Operator,
        &org,
        orgs::Window {
            offset: 0,
            limit: 10,
        },
    )
    .await
    .unwrap()
    .items
    .remove(0);
    let number = issued.number.clone().unwrap();
    assert_eq!(b.text_of("invoice-number").await, number);
    assert_eq!(b.text_of("page-title").await, format!("Invoice {number}"));
    // 145.00 + 8.1 % VAT = 156.75 (11.745 rounds half up).
    assert_eq!(issued.total, Money::new(15_675, Currency::Chf));
    assert_eq!(shown(&b, "invoice-total").await, chf(15_675));
    b.by_test_id("invoice-reference").await;

    // Credit part of it: the set-up, 25.00 before VAT.
    b.type_into("#reason", "Set-up waived").await;
    fill(&b, "credit-2", "25.00").await;
    b.screenshot("billing-staff-credit").await;
    b.click_test_id("credit-submit").await;
    b.wait_for_text("saved-notice", "The credit note has been issued.")
        .await;
    let note = billing::invoices::staff_invoice(ctx, Issuer::Operator, &issued.id)
        .await
        .unwrap()
        .credit_notes
        .remove(0);
    // 25.00 + 8.1 % = 27.03 (2.025 rounds half up).
    assert_eq!(note.total, Money::new(2_703, Currency::Chf));
    assert_eq!(b.text_of("staff-credit-note-number").await, note.number);
    assert_eq!(shown(&b, "staff-credit-note-total").await, chf(2_703));
    assert_eq!(shown(&b, "invoice-open").await, chf(15_675 - 2_703));
    assert_eq!(b.text_of("invoice-status").await, "Open");

    b.client.set_window_size(390, 844).await.unwrap();
    b.assert_no_horizontal_scroll().await;
    b.screenshot("billing-staff-invoice-phone").await;
    b.close().await;
    server.app.check_invariants().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_opens_an_invoice_and_downloads_its_pdf() {
    // proves: BIL-1, BIL-2 // issue 11: a browser test downloading an invoice PDF
    let Some(b) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();
    let ctx = &server.app.ctx;
    let org = customer_with_address(&server, "ada@example.test").await;
    let invoice = billing::invoices::create_and_issue(
        ctx,
        Issuer::Operator,
        &org,
        &InvoiceInput {
            billing_address_id: None,
            lines: vec![LineInput {
                description: "Web hosting Pro".into(),
                quantity: 1,
                unit_price: "1234.50".into(),
                vat_class: VatClass::Standard,
                period: Some(Period {
                    from: date(2026, 1, 1),
                    to: date(2026, 12, 31),
                }),
            }],
        },
    )
    .await
    .unwrap();
    let number = invoice.number.clone().unwrap();

    b.open(&server, "/signin").await;
    b.type_into("#email", "ada@example.test").await;
    b.type_into("#password", PASSWORD).await;
    b.click_test_id("signin-submit").await;
    b.wait_for_text("page-title", "Welcome to your customer centre")
        .await;
    b.open(&server, &format!("/orgs/{org}")).await;
    b.click_test_id("tab-invoices").await;
    b.wait_for_text("page-title", "Invoices").await;
    assert_eq!(b.text_of("invoice-link").await, number);
    assert_eq!(b.text_of("invoice-status").await, "Open");
    assert_eq!(
        shown(&b, "invoice-total").await,
        chf(invoice.total.amount_minor)
    );
    b.by_test_id("credit-notes-empty").await;
    b.screenshot("billing-customer-invoices").await;

    b.click_test_id("invoice-link").await;
    b.wait_for_text("page-title", &format!("Invoice {number}"))
        .await;
    assert_eq!(
        shown(&b, "invoice-open").await,
        chf(invoice.total.amount_minor)
    );
    let lines = b.text_of("invoice-lines").await;
    assert!(lines.contains("Web hosting Pro"), "{lines}");
    assert!(lines.contains("8.1%"), "{lines}");
    b.screenshot("billing-customer-invoice").await;

    // The download, with the session: the PDF kept at issue, named by
    // its number (the server's Content-Disposition).
    let dir = tempfile::tempdir().unwrap();
    b.client
        .issue_cmd(AllowDownloads {
            dir: dir.path().display().to_string(),
        })
        .await
        .unwrap();
    b.click_test_id("invoice-download").await;
    let pdf = downloaded(dir.path(), &format!("invoice-{number}.pdf")).await;
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let (_, stored) = billing::invoices::staff_invoice_pdf(ctx, Issuer::Operator, &invoice.id)
        .await
        .unwrap();
    assert_eq!(pdf, stored, "exactly the PDF kept at issue");
    // The page stays where it was.
    b.wait_for_text("page-title", &format!("Invoice {number}"))
        .await;

    // In French, the amounts are written the French way.
    b.by_test_id("language-select")
        .await
        .select_by_value("fr")
        .await
        .unwrap();
    b.click_test_id("language-submit").await;
    b.wait_for_text("page-title", &format!("Facture {number}"))
        .await;
    assert_eq!(
        shown(&b, "invoice-open").await,
        plain(&money_text(Lang::Fr, invoice.total))
    );

    b.client.set_window_size(390, 844).await.unwrap();
    b.assert_no_horizontal_scroll().await;
    b.screenshot("billing-customer-invoice-phone").await;
    b.open(&server, &format!("/orgs/{org}/invoices")).await;
    b.by_test_id("invoice-row").await;
    b.assert_no_horizontal_scroll().await;
    b.screenshot("billing-customer-invoices-phone").await;
    b.close().await;
    server.app.check_invariants().await;
}
