//! The profile (ACC-3, ACC-4): name, language, recovery address (its
//! verification and undo are in `recovery`), support code.

use crate::ids::UserId;
use serde::Serialize;

use super::{
    EmailAddress,
    common::{hours_ms, lang_of, meta_of, user_of},
    mail::send_link,
    new_support_code,
    recovery::announce_recovery_change,
    store,
};
use crate::{
    Ctx,
    access::{self, Action, Actor, Target},
    error::{Error, Result},
    i18n::Lang,
    security::{self, SecurityEvent},
};

pub(super) fn parse_name(name: &str) -> Result<String> {
    let name = name.trim();
    crate::text::check_name("name", name)?;
    if name.chars().count() > super::USER_NAME_MAX {
        return Err(Error::invalid(
            "name",
            "invalid_name",
            format!("Use at most {} characters.", super::USER_NAME_MAX),
        ));
    }
    Ok(name.to_string())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ProfileView {
    #[schema(value_type = String)]
    pub id: UserId,
    /// The login identifier.
    pub email: String,
    pub email_verified: bool,
    pub name: String,
    /// en, fr, de or it.
    pub language: Lang,
    /// ACC-3: where reset links go, when set.
    pub recovery_email: Option<String>,
    /// A recovery address waiting for its verification link.
    pub pending_recovery_email: Option<String>,
    /// ACC-4: read it out to the provider's support.
    pub support_code: String,
    pub created_at: i64,
}

fn profile_view(u: store::UserRow) -> ProfileView {
    ProfileView {
        language: lang_of(&u),
        id: u.id,
        email: u.email,
        email_verified: u.email_verified_at.is_some(),
        name: u.name,
        recovery_email: u.recovery_email,
        pending_recovery_email: u.pending_recovery_email,
        support_code: u.support_code,
        created_at: u.created_at / 1000,
    }
}

pub async fn get_profile(ctx: &Ctx, actor: &Actor) -> Result<ProfileView> {
    access::check(actor, Action::ReadProfile, Target::User(&actor.user_id))?;
    // A token call read the account with its token, in this request.
    match &actor.account {
        Some(p) if p.id == actor.user_id => Ok((**p).clone()),
        _ => Ok(profile_view(user_of(ctx, actor).await?)),
    }
}

/// Changes to the profile; absent fields stay as they are.
#[derive(Debug, Clone, Default)]
pub struct ProfilePatch {
    pub name: Option<String>,
    pub language: Option<Lang>,
    /// `Some(None)` removes the recovery address; `Some(Some(a))` asks to
    /// set it (verified by a link sent to `a`).
    pub recovery_email: Option<Option<String>>,
    /// The current password. Changing or removing the recovery address
    /// needs it (re-authentication): a stolen session or token alone must
    /// not redirect reset links and so take the account over.
    pub current_password: Option<String>,
}

pub async fn update_profile(ctx: &Ctx, actor: &Actor, patch: ProfilePatch) -> Result<ProfileView> {
    access::check(actor, Action::UpdateProfile, Target::User(&actor.user_id))?;
    // A token that may edit the profile must not be able to redirect reset
    // links (and so take the account over): that needs `security:write`.
    if patch.recovery_email.is_some() {
        access::check(
            actor,
            Action::ChangeRecoveryEmail,
            Target::User(&actor.user_id),
        )?;
    }
    let user = user_of(ctx, actor).await?;
    let name = match &patch.name {
        Some(n) => parse_name(n)?,
        None => user.name.clone(),
    };
    let recovery = match &patch.recovery_email {
        Some(Some(a)) => {
            let a = EmailAddress::parse(a, "recovery_email")?;
            if a.lower() == user.email_lower {
                return Err(Error::invalid(
                    "recovery_email",
                    "same_as_login",
                    "The recovery address must differ from the login address.",
                ));
            }
            Some(Some(a))
        }
        Some(None) => Some(None),
        None => None,
    };
    let changes_recovery = match &recovery {
        Some(Some(a)) => {
            user.recovery_email
                .as_deref()
                .map(str::to_lowercase)
                .as_deref()
                != Some(a.lower())
        }
        Some(None) => user.recovery_email.is_some() || user.pending_recovery_email.is_some(),
        None => false,
    };
    if changes_recovery {
        let current = patch.current_password.as_deref().unwrap_or_default();
        if current.is_empty() {
            return Err(Error::invalid(
                "current_password",
                "password_required",
                "Enter your current password to change the recovery address.",
            ));
        }
        security::confirm_password(ctx, &user, current, "current_password").await?;
    }
    let language = patch.language.unwrap_or_else(|| lang_of(&user));
    // Mails caused by this change speak the language it sets.
    let mut told = user.clone();
    told.language = language.code().to_string();
    let now = ctx.clock.now().as_millisecond();
    let meta = meta_of(actor);
    let mut tx = ctx.db.begin().await?;
    store::update_profile(tx.conn(), &user.id, &name, language.code(), now).await?;
    match recovery {
        Some(Some(a)) if changes_recovery => {
            store::set_pending_recovery_email(tx.conn(), &user.id, Some(a.as_str()), now).await?;
            let valid = hours_ms(ctx.config.accounts.verification_link_hours);
            send_link(
                tx.conn(),
                ctx,
                &told,
                "verify_recovery_email",
                &[a.as_str()],
                valid,
                "/verify-email",
                "recovery_verify",
            )
            .await?;
            security::log_event(
                tx.conn(),
                ctx,
                &user.id,
                SecurityEvent::RecoveryEmailChangeRequested,
                &meta,
                a.as_str(),
            )
            .await?;
        }
        Some(None) if changes_recovery => {
            store::set_recovery_email(tx.conn(), &user.id, None, now).await?;
            security::log_event(
                tx.conn(),
                ctx,
                &user.id,
                SecurityEvent::RecoveryEmailRemoved,
                &meta,
                "",
            )
            .await?;
            announce_recovery_change(
                tx.conn(),
                ctx,
                &told,
                user.recovery_email.as_deref(),
                "recovery_removed",
                vec![],
            )
            .await?;
        }
        _ => {}
    }
    let updated = store::user_by_id(tx.conn(), &user.id)
        .await?
        .ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(profile_view(updated))
}

/// ACC-4: draw a new support code.
pub async fn regenerate_support_code(ctx: &Ctx, actor: &Actor) -> Result<String> {
    access::check(actor, Action::UpdateProfile, Target::User(&actor.user_id))?;
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    let mut code = new_support_code();
    for _ in 0..20 {
        if !store::support_code_exists(tx.conn(), &code).await? {
            break;
        }
        code = new_support_code();
    }
    if !store::set_support_code(tx.conn(), &actor.user_id, &code, now).await? {
        return Err(Error::conflict("support_code_taken", "Please try again."));
    }
    security::log_event(
        tx.conn(),
        ctx,
        &actor.user_id,
        SecurityEvent::SupportCodeRegenerated,
        &meta_of(actor),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(code)
}
