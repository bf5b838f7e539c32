//! ORG-2: invitations with the role and rights chosen now, listed on the
//! members page for admins; the page of the mailed link, where the invited
//! person accepts.

use askama::Template;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use guichet_core::ids::{InvitationId, OrgId};
use guichet_core::{
    Error,
    orgs::{self, InvitationPreview, InvitationView},
};

use super::{
    super::{
        Shell,
        errors::PageError,
        notice::{Ids, PostedForm, saved},
        render,
        visitor::{SignedIn, Visitor, form_urlencoded_component},
    },
    OrgNotice, conflict_text,
    frame::OrgFrame,
    members::{invalid_role, members_refused, role_sent},
    rights::{Products, RightsForm, rights_text},
};
use crate::AppState;

pub struct InvitationRow {
    pub id: String,
    pub email: String,
    pub role_label: String,
    pub rights: Vec<String>,
    pub expires: String,
    pub expires_iso: String,
    pub status: String,
    pub status_label: String,
}

impl InvitationRow {
    pub fn of(shell: &Shell, products: &Products, i: InvitationView) -> Self {
        Self {
            role_label: shell.role_label(i.role),
            rights: rights_text(shell, products, &i.rights),
            expires: shell.datetime(i.expires_at),
            expires_iso: shell.iso(i.expires_at),
            status_label: shell.t(&format!("invitation-status-{}", i.status)),
            status: i.status,
            id: i.id.into_string(),
            email: i.email,
        }
    }
}

/// The invitation form as typed (or empty).
pub struct InviteForm {
    pub email: String,
    pub role: String,
}

/// ORG-2: invite by address, the role and rights chosen now. A role the
/// form does not offer is refused by its field (422), as the API does.
pub async fn invite(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let fields = form.read().await?;
    let rights = RightsForm::sent(&fields);
    let email = fields.get("email");
    let role = fields.get("role");
    let result = match role_sent(role) {
        Ok(Some(role)) => {
            let input = orgs::Invite {
                email,
                role,
                rights: rights.clone(),
            };
            orgs::invite(&state.ctx, &s.actor, &org_id, input)
                .await
                .map(|_| ())
        }
        // An invitation always names its role.
        Ok(None) => Err(invalid_role()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(saved(
            &format!("/orgs/{org_id}/members"),
            OrgNotice::Invited,
        )),
        Err(e) => {
            let typed = (email.to_string(), role.to_string(), rights);
            members_refused(&state, &s, &org_id, e, "invite", Some(typed)).await
        }
    }
}

/// A new link, valid 7 more days; the old one stops working.
pub async fn resend(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, id)): Ids<(OrgId, InvitationId)>,
) -> Result<Response, PageError> {
    match orgs::resend_invitation(&state.ctx, &s.actor, &org_id, &id).await {
        Ok(_) => Ok(saved(
            &format!("/orgs/{org_id}/members"),
            OrgNotice::InvitationResent,
        )),
        Err(e) => members_refused(&state, &s, &org_id, e, "invitations", None).await,
    }
}

/// The link stops working (the form asked to confirm first).
pub async fn revoke(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, id)): Ids<(OrgId, InvitationId)>,
) -> Result<Response, PageError> {
    orgs::revoke_invitation(&state.ctx, &s.actor, &org_id, &id).await?;
    Ok(saved(
        &format!("/orgs/{org_id}/members"),
        OrgNotice::InvitationRevoked,
    ))
}

// ---------------------------------------------------------------- the link

#[derive(Template)]
#[template(path = "orgs/invitation.html")]
pub struct InvitationPage {
    shell: Shell,
    token: String,
    preview: Option<InvitationPreview>,
    role_label: String,
    status_label: String,
    /// What the visitor can do here: `accept`, `sign_in`, `member` (open
    /// the organisation), or nothing (`message` says why).
    state: &'static str,
    message: Option<String>,
    signin_href: String,
    signup_href: String,
}

impl InvitationPage {
    /// What a visitor sees of an invitation: signed out, the way to sign
    /// in or up and come back; signed in with the invited address, the
    /// Accept button; otherwise why they cannot accept.
    fn new(
        shell: Shell,
        visitor: &Visitor,
        token: &str,
        preview: Option<InvitationPreview>,
    ) -> Self {
        let back = form_urlencoded_component(&format!("/invitations/{token}"));
        let mut page = Self {
            role_label: preview
                .as_ref()
                .map(|p| shell.role_label(p.role))
                .unwrap_or_default(),
            status_label: preview
                .as_ref()
                .map(|p| shell.t(&format!("invitation-status-{}", p.status)))
                .unwrap_or_default(),
            token: token.to_string(),
            state: "",
            message: None,
            signin_href: format!("/signin?next={back}"),
            signup_href: format!("/signup?next={back}"),
            preview: None,
            shell,
        };
        let Some(p) = preview else {
            page.message = Some(page.shell.t("invitation-invalid"));
            return page;
        };
        let you = visitor.session.as_ref();
        if p.status != "pending" {
            page.message = Some(
                page.shell
                    .t(&format!("invitation-status-{}-text", p.status)),
            );
        } else if let Some(you) = you.filter(|y| !y.email.eq_ignore_ascii_case(&p.email)) {
            page.message = Some(page.shell.t_args(
                "invitation-wrong-account",
                &[("invited", p.email.clone()), ("you", you.email.clone())],
            ));
        } else if visitor.orgs.iter().any(|o| o.id == p.org_id) {
            page.state = "member";
            page.message = Some(page.shell.t("invitation-already-member"));
        } else if you.is_some() {
            page.state = "accept";
        } else {
            page.state = "sign_in";
        }
        page.preview = Some(p);
        page
    }
}

/// ORG-2: the page of the link in the invitation mail.
pub async fn link_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &visitor);
    let (status, preview) = match orgs::preview_invitation(&state.ctx, &token).await {
        Ok(p) => (StatusCode::OK, Some(p)),
        Err(Error::NotFound) => (StatusCode::NOT_FOUND, None),
        Err(e) => return Err(PageError(e)),
    };
    Ok(render(
        status,
        &InvitationPage::new(shell, &visitor, &token, preview),
    ))
}

/// ORG-2: the invited person, signed in with the invited address, joins.
/// A wrong account, a spent link or a membership already held are said on
/// the invitation's page.
pub async fn accept(
    State(state): State<AppState>,
    s: SignedIn,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let e = match orgs::accept_invitation(&state.ctx, &s.actor, &token).await {
        Ok(org) => return Ok(saved(&format!("/orgs/{}", org.id), OrgNotice::Joined)),
        Err(e) => e,
    };
    let status = match &e {
        Error::BadRequest { .. } => StatusCode::BAD_REQUEST,
        Error::Forbidden { code, .. } if *code == "wrong_account" => StatusCode::FORBIDDEN,
        Error::Conflict { .. } => StatusCode::CONFLICT,
        _ => return Err(PageError(e)),
    };
    let shell = Shell::of(&state, &s.visitor).at(&format!("/invitations/{token}"));
    let preview = orgs::preview_invitation(&state.ctx, &token).await.ok();
    let mut page = InvitationPage::new(shell, &s.visitor, &token, preview);
    page.state = "";
    // The page's own words when it has them (they name both addresses of
    // a wrong account), else the refusal's.
    let text = match &e {
        Error::Forbidden { description, .. } | Error::Conflict { description, .. } => {
            conflict_text(&page.shell, e.code(), description)
        }
        _ => page.shell.t("invitation-invalid"),
    };
    page.message = page.message.take().or(Some(text));
    Ok(render(status, &page))
}

#[cfg(test)]
mod tests {
    use guichet_core::orgs::Role;

    use super::*;

    #[test]
    fn a_role_the_form_does_not_offer_is_refused_by_its_field() {
        // proves: ORG-2
        for bad in ["admin", "Owner", "?"] {
            match role_sent(bad) {
                Err(Error::Validation(f)) => assert_eq!(f[0].code, "invalid_role"),
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert_eq!(role_sent("owner").unwrap(), Some(Role::Owner));
        assert_eq!(role_sent("").unwrap(), None);
    }
}
