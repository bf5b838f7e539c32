//! guichet-web's one test binary (STYLE: linking is the slow part on two
//! cores): the API conventions, the operations endpoints, the console, the
//! OpenAPI document, the error-code list and the browser tests.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod access_matrix;
mod api_accounts;
mod api_auth;
mod api_bank;
mod api_billing;
mod api_catalog;
mod api_orders;
mod api_orgs;
mod api_payments;
mod api_renewals;
mod api_support;
mod browser;
mod browser_accounts;
mod browser_billing;
mod browser_catalog;
mod browser_orgs;
mod browser_orgs_manage;
mod browser_payments;
mod browser_renewals;
mod browser_security;
mod browser_shop;
mod browser_staff;
mod browser_staff_bank;
mod browser_staff_catalog;
mod console;
mod console_accounts;
mod console_billing;
mod console_catalog;
mod console_orgs;
mod console_payments;
mod console_renewals;
mod console_shop;
mod console_support;
mod conventions;
mod errors_doc;
mod front_door;
mod input_edge;
mod openapi;
mod ops;
mod orgs_support;
mod server;
mod shell;
mod staff;
mod staff_catalog;
mod support;
