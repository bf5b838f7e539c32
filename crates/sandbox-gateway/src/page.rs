//! The hosted page (`/pay/{id}`, no key: the customer's browser comes
//! here): test cards, 3-D Secure challenge, PostFinance, Twint's QR code,
//! PayPal's login step, and "cancel and go back". Every outcome sends the
//! customer back to the payment's `return_url`.
//!
//! Links, form actions and redirects are relative, and the style is a file
//! of its own (`/pay/assets/sandbox.css`): the page then works both alone
//! and mounted under Guichet's `/sandbox-gateway`, whose Content Security
//! Policy allows no inline style.

use std::{fmt::Write as _, sync::Arc};

use axum::{
    Form, Router,
    extract::{Path, State},
    http::{StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
    routing::get,
};
use serde::Deserialize;

use crate::{
    Shared,
    model::{Method, Outcome, Payment, Status, test_card},
    notify::confirm_later,
};

const STYLE: &str = include_str!("sandbox.css");

pub fn routes(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/pay/assets/sandbox.css", get(stylesheet))
        .route("/pay/{id}", get(show).post(choose))
        .route(
            "/pay/{id}/challenge",
            get(show_challenge).post(answer_challenge),
        )
        .with_state(shared)
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

#[derive(Deserialize)]
struct Choice {
    choice: String,
}

#[derive(Deserialize)]
struct ChallengeAnswer {
    outcome: String,
}

/// Text made safe for HTML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `CHF 10.50` (amounts are in minor units; both currencies have two
/// decimals).
fn amount(p: &Payment) -> String {
    let a = p.amount_minor;
    format!("{} {}.{:02}", p.currency.code(), a / 100, a % 100)
}

/// The page around `main`; `css` is the stylesheet's path relative to the
/// page.
fn layout(status: StatusCode, title: &str, css: &str, main: &str) -> Response {
    let html = format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title} · Sandbox payment</title>
<link rel="stylesheet" href="{css}">
</head>
<body>
<p class="banner" role="note"><strong>Sandbox:</strong> a test payment service. No real money moves and no real card is charged.</p>
<main>
{main}
</main>
</body>
</html>
"#,
        title = esc(title),
    );
    (status, Html(html)).into_response()
}

fn not_found(css: &str) -> Response {
    layout(
        StatusCode::NOT_FOUND,
        "Unknown payment",
        css,
        "<h1>Unknown payment</h1>\n<p>This sandbox knows no such payment (it forgets everything when it restarts).</p>",
    )
}

/// The customer goes back to the shop, which asks the gateway what
/// happened (the URL only says which payment).
fn back(p: &Payment) -> Response {
    let sep = if p.return_url.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{}{sep}sandbox_payment={}", p.return_url, p.id)).into_response()
}

fn summary(p: &Payment) -> String {
    let mut s = format!(
        "<dl class=\"summary\">\n<dt>Amount</dt><dd class=\"amount\">{}</dd>\n",
        esc(&amount(p))
    );
    if !p.description.is_empty() {
        let _ = writeln!(s, "<dt>For</dt><dd>{}</dd>", esc(&p.description));
    }
    let _ = writeln!(
        s,
        "<dt>Reference</dt><dd><code>{}</code></dd>\n</dl>",
        esc(&p.id)
    );
    s
}

/// The Twint code: the modules as one SVG path (no image, no style).
fn twint_qr(p: &Payment) -> String {
    let Ok(code) = qrcode::QrCode::new(format!("sandbox-twint:{}", p.id)) else {
        return String::new();
    };
    let width = code.width();
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path = String::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let _ = write!(path, "M{} {}h1v1h-1z", i % width + quiet, i / width + quiet);
        }
    }
    format!(
        r##"<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" aria-label="Twint QR code of this sandbox payment" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>"##
    )
}

fn method_form(p: &Payment) -> String {
    let id = esc(&p.id);
    let pay = esc(&format!("Pay {}", amount(p)));
    match p.method {
        Method::Card | Method::Postfinance => {
            let mut options = String::new();
            let choices: Vec<(String, String)> = if p.method == Method::Card {
                crate::model::TEST_CARDS
                    .iter()
                    .map(|c| (c.number.to_owned(), c.label.to_owned()))
                    .collect()
            } else {
                vec![
                    ("postfinance_ok".into(), "PostFinance Card: approved".into()),
                    (
                        "postfinance_declined".into(),
                        "PostFinance Card: declined".into(),
                    ),
                ]
            };
            for (i, (value, label)) in choices.iter().enumerate() {
                let number = if p.method == Method::Card {
                    format!("<code>{}</code> ", esc(value))
                } else {
                    String::new()
                };
                let _ = writeln!(
                    options,
                    r#"<label class="option"><input type="radio" name="choice" value="{v}"{checked}> {number}<span>{l}</span></label>"#,
                    v = esc(value),
                    l = esc(label),
                    checked = if i == 0 { " checked" } else { "" },
                );
            }
            let legend = if p.method == Method::Card {
                "Choose a test card"
            } else {
                "PostFinance Card (test)"
            };
            format!(
                r#"<form method="post" action="{id}">
<fieldset>
<legend>{legend}</legend>
{options}</fieldset>
<button type="submit" class="primary">{pay}</button>
</form>
"#
            )
        }
        Method::Twint => format!(
            r#"<form method="post" action="{id}">
<h2>Twint</h2>
{qr}
<p>Scan this code with the Twint app. In the sandbox, choose what the app would do:</p>
<div class="buttons">
<button type="submit" name="choice" value="twint_scan" class="primary">Scan and approve in the app</button>
<button type="submit" name="choice" value="twint_decline">Decline in the app</button>
</div>
</form>
"#,
            qr = twint_qr(p)
        ),
        Method::Paypal => format!(
            r#"<form method="post" action="{id}">
<h2>Log in to PayPal (sandbox)</h2>
<p><label for="paypal-email">PayPal account</label>
<input id="paypal-email" name="email" type="email" value="buyer@paypal.sandbox.test" readonly></p>
<div class="buttons">
<button type="submit" name="choice" value="paypal_approve" class="primary">Log in and approve {amount}</button>
<button type="submit" name="choice" value="paypal_cancel">Cancel at PayPal</button>
</div>
</form>
"#,
            amount = esc(&amount(p))
        ),
    }
}

async fn show(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let css = "assets/sandbox.css";
    let store = shared.store();
    let Some(p) = store.payments.get(&id) else {
        return not_found(css);
    };
    let mut main = format!("<h1>Pay {}</h1>\n{}", esc(&amount(p)), summary(p));
    if p.status != Status::RequiresAction || p.return_url.is_empty() {
        let state = match p.status {
            Status::RequiresAction => "waiting for the customer",
            Status::Processing => "processing: the shop is told once it is confirmed",
            Status::Succeeded => "paid",
            Status::Failed => "failed",
            Status::Cancelled => "cancelled",
        };
        let _ = writeln!(main, "<p class=\"state\">This payment is {state}.</p>");
        if !p.return_url.is_empty() {
            let _ = writeln!(
                main,
                r#"<form method="post" action="{}"><button type="submit" name="choice" value="back">Back to the shop</button></form>"#,
                esc(&p.id)
            );
        }
        return layout(StatusCode::OK, "Payment", css, &main);
    }
    main.push_str(&method_form(p));
    let _ = writeln!(
        main,
        r#"<form method="post" action="{}" class="cancel"><button type="submit" name="choice" value="cancel">Cancel and go back</button></form>"#,
        esc(&p.id)
    );
    layout(StatusCode::OK, "Payment", css, &main)
}

async fn choose(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Form(form): Form<Choice>,
) -> Response {
    let mut store = shared.store();
    let Some(p) = store.payments.get_mut(&id) else {
        return not_found("assets/sandbox.css");
    };
    // Decided already (another tab, a double click): no second capture.
    if p.status != Status::RequiresAction || p.return_url.is_empty() {
        return back(p);
    }
    let choice = form.choice.as_str();
    let decision = match (p.method, choice) {
        (_, "cancel") | (Method::Paypal, "paypal_cancel") => Decision::Cancel,
        (Method::Card, number) => match test_card(number) {
            Some(card) => {
                p.card = Some(card);
                match card.outcome {
                    Outcome::Declines { code, message } => Decision::Fail(code, message),
                    Outcome::Challenge => {
                        return Redirect::to(&format!("{id}/challenge")).into_response();
                    }
                    Outcome::Delayed => Decision::Delay,
                    Outcome::Succeeds | Outcome::RefundsFail | Outcome::SavedDeclines => {
                        Decision::Succeed
                    }
                }
            }
            None => Decision::Unknown,
        },
        (Method::Postfinance, "postfinance_ok")
        | (Method::Twint, "twint_scan")
        | (Method::Paypal, "paypal_approve") => Decision::Succeed,
        (Method::Postfinance, "postfinance_declined") => {
            Decision::Fail("card_declined", "PostFinance declined the payment.")
        }
        (Method::Twint, "twint_decline") => Decision::Fail(
            "twint_declined",
            "The payment was declined in the Twint app.",
        ),
        _ => Decision::Unknown,
    };
    let changed = match decision {
        Decision::Unknown => {
            return layout(
                StatusCode::BAD_REQUEST,
                "Unknown choice",
                "assets/sandbox.css",
                &format!(
                    "<h1>Unknown choice</h1>\n<p>Nothing was charged. <a href=\"{}\">Back to the payment</a>.</p>",
                    esc(&id)
                ),
            );
        }
        Decision::Delay => {
            p.status = Status::Processing;
            confirm_later(&shared, id.clone());
            None
        }
        Decision::Succeed => store.succeed(&id).map(|p| ("payment.succeeded", p)),
        Decision::Fail(code, message) => store
            .fail(&id, code, message)
            .map(|p| ("payment.failed", p)),
        Decision::Cancel => store.cancel(&id).map(|p| ("payment.cancelled", p)),
    };
    if let Some((kind, p)) = changed {
        shared.notify(&mut store, kind, &p);
    }
    match store.payments.get(&id) {
        Some(p) => back(p),
        None => not_found("assets/sandbox.css"),
    }
}

enum Decision {
    Succeed,
    Fail(&'static str, &'static str),
    Cancel,
    Delay,
    Unknown,
}

/// Whether `p` waits on its 3-D Secure challenge.
fn in_challenge(p: &Payment) -> bool {
    p.status == Status::RequiresAction && p.card.is_some_and(|c| c.outcome == Outcome::Challenge)
}

async fn show_challenge(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let css = "../assets/sandbox.css";
    let store = shared.store();
    let Some(p) = store.payments.get(&id) else {
        return not_found(css);
    };
    if !in_challenge(p) {
        return Redirect::to(&format!("../{id}")).into_response();
    }
    let main = format!(
        r#"<h1>3-D Secure check</h1>
{summary}<p>Your bank asks you to confirm this payment. In the sandbox, choose how the check ends:</p>
<form method="post" action="challenge">
<div class="buttons">
<button type="submit" name="outcome" value="complete" class="primary">Complete the check</button>
<button type="submit" name="outcome" value="fail">Fail the check</button>
</div>
</form>
"#,
        summary = summary(p)
    );
    layout(StatusCode::OK, "3-D Secure", css, &main)
}

async fn answer_challenge(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Form(form): Form<ChallengeAnswer>,
) -> Response {
    let mut store = shared.store();
    let Some(p) = store.payments.get(&id) else {
        return not_found("../assets/sandbox.css");
    };
    if !in_challenge(p) {
        return back(p);
    }
    let changed = match form.outcome.as_str() {
        "complete" => store.succeed(&id).map(|p| ("payment.succeeded", p)),
        "fail" => store
            .fail(&id, "authentication_failed", "The 3-D Secure check failed.")
            .map(|p| ("payment.failed", p)),
        _ => return Redirect::to("challenge").into_response(),
    };
    if let Some((kind, p)) = changed {
        shared.notify(&mut store, kind, &p);
    }
    match store.payments.get(&id) {
        Some(p) => back(p),
        None => not_found("../assets/sandbox.css"),
    }
}
