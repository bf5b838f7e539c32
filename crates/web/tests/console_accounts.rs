//! The account pages of the console, in process on both engines: a
//! visitor with a cookie jar goes through sign-up, verification, sign-in,
//! the profile, the security page, API tokens and password reset, the way
//! a browser would (form tokens included).

use std::sync::Arc;

use axum::http::{StatusCode, header};
use guichet_core::{both_engines, testing::TestApp};

use crate::{
    console_support::{Visit, assert_redirect, link_in_mail, signed_in, test_id_text, user_id},
    support::send,
};

const PASSWORD: &str = "correct horse battery staple";
const NEW_PASSWORD: &str = "violet lamps under a quiet sea";

/// A page with its form tokens blanked, to compare two answers.
fn without_csrf(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let marker = r#"name="csrf" value=""#;
    while let Some(i) = rest.find(marker) {
        out.push_str(&rest[..i + marker.len()]);
        rest = &rest[i + marker.len()..];
        rest = &rest[rest.find('"').unwrap()..];
    }
    out.push_str(rest);
    out
}

/// Sign up through the pages and follow the verification link.
async fn sign_up_verified(app: &Arc<TestApp>, email: &str) {
    let mut v = Visit::new(app);
    v.get("/signup").await;
    let res = v
        .post("/signup", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let link = link_in_mail(app, email, "/verify-email").await;
    assert_eq!(v.get(&link).await.status, StatusCode::OK);
}

both_engines!(a_visitor_signs_up_confirms_signs_in_and_keeps_a_profile);
async fn a_visitor_signs_up_confirms_signs_in_and_keeps_a_profile(app: Arc<TestApp>) {
    // proves: ACC-1, ACC-4, ACC-7
    let email = "ada@example.test";
    let mut v = Visit::new(&app);
    let page = v.get("/signup").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains(r#"autocomplete="new-password""#), "{html}");
    assert!(html.contains("At least 8 characters"), "{html}");

    // A weak password: the form again, the errors by their fields, the
    // typed address and name kept, the password never echoed.
    let res = v
        .post(
            "/signup",
            &[("email", email), ("password", "password1"), ("name", "Ada")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    assert!(html.contains(r#"id="password-error""#), "{html}");
    assert!(html.contains("too easy to guess"), "{html}");
    assert!(
        html.contains(r#"aria-describedby="password-hint password-error""#),
        "{html}"
    );
    assert!(html.contains(&format!(r#"value="{email}""#)), "{html}");
    assert!(html.contains(r#"value="Ada""#), "{html}");
    assert!(!html.contains("password1"), "{html}");

    let res = v
        .post(
            "/signup",
            &[("email", email), ("password", PASSWORD), ("name", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text().contains(r#"data-testid="signup-done""#));
    assert!(res.text().contains("The link is valid for 24 hours."));

    // ACC-7: the personal organisation, with the user as its legal
    // representative.
    let id = user_id(&app, email).await;
    let orgs = {
        let mut c = app.ctx.db.acquire().await.unwrap();
        guichet_core::orgs::store::orgs_of_user(c.conn(), &id)
            .await
            .unwrap()
    };
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].1, "legal_representative");

    // Not confirmed yet: sign-in says so and offers a new link.
    v.get("/signin").await;
    let res = v
        .post("/signin", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.text().contains(r#"data-testid="resend-form""#));
    assert!(v.cookie("guichet_session").is_none());

    // The link confirms the address, once.
    let link = link_in_mail(&app, email, "/verify-email").await;
    let res = v.get(&link).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text().contains(r#"data-testid="email-verified""#));
    let res = v.get(&link).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.text().contains(r#"data-testid="resend-form""#));

    // Signing in sets the session cookie and goes where the visitor was
    // going (a local path only).
    let res = v.get("/profile").await;
    assert_redirect(&res, "/signin?next=%2Fprofile");
    v.get("/signin?next=%2Fprofile").await;
    let res = v
        .post(
            "/signin",
            &[
                ("email", email),
                ("password", PASSWORD),
                ("next", "/profile"),
            ],
        )
        .await;
    assert_redirect(&res, "/profile");
    let cookie = res.header(header::SET_COOKIE);
    assert!(cookie.starts_with("guichet_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    assert!(cookie.contains("Max-Age=43200"), "{cookie}");

    // ACC-4: the profile shows the support code, grouped for reading out.
    let html = v.get("/profile").await.text();
    let code = test_id_text(&html, "support-code").unwrap();
    assert!(
        code.len() == 9 && code.as_bytes()[4] == b' ',
        "support code {code:?}"
    );
    assert!(html.contains(&format!("</span>{email}</span>")), "{html}");
    assert!(html.contains(r#"action="/signout""#));

    // Name and language: saved, then the page speaks French.
    let res = v
        .post(
            "/profile",
            &[
                ("name", "Ada Lovelace"),
                ("language", "fr"),
                ("recovery_email", ""),
                ("recovery_email_was", ""),
            ],
        )
        .await;
    assert_redirect(&res, "/profile?saved=profile");
    assert_eq!(v.cookie("guichet_lang"), Some("fr"));
    let html = v.get("/profile?saved=profile").await.text();
    assert!(html.contains(r#"<html lang="fr">"#), "{html}");
    assert!(html.contains("Votre profil a été enregistré."), "{html}");
    assert!(html.contains(r#"value="Ada Lovelace""#), "{html}");
    assert!(html.contains("Ada Lovelace</span>"), "the name in the bar");

    // ACC-4: a new support code on request.
    let res = v.post("/profile/support-code", &[]).await;
    assert_redirect(&res, "/profile?saved=support-code");
    let html = v.get("/profile").await.text();
    assert_ne!(test_id_text(&html, "support-code").unwrap(), code);

    // An error page keeps the signed-in navigation and language, for a
    // path outside the console's routes too.
    let res = v.get("/no/such/page").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let html = res.text();
    assert!(html.contains("Page introuvable"), "{html}");
    assert!(html.contains(r#"data-testid="sign-out""#), "{html}");

    // Signing out ends the session and forgets the cookie.
    let res = v.post("/signout", &[]).await;
    assert_redirect(&res, "/");
    assert!(v.cookie("guichet_session").is_none());
    assert_redirect(&v.get("/profile").await, "/signin?next=%2Fprofile");
}

both_engines!(forms_without_their_token_are_refused);
async fn forms_without_their_token_are_refused(app: Arc<TestApp>) {
    let email = "grace@example.test";
    sign_up_verified(&app, email).await;
    let mut v = signed_in(&app, email, PASSWORD).await;
    let change = [("name", "Mallory"), ("language", "en")];

    let res = v.post_raw("/profile", &change).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let mut forged = vec![("csrf", "not-the-token")];
    forged.extend_from_slice(&change);
    let res = v.post_raw("/profile", &forged).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(
        res.text().contains("it may have expired"),
        "an HTML page that says what to do: {}",
        res.text()
    );
    let res = v.post_raw("/signout", &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(!v.get("/profile").await.text().contains("Mallory"));

    // Signed out too: a sign-up form without the token of its page.
    let mut stranger = Visit::new(&app);
    let res = stranger
        .post_raw(
            "/signup",
            &[("email", "eve@example.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(app.mails_to("eve@example.test").await.is_empty());
}

both_engines!(sign_up_never_tells_whether_an_address_has_an_account);
async fn sign_up_never_tells_whether_an_address_has_an_account(app: Arc<TestApp>) {
    // proves: ACC-1
    let email = "hedy@example.test";
    let mut first = Visit::new(&app);
    first.get("/signup").await;
    let new = first
        .post("/signup", &[("email", email), ("password", PASSWORD)])
        .await;
    let mut second = Visit::new(&app);
    second.get("/signup").await;
    let taken = second
        .post("/signup", &[("email", email), ("password", NEW_PASSWORD)])
        .await;
    assert_eq!(new.status, StatusCode::OK);
    assert_eq!(taken.status, new.status);
    assert_eq!(without_csrf(&taken.text()), without_csrf(&new.text()));
    // The owner of the address learns of it by mail instead.
    let mut templates: Vec<_> = app
        .mails_to(email)
        .await
        .into_iter()
        .map(|m| m.template)
        .collect();
    templates.sort();
    assert_eq!(templates, ["signup_existing", "verify_email"]);
}

both_engines!(forgot_password_never_tells_whether_an_address_has_an_account);
async fn forgot_password_never_tells_whether_an_address_has_an_account(app: Arc<TestApp>) {
    // proves: ACC-3
    let known = "joan@example.test";
    let unknown = "nobody@example.test";
    sign_up_verified(&app, known).await;
    let mut v = Visit::new(&app);
    let form = v.get("/forgot-password").await;
    assert_eq!(form.status, StatusCode::OK);
    let a = v.post("/forgot-password", &[("email", known)]).await;
    let b = v.post("/forgot-password", &[("email", unknown)]).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.text().contains("The link is valid for one hour."));
    assert_eq!(b.status, a.status);
    assert_eq!(
        without_csrf(&a.text()).replace(known, "ADDRESS"),
        without_csrf(&b.text()).replace(unknown, "ADDRESS")
    );
    assert!(link_in_mail(&app, known, "/reset-password").await.len() > 30);
    assert!(app.mails_to(unknown).await.is_empty());

    // A malformed address is the form again, with its error.
    let res = v.post("/forgot-password", &[("email", "joan@")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().contains(r#"id="email-error""#));
}

both_engines!(a_reset_link_goes_to_the_recovery_address_works_once_and_ends_every_session);
async fn a_reset_link_goes_to_the_recovery_address_works_once_and_ends_every_session(
    app: Arc<TestApp>,
) {
    // proves: ACC-3, SEC-5
    let email = "katherine@example.test";
    let recovery = "k.johnson@example.test";
    sign_up_verified(&app, email).await;
    let mut laptop = signed_in(&app, email, PASSWORD).await;
    let mut phone = signed_in(&app, email, PASSWORD).await;

    // A recovery address, confirmed by its link.
    let res = laptop
        .post(
            "/profile",
            &[
                ("name", ""),
                ("language", "en"),
                ("recovery_email", recovery),
                ("recovery_email_was", ""),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_redirect(&res, "/profile?saved=profile");
    let html = laptop.get("/profile").await.text();
    assert!(html.contains(r#"data-testid="recovery-pending""#), "{html}");
    let link = link_in_mail(&app, recovery, "/verify-email").await;
    let res = laptop.get(&link).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text().contains("Recovery address confirmed"));

    // The reset link goes to the recovery address.
    let mut stranger = Visit::new(&app);
    stranger.get("/forgot-password").await;
    stranger.post("/forgot-password", &[("email", email)]).await;
    let link = link_in_mail(&app, recovery, "/reset-password").await;
    let res = stranger.get(&link).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text().contains(r#"data-testid="reset-form""#));

    // A weak password is refused; the link still works.
    let res = stranger.post(&link, &[("password", "12345678")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().contains(r#"id="password-error""#));
    let res = stranger.post(&link, &[("password", NEW_PASSWORD)]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert!(res.text().contains(r#"data-testid="reset-done""#));

    // Once only.
    let res = stranger.get(&link).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.text().contains(r#"href="/forgot-password""#));
    let res = stranger.post(&link, &[("password", PASSWORD)]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);

    // Every session ended.
    assert_redirect(&laptop.get("/profile").await, "/signin?next=%2Fprofile");
    assert_redirect(&phone.get("/profile").await, "/signin?next=%2Fprofile");

    // The new password works, and the reset is in the security log.
    let mut v = signed_in(&app, email, NEW_PASSWORD).await;
    let html = v.get("/profile/security").await.text();
    assert!(html.contains("Password reset requested"), "{html}");
    assert!(html.contains(">Password reset<"), "{html}");
}

both_engines!(sign_in_failures_look_alike_and_are_throttled);
async fn sign_in_failures_look_alike_and_are_throttled(app: Arc<TestApp>) {
    // proves: SEC-5
    let email = "margaret@example.test";
    sign_up_verified(&app, email).await;
    let mut v = Visit::new(&app);
    v.get("/signin").await;
    let wrong = v
        .post(
            "/signin",
            &[("email", email), ("password", "not my password")],
        )
        .await;
    let unknown = v
        .post(
            "/signin",
            &[
                ("email", "nobody@example.test"),
                ("password", "not my password"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, wrong.status);
    assert_eq!(
        without_csrf(&wrong.text()).replace(email, "ADDRESS"),
        without_csrf(&unknown.text()).replace("nobody@example.test", "ADDRESS")
    );
    assert!(
        wrong
            .text()
            .contains("The e-mail address or the password is wrong.")
    );

    // Past the free attempts, the answer is 429 with the wait.
    let mut throttled = None;
    for _ in 0..10 {
        let res = v
            .post("/signin", &[("email", email), ("password", "still wrong")])
            .await;
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            throttled = Some(res);
            break;
        }
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    let res = throttled.expect("sign-in was throttled");
    let wait: u64 = res.header(header::RETRY_AFTER).parse().unwrap();
    assert!(wait >= 1);
    let html = res.text();
    assert!(html.contains("Too many attempts"), "{html}");
    assert!(
        html.contains(&format!("wait {wait} second")) || html.contains("wait one second"),
        "{html}"
    );
    // Even the right password waits.
    let res = v
        .post("/signin", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);

    // The failures are in the owner's security log.
    app.advance(jiff::SignedDuration::from_hours(2));
    let mut owner = signed_in(&app, email, PASSWORD).await;
    let html = owner.get("/profile/security").await.text();
    assert!(html.contains("Failed sign-in attempt"), "{html}");
}

both_engines!(the_security_page_lists_sessions_and_ends_them);
async fn the_security_page_lists_sessions_and_ends_them(app: Arc<TestApp>) {
    // proves: SEC-5
    let email = "barbara@example.test";
    sign_up_verified(&app, email).await;
    // The log is newest first: let time pass between events.
    let second = jiff::SignedDuration::from_secs(1);
    app.advance(second);
    let mut other = signed_in(&app, email, PASSWORD).await;
    let mut v = signed_in(&app, email, PASSWORD).await;
    let html = v.get("/profile/security").await.text();
    assert_eq!(html.matches(r#"data-testid="session""#).count(), 2);
    assert_eq!(html.matches(r#"data-testid="this-session""#).count(), 1);
    assert!(html.contains("Account created"), "{html}");
    assert!(html.contains("Signed in</td>"), "{html}");
    // Times in the provider's zone (test clock: 09:00 UTC = 10:00 Zurich).
    assert!(html.contains("10 March 2026, 10:00"), "{html}");
    assert!(
        html.contains(r#"datetime="2026-03-10T10:00+01:00""#),
        "{html}"
    );
    assert!(html.contains("Europe/Zurich"), "{html}");

    // End the other session (the only one with an end button).
    let start = html.find("/profile/sessions/").unwrap();
    let action = &html[start..start + html[start..].find('"').unwrap()];
    let res = v.post(action, &[]).await;
    assert_redirect(&res, "/profile/security?saved=session-ended");
    assert_redirect(&other.get("/profile").await, "/signin?next=%2Fprofile");
    let html = v.get("/profile/security?saved=session-ended").await.text();
    assert_eq!(html.matches(r#"data-testid="session""#).count(), 1);
    assert!(html.contains("Session ended"), "{html}");
    // Another user's session, or a made-up one, is not found.
    assert_eq!(
        v.post("/profile/sessions/ses_nope/end", &[]).await.status,
        StatusCode::NOT_FOUND
    );

    // The log is paginated, 20 a page, newest first.
    for _ in 0..20 {
        app.advance(second);
        v.post("/profile/support-code", &[]).await;
    }
    let html = v.get("/profile/security").await.text();
    assert_eq!(html.matches(r#"data-testid="log-entry""#).count(), 20);
    assert!(html.contains("Page 1 of 2"), "{html}");
    let html = v.get("/profile/security?page=2").await.text();
    assert!(html.contains("Page 2 of 2"), "{html}");
    assert!(html.contains("Account created"), "the oldest entry: {html}");
}

both_engines!(newsletter_topics_are_switched_on_and_off);
async fn newsletter_topics_are_switched_on_and_off(app: Arc<TestApp>) {
    // proves: ACC-5
    let email = "frances@example.test";
    sign_up_verified(&app, email).await;
    let mut v = signed_in(&app, email, PASSWORD).await;
    let res = v
        .post(
            "/profile/newsletters",
            &[("topics", "offers"), ("topics", "maintenance")],
        )
        .await;
    assert_redirect(&res, "/profile?saved=newsletters");
    let html = v.get("/profile").await.text();
    assert!(html.contains(r#"value="offers" checked"#), "{html}");
    assert!(html.contains(r#"value="maintenance" checked"#), "{html}");
    assert!(!html.contains(r#"value="product-news" checked"#), "{html}");

    v.post("/profile/newsletters", &[("topics", "product-news")])
        .await;
    let html = v.get("/profile").await.text();
    assert!(html.contains(r#"value="product-news" checked"#), "{html}");
    assert!(!html.contains(r#"value="offers" checked"#), "{html}");

    let res = v
        .post("/profile/newsletters", &[("topics", "casino")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
}

both_engines!(a_signed_in_users_language_choice_is_saved_to_the_profile);
async fn a_signed_in_users_language_choice_is_saved_to_the_profile(app: Arc<TestApp>) {
    let email = "mary@example.test";
    // The first of a month, which some languages write apart.
    app.clock.set("2026-04-01T08:00:00Z".parse().unwrap());
    sign_up_verified(&app, email).await;
    let mut v = signed_in(&app, email, PASSWORD).await;
    for (lang, created) in [
        ("fr", "Compte créé le 1er avril 2026"),
        ("it", "Account creato il 1º aprile 2026"),
        ("de", "Konto erstellt am 1. April 2026"),
    ] {
        let res = v
            .post("/language", &[("lang", lang), ("next", "/profile")])
            .await;
        assert_redirect(&res, "/profile");
        let html = v.get("/profile").await.text();
        assert!(html.contains(&format!(r#"<html lang="{lang}">"#)), "{html}");
        assert!(html.contains(created), "{html}");
    }
    let html = v.get("/profile/tokens").await.text();
    assert!(html.contains(r#"<html lang="de">"#), "{html}");
    assert!(html.contains("API-Tokens"), "{html}");
    // Another browser of the same user, without the cookie, follows the
    // profile.
    let mut other = signed_in(&app, email, PASSWORD).await;
    assert!(
        other
            .get("/profile")
            .await
            .text()
            .contains(r#"<html lang="de">"#)
    );
    // Signed out, the cookie keeps the language.
    v.post("/signout", &[]).await;
    assert!(v.get("/").await.text().contains(r#"<html lang="de">"#));
}

both_engines!(api_tokens_are_shown_once_and_then_only_by_prefix);
async fn api_tokens_are_shown_once_and_then_only_by_prefix(app: Arc<TestApp>) {
    // proves: API-1
    let email = "annie@example.test";
    sign_up_verified(&app, email).await;
    let mut v = signed_in(&app, email, PASSWORD).await;
    let html = v.get("/profile/tokens").await.text();
    assert!(html.contains(r#"data-testid="tokens-empty""#), "{html}");
    for scope in guichet_core::access::Scope::ALL {
        assert!(html.contains(&format!(r#"value="{}""#, scope.as_str())));
    }

    // The password confirms; a wrong one is an error by its field.
    let res = v
        .post(
            "/profile/tokens",
            &[
                ("name", "Backups"),
                ("scopes", "profile:read"),
                ("password", "wrong"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    assert!(html.contains(r#"id="password-error""#), "{html}");
    assert!(!html.contains(r#"data-testid="new-token""#));
    assert!(
        html.contains(r#"value="profile:read" aria-describedby="scope-profile:read-text" checked"#),
        "the choice is kept: {html}"
    );

    let res = v
        .post(
            "/profile/tokens",
            &[
                ("name", "Backups"),
                ("scopes", "profile:read"),
                ("scopes", "tokens:read"),
                ("expires_on", "2026-12-31"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(res.header(header::CACHE_CONTROL), "no-store");
    let token = test_id_text(&res.text(), "new-token").unwrap();
    assert!(token.starts_with("gch_") && token.len() == 47, "{token}");

    // It works on the API.
    let api = send(
        &app,
        crate::support::get(
            "/api/1/profile",
            &[("authorization", &format!("Bearer {token}"))],
        ),
    )
    .await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.text());
    assert_eq!(api.json()["data"]["email"], email);

    // Listed afterwards by its prefix only.
    let html = v.get("/profile/tokens").await.text();
    assert!(!html.contains(&token), "the token is shown once only");
    assert!(!html.contains(r#"data-testid="new-token""#));
    assert!(html.contains(&token[..12]), "{html}");
    assert!(html.contains("Backups"));
    assert!(html.contains("31 December 2026"), "{html}");
    assert!(html.contains("Active"));

    // Revoked, it stops working.
    let start = html.find("/profile/tokens/tok_").unwrap();
    let action = &html[start..start + html[start..].find('"').unwrap()];
    let res = v.post(action, &[]).await;
    assert_redirect(&res, "/profile/tokens?saved=token-revoked");
    let html = v.get("/profile/tokens?saved=token-revoked").await.text();
    assert!(html.contains("Revoked"), "{html}");
    assert!(!html.contains(r#"data-testid="revoke-token""#));
    let api = send(
        &app,
        crate::support::get(
            "/api/1/profile",
            &[("authorization", &format!("Bearer {token}"))],
        ),
    )
    .await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
}

both_engines!(
    the_profile_asks_the_password_to_change_the_recovery_address_and_the_mail_can_undo_it
);
async fn the_profile_asks_the_password_to_change_the_recovery_address_and_the_mail_can_undo_it(
    app: Arc<TestApp>,
) {
    // proves: ACC-3, SEC-5
    let email = "dorothy@example.test";
    sign_up_verified(&app, email).await;
    let mut laptop = signed_in(&app, email, PASSWORD).await;
    let form = |recovery: &'static str, password: &'static str| {
        [
            ("name", "Dorothy"),
            ("language", "en"),
            ("recovery_email", recovery),
            ("recovery_email_was", ""),
            ("current_password", password),
        ]
    };
    // Without the password: refused, the error next to the details form's
    // password field, not the password form's.
    let res = laptop
        .post("/profile", &form("d.backup@example.test", ""))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text();
    assert!(
        html.contains(r#"id="profile_current_password-error""#),
        "{html}"
    );
    assert!(!html.contains(r#"id="current_password-error""#), "{html}");
    assert!(app.mails_to("d.backup@example.test").await.is_empty());

    let res = laptop
        .post("/profile", &form("d.backup@example.test", PASSWORD))
        .await;
    assert_redirect(&res, "/profile?saved=profile");
    let link = link_in_mail(&app, "d.backup@example.test", "/verify-email").await;
    assert_eq!(laptop.get(&link).await.status, StatusCode::OK);

    // The login address got a link to undo it; following it shows a page
    // that asks first (a mail scanner's visit changes nothing).
    let undo = link_in_mail(&app, email, "/undo-recovery-change").await;
    let mut owner = Visit::new(&app);
    let page = owner.get(&undo).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains(r#"data-testid="undo-form""#));
    let token = undo.split("token=").nth(1).unwrap().to_string();
    let res = owner
        .post("/undo-recovery-change", &[("token", &token)])
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert!(res.text().contains(r#"data-testid="undo-done""#));
    // Every session ended, the laptop's too.
    let res = laptop.get("/profile").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = owner.get(&undo).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}
