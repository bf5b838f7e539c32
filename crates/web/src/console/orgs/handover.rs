//! ORG-6: the legal representative names an owner, who accepts on the
//! members page within 7 days. Shown on the members page.

use axum::{extract::State, response::Response};
use guichet_core::ids::OrgId;
use guichet_core::orgs::{self, Role};

use super::{
    super::{
        Shell,
        errors::PageError,
        notice::{Ids, PostedForm, saved},
        visitor::SignedIn,
    },
    OrgNotice,
    frame::OrgFrame,
    members::{MemberRow, members_refused},
};
use crate::AppState;

/// ORG-6 as the viewer sees it.
pub struct HandoverPanel {
    /// The viewer is the legal representative: they may name an owner.
    pub legal: bool,
    /// The owners who could take over: (user id, name).
    pub owners: Vec<(String, String)>,
    /// A hand-over waiting: who is named, until when, and whether it is
    /// the viewer (who then accepts).
    pub pending: Option<PendingHandover>,
}

pub struct PendingHandover {
    /// Who is named and until when, said to the one named or to others.
    pub text: String,
    pub mine: bool,
}

impl HandoverPanel {
    /// The panel for the members `rows` of `org`.
    pub async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: &Shell,
        org: &OrgFrame,
        rows: &[MemberRow],
    ) -> Result<Self, PageError> {
        let pending = orgs::pending_handover(&state.ctx, &s.actor, &org.id).await?;
        let me = s.session.user_id.as_str();
        let name_of = |id: &str| {
            rows.iter()
                .find(|r| r.user_id == id)
                .map_or_else(|| shell.t("handover-someone"), |r| r.name.clone())
        };
        Ok(Self {
            // Who the viewer is, not what they may do: the legal
            // representative with no owner to hand over to is told so.
            legal: org.role == Role::LegalRepresentative,
            owners: rows
                .iter()
                .filter(|r| r.role == Role::Owner)
                .map(|r| (r.user_id.clone(), format!("{} ({})", r.name, r.email)))
                .collect(),
            pending: pending.map(|h| {
                let until = shell.datetime(h.expires_at);
                let mine = h.to_user_id == me;
                PendingHandover {
                    text: if mine {
                        shell.t1("handover-for-you", "until", until)
                    } else {
                        shell.t_args(
                            "handover-pending",
                            &[("name", name_of(&h.to_user_id)), ("until", until)],
                        )
                    },
                    mine,
                }
            }),
        })
    }
}

/// ORG-6: the legal representative names an owner to take over.
pub async fn start(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    form: PostedForm,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let fields = form.read().await?;
    match orgs::start_handover(&state.ctx, &s.actor, &org_id, fields.get("user_id")).await {
        Ok(_) => Ok(saved(
            &format!("/orgs/{org_id}/members"),
            OrgNotice::HandoverRequested,
        )),
        Err(e) => members_refused(&state, &s, &org_id, e, "handover", None).await,
    }
}

/// ORG-6: the owner named accepts and becomes the legal representative.
pub async fn accept(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
) -> Result<Response, PageError> {
    match orgs::accept_handover(&state.ctx, &s.actor, &org_id).await {
        Ok(()) => Ok(saved(
            &format!("/orgs/{org_id}/members"),
            OrgNotice::HandoverAccepted,
        )),
        Err(e) => members_refused(&state, &s, &org_id, e, "handover", None).await,
    }
}
