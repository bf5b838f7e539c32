//! Who may call the API: bearer tokens (API-1), their scopes, and the rate
//! limit of 60 requests per minute per token (API-3), on one instance and
//! on two instances sharing a PostgreSQL database.

use std::{collections::BTreeSet, sync::Arc};

use axum::http::StatusCode;
use guichet_core::{
    Ctx,
    access::Scope,
    both_engines,
    db::{Db, Engine},
    testing::TestApp,
    tokens,
};
use jiff::SignedDuration;
use serde_json::{Value, json};

use crate::{
    api_support::{PASSWORD, call, signed_in_user, token_with, user_with_token},
    support::{Answer, router, send, send_to},
};

/// A route behind a token: how to call it harmlessly, the scope it needs,
/// and what it answers to a token that has that scope.
struct TokenRoute {
    method: &'static str,
    /// As documented in the OpenAPI document.
    path: &'static str,
    /// As called.
    uri: &'static str,
    body: Option<Value>,
    scope: Scope,
    with_scope: StatusCode,
}

fn token_routes() -> Vec<TokenRoute> {
    let r = |method, path, uri, body, scope, with_scope| TokenRoute {
        method,
        path,
        uri,
        body,
        scope,
        with_scope,
    };
    vec![
        r(
            "GET",
            "/api/1/profile",
            "/api/1/profile",
            None,
            Scope::ProfileRead,
            StatusCode::OK,
        ),
        r(
            "PATCH",
            "/api/1/profile",
            "/api/1/profile",
            Some(json!({"name": "Scoped"})),
            Scope::ProfileWrite,
            StatusCode::OK,
        ),
        r(
            "POST",
            "/api/1/profile/support-code",
            "/api/1/profile/support-code",
            None,
            Scope::ProfileWrite,
            StatusCode::OK,
        ),
        // A new password that the rules refuse: the right scope gets as far
        // as the rules, and the password stays as it is.
        r(
            "PUT",
            "/api/1/profile/password",
            "/api/1/profile/password",
            Some(json!({"current_password": PASSWORD, "new_password": "password"})),
            Scope::ProfileWrite,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        r(
            "GET",
            "/api/1/profile/newsletters",
            "/api/1/profile/newsletters",
            None,
            Scope::ProfileRead,
            StatusCode::OK,
        ),
        r(
            "PUT",
            "/api/1/profile/newsletters",
            "/api/1/profile/newsletters",
            Some(json!({"topics": []})),
            Scope::ProfileWrite,
            StatusCode::OK,
        ),
        r(
            "GET",
            "/api/1/profile/security-log",
            "/api/1/profile/security-log",
            None,
            Scope::SecurityRead,
            StatusCode::OK,
        ),
        r(
            "GET",
            "/api/1/profile/sessions",
            "/api/1/profile/sessions",
            None,
            Scope::SecurityRead,
            StatusCode::OK,
        ),
        r(
            "DELETE",
            "/api/1/profile/sessions/{id}",
            "/api/1/profile/sessions/ses_unknown",
            None,
            Scope::SecurityWrite,
            StatusCode::NOT_FOUND,
        ),
        r(
            "GET",
            "/api/1/profile/tokens",
            "/api/1/profile/tokens",
            None,
            Scope::TokensRead,
            StatusCode::OK,
        ),
        r(
            "POST",
            "/api/1/profile/tokens",
            "/api/1/profile/tokens",
            Some(
                json!({"name": "made in the matrix", "scopes": ["profile:read"], "password": PASSWORD}),
            ),
            Scope::TokensWrite,
            StatusCode::CREATED,
        ),
        r(
            "DELETE",
            "/api/1/profile/tokens/{id}",
            "/api/1/profile/tokens/tok_unknown",
            None,
            Scope::TokensWrite,
            StatusCode::NOT_FOUND,
        ),
    ]
}

fn code_of(res: &Answer) -> String {
    res.json()["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn call_route(app: &TestApp, route: &TokenRoute, token: Option<&str>) -> Answer {
    send(
        app,
        call(route.method, route.uri, token, route.body.as_ref()),
    )
    .await
}

// proves: API-1, API-4
/// The table below covers every operation the OpenAPI document says needs
/// a token, with the scope it documents: a new route cannot escape the
/// matrix.
#[test]
fn the_scope_matrix_covers_every_documented_token_route() {
    let doc = serde_json::to_value(guichet_web::api::openapi::document()).unwrap();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            // Organisation routes (billing's, payments', orders' and
            // renewals' too)
            // are in the access matrix, which crosses scopes with roles
            // (access_matrix.rs).
            let org_route = op["tags"].as_array().is_some_and(|t| {
                t.iter().any(|t| {
                    t == "orgs"
                        || t == "billing"
                        || t == "payments"
                        || t == "orders"
                        || t == "renewals"
                })
            });
            if let Some(scopes) = op["security"][0]["bearer"]
                .as_array()
                .filter(|_| !org_route)
            {
                assert_eq!(scopes.len(), 1, "{method} {path} names one scope");
                documented.insert((
                    method.to_uppercase(),
                    path.clone(),
                    scopes[0].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    let tested: BTreeSet<_> = token_routes()
        .iter()
        .map(|r| {
            (
                r.method.to_string(),
                r.path.to_string(),
                r.scope.to_string(),
            )
        })
        .collect();
    assert_eq!(documented, tested);
}

both_engines!(each_scope_opens_its_routes_only);
async fn each_scope_opens_its_routes_only(app: Arc<TestApp>) {
    // proves: API-1
    let actor = signed_in_user(&app, "ada@example.com").await;
    let mut tokens = Vec::new();
    for scope in Scope::ALL {
        tokens.push((
            scope,
            token_with(&app, &actor, &[scope.as_str()], None).await,
        ));
    }
    for route in token_routes() {
        for (scope, token) in &tokens {
            let res = call_route(&app, &route, Some(token)).await;
            let what = format!("{} {} with {scope}", route.method, route.uri);
            if *scope == route.scope {
                assert_eq!(res.status, route.with_scope, "{what}: {}", res.text());
            } else {
                assert_eq!(res.status, StatusCode::FORBIDDEN, "{what}: {}", res.text());
                assert_eq!(code_of(&res), "insufficient_scope", "{what}");
            }
        }
    }
}

both_engines!(calls_without_a_valid_token_are_401);
async fn calls_without_a_valid_token_are_401(app: Arc<TestApp>) {
    // proves: API-1
    let (_, token) = user_with_token(&app, "bob@example.com").await;
    for route in token_routes() {
        let res = call_route(&app, &route, None).await;
        let what = format!("{} {}", route.method, route.uri);
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{what}");
        assert_eq!(code_of(&res), "not_authenticated", "{what}");
        assert_eq!(res.header("www-authenticate"), "Bearer", "{what}");
    }
    let unknown = format!("gch_{}", "A".repeat(43));
    let cases: [(&str, &str); 6] = [
        ("Bearer nonsense", "invalid_token"),
        ("Bearer gch_", "invalid_token"),
        (&format!("Bearer {unknown}"), "invalid_token"),
        // The secret with one character changed.
        (
            &format!("Bearer {}x", &token[..token.len() - 1]),
            "invalid_token",
        ),
        ("Basic YWRhOnB3", "not_authenticated"),
        (&format!("Token {token}"), "not_authenticated"),
    ];
    for (authorization, code) in cases {
        let mut req = call("GET", "/api/1/profile", None, None);
        req.headers_mut()
            .insert("authorization", authorization.parse().unwrap());
        let res = send(&app, req).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{authorization}");
        assert_eq!(code_of(&res), code, "{authorization}");
    }
    // The scheme is case-insensitive (RFC 7235).
    let mut req = call("GET", "/api/1/profile", None, None);
    req.headers_mut()
        .insert("authorization", format!("bearer {token}").parse().unwrap());
    assert_eq!(send(&app, req).await.status, StatusCode::OK);
}

both_engines!(expired_revoked_and_deactivated_tokens_are_refused);
async fn expired_revoked_and_deactivated_tokens_are_refused(app: Arc<TestApp>) {
    // proves: API-1
    let actor = signed_in_user(&app, "cay@example.com").await;
    let tomorrow = app.ctx.today().tomorrow().unwrap();
    let expiring = token_with(&app, &actor, &["profile:read"], Some(tomorrow)).await;
    let revoked = token_with(&app, &actor, &["profile:read", "tokens:read"], None).await;
    let manager = token_with(&app, &actor, &["tokens:read", "tokens:write"], None).await;
    for t in [&expiring, &revoked, &manager] {
        let res = send(&app, call("GET", "/api/1/profile/tokens", Some(t), None)).await;
        assert_ne!(res.status, StatusCode::UNAUTHORIZED);
    }

    // Revoked through the API: refused at once.
    let list = send(
        &app,
        call("GET", "/api/1/profile/tokens", Some(&manager), None),
    )
    .await
    .json();
    let revoked_id = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| revoked.starts_with(t["prefix"].as_str().unwrap()))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = send(
        &app,
        call(
            "DELETE",
            &format!("/api/1/profile/tokens/{revoked_id}"),
            Some(&manager),
            None,
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let res = send(&app, call("GET", "/api/1/profile", Some(&revoked), None)).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(code_of(&res), "invalid_token");

    // Works through its last day, not after.
    // 36 hours on: 22:00 in Zurich on its last day.
    app.advance(SignedDuration::from_hours(36));
    let res = send(&app, call("GET", "/api/1/profile", Some(&expiring), None)).await;
    assert_eq!(res.status, StatusCode::OK, "still its last day");
    app.advance_days(1);
    let res = send(&app, call("GET", "/api/1/profile", Some(&expiring), None)).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(code_of(&res), "invalid_token");

    // A year without use: the sweep switches the token off.
    let res = send(
        &app,
        call("GET", "/api/1/profile/tokens", Some(&manager), None),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    app.advance_days(366);
    let report = tokens::deactivate_unused_tokens(&app.ctx).await.unwrap();
    assert!(report.done >= 1, "{report:?}");
    let res = send(
        &app,
        call("GET", "/api/1/profile/tokens", Some(&manager), None),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(code_of(&res), "invalid_token");
    assert_eq!(
        app.last_mail_to("cay@example.com").await.template,
        "token_deactivated"
    );
}

fn limit_headers(res: &Answer) -> (String, String, String) {
    (
        res.header("x-ratelimit-limit").to_string(),
        res.header("x-ratelimit-remaining").to_string(),
        res.header("x-ratelimit-reset").to_string(),
    )
}

both_engines!(sixty_requests_a_minute_then_429);
async fn sixty_requests_a_minute_then_429(app: Arc<TestApp>) {
    // proves: API-3
    let (_, token) = user_with_token(&app, "dan@example.com").await;
    let (_, other) = user_with_token(&app, "eli@example.com").await;
    let r = router(&app);
    // The clock stands still: all 60 at the same instant.
    for i in 0..60u32 {
        let res = send_to(r.clone(), call("GET", "/api/1/profile", Some(&token), None)).await;
        assert_eq!(res.status, StatusCode::OK, "request {}", i + 1);
        let (limit, remaining, _) = limit_headers(&res);
        assert_eq!(limit, "60");
        assert_eq!(remaining, (59 - i).to_string(), "request {}", i + 1);
    }
    let res = send_to(r.clone(), call("GET", "/api/1/profile", Some(&token), None)).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(code_of(&res), "too_many_requests");
    let retry_after: i64 = res.header("retry-after").parse().unwrap();
    assert_eq!(retry_after, 1);
    assert_eq!(limit_headers(&res), ("60".into(), "0".into(), "60".into()));
    insta::assert_json_snapshot!("too_many_requests", res.json());

    // Another token has its own budget.
    let res = send_to(r.clone(), call("GET", "/api/1/profile", Some(&other), None)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("x-ratelimit-remaining"), "59");

    app.advance(SignedDuration::from_secs(retry_after));
    let res = send_to(r.clone(), call("GET", "/api/1/profile", Some(&token), None)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(res.header("x-ratelimit-remaining"), "0");
    // And only that one: the budget refills at one a second.
    let res = send_to(r, call("GET", "/api/1/profile", Some(&token), None)).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
}

// proves: API-3, OPS-1
/// Two server instances on one PostgreSQL database, each with its own
/// in-memory state, share the limit: 60 requests alternated between them
/// spend one budget, and the 61st is refused whichever instance gets it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_one_limit_on_postgresql() {
    if guichet_core::testing::postgres_admin_url().is_none() {
        guichet_core::testing::skip("two_instances_share_one_limit_on_postgresql: no PostgreSQL");
        return;
    }
    let app = TestApp::new(Engine::Postgres).await.unwrap();
    let (_, token) = user_with_token(&app, "fox@example.com").await;

    let config = (*app.ctx.config).clone();
    let db = Db::connect(&app.db.url, &config.pool_settings())
        .await
        .unwrap();
    let ctx_b = Ctx::new(config, db, Arc::new(app.clock.clone())).unwrap();
    let a = router(&app);
    let b = guichet_web::router(guichet_web::AppState::new(ctx_b));

    for i in 0..60u32 {
        let (name, instance) = if i % 2 == 0 { ("A", &a) } else { ("B", &b) };
        let res = send_to(
            instance.clone(),
            call("GET", "/api/1/profile", Some(&token), None),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "request {} on {name}", i + 1);
        assert_eq!(
            res.header("x-ratelimit-remaining"),
            (59 - i).to_string(),
            "request {} on {name}",
            i + 1
        );
    }
    for (name, instance) in [("A", &a), ("B", &b)] {
        let res = send_to(
            instance.clone(),
            call("GET", "/api/1/profile", Some(&token), None),
        )
        .await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "61st on {name}");
        assert_eq!(code_of(&res), "too_many_requests");
        assert_eq!(res.header("retry-after"), "1");
    }
    app.advance(SignedDuration::from_secs(1));
    let res = send_to(b.clone(), call("GET", "/api/1/profile", Some(&token), None)).await;
    assert_eq!(res.status, StatusCode::OK);
    let res = send_to(a.clone(), call("GET", "/api/1/profile", Some(&token), None)).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    app.check_invariants().await;
}
