//! Accounts: sign-up and its verification link, the profile (recovery
//! address, support code), newsletters, and the operator's accounts.

use std::sync::Arc;

use guichet_core::{
    accounts::{
        self, ProfilePatch, SignUp, StaffRole, VerifiedAddress,
        store::{self as accounts_store},
    },
    both_engines,
    clock::Clock,
    i18n::Lang,
    orgs::store::orgs_of_user,
    security,
    testing::TestApp,
};
use jiff::SignedDuration;

use crate::accounts_support::{
    NEW_PASSWORD, PASSWORD, error_code, home, invalid_fields, mail, mails_of, sign_in, sign_up,
    sign_up_in, sign_up_verified, templates_to, times_logged, token_mailed, user,
};

// ---------------------------------------------------------------- sign-up

both_engines!(sign_up_makes_an_unverified_user_with_a_personal_org_and_mails_the_link);
async fn sign_up_makes_an_unverified_user_with_a_personal_org_and_mails_the_link(
    app: Arc<TestApp>,
) {
    // proves: ACC-1, ACC-7
    sign_up_in(&app, "ada@example.test", "Ada Lovelace", Lang::De).await;

    let ada = user(&app, "ada@example.test").await;
    assert_eq!(ada.email_verified_at, None);
    assert_eq!(ada.language, "de");

    let mut c = app.ctx.db.acquire().await.unwrap();
    let orgs = orgs_of_user(c.conn(), &ada.id).await.unwrap();
    drop(c);
    assert_eq!(orgs.len(), 1, "{orgs:#?}");
    let (org, role) = &orgs[0];
    assert_eq!(role, "legal_representative");
    assert_eq!(org.kind, "individual");
    assert_eq!(org.name, "Ada Lovelace");

    // The verification mail, in German, carrying the link.
    let mail = mail(&app, "ada@example.test", "verify_email").await;
    assert_eq!(mail.lang, Lang::De);
    assert!(
        mail.subject.starts_with("Bestätigen Sie"),
        "{}",
        mail.subject
    );
    assert!(
        mail.text.contains(&format!(
            "{}/verify-email?token=",
            app.ctx.config.public_url
        )),
        "{}",
        mail.text
    );
    // It says how long the link works, as configured (24 hours).
    assert!(
        mail.text
            .contains("diesen Link innerhalb von 24 Stunden öffnen"),
        "{}",
        mail.text
    );
    assert_eq!(times_logged(&app, &ada.id, "signed_up").await, 1);

    // The personal organisation's audit log starts with its making, by
    // the new user, from where they signed up.
    let mut c = app.ctx.db.acquire().await.unwrap();
    let (events, total) = guichet_core::audit::list(c.conn(), &org.id, &Default::default(), 0, 10)
        .await
        .unwrap();
    assert_eq!(total, 1, "{events:#?}");
    assert_eq!(events[0].action, "org.created");
    assert_eq!(events[0].actor_user_id, ada.id);
    assert_eq!(events[0].ip, home().ip);
    assert_eq!(events[0].after.as_ref().unwrap()["kind"], "individual");
}

both_engines!(mailed_links_say_how_long_they_work_as_configured);
async fn mailed_links_say_how_long_they_work_as_configured(app: Arc<TestApp>) {
    // proves: ACC-1, ACC-3
    let ctx = crate::support::reconfigure(&app, |c| {
        c.accounts.verification_link_hours = 48;
        c.accounts.reset_link_minutes = 20;
    });
    accounts::sign_up(
        &ctx,
        SignUp {
            email: "ada@example.test",
            password: PASSWORD,
            name: "Ada Lovelace",
            language: Lang::En,
            invitation: None,
        },
        &home(),
    )
    .await
    .unwrap();
    let verify = mail(&app, "ada@example.test", "verify_email").await;
    assert!(
        verify.text.contains("opening this link within 2 days:"),
        "{}",
        verify.text
    );
    security::request_password_reset(&ctx, "ada@example.test", &home())
        .await
        .unwrap();
    let reset = mail(&app, "ada@example.test", "reset_password").await;
    assert!(
        reset.text.contains("open this link within 20 minutes:"),
        "{}",
        reset.text
    );
}

both_engines!(the_password_is_stored_as_an_argon2id_hash_only);
async fn the_password_is_stored_as_an_argon2id_hash_only(app: Arc<TestApp>) {
    // proves: ACC-1
    sign_up(&app, "ada@example.test").await;
    let ada = user(&app, "ada@example.test").await;
    assert!(
        ada.password_hash
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{}",
        ada.password_hash
    );
    // Nowhere in the database, nor in the mail, is the clear text.
    let mut c = app.ctx.db.acquire().await.unwrap();
    let needle = format!("%{PASSWORD}%");
    for (table, column) in [
        ("users", "password_hash"),
        ("users", "name"),
        ("security_events", "detail"),
        ("outbox", "payload"),
    ] {
        let n: i64 = guichet_core::sql!(c.conn(), fetch_one scalar i64,
            &format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {table} WHERE {column} LIKE $1"), &needle)
        .unwrap();
        assert_eq!(n, 0, "{table}.{column} holds the password");
    }
}

both_engines!(signing_up_with_a_taken_address_answers_alike_and_warns_its_owner);
async fn signing_up_with_a_taken_address_answers_alike_and_warns_its_owner(app: Arc<TestApp>) {
    // proves: ACC-1
    sign_up(&app, "ada@example.test").await;
    // Same answer, whatever the case of the address: nobody learns that it
    // has an account.
    accounts::sign_up(
        &app.ctx,
        SignUp {
            email: "ADA@Example.TEST",
            password: NEW_PASSWORD,
            name: "Mallory",
            language: Lang::Fr,
            invitation: None,
        },
        &home(),
    )
    .await
    .unwrap();

    let mut c = app.ctx.db.acquire().await.unwrap();
    let users: i64 = guichet_core::sql!(c.conn(), fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM users")
    .unwrap();
    drop(c);
    assert_eq!(users, 1);
    // The owner is told, in their own language, and keeps their password.
    assert_eq!(
        templates_to(&app, "ada@example.test").await,
        ["signup_existing", "verify_email"]
    );
    let warning = mail(&app, "ada@example.test", "signup_existing").await;
    assert_eq!(warning.lang, Lang::En);
    assert!(
        warning.text.contains("/forgot-password"),
        "{}",
        warning.text
    );
    assert_eq!(user(&app, "ada@example.test").await.name, "Ada Lovelace");
}

both_engines!(sign_up_reports_every_invalid_field_at_once);
async fn sign_up_reports_every_invalid_field_at_once(app: Arc<TestApp>) {
    // proves: ACC-1
    let attempt = |email: &'static str, password: &'static str| {
        let app = app.clone();
        async move {
            accounts::sign_up(
                &app.ctx,
                SignUp {
                    email,
                    password,
                    name: "Ada",
                    language: Lang::En,
                    invitation: None,
                },
                &home(),
            )
            .await
        }
    };
    let both = |code: &'static str| {
        vec![
            ("email".to_string(), "invalid_email"),
            ("password".to_string(), code),
        ]
    };
    assert_eq!(
        invalid_fields(attempt("ada@", "short").await),
        both("password_too_short")
    );
    assert_eq!(
        invalid_fields(attempt("not an address", "password123").await),
        both("password_too_weak")
    );
    // The address itself is no password.
    assert_eq!(
        invalid_fields(attempt("ada.lovelace@example.test", "ada.lovelace@example.test").await),
        [("password".to_string(), "password_too_weak")]
    );
    let mut c = app.ctx.db.acquire().await.unwrap();
    let users: i64 = guichet_core::sql!(c.conn(), fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM users")
    .unwrap();
    assert_eq!(users, 0);
    drop(c);
    assert!(app.mails_to("ada.lovelace@example.test").await.is_empty());
}

// ---------------------------------------------------------------- verification

both_engines!(the_verification_link_works_once_and_opens_sign_in);
async fn the_verification_link_works_once_and_opens_sign_in(app: Arc<TestApp>) {
    // proves: ACC-1
    sign_up(&app, "ada@example.test").await;
    let token = token_mailed(&app, "ada@example.test", "verify_email").await;

    // Before the link, the right password is not enough.
    assert_eq!(
        error_code(security::sign_in(&app.ctx, "ada@example.test", PASSWORD, &home()).await),
        "email_not_verified"
    );

    assert_eq!(
        accounts::verify_email(&app.ctx, &token, &home())
            .await
            .unwrap(),
        VerifiedAddress::Login
    );
    assert!(
        user(&app, "ada@example.test")
            .await
            .email_verified_at
            .is_some()
    );
    assert_eq!(
        error_code(accounts::verify_email(&app.ctx, &token, &home()).await),
        "invalid_link"
    );
    assert_eq!(
        error_code(accounts::verify_email(&app.ctx, "made-up", &home()).await),
        "invalid_link"
    );
    sign_in(&app, "ada@example.test").await;
}

both_engines!(the_verification_link_expires_after_a_day);
async fn the_verification_link_expires_after_a_day(app: Arc<TestApp>) {
    // proves: ACC-1
    sign_up(&app, "ada@example.test").await;
    let token = token_mailed(&app, "ada@example.test", "verify_email").await;
    app.advance(SignedDuration::from_hours(24) + SignedDuration::from_secs(1));
    assert_eq!(
        error_code(accounts::verify_email(&app.ctx, &token, &home()).await),
        "invalid_link"
    );
    assert_eq!(user(&app, "ada@example.test").await.email_verified_at, None);

    // A fresh link replaces it.
    accounts::resend_verification(&app.ctx, "ada@example.test", &home())
        .await
        .unwrap();
    let fresh = token_mailed(&app, "ada@example.test", "verify_email").await;
    assert_ne!(fresh, token);
    accounts::verify_email(&app.ctx, &fresh, &home())
        .await
        .unwrap();
}

// ---------------------------------------------------------------- profile

both_engines!(the_profile_name_and_language_can_be_changed);
async fn the_profile_name_and_language_can_be_changed(app: Arc<TestApp>) {
    let (_, ada) = sign_up_verified(&app, "ada@example.test").await;
    let profile = accounts::update_profile(
        &app.ctx,
        &ada,
        ProfilePatch {
            name: Some("  Augusta Ada King  ".into()),
            language: Some(Lang::It),
            ..ProfilePatch::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        (profile.name.as_str(), profile.language),
        ("Augusta Ada King", Lang::It)
    );
    let again = accounts::get_profile(&app.ctx, &ada).await.unwrap();
    assert_eq!(
        (again.name.as_str(), again.language, again.email_verified),
        ("Augusta Ada King", Lang::It, true)
    );
    assert_eq!(
        invalid_fields(
            accounts::update_profile(
                &app.ctx,
                &ada,
                ProfilePatch {
                    name: Some("x".repeat(101)),
                    ..ProfilePatch::default()
                },
            )
            .await
        ),
        [("name".to_string(), "invalid_name")]
    );
}

both_engines!(a_recovery_address_is_set_by_its_link_and_the_login_address_is_told);
async fn a_recovery_address_is_set_by_its_link_and_the_login_address_is_told(app: Arc<TestApp>) {
    // proves: ACC-3
    let (ada_id, ada) = sign_up_verified(&app, "ada@example.test").await;
    let profile = accounts::update_profile(
        &app.ctx,
        &ada,
        ProfilePatch {
            recovery_email: Some(Some("ada.backup@example.org".into())),
            current_password: Some(PASSWORD.into()),
            ..ProfilePatch::default()
        },
    )
    .await
    .unwrap();
    // Pending until the new address proves it is hers.
    assert_eq!(profile.recovery_email, None);
    assert_eq!(
        profile.pending_recovery_email.as_deref(),
        Some("ada.backup@example.org")
    );
    let token = token_mailed(&app, "ada.backup@example.org", "recovery_verify").await;

    assert_eq!(
        accounts::verify_email(&app.ctx, &token, &home())
            .await
            .unwrap(),
        VerifiedAddress::Recovery
    );
    let profile = accounts::get_profile(&app.ctx, &ada).await.unwrap();
    assert_eq!(
        (
            profile.recovery_email.as_deref(),
            profile.pending_recovery_email
        ),
        (Some("ada.backup@example.org"), None)
    );
    let told = mail(&app, "ada@example.test", "recovery_changed").await;
    assert!(
        told.text.contains("ada.backup@example.org"),
        "{}",
        told.text
    );
    for kind in ["recovery_email_change_requested", "recovery_email_changed"] {
        assert_eq!(times_logged(&app, &ada_id, kind).await, 1, "{kind}");
    }
    // The link is spent.
    assert_eq!(
        error_code(accounts::verify_email(&app.ctx, &token, &home()).await),
        "invalid_link"
    );
}

both_engines!(the_recovery_address_must_differ_from_the_login_address);
async fn the_recovery_address_must_differ_from_the_login_address(app: Arc<TestApp>) {
    // proves: ACC-3
    let (_, ada) = sign_up_verified(&app, "ada@example.test").await;
    let patch = |a: &str| ProfilePatch {
        recovery_email: Some(Some(a.into())),
        ..ProfilePatch::default()
    };
    assert_eq!(
        invalid_fields(accounts::update_profile(&app.ctx, &ada, patch("ADA@example.TEST")).await),
        [("recovery_email".to_string(), "same_as_login")]
    );
    assert_eq!(
        invalid_fields(accounts::update_profile(&app.ctx, &ada, patch("ada@")).await),
        [("recovery_email".to_string(), "invalid_email")]
    );
    let profile = accounts::get_profile(&app.ctx, &ada).await.unwrap();
    assert_eq!(profile.pending_recovery_email, None);
}

both_engines!(removing_the_recovery_address_is_mailed_to_the_login_address);
async fn removing_the_recovery_address_is_mailed_to_the_login_address(app: Arc<TestApp>) {
    // proves: ACC-3
    let (ada_id, ada) = sign_up_verified(&app, "ada@example.test").await;
    accounts::update_profile(
        &app.ctx,
        &ada,
        ProfilePatch {
            recovery_email: Some(Some("ada.backup@example.org".into())),
            current_password: Some(PASSWORD.into()),
            ..ProfilePatch::default()
        },
    )
    .await
    .unwrap();
    let token = token_mailed(&app, "ada.backup@example.org", "recovery_verify").await;
    accounts::verify_email(&app.ctx, &token, &home())
        .await
        .unwrap();

    // Removed while switching to German: the notice speaks German.
    let profile = accounts::update_profile(
        &app.ctx,
        &ada,
        ProfilePatch {
            recovery_email: Some(None),
            current_password: Some(PASSWORD.into()),
            language: Some(Lang::De),
            ..ProfilePatch::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(profile.recovery_email, None);
    let removed = mail(&app, "ada@example.test", "recovery_removed").await;
    assert_eq!(removed.lang, Lang::De);
    // Reset links go to the login address again.
    security::request_password_reset(&app.ctx, "ada@example.test", &home())
        .await
        .unwrap();
    mail(&app, "ada@example.test", "reset_password").await;
    assert_eq!(
        mails_of(&app, "ada.backup@example.org", "reset_password")
            .await
            .len(),
        0
    );
    assert_eq!(
        times_logged(&app, &ada_id, "recovery_email_removed").await,
        1
    );
}

both_engines!(the_support_code_is_eight_digits_unique_and_can_be_regenerated);
async fn the_support_code_is_eight_digits_unique_and_can_be_regenerated(app: Arc<TestApp>) {
    // proves: ACC-4
    let (ada_id, ada) = sign_up_verified(&app, "ada@example.test").await;
    let (_, grace) = sign_up_verified(&app, "grace@example.test").await;
    let code = accounts::get_profile(&app.ctx, &ada)
        .await
        .unwrap()
        .support_code;
    assert!(
        code.len() == 8 && code.bytes().all(|b| b.is_ascii_digit()),
        "{code}"
    );
    let grace_code = accounts::get_profile(&app.ctx, &grace)
        .await
        .unwrap()
        .support_code;
    assert_ne!(code, grace_code);

    // Two users can never hold one code: the database refuses it.
    let now = app.clock.now().as_millisecond();
    let mut c = app.ctx.db.acquire().await.unwrap();
    assert!(
        !accounts_store::set_support_code(c.conn(), &ada_id, &grace_code, now)
            .await
            .unwrap()
    );
    drop(c);
    assert_eq!(
        accounts::get_profile(&app.ctx, &ada)
            .await
            .unwrap()
            .support_code,
        code
    );

    let fresh = accounts::regenerate_support_code(&app.ctx, &ada)
        .await
        .unwrap();
    assert_ne!(fresh, code);
    assert!(fresh.len() == 8 && fresh.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(
        accounts::get_profile(&app.ctx, &ada)
            .await
            .unwrap()
            .support_code,
        fresh
    );
    assert_eq!(
        times_logged(&app, &ada_id, "support_code_regenerated").await,
        1
    );
}

// ---------------------------------------------------------------- newsletters

both_engines!(newsletter_topics_start_off_and_switch_one_by_one);
async fn newsletter_topics_start_off_and_switch_one_by_one(app: Arc<TestApp>) {
    // proves: ACC-5
    let (_, ada) = sign_up_verified(&app, "ada@example.test").await;
    let topics = accounts::newsletters(&app.ctx, &ada, Lang::En)
        .await
        .unwrap();
    let ids: Vec<_> = topics.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["product-news", "offers", "maintenance"]);
    assert!(topics.iter().all(|t| !t.subscribed));

    let on = |topics: &[accounts::NewsletterTopic]| {
        topics
            .iter()
            .filter(|t| t.subscribed)
            .map(|t| t.id.clone())
            .collect::<Vec<_>>()
    };
    let after = accounts::set_newsletters(
        &app.ctx,
        &ada,
        &["maintenance".into(), "offers".into(), "offers".into()],
        Lang::En,
    )
    .await
    .unwrap();
    assert_eq!(on(&after), ["offers", "maintenance"]);
    let after = accounts::set_newsletters(&app.ctx, &ada, &["offers".into()], Lang::En)
        .await
        .unwrap();
    assert_eq!(on(&after), ["offers"]);

    assert_eq!(
        invalid_fields(
            accounts::set_newsletters(
                &app.ctx,
                &ada,
                &["offers".into(), "crypto-tips".into()],
                Lang::En
            )
            .await
        ),
        [("topics".to_string(), "unknown_topic")]
    );
    // A refused change changes nothing.
    let now = accounts::newsletters(&app.ctx, &ada, Lang::En)
        .await
        .unwrap();
    assert_eq!(on(&now), ["offers"]);

    // Names in the reader's language.
    let names: Vec<_> = accounts::newsletters(&app.ctx, &ada, Lang::De)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(
        names,
        [
            "Produktneuheiten",
            "Angebote und Aktionen",
            "Geplante Wartungen"
        ]
    );
}

// ---------------------------------------------------------------- operators

both_engines!(a_staff_account_sets_its_password_through_its_setup_link);
async fn a_staff_account_sets_its_password_through_its_setup_link(app: Arc<TestApp>) {
    let setup = accounts::create_staff(
        &app.ctx,
        "hedy@provider.test",
        &[StaffRole::Support, StaffRole::Billing],
    )
    .await
    .unwrap();
    let link = setup.setup_link.expect("a new account gets a link");
    assert!(link.starts_with(&format!(
        "{}/reset-password?token=",
        app.ctx.config.public_url
    )));
    let token = link.split("token=").nth(1).unwrap();

    // Roles apart from customer roles.
    let mut c = app.ctx.db.acquire().await.unwrap();
    let roles = accounts_store::staff_roles(c.conn(), &setup.user_id)
        .await
        .unwrap();
    drop(c);
    assert_eq!(roles, ["billing", "support"]);
    assert_eq!(
        accounts::staff_roles(&app.ctx, &setup.user_id)
            .await
            .unwrap(),
        [StaffRole::Billing, StaffRole::Support]
    );

    // Nobody can sign in before the link is used: no password is known.
    assert_eq!(
        error_code(security::sign_in(&app.ctx, "hedy@provider.test", PASSWORD, &home()).await),
        "invalid_credentials"
    );
    security::check_reset_link(&app.ctx, token).await.unwrap();
    security::reset_password(&app.ctx, token, PASSWORD, &home())
        .await
        .unwrap();
    sign_in(&app, "hedy@provider.test").await;
    // Once.
    assert_eq!(
        error_code(security::reset_password(&app.ctx, token, NEW_PASSWORD, &home()).await),
        "invalid_link"
    );

    // Asked again, the account keeps its password and gains the role; no
    // second link.
    let again = accounts::create_staff(&app.ctx, "HEDY@provider.test", &[StaffRole::Fraud])
        .await
        .unwrap();
    assert_eq!(
        (again.user_id.as_str(), again.setup_link),
        (setup.user_id.as_str(), None)
    );
    assert_eq!(
        accounts::staff_roles(&app.ctx, &setup.user_id)
            .await
            .unwrap(),
        [StaffRole::Billing, StaffRole::Fraud, StaffRole::Support]
    );
    sign_in(&app, "hedy@provider.test").await;
}

both_engines!(an_imported_verified_user_signs_in_at_once);
async fn an_imported_verified_user_signs_in_at_once(app: Arc<TestApp>) {
    let id = accounts::create_user(&app.ctx, "alan@example.test", PASSWORD, true)
        .await
        .unwrap();
    let session = sign_in(&app, "alan@example.test").await;
    assert_eq!(session.user_id, id);
    // No verification mail for an address the operator vouches for.
    assert!(app.mails_to("alan@example.test").await.is_empty());
    let mut c = app.ctx.db.acquire().await.unwrap();
    let orgs = orgs_of_user(c.conn(), &id).await.unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].1, "legal_representative");
    drop(c);

    // Unverified: the link is mailed, and sign-in waits for it.
    accounts::create_user(&app.ctx, "kurt@example.test", PASSWORD, false)
        .await
        .unwrap();
    assert_eq!(
        error_code(security::sign_in(&app.ctx, "kurt@example.test", PASSWORD, &home()).await),
        "email_not_verified"
    );
    token_mailed(&app, "kurt@example.test", "verify_email").await;
    assert_eq!(
        error_code(accounts::create_user(&app.ctx, "Alan@Example.test", PASSWORD, true).await),
        "email_taken"
    );
}
