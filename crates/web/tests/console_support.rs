//! The console in process, the way a browser uses it: a cookie jar, the
//! form token of the last page seen, and the links the mails carry.

use std::{collections::BTreeMap, sync::Arc};

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use guichet_core::testing::TestApp;

use crate::support::{Answer, send};

/// One browser: its cookies, and the form token of the last page it saw.
pub struct Visit {
    app: Arc<TestApp>,
    cookies: BTreeMap<String, String>,
    csrf: Option<String>,
}

impl Visit {
    pub fn new(app: &Arc<TestApp>) -> Self {
        Self {
            app: app.clone(),
            cookies: BTreeMap::new(),
            csrf: None,
        }
    }

    pub async fn get(&mut self, path: &str) -> Answer {
        let req = self
            .request(Request::get(path))
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    /// Post a form with the form token of the last page seen.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let csrf = self.csrf.clone().expect("a page with a form was seen");
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Post exactly these fields (a forged or stale form).
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let body = serde_urlencoded::to_string(fields).unwrap();
        let req = self
            .request(Request::post(path))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    fn request(&self, req: axum::http::request::Builder) -> axum::http::request::Builder {
        if self.cookies.is_empty() {
            return req;
        }
        let jar: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        req.header(header::COOKIE, jar.join("; "))
    }

    async fn send(&mut self, req: Request<Body>) -> Answer {
        let res = send(&self.app, req).await;
        for set in res.headers.get_all(header::SET_COOKIE) {
            let set = set.to_str().unwrap();
            let (pair, attributes) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() || attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_string(), value.to_string());
            }
        }
        // A download (a PDF) is no page: read it without asking for UTF-8.
        if let Some(token) = csrf_of(&String::from_utf8_lossy(&res.body)) {
            self.csrf = Some(token);
        }
        res
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }
}

/// The form token in a page, if it has a form.
pub fn csrf_of(html: &str) -> Option<String> {
    let start = html.find(r#"name="csrf" value=""#)? + r#"name="csrf" value=""#.len();
    let len = html[start..].find('"')?;
    Some(html[start..start + len].to_string())
}

/// The text of the element with `data-testid="<id>"` (a simple element:
/// up to its first tag).
pub fn test_id_text(html: &str, id: &str) -> Option<String> {
    let at = html.find(&format!(r#"data-testid="{id}""#))?;
    let start = at + html[at..].find('>')? + 1;
    let len = html[start..].find('<')?;
    Some(html[start..start + len].trim().to_string())
}

/// The path and query of the link to `path` in the mails to `to` (the
/// last such mail: the test clock stands still, so mails of one instant
/// are told apart by their link, not by their order).
pub async fn link_in_mail(app: &TestApp, to: &str, path: &str) -> String {
    let needle = format!("{path}?token=");
    let mails = app.mails_to(to).await;
    let text = mails
        .iter()
        .rev()
        .map(|m| m.text.as_str())
        .find(|t| t.contains(&needle))
        .unwrap_or_else(|| panic!("no {path} link in the mails to {to}: {mails:?}"));
    let rest = &text[text.find(&needle).unwrap()..];
    rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())].to_string()
}

pub fn assert_redirect(res: &Answer, to: &str) {
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
    assert_eq!(res.header(header::LOCATION), to);
}

/// A browser signed in as `email`, on its profile page.
pub async fn signed_in(app: &Arc<TestApp>, email: &str, password: &str) -> Visit {
    let mut v = Visit::new(app);
    v.get("/signin").await;
    let res = v
        .post("/signin", &[("email", email), ("password", password)])
        .await;
    assert_redirect(&res, "/");
    let res = v.get("/profile").await;
    assert_eq!(res.status, StatusCode::OK);
    v
}

pub async fn user_id(app: &TestApp, email: &str) -> String {
    let mut c = app.ctx.db.acquire().await.unwrap();
    guichet_core::accounts::store::user_by_email(c.conn(), &email.to_lowercase())
        .await
        .unwrap()
        .expect("the user exists")
        .id
        .into_string()
}
