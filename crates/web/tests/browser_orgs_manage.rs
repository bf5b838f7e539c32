//! Managing an organisation in a real browser: teams (create, add a member,
//! delete after confirming), billing addresses (add, make another the
//! default, delete after confirming, by keyboard), and the hand-over of
//! the legal representative's role (started by one person, accepted by
//! the other in a browser of their own). Destructive actions are a
//! disclosure: the first click only says what will happen.
//!
//! Screenshots go to `target/screenshots/orgs-manage-*.png`. Skipped
//! loudly without chromium; required with `GUICHET_TEST_REQUIRE_BROWSER=1`.

use fantoccini::{Locator, elements::Element, key::Key};
use guichet_core::{accounts, db::Engine, orgs::Role};

use crate::{
    browser::{Browser, Server},
    console_support::user_id,
    orgs_support::add_member,
};

const PASSWORD: &str = "correct horse battery staple";

/// A verified user (named by their address) and their personal
/// organisation (ACC-7).
async fn user_with_org(server: &Server, email: &str) -> (String, String) {
    let app = &server.app;
    accounts::create_user(&app.ctx, email, PASSWORD, true)
        .await
        .unwrap();
    let id = user_id(app, email).await;
    let mut c = app.ctx.db.acquire().await.unwrap();
    let org = guichet_core::orgs::store::orgs_of_user(c.conn(), &id)
        .await
        .unwrap()
        .remove(0)
        .0
        .id
        .into_string();
    (id, org)
}

/// Sign in through the form.
async fn sign_in(b: &Browser, server: &Server, email: &str) {
    b.open(server, "/signin").await;
    b.type_into("#email", email).await;
    b.type_into("#password", PASSWORD).await;
    b.click_test_id("signin-submit").await;
    b.wait_for_text("page-title", "Welcome to your customer centre")
        .await;
}

async fn tick(b: &Browser, css: &str) {
    b.client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap();
}

/// The listed item (`data-testid=<item>`) whose text contains `text`.
async fn item_with(b: &Browser, item: &str, text: &str) -> Element {
    let items = b
        .client
        .find_all(Locator::Css(&format!(r#"[data-testid="{item}"]"#)))
        .await
        .unwrap();
    for i in items {
        if i.text().await.unwrap_or_default().contains(text) {
            return i;
        }
    }
    panic!("no {item} with {text}");
}

async fn within(e: &Element, testid: &str) -> Element {
    e.find(Locator::Css(&format!(r#"[data-testid="{testid}"]"#)))
        .await
        .unwrap_or_else(|err| panic!("no {testid} inside: {err}"))
}

async fn displayed(b: &Browser, testid: &str) -> bool {
    match b
        .client
        .find(Locator::Css(&format!(r#"[data-testid="{testid}"]"#)))
        .await
    {
        Ok(e) => e.is_displayed().await.unwrap_or(false),
        Err(_) => false,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_makes_a_team_adds_a_member_and_deletes_it_after_confirming() {
    // proves: ORG-4
    let Some(b) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();
    let (_, org) = user_with_org(&server, "tara@example.test").await;
    for email in ["ugo@example.test", "vic@example.test"] {
        let (id, _) = user_with_org(&server, email).await;
        add_member(&server.app, &org, &id, Role::User, &[]).await;
    }
    let ugo = user_id(&server.app, "ugo@example.test").await;
    let vic = user_id(&server.app, "vic@example.test").await;
    sign_in(&b, &server, "tara@example.test").await;

    // Create: a name, one member, a right.
    b.open(&server, &format!("/orgs/{org}/teams")).await;
    b.wait_for_text("page-title", "Teams").await;
    b.by_test_id("teams-empty").await;
    b.by_test_id("rights-no-products").await;
    b.type_into("#name", "Support").await;
    tick(&b, &format!("#team-member-{ugo}")).await;
    tick(&b, "#right-billing-view").await;
    b.click_test_id("team-save").await;
    b.wait_for_text("saved-notice", "The team has been created.")
        .await;
    let team = b.text_of("team").await;
    assert!(
        team.contains("Support") && team.contains("ugo@example.test"),
        "{team}"
    );
    assert!(team.contains("View invoices and billing"), "{team}");

    // Add a member on its page.
    b.click_test_id("team-edit").await;
    b.wait_for_text("page-title", "Support").await;
    tick(&b, &format!("#team-member-{vic}")).await;
    b.click_test_id("team-save").await;
    b.wait_for_text("saved-notice", "The team has been saved.")
        .await;
    let team = b.text_of("team").await;
    assert!(
        team.contains("ugo@example.test") && team.contains("vic@example.test"),
        "{team}"
    );
    // The member's page names the team.
    b.open(&server, &format!("/orgs/{org}/members/{vic}")).await;
    b.wait_for_text("page-title", "vic@example.test").await;
    assert!(b.text_of("member-form").await.contains("Rights"));
    let facts = b
        .eval("return document.querySelector('#member dl').innerText;")
        .await;
    assert!(facts.as_str().unwrap().contains("Support"), "{facts}");

    // Delete: the first click only says what will happen.
    b.open(&server, &format!("/orgs/{org}/teams")).await;
    b.wait_for_text("page-title", "Teams").await;
    assert!(!displayed(&b, "team-delete-confirm").await);
    b.click_test_id("team-delete").await;
    assert!(displayed(&b, "team-delete-confirm").await);
    let said = b.text_of("team-delete-box").await;
    assert!(said.contains("The team Support will be deleted."), "{said}");
    b.assert_no_horizontal_scroll().await;
    b.screenshot("orgs-manage-team-delete").await;
    // Changing one's mind: the same control closes it; nothing happened.
    b.click_test_id("team-delete").await;
    assert!(!displayed(&b, "team-delete-confirm").await);
    b.click_test_id("team-delete").await;
    b.click_test_id("team-delete-confirm").await;
    b.wait_for_text("saved-notice", "The team has been deleted.")
        .await;
    b.by_test_id("teams-empty").await;

    b.close().await;
    server.app.check_invariants().await;
}

async fn add_address(b: &Browser, name: &str, postcode: &str) {
    b.type_into("#name", name).await;
    b.type_into("#street", "Rue du Rhône").await;
    b.type_into("#building_number", "3").await;
    b.type_into("#postcode", postcode).await;
    b.type_into("#town", "Genève").await;
    b.type_into("#country", "CH").await;
    b.click_test_id("address-save").await;
    b.wait_for_text("saved-notice", "The address has been added.")
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn billing_addresses_are_added_made_default_and_deleted_after_confirming() {
    // proves: ORG-7
    let Some(b) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();
    let (_, org) = user_with_org(&server, "wanda@example.test").await;
    sign_in(&b, &server, "wanda@example.test").await;

    b.open(&server, &format!("/orgs/{org}/billing")).await;
    b.wait_for_text("page-title", "Billing").await;
    b.by_test_id("addresses-empty").await;
    add_address(&b, "Head office", "1204").await;
    add_address(&b, "Cellar", "1205").await;
    let first = item_with(&b, "address", "Head office").await;
    within(&first, "address-default").await;

    // The other one becomes the default.
    let cellar = item_with(&b, "address", "Cellar").await;
    within(&cellar, "address-make-default")
        .await
        .click()
        .await
        .unwrap();
    b.wait_for_text("saved-notice", "The default address has been changed.")
        .await;
    let cellar = item_with(&b, "address", "Cellar").await;
    within(&cellar, "address-default").await;

    // Delete the old one, by keyboard: the action, then its confirmation.
    let head = item_with(&b, "address", "Head office").await;
    let summary = within(&head, "address-delete").await;
    summary.send_keys(&Key::Enter.to_string()).await.unwrap();
    let confirm = within(&head, "address-delete-confirm").await;
    assert!(confirm.is_displayed().await.unwrap());
    let said = within(&head, "address-delete-box")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        said.contains("The address Head office will be deleted for good."),
        "{said}"
    );
    b.client.set_window_size(390, 844).await.unwrap();
    b.assert_no_horizontal_scroll().await;
    b.screenshot("orgs-manage-address-delete-phone").await;
    b.client.set_window_size(1280, 900).await.unwrap();
    confirm.send_keys(&Key::Enter.to_string()).await.unwrap();
    b.wait_for_text("saved-notice", "The address has been deleted.")
        .await;
    let left = b.text_of("addresses").await;
    assert!(
        left.contains("Cellar") && !left.contains("Head office"),
        "{left}"
    );

    b.close().await;
    server.app.check_invariants().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_legal_representative_hands_over_and_the_owner_named_accepts() {
    // proves: ORG-5, ORG-6
    let Some(legal) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();
    let (_, org) = user_with_org(&server, "xavier@example.test").await;
    let (yara, _) = user_with_org(&server, "yara@example.test").await;
    add_member(&server.app, &org, &yara, Role::Owner, &[]).await;
    sign_in(&legal, &server, "xavier@example.test").await;

    // The legal representative cannot leave, and is told how instead.
    legal.open(&server, &format!("/orgs/{org}")).await;
    legal.by_test_id("leave-legal-hint").await;
    assert!(!displayed(&legal, "leave-org").await);

    legal.open(&server, &format!("/orgs/{org}/members")).await;
    legal.wait_for_text("page-title", "Members").await;
    let to = legal.text_of("handover-form").await;
    assert!(to.contains("yara@example.test"), "{to}");
    legal.click_test_id("handover-start").await;
    legal
        .wait_for_text(
            "saved-notice",
            "The hand-over has been requested. The owner named has been told by e-mail.",
        )
        .await;
    assert!(
        legal
            .text_of("handover-pending")
            .await
            .contains("yara@example.test")
    );

    // Yara, in a browser of her own, accepts.
    let Some(owner) = Browser::start().await else {
        return;
    };
    sign_in(&owner, &server, "yara@example.test").await;
    owner.open(&server, &format!("/orgs/{org}/members")).await;
    owner.by_test_id("handover-notice").await;
    owner.screenshot("orgs-manage-handover-named").await;
    owner.click_test_id("handover-accept").await;
    owner
        .wait_for_text(
            "saved-notice",
            "You are now the legal representative of this organisation.",
        )
        .await;
    assert!(
        owner
            .text_of("org-role")
            .await
            .ends_with("Legal representative")
    );

    // Xavier is an owner now, and may leave (after confirming).
    legal.open(&server, &format!("/orgs/{org}")).await;
    assert!(legal.text_of("org-role").await.ends_with("Owner"));
    legal.click_test_id("leave-org").await;
    legal.click_test_id("leave-org-confirm").await;
    legal
        .wait_for_text("saved-notice", "You have left the organisation.")
        .await;

    owner.close().await;
    legal.close().await;
    server.app.check_invariants().await;
}
