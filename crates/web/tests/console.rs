//! The console shell: pages in the visitor's language (OPS-3 covers mail in
//! the user's language; the console follows the same catalogue), the
//! language switch, and HTML error pages.

use axum::http::{StatusCode, header};
use guichet_core::{db::Engine, testing::TestApp};

use crate::support::{Answer, get, send};

async fn page(path: &str, headers: &[(&str, &str)]) -> Answer {
    let app = TestApp::new(Engine::Sqlite).await.unwrap();
    send(&app, get(path, headers)).await
}

fn assert_html(res: &Answer) {
    assert!(
        res.content_type().starts_with("text/html"),
        "content type {}",
        res.content_type()
    );
}

#[tokio::test]
async fn the_home_page_is_english_by_default() {
    let res = page("/", &[]).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_html(&res);
    let html = res.text();
    assert!(html.contains(r#"<html lang="en">"#), "{html}");
    assert!(html.contains("Welcome to your customer centre"), "{html}");
    insta::assert_snapshot!("home_en", html);
}

#[tokio::test]
async fn the_home_page_follows_accept_language() {
    let res = page("/", &[("accept-language", "fr-CH,fr;q=0.9")]).await;
    assert_eq!(res.status, StatusCode::OK);
    let html = res.text();
    assert!(html.contains(r#"<html lang="fr">"#), "{html}");
    assert!(
        html.contains("Bienvenue dans votre espace client"),
        "{html}"
    );
    // The switch shows the language in effect.
    assert!(
        html.contains(r#"<option value="fr" lang="fr" selected>"#),
        "{html}"
    );

    // Unsupported languages fall back by q-value, then to the default.
    let res = page("/", &[("accept-language", "ja, it;q=0.5, de;q=0.8")]).await;
    assert!(res.text().contains(r#"<html lang="de">"#));
    let res = page("/", &[("accept-language", "ja, es")]).await;
    assert!(res.text().contains(r#"<html lang="en">"#));
}

#[tokio::test]
async fn the_language_cookie_wins_over_accept_language() {
    let res = page(
        "/",
        &[
            ("accept-language", "fr"),
            ("cookie", "other=1; guichet_lang=it"),
        ],
    )
    .await;
    let html = res.text();
    assert!(html.contains(r#"<html lang="it">"#), "{html}");
    assert!(html.contains("Benvenuto nella Sua area clienti"), "{html}");
    insta::assert_snapshot!("home_it", html);
}

#[tokio::test]
async fn switching_language_sets_a_cookie_and_goes_back() {
    let res = page("/language?lang=de&next=/", &[]).await;
    assert!(res.status.is_redirection(), "{}", res.status);
    assert_eq!(res.header(header::LOCATION), "/");
    let cookie = res.header(header::SET_COOKIE);
    assert!(cookie.starts_with("guichet_lang=de;"), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    // The test configuration's public URL is http: no Secure flag, or the
    // browser would drop the cookie.
    assert!(!cookie.contains("Secure"), "{cookie}");

    let res = page("/language?lang=fr&next=/orgs?tab=members", &[]).await;
    assert_eq!(res.header(header::LOCATION), "/orgs?tab=members");
}

#[tokio::test]
async fn the_cookie_is_secure_when_the_public_url_is_https() {
    let app = TestApp::with_config(Engine::Sqlite, |c| {
        c.public_url = "https://customers.example.test".into();
    })
    .await
    .unwrap();
    let res = send(&app, get("/language?lang=fr&next=/", &[])).await;
    assert!(res.header(header::SET_COOKIE).contains("; Secure"));
}

#[tokio::test]
async fn switching_language_never_redirects_elsewhere() {
    for next in [
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "evil.example",
        "%2F%2Fevil.example",
        "/%0d%0aSet-Cookie:x=1",
    ] {
        let res = page(&format!("/language?lang=fr&next={next}"), &[]).await;
        assert!(res.status.is_redirection(), "{next}: {}", res.status);
        let location = res.header(header::LOCATION);
        assert!(
            location.starts_with('/')
                && !location.starts_with("//")
                && !location.starts_with("/\\"),
            "{next} redirected to {location}"
        );
        assert!(!location.contains('\n') && !location.contains('\r'));
    }
    let res = page("/language?lang=fr&next=//evil.example", &[]).await;
    assert_eq!(res.header(header::LOCATION), "/");
}

#[tokio::test]
async fn an_unknown_language_falls_back_to_the_default() {
    let res = page("/language?lang=xx&next=/", &[]).await;
    assert!(
        res.header(header::SET_COOKIE)
            .starts_with("guichet_lang=en;")
    );
    // A forged cookie is ignored, not an error.
    let res = page(
        "/",
        &[
            ("cookie", "guichet_lang=klingon"),
            ("accept-language", "fr"),
        ],
    )
    .await;
    assert!(res.text().contains(r#"<html lang="fr">"#));
}

#[tokio::test]
async fn an_unknown_page_is_an_html_404_in_the_visitors_language() {
    let res = page("/no/such/page", &[("accept-language", "de-CH, de;q=0.9")]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_html(&res);
    let html = res.text();
    assert!(html.contains(r#"<html lang="de">"#), "{html}");
    assert!(html.contains("Seite nicht gefunden"), "{html}");
    assert_eq!(res.header(header::CACHE_CONTROL), "no-store");

    let res = page("/no/such/page", &[("x-request-id", "req-test-404")]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let html = res.text();
    assert!(html.contains("Page not found"), "{html}");
    // The reference lets support find the request in the logs.
    assert!(html.contains("req-test-404"), "{html}");
    insta::assert_snapshot!("not_found_en", html);
}

#[tokio::test]
async fn the_stylesheet_is_served() {
    let res = page("/assets/app.css", &[]).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.content_type(), "text/css; charset=utf-8");
    assert!(res.text().contains(":focus-visible"));
}
