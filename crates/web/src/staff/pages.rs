//! The back office's pages: sign-in, search, an organisation's summary
//! (with its invoices, issue 11), a user's summary. Thin: each calls one
//! `guichet_core::staff` function; the invoice pages are
//! [`super::billing_pages`].

use super::{
    SignedInStaff, StaffVisitor,
    billing_pages::{self, OrgInvoice, StaffNotice},
    payments_pages::{self, StaffListedPayment},
};
use crate::{
    AppState,
    console::{
        Shell, cookies, display_name,
        errors::PageError,
        form::{Fields, Refusal},
        local_path::LocalPath,
        notice::Saved,
        refused, render,
    },
};
use askama::Template;
use axum::{
    Router,
    extract::{Path, State},
    http::{StatusCode, Uri, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use guichet_core::access::staff::{StaffAction, check as staff_check};
use guichet_core::ids::{OrgId, UserId};
use guichet_core::{
    Error,
    audit::AuditEventView,
    staff::{
        self, OrgSummaryForStaff, Page, SearchResults, StaffActor, StaffAddressView,
        UserSummaryForStaff,
    },
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff", get(search_page))
        .route("/staff/signin", get(signin_page).post(signin))
        .route("/staff/signout", post(signout))
        .route("/staff/orgs/{id}", get(org_page))
        .route("/staff/users/{id}", get(user_page))
        .merge(billing_pages::routes())
        .merge(payments_pages::routes())
        .merge(super::catalog_pages::routes())
        .merge(super::renewals_pages::routes())
        .merge(super::bank_pages::routes())
}

/// The layout's parts every back-office page shares.
pub struct Frame {
    pub shell: Shell,
    /// The signed-in member's roles, in the page's language.
    pub roles: Vec<String>,
    /// Whether the bank page is theirs (the navigation shows it).
    pub bank: bool,
}

impl Frame {
    pub fn of(state: &AppState, visitor: &StaffVisitor) -> Self {
        let mut shell = Shell::new(state, visitor.lang, &visitor.path);
        shell.csrf = visitor.csrf.clone();
        let mut roles = Vec::new();
        let mut bank = false;
        if let Some(s) = &visitor.session {
            bank = s.actor.roles.permits(StaffAction::ReconcileBank);
            shell.signed_in = Some(display_name(&s.actor.name, &s.actor.email));
            roles = s
                .actor
                .roles
                .iter()
                .map(|r| shell.t(&format!("staff-role-{r}")))
                .collect();
        }
        Self { shell, roles, bank }
    }

    /// An organisation member's role, in the page's language.
    pub fn member_role(&self, role: &str) -> String {
        self.shell
            .t_or(&format!("role-{}", role.replace('_', "-")), role)
    }

    /// An audit action's label, else its code.
    pub fn audit_label(&self, action: &str) -> String {
        self.shell.t_or(
            &format!("audit-action-{}", action.replace(['.', '_'], "-")),
            action,
        )
    }
}

fn with_cookie(mut r: Response, cookie: Option<header::HeaderValue>) -> Response {
    if let Some(v) = cookie {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

// ---------------------------------------------------------------- sign-in

#[derive(Template)]
#[template(path = "staff/signin.html")]
struct SignInPage {
    frame: Frame,
    email: String,
    alert: Option<String>,
}

async fn signin_page(State(state): State<AppState>, visitor: StaffVisitor) -> Response {
    if visitor.session.is_some() {
        return LocalPath::or_home("/staff").redirect();
    }
    let page = SignInPage {
        frame: Frame::of(&state, &visitor),
        email: String::new(),
        alert: None,
    };
    render(StatusCode::OK, &page)
}

/// Staff only: a customer's right password is answered as a wrong one.
/// Failures are throttled like the console's (SEC-5).
async fn signin(State(state): State<AppState>, visitor: StaffVisitor, fields: Fields) -> Response {
    let frame = Frame::of(&state, &visitor);
    let e = match staff::sign_in(
        &state.ctx,
        fields.get("email"),
        fields.get("password"),
        &visitor.meta,
    )
    .await
    {
        Ok(s) => {
            let r = LocalPath::or_home("/staff").redirect();
            return with_cookie(r, cookies::STAFF_SESSION.set(&state, &s.token, None));
        }
        Err(e) => e,
    };
    let refusal = if e.code() == "invalid_credentials" {
        Refusal::alert(
            StatusCode::UNAUTHORIZED,
            frame.shell.t("staff-signin-invalid"),
        )
    } else {
        match Refusal::of(&frame.shell, e) {
            Ok(r) => r,
            Err(e) => return e.into_response(),
        }
    };
    let page = SignInPage {
        frame,
        email: fields.get("email").to_string(),
        alert: refusal.alert,
    };
    refused(&page, refusal.status, refusal.retry_after_secs)
}

async fn signout(
    State(state): State<AppState>,
    visitor: StaffVisitor,
) -> Result<Response, PageError> {
    if let Some(s) = &visitor.session {
        staff::sign_out(&state.ctx, &s.actor).await?;
    }
    let r = LocalPath::or_home("/staff/signin").redirect();
    Ok(with_cookie(r, cookies::STAFF_SESSION.clear(&state)))
}

// ---------------------------------------------------------------- search

#[derive(Template)]
#[template(path = "staff/search.html")]
struct SearchPage {
    frame: Frame,
    q: String,
    results: Option<SearchResults>,
    page: u32,
    /// A full page of either kind: there may be more.
    more: bool,
    error: Option<String>,
}

async fn search_page(
    State(state): State<AppState>,
    signed: SignedInStaff,
    uri: Uri,
) -> Result<Response, PageError> {
    let frame = Frame::of(&state, &signed.visitor);
    // `q` and `page`; anything unreadable is as if absent.
    let pairs =
        serde_urlencoded::from_str::<Vec<(String, String)>>(uri.query().unwrap_or_default())
            .unwrap_or_default();
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let q = value("q").unwrap_or_default();
    let page_no = value("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let page = Page::new(page_no, 20);
    let mut error = None;
    let results = if q.trim().is_empty() {
        None
    } else {
        match staff::search(&state.ctx, &signed.session.actor, &q, page).await {
            Ok(r) => Some(r),
            Err(Error::Validation(_)) => {
                error = Some(frame.shell.t("staff-search-invalid"));
                None
            }
            Err(e) => return Err(e.into()),
        }
    };
    let more = results.as_ref().is_some_and(|r| {
        r.matched_by == "name" && r.orgs.len() == page.per_page as usize
            || r.matched_by == "email" && r.users.len() == page.per_page as usize
    });
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = SearchPage {
        frame,
        q,
        results,
        page: page.page,
        more,
        error,
    };
    Ok(render(status, &page))
}

impl SearchPage {
    fn page_link(&self, page: u32) -> String {
        format!(
            "/staff?q={}&page={page}",
            crate::console::visitor::form_urlencoded_component(&self.q)
        )
    }
}

// ---------------------------------------------------------------- summaries

#[derive(Template)]
#[template(path = "staff/org.html")]
struct OrgPage {
    frame: Frame,
    org: OrgSummaryForStaff,
    addresses: Option<Vec<StaffAddressView>>,
    audit: Vec<AuditEventView>,
    /// Its invoices (drafts first), for roles that may read them.
    invoices: Option<Vec<OrgInvoice>>,
    invoices_page: u64,
    invoices_pages: u64,
    /// Its payments (newest first), for roles that read billing.
    payments: Option<Vec<StaffListedPayment>>,
    payments_page: u64,
    payments_pages: u64,
    /// "New invoice" is offered (roles that may issue).
    may_issue: bool,
    saved: Option<String>,
}

impl OrgPage {
    fn invoices_href(&self, page: u64) -> String {
        format!(
            "/staff/orgs/{}?invoices_page={page}#invoices-title",
            self.org.id
        )
    }

    fn payments_href(&self, page: u64) -> String {
        format!(
            "/staff/orgs/{}?payments_page={page}#payments-title",
            self.org.id
        )
    }

    /// A product kind's name (`web_hosting`: "Web hosting").
    fn kind_label(&self, kind: &str) -> String {
        self.frame
            .shell
            .t_or(&format!("product-kind-{}", kind.replace('_', "-")), kind)
    }

    /// An order's or a product's status, in the page's language.
    fn status_label(&self, status: &str) -> String {
        self.frame
            .shell
            .t_or(&format!("staff-status-{status}"), status)
    }

    /// A product's last day (`YYYY-MM-DD`) as the page writes days.
    fn day_of(&self, day: &Option<String>) -> String {
        match day.as_deref().map(str::parse::<jiff::civil::Date>) {
            Some(Ok(d)) => self.frame.shell.day(d),
            Some(Err(_)) => day.clone().unwrap_or_default(),
            None => "—".to_string(),
        }
    }

    /// "Page 2 of 5".
    fn page_of(&self, page: &u64, pages: &u64) -> String {
        self.frame.shell.t_args(
            "log-page-of",
            &[("page", page.to_string()), ("pages", pages.to_string())],
        )
    }
}

async fn org_page(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(id): Path<String>,
    Saved(notice): Saved<StaffNotice>,
    uri: Uri,
) -> Result<Response, PageError> {
    let actor: &StaffActor = &signed.session.actor;
    // Roles first, then a malformed id is unknown.
    let Some(id) = OrgId::parse(&id) else {
        staff_check(actor, StaffAction::ViewOrgSummary)?;
        return Err(Error::NotFound.into());
    };
    let mut org = staff::org_summary(&state.ctx, actor, &id).await?;
    let frame = Frame::of(&state, &signed.visitor);
    let pairs =
        serde_urlencoded::from_str::<Vec<(String, String)>>(uri.query().unwrap_or_default())
            .unwrap_or_default();
    let asked = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let invoices =
        billing_pages::org_invoices(&state, actor, &frame.shell, &id, asked("invoices_page"))
            .await?;
    let (invoices, invoices_page, invoices_pages) = match invoices {
        Some((items, page, pages)) => (Some(items), page, pages),
        None => (None, 1, 1),
    };
    let payments =
        payments_pages::org_payments(&state, actor, &frame.shell, &id, asked("payments_page"))
            .await?;
    let (payments, payments_page, payments_pages) = match payments {
        Some((items, page, pages)) => (Some(items), page, pages),
        None => (None, 1, 1),
    };
    let page = OrgPage {
        saved: Saved::text(notice, &frame.shell),
        may_issue: billing_pages::may_issue(actor),
        frame,
        addresses: org.billing_addresses.take(),
        audit: std::mem::take(&mut org.audit),
        invoices,
        invoices_page,
        invoices_pages,
        payments,
        payments_page,
        payments_pages,
        org,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "staff/user.html")]
struct UserPage {
    frame: Frame,
    user: UserSummaryForStaff,
    /// The last sign-in: its `datetime` attribute and its text.
    last_sign_in: Option<(String, String)>,
}

async fn user_page(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    // Roles first, then a malformed id is unknown.
    let Some(id) = UserId::parse(&id) else {
        staff_check(&signed.session.actor, StaffAction::ViewUserSummary)?;
        return Err(Error::NotFound.into());
    };
    let user = staff::user_summary(&state.ctx, &signed.session.actor, &id).await?;
    let frame = Frame::of(&state, &signed.visitor);
    let last_sign_in = user
        .last_sign_in_at
        .map(|at| (frame.shell.iso(at), frame.shell.datetime(at)));
    let page = UserPage {
        frame,
        user,
        last_sign_in,
    };
    Ok(render(StatusCode::OK, &page))
}
