//! The organisations' SQL.

use super::Role;
use crate::ids::{BillingAddressId, HandoverId, InvitationId, OrgId, TeamId, UserId};
use crate::{db::Conn, error::Result, sql};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrgRow {
    pub id: OrgId,
    pub name: String,
    pub kind: String,
    pub country: String,
    pub language: String,
    pub currency: String,
    pub vat_number: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const ORG_COLUMNS: &str = "o.id, o.name, o.kind, o.country, o.language, o.currency, o.vat_number, o.created_at, o.updated_at";

pub async fn insert_org(c: Conn<'_>, o: &OrgRow) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO orgs (id, name, kind, country, language, currency, vat_number, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &o.id, &o.name, &o.kind, &o.country, &o.language, &o.currency, &o.vat_number, o.created_at, o.updated_at)?;
    Ok(())
}

pub async fn org(c: Conn<'_>, id: &str) -> Result<Option<OrgRow>> {
    Ok(sql!(
        c,
        fetch_optional as OrgRow,
        &format!("SELECT {ORG_COLUMNS} FROM orgs o WHERE o.id = $1"),
        id
    )?)
}

pub async fn update_org(c: Conn<'_>, o: &OrgRow) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE orgs SET name = $1, kind = $2, country = $3, language = $4, currency = $5, vat_number = $6, updated_at = $7 WHERE id = $8",
        &o.name,
        &o.kind,
        &o.country,
        &o.language,
        &o.currency,
        &o.vat_number,
        o.updated_at,
        &o.id
    )?;
    Ok(())
}

/// Take the organisation's row for the rest of the transaction, so that
/// changes of one org that check several rows before writing (one default
/// address, one pending invitation per address) run one after the other.
/// On PostgreSQL the update's row lock makes a concurrent transaction wait
/// here, and its next statements see what this one committed; SQLite's
/// write transactions are serial already. Returns false if there is no
/// such org.
pub async fn lock_org(c: Conn<'_>, org_id: &str) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE orgs SET updated_at = updated_at WHERE id = $1",
        org_id
    )? == 1)
}

/// Has the organisation been invoiced? Then its currency is fixed.
pub async fn has_invoices(c: Conn<'_>, org_id: &str) -> Result<bool> {
    Ok(sql!(c, fetch_optional scalar Option<i64>, "SELECT first_invoice_at FROM orgs WHERE id = $1", org_id)?.flatten().is_some())
}

pub async fn insert_member(
    c: Conn<'_>,
    org_id: &str,
    user_id: &str,
    role: Role,
    now: i64,
) -> Result<()> {
    sql!(
        c,
        execute,
        "INSERT INTO members (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)",
        org_id,
        user_id,
        role.as_str(),
        now
    )?;
    Ok(())
}

/// The organisations a user belongs to, with their role there.
pub async fn orgs_of_user(c: Conn<'_>, user_id: &str) -> Result<Vec<(OrgRow, String)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        org: OrgRow,
        role: String,
    }
    let rows = sql!(
        c,
        fetch_all as Row,
        &format!(
            "SELECT {ORG_COLUMNS}, m.role FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.user_id = $1 ORDER BY o.name, o.id"
        ),
        user_id
    )?;
    Ok(rows.into_iter().map(|r| (r.org, r.role)).collect())
}

pub async fn member_role(c: Conn<'_>, org_id: &str, user_id: &str) -> Result<Option<String>> {
    Ok(
        sql!(c, fetch_optional scalar String, "SELECT role FROM members WHERE org_id = $1 AND user_id = $2", org_id, user_id)?,
    )
}

/// A member's own rights and their teams' rights, in one query.
pub async fn effective_rights(c: Conn<'_>, org_id: &str, user_id: &str) -> Result<Vec<String>> {
    Ok(sql!(c, fetch_all scalar String,
        "SELECT DISTINCT right_name FROM rights WHERE org_id = $1 AND (subject = $2 OR subject IN (
             SELECT 'team:' || tm.team_id FROM team_members tm JOIN teams t ON t.id = tm.team_id
             WHERE tm.user_id = $3 AND t.org_id = $1))",
        org_id, format!("user:{user_id}"), user_id)?)
}

/// Rights granted directly to one subject (`user:<id>` or `team:<id>`).
pub async fn subject_rights(c: Conn<'_>, org_id: &str, subject: &str) -> Result<Vec<String>> {
    Ok(sql!(c, fetch_all scalar String,
        "SELECT right_name FROM rights WHERE org_id = $1 AND subject = $2 ORDER BY right_name", org_id, subject)?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub role: String,
    pub created_at: i64,
}

pub async fn members(c: Conn<'_>, org_id: &str) -> Result<Vec<MemberRow>> {
    Ok(sql!(c, fetch_all as MemberRow,
        "SELECT m.user_id, u.email, u.name, m.role, m.created_at FROM members m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = $1 ORDER BY CASE m.role WHEN 'legal_representative' THEN 0 WHEN 'owner' THEN 1 ELSE 2 END, u.email",
        org_id)?)
}

/// Rights granted directly, by subject (`user:<id>` or `team:<id>`), for a
/// whole organisation: one query for a members or teams page.
pub async fn rights_by_subject(c: Conn<'_>, org_id: &str) -> Result<Vec<(String, String)>> {
    Ok(sql!(
        c,
        fetch_all as (String, String),
        "SELECT subject, right_name FROM rights WHERE org_id = $1 ORDER BY subject, right_name",
        org_id
    )?)
}

pub async fn set_rights(
    mut c: Conn<'_>,
    org_id: &str,
    subject: &str,
    rights: &[String],
    now: i64,
) -> Result<()> {
    sql!(
        c.reborrow(),
        execute,
        "DELETE FROM rights WHERE org_id = $1 AND subject = $2",
        org_id,
        subject
    )?;
    for r in rights {
        sql!(
            c.reborrow(),
            execute,
            "INSERT INTO rights (org_id, subject, right_name, created_at) VALUES ($1, $2, $3, $4)",
            org_id,
            subject,
            r,
            now
        )?;
    }
    Ok(())
}

pub async fn set_role(c: Conn<'_>, org_id: &str, user_id: &str, role: Role) -> Result<u64> {
    Ok(sql!(
        c,
        execute,
        "UPDATE members SET role = $1 WHERE org_id = $2 AND user_id = $3",
        role.as_str(),
        org_id,
        user_id
    )?)
}

/// Remove a member with their rights and team places.
pub async fn delete_member(mut c: Conn<'_>, org_id: &str, user_id: &str) -> Result<u64> {
    sql!(
        c.reborrow(),
        execute,
        "DELETE FROM rights WHERE org_id = $1 AND subject = $2",
        org_id,
        format!("user:{user_id}")
    )?;
    sql!(
        c.reborrow(),
        execute,
        "DELETE FROM team_members WHERE user_id = $1 AND team_id IN (SELECT id FROM teams WHERE org_id = $2)",
        user_id,
        org_id
    )?;
    Ok(sql!(
        c,
        execute,
        "DELETE FROM members WHERE org_id = $1 AND user_id = $2",
        org_id,
        user_id
    )?)
}

/// Administrators (legal representative and owners).
pub async fn count_admins(c: Conn<'_>, org_id: &str) -> Result<i64> {
    Ok(sql!(c, fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM members WHERE org_id = $1 AND role IN ('legal_representative', 'owner')", org_id)?)
}

// ---- teams ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TeamRow {
    pub id: TeamId,
    pub org_id: OrgId,
    pub name: String,
    pub created_at: i64,
    pub updated_at: i64,
}

pub async fn insert_team(c: Conn<'_>, t: &TeamRow) -> Result<()> {
    sql!(
        c,
        execute,
        "INSERT INTO teams (id, org_id, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
        &t.id,
        &t.org_id,
        &t.name,
        t.created_at
    )
    .map_err(crate::error::on_constraint("teams_org_id_name_key", || {
        crate::Error::conflict(
            "team_name_taken",
            "A team of this organisation already has this name.",
        )
    }))?;
    Ok(())
}

pub async fn teams(c: Conn<'_>, org_id: &str) -> Result<Vec<TeamRow>> {
    Ok(sql!(
        c,
        fetch_all as TeamRow,
        "SELECT id, org_id, name, created_at, updated_at FROM teams WHERE org_id = $1 ORDER BY name, id",
        org_id
    )?)
}

pub async fn team(c: Conn<'_>, org_id: &str, id: &str) -> Result<Option<TeamRow>> {
    Ok(sql!(
        c,
        fetch_optional as TeamRow,
        "SELECT id, org_id, name, created_at, updated_at FROM teams WHERE org_id = $1 AND id = $2",
        org_id,
        id
    )?)
}

pub async fn rename_team(c: Conn<'_>, id: &str, name: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE teams SET name = $1, updated_at = $2 WHERE id = $3",
        name,
        now,
        id
    )
    .map_err(crate::error::on_constraint("teams_org_id_name_key", || {
        crate::Error::conflict(
            "team_name_taken",
            "A team of this organisation already has this name.",
        )
    }))?;
    Ok(())
}

pub async fn delete_team(mut c: Conn<'_>, org_id: &str, id: &str) -> Result<()> {
    sql!(
        c.reborrow(),
        execute,
        "DELETE FROM rights WHERE org_id = $1 AND subject = $2",
        org_id,
        format!("team:{id}")
    )?;
    sql!(
        c.reborrow(),
        execute,
        "DELETE FROM team_members WHERE team_id = $1",
        id
    )?;
    sql!(c, execute, "DELETE FROM teams WHERE id = $1", id)?;
    Ok(())
}

/// (team id, user id) pairs of an organisation's teams.
pub async fn team_memberships(c: Conn<'_>, org_id: &str) -> Result<Vec<(String, String)>> {
    Ok(sql!(
        c,
        fetch_all as (String, String),
        "SELECT tm.team_id, tm.user_id FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE t.org_id = $1 ORDER BY tm.team_id, tm.user_id",
        org_id
    )?)
}

pub async fn set_team_members(
    mut c: Conn<'_>,
    team_id: &str,
    user_ids: &[String],
    now: i64,
) -> Result<()> {
    sql!(
        c.reborrow(),
        execute,
        "DELETE FROM team_members WHERE team_id = $1",
        team_id
    )?;
    for u in user_ids {
        sql!(
            c.reborrow(),
            execute,
            "INSERT INTO team_members (team_id, user_id, created_at) VALUES ($1, $2, $3)",
            team_id,
            u,
            now
        )?;
    }
    Ok(())
}

// ---- invitations ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: InvitationId,
    pub org_id: OrgId,
    pub email: String,
    pub role: String,
    pub rights: String,
    pub invited_by: UserId,
    pub created_at: i64,
    pub expires_at: i64,
    pub accepted_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

const INVITATION_COLUMNS: &str =
    "id, org_id, email, role, rights, invited_by, created_at, expires_at, accepted_at, revoked_at";

pub async fn insert_invitation(c: Conn<'_>, i: &InvitationRow, token_hash: &str) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO invitations (id, org_id, email, email_lower, role, rights, token_hash, invited_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &i.id, &i.org_id, &i.email, i.email.to_lowercase(), &i.role, &i.rights, token_hash, &i.invited_by, i.created_at, i.expires_at)?;
    Ok(())
}

pub async fn invitations(c: Conn<'_>, org_id: &str) -> Result<Vec<InvitationRow>> {
    Ok(sql!(c, fetch_all as InvitationRow,
        &format!("SELECT {INVITATION_COLUMNS} FROM invitations WHERE org_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL
                  ORDER BY created_at DESC, id DESC"), org_id)?)
}

pub async fn invitation(c: Conn<'_>, org_id: &str, id: &str) -> Result<Option<InvitationRow>> {
    Ok(sql!(
        c,
        fetch_optional as InvitationRow,
        &format!("SELECT {INVITATION_COLUMNS} FROM invitations WHERE org_id = $1 AND id = $2"),
        org_id,
        id
    )?)
}

pub async fn invitation_by_token(c: Conn<'_>, token_hash: &str) -> Result<Option<InvitationRow>> {
    Ok(sql!(
        c,
        fetch_optional as InvitationRow,
        &format!("SELECT {INVITATION_COLUMNS} FROM invitations WHERE token_hash = $1"),
        token_hash
    )?)
}

/// An open invitation for the same address in the same organisation.
pub async fn open_invitation_for(
    c: Conn<'_>,
    org_id: &str,
    email_lower: &str,
    now: i64,
) -> Result<Option<String>> {
    Ok(sql!(c, fetch_optional scalar String,
        "SELECT id FROM invitations WHERE org_id = $1 AND email_lower = $2 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3",
        org_id, email_lower, now)?)
}

pub async fn renew_invitation(
    c: Conn<'_>,
    id: &str,
    token_hash: &str,
    expires_at: i64,
) -> Result<u64> {
    Ok(sql!(
        c,
        execute,
        "UPDATE invitations SET token_hash = $1, expires_at = $2 WHERE id = $3 AND accepted_at IS NULL AND revoked_at IS NULL",
        token_hash,
        expires_at,
        id
    )?)
}

pub async fn revoke_invitation(c: Conn<'_>, id: &str, now: i64) -> Result<u64> {
    Ok(sql!(
        c,
        execute,
        "UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
        now,
        id
    )?)
}

/// Accept once: true for the one caller that flips it.
pub async fn accept_invitation(c: Conn<'_>, id: &str, user_id: &str, now: i64) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE invitations SET accepted_at = $1, accepted_by = $2
         WHERE id = $3 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $1",
        now,
        user_id,
        id
    )? == 1)
}

// ---- legal representative hand-over ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HandoverRow {
    pub id: HandoverId,
    pub org_id: OrgId,
    pub from_user_id: UserId,
    pub to_user_id: UserId,
    pub created_at: i64,
    pub expires_at: i64,
}

pub async fn insert_handover(mut c: Conn<'_>, h: &HandoverRow, now: i64) -> Result<()> {
    // One pending hand-over at a time: a new one replaces the previous.
    sql!(
        c.reborrow(),
        execute,
        "UPDATE handovers SET cancelled_at = $1 WHERE org_id = $2 AND accepted_at IS NULL AND cancelled_at IS NULL",
        now,
        &h.org_id
    )?;
    sql!(
        c,
        execute,
        "INSERT INTO handovers (id, org_id, from_user_id, to_user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
        &h.id,
        &h.org_id,
        &h.from_user_id,
        &h.to_user_id,
        h.created_at,
        h.expires_at
    )?;
    Ok(())
}

pub async fn pending_handover(c: Conn<'_>, org_id: &str, now: i64) -> Result<Option<HandoverRow>> {
    Ok(sql!(
        c,
        fetch_optional as HandoverRow,
        "SELECT id, org_id, from_user_id, to_user_id, created_at, expires_at FROM handovers
         WHERE org_id = $1 AND accepted_at IS NULL AND cancelled_at IS NULL AND expires_at > $2",
        org_id,
        now
    )?)
}

pub async fn accept_handover(c: Conn<'_>, id: &str, now: i64) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE handovers SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL AND cancelled_at IS NULL AND expires_at > $1",
        now,
        id
    )? == 1)
}

pub async fn cancel_handovers(c: Conn<'_>, org_id: &str, now: i64) -> Result<u64> {
    Ok(sql!(
        c,
        execute,
        "UPDATE handovers SET cancelled_at = $1 WHERE org_id = $2 AND accepted_at IS NULL AND cancelled_at IS NULL",
        now,
        org_id
    )?)
}

// ---- billing addresses ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AddressRow {
    pub id: BillingAddressId,
    pub org_id: OrgId,
    pub name: String,
    pub street: String,
    pub building_number: String,
    pub postcode: String,
    pub town: String,
    pub country: String,
    pub is_default: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

const ADDRESS_COLUMNS: &str = "id, org_id, name, street, building_number, postcode, town, country, is_default, created_at, updated_at";

pub async fn addresses(c: Conn<'_>, org_id: &str) -> Result<Vec<AddressRow>> {
    Ok(sql!(
        c,
        fetch_all as AddressRow,
        &format!(
            "SELECT {ADDRESS_COLUMNS} FROM billing_addresses WHERE org_id = $1 ORDER BY is_default DESC, created_at, id"
        ),
        org_id
    )?)
}

pub async fn address(c: Conn<'_>, org_id: &str, id: &str) -> Result<Option<AddressRow>> {
    Ok(sql!(
        c,
        fetch_optional as AddressRow,
        &format!("SELECT {ADDRESS_COLUMNS} FROM billing_addresses WHERE org_id = $1 AND id = $2"),
        org_id,
        id
    )?)
}

pub async fn upsert_address(c: Conn<'_>, a: &AddressRow) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO billing_addresses (id, org_id, name, street, building_number, postcode, town, country, is_default, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, street = excluded.street, building_number = excluded.building_number,
             postcode = excluded.postcode, town = excluded.town, country = excluded.country, is_default = excluded.is_default,
             updated_at = excluded.updated_at",
        &a.id, &a.org_id, &a.name, &a.street, &a.building_number, &a.postcode, &a.town, &a.country, a.is_default, a.created_at, a.updated_at)?;
    Ok(())
}

pub async fn clear_default_address(c: Conn<'_>, org_id: &str) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE billing_addresses SET is_default = FALSE WHERE org_id = $1 AND is_default",
        org_id
    )?;
    Ok(())
}

pub async fn delete_address(c: Conn<'_>, org_id: &str, id: &str) -> Result<u64> {
    Ok(sql!(
        c,
        execute,
        "DELETE FROM billing_addresses WHERE org_id = $1 AND id = $2",
        org_id,
        id
    )?)
}

// ---- products ----

/// (org id, kind) of a product.
pub async fn product(c: Conn<'_>, id: &str) -> Result<Option<(OrgId, String)>> {
    Ok(sql!(
        c,
        fetch_optional as (OrgId, String),
        "SELECT org_id, kind FROM products WHERE id = $1",
        id
    )?)
}

// ---- pages of lists: paged in SQL, counted apart ----

pub async fn orgs_of_user_window(
    c: Conn<'_>,
    user_id: &str,
    offset: i64,
    limit: i64,
) -> Result<Vec<(OrgRow, String)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        org: OrgRow,
        role: String,
    }
    let rows = sql!(
        c,
        fetch_all as Row,
        &format!(
            "SELECT {ORG_COLUMNS}, m.role FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.user_id = $1 ORDER BY o.name, o.id LIMIT $2 OFFSET $3"
        ),
        user_id,
        limit,
        offset
    )?;
    Ok(rows.into_iter().map(|r| (r.org, r.role)).collect())
}

pub async fn count_orgs_of_user(c: Conn<'_>, user_id: &str) -> Result<u64> {
    let n: i64 = sql!(c, fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM members WHERE user_id = $1", user_id)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub async fn members_window(
    c: Conn<'_>,
    org_id: &str,
    offset: i64,
    limit: i64,
) -> Result<Vec<MemberRow>> {
    Ok(sql!(c, fetch_all as MemberRow,
        "SELECT m.user_id, u.email, u.name, m.role, m.created_at FROM members m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = $1 ORDER BY CASE m.role WHEN 'legal_representative' THEN 0 WHEN 'owner' THEN 1 ELSE 2 END, u.email
         LIMIT $2 OFFSET $3",
        org_id, limit, offset)?)
}

pub async fn count_members(c: Conn<'_>, org_id: &str) -> Result<u64> {
    let n: i64 = sql!(c, fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM members WHERE org_id = $1", org_id)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Members `user_id` could remove: anyone but themself and the legal
/// representative (ORG-3).
pub async fn count_removable(c: Conn<'_>, org_id: &str, user_id: &str) -> Result<i64> {
    Ok(sql!(c, fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM members WHERE org_id = $1 AND user_id <> $2 AND role <> 'legal_representative'",
        org_id, user_id)?)
}

pub async fn teams_window(
    c: Conn<'_>,
    org_id: &str,
    offset: i64,
    limit: i64,
) -> Result<Vec<TeamRow>> {
    Ok(sql!(
        c,
        fetch_all as TeamRow,
        "SELECT id, org_id, name, created_at, updated_at FROM teams WHERE org_id = $1 ORDER BY name, id LIMIT $2 OFFSET $3",
        org_id,
        limit,
        offset
    )?)
}

pub async fn count_teams(c: Conn<'_>, org_id: &str) -> Result<u64> {
    let n: i64 = sql!(c, fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM teams WHERE org_id = $1", org_id)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub async fn invitations_window(
    c: Conn<'_>,
    org_id: &str,
    offset: i64,
    limit: i64,
) -> Result<Vec<InvitationRow>> {
    Ok(sql!(c, fetch_all as InvitationRow,
        &format!("SELECT {INVITATION_COLUMNS} FROM invitations WHERE org_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL
                  ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"), org_id, limit, offset)?)
}

pub async fn count_invitations(c: Conn<'_>, org_id: &str) -> Result<u64> {
    let n: i64 = sql!(c, fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM invitations WHERE org_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL", org_id)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub async fn addresses_window(
    c: Conn<'_>,
    org_id: &str,
    offset: i64,
    limit: i64,
) -> Result<Vec<AddressRow>> {
    Ok(sql!(
        c,
        fetch_all as AddressRow,
        &format!(
            "SELECT {ADDRESS_COLUMNS} FROM billing_addresses WHERE org_id = $1 ORDER BY is_default DESC, created_at, id LIMIT $2 OFFSET $3"
        ),
        org_id,
        limit,
        offset
    )?)
}

pub async fn count_addresses(c: Conn<'_>, org_id: &str) -> Result<u64> {
    let n: i64 = sql!(c, fetch_one scalar i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM billing_addresses WHERE org_id = $1", org_id)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// ORG-7: make `id` the organisation's one default address, in one
/// statement: every address of the org is set to whether it is `id`. It
/// changes nothing (0 rows) unless `id` is an address of `org_id`, so a
/// concurrent delete cannot leave the org without a default.
pub async fn make_default_address(c: Conn<'_>, org_id: &str, id: &str, now: i64) -> Result<u64> {
    Ok(sql!(c, execute,
        "UPDATE billing_addresses SET is_default = (id = $2),
             updated_at = CASE WHEN id = $2 OR is_default THEN $3 ELSE updated_at END
         WHERE org_id = $1 AND EXISTS (SELECT 1 FROM billing_addresses b WHERE b.org_id = $1 AND b.id = $2)",
        org_id, id, now)?)
}

// Bulk reads and writes for the sweeps (ADR 0015): the ids go as one JSON
// array, so one statement text serves any number of organisations.

pub async fn orgs_in(c: Conn<'_>, ids: &str) -> Result<Vec<OrgRow>> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(
            c,
            fetch_all as OrgRow,
            &format!(
                "SELECT {ORG_COLUMNS} FROM orgs o WHERE o.id IN (SELECT value FROM json_each($1))"
            ),
            ids
        )?,
        crate::db::Engine::Postgres => sql!(
            c,
            fetch_all as OrgRow,
            &format!(
                "SELECT {ORG_COLUMNS} FROM orgs o WHERE o.id IN (SELECT jsonb_array_elements_text($1::jsonb))"
            ),
            ids
        )?,
    })
}

pub async fn addresses_in(c: Conn<'_>, ids: &str) -> Result<Vec<AddressRow>> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(
            c,
            fetch_all as AddressRow,
            &format!(
                "SELECT {ADDRESS_COLUMNS} FROM billing_addresses WHERE org_id IN (SELECT value FROM json_each($1))"
            ),
            ids
        )?,
        crate::db::Engine::Postgres => sql!(
            c,
            fetch_all as AddressRow,
            &format!(
                "SELECT {ADDRESS_COLUMNS} FROM billing_addresses WHERE org_id IN (SELECT jsonb_array_elements_text($1::jsonb))"
            ),
            ids
        )?,
    })
}

/// The legal representatives' and owners' addresses of several orgs:
/// `(org, email)`, in each org's order of [`members`].
pub async fn contacts_in(c: Conn<'_>, ids: &str) -> Result<Vec<(String, String)>> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, fetch_all as (String, String),
            "SELECT m.org_id, u.email FROM members m JOIN users u ON u.id = m.user_id
             WHERE m.org_id IN (SELECT value FROM json_each($1)) AND m.role IN ('legal_representative', 'owner')
             ORDER BY m.org_id, CASE m.role WHEN 'legal_representative' THEN 0 ELSE 1 END, u.email",
            ids)?,
        crate::db::Engine::Postgres => sql!(c, fetch_all as (String, String),
            "SELECT m.org_id, u.email FROM members m JOIN users u ON u.id = m.user_id
             WHERE m.org_id IN (SELECT jsonb_array_elements_text($1::jsonb)) AND m.role IN ('legal_representative', 'owner')
             ORDER BY m.org_id, CASE m.role WHEN 'legal_representative' THEN 0 ELSE 1 END, u.email",
            ids)?,
    })
}

/// BIL-1's currency lock for several orgs at once: each stamped with its
/// first invoice's time, if it had none.
pub async fn stamp_first_invoices(c: Conn<'_>, ids: &str, now: i64) -> Result<()> {
    match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, execute,
            "UPDATE orgs SET first_invoice_at = $2
             WHERE first_invoice_at IS NULL AND id IN (SELECT value FROM json_each($1))",
            ids, now)?,
        crate::db::Engine::Postgres => sql!(c, execute,
            "UPDATE orgs SET first_invoice_at = $2
             WHERE first_invoice_at IS NULL AND id IN (SELECT jsonb_array_elements_text($1::jsonb))",
            ids, now)?,
    };
    Ok(())
}
