//! The organisation's audit log as its admins read it (OPS-5).

use super::standing::allowed;
use crate::ids::OrgId;
use crate::{
    Ctx,
    access::{Action, Actor},
    audit,
    error::Result,
};

pub async fn audit_log(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    filter: &audit::Filter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<audit::AuditEventView>, u64)> {
    let mut c = ctx.db.acquire().await?;
    allowed(c.conn(), actor, org_id, Action::ViewAudit).await?;
    filter.check()?;
    audit::list(c.conn(), org_id, filter, offset, limit).await
}
