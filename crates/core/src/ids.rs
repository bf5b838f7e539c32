//! Prefixed, time-ordered, random ids (`usr_01h…`), made in Rust.
//! Time-ordered so that indexes stay compact and lists sort by creation;
//! 80 random bits so that they cannot be guessed.

use std::sync::Mutex;

use jiff::Timestamp;
use rand::RngCore;

/// The last id made by this process: ids made within one millisecond
/// increase (the random part is incremented), so lists ordered by id keep
/// the order things happened in, even under a clock that stands still.
static LAST: Mutex<u128> = Mutex::new(0);

/// Declares every kind of id with its prefix, in one list: the enum, its
/// `ALL` and its `prefix`, so that a kind cannot exist without a prefix
/// nor be left out of the test that prefixes are distinct.
macro_rules! id_kinds {
    ($($(#[$meta:meta])* $kind:ident = $prefix:literal,)+) => {
        /// Every kind of id Guichet makes. Two kinds never share a prefix
        /// (tested): an invitation and an invoice cannot both be `inv_`, so
        /// an id names its kind in logs, support calls and the audit log.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Kind {
            $($(#[$meta])* $kind,)+
        }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$kind,)+];

            /// The prefix of this kind's ids (`usr` in `usr_01h…`).
            pub const fn prefix(self) -> &'static str {
                match self {
                    $(Kind::$kind => $prefix,)+
                }
            }
        }
    };
}

id_kinds! {
    User = "usr",
    EmailToken = "etk",
    Session = "ses",
    SecurityEvent = "sev",
    ApiToken = "tok",
    Org = "org",
    Team = "team",
    Invitation = "inv",
    Handover = "hov",
    BillingAddress = "adr",
    AuditEvent = "aud",
    StaffSession = "sss",
    StaffToken = "stk",
    StaffAuditEvent = "sau",
    Outbox = "obx",
    /// A webhook event (all copies of one event share it).
    Event = "evt",
    /// A delivery pass's claim on outbox rows.
    DeliveryClaim = "clm",
    /// A running instance (the holder of a sweep's lease).
    Instance = "inst",
    /// A test database's name.
    TestDatabase = "db",
}

/// Make a new id of this kind at `now`.
pub fn new_id(kind: Kind, now: Timestamp) -> String {
    let prefix = kind.prefix();
    let ms = u64::try_from(now.as_millisecond()).unwrap_or(0);
    let mut random = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut random);
    // 80 random bits, the top one kept clear so that increments within the
    // millisecond never overflow into the timestamp.
    let random = u128::from_le_bytes(random) & ((1u128 << 79) - 1);
    let mut fresh = ulid::Ulid::from_parts(ms, random).0;
    let mut last = LAST.lock().unwrap_or_else(|p| p.into_inner());
    if fresh >> 80 == *last >> 80 && fresh <= *last {
        fresh = *last + 1;
    }
    *last = fresh;
    format!(
        "{prefix}_{}",
        ulid::Ulid(fresh).to_string().to_ascii_lowercase()
    )
}

/// Does `id` look like one of ours of this kind? Used to answer 404 early
/// for ids that cannot exist, without a query.
pub fn has_prefix(id: &str, kind: Kind) -> bool {
    prefix_is(id, kind.prefix())
}

fn prefix_is(id: &str, prefix: &str) -> bool {
    id.len() == prefix.len() + 27
        && id.starts_with(prefix)
        && id.as_bytes().get(prefix.len()) == Some(&b'_')
        && id[prefix.len() + 1..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_prefixed_unique_and_time_ordered() {
        let t1 = Timestamp::from_second(1_700_000_000).unwrap();
        let t2 = Timestamp::from_second(1_700_000_001).unwrap();
        let a = new_id(Kind::User, t1);
        let b = new_id(Kind::User, t2);
        assert!(a.starts_with("usr_") && a.len() == 30, "{a}");
        assert!(has_prefix(&a, Kind::User));
        assert!(!has_prefix(&a, Kind::Org));
        assert!(a < b);
        assert_ne!(new_id(Kind::User, t1), new_id(Kind::User, t1));
        // Within one millisecond they still increase.
        let same: Vec<String> = (0..100).map(|_| new_id(Kind::SecurityEvent, t2)).collect();
        assert!(same.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn every_kind_has_its_own_prefix() {
        // issue 10: an id names its kind; invoices and invitations, or any
        // two kinds to come, never share a prefix.
        let mut seen = std::collections::HashSet::new();
        for kind in Kind::ALL {
            let p = kind.prefix();
            assert!(
                !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()),
                "{kind:?}: {p}"
            );
            assert!(seen.insert(p), "{kind:?} shares the prefix {p}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_told_apart_from_an_id_without_a_panic(
            s in crate::text::strategies::text()
        ) {
            // proves: API-4 // issue 9
            for prefix in ["usr", "org", ""] {
                if prefix_is(&s, prefix) {
                    proptest::prop_assert!(s.is_ascii() && !crate::text::has_control(&s));
                }
                let _ = prefix_is(&format!("{prefix}_{s}"), prefix);
            }
        }
    }
}
