//! The fonts of the invoice PDF: Liberation Sans (or Arial, Helvetica — the
//! only families the QR-bill guidelines allow besides Frutiger and OCR-B),
//! read once at start-up and shared. A machine without them still renders
//! with whatever sans-serif font it has, with a warning: a PDF in the wrong
//! font is better than none, and `guichet show-config` tells which is used.

use std::{
    fmt,
    path::{Path, PathBuf},
    sync::Arc,
};

use krilla::text::Font;

use super::{PdfError, pen::Faces};

/// File names of an allowed family, regular and bold, in a font folder.
const ALLOWED: [(&str, &str); 4] = [
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ("Arial.ttf", "Arial Bold.ttf"),
    ("arial.ttf", "arialbd.ttf"),
    ("Helvetica.ttf", "Helvetica-Bold.ttf"),
];

/// Where the operating system keeps them (Debian's fonts-liberation2 first).
const SYSTEM_DIRS: [&str; 5] = [
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/msttcorefonts",
    "/usr/local/share/fonts",
    "/Library/Fonts",
];

/// Where to look for any font at all when none of the allowed ones is there.
const FALLBACK_ROOTS: [&str; 3] = [
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/Library/Fonts",
];

/// The regular and bold faces, loaded once; cheap to clone and shareable
/// between threads.
#[derive(Clone)]
pub struct Fonts {
    inner: Arc<Inner>,
}

struct Inner {
    regular: Loaded,
    bold: Loaded,
    description: String,
}

struct Loaded {
    data: Arc<Vec<u8>>,
    font: Font,
}

impl fmt::Debug for Fonts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fonts")
            .field("description", &self.inner.description)
            .finish_non_exhaustive()
    }
}

impl Fonts {
    /// From `dir` if given, else the system (Debian fonts-liberation2:
    /// /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf and
    /// -Bold), else any TTF found (DejaVu…) with a warning; `describe()`
    /// says which font is used.
    pub fn load(dir: Option<&Path>) -> Result<Fonts, PdfError> {
        if let Some(dir) = dir {
            if let Some((regular, bold)) = allowed_pair(dir) {
                return Fonts::from_files(&regular, &bold, "the configured folder", true);
            }
            tracing::warn!(
                dir = %dir.display(),
                "no Liberation Sans, Arial or Helvetica in the configured font folder: looking at the system's fonts"
            );
        }
        for dir in SYSTEM_DIRS {
            if let Some((regular, bold)) = allowed_pair(Path::new(dir)) {
                return Fonts::from_files(&regular, &bold, "the system", true);
            }
        }
        let (regular, bold) = fallback_pair().ok_or_else(|| {
            PdfError::Font(
                "no TrueType font found: install Liberation Sans (Debian: fonts-liberation2) or configure a font folder"
                    .into(),
            )
        })?;
        let fonts = Fonts::from_files(&regular, &bold, "a fallback", false)?;
        tracing::warn!(
            font = %fonts.describe(),
            "Liberation Sans, Arial and Helvetica not found (Debian: fonts-liberation2): invoices use a font the QR-bill guidelines do not allow"
        );
        Ok(fonts)
    }

    fn from_files(
        regular: &Path,
        bold: &Path,
        origin: &str,
        allowed: bool,
    ) -> Result<Fonts, PdfError> {
        let regular_font = Loaded::read(regular)?;
        let bold_font = Loaded::read(bold)?;
        let family = family_name(&regular_font.data).unwrap_or_else(|| "unnamed font".into());
        let mut description = format!(
            "{family} from {origin} ({}, bold {})",
            regular.display(),
            bold.display()
        );
        if !allowed {
            description.push_str(
                ", not one the QR-bill allows: install Liberation Sans (Debian: fonts-liberation2)",
            );
        }
        Ok(Fonts {
            inner: Arc::new(Inner {
                regular: regular_font,
                bold: bold_font,
                description,
            }),
        })
    }

    /// Which font the PDFs use and where it comes from, for `show-config`.
    pub fn describe(&self) -> String {
        self.inner.description.clone()
    }

    /// The faces for one rendering (shaping tables parsed from the shared
    /// bytes, which is cheap).
    pub(super) fn faces(&self) -> Result<Faces<'_>, PdfError> {
        Faces::new(
            (self.inner.regular.data.as_slice(), &self.inner.regular.font),
            (self.inner.bold.data.as_slice(), &self.inner.bold.font),
        )
    }
}

impl Loaded {
    fn read(path: &Path) -> Result<Loaded, PdfError> {
        let bytes =
            std::fs::read(path).map_err(|e| PdfError::Font(format!("{}: {e}", path.display())))?;
        let data = Arc::new(bytes);
        let font = Font::new(data.clone().into(), 0).ok_or_else(|| {
            PdfError::Font(format!("{}: not a font krilla can read", path.display()))
        })?;
        if rustybuzz::Face::from_slice(&data, 0).is_none() {
            return Err(PdfError::Font(format!(
                "{}: not a font that can be shaped",
                path.display()
            )));
        }
        Ok(Loaded { data, font })
    }
}

fn allowed_pair(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    ALLOWED.iter().find_map(|(regular, bold)| {
        let (regular, bold) = (dir.join(regular), dir.join(bold));
        (regular.is_file() && bold.is_file()).then_some((regular, bold))
    })
}

/// A sans-serif regular face and its bold (or the regular again), chosen
/// the same way on every start: the paths sorted, DejaVu Sans preferred.
fn fallback_pair() -> Option<(PathBuf, PathBuf)> {
    let mut files = Vec::new();
    for root in FALLBACK_ROOTS {
        collect_ttf(Path::new(root), 0, &mut files);
    }
    files.sort();
    let name = |p: &PathBuf| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let plain = |n: &str| {
        ![
            "Bold",
            "Italic",
            "Oblique",
            "Mono",
            "Condensed",
            "Light",
            "Serif",
        ]
        .iter()
        .any(|w| n.contains(w))
    };
    let regular = files
        .iter()
        .find(|p| name(p) == "DejaVuSans.ttf")
        .or_else(|| {
            files
                .iter()
                .find(|p| name(p).contains("Sans") && plain(&name(p)))
        })
        .or_else(|| files.iter().find(|p| plain(&name(p))))
        .or_else(|| files.first())?
        .clone();
    let stem = regular
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = stem.strip_suffix("-Regular").unwrap_or(&stem);
    let bold = regular.with_file_name(format!("{stem}-Bold.ttf"));
    let bold = if bold.is_file() {
        bold
    } else {
        regular.clone()
    };
    Some((regular, bold))
}

fn collect_ttf(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && depth < 4 {
            collect_ttf(&path, depth + 1, out);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ttf"))
        {
            out.push(path);
        }
    }
}

fn family_name(data: &[u8]) -> Option<String> {
    let face = rustybuzz::ttf_parser::Face::parse(data, 0).ok()?;
    face.names()
        .into_iter()
        .filter(|n| n.name_id == rustybuzz::ttf_parser::name_id::FAMILY && n.is_unicode())
        .find_map(|n| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_can_be_shared_between_threads() {
        fn shared<T: Send + Sync + Clone + 'static>() {}
        shared::<Fonts>();
    }

    #[test]
    fn without_an_allowed_font_another_is_used_and_said_so() {
        // proves: BIL-2
        let Some((regular, bold)) = fallback_pair() else {
            eprintln!("notice: no TrueType font at all on this machine");
            return;
        };
        let fonts = Fonts::from_files(&regular, &bold, "a fallback", false).unwrap();
        assert!(
            fonts.describe().contains("not one the QR-bill allows"),
            "{}",
            fonts.describe()
        );
        assert!(fonts.faces().is_ok());
    }
}
