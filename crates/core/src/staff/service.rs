//! Back-office operations. Each asks `access::staff::check` first, and
//! writes the staff audit log in the transaction of what it did or read.

use crate::ids::{
    BillingAddressId, EmailTokenId, OrgId, StaffAuditEventId, StaffSessionId, StaffTokenId, UserId,
};
use serde::Serialize;

use super::{
    SEARCH_MAX, SEARCH_PAGE_MAX, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, STAFF_TOKEN_PREFIX,
    StaffAction, StaffActor, StaffRole, StaffRoleSet, StaffVia, TOKEN_MAX_DAYS, check,
    new_staff_token, store,
};
use crate::{
    Ctx,
    accounts::{EmailAddress, RequestMeta, hash_secret, new_secret, store as accounts_store},
    audit::{self, AuditEventView},
    db::Conn,
    error::{Error, Result},
    i18n::Lang,
    security::{PasswordCheck, check_password, passed},
    text,
    tokens::{TOKEN_NAME_MAX, token_display_prefix},
};

// ---------------------------------------------------------------- accounts

/// What `create-staff` did.
#[derive(Debug, Clone)]
pub struct StaffSetup {
    pub user_id: UserId,
    /// The one-time link to set a password (None: the account existed and
    /// keeps its password).
    pub setup_link: Option<String>,
}

/// `guichet admin create-staff`: a staff account (roles stored apart from
/// customer roles) and a one-time link to set its password.
pub async fn create_staff(ctx: &Ctx, email: &str, roles: &[StaffRole]) -> Result<StaffSetup> {
    let email = EmailAddress::parse(email, "email")?;
    if roles.is_empty() {
        return Err(Error::invalid(
            "role",
            "no_role",
            "Give at least one staff role.",
        ));
    }
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    // An unusable hash until the link is followed: nobody knows a password.
    let placeholder = ctx.hasher.hash(&new_secret()).await?;
    let mut tx = ctx.db.begin().await?;
    let (user, created) = match accounts_store::user_by_email(tx.conn(), email.lower()).await? {
        Some(u) => (u, false),
        None => (
            crate::accounts::create_staff_account(tx.conn(), ctx, &email, &placeholder, ms).await?,
            true,
        ),
    };
    for r in roles {
        store::grant_role(tx.conn(), &user.id, r.as_str(), ms).await?;
    }
    let setup_link = if created {
        let secret = new_secret();
        let valid = i64::try_from(ctx.config.accounts.staff_setup_link_hours)
            .unwrap_or(72)
            .saturating_mul(3_600_000);
        accounts_store::insert_email_token(
            tx.conn(),
            &EmailTokenId::new(now),
            &user.id,
            "staff_setup",
            &hash_secret(&secret),
            &user.email,
            ms,
            ms + valid,
        )
        .await?;
        Some(format!(
            "{}/reset-password?token={secret}",
            ctx.config.public_url.trim_end_matches('/')
        ))
    } else {
        None
    };
    let roles_text = roles.iter().map(|r| r.as_str()).collect::<Vec<_>>();
    audit_row(
        tx.conn(),
        ctx,
        &Who::operator(),
        "staff.roles_granted",
        &format!("user:{}", user.id),
        None,
        &roles_text.join(" "),
    )
    .await?;
    tx.commit().await?;
    Ok(StaffSetup {
        user_id: user.id,
        setup_link,
    })
}

/// The staff roles of a user (empty for customers), by name.
pub async fn staff_roles(ctx: &Ctx, user_id: &UserId) -> Result<Vec<StaffRole>> {
    let mut c = ctx.db.acquire().await?;
    Ok(store::roles(c.conn(), user_id)
        .await?
        .iter()
        .filter_map(|r| StaffRole::parse(r))
        .collect())
}

// ---------------------------------------------------------------- audit

/// Who a staff audit row names: a staff member, or the operator's command
/// line.
struct Who<'a> {
    /// None for the operator's command line (no staff member signed in).
    user_id: Option<&'a UserId>,
    via: &'static str,
    ip: &'a str,
}

impl Who<'static> {
    fn operator() -> Self {
        Who {
            user_id: None,
            via: "operator",
            ip: "",
        }
    }
}

impl<'a> From<&'a StaffActor> for Who<'a> {
    fn from(a: &'a StaffActor) -> Self {
        Who {
            user_id: Some(&a.user_id),
            via: a.via.as_str(),
            ip: &a.ip,
        }
    }
}

async fn audit_row(
    c: Conn<'_>,
    ctx: &Ctx,
    who: &Who<'_>,
    action: &str,
    target: &str,
    org_id: Option<&OrgId>,
    detail: &str,
) -> Result<()> {
    let now = ctx.clock.now();
    store::insert_audit(
        c,
        &store::AuditRow {
            id: StaffAuditEventId::new(now),
            staff_user_id: who.user_id,
            via: who.via,
            action,
            target,
            org_id,
            detail: detail.to_string(),
            ip: who.ip,
            created_at: now.as_millisecond(),
        },
    )
    .await
}

/// Record, in the caller's transaction, what a staff member (or, with
/// `None`, the operator's command line) did in another area (billing's
/// manual invoices and credit notes): the staff log is this area's table.
pub async fn audit_in(
    c: Conn<'_>,
    ctx: &Ctx,
    actor: Option<&StaffActor>,
    action: &str,
    target: &str,
    org_id: Option<&OrgId>,
    detail: &str,
) -> Result<()> {
    let who = match actor {
        Some(a) => a.into(),
        None => Who::operator(),
    };
    audit_row(c, ctx, &who, action, target, org_id, detail).await
}

/// [`audit_in`] for many things done at once (a sweep's batch, a bank
/// import's), in one statement: `(action, target, org, detail)` each, all
/// by `actor` (`None`: the operator).
pub async fn audit_many_in(
    c: Conn<'_>,
    ctx: &Ctx,
    actor: Option<&StaffActor>,
    rows: &[(&str, &str, Option<&OrgId>, String)],
) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let who = match actor {
        Some(a) => a.into(),
        None => Who::operator(),
    };
    let now = ctx.clock.now();
    let json: Vec<_> = rows
        .iter()
        .map(|(action, target, org, detail)| {
            (
                StaffAuditEventId::new(now).to_string(),
                who.user_id.map(|u| u.as_str()),
                who.via,
                action,
                target,
                org.map(|o| o.as_str()),
                detail,
                who.ip,
                now.as_millisecond(),
            )
        })
        .collect();
    store::insert_audits(c, &serde_json::to_string(&json)?).await?;
    Ok(())
}

/// Record what `actor` did (its own transaction, for reads).
pub(crate) async fn audit_action(
    ctx: &Ctx,
    actor: &StaffActor,
    action: &str,
    target: &str,
    org_id: Option<&OrgId>,
    detail: &str,
) -> Result<()> {
    let mut tx = ctx.db.begin().await?;
    audit_row(
        tx.conn(),
        ctx,
        &actor.into(),
        action,
        target,
        org_id,
        detail,
    )
    .await?;
    tx.commit().await
}

/// One row of the staff audit log.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StaffAuditEventView {
    #[schema(value_type = String)]
    pub id: StaffAuditEventId,
    /// None for the operator's command line.
    #[schema(value_type = Option<String>)]
    pub staff_user_id: Option<UserId>,
    pub staff_email: String,
    /// `session`, `token` or `operator`.
    pub via: String,
    /// `staff.signed_in`, `org.viewed`, `user.viewed`, `customers.searched`, …
    pub action: String,
    pub target: String,
    #[schema(value_type = Option<String>)]
    pub org_id: Option<OrgId>,
    pub detail: String,
    pub ip: String,
    pub created_at: i64,
}

/// The staff audit log (admins), newest first, optionally of one staff
/// member or about one organisation.
pub async fn staff_audit_log(
    ctx: &Ctx,
    actor: &StaffActor,
    staff_user_id: Option<&UserId>,
    org_id: Option<&OrgId>,
    page: Page,
) -> Result<Vec<StaffAuditEventView>> {
    check(actor, StaffAction::ViewStaffAudit)?;
    let mut c = ctx.db.acquire().await?;
    let rows =
        store::audit_events(c.conn(), staff_user_id, org_id, page.limit(), page.offset()).await?;
    Ok(rows
        .into_iter()
        .map(|r| StaffAuditEventView {
            id: r.id,
            staff_user_id: r.staff_user_id,
            staff_email: r.staff_email.unwrap_or_default(),
            via: r.via,
            action: r.action,
            target: r.target,
            org_id: r.org_id,
            detail: r.detail,
            ip: r.ip,
            created_at: r.created_at / 1000,
        })
        .collect())
}

// ---------------------------------------------------------------- sessions

/// A staff session just made: the cookie value is shown only here.
#[derive(Debug, Clone)]
pub struct NewStaffSession {
    pub session_id: StaffSessionId,
    pub token: String,
    pub csrf_token: String,
    pub user_id: UserId,
    pub expires_at: i64,
}

fn invalid_credentials() -> Error {
    Error::unauthenticated(
        "invalid_credentials",
        "The address or the password is wrong.",
    )
}

/// Sign in to the back office: the customers' password check and
/// throttling (SEC-5), then a staff session. An account without a staff
/// role gets the answer of a wrong password: the back office does not tell
/// who is a customer.
pub async fn sign_in(
    ctx: &Ctx,
    email: &str,
    password: &str,
    meta: &RequestMeta,
) -> Result<NewStaffSession> {
    // The customers' password step, throttles included (SEC-5).
    let PasswordCheck { keys, user, ok } = check_password(ctx, email, password, meta).await?;
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let mut tx = ctx.db.begin().await?;
    let roles = match &user {
        Some(u) if ok => StaffRoleSet::from_stored(&store::roles(tx.conn(), &u.id).await?),
        _ => StaffRoleSet::default(),
    };
    let Some(user) = user.filter(|u| ok && !roles.is_empty() && u.email_verified_at.is_some())
    else {
        // The attempt stays counted as the failure it was.
        tx.commit().await?;
        return Err(invalid_credentials());
    };
    passed(tx.conn(), &keys).await?;
    let token = new_secret();
    let row = store::SessionRow {
        id: StaffSessionId::new(now),
        user_id: user.id.clone(),
        csrf_token: new_secret(),
        ip: meta.ip.clone(),
        user_agent: meta.user_agent.clone(),
        created_at: ms,
        last_seen_at: ms,
        expires_at: ms + SESSION_ABSOLUTE_MS,
        ended_at: None,
    };
    store::insert_session(tx.conn(), &row, &hash_secret(&token)).await?;
    audit_row(
        tx.conn(),
        ctx,
        &Who {
            user_id: Some(&user.id),
            via: "session",
            ip: &meta.ip,
        },
        "staff.signed_in",
        &format!("staff_session:{}", row.id),
        None,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(NewStaffSession {
        session_id: row.id,
        token,
        csrf_token: row.csrf_token,
        user_id: user.id,
        expires_at: row.expires_at,
    })
}

/// A signed-in back-office session, as the web layer sees it.
#[derive(Debug, Clone)]
pub struct StaffSession {
    pub actor: StaffActor,
    pub csrf_token: String,
    pub language: Lang,
}

fn not_signed_in() -> Error {
    Error::unauthenticated("not_authenticated", "Sign in to continue.")
}

/// The staff session behind a cookie value, if it is still valid (not
/// ended, within 30 minutes of activity and 8 hours of life) and its
/// member still holds a staff role.
pub async fn authenticate_session(
    ctx: &Ctx,
    token: &str,
    meta: &RequestMeta,
) -> Result<StaffSession> {
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    let s = store::session_by_token_hash(c.conn(), &hash_secret(token))
        .await?
        .ok_or_else(not_signed_in)?;
    if s.ended_at.is_some() || s.expires_at <= now || s.last_seen_at <= now - SESSION_IDLE_MS {
        return Err(not_signed_in());
    }
    let roles = StaffRoleSet::from_stored(&store::roles(c.conn(), &s.user_id).await?);
    if roles.is_empty() {
        return Err(not_signed_in());
    }
    if s.last_seen_at < now - 60_000 {
        store::touch_session(c.conn(), &s.id, now).await?;
    }
    Ok(StaffSession {
        actor: StaffActor {
            user_id: s.user_id,
            email: s.email,
            name: s.name,
            roles,
            via: StaffVia::Session { session_id: s.id },
            ip: meta.ip.clone(),
            user_agent: meta.user_agent.clone(),
        },
        csrf_token: s.csrf_token,
        language: Lang::parse(&s.language).unwrap_or_default(),
    })
}

/// The staff area's sweeps, gathered by `jobs::all`.
pub fn sweeps() -> Vec<crate::jobs::Sweep> {
    vec![crate::jobs::Sweep {
        name: "staff.purge",
        every: std::time::Duration::from_secs(3600),
        run: |ctx| Box::pin(purge_sessions(ctx)),
        per_instance: false,
    }]
}

/// `staff.purge`: staff sessions ended or expired more than 30 days ago
/// are forgotten, as customers' are; the staff log keeps what they did.
pub async fn purge_sessions(ctx: &Ctx) -> Result<crate::jobs::SweepReport> {
    let month_ago = ctx.clock.now().as_millisecond() - 30 * 86_400_000;
    let mut c = ctx.db.acquire().await?;
    let done = store::purge_sessions(c.conn(), month_ago).await?;
    Ok(crate::jobs::SweepReport { done, failed: 0 })
}

/// End the current staff session.
pub async fn sign_out(ctx: &Ctx, actor: &StaffActor) -> Result<()> {
    let StaffVia::Session { session_id } = &actor.via else {
        return Ok(());
    };
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    if store::end_session(tx.conn(), session_id, now).await? {
        audit_row(
            tx.conn(),
            ctx,
            &actor.into(),
            "staff.signed_out",
            &format!("staff_session:{session_id}"),
            None,
            "",
        )
        .await?;
    }
    tx.commit().await
}

// ---------------------------------------------------------------- tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StaffTokenStatus {
    Active,
    Expired,
    Revoked,
}

/// A staff token as listed: never its secret.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StaffTokenView {
    #[schema(value_type = String)]
    pub id: StaffTokenId,
    pub name: String,
    /// The first characters (`gcs_` and 8 more), to tell tokens apart.
    pub prefix: String,
    pub status: StaffTokenStatus,
    pub created_at: i64,
    pub expires_at: i64,
    pub last_used_at: Option<i64>,
}

fn token_view(t: store::TokenRow, now: i64) -> StaffTokenView {
    let status = if t.revoked_at.is_some() {
        StaffTokenStatus::Revoked
    } else if t.expires_at <= now {
        StaffTokenStatus::Expired
    } else {
        StaffTokenStatus::Active
    };
    StaffTokenView {
        id: t.id,
        name: t.name,
        prefix: t.prefix,
        status,
        created_at: t.created_at / 1000,
        expires_at: t.expires_at / 1000,
        last_used_at: t.last_used_at.map(|l| l / 1000),
    }
}

/// The token, shown this once.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CreatedStaffToken {
    #[serde(flatten)]
    pub view: StaffTokenView,
    pub token: String,
}

/// Make a staff API token for `actor`, valid `days` (1 to 90: a staff
/// token always expires).
pub async fn create_token(
    ctx: &Ctx,
    actor: &StaffActor,
    name: &str,
    days: i64,
) -> Result<CreatedStaffToken> {
    check(actor, StaffAction::ManageOwnStaffTokens)?;
    insert_token(ctx, &actor.into(), &actor.user_id, name, days).await
}

/// `guichet admin create-staff-token`: the operator makes a token for a
/// staff member (how the first one is had).
pub async fn create_token_for(
    ctx: &Ctx,
    email: &str,
    name: &str,
    days: i64,
) -> Result<CreatedStaffToken> {
    let email = EmailAddress::parse(email, "email")?;
    let user = {
        let mut c = ctx.db.acquire().await?;
        let u = accounts_store::user_by_email(c.conn(), email.lower())
            .await?
            .ok_or(Error::NotFound)?;
        if store::roles(c.conn(), &u.id).await?.is_empty() {
            return Err(Error::NotFound);
        }
        u
    };
    insert_token(ctx, &Who::operator(), &user.id, name, days).await
}

async fn insert_token(
    ctx: &Ctx,
    who: &Who<'_>,
    user_id: &UserId,
    name: &str,
    days: i64,
) -> Result<CreatedStaffToken> {
    let name = name.trim();
    text::check_name("name", name)?;
    let mut errors = Vec::new();
    if name.is_empty() || name.chars().count() > TOKEN_NAME_MAX {
        errors.push(crate::FieldError::new(
            "name",
            "invalid_name",
            format!("Give the token a name of 1 to {TOKEN_NAME_MAX} characters."),
        ));
    }
    if !(1..=TOKEN_MAX_DAYS).contains(&days) {
        errors.push(crate::FieldError::new(
            "days",
            "invalid_validity",
            format!("A staff token is valid 1 to {TOKEN_MAX_DAYS} days."),
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let secret = new_staff_token();
    let row = store::TokenRow {
        id: StaffTokenId::new(now),
        user_id: user_id.clone(),
        name: name.to_string(),
        prefix: token_display_prefix(&secret),
        created_at: ms,
        expires_at: ms + days * 86_400_000,
        last_used_at: None,
        revoked_at: None,
    };
    let mut tx = ctx.db.begin().await?;
    store::insert_token(tx.conn(), &row, &hash_secret(&secret)).await?;
    audit_row(
        tx.conn(),
        ctx,
        who,
        "staff.token_created",
        &format!("staff_token:{}", row.id),
        None,
        &format!("user:{user_id}"),
    )
    .await?;
    tx.commit().await?;
    Ok(CreatedStaffToken {
        view: token_view(row, ms),
        token: secret,
    })
}

/// The staff member's own tokens, newest first.
pub async fn list_tokens(ctx: &Ctx, actor: &StaffActor) -> Result<Vec<StaffTokenView>> {
    check(actor, StaffAction::ManageOwnStaffTokens)?;
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    Ok(store::tokens_of(c.conn(), &actor.user_id)
        .await?
        .into_iter()
        .map(|t| token_view(t, now))
        .collect())
}

/// Revoke one of the staff member's own tokens (another's is not found).
pub async fn revoke_token(ctx: &Ctx, actor: &StaffActor, token_id: &StaffTokenId) -> Result<()> {
    check(actor, StaffAction::ManageOwnStaffTokens)?;
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    if !store::revoke_token(tx.conn(), &actor.user_id, token_id, now).await? {
        return Err(Error::NotFound);
    }
    audit_row(
        tx.conn(),
        ctx,
        &actor.into(),
        "staff.token_revoked",
        &format!("staff_token:{token_id}"),
        None,
        "",
    )
    .await?;
    tx.commit().await
}

fn invalid_token(why: &str) -> Error {
    Error::unauthenticated("invalid_token", why)
}

/// Authenticate a staff bearer token. A customer token (`gch_…`) is no
/// staff token; unknown, expired and revoked ones, and those of a member
/// who lost every staff role, are 401 `invalid_token`.
pub async fn authenticate_token(ctx: &Ctx, secret: &str, meta: &RequestMeta) -> Result<StaffActor> {
    if !secret.starts_with(STAFF_TOKEN_PREFIX) || secret.len() > 200 {
        return Err(invalid_token("This is not a Guichet staff token."));
    }
    let now = ctx.clock.now().as_millisecond();
    let mut c = ctx.db.acquire().await?;
    let t = store::token_by_hash(c.conn(), &hash_secret(secret))
        .await?
        .ok_or_else(|| invalid_token("Unknown token."))?;
    if t.revoked_at.is_some() {
        return Err(invalid_token("This token was revoked."));
    }
    if t.expires_at <= now {
        return Err(invalid_token("This token has expired."));
    }
    let roles = StaffRoleSet::from_stored(&store::roles(c.conn(), &t.user_id).await?);
    if roles.is_empty() {
        return Err(invalid_token("This token's owner is no longer staff."));
    }
    if t.last_used_at.is_none_or(|l| l < now - 60_000) {
        store::touch_token(c.conn(), &t.id, now).await?;
    }
    Ok(StaffActor {
        user_id: t.user_id,
        email: t.email,
        name: t.name,
        roles,
        via: StaffVia::Token { token_id: t.id },
        ip: meta.ip.clone(),
        user_agent: meta.user_agent.clone(),
    })
}

// ---------------------------------------------------------------- search

/// A page of a bounded list: `page` from 1, `per_page` 1 to 50.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub page: u32,
    pub per_page: u32,
}

impl Default for Page {
    fn default() -> Self {
        Self {
            page: 1,
            per_page: 20,
        }
    }
}

impl Page {
    pub fn new(page: u32, per_page: u32) -> Self {
        Self {
            page: page.clamp(1, 10_000),
            per_page: per_page.clamp(1, SEARCH_PAGE_MAX),
        }
    }
    pub fn limit(self) -> i64 {
        i64::from(self.per_page)
    }
    pub fn offset(self) -> i64 {
        i64::from(self.page.saturating_sub(1)) * i64::from(self.per_page)
    }
}

/// A user found.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UserHit {
    #[schema(value_type = String)]
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub support_code: String,
}

/// An organisation found.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrgHit {
    #[schema(value_type = String)]
    pub id: OrgId,
    pub name: String,
    pub kind: String,
    pub country: String,
}

/// What a search found, and how it read the text.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    /// `org_id`, `user_id`, `support_code`, `email`, `vip_code` or `name`.
    pub matched_by: String,
    pub users: Vec<UserHit>,
    pub orgs: Vec<OrgHit>,
}

/// Find organisations and users by what a caller tells support: an
/// address (or its start), a support code (spaces allowed: "1234 5678"), an
/// org or user id, a premium support's VIP code (CAT-5: `vip-abcd-2345`,
/// any case), or part of an organisation's name. Each reading is one
/// indexed lookup, but the name's (a bounded scan); a page holds at most 50
/// of each kind.
pub async fn search(
    ctx: &Ctx,
    actor: &StaffActor,
    query: &str,
    page: Page,
) -> Result<SearchResults> {
    check(actor, StaffAction::SearchCustomers)?;
    let q = query.trim();
    text::check_line("q", q)?;
    if q.is_empty() || q.chars().count() > SEARCH_MAX {
        return Err(Error::invalid(
            "q",
            "invalid_search",
            format!("Type 1 to {SEARCH_MAX} characters to search."),
        ));
    }
    let lower = q.to_lowercase();
    let digits: String = q.chars().filter(|c| !c.is_whitespace()).collect();
    let mut c = ctx.db.acquire().await?;
    let (matched_by, users, orgs) = if lower.starts_with("org_") {
        ("org_id", Vec::new(), store::org_by_id(c.conn(), q).await?)
    } else if lower.starts_with("usr_") {
        let users = store::user_by_id(c.conn(), q).await?;
        let ids: Vec<String> = users.iter().map(|u| u.id.to_string()).collect();
        let orgs = store::orgs_of_users(c.conn(), &ids, page.limit()).await?;
        ("user_id", users, orgs)
    } else if digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let users = store::user_by_support_code(c.conn(), &digits).await?;
        let ids: Vec<String> = users.iter().map(|u| u.id.to_string()).collect();
        let orgs = store::orgs_of_users(c.conn(), &ids, page.limit()).await?;
        ("support_code", users, orgs)
    } else if lower.contains('@') {
        let users =
            store::users_by_email_prefix(c.conn(), &lower, page.limit(), page.offset()).await?;
        let ids: Vec<String> = users.iter().map(|u| u.id.to_string()).collect();
        let orgs = store::orgs_of_users(c.conn(), &ids, page.limit()).await?;
        ("email", users, orgs)
    } else {
        // A VIP code, else (nothing holds it, or it only looks like one:
        // "VIP Hostings") part of a name.
        let vip = match crate::catalog::staff::vip_code_of(q) {
            Some(code) => crate::catalog::staff::org_of_vip_code(c.conn(), &code).await?,
            None => None,
        };
        match vip {
            Some(org_id) => (
                "vip_code",
                Vec::new(),
                store::org_by_id(c.conn(), org_id.as_str()).await?,
            ),
            None => {
                let orgs =
                    store::orgs_by_name(c.conn(), &lower, page.limit(), page.offset()).await?;
                ("name", Vec::new(), orgs)
            }
        }
    };
    drop(c);
    audit_action(ctx, actor, "customers.searched", "search", None, q).await?;
    Ok(SearchResults {
        matched_by: matched_by.to_string(),
        users: users
            .into_iter()
            .map(|u| UserHit {
                id: u.id,
                email: u.email,
                name: u.name,
                support_code: u.support_code,
            })
            .collect(),
        orgs: orgs
            .into_iter()
            .map(|o| OrgHit {
                id: o.id,
                name: o.name,
                kind: o.kind,
                country: o.country,
            })
            .collect(),
    })
}

// ---------------------------------------------------------------- summaries

/// A member as staff see them: who, and their role.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StaffMemberOfOrg {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    /// `legal_representative`, `owner` or `user`.
    pub role: String,
    pub joined_at: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StaffAddressView {
    #[schema(value_type = String)]
    pub id: BillingAddressId,
    pub name: String,
    pub street: String,
    pub building_number: String,
    pub postcode: String,
    pub town: String,
    pub country: String,
    pub is_default: bool,
}

/// An organisation's summary for staff. `billing_addresses` is present
/// only for roles that may see billing details; `audit` holds the latest
/// entries of the organisation's audit log.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrgSummaryForStaff {
    #[schema(value_type = String)]
    pub id: OrgId,
    pub name: String,
    pub kind: String,
    pub country: String,
    pub language: String,
    pub currency: String,
    pub vat_number: Option<String>,
    pub created_at: i64,
    pub members: Vec<StaffMemberOfOrg>,
    pub billing_addresses: Option<Vec<StaffAddressView>>,
    pub audit: Vec<AuditEventView>,
    /// Its products, soonest expiry first (at most 100), with premium
    /// support's VIP code (CAT-5).
    pub products: Vec<crate::catalog::staff::StaffProductView>,
    /// Its latest orders (at most 100), newest first, for roles that may
    /// see billing details (as invoices); else `null`.
    pub orders: Option<Vec<crate::catalog::staff::StaffOrderView>>,
}

/// How many audit entries a summary shows.
pub const SUMMARY_AUDIT_ENTRIES: i64 = 20;

/// An organisation's summary: its data, members (names, addresses,
/// roles), billing addresses and orders (roles that may), products and
/// latest audit entries. Reading it is recorded (`org.viewed`).
pub async fn org_summary(
    ctx: &Ctx,
    actor: &StaffActor,
    org_id: &OrgId,
) -> Result<OrgSummaryForStaff> {
    check(actor, StaffAction::ViewOrgSummary)?;
    let mut c = ctx.db.acquire().await?;
    let o = store::org(c.conn(), org_id).await?.ok_or(Error::NotFound)?;
    let members = store::members(c.conn(), org_id).await?;
    let billing = actor.roles.permits(StaffAction::ViewBillingDetails);
    let billing_addresses = if billing {
        Some(store::addresses(c.conn(), org_id).await?)
    } else {
        None
    };
    let products = crate::catalog::staff::products_of(c.conn(), org_id).await?;
    let orders = if billing {
        Some(crate::catalog::staff::orders_of(c.conn(), org_id).await?)
    } else {
        None
    };
    let audit = if actor.roles.permits(StaffAction::ViewOrgAudit) {
        audit::list(
            c.conn(),
            org_id,
            &audit::Filter::default(),
            0,
            SUMMARY_AUDIT_ENTRIES,
        )
        .await?
        .0
    } else {
        Vec::new()
    };
    drop(c);
    audit_action(
        ctx,
        actor,
        "org.viewed",
        &format!("org:{org_id}"),
        Some(org_id),
        "",
    )
    .await?;
    Ok(OrgSummaryForStaff {
        id: o.id,
        name: o.name,
        kind: o.kind,
        country: o.country,
        language: o.language,
        currency: o.currency,
        vat_number: o.vat_number,
        created_at: o.created_at / 1000,
        members: members
            .into_iter()
            .map(|m| StaffMemberOfOrg {
                user_id: m.user_id,
                email: m.email,
                name: m.name,
                role: m.role,
                joined_at: m.created_at / 1000,
            })
            .collect(),
        billing_addresses: billing_addresses.map(|list| {
            list.into_iter()
                .map(|a| StaffAddressView {
                    id: a.id,
                    name: a.name,
                    street: a.street,
                    building_number: a.building_number,
                    postcode: a.postcode,
                    town: a.town,
                    country: a.country,
                    is_default: a.is_default,
                })
                .collect()
        }),
        audit,
        products,
        orders,
    })
}

/// An organisation a user belongs to, with their role there.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UserMembership {
    #[schema(value_type = String)]
    pub org_id: OrgId,
    pub org_name: String,
    pub role: String,
}

/// A user's summary for staff: never a password hash, token, session
/// secret or link (the type has no room for one).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UserSummaryForStaff {
    #[schema(value_type = String)]
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub language: String,
    pub email_verified: bool,
    pub support_code: String,
    pub created_at: i64,
    pub last_sign_in_at: Option<i64>,
    pub orgs: Vec<UserMembership>,
    /// The user's own staff roles, if they are staff.
    pub staff_roles: Vec<StaffRole>,
}

/// A user's summary. Reading it is recorded (`user.viewed`).
pub async fn user_summary(
    ctx: &Ctx,
    actor: &StaffActor,
    user_id: &UserId,
) -> Result<UserSummaryForStaff> {
    check(actor, StaffAction::ViewUserSummary)?;
    let mut c = ctx.db.acquire().await?;
    let u = store::user(c.conn(), user_id)
        .await?
        .ok_or(Error::NotFound)?;
    let last = store::last_sign_in(c.conn(), user_id).await?;
    let orgs = store::memberships(c.conn(), user_id).await?;
    let roles = store::roles(c.conn(), user_id).await?;
    drop(c);
    audit_action(
        ctx,
        actor,
        "user.viewed",
        &format!("user:{user_id}"),
        None,
        "",
    )
    .await?;
    Ok(UserSummaryForStaff {
        id: u.id,
        email: u.email,
        name: u.name,
        language: u.language,
        email_verified: u.email_verified_at.is_some(),
        support_code: u.support_code,
        created_at: u.created_at / 1000,
        last_sign_in_at: last.map(|l| l / 1000),
        orgs: orgs
            .into_iter()
            .map(|m| UserMembership {
                org_id: m.org_id,
                org_name: m.org_name,
                role: m.role,
            })
            .collect(),
        staff_roles: roles.iter().filter_map(|r| StaffRole::parse(r)).collect(),
    })
}
