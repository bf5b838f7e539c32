//! The organisations' SQL.

use super::Role;
use crate::{db::Conn, error::Result, sql};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrgRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub country: String,
    pub language: String,
    pub currency: String,
    pub vat_number: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

pub async fn insert_org(c: Conn<'_>, o: &OrgRow) -> Result<()> {
    sql!(c, execute,
        "INSERT INTO orgs (id, name, kind, country, language, currency, vat_number, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &o.id, &o.name, &o.kind, &o.country, &o.language, &o.currency, &o.vat_number, o.created_at, o.updated_at)?;
    Ok(())
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
    let rows = sql!(c, fetch_all as Row,
        "SELECT o.id, o.name, o.kind, o.country, o.language, o.currency, o.vat_number, o.created_at, o.updated_at, m.role
         FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.user_id = $1 ORDER BY o.name, o.id",
        user_id)?;
    Ok(rows.into_iter().map(|r| (r.org, r.role)).collect())
}
