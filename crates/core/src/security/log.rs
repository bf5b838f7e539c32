//! SEC-5: the security log: every sign-in, failure and credential change,
//! with where it came from, for the user to read.

use crate::ids::{SecurityEventId, UserId};
use serde::Serialize;

use super::store;
use crate::{
    Ctx,
    access::{self, Action, Actor, Target},
    accounts::RequestMeta,
    db::Conn,
    error::Result,
};

/// Kinds of security-log entries (SEC-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecurityEvent {
    SignedUp,
    EmailVerified,
    SignInSucceeded,
    SignInFailed,
    SignedOut,
    SessionEnded,
    PasswordChanged,
    PasswordResetRequested,
    PasswordReset,
    RecoveryEmailChangeRequested,
    RecoveryEmailChanged,
    RecoveryEmailRemoved,
    RecoveryEmailChangeUndone,
    SupportCodeRegenerated,
    TokenCreated,
    TokenRevoked,
    TokenDeactivated,
}

impl SecurityEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            SecurityEvent::SignedUp => "signed_up",
            SecurityEvent::EmailVerified => "email_verified",
            SecurityEvent::SignInSucceeded => "sign_in_succeeded",
            SecurityEvent::SignInFailed => "sign_in_failed",
            SecurityEvent::SignedOut => "signed_out",
            SecurityEvent::SessionEnded => "session_ended",
            SecurityEvent::PasswordChanged => "password_changed",
            SecurityEvent::PasswordResetRequested => "password_reset_requested",
            SecurityEvent::PasswordReset => "password_reset",
            SecurityEvent::RecoveryEmailChangeRequested => "recovery_email_change_requested",
            SecurityEvent::RecoveryEmailChanged => "recovery_email_changed",
            SecurityEvent::RecoveryEmailRemoved => "recovery_email_removed",
            SecurityEvent::RecoveryEmailChangeUndone => "recovery_email_change_undone",
            SecurityEvent::SupportCodeRegenerated => "support_code_regenerated",
            SecurityEvent::TokenCreated => "token_created",
            SecurityEvent::TokenRevoked => "token_revoked",
            SecurityEvent::TokenDeactivated => "token_deactivated",
        }
    }
}

/// Write an entry of the security log, in the caller's transaction.
pub(crate) async fn log_event(
    c: Conn<'_>,
    ctx: &Ctx,
    user_id: &UserId,
    kind: SecurityEvent,
    meta: &RequestMeta,
    detail: &str,
) -> Result<()> {
    let now = ctx.clock.now();
    store::insert_security_event(
        c,
        &store::SecurityEventRow {
            id: SecurityEventId::new(now),
            user_id: user_id.clone(),
            kind: kind.as_str().to_string(),
            ip: meta.ip.clone(),
            user_agent: meta.user_agent.clone(),
            detail: detail.to_string(),
            created_at: now.as_millisecond(),
        },
    )
    .await
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SecurityEventView {
    #[schema(value_type = String)]
    pub id: SecurityEventId,
    /// `sign_in_succeeded`, `sign_in_failed`, `password_changed`, …
    pub kind: String,
    pub ip: String,
    pub user_agent: String,
    pub detail: String,
    pub created_at: i64,
}

/// SEC-5: the user's security log, newest first.
pub async fn security_log(
    ctx: &Ctx,
    actor: &Actor,
    offset: i64,
    limit: i64,
) -> Result<(Vec<SecurityEventView>, u64)> {
    access::check(actor, Action::ReadSecurityLog, Target::User(&actor.user_id))?;
    let mut c = ctx.db.acquire().await?;
    let rows = store::security_events(c.conn(), &actor.user_id, offset, limit).await?;
    let total = store::count_security_events(c.conn(), &actor.user_id).await?;
    let items = rows
        .into_iter()
        .map(|e| SecurityEventView {
            id: e.id,
            kind: e.kind,
            ip: e.ip,
            user_agent: e.user_agent,
            detail: e.detail,
            created_at: e.created_at / 1000,
        })
        .collect();
    Ok((items, u64::try_from(total).unwrap_or(0)))
}
