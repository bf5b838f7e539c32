//! The back office's bank page in Chromium (issue 15): billing staff
//! upload a day's notification and a file cut short at once, see what
//! each did, then give the credit nobody claimed to an invoice — which
//! the customer's owners are told of. Screenshots go to
//! `target/screenshots/staff-bank-*.png`, also at a phone's size.

use guichet_core::{
    accounts,
    billing::{self, Issuer},
    db::Engine,
    orgs,
    staff::{self, StaffRole},
};
use serde_json::json;

use crate::{
    api_bank::camt054,
    browser::{Browser, Server},
    orgs_support::{caller, org_of},
};

const PASSWORD: &str = "Lantern-Quarry-Mosaic-73";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn billing_staff_import_statements_and_give_away_a_credit_in_suspense() {
    // proves: BNK-2, BNK-3
    let Some(browser) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();
    let ctx = &server.app.ctx;
    // A customer with two invoices: the bank pays one by its reference;
    // money for the other arrives without it.
    let ada = caller(&server.app, "ada@example.test").await;
    let actor = ada.actor.clone();
    let org = org_of(&server.app, &ada, "Example SA").await;
    let address = serde_json::from_value(json!({"name": "Example SA", "street": "Rue du Lac",
        "building_number": "12", "postcode": "1204", "town": "Genève", "country": "CH"}))
    .unwrap();
    orgs::save_address(ctx, &actor, &org, None, &address, true)
        .await
        .unwrap();
    let lines: billing::InvoiceInput = serde_json::from_value(json!({"lines": [
        {"description": "Web hosting", "quantity": 1, "unit_price": "100.00", "vat_class": "standard"}]}))
    .unwrap();
    let paid = billing::invoices::create_and_issue(ctx, Issuer::Operator, &org, &lines)
        .await
        .unwrap();
    let open = billing::invoices::create_and_issue(ctx, Issuer::Operator, &org, &lines)
        .await
        .unwrap();
    accounts::create_user(ctx, "lena@provider.test", PASSWORD, true)
        .await
        .unwrap();
    staff::create_staff(ctx, "lena@provider.test", &[StaffRole::Billing])
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let day = camt054(&[
        (
            "108.10",
            &paid.reference.clone().unwrap().replace(' ', ""),
            "BR-1",
            "CH3600700110000284561",
        ),
        (
            "108.10",
            "RF18539007547034",
            "BR-2",
            "CH5604835012345678009",
        ),
    ]);
    let good = dir.path().join("notification-2026-12-01.xml");
    std::fs::write(&good, &day).unwrap();
    let cut = dir.path().join("cut.xml");
    std::fs::write(&cut, &day[..day.len() / 2]).unwrap();

    browser.client.set_window_size(1280, 900).await.unwrap();
    browser.open(&server, "/staff/signin").await;
    browser.type_into("#email", "lena@provider.test").await;
    browser.type_into("#password", PASSWORD).await;
    browser.click_test_id("staff-signin-submit").await;
    browser.wait_for_text("page-title", "Find a customer").await;
    browser.click_test_id("staff-nav-bank").await;
    browser.wait_for_text("page-title", "Bank statements").await;
    browser.by_test_id("staff-bank-suspense-empty").await;

    // Two files at once.
    let input = browser.by_test_id("staff-bank-files").await;
    input
        .send_keys(&format!("{}\n{}", good.display(), cut.display()))
        .await
        .unwrap();
    browser.click_test_id("staff-bank-import").await;
    let outcomes = browser.text_of("staff-bank-outcomes").await;
    assert!(
        outcomes.contains("notification-2026-12-01.xml")
            && outcomes.contains("2 read, 2 booked, 1 matched"),
        "{outcomes}"
    );
    assert!(
        outcomes.contains("cut.xml") && outcomes.contains("refused, nothing of it booked"),
        "{outcomes}"
    );
    let held = browser.text_of("staff-bank-held").await;
    assert!(
        held.contains("Claudia Rossi") && held.contains("108.10"),
        "{held}"
    );
    browser.screenshot("staff-bank-imported").await;

    // A wrong number first: refused beside its field, what was typed kept.
    browser
        .type_into("[data-testid=staff-bank-assign-invoice]", "1999-00001")
        .await;
    browser.click_test_id("staff-bank-assign-submit").await;
    browser.by_test_id("form-alert").await;
    let kept = browser
        .eval("return document.querySelector('[data-testid=staff-bank-assign-invoice]').value;")
        .await;
    assert_eq!(kept, "1999-00001");
    browser.screenshot("staff-bank-refused").await;

    browser
        .type_into(
            "[data-testid=staff-bank-assign-invoice]",
            open.number.as_deref().unwrap(),
        )
        .await;
    browser.click_test_id("staff-bank-assign-submit").await;
    browser.by_test_id("saved-notice").await;
    browser.by_test_id("staff-bank-suspense-empty").await;
    let imports = browser.text_of("staff-bank-imports").await;
    assert!(imports.contains("notification-2026-12-01.xml"), "{imports}");
    browser.screenshot("staff-bank-assigned").await;
    browser.client.set_window_size(390, 844).await.unwrap();
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("staff-bank-phone").await;
    browser.close().await;

    let v = billing::invoices::staff_invoice(ctx, Issuer::Operator, &open.id)
        .await
        .unwrap();
    assert_eq!(v.status, "paid");
}
