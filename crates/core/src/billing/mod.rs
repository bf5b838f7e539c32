//! Billing (BIL, BNK-1): the ledger, invoices, credit notes, payment
//! references, VAT and the invoice PDF.
//!
//! The area owns the ledger and the documents: other areas (orders,
//! payments, renewals, bank imports) post through its functions with their
//! own transaction. See docs/billing.md for the rules as a customer or an
//! accountant reads them.

pub(crate) mod bulk;
pub mod credit_notes;
pub mod documents;
pub mod invoices;
pub mod ledger;
pub mod objects;
pub mod pdf;
pub mod pdfs;
pub mod reference;
pub mod series;
pub mod settings;
pub mod store;
pub mod vat;
pub mod verify;

pub use credit_notes::{CreditInput, CreditLineInput, CreditNoteView};
pub use invoices::{InvoiceInput, InvoiceQuery, InvoiceView, LineInput, Period};

use crate::{
    Ctx,
    access::staff::{self, StaffAction, StaffActor},
    db::Conn,
    error::Result,
};

/// Who makes money documents by hand: a staff member with the billing role
/// (back office, staff API) or the operator's command line, which has the
/// machine and so every right.
#[derive(Debug, Clone, Copy)]
pub enum Issuer<'a> {
    Staff(&'a StaffActor),
    Operator,
    /// A customer's order (CAT-2): the order's own checks allowed it.
    Order,
    /// A renewal (REN): the customer's renewal, or the renewals sweep.
    Renewal,
}

impl Issuer<'_> {
    pub(crate) fn check(&self, action: StaffAction) -> Result<()> {
        match self {
            Issuer::Staff(a) => staff::check(a, action),
            Issuer::Operator | Issuer::Order | Issuer::Renewal => Ok(()),
        }
    }

    /// Stored as the document's author.
    pub(crate) fn label(&self) -> String {
        match self {
            Issuer::Staff(a) => format!("staff:{}", a.user_id),
            Issuer::Operator => "operator".into(),
            Issuer::Order => "order".into(),
            Issuer::Renewal => "renewal".into(),
        }
    }

    /// Every staff action is audited, with the staff member as actor.
    pub(crate) async fn audit(
        &self,
        c: Conn<'_>,
        ctx: &Ctx,
        action: &str,
        target: &str,
        org_id: Option<&crate::ids::OrgId>,
        detail: &str,
    ) -> Result<()> {
        let actor = match self {
            Issuer::Staff(a) => Some(*a),
            Issuer::Operator | Issuer::Order | Issuer::Renewal => None,
        };
        crate::staff::audit_in(c, ctx, actor, action, target, org_id, detail).await
    }

    /// The scope of this issuer's idempotency keys.
    pub fn idempotency_scope(&self) -> String {
        self.label()
    }
}

/// Billing's sweeps: forgetting old idempotency keys, and rendering the
/// PDFs of invoices issued in bulk (ADR 0015).
pub fn sweeps() -> Vec<crate::jobs::Sweep> {
    vec![
        crate::jobs::Sweep {
            name: "billing.idempotency",
            every: std::time::Duration::from_secs(3600),
            run: |ctx| Box::pin(purge_idempotency(ctx)),
            per_instance: false,
        },
        crate::jobs::Sweep {
            name: "billing.pdfs",
            every: std::time::Duration::from_secs(60),
            run: |ctx| Box::pin(pdfs::render_pending(ctx)),
            per_instance: false,
        },
    ]
}

async fn purge_idempotency(ctx: &Ctx) -> Result<crate::jobs::SweepReport> {
    let mut total = 0;
    loop {
        let mut tx = ctx.db.begin().await?;
        let n = crate::idempotency::purge(tx.conn(), ctx.clock.now().as_millisecond(), 500).await?;
        tx.commit().await?;
        total += n;
        if n < 500 {
            return Ok(crate::jobs::SweepReport {
                done: total,
                failed: 0,
            });
        }
    }
}
