//! The tokens' sweep.

use super::store;
use crate::{
    Ctx,
    accounts::{self, RequestMeta, mail_user},
    error::Result,
    security::{self, SecurityEvent},
};

/// The tokens area's sweeps, gathered by `jobs::all`.
pub fn sweeps() -> Vec<crate::jobs::Sweep> {
    vec![crate::jobs::Sweep {
        name: "tokens.deactivate_unused",
        every: std::time::Duration::from_secs(3600),
        run: |ctx| Box::pin(deactivate_unused_tokens(ctx)),
        per_instance: false,
    }]
}

/// `tokens.deactivate_unused`: tokens unused for a year stop working; the
/// user is told.
pub async fn deactivate_unused_tokens(ctx: &Ctx) -> Result<crate::jobs::SweepReport> {
    let mut report = crate::jobs::SweepReport::default();
    let days = i64::try_from(ctx.config.accounts.token_inactivity_days).unwrap_or(365);
    loop {
        let now = ctx.clock.now().as_millisecond();
        let before = now - days * 86_400_000;
        let mut tx = ctx.db.begin().await?;
        let batch = store::deactivate_unused_tokens(tx.conn(), before, now, 100).await?;
        for t in &batch {
            if let Some(user) = accounts::store::user_by_id(tx.conn(), &t.user_id).await? {
                let meta = RequestMeta::default();
                security::log_event(
                    tx.conn(),
                    ctx,
                    &user.id,
                    SecurityEvent::TokenDeactivated,
                    &meta,
                    &format!("{} ({})", t.name, t.prefix),
                )
                .await?;
                mail_user(
                    tx.conn(),
                    ctx,
                    &user,
                    "token_deactivated",
                    vec![("token", t.name.clone())],
                )
                .await?;
            }
        }
        tx.commit().await?;
        report.done += batch.len() as u64;
        if batch.len() < 100 {
            return Ok(report);
        }
    }
}
