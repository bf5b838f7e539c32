//! The console: server-rendered pages in the visitor's language. Each area
//! of SPEC.md gets its own module; this one holds the shell (layout,
//! language, error pages, assets) and the home page.

pub mod accounts;
pub mod assets;
pub mod catalog;
pub mod cookies;
pub mod errors;
pub mod form;
pub mod local_path;
pub mod notice;
pub mod orgs;
pub mod security;
pub mod tokens;
pub mod visitor;

use std::borrow::Borrow;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Router,
    extract::{FromRequestParts, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header, request::Parts},
    response::{Html, IntoResponse, Response},
    routing::get,
};
use guichet_core::{
    Error,
    accounts::{self as core_accounts, ProfilePatch},
    i18n::{I18n, Lang},
    money::Money,
    orgs::{OrgSummary, Role},
};
use serde::Deserialize;

use self::{errors::PageError, form::Fields, local_path::LocalPath, visitor::Visitor};
use crate::AppState;

/// Every console page, behind the visitor layer (session, language, form
/// tokens).
pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .merge(accounts::routes())
        .merge(security::routes())
        .merge(tokens::routes())
        .merge(orgs::routes())
        .route("/", get(home))
        .route("/catalog", get(catalog::catalogue))
        .route("/language", get(switch_language).post(save_language))
        .route("/assets/app.css", get(assets::stylesheet))
        .route("/assets/tokens.js", get(assets::tokens_script))
        .route("/assets/menu.js", get(assets::menu_script))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            visitor::load_visitor,
        ))
        .layer(axum::middleware::from_fn(errors::refuse_unnamable_paths))
}

/// The visitor's language: the language cookie, else the browser's
/// `Accept-Language`, else the provider's default.
#[derive(Debug, Clone, Copy)]
pub struct PageLang(pub Lang);

impl FromRequestParts<AppState> for PageLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(PageLang(language_of(&parts.headers, state)))
    }
}

pub fn language_of(headers: &HeaderMap, state: &AppState) -> Lang {
    cookies::LANG
        .read(state, headers)
        .and_then(|v| Lang::parse(&v))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::negotiate)
        })
        .unwrap_or_else(|| Lang::parse(&state.ctx.config.default_language).unwrap_or_default())
}

/// What every page's layout needs: the language, translations, the
/// language switch, the current path (to come back to after switching), who
/// is signed in and the form token of the page's forms.
pub struct Shell {
    pub lang: Lang,
    pub i18n: std::sync::Arc<I18n>,
    pub provider: String,
    /// Path and query of the page.
    pub path: String,
    /// The signed-in user's name, else their address; None signed out.
    pub signed_in: Option<String>,
    /// The `csrf` value of the page's forms. Empty when the visitor is not
    /// known (an error page drawn outside the visitor layer): the layout
    /// then falls back to forms that need no token.
    pub csrf: String,
    /// The provider's time zone: dates and times are shown in it.
    pub tz: jiff::tz::TimeZone,
    /// Signed in: their organisations, for the switcher (ACC-7).
    pub orgs: Vec<OrgSummary>,
}

impl Shell {
    /// A page for an unknown visitor (signed out, no form token).
    pub fn new(state: &AppState, lang: Lang, path: &str) -> Self {
        Self {
            lang,
            i18n: state.ctx.i18n.clone(),
            provider: state.ctx.config.provider_name.clone(),
            path: path.to_string(),
            signed_in: None,
            csrf: String::new(),
            tz: state.ctx.tz.clone(),
            orgs: Vec::new(),
        }
    }

    /// A page for this visitor, at the path they asked for.
    pub fn of(state: &AppState, visitor: &Visitor) -> Self {
        let mut shell = Self::new(state, visitor.lang, &visitor.path);
        shell.signed_in = visitor
            .session
            .as_ref()
            .map(|s| display_name(&s.name, &s.email));
        shell.csrf = visitor.csrf.clone();
        shell.orgs = visitor.orgs.clone();
        shell
    }

    /// The same page seen as `path`: a form re-rendered after a POST
    /// belongs to the page that shows it, so that the navigation marks the
    /// right entry and the language switch comes back to a GET.
    pub fn at(mut self, path: &str) -> Self {
        self.path = path.to_string();
        self
    }

    /// Is `path` the page shown (the query aside)?
    pub fn is_current(&self, path: &str) -> bool {
        self.path.split('?').next() == Some(path)
    }

    /// Translate a key (templates call `shell.t("…")`).
    pub fn t(&self, key: &str) -> String {
        self.i18n.t(self.lang, key)
    }

    /// Translate a key, or show `fallback` when the catalogue has no such
    /// key (a value the code does not know yet, like a new event kind).
    pub fn t_or(&self, key: &str, fallback: &str) -> String {
        let text = self.t(key);
        if text == key {
            fallback.to_string()
        } else {
            text
        }
    }

    /// Translate a key with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl std::fmt::Display) -> String {
        self.i18n
            .t_args(self.lang, key, &[(name, value.to_string().into())])
    }

    /// Translate a key with a number, for plural forms.
    pub fn t_count(&self, key: &str, name: &str, n: u64) -> String {
        self.i18n.t_args(self.lang, key, &[(name, n.into())])
    }

    /// Translate a key with several arguments.
    pub fn t_args(&self, key: &str, args: &[(&str, String)]) -> String {
        let args: Vec<_> = args.iter().map(|(k, v)| (*k, v.clone().into())).collect();
        self.i18n.t_args(self.lang, key, &args)
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        Lang::ALL
            .iter()
            .map(|l| (l.code(), l.native_name(), *l == self.lang))
            .collect()
    }

    pub fn footer(&self) -> String {
        self.t1("footer-text", "provider", &self.provider)
    }

    fn zoned(&self, unix_secs: i64) -> Option<jiff::Zoned> {
        jiff::Timestamp::from_second(unix_secs)
            .ok()
            .map(|t| t.to_zoned(self.tz.clone()))
    }

    fn date_of(&self, z: &jiff::Zoned) -> String {
        self.day_text(z.year(), z.month(), z.day())
    }

    fn day_text(&self, year: i16, month: i8, day: i8) -> String {
        // The day as a number, for languages that write the first of the
        // month differently ("1er mars"); the year as text, never grouped.
        let month = self.t(&format!("month-{month}"));
        self.i18n.t_args(
            self.lang,
            "format-date",
            &[
                ("day", day.into()),
                ("month", month.into()),
                ("year", year.to_string().into()),
            ],
        )
    }

    /// A calendar date (an invoice's issue or due date, a service
    /// period's day), written as [`Shell::date`] writes an instant's day.
    pub fn day(&self, d: impl Borrow<jiff::civil::Date>) -> String {
        let d = d.borrow();
        self.day_text(d.year(), d.month(), d.day())
    }

    /// Money as the page's language writes it (see [`money_text`]).
    pub fn money(&self, m: impl Borrow<Money>) -> String {
        money_text(self.lang, *m.borrow())
    }

    /// A whole number grouped like money's units (a quantity).
    pub fn integer(&self, n: impl Borrow<i64>) -> String {
        let n = *n.borrow();
        let (group, _) = number_separators(self.lang);
        let digits = group_thousands(&n.unsigned_abs().to_string(), group);
        if n < 0 { format!("-{digits}") } else { digits }
    }

    /// A VAT rate in percent, as the core writes it (`"8.1"`), with the
    /// page's decimal separator and its percent sign (`8.1 %`, `8,1 %`).
    pub fn percent(&self, rate: &str) -> String {
        let (_, decimal) = number_separators(self.lang);
        let rate = rate.replace('.', decimal);
        match self.lang {
            Lang::En => format!("{rate}%"),
            Lang::Fr | Lang::De | Lang::It => format!("{rate}\u{a0}%"),
        }
    }

    /// An instant (unix seconds) as a date and time in the provider's time
    /// zone, with the month's name in the page's language.
    pub fn datetime(&self, unix_secs: impl Borrow<i64>) -> String {
        let Some(z) = self.zoned(*unix_secs.borrow()) else {
            return String::new();
        };
        self.t_args(
            "format-datetime",
            &[
                ("date", self.date_of(&z)),
                ("time", z.strftime("%H:%M").to_string()),
            ],
        )
    }

    /// The calendar date of an instant in the provider's time zone.
    pub fn date(&self, unix_secs: impl Borrow<i64>) -> String {
        self.zoned(*unix_secs.borrow())
            .map(|z| self.date_of(&z))
            .unwrap_or_default()
    }

    /// The `datetime` attribute of a `<time>` element (ISO 8601).
    pub fn iso(&self, unix_secs: impl Borrow<i64>) -> String {
        self.zoned(*unix_secs.borrow())
            .map(|z| z.strftime("%Y-%m-%dT%H:%M%:z").to_string())
            .unwrap_or_default()
    }

    /// The organisation whose pages are shown (`/orgs/{id}…`), if it is one
    /// of the visitor's.
    pub fn current_org(&self) -> Option<&OrgSummary> {
        let rest = self.path.split('?').next()?.strip_prefix("/orgs/")?;
        let id = rest.split('/').next()?;
        self.orgs.iter().find(|o| o.id == id)
    }

    /// What the switcher's button says: the organisation shown, else the
    /// word for all of them.
    pub fn switcher_title(&self) -> String {
        self.current_org()
            .map_or_else(|| self.t("nav-orgs"), |o| o.name.clone())
    }

    /// A role's name in the page's language (ORG-1).
    pub fn role_label(&self, role: impl Borrow<Role>) -> String {
        self.t(&format!(
            "role-{}",
            role.borrow().as_str().replace('_', "-")
        ))
    }

    /// The provider's time zone's name, e.g. `Europe/Zurich`.
    pub fn tz_name(&self) -> String {
        self.tz.iana_name().unwrap_or("UTC").to_string()
    }
}

/// Something the console lets a customer do, as the home page shows it:
/// its page, and its two texts in the catalogue (`home-card-<key>` and
/// `home-card-<key>-text`). The home page lists only what exists (issue
/// 10): when a capability lands (products, invoices, two-factor sign-in),
/// it adds its entry here and its texts, and the home page grows with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capability {
    pub key: &'static str,
    pub href: &'static str,
}

/// What the console offers today, in the order the home page shows it.
pub const CAPABILITIES: &[Capability] = &[
    Capability {
        key: "account",
        href: "/profile",
    },
    Capability {
        key: "orgs",
        href: "/orgs",
    },
    Capability {
        key: "tokens",
        href: "/profile/tokens",
    },
];

/// A capability as the home page shows it, in the page's language.
struct Card {
    key: &'static str,
    href: &'static str,
    title: String,
    text: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomePage {
    shell: Shell,
    cards: Vec<Card>,
}

async fn home(State(state): State<AppState>, visitor: Visitor) -> impl IntoResponse {
    let shell = Shell::of(&state, &visitor);
    let cards = CAPABILITIES
        .iter()
        .map(|c| Card {
            key: c.key,
            href: c.href,
            title: shell.t(&format!("home-card-{}", c.key)),
            text: shell.t(&format!("home-card-{}-text", c.key)),
        })
        .collect();
    HomePage { shell, cards }
}

#[derive(Deserialize)]
struct SwitchLanguage {
    lang: String,
    next: Option<String>,
}

/// Set the language cookie and go back where the visitor was. A plain GET
/// link works without a form token; it only sets the cookie, which is what
/// signed-out visitors need. `next` must be a local path (no open
/// redirect).
async fn switch_language(
    State(state): State<AppState>,
    Query(q): Query<SwitchLanguage>,
) -> Response {
    let lang = Lang::parse(&q.lang).unwrap_or_default();
    language_chosen(&state, lang, q.next.as_deref())
}

/// The layout's language form (POST, with the form token): signed in, the
/// choice is saved to the profile too, since a signed-in user's pages
/// follow their profile's language.
async fn save_language(
    State(state): State<AppState>,
    visitor: Visitor,
    fields: Fields,
) -> Result<Response, PageError> {
    let lang = Lang::parse(fields.get("lang")).unwrap_or_default();
    if let Some(actor) = visitor.actor() {
        let patch = ProfilePatch {
            language: Some(lang),
            ..ProfilePatch::default()
        };
        core_accounts::update_profile(&state.ctx, &actor, patch).await?;
    }
    Ok(language_chosen(&state, lang, Some(fields.get("next"))))
}

/// Remember `lang` in a cookie (it outlives the session) and go to `next`.
pub fn language_chosen(state: &AppState, lang: Lang, next: Option<&str>) -> Response {
    let mut r = LocalPath::or_home(next.unwrap_or_default()).redirect();
    if let Some(v) = language_cookie(state, lang) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// The language cookie for a year.
pub fn language_cookie(state: &AppState, lang: Lang) -> Option<HeaderValue> {
    cookies::LANG.set(state, lang.code(), Some(31_536_000))
}

/// A page, never stored by a cache: console pages are personal, and some
/// show a secret (a new token) that must not linger anywhere.
pub fn render(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => {
            let mut r = (status, Html(html)).into_response();
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(e) => PageError(Error::internal(format!("rendering a page: {e}"))).into_response(),
    }
}

/// A form page answering a refused post: its status, and `Retry-After`
/// when the visitor must wait.
pub fn refused(
    page: &impl Template,
    status: StatusCode,
    retry_after_secs: Option<u64>,
) -> Response {
    let mut r = render(status, page);
    if let Some(secs) = retry_after_secs {
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    r
}

/// The thousands and decimal separators of a language's amounts.
fn number_separators(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => (",", "."),
        // The narrow no-break space, as French typography groups digits.
        Lang::Fr => ("\u{202f}", ","),
        // The Swiss norm for German and Italian: a right single quote.
        Lang::De | Lang::It => ("\u{2019}", "."),
    }
}

/// `digits` (ASCII, no sign) grouped by three from the right.
fn group_thousands(digits: &str, separator: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// The one rule for money on pages: the ISO code, a no-break space, then
/// the exact amount with all its minor digits, thousands grouped and the
/// decimal separator as the page's language writes them, whatever the
/// currency: `CHF 1,234.50` (en), `CHF 1 234,50` (fr, narrow no-break
/// space), `CHF 1’234.50` (de, it: the Swiss norm). A negative amount
/// puts its minus before the digits: `CHF -5.00`. Built from the exact
/// decimal string, never through a float.
pub fn money_text(lang: Lang, m: Money) -> String {
    let exact = m.amount_string();
    let (negative, magnitude) = match exact.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, exact.as_str()),
    };
    let (units, fraction) = magnitude.split_once('.').unwrap_or((magnitude, ""));
    let (group, decimal) = number_separators(lang);
    let mut text = format!("{}\u{a0}", m.currency.code());
    if negative {
        text.push('-');
    }
    text.push_str(&group_thousands(units, group));
    if !fraction.is_empty() {
        text.push_str(decimal);
        text.push_str(fraction);
    }
    text
}

/// How the layout names a signed-in user: their name, else their address.
pub fn display_name(name: &str, email: &str) -> String {
    if name.trim().is_empty() {
        email.to_string()
    } else {
        name.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use guichet_core::money::Currency;
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn money_is_written_the_way_each_language_writes_it() {
        let chf = |minor| Money::new(minor, Currency::Chf);
        assert_eq!(money_text(Lang::En, chf(123_450)), "CHF\u{a0}1,234.50");
        assert_eq!(
            money_text(Lang::Fr, chf(123_450)),
            "CHF\u{a0}1\u{202f}234,50"
        );
        assert_eq!(
            money_text(Lang::De, chf(123_450)),
            "CHF\u{a0}1\u{2019}234.50"
        );
        assert_eq!(money_text(Lang::It, chf(5)), "CHF\u{a0}0.05");
        assert_eq!(
            money_text(Lang::En, Money::new(-100_000_000, Currency::Eur)),
            "EUR\u{a0}-1,000,000.00"
        );
        assert_eq!(money_text(Lang::De, chf(99_999)), "CHF\u{a0}999.99");
    }

    proptest! {
        #[test]
        fn the_written_amount_is_the_exact_amount(minor in any::<i64>()) {
            // proves: BIL-7 (money is exact, also where it is shown)
            for lang in Lang::ALL {
                let m = Money::new(minor, Currency::Chf);
                let text = money_text(lang, m);
                let (group, decimal) = number_separators(lang);
                let back = text
                    .strip_prefix("CHF\u{a0}")
                    .unwrap()
                    .replace(group, "")
                    .replace(decimal, ".");
                prop_assert_eq!(Money::parse(&back, Currency::Chf), Ok(m));
            }
        }
    }
}
