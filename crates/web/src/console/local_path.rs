//! The one check every redirect to a target derived from input passes
//! (issue 9: open redirect and a 500 through `next`).
//!
//! A [`LocalPath`] is a path of this site and nothing else: it starts with
//! one `/`, and every other byte is visible ASCII other than `\`. That
//! rules out schemes and authorities (`//host`, and `/\host` or `/\t/host`,
//! which browsers read as `//host` after dropping or turning characters),
//! control characters (C0, DEL, C1) and whitespace; and it makes the path
//! a valid header value, so a `Location` built from it cannot fail. Paths
//! of the console reach here percent-encoded (they come from a URI), so
//! nothing legitimate is lost.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

/// A path of this site, fit to redirect to. Only [`LocalPath::parse`] and
/// [`LocalPath::home`] make one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalPath(String);

impl LocalPath {
    /// `candidate` if it is a local path, else None.
    pub fn parse(candidate: &str) -> Option<Self> {
        let rest = candidate.strip_prefix('/')?;
        if rest.starts_with('/') {
            return None;
        }
        candidate
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'\\')
            .then(|| Self(candidate.to_string()))
    }

    /// `candidate` if it is a local path, else the home page.
    pub fn or_home(candidate: &str) -> Self {
        Self::parse(candidate).unwrap_or_else(Self::home)
    }

    pub fn home() -> Self {
        Self("/".into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The `Location` value: always valid, since the path is visible ASCII.
    fn header_value(&self) -> HeaderValue {
        HeaderValue::from_str(&self.0).unwrap_or_else(|_| HeaderValue::from_static("/"))
    }

    /// 303 See Other to this path (POST-redirect-GET).
    pub fn redirect(&self) -> Response {
        (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, self.header_value())],
        )
            .into_response()
    }
}

impl std::fmt::Display for LocalPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::LocalPath;

    // security: local redirects only (issue 9)
    #[test]
    fn hostile_targets_are_refused() {
        for hostile in [
            "/\t/evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "//evil.example",
            "///evil.example",
            "/ok\\..\\evil",
            "/\u{0}",
            "/\u{7f}",
            "/\u{85}",
            "\u{85}/x",
            "/\u{a0}/evil.example",
            "/\r\n/evil.example",
            "/\n",
            "/ x",
            " /x",
            "\t/x",
            "https://evil.example",
            "javascript:alert(1)",
            "evil.example",
            "",
            "/café",
        ] {
            assert_eq!(LocalPath::parse(hostile), None, "{hostile:?}");
            assert_eq!(LocalPath::or_home(hostile).as_str(), "/", "{hostile:?}");
        }
    }

    // security: local redirects only (issue 9)
    #[test]
    fn local_paths_are_kept_and_make_a_location() {
        for local in [
            "/",
            "/ok?a=b#c",
            "/orgs/org_1?saved=x",
            "/search?q=caf%C3%A9",
        ] {
            let path = LocalPath::parse(local).expect(local);
            assert_eq!(path.as_str(), local);
            let res = path.redirect();
            assert_eq!(res.status(), axum::http::StatusCode::SEE_OTHER);
            assert_eq!(res.headers()[axum::http::header::LOCATION], local);
        }
    }

    /// Decoded the way a query string is, `%09` is a tab: still refused.
    // security: local redirects only (issue 9)
    #[test]
    fn percent_decoded_controls_are_refused() {
        let decoded: Vec<(String, String)> =
            serde_urlencoded::from_str("next=/%09/evil.example&a=/%00&b=/%7F&c=/%5Cevil").unwrap();
        for (_, v) in decoded {
            assert_eq!(LocalPath::parse(&v), None, "{v:?}");
        }
    }
}
