//! The actor's standing in an organisation, read with the caller's
//! connection so that a write operation decides inside its own
//! transaction (`access::Standing` decides what it permits).

use super::{Membership, RightSet, Role, store};
use crate::ids::{OrgId, UserId};
use crate::{
    Ctx,
    access::{self, Action, Actor, Standing, Target},
    db::Conn,
    error::{Error, Result},
};

/// Invitations and hand-overs wait this long.
pub(super) const WAIT_MS: i64 = 7 * 86_400_000;

pub(super) fn now_ms(ctx: &Ctx) -> i64 {
    ctx.clock.now().as_millisecond()
}

/// The actor's membership of `org_id`; not a member → 404.
pub async fn membership(c: Conn<'_>, org_id: &OrgId, user_id: &UserId) -> Result<Membership> {
    let mut c = c;
    let role = store::member_role(c.reborrow(), org_id, user_id)
        .await?
        .and_then(|r| Role::parse(&r))
        .ok_or(Error::NotFound)?;
    let rights = store::effective_rights(c, org_id, user_id).await?;
    Ok(Membership {
        org_id: org_id.clone(),
        user_id: user_id.clone(),
        role,
        rights: RightSet::from_stored(rights.iter().map(String::as_str)),
    })
}

/// `user_id`'s standing on `org_id`: role, own rights and team rights,
/// read through `c` (a stranger's standing permits nothing).
pub async fn standing(mut c: Conn<'_>, org_id: &OrgId, user_id: &UserId) -> Result<Standing> {
    let Some(role) = store::member_role(c.reborrow(), org_id, user_id)
        .await?
        .and_then(|r| Role::parse(&r))
    else {
        return Ok(Standing::stranger(org_id, user_id));
    };
    let own = store::subject_rights(c.reborrow(), org_id, &format!("user:{user_id}")).await?;
    let all = store::effective_rights(c, org_id, user_id).await?;
    let own = RightSet::from_stored(own.iter().map(String::as_str));
    let team: RightSet = RightSet::from_stored(all.iter().map(String::as_str))
        .iter()
        .filter(|r| !own.has(r))
        .cloned()
        .collect();
    Ok(Standing::member(org_id, user_id, role, own, team))
}

/// Check `action` on `org_id` for `actor`, reading the standing through
/// `c`: a write operation passes its transaction, so the decision and the
/// change see the same state.
pub(super) async fn allowed(
    mut c: Conn<'_>,
    actor: &Actor,
    org_id: &OrgId,
    action: Action,
) -> Result<Standing> {
    // Scopes first: a token without `orgs:*` learns nothing about orgs.
    access::check(actor, action, Target::User(&actor.user_id))?;
    let st = standing(c.reborrow(), org_id, &actor.user_id).await?;
    access::decide(actor, action, &st)?;
    Ok(st)
}

/// Answer a stranger 404 (and a member without the right 403) before
/// anything else of the request is judged: the API calls it before it
/// reads a body, so that `{}` sent to another organisation's route says
/// nothing about its shape. The operation itself decides again, inside its
/// transaction.
/// May the actor do `action` on the org? For other areas (billing reads an
/// org's invoices with the billing right), in the caller's connection:
/// 404 for strangers, 403 for members without the right.
pub async fn check_access(
    c: Conn<'_>,
    actor: &Actor,
    org_id: &OrgId,
    action: Action,
) -> Result<()> {
    allowed(c, actor, org_id, action).await.map(|_| ())
}

pub async fn admit(ctx: &Ctx, actor: &Actor, org_id: &OrgId, action: Action) -> Result<()> {
    let mut c = ctx.db.acquire().await?;
    allowed(c.conn(), actor, org_id, action).await.map(|_| ())
}

/// The products an actor sees in an organisation (ORG-2): `None` for
/// all of them (admins), else the product ids and product kinds their
/// rights, and their teams', open — possibly none. Strangers get 404.
pub async fn product_scope(
    mut c: Conn<'_>,
    actor: &Actor,
    org_id: &OrgId,
) -> Result<Option<(Vec<String>, Vec<String>)>> {
    allowed(c.reborrow(), actor, org_id, Action::ViewOrg).await?;
    let m = membership(c, org_id, &actor.user_id).await?;
    if m.role.is_admin() {
        return Ok(None);
    }
    let mut ids = Vec::new();
    let mut kinds = Vec::new();
    for r in m.rights.iter() {
        match r {
            super::Right::Product(id) => ids.push(id.clone()),
            super::Right::ProductKind(kind) => kinds.push(kind.clone()),
            _ => {}
        }
    }
    Ok(Some((ids, kinds)))
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
