//! The organisation pages of the console, in process on both engines: a
//! visitor with a cookie jar creates organisations and switches between
//! them, changes the settings, invites someone who accepts through the
//! mailed link, changes rights, removes members, makes teams and billing
//! addresses, leaves, hands over, and reads the audit log — the way a
//! browser would, form tokens included.

use std::sync::Arc;

use axum::http::{StatusCode, header};
use guichet_core::{accounts, both_engines, orgs::Role, testing::TestApp};

use crate::{
    console_support::{Visit, assert_redirect, link_in_mail, signed_in, user_id},
    orgs_support::{add_member, invitation_token, mark_invoiced},
    support::Answer,
};

const PASSWORD: &str = "correct horse battery staple";

/// A verified user, signed in through the form.
async fn person(app: &Arc<TestApp>, email: &str) -> Visit {
    accounts::create_user(&app.ctx, email, PASSWORD, true)
        .await
        .unwrap();
    signed_in(app, email, PASSWORD).await
}

/// A new organisation made through `/orgs`; its id.
async fn new_org(v: &mut Visit, name: &str) -> String {
    v.get("/orgs").await;
    let res = v
        .post(
            "/orgs",
            &[
                ("name", name),
                ("kind", "company"),
                ("country", "CH"),
                ("currency", "CHF"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
    let to = res.header(header::LOCATION);
    let id = to
        .strip_prefix("/orgs/")
        .and_then(|r| r.strip_suffix("?saved=org-created"))
        .unwrap_or_else(|| panic!("redirected to {to}"));
    id.to_string()
}

/// The page at `path`, which must answer 200.
async fn page(v: &mut Visit, path: &str) -> String {
    let res = v.get(path).await;
    assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.text());
    res.text()
}

fn assert_status(res: &Answer, status: StatusCode) {
    assert_eq!(res.status, status, "{}", res.text());
}

/// The organisation of which `email` is the sole legal representative
/// (made at sign-up, ACC-7).
async fn personal_org(app: &TestApp, email: &str) -> String {
    let id = user_id(app, email).await;
    let mut c = app.ctx.db.acquire().await.unwrap();
    guichet_core::orgs::store::orgs_of_user(c.conn(), &id)
        .await
        .unwrap()
        .remove(0)
        .0
        .id
        .into_string()
}

both_engines!(an_owner_creates_organisations_switches_and_changes_the_settings);
async fn an_owner_creates_organisations_switches_and_changes_the_settings(app: Arc<TestApp>) {
    // proves: ACC-7, ORG-1
    let email = "olga@example.test";
    let mut v = person(&app, email).await;
    let personal = personal_org(&app, email).await;

    // The home page lists the user's organisations with links.
    let html = page(&mut v, "/").await;
    assert_eq!(html.matches(r#"data-testid="home-org""#).count(), 1);
    assert!(
        html.contains(&format!(r#"href="/orgs/{personal}""#)),
        "{html}"
    );

    // A name is required; the form comes back with the error by its field.
    v.get("/orgs").await;
    let res = v
        .post(
            "/orgs",
            &[("name", " "), ("kind", "company"), ("country", "ZZ")],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    assert!(html.contains(r#"id="name-error""#), "{html}");
    assert!(
        html.contains("Give a name of 1 to 100 characters."),
        "{html}"
    );
    assert!(html.contains(r#"id="country-error""#), "{html}");
    assert!(html.contains(r#"value="ZZ""#), "the typed country is kept");

    let org = new_org(&mut v, "Acme").await;
    let html = page(&mut v, &format!("/orgs/{org}?saved=org-created")).await;
    assert!(
        html.contains("The organisation has been created."),
        "{html}"
    );
    assert!(html.contains("Legal representative"), "{html}");

    // ACC-7: the switcher lists both, with the role, this one current.
    assert_eq!(html.matches(r#"data-testid="org-switch""#).count(), 2);
    assert!(
        html.contains(&format!(
            r#"<a href="/orgs/{org}" data-testid="org-switch" aria-current="true">"#
        )),
        "{html}"
    );
    assert!(html.contains(&format!(
        r#"<a href="/orgs/{personal}" data-testid="org-switch">"#
    )));
    // An admin sees every tab.
    for tab in ["overview", "members", "teams", "billing", "audit"] {
        assert!(
            html.contains(&format!(r#"data-testid="tab-{tab}""#)),
            "{tab}"
        );
    }

    // Settings: a VAT number of a wrong format is refused by its field.
    let settings = |vat: &'static str| {
        [
            ("name", "Acme SA"),
            ("kind", "company"),
            ("country", "CH"),
            ("language", "fr"),
            ("currency", "EUR"),
            ("vat_number", vat),
        ]
    };
    let res = v
        .post(&format!("/orgs/{org}"), &settings("CHE-100.000.007"))
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    assert!(html.contains(r#"id="vat_number-error""#), "{html}");
    assert!(
        html.contains(r#"aria-describedby="vat_number-hint vat_number-error""#),
        "{html}"
    );
    assert!(html.contains(r#"value="CHE-100.000.007""#), "{html}");
    let res = v
        .post(&format!("/orgs/{org}"), &settings("che 100 000 006 mwst"))
        .await;
    assert_redirect(&res, &format!("/orgs/{org}?saved=settings"));
    let html = page(&mut v, &format!("/orgs/{org}?saved=settings")).await;
    assert!(html.contains("The settings have been saved."), "{html}");
    assert!(html.contains(r#"value="CHE-100.000.006 MWST""#), "{html}");
    assert!(html.contains(r#"<option value="EUR" selected>"#), "{html}");
    assert!(html.contains(">Acme SA</h1>"), "{html}");

    // Once invoiced, the currency is fixed: the select is disabled and
    // says why; a forged change is refused with the reason.
    mark_invoiced(&app, &org).await;
    let html = page(&mut v, &format!("/orgs/{org}")).await;
    assert!(html.contains(r#"data-testid="currency-locked""#), "{html}");
    assert!(html.contains("already has invoices"), "{html}");
    let mut forged = settings("");
    forged[4] = ("currency", "CHF");
    let res = v.post(&format!("/orgs/{org}"), &forged).await;
    assert_status(&res, StatusCode::CONFLICT);
    assert!(
        res.text()
            .contains("The currency cannot change once the organisation has an invoice."),
        "{}",
        res.text()
    );
}

both_engines!(an_invitation_is_accepted_through_its_mailed_link);
async fn an_invitation_is_accepted_through_its_mailed_link(app: Arc<TestApp>) {
    // proves: ORG-2
    let mut owner = person(&app, "owen@example.test").await;
    let org = new_org(&mut owner, "Bakery").await;
    let invitee = "ivy@example.test";

    // Invited as a restricted user with rights on domains and one product.
    page(&mut owner, &format!("/orgs/{org}/members")).await;
    let res = owner
        .post(
            &format!("/orgs/{org}/invitations"),
            &[
                ("email", "not an address"),
                ("role", "user"),
                ("rights", "kind:domain"),
            ],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    assert!(html.contains(r#"id="email-error""#), "{html}");
    assert!(
        html.contains(r#"value="kind:domain" checked"#),
        "the rights ticked are kept: {html}"
    );
    let res = owner
        .post(
            &format!("/orgs/{org}/invitations"),
            &[
                ("email", invitee),
                ("role", "user"),
                ("rights", "kind:domain"),
                ("rights", "product:prd_1"),
            ],
        )
        .await;
    assert_redirect(&res, &format!("/orgs/{org}/members?saved=invited"));
    let html = page(&mut owner, &format!("/orgs/{org}/members")).await;
    assert!(html.contains(r#"data-testid="invitation""#), "{html}");
    assert!(html.contains(invitee), "{html}");
    // A product is named, never shown by its id; the organisation has
    // none, so the form says so instead of asking for ids.
    assert!(
        html.contains("All domains") && html.contains("A product no longer listed"),
        "{html}"
    );
    assert!(!html.contains("prd_1"), "no internal id: {html}");
    assert!(
        html.contains(r#"data-testid="rights-no-products""#),
        "{html}"
    );
    assert!(!html.contains(r#"name="products""#), "{html}");

    // Twice is refused, with what to do instead.
    let res = owner
        .post(
            &format!("/orgs/{org}/invitations"),
            &[("email", invitee), ("role", "user")],
        )
        .await;
    assert_status(&res, StatusCode::CONFLICT);
    assert!(res.text().contains("already has a pending invitation"));

    // Signed out, the link shows the organisation and the way in.
    let token = invitation_token(&app, invitee).await;
    let link = format!("/invitations/{token}");
    let mut ivy = Visit::new(&app);
    let html = page(&mut ivy, &link).await;
    assert!(html.contains("Bakery"), "{html}");
    assert!(html.contains(invitee), "{html}");
    let next = format!("%2Finvitations%2F{token}");
    assert!(
        html.contains(&format!(r#"href="/signin?next={next}""#)),
        "{html}"
    );
    assert!(
        html.contains(&format!(r#"href="/signup?next={next}""#)),
        "{html}"
    );
    assert!(!html.contains(r#"data-testid="invitation-accept""#));

    // Sign up through it: after the confirmation, sign in and come back.
    // The invited address is filled in (proves: ORG-2).
    let html = page(&mut ivy, &format!("/signup?next={next}")).await;
    assert!(
        html.contains(&format!(r#"name="next" value="{link}""#)),
        "{html}"
    );
    assert!(
        html.contains(&format!(r#"name="email" value="{invitee}""#)),
        "{html}"
    );
    let res = ivy
        .post(
            "/signup",
            &[("email", invitee), ("password", PASSWORD), ("next", &link)],
        )
        .await;
    assert_status(&res, StatusCode::OK);
    let verify = link_in_mail(&app, invitee, "/verify-email").await;
    let html = page(&mut ivy, &verify).await;
    assert!(
        html.contains(&format!(r#"href="/signin?next={next}""#)),
        "{html}"
    );
    page(&mut ivy, &format!("/signin?next={next}")).await;
    let res = ivy
        .post(
            "/signin",
            &[("email", invitee), ("password", PASSWORD), ("next", &link)],
        )
        .await;
    assert_redirect(&res, &link);
    assert!(
        ivy.cookie("guichet_next").is_none(),
        "the cookie has served"
    );

    // Signed in with the invited address: accept.
    let html = page(&mut ivy, &link).await;
    assert!(
        html.contains(r#"data-testid="invitation-accept""#),
        "{html}"
    );
    let res = ivy.post(&link, &[]).await;
    assert_redirect(&res, &format!("/orgs/{org}?saved=joined"));
    let html = page(&mut ivy, &format!("/orgs/{org}?saved=joined")).await;
    assert!(html.contains("you are now a member"), "{html}");
    // They came to join: no organisation of their own besides (ACC-7).
    let html = page(&mut ivy, "/orgs").await;
    assert_eq!(
        html.matches(r#"data-testid="org-switch""#).count(),
        1,
        "{html}"
    );
    assert!(html.contains("Restricted user"), "{html}");

    // The members page shows them with their rights; the link is spent.
    let html = page(&mut owner, &format!("/orgs/{org}/members")).await;
    assert_eq!(html.matches(r#"data-testid="member""#).count(), 2);
    assert!(html.contains(invitee), "{html}");
    assert!(
        html.contains("All domains") && html.contains("A product no longer listed"),
        "{html}"
    );
    assert!(
        html.contains(r#"data-testid="invitations-empty""#),
        "{html}"
    );
    let html = page(&mut ivy, &link).await;
    assert!(html.contains("already been accepted"), "{html}");
    assert_status(&ivy.post(&link, &[]).await, StatusCode::CONFLICT);

    // Someone signed in with another address is told so, and refused.
    page(&mut owner, &format!("/orgs/{org}/members")).await;
    owner
        .post(
            &format!("/orgs/{org}/invitations"),
            &[("email", "zoe@example.test"), ("role", "owner")],
        )
        .await;
    let other = format!(
        "/invitations/{}",
        invitation_token(&app, "zoe@example.test").await
    );
    let html = page(&mut ivy, &other).await;
    assert!(
        html.contains("This invitation was sent to zoe@example.test, but you are signed in as ivy@example.test."),
        "{html}"
    );
    assert!(!html.contains(r#"data-testid="invitation-accept""#));
    assert_status(&ivy.post(&other, &[]).await, StatusCode::FORBIDDEN);

    // Resent, the old link stops; revoked, the new one too.
    let html = page(&mut owner, &format!("/orgs/{org}/members")).await;
    let start = html.find(&format!("/orgs/{org}/invitations/inv_")).unwrap();
    let resend = &html[start..start + html[start..].find('"').unwrap()];
    assert!(resend.ends_with("/resend"), "{resend}");
    let res = owner.post(resend, &[]).await;
    assert_redirect(
        &res,
        &format!("/orgs/{org}/members?saved=invitation-resent"),
    );
    assert_status(&ivy.get(&other).await, StatusCode::NOT_FOUND);
    let newer = format!(
        "/invitations/{}",
        invitation_token(&app, "zoe@example.test").await
    );
    assert_ne!(newer, other);
    let revoke = resend.replace("/resend", "/revoke");
    page(&mut owner, &format!("/orgs/{org}/members")).await;
    let res = owner.post(&revoke, &[]).await;
    assert_redirect(
        &res,
        &format!("/orgs/{org}/members?saved=invitation-revoked"),
    );
    let html = page(&mut ivy, &newer).await;
    assert!(html.contains("withdrawn by the organisation"), "{html}");
}

both_engines!(a_restricted_user_sees_only_what_their_rights_open);
async fn a_restricted_user_sees_only_what_their_rights_open(app: Arc<TestApp>) {
    // proves: ORG-1, ORG-2, ORG-3
    let mut owner = person(&app, "rita@example.test").await;
    let org = new_org(&mut owner, "Garage").await;
    let mut sam = person(&app, "sam@example.test").await;
    let sam_id = user_id(&app, "sam@example.test").await;
    add_member(&app, &org, &sam_id, Role::User, &["kind:domain"]).await;

    // No billing, members or audit tab; those pages answer 403, and no
    // settings form.
    let html = page(&mut sam, &format!("/orgs/{org}")).await;
    assert!(html.contains(r#"data-testid="tab-overview""#), "{html}");
    for tab in ["members", "teams", "billing", "audit"] {
        assert!(
            !html.contains(&format!(r#"data-testid="tab-{tab}""#)),
            "{tab}: {html}"
        );
    }
    assert!(!html.contains(r#"data-testid="settings-form""#));
    assert!(html.contains("Your rights do not include seeing"), "{html}");
    for path in ["billing", "members", "teams", "audit"] {
        let res = sam.get(&format!("/orgs/{org}/{path}")).await;
        assert_status(&res, StatusCode::FORBIDDEN);
    }
    let res = sam
        .post(
            &format!("/orgs/{org}"),
            &[("name", "Mine now"), ("country", "CH")],
        )
        .await;
    assert_status(&res, StatusCode::FORBIDDEN);

    // The owner grants billing:view on the member's page.
    let html = page(&mut owner, &format!("/orgs/{org}/members/{sam_id}")).await;
    assert!(html.contains(r#"value="kind:domain" checked"#), "{html}");
    let res = owner
        .post(
            &format!("/orgs/{org}/members/{sam_id}"),
            &[
                ("role", "user"),
                ("rights", "kind:domain"),
                ("rights", "billing:view"),
            ],
        )
        .await;
    assert_redirect(&res, &format!("/orgs/{org}/members?saved=member-updated"));

    // Now the Billing tab, read-only: no forms, and posting is refused.
    let html = page(&mut sam, &format!("/orgs/{org}")).await;
    assert!(html.contains(r#"data-testid="tab-billing""#), "{html}");
    assert!(!html.contains(r#"data-testid="tab-audit""#), "{html}");
    let html = page(&mut sam, &format!("/orgs/{org}/billing")).await;
    assert!(html.contains(r#"data-testid="billing-readonly""#), "{html}");
    assert!(!html.contains(r#"data-testid="address-form""#), "{html}");
    let res = sam
        .post(
            &format!("/orgs/{org}/billing"),
            &[
                ("name", "Sam"),
                ("street", "Rue du Lac"),
                ("postcode", "1204"),
                ("town", "Genève"),
                ("country", "CH"),
            ],
        )
        .await;
    assert_status(&res, StatusCode::FORBIDDEN);

    // A bad product id is refused by the rights' fieldset.
    page(&mut owner, &format!("/orgs/{org}/members/{sam_id}")).await;
    let res = owner
        .post(
            &format!("/orgs/{org}/members/{sam_id}"),
            &[("role", "user"), ("rights", "product:prd/1")],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text().contains(r#"id="rights-error""#),
        "{}",
        res.text()
    );
}

both_engines!(several_members_are_removed_at_once);
async fn several_members_are_removed_at_once(app: Arc<TestApp>) {
    // proves: ORG-3
    let mut owner = person(&app, "lena@example.test").await;
    let org = new_org(&mut owner, "Studio").await;
    let mut ids = Vec::new();
    for who in ["ann", "bob", "cid"] {
        let email = format!("{who}@example.test");
        accounts::create_user(&app.ctx, &email, PASSWORD, true)
            .await
            .unwrap();
        let id = user_id(&app, &email).await;
        add_member(&app, &org, &id, Role::User, &[]).await;
        ids.push(id);
    }
    let lena = user_id(&app, "lena@example.test").await;
    let html = page(&mut owner, &format!("/orgs/{org}/members")).await;
    assert_eq!(html.matches(r#"data-testid="member""#).count(), 4);
    // The legal representative has no box to tick.
    assert_eq!(html.matches(r#"data-testid="member-select""#).count(), 3);

    // None ticked: said above the list.
    let remove = format!("/orgs/{org}/members/remove");
    let res = owner.post(&remove, &[]).await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().contains("Choose at least one member."));

    // The legal representative among them: nobody is removed.
    let res = owner
        .post(&remove, &[("user_id", &ids[0]), ("user_id", &lena)])
        .await;
    assert_status(&res, StatusCode::CONFLICT);
    assert!(res.text().contains("hand the role over"), "{}", res.text());

    let res = owner
        .post(&remove, &[("user_id", &ids[0]), ("user_id", &ids[1])])
        .await;
    assert_redirect(&res, &format!("/orgs/{org}/members?saved=members-removed"));
    let html = page(
        &mut owner,
        &format!("/orgs/{org}/members?saved=members-removed"),
    )
    .await;
    assert!(html.contains("The selected members have been removed."));
    assert_eq!(html.matches(r#"data-testid="member""#).count(), 2);
    assert!(!html.contains("ann@example.test") && !html.contains("bob@example.test"));
    assert!(html.contains("cid@example.test"));
}

both_engines!(leaving_is_refused_with_the_rule_that_applies);
async fn leaving_is_refused_with_the_rule_that_applies(app: Arc<TestApp>) {
    // proves: ORG-5
    let email = "noah@example.test";
    let mut noah = person(&app, email).await;
    let personal = personal_org(&app, email).await;
    page(&mut noah, &format!("/orgs/{personal}")).await;
    let res = noah.post(&format!("/orgs/{personal}/leave"), &[]).await;
    assert_status(&res, StatusCode::CONFLICT);
    let html = res.text();
    assert!(html.contains(r#"data-testid="form-alert""#), "{html}");
    assert!(html.contains("You are the last owner"), "{html}");

    // In French, the same rule in French.
    noah.post("/language", &[("lang", "fr"), ("next", "/")])
        .await;
    page(&mut noah, &format!("/orgs/{personal}")).await;
    let res = noah.post(&format!("/orgs/{personal}/leave"), &[]).await;
    assert!(
        res.text().contains("Vous êtes le dernier propriétaire"),
        "{}",
        res.text()
    );

    // A restricted member leaves; the switcher forgets the organisation.
    let mut mia = person(&app, "mia@example.test").await;
    let mia_id = user_id(&app, "mia@example.test").await;
    add_member(&app, &personal, &mia_id, Role::User, &[]).await;
    let html = page(&mut mia, &format!("/orgs/{personal}")).await;
    assert_eq!(html.matches(r#"data-testid="org-switch""#).count(), 2);
    let res = mia.post(&format!("/orgs/{personal}/leave"), &[]).await;
    assert_redirect(&res, "/orgs?saved=left");
    let html = page(&mut mia, "/orgs?saved=left").await;
    assert!(html.contains("You have left the organisation."));
    assert_eq!(html.matches(r#"data-testid="org-switch""#).count(), 1);
    assert_status(
        &mia.get(&format!("/orgs/{personal}")).await,
        StatusCode::NOT_FOUND,
    );
}

both_engines!(the_legal_representative_hands_over_to_an_owner);
async fn the_legal_representative_hands_over_to_an_owner(app: Arc<TestApp>) {
    // proves: ORG-6
    let mut legal = person(&app, "hugo@example.test").await;
    let org = new_org(&mut legal, "Atelier").await;
    let mut owner = person(&app, "iris@example.test").await;
    let iris = user_id(&app, "iris@example.test").await;
    add_member(&app, &org, &iris, Role::Owner, &[]).await;

    let html = page(&mut legal, &format!("/orgs/{org}/members")).await;
    assert!(html.contains(r#"data-testid="handover-form""#), "{html}");
    let res = legal
        .post(&format!("/orgs/{org}/handover"), &[("user_id", &iris)])
        .await;
    assert_redirect(
        &res,
        &format!("/orgs/{org}/members?saved=handover-requested"),
    );
    let html = page(&mut legal, &format!("/orgs/{org}/members")).await;
    assert!(html.contains(r#"data-testid="handover-pending""#), "{html}");

    let html = page(&mut owner, &format!("/orgs/{org}/members")).await;
    assert!(html.contains(r#"data-testid="handover-accept""#), "{html}");
    let res = owner
        .post(&format!("/orgs/{org}/handover/accept"), &[])
        .await;
    assert_redirect(
        &res,
        &format!("/orgs/{org}/members?saved=handover-accepted"),
    );
    let html = page(&mut owner, &format!("/orgs/{org}")).await;
    assert!(html.contains("Legal representative</span>"), "{html}");
    let html = page(&mut legal, &format!("/orgs/{org}")).await;
    assert!(html.contains(">Owner</span>"), "{html}");
}

both_engines!(teams_are_created_changed_and_deleted);
async fn teams_are_created_changed_and_deleted(app: Arc<TestApp>) {
    // proves: ORG-4
    let mut owner = person(&app, "tom@example.test").await;
    let org = new_org(&mut owner, "Press").await;
    accounts::create_user(&app.ctx, "una@example.test", PASSWORD, true)
        .await
        .unwrap();
    let una = user_id(&app, "una@example.test").await;
    add_member(&app, &org, &una, Role::User, &[]).await;

    let html = page(&mut owner, &format!("/orgs/{org}/teams")).await;
    assert!(html.contains(r#"data-testid="teams-empty""#), "{html}");
    let long = "x".repeat(61);
    let res = owner
        .post(
            &format!("/orgs/{org}/teams"),
            &[("name", &long), ("members", &una)],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    assert!(
        html.contains("Give a name of 1 to 60 characters."),
        "{html}"
    );
    assert!(
        html.contains(&format!(r#"value="{una}" checked"#)),
        "the members ticked are kept: {html}"
    );

    let res = owner
        .post(
            &format!("/orgs/{org}/teams"),
            &[
                ("name", "Accounting"),
                ("members", &una),
                ("rights", "billing:pay"),
            ],
        )
        .await;
    assert_redirect(&res, &format!("/orgs/{org}/teams?saved=team-created"));
    let html = page(&mut owner, &format!("/orgs/{org}/teams")).await;
    assert_eq!(html.matches(r#"data-testid="team""#).count(), 1);
    assert!(html.contains("Accounting"), "{html}");
    assert!(html.contains("una@example.test"), "{html}");
    assert!(html.contains("Pay invoices"), "{html}");
    let html = page(&mut owner, &format!("/orgs/{org}/members")).await;
    assert!(html.contains(">Accounting<"), "the member's teams: {html}");

    // Its own page changes it.
    let teams = page(&mut owner, &format!("/orgs/{org}/teams")).await;
    let start = teams.find(&format!("/orgs/{org}/teams/team_")).unwrap();
    let edit = &teams[start..start + teams[start..].find('"').unwrap()];
    let html = page(&mut owner, edit).await;
    assert!(html.contains(r#"value="billing:pay" checked"#), "{html}");
    let res = owner
        .post(edit, &[("name", "Finance"), ("rights", "billing:view")])
        .await;
    assert_redirect(&res, &format!("/orgs/{org}/teams?saved=team-saved"));
    let html = page(&mut owner, &format!("/orgs/{org}/teams")).await;
    assert!(
        html.contains("Finance") && !html.contains("Accounting"),
        "{html}"
    );
    assert!(html.contains("Nobody"), "no member ticked: {html}");

    let res = owner.post(&format!("{edit}/delete"), &[]).await;
    assert_redirect(&res, &format!("/orgs/{org}/teams?saved=team-deleted"));
    let html = page(&mut owner, &format!("/orgs/{org}/teams")).await;
    assert!(html.contains(r#"data-testid="teams-empty""#), "{html}");
}

both_engines!(billing_addresses_are_checked_field_by_field);
async fn billing_addresses_are_checked_field_by_field(app: Arc<TestApp>) {
    // proves: ORG-7
    let mut owner = person(&app, "vera@example.test").await;
    let org = new_org(&mut owner, "Vineyard").await;
    let billing = format!("/orgs/{org}/billing");
    let html = page(&mut owner, &billing).await;
    assert!(html.contains(r#"data-testid="addresses-empty""#), "{html}");

    let res = owner
        .post(
            &billing,
            &[
                ("name", "Vineyard SA"),
                ("street", ""),
                ("building_number", "3"),
                ("postcode", "120"),
                ("town", "Genève"),
                ("country", "CH"),
            ],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    assert!(html.contains(r#"id="street-error""#), "{html}");
    assert!(html.contains(r#"id="postcode-error""#), "{html}");
    assert!(html.contains("This postcode does not exist in the country chosen."));
    assert!(html.contains(r#"value="Vineyard SA""#), "kept: {html}");

    let address = |name: &'static str, postcode: &'static str| {
        [
            ("name", name),
            ("street", "Rue du Rhône"),
            ("building_number", "3"),
            ("postcode", postcode),
            ("town", "Genève"),
            ("country", "ch"),
        ]
    };
    let res = owner.post(&billing, &address("Vineyard SA", "1204")).await;
    assert_redirect(&res, &format!("{billing}?saved=address-added"));
    let res = owner.post(&billing, &address("Cellar", "1205")).await;
    assert_redirect(&res, &format!("{billing}?saved=address-added"));
    let html = page(&mut owner, &billing).await;
    assert_eq!(html.matches(r#"data-testid="address""#).count(), 2);
    assert_eq!(html.matches(r#"data-testid="address-default""#).count(), 1);

    // The default goes only once another is the default.
    let start = html.find(&format!("{billing}/adr_")).unwrap();
    let first = &html[start..start + html[start..].find('"').unwrap()];
    let res = owner.post(&format!("{first}/delete"), &[]).await;
    assert_status(&res, StatusCode::CONFLICT);
    assert!(res.text().contains("Make another address the default"));
    let html = page(&mut owner, &billing).await;
    let start = html.find("/default\"").unwrap();
    let begin = html[..start].rfind('"').unwrap() + 1;
    let make_default = html[begin..start + "/default".len()].to_string();
    let res = owner.post(&make_default, &[]).await;
    assert_redirect(&res, &format!("{billing}?saved=address-default"));
    let res = owner.post(&format!("{first}/delete"), &[]).await;
    assert_redirect(&res, &format!("{billing}?saved=address-deleted"));
    let html = page(&mut owner, &billing).await;
    assert_eq!(html.matches(r#"data-testid="address""#).count(), 1);
    assert!(
        html.contains("Cellar") && html.contains("Default"),
        "{html}"
    );
}

both_engines!(the_audit_log_shows_who_changed_what);
async fn the_audit_log_shows_who_changed_what(app: Arc<TestApp>) {
    // proves: OPS-5
    let mut owner = person(&app, "wes@example.test").await;
    let org = new_org(&mut owner, "Forge").await;
    let xena = {
        accounts::create_user(&app.ctx, "xena@example.test", PASSWORD, true)
            .await
            .unwrap();
        user_id(&app, "xena@example.test").await
    };
    add_member(&app, &org, &xena, Role::User, &[]).await;
    page(&mut owner, &format!("/orgs/{org}")).await;
    let second = jiff::SignedDuration::from_secs(1);
    app.advance(second);
    owner
        .post(
            &format!("/orgs/{org}"),
            &[
                ("name", "Forge SA"),
                ("kind", "company"),
                ("country", "CH"),
                ("language", "en"),
                ("currency", "CHF"),
                ("vat_number", ""),
            ],
        )
        .await;
    app.advance(second);
    owner
        .post(&format!("/orgs/{org}/members/{xena}"), &[("role", "owner")])
        .await;

    let html = page(&mut owner, &format!("/orgs/{org}/audit")).await;
    assert_eq!(html.matches(r#"data-testid="audit-entry""#).count(), 3);
    assert!(html.contains("Organisation created"), "{html}");
    assert!(html.contains("Settings changed"), "{html}");
    assert!(
        html.contains(r#"<span class="before">Forge</span>"#)
            && html.contains(r#"<span class="after">Forge SA</span>"#),
        "before → after: {html}"
    );
    assert!(html.contains("Member xena@example.test"), "{html}");
    assert!(
        html.contains(r#"<span class="before">Restricted user</span>"#)
            && html.contains(r#"<span class="after">Owner</span>"#),
        "{html}"
    );
    assert!(html.contains("wes@example.test"), "who: {html}");
    assert!(html.contains("On their own behalf"), "{html}");
    // Times in the provider's zone (09:00 UTC = 10:00 in Zurich).
    assert!(html.contains("10 March 2026, 10:00"), "{html}");

    // Filtered by kind of action and by who acted.
    let html = page(&mut owner, &format!("/orgs/{org}/audit?action=member.")).await;
    assert_eq!(html.matches(r#"data-testid="audit-entry""#).count(), 1);
    assert!(
        html.contains(r#"<option value="member." selected>"#),
        "{html}"
    );
    let html = page(&mut owner, &format!("/orgs/{org}/audit?actor={xena}")).await;
    assert!(html.contains(r#"data-testid="audit-empty""#), "{html}");

    // 20 a page, newest first.
    for i in 0..20 {
        app.advance(second);
        let name = format!("Forge {i}");
        page(&mut owner, &format!("/orgs/{org}")).await;
        owner
            .post(
                &format!("/orgs/{org}"),
                &[("name", &name), ("kind", "company"), ("country", "CH")],
            )
            .await;
    }
    let html = page(&mut owner, &format!("/orgs/{org}/audit?action=org.")).await;
    assert_eq!(html.matches(r#"data-testid="audit-entry""#).count(), 20);
    assert!(html.contains("Page 1 of 2"), "{html}");
    assert!(
        html.contains(&format!(
            r#"href="/orgs/{org}/audit?page=2&#38;action=org.""#
        )),
        "the pager keeps the filter: {html}"
    );
    let html = page(&mut owner, &format!("/orgs/{org}/audit?page=2&action=org.")).await;
    assert!(html.contains("Organisation created"), "the oldest: {html}");
}

both_engines!(another_organisations_pages_are_not_found);
async fn another_organisations_pages_are_not_found(app: Arc<TestApp>) {
    let mut mallory = person(&app, "mallory@example.test").await;
    let mut alice = person(&app, "alice@example.test").await;
    let org = new_org(&mut alice, "Alice Ltd").await;
    let alice_id = user_id(&app, "alice@example.test").await;
    for path in ["", "/members", "/teams", "/billing", "/audit"] {
        let res = mallory.get(&format!("/orgs/{org}{path}")).await;
        assert_status(&res, StatusCode::NOT_FOUND);
    }
    let res = mallory
        .get(&format!("/orgs/{org}/members/{alice_id}"))
        .await;
    assert_status(&res, StatusCode::NOT_FOUND);
    page(&mut mallory, "/orgs").await;
    for path in [
        String::new(),
        "/leave".into(),
        "/members/remove".into(),
        "/invitations".into(),
        "/teams".into(),
        "/billing".into(),
        "/handover".into(),
    ] {
        let res = mallory
            .post(&format!("/orgs/{org}{path}"), &[("name", "Mine")])
            .await;
        assert_status(&res, StatusCode::NOT_FOUND);
    }
    assert_status(&mallory.get("/orgs/org_nope").await, StatusCode::NOT_FOUND);
    // Signed out, the pages ask to sign in first.
    let mut stranger = Visit::new(&app);
    assert_redirect(
        &stranger.get(&format!("/orgs/{org}")).await,
        &format!("/signin?next=%2Forgs%2F{org}"),
    );
}

/// The ids of the invitations listed on a members page, as their resend
/// forms name them.
fn listed_invitations(html: &str, org: &str) -> Vec<String> {
    let marker = format!(r#"action="/orgs/{org}/invitations/"#);
    html.match_indices(&marker)
        .filter_map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest.split_once('"')
                .and_then(|(path, _)| path.strip_suffix("/resend"))
                .map(str::to_string)
        })
        .collect()
}

both_engines!(an_expired_invitation_sent_again_over_a_newer_one_is_refused_in_the_list);
async fn an_expired_invitation_sent_again_over_a_newer_one_is_refused_in_the_list(
    app: Arc<TestApp>,
) {
    // proves: ORG-2
    let mut owner = person(&app, "owen@example.test").await;
    let org = new_org(&mut owner, "Bakery").await;
    let members = format!("/orgs/{org}/members");
    let invite = [("email", "ivy@example.test"), ("role", "user")];
    page(&mut owner, &members).await;
    let res = owner
        .post(&format!("/orgs/{org}/invitations"), &invite)
        .await;
    assert_redirect(&res, &format!("{members}?saved=invited"));
    let old = listed_invitations(&page(&mut owner, &members).await, &org);
    assert_eq!(old.len(), 1);

    // A week later it has expired; the address is invited anew.
    app.advance_days(8);
    let mut owner = signed_in(&app, "owen@example.test", PASSWORD).await;
    page(&mut owner, &members).await;
    let res = owner
        .post(&format!("/orgs/{org}/invitations"), &invite)
        .await;
    assert_redirect(&res, &format!("{members}?saved=invited"));

    // Sending the expired one again would make two pending: refused, said
    // in the list of invitations.
    page(&mut owner, &members).await;
    let res = owner
        .post(&format!("/orgs/{org}/invitations/{}/resend", old[0]), &[])
        .await;
    assert_status(&res, StatusCode::CONFLICT);
    let html = res.text();
    let alert = html.find(r#"data-testid="form-alert""#).expect("an alert");
    let list = html.find(r#"id="invitations""#).expect("the list");
    assert!(alert > list, "the alert sits in the list: {html}");
    assert!(html.contains("already has a pending invitation"), "{html}");
    assert_eq!(listed_invitations(&html, &org).len(), 2);
}

/// The ids a page links to under `prefix` (`/orgs/org_…/teams/`), in order.
fn linked_ids(html: &str, prefix: &str) -> Vec<String> {
    html.match_indices(prefix)
        .filter_map(|(at, _)| {
            let rest = &html[at + prefix.len()..];
            let id: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            (!id.is_empty()).then_some(id)
        })
        .collect()
}

both_engines!(the_buttons_shown_are_those_the_viewer_may_use);
async fn the_buttons_shown_are_those_the_viewer_may_use(app: Arc<TestApp>) {
    // proves: ORG-3, ORG-5, ORG-6
    let mut legal = person(&app, "lara@example.test").await;
    let org = new_org(&mut legal, "Loom").await;

    // Alone: nobody could be removed, so no removal is offered; the legal
    // representative is told how to leave instead of a button refused.
    let html = page(&mut legal, &format!("/orgs/{org}/members")).await;
    for absent in ["remove-form", "members-remove", "member-select"] {
        assert!(
            !html.contains(&format!(r#"data-testid="{absent}""#)),
            "{absent}: {html}"
        );
    }
    let html = page(&mut legal, &format!("/orgs/{org}")).await;
    assert!(!html.contains(r#"data-testid="leave-org""#), "{html}");
    assert!(html.contains(r#"data-testid="leave-legal-hint""#), "{html}");
    assert!(html.contains(&format!(r#"href="/orgs/{org}/members#handover""#)));

    // With an owner: removal is offered, behind a confirmation that says
    // what will happen; the owner may leave, after confirming too.
    let mut olga = person(&app, "olga@example.test").await;
    let olga_id = user_id(&app, "olga@example.test").await;
    add_member(&app, &org, &olga_id, Role::Owner, &[]).await;
    let html = page(&mut legal, &format!("/orgs/{org}/members")).await;
    assert_eq!(html.matches(r#"data-testid="member-select""#).count(), 1);
    let remove = &html[html.find(r#"data-testid="members-remove-box""#).unwrap()..];
    let remove = &remove[..remove.find("</details>").unwrap()];
    assert!(
        remove.contains(r#"data-testid="members-remove""#)
            && remove.contains("lose access to the organisation")
            && remove.contains(
                r#"<button type="submit" class="danger" data-testid="members-remove-confirm">"#
            ),
        "{remove}"
    );
    let html = page(&mut olga, &format!("/orgs/{org}")).await;
    assert!(html.contains(r#"data-testid="leave-org""#), "{html}");
    assert!(
        !html.contains(r#"data-testid="leave-legal-hint""#),
        "{html}"
    );
    let leave = &html[html.find(r#"<details class="confirm""#).unwrap()..];
    assert!(
        leave.contains("You will lose access to Loom")
            && leave.contains(&format!(r#"action="/orgs/{org}/leave""#)),
        "{leave}"
    );

    // Posted anyway, the rule still refuses the legal representative.
    page(&mut legal, &format!("/orgs/{org}")).await;
    let res = legal.post(&format!("/orgs/{org}/leave"), &[]).await;
    assert_status(&res, StatusCode::CONFLICT);
    assert!(res.text().contains("hand the role over"), "{}", res.text());
}

both_engines!(destructive_actions_ask_to_confirm_first);
async fn destructive_actions_ask_to_confirm_first(app: Arc<TestApp>) {
    // proves: ORG-2, ORG-4, ORG-7
    let mut owner = person(&app, "dora@example.test").await;
    let org = new_org(&mut owner, "Dune").await;
    page(&mut owner, &format!("/orgs/{org}/teams")).await;
    owner
        .post(&format!("/orgs/{org}/teams"), &[("name", "Crew")])
        .await;
    page(&mut owner, &format!("/orgs/{org}/billing")).await;
    owner
        .post(
            &format!("/orgs/{org}/billing"),
            &[
                ("name", "Dune SA"),
                ("street", "Rue du Lac"),
                ("postcode", "1204"),
                ("town", "Genève"),
                ("country", "CH"),
            ],
        )
        .await;
    page(&mut owner, &format!("/orgs/{org}/members")).await;
    owner
        .post(
            &format!("/orgs/{org}/invitations"),
            &[("email", "eve@example.test"), ("role", "user")],
        )
        .await;

    // Each delete, revoke is the body of a disclosure whose summary is
    // the action: nothing happens on the first click.
    for (path, action, words) in [
        ("/teams", "team-delete", "The team Crew will be deleted."),
        (
            "/billing",
            "address-delete",
            "The address Dune SA will be deleted",
        ),
        (
            "/members",
            "invitation-revoke",
            "The link sent to eve@example.test will stop working.",
        ),
    ] {
        let html = page(&mut owner, &format!("/orgs/{org}{path}")).await;
        let at = html
            .find(&format!(r#"data-testid="{action}-box""#))
            .unwrap_or_else(|| panic!("{action}: {html}"));
        let details = &html[html[..at].rfind("<details").unwrap()..];
        let details = &details[..details.find("</details>").unwrap()];
        assert!(
            details.contains(&format!(
                r#"<summary class="button danger" data-testid="{action}">"#
            )),
            "{details}"
        );
        assert!(details.contains(words), "{details}");
        assert!(
            details.contains(&format!(r#"data-testid="{action}-confirm">"#)),
            "{details}"
        );
        // No other button of the page posts this action.
        assert_eq!(
            html.matches(&format!(r#"data-testid="{action}-confirm""#))
                .count(),
            1
        );
    }
}

both_engines!(a_role_no_form_offers_is_refused_by_its_field);
async fn a_role_no_form_offers_is_refused_by_its_field(app: Arc<TestApp>) {
    // proves: ORG-2, ORG-3
    let mut owner = person(&app, "rita@example.test").await;
    let org = new_org(&mut owner, "Rope").await;
    page(&mut owner, &format!("/orgs/{org}/members")).await;
    let res = owner
        .post(
            &format!("/orgs/{org}/invitations"),
            &[("email", "sol@example.test"), ("role", "admin")],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    assert!(html.contains(r#"id="role-error""#), "{html}");
    assert!(html.contains("Choose owner or restricted user."), "{html}");
    assert!(html.contains(r#"value="sol@example.test""#), "kept: {html}");
    assert!(app.mails_to("sol@example.test").await.is_empty());
    let html = page(&mut owner, &format!("/orgs/{org}/members")).await;
    assert!(
        html.contains(r#"data-testid="invitations-empty""#),
        "{html}"
    );

    // A member's role likewise: refused, not turned into a restricted user.
    let mut sid = person(&app, "sid@example.test").await;
    let sid_id = user_id(&app, "sid@example.test").await;
    add_member(&app, &org, &sid_id, Role::Owner, &[]).await;
    page(&mut owner, &format!("/orgs/{org}/members/{sid_id}")).await;
    let res = owner
        .post(
            &format!("/orgs/{org}/members/{sid_id}"),
            &[("role", "boss"), ("rights", "members")],
        )
        .await;
    assert_status(&res, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().contains(r#"id="role-error""#), "{}", res.text());
    let html = page(&mut sid, &format!("/orgs/{org}")).await;
    assert!(html.contains(">Owner</span>"), "unchanged: {html}");
}

both_engines!(a_stranger_posting_to_another_organisation_gets_not_found_before_the_form_is_judged);
async fn a_stranger_posting_to_another_organisation_gets_not_found_before_the_form_is_judged(
    app: Arc<TestApp>,
) {
    // proves: ORG-1 // issue 10: 404 before the body
    let mut alice = person(&app, "alix@example.test").await;
    let org = new_org(&mut alice, "Alix Ltd").await;
    let alix = user_id(&app, "alix@example.test").await;
    page(&mut alice, &format!("/orgs/{org}/teams")).await;
    alice
        .post(&format!("/orgs/{org}/teams"), &[("name", "Core")])
        .await;
    page(&mut alice, &format!("/orgs/{org}/billing")).await;
    alice
        .post(
            &format!("/orgs/{org}/billing"),
            &[
                ("name", "Alix Ltd"),
                ("street", "Rue du Lac"),
                ("postcode", "1204"),
                ("town", "Genève"),
                ("country", "CH"),
            ],
        )
        .await;
    page(&mut alice, &format!("/orgs/{org}/members")).await;
    alice
        .post(
            &format!("/orgs/{org}/invitations"),
            &[("email", "ivo@example.test"), ("role", "user")],
        )
        .await;
    let team = linked_ids(
        &page(&mut alice, &format!("/orgs/{org}/teams")).await,
        &format!("/orgs/{org}/teams/"),
    )
    .remove(0);
    let address = linked_ids(
        &page(&mut alice, &format!("/orgs/{org}/billing")).await,
        &format!("/orgs/{org}/billing/"),
    )
    .remove(0);
    let invitation = listed_invitations(
        &page(&mut alice, &format!("/orgs/{org}/members")).await,
        &org,
    )
    .remove(0);

    let mut mallory = person(&app, "mal@example.test").await;
    page(&mut mallory, "/orgs").await;
    let routes = [
        String::new(),
        "/leave".into(),
        "/members/remove".into(),
        format!("/members/{alix}"),
        "/invitations".into(),
        format!("/invitations/{invitation}/resend"),
        format!("/invitations/{invitation}/revoke"),
        "/handover".into(),
        "/handover/accept".into(),
        "/teams".into(),
        format!("/teams/{team}"),
        format!("/teams/{team}/delete"),
        "/billing".into(),
        format!("/billing/{address}"),
        format!("/billing/{address}/default"),
        format!("/billing/{address}/delete"),
    ];
    // Forms every page would refuse: nothing, a control character, a role
    // no form offers, a field too long.
    let long = "x".repeat(500);
    let bodies: [&[(&str, &str)]; 4] = [
        &[],
        &[("name", "Mine\u{0}"), ("email", "a\u{7}@b")],
        &[("role", "boss"), ("user_id", "usr_nope")],
        &[("name", &long), ("street", &long), ("country", "Narnia")],
    ];
    for path in &routes {
        for body in bodies {
            let res = mallory.post(&format!("/orgs/{org}{path}"), body).await;
            assert_eq!(
                res.status,
                StatusCode::NOT_FOUND,
                "{path} {body:?}: {}",
                res.text()
            );
        }
    }
    // Nothing changed for Alix.
    let html = page(&mut alice, &format!("/orgs/{org}/teams")).await;
    assert!(html.contains("Core"), "{html}");
    assert_eq!(
        listed_invitations(
            &page(&mut alice, &format!("/orgs/{org}/members")).await,
            &org
        ),
        [invitation]
    );
}

both_engines!(people_are_shown_names_not_internal_ids);
async fn people_are_shown_names_not_internal_ids(app: Arc<TestApp>) {
    // proves: ORG-3, ORG-4, OPS-5
    let mut owner = person(&app, "nina@example.test").await;
    let org = new_org(&mut owner, "Nest").await;
    let mut omar = person(&app, "omar@example.test").await;
    let omar_id = user_id(&app, "omar@example.test").await;
    add_member(&app, &org, &omar_id, Role::User, &[]).await;

    // A member's page names their teams.
    page(&mut owner, &format!("/orgs/{org}/teams")).await;
    owner
        .post(
            &format!("/orgs/{org}/teams"),
            &[("name", "Night shift"), ("members", &omar_id)],
        )
        .await;
    let team = linked_ids(
        &page(&mut owner, &format!("/orgs/{org}/teams")).await,
        &format!("/orgs/{org}/teams/"),
    )
    .remove(0);
    let html = page(&mut owner, &format!("/orgs/{org}/members/{omar_id}")).await;
    assert!(html.contains("Night shift"), "{html}");
    assert!(!html.contains(&team), "no team id: {html}");

    // The audit log names an invitation by the address invited, through
    // its resending and its acceptance.
    page(&mut owner, &format!("/orgs/{org}/members")).await;
    owner
        .post(
            &format!("/orgs/{org}/invitations"),
            &[("email", "pia@example.test"), ("role", "user")],
        )
        .await;
    let invitation = listed_invitations(
        &page(&mut owner, &format!("/orgs/{org}/members")).await,
        &org,
    )
    .remove(0);
    app.advance(jiff::SignedDuration::from_secs(1));
    owner
        .post(&format!("/orgs/{org}/invitations/{invitation}/resend"), &[])
        .await;
    let mut pia = person(&app, "pia@example.test").await;
    let token = invitation_token(&app, "pia@example.test").await;
    page(&mut pia, &format!("/invitations/{token}")).await;
    let res = pia.post(&format!("/invitations/{token}"), &[]).await;
    assert_redirect(&res, &format!("/orgs/{org}?saved=joined"));
    let html = page(&mut owner, &format!("/orgs/{org}/audit")).await;
    assert!(!html.contains(&invitation), "no invitation id: {html}");
    assert!(!html.contains(&team), "no team id: {html}");
    assert!(
        html.matches("Invitation to pia@example.test").count() >= 2,
        "{html}"
    );
    // Gone from the organisation, a person is still named by address.
    page(&mut omar, &format!("/orgs/{org}")).await;
    omar.post(&format!("/orgs/{org}/leave"), &[]).await;
    let html = page(&mut owner, &format!("/orgs/{org}/audit")).await;
    assert!(html.contains("Member omar@example.test"), "{html}");
    assert!(!html.contains(&omar_id), "no user id: {html}");
}
