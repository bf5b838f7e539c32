//! Suites (SUI-1..3, ORG-5): raising a suite's users or storage, and its
//! seats.
//!
//! - SUI-1: an upgrade is priced for the rest of the suite's current
//!   period, prorated to the day (`suite_upgrade_price`), and invoiced
//!   and paid as an order is: an order whose one item names the suite and
//!   the size it is raised from. Paying it sets the new size, once and
//!   only from that size, and writes `product.upgraded`. One upgrade
//!   waits at a time per suite (`upgrade_pending`), so two tabs cannot
//!   pay for the same step twice. An upgrade whose prorated price rounds
//!   to nothing (the period's last days) applies at once, without an
//!   invoice.
//! - SUI-2: a smaller number of users or less storage is refused; a suite
//!   is never moved (`manage::move_product`).
//! - Seats: an owner (or a member with a right on the suite) gives the
//!   suite's users to members of the organisation, at most its number of
//!   users. A member holding a seat cannot leave the organisation
//!   (ORG-5 `suite_user`); an owner removing a member gives their seats
//!   back.
//! - An unpaid upgrade is cancelled like any order, and at the latest
//!   when the suite's period ends, since its price was for that period.

use jiff::ToSpan;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{
    PriceError, ProductKind, SuiteResource, SuiteSize,
    manage::locked_for_change,
    orders::{self, OrderView},
    products::{self, ProductView},
    store::{self, ItemRow, OrderRow},
    suite_upgrade_price,
};
use crate::{
    Ctx,
    access::{Action, Actor},
    audit::{self, AuditAction, Change},
    billing::{
        self, Issuer,
        invoices::{InvoiceInput, LineInput, Period},
    },
    db::Conn,
    error::{Error, FieldError, Result},
    i18n::Lang,
    idempotency::{self, Claim, Idempotency},
    ids::{OrderId, OrgId, ProductId, UserId},
    money::Currency,
    orgs,
};

/// Raise a suite to this size.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpgradeInput {
    /// The new number of users; unchanged when left out.
    #[serde(default)]
    pub users: Option<u32>,
    /// The new storage in GB, on the plan's steps; unchanged when left out.
    #[serde(default)]
    pub storage_gb: Option<u32>,
    /// Where the invoice goes; the organisation's default when left out.
    #[serde(default)]
    pub billing_address_id: Option<String>,
    /// Start paying at once, as for an order.
    #[serde(default, deserialize_with = "crate::billing::objects::optional")]
    pub payment: Option<crate::payments::PayInput>,
}

/// What an upgrade answers: the suite, and the order to pay (none when
/// the upgrade cost nothing and applied at once).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct UpgradeOutcome {
    pub product: ProductView,
    pub order: Option<OrderView>,
    pub payment: Option<crate::payments::PaymentView>,
    /// The error code the payment's start answered, if it failed.
    pub payment_error: Option<String>,
}

/// What a replayed upgrade request finds again.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct UpgradeRecord {
    order_id: Option<OrderId>,
}

/// SUI-1: order raising suite `product_id` to a bigger size.
pub async fn upgrade(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    product_id: &ProductId,
    input: &UpgradeInput,
    idem: Option<&Idempotency>,
) -> Result<UpgradeOutcome> {
    let now = ctx.clock.now();
    let now_ms = now.as_millisecond();
    let mut tx = ctx.db.begin().await?;
    let (_, row) = locked_for_change(tx.conn(), ctx, actor, org_id, product_id).await?;
    // An upgrade is money: the pay right too.
    orgs::check_access(tx.conn(), actor, org_id, Action::PayBilling).await?;
    if let Some(idem) = idem
        && let Claim::Replay(r) =
            idempotency::claim::<UpgradeRecord>(tx.conn(), idem, now_ms).await?
    {
        let order = match r.order_id {
            Some(id) => {
                let o = store::order(tx.conn(), org_id, id.as_str())
                    .await?
                    .ok_or(Error::NotFound)?;
                Some(orders::views(tx.conn(), vec![o]).await?.remove(0))
            }
            None => None,
        };
        return Ok(UpgradeOutcome {
            product: ProductView::from_row(row)?,
            order,
            payment: None,
            payment_error: None,
        });
    }
    if row.kind != ProductKind::Suite.as_str() {
        return Err(Error::conflict(
            "not_a_suite",
            "Only a suite is upgraded this way.",
        ));
    }
    if row.status != "active" {
        return Err(Error::conflict(
            "product_not_active",
            "Only an active suite is upgraded.",
        ));
    }
    if let Some(order) = store::pending_upgrade(tx.conn(), row.id.as_str()).await? {
        return Err(Error::conflict(
            "upgrade_pending",
            format!("Upgrade order {order} waits for its payment: pay or cancel it first."),
        ));
    }
    if input.users.is_none() && input.storage_gb.is_none() {
        return Err(Error::invalid(
            "users",
            "required",
            "Give the new number of users, the new storage, or both.",
        ));
    }
    let catalogue = ctx.catalog.current();
    let plan = catalogue.plan(&row.plan_id).ok_or_else(|| {
        Error::conflict(
            "plan_withdrawn",
            "This suite's plan is no longer sold; ask support to change it.",
        )
    })?;
    let currency = row
        .currency
        .as_deref()
        .and_then(Currency::parse)
        .ok_or_else(|| Error::Internal(format!("suite {} without a currency", row.id)))?;
    let before = SuiteSize {
        users: u32::try_from(row.quantity).unwrap_or(0),
        storage_gb: row
            .storage_gb
            .and_then(|g| u32::try_from(g).ok())
            .unwrap_or(0),
    };
    let after = SuiteSize {
        users: input.users.unwrap_or(before.users),
        storage_gb: input.storage_gb.unwrap_or(before.storage_gb),
    };
    let months = u32::try_from(row.period_months).unwrap_or(0);
    let (period_start, period_end) = current_period(&row)?;
    let today = ctx.today();
    if today >= period_end {
        return Err(Error::conflict(
            "product_not_active",
            "This suite's period has ended: renew it first.",
        ));
    }
    let price = suite_upgrade_price(
        plan,
        months,
        currency,
        before,
        after,
        period_start,
        period_end,
        today,
    )
    .map_err(upgrade_error)?;
    let size = |s: SuiteSize| {
        (
            i32::try_from(s.users).unwrap_or(i32::MAX),
            Some(i32::try_from(s.storage_gb).unwrap_or(i32::MAX)),
        )
    };
    let lang = orgs::org_for_billing(tx.conn(), org_id.as_str())
        .await?
        .and_then(|o| Lang::parse(&o.language))
        .unwrap_or_default();

    if price.amount_minor == 0 {
        let applied = store::apply_upgrade(
            tx.conn(),
            row.id.as_str(),
            size(before),
            size(after),
            now_ms,
        )
        .await?;
        if !applied {
            return Err(Error::conflict(
                "product_not_active",
                "Only an active suite is upgraded.",
            ));
        }
        let upgraded = store::product(tx.conn(), org_id, row.id.as_str())
            .await?
            .ok_or(Error::NotFound)?;
        products::announce(tx.conn(), ctx, &upgraded, "product.upgraded").await?;
        audit_upgrade(tx.conn(), ctx, actor, org_id, &row.id, before, after, None).await?;
        if let Some(idem) = idem {
            idempotency::record(tx.conn(), idem, &UpgradeRecord { order_id: None }).await?;
        }
        tx.commit().await?;
        return Ok(UpgradeOutcome {
            product: ProductView::from_row(upgraded)?,
            order: None,
            payment: None,
            payment_error: None,
        });
    }

    let last_day = period_end
        .checked_sub(1.day())
        .map_err(|e| Error::Internal(format!("period: {e}")))?;
    let description = ctx.i18n.t_args(
        lang,
        "invoice-line-suite-upgrade",
        &[
            ("name", row.name.clone().into()),
            ("users_from", before.users.into()),
            ("users_to", after.users.into()),
            ("storage_from", before.storage_gb.into()),
            ("storage_to", after.storage_gb.into()),
        ],
    );
    let invoice = billing::invoices::create_and_issue_in(
        tx.conn(),
        ctx,
        Issuer::Order,
        org_id,
        &InvoiceInput {
            billing_address_id: input.billing_address_id.clone(),
            lines: vec![LineInput {
                description: description.clone(),
                quantity: 1,
                unit_price: price.amount_string(),
                vat_class: plan.vat_class,
                period: Some(Period {
                    from: today,
                    to: last_day,
                }),
            }],
        },
    )
    .await?;
    let id = OrderId::new(now);
    // Unpaid, it goes like any order, and at the latest when the period
    // its price was for ends.
    let days = i64::from(ctx.config.catalog.unpaid_order_days.max(1));
    let period_over = period_end
        .to_zoned(ctx.tz.clone())
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(i64::MAX);
    let order = OrderRow {
        id: id.clone(),
        org_id: org_id.clone(),
        status: "pending".into(),
        currency: currency.code().into(),
        invoice_id: invoice.id.to_string(),
        billing_address_id: invoice.billing_address_id.clone(),
        created_by: actor.user_id.to_string(),
        created_at: now_ms,
        updated_at: now_ms,
        cancel_after: (now_ms + days * 86_400_000).min(period_over),
        paid_at: None,
        cancelled_at: None,
    };
    store::insert_order(tx.conn(), &order).await?;
    let (to_users, to_storage) = size(after);
    let (from_users, from_storage) = size(before);
    store::insert_item(
        tx.conn(),
        &ItemRow {
            order_id: id.clone(),
            line: 1,
            plan_id: row.plan_id.clone(),
            kind: row.kind.clone(),
            name: description,
            period_months: row.period_months,
            quantity: to_users,
            storage_gb: to_storage,
            domain_name: None,
            domain_ascii: None,
            net_minor: price.amount_minor,
            upgrade_of: Some(row.id.to_string()),
            from_quantity: Some(from_users),
            from_storage_gb: from_storage,
        },
    )
    .await?;
    audit_upgrade(
        tx.conn(),
        ctx,
        actor,
        org_id,
        &row.id,
        before,
        after,
        Some(&id),
    )
    .await?;
    if let Some(idem) = idem {
        idempotency::record(
            tx.conn(),
            idem,
            &UpgradeRecord {
                order_id: Some(id.clone()),
            },
        )
        .await?;
    }
    tx.commit().await?;

    let (payment, payment_error) =
        orders::start_payment(ctx, actor, org_id, &id, &invoice.id, input.payment.as_ref()).await;
    // Paid at once (prepaid credit): the suite is bigger now.
    let order = orders::get_order(ctx, actor, org_id, &id).await?;
    let product = products::get_product(ctx, actor, org_id, product_id).await?;
    Ok(UpgradeOutcome {
        product,
        order: Some(order),
        payment,
        payment_error,
    })
}

/// The suite's current period: from its last renewal (its expiry, a
/// period back) to the day after its expiry, excluded.
fn current_period(row: &store::ProductRow) -> Result<(jiff::civil::Date, jiff::civil::Date)> {
    let expires: jiff::civil::Date = row
        .expires_on
        .as_deref()
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| Error::Internal(format!("suite {} without an expiry", row.id)))?;
    let end = expires
        .checked_add(1.day())
        .map_err(|e| Error::Internal(format!("period: {e}")))?;
    let start = end
        .checked_sub(i64::from(row.period_months).months())
        .map_err(|e| Error::Internal(format!("period: {e}")))?;
    Ok((start, end))
}

/// An upgrade's refusal on the field it concerns.
fn upgrade_error(e: PriceError) -> Error {
    let says = e.to_string();
    match e {
        PriceError::Downgrade {
            resource: SuiteResource::Users,
            ..
        } => Error::invalid("users", "downgrade", says),
        PriceError::Downgrade {
            resource: SuiteResource::Storage,
            ..
        } => Error::invalid("storage_gb", "downgrade", says),
        PriceError::NoChange => Error::invalid("users", "no_change", says),
        PriceError::QuantityOutOfRange { .. } => Error::invalid("users", "out_of_range", says),
        PriceError::StorageOutOfRange { .. } | PriceError::StorageNotOnStep { .. } => {
            Error::invalid("storage_gb", "out_of_range", says)
        }
        PriceError::PeriodNotAllowed { .. } | PriceError::CurrencyNotOffered(_) => Error::conflict(
            "plan_withdrawn",
            "This suite's period or currency is no longer sold; ask support to change it.",
        ),
        other => Error::Internal(format!("suite upgrade: {other}")),
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "one audit row's parts, each named at the call"
)]
async fn audit_upgrade(
    c: Conn<'_>,
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    product: &ProductId,
    before: SuiteSize,
    after: SuiteSize,
    order: Option<&OrderId>,
) -> Result<()> {
    audit::record(
        c,
        ctx,
        actor,
        Change {
            org_id,
            action: AuditAction::SuiteUpgraded,
            target: &format!("product:{product}"),
            before: Some(json!({"users": before.users, "storage_gb": before.storage_gb})),
            after: Some(
                json!({"users": after.users, "storage_gb": after.storage_gb, "order": order}),
            ),
        },
    )
    .await
}

/// An upgrade order's invoice is paid, in its transaction: the suite
/// takes its new size, from the size it was priced from only. A suite
/// that is no longer active (cancelled while the payment was under way)
/// keeps its size; the payment stays on the invoice for staff to credit,
/// and the log says so loudly.
pub(crate) async fn apply_paid_upgrade(
    mut c: Conn<'_>,
    ctx: &Ctx,
    order: &OrderRow,
    item: &ItemRow,
) -> Result<()> {
    let Some(product_id) = &item.upgrade_of else {
        return Ok(());
    };
    let from = (item.from_quantity.unwrap_or(0), item.from_storage_gb);
    let to = (item.quantity, item.storage_gb);
    let now_ms = ctx.clock.now().as_millisecond();
    if !store::apply_upgrade(c.reborrow(), product_id, from, to, now_ms).await? {
        tracing::error!(order = %order.id, product = %product_id, "a paid suite upgrade found its suite changed or closed; credit the invoice");
        return Ok(());
    }
    let row = store::product(c.reborrow(), &order.org_id, product_id)
        .await?
        .ok_or_else(|| Error::Internal(format!("upgraded suite {product_id} vanished")))?;
    products::announce(c, ctx, &row, "product.upgraded").await
}

/// A seat of a suite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SeatView {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub assigned_at: i64,
}

/// A suite's seats: how many it has and who holds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SeatsView {
    pub product_id: ProductId,
    /// The suite's number of users.
    pub users: i32,
    pub seats: Vec<SeatView>,
}

async fn seats_view(c: Conn<'_>, row: &store::ProductRow) -> Result<SeatsView> {
    let seats = store::seats(c, row.id.as_str())
        .await?
        .into_iter()
        .map(|s| SeatView {
            user_id: s.user_id,
            name: s.name,
            email: s.email,
            assigned_at: s.assigned_at / 1000,
        })
        .collect();
    Ok(SeatsView {
        product_id: row.id.clone(),
        users: row.quantity,
        seats,
    })
}

fn suite_only(row: &store::ProductRow) -> Result<()> {
    if row.kind == ProductKind::Suite.as_str() {
        Ok(())
    } else {
        Err(Error::conflict("not_a_suite", "Only a suite has seats."))
    }
}

/// A suite's seats (whoever manages the suite).
pub async fn list_seats(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    product_id: &ProductId,
) -> Result<SeatsView> {
    let mut c = ctx.db.acquire().await?;
    let open = orgs::product_scope(c.conn(), actor, org_id).await?;
    let row = store::product(c.conn(), org_id, product_id.as_str())
        .await?
        .filter(|r| r.status != "deleted" && products::visible(open.as_ref(), r))
        .ok_or(Error::NotFound)?;
    suite_only(&row)?;
    seats_view(c.conn(), &row).await
}

/// Give a seat of the suite to a member of the organisation.
pub async fn assign_seat(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    product_id: &ProductId,
    user_id: &str,
) -> Result<SeatsView> {
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    let (_, row) = locked_for_change(tx.conn(), ctx, actor, org_id, product_id).await?;
    suite_only(&row)?;
    if row.status != "active" {
        return Err(Error::conflict(
            "product_not_active",
            "Seats are given on an active suite.",
        ));
    }
    let member = UserId::parse(user_id.trim()).ok_or_else(not_a_member)?;
    if orgs::store::member_role(tx.conn(), org_id.as_str(), member.as_str())
        .await?
        .is_none()
    {
        return Err(not_a_member());
    }
    let view = seats_view(tx.conn(), &row).await?;
    if view.seats.iter().any(|s| s.user_id == member.as_str()) {
        return Ok(view);
    }
    if i32::try_from(view.seats.len()).unwrap_or(i32::MAX) >= row.quantity {
        return Err(Error::conflict(
            "no_free_seat",
            format!(
                "All {} seats are taken: upgrade the suite or free a seat first.",
                row.quantity
            ),
        ));
    }
    store::insert_seat(
        tx.conn(),
        org_id,
        row.id.as_str(),
        member.as_str(),
        actor.user_id.as_str(),
        now,
    )
    .await?;
    seat_audit(tx.conn(), ctx, actor, org_id, &row.id, &member, true).await?;
    let view = seats_view(tx.conn(), &row).await?;
    tx.commit().await?;
    Ok(view)
}

/// Take a seat of the suite back.
pub async fn release_seat(
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    product_id: &ProductId,
    user_id: &str,
) -> Result<SeatsView> {
    let mut tx = ctx.db.begin().await?;
    let (_, row) = locked_for_change(tx.conn(), ctx, actor, org_id, product_id).await?;
    suite_only(&row)?;
    if !store::delete_seat(tx.conn(), row.id.as_str(), user_id.trim()).await? {
        return Err(Error::NotFound);
    }
    let member = UserId::from_stored(user_id.trim().to_owned());
    seat_audit(tx.conn(), ctx, actor, org_id, &row.id, &member, false).await?;
    let view = seats_view(tx.conn(), &row).await?;
    tx.commit().await?;
    Ok(view)
}

fn not_a_member() -> Error {
    Error::Validation(vec![FieldError::new(
        "user_id",
        "not_a_member",
        "Seats go to members of this organisation.",
    )])
}

async fn seat_audit(
    c: Conn<'_>,
    ctx: &Ctx,
    actor: &Actor,
    org_id: &OrgId,
    product: &ProductId,
    user: &UserId,
    given: bool,
) -> Result<()> {
    let seat = json!({"user_id": user});
    audit::record(
        c,
        ctx,
        actor,
        Change {
            org_id,
            action: if given {
                AuditAction::SeatAssigned
            } else {
                AuditAction::SeatReleased
            },
            target: &format!("product:{product}"),
            before: (!given).then(|| seat.clone()),
            after: given.then_some(seat),
        },
    )
    .await
}

/// ORG-5: does the member hold a seat of one of the organisation's
/// suites (and so may not leave)? In the caller's transaction.
pub async fn holds_seat(c: Conn<'_>, org_id: &OrgId, user_id: &UserId) -> Result<bool> {
    store::holds_seat(c, org_id, user_id.as_str()).await
}

/// A member removed by an owner gives their seats back, in the caller's
/// transaction.
pub async fn release_member(c: Conn<'_>, org_id: &OrgId, user_id: &str) -> Result<u64> {
    store::release_seats(c, org_id, user_id).await
}
