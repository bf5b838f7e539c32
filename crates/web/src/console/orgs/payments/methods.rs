//! Stored payment methods: the list, and removing one.

use super::*;

/// A stored method as its page lists it.
pub struct ListedMethod {
    pub id: String,
    pub label: String,
    pub method: String,
}

#[derive(Template)]
#[template(path = "orgs/payment_methods.html")]
pub struct MethodsPage {
    shell: Shell,
    org: OrgFrame,
    heading: String,
    methods: Vec<ListedMethod>,
    may_remove: bool,
    saved: Option<String>,
}

/// The org's stored methods; removing one is `billing:manage`'s.
pub async fn methods(
    State(state): State<AppState>,
    s: SignedIn,
    Ids(org_id): Ids<OrgId>,
    Saved(notice): Saved<PaymentsNotice>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let (org, view) = OrgFrame::load(&state, &s, &shell, &org_id).await?;
    let stored = read::list_methods(&state.ctx, &s.actor, &org_id).await?;
    let page = MethodsPage {
        heading: shell.t("payments-methods-title"),
        methods: stored
            .iter()
            .map(|m| ListedMethod {
                id: m.id.to_string(),
                label: stored_label(&shell, m),
                method: method_label(&shell, &m.method),
            })
            .collect(),
        may_remove: may(&view, Action::ManagePaymentMethods),
        saved: Saved::text(notice, &shell),
        org,
        shell,
    };
    Ok(render(StatusCode::OK, &page))
}

/// Forget a stored method (asked to confirm first).
pub async fn remove_method(
    State(state): State<AppState>,
    s: SignedIn,
    Ids((org_id, method_id)): Ids<(OrgId, PaymentMethodId)>,
) -> Result<Response, PageError> {
    read::remove_method(&state.ctx, &s.actor, &org_id, &method_id).await?;
    Ok(saved(
        &format!("/orgs/{org_id}/payment-methods"),
        PaymentsNotice::MethodRemoved,
    ))
}
