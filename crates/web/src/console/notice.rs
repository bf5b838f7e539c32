//! What every form of the console does around its service call, in one
//! place:
//!
//! - [`Ids`]: the ids of a path (one that cannot be read is a 404);
//! - [`PostedForm`]: the body, read only once the caller has been checked,
//!   so that a stranger is answered 404 before anything judges the form;
//! - [`go`] and [`saved`]: POST-redirect-GET, with a notice named in the
//!   query (`?saved=<slug>`), which the page shows once through [`Saved`];
//!   each area lists its notices with [`notices!`];
//! - [`refusal`] and [`answer_refused`]: a refused post re-renders its page
//!   with the errors by their fields and a message above the form.
//!
//! An area uses it like this:
//!
//! ```ignore
//! notices! {
//!     /// What the profile pages say after a successful post.
//!     pub enum ProfileNotice in "saved-" {
//!         Profile = "profile",
//!         Password = "password",
//!     }
//! }
//! // after a post:
//! Ok(saved("/profile", ProfileNotice::Password))
//! // on the page:
//! async fn profile(.., Saved(notice): Saved<ProfileNotice>) { page.saved = Saved::text(notice, &shell); }
//! ```

use askama::Template;
use axum::{
    body::{Body, Bytes},
    extract::{FromRequest, FromRequestParts, Path, Request},
    http::{StatusCode, request::Parts},
    response::{IntoResponse, Response},
};
use guichet_core::Error;

use super::{
    Shell,
    errors::PageError,
    form::{Fields, FormErrors, Refusal},
    local_path::LocalPath,
    refused,
};
use crate::{AppState, path_ids::PathIds};

// ---------------------------------------------------------------- paths

/// Ids from the path. A path that cannot be read, or an id without its
/// kind's prefix, names nothing that exists: 404, like an unknown id.
pub struct Ids<T>(pub T);

impl<T: PathIds + Send> FromRequestParts<AppState> for Ids<T> {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        Path::<T::Raw>::from_request_parts(parts, state)
            .await
            .ok()
            .and_then(|Path(raw)| T::from_raw(raw))
            .map(Ids)
            .ok_or(PageError(Error::NotFound))
    }
}

// ---------------------------------------------------------------- bodies

/// A posted form, not read yet. Handlers of pages that belong to someone
/// (an organisation) first check that the visitor may see it, then
/// [`read`](PostedForm::read) the fields: a stranger gets the 404 page,
/// never a validation error that would tell the page exists.
pub struct PostedForm(Bytes);

impl<S: Send + Sync> FromRequest<S> for PostedForm {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Bytes::from_request(req, state)
            .await
            .map(PostedForm)
            .map_err(|_| PageError(Error::PayloadTooLarge))
    }
}

impl PostedForm {
    /// The fields, judged like [`Fields`] judges any form (422 for a
    /// control character).
    pub async fn read(self) -> Result<Fields, PageError> {
        Fields::from_request(Request::new(Body::from(self.0)), &()).await
    }
}

// ---------------------------------------------------------------- after a post

/// 303 to a page of ours. The path is made of ids the service has just
/// accepted; one that is no local path names nothing that exists.
pub fn go(path: &str) -> Response {
    match LocalPath::parse(path) {
        Some(to) => to.redirect(),
        None => PageError(Error::NotFound).into_response(),
    }
}

/// A notice a page shows once after a successful post. Each area lists
/// its own with [`notices!`]: an enum whose values are the only ones a
/// `?saved=` query may name (anything else shows nothing).
pub trait Notice: Copy + Send + Sync + 'static {
    /// Every notice of the area.
    const ALL: &'static [Self];
    /// Its name in the address, `?saved=<slug>`.
    fn slug(self) -> &'static str;
    /// The catalogue key of its text.
    fn key(self) -> &'static str;

    /// The notice a `?saved=` value names, if any.
    fn parse(slug: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|n| n.slug() == slug)
    }
}

/// Declare an area's notices: an enum, each value's slug, and the prefix
/// of their catalogue keys (`<prefix><slug>`).
macro_rules! notices {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident in $prefix:literal {
            $($(#[$vmeta:meta])* $variant:ident = $slug:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $crate::console::notice::Notice for $name {
            const ALL: &'static [Self] = &[$($name::$variant,)+];
            fn slug(self) -> &'static str {
                match self {
                    $($name::$variant => $slug,)+
                }
            }
            fn key(self) -> &'static str {
                match self {
                    $($name::$variant => concat!($prefix, $slug),)+
                }
            }
        }
    };
}
pub(crate) use notices;

/// Back to `path` after a successful post, to say `notice` there.
pub fn saved(path: &str, notice: impl Notice) -> Response {
    let sep = if path.contains('?') { '&' } else { '?' };
    go(&format!("{path}{sep}saved={}", notice.slug()))
}

/// The notice named by the page's `?saved=`, if it is one of `N`.
pub struct Saved<N>(pub Option<N>);

impl<N: Notice> Saved<N> {
    /// The notice's text in the page's language.
    pub fn text(notice: Option<N>, shell: &Shell) -> Option<String> {
        notice.map(|n| shell.t(n.key()))
    }
}

impl<N: Notice, S: Send + Sync> FromRequestParts<S> for Saved<N> {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        Ok(Saved(
            pairs
                .iter()
                .find(|(k, _)| k == "saved")
                .and_then(|(_, v)| N::parse(v)),
        ))
    }
}

// ---------------------------------------------------------------- refusals

/// A refused form's message, said above the form of `section` (a page
/// may have several forms).
#[derive(Debug)]
pub struct Alert {
    pub text: String,
    pub section: &'static str,
}

/// How a form answers a refusal: validation by its fields (422, in the
/// words of `form` first: `field-error-<form>-<code>`), a conflict with
/// the rule that refused it (409, `<conflicts><code>` in the catalogue,
/// else the service's text), throttling with how long to wait; anything
/// else is the error page (403, 404).
pub fn refusal(shell: &Shell, form: &str, conflicts: &str, e: Error) -> Result<Refusal, PageError> {
    match e {
        Error::Conflict { code, description } => Ok(Refusal::alert(
            StatusCode::CONFLICT,
            conflict_text(shell, conflicts, code, &description),
        )),
        Error::Validation(fields) => Ok(Refusal {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            errors: FormErrors::localized_in(shell, form, &fields),
            alert: Some(shell.t("form-has-errors")),
            retry_after_secs: None,
        }),
        other => Refusal::of(shell, other),
    }
}

/// A refusal's reason in the page's language (`<prefix><code>`, dashes for
/// underscores), or the service's English text for a code the catalogue
/// does not know.
pub fn conflict_text(shell: &Shell, prefix: &str, code: &str, description: &str) -> String {
    shell.t_or(&format!("{prefix}{}", code.replace('_', "-")), description)
}

/// A page whose forms show refusals: it has `errors` and `alert` fields.
/// Implement it with [`form_page!`].
pub trait FormPage: Template {
    fn refusal_slots(&mut self) -> (&mut FormErrors, &mut Option<Alert>);
}

/// Implement [`FormPage`] for page structs with `errors: FormErrors` and
/// `alert: Option<Alert>`, and give them `alert_in(section)` for their
/// templates.
macro_rules! form_page {
    ($($page:ty),+ $(,)?) => {$(
        impl $crate::console::notice::FormPage for $page {
            fn refusal_slots(
                &mut self,
            ) -> (
                &mut $crate::console::form::FormErrors,
                &mut Option<$crate::console::notice::Alert>,
            ) {
                (&mut self.errors, &mut self.alert)
            }
        }

        impl $page {
            /// The refusal to show above the form of `section`, if any.
            fn alert_in(&self, section: &str) -> Option<&$crate::console::notice::Alert> {
                self.alert.as_ref().filter(|a| a.section == section)
            }
        }
    )+};
}
pub(crate) use form_page;

/// The page again, with the refusal `r` by the form of `section`, and
/// its status.
pub fn answer_refused(mut page: impl FormPage, r: Refusal, section: &'static str) -> Response {
    let (errors, alert) = page.refusal_slots();
    *errors = r.errors;
    *alert = r.alert.map(|text| Alert { text, section });
    refused(&page, r.status, r.retry_after_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    notices! {
        enum Said in "saved-" {
            One = "one",
            Two = "two-words",
        }
    }

    fn saved_of(uri: &str) -> Option<Said> {
        let (mut parts, ()) = axum::http::Request::get(uri).body(()).unwrap().into_parts();
        let Saved(n) =
            futures::executor::block_on(Saved::<Said>::from_request_parts(&mut parts, &()))
                .unwrap();
        n
    }

    #[test]
    fn a_notice_goes_through_the_address_and_only_known_ones_come_back() {
        let r = saved("/orgs/org_1/members", Said::Two);
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            r.headers()["location"],
            "/orgs/org_1/members?saved=two-words"
        );
        let r = saved("/orgs/org_1/audit?page=2", Said::One);
        assert_eq!(
            r.headers()["location"],
            "/orgs/org_1/audit?page=2&saved=one"
        );
        assert_eq!(saved_of("/x?saved=two-words"), Some(Said::Two));
        assert_eq!(saved_of("/x?page=2&saved=one"), Some(Said::One));
        assert_eq!(saved_of("/x?saved=%3Cscript%3E"), None);
        assert_eq!(saved_of("/x?saved=%ZZ"), None);
        assert_eq!(saved_of("/x"), None);
        assert_eq!(Said::Two.key(), "saved-two-words");
    }

    #[test]
    fn a_path_that_is_not_ours_is_not_followed() {
        assert_eq!(go("//evil.example").status(), StatusCode::NOT_FOUND);
    }
}
