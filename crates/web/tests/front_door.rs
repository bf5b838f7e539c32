//! The HTTP front door as an outside attacker tried it (issue 9): redirects,
//! security headers, cookies, foreign forms, oversized forms, metrics.

use std::sync::Arc;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use guichet_core::{both_engines, testing::TestApp};

use crate::{
    api_support::{PASSWORD, user},
    console_support::{Visit, csrf_of},
    support::{Answer, METRICS_TOKEN, get, router, router_with, scrape, send, send_to},
};

const HOSTILE_NEXT: [&str; 7] = [
    "/%09/evil.example",
    "/%5Cevil.example",
    "//evil.example",
    "/%00",
    "/%7F",
    "/%C2%85",
    "https://evil.example",
];

both_engines!(the_language_switch_redirects_to_local_paths_only);
// security: local redirects only (issue 9)
/// The language switch goes back to a local path only, and a hostile
/// `next` never makes it fail.
async fn the_language_switch_redirects_to_local_paths_only(app: Arc<TestApp>) {
    for next in HOSTILE_NEXT {
        let res = send(&app, get(&format!("/language?lang=fr&next={next}"), &[])).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{next}: {}", res.text());
        assert_eq!(res.header(header::LOCATION), "/", "{next}");
    }
    let res = send(&app, get("/language?lang=fr&next=/profile%3Fa%3Db", &[])).await;
    assert_eq!(res.header(header::LOCATION), "/profile?a=b");
}

both_engines!(sign_in_redirects_to_local_paths_only);
// security: local redirects only (issue 9)
/// After signing in, a hostile `next` of the form sends home.
async fn sign_in_redirects_to_local_paths_only(app: Arc<TestApp>) {
    user(&app, "ada@example.test").await;
    for next in HOSTILE_NEXT.iter().chain(&["/\t/evil.example", "/\\evil"]) {
        let next = percent_decoded(next);
        let mut v = Visit::new(&app);
        v.get("/signin").await;
        let fields = [
            ("email", "ada@example.test"),
            ("password", PASSWORD),
            ("next", next.as_str()),
        ];
        let res = v.post("/signin", &fields).await;
        if next.chars().any(char::is_control) {
            // A form field with a control character is refused before
            // sign-in is tried (input at the edge): no redirect at all.
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{next:?}");
            assert!(res.headers.get(header::LOCATION).is_none(), "{next:?}");
            continue;
        }
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "{next:?}: {}",
            res.text()
        );
        assert_eq!(res.header(header::LOCATION), "/", "{next:?}");
    }
    // Signed in, the sign-in page sends on at once: the same rule.
    let mut v = Visit::new(&app);
    v.get("/signin").await;
    v.post(
        "/signin",
        &[("email", "ada@example.test"), ("password", PASSWORD)],
    )
    .await;
    let res = v.get("/signin?next=/%09/evil.example").await;
    assert_eq!(res.header(header::LOCATION), "/");
}

fn percent_decoded(s: &str) -> String {
    serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("x={s}"))
        .unwrap()
        .pop()
        .unwrap()
        .1
}

/// The headers every answer must carry.
fn assert_security_headers(res: &Answer, what: &str, https: bool) {
    let csp = res.header(header::CONTENT_SECURITY_POLICY);
    for directive in [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ] {
        assert!(csp.contains(directive), "{what}: CSP {csp:?}");
    }
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert_eq!(res.header(header::X_FRAME_OPTIONS), "DENY", "{what}");
    assert_eq!(
        res.header(header::X_CONTENT_TYPE_OPTIONS),
        "nosniff",
        "{what}"
    );
    assert_eq!(res.header(header::REFERRER_POLICY), "same-origin", "{what}");
    assert_eq!(
        res.header("cross-origin-opener-policy"),
        "same-origin",
        "{what}"
    );
    let hsts = res.header(header::STRICT_TRANSPORT_SECURITY);
    if https {
        assert_eq!(hsts, "max-age=31536000; includeSubDomains", "{what}");
    } else {
        assert_eq!(hsts, "", "{what}: no HSTS over http");
    }
}

/// One of each kind of answer.
const KINDS: [(&str, &str); 7] = [
    ("page", "/signin"),
    ("API success", "/api/1/openapi.json"),
    ("API error", "/api/1/profile"),
    ("asset", "/assets/app.css"),
    ("404 page", "/no-such-page"),
    ("health", "/healthz"),
    ("disabled metrics", "/metrics"),
];

both_engines!(every_kind_of_answer_carries_the_security_headers);
// security: security headers on every answer (issue 9)
async fn every_kind_of_answer_carries_the_security_headers(app: Arc<TestApp>) {
    for (what, path) in KINDS {
        let res = send(&app, get(path, &[])).await;
        assert_security_headers(&res, what, false);
    }
    let res = send_to(router(&app), method("BREW", "/")).await;
    assert_security_headers(&res, "405", false);
    let https = |c: &mut guichet_core::config::Config| {
        c.public_url = "https://guichet.example".into();
    };
    for (what, path) in KINDS {
        let res = send_to(router_with(&app, https), get(path, &[])).await;
        assert_security_headers(&res, what, true);
    }
}

// security: no inline script or style (issue 9), so the CSP needs no
// 'unsafe-inline'.
#[test]
fn templates_hold_no_inline_script_or_style() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for bad in ["<script>", "<style", "style=\"", " on"] {
                let found = match bad {
                    // An event handler attribute: ` onclick="`…
                    " on" => text.match_indices(" on").any(|(i, _)| {
                        let rest = &text[i + 3..];
                        let name_len = rest.find(|c: char| !c.is_ascii_lowercase());
                        name_len.is_some_and(|n| n > 0 && rest[n..].starts_with("=\""))
                    }),
                    _ => text.contains(bad),
                };
                assert!(!found, "{} holds {bad:?}", path.display());
            }
        }
    }
}

fn method(name: &str, uri: &str) -> Request<Body> {
    Request::builder()
        .method(name)
        .uri(uri)
        .body(Body::empty())
        .unwrap()
}

both_engines!(custom_methods_add_no_metric_series);
// proves: OPS-4
/// Any number of made-up methods share one `method` label.
async fn custom_methods_add_no_metric_series(app: Arc<TestApp>) {
    for i in 0..40 {
        send_to(router(&app), method(&format!("PROBE{i}"), "/healthz")).await;
        send_to(
            router(&app),
            method(&format!("PROBE{i}"), &format!("/nowhere/{i}")),
        )
        .await;
    }
    let text = scrape(&app).await.text();
    assert!(!text.contains("PROBE"), "a method became a label");
    assert!(text.contains(r#"method="other""#), "{text}");
}

both_engines!(metrics_need_the_configured_token);
// proves: OPS-4
/// `/metrics` is off without a token, and asks for it when one is set.
async fn metrics_need_the_configured_token(app: Arc<TestApp>) {
    let res = send(&app, get("/metrics", &[])).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "off without a token");

    let with_token = || {
        router_with(&app, |c| {
            c.http.metrics_token = Some(METRICS_TOKEN.into());
        })
    };
    let res = send_to(with_token(), get("/metrics", &[])).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert!(res.header(header::WWW_AUTHENTICATE).starts_with("Bearer"));
    for wrong in [
        "Bearer nope",
        "Bearer metrics-token-for-tests-012345678",
        METRICS_TOKEN,
    ] {
        let res = send_to(with_token(), get("/metrics", &[("authorization", wrong)])).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{wrong}");
        assert!(!res.text().contains("guichet_"), "{wrong}");
    }
    let res = scrape(&app).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text().contains("guichet_http_requests_total"));
}

both_engines!(cookies_carry_the_host_prefix_behind_https);
// security: __Host- cookies behind https (issue 9)
/// Behind https the cookies carry the `__Host-` prefix (Secure, Path=/,
/// no Domain); a cookie without it, as a sibling subdomain could plant,
/// is not read.
async fn cookies_carry_the_host_prefix_behind_https(app: Arc<TestApp>) {
    user(&app, "ada@example.test").await;
    let https = || {
        router_with(&app, |c| {
            c.public_url = "https://guichet.example".into();
        })
    };
    let page = send_to(https(), get("/signin", &[])).await;
    let csrf_cookie = set_cookie(&page, "__Host-guichet_csrf");
    let csrf = csrf_of(&page.text()).unwrap();
    let form = serde_urlencoded::to_string([
        ("csrf", csrf.as_str()),
        ("email", "ada@example.test"),
        ("password", PASSWORD),
    ])
    .unwrap();
    let signin = Request::post("/signin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("__Host-guichet_csrf={csrf_cookie}"))
        .body(Body::from(form))
        .unwrap();
    let res = send_to(https(), signin).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
    let session = set_cookie(&res, "__Host-guichet_session");

    let with = |cookie: String| get("/profile", &[("cookie", cookie.as_str())]);
    let res = send_to(https(), with(format!("__Host-guichet_session={session}"))).await;
    assert_eq!(res.status, StatusCode::OK, "the prefixed cookie signs in");
    let res = send_to(https(), with(format!("guichet_session={session}"))).await;
    assert_eq!(
        res.status,
        StatusCode::SEE_OTHER,
        "the plain name is ignored"
    );
    assert!(res.header(header::LOCATION).starts_with("/signin"));

    // Over http (development) the plain names, which browsers accept there.
    let res = send(&app, get("/signin", &[])).await;
    set_cookie(&res, "guichet_csrf");
}

/// The value of the `name` cookie set by `res`, checking its attributes.
fn set_cookie(res: &Answer, name: &str) -> String {
    let set = res
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie: {:?}", res.headers));
    assert!(set.contains("; Path=/"), "{set}");
    assert!(!set.to_ascii_lowercase().contains("domain="), "{set}");
    assert_eq!(
        set.contains("; Secure"),
        name.starts_with("__Host-"),
        "{set}"
    );
    set[name.len() + 1..].split(';').next().unwrap().to_string()
}

both_engines!(an_oversized_form_gets_a_page_in_the_visitors_language);
// security: an oversized console form gets a page (issue 9)
async fn an_oversized_form_gets_a_page_in_the_visitors_language(app: Arc<TestApp>) {
    let small = || router_with(&app, |c| c.http.body_limit_bytes = 2048);
    let page = send_to(small(), get("/signin", &[])).await;
    let csrf = set_cookie(&page, "guichet_csrf");
    let form = format!("csrf={csrf}&email={}", "a".repeat(4096));
    let req = Request::post("/signin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("guichet_csrf={csrf}"))
        .header(header::ACCEPT_LANGUAGE, "fr")
        .body(Body::from(form))
        .unwrap();
    let res = send_to(small(), req).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        res.content_type().starts_with("text/html"),
        "{}",
        res.content_type()
    );
    assert!(
        res.text().contains("Envoi trop volumineux"),
        "{}",
        res.text()
    );
}

both_engines!(a_form_from_a_foreign_referer_is_refused);
// security: a foreign Referer is refused like a foreign Origin (issue 9)
/// A form without `Origin` is judged by its `Referer`; with neither, by
/// its token alone.
async fn a_form_from_a_foreign_referer_is_refused(app: Arc<TestApp>) {
    let page = send(&app, get("/signin", &[])).await;
    let csrf = set_cookie(&page, "guichet_csrf");
    let post = |referer: Option<&str>| {
        let mut req = Request::post("/language")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, format!("guichet_csrf={csrf}"));
        if let Some(r) = referer {
            req = req.header(header::REFERER, r);
        }
        req.body(Body::from(format!("csrf={csrf}&lang=de&next=/")))
            .unwrap()
    };
    let res = send(&app, post(Some("https://evil.example/page?x=1"))).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.text());
    let public = app.ctx.config.public_url.trim_end_matches('/').to_string();
    let res = send(&app, post(Some(&format!("{public}/signin")))).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "our own page's form");
    let res = send(&app, post(None)).await;
    assert_eq!(
        res.status,
        StatusCode::SEE_OTHER,
        "neither: the token decides"
    );
}
