# Renewals in the console and the back office (issue 14; REN-1..5, ORG-7).

# The organisation's tab.
org-tab-renewals = To renew

## The "to pay" list (REN-3)
renewals-title = Renewals to pay
renewals-list-title = Products to renew
renewals-list-hint = Choose the products to renew and for how long: they are renewed together on one invoice, paid in one go. Once paid, each product's expiry moves by exactly the periods chosen.
renewals-filter = Which products
renewals-within-soon = Expiring within two months
renewals-within-all = All products
renewals-caption-soon = Products expiring within the next two months, soonest first
renewals-caption-all = All products that can be renewed, soonest expiry first
renewals-empty-soon = Nothing expires within the next two months.
renewals-empty-all = No product can be renewed.
renewals-see-all = See all products
renewals-col-renew = Renew
renewals-col-price = Price
renewals-col-periods = Renew for
renewals-per-period = for { $period }, excl. VAT
renewals-pick-label = Renew { $product }
renewals-periods-label = How long to renew { $product }
renewals-pay-invoice = Already invoiced: pay the invoice
renewals-read-only = Renewing and paying need the right to pay for this organisation. Ask an owner to renew, or to give you that right.
renewals-not-renewable-plan-withdrawn = Its plan is no longer sold: contact us to renew it.
renewals-not-renewable-period-not-allowed = Its period is no longer sold: contact us to renew it.
renewals-not-renewable-not-renewable = This product cannot be renewed.
renewals-form-title = Renew and pay
renewals-address-label = Billing address
renewals-address-hint = The invoice goes to this address.
renewals-no-address = The organisation has no billing address yet; the invoice needs one.
renewals-submit-hint = One invoice for all the products checked above; the payment's page then says the amount.
renewals-submit = Renew and pay

## Why a renewal was refused, beside its row
field-error-renewals-not-found = This product does not exist or is not yours to renew.
field-error-renewals-duplicate-product = This product is already in the list.
field-error-renewals-inside-suite = A product inside a suite renews with its suite.
field-error-renewals-product-closed = This product is closed; it cannot be renewed.
field-error-renewals-renewal-pending = Its renewal is already invoiced: pay that invoice.
field-error-renewals-period-not-allowed = This product cannot be renewed for that long.
field-error-renewals-plan-withdrawn = Its plan is no longer sold: contact us to renew it.
field-error-renewals-not-renewable = This product cannot be renewed.
field-error-renewals-out-of-range = Check at least one product to renew (at most 50 at once).

## The overview's expiry calendar (REN-3, REN-5)
renewals-calendar-title = Expiry calendar
renewals-calendar-hint = The products that expire this month and the next two, by day.
renewals-calendar-month = { $month } { $year }
renewals-calendar-day = { $date }: { $count ->
    [one] 1 product expires
   *[other] { $count } products expire
}
renewals-calendar-empty = No product expires in these three months.
renewals-calendar-list = Expiring on these days
renewals-calendar-to-pay = Renew them
renewals-weekday-1 = Monday
renewals-weekday-2 = Tuesday
renewals-weekday-3 = Wednesday
renewals-weekday-4 = Thursday
renewals-weekday-5 = Friday
renewals-weekday-6 = Saturday
renewals-weekday-7 = Sunday
renewals-weekday-short-1 = Mon
renewals-weekday-short-2 = Tue
renewals-weekday-short-3 = Wed
renewals-weekday-short-4 = Thu
renewals-weekday-short-5 = Fri
renewals-weekday-short-6 = Sat
renewals-weekday-short-7 = Sun

## Renewals and the steps of a product not renewed, in words
renewals-kind-auto = Automatic renewal
renewals-kind-manual = Renewed by hand
renewals-kind-warranty = Renewal warranty
renewals-status-open = Invoiced, unpaid
renewals-status-applied = Applied
renewals-status-cancelled = Cancelled
renewals-applied-at = applied { $date }
renewals-cancelled-at = cancelled { $date }
renewals-step-notice = { $days ->
    [one] Notice: expires tomorrow
   *[other] Notice: expires in { $days } days
}
renewals-step-charge-failed = Charge attempt { $attempt } failed
renewals-step-expired = Expired
renewals-step-suspended = Suspended
renewals-step-deletion-notice = Deletion announced
renewals-step-deleted = Deleted
renewals-warranty = Renewal warranty

## The back office's product page
renewals-staff-product = The product
renewals-staff-renewals = Renewals
renewals-staff-no-renewals = This product has never been renewed.
renewals-staff-created = Made
renewals-staff-kind = Kind
renewals-staff-status = Status
renewals-staff-periods = Periods
renewals-staff-span = Expiry moved
renewals-staff-from-to = { $from } → { $to }
renewals-staff-net = Amount excl. VAT
renewals-staff-invoice = Invoice
renewals-staff-invoice-draft = Draft
renewals-staff-charges = Charges
renewals-staff-attempts = { $count ->
    [0] No charge attempt
    [one] 1 charge attempt
   *[other] { $count } charge attempts
}
renewals-staff-next-charge = next charge { $date }
renewals-staff-notices = Notices sent
renewals-staff-no-notices = No notice has been sent about this product.
renewals-staff-sent-on = Sent on
renewals-staff-step = Step
renewals-staff-period-end = Period ending
