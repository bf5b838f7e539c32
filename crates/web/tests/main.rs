//! guichet-web's one test binary (STYLE: linking is the slow part on two
//! cores): the API conventions, the operations endpoints, the console, the
//! OpenAPI document, the error-code list and the browser tests.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod browser;
mod console;
mod conventions;
mod errors_doc;
mod openapi;
mod ops;
mod support;
mod api_accounts;
mod api_auth;
mod api_support;
mod console_accounts;
mod browser_accounts;
