//! Console page of API tokens (API-1): created (the secret shown once),
//! listed by prefix, revoked after a confirmation.

use askama::Template;
use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    response::Response,
    routing::{get, post},
};
use guichet_core::ids::ApiTokenId;
use guichet_core::{
    Error,
    access::Scope,
    tokens::{self, CreateToken, TokenStatus, TokenView},
};

use super::{
    Shell,
    accounts::AccountNotice,
    errors::PageError,
    form::{Fields, FormErrors, Refusal},
    notice::{Saved, saved},
    refused, render,
    visitor::SignedIn,
};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/profile/tokens", get(tokens).post(create_token))
        .route("/profile/tokens/{id}/revoke", post(revoke_token))
}

// ---------------------------------------------------------------- API tokens

struct TokenItem {
    id: String,
    name: String,
    prefix: String,
    scopes: Vec<&'static str>,
    status: &'static str,
    status_label: String,
    created: String,
    last_used: String,
    expires: String,
}

impl TokenItem {
    fn of(shell: &Shell, t: TokenView) -> Self {
        let status = match t.status {
            TokenStatus::Active => "active",
            TokenStatus::Expired => "expired",
            TokenStatus::Revoked => "revoked",
            TokenStatus::Deactivated => "deactivated",
        };
        Self {
            status,
            status_label: shell.t(&format!("token-status-{status}")),
            scopes: t.scopes.iter().map(|s| s.as_str()).collect(),
            created: shell.date(t.created_at),
            last_used: t
                .last_used_at
                .map_or_else(|| shell.t("tokens-never"), |at| shell.datetime(at)),
            // Stored as the first instant it no longer works: show its
            // last day.
            expires: t
                .expires_at
                .map_or_else(|| shell.t("tokens-no-expiry"), |at| shell.date(at - 1)),
            id: t.id.into_string(),
            name: t.name,
            prefix: t.prefix,
        }
    }
}

struct ScopeChoice {
    value: &'static str,
    explanation: String,
    checked: bool,
}

/// The creation form as typed (or empty).
#[derive(Default)]
struct TokenForm {
    name: String,
    scopes: Vec<String>,
    expires_on: String,
}

struct NewToken {
    name: String,
    token: String,
}

#[derive(Template)]
#[template(path = "accounts/tokens.html")]
struct TokensPage {
    shell: Shell,
    tokens: Vec<TokenItem>,
    scopes: Vec<ScopeChoice>,
    form: TokenForm,
    /// The date field's bounds: tomorrow, and five years ahead.
    min_date: String,
    max_date: String,
    errors: FormErrors,
    alert: Option<String>,
    /// The token just created, shown this once.
    new_token: Option<NewToken>,
    saved: Option<String>,
}

impl TokensPage {
    async fn load(
        state: &AppState,
        s: &SignedIn,
        shell: Shell,
        form: TokenForm,
    ) -> Result<Self, PageError> {
        let tokens = tokens::list_tokens(&state.ctx, &s.actor).await?;
        let today = state.ctx.today();
        let tokens = tokens
            .into_iter()
            .map(|t| TokenItem::of(&shell, t))
            .collect();
        let scopes = Scope::ALL
            .iter()
            .map(|s| ScopeChoice {
                value: s.as_str(),
                explanation: shell.t(&format!("scope-{}", s.as_str().replace(':', "-"))),
                checked: form.scopes.iter().any(|c| c == s.as_str()),
            })
            .collect();
        Ok(Self {
            tokens,
            scopes,
            form,
            min_date: today.tomorrow().map(|d| d.to_string()).unwrap_or_default(),
            max_date: today
                .checked_add(jiff::Span::new().years(5))
                .map(|d| d.to_string())
                .unwrap_or_default(),
            errors: FormErrors::default(),
            alert: None,
            new_token: None,
            saved: None,
            shell,
        })
    }
}

async fn tokens(
    State(state): State<AppState>,
    s: SignedIn,
    Saved(notice): Saved<AccountNotice>,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor);
    let mut page = TokensPage::load(&state, &s, shell, TokenForm::default()).await?;
    page.saved = Saved::text(notice, &page.shell);
    Ok(render(StatusCode::OK, &page))
}

/// `YYYY-MM-DD` from a date input; empty means no expiry.
fn parse_expiry(text: &str) -> Result<Option<jiff::civil::Date>, Error> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| {
        Error::invalid(
            "expires_on",
            "invalid_value",
            "Give the date as YYYY-MM-DD.",
        )
    })
}

/// API-1: the token is in this answer only (200, never in a redirect, an
/// address or a cookie), and the page is not cached.
async fn create_token(
    State(state): State<AppState>,
    s: SignedIn,
    fields: Fields,
) -> Result<Response, PageError> {
    let shell = Shell::of(&state, &s.visitor).at("/profile/tokens");
    let form = TokenForm {
        name: fields.get("name").to_string(),
        scopes: fields.all("scopes"),
        expires_on: fields.get("expires_on").to_string(),
    };
    let input = parse_expiry(&form.expires_on).map(|expires_on| CreateToken {
        name: &form.name,
        scopes: form.scopes.clone(),
        expires_on,
        password: fields.get("password"),
    });
    let created = match input {
        Ok(input) => tokens::create_token(&state.ctx, &s.actor, input).await,
        Err(e) => Err(e),
    };
    match created {
        Ok(created) => {
            let mut page = TokensPage::load(&state, &s, shell, TokenForm::default()).await?;
            page.new_token = Some(NewToken {
                name: created.view.name,
                token: created.token,
            });
            Ok(render(StatusCode::OK, &page))
        }
        Err(e) => {
            // This form's words first ("Enter a name for the token").
            let errors = match &e {
                Error::Validation(fields) => {
                    Some(FormErrors::localized_in(&shell, "token", fields))
                }
                _ => None,
            };
            let refusal = Refusal::of(&shell, e)?;
            let mut page = TokensPage::load(&state, &s, shell, form).await?;
            page.errors = errors.unwrap_or(refusal.errors);
            page.alert = refusal.alert;
            Ok(refused(&page, refusal.status, refusal.retry_after_secs))
        }
    }
}

async fn revoke_token(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = ApiTokenId::parse(&id).ok_or(Error::NotFound)?;
    tokens::revoke_token(&state.ctx, &s.actor, &id).await?;
    Ok(saved("/profile/tokens", AccountNotice::TokenRevoked))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_dates_parse_or_are_refused() {
        assert_eq!(parse_expiry("").unwrap(), None);
        assert_eq!(
            parse_expiry("2026-06-30").unwrap().unwrap().to_string(),
            "2026-06-30"
        );
        assert_eq!(
            parse_expiry("30.06.2026").unwrap_err().code(),
            "validation_failed"
        );
    }
}
