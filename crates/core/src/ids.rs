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

/// Make a new id with the given prefix (`"usr"`, `"org"`, …) at `now`.
pub fn new_id(prefix: &str, now: Timestamp) -> String {
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

/// Does `id` look like one of ours with this prefix? Used to answer 404 early
/// for ids that cannot exist, without a query.
pub fn has_prefix(id: &str, prefix: &str) -> bool {
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
        let a = new_id("usr", t1);
        let b = new_id("usr", t2);
        assert!(a.starts_with("usr_") && a.len() == 30, "{a}");
        assert!(has_prefix(&a, "usr"));
        assert!(!has_prefix(&a, "org"));
        assert!(a < b);
        assert_ne!(new_id("usr", t1), new_id("usr", t1));
        // Within one millisecond they still increase.
        let same: Vec<String> = (0..100).map(|_| new_id("sev", t2)).collect();
        assert!(same.windows(2).all(|w| w[0] < w[1]));
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_told_apart_from_an_id_without_a_panic(
            s in crate::text::strategies::text()
        ) {
            // proves: API-4 // issue 9
            for prefix in ["usr", "org", ""] {
                if has_prefix(&s, prefix) {
                    proptest::prop_assert!(s.is_ascii() && !crate::text::has_control(&s));
                }
                let _ = has_prefix(&format!("{prefix}_{s}"), prefix);
            }
        }
    }
}
