//! The back office's SQL. It writes only the staff tables (`staff_roles`,
//! `staff_sessions`, `staff_tokens`, `staff_audit_events`); customer
//! tables are only read, and only the columns a summary shows: no query
//! here selects a password hash, a token hash or a session secret.

use crate::ids::{
    BillingAddressId, OrgId, StaffAuditEventId, StaffSessionId, StaffTokenId, UserId,
};
use crate::{
    db::{Conn, RawConn},
    error::Result,
    sql,
};

// ---- roles ----

pub async fn roles(c: Conn<'_>, user_id: &str) -> Result<Vec<String>> {
    Ok(sql!(c, fetch_all scalar String,
        "SELECT role FROM staff_roles WHERE user_id = $1 ORDER BY role", user_id)?)
}

pub async fn grant_role(c: Conn<'_>, user_id: &str, role: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "INSERT INTO staff_roles (user_id, role, created_at) VALUES ($1, $2, $3) ON CONFLICT (user_id, role) DO NOTHING",
        user_id,
        role,
        now
    )?;
    Ok(())
}

// ---- sessions ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: StaffSessionId,
    pub user_id: UserId,
    pub csrf_token: String,
    pub ip: String,
    pub user_agent: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub ended_at: Option<i64>,
}

pub async fn insert_session(c: Conn<'_>, s: &SessionRow, token_hash: &str) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO staff_sessions (id, token_hash, user_id, csrf_token, ip, user_agent, created_at, last_seen_at, expires_at, ended_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL)",
        &s.id, token_hash, &s.user_id, &s.csrf_token, &s.ip, &s.user_agent, s.created_at, s.last_seen_at, s.expires_at)?;
    Ok(())
}

/// A session and its staff member's name, address and language.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionWho {
    pub id: StaffSessionId,
    pub user_id: UserId,
    pub csrf_token: String,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub ended_at: Option<i64>,
    pub email: String,
    pub name: String,
    pub language: String,
}

pub async fn session_by_token_hash(c: Conn<'_>, token_hash: &str) -> Result<Option<SessionWho>> {
    Ok(sql!(c, fetch_optional as SessionWho,
        "SELECT s.id, s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, s.ended_at, u.email, u.name, u.language
         FROM staff_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
        token_hash)?)
}

pub async fn touch_session(c: Conn<'_>, id: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE staff_sessions SET last_seen_at = $2 WHERE id = $1",
        id,
        now
    )?;
    Ok(())
}

pub async fn end_session(c: Conn<'_>, id: &str, now: i64) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE staff_sessions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL",
        id,
        now
    )? == 1)
}

/// Forget staff sessions ended or expired before `before` (their sign-in
/// and sign-out stay in the staff log).
pub async fn purge_sessions(c: Conn<'_>, before: i64) -> Result<u64> {
    Ok(sql!(
        c,
        execute,
        "DELETE FROM staff_sessions WHERE (ended_at IS NOT NULL AND ended_at < $1) OR expires_at < $1",
        before
    )?)
}

// ---- tokens ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: StaffTokenId,
    pub user_id: UserId,
    pub name: String,
    pub prefix: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

pub async fn insert_token(c: Conn<'_>, t: &TokenRow, token_hash: &str) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO staff_tokens (id, user_id, name, prefix, token_hash, created_at, expires_at, last_used_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL)",
        &t.id, &t.user_id, &t.name, &t.prefix, token_hash, t.created_at, t.expires_at)?;
    Ok(())
}

/// A token and its staff member's name and address.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenWho {
    pub id: StaffTokenId,
    pub user_id: UserId,
    pub expires_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub email: String,
    pub name: String,
}

pub async fn token_by_hash(c: Conn<'_>, token_hash: &str) -> Result<Option<TokenWho>> {
    Ok(sql!(
        c,
        fetch_optional as TokenWho,
        "SELECT t.id, t.user_id, t.expires_at, t.last_used_at, t.revoked_at, u.email, u.name
         FROM staff_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1",
        token_hash
    )?)
}

pub async fn tokens_of(c: Conn<'_>, user_id: &str) -> Result<Vec<TokenRow>> {
    Ok(sql!(
        c,
        fetch_all as TokenRow,
        "SELECT id, user_id, name, prefix, created_at, expires_at, last_used_at, revoked_at
         FROM staff_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
        user_id
    )?)
}

pub async fn touch_token(c: Conn<'_>, id: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE staff_tokens SET last_used_at = $2 WHERE id = $1",
        id,
        now
    )?;
    Ok(())
}

pub async fn revoke_token(c: Conn<'_>, user_id: &str, id: &str, now: i64) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE staff_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
        id,
        user_id,
        now
    )? == 1)
}

// ---- audit ----

pub struct AuditRow<'a> {
    pub id: StaffAuditEventId,
    /// None for the operator's command line.
    pub staff_user_id: Option<&'a UserId>,
    pub via: &'a str,
    pub action: &'a str,
    pub target: &'a str,
    pub org_id: Option<&'a OrgId>,
    pub detail: String,
    pub ip: &'a str,
    pub created_at: i64,
}

pub async fn insert_audit(c: Conn<'_>, a: &AuditRow<'_>) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO staff_audit_events (id, staff_user_id, via, action, target, org_id, detail, ip, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &a.id, a.staff_user_id, a.via, a.action, a.target, a.org_id, &a.detail, a.ip, a.created_at)?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditEventRow {
    pub id: StaffAuditEventId,
    pub staff_user_id: Option<UserId>,
    pub staff_email: Option<String>,
    pub via: String,
    pub action: String,
    pub target: String,
    pub org_id: Option<OrgId>,
    pub detail: String,
    pub ip: String,
    pub created_at: i64,
}

/// The staff log, newest first: of one staff member, or about one
/// organisation, or all of it.
pub async fn audit_events(
    c: Conn<'_>,
    staff_user_id: Option<&UserId>,
    org_id: Option<&OrgId>,
    limit: i64,
    offset: i64,
) -> Result<Vec<AuditEventRow>> {
    Ok(sql!(c, fetch_all as AuditEventRow,
        "SELECT e.id, e.staff_user_id, u.email AS staff_email, e.via, e.action, e.target, e.org_id, e.detail, e.ip, e.created_at
         FROM staff_audit_events e LEFT JOIN users u ON u.id = e.staff_user_id
         WHERE ($1 IS NULL OR e.staff_user_id = $1) AND ($2 IS NULL OR e.org_id = $2)
         ORDER BY e.created_at DESC, e.id DESC LIMIT $3 OFFSET $4",
        staff_user_id, org_id, limit, offset)?)
}

// ---- search ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserHitRow {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub support_code: String,
}

const USER_HIT: &str = "SELECT id, email, name, support_code FROM users";

pub async fn user_by_id(c: Conn<'_>, id: &str) -> Result<Vec<UserHitRow>> {
    Ok(sql!(
        c,
        fetch_all as UserHitRow,
        &format!("{USER_HIT} WHERE id = $1"),
        id
    )?)
}

pub async fn user_by_support_code(c: Conn<'_>, code: &str) -> Result<Vec<UserHitRow>> {
    Ok(sql!(
        c,
        fetch_all as UserHitRow,
        &format!("{USER_HIT} WHERE support_code = $1"),
        code
    )?)
}

/// Users whose address starts with `prefix` (lower-cased): a range on the
/// unique index of `email_lower`, then the exact prefix test.
pub async fn users_by_email_prefix(
    c: Conn<'_>,
    prefix: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<UserHitRow>> {
    let upper = format!("{prefix}\u{10ffff}");
    Ok(sql!(c, fetch_all as UserHitRow,
        &format!("{USER_HIT} WHERE email_lower >= $1 AND email_lower < $2 AND substr(email_lower, 1, length($1)) = $1
                  ORDER BY email_lower LIMIT $3 OFFSET $4"),
        prefix, upper, limit, offset)?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrgHitRow {
    pub id: OrgId,
    pub name: String,
    pub kind: String,
    pub country: String,
}

const ORG_HIT: &str = "SELECT o.id, o.name, o.kind, o.country FROM orgs o";

pub async fn org_by_id(c: Conn<'_>, id: &str) -> Result<Vec<OrgHitRow>> {
    Ok(sql!(
        c,
        fetch_all as OrgHitRow,
        &format!("{ORG_HIT} WHERE o.id = $1"),
        id
    )?)
}

/// Organisations whose name contains `text` (lower-cased), at most
/// `limit`. A bounded scan: the schema comparison does not read expression
/// indexes yet, so `lower(name)` has none.
pub async fn orgs_by_name(
    c: Conn<'_>,
    text: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<OrgHitRow>> {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Ok(sql!(
        c,
        fetch_all as OrgHitRow,
        &format!(
            "{ORG_HIT} WHERE lower(o.name) LIKE $1 ESCAPE '\\' ORDER BY o.name, o.id LIMIT $2 OFFSET $3"
        ),
        format!("%{escaped}%"),
        limit,
        offset
    )?)
}

/// The organisations the given users belong to (through `members`' index
/// on user_id).
pub async fn orgs_of_users(c: Conn<'_>, user_ids: &[String], limit: i64) -> Result<Vec<OrgHitRow>> {
    if user_ids.is_empty() {
        return Ok(Vec::new());
    }
    // At most a page of users: a placeholder each.
    let marks: Vec<String> = (1..=user_ids.len()).map(|i| format!("${i}")).collect();
    let q = format!(
        "{ORG_HIT} WHERE o.id IN (SELECT m.org_id FROM members m WHERE m.user_id IN ({}))
         ORDER BY o.name, o.id LIMIT {limit}",
        marks.join(", ")
    );
    Ok(match c.into_raw() {
        RawConn::Sqlite(c) => {
            let mut query = sqlx::query_as::<_, OrgHitRow>(&q);
            for id in user_ids {
                query = query.bind(id);
            }
            query.fetch_all(&mut *c).await?
        }
        RawConn::Postgres(c) => {
            let mut query = sqlx::query_as::<_, OrgHitRow>(&q);
            for id in user_ids {
                query = query.bind(id);
            }
            query.fetch_all(&mut *c).await?
        }
    })
}

// ---- summaries ----

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
}

pub async fn org(c: Conn<'_>, id: &str) -> Result<Option<OrgRow>> {
    Ok(sql!(
        c,
        fetch_optional as OrgRow,
        "SELECT id, name, kind, country, language, currency, vat_number, created_at FROM orgs WHERE id = $1",
        id
    )?)
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
    Ok(sql!(
        c,
        fetch_all as MemberRow,
        "SELECT m.user_id, u.email, u.name, m.role, m.created_at
         FROM members m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1
         ORDER BY m.created_at, m.user_id",
        org_id
    )?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AddressRow {
    pub id: BillingAddressId,
    pub name: String,
    pub street: String,
    pub building_number: String,
    pub postcode: String,
    pub town: String,
    pub country: String,
    pub is_default: bool,
}

pub async fn addresses(c: Conn<'_>, org_id: &str) -> Result<Vec<AddressRow>> {
    Ok(sql!(
        c,
        fetch_all as AddressRow,
        "SELECT id, name, street, building_number, postcode, town, country, is_default
         FROM billing_addresses WHERE org_id = $1 ORDER BY created_at, id",
        org_id
    )?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub language: String,
    pub email_verified_at: Option<i64>,
    pub support_code: String,
    pub created_at: i64,
}

pub async fn user(c: Conn<'_>, id: &str) -> Result<Option<UserRow>> {
    Ok(sql!(
        c,
        fetch_optional as UserRow,
        "SELECT id, email, name, language, email_verified_at, support_code, created_at FROM users WHERE id = $1",
        id
    )?)
}

/// The last successful sign-in, from the security log's index.
pub async fn last_sign_in(c: Conn<'_>, user_id: &str) -> Result<Option<i64>> {
    Ok(sql!(c, fetch_optional scalar i64,
        "SELECT created_at FROM security_events WHERE user_id = $1 AND kind = 'sign_in_succeeded'
         ORDER BY created_at DESC LIMIT 1",
        user_id)?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MembershipRow {
    pub org_id: OrgId,
    pub org_name: String,
    pub role: String,
}

pub async fn memberships(c: Conn<'_>, user_id: &str) -> Result<Vec<MembershipRow>> {
    Ok(sql!(
        c,
        fetch_all as MembershipRow,
        "SELECT m.org_id, o.name AS org_name, m.role FROM members m JOIN orgs o ON o.id = m.org_id
         WHERE m.user_id = $1 ORDER BY o.name, o.id",
        user_id
    )?)
}

/// Many audit rows at once (a sweep's batch, a bank import's): `rows` is
/// a JSON array of arrays in the table's column order (ADR 0015's bulk
/// statements: one text per engine, whatever the count).
pub async fn insert_audits(c: Conn<'_>, rows: &str) -> Result<u64> {
    Ok(match c.engine() {
        crate::db::Engine::Sqlite => sql!(c, execute,
            "INSERT INTO staff_audit_events (id, staff_user_id, via, action, target, org_id, detail, ip, created_at)
             WITH r (v) AS MATERIALIZED (SELECT jsonb(value) FROM json_each($1))
             SELECT v ->> 0, v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5, v ->> 6, v ->> 7, v ->> 8
             FROM r",
            rows)?,
        crate::db::Engine::Postgres => sql!(c, execute,
            "INSERT INTO staff_audit_events (id, staff_user_id, via, action, target, org_id, detail, ip, created_at)
             SELECT j ->> 0, j ->> 1, j ->> 2, j ->> 3, j ->> 4, j ->> 5, j ->> 6, j ->> 7, (j ->> 8)::bigint
             FROM jsonb_array_elements($1::jsonb) j",
            rows)?,
    })
}
