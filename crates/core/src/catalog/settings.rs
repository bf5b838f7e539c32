//! `[catalog]` in the configuration: which catalogue Guichet sells from.

use std::path::PathBuf;

use serde::Deserialize;

use super::Catalogue;

/// Where the catalogue is read from at start-up (CAT-1).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CatalogSettings {
    /// The provider's catalogue, a TOML file (the `catalog` module's
    /// documentation and docs/catalog.md describe it). Unset: the demo
    /// catalogue built into the binary, so that a fresh server has
    /// something to order.
    pub file: Option<PathBuf>,
    /// An order not paid within this many days is cancelled, its invoice
    /// credited (CAT-2).
    pub unpaid_order_days: u32,
}

impl Default for CatalogSettings {
    fn default() -> Self {
        Self {
            file: None,
            unpaid_order_days: 14,
        }
    }
}

impl CatalogSettings {
    /// The catalogue to sell from. A file with mistakes is refused whole,
    /// every mistake listed one per line with its place, so the server does
    /// not start on half a catalogue.
    pub fn load(&self) -> Result<Catalogue, String> {
        let Some(path) = &self.file else {
            return Ok(Catalogue::demo());
        };
        let text = self.text()?;
        Catalogue::parse(&text).map_err(|errors| {
            let mut message = format!(
                "catalog.file {}: {} mistake(s), nothing loaded:",
                path.display(),
                errors.len()
            );
            for e in errors {
                message.push_str(&format!("\n  {e}"));
            }
            message
        })
    }

    /// The text the catalogue is read from before any version is
    /// published: the file's (read now), else the demo's.
    pub fn text(&self) -> Result<String, String> {
        match &self.file {
            None => Ok(Catalogue::demo_text().to_string()),
            Some(path) => std::fs::read_to_string(path)
                .map_err(|e| format!("catalog.file {}: {e}", path.display())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_file_the_demo_is_sold() {
        // proves: CAT-1
        let c = CatalogSettings::default().load().unwrap();
        assert_eq!(c.plans.len(), Catalogue::demo().plans.len());
    }

    #[test]
    fn a_file_with_mistakes_is_refused_with_each_of_them() {
        // proves: CAT-1
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("catalog.toml");
        std::fs::write(
            &file,
            "currencies = [\"CHF\", \"XYZ\"]\n[[plan]]\nid = \"A\"\nkind = \"boat\"\n",
        )
        .unwrap();
        let err = CatalogSettings {
            file: Some(file),
            ..Default::default()
        }
        .load()
        .unwrap_err();
        assert!(err.contains("nothing loaded"), "{err}");
        for place in ["currencies", "plan[0].id", "plan[0].kind"] {
            assert!(err.contains(place), "{place} in {err}");
        }
        let missing = CatalogSettings {
            file: Some(dir.path().join("none.toml")),
            ..Default::default()
        };
        assert!(missing.load().unwrap_err().contains("none.toml"));
    }
}
