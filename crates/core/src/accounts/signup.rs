//! Sign-up and the verification of an address (ACC-1, ACC-7).
//!
//! - ACC-1 sign-up with a personal address and a password, verified by a
//!   link; the answer never tells whether the address has an account.
//! - ACC-7 a user signing up alone gets a personal organisation.

use super::{
    EmailAddress, NewPassword,
    common::{RequestMeta, hours_ms, merge_errors, unit},
    hash_secret,
    mail::{invalid_link, mail_user, send_link},
    new_support_code,
    profile::parse_name,
    recovery::announce_recovery_change,
    store,
};
use crate::ids::UserId;
use crate::{
    Ctx,
    access::{Actor, OnBehalf, Via},
    db::Conn,
    error::{Error, Result},
    i18n::Lang,
    orgs,
    security::{self, SecurityEvent, throttle},
};

pub struct SignUp<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub name: &'a str,
    pub language: Lang,
    /// The token of the invitation link the person signs up through, if
    /// any: when it invites this address, the account gets no personal
    /// organisation (they came to join one, ACC-7).
    pub invitation: Option<&'a str>,
}

/// ACC-1, ACC-7: make the account and, for someone signing up alone, its
/// personal organisation, and mail the verification link. The answer is the same whether or not the
/// address already has an account (that one gets a mail saying so), and
/// takes as long: the password is hashed either way.
pub async fn sign_up(ctx: &Ctx, input: SignUp<'_>, meta: &RequestMeta) -> Result<()> {
    let email = EmailAddress::parse(input.email, "email");
    let name = parse_name(input.name);
    let user_inputs: Vec<&str> = [input.email, input.name]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let password = NewPassword::parse(input.password, "password", &user_inputs);
    // Report every invalid field at once, not the first only.
    merge_errors(vec![unit(&email), unit(&name), unit(&password)])?;
    let (email, name, password) = (email?, name?, password?);

    let now = ctx.clock.now().as_millisecond();
    let keys = throttle::mail_request_keys(email.lower(), &meta.ip);
    throttle::attempt(&ctx.db, &keys, now).await?;
    let hash = ctx.hasher.hash(password.expose()).await?;

    let mut tx = ctx.db.begin().await?;
    match store::user_by_email(tx.conn(), email.lower()).await? {
        Some(existing) => {
            mail_user(
                tx.conn(),
                ctx,
                &existing,
                "signup_existing",
                vec![(
                    "link",
                    format!(
                        "{}/forgot-password",
                        ctx.config.public_url.trim_end_matches('/')
                    ),
                )],
            )
            .await?;
        }
        None => {
            let joining = match input.invitation {
                Some(token) => orgs::invites(tx.conn(), ctx, token, email.lower()).await?,
                None => false,
            };
            let user = match create_account(
                tx.conn(),
                ctx,
                NewAccount {
                    email: &email,
                    password_hash: &hash,
                    name: &name,
                    language: input.language,
                    verified_at: None,
                    via: Via::SignUp,
                    meta,
                    personal_org: !joining,
                },
            )
            .await
            {
                Ok(u) => u,
                // Another sign-up for this address won the race: it mails
                // the address; this one answers as for any address.
                Err(Error::Conflict {
                    code: "email_taken",
                    ..
                }) => return Ok(()),
                Err(e) => return Err(e),
            };
            security::log_event(tx.conn(), ctx, &user.id, SecurityEvent::SignedUp, meta, "")
                .await?;
            let valid = hours_ms(ctx.config.accounts.verification_link_hours);
            send_link(
                tx.conn(),
                ctx,
                &user,
                "verify_email",
                &[&user.email],
                valid,
                "/verify-email",
                "verify_email",
            )
            .await?;
        }
    }
    tx.commit().await
}

/// An account to make, and who makes it: the person signing up, or the
/// operator importing them (`via`, `meta`: the audit of the personal
/// organisation says which).
pub(super) struct NewAccount<'a> {
    pub(super) email: &'a EmailAddress,
    pub(super) password_hash: &'a str,
    pub(super) name: &'a str,
    pub(super) language: Lang,
    pub(super) verified_at: Option<i64>,
    pub(super) via: Via,
    pub(super) meta: &'a RequestMeta,
    /// Make their personal organisation (ACC-7): everyone but a person
    /// signing up through an invitation.
    pub(super) personal_org: bool,
}

/// The user row and, when asked, the personal organisation of which they
/// are the legal representative (ACC-7). Shared by sign-up and the
/// operator's import.
pub(super) async fn create_account(
    mut c: Conn<'_>,
    ctx: &Ctx,
    new: NewAccount<'_>,
) -> Result<store::UserRow> {
    let NewAccount {
        email,
        password_hash,
        name,
        language,
        verified_at,
        via,
        meta,
        personal_org,
    } = new;
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let mut support_code = new_support_code();
    // Draw again on the rare collision; checked first because a failed
    // insert would abort the whole transaction on PostgreSQL.
    for _ in 0..20 {
        if !store::support_code_exists(c.reborrow(), &support_code).await? {
            break;
        }
        support_code = new_support_code();
    }
    let user = store::UserRow {
        id: UserId::new(now),
        email: email.as_str().to_string(),
        email_lower: email.lower().to_string(),
        email_verified_at: verified_at,
        password_hash: password_hash.to_string(),
        name: name.to_string(),
        language: language.code().to_string(),
        recovery_email: None,
        pending_recovery_email: None,
        support_code,
        created_at: ms,
        updated_at: ms,
    };
    store::insert_user(c.reborrow(), &user).await?;
    if !personal_org {
        return Ok(user);
    }
    let org_name = if name.is_empty() {
        email.as_str()
    } else {
        name
    };
    let maker = Actor {
        user_id: user.id.clone(),
        via,
        on_behalf: OnBehalf::Own,
        ip: meta.ip.clone(),
        user_agent: meta.user_agent.clone(),
        account: None,
    };
    orgs::create_personal_org(c, ctx, &maker, org_name, language).await?;
    Ok(user)
}

/// Follow a verification link (login or recovery address). Single use.
pub async fn verify_email(ctx: &Ctx, token: &str, meta: &RequestMeta) -> Result<VerifiedAddress> {
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    let t = store::email_token_by_hash(tx.conn(), &hash_secret(token))
        .await?
        .ok_or_else(invalid_link)?;
    if !(t.purpose == "verify_email" || t.purpose == "verify_recovery_email")
        || !store::use_email_token(tx.conn(), &t.id, now).await?
    {
        return Err(invalid_link());
    }
    let user = store::user_by_id(tx.conn(), &t.user_id)
        .await?
        .ok_or_else(invalid_link)?;
    let which = if t.purpose == "verify_email" {
        if !t.email.eq_ignore_ascii_case(&user.email) {
            return Err(invalid_link());
        }
        store::mark_email_verified(tx.conn(), &user.id, now).await?;
        security::log_event(
            tx.conn(),
            ctx,
            &user.id,
            SecurityEvent::EmailVerified,
            meta,
            &user.email,
        )
        .await?;
        VerifiedAddress::Login
    } else {
        if user.pending_recovery_email.as_deref() != Some(t.email.as_str()) {
            return Err(invalid_link());
        }
        store::set_recovery_email(tx.conn(), &user.id, Some(&t.email), now).await?;
        security::log_event(
            tx.conn(),
            ctx,
            &user.id,
            SecurityEvent::RecoveryEmailChanged,
            meta,
            &t.email,
        )
        .await?;
        announce_recovery_change(
            tx.conn(),
            ctx,
            &user,
            user.recovery_email.as_deref(),
            "recovery_changed",
            vec![("address", t.email.clone())],
        )
        .await?;
        VerifiedAddress::Recovery
    };
    tx.commit().await?;
    Ok(which)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifiedAddress {
    Login,
    Recovery,
}

/// Send the verification link again. Same answer whatever the address.
pub async fn resend_verification(ctx: &Ctx, email: &str, meta: &RequestMeta) -> Result<()> {
    let email = EmailAddress::parse(email, "email")?;
    let now = ctx.clock.now().as_millisecond();
    let keys = throttle::mail_request_keys(email.lower(), &meta.ip);
    throttle::attempt(&ctx.db, &keys, now).await?;
    let mut tx = ctx.db.begin().await?;
    if let Some(user) = store::user_by_email(tx.conn(), email.lower()).await?
        && user.email_verified_at.is_none()
    {
        let valid = hours_ms(ctx.config.accounts.verification_link_hours);
        send_link(
            tx.conn(),
            ctx,
            &user,
            "verify_email",
            &[&user.email],
            valid,
            "/verify-email",
            "verify_email",
        )
        .await?;
    }
    tx.commit().await
}
