//! The audit log (OPS-5): every change to an organisation, its members,
//! rights, teams, addresses, payments started and stored payment methods — who acted, on whose behalf, what changed
//! (before and after), when, and from where. Rows are written in the
//! transaction of the change and are append-only (database triggers refuse
//! updates and deletes).

use crate::ids::{AuditEventId, OrgId, UserId};
use serde::Serialize;

use crate::{Ctx, access::Actor, db::Conn, error::Result, sql, text};

/// What happened, stored and shown as `<object>.<verb>` (`org.updated`,
/// `member.removed`, …). A new kind of change is a new variant here, so
/// the list of what the log can say is in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum AuditAction {
    #[serde(rename = "org.created")]
    OrgCreated,
    #[serde(rename = "org.updated")]
    OrgUpdated,
    #[serde(rename = "member.joined")]
    MemberJoined,
    #[serde(rename = "member.updated")]
    MemberUpdated,
    #[serde(rename = "member.removed")]
    MemberRemoved,
    #[serde(rename = "member.left")]
    MemberLeft,
    #[serde(rename = "invitation.created")]
    InvitationCreated,
    #[serde(rename = "invitation.resent")]
    InvitationResent,
    #[serde(rename = "invitation.revoked")]
    InvitationRevoked,
    #[serde(rename = "team.created")]
    TeamCreated,
    #[serde(rename = "team.updated")]
    TeamUpdated,
    #[serde(rename = "team.deleted")]
    TeamDeleted,
    #[serde(rename = "handover.requested")]
    HandoverRequested,
    #[serde(rename = "handover.accepted")]
    HandoverAccepted,
    #[serde(rename = "address.created")]
    AddressCreated,
    #[serde(rename = "address.updated")]
    AddressUpdated,
    #[serde(rename = "address.deleted")]
    AddressDeleted,
    /// A member started a payment or a top-up (its outcome is the
    /// gateway's, in the staff log).
    #[serde(rename = "payment.started")]
    PaymentStarted,
    #[serde(rename = "payment.method_removed")]
    PaymentMethodRemoved,
    /// An order placed (CAT-2): its items, total and invoice.
    #[serde(rename = "order.placed")]
    OrderPlaced,
    /// A pending order cancelled by a member (the sweep's are in the
    /// staff log, with the credit note).
    #[serde(rename = "order.cancelled")]
    OrderCancelled,
    /// A product's renewal settings changed (auto-renew, warranty,
    /// address, method).
    #[serde(rename = "product.updated")]
    ProductUpdated,
    /// A product moved between two organisations (logged in both).
    #[serde(rename = "product.moved")]
    ProductMoved,
    /// A suite upgrade ordered (or applied at once when free), SUI-1.
    #[serde(rename = "product.upgraded")]
    SuiteUpgraded,
    #[serde(rename = "product.seat_assigned")]
    SeatAssigned,
    #[serde(rename = "product.seat_released")]
    SeatReleased,
    /// Products renewed by hand on one invoice (REN-3); the renewals the
    /// sweep makes are in the staff log.
    #[serde(rename = "product.renewal_ordered")]
    RenewalOrdered,
}

impl AuditAction {
    pub const ALL: [AuditAction; 27] = [
        AuditAction::OrgCreated,
        AuditAction::OrgUpdated,
        AuditAction::MemberJoined,
        AuditAction::MemberUpdated,
        AuditAction::MemberRemoved,
        AuditAction::MemberLeft,
        AuditAction::InvitationCreated,
        AuditAction::InvitationResent,
        AuditAction::InvitationRevoked,
        AuditAction::TeamCreated,
        AuditAction::TeamUpdated,
        AuditAction::TeamDeleted,
        AuditAction::HandoverRequested,
        AuditAction::HandoverAccepted,
        AuditAction::AddressCreated,
        AuditAction::AddressUpdated,
        AuditAction::AddressDeleted,
        AuditAction::PaymentStarted,
        AuditAction::PaymentMethodRemoved,
        AuditAction::OrderPlaced,
        AuditAction::OrderCancelled,
        AuditAction::ProductUpdated,
        AuditAction::ProductMoved,
        AuditAction::SuiteUpgraded,
        AuditAction::SeatAssigned,
        AuditAction::SeatReleased,
        AuditAction::RenewalOrdered,
    ];

    /// The stored name, e.g. `member.removed`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::OrgCreated => "org.created",
            AuditAction::OrgUpdated => "org.updated",
            AuditAction::MemberJoined => "member.joined",
            AuditAction::MemberUpdated => "member.updated",
            AuditAction::MemberRemoved => "member.removed",
            AuditAction::MemberLeft => "member.left",
            AuditAction::InvitationCreated => "invitation.created",
            AuditAction::InvitationResent => "invitation.resent",
            AuditAction::InvitationRevoked => "invitation.revoked",
            AuditAction::TeamCreated => "team.created",
            AuditAction::TeamUpdated => "team.updated",
            AuditAction::TeamDeleted => "team.deleted",
            AuditAction::HandoverRequested => "handover.requested",
            AuditAction::HandoverAccepted => "handover.accepted",
            AuditAction::AddressCreated => "address.created",
            AuditAction::AddressUpdated => "address.updated",
            AuditAction::AddressDeleted => "address.deleted",
            AuditAction::PaymentStarted => "payment.started",
            AuditAction::PaymentMethodRemoved => "payment.method_removed",
            AuditAction::OrderPlaced => "order.placed",
            AuditAction::OrderCancelled => "order.cancelled",
            AuditAction::ProductUpdated => "product.updated",
            AuditAction::ProductMoved => "product.moved",
            AuditAction::SuiteUpgraded => "product.upgraded",
            AuditAction::SeatAssigned => "product.seat_assigned",
            AuditAction::SeatReleased => "product.seat_released",
            AuditAction::RenewalOrdered => "product.renewal_ordered",
        }
    }

    /// From the stored name; `None` for a name this version does not know.
    pub fn parse(s: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One change to record.
pub struct Change<'a> {
    pub org_id: &'a OrgId,
    pub action: AuditAction,
    /// What was changed: `org:<id>`, `user:<id>`, `team:<id>`, …
    pub target: &'a str,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub async fn record(c: Conn<'_>, ctx: &Ctx, actor: &Actor, change: Change<'_>) -> Result<()> {
    let now = ctx.clock.now();
    let on_behalf = serde_json::to_value(actor.on_behalf)?
        .as_str()
        .unwrap_or("own")
        .to_string();
    sql!(c, execute,
        "INSERT INTO audit_events (id, org_id, actor_user_id, on_behalf, action, target, before_state, after_state, ip, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        AuditEventId::new(now), change.org_id, &actor.user_id, on_behalf, change.action.as_str(), change.target,
        change.before.map(|v| v.to_string()), change.after.map(|v| v.to_string()), &actor.ip, now.as_millisecond())?;
    Ok(())
}

/// What the reader asks for; every filter is optional.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Exact action, or a prefix ending in `.` (`member.`).
    pub action: Option<String>,
    pub actor_user_id: Option<String>,
    /// Unix milliseconds, inclusive / exclusive.
    pub since: Option<i64>,
    pub until: Option<i64>,
}

impl Filter {
    /// The typed filters are single-line text (issue 9); the attributes are
    /// the query parameters' names (`action`, `actor`).
    pub fn check(&self) -> Result<()> {
        for (attribute, value) in [("action", &self.action), ("actor", &self.actor_user_id)] {
            if let Some(v) = value {
                text::check_line(attribute, v)?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuditEventView {
    #[schema(value_type = String)]
    pub id: AuditEventId,
    #[schema(value_type = String)]
    pub actor_user_id: UserId,
    /// The actor's address (empty if the account is gone).
    pub actor_email: String,
    /// `own` (the user for themself); partner and support come later.
    pub on_behalf: String,
    pub action: String,
    pub target: String,
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
    pub ip: String,
    pub created_at: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: AuditEventId,
    actor_user_id: UserId,
    actor_email: Option<String>,
    on_behalf: String,
    action: String,
    target: String,
    before_state: Option<String>,
    after_state: Option<String>,
    ip: String,
    created_at: i64,
}

const WHERE: &str = "e.org_id = $1
    AND ($2 IS NULL OR e.action = $2 OR (substr($2, length($2), 1) = '.' AND substr(e.action, 1, length($2)) = $2))
    AND ($3 IS NULL OR e.actor_user_id = $3)
    AND ($4 IS NULL OR e.created_at >= $4)
    AND ($5 IS NULL OR e.created_at < $5)";

/// A page of the log, newest first, and the total matching.
pub async fn list(
    mut c: Conn<'_>,
    org_id: &OrgId,
    f: &Filter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<AuditEventView>, u64)> {
    let rows = sql!(c.reborrow(), fetch_all as Row,
        &format!("SELECT e.id, e.actor_user_id, u.email AS actor_email, e.on_behalf, e.action, e.target, e.before_state, e.after_state, e.ip, e.created_at
                  FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
                  WHERE {WHERE} ORDER BY e.created_at DESC, e.id DESC LIMIT $6 OFFSET $7"),
        org_id, &f.action, &f.actor_user_id, f.since, f.until, limit, offset)?;
    let total: i64 = sql!(c, fetch_one scalar i64,
        &format!("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_events e WHERE {WHERE}"),
        org_id, &f.action, &f.actor_user_id, f.since, f.until)?;
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    let items = rows
        .into_iter()
        .map(|r| AuditEventView {
            id: r.id,
            actor_user_id: r.actor_user_id,
            actor_email: r.actor_email.unwrap_or_default(),
            on_behalf: r.on_behalf,
            action: r.action,
            target: r.target,
            before: parse(r.before_state),
            after: parse(r.after_state),
            ip: r.ip,
            created_at: r.created_at / 1000,
        })
        .collect();
    Ok((items, u64::try_from(total).unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn audit_actions_serialise_as_their_stored_names() {
        // proves: OPS-5
        for a in AuditAction::ALL {
            assert_eq!(serde_json::to_value(a).unwrap(), a.as_str());
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
        }
        assert_eq!(AuditAction::parse("member.eaten"), None);
    }
}
