//! The console's cookies, read and written in one place so that a name is
//! spelled once.
//!
//! Behind https every one of them is named with the `__Host-` prefix:
//! browsers then accept it only with `Secure`, `Path=/` and no `Domain`,
//! so a sibling subdomain cannot plant a session, a form token, a
//! language or a `next` of its choosing; a cookie without the prefix is
//! ignored there. Over plain http (development) browsers refuse the
//! prefix, so the plain name is used.

use axum::http::{HeaderMap, HeaderValue, header};

use crate::AppState;

const HOST_PREFIX: &str = "__Host-";

/// One of our cookies, by its prefixed name.
#[derive(Debug, Clone, Copy)]
pub struct OurCookie(&'static str);

/// The signed-in session's token.
pub const SESSION: OurCookie = OurCookie("__Host-guichet_session");
/// The form token of signed-out visitors (double submit).
pub const CSRF: OurCookie = OurCookie("__Host-guichet_csrf");
/// Where a sign-up was going, until the new user signs in.
pub const NEXT: OurCookie = OurCookie("__Host-guichet_next");
/// The language chosen by the switch.
pub const LANG: OurCookie = OurCookie("__Host-guichet_lang");
/// A staff member's back-office session (`/staff`), apart from customers'.
pub const STAFF_SESSION: OurCookie = OurCookie("__Host-guichet_staff");

impl OurCookie {
    /// The name in use: prefixed behind https only.
    pub fn name(self, state: &AppState) -> &'static str {
        if state.ctx.config.secure_cookies() {
            self.0
        } else {
            self.0.strip_prefix(HOST_PREFIX).unwrap_or(self.0)
        }
    }

    /// Its value in the request, under the name in use only.
    pub fn read(self, state: &AppState, headers: &HeaderMap) -> Option<String> {
        let name = self.name(state);
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }

    /// `Set-Cookie` for `value`: `HttpOnly; SameSite=Lax; Path=/`, never a
    /// `Domain`, `Secure` behind https. None if `value` is no header value.
    pub fn set(
        self,
        state: &AppState,
        value: &str,
        max_age_secs: Option<i64>,
    ) -> Option<HeaderValue> {
        let secure = if state.ctx.config.secure_cookies() {
            "; Secure"
        } else {
            ""
        };
        let age = max_age_secs
            .map(|a| format!("; Max-Age={a}"))
            .unwrap_or_default();
        HeaderValue::from_str(&format!(
            "{}={value}; Path=/; HttpOnly; SameSite=Lax{secure}{age}",
            self.name(state)
        ))
        .ok()
    }

    /// `Set-Cookie` that removes it.
    pub fn clear(self, state: &AppState) -> Option<HeaderValue> {
        self.set(state, "", Some(0))
    }
}
