# The console's shop, cart, checkout and products pages (CAT-2).

# The organisation's tabs.
org-tab-products = Products
org-tab-shop = Shop
org-tab-orders = Orders

## The shop
shop-title = Shop
shop-intro = Prices in { $currency }, before VAT, for the period chosen. The cart shows the VAT as the invoice will.
shop-no-right = You can browse the catalogue, but ordering needs the right to pay for this organisation. Ask an owner to order, or to give you that right.
shop-no-currency = The catalogue has no prices in this organisation's currency yet. Please contact us.
shop-field-domain = Domain name
shop-domain-hint = A name under .{ $tld }, e.g. example.{ $tld }. Accents are welcome.
shop-field-period = Period
shop-period-price = { $period } · { $price }
shop-field-quantity = Quantity
shop-field-storage = Storage (GB)
shop-add = Add to cart
shop-go-to-cart = Go to your cart
shop-go-to-shop = Go to the shop

## The cart
shop-cart-link = Cart
shop-cart-lines = { $count ->
    [one] 1 item in your cart
   *[other] { $count } items in your cart
}
shop-cart-title = Your cart
shop-cart-lines-title = Items
shop-cart-empty = Your cart is empty.
shop-cart-fix = Some items cannot be ordered as they are: change or remove them.
shop-cart-as-invoiced = These totals are those of the invoice the order will issue, VAT included.
shop-item = Item
shop-period = Period
shop-quantity = Quantity
shop-quantity-of = Quantity of { $item }
shop-quantity-update = Update
shop-price = Price before VAT
shop-actions = Actions
shop-remove = Remove
shop-storage-gb = { $gb } GB of storage
shop-checkout = Checkout
shop-continue = Continue shopping
shop-clear = Empty the cart

## The checkout
shop-checkout-title = Checkout
shop-back-to-cart = Back to the cart
shop-checkout-lines = Your order
shop-checkout-address = Billing address
shop-checkout-address-label = The invoice goes to
shop-checkout-address-hint = The VAT depends on the country of the billing address.
shop-checkout-address-apply = Use this address
shop-checkout-no-address = The organisation has no billing address yet: one is needed to issue the invoice.
shop-checkout-add-address = Add a billing address

## Orders
shop-orders-title = Orders
shop-orders-empty = No orders yet.
shop-orders-pages = Pages of orders
shop-order-title = Order of { $date }
shop-order-summary = Summary
shop-order-placed = Placed
shop-order-items = Items
shop-order-invoice = Invoice
shop-order-cancel-after = Cancelled if unpaid by
shop-order-pay = Pay { $amount }
shop-order-cancel = Cancel the order
shop-order-cancel-text = The order will be cancelled and its invoice credited in full; anything already paid goes to the prepaid account.
shop-order-cancel-confirm = Yes, cancel it
shop-order-products = Products
shop-order-products-after-payment = The products are made as soon as the order is paid.
shop-order-no-products = This order made no products.
shop-back-to-orders = All orders
shop-status = Status
shop-vat = VAT
shop-order-status-pending = Awaiting payment
shop-order-status-paid = Paid
shop-order-status-cancelled = Cancelled

## Products
shop-products-title = Products
shop-products-empty = No products here yet.
shop-products-empty-filtered = No products match these filters.
shop-products-pages = Pages of products
shop-filter-kind = Kind
shop-filter-status = Status
shop-filter-any-kind = All kinds
shop-filter-any-status = All statuses
shop-page-previous = Previous
shop-page-next = Next
shop-product = Product
shop-kind = Kind
shop-plan = Plan
shop-expires-on = Expires on
shop-starts-on = Since
shop-auto-renew = Automatic renewal
shop-renewal-warranty = Renewal warranty
shop-billing-address = Renewal invoices go to
shop-in-suite = Part of a suite
shop-yes = Yes
shop-no = No
shop-storage = Storage
shop-domain-ascii = Name in the DNS
shop-back-to-products = All products
shop-product-details = Details
shop-product-order = Ordered with
shop-product-order-link = its order
shop-product-renewal = Renewal
shop-product-renews-with-suite = Renewed with its suite.
shop-product-suite = Suite
shop-product-inside = Part of the suite
shop-product-contents = This suite contains:
shop-product-contents-none = Nothing you can see.
shop-vip-title = VIP code
shop-vip-hint = Your technical referent gives this code when calling premium support: it identifies your organisation at once.
shop-product-status-pending = Being set up
shop-product-status-active = Active
shop-product-status-suspended = Suspended
shop-product-status-expired = Expired
shop-product-status-cancelled = Cancelled
shop-product-status-deleted = Deleted
shop-units-mailbox = { $count ->
    [one] 1 mailbox
   *[other] { $count } mailboxes
}
shop-units-user = { $count ->
    [one] 1 user
   *[other] { $count } users
}
shop-units-device = { $count ->
    [one] 1 device
   *[other] { $count } devices
}

## The overview
shop-overview-title = Products
shop-overview-none = The organisation holds no products yet.
shop-overview-expiring = Expiring soon
shop-expiring-count = { $count ->
    [one] 1 product expires in the next { $days } days.
   *[other] { $count } products expire in the next { $days } days.
}
shop-overview-nothing-expiring = Nothing expires in the next { $days } days.
shop-overview-all = See all products
shop-renews-automatically = renews automatically

## After a post
shop-saved-added = Added to your cart.
shop-saved-removed = Removed from your cart.
shop-saved-quantity-changed = Quantity changed.
shop-saved-cleared = Your cart is empty.
shop-saved-order-cancelled = The order is cancelled and its invoice credited.

## Refusals
shop-refused-cart-full = Your cart is full (50 items): order these first.
shop-refused-cart-changed = The cart changed since this page was shown: check it and order again.
shop-refused-cart-empty = Your cart is empty: nothing was ordered.
shop-refused-currency-not-offered = The catalogue has no prices in this organisation's currency.
shop-refused-billing-address-required = Add a billing address first: the invoice needs one.
shop-refused-order-not-pending = Only an order awaiting payment can be cancelled.
shop-refused-payment-in-flight = A payment of this order is under way: wait for its outcome.
shop-refused-idempotency-key-in-use = This order is being placed already: wait a moment.
field-error-shop-unknown-plan = This plan is no longer in the catalogue: remove it.
field-error-shop-period-not-allowed = Choose one of the periods offered.
field-error-shop-out-of-range = Choose a value within the limits shown.
field-error-shop-required = This is required.
field-error-shop-not-applicable = This plan takes no storage.
field-error-shop-invalid-domain = This is not a domain name under this extension: letters, digits and hyphens, e.g. example.ch.
field-error-shop-duplicate-domain = This domain is twice in the cart.
field-error-shop-domain-taken = This domain is already held or being ordered here.
field-error-shop-not-a-domain = Only a domain takes a domain name.
field-error-shop-invalid-value = This value is not valid.
