//! Accounts (ACC-*): sign-up, e-mail verification, profile, recovery
//! address, support code, newsletters. Sign-in, sessions, passwords and the
//! security log are in `security`; API tokens in `tokens`.
//!
//! - ACC-1 sign-up with a personal address and a password, verified by link
//!   (`signup`); Argon2id, never stored nor logged in clear (`password`).
//! - ACC-2 the login password is independent of every product credential:
//!   nothing here touches product credentials.
//! - ACC-3 recovery address (`profile`, `recovery`); ACC-4 support code
//!   (`profile`); ACC-5 newsletters (`newsletters`).
//! - ACC-7 a user signing up alone gets a personal organisation (`signup`).

mod common;
mod mail;
mod newsletters;
pub mod password;
mod profile;
mod recovery;
mod service;
mod signup;
pub mod store;

use rand::{Rng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, FieldError, Result};

pub use common::RequestMeta;
pub(crate) use common::{clone_err, merge_errors, meta_of, user_of};
pub(crate) use mail::{invalid_link, mail_user, send_link};
pub use newsletters::{newsletters, set_newsletters};
pub use profile::{
    ProfilePatch, ProfileView, get_profile, regenerate_support_code, update_profile,
};
pub use recovery::{check_undo_link, undo_recovery_change};
pub(crate) use service::create_staff_account;
pub use service::*;
pub use signup::{SignUp, VerifiedAddress, resend_verification, sign_up, verify_email};

/// The longest address (RFC 5321's path limit, in bytes).
pub const EMAIL_MAX: usize = 254;

/// The longest user name, in characters.
pub const USER_NAME_MAX: usize = 100;

/// A login (or recovery) address: valid, at most 254 characters, compared
/// case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress {
    /// As typed (trimmed), for display and sending.
    display: String,
    /// Lower-cased, the identity.
    lower: String,
}

impl EmailAddress {
    pub fn parse(input: &str, attribute: &str) -> Result<Self> {
        let s = input.trim();
        if s.is_empty() {
            return Err(Error::invalid(
                attribute,
                "required",
                "Enter an e-mail address.",
            ));
        }
        let invalid = || {
            Error::invalid(
                attribute,
                "invalid_email",
                "Enter a valid e-mail address, like name@example.com.",
            )
        };
        // Control characters (NUL above all) are no part of an address,
        // and PostgreSQL refuses NUL in text (issue 9).
        if s.is_empty()
            || s.len() > EMAIL_MAX
            || s.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(invalid());
        }
        let addr: lettre::Address = s.parse().map_err(|_| invalid())?;
        // A domain without a dot (`user@localhost`) cannot be a customer's
        // personal address.
        if !addr.domain().contains('.') {
            return Err(invalid());
        }
        Ok(Self {
            display: s.to_string(),
            lower: s.to_lowercase(),
        })
    }
    pub fn as_str(&self) -> &str {
        &self.display
    }
    pub fn lower(&self) -> &str {
        &self.lower
    }
}

/// Passwords: at least 8 characters, at most 128, not common or guessable
/// (zxcvbn score 3 of 4 or better, with the user's own address and name as
/// known words).
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

/// A new password that passed the rules. The clear text lives only in this
/// value, on its way to the hasher.
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword([REDACTED])")
    }
}

impl NewPassword {
    pub fn parse(input: &str, attribute: &str, user_inputs: &[&str]) -> Result<Self> {
        let count = input.chars().count();
        if count == 0 {
            return Err(Error::invalid(attribute, "required", "Enter a password."));
        }
        if count < PASSWORD_MIN {
            return Err(Error::invalid(
                attribute,
                "password_too_short",
                format!("Use at least {PASSWORD_MIN} characters."),
            ));
        }
        if count > PASSWORD_MAX {
            return Err(Error::invalid(
                attribute,
                "password_too_long",
                format!("Use at most {PASSWORD_MAX} characters."),
            ));
        }
        let entropy = zxcvbn::zxcvbn(input, user_inputs);
        if u8::from(entropy.score()) < 3 {
            let reason = entropy
                .feedback()
                .and_then(|f| f.warning().map(|w| w.to_string()))
                .unwrap_or_else(|| "This password is too easy to guess.".into());
            let hint = entropy
                .feedback()
                .and_then(|f| f.suggestions().first().map(|s| format!(" {s}")))
                .unwrap_or_default();
            return Err(Error::Validation(vec![FieldError::new(
                attribute,
                "password_too_weak",
                format!("{reason}{hint}"),
            )]));
        }
        Ok(Self(input.to_string()))
    }
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

/// A secret we send (link, cookie, API token): 32 random bytes, URL-safe.
pub fn new_secret() -> String {
    use base64::Engine;
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

/// How secrets are kept: SHA-256, hex. They are random and long, so a
/// plain hash suffices (no salt, no stretching), and lookups stay indexed.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// ACC-4: an 8-digit support code, read out on the phone as "1234 5678".
pub fn new_support_code() -> String {
    format!("{:08}", rand::rngs::OsRng.gen_range(0..100_000_000u32))
}

/// A newsletter topic as the user sees it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct NewsletterTopic {
    pub id: String,
    pub name: String,
    pub subscribed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_validated_and_compared_case_insensitively() {
        // proves: ACC-1
        let a = EmailAddress::parse("  Ada.Lovelace@Example.COM ", "email").unwrap();
        assert_eq!(a.as_str(), "Ada.Lovelace@Example.COM");
        assert_eq!(a.lower(), "ada.lovelace@example.com");
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@localhost",
            "a b@example.com",
            &format!("{}@example.com", "a".repeat(250)),
        ] {
            assert_eq!(
                EmailAddress::parse(bad, "email").unwrap_err().code(),
                "validation_failed",
                "{bad}"
            );
        }
    }

    #[test]
    fn weak_and_short_passwords_are_refused_with_a_reason() {
        // proves: ACC-1
        let code = |p: &str| match NewPassword::parse(p, "password", &["ada@example.com"]) {
            Err(Error::Validation(f)) => f[0].code,
            Err(e) => panic!("{e}"),
            Ok(_) => "ok",
        };
        assert_eq!(code("short1!"), "password_too_short");
        assert_eq!(code("password123"), "password_too_weak");
        assert_eq!(code("ada@example.com"), "password_too_weak");
        assert_eq!(code(&"x".repeat(129)), "password_too_long");
        assert_eq!(code("correct horse battery staple"), "ok");
        // 64 characters are allowed.
        assert_eq!(code(&"Tr0ub4dor&3-".repeat(6)[..64]), "ok");
        assert!(
            !format!(
                "{:?}",
                NewPassword::parse("correct horse battery staple", "p", &[]).unwrap()
            )
            .contains("horse")
        );
    }

    #[test]
    fn secrets_and_codes_have_their_shape() {
        assert_ne!(new_secret(), new_secret());
        assert_eq!(hash_secret("x").len(), 64);
        let code = new_support_code();
        assert!(code.len() == 8 && code.bytes().all(|b| b.is_ascii_digit()));
    }

    proptest::proptest! {
        #[test]
        fn typed_addresses_never_panic_and_a_parsed_one_is_clean(
            local in crate::text::strategies::text(),
            domain in crate::text::strategies::text(),
        ) {
            // proves: ACC-1 // issue 9
            for typed in [format!("{local}@{domain}"), local.clone()] {
                if let Ok(a) = EmailAddress::parse(&typed, "email") {
                    proptest::prop_assert!(!crate::text::has_control(a.as_str()));
                    proptest::prop_assert!(a.as_str().len() <= EMAIL_MAX);
                    proptest::prop_assert_eq!(EmailAddress::parse(a.as_str(), "email").unwrap(), a);
                }
            }
        }
    }

    proptest::proptest! {
        // zxcvbn takes milliseconds per guess: few cases.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        #[test]
        fn typed_passwords_never_panic_and_obey_the_lengths(
            p in crate::text::strategies::text()
        ) {
            // proves: ACC-1 // issue 9
            if let Ok(ok) = NewPassword::parse(&p, "password", &["ada@example.com", &p]) {
                let n = ok.expose().chars().count();
                proptest::prop_assert!((PASSWORD_MIN..=PASSWORD_MAX).contains(&n));
            }
        }
    }

    #[test]
    fn control_characters_are_no_part_of_an_address() {
        // proves: ACC-1 // issue 9
        for bad in [
            "a\0b@example.com",
            "ada@exa\u{7f}mple.com",
            "ada@exa\u{1}mple.com",
        ] {
            assert!(EmailAddress::parse(bad, "email").is_err(), "{bad:?}");
        }
    }
}
