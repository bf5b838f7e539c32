//! Security headers on every answer: pages, API answers, assets, error
//! pages, 404s and the operations endpoints (issue 9; ASVS 5.0 V3.4). One
//! layer around the whole router, so no route can answer without them.
//! docs/operations.md ("Security headers") says why each is there.

use axum::{
    http::{HeaderName, HeaderValue, header},
    response::Response,
};

/// Only our own files: the console's stylesheet and script come from
/// `/assets/`, and no template carries inline script or style. Forms post
/// to this site only; no page may be framed; `<base>` cannot move links.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; \
     base-uri 'none'";

/// HSTS for a year, subdomains included: sent only when the public URL is
/// https, since over plain http browsers ignore it and a development
/// instance must stay reachable.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000; includeSubDomains";

/// Add the headers to `res`; `https` says whether the public URL is https.
pub async fn add(mut res: Response, https: bool) -> Response {
    let h = res.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        // Our own pages still see where a form came from (the CSRF check
        // reads `Referer` when `Origin` is missing); other sites never see
        // our URLs, some of which carry a one-time secret.
        (header::REFERRER_POLICY, "same-origin"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ] {
        h.insert(name, HeaderValue::from_static(value));
    }
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        );
    }
    res
}
