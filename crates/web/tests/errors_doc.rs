//! `docs/errors.md` and the code stay in step (API-4): every error code the
//! source can produce is in the doc with the status it is answered with, and
//! every code in the doc is produced somewhere. The source is scanned as
//! text, so a new `Error::conflict("…")` anywhere fails this test until the
//! doc lists it.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use guichet_core::Error;
use guichet_web::api::envelope::status_of;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literal at the start of `s` (after blanks), if there is one.
fn literal_at(s: &str) -> Option<String> {
    let rest = s.trim_start().strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_string())
}

/// What follows the first comma at depth 0 of an argument list that starts
/// at `s` (just after its opening parenthesis).
fn after_first_argument(s: &str) -> Option<&str> {
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            _ if in_string => {}
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return None,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => return Some(&s[i + 1..]),
            _ => {}
        }
    }
    None
}

/// The text between the `{` that follows `start` and its matching `}`.
fn block_after<'a>(s: &'a str, start: &str) -> &'a str {
    let from = s
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` not found"));
    let open = from + s[from..].find('{').unwrap();
    let mut depth = 0;
    for (i, c) in s[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &s[open..open + i];
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced block after `{start}`")
}

/// Codes found in the source: top-level (with their HTTP status) and field
/// codes, each with where it was seen first.
#[derive(Default)]
struct Produced {
    codes: BTreeMap<String, (u16, String)>,
    field_codes: BTreeMap<String, String>,
}

impl Produced {
    fn code(&mut self, code: String, status: u16, at: String) {
        if let Some((known, first)) = self.codes.get(&code) {
            assert_eq!(
                *known, status,
                "`{code}` has status {known} at {first} but {status} at {at}"
            );
        }
        self.codes.entry(code).or_insert((status, at));
    }
}

fn status(e: &Error) -> u16 {
    status_of(e.kind()).as_u16()
}

/// Scan the source of core and web for every code they can produce.
fn scan() -> Produced {
    let mut produced = Produced::default();
    let mut files = Vec::new();
    rust_files(&workspace().join("crates/core/src"), &mut files);
    rust_files(&workspace().join("crates/web/src"), &mut files);
    files.sort();

    // Constructors whose first argument is a code, and the status it gets.
    let with_code: [(&str, u16); 4] = [
        ("Error::conflict(", status(&Error::conflict("x", ""))),
        ("Error::bad_request(", status(&Error::bad_request("x", ""))),
        ("Error::forbidden(", status(&Error::forbidden("x", ""))),
        (
            "Error::unauthenticated(",
            status(&Error::unauthenticated("x", "")),
        ),
    ];
    // Struct literals `Variant { code: "…", … }`.
    let variants: [(&str, u16); 4] = [
        ("Conflict", status(&Error::conflict("x", ""))),
        ("BadRequest", status(&Error::bad_request("x", ""))),
        ("Forbidden", status(&Error::forbidden("x", ""))),
        ("Unauthenticated", status(&Error::unauthenticated("x", ""))),
    ];

    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests may make up codes; only shipped code counts.
        let text = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default();
        let name = file
            .strip_prefix(workspace())
            .unwrap_or(file)
            .display()
            .to_string();
        let at = |i: usize| format!("{name}:{}", text[..i].lines().count());

        for (pattern, status) in with_code {
            for (i, _) in text.match_indices(pattern) {
                let argument = &text[i + pattern.len()..];
                if let Some(code) = literal_at(argument) {
                    produced.code(code, status, at(i));
                } else if argument.trim_start().starts_with("self.code()") {
                    // A type that names its own codes (ORG-5's refusals):
                    // every literal its `code()` returns.
                    let body = block_after(text, "pub fn code(self)");
                    for (j, _) in body.match_indices("=> \"") {
                        let code = literal_at(&body[j + 2..]).unwrap();
                        produced.code(code, status, at(i));
                    }
                }
            }
        }
        for pattern in ["Error::invalid(", "FieldError::new("] {
            for (i, _) in text.match_indices(pattern) {
                let code = after_first_argument(&text[i + pattern.len()..]).and_then(literal_at);
                if let Some(code) = code {
                    produced.field_codes.entry(code).or_insert_with(|| at(i));
                }
            }
        }
        for (i, _) in text.match_indices("code: \"") {
            // A field named `code`, not `postcode`.
            if text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            let code = literal_at(&text[i + "code: ".len()..]).unwrap();
            // Which struct literal is this field in?
            let open = text[..i].rfind('{').unwrap();
            let head = text[..open].trim_end();
            let ty = head
                .rsplit([' ', '(', '\n', ':'])
                .next()
                .unwrap_or_default();
            if ty == "Refused" || ty == "Failed" {
                // A payment gateway's own code (`GatewayError::Refused`,
                // `GatewayStatus::Failed`): shown in a payment's `failure`,
                // never an error code of our API.
                continue;
            }
            if ty == "FieldError" {
                produced.field_codes.entry(code).or_insert_with(|| at(i));
            } else if let Some((_, status)) = variants.iter().find(|(v, _)| *v == ty) {
                produced.code(code, *status, at(i));
            } else {
                panic!(
                    "{}: `code: \"{code}\"` in `{ty} {{`: teach this test that type",
                    at(i)
                );
            }
        }
    }

    // The codes fixed by the variant, from the body of `Error::code()`.
    let error_rs = std::fs::read_to_string(workspace().join("crates/core/src/error.rs")).unwrap();
    let body = block_after(&error_rs, "pub fn code(&self)");
    let fixed: Vec<Error> = vec![
        Error::NotFound,
        Error::Validation(Vec::new()),
        Error::PayloadTooLarge,
        Error::MethodNotAllowed,
        Error::UnsupportedMediaType,
        Error::Throttled {
            retry_after_secs: 1,
        },
        Error::Unavailable,
        Error::internal("x"),
    ];
    for (i, _) in body.match_indices("=> \"") {
        let code = literal_at(&body[i + 2..]).unwrap();
        let variant = fixed.iter().find(|e| e.code() == code).unwrap_or_else(|| {
            panic!("`{code}` is a new fixed code in Error::code(): add its variant to this test")
        });
        produced.code(
            code,
            status(variant),
            "crates/core/src/error.rs (Error::code)".into(),
        );
    }
    produced
}

/// The two tables of `docs/errors.md`: codes with their status, and field
/// codes.
struct Doc {
    codes: BTreeMap<String, u16>,
    field_codes: Vec<String>,
}

fn read_doc() -> Doc {
    let text =
        std::fs::read_to_string(workspace().join("docs/errors.md")).expect("docs/errors.md exists");
    let mut doc = Doc {
        codes: BTreeMap::new(),
        field_codes: Vec::new(),
    };
    let mut in_field_section = false;
    for line in text.lines() {
        if line.starts_with('#') {
            in_field_section = line.contains("Field error codes");
            continue;
        }
        let Some(row) = line.trim().strip_prefix("| `") else {
            continue;
        };
        let code = row[..row.find('`').unwrap()].to_string();
        if in_field_section {
            assert!(!doc.field_codes.contains(&code), "`{code}` is listed twice");
            doc.field_codes.push(code);
        } else {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let status: u16 = cells[2]
                .parse()
                .unwrap_or_else(|_| panic!("`{code}`: status `{}` is not a number", cells[2]));
            assert!(
                doc.codes.insert(code.clone(), status).is_none(),
                "`{code}` is listed twice"
            );
        }
    }
    doc
}

// proves: API-4
#[test]
fn every_error_code_is_documented_with_its_status() {
    let produced = scan();
    let doc = read_doc();
    // The scanner itself works: it finds codes we know are there.
    for known in [
        "object_not_found",
        "validation_failed",
        "internal_error",
        "invalid_json",
    ] {
        assert!(
            produced.codes.contains_key(known),
            "scanner missed `{known}`"
        );
    }
    assert!(
        produced.field_codes.contains_key("invalid_value"),
        "scanner missed `invalid_value`"
    );

    for (code, (status, at)) in &produced.codes {
        match doc.codes.get(code) {
            None => panic!("`{code}` ({at}) is missing from docs/errors.md"),
            Some(documented) => assert_eq!(
                documented, status,
                "docs/errors.md says `{code}` is {documented}, the code answers {status}"
            ),
        }
    }
    for (code, at) in &produced.field_codes {
        assert!(
            doc.field_codes.contains(code),
            "field code `{code}` ({at}) is missing from the \"Field error codes\" table of docs/errors.md"
        );
    }
}

// proves: API-4
#[test]
fn every_documented_code_is_produced() {
    let produced = scan();
    let doc = read_doc();
    for code in doc.codes.keys() {
        assert!(
            produced.codes.contains_key(code),
            "docs/errors.md lists `{code}`, which no code produces (or it is a field code)"
        );
    }
    for code in &doc.field_codes {
        assert!(
            produced.field_codes.contains_key(code),
            "docs/errors.md lists field code `{code}`, which no code produces"
        );
    }
}
