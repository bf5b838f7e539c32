//! Organisation operations. Each loads the actor's membership, asks
//! `access::check`, changes state in one short transaction, and writes the
//! audit log (OPS-5) and its mail in that same transaction.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::json;

use super::{
    Currency, LeaveRefusal, Membership, ORG_NAME_MAX, OrgKind, RightSet, Role, TEAM_NAME_MAX,
    address::{Address, AddressInput},
    store,
    vat::VatNumber,
};
use crate::{
    Ctx,
    access::{self, Action, Actor, Target},
    accounts::{self, EmailAddress, hash_secret, new_secret},
    audit::{self, Change},
    db::Conn,
    error::{Error, FieldError, Result},
    i18n::Lang,
    ids,
    outbox::{self, MailRequest},
    text,
};

/// Invitations and hand-overs wait this long.
const WAIT_MS: i64 = 7 * 86_400_000;

/// The actor's membership of `org_id`; not a member → 404.
pub async fn membership(c: Conn<'_>, org_id: &str, user_id: &str) -> Result<Membership> {
    let mut c = c;
    let role = store::member_role(c.reborrow(), org_id, user_id)
        .await?
        .and_then(|r| Role::parse(&r))
        .ok_or(Error::NotFound)?;
    let rights = store::effective_rights(c, org_id, user_id).await?;
    Ok(Membership {
        org_id: org_id.to_string(),
        user_id: user_id.to_string(),
        role,
        rights: RightSet::from_stored(rights.iter().map(String::as_str)),
    })
}

/// Check `action` on `org_id` for `actor`, from a fresh read.
async fn allowed(ctx: &Ctx, actor: &Actor, org_id: &str, action: Action) -> Result<Membership> {
    // Scopes first: a token without `orgs:*` learns nothing about orgs.
    access::check(actor, action, Target::User(&actor.user_id))?;
    let mut c = ctx.db.acquire().await?;
    let m = membership(c.conn(), org_id, &actor.user_id).await?;
    access::check(actor, action, Target::Org(&m))?;
    Ok(m)
}

fn now_ms(ctx: &Ctx) -> i64 {
    ctx.clock.now().as_millisecond()
}

// ---------------------------------------------------------------- orgs

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrgSummary {
    pub id: String,
    pub name: String,
    pub kind: OrgKind,
    /// The caller's role there.
    pub role: Role,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrgView {
    pub id: String,
    pub name: String,
    pub kind: OrgKind,
    /// The caller's role.
    pub role: Role,
    /// The caller's rights held as a restricted user (own and teams').
    /// The legal representative and owners hold every right by their role,
    /// whatever is listed here.
    pub rights: Vec<String>,
    /// Settings: shown to admins and to holders of the `settings` right.
    pub country: Option<String>,
    pub language: Option<Lang>,
    pub currency: Option<Currency>,
    /// Fixed once the first invoice exists.
    pub currency_locked: Option<bool>,
    pub vat_number: Option<String>,
    pub created_at: i64,
}

fn org_view(o: store::OrgRow, m: &Membership, settings: bool, locked: bool) -> OrgView {
    OrgView {
        kind: OrgKind::parse(&o.kind).unwrap_or(OrgKind::Individual),
        role: m.role,
        rights: m.rights.names(),
        country: settings.then(|| o.country.clone()),
        language: settings.then(|| Lang::parse(&o.language).unwrap_or_default()),
        currency: if settings {
            Currency::parse(&o.currency)
        } else {
            None
        },
        currency_locked: settings.then_some(locked),
        vat_number: if settings { o.vat_number.clone() } else { None },
        id: o.id,
        name: o.name,
        created_at: o.created_at / 1000,
    }
}

/// ACC-7: every organisation the user belongs to, to switch between.
pub async fn list_orgs(ctx: &Ctx, actor: &Actor) -> Result<Vec<OrgSummary>> {
    access::check(actor, Action::ViewOrg, Target::User(&actor.user_id))?;
    let mut c = ctx.db.acquire().await?;
    Ok(store::orgs_of_user(c.conn(), &actor.user_id)
        .await?
        .into_iter()
        .map(|(o, role)| OrgSummary {
            kind: OrgKind::parse(&o.kind).unwrap_or(OrgKind::Individual),
            role: Role::parse(&role).unwrap_or(Role::User),
            id: o.id,
            name: o.name,
        })
        .collect())
}

/// Input of a new or changed organisation; absent fields stay as they are.
#[derive(Debug, Clone, Default)]
pub struct OrgInput {
    pub name: Option<String>,
    pub kind: Option<OrgKind>,
    pub country: Option<String>,
    pub language: Option<Lang>,
    pub currency: Option<Currency>,
    /// `Some(None)` removes it.
    pub vat_number: Option<Option<String>>,
}

fn apply_org_input(o: &mut store::OrgRow, input: &OrgInput) -> Result<()> {
    let mut errors = Vec::new();
    if let Some(raw) = &input.name {
        // Checked as typed: collapsing blanks would turn a line break into
        // a space and hide it.
        let n = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Err(Error::Validation(f)) = text::check_name("name", raw) {
            errors.extend(f);
        } else if n.is_empty() || n.chars().count() > ORG_NAME_MAX {
            errors.push(FieldError::new(
                "name",
                "invalid_name",
                format!("Give a name of 1 to {ORG_NAME_MAX} characters."),
            ));
        }
        o.name = n;
    }
    if let Some(k) = input.kind {
        o.kind = k.as_str().to_string();
    }
    if let Some(c) = &input.country {
        let c = c.trim().to_uppercase();
        if isocountry::CountryCode::for_alpha2(&c).is_err() {
            errors.push(FieldError::new(
                "country",
                "invalid_country",
                "Use a two-letter ISO country code, e.g. CH.",
            ));
        }
        o.country = c;
    }
    if let Some(l) = input.language {
        o.language = l.code().to_string();
    }
    if let Some(c) = input.currency {
        o.currency = c.as_str().to_string();
    }
    match &input.vat_number {
        Some(Some(v)) if !v.trim().is_empty() => match VatNumber::parse(v) {
            Ok(v) => o.vat_number = Some(v.as_str().to_string()),
            Err(Error::Validation(f)) => errors.extend(f),
            Err(e) => return Err(e),
        },
        Some(_) => o.vat_number = None,
        None => {}
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

pub(super) fn org_json(o: &store::OrgRow) -> serde_json::Value {
    json!({"name": o.name, "kind": o.kind, "country": o.country, "language": o.language, "currency": o.currency, "vat_number": o.vat_number})
}

/// Any user creates an organisation and is its legal representative.
pub async fn create_org(ctx: &Ctx, actor: &Actor, input: OrgInput) -> Result<OrgView> {
    access::check(actor, Action::ChangeOrg, Target::User(&actor.user_id))?;
    if input.name.is_none() {
        return Err(Error::invalid(
            "name",
            "required",
            "Give the organisation a name.",
        ));
    }
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let mut o = store::OrgRow {
        id: ids::new_id("org", now),
        name: String::new(),
        kind: "company".into(),
        country: ctx.config.default_country.clone(),
        language: ctx.config.default_language.clone(),
        currency: ctx.config.default_currency.clone(),
        vat_number: None,
        created_at: ms,
        updated_at: ms,
    };
    apply_org_input(&mut o, &input)?;
    let mut tx = ctx.db.begin().await?;
    store::insert_org(tx.conn(), &o).await?;
    store::insert_member(
        tx.conn(),
        &o.id,
        &actor.user_id,
        Role::LegalRepresentative,
        ms,
    )
    .await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id: &o.id,
            action: "org.created",
            target: &format!("org:{}", o.id),
            before: None,
            after: Some(org_json(&o)),
        },
    )
    .await?;
    tx.commit().await?;
    let m = Membership {
        org_id: o.id.clone(),
        user_id: actor.user_id.clone(),
        role: Role::LegalRepresentative,
        rights: RightSet::default(),
    };
    Ok(org_view(o, &m, true, false))
}

pub async fn get_org(ctx: &Ctx, actor: &Actor, org_id: &str) -> Result<OrgView> {
    let m = allowed(ctx, actor, org_id, Action::ViewOrg).await?;
    let settings = access::check(actor, Action::ViewOrgSettings, Target::Org(&m)).is_ok();
    let mut c = ctx.db.acquire().await?;
    let o = store::org(c.conn(), org_id).await?.ok_or(Error::NotFound)?;
    let locked = store::has_invoices(c.conn(), org_id).await?;
    Ok(org_view(o, &m, settings, locked))
}

/// ORG-1: only admins change the organisation. The currency is fixed once
/// the first invoice exists.
pub async fn update_org(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &str,
    input: OrgInput,
) -> Result<OrgView> {
    let m = allowed(ctx, actor, org_id, Action::ChangeOrg).await?;
    let mut tx = ctx.db.begin().await?;
    let before = store::org(tx.conn(), org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let locked = store::has_invoices(tx.conn(), org_id).await?;
    let mut o = before.clone();
    apply_org_input(&mut o, &input)?;
    if locked && o.currency != before.currency {
        return Err(Error::conflict(
            "currency_locked",
            "The currency cannot change once the organisation has an invoice.",
        ));
    }
    o.updated_at = now_ms(ctx);
    store::update_org(tx.conn(), &o).await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: "org.updated",
            target: &format!("org:{org_id}"),
            before: Some(org_json(&before)),
            after: Some(org_json(&o)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(org_view(o, &m, true, locked))
}

// ---------------------------------------------------------------- members

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MemberView {
    pub user_id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// Rights granted to the member directly.
    pub rights: Vec<String>,
    /// Teams the member is in.
    pub teams: Vec<String>,
    pub joined_at: i64,
}

/// ORG-3: the members with their rights and teams (three queries, whatever
/// the number of members).
pub async fn list_members(ctx: &Ctx, actor: &Actor, org_id: &str) -> Result<Vec<MemberView>> {
    allowed(ctx, actor, org_id, Action::ViewMembers).await?;
    member_views(ctx, org_id).await
}

/// The members, for a caller whose access was checked.
async fn member_views(ctx: &Ctx, org_id: &str) -> Result<Vec<MemberView>> {
    let mut c = ctx.db.acquire().await?;
    let members = store::members(c.conn(), org_id).await?;
    let mut rights: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (subject, right) in store::rights_by_subject(c.conn(), org_id).await? {
        rights.entry(subject).or_default().push(right);
    }
    let mut teams: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (team, user) in store::team_memberships(c.conn(), org_id).await? {
        teams.entry(user).or_default().push(team);
    }
    Ok(members
        .into_iter()
        .map(|m| MemberView {
            rights: rights
                .remove(&format!("user:{}", m.user_id))
                .unwrap_or_default(),
            teams: teams.remove(&m.user_id).unwrap_or_default(),
            role: Role::parse(&m.role).unwrap_or(Role::User),
            user_id: m.user_id,
            email: m.email,
            name: m.name,
            joined_at: m.created_at / 1000,
        })
        .collect())
}

/// A change of a member: role (owner or user) and/or rights (replaced).
#[derive(Debug, Clone, Default)]
pub struct MemberChange {
    pub role: Option<Role>,
    pub rights: Option<Vec<String>>,
}

/// ORG-3: change a member's role or rights. The legal representative's role
/// changes only by hand-over (ORG-6); nobody demotes the last owner.
pub async fn update_member(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &str,
    user_id: &str,
    change: MemberChange,
) -> Result<MemberView> {
    allowed(ctx, actor, org_id, Action::ManageMembers).await?;
    let rights = match &change.rights {
        Some(r) => Some(RightSet::parse_list(r.iter().map(String::as_str))?),
        None => None,
    };
    if change.role == Some(Role::LegalRepresentative) {
        return Err(Error::invalid(
            "role",
            "invalid_role",
            "The legal representative is named by hand-over, not by a role change.",
        ));
    }
    let now = now_ms(ctx);
    let mut tx = ctx.db.begin().await?;
    // Serialise with other changes of the same org: the last-admin
    // count below must not be raced (ORG-3, ORG-5).
    store::lock_org(tx.conn(), org_id).await?;
    let current = store::member_role(tx.conn(), org_id, user_id)
        .await?
        .and_then(|r| Role::parse(&r))
        .ok_or(Error::NotFound)?;
    // The member's own rights, which a change replaces (team rights stay
    // with the team).
    let subject = format!("user:{user_id}");
    let before_rights = store::subject_rights(tx.conn(), org_id, &subject).await?;
    if let Some(role) = change.role.filter(|r| *r != current) {
        if current == Role::LegalRepresentative {
            return Err(LeaveRefusal::LegalRepresentative.error());
        }
        store::set_role(tx.conn(), org_id, user_id, role).await?;
        if store::count_admins(tx.conn(), org_id).await? == 0 {
            return Err(LeaveRefusal::LastOwner.error());
        }
    }
    if let Some(r) = &rights {
        store::set_rights(tx.conn(), org_id, &subject, &r.names(), now).await?;
    }
    let after_role = change.role.unwrap_or(current);
    audit::record(tx.conn(), ctx, actor, Change {
        org_id,
        action: "member.updated",
        target: &format!("user:{user_id}"),
        before: Some(json!({"role": current.as_str(), "rights": before_rights})),
        after: Some(json!({"role": after_role.as_str(), "rights": rights.as_ref().map_or(before_rights.clone(), RightSet::names)})),
    })
    .await?;
    tx.commit().await?;
    // Not through `list_members`: an owner who just made themself a user may
    // no longer see the list, and the change is made all the same.
    member_views(ctx, org_id)
        .await?
        .into_iter()
        .find(|m| m.user_id == user_id)
        .ok_or(Error::NotFound)
}

/// ORG-3: remove one or several members at once, all or none. The legal
/// representative hands over first; the last owner is never removed.
pub async fn remove_members(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &str,
    user_ids: &[String],
) -> Result<()> {
    allowed(ctx, actor, org_id, Action::ManageMembers).await?;
    if user_ids.is_empty() {
        return Err(Error::invalid(
            "user_ids",
            "required",
            "Choose at least one member.",
        ));
    }
    let mut tx = ctx.db.begin().await?;
    // Serialise with other changes of the same org: the last-admin
    // count below must not be raced (ORG-3, ORG-5).
    store::lock_org(tx.conn(), org_id).await?;
    // Someone named twice is removed once.
    for user_id in user_ids.iter().collect::<BTreeSet<_>>() {
        let role = store::member_role(tx.conn(), org_id, user_id)
            .await?
            .and_then(|r| Role::parse(&r))
            .ok_or(Error::NotFound)?;
        if role == Role::LegalRepresentative {
            return Err(LeaveRefusal::LegalRepresentative.error());
        }
        store::delete_member(tx.conn(), org_id, user_id).await?;
        audit::record(
            tx.conn(),
            ctx,
            actor,
            Change {
                org_id,
                action: "member.removed",
                target: &format!("user:{user_id}"),
                before: Some(json!({"role": role.as_str()})),
                after: None,
            },
        )
        .await?;
    }
    if store::count_admins(tx.conn(), org_id).await? == 0 {
        return Err(LeaveRefusal::LastOwner.error());
    }
    tx.commit().await
}

/// ORG-5: leave by oneself, unless a named rule refuses it.
pub async fn leave_org(ctx: &Ctx, actor: &Actor, org_id: &str) -> Result<()> {
    let m = allowed(ctx, actor, org_id, Action::LeaveOrg).await?;
    let mut tx = ctx.db.begin().await?;
    // Serialise with other changes of the same org: the last-admin
    // count below must not be raced (ORG-3, ORG-5).
    store::lock_org(tx.conn(), org_id).await?;
    let admins = store::count_admins(tx.conn(), org_id).await?;
    if m.role.is_admin() && admins <= 1 {
        return Err(LeaveRefusal::LastOwner.error());
    }
    if m.role == Role::LegalRepresentative {
        return Err(LeaveRefusal::LegalRepresentative.error());
    }
    store::delete_member(tx.conn(), org_id, &actor.user_id).await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: "member.left",
            target: &format!("user:{}", actor.user_id),
            before: Some(json!({"role": m.role.as_str()})),
            after: None,
        },
    )
    .await?;
    tx.commit().await
}

// ---------------------------------------------------------------- invitations

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InvitationView {
    pub id: String,
    pub email: String,
    pub role: Role,
    pub rights: Vec<String>,
    pub invited_by: String,
    pub created_at: i64,
    pub expires_at: i64,
    /// `pending` or `expired` (accepted and revoked ones are not listed).
    pub status: String,
}

fn invitation_view(i: store::InvitationRow, now: i64) -> InvitationView {
    InvitationView {
        status: if i.expires_at > now {
            "pending".into()
        } else {
            "expired".into()
        },
        role: Role::parse(&i.role).unwrap_or(Role::User),
        rights: RightSet::from_stored(i.rights.split_whitespace()).names(),
        id: i.id,
        email: i.email,
        invited_by: i.invited_by,
        created_at: i.created_at / 1000,
        expires_at: i.expires_at / 1000,
    }
}

pub struct Invite<'a> {
    pub email: &'a str,
    /// Owner or user (the legal representative is never invited).
    pub role: Role,
    pub rights: Vec<String>,
}

/// ORG-2: invite by address, with the role and rights chosen now. The mail
/// carries a link: a person without an account signs up through it; an
/// existing user signs in and accepts.
pub async fn invite(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &str,
    input: Invite<'_>,
) -> Result<InvitationView> {
    allowed(ctx, actor, org_id, Action::ManageMembers).await?;
    let email = EmailAddress::parse(input.email, "email")?;
    if input.role == Role::LegalRepresentative {
        return Err(Error::invalid(
            "role",
            "invalid_role",
            "Invite an owner or a user.",
        ));
    }
    let rights = RightSet::parse_list(input.rights.iter().map(String::as_str))?;
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let mut tx = ctx.db.begin().await?;
    // One pending invitation per address: concurrent invitations queue here.
    store::lock_org(tx.conn(), org_id).await?;
    check_invitable(tx.conn(), org_id, email.lower(), ms, None).await?;
    let row = store::InvitationRow {
        id: ids::new_id("inv", now),
        org_id: org_id.to_string(),
        email: email.as_str().to_string(),
        role: input.role.as_str().to_string(),
        rights: rights.names().join(" "),
        invited_by: actor.user_id.clone(),
        created_at: ms,
        expires_at: ms + WAIT_MS,
        accepted_at: None,
        revoked_at: None,
    };
    let secret = new_secret();
    store::insert_invitation(tx.conn(), &row, &hash_secret(&secret)).await?;
    mail_invitation(tx.conn(), ctx, &row, &secret).await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: "invitation.created",
            target: &format!("invitation:{}", row.id),
            before: None,
            after: Some(json!({"email": row.email, "role": row.role, "rights": rights.names()})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(invitation_view(row, ms))
}

/// ORG-2's rules for sending an invitation to an address, new or again
/// (`again`: the invitation being renewed): not to a member, and one
/// pending invitation per address. Run under the organisation's lock.
async fn check_invitable(
    mut c: Conn<'_>,
    org_id: &str,
    email_lower: &str,
    now: i64,
    again: Option<&str>,
) -> Result<()> {
    if let Some(u) = accounts::store::user_by_email(c.reborrow(), email_lower).await?
        && store::member_role(c.reborrow(), org_id, &u.id)
            .await?
            .is_some()
    {
        return Err(Error::conflict(
            "already_member",
            "This person is already a member.",
        ));
    }
    if store::open_invitation_for(c, org_id, email_lower, now)
        .await?
        .is_some_and(|open| Some(open.as_str()) != again)
    {
        return Err(Error::conflict(
            "invitation_pending",
            "This address already has a pending invitation; resend that one instead.",
        ));
    }
    Ok(())
}

async fn mail_invitation(
    mut c: Conn<'_>,
    ctx: &Ctx,
    inv: &store::InvitationRow,
    secret: &str,
) -> Result<()> {
    let org = store::org(c.reborrow(), &inv.org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let inviter = accounts::store::user_by_id(c.reborrow(), &inv.invited_by).await?;
    // The invitee's own language if they have an account, else the org's.
    let lang = match accounts::store::user_by_email(c.reborrow(), &inv.email.to_lowercase()).await?
    {
        Some(u) => Lang::parse(&u.language),
        None => Lang::parse(&org.language),
    }
    .unwrap_or_default();
    let inviter = inviter
        .map(|u| if u.name.is_empty() { u.email } else { u.name })
        .unwrap_or_default();
    let link = format!(
        "{}/invitations/{secret}",
        ctx.config.public_url.trim_end_matches('/')
    );
    outbox::enqueue_mail(
        c,
        ctx,
        MailRequest {
            to: &inv.email,
            lang,
            template: "org_invitation",
            args: vec![("org", org.name), ("inviter", inviter), ("link", link)],
        },
    )
    .await?;
    Ok(())
}

pub async fn list_invitations(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &str,
) -> Result<Vec<InvitationView>> {
    allowed(ctx, actor, org_id, Action::ViewInvitations).await?;
    let now = now_ms(ctx);
    let mut c = ctx.db.acquire().await?;
    Ok(store::invitations(c.conn(), org_id)
        .await?
        .into_iter()
        .map(|i| invitation_view(i, now))
        .collect())
}

/// Send again with a new link, valid 7 more days (the old link stops).
pub async fn resend_invitation(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &str,
    id: &str,
) -> Result<InvitationView> {
    allowed(ctx, actor, org_id, Action::ManageMembers).await?;
    let now = now_ms(ctx);
    let secret = new_secret();
    let mut tx = ctx.db.begin().await?;
    // The same lock as `invite`: one pending invitation per address.
    store::lock_org(tx.conn(), org_id).await?;
    let mut inv = store::invitation(tx.conn(), org_id, id)
        .await?
        .ok_or(Error::NotFound)?;
    // Renewing an expired invitation must not make a second pending one
    // for an address invited again since, nor invite someone who joined.
    check_invitable(
        tx.conn(),
        org_id,
        &inv.email.to_lowercase(),
        now,
        Some(&inv.id),
    )
    .await?;
    if store::renew_invitation(tx.conn(), id, &hash_secret(&secret), now + WAIT_MS).await? == 0 {
        return Err(Error::NotFound);
    }
    inv.expires_at = now + WAIT_MS;
    mail_invitation(tx.conn(), ctx, &inv, &secret).await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: "invitation.resent",
            target: &format!("invitation:{id}"),
            before: None,
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(invitation_view(inv, now))
}

pub async fn revoke_invitation(ctx: &Ctx, actor: &Actor, org_id: &str, id: &str) -> Result<()> {
    allowed(ctx, actor, org_id, Action::ManageMembers).await?;
    let now = now_ms(ctx);
    let mut tx = ctx.db.begin().await?;
    let inv = store::invitation(tx.conn(), org_id, id)
        .await?
        .ok_or(Error::NotFound)?;
    if store::revoke_invitation(tx.conn(), id, now).await? == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: "invitation.revoked",
            target: &format!("invitation:{id}"),
            before: Some(json!({"email": inv.email})),
            after: None,
        },
    )
    .await?;
    tx.commit().await
}

/// What an invitation link shows before it is accepted.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InvitationPreview {
    pub org_id: String,
    pub org_name: String,
    pub email: String,
    pub role: Role,
    /// `pending`, `expired`, `accepted` or `revoked`.
    pub status: String,
}

pub async fn preview_invitation(ctx: &Ctx, token: &str) -> Result<InvitationPreview> {
    let now = now_ms(ctx);
    let mut c = ctx.db.acquire().await?;
    let inv = store::invitation_by_token(c.conn(), &hash_secret(token))
        .await?
        .ok_or(Error::NotFound)?;
    let org = store::org(c.conn(), &inv.org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let status = if inv.accepted_at.is_some() {
        "accepted"
    } else if inv.revoked_at.is_some() {
        "revoked"
    } else if inv.expires_at <= now {
        "expired"
    } else {
        "pending"
    };
    Ok(InvitationPreview {
        org_id: org.id,
        org_name: org.name,
        email: inv.email,
        role: Role::parse(&inv.role).unwrap_or(Role::User),
        status: status.into(),
    })
}

/// ORG-2: the invited person, signed in with the invited address (verified),
/// accepts: they become a member with the role and rights chosen.
pub async fn accept_invitation(ctx: &Ctx, actor: &Actor, token: &str) -> Result<OrgSummary> {
    access::check(actor, Action::LeaveOrg, Target::User(&actor.user_id))?;
    let now = now_ms(ctx);
    let gone = || {
        Error::bad_request(
            "invalid_invitation",
            "This invitation is invalid, expired, revoked or already accepted.",
        )
    };
    let mut tx = ctx.db.begin().await?;
    let inv = store::invitation_by_token(tx.conn(), &hash_secret(token))
        .await?
        .ok_or_else(gone)?;
    let user = accounts::store::user_by_id(tx.conn(), &actor.user_id)
        .await?
        .ok_or(Error::NotFound)?;
    if !user.email_lower.eq_ignore_ascii_case(&inv.email) || user.email_verified_at.is_none() {
        return Err(Error::forbidden(
            "wrong_account",
            "This invitation was sent to another address: sign in with that one.",
        ));
    }
    if store::member_role(tx.conn(), &inv.org_id, &user.id)
        .await?
        .is_some()
    {
        return Err(Error::conflict(
            "already_member",
            "You are already a member of this organisation.",
        ));
    }
    if !store::accept_invitation(tx.conn(), &inv.id, &user.id, now).await? {
        return Err(gone());
    }
    let role = Role::parse(&inv.role).unwrap_or(Role::User);
    store::insert_member(tx.conn(), &inv.org_id, &user.id, role, now).await?;
    let rights: Vec<String> = inv.rights.split_whitespace().map(str::to_string).collect();
    store::set_rights(
        tx.conn(),
        &inv.org_id,
        &format!("user:{}", user.id),
        &rights,
        now,
    )
    .await?;
    audit::record(tx.conn(), ctx, actor, Change {
        org_id: &inv.org_id,
        action: "member.joined",
        target: &format!("user:{}", user.id),
        before: None,
        after: Some(json!({"email": user.email, "role": role.as_str(), "rights": rights, "invitation": inv.id})),
    })
    .await?;
    let org = store::org(tx.conn(), &inv.org_id)
        .await?
        .ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(OrgSummary {
        kind: OrgKind::parse(&org.kind).unwrap_or(OrgKind::Individual),
        id: org.id,
        name: org.name,
        role,
    })
}

// ---------------------------------------------------------------- teams

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamView {
    pub id: String,
    pub name: String,
    pub members: Vec<String>,
    pub rights: Vec<String>,
    pub created_at: i64,
}

pub async fn list_teams(ctx: &Ctx, actor: &Actor, org_id: &str) -> Result<Vec<TeamView>> {
    allowed(ctx, actor, org_id, Action::ViewMembers).await?;
    let mut c = ctx.db.acquire().await?;
    let teams = store::teams(c.conn(), org_id).await?;
    let mut members: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (team, user) in store::team_memberships(c.conn(), org_id).await? {
        members.entry(team).or_default().push(user);
    }
    let mut rights: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (subject, right) in store::rights_by_subject(c.conn(), org_id).await? {
        rights.entry(subject).or_default().push(right);
    }
    Ok(teams
        .into_iter()
        .map(|t| TeamView {
            members: members.remove(&t.id).unwrap_or_default(),
            rights: rights.remove(&format!("team:{}", t.id)).unwrap_or_default(),
            id: t.id,
            name: t.name,
            created_at: t.created_at / 1000,
        })
        .collect())
}

/// A new team, or changes to one (absent fields stay).
#[derive(Debug, Clone, Default)]
pub struct TeamInput {
    pub name: Option<String>,
    pub members: Option<Vec<String>>,
    pub rights: Option<Vec<String>>,
}

fn team_name(raw: &str) -> Result<String> {
    text::check_name("name", raw)?;
    let n = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if n.is_empty() || n.chars().count() > TEAM_NAME_MAX {
        return Err(Error::invalid(
            "name",
            "invalid_name",
            format!("Give the team a name of 1 to {TEAM_NAME_MAX} characters."),
        ));
    }
    Ok(n)
}

/// ORG-4: owners group members into teams and grant rights to a team.
pub async fn save_team(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &str,
    team_id: Option<&str>,
    input: TeamInput,
) -> Result<TeamView> {
    allowed(ctx, actor, org_id, Action::ManageMembers).await?;
    let name = input.name.as_deref().map(team_name).transpose()?;
    let rights = input
        .rights
        .as_ref()
        .map(|r| RightSet::parse_list(r.iter().map(String::as_str)))
        .transpose()?;
    // Someone named twice is in the team once.
    let members: Option<Vec<String>> = input.members.as_ref().map(|m| {
        m.iter()
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    });
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let mut tx = ctx.db.begin().await?;
    if let Some(users) = &members {
        for u in users {
            if store::member_role(tx.conn(), org_id, u).await?.is_none() {
                return Err(Error::invalid(
                    "members",
                    "not_a_member",
                    format!("`{u}` is not a member of this organisation."),
                ));
            }
        }
    }
    let (id, action, before) = match team_id {
        Some(id) => {
            let t = store::team(tx.conn(), org_id, id)
                .await?
                .ok_or(Error::NotFound)?;
            if let Some(n) = &name {
                store::rename_team(tx.conn(), id, n, ms).await?;
            }
            (
                id.to_string(),
                "team.updated",
                Some(json!({"name": t.name})),
            )
        }
        None => {
            let Some(n) = &name else {
                return Err(Error::invalid("name", "required", "Give the team a name."));
            };
            let t = store::TeamRow {
                id: ids::new_id("team", now),
                org_id: org_id.to_string(),
                name: n.clone(),
                created_at: ms,
                updated_at: ms,
            };
            store::insert_team(tx.conn(), &t).await?;
            (t.id, "team.created", None)
        }
    };
    if let Some(users) = &members {
        store::set_team_members(tx.conn(), &id, users, ms).await?;
    }
    if let Some(r) = &rights {
        store::set_rights(tx.conn(), org_id, &format!("team:{id}"), &r.names(), ms).await?;
    }
    audit::record(tx.conn(), ctx, actor, Change {
        org_id,
        action,
        target: &format!("team:{id}"),
        before,
        after: Some(json!({"name": name, "members": members, "rights": rights.as_ref().map(RightSet::names)})),
    })
    .await?;
    tx.commit().await?;
    list_teams(ctx, actor, org_id)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(Error::NotFound)
}

pub async fn delete_team(ctx: &Ctx, actor: &Actor, org_id: &str, team_id: &str) -> Result<()> {
    allowed(ctx, actor, org_id, Action::ManageMembers).await?;
    let mut tx = ctx.db.begin().await?;
    let t = store::team(tx.conn(), org_id, team_id)
        .await?
        .ok_or(Error::NotFound)?;
    store::delete_team(tx.conn(), org_id, team_id).await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: "team.deleted",
            target: &format!("team:{team_id}"),
            before: Some(json!({"name": t.name})),
            after: None,
        },
    )
    .await?;
    tx.commit().await
}

// ---------------------------------------------------------------- hand-over

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HandoverView {
    pub id: String,
    pub from_user_id: String,
    pub to_user_id: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// ORG-6: the legal representative names an owner to take over; the owner
/// accepts. Both get a mail at each step.
pub async fn start_handover(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &str,
    to_user_id: &str,
) -> Result<HandoverView> {
    let m = allowed(ctx, actor, org_id, Action::ChangeOrg).await?;
    if m.role != Role::LegalRepresentative {
        return Err(Error::forbidden(
            "forbidden",
            "Only the legal representative hands the role over.",
        ));
    }
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let mut tx = ctx.db.begin().await?;
    // Serialise with other changes of the same org: the last-admin
    // count below must not be raced (ORG-3, ORG-5).
    store::lock_org(tx.conn(), org_id).await?;
    if store::member_role(tx.conn(), org_id, to_user_id)
        .await?
        .as_deref()
        != Some("owner")
    {
        return Err(Error::invalid(
            "user_id",
            "not_an_owner",
            "Name an owner of this organisation.",
        ));
    }
    let h = store::HandoverRow {
        id: ids::new_id("hov", now),
        org_id: org_id.into(),
        from_user_id: actor.user_id.clone(),
        to_user_id: to_user_id.into(),
        created_at: ms,
        expires_at: ms + WAIT_MS,
    };
    store::insert_handover(tx.conn(), &h, ms).await?;
    mail_handover(tx.conn(), ctx, &h, "handover_requested").await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: "handover.requested",
            target: &format!("user:{to_user_id}"),
            before: None,
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(HandoverView {
        id: h.id,
        from_user_id: h.from_user_id,
        to_user_id: h.to_user_id,
        created_at: ms / 1000,
        expires_at: h.expires_at / 1000,
    })
}

async fn mail_handover(
    mut c: Conn<'_>,
    ctx: &Ctx,
    h: &store::HandoverRow,
    template: &str,
) -> Result<()> {
    let org = store::org(c.reborrow(), &h.org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let link = format!(
        "{}/orgs/{}",
        ctx.config.public_url.trim_end_matches('/'),
        org.id
    );
    for user_id in [&h.from_user_id, &h.to_user_id] {
        if let Some(u) = accounts::store::user_by_id(c.reborrow(), user_id).await? {
            let lang = Lang::parse(&u.language).unwrap_or_default();
            outbox::enqueue_mail(
                c.reborrow(),
                ctx,
                MailRequest {
                    to: &u.email,
                    lang,
                    template,
                    args: vec![("org", org.name.clone()), ("link", link.clone())],
                },
            )
            .await?;
        }
    }
    Ok(())
}

pub async fn pending_handover(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &str,
) -> Result<Option<HandoverView>> {
    allowed(ctx, actor, org_id, Action::ViewOrg).await?;
    let mut c = ctx.db.acquire().await?;
    Ok(store::pending_handover(c.conn(), org_id, now_ms(ctx))
        .await?
        .map(|h| HandoverView {
            id: h.id,
            from_user_id: h.from_user_id,
            to_user_id: h.to_user_id,
            created_at: h.created_at / 1000,
            expires_at: h.expires_at / 1000,
        }))
}

/// The named owner accepts: they become the legal representative, the
/// previous one an owner.
pub async fn accept_handover(ctx: &Ctx, actor: &Actor, org_id: &str) -> Result<()> {
    allowed(ctx, actor, org_id, Action::ViewOrg).await?;
    access::check(actor, Action::ChangeOrg, Target::User(&actor.user_id))?;
    let now = now_ms(ctx);
    let mut tx = ctx.db.begin().await?;
    // Serialise with other changes of the same org: the last-admin
    // count below must not be raced (ORG-3, ORG-5).
    store::lock_org(tx.conn(), org_id).await?;
    let h = store::pending_handover(tx.conn(), org_id, now)
        .await?
        .filter(|h| h.to_user_id == actor.user_id)
        .ok_or(Error::NotFound)?;
    // ORG-6 hands over to an owner: one demoted (or gone) since being named
    // does not take over.
    if store::member_role(tx.conn(), org_id, &h.to_user_id)
        .await?
        .as_deref()
        != Some(Role::Owner.as_str())
    {
        return Err(Error::conflict(
            "not_an_owner",
            "You are no longer an owner of this organisation, so the hand-over cannot complete.",
        ));
    }
    if !store::accept_handover(tx.conn(), &h.id, now).await? {
        return Err(Error::NotFound);
    }
    store::set_role(tx.conn(), org_id, &h.from_user_id, Role::Owner).await?;
    store::set_role(tx.conn(), org_id, &h.to_user_id, Role::LegalRepresentative).await?;
    mail_handover(tx.conn(), ctx, &h, "handover_done").await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: "handover.accepted",
            target: &format!("user:{}", h.to_user_id),
            before: Some(json!({"legal_representative": h.from_user_id})),
            after: Some(json!({"legal_representative": h.to_user_id})),
        },
    )
    .await?;
    tx.commit().await
}

// ---------------------------------------------------------------- addresses

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AddressView {
    pub id: String,
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

fn address_view(a: store::AddressRow) -> AddressView {
    AddressView {
        id: a.id,
        name: a.name,
        street: a.street,
        building_number: a.building_number,
        postcode: a.postcode,
        town: a.town,
        country: a.country,
        is_default: a.is_default,
        created_at: a.created_at / 1000,
        updated_at: a.updated_at / 1000,
    }
}

fn address_json(a: &store::AddressRow) -> serde_json::Value {
    json!({"name": a.name, "street": a.street, "building_number": a.building_number, "postcode": a.postcode, "town": a.town, "country": a.country, "is_default": a.is_default})
}

pub async fn list_addresses(ctx: &Ctx, actor: &Actor, org_id: &str) -> Result<Vec<AddressView>> {
    allowed(ctx, actor, org_id, Action::ViewBilling).await?;
    let mut c = ctx.db.acquire().await?;
    Ok(store::addresses(c.conn(), org_id)
        .await?
        .into_iter()
        .map(address_view)
        .collect())
}

/// ORG-7: add (`id` None) or change an address. The first one is the
/// default; making another the default unsets the previous one.
pub async fn save_address(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &str,
    id: Option<&str>,
    input: &AddressInput,
    make_default: bool,
) -> Result<AddressView> {
    allowed(ctx, actor, org_id, Action::ManageBillingAddresses).await?;
    let a = Address::parse(input)?;
    let now = ctx.clock.now();
    let ms = now.as_millisecond();
    let mut tx = ctx.db.begin().await?;
    // Exactly one default: concurrent saves queue here.
    store::lock_org(tx.conn(), org_id).await?;
    let existing = store::addresses(tx.conn(), org_id).await?;
    let before = match id {
        Some(id) => Some(
            existing
                .iter()
                .find(|x| x.id == id)
                .cloned()
                .ok_or(Error::NotFound)?,
        ),
        None => None,
    };
    let is_default =
        make_default || existing.is_empty() || before.as_ref().is_some_and(|b| b.is_default);
    if is_default {
        store::clear_default_address(tx.conn(), org_id).await?;
    }
    let row = store::AddressRow {
        id: before
            .as_ref()
            .map_or_else(|| ids::new_id("adr", now), |b| b.id.clone()),
        org_id: org_id.to_string(),
        name: a.name,
        street: a.street,
        building_number: a.building_number,
        postcode: a.postcode,
        town: a.town,
        country: a.country,
        is_default,
        created_at: before.as_ref().map_or(ms, |b| b.created_at),
        updated_at: ms,
    };
    store::upsert_address(tx.conn(), &row).await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: if before.is_some() {
                "address.updated"
            } else {
                "address.created"
            },
            target: &format!("address:{}", row.id),
            before: before.as_ref().map(address_json),
            after: Some(address_json(&row)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(address_view(row))
}

/// Remove an address. The default one goes only when it is the last: make
/// another the default first.
pub async fn delete_address(ctx: &Ctx, actor: &Actor, org_id: &str, id: &str) -> Result<()> {
    allowed(ctx, actor, org_id, Action::ManageBillingAddresses).await?;
    let mut tx = ctx.db.begin().await?;
    store::lock_org(tx.conn(), org_id).await?;
    let all = store::addresses(tx.conn(), org_id).await?;
    let a = all.iter().find(|x| x.id == id).ok_or(Error::NotFound)?;
    if a.is_default && all.len() > 1 {
        return Err(Error::conflict(
            "default_address",
            "Make another address the default before removing this one.",
        ));
    }
    store::delete_address(tx.conn(), org_id, id).await?;
    audit::record(
        tx.conn(),
        ctx,
        actor,
        Change {
            org_id,
            action: "address.deleted",
            target: &format!("address:{id}"),
            before: Some(address_json(a)),
            after: None,
        },
    )
    .await?;
    tx.commit().await
}

// ---------------------------------------------------------------- audit, products

pub async fn audit_log(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &str,
    filter: &audit::Filter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<audit::AuditEventView>, u64)> {
    allowed(ctx, actor, org_id, Action::ViewAudit).await?;
    filter.check()?;
    let mut c = ctx.db.acquire().await?;
    audit::list(c.conn(), org_id, filter, offset, limit).await
}

/// May the actor manage this product? Admins may; others through a right on
/// the product or on its kind (ORG-2); non-members do not see it (404).
pub async fn check_product_access(ctx: &Ctx, actor: &Actor, product_id: &str) -> Result<()> {
    let mut c = ctx.db.acquire().await?;
    let (org_id, kind) = store::product(c.conn(), product_id)
        .await?
        .ok_or(Error::NotFound)?;
    let m = membership(c.conn(), &org_id, &actor.user_id).await?;
    access::check(
        actor,
        Action::ManageProduct,
        Target::Product {
            membership: &m,
            product_id,
            kind: &kind,
        },
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn org() -> store::OrgRow {
        store::OrgRow {
            id: "org_x".into(),
            name: "Example".into(),
            kind: "company".into(),
            country: "CH".into(),
            language: "en".into(),
            currency: "CHF".into(),
            vat_number: None,
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn names_with_control_or_direction_characters_are_refused() {
        // proves: ORG-1, ORG-4 // issue 9
        for bad in ["Acme\0", "Acme\nSA", "\u{202E}Acme", "\u{200B}\u{FEFF}"] {
            let input = OrgInput {
                name: Some(bad.into()),
                ..OrgInput::default()
            };
            let Err(Error::Validation(f)) = apply_org_input(&mut org(), &input) else {
                panic!("{bad:?} accepted");
            };
            assert_eq!(
                (f[0].attribute.as_str(), f[0].code),
                ("name", "invalid_characters")
            );
            let Err(Error::Validation(f)) = team_name(bad) else {
                panic!("{bad:?} accepted as a team name");
            };
            assert_eq!(f[0].code, "invalid_characters");
        }
    }

    proptest! {
        #[test]
        fn typed_org_and_team_input_never_panics_and_obeys_the_rules(
            name in crate::text::strategies::text(),
            country in crate::text::strategies::text(),
            vat in crate::text::strategies::text(),
        ) {
            // proves: ORG-1, ORG-4 // issue 9
            let mut o = org();
            let input = OrgInput {
                name: Some(name.clone()),
                country: Some(country),
                vat_number: Some(Some(vat)),
                ..OrgInput::default()
            };
            if apply_org_input(&mut o, &input).is_ok() {
                prop_assert!(text::check_name("name", &o.name).is_ok());
                prop_assert!((1..=ORG_NAME_MAX).contains(&o.name.chars().count()));
                prop_assert!(o.vat_number.iter().all(|v| !text::has_control(v)));
            }
            if let Ok(t) = team_name(&name) {
                prop_assert!(text::check_name("name", &t).is_ok());
                prop_assert!((1..=TEAM_NAME_MAX).contains(&t.chars().count()));
            }
        }
    }
}
