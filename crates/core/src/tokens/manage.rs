//! API-1: the user's tokens: created (shown once, confirmed with the
//! password), listed by prefix, revoked.

use crate::ids::{ApiTokenId, UserId};
use jiff::civil::Date;
use serde::Serialize;

use super::{TOKEN_NAME_MAX, new_api_token, store, token_display_prefix};
use crate::{
    Ctx,
    access::{self, Action, Actor, ScopeSet, Target},
    accounts::{clone_err, hash_secret, mail_user, merge_errors, meta_of, user_of},
    db::Conn,
    error::{Error, Result},
    security::{self, SecurityEvent},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TokenStatus {
    Active,
    Expired,
    Revoked,
    /// Unused for the configured time and switched off by the sweep.
    Deactivated,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TokenView {
    #[schema(value_type = String)]
    pub id: ApiTokenId,
    pub name: String,
    /// The first characters of the token, to tell tokens apart.
    pub prefix: String,
    pub scopes: Vec<access::Scope>,
    pub status: TokenStatus,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

pub(super) fn token_view(t: store::TokenRow, now: i64) -> TokenView {
    let status = if t.revoked_at.is_some() {
        TokenStatus::Revoked
    } else if t.deactivated_at.is_some() {
        TokenStatus::Deactivated
    } else if t.expires_at.is_some_and(|e| e <= now) {
        TokenStatus::Expired
    } else {
        TokenStatus::Active
    };
    TokenView {
        id: t.id,
        name: t.name,
        prefix: t.prefix,
        scopes: ScopeSet::from_stored(&t.scopes).iter().collect(),
        status,
        created_at: t.created_at / 1000,
        expires_at: t.expires_at.map(|e| e / 1000),
        last_used_at: t.last_used_at.map(|e| e / 1000),
    }
}

pub struct CreateToken<'a> {
    pub name: &'a str,
    pub scopes: Vec<String>,
    /// Last day the token works (provider's time zone); none: no expiry.
    pub expires_on: Option<Date>,
    /// The user's password, confirming the creation.
    pub password: &'a str,
}

/// The token, shown this once.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CreatedToken {
    #[serde(flatten)]
    pub view: TokenView,
    /// The secret: `Authorization: Bearer gch_…`. Not retrievable later.
    pub token: String,
}

/// API-1: make a named, scoped token, confirming with the password.
pub async fn create_token(
    ctx: &Ctx,
    actor: &Actor,
    input: CreateToken<'_>,
) -> Result<CreatedToken> {
    access::check(actor, Action::ManageTokens, Target::User(&actor.user_id))?;
    let name = input.name.trim();
    let mut checks = Vec::new();
    if name.is_empty() {
        // A required field, not a length (issue 10).
        checks.push(Err(Error::invalid(
            "name",
            "required",
            "Enter a name for the token.",
        )));
    } else if name.chars().count() > TOKEN_NAME_MAX {
        checks.push(Err(Error::invalid(
            "name",
            "invalid_name",
            format!("Use at most {TOKEN_NAME_MAX} characters."),
        )));
    } else {
        // A name shown in the token list and in mails: no controls, no
        // direction overrides, not only invisible characters.
        checks.push(crate::text::check_name("name", name));
    }
    let scopes = ScopeSet::parse_list(input.scopes.iter().map(String::as_str));
    match &scopes {
        Ok(s) if s.is_empty() => checks.push(Err(Error::invalid(
            "scopes",
            "no_scope",
            "Choose at least one scope.",
        ))),
        Ok(_) => {}
        Err(e) => checks.push(Err(clone_err(e))),
    }
    let today = ctx.today();
    let expires_at = match input.expires_on {
        Some(d) if d <= today => {
            checks.push(Err(Error::invalid(
                "expires_on",
                "date_in_past",
                "Choose a date after today.",
            )));
            None
        }
        Some(d) if d > today.saturating_add(jiff::Span::new().years(5)) => {
            checks.push(Err(Error::invalid(
                "expires_on",
                "date_too_far",
                "Choose a date within five years.",
            )));
            None
        }
        // Works through the whole of its last day in the provider's zone.
        Some(d) => Some(
            d.tomorrow()?
                .to_zoned(ctx.tz.clone())?
                .timestamp()
                .as_millisecond(),
        ),
        None => None,
    };
    merge_errors(checks)?;
    let scopes = scopes?;
    let user = user_of(ctx, actor).await?;
    security::confirm_password(ctx, &user, input.password, "password").await?;

    let now = ctx.clock.now();
    let secret = new_api_token();
    let row = store::TokenRow {
        id: ApiTokenId::new(now),
        user_id: user.id.clone(),
        name: name.to_string(),
        prefix: token_display_prefix(&secret),
        scopes: scopes.to_stored(),
        created_at: now.as_millisecond(),
        expires_at,
        last_used_at: None,
        revoked_at: None,
        deactivated_at: None,
    };
    let mut tx = ctx.db.begin().await?;
    store::insert_token(tx.conn(), &row, &hash_secret(&secret)).await?;
    security::log_event(
        tx.conn(),
        ctx,
        &user.id,
        SecurityEvent::TokenCreated,
        &meta_of(actor),
        &format!("{} ({})", row.name, row.prefix),
    )
    .await?;
    mail_user(
        tx.conn(),
        ctx,
        &user,
        "token_created",
        vec![
            ("token", row.name.clone()),
            ("scopes", row.scopes.replace(' ', ", ")),
        ],
    )
    .await?;
    tx.commit().await?;
    Ok(CreatedToken {
        view: token_view(row, now.as_millisecond()),
        token: secret,
    })
}

pub async fn list_tokens(ctx: &Ctx, actor: &Actor) -> Result<Vec<TokenView>> {
    access::check(actor, Action::ReadTokens, Target::User(&actor.user_id))?;
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    Ok(store::tokens_of(c.conn(), &actor.user_id)
        .await?
        .into_iter()
        .map(|t| token_view(t, now))
        .collect())
}

/// Revoke one of the user's tokens; another user's token is not found.
pub async fn revoke_token(ctx: &Ctx, actor: &Actor, token_id: &ApiTokenId) -> Result<()> {
    access::check(actor, Action::ManageTokens, Target::User(&actor.user_id))?;
    let now = ctx.clock.now().as_millisecond();
    let user = user_of(ctx, actor).await?;
    let mut tx = ctx.db.begin().await?;
    let t = store::token_of(tx.conn(), &user.id, token_id)
        .await?
        .ok_or(Error::NotFound)?;
    if !store::revoke_token(tx.conn(), &user.id, token_id, now).await? {
        return Err(Error::NotFound);
    }
    security::log_event(
        tx.conn(),
        ctx,
        &user.id,
        SecurityEvent::TokenRevoked,
        &meta_of(actor),
        &format!("{} ({})", t.name, t.prefix),
    )
    .await?;
    mail_user(
        tx.conn(),
        ctx,
        &user,
        "token_revoked",
        vec![("token", t.name.clone())],
    )
    .await?;
    tx.commit().await
}

/// Revoke every live token of a user, in the caller's transaction: a
/// password reset, a change that asks for it, an undone recovery change.
pub(crate) async fn revoke_tokens_of(c: Conn<'_>, user_id: &UserId, now: i64) -> Result<u64> {
    store::revoke_tokens_of(c, user_id, now).await
}
