//! Ids read from a path. Each is checked against its kind's prefix
//! (`OrgId::parse`): a malformed id names nothing that exists, so the
//! extractors that use this answer 404 before any query or body is read.

use guichet_core::ids::{
    ApiTokenId, BankEntryId, BillingAddressId, CartLineId, CreditNoteId, InvitationId, InvoiceId,
    OrderId, OrgId, PaymentId, PaymentMethodId, ProductId, SessionId, StaffTokenId, TeamId, UserId,
};
use serde::de::DeserializeOwned;

/// One path segment as a typed value; `None` names nothing that exists.
pub trait PathId: Sized {
    fn from_segment(text: String) -> Option<Self>;
}

/// An invitation's token is a secret, not an id: taken as written.
impl PathId for String {
    fn from_segment(text: String) -> Option<Self> {
        Some(text)
    }
}

macro_rules! path_ids {
    ($($id:ident),+ $(,)?) => {
        $(impl PathId for $id {
            fn from_segment(text: String) -> Option<Self> {
                $id::parse(&text)
            }
        })+
    };
}

path_ids!(
    OrgId,
    UserId,
    TeamId,
    InvitationId,
    BillingAddressId,
    SessionId,
    ApiTokenId,
    StaffTokenId,
    InvoiceId,
    CreditNoteId,
    PaymentId,
    PaymentMethodId,
    OrderId,
    ProductId,
    CartLineId,
    BankEntryId,
);

/// What a route's path holds: one id, two or three.
pub trait PathIds: Sized {
    /// The segments as axum reads them.
    type Raw: DeserializeOwned + Send;
    fn from_raw(raw: Self::Raw) -> Option<Self>;
}

impl<A: PathId> PathIds for A {
    type Raw = String;
    fn from_raw(raw: String) -> Option<Self> {
        A::from_segment(raw)
    }
}

impl<A: PathId, B: PathId> PathIds for (A, B) {
    type Raw = (String, String);
    fn from_raw((a, b): (String, String)) -> Option<Self> {
        Some((A::from_segment(a)?, B::from_segment(b)?))
    }
}

impl<A: PathId, B: PathId, C: PathId> PathIds for (A, B, C) {
    type Raw = (String, String, String);
    fn from_raw((a, b, c): (String, String, String)) -> Option<Self> {
        Some((
            A::from_segment(a)?,
            B::from_segment(b)?,
            C::from_segment(c)?,
        ))
    }
}
