//! The access matrix: every route of the organisations API (and the
//! accounts routes of this tree) against every kind of caller, with the
//! status and code each one gets. The rights are decided once, in
//! `access::check`; this proves the API's doors lead there for every route,
//! that a stranger learns nothing (404, never 403), and that a token's scope
//! bounds what it can do.
//!
//! Adding a route: add a row to `ROWS`. A route of the OpenAPI document
//! that takes a token and has no row fails `every_token_route_has_a_row`.

use guichet_core::ids::{BillingAddressId, InvitationId, OrgId, TeamId, UserId};
use std::{collections::BTreeSet, fmt::Write, sync::Arc};

use guichet_core::{
    access::Scope,
    billing::{self, Issuer},
    catalog,
    ids::{CreditNoteId, InvoiceId, OrderId, PaymentId, PaymentMethodId, ProductId},
    orgs::{self, Invite, Role, TeamInput, address::AddressInput},
    payments,
    testing::TestApp,
};
use jiff::SignedDuration;

use crate::{
    orgs_support::{Caller, add_member, api, caller, code, invitation_token, org_of, token_of},
    support::Answer,
};

/// The kinds of caller, the matrix's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// The organisation's legal representative.
    Legal,
    /// An owner.
    Owner,
    /// A restricted user holding the right the route needs (the row's
    /// `rights`; every right where no right opens the route).
    Entitled,
    /// A restricted user without any right.
    Restricted,
    /// The legal representative of another organisation, with a token of
    /// every scope.
    Stranger,
    /// The legal representative again, with a token of `orgs:read` only.
    ReadOnly,
    /// No token at all.
    Anonymous,
}

const WHO: [Who; 7] = [
    Who::Legal,
    Who::Owner,
    Who::Entitled,
    Who::Restricted,
    Who::Stranger,
    Who::ReadOnly,
    Who::Anonymous,
];

impl Who {
    fn label(self) -> &'static str {
        match self {
            Who::Legal => "legal rep.",
            Who::Owner => "owner",
            Who::Entitled => "user with right",
            Who::Restricted => "user, no right",
            Who::Stranger => "other org",
            Who::ReadOnly => "orgs:read token",
            Who::Anonymous => "no token",
        }
    }
}

/// What a fixture needs beyond the usual.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Setup {
    Usual,
    /// The legal representative has asked the owner to take over (ORG-6).
    Handover,
}

/// One route. `path` and `body` may hold placeholders, filled from the
/// fixture: `{org}`, `{member}` (a restricted member to act on), `{me}`
/// (the caller), `{owner}`, `{team}`, `{invitation}`, `{link}` (the secret
/// of a pending invitation), `{stranger_link}` (the secret of an invitation
/// to the stranger), `{address}`, `{unknown_session}`, `{unknown_token}`.
struct Row {
    method: &'static str,
    path: &'static str,
    body: Option<&'static str>,
    /// The rights of the `Entitled` caller.
    rights: &'static [&'static str],
    setup: Setup,
    /// In `WHO` order: `"200"`, `"403 forbidden"`, … A status alone means
    /// no code (2xx), `object_not_found` (404) or `not_authenticated` (401).
    expect: [&'static str; 7],
}

/// Every right: for routes no right opens, the restricted user holds them
/// all, and is still refused (ORG-1).
const ALL: &[&str] = &[
    "members",
    "settings",
    "billing:view",
    "billing:pay",
    "billing:manage",
    "kind:domain",
    "product:prd_1",
];
const NONE: &[&str] = &[];

const FORBIDDEN: &str = "403 forbidden";
const SCOPE: &str = "403 insufficient_scope";
const WRONG_ACCOUNT: &str = "403 wrong_account";
const INVALID: &str = "422 validation_failed";

const fn row(
    method: &'static str,
    path: &'static str,
    body: Option<&'static str>,
    rights: &'static [&'static str],
    expect: [&'static str; 7],
) -> Row {
    Row {
        method,
        path,
        body,
        rights,
        setup: Setup::Usual,
        expect,
    }
}

/// Owners only: the legal representative and owners may; restricted users
/// may not, whatever their rights (ORG-1).
const fn owners(
    method: &'static str,
    path: &'static str,
    body: Option<&'static str>,
    ok: &'static str,
) -> Row {
    row(
        method,
        path,
        body,
        ALL,
        [ok, ok, FORBIDDEN, FORBIDDEN, "404", SCOPE, "401"],
    )
}

/// Owners only, and a read: an `orgs:read` token does.
const fn owners_read(path: &'static str) -> Row {
    row(
        "GET",
        path,
        None,
        ALL,
        ["200", "200", FORBIDDEN, FORBIDDEN, "404", "200", "401"],
    )
}

const ADDRESS: &str = r#"{"name":"Example SA","street":"Rue du Lac","building_number":"12","postcode":"1204","town":"Genève","country":"CH"}"#;
const DEFAULT_ADDRESS: &str = r#"{"name":"Example SA","street":"Quai du Mont-Blanc","building_number":"1","postcode":"1201","town":"Genève","country":"CH","is_default":true}"#;

// Columns, in `WHO` order: legal rep., owner, user with right, user without,
// other org, orgs:read token, no token.
#[rustfmt::skip]
const ROWS: &[Row] = &[
    // Accounts (API-5: the same doors as the console's): each caller acts
    // on their own account, whatever their role in an organisation.
    row("GET", "/profile", None, NONE, ["200", "200", "200", "200", "200", SCOPE, "401"]),
    row("PATCH", "/profile", Some(r#"{"name":"Someone Else"}"#), NONE, ["200", "200", "200", "200", "200", SCOPE, "401"]),
    row("POST", "/profile/support-code", None, NONE, ["200", "200", "200", "200", "200", SCOPE, "401"]),
    row("PUT", "/profile/password", Some(r#"{"current_password":"not the password at all","new_password":"an entirely new passphrase here"}"#), NONE,
        [INVALID, INVALID, INVALID, INVALID, INVALID, SCOPE, "401"]),
    row("GET", "/profile/newsletters", None, NONE, ["200", "200", "200", "200", "200", SCOPE, "401"]),
    row("PUT", "/profile/newsletters", Some(r#"{"topics":["offers"]}"#), NONE, ["200", "200", "200", "200", "200", SCOPE, "401"]),
    row("GET", "/profile/security-log", None, NONE, ["200", "200", "200", "200", "200", SCOPE, "401"]),
    row("GET", "/profile/sessions", None, NONE, ["200", "200", "200", "200", "200", SCOPE, "401"]),
    row("DELETE", "/profile/sessions/{unknown_session}", None, NONE, ["404", "404", "404", "404", "404", SCOPE, "401"]),
    row("GET", "/profile/tokens", None, NONE, ["200", "200", "200", "200", "200", SCOPE, "401"]),
    row("POST", "/profile/tokens", Some(r#"{"name":"ci","scopes":["profile:read"],"password":"correct horse battery staple"}"#), NONE,
        ["201", "201", "201", "201", "201", SCOPE, "401"]),
    row("DELETE", "/profile/tokens/{unknown_token}", None, NONE, ["404", "404", "404", "404", "404", SCOPE, "401"]),
    // Without a token (sign-up and reset): the same answer for everyone.
    row("POST", "/signup", Some(r#"{"email":"newcomer-{me}@example.com","password":"a long and unusual passphrase"}"#), NONE,
        ["202", "202", "202", "202", "202", "202", "202"]),
    row("POST", "/password/forgot", Some(r#"{"email":"someone-{me}@example.com"}"#), NONE,
        ["202", "202", "202", "202", "202", "202", "202"]),
    // Organisations (ACC-7, ORG-1).
    row("GET", "/orgs", None, NONE, ["200", "200", "200", "200", "200", "200", "401"]),
    row("POST", "/orgs", Some(r#"{"name":"New SA"}"#), NONE, ["201", "201", "201", "201", "201", SCOPE, "401"]),
    row("GET", "/orgs/{org}", None, NONE, ["200", "200", "200", "200", "404", "200", "401"]),
    owners("PATCH", "/orgs/{org}", Some(r#"{"name":"Renamed SA","vat_number":"CHE-116.281.710"}"#), "200"),
    // Members (ORG-3).
    row("GET", "/orgs/{org}/members", None, &["members"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    owners("PATCH", "/orgs/{org}/members/{member}", Some(r#"{"rights":["billing:view"]}"#), "200"),
    // ORG-1: a restricted user cannot change even their own entry.
    owners("PATCH", "/orgs/{org}/members/{me}", Some(r#"{"rights":["billing:view"]}"#), "200"),
    owners("DELETE", "/orgs/{org}/members/{member}", None, "204"),
    owners("POST", "/orgs/{org}/members/remove", Some(r#"{"user_ids":["{member}"]}"#), "204"),
    // Invitations (ORG-2).
    owners_read("/orgs/{org}/invitations"),
    owners("POST", "/orgs/{org}/invitations", Some(r#"{"email":"new@example.test","rights":["members"]}"#), "201"),
    owners("POST", "/orgs/{org}/invitations/{invitation}/resend", None, "200"),
    owners("DELETE", "/orgs/{org}/invitations/{invitation}", None, "204"),
    // The link's secret is the capability: any signed-in caller may look.
    row("GET", "/invitations/{link}", None, NONE, ["200", "200", "200", "200", "200", "200", "401"]),
    // Only the invited address accepts.
    row("POST", "/invitations/{stranger_link}/accept", None, NONE,
        [WRONG_ACCOUNT, WRONG_ACCOUNT, WRONG_ACCOUNT, WRONG_ACCOUNT, "200", SCOPE, "401"]),
    // Teams (ORG-4).
    row("GET", "/orgs/{org}/teams", None, &["members"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    owners("POST", "/orgs/{org}/teams", Some(r#"{"name":"Billing","members":["{member}"],"rights":["billing:pay"]}"#), "201"),
    owners("PATCH", "/orgs/{org}/teams/{team}", Some(r#"{"name":"Front desk","rights":["members"]}"#), "200"),
    owners("DELETE", "/orgs/{org}/teams/{team}", None, "204"),
    // Hand-over (ORG-6): any member sees it; only the legal representative
    // starts it; only the named owner accepts (for anyone else nothing is
    // pending: 404).
    row("GET", "/orgs/{org}/legal-representative/handover", None, NONE, ["200", "200", "200", "200", "404", "200", "401"]),
    row("POST", "/orgs/{org}/legal-representative/handover", Some(r#"{"user_id":"{owner}"}"#), ALL,
        ["201", FORBIDDEN, FORBIDDEN, FORBIDDEN, "404", SCOPE, "401"]),
    Row {
        setup: Setup::Handover,
        ..row("POST", "/orgs/{org}/legal-representative/handover/accept", None, ALL,
            ["404", "204", "404", "404", "404", SCOPE, "401"])
    },
    // Billing addresses (ORG-7): billing rights see them, owners change them.
    row("GET", "/orgs/{org}/billing-addresses", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    owners("POST", "/orgs/{org}/billing-addresses", Some(ADDRESS), "201"),
    owners("PATCH", "/orgs/{org}/billing-addresses/{address}", Some(DEFAULT_ADDRESS), "200"),
    owners("POST", "/orgs/{org}/billing-addresses/{address}/default", None, "200"),
    owners("DELETE", "/orgs/{org}/billing-addresses/{address}", None, "204"),
    // Invoices and credit notes (BIL-1, BIL-2): the billing rights read them.
    row("GET", "/orgs/{org}/invoices", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    row("GET", "/orgs/{org}/invoices/{invoice}", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    row("GET", "/orgs/{org}/invoices/{invoice}/pdf", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    row("GET", "/orgs/{org}/credit-notes", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    row("GET", "/orgs/{org}/credit-notes/{credit_note}", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    row("GET", "/orgs/{org}/credit-notes/{credit_note}/pdf", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    // Payments (BIL-3, BIL-4): `billing:pay` pays and tops up, the view
    // right reads, `billing:manage` removes stored methods.
    row("POST", "/orgs/{org}/invoices/{invoice}/payments", Some(r#"{"method":"bank_transfer"}"#), &["billing:pay"],
        ["201", "201", "201", FORBIDDEN, "404", SCOPE, "401"]),
    row("GET", "/orgs/{org}/payments", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    row("GET", "/orgs/{org}/payments/{payment}", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    row("GET", "/orgs/{org}/prepaid", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    row("GET", "/orgs/{org}/prepaid/top-ups/{payment}/pdf", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    row("POST", "/orgs/{org}/prepaid/top-ups", Some(r#"{"amount":"10.00","method":"bank_transfer"}"#), &["billing:pay"],
        ["201", "201", "201", FORBIDDEN, "404", SCOPE, "401"]),
    row("GET", "/orgs/{org}/payment-methods", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    row("DELETE", "/orgs/{org}/payment-methods/{payment_method}", None, &["billing:manage"],
        ["204", "204", "204", FORBIDDEN, "404", SCOPE, "401"]),
    // Orders (CAT-2): the billing rights, as for invoices and payments.
    row("POST", "/orgs/{org}/orders", Some(r#"{"items":[{"plan_id":"hosting-start","months":1}]}"#), &["billing:pay"],
        ["201", "201", "201", FORBIDDEN, "404", SCOPE, "401"]),
    row("GET", "/orgs/{org}/orders", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    row("GET", "/orgs/{org}/orders/{order}", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    row("POST", "/orgs/{org}/orders/{order}/cancel", None, &["billing:pay"],
        ["200", "200", "200", FORBIDDEN, "404", SCOPE, "401"]),
    // Products (ORG-2): every member lists those they may see (a member
    // without a right, none); one product is seen by owners and through a
    // right on it or its kind, and is not found by anyone else.
    row("GET", "/orgs/{org}/products", None, &["kind:domain"], ["200", "200", "200", "200", "404", "200", "401"]),
    row("GET", "/orgs/{org}/products/{product}", None, &["kind:domain"], ["200", "200", "200", "404", "404", "200", "401"]),
    // Changing one: who manages it (owners, a right on it or its kind).
    row("PATCH", "/orgs/{org}/products/{product}", Some(r#"{"renewal_warranty":true}"#), &["kind:domain"],
        ["200", "200", "200", "404", "404", SCOPE, "401"]),
    // Many at once: a product the caller does not see is refused at its
    // place in the list.
    row("PATCH", "/orgs/{org}/products", Some(r#"{"product_ids":["{product}"],"renewal_warranty":true}"#), &["kind:domain"],
        ["200", "200", "200", INVALID, "404", SCOPE, "401"]),
    // Moving: owners of both organisations only (here, to itself: refused
    // on the field for whoever manages the product).
    row("POST", "/orgs/{org}/products/{product}/move", Some(r#"{"to_org_id":"{org}"}"#), &["kind:domain"],
        [INVALID, INVALID, INVALID, "404", "404", SCOPE, "401"]),
    // A suite's upgrade and seats (the domain is no suite): who manages
    // the product, and for the upgrade the pay right too.
    row("POST", "/orgs/{org}/products/{product}/upgrade", Some(r#"{"users":2}"#), &["kind:domain"],
        ["409 not_a_suite", "409 not_a_suite", FORBIDDEN, "404", "404", SCOPE, "401"]),
    row("GET", "/orgs/{org}/products/{product}/seats", None, &["kind:domain"],
        ["409 not_a_suite", "409 not_a_suite", "409 not_a_suite", "404", "404", "409 not_a_suite", "401"]),
    row("PUT", "/orgs/{org}/products/{product}/seats/{member}", None, &["kind:domain"],
        ["409 not_a_suite", "409 not_a_suite", "409 not_a_suite", "404", "404", SCOPE, "401"]),
    row("DELETE", "/orgs/{org}/products/{product}/seats/{member}", None, &["kind:domain"],
        ["409 not_a_suite", "409 not_a_suite", "409 not_a_suite", "404", "404", SCOPE, "401"]),
    // Renewals (REN-3): the billing rights read the list; paying renews.
    // The fixture's domain has no period (made by hand, not by an order):
    // it cannot be renewed, and a payer who does not see it finds it not
    // at all — both refused at its place.
    row("GET", "/orgs/{org}/renewals", None, &["billing:view"], ["200", "200", "200", FORBIDDEN, "404", "200", "401"]),
    row("POST", "/orgs/{org}/renewals", Some(r#"{"items":[{"product_id":"{product}"}]}"#), &["billing:pay"],
        [INVALID, INVALID, INVALID, FORBIDDEN, "404", SCOPE, "401"]),
    // Audit log (OPS-5): owners.
    owners_read("/orgs/{org}/audit"),
    // Leaving (ORG-5): the legal representative hands over first.
    row("POST", "/orgs/{org}/leave", None, NONE,
        ["409 legal_representative", "204", "204", "204", "404", SCOPE, "401"]),
];

/// The people, made once per test (making accounts hashes passwords).
struct People {
    legal: Caller,
    owner: Caller,
    entitled: Caller,
    restricted: Caller,
    /// The restricted member routes act on.
    target: Caller,
    stranger: Caller,
    read_only: String,
}

impl People {
    async fn new(app: &TestApp) -> People {
        let legal = caller(app, "legal@example.test").await;
        let read_only = token_of(app, &legal, &[Scope::OrgsRead]).await;
        People {
            owner: caller(app, "owner@example.test").await,
            entitled: caller(app, "entitled@example.test").await,
            restricted: caller(app, "restricted@example.test").await,
            target: caller(app, "target@example.test").await,
            stranger: caller(app, "stranger@example.test").await,
            legal,
            read_only,
        }
    }

    fn caller(&self, who: Who) -> &Caller {
        match who {
            Who::Legal | Who::ReadOnly | Who::Anonymous => &self.legal,
            Who::Owner => &self.owner,
            Who::Entitled => &self.entitled,
            Who::Restricted => &self.restricted,
            Who::Stranger => &self.stranger,
        }
    }

    fn token(&self, who: Who) -> Option<&str> {
        match who {
            Who::Anonymous => None,
            Who::ReadOnly => Some(&self.read_only),
            other => Some(&self.caller(other).token),
        }
    }
}

/// A fresh organisation holding one of everything a route can act on.
struct Fixture {
    org: OrgId,
    team: TeamId,
    invitation: InvitationId,
    link: String,
    stranger_link: String,
    address: BillingAddressId,
    invoice: InvoiceId,
    credit_note: CreditNoteId,
    payment: PaymentId,
    payment_method: PaymentMethodId,
    order: OrderId,
    product: ProductId,
}

async fn fixture(app: &TestApp, p: &People, row: &Row) -> Fixture {
    let ctx = &app.ctx;
    let by = &p.legal.actor;
    let org = org_of(app, &p.legal, "Matrix SA").await;
    add_member(app, &org, &p.owner.id, Role::Owner, &[]).await;
    add_member(app, &org, &p.entitled.id, Role::User, row.rights).await;
    add_member(app, &org, &p.restricted.id, Role::User, &[]).await;
    add_member(app, &org, &p.target.id, Role::User, &[]).await;
    let team = orgs::save_team(
        ctx,
        by,
        &org,
        None,
        TeamInput {
            name: Some("Support".into()),
            members: Some(vec![p.target.id.to_string()]),
            rights: Some(vec!["billing:view".into()]),
        },
    )
    .await
    .unwrap()
    .id;
    let invite = |email| Invite {
        email,
        role: Role::User,
        rights: Vec::new(),
    };
    let invitation = orgs::invite(ctx, by, &org, invite("pending@example.test"))
        .await
        .unwrap()
        .id;
    let link = invitation_token(app, "pending@example.test").await;
    orgs::invite(ctx, by, &org, invite(&p.stranger.email))
        .await
        .unwrap();
    let stranger_link = invitation_token(app, &p.stranger.email).await;
    let address = AddressInput {
        name: "Example SA".into(),
        street: "Rue du Rhône".into(),
        building_number: "3".into(),
        postcode: "1204".into(),
        town: "Genève".into(),
        country: "CH".into(),
    };
    let address = orgs::save_address(ctx, by, &org, None, &address, false)
        .await
        .unwrap()
        .id;
    // An issued invoice, partly credited.
    let lines = serde_json::from_str(
        r#"{"lines":[{"description":"Web hosting","quantity":1,"unit_price":"120.00","vat_class":"standard"}]}"#,
    )
    .unwrap();
    let invoice = billing::invoices::create_and_issue(ctx, Issuer::Operator, &org, &lines)
        .await
        .unwrap()
        .id;
    let credit =
        serde_json::from_str(r#"{"reason":"Goodwill","lines":[{"line":1,"amount":"20.00"}]}"#)
            .unwrap();
    let credit_note = billing::credit_notes::credit(ctx, Issuer::Operator, &invoice, &credit, None)
        .await
        .unwrap()
        .id;
    // A top-up awaiting its transfer, and a stored card.
    let top_up = serde_json::from_str(r#"{"amount":"25.00","method":"bank_transfer"}"#).unwrap();
    let payment = payments::pay::top_up(ctx, by, &org, &top_up, None)
        .await
        .unwrap()
        .id;
    let payment_method = {
        let mut c = ctx.db.acquire().await.unwrap();
        payments::store::upsert_method(
            c.conn(),
            &payments::store::MethodRow {
                id: PaymentMethodId::new(ctx.clock.now()),
                org_id: org.clone(),
                // A gateway no longer configured: removing is local only.
                gateway: "retired".into(),
                token: format!("tok_{org}"),
                method: "card".into(),
                brand: "visa".into(),
                last4: Some("4242".into()),
                exp_month: Some(12),
                exp_year: Some(2030),
                created_by: by.user_id.to_string(),
                created_at: 0,
                removed_at: None,
            },
        )
        .await
        .unwrap()
    };
    // A pending order, and a domain the organisation holds.
    let cart =
        serde_json::from_str(r#"{"items":[{"plan_id":"hosting-start","months":1}]}"#).unwrap();
    let order = catalog::orders::place(ctx, by, &org, &cart, None)
        .await
        .unwrap()
        .order
        .id;
    let product = ProductId::new(ctx.clock.now());
    {
        let mut c = ctx.db.acquire().await.unwrap();
        guichet_core::sql!(c.conn(), execute,
            "INSERT INTO products (id, org_id, kind, name, plan_id, status, domain_ascii, created_at)
             VALUES ($1, $2, 'domain', 'example.ch', 'domain-ch', 'active', $3, 0)",
            &product, &org, format!("{product}.ch"))
        .unwrap();
    }
    if row.setup == Setup::Handover {
        orgs::start_handover(ctx, by, &org, &p.owner.id)
            .await
            .unwrap();
    }
    Fixture {
        org,
        team,
        invitation,
        link,
        stranger_link,
        address,
        invoice,
        credit_note,
        payment,
        payment_method,
        order,
        product,
    }
}

fn fill(template: &str, f: &Fixture, p: &People, who: Who) -> String {
    template
        .replace("{org}", &f.org)
        .replace("{member}", &p.target.id)
        .replace("{me}", &p.caller(who).id)
        .replace("{owner}", &p.owner.id)
        .replace("{team}", &f.team)
        .replace("{invitation}", &f.invitation)
        .replace("{stranger_link}", &f.stranger_link)
        .replace("{link}", &f.link)
        .replace("{address}", &f.address)
        .replace("{invoice}", &f.invoice)
        .replace("{credit_note}", &f.credit_note)
        .replace("{payment_method}", &f.payment_method)
        .replace("{payment}", &f.payment)
        .replace("{order}", &f.order)
        .replace("{product}", &f.product)
        // Ids nobody has: the caller's own sessions and tokens are theirs
        // to end, anybody else's are not found.
        .replace("{unknown_session}", "ses_01jzzzzzzzzzzzzzzzzzzzzzzz")
        .replace("{unknown_token}", "tok_01jzzzzzzzzzzzzzzzzzzzzzzz")
}

/// `"403 forbidden"`, `"204"`: what an answer is, in the table's terms.
fn outcome(a: &Answer) -> String {
    let status = a.status.as_u16();
    match (status, code(a).as_str()) {
        (_, "") | (404, "object_not_found") | (401, "not_authenticated") => status.to_string(),
        (_, c) => format!("{status} {c}"),
    }
}

// proves: ORG-1, ORG-3, API-1, API-5
async fn every_route_answers_each_caller_as_their_role_and_rights_say(app: Arc<TestApp>) {
    let people = People::new(&app).await;
    let mut wrong: Vec<(String, Who, &str, String)> = Vec::new();
    let mut cells = 0;
    for row in ROWS {
        let mut f = fixture(&app, &people, row).await;
        for (who, expected) in WHO.into_iter().zip(row.expect) {
            let path = format!("/api/1{}", fill(row.path, &f, &people, who));
            let body = row
                .body
                .map(|b| serde_json::from_str(&fill(b, &f, &people, who)).unwrap());
            let res = api(&app, row.method, &path, people.token(who), body).await;
            cells += 1;
            let got = outcome(&res);
            if got != expected {
                wrong.push((format!("{} {}", row.method, row.path), who, expected, got));
            }
            // A change that went through spoils the fixture for the next
            // caller: make a fresh one.
            if row.method != "GET" && res.status.is_success() {
                f = fixture(&app, &people, row).await;
            }
            // Each token makes a request every few seconds at most: far
            // below the 60 a minute of API-3, which is not what is tested.
            app.advance(SignedDuration::from_secs(1));
        }
    }
    assert!(cells >= 200, "the matrix shrank to {cells} cells");
    if !wrong.is_empty() {
        let mut table = format!(
            "{} of {cells} cells differ:\n{:<62} {:<16} {:<28} {}\n",
            wrong.len(),
            "route",
            "caller",
            "expected",
            "got"
        );
        for (route, who, expected, got) in &wrong {
            let _ = writeln!(
                table,
                "{route:<62} {:<16} {expected:<28} {got}",
                who.label()
            );
        }
        panic!("{table}");
    }
}
guichet_core::both_engines!(every_route_answers_each_caller_as_their_role_and_rights_say);

/// `/orgs/{}/members/{}`: a template with its placeholders' names erased.
fn shape(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

// proves: API-4, API-5
/// A new route that takes a token cannot ship without its row.
#[test]
fn every_token_route_has_a_row() {
    let doc = serde_json::to_value(guichet_web::api::openapi::document()).unwrap();
    let rows: BTreeSet<(String, String)> = ROWS
        .iter()
        .map(|r| (r.method.to_string(), shape(r.path)))
        .collect();
    let mut seen = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if op["security"][0]["bearer"].as_array().is_none() {
                continue;
            }
            seen += 1;
            let route = path.strip_prefix("/api/1").unwrap();
            let key = (method.to_uppercase(), shape(route));
            assert!(
                rows.contains(&key),
                "{} {route} has no row in the access matrix",
                key.0
            );
        }
    }
    assert!(seen >= 38, "only {seen} operations with a token documented");
}

// proves: ORG-1, API-4 // issue 10
/// 404 before the body: a stranger sending a body to a route of another
/// organisation is answered 404 whatever the body — `{}`, the valid body,
/// a body that is not JSON, or one sent without a JSON type — never 400,
/// 415 or 422, which would tell them the organisation exists. Every route
/// of the OpenAPI document that takes a body and names an organisation
/// is probed.
async fn a_stranger_gets_404_before_any_body_is_judged(app: Arc<TestApp>) {
    let people = People::new(&app).await;
    let doc = serde_json::to_value(guichet_web::api::openapi::document()).unwrap();
    let mut with_body: BTreeSet<(String, String)> = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            // Staff routes are another door: a customer token gets 404 on
            // every one of them (staff tests), whatever the body.
            if op.get("requestBody").is_some()
                && path.contains("{org_id}")
                && !path.starts_with("/api/1/staff/")
            {
                let route = path.strip_prefix("/api/1").unwrap();
                with_body.insert((method.to_uppercase(), shape(route)));
            }
        }
    }
    assert!(
        with_body.len() >= 9,
        "only {} routes with a body",
        with_body.len()
    );
    let mut probed = BTreeSet::new();
    let mut wrong = Vec::new();
    let f = fixture(&app, &people, &ROWS[0]).await;
    for row in ROWS.iter().filter(|r| r.path.contains("{org}")) {
        let Some(valid) = row.body else { continue };
        probed.insert((row.method.to_string(), shape(row.path)));
        let path = format!("/api/1{}", fill(row.path, &f, &people, Who::Stranger));
        let token = people.token(Who::Stranger);
        let valid: serde_json::Value =
            serde_json::from_str(&fill(valid, &f, &people, Who::Stranger)).unwrap();
        for (what, body) in [
            ("{}", Some(serde_json::json!({}))),
            ("valid body", Some(valid)),
            ("an array", Some(serde_json::json!([1, 2]))),
            ("a wrong field", Some(serde_json::json!({"nonsense": true}))),
        ] {
            let got = outcome(&api(&app, row.method, &path, token, body).await);
            if got != "404" {
                wrong.push(format!("{} {} with {what}: {got}", row.method, row.path));
            }
            app.advance(SignedDuration::from_secs(1));
        }
        // Not JSON at all, and not said to be JSON.
        for (content_type, raw) in [("application/json", "{not json"), ("text/plain", "{}")] {
            let req = axum::http::Request::builder()
                .method(row.method)
                .uri(&path)
                .header("authorization", format!("Bearer {}", token.unwrap()))
                .header("content-type", content_type)
                .body(axum::body::Body::from(raw))
                .unwrap();
            let got = outcome(&crate::support::send(&app, req).await);
            if got != "404" {
                wrong.push(format!(
                    "{} {} with {raw:?} as {content_type}: {got}",
                    row.method, row.path
                ));
            }
            app.advance(SignedDuration::from_secs(1));
        }
    }
    let missing: Vec<_> = with_body.difference(&probed).collect();
    assert!(
        missing.is_empty(),
        "routes with a body not probed: {missing:?}"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
guichet_core::both_engines!(a_stranger_gets_404_before_any_body_is_judged);

/// Ids of another organisation, in every place an id goes.
struct Elsewhere {
    org: OrgId,
    member: UserId,
    team: TeamId,
    invitation: InvitationId,
    address: BillingAddressId,
}

// proves: ORG-1, API-4
/// Another organisation's ids are answered 404, exactly like ids that do
/// not exist, never 403, whoever asks and whatever their rights at home;
/// and nothing happens to that organisation.
async fn another_orgs_ids_are_not_found_never_forbidden(app: Arc<TestApp>) {
    let ctx = &app.ctx;
    let legal = caller(&app, "legal@example.test").await;
    let owner = caller(&app, "owner@example.test").await;
    let restricted = caller(&app, "restricted@example.test").await;
    let home = org_of(&app, &legal, "Home SA").await;
    add_member(&app, &home, &owner.id, Role::Owner, &[]).await;
    add_member(&app, &home, &restricted.id, Role::User, &[]).await;

    let other = caller(&app, "other@example.test").await;
    let member = caller(&app, "member@example.test").await;
    let org = org_of(&app, &other, "Other SA").await;
    add_member(&app, &org, &member.id, Role::Owner, &[]).await;
    let by = &other.actor;
    let team = orgs::save_team(
        ctx,
        by,
        &org,
        None,
        TeamInput {
            name: Some("Theirs".into()),
            members: Some(vec![member.id.to_string()]),
            rights: None,
        },
    )
    .await
    .unwrap()
    .id;
    let invitation = orgs::invite(
        ctx,
        by,
        &org,
        Invite {
            email: "invited@example.test",
            role: Role::User,
            rights: Vec::new(),
        },
    )
    .await
    .unwrap()
    .id;
    let address = AddressInput {
        name: "Other SA".into(),
        street: "Bahnhofstrasse".into(),
        building_number: "1".into(),
        postcode: "8001".into(),
        town: "Zürich".into(),
        country: "CH".into(),
    };
    let address = orgs::save_address(ctx, by, &org, None, &address, false)
        .await
        .unwrap()
        .id;
    let e = Elsewhere {
        org,
        member: member.id.clone(),
        team,
        invitation,
        address,
    };

    let name = Some(r#"{"name":"Mine now"}"#);
    let rights = Some(r#"{"rights":["members"]}"#);
    let remove = Some(r#"{"user_ids":["{b_member}"]}"#);
    // `{a}` the caller's own organisation; `{b…}` the other's.
    let routes: &[(&str, &str, Option<&str>)] = &[
        ("GET", "/orgs/{b}", None),
        ("PATCH", "/orgs/{b}", name),
        ("GET", "/orgs/{b}/members", None),
        ("PATCH", "/orgs/{b}/members/{b_member}", rights),
        ("DELETE", "/orgs/{b}/members/{b_member}", None),
        ("POST", "/orgs/{b}/members/remove", remove),
        ("PATCH", "/orgs/{a}/members/{b_member}", rights),
        ("DELETE", "/orgs/{a}/members/{b_member}", None),
        ("POST", "/orgs/{a}/members/remove", remove),
        ("GET", "/orgs/{b}/invitations", None),
        (
            "POST",
            "/orgs/{b}/invitations",
            Some(r#"{"email":"x@example.test"}"#),
        ),
        ("DELETE", "/orgs/{b}/invitations/{b_invitation}", None),
        ("POST", "/orgs/{b}/invitations/{b_invitation}/resend", None),
        ("DELETE", "/orgs/{a}/invitations/{b_invitation}", None),
        ("POST", "/orgs/{a}/invitations/{b_invitation}/resend", None),
        ("GET", "/orgs/{b}/teams", None),
        ("POST", "/orgs/{b}/teams", name),
        ("PATCH", "/orgs/{b}/teams/{b_team}", name),
        ("DELETE", "/orgs/{b}/teams/{b_team}", None),
        ("PATCH", "/orgs/{a}/teams/{b_team}", name),
        ("DELETE", "/orgs/{a}/teams/{b_team}", None),
        ("POST", "/orgs/{b}/leave", None),
        ("GET", "/orgs/{b}/legal-representative/handover", None),
        (
            "POST",
            "/orgs/{b}/legal-representative/handover",
            Some(r#"{"user_id":"{b_member}"}"#),
        ),
        (
            "POST",
            "/orgs/{b}/legal-representative/handover/accept",
            None,
        ),
        ("GET", "/orgs/{b}/billing-addresses", None),
        ("POST", "/orgs/{b}/billing-addresses", Some(ADDRESS)),
        (
            "PATCH",
            "/orgs/{b}/billing-addresses/{b_address}",
            Some(ADDRESS),
        ),
        ("DELETE", "/orgs/{b}/billing-addresses/{b_address}", None),
        (
            "PATCH",
            "/orgs/{a}/billing-addresses/{b_address}",
            Some(ADDRESS),
        ),
        ("DELETE", "/orgs/{a}/billing-addresses/{b_address}", None),
        ("GET", "/orgs/{b}/audit", None),
        // Ids that name nothing at all, and paths that cannot be read.
        ("GET", "/orgs/org_00000000000000000000000000", None),
        ("GET", "/orgs/nope", None),
        ("GET", "/orgs/%FF%FE", None),
        ("PATCH", "/orgs/%FF/members/%FF", rights),
        ("DELETE", "/orgs/{a}/teams/%C0", None),
        ("DELETE", "/orgs/{a}/billing-addresses/adr_nope", None),
        ("GET", "/invitations/not-a-secret", None),
    ];
    let fill = |t: &str| {
        t.replace("{a}", &home)
            .replace("{b_member}", &e.member)
            .replace("{b_team}", &e.team)
            .replace("{b_invitation}", &e.invitation)
            .replace("{b_address}", &e.address)
            .replace("{b}", &e.org)
    };
    let mut wrong = Vec::new();
    for (method, template, body) in routes {
        // A restricted user is refused at home before any id is looked at
        // (403 whatever the id): only routes of the other org ask them.
        let callers: &[&Caller] = if template.contains("{a}") {
            &[&legal, &owner]
        } else {
            &[&legal, &owner, &restricted]
        };
        for c in callers {
            let body = body.map(|b| serde_json::from_str(&fill(b)).unwrap());
            let res = api(
                &app,
                method,
                &format!("/api/1{}", fill(template)),
                Some(&c.token),
                body,
            )
            .await;
            let got = outcome(&res);
            if got != "404" {
                wrong.push(format!("{method} {template} by {}: {got}", c.email));
            }
            app.advance(SignedDuration::from_secs(1));
        }
    }
    assert!(wrong.is_empty(), "not 404:\n{}", wrong.join("\n"));

    // Nothing happened over there.
    let theirs = orgs::get_org(ctx, by, &e.org).await.unwrap();
    assert_eq!(theirs.name, "Other SA");
    let members = orgs::list_members(ctx, by, &e.org).await.unwrap();
    assert!(
        members
            .iter()
            .any(|m| m.user_id == e.member && m.rights.is_empty())
    );
    let teams = orgs::list_teams(ctx, by, &e.org).await.unwrap();
    assert!(teams.iter().any(|t| t.id == e.team && t.name == "Theirs"));
    let invitations = orgs::list_invitations(ctx, by, &e.org).await.unwrap();
    assert!(
        invitations
            .iter()
            .any(|i| i.id == e.invitation && i.status == "pending")
    );
    let addresses = orgs::list_addresses(ctx, by, &e.org).await.unwrap();
    assert!(
        addresses
            .iter()
            .any(|a| a.id == e.address && a.town == "Zürich")
    );
    assert!(
        orgs::pending_handover(ctx, by, &e.org)
            .await
            .unwrap()
            .is_none()
    );
    let (log, _) = orgs::audit_log(ctx, by, &e.org, &Default::default(), 0, 100)
        .await
        .unwrap();
    assert!(
        log.iter().all(|ev| ev.actor_user_id == other.id),
        "only their own legal representative acted there: {log:#?}"
    );
}
guichet_core::both_engines!(another_orgs_ids_are_not_found_never_forbidden);
