//! The security pages in a real browser: a forgotten password reset from
//! the sign-in page through the mailed link; API tokens created, seen once
//! and revoked after their confirmation; sessions listed and another one
//! ended after its confirmation. Screenshots go to
//! `target/screenshots/security-*.png`.
//!
//! Skipped loudly without chromium; required with
//! `GUICHET_TEST_REQUIRE_BROWSER=1` (see `browser.rs`).

use fantoccini::Locator;
use guichet_core::{
    accounts::{self, RequestMeta},
    db::Engine,
    security::{self, SignInOutcome},
};

use crate::browser::{Browser, Server};

const PASSWORD: &str = "correct horse battery staple";
const NEW_PASSWORD: &str = "violet harbour lantern 42";

/// The path (and query) of the link in the latest mail of `template` to
/// `to`.
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

async fn sign_in(browser: &Browser, server: &Server, email: &str, password: &str, next: &str) {
    browser.open(server, &format!("/signin?next={next}")).await;
    browser.wait_for_text("page-title", "Sign in").await;
    browser.type_into("#email", email).await;
    browser.type_into("#password", password).await;
    browser.click_test_id("signin-submit").await;
}

/// Is the element of this test id shown? A closed `<details>` shows
/// nothing but its summary.
async fn shown(browser: &Browser, id: &str) -> bool {
    browser
        .eval(&format!(
            "const e = document.querySelector('[data-testid=\"{id}\"]'); const d = e && e.parentElement.closest('details'); return !!e && e.checkVisibility() && !(d && !d.open);"
        ))
        .await
        == serde_json::Value::Bool(true)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgotten_password_is_reset_from_the_sign_in_page_through_the_mailed_link() {
    // proves: ACC-3, SEC-5
    let Some(browser) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();
    let email = "grace.hopper@example.test";
    accounts::create_user(&server.app.ctx, email, PASSWORD, true)
        .await
        .unwrap();

    browser.open(&server, "/signin").await;
    browser.wait_for_text("page-title", "Sign in").await;
    browser.click_test_id("signin-forgot").await;
    browser
        .wait_for_text("page-title", "Reset your password")
        .await;
    // An empty address is asked for, by its field.
    browser.click_test_id("forgot-submit").await;
    browser.by_test_id("form-alert").await;
    let error = browser
        .eval("return document.querySelector('#email-error').textContent;")
        .await;
    assert_eq!(error, "This field is required.");
    browser.type_into("#email", email).await;
    browser.click_test_id("forgot-submit").await;
    browser
        .wait_for_text("page-title", "Check your mailbox")
        .await;
    browser.screenshot("security-forgot-done").await;

    let link = mailed_path(&server, email, "reset_password", "/reset-password?").await;
    browser.open(&server, &link).await;
    browser
        .wait_for_text("page-title", "Choose a new password")
        .await;
    // A weak password is refused by its field; the link stays good.
    browser.type_into("#password", "password123").await;
    browser.click_test_id("reset-submit").await;
    browser.by_test_id("form-alert").await;
    browser.by_test_id("reset-form").await;
    browser.type_into("#password", NEW_PASSWORD).await;
    browser.screenshot("security-reset").await;
    browser.click_test_id("reset-submit").await;
    browser
        .wait_for_text("page-title", "Password changed")
        .await;
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("security-reset-done").await;

    // The old password no longer opens the account; the new one does.
    sign_in(&browser, &server, email, PASSWORD, "/profile").await;
    browser.by_test_id("form-alert").await;
    sign_in(&browser, &server, email, NEW_PASSWORD, "/profile").await;
    browser.wait_for_text("page-title", "Your profile").await;

    // The link was for one use.
    browser.open(&server, &link).await;
    browser
        .wait_for_text("page-title", "Link invalid or expired")
        .await;

    browser.close().await;
    server.app.check_invariants().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_api_token_is_shown_once_and_revoked_after_its_confirmation() {
    // proves: API-1
    let Some(browser) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();
    let email = "katherine.johnson@example.test";
    accounts::create_user(&server.app.ctx, email, PASSWORD, true)
        .await
        .unwrap();
    sign_in(&browser, &server, email, PASSWORD, "/profile/tokens").await;
    browser.wait_for_text("page-title", "API tokens").await;
    browser.by_test_id("tokens-empty").await;

    // No name: the form asks for one (not a length).
    browser.type_into("#password", PASSWORD).await;
    browser.click_test_id("token-create").await;
    browser.by_test_id("form-alert").await;
    let error = browser
        .eval("return document.querySelector('#name-error').textContent;")
        .await;
    assert_eq!(error, "Enter a name for the token.");

    browser.type_into("#name", "Nightly export").await;
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
    browser.screenshot("security-token-new").await;

    // Shown once: a reload lists it by its prefix only.
    browser.open(&server, "/profile/tokens").await;
    browser.wait_for_text("page-title", "API tokens").await;
    let html = browser.client.source().await.unwrap();
    assert!(!html.contains(&token));
    assert!(html.contains(&token[..12]));

    // Revoking takes two steps: the button is inside a closed disclosure
    // that says what will happen.
    assert!(!shown(&browser, "revoke-token").await);
    browser.click_test_id("revoke-token-open").await;
    assert!(shown(&browser, "revoke-token").await);
    let what = browser
        .eval("return document.querySelector('[data-testid=\"revoke-token-confirm\"] form p').textContent;")
        .await;
    assert!(what.as_str().unwrap().contains("Nightly export"), "{what}");
    browser.screenshot("security-token-confirm").await;
    browser.click_test_id("revoke-token").await;
    browser
        .wait_for_text(
            "saved-notice",
            "The token has been revoked. It no longer works.",
        )
        .await;
    assert!(!shown(&browser, "revoke-token-open").await);
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("security-token-revoked").await;

    let refused = guichet_core::tokens::authenticate_token(
        &server.app.ctx,
        &token,
        &RequestMeta::new("127.0.0.1", "curl/8"),
    )
    .await
    .unwrap_err();
    assert_eq!(refused.code(), "invalid_token");

    browser.close().await;
    server.app.check_invariants().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_session_is_seen_and_ended_after_its_confirmation() {
    // proves: SEC-5
    let Some(browser) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();
    let email = "hedy.lamarr@example.test";
    accounts::create_user(&server.app.ctx, email, PASSWORD, true)
        .await
        .unwrap();
    // Signed in on a phone too.
    let phone_ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
    let SignInOutcome::SignedIn(phone) = security::sign_in(
        &server.app.ctx,
        email,
        PASSWORD,
        &RequestMeta::new("198.51.100.4", phone_ua),
    )
    .await
    .unwrap() else {
        panic!("no second factor here")
    };
    // A moment later, in this browser.
    server.app.advance(jiff::SignedDuration::from_secs(60));

    sign_in(&browser, &server, email, PASSWORD, "/profile/security").await;
    browser.wait_for_text("page-title", "Security").await;
    let devices = browser
        .eval("return [...document.querySelectorAll('[data-testid=\"session\"] strong')].map(e => e.textContent);")
        .await;
    assert_eq!(devices.as_array().unwrap().len(), 2, "{devices}");
    assert!(devices.to_string().contains("Safari on iOS"), "{devices}");
    browser.by_test_id("this-session").await;

    // Opened from the keyboard, the disclosure says what will happen.
    assert!(!shown(&browser, "end-session").await);
    browser
        .by_test_id("end-session-open")
        .await
        .send_keys("\u{e007}")
        .await
        .unwrap();
    assert!(shown(&browser, "end-session").await);
    let what = browser
        .eval("return document.querySelector('[data-testid=\"end-session-confirm\"] form p').textContent;")
        .await;
    assert!(what.as_str().unwrap().contains("Safari on iOS"), "{what}");
    browser.screenshot("security-session-confirm").await;
    browser.click_test_id("end-session").await;
    browser
        .wait_for_text("saved-notice", "The session has been ended.")
        .await;
    let left = browser
        .eval("return document.querySelectorAll('[data-testid=\"session\"]').length;")
        .await;
    assert_eq!(left, 1);
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("security-session-ended").await;

    // The phone is signed out; this browser is not.
    assert!(
        security::authenticate_session(&server.app.ctx, &phone.token)
            .await
            .is_err()
    );
    browser.open(&server, "/profile").await;
    browser.wait_for_text("page-title", "Your profile").await;

    browser.close().await;
    server.app.check_invariants().await;
}
