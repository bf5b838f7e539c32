//! The console's shell after issue 10 ("what a first customer stumbled
//! on"): a home page that shows only what exists, text that reads right in
//! French and Italian, the phone menu's script, and the API reference at
//! `/api/docs`.

use std::{collections::BTreeSet, path::PathBuf, sync::Arc};

use axum::http::{StatusCode, header};
use guichet_core::{accounts, both_engines, db::Engine, testing::TestApp};
use serde_json::json;

use crate::{
    api_support::{call, user_with_token},
    console_support::signed_in,
    support::{Answer, get, send},
};

const PASSWORD: &str = "correct horse battery staple";

async fn page(path: &str, headers: &[(&str, &str)]) -> Answer {
    let app = TestApp::new(Engine::Sqlite).await.unwrap();
    send(&app, get(path, headers)).await
}

fn locales() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/locales")
}

/// The messages of a Fluent file, as (key, text) pairs: attribute and
/// continuation lines belong to the message above; comments are left out.
fn messages(lang: &str, file: &str) -> Vec<(String, String)> {
    let path = locales().join(lang).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        match line.split_once(" =") {
            Some((key, value)) if !line.starts_with(' ') => {
                out.push((key.into(), value.trim().into()));
            }
            _ => {
                if let Some(last) = out.last_mut() {
                    last.1.push('\n');
                    last.1.push_str(line.trim_start());
                }
            }
        }
    }
    out
}

/// The places in `text` where French typography wants a no-break space and
/// has none: before `:` `;` `!` `?` and `»`, after `«` (U+00A0 or the
/// narrow U+202F both count). Fluent's own syntax (`{ $n ->`, `[one]`) and
/// times or addresses (`12:30`, `https://`) are not punctuation.
fn french_punctuation_faults(text: &str) -> Vec<String> {
    let no_break = |c: Option<char>| matches!(c, Some('\u{a0}' | '\u{202f}'));
    let chars: Vec<char> = text.chars().collect();
    let mut faults = Vec::new();
    let mut in_placeable = 0;
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        match c {
            '{' => in_placeable += 1,
            '}' => in_placeable -= 1,
            _ if in_placeable > 0 => {}
            ':' if after == Some('/') || before.is_some_and(|b| b.is_ascii_digit()) => {}
            ':' | ';' | '!' | '?' | '»' if !no_break(before) => {
                faults.push(format!("no no-break space before `{c}` at {i}"));
            }
            '«' if !no_break(after) => faults.push(format!("no no-break space after `«` at {i}")),
            _ => {}
        }
    }
    faults
}

#[test]
fn french_punctuation_has_its_no_break_spaces() {
    // The files checked: every French text the customer reads.
    const CHECKED: &[&str] = &[
        "console.ftl",
        "mail.ftl",
        "shop.ftl",
        "catalog-admin.ftl",
        "renewals.ftl",
    ];
    let mut faults = Vec::new();
    for file in CHECKED {
        for (key, text) in messages("fr", file) {
            for f in french_punctuation_faults(&text) {
                faults.push(format!("fr/{file} {key}: {f}: {text}"));
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

#[test]
fn the_french_check_can_fail() {
    assert_eq!(
        french_punctuation_faults("Référence\u{a0}: { $id }"),
        Vec::<String>::new()
    );
    assert_eq!(
        french_punctuation_faults("Un jeton «\u{a0}x\u{a0}» ?").len(),
        1
    );
    assert_eq!(french_punctuation_faults("Référence : x").len(), 1);
    assert_eq!(french_punctuation_faults("Mot de passe oublié?").len(), 1);
    assert_eq!(french_punctuation_faults("«x»").len(), 2);
    assert!(
        french_punctuation_faults("à 12:30, voir https://x.test { $n -> [one] a *[other] b }")
            .is_empty()
    );
}

/// Messages where `suo`, `sua`… is a third person's (the team's members,
/// the organisation's owners or products, the invitation's link, the API's
/// document, an address's start), not the reader's.
const ITALIAN_THIRD_PERSON: &[&str] = &[
    "invitation-accept-hint",
    "teams-hint",
    "orgs-saved-invitation-revoked",
    "api-docs-intro",
    "org-leave-confirm-text",
    "members-remove-confirm-text",
    "teams-delete-confirm-text",
    "staff-search-hint",
];

#[test]
fn italian_addresses_the_reader_with_capitalised_courtesy_forms() {
    let lowercase = ["lei", "suo", "sua", "suoi", "sue"];
    let mut faults = Vec::new();
    // The console's words and the renewals' (issue 14).
    let checked = ["console.ftl", "renewals.ftl"]
        .into_iter()
        .flat_map(|file| messages("it", file));
    for (key, text) in checked {
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        for w in words {
            let courtesy = lowercase.contains(&w)
                && (w == "lei" || !ITALIAN_THIRD_PERSON.contains(&key.as_str()));
            if courtesy {
                faults.push(format!(
                    "it/console.ftl {key}: `{w}` should be capitalised: {text}"
                ));
            }
        }
        // Clitics after an infinitive, addressed to the reader.
        for clitic in ["rla ", "rle ", "rla.", "rle."] {
            if text.contains(&format!("identifica{clitic}"))
                || text.contains(&format!("invita{clitic}"))
            {
                faults.push(format!("it/console.ftl {key}: lowercase clitic: {text}"));
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

// The home page: only what exists (issue 10).
#[tokio::test]
async fn the_home_page_offers_only_what_exists() {
    let app = TestApp::new(Engine::Sqlite).await.unwrap();
    for (lang, not_there) in [
        (
            "en",
            [
                "two-factor",
                "Products and billing",
                "invoices and payments",
                "All systems",
            ],
        ),
        (
            "fr",
            [
                "double authentification",
                "Produits et facturation",
                "factures et paiements",
                "Tous les systèmes",
            ],
        ),
        (
            "de",
            [
                "Zwei-Faktor",
                "Produkte und Abrechnung",
                "Rechnungen und Zahlungen",
                "Alle Systeme",
            ],
        ),
        (
            "it",
            [
                "due fattori",
                "Prodotti e fatturazione",
                "fatture e pagamenti",
                "Tutti i sistemi",
            ],
        ),
    ] {
        let res = send(&app, get("/", &[("accept-language", lang)])).await;
        assert_eq!(res.status, StatusCode::OK);
        let html = res.text();
        for claim in not_there {
            assert!(
                !html.contains(claim),
                "{lang}: the home page still says {claim:?}"
            );
        }
        for c in guichet_web::console::CAPABILITIES {
            assert!(
                html.contains(&format!(r#"<a href="{}">"#, c.href)),
                "{lang}: no card for {}",
                c.key
            );
            assert!(html.contains(&format!(r#"data-capability="{}""#, c.key)));
        }
    }
}

#[tokio::test]
async fn every_capability_on_the_home_page_leads_to_a_page() {
    let app = Arc::new(TestApp::new(Engine::Sqlite).await.unwrap());
    accounts::create_user(&app.ctx, "ada@example.test", PASSWORD, true)
        .await
        .unwrap();
    let mut ada = signed_in(&app, "ada@example.test", PASSWORD).await;
    for c in guichet_web::console::CAPABILITIES {
        let res = ada.get(c.href).await;
        assert_eq!(res.status, StatusCode::OK, "{}: {}", c.href, res.text());
    }
}

// The layout: a calm bar, the language switch at the foot, the phone menu.
#[tokio::test]
async fn the_language_switch_is_in_the_footer_and_the_menu_has_its_script() {
    let res = page("/", &[]).await;
    let html = res.text();
    let footer = &html[html.find("<footer").unwrap()..];
    let header = &html[html.find("<header").unwrap()..html.find("</header>").unwrap()];
    assert!(
        footer.contains(r#"data-testid="language-select""#),
        "{html}"
    );
    assert!(!header.contains("language-select"), "{header}");
    assert!(header.contains(r#"aria-controls="site-menu""#), "{header}");
    assert!(html.contains(r#"<script src="/assets/menu.js" defer></script>"#));

    let res = page("/assets/menu.js", &[]).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.content_type(), "text/javascript; charset=utf-8");
    assert!(res.text().contains("aria-expanded"));
}

// The API reference.
#[tokio::test]
async fn the_api_reference_shows_every_operation_of_the_openapi_document() {
    // proves: API-4 // issue 10
    let app = TestApp::new(Engine::Sqlite).await.unwrap();
    let doc = send(&app, get("/api/openapi.json", &[])).await.json();
    for path in ["/api/docs", "/api/1/docs"] {
        let res = send(&app, get(path, &[])).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert!(res.content_type().starts_with("text/html"), "{path}");
        assert!(
            res.header(header::CONTENT_SECURITY_POLICY)
                .contains("script-src 'self'"),
            "{path}"
        );
    }
    let html = send(&app, get("/api/docs", &[])).await.text();
    assert!(html.contains("API reference"), "{html}");

    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap();
            assert!(
                html.contains(&format!(r#"id="op-{id}""#)),
                "{method} {path}: no section"
            );
            let shown = format!(
                r#"{}</span> <code class="op-path">{}</code>"#,
                method.to_uppercase(),
                path
            );
            assert!(html.contains(&shown), "{method} {path} not shown");
            operations += 1;
        }
    }
    assert!(operations > 10);
    // Scopes, parameters, bodies, responses with their error codes.
    assert!(html.contains("<code>orgs:read</code>"), "scopes");
    assert!(html.contains("<code>per_page</code>"), "parameters");
    assert!(
        html.contains(r##"<a href="#schema-NewToken">NewToken</a>"##),
        "request bodies"
    );
    assert!(
        html.contains("<code>insufficient_scope</code>"),
        "error codes"
    );
    for schema in doc["components"]["schemas"].as_object().unwrap().keys() {
        assert!(
            html.contains(&format!(r#"id="schema-{schema}""#)),
            "{schema}"
        );
    }
    // Every link inside the page has its target.
    let ids: BTreeSet<&str> = html
        .split(r#" id=""#)
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    for anchor in html
        .split(r##"href="#"##)
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
    {
        assert!(
            ids.contains(anchor),
            "a link to #{anchor}, which is not in the page"
        );
    }
    // Only our own files.
    assert!(!html.contains("<script src=\"http"), "{html}");
    assert!(!html.contains("cdn"), "{html}");
}

#[tokio::test]
async fn the_api_reference_speaks_the_visitors_language_around_the_document() {
    let res = page("/api/docs", &[("accept-language", "fr")]).await;
    let html = res.text();
    assert!(html.contains(r#"<html lang="fr">"#));
    assert!(
        html.contains("Référence de l&#39;API") || html.contains("Référence de l'API"),
        "{html}"
    );
    // The language switch comes back to the reference.
    assert!(html.contains(r#"name="next" value="/api/docs""#), "{html}");
}

// Validation: every wrong field, in plain words (issue 10).
both_engines!(a_real_operation_tells_every_wrong_field_at_once);
// proves: API-4 // issue 10
async fn a_real_operation_tells_every_wrong_field_at_once(app: Arc<TestApp>) {
    let (_, token) = user_with_token(&app, "ada@example.test").await;
    let body = json!({"language": "es", "name": 7, "nickname": "Ada"});
    let res = send(
        &app,
        call("PATCH", "/api/1/profile", Some(&token), Some(&body)),
    )
    .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        res.text()
    );
    let errors = res.json()["error"]["errors"].clone();
    let mut found: Vec<(String, String, String)> = errors
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["context"]["attribute"].as_str().unwrap().to_string(),
                e["code"].as_str().unwrap().to_string(),
                e["description"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(found.len(), 3, "{errors}");
    assert_eq!(found[0].0, "language");
    assert_eq!(
        found[0].2,
        "Use one of: en, fr, de, it, got the text \"es\"."
    );
    assert_eq!(found[1].0, "name");
    assert_eq!(found[1].2, "Expected a string, got 7.");
    assert_eq!(found[2].0, "nickname");
    assert!(
        found[2]
            .2
            .starts_with("There is no such field. The fields are: "),
        "{errors}"
    );
    assert!(found.iter().all(|f| f.1 == "invalid_value"));
    // Nothing was changed.
    let res = send(&app, call("GET", "/api/1/profile", Some(&token), None)).await;
    assert_eq!(res.json()["data"]["language"], "en");
}
