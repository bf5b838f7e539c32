//! The accounts' SQL.

use crate::ids::{EmailTokenId, UserId};
use crate::{
    db::Conn,
    error::{Error, Result, on_constraint, violates},
    sql,
};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub email_lower: String,
    pub email_verified_at: Option<i64>,
    pub password_hash: String,
    pub name: String,
    pub language: String,
    pub recovery_email: Option<String>,
    pub pending_recovery_email: Option<String>,
    pub support_code: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const USER_COLUMNS: &str = "id, email, email_lower, email_verified_at, password_hash, name, language, recovery_email, \
                            pending_recovery_email, support_code, created_at, updated_at";

/// Insert a user. A taken address is `email_taken`; a support-code
/// collision is reported as `support_code_taken` so the caller draws again.
pub async fn insert_user(c: Conn<'_>, u: &UserRow) -> Result<()> {
    let r = sql!(c, execute,
        "INSERT INTO users (id, email, email_lower, email_verified_at, password_hash, name, language, recovery_email,
                            pending_recovery_email, support_code, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, $8, $9, $9)",
        &u.id, &u.email, &u.email_lower, u.email_verified_at, &u.password_hash, &u.name, &u.language, &u.support_code, u.created_at);
    match r {
        Ok(_) => Ok(()),
        Err(e) => Err(unique_user_error(e)),
    }
}

fn unique_user_error(e: sqlx::Error) -> Error {
    if violates(&e, "users_support_code_key") {
        return Error::conflict("support_code_taken", "support code collision");
    }
    on_constraint("users_email_lower_key", || {
        Error::conflict("email_taken", "This address already has an account.")
    })(e)
}

pub async fn user_by_email(c: Conn<'_>, email_lower: &str) -> Result<Option<UserRow>> {
    Ok(sql!(
        c,
        fetch_optional as UserRow,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE email_lower = $1"),
        email_lower
    )?)
}

pub async fn user_by_id(c: Conn<'_>, id: &str) -> Result<Option<UserRow>> {
    Ok(sql!(
        c,
        fetch_optional as UserRow,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"),
        id
    )?)
}

pub async fn set_password(c: Conn<'_>, user_id: &str, hash: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3",
        hash,
        now,
        user_id
    )?;
    Ok(())
}

pub async fn mark_email_verified(c: Conn<'_>, user_id: &str, now: i64) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE users SET email_verified_at = $1, updated_at = $1 WHERE id = $2 AND email_verified_at IS NULL",
        now,
        user_id
    )?;
    Ok(())
}

pub async fn update_profile(
    c: Conn<'_>,
    user_id: &str,
    name: &str,
    language: &str,
    now: i64,
) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE users SET name = $1, language = $2, updated_at = $3 WHERE id = $4",
        name,
        language,
        now,
        user_id
    )?;
    Ok(())
}

pub async fn set_pending_recovery_email(
    c: Conn<'_>,
    user_id: &str,
    email: Option<&str>,
    now: i64,
) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE users SET pending_recovery_email = $1, updated_at = $2 WHERE id = $3",
        email,
        now,
        user_id
    )?;
    Ok(())
}

pub async fn set_recovery_email(
    c: Conn<'_>,
    user_id: &str,
    email: Option<&str>,
    now: i64,
) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE users SET recovery_email = $1, pending_recovery_email = NULL, updated_at = $2 WHERE id = $3",
        email,
        now,
        user_id
    )?;
    Ok(())
}

/// Set a new support code; false on a collision (draw again).
pub async fn set_support_code(c: Conn<'_>, user_id: &str, code: &str, now: i64) -> Result<bool> {
    let r = sql!(
        c,
        execute,
        "UPDATE users SET support_code = $1, updated_at = $2 WHERE id = $3",
        code,
        now,
        user_id
    );
    match r {
        Ok(_) => Ok(true),
        Err(e) if violates(&e, "users_support_code_key") => Ok(false),
        Err(e) => Err(e.into()),
    }
}

pub async fn support_code_exists(c: Conn<'_>, code: &str) -> Result<bool> {
    Ok(sql!(c, fetch_optional scalar String, "SELECT id FROM users WHERE support_code = $1", code)?.is_some())
}

// ---- single-use links ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmailTokenRow {
    pub id: EmailTokenId,
    pub user_id: UserId,
    pub purpose: String,
    pub email: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

#[expect(clippy::too_many_arguments, reason = "one column each")]
pub async fn insert_email_token(
    c: Conn<'_>,
    id: &str,
    user_id: &str,
    purpose: &str,
    token_hash: &str,
    email: &str,
    now: i64,
    expires_at: i64,
) -> Result<()> {
    sql!(
        c,
        execute,
        "INSERT INTO email_tokens (id, user_id, purpose, token_hash, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        id,
        user_id,
        purpose,
        token_hash,
        email,
        now,
        expires_at
    )?;
    Ok(())
}

pub async fn email_token_by_hash(c: Conn<'_>, token_hash: &str) -> Result<Option<EmailTokenRow>> {
    Ok(sql!(
        c,
        fetch_optional as EmailTokenRow,
        "SELECT id, user_id, purpose, email, expires_at, used_at FROM email_tokens WHERE token_hash = $1",
        token_hash
    )?)
}

/// Use a link once: true for the one caller that flips it.
pub async fn use_email_token(c: Conn<'_>, id: &str, now: i64) -> Result<bool> {
    Ok(sql!(
        c,
        execute,
        "UPDATE email_tokens SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND expires_at > $1",
        now,
        id
    )? == 1)
}

/// Older links of the same purpose stop working when a new one is sent.
pub async fn retire_email_tokens(
    c: Conn<'_>,
    user_id: &str,
    purpose: &str,
    now: i64,
) -> Result<()> {
    sql!(
        c,
        execute,
        "UPDATE email_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
        now,
        user_id,
        purpose
    )?;
    Ok(())
}

// ---- newsletters ----

pub async fn subscribed_topics(c: Conn<'_>, user_id: &str) -> Result<Vec<String>> {
    Ok(
        sql!(c, fetch_all scalar String, "SELECT topic FROM newsletter_subscriptions WHERE user_id = $1 ORDER BY topic", user_id)?,
    )
}

pub async fn set_topics(mut c: Conn<'_>, user_id: &str, topics: &[String], now: i64) -> Result<()> {
    sql!(
        c.reborrow(),
        execute,
        "DELETE FROM newsletter_subscriptions WHERE user_id = $1",
        user_id
    )?;
    for t in topics {
        sql!(
            c.reborrow(),
            execute,
            "INSERT INTO newsletter_subscriptions (user_id, topic, created_at) VALUES ($1, $2, $3)",
            user_id,
            t,
            now
        )?;
    }
    Ok(())
}

// ---- staff ----

pub async fn staff_roles(c: Conn<'_>, user_id: &str) -> Result<Vec<String>> {
    Ok(
        sql!(c, fetch_all scalar String, "SELECT role FROM staff_roles WHERE user_id = $1 ORDER BY role", user_id)?,
    )
}

pub async fn grant_staff_role(c: Conn<'_>, user_id: &str, role: &str, now: i64) -> Result<()> {
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

// ---- purge ----

/// Delete single-use links expired more than 30 days ago.
pub async fn purge_expired_links(c: Conn<'_>, now: i64) -> Result<u64> {
    let month_ago = now - 30 * 86_400_000;
    Ok(sql!(
        c,
        execute,
        "DELETE FROM email_tokens WHERE expires_at < $1",
        month_ago
    )?)
}
