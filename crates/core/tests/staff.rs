//! The staff back office (issue 10): staff-only sign-in with its own
//! sessions, staff tokens apart from customer tokens, search, summaries
//! without secrets, and the staff audit log.

use guichet_core::ids::{OrgId, UserId};
use std::sync::Arc;

use guichet_core::{
    Error,
    accounts::{self, RequestMeta},
    both_engines,
    db::Conn,
    orgs,
    security::SignInOutcome,
    sql,
    staff::{self, Page, StaffActor, StaffRole},
    testing::TestApp,
};
use jiff::SignedDuration;

const PASSWORD: &str = "Lantern-Quarry-Mosaic-73";
const IP: &str = "198.51.100.4";

fn meta() -> RequestMeta {
    RequestMeta::new(IP, "test")
}

fn code<T: std::fmt::Debug>(r: Result<T, Error>) -> &'static str {
    r.expect_err("an error").code()
}

/// A customer with a verified account; their user id.
async fn customer(app: &TestApp, email: &str) -> UserId {
    accounts::create_user(&app.ctx, email, PASSWORD, true)
        .await
        .unwrap()
}

/// A staff member with a known password and `roles`, signed in to the back
/// office.
async fn staff_member(app: &TestApp, email: &str, roles: &[StaffRole]) -> StaffActor {
    customer(app, email).await;
    let setup = staff::create_staff(&app.ctx, email, roles).await.unwrap();
    assert!(setup.setup_link.is_none(), "the account existed");
    let s = staff::sign_in(&app.ctx, email, PASSWORD, &meta())
        .await
        .unwrap();
    staff::authenticate_session(&app.ctx, &s.token, &meta())
        .await
        .unwrap()
        .actor
}

/// The staff audit rows: (staff user id, empty for the operator; via,
/// action, target).
async fn staff_audit(app: &TestApp) -> Vec<(String, String, String, String)> {
    let mut c = app.ctx.db.acquire().await.unwrap();
    let conn: Conn<'_> = c.conn();
    sql!(
        conn,
        fetch_all as (String, String, String, String),
        "SELECT COALESCE(staff_user_id, ''), via, action, target FROM staff_audit_events ORDER BY created_at, id"
    )
    .unwrap()
}

both_engines!(only_staff_sign_in_to_the_back_office);
async fn only_staff_sign_in_to_the_back_office(app: Arc<TestApp>) {
    // proves: SEC-5 // issue 10: staff accounts only, sessions apart
    customer(&app, "ada@example.test").await;
    // A customer's right password is answered as a wrong one.
    assert_eq!(
        code(staff::sign_in(&app.ctx, "ada@example.test", PASSWORD, &meta()).await),
        "invalid_credentials"
    );
    let hedy = staff_member(&app, "hedy@provider.test", &[StaffRole::Support]).await;
    assert_eq!(hedy.roles.iter().collect::<Vec<_>>(), [StaffRole::Support]);
    assert_eq!(
        code(staff::sign_in(&app.ctx, "hedy@provider.test", "wrong password!", &meta()).await),
        "invalid_credentials"
    );

    // A customer session is no staff session, and the reverse.
    let SignInOutcome::SignedIn(customer_session) =
        guichet_core::security::sign_in(&app.ctx, "ada@example.test", PASSWORD, &meta())
            .await
            .unwrap()
    else {
        panic!("second factor")
    };
    assert_eq!(
        code(staff::authenticate_session(&app.ctx, &customer_session.token, &meta()).await),
        "not_authenticated"
    );
    let staff_session = staff::sign_in(&app.ctx, "hedy@provider.test", PASSWORD, &meta())
        .await
        .unwrap();
    assert_eq!(
        code(guichet_core::security::authenticate_session(&app.ctx, &staff_session.token).await),
        "not_authenticated"
    );

    // Shorter lives: 30 minutes idle end it.
    app.advance(SignedDuration::from_mins(31));
    assert_eq!(
        code(staff::authenticate_session(&app.ctx, &staff_session.token, &meta()).await),
        "not_authenticated"
    );

    // Signing out ends it; both sign-ins and the sign-out are audited.
    let fresh = staff::sign_in(&app.ctx, "hedy@provider.test", PASSWORD, &meta())
        .await
        .unwrap();
    let actor = staff::authenticate_session(&app.ctx, &fresh.token, &meta())
        .await
        .unwrap()
        .actor;
    staff::sign_out(&app.ctx, &actor).await.unwrap();
    assert_eq!(
        code(staff::authenticate_session(&app.ctx, &fresh.token, &meta()).await),
        "not_authenticated"
    );
    let actions: Vec<String> = staff_audit(&app)
        .await
        .into_iter()
        .filter(|r| hedy.user_id == r.0.as_str())
        .map(|r| r.2)
        .collect();
    assert_eq!(
        actions,
        [
            "staff.signed_in",
            "staff.signed_in",
            "staff.signed_in",
            "staff.signed_out"
        ]
    );
}

both_engines!(staff_sign_in_failures_are_throttled);
async fn staff_sign_in_failures_are_throttled(app: Arc<TestApp>) {
    // proves: SEC-5
    staff_member(&app, "hedy@provider.test", &[StaffRole::Admin]).await;
    let mut last = "";
    for _ in 0..12 {
        last = code(staff::sign_in(&app.ctx, "hedy@provider.test", "not it at all", &meta()).await);
        if last == "too_many_requests" {
            break;
        }
    }
    assert_eq!(last, "too_many_requests");
}

both_engines!(staff_find_customers_by_what_callers_tell_them);
async fn staff_find_customers_by_what_callers_tell_them(app: Arc<TestApp>) {
    // proves: ACC-4 // issue 10: search by e-mail, support code, id, name
    let ada = customer(&app, "ada@example.test").await;
    customer(&app, "adam@example.test").await;
    customer(&app, "grace@example.test").await;
    let hedy = staff_member(&app, "hedy@provider.test", &[StaffRole::Support]).await;
    let page = Page::default();

    let r = staff::search(&app.ctx, &hedy, "ADA@", page).await.unwrap();
    assert_eq!(r.matched_by, "email");
    assert_eq!(
        r.users.iter().map(|u| u.email.as_str()).collect::<Vec<_>>(),
        ["ada@example.test"]
    );
    // Ada's personal organisation comes with her.
    assert_eq!(r.orgs.len(), 1);
    let org_id = r.orgs[0].id.clone();

    let r = staff::search(&app.ctx, &hedy, "ad", page).await.unwrap();
    assert_eq!(r.matched_by, "name");
    assert_eq!(r.orgs.len(), 2, "{r:?}");

    let code_of_ada = r.users.first().map(|u| u.support_code.clone());
    assert!(code_of_ada.is_none(), "a name search finds organisations");
    let summary = staff::user_summary(&app.ctx, &hedy, &ada).await.unwrap();
    let spaced = format!(
        "{} {}",
        &summary.support_code[..4],
        &summary.support_code[4..]
    );
    let r = staff::search(&app.ctx, &hedy, &spaced, page).await.unwrap();
    assert_eq!(r.matched_by, "support_code");
    assert_eq!(r.users[0].id, ada);

    let r = staff::search(&app.ctx, &hedy, &ada, page).await.unwrap();
    assert_eq!(
        (r.matched_by.as_str(), r.users[0].id.as_str()),
        ("user_id", ada.as_str())
    );
    let r = staff::search(&app.ctx, &hedy, &org_id, page).await.unwrap();
    assert_eq!(
        (r.matched_by.as_str(), r.orgs[0].id.as_str()),
        ("org_id", org_id.as_str())
    );

    // Bounded pages: one per page, the second page holds the other.
    let one = Page::new(1, 1);
    let first = staff::search(&app.ctx, &hedy, "ada", one).await.unwrap();
    let second = staff::search(&app.ctx, &hedy, "ada", Page::new(2, 1))
        .await
        .unwrap();
    assert_eq!((first.orgs.len(), second.orgs.len()), (1, 1));
    assert_ne!(first.orgs[0].id, second.orgs[0].id);
    assert_eq!(Page::new(1, 10_000).per_page, staff::SEARCH_PAGE_MAX);

    // A name with LIKE's wildcards is taken literally.
    let r = staff::search(&app.ctx, &hedy, "%", page).await.unwrap();
    assert!(r.orgs.is_empty());

    for bad in ["", "   ", "ada\0", &"x".repeat(255)] {
        assert_eq!(
            code(staff::search(&app.ctx, &hedy, bad, page).await),
            "validation_failed",
            "{bad:?}"
        );
    }
    // Every search is recorded with the staff member as actor.
    let searches = staff_audit(&app)
        .await
        .into_iter()
        .filter(|r| r.2 == "customers.searched")
        .collect::<Vec<_>>();
    // Refused texts are not searches: eight were made.
    assert_eq!(searches.len(), 8);
    assert!(
        searches
            .iter()
            .all(|r| hedy.user_id == r.0.as_str() && r.1 == "session")
    );
}

both_engines!(summaries_show_what_staff_need_and_no_secret);
async fn summaries_show_what_staff_need_and_no_secret(app: Arc<TestApp>) {
    // proves: OPS-5 // issue 10: summaries audited, never a secret
    let ada = customer(&app, "ada@example.test").await;
    let SignInOutcome::SignedIn(_) =
        guichet_core::security::sign_in(&app.ctx, "ada@example.test", PASSWORD, &meta())
            .await
            .unwrap()
    else {
        panic!("second factor")
    };
    let support = staff_member(&app, "hedy@provider.test", &[StaffRole::Support]).await;
    let billing = staff_member(&app, "bill@provider.test", &[StaffRole::Billing]).await;
    let ada_actor = {
        let SignInOutcome::SignedIn(s) =
            guichet_core::security::sign_in(&app.ctx, "ada@example.test", PASSWORD, &meta())
                .await
                .unwrap()
        else {
            panic!("second factor")
        };
        guichet_core::security::authenticate_session(&app.ctx, &s.token)
            .await
            .unwrap()
            .actor(&meta())
    };
    let org_id = orgs::list_orgs(&app.ctx, &ada_actor).await.unwrap()[0]
        .id
        .clone();

    let user = staff::user_summary(&app.ctx, &support, &ada).await.unwrap();
    assert_eq!(user.email, "ada@example.test");
    assert!(user.email_verified);
    assert!(user.last_sign_in_at.is_some());
    assert_eq!(user.orgs.len(), 1);
    assert_eq!(user.orgs[0].role, "legal_representative");
    assert!(user.staff_roles.is_empty());

    let seen_by_support = staff::org_summary(&app.ctx, &support, &org_id)
        .await
        .unwrap();
    assert_eq!(seen_by_support.members.len(), 1);
    assert_eq!(seen_by_support.members[0].email, "ada@example.test");
    assert!(
        seen_by_support.billing_addresses.is_none(),
        "support sees no billing details"
    );
    assert!(
        !seen_by_support.audit.is_empty(),
        "the org's creation is in its log"
    );
    let seen_by_billing = staff::org_summary(&app.ctx, &billing, &org_id)
        .await
        .unwrap();
    assert_eq!(seen_by_billing.billing_addresses.map(|a| a.len()), Some(0));

    // Unknown ids are 404.
    assert_eq!(
        code(staff::org_summary(&app.ctx, &support, &OrgId::from_stored("org_nope".into())).await),
        "object_not_found"
    );
    assert_eq!(
        code(
            staff::user_summary(&app.ctx, &support, &UserId::from_stored("usr_nope".into())).await
        ),
        "object_not_found"
    );

    // No secret in what staff read.
    let json = serde_json::to_string(&(user, seen_by_support)).unwrap();
    let hash: String = {
        let mut c = app.ctx.db.acquire().await.unwrap();
        let conn: Conn<'_> = c.conn();
        sql!(conn, fetch_one scalar String, "SELECT password_hash FROM users WHERE id = $1", &ada)
            .unwrap()
    };
    for secret in [hash.as_str(), "password", "token", "argon2", "csrf"] {
        assert!(!json.contains(secret), "{secret} in {json}");
    }

    // Each reading is recorded with its reader.
    let rows = staff_audit(&app).await;
    assert!(rows.contains(&(
        support.user_id.to_string(),
        "session".into(),
        "user.viewed".into(),
        format!("user:{ada}")
    )));
    assert!(rows.contains(&(
        billing.user_id.to_string(),
        "session".into(),
        "org.viewed".into(),
        format!("org:{org_id}")
    )));
}

both_engines!(staff_tokens_are_apart_from_customer_tokens);
async fn staff_tokens_are_apart_from_customer_tokens(app: Arc<TestApp>) {
    // proves: API-1 // issue 10: staff tokens hashed, expiring, revocable
    let hedy = staff_member(&app, "hedy@provider.test", &[StaffRole::Fraud]).await;
    customer(&app, "ada@example.test").await;
    assert_eq!(
        code(staff::create_token_for(&app.ctx, "ada@example.test", "cli", 30).await),
        "object_not_found",
        "a customer gets no staff token"
    );
    let made = staff::create_token_for(&app.ctx, "hedy@provider.test", "cli", 30)
        .await
        .unwrap();
    assert!(made.token.starts_with("gcs_"));
    let actor = staff::authenticate_token(&app.ctx, &made.token, &meta())
        .await
        .unwrap();
    assert_eq!(actor.user_id, hedy.user_id);
    // Stored hashed: the secret is nowhere in the table.
    let stored: Vec<String> = {
        let mut c = app.ctx.db.acquire().await.unwrap();
        let conn: Conn<'_> = c.conn();
        sql!(conn, fetch_all scalar String, "SELECT token_hash FROM staff_tokens").unwrap()
    };
    assert!(!stored.contains(&made.token));

    // Neither door takes the other's token.
    assert_eq!(
        code(guichet_core::tokens::authenticate_token(&app.ctx, &made.token, &meta()).await),
        "invalid_token"
    );
    assert_eq!(
        code(staff::authenticate_token(&app.ctx, "gch_notastafftoken", &meta()).await),
        "invalid_token"
    );

    // Validity is bounded, and it ends.
    assert_eq!(
        code(staff::create_token(&app.ctx, &hedy, "long", 91).await),
        "validation_failed"
    );
    assert_eq!(
        code(staff::create_token(&app.ctx, &hedy, "", 10).await),
        "validation_failed"
    );
    let short = staff::create_token(&app.ctx, &hedy, "short", 1)
        .await
        .unwrap();
    app.advance(SignedDuration::from_hours(25));
    assert_eq!(
        code(staff::authenticate_token(&app.ctx, &short.token, &meta()).await),
        "invalid_token"
    );
    // Revoked, it stops at once; another's token is not found.
    let bill = staff_member(&app, "bill@provider.test", &[StaffRole::Billing]).await;
    assert_eq!(
        code(staff::revoke_token(&app.ctx, &bill, &made.view.id).await),
        "object_not_found"
    );
    staff::revoke_token(&app.ctx, &hedy, &made.view.id)
        .await
        .unwrap();
    assert_eq!(
        code(staff::authenticate_token(&app.ctx, &made.token, &meta()).await),
        "invalid_token"
    );
    let listed = staff::list_tokens(&app.ctx, &hedy).await.unwrap();
    assert_eq!(listed.len(), 2);
    let json = serde_json::to_string(&listed).unwrap();
    assert!(!json.contains(&made.token) && !json.contains(&short.token));
    assert!(listed.iter().all(|t| t.prefix.len() == 12));
}

both_engines!(staff_roles_decide_and_the_staff_log_is_for_admins);
async fn staff_roles_decide_and_the_staff_log_is_for_admins(app: Arc<TestApp>) {
    // proves: OPS-5 // issue 10: roles decided by access::staff
    let support = staff_member(&app, "hedy@provider.test", &[StaffRole::Support]).await;
    let admin = staff_member(&app, "root@provider.test", &[StaffRole::Admin]).await;
    assert_eq!(
        code(staff::staff_audit_log(&app.ctx, &support, None, None, Page::default()).await),
        "forbidden"
    );
    let log = staff::staff_audit_log(&app.ctx, &admin, None, None, Page::default())
        .await
        .unwrap();
    assert!(log.iter().any(|e| e.action == "staff.signed_in"
        && e.staff_user_id.as_deref() == Some(support.user_id.as_str())));
    assert!(
        log.iter()
            .any(|e| e.action == "staff.roles_granted" && e.via == "operator")
    );
    // The log is append-only.
    let mut c = app.ctx.db.acquire().await.unwrap();
    let conn: Conn<'_> = c.conn();
    assert!(sql!(conn, execute, "DELETE FROM staff_audit_events").is_err());
}

both_engines!(ended_staff_sessions_are_forgotten_after_a_month);
async fn ended_staff_sessions_are_forgotten_after_a_month(app: Arc<TestApp>) {
    // issue 10: the back office's sessions are purged like customers'
    let hedy = staff_member(&app, "hedy@provider.test", &[StaffRole::Support]).await;
    let count = async || {
        let mut c = app.ctx.db.acquire().await.unwrap();
        let conn: Conn<'_> = c.conn();
        sql!(
            conn,
            fetch_one as (i64,),
            "SELECT COUNT(*) FROM staff_sessions"
        )
        .unwrap()
        .0
    };
    staff::sign_out(&app.ctx, &hedy).await.unwrap();
    let live = staff::sign_in(&app.ctx, "hedy@provider.test", PASSWORD, &meta())
        .await
        .unwrap();
    assert_eq!(count().await, 2);
    // A month less a day after: both kept (the live one has expired, but
    // only just).
    app.advance_days(29);
    assert_eq!(staff::purge_sessions(&app.ctx).await.unwrap().done, 0);
    app.advance_days(2);
    assert_eq!(staff::purge_sessions(&app.ctx).await.unwrap().done, 2);
    assert_eq!(count().await, 0);
    assert!(
        staff::authenticate_session(&app.ctx, &live.token, &meta())
            .await
            .is_err()
    );
    // What they did stays in the staff log.
    let log = staff_audit(&app).await;
    assert!(
        log.iter()
            .any(|(_, _, action, _)| action == "staff.signed_out"),
        "{log:?}"
    );
}
