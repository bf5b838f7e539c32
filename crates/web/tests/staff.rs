//! The back office's doors (issue 10): `/staff` pages with their own
//! cookie, and `/api/1/staff/…` with staff tokens. Each door refuses the
//! other's credentials.

use std::sync::Arc;

use axum::http::{StatusCode, header};
use guichet_core::{
    accounts, both_engines,
    staff::{self, StaffRole},
    testing::TestApp,
};

use crate::{
    api_support::call,
    console_support::{Visit, assert_redirect, signed_in},
    support::send,
};

const PASSWORD: &str = "Lantern-Quarry-Mosaic-73";

async fn staff_member(app: &TestApp, email: &str, roles: &[StaffRole]) -> String {
    let id = accounts::create_user(&app.ctx, email, PASSWORD, true)
        .await
        .unwrap();
    staff::create_staff(&app.ctx, email, roles).await.unwrap();
    id.into_string()
}

async fn staff_visit(app: &Arc<TestApp>, email: &str) -> Visit {
    let mut v = Visit::new(app);
    v.get("/staff/signin").await;
    let res = v
        .post("/staff/signin", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_redirect(&res, "/staff");
    v
}

both_engines!(the_back_office_has_its_own_cookie_and_takes_staff_only);
async fn the_back_office_has_its_own_cookie_and_takes_staff_only(app: Arc<TestApp>) {
    // proves: SEC-5 // issue 10: cookie separation, staff only
    accounts::create_user(&app.ctx, "ada@example.test", PASSWORD, true)
        .await
        .unwrap();
    staff_member(&app, "hedy@provider.test", &[StaffRole::Support]).await;

    // Signed out, the back office asks to sign in.
    let mut anon = Visit::new(&app);
    assert_redirect(&anon.get("/staff").await, "/staff/signin");

    // A customer's session does not open it.
    let mut customer = signed_in(&app, "ada@example.test", PASSWORD).await;
    assert_redirect(&customer.get("/staff").await, "/staff/signin");
    assert!(customer.cookie("guichet_staff").is_none());
    // Nor do a customer's address and password.
    customer.get("/staff/signin").await;
    let res = customer
        .post(
            "/staff/signin",
            &[("email", "ada@example.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert!(res.text().contains("data-testid=\"form-alert\""));

    // A forged form (no token) is refused.
    let mut forger = Visit::new(&app);
    forger.get("/staff/signin").await;
    let res = forger
        .post_raw(
            "/staff/signin",
            &[("email", "hedy@provider.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // Staff sign in with their own cookie, HttpOnly and SameSite.
    let mut v = Visit::new(&app);
    v.get("/staff/signin").await;
    let res = v
        .post(
            "/staff/signin",
            &[("email", "hedy@provider.test"), ("password", PASSWORD)],
        )
        .await;
    let set = res.header(header::SET_COOKIE).to_string();
    assert!(set.starts_with("guichet_staff="), "{set}");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    assert!(v.cookie("guichet_session").is_none());
    let page = v.get("/staff").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("data-testid=\"staff-roles\""));
    assert!(html.contains("Support"));
    // The staff session is no customer session.
    assert_redirect(&v.get("/profile").await, "/signin?next=%2Fprofile");

    // Signing out ends it.
    let res = v.post("/staff/signout", &[]).await;
    assert_redirect(&res, "/staff/signin");
    assert_redirect(&v.get("/staff").await, "/staff/signin");
}

both_engines!(staff_search_and_read_summaries_without_secrets);
async fn staff_search_and_read_summaries_without_secrets(app: Arc<TestApp>) {
    // proves: OPS-5 // issue 10: search, summary, no secret
    let ada = accounts::create_user(&app.ctx, "ada@example.test", PASSWORD, true)
        .await
        .unwrap();
    staff_member(&app, "hedy@provider.test", &[StaffRole::Billing]).await;
    let mut v = staff_visit(&app, "hedy@provider.test").await;
    let res = v.get("/staff?q=ada%40").await;
    assert_eq!(res.status, StatusCode::OK);
    let html = res.text();
    assert!(html.contains(&format!("/staff/users/{ada}")), "{html}");
    let org_link = html
        .split("href=\"/staff/orgs/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let org = v.get(&format!("/staff/orgs/{org_link}")).await;
    assert_eq!(org.status, StatusCode::OK);
    let html = org.text();
    assert!(html.contains("ada@example.test"));
    assert!(
        html.contains("data-testid=\"staff-no-addresses\""),
        "billing sees addresses"
    );
    let user = v.get(&format!("/staff/users/{ada}")).await;
    assert_eq!(user.status, StatusCode::OK);
    let html = user.text();
    assert!(html.contains("data-testid=\"staff-verified\""));
    assert!(!html.contains("argon2"));
    assert_eq!(
        v.get("/staff/orgs/org_nope").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        v.get("/staff?q=%00").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

both_engines!(the_staff_api_takes_staff_tokens_only);
async fn the_staff_api_takes_staff_tokens_only(app: Arc<TestApp>) {
    // proves: API-1 // issue 10: staff tokens apart
    let hedy = staff_member(&app, "hedy@provider.test", &[StaffRole::Support]).await;
    let ada = accounts::create_user(&app.ctx, "ada@example.test", PASSWORD, true)
        .await
        .unwrap();
    let staff_token = staff::create_token_for(&app.ctx, "hedy@provider.test", "cli", 30)
        .await
        .unwrap()
        .token;
    let (_, customer_token) = crate::api_support::user_with_token(&app, "grace@example.test").await;

    // No token: 401; a customer token: 404, as if nothing were there.
    let res = send(&app, call("GET", "/api/1/staff/me", None, None)).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let res = send(
        &app,
        call("GET", "/api/1/staff/me", Some(&customer_token), None),
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.json()["error"]["code"], "object_not_found");
    // A staff token on a customer route: 401.
    let res = send(
        &app,
        call("GET", "/api/1/profile", Some(&staff_token), None),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);

    let res = send(
        &app,
        call("GET", "/api/1/staff/me", Some(&staff_token), None),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["data"]["user_id"], hedy);
    assert_eq!(res.json()["data"]["roles"], serde_json::json!(["support"]));
    // The unversioned path is the latest version's.
    let res = send(&app, call("GET", "/api/staff/me", Some(&staff_token), None)).await;
    assert_eq!(res.status, StatusCode::OK);

    let res = send(
        &app,
        call(
            "GET",
            "/api/1/staff/search?q=ada%40example",
            Some(&staff_token),
            None,
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(res.json()["data"]["users"][0]["id"], ada.as_str());
    let res = send(
        &app,
        call(
            "GET",
            &format!("/api/1/staff/users/{ada}"),
            Some(&staff_token),
            None,
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    let body = res.text();
    for secret in ["password", "hash", "token", "csrf"] {
        assert!(!body.contains(secret), "{secret} in {body}");
    }
    // Support is no admin.
    let res = send(
        &app,
        call("GET", "/api/1/staff/audit", Some(&staff_token), None),
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = send(
        &app,
        call("GET", "/api/1/staff/search?q=", Some(&staff_token), None),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
}
