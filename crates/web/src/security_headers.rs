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

/// [`CONTENT_SECURITY_POLICY`], whose `form-action` also lets a form's
/// answer send the browser on to the payment gateway's own pages
/// (`gateway_pages`: origins, from `Gateways::page_origins`): "Pay" posts
/// here and is redirected there. Browsers check `form-action` on every
/// redirect after a form, so without them the redirect would be blocked.
pub fn content_security_policy(gateway_pages: &[String]) -> HeaderValue {
    let mut form_action = String::from("'self'");
    for origin in gateway_pages {
        // Origins come from configuration through `origin_of`; anything
        // that could break out of the directive is left out.
        if origin
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ":/.-[]".contains(c))
        {
            form_action.push(' ');
            form_action.push_str(origin);
        }
    }
    let policy = CONTENT_SECURITY_POLICY
        .replace("form-action 'self'", &format!("form-action {form_action}"));
    HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static(CONTENT_SECURITY_POLICY))
}

/// HSTS for a year, subdomains included: sent only when the public URL is
/// https, since over plain http browsers ignore it and a development
/// instance must stay reachable.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000; includeSubDomains";

/// Add the headers to `res`; `https` says whether the public URL is https,
/// `csp` is [`content_security_policy`]'s.
pub async fn add(mut res: Response, https: bool, csp: HeaderValue) -> Response {
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, csp);
    for (name, value) in [
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateway_pages_join_form_action_only() {
        let csp = content_security_policy(&[
            "https://checkout.stripe.com".into(),
            "http://127.0.0.1:9000".into(),
            "https://evil.example; script-src *".into(),
        ]);
        let csp = csp.to_str().unwrap();
        assert!(
            csp.contains("form-action 'self' https://checkout.stripe.com http://127.0.0.1:9000;")
        );
        assert!(!csp.contains("evil"));
        assert!(csp.contains("script-src 'self';"));
        assert_eq!(
            content_security_policy(&[]).to_str().unwrap(),
            CONTENT_SECURITY_POLICY
        );
    }
}
