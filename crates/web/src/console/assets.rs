//! The console's own stylesheet, compiled into the binary.

use axum::{
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};

const APP_CSS: &str = include_str!("../../assets/app.css");

pub async fn stylesheet() -> Response {
    let mut r = APP_CSS.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}
