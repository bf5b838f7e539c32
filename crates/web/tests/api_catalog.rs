//! The public catalogue (issue 13, CAT-1): `GET /api/1/catalog` without a
//! token, in the client's language, from the demo or the provider's file.

use std::sync::Arc;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use guichet_core::{both_engines, db::Engine, testing::TestApp};
use serde_json::{Value, json};

use crate::support::send;

async fn catalog(app: &TestApp, lang: Option<&str>) -> Value {
    let mut req = Request::get("/api/1/catalog");
    if let Some(l) = lang {
        req = req.header(header::ACCEPT_LANGUAGE, l);
    }
    let res = send(app, req.body(Body::empty()).unwrap()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    res.json()["data"].clone()
}

fn plan<'a>(c: &'a Value, id: &str) -> &'a Value {
    c["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no plan {id} in {c}"))
}

both_engines!(the_demo_catalogue_is_public_and_speaks_the_clients_language);
async fn the_demo_catalogue_is_public_and_speaks_the_clients_language(app: Arc<TestApp>) {
    // proves: CAT-1
    let en = catalog(&app, None).await;
    assert_eq!(en["lang"], "en");
    assert_eq!(en["currencies"], json!(["CHF", "EUR"]));
    // Every kind the issue names is on sale in a fresh server.
    let kinds: std::collections::BTreeSet<&str> = en["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "domain",
        "web_hosting",
        "mail",
        "suite",
        "drive",
        "chat",
        "nas",
        "premium_support",
    ] {
        assert!(kinds.contains(kind), "{kind} in {kinds:?}");
    }
    // A .ch domain: 1 to 10 years, registered and renewed at the yearly
    // price times the years, in both currencies.
    let ch = plan(&en, "domain-ch");
    assert_eq!(ch["tld"], "ch");
    let months: Vec<u64> = ch["prices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["months"].as_u64().unwrap())
        .collect();
    assert_eq!(months, (1..=10).map(|y| y * 12).collect::<Vec<_>>());
    let three_years = &ch["prices"][2]["prices"];
    assert_eq!(three_years[0]["currency"], "CHF");
    let yearly = &ch["prices"][0]["prices"][0]["amount"];
    let yearly: f64 = yearly.as_str().unwrap().parse().unwrap();
    let three: f64 = three_years[0]["amount"].as_str().unwrap().parse().unwrap();
    assert!(
        (three - 3.0 * yearly).abs() < 0.001,
        "{three} = 3 × {yearly}"
    );
    assert!(ch["renewal_prices"].is_array());
    // A NAS device never offers renewal warranty (REN-4).
    let nas = en["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "nas")
        .unwrap();
    assert_eq!(nas["renewal_warranty"], false);
    // A suite: priced per user, storage in steps, with what it contains.
    let suite = en["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "suite")
        .unwrap();
    assert_eq!(suite["quantity"]["unit"], "user");
    assert!(suite["storage"]["step_gb"].as_u64().unwrap() > 0);
    assert_eq!(suite["includes"], json!(["mail", "drive", "chat"]));

    // French: the names in French, all four languages alongside.
    let fr = catalog(&app, Some("fr-CH,fr;q=0.9")).await;
    assert_eq!(fr["lang"], "fr");
    let fr_ch = plan(&fr, "domain-ch");
    assert_eq!(fr_ch["name"], fr_ch["names"]["fr"]);
    assert_eq!(fr_ch["names"]["en"], plan(&en, "domain-ch")["name"]);
    assert_ne!(fr_ch["name"], fr_ch["names"]["en"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_providers_own_file_replaces_the_demo() {
    // proves: CAT-1
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("catalog.toml");
    std::fs::write(
        &file,
        r#"currencies = ["EUR"]

[[plan]]
id = "web-one"
kind = "web_hosting"
vat_class = "standard"
renewal_warranty = true
name = { en = "Web One", fr = "Web Un", de = "Web Eins", it = "Web Uno" }
description = { en = "One site.", fr = "Un site.", de = "Eine Website.", it = "Un sito." }
[plan.prices]
12 = { EUR = "48.00" }
"#,
    )
    .unwrap();
    let path = file.clone();
    let app = TestApp::with_config(Engine::Sqlite, move |c| c.catalog.file = Some(path))
        .await
        .unwrap();
    let c = catalog(&app, Some("de")).await;
    assert_eq!(c["currencies"], json!(["EUR"]));
    assert_eq!(c["plans"].as_array().unwrap().len(), 1);
    let web = plan(&c, "web-one");
    assert_eq!(web["name"], "Web Eins");
    assert_eq!(
        web["prices"],
        json!([{"months": 12, "prices": [{"amount": "48.00", "currency": "EUR"}]}])
    );
}
