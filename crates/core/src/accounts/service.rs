//! The operators' account operations (`guichet admin …`) and the purge
//! sweep of the accounts' links.

use super::{
    EmailAddress, NewPassword,
    common::{RequestMeta, hours_ms},
    hash_secret,
    mail::{link, send_link},
    new_secret,
    signup::{NewAccount, create_account},
    store,
};
use crate::{
    Ctx,
    access::Via,
    error::{Error, Result},
    i18n::Lang,
    ids,
};

/// `accounts.purge`: forget old links, and through their owners ended
/// sessions, idle throttles and spent rate-limit rows.
pub async fn purge_expired(ctx: &Ctx) -> Result<crate::jobs::SweepReport> {
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    let mut n = store::purge_expired_links(c.conn(), now).await?;
    n += crate::security::purge_expired(c.conn(), now).await?;
    drop(c);
    n += crate::tokens::ratelimit::purge(ctx).await?;
    Ok(crate::jobs::SweepReport { done: n, failed: 0 })
}

// ---------------------------------------------------------------- operators

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffRole {
    Support,
    Billing,
    Fraud,
    Admin,
}

impl StaffRole {
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Support => "support",
            StaffRole::Billing => "billing",
            StaffRole::Fraud => "fraud",
            StaffRole::Admin => "admin",
        }
    }
    pub fn parse(s: &str) -> Option<StaffRole> {
        [
            StaffRole::Support,
            StaffRole::Billing,
            StaffRole::Fraud,
            StaffRole::Admin,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// What `create-staff` did.
#[derive(Debug, Clone)]
pub struct StaffSetup {
    pub user_id: String,
    /// The one-time link to set a password (None: the account existed and
    /// keeps its password).
    pub setup_link: Option<String>,
}

/// `guichet admin create-staff`: a staff account (roles stored apart from
/// customer roles) and a one-time link to set its password.
pub async fn create_staff(ctx: &Ctx, email: &str, roles: &[StaffRole]) -> Result<StaffSetup> {
    let email = EmailAddress::parse(email, "email")?;
    if roles.is_empty() {
        return Err(Error::invalid(
            "role",
            "no_role",
            "Give at least one staff role.",
        ));
    }
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    // An unusable hash until the link is followed: nobody knows a password.
    let placeholder = ctx.hasher.hash(&new_secret()).await?;
    let mut tx = ctx.db.begin().await?;
    let (user, created) = match store::user_by_email(tx.conn(), email.lower()).await? {
        Some(u) => (u, false),
        None => (
            create_account(
                tx.conn(),
                ctx,
                NewAccount {
                    email: &email,
                    password_hash: &placeholder,
                    name: "",
                    language: Lang::parse(&ctx.config.default_language).unwrap_or_default(),
                    verified_at: Some(ms),
                    via: Via::Operator,
                    meta: &RequestMeta::default(),
                },
            )
            .await?,
            true,
        ),
    };
    for r in roles {
        store::grant_staff_role(tx.conn(), &user.id, r.as_str(), ms).await?;
    }
    let setup_link = if created {
        let secret = new_secret();
        let valid = hours_ms(ctx.config.accounts.staff_setup_link_hours);
        store::insert_email_token(
            tx.conn(),
            &ids::new_id("etk", now),
            &user.id,
            "staff_setup",
            &hash_secret(&secret),
            &user.email,
            ms,
            ms + valid,
        )
        .await?;
        Some(link(ctx, "/reset-password", &secret))
    } else {
        None
    };
    tx.commit().await?;
    Ok(StaffSetup {
        user_id: user.id,
        setup_link,
    })
}

/// The staff roles of a user (empty for customers).
pub async fn staff_roles(ctx: &Ctx, user_id: &str) -> Result<Vec<StaffRole>> {
    let mut c = ctx.db.acquire().await?;
    Ok(store::staff_roles(c.conn(), user_id)
        .await?
        .iter()
        .filter_map(|r| StaffRole::parse(r))
        .collect())
}

/// `guichet admin create-user`: import a customer with a known password.
pub async fn create_user(ctx: &Ctx, email: &str, password: &str, verified: bool) -> Result<String> {
    let email = EmailAddress::parse(email, "email")?;
    let password = NewPassword::parse(password, "password", &[email.as_str()])?;
    let hash = ctx.hasher.hash(password.expose()).await?;
    let ms = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    if store::user_by_email(tx.conn(), email.lower())
        .await?
        .is_some()
    {
        return Err(Error::conflict(
            "email_taken",
            "This address already has an account.",
        ));
    }
    let lang = Lang::parse(&ctx.config.default_language).unwrap_or_default();
    let user = create_account(
        tx.conn(),
        ctx,
        NewAccount {
            email: &email,
            password_hash: &hash,
            name: "",
            language: lang,
            verified_at: verified.then_some(ms),
            via: Via::Operator,
            meta: &RequestMeta::default(),
        },
    )
    .await?;
    if !verified {
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
    tx.commit().await?;
    Ok(user.id)
}
