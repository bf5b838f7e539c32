//! Prefixed, time-ordered, random ids (`usr_01h…`), made in Rust.
//! Time-ordered so that indexes stay compact and lists sort by creation;
//! 80 random bits so that they cannot be guessed.

use std::sync::Mutex;

use jiff::Timestamp;
use rand::RngCore;

/// The last id made by this process: each new id is greater than it (the
/// random part is incremented when the clock has not moved past it), so
/// lists ordered by (time, id) keep the order things happened in within a
/// process — under a clock that stands still, one stepped back by NTP, or
/// the test clocks of parallel tests standing at different instants.
static LAST: Mutex<u128> = Mutex::new(0);

/// Declares every kind of id with its prefix and its typed id, in one
/// list: the enum, its `ALL` and its `prefix`, and one newtype per kind
/// (`OrgId`, `UserId`, …), so that a kind cannot exist without a prefix nor
/// be left out of the test that prefixes are distinct, and an org's id
/// cannot be passed where a user's is expected.
macro_rules! id_kinds {
    ($($(#[$meta:meta])* $kind:ident($id:ident) = $prefix:literal,)+) => {
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

        $(
            $(#[$meta])*
            ///
            /// A typed id: made by `new`, read from outside by `parse`
            /// (which checks the prefix), stored and serialised as its text.
            #[derive(
                Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord,
                serde::Serialize, serde::Deserialize, sqlx::Type,
            )]
            #[serde(transparent)]
            #[sqlx(transparent)]
            pub struct $id(String);

            impl $id {
                pub const KIND: Kind = Kind::$kind;

                /// A new id of this kind, made at `now`.
                pub fn new(now: Timestamp) -> $id {
                    $id(new_id(Kind::$kind, now))
                }

                /// An id of this kind read from outside (a path, a body,
                /// a command line); `None` if it cannot be one, so that the
                /// caller answers 404 without a query.
                pub fn parse(text: &str) -> Option<$id> {
                    has_prefix(text, Kind::$kind).then(|| $id(text.to_owned()))
                }

                /// An id read from our own storage or made by us, taken as
                /// it is (rows, joins): no check, it came from us.
                pub fn from_stored(text: String) -> $id {
                    $id(text)
                }

                pub fn as_str(&self) -> &str {
                    &self.0
                }

                pub fn into_string(self) -> String {
                    self.0
                }
            }

            impl std::fmt::Display for $id {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(&self.0)
                }
            }

            impl AsRef<str> for $id {
                fn as_ref(&self) -> &str {
                    &self.0
                }
            }

            impl std::ops::Deref for $id {
                type Target = str;
                fn deref(&self) -> &str {
                    &self.0
                }
            }

            impl PartialEq<str> for $id {
                fn eq(&self, other: &str) -> bool {
                    self.0 == other
                }
            }

            impl PartialEq<&str> for $id {
                fn eq(&self, other: &&str) -> bool {
                    self.0 == *other
                }
            }

            impl From<$id> for String {
                fn from(id: $id) -> String {
                    id.0
                }
            }

            impl utoipa::PartialSchema for $id {
                fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                    <String as utoipa::PartialSchema>::schema()
                }
            }

            impl utoipa::ToSchema for $id {}
        )+
    };
}

id_kinds! {
    User(UserId) = "usr",
    EmailToken(EmailTokenId) = "etk",
    Session(SessionId) = "ses",
    SecurityEvent(SecurityEventId) = "sev",
    ApiToken(ApiTokenId) = "tok",
    Org(OrgId) = "org",
    Team(TeamId) = "team",
    Invitation(InvitationId) = "inv",
    Handover(HandoverId) = "hov",
    BillingAddress(BillingAddressId) = "adr",
    AuditEvent(AuditEventId) = "aud",
    StaffSession(StaffSessionId) = "sss",
    StaffToken(StaffTokenId) = "stk",
    StaffAuditEvent(StaffAuditEventId) = "sau",
    Outbox(OutboxId) = "obx",
    /// A webhook event (all copies of one event share it).
    Event(EventId) = "evt",
    /// A delivery pass's claim on outbox rows.
    DeliveryClaim(DeliveryClaimId) = "clm",
    /// A running instance (the holder of a sweep's lease).
    Instance(InstanceId) = "inst",
    /// A test database's name.
    TestDatabase(TestDatabaseId) = "db",
    /// An invoice (its human number is a separate column).
    Invoice(InvoiceId) = "bill",
    /// A credit note against an invoice.
    CreditNote(CreditNoteId) = "crn",
    /// One ledger transaction: entries that sum to zero per currency.
    LedgerTransaction(LedgerTransactionId) = "ltx",
    /// A ledger account (receivable of an org in CHF, VAT payable at 8.1 %…).
    LedgerAccount(LedgerAccountId) = "lac",
    /// One attempt to move money in: paying an invoice, or a top-up.
    Payment(PaymentId) = "pay",
    /// A stored payment method (the gateway's token, never card data).
    PaymentMethod(PaymentMethodId) = "pm",
    /// Money sent back for a payment.
    Refund(RefundId) = "rfd",
    /// An order: items of the catalogue, one invoice (CAT-2).
    Order(OrderId) = "ord",
    /// A product an organisation holds (a domain, a hosting…).
    Product(ProductId) = "prd",
    /// A line of a member's cart in the console (issue 13).
    CartLine(CartLineId) = "crt",
    /// A product's renewal for one or more periods (REN).
    Renewal(RenewalId) = "ren",
    /// One bank statement file imported (BNK-2).
    BankImport(BankImportId) = "bki",
    /// A transaction of a bank statement booked: a credit or a reversal.
    BankEntry(BankEntryId) = "bke",
}

/// Make a new id of this kind at `now`.
pub fn new_id(kind: Kind, now: Timestamp) -> String {
    let prefix = kind.prefix();
    let ms = u64::try_from(now.as_millisecond()).unwrap_or(0);
    // The thread's CSPRNG (seeded from the OS): ids stay unguessable
    // without a system call each, which a sweep making thousands felt.
    let mut random = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut random);
    // 80 random bits, the top one kept clear so that increments within the
    // millisecond rarely carry into the timestamp.
    let random = u128::from_le_bytes(random) & ((1u128 << 79) - 1);
    let mut fresh = ulid::Ulid::from_parts(ms, random).0;
    let mut last = LAST.lock().unwrap_or_else(|p| p.into_inner());
    if fresh <= *last {
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
        // A clock stepped back (or a parallel test's clock standing
        // earlier) does not reorder what this process made.
        let later = new_id(Kind::SecurityEvent, t1);
        assert!(same.last().unwrap() < &later);
    }

    #[test]
    fn typed_ids_check_their_prefix() {
        let now = Timestamp::from_second(1_700_000_000).unwrap();
        let org = OrgId::new(now);
        assert!(org.as_str().starts_with("org_"));
        assert_eq!(OrgId::parse(org.as_str()), Some(org.clone()));
        assert_eq!(UserId::parse(org.as_str()), None);
        assert_eq!(InvoiceId::parse("inv_01hzzzzzzzzzzzzzzzzzzzzzzz"), None);
        assert_eq!(serde_json::to_string(&org).unwrap(), format!("\"{org}\""));
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
