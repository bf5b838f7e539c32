//! The catalogue edited by staff (CAT-1): published versions kept in the
//! database, the newest one running.
//!
//! - Publishing reads the whole text ([`Catalogue::parse`]): a text with
//!   mistakes is refused with every one of them, each placed
//!   (`plan[mail-pro].prices.12.EUR`), and nothing changes. A good one is
//!   stored as the next version, written to the staff audit log, and runs
//!   on this instance at once.
//! - Other instances sharing the database pick it up within a minute: the
//!   `catalog.versions` sweep runs on every instance (not under a lease)
//!   and loads a version newer than the one it runs.
//! - At start-up the newest version overrides `[catalog] file` (or the
//!   demo). A version this binary cannot read (published by a newer
//!   binary whose format it does not know, during a rolling upgrade) does
//!   not stop the start: it is logged, and the file's catalogue is sold
//!   until a version this binary reads is published. Refusing to start
//!   would turn an upgrade rolled back into an outage; selling from the
//!   file is what the instance did before any version existed.
//!
//! Orders copy what they need of the catalogue, so a new version never
//! changes an order already placed (ADR 0013).

use serde::Serialize;

use super::Catalogue;
use crate::{
    Ctx,
    access::staff::{StaffAction, StaffActor, check},
    db::Conn,
    error::{Error, FieldError, Result},
    ids::UserId,
    jobs::{Sweep, SweepReport},
    sql, text,
};

/// A note is one line of at most this many characters.
pub const NOTE_MAX_CHARS: usize = 500;

/// The versions list shows at most this many, newest first.
pub const VERSIONS_LISTED: i64 = 100;

/// The field of the text in a refusal, when a mistake has no place of its
/// own (the text as a whole, a control character).
pub const TEXT_FIELD: &str = "toml";

/// A catalogue's text as staff edit it: the newest published version, or
/// the configured file's (the demo's) before any was published.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CatalogueSource {
    /// The TOML text.
    pub toml: String,
    /// The published version (None: the configured file or the demo).
    pub version: Option<i64>,
    /// Who published it, and when (Unix seconds).
    #[schema(value_type = Option<String>)]
    pub published_by: Option<UserId>,
    pub published_by_email: Option<String>,
    pub published_at: Option<i64>,
    pub note: Option<String>,
    /// The version this instance sells from (None: the file or the demo);
    /// behind `version` for up to a minute after another instance
    /// published, and for good if this binary cannot read `version`.
    pub running_version: Option<i64>,
}

/// A published version, without its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CatalogueVersionView {
    pub version: i64,
    #[schema(value_type = String)]
    pub published_by: UserId,
    pub published_by_email: String,
    /// Unix seconds.
    pub published_at: i64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct VersionRow {
    version: i64,
    toml: String,
    published_by: UserId,
    published_by_email: String,
    published_at: i64,
    note: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct ListedRow {
    version: i64,
    published_by: UserId,
    published_by_email: String,
    published_at: i64,
    note: Option<String>,
}

impl From<ListedRow> for CatalogueVersionView {
    fn from(r: ListedRow) -> Self {
        Self {
            version: r.version,
            published_by: r.published_by,
            published_by_email: r.published_by_email,
            published_at: r.published_at / 1000,
            note: r.note,
        }
    }
}

// ---------------------------------------------------------------- SQL

async fn newest_number(c: Conn<'_>) -> Result<Option<i64>> {
    Ok(sql!(c, fetch_one scalar Option<i64>,
        "SELECT MAX(version) FROM catalog_versions")?)
}

/// One version with its text (the newest when `version` is None).
async fn version_row(c: Conn<'_>, version: Option<i64>) -> Result<Option<VersionRow>> {
    Ok(sql!(c, fetch_optional as VersionRow,
        "SELECT v.version, v.toml, v.published_by, u.email AS published_by_email, v.published_at, v.note
         FROM catalog_versions v JOIN users u ON u.id = v.published_by
         WHERE v.version = COALESCE($1, (SELECT MAX(version) FROM catalog_versions))",
        version)?)
}

async fn listed(c: Conn<'_>, limit: i64) -> Result<Vec<ListedRow>> {
    Ok(sql!(
        c,
        fetch_all as ListedRow,
        "SELECT v.version, v.published_by, u.email AS published_by_email, v.published_at, v.note
         FROM catalog_versions v JOIN users u ON u.id = v.published_by
         ORDER BY v.version DESC LIMIT $1",
        limit
    )?)
}

/// Store `toml` as the next version; its number. Two publications at once
/// take the same number: the second fails on the key (and retries).
async fn insert(
    c: Conn<'_>,
    toml: &str,
    by: &UserId,
    at: i64,
    note: Option<&str>,
) -> std::result::Result<i64, sqlx::Error> {
    sql!(c, fetch_one scalar i64,
        "INSERT INTO catalog_versions (version, toml, published_by, published_at, note)
         SELECT COALESCE(MAX(version), 0) + 1, $1, $2, $3, $4 FROM catalog_versions
         RETURNING version",
        toml, by, at, note)
}

// ---------------------------------------------------------------- reading

/// The text staff edit: the newest published version, else the
/// configured file's, else the demo's.
pub async fn current(ctx: &Ctx, actor: &StaffActor) -> Result<CatalogueSource> {
    check(actor, StaffAction::ReadCatalogue)?;
    let mut c = ctx.db.acquire().await?;
    let row = version_row(c.conn(), None).await?;
    drop(c);
    match row {
        Some(r) => Ok(source_of(ctx, r)),
        None => Ok(CatalogueSource {
            toml: ctx.config.catalog.text().map_err(Error::internal)?,
            version: None,
            published_by: None,
            published_by_email: None,
            published_at: None,
            note: None,
            running_version: ctx.catalog.version(),
        }),
    }
}

/// A published version's text (404 for a number never published).
pub async fn version(ctx: &Ctx, actor: &StaffActor, version: i64) -> Result<CatalogueSource> {
    check(actor, StaffAction::ReadCatalogue)?;
    let mut c = ctx.db.acquire().await?;
    let row = version_row(c.conn(), Some(version))
        .await?
        .ok_or(Error::NotFound)?;
    Ok(source_of(ctx, row))
}

fn source_of(ctx: &Ctx, r: VersionRow) -> CatalogueSource {
    CatalogueSource {
        toml: r.toml,
        version: Some(r.version),
        published_by: Some(r.published_by),
        published_by_email: Some(r.published_by_email),
        published_at: Some(r.published_at / 1000),
        note: r.note,
        running_version: ctx.catalog.version(),
    }
}

/// The published versions, newest first (the latest [`VERSIONS_LISTED`]).
pub async fn list(ctx: &Ctx, actor: &StaffActor) -> Result<Vec<CatalogueVersionView>> {
    check(actor, StaffAction::ReadCatalogue)?;
    let mut c = ctx.db.acquire().await?;
    Ok(listed(c.conn(), VERSIONS_LISTED)
        .await?
        .into_iter()
        .map(CatalogueVersionView::from)
        .collect())
}

// ---------------------------------------------------------------- publishing

/// The text as it is checked and stored: line ends as `\n` (a browser's
/// form sends `\r\n`), and no control character but line feeds and tabs
/// (PostgreSQL refuses NUL in text; the others hide what a reader sees).
fn normalised(toml: &str) -> Result<String> {
    let toml = toml.replace("\r\n", "\n");
    if toml
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::invalid(
            TEXT_FIELD,
            "invalid_characters",
            "Use no control characters but line breaks and tabs.",
        ));
    }
    Ok(toml)
}

/// A note: one line, trimmed, at most [`NOTE_MAX_CHARS`]; empty is none.
fn note_of(note: Option<&str>) -> Result<Option<String>> {
    let note = note.map(str::trim).unwrap_or_default();
    text::check_line("note", note)?;
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(Error::invalid(
            "note",
            "too_long",
            format!("A note is at most {NOTE_MAX_CHARS} characters."),
        ));
    }
    Ok((!note.is_empty()).then(|| note.to_string()))
}

/// Every mistake of a catalogue, each as a field error at its place.
fn refusal(errors: Vec<super::CatalogueError>) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|e| {
            let place = if e.path.is_empty() {
                TEXT_FIELD.to_string()
            } else {
                e.path
            };
            FieldError::new(place, "invalid_catalogue", e.message)
        })
        .collect()
}

/// CAT-1: publish `toml` as the catalogue (admins). Refused whole, with
/// every mistake, when it is not a valid catalogue: then nothing is
/// stored and the running catalogue stays. Else stored as the next
/// version, recorded in the staff audit log (`catalog.published`), and
/// run at once here (within a minute on the other instances).
pub async fn publish(
    ctx: &Ctx,
    actor: &StaffActor,
    toml: &str,
    note: Option<&str>,
) -> Result<CatalogueVersionView> {
    check(actor, StaffAction::PublishCatalogue)?;
    let toml = normalised(toml)?;
    let note = note_of(note);
    let catalogue = Catalogue::parse(&toml);
    // Every mistake at once: the note's and the catalogue's.
    let (catalogue, note) = match (catalogue, note) {
        (Ok(c), Ok(n)) => (c, n),
        (c, n) => {
            let mut fields = match n {
                Err(Error::Validation(f)) => f,
                Err(e) => return Err(e),
                Ok(_) => Vec::new(),
            };
            if let Err(errors) = c {
                fields.extend(refusal(errors));
            }
            return Err(Error::Validation(fields));
        }
    };
    let now = ctx.clock.now().as_millisecond();
    let mut attempt = 0;
    let number = loop {
        attempt += 1;
        let mut tx = ctx.db.begin().await?;
        match insert(tx.conn(), &toml, &actor.user_id, now, note.as_deref()).await {
            Ok(n) => {
                crate::staff::audit_in(
                    tx.conn(),
                    ctx,
                    Some(actor),
                    "catalog.published",
                    &format!("catalog_version:{n}"),
                    None,
                    note.as_deref().unwrap_or_default(),
                )
                .await?;
                tx.commit().await?;
                break n;
            }
            // Another publication took the number meanwhile: take the next.
            Err(sqlx::Error::Database(d)) if d.is_unique_violation() && attempt < 5 => {}
            Err(e) => return Err(e.into()),
        }
    };
    // A newer one may already run here (published elsewhere, picked up
    // meanwhile): never go back to an older one.
    if ctx.catalog.version().is_none_or(|v| v < number) {
        ctx.catalog.replace(catalogue, Some(number));
    }
    Ok(CatalogueVersionView {
        version: number,
        published_by: actor.user_id.clone(),
        published_by_email: actor.email.clone(),
        published_at: now / 1000,
        note,
    })
}

// ---------------------------------------------------------------- running it

/// Run the newest published version, if there is one newer than the one
/// running and this binary can read it; the version running afterwards.
/// Called at start-up (over the file's catalogue) and by the sweep.
pub async fn load_newest(ctx: &Ctx) -> Result<Option<i64>> {
    let running = ctx.catalog.version();
    let mut c = ctx.db.acquire().await?;
    let Some(newest) = newest_number(c.conn()).await? else {
        return Ok(running);
    };
    if running.is_some_and(|v| v >= newest) {
        return Ok(running);
    }
    let Some(row) = version_row(c.conn(), Some(newest)).await? else {
        return Ok(running);
    };
    drop(c);
    match Catalogue::parse(&row.toml) {
        Ok(catalogue) => {
            ctx.catalog.replace(catalogue, Some(newest));
            tracing::info!(version = newest, "catalogue version loaded");
            Ok(Some(newest))
        }
        Err(errors) => {
            if ctx.catalog.note_unreadable(newest) {
                let mistakes = errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ");
                tracing::error!(
                    version = newest,
                    running = ?running,
                    mistakes,
                    "this binary cannot read the newest published catalogue; it keeps selling from the one it runs"
                );
            }
            Ok(running)
        }
    }
}

/// `catalog.versions`: pick up a version published by another instance.
pub async fn refresh(ctx: &Ctx) -> Result<SweepReport> {
    let before = ctx.catalog.version();
    let after = load_newest(ctx).await?;
    Ok(SweepReport {
        done: u64::from(after != before),
        failed: 0,
    })
}

/// The sweep of [`refresh`]: every minute, on every instance (each holds
/// its own running catalogue, so a lease would leave some behind).
pub fn sweep() -> Sweep {
    Sweep {
        name: "catalog.versions",
        every: std::time::Duration::from_secs(60),
        run: |ctx| Box::pin(refresh(ctx)),
        per_instance: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_are_unix_and_control_characters_are_refused() {
        assert_eq!(normalised("a = 1\r\nb\t= 2\n").unwrap(), "a = 1\nb\t= 2\n");
        for bad in ["a\0", "a\rb", "\u{7f}", "\u{85}"] {
            assert!(normalised(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_note_is_one_short_line_and_blank_is_none() {
        assert_eq!(note_of(Some("  ")).unwrap(), None);
        assert_eq!(note_of(None).unwrap(), None);
        assert_eq!(
            note_of(Some(" .ch dearer ")).unwrap().as_deref(),
            Some(".ch dearer")
        );
        assert!(note_of(Some("a\nb")).is_err());
        assert!(note_of(Some(&"x".repeat(NOTE_MAX_CHARS + 1))).is_err());
    }
}
