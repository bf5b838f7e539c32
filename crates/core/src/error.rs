//! The one error type of Guichet. Each variant says which HTTP status and
//! which stable code it becomes; `docs/errors.md` lists every code and a test
//! keeps the two in step.

use std::fmt;

/// A problem with one input field, reported inside a `validation_failed` error.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// Stable code, e.g. `invalid_email`, `too_short`.
    pub code: &'static str,
    /// Human description in English (the console translates by code).
    pub description: String,
    /// The attribute (JSON field or form field) concerned.
    pub attribute: String,
}

impl FieldError {
    pub fn new(
        attribute: impl Into<String>,
        code: &'static str,
        description: impl Into<String>,
    ) -> Self {
        Self {
            code,
            description: description.into(),
            attribute: attribute.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// 404 `object_not_found`. Also answered for objects of another
    /// organisation, so that their existence is never revealed.
    #[error("object not found")]
    NotFound,
    /// 422 `validation_failed`, with one entry per field.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// 400 with the given code (`invalid_json`, `invalid_parameter`, …):
    /// the request itself is malformed.
    #[error("{description}")]
    BadRequest {
        code: &'static str,
        description: String,
    },
    /// 413 `payload_too_large`: the body is over the configured limit.
    #[error("the request body is too large")]
    PayloadTooLarge,
    /// 405 `method_not_allowed`: the path exists, not with this method.
    #[error("this method is not allowed on this path")]
    MethodNotAllowed,
    /// 415 `unsupported_media_type`: the body is not `application/json`.
    #[error("the body must be sent as application/json")]
    UnsupportedMediaType,
    /// 409 with the given code: the request conflicts with the current state
    /// (`email_taken`, `last_owner`, `already_exists`, …).
    #[error("{description}")]
    Conflict {
        code: &'static str,
        description: String,
    },
    /// 401 `not_authenticated`, `invalid_token`: no valid credentials.
    #[error("{description}")]
    Unauthenticated {
        code: &'static str,
        description: String,
    },
    /// 403 `forbidden`, `insufficient_scope`: authenticated but not allowed.
    #[error("{description}")]
    Forbidden {
        code: &'static str,
        description: String,
    },
    /// 429 `too_many_requests`, with the number of seconds to wait.
    #[error("too many requests, retry in {retry_after_secs} s")]
    Throttled { retry_after_secs: u64 },
    /// 503 `service_unavailable`: the database (or another dependency) does
    /// not answer; the request may be retried.
    #[error("service unavailable")]
    Unavailable,
    /// 500 `internal_error`. The detail is logged, never sent to the client.
    #[error("internal error: {0}")]
    Internal(String),
}

/// The class of an error, which the web layer maps to an HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    Validation,
    BadRequest,
    PayloadTooLarge,
    MethodNotAllowed,
    UnsupportedMediaType,
    Conflict,
    Unauthenticated,
    Forbidden,
    Throttled,
    Unavailable,
    Internal,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn conflict(code: &'static str, description: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            description: description.into(),
        }
    }
    pub fn bad_request(code: &'static str, description: impl Into<String>) -> Self {
        Self::BadRequest {
            code,
            description: description.into(),
        }
    }
    pub fn forbidden(code: &'static str, description: impl Into<String>) -> Self {
        Self::Forbidden {
            code,
            description: description.into(),
        }
    }
    pub fn unauthenticated(code: &'static str, description: impl Into<String>) -> Self {
        Self::Unauthenticated {
            code,
            description: description.into(),
        }
    }
    pub fn invalid(
        attribute: impl Into<String>,
        code: &'static str,
        description: impl Into<String>,
    ) -> Self {
        Self::Validation(vec![FieldError::new(attribute, code, description)])
    }
    pub fn internal(detail: impl fmt::Display) -> Self {
        Self::Internal(detail.to_string())
    }

    /// The stable code sent to clients.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound => "object_not_found",
            Error::Validation(_) => "validation_failed",
            Error::PayloadTooLarge => "payload_too_large",
            Error::MethodNotAllowed => "method_not_allowed",
            Error::UnsupportedMediaType => "unsupported_media_type",
            Error::BadRequest { code, .. }
            | Error::Conflict { code, .. }
            | Error::Unauthenticated { code, .. }
            | Error::Forbidden { code, .. } => code,
            Error::Throttled { .. } => "too_many_requests",
            Error::Unavailable => "service_unavailable",
            Error::Internal(_) => "internal_error",
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound => ErrorKind::NotFound,
            Error::Validation(_) => ErrorKind::Validation,
            Error::BadRequest { .. } => ErrorKind::BadRequest,
            Error::PayloadTooLarge => ErrorKind::PayloadTooLarge,
            Error::MethodNotAllowed => ErrorKind::MethodNotAllowed,
            Error::UnsupportedMediaType => ErrorKind::UnsupportedMediaType,
            Error::Conflict { .. } => ErrorKind::Conflict,
            Error::Unauthenticated { .. } => ErrorKind::Unauthenticated,
            Error::Forbidden { .. } => ErrorKind::Forbidden,
            Error::Throttled { .. } => ErrorKind::Throttled,
            Error::Unavailable => ErrorKind::Unavailable,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    /// The description sent to clients: never the internal detail.
    pub fn public_description(&self) -> String {
        match self {
            Error::NotFound => "The object does not exist or is not yours.".into(),
            Error::Validation(_) => "Some fields are invalid.".into(),
            Error::Unavailable => {
                "The service is temporarily unavailable; try again shortly.".into()
            }
            Error::Internal(_) => "An internal error occurred; it has been logged.".into(),
            other => other.to_string(),
        }
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => Error::NotFound,
            // A database that does not answer is a transient outage: 503, and
            // the pool reconnects by itself once it is back.
            sqlx::Error::Io(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Tls(_)
            | sqlx::Error::Protocol(_) => Error::Unavailable,
            sqlx::Error::Database(db) if is_unavailable_code(db.code().as_deref()) => {
                Error::Unavailable
            }
            _ => Error::Internal(e.to_string()),
        }
    }
}

/// PostgreSQL codes that mean "the server is going away or refuses
/// connections" (class 08 and 57P0x); SQLite "busy" after the busy timeout.
fn is_unavailable_code(code: Option<&str>) -> bool {
    match code {
        Some(c) => c.starts_with("08") || c.starts_with("57P0") || c == "5" || c == "517",
        None => false,
    }
}

impl From<jiff::Error> for Error {
    fn from(e: jiff::Error) -> Self {
        Error::Internal(format!("date arithmetic: {e}"))
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Internal(format!("json: {e}"))
    }
}

/// Turn a unique-constraint violation on `constraint` into `err`; any other
/// error converts as usual. The single place where index names meet user
/// errors (STYLE: on_constraint).
pub fn on_constraint(
    constraint: &'static str,
    err: impl FnOnce() -> Error,
) -> impl FnOnce(sqlx::Error) -> Error {
    move |e| {
        if violates(&e, constraint) {
            err()
        } else {
            Error::from(e)
        }
    }
}

/// Is `e` a violation of the unique index `constraint`?
pub fn violates(e: &sqlx::Error, constraint: &str) -> bool {
    let sqlx::Error::Database(db) = e else {
        return false;
    };
    db.constraint() == Some(constraint)
        // SQLite does not name the constraint; it names the columns, e.g.
        // "UNIQUE constraint failed: users.email_lower". Our index names are
        // `<table>_<columns>_key`, so the message is matched against them.
        || (db.kind() == sqlx::error::ErrorKind::UniqueViolation
            && sqlite_message_matches(db.message(), constraint))
}

fn sqlite_message_matches(message: &str, constraint: &str) -> bool {
    let Some(cols) = message.strip_prefix("UNIQUE constraint failed: ") else {
        return false;
    };
    // "users.email_lower, users.x" -> "users_email_lower_x_key"
    let mut table = "";
    let mut names = Vec::new();
    for part in cols.split(", ") {
        if let Some((t, c)) = part.split_once('.') {
            table = t;
            names.push(c);
        }
    }
    format!("{table}_{}_key", names.join("_")) == constraint
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_unique_message_maps_to_index_name() {
        assert!(sqlite_message_matches(
            "UNIQUE constraint failed: users.email_lower",
            "users_email_lower_key"
        ));
        assert!(sqlite_message_matches(
            "UNIQUE constraint failed: members.org_id, members.user_id",
            "members_org_id_user_id_key"
        ));
        assert!(!sqlite_message_matches(
            "UNIQUE constraint failed: users.email_lower",
            "users_support_code_key"
        ));
    }
}
