//! The console's own stylesheet and script, compiled into the binary.
//! Served from our origin: the Content-Security-Policy allows no inline
//! script or style, and nothing from elsewhere.

use axum::{
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};

const APP_CSS: &str = include_str!("../../assets/app.css");
const TOKENS_JS: &str = include_str!("../../assets/tokens.js");

pub async fn stylesheet() -> Response {
    asset(APP_CSS, "text/css; charset=utf-8")
}

/// The copy button of the API token page.
pub async fn tokens_script() -> Response {
    asset(TOKENS_JS, "text/javascript; charset=utf-8")
}

fn asset(body: &'static str, content_type: &'static str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}
