//! The account pages in a real browser (chromium through chromedriver):
//! sign up, confirm from the mail, sign in, create an API token confirmed
//! by the password, and use that token on the API. Screenshots go to
//! `target/screenshots/accounts-*.png`, also at a phone's size.
//!
//! Skipped loudly without chromium; required with
//! `GUICHET_TEST_REQUIRE_BROWSER=1` (see `browser.rs`).

use axum::{body::Bytes, http::Request};
use fantoccini::Locator;
use guichet_core::db::Engine;
use http_body_util::{BodyExt, Empty};

use crate::browser::{Browser, Server};

const EMAIL: &str = "ada.lovelace@example.test";
const PASSWORD: &str = "correct horse battery staple";

/// `GET /api/1/profile` with a bearer token, over real HTTP.
async fn api_profile(server: &Server, token: &str) -> (u16, serde_json::Value) {
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<Empty<Bytes>>();
    let req = Request::get(server.url("/api/1/profile"))
        .header("authorization", format!("Bearer {token}"))
        .body(Empty::new())
        .unwrap();
    let res = client.request(req).await.unwrap();
    let status = res.status().as_u16();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&body).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_customer_signs_up_and_creates_an_api_token_in_the_browser() {
    // proves: ACC-1, ACC-4, API-1
    let Some(browser) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();

    // Sign up; a weak password first, refused by its field.
    browser.open(&server, "/").await;
    browser.click_test_id("nav-signup").await;
    browser
        .wait_for_text("page-title", "Create your account")
        .await;
    browser.type_into("#email", EMAIL).await;
    browser.type_into("#password", "password123").await;
    browser.type_into("#name", "Ada Lovelace").await;
    browser.screenshot("accounts-signup").await;
    browser.click_test_id("signup-submit").await;
    browser.by_test_id("form-alert").await.text().await.unwrap();
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("accounts-signup-errors").await;
    // The typed address and name are kept, the password is not.
    assert_eq!(
        browser
            .eval("return [document.querySelector('#email').value, document.querySelector('#name').value, document.querySelector('#password').value];")
            .await,
        serde_json::json!([EMAIL, "Ada Lovelace", ""])
    );
    browser.type_into("#password", PASSWORD).await;
    browser.click_test_id("signup-submit").await;
    browser
        .wait_for_text("page-title", "Check your mailbox")
        .await;
    browser.screenshot("accounts-signup-done").await;

    // Confirm from the mail.
    let mail = server.app.last_mail_to(EMAIL).await;
    let start = mail.text.find("/verify-email?token=").unwrap();
    let rest = &mail.text[start..];
    let link = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
    browser.open(&server, link).await;
    browser
        .wait_for_text("page-title", "Address confirmed")
        .await;

    // Sign in, and come back to the profile.
    browser.open(&server, "/profile").await;
    browser.wait_for_text("page-title", "Sign in").await;
    browser.type_into("#email", EMAIL).await;
    browser.type_into("#password", "not my password").await;
    browser.click_test_id("signin-submit").await;
    browser.by_test_id("form-alert").await;
    browser.screenshot("accounts-signin-refused").await;
    browser.type_into("#password", PASSWORD).await;
    browser.click_test_id("signin-submit").await;
    browser.wait_for_text("page-title", "Your profile").await;
    assert_eq!(
        browser.client.current_url().await.unwrap().path(),
        "/profile"
    );
    let code = browser.text_of("support-code").await;
    assert!(
        code.len() == 9 && code.chars().filter(char::is_ascii_digit).count() == 8,
        "support code {code:?}"
    );
    assert!(
        browser
            .text_of("signed-in-as")
            .await
            .ends_with("Ada Lovelace")
    );
    // Tall enough to see the whole page.
    browser.client.set_window_size(1280, 1900).await.unwrap();
    browser.screenshot("accounts-profile").await;

    // An API token with the scope profile:read, confirmed by the password.
    browser.click_test_id("nav-tokens").await;
    browser.wait_for_text("page-title", "API tokens").await;
    browser.type_into("#name", "Backup script").await;
    browser
        .client
        .find(Locator::Css(
            r#"input[name="scopes"][value="profile:read"]"#,
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.type_into("#password", PASSWORD).await;
    browser.click_test_id("token-create").await;
    let token = browser.text_of("new-token").await;
    assert!(token.starts_with("gch_"), "{token}");
    // security: the page's script is our own file, allowed by the CSP
    // (issue 9); it shows the copy button where the clipboard API exists.
    assert_eq!(
        browser
            .eval("return !navigator.clipboard || !document.getElementById('copy-token').hidden;")
            .await,
        true
    );
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("accounts-tokens-new").await;

    // The token works on the API, for this user.
    let (status, json) = api_profile(&server, &token).await;
    assert_eq!(status, 200, "{json}");
    assert_eq!(json["data"]["email"], EMAIL);

    // Reloading the list never shows it again.
    browser.open(&server, "/profile/tokens").await;
    browser.wait_for_text("page-title", "API tokens").await;
    let html = browser.client.source().await.unwrap();
    assert!(!html.contains(&token));
    assert!(html.contains(&token[..12]));

    browser.open(&server, "/profile/security").await;
    browser.wait_for_text("page-title", "Security").await;
    browser.screenshot("accounts-security").await;

    // On a phone: one column, nothing to scroll sideways.
    browser.client.set_window_size(390, 844).await.unwrap();
    for (path, title, shot) in [
        ("/profile", "Your profile", "accounts-profile-phone"),
        ("/profile/security", "Security", "accounts-security-phone"),
        ("/profile/tokens", "API tokens", "accounts-tokens-phone"),
    ] {
        browser.open(&server, path).await;
        browser.wait_for_text("page-title", title).await;
        assert_eq!(browser.eval("return window.innerWidth;").await, 390);
        browser.assert_no_horizontal_scroll().await;
        browser.screenshot(shot).await;
    }
    // The whole profile on a phone's width, for review.
    browser.client.set_window_size(390, 2600).await.unwrap();
    browser.open(&server, "/profile").await;
    browser.wait_for_text("page-title", "Your profile").await;
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("accounts-profile-phone-full").await;
    browser.client.set_window_size(390, 844).await.unwrap();

    // The language switch of the bar saves the choice to the profile.
    browser.client.set_window_size(1280, 1900).await.unwrap();
    browser.open(&server, "/profile").await;
    browser
        .by_test_id("language-select")
        .await
        .select_by_value("fr")
        .await
        .unwrap();
    browser.click_test_id("language-submit").await;
    browser.wait_for_text("page-title", "Votre profil").await;
    assert_eq!(
        browser
            .eval("return document.querySelector('#language').value;")
            .await,
        "fr"
    );
    browser.screenshot("accounts-profile-fr").await;

    // Sign out from the bar; the language stays.
    browser.click_test_id("sign-out").await;
    browser
        .wait_for_text("page-title", "Bienvenue dans votre espace client")
        .await;
    browser.by_test_id("nav-signin").await;

    browser.close().await;
    server.app.check_invariants().await;
}

/// The link of the latest mail of `template` to `to`, from its path on.
async fn mailed_path(server: &Server, to: &str, template: &str, path: &str) -> String {
    let mail = server
        .app
        .mails_to(to)
        .await
        .into_iter()
        .rev()
        .find(|m| m.template == template)
        .unwrap_or_else(|| panic!("no {template} mail to {to}"));
    let start = mail.text.find(path).unwrap();
    let rest = &mail.text[start..];
    rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())].to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_recovery_address_asks_the_password_and_the_old_address_can_undo_it() {
    // proves: ACC-3, SEC-5
    let Some(browser) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();
    let email = "mary.somerville@example.test";
    guichet_core::accounts::create_user(&server.app.ctx, email, PASSWORD, true)
        .await
        .unwrap();
    browser.open(&server, "/signin?next=/profile").await;
    browser.type_into("#email", email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.click_test_id("signin-submit").await;
    browser.wait_for_text("page-title", "Your profile").await;

    // Without the password the address is refused, next to the field.
    browser
        .type_into("#recovery_email", "m.backup@example.test")
        .await;
    browser.click_test_id("profile-save").await;
    browser.by_test_id("form-alert").await;
    let error = browser
        .eval("return document.querySelector('#profile_current_password-error').textContent;")
        .await;
    assert_eq!(error, "Enter your current password.");
    browser.screenshot("accounts-recovery-needs-password").await;
    browser
        .type_into("#profile_current_password", PASSWORD)
        .await;
    browser.click_test_id("profile-save").await;
    browser.by_test_id("recovery-pending").await;
    let verify = mailed_path(
        &server,
        "m.backup@example.test",
        "recovery_verify",
        "/verify-email?",
    )
    .await;
    browser.open(&server, &verify).await;
    browser
        .wait_for_text("page-title", "Recovery address confirmed")
        .await;

    // The login address's mail undoes it: a page asks, then every session
    // ends and a reset link is on its way.
    let undo = mailed_path(&server, email, "recovery_changed", "/undo-recovery-change?").await;
    browser.open(&server, &undo).await;
    browser
        .wait_for_text("page-title", "Undo the change of your recovery address")
        .await;
    browser.screenshot("accounts-recovery-undo").await;
    browser.click_test_id("undo-submit").await;
    browser
        .wait_for_text("page-title", "The change was undone")
        .await;
    browser.assert_no_horizontal_scroll().await;
    browser.open(&server, "/profile").await;
    browser.wait_for_text("page-title", "Sign in").await;
    mailed_path(&server, email, "recovery_change_undone", "/reset-password?").await;

    browser.close().await;
    server.app.check_invariants().await;
}
