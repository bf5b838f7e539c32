//! The rules for text a person types (issue 9). Single-line text holds no
//! control character (Unicode general category Cc: NUL, the rest of C0,
//! DEL and C1): none is typed on purpose, PostgreSQL refuses NUL in text
//! outright, and the others hide or reorder what a reader sees. Names
//! (people, organisations, teams, tokens, address lines) also refuse the
//! bidi overrides and isolates that make a name read as another, and must
//! hold at least one visible character.

use crate::error::{Error, Result};

/// Does `s` hold a control character (general category Cc)? `char::
/// is_control` is exactly that category.
pub fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// Single-line text: no control character.
pub fn check_line(attribute: &str, s: &str) -> Result<()> {
    if has_control(s) {
        return Err(Error::invalid(
            attribute,
            "invalid_characters",
            "Use no control characters (line breaks, tabs, NUL…).",
        ));
    }
    Ok(())
}

/// Name-value pairs of a query string or a form: every pair with a control
/// character (in the name or the value) is refused, each naming its field
/// (the name shown escaped, since it may hold the character itself).
pub fn check_pairs(pairs: &[(String, String)]) -> Result<()> {
    let errors: Vec<crate::error::FieldError> = pairs
        .iter()
        .filter(|(k, v)| has_control(k) || has_control(v))
        .map(|(k, _)| {
            crate::error::FieldError::new(
                k.escape_default().collect::<String>(),
                "invalid_characters",
                "Use no control characters (line breaks, tabs, NUL…).",
            )
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

/// A name: single-line text without bidi overrides or isolates, and with
/// at least one visible character unless it is blank (empty or only
/// whitespace: whether that is allowed, and called `required`, is the
/// caller's rule, since callers trim).
pub fn check_name(attribute: &str, s: &str) -> Result<()> {
    check_line(attribute, s)?;
    if s.chars().any(is_bidi_control) {
        return Err(Error::invalid(
            attribute,
            "invalid_characters",
            "Use no text-direction control characters.",
        ));
    }
    if s.chars().any(|c| !c.is_whitespace()) && s.chars().all(is_blank) {
        return Err(Error::invalid(
            attribute,
            "invalid_characters",
            "Use at least one visible character.",
        ));
    }
    Ok(())
}

/// The same rules as JSON Schema patterns (ECMA-262), for the OpenAPI
/// document: single-line text; a name (at least one visible character);
/// an optional name (the same, or blank). They list the characters of
/// `is_control`, `is_bidi_control` and `is_blank` below.
pub const LINE_PATTERN: &str = r"^[^\u0000-\u001F\u007F-\u009F]*$";
pub const NAME_PATTERN: &str = concat!(
    r"^[^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*",
    r"[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069",
    r"\u00AD\u034F\u115F\u1160\u180E\u200B-\u200F\u2060-\u2064\u3164\uFE00-\uFE0F\uFEFF\uFFA0]",
    r"[^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
);
pub const OPTIONAL_NAME_PATTERN: &str = concat!(
    r"^[^\S\u0000-\u001F\u007F-\u009F]*$|",
    r"^[^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*",
    r"[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069",
    r"\u00AD\u034F\u115F\u1160\u180E\u200B-\u200F\u2060-\u2064\u3164\uFE00-\uFE0F\uFEFF\uFFA0]",
    r"[^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
);

/// U+202A–U+202E (embeddings and overrides), U+2066–U+2069 (isolates).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whitespace, or a character that draws nothing: zero-width space and
/// joiners, word joiner, byte-order mark, soft hyphen, and the other
/// default-ignorable formatting characters a keyboard may slip in.
fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
        )
}

/// Inputs for the property tests of every parser of typed text: ASCII
/// letters and digits mixed with multi-byte, control, bidi and invisible
/// characters, so that byte-index slicing and prefixes such as `CHE` are
/// reached far more often than by `any::<String>()` alone.
#[cfg(test)]
pub(crate) mod strategies {
    use proptest::prelude::*;

    pub fn mixed() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            "[A-Za-z0-9]{1,4}",
            Just("CHE".to_string()),
            Just("-".to_string()),
            Just(".".to_string()),
            Just(" ".to_string()),
            Just("@".to_string()),
            Just(":".to_string()),
            r"[éßÄ€✓😀\x{0}\x{7f}\x{85}\x{202e}\x{200b}\x{feff}\n\t]",
        ];
        prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
    }

    /// Text of either kind.
    pub fn text() -> impl Strategy<Value = String> {
        prop_oneof![any::<String>(), mixed()]
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn code(r: Result<()>) -> &'static str {
        match r {
            Ok(()) => "ok",
            Err(Error::Validation(f)) => f[0].code,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn control_characters_are_refused_in_every_line() {
        // proves: ORG-1, ACC-1 // issue 9
        for bad in ["a\0b", "a\nb", "\t", "x\u{7f}", "x\u{85}", "\u{9f}"] {
            assert_eq!(code(check_line("f", bad)), "invalid_characters", "{bad:?}");
        }
        assert_eq!(code(check_line("f", "Zoë & Co — Genève")), "ok");
        assert_eq!(code(check_line("f", "")), "ok");
    }

    #[test]
    fn names_refuse_bidi_controls_and_invisible_only_text() {
        // proves: ORG-1 // issue 9
        for bad in [
            "evil\u{202E}gnp.exe",
            "a\u{2066}b",
            "\u{200B}",
            "\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}\u{00AD}",
            " \u{200B} ",
        ] {
            assert_eq!(
                code(check_name("name", bad)),
                "invalid_characters",
                "{bad:?}"
            );
        }
        for ok in ["", "  ", "Ada", "محمد", "a\u{200D}b", "👩\u{200D}💻"] {
            assert_eq!(code(check_name("name", ok)), "ok", "{ok:?}");
        }
    }

    proptest! {
        #[test]
        fn an_accepted_name_has_a_visible_character_and_no_control(s in strategies::text()) {
            // proves: ORG-1 // issue 9
            if check_name("name", &s).is_ok() {
                prop_assert!(!has_control(&s));
                prop_assert!(!s.chars().any(is_bidi_control));
                prop_assert!(s.trim().is_empty() || !s.chars().all(is_blank));
            }
        }
    }
}
