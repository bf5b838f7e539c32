//! Sign-in (SEC-5): the password step, throttled, and the confirmation of
//! the current password before a sensitive change.

use super::{
    SecurityEvent, log_event,
    sessions::{NewSession, SessionStage, open_session},
    throttle,
};
use crate::{
    Ctx,
    accounts::{RequestMeta, store as accounts_store, store::UserRow},
    db::Conn,
    error::{Error, FieldError, Result},
};

#[derive(Debug, Clone)]
pub enum SignInOutcome {
    SignedIn(NewSession),
    SecondFactorRequired(NewSession),
}

/// Which stage a correct password leads to. With no second factor
/// configured (two-factor sign-in comes with SEC-1), straight to `Active`.
fn stage_after_password(_user: &UserRow) -> SessionStage {
    SessionStage::Active
}

fn invalid_credentials() -> Error {
    Error::unauthenticated(
        "invalid_credentials",
        "The address or the password is wrong.",
    )
}

/// What [`check_password`] found: the throttle keys it counted the
/// attempt under, the account of the address (if any) and whether the
/// password is its password.
pub(crate) struct PasswordCheck {
    pub keys: [(throttle::Rule, String); 3],
    pub user: Option<UserRow>,
    pub ok: bool,
}

/// The password step both doors share, the console's and the back
/// office's (`staff::sign_in`): refuse control characters and empty
/// fields (not an attempt), count the attempt per account-and-address,
/// per address and per account before judging it (ADR 0008), and verify
/// the hash whether or not the account exists, so both take as long.
pub(crate) async fn check_password(
    ctx: &Ctx,
    email: &str,
    password: &str,
    meta: &RequestMeta,
) -> Result<PasswordCheck> {
    // No address holds a control character; refused before it reaches a
    // throttle key or a query (PostgreSQL refuses NUL in text outright).
    if email.chars().any(char::is_control) {
        return Err(Error::invalid(
            "email",
            "invalid_characters",
            "Remove the control characters.",
        ));
    }
    // An empty field is no attempt: asked for, not counted.
    let missing: Vec<FieldError> = [
        (
            "email",
            email.trim().is_empty(),
            "Enter your e-mail address.",
        ),
        ("password", password.is_empty(), "Enter your password."),
    ]
    .into_iter()
    .filter(|(_, empty, _)| *empty)
    .map(|(attribute, _, text)| FieldError::new(attribute, "required", text))
    .collect();
    if !missing.is_empty() {
        return Err(Error::Validation(missing));
    }
    let email_lower = email.trim().to_lowercase();
    let now = ctx.clock.now().as_millisecond();
    let keys = [
        (
            throttle::SIGN_IN_ACCOUNT_FROM_IP,
            throttle::SIGN_IN_ACCOUNT_FROM_IP.key(&format!("{email_lower}|{}", meta.ip)),
        ),
        (
            throttle::SIGN_IN_FROM_IP,
            throttle::SIGN_IN_FROM_IP.key(&meta.ip),
        ),
        (
            throttle::SIGN_IN_ACCOUNT,
            throttle::SIGN_IN_ACCOUNT.key(&email_lower),
        ),
    ];
    // Counted before the password is looked at: see `throttle::attempt`.
    throttle::attempt(&ctx.db, &keys, now).await?;
    let user = {
        let mut c = ctx.db.acquire().await?;
        accounts_store::user_by_email(c.conn(), &email_lower).await?
    };
    let ok = ctx
        .hasher
        .verify(password, user.as_ref().map(|u| u.password_hash.as_str()))
        .await?;
    Ok(PasswordCheck { keys, user, ok })
}

/// The right password, and the door lets the person in: the account's
/// failures are forgiven, and the address gets its slot back (an office
/// behind one address signs in many times a day).
pub(crate) async fn passed(mut c: Conn<'_>, keys: &[(throttle::Rule, String); 3]) -> Result<()> {
    throttle::clear(c.reborrow(), &keys[0].1).await?;
    throttle::clear(c.reborrow(), &keys[2].1).await?;
    throttle::forgive(c, &keys[1..2]).await
}

/// Check the password and open a session. Unknown address and wrong
/// password answer alike and take as long; failures are throttled per
/// account-and-address, per address and per account, with growing waits.
pub async fn sign_in(
    ctx: &Ctx,
    email: &str,
    password: &str,
    meta: &RequestMeta,
) -> Result<SignInOutcome> {
    let PasswordCheck { keys, user, ok } = check_password(ctx, email, password, meta).await?;
    let mut tx = ctx.db.begin().await?;
    let user = match user {
        Some(u) if ok => u,
        other => {
            // The attempt stays counted as the failure it was.
            if let Some(u) = other {
                log_event(tx.conn(), ctx, &u.id, SecurityEvent::SignInFailed, meta, "").await?;
            }
            tx.commit().await?;
            return Err(invalid_credentials());
        }
    };
    passed(tx.conn(), &keys).await?;
    if user.email_verified_at.is_none() {
        tx.commit().await?;
        return Err(Error::forbidden(
            "email_not_verified",
            "Confirm your address with the link we sent you before signing in.",
        ));
    }
    let stage = stage_after_password(&user);
    let session = open_session(tx.conn(), ctx, &user.id, stage, meta).await?;
    log_event(
        tx.conn(),
        ctx,
        &user.id,
        SecurityEvent::SignInSucceeded,
        meta,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(match stage {
        SessionStage::Active => SignInOutcome::SignedIn(session),
        SessionStage::SecondFactor => SignInOutcome::SecondFactorRequired(session),
    })
}

/// Check the current password of a signed-in user, throttled.
pub(crate) async fn confirm_password(
    ctx: &Ctx,
    user: &UserRow,
    password: &str,
    attribute: &str,
) -> Result<()> {
    // Nothing typed is no guess: asked for, not counted.
    if password.is_empty() {
        return Err(Error::invalid(
            attribute,
            "password_required",
            "Enter your current password.",
        ));
    }
    let now = ctx.clock.now().as_millisecond();
    let keys = [(
        throttle::PASSWORD_CONFIRM,
        throttle::PASSWORD_CONFIRM.key(&user.id),
    )];
    throttle::attempt(&ctx.db, &keys, now).await?;
    if ctx
        .hasher
        .verify(password, Some(&user.password_hash))
        .await?
    {
        let mut c = ctx.db.acquire().await?;
        throttle::forgive(c.conn(), &keys).await?;
        return Ok(());
    }
    Err(Error::invalid(
        attribute,
        "wrong_password",
        "The password is wrong.",
    ))
}
