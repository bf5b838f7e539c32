//! The public catalogue page (issue 13, CAT-1), in process on both
//! engines: `/catalog` without sign-in, every kind in its group, domains
//! in a table and plans as cards at their prices before VAT, the currency
//! switch (and what it does with a code it does not know), the visitor's
//! language, and a signed-in visitor's shell and organisation's currency.

use std::sync::Arc;

use axum::http::StatusCode;
use guichet_core::{
    both_engines,
    money::Currency,
    orgs::{self, OrgInput},
    testing::TestApp,
};

use crate::{
    console_support::{signed_in, test_id_text},
    orgs_support::{PASSWORD, caller},
    support::{Answer, get, send},
};

/// The kinds, in the order the page shows them.
const KINDS: [&str; 8] = [
    "domain",
    "web_hosting",
    "mail",
    "suite",
    "drive",
    "chat",
    "nas",
    "premium_support",
];

async fn catalog(app: &TestApp, uri: &str, headers: &[(&str, &str)]) -> String {
    let res: Answer = send(app, get(uri, headers)).await;
    assert_eq!(res.status, StatusCode::OK, "{uri}: {}", res.text());
    assert!(res.content_type().starts_with("text/html"));
    res.text()
}

/// The text of a `data-testid` element that holds text only.
fn text(html: &str, id: &str) -> String {
    test_id_text(html, id).unwrap_or_else(|| panic!("no data-testid={id} in {html}"))
}

/// The HTML of the table row `data-testid="<id>"`.
fn row<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!(r#"<tr data-testid="{id}""#))
        .unwrap_or_else(|| panic!("no row {id} in {html}"));
    &html[at..at + html[at..].find("</tr>").unwrap()]
}

/// Money as the page writes it: the code, a no-break space, the amount.
fn money(code: &str, amount: &str) -> String {
    format!("{code}\u{a0}{amount}")
}

both_engines!(the_catalogue_is_public_and_shows_every_kind_in_order);
async fn the_catalogue_is_public_and_shows_every_kind_in_order(app: Arc<TestApp>) {
    // proves: CAT-1
    let html = catalog(&app, "/catalog", &[]).await;
    assert!(html.contains(r#"<html lang="en">"#));
    assert_eq!(text(&html, "page-title"), "Products and prices");
    assert_eq!(text(&html, "catalog-before-vat"), "Prices before VAT.");
    assert!(html.contains(r#"data-testid="nav-signin""#), "signed out");
    let mut last = 0;
    for kind in KINDS {
        let at = html
            .find(&format!(r#"data-testid="catalog-group-{kind}""#))
            .unwrap_or_else(|| panic!("no group {kind}"));
        assert!(at > last, "{kind} is out of order");
        last = at;
        // The contents link to each group's heading.
        let anchor = kind.replace('_', "-");
        assert!(
            html.contains(&format!(r##"<a href="#{anchor}">"##)),
            "{kind}"
        );
        assert!(html.contains(&format!(r#"<section class="catalog-group" id="{anchor}""#)));
    }
    assert_eq!(
        html.matches("<h2 ").count(),
        KINDS.len(),
        "one heading per group"
    );
    // Tables say what their headers head.
    assert!(html.contains(r#"<th scope="col">Extension</th>"#));
    assert!(html.contains(r#"<th scope="row">.ch</th>"#));
}

both_engines!(a_domain_has_its_prices_per_year_and_its_years);
async fn a_domain_has_its_prices_per_year_and_its_years(app: Arc<TestApp>) {
    // proves: CAT-1
    let html = catalog(&app, "/catalog", &[]).await;
    let ch = row(&html, "catalog-domain-ch");
    assert!(ch.contains(".ch"));
    assert!(ch.contains("1–10 years"), "{ch}");
    assert_eq!(
        text(&html, "catalog-domain-ch-register"),
        money("CHF", "12.00")
    );
    assert_eq!(
        text(&html, "catalog-domain-ch-renew"),
        money("CHF", "16.00")
    );
    assert!(row(&html, "catalog-domain-de").contains("1–5 years"));
}

both_engines!(plans_show_their_prices_units_storage_and_contents);
async fn plans_show_their_prices_units_storage_and_contents(app: Arc<TestApp>) {
    // proves: CAT-1, SUI-1 (what a suite's price is made of)
    let html = catalog(&app, "/catalog", &[]).await;
    for (id, said) in [
        ("hosting-start-1", money("CHF", "6.00 / month")),
        ("hosting-start-12", money("CHF", "60.00 / year")),
        ("hosting-pro-24", money("CHF", "260.00 / 2 years")),
        ("mail-pro-1", money("CHF", "2.00 / month")),
    ] {
        assert_eq!(text(&html, &format!("catalog-price-{id}")), said, "{id}");
    }
    assert!(html.contains(r#"data-testid="catalog-plan-hosting-start""#));
    assert!(html.contains("Web Hosting Start"));
    assert!(html.contains("per mailbox, for 1 to 500 mailboxes"));
    assert!(html.contains("per user, for 1 to 1,000 users"));
    assert!(
        html.contains("100 GB included, up to 10,000 GB in steps of 100 GB"),
        "{html}"
    );
    assert_eq!(
        text(&html, "catalog-storage-price-suite-business-1"),
        money("CHF", "2.00 per 100 GB / month")
    );
    assert_eq!(
        text(&html, "catalog-includes-suite-business"),
        "E-mail, Online storage, Team chat"
    );
    // A plan priced per item says no unit.
    let hosting = &html[html
        .find(r#"data-testid="catalog-plan-hosting-start""#)
        .unwrap()
        + 1..];
    let hosting = &hosting[..hosting.find(r#"data-testid="catalog-plan-"#).unwrap()];
    assert!(!hosting.contains("plan-unit"), "{hosting}");
}

both_engines!(the_nas_device_has_no_renewal_warranty);
async fn the_nas_device_has_no_renewal_warranty(app: Arc<TestApp>) {
    // proves: CAT-1, REN-4 (never for a NAS device)
    let html = catalog(&app, "/catalog", &[]).await;
    assert_eq!(
        text(&html, "catalog-warranty-nas-4bay"),
        "No renewal warranty"
    );
    assert_eq!(
        text(&html, "catalog-warranty-hosting-start"),
        "Renewal warranty available"
    );
}

both_engines!(prices_follow_the_currency_asked_for);
async fn prices_follow_the_currency_asked_for(app: Arc<TestApp>) {
    // proves: CAT-1 (prices per currency, CHF and EUR)
    let html = catalog(&app, "/catalog?currency=EUR", &[]).await;
    assert_eq!(
        text(&html, "catalog-domain-ch-register"),
        money("EUR", "12.50")
    );
    assert_eq!(
        text(&html, "catalog-price-hosting-start-1"),
        money("EUR", "6.50 / month")
    );
    assert!(!html.contains("CHF\u{a0}"), "no franc left");
    assert!(html.contains(r#"data-testid="catalog-currency-EUR" aria-current="true""#));
    assert!(html.contains(r#"href="/catalog?currency=CHF""#));
    // The language switch comes back to the same currency.
    assert!(html.contains(r#"name="next" value="/catalog?currency=EUR""#));
    // The code in any case.
    let html = catalog(&app, "/catalog?currency=eur", &[]).await;
    assert!(html.contains(r#"data-testid="catalog-currency-EUR" aria-current="true""#));
}

both_engines!(an_unknown_currency_falls_back_to_the_default);
async fn an_unknown_currency_falls_back_to_the_default(app: Arc<TestApp>) {
    // proves: CAT-1
    for uri in [
        "/catalog?currency=XXX",
        "/catalog?currency=",
        "/catalog?currency=%ZZ",
        "/catalog?currency=EUR&currency=XXX&currency",
        "/catalog?currency%5B%5D=EUR",
    ] {
        let html = catalog(&app, uri, &[]).await;
        assert_eq!(
            text(&html, "catalog-domain-ch-register"),
            if uri.contains("currency=EUR&") {
                money("EUR", "12.50")
            } else {
                money("CHF", "12.00")
            },
            "{uri}"
        );
    }
    let html = catalog(&app, "/catalog?currency=XXX", &[]).await;
    assert!(html.contains(r#"data-testid="catalog-currency-CHF" aria-current="true""#));
}

both_engines!(the_catalogue_speaks_the_visitors_language);
async fn the_catalogue_speaks_the_visitors_language(app: Arc<TestApp>) {
    // proves: CAT-1 (names and descriptions in en, fr, de, it), OPS-3
    let html = catalog(&app, "/catalog", &[("accept-language", "fr-CH,fr;q=0.9")]).await;
    assert!(html.contains(r#"<html lang="fr">"#));
    assert_eq!(text(&html, "page-title"), "Produits et tarifs");
    assert!(html.contains(r#"<h2 id="domain-title">Noms de domaine</h2>"#));
    assert!(
        html.contains("Hébergement web Start"),
        "the plan's own name"
    );
    assert_eq!(
        text(&html, "catalog-price-hosting-start-1"),
        money("CHF", "6,00 / mois")
    );
    assert_eq!(
        text(&html, "catalog-price-hosting-pro-24"),
        money("CHF", "260,00 / 2\u{a0}ans")
    );
    assert!(row(&html, "catalog-domain-ch").contains("1–10\u{a0}ans"));
    assert_eq!(
        text(&html, "catalog-warranty-nas-4bay"),
        "Sans garantie de renouvellement"
    );
    // The cookie wins over Accept-Language, as on every page.
    let html = catalog(
        &app,
        "/catalog",
        &[("accept-language", "fr"), ("cookie", "guichet_lang=de")],
    )
    .await;
    assert!(html.contains(r#"<html lang="de">"#));
    assert!(html.contains(r#"<h2 id="domain-title">Domainnamen</h2>"#));
    assert!(html.contains("pro Benutzer, für 1 bis 1\u{2019}000 Benutzer"));
    let html = catalog(&app, "/catalog", &[("cookie", "guichet_lang=it")]).await;
    assert_eq!(
        text(&html, "catalog-price-hosting-start-12"),
        money("CHF", "60.00 / anno")
    );
}

both_engines!(a_signed_in_visitor_sees_it_in_their_shell_in_their_organisations_currency);
async fn a_signed_in_visitor_sees_it_in_their_shell_in_their_organisations_currency(
    app: Arc<TestApp>,
) {
    // proves: CAT-1
    let ada = caller(&app, "ada@example.test").await;
    let org = orgs::list_orgs(&app.ctx, &ada.actor).await.unwrap()[0]
        .id
        .clone();
    orgs::update_org(
        &app.ctx,
        &ada.actor,
        &org,
        OrgInput {
            currency: Some(Currency::Eur),
            ..OrgInput::default()
        },
    )
    .await
    .unwrap();
    let mut visit = signed_in(&app, &ada.email, PASSWORD).await;
    let res = visit.get("/catalog").await;
    assert_eq!(res.status, StatusCode::OK);
    let html = res.text();
    assert!(html.contains(r#"data-testid="sign-out""#), "their shell");
    assert!(
        html.contains(r#"data-testid="catalog-currency-EUR" aria-current="true""#),
        "their organisation's currency"
    );
    assert_eq!(
        text(&html, "catalog-domain-ch-register"),
        money("EUR", "12.50")
    );
    // Asked for, another currency wins.
    let html = visit.get("/catalog?currency=CHF").await.text();
    assert_eq!(
        text(&html, "catalog-domain-ch-register"),
        money("CHF", "12.00")
    );
    // With two organisations, which one is meant is a guess: the default.
    orgs::create_org(
        &app.ctx,
        &ada.actor,
        OrgInput {
            name: Some("Analytical Engines".into()),
            ..OrgInput::default()
        },
    )
    .await
    .unwrap();
    let html = visit.get("/catalog").await.text();
    assert!(html.contains(r#"data-testid="catalog-currency-CHF" aria-current="true""#));
}

both_engines!(the_home_page_leads_to_the_catalogue);
async fn the_home_page_leads_to_the_catalogue(app: Arc<TestApp>) {
    // proves: CAT-1
    let res = send(&app, get("/", &[("accept-language", "it")])).await;
    let html = res.text();
    assert!(
        html.contains(
            r#"<a href="/catalog" data-testid="home-catalog">I nostri prodotti e prezzi</a>"#
        ),
        "{html}"
    );
}
