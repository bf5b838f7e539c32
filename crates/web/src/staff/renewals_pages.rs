//! The back office's page of one product (issue 14): its facts and its
//! renewal history (`renewals::history::product_history`) — every renewal
//! (kind, outcome, periods, the period it renews into, its invoice, the
//! stored method's charges) and every step its owners were told of
//! (notices, failed charges, expiry, suspension, deletion), newest first,
//! so that support answers "why was I charged" or "why is my site down"
//! from one page. Staff whose role does not see billing details get the
//! refusal page, whatever the ids.

use askama::Template;
use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    response::Response,
    routing::get,
};
use guichet_core::{
    Error,
    ids::{OrgId, ProductId},
    renewals::{history, manual::RenewalView},
    staff::{self, StaffAction},
};

use super::{SignedInStaff, pages::Frame};
use crate::{
    AppState,
    console::{Shell, errors::PageError, render},
};

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/staff/orgs/{org_id}/products/{product_id}",
        get(product_page),
    )
}

/// A business date (`YYYY-MM-DD`) as the page writes days.
fn day(shell: &Shell, text: &str) -> String {
    text.parse::<jiff::civil::Date>()
        .map_or_else(|_| text.to_string(), |d| shell.day(d))
}

/// A renewal as the history lists it.
struct RenewalRow {
    kind: String,
    status_code: String,
    status: String,
    status_class: &'static str,
    /// "3 years".
    periods: String,
    /// "31 March 2027 → 31 March 2030".
    span: String,
    net: String,
    invoice_id: String,
    invoice_number: Option<String>,
    /// "2 charge attempts".
    attempts: String,
    charge_on: Option<String>,
    created: String,
    /// When it was applied or cancelled.
    ended: Option<String>,
}

impl RenewalRow {
    fn of(shell: &Shell, r: &RenewalView, number: Option<String>) -> Self {
        // `months` is one period's length; the renewal covers `periods`.
        let months = i64::from(r.months.max(1)) * i64::from(r.periods.max(1));
        let (key, count) = if months % 12 == 0 {
            ("invoice-line-years", months / 12)
        } else {
            ("invoice-line-months", months)
        };
        Self {
            kind: shell.t_or(&format!("renewals-kind-{}", r.kind), &r.kind),
            status_code: r.status.clone(),
            status: shell.t_or(&format!("renewals-status-{}", r.status), &r.status),
            status_class: match r.status.as_str() {
                "applied" => "ok",
                "cancelled" => "revoked",
                _ => "active",
            },
            periods: shell
                .i18n
                .t_args(shell.lang, key, &[("count", count.into())]),
            span: shell.t_args(
                "renewals-staff-from-to",
                &[
                    ("from", day(shell, &r.from_expires_on)),
                    ("to", day(shell, &r.to_expires_on)),
                ],
            ),
            net: shell.money(r.net),
            invoice_id: r.invoice_id.to_string(),
            invoice_number: number,
            attempts: shell.t_count(
                "renewals-staff-attempts",
                "count",
                u64::try_from(r.charge_attempts).unwrap_or(0),
            ),
            charge_on: r.charge_on.as_deref().map(|d| day(shell, d)),
            created: shell.datetime(r.created_at),
            ended: r
                .applied_at
                .map(|t| shell.t1("renewals-applied-at", "date", shell.datetime(t)))
                .or_else(|| {
                    r.cancelled_at
                        .map(|t| shell.t1("renewals-cancelled-at", "date", shell.datetime(t)))
                }),
        }
    }
}

/// A step in words: a notice says how many days ahead it warned (the
/// days are the provider's settings), a failed charge which attempt.
fn step_label(shell: &Shell, step: &str) -> String {
    let number = |prefix: &str| {
        step.strip_prefix(prefix)
            .and_then(|n| n.parse::<u64>().ok())
    };
    if let Some(days) = number("notice-") {
        shell.t_count("renewals-step-notice", "days", days)
    } else if let Some(attempt) = number("charge-failed-") {
        shell.t_count("renewals-step-charge-failed", "attempt", attempt)
    } else {
        shell.t_or(&format!("renewals-step-{step}"), step)
    }
}

/// A step told to the owners.
struct NoticeRow {
    step_code: String,
    step: String,
    expires_on: String,
    sent_on: String,
}

#[derive(Template)]
#[template(path = "staff/product.html")]
struct StaffProductPage {
    frame: Frame,
    heading: String,
    org_id: String,
    kind: String,
    status_code: String,
    status: String,
    expires_on: Option<String>,
    auto_renew: bool,
    warranty: bool,
    renewals: Vec<RenewalRow>,
    notices: Vec<NoticeRow>,
}

/// `GET /staff/orgs/{org_id}/products/{product_id}`: a malformed id is
/// unknown, once the role is known to see billing details.
async fn product_page(
    State(state): State<AppState>,
    signed: SignedInStaff,
    Path((org_id, product_id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let actor = &signed.session.actor;
    let (Some(org_id), Some(product_id)) = (OrgId::parse(&org_id), ProductId::parse(&product_id))
    else {
        staff::check(actor, StaffAction::ViewBillingDetails)?;
        return Err(PageError(Error::NotFound));
    };
    let h = history::product_history(&state.ctx, actor, &org_id, &product_id).await?;
    let mut frame = Frame::of(&state, &signed.visitor);
    frame.shell = frame
        .shell
        .at(&format!("/staff/orgs/{org_id}/products/{product_id}"));
    let shell = &frame.shell;
    let p = &h.product;
    let renewals = h
        .renewals
        .iter()
        .zip(h.invoice_numbers.iter().cloned())
        .map(|(r, n)| RenewalRow::of(shell, r, n))
        .collect();
    let notices = h
        .notices
        .iter()
        .map(|n| NoticeRow {
            step_code: n.step.clone(),
            step: step_label(shell, &n.step),
            expires_on: day(shell, &n.expires_on),
            sent_on: day(shell, &n.sent_on),
        })
        .collect();
    let page = StaffProductPage {
        heading: p.name.clone(),
        org_id: org_id.to_string(),
        kind: shell.t_or(
            &format!("product-kind-{}", p.kind.as_str().replace('_', "-")),
            p.kind.as_str(),
        ),
        status_code: p.status.clone(),
        status: shell.t_or(&format!("staff-status-{}", p.status), &p.status),
        expires_on: p.expires_on.as_deref().map(|d| day(shell, d)),
        auto_renew: p.auto_renew,
        warranty: p.renewal_warranty,
        renewals,
        notices,
        frame,
    };
    Ok(render(StatusCode::OK, &page))
}
