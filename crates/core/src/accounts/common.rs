//! What the account operations share: where a request comes from
//! (`RequestMeta`), the acting user, and field errors reported all at once.

use super::store;
use crate::{
    Ctx,
    access::Actor,
    error::{Error, FieldError, Result},
    i18n::Lang,
};

/// Where a request comes from: the security log and throttling use it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestMeta {
    pub ip: String,
    pub user_agent: String,
}

impl RequestMeta {
    pub fn new(ip: impl Into<String>, user_agent: impl Into<String>) -> Self {
        let mut user_agent: String = user_agent.into();
        // At most 300 bytes, cut on a character boundary
        // (`floor_char_boundary` would need Rust 1.91; the MSRV is 1.90).
        let mut end = user_agent.len().min(300);
        while !user_agent.is_char_boundary(end) {
            end -= 1;
        }
        user_agent.truncate(end);
        Self {
            ip: ip.into(),
            user_agent,
        }
    }
}

/// Where an actor's request came from, for the security log.
pub(crate) fn meta_of(actor: &Actor) -> RequestMeta {
    RequestMeta {
        ip: actor.ip.clone(),
        user_agent: actor.user_agent.clone(),
    }
}

/// The acting user's row.
pub(crate) async fn user_of(ctx: &Ctx, actor: &Actor) -> Result<store::UserRow> {
    let mut c = ctx.db.acquire().await?;
    store::user_by_id(c.conn(), &actor.user_id)
        .await?
        .ok_or(Error::NotFound)
}

pub(crate) fn lang_of(user: &store::UserRow) -> Lang {
    Lang::parse(&user.language).unwrap_or_default()
}

pub(crate) fn hours_ms(h: u64) -> i64 {
    i64::try_from(h.saturating_mul(3_600_000)).unwrap_or(i64::MAX / 4)
}

/// Every field error of several checks in one answer (docs/api.md
/// promises every field, not the first).
pub(crate) fn merge_errors(results: Vec<Result<()>>) -> Result<()> {
    let mut fields: Vec<FieldError> = Vec::new();
    for r in results {
        match r {
            Ok(()) => {}
            Err(Error::Validation(f)) => fields.extend(f),
            Err(other) => return Err(other),
        }
    }
    if fields.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(fields))
    }
}

/// The outcome of a parse without its value, for `merge_errors`.
pub(crate) fn unit<T>(r: &Result<T>) -> Result<()> {
    r.as_ref().map(|_| ()).map_err(clone_err)
}

pub(crate) fn clone_err(e: &Error) -> Error {
    match e {
        Error::Validation(f) => Error::Validation(f.clone()),
        other => Error::internal(other),
    }
}
