//! Organisations in a real browser (chromium through chromedriver), with
//! two people in two browsers: an owner invites someone by e-mail with
//! restricted rights; the invitee opens the mailed link, signs up through
//! it, confirms the address, signs in and accepts; restricted, they do not
//! see billing; the owner removes them; the audit log shows each step.
//! Screenshots go to `target/screenshots/orgs-*.png`, also at a phone's
//! size.
//!
//! Skipped loudly without chromium; required with
//! `GUICHET_TEST_REQUIRE_BROWSER=1` (see `browser.rs`).

use fantoccini::Locator;
use guichet_core::{accounts, db::Engine};

use crate::browser::{Browser, Server};

const OWNER: &str = "olivia.owner@example.test";
const INVITEE: &str = "bea.baker@example.test";
const PASSWORD: &str = "correct horse battery staple";

/// The path of the link to `path` in the mails to `to` (mails carry the
/// configured public address, not the test server's; the test clock
/// stands still, so mails are told apart by their link, not their order).
async fn path_in_mails(server: &Server, to: &str, path: &str) -> String {
    let mails = server.app.mails_to(to).await;
    let text = mails
        .iter()
        .map(|m| m.text.as_str())
        .find(|t| t.contains(path))
        .unwrap_or_else(|| panic!("no {path} link in {mails:?}"));
    let rest = &text[text.find(path).unwrap_or_default()..];
    rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())].to_string()
}

impl Browser {
    /// The whole page's text, as a person reads it.
    async fn page_text(&self) -> String {
        self.eval("return document.body.innerText;")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    async fn path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_string()
    }

    async fn sign_in(&self, email: &str) {
        self.type_into("#email", email).await;
        self.type_into("#password", PASSWORD).await;
        self.click_test_id("signin-submit").await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_invites_a_restricted_user_who_joins_and_is_removed() {
    // proves: ACC-7, ORG-1, ORG-2, ORG-3, OPS-5
    let Some(owner) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();
    accounts::create_user(&server.app.ctx, OWNER, PASSWORD, true)
        .await
        .unwrap();

    // The owner signs in through the form and creates an organisation.
    owner.open(&server, "/signin").await;
    owner.sign_in(OWNER).await;
    owner
        .wait_for_text("page-title", "Welcome to your customer centre")
        .await;
    owner.by_test_id("home-org").await;
    owner.open(&server, "/orgs").await;
    owner.type_into("#name", "Acme Bakery SA").await;
    owner.click_test_id("org-create").await;
    owner.wait_for_text("page-title", "Acme Bakery SA").await;
    let org_path = owner.path().await;
    let org_id = org_path.trim_start_matches("/orgs/").to_string();

    // The switcher lists both organisations; it opens the other at once.
    owner.client.set_window_size(1280, 900).await.unwrap();
    owner.click_test_id("org-switcher-toggle").await;
    let entries = owner
        .client
        .find_all(Locator::Css(r#"[data-testid="org-switch"]"#))
        .await
        .unwrap();
    assert_eq!(entries.len(), 2);
    owner.screenshot("orgs-switcher").await;
    owner.click_test_id("org-switch-all").await;
    owner.wait_for_text("page-title", "Organisations").await;
    owner.open(&server, &org_path).await;

    // Invite by e-mail, as a restricted user with the domains only.
    owner.click_test_id("tab-members").await;
    owner.wait_for_text("page-title", "Members").await;
    owner.type_into("#email", INVITEE).await;
    owner
        .client
        .find(Locator::Css("#right-kind-domain"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    owner.click_test_id("invite-send").await;
    owner
        .wait_for_text("saved-notice", "The invitation has been sent.")
        .await;
    assert!(owner.page_text().await.contains(INVITEE));

    // The invitee, in a browser of their own, opens the mailed link.
    let Some(bea) = Browser::start().await else {
        return;
    };
    let link = path_in_mails(&server, INVITEE, "/invitations/").await;
    bea.open(&server, &link).await;
    bea.wait_for_text("page-title", "Invitation").await;
    assert_eq!(bea.text_of("invitation-org").await, "Acme Bakery SA");
    assert_eq!(bea.text_of("invitation-email").await, INVITEE);
    bea.assert_no_horizontal_scroll().await;
    bea.screenshot("orgs-invitation").await;

    // They sign up through it and confirm their address from the mail.
    bea.click_test_id("invitation-signup").await;
    bea.wait_for_text("page-title", "Create your account").await;
    bea.type_into("#email", INVITEE).await;
    bea.type_into("#password", PASSWORD).await;
    bea.type_into("#name", "Bea Baker").await;
    bea.click_test_id("signup-submit").await;
    bea.wait_for_text("page-title", "Check your mailbox").await;
    let verify = path_in_mails(&server, INVITEE, "/verify-email?token=").await;
    bea.open(&server, &verify).await;
    bea.wait_for_text("page-title", "Address confirmed").await;
    // On to sign in, and back to the invitation.
    bea.client
        .find(Locator::Css(".actions a.button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    bea.wait_for_text("page-title", "Sign in").await;
    bea.sign_in(INVITEE).await;
    bea.wait_for_text("page-title", "Invitation").await;
    assert_eq!(bea.path().await, link);
    bea.screenshot("orgs-invitation-signed-in").await;
    bea.click_test_id("invitation-accept").await;
    bea.wait_for_text("page-title", "Acme Bakery SA").await;
    assert_eq!(
        bea.text_of("saved-notice").await,
        "Welcome: you are now a member of this organisation."
    );

    // Restricted to domains: no Billing tab, and its page is refused.
    // (The products her rights open, and the shop to browse, are hers.)
    let tabs = bea.text_of("org-tabs").await;
    let tabs: Vec<&str> = tabs.split_whitespace().collect();
    assert_eq!(tabs, ["Overview", "Products", "Shop"], "her tabs: {tabs:?}");
    bea.open(&server, &format!("/orgs/{org_id}/billing")).await;
    bea.wait_for_text("page-title", "Not allowed").await;
    bea.screenshot("orgs-billing-refused").await;

    // The owner sees them among the members, with their rights.
    owner.client.set_window_size(1280, 1400).await.unwrap();
    owner
        .open(&server, &format!("/orgs/{org_id}/members"))
        .await;
    owner.wait_for_text("page-title", "Members").await;
    let members = owner.text_of("members").await;
    assert!(members.contains("Bea Baker"), "{members}");
    assert!(members.contains("All domains"), "{members}");
    owner.assert_no_horizontal_scroll().await;
    owner.screenshot("orgs-members").await;

    // On a phone: the members as cards, nothing to scroll sideways.
    owner.client.set_window_size(390, 844).await.unwrap();
    owner
        .open(&server, &format!("/orgs/{org_id}/members"))
        .await;
    owner.wait_for_text("page-title", "Members").await;
    assert_eq!(owner.eval("return window.innerWidth;").await, 390);
    owner.assert_no_horizontal_scroll().await;
    owner.screenshot("orgs-members-phone").await;
    owner.click_test_id("org-switcher-toggle").await;
    owner.by_test_id("org-switch-all").await;
    owner.assert_no_horizontal_scroll().await;
    owner.screenshot("orgs-switcher-phone").await;
    owner.client.set_window_size(390, 2400).await.unwrap();
    owner.screenshot("orgs-members-phone-full").await;
    owner.client.set_window_size(1280, 1400).await.unwrap();

    // The owner removes them.
    let bea_id = {
        let mut c = server.app.ctx.db.acquire().await.unwrap();
        guichet_core::accounts::store::user_by_email(c.conn(), INVITEE)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    owner
        .client
        .find(Locator::Css(&format!("#remove-{bea_id}")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The removal asks to confirm first.
    owner.click_test_id("members-remove").await;
    owner.click_test_id("members-remove-confirm").await;
    owner
        .wait_for_text("saved-notice", "The selected members have been removed.")
        .await;
    assert!(!owner.text_of("members").await.contains("Bea Baker"));

    // Removed, the organisation no longer exists for them.
    bea.open(&server, &format!("/orgs/{org_id}")).await;
    bea.wait_for_text("page-title", "Page not found").await;

    // The audit log shows each step.
    owner.click_test_id("tab-audit").await;
    owner.wait_for_text("page-title", "Audit log").await;
    let log = owner.text_of("audit-log").await;
    for step in [
        "Invitation sent",
        "invitation.created",
        "Member joined",
        "member.joined",
        "Member removed",
        "member.removed",
        "Invitation to bea.baker@example.test",
        "Member bea.baker@example.test",
        "Organisation created",
    ] {
        assert!(log.contains(step), "{step} missing from the log:\n{log}");
    }
    owner.assert_no_horizontal_scroll().await;
    owner.screenshot("orgs-audit").await;
    owner.client.set_window_size(390, 844).await.unwrap();
    owner.open(&server, &format!("/orgs/{org_id}/audit")).await;
    owner.wait_for_text("page-title", "Audit log").await;
    owner.assert_no_horizontal_scroll().await;
    owner.screenshot("orgs-audit-phone").await;

    // The other pages, for review.
    owner.client.set_window_size(1280, 1600).await.unwrap();
    for (path, title, shot) in [
        ("", "Acme Bakery SA", "orgs-overview"),
        ("/teams", "Teams", "orgs-teams"),
        ("/billing", "Billing", "orgs-billing"),
    ] {
        owner.open(&server, &format!("/orgs/{org_id}{path}")).await;
        owner.wait_for_text("page-title", title).await;
        owner.assert_no_horizontal_scroll().await;
        owner.screenshot(shot).await;
    }

    bea.close().await;
    owner.close().await;
    server.app.check_invariants().await;
}
