//! Guichet core's integration tests: one binary (linking is the slow part),
//! one module per area. Store and service tests run on SQLite and on
//! PostgreSQL through `guichet_core::both_engines!`; each names the SPEC
//! rules it proves (`// proves: OPS-2`).
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod accounts;
mod accounts_support;
mod backoff;
mod bank;
mod billing;
mod billing_pdf;
mod catalog_admin;
mod hashing;
mod invariants;
mod jobs;
mod orders;
mod orgs;
mod orgs_standing;
mod orgs_support;
mod outbox;
mod outbox_mail;
mod outbox_wake;
mod passwords;
mod payments;
mod payments_reminders;
mod payments_sandbox;
mod payments_stripe;
mod products;
mod ratelimit;
mod recovery;
mod renewals;
mod schema;
mod sessions;
mod smtp;
mod staff;
mod statements;
mod storage;
mod support;
mod tokens;
