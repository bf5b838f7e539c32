# The back office's catalogue editor (CAT-1).
staff-nav-catalog = Catalogue
staff-catalog-title = Catalogue
staff-catalog-hint = The whole catalogue in TOML, as docs/catalog.md describes it. Publishing checks it as a whole: with a mistake, nothing changes.
staff-catalog-text = Catalogue (TOML)
staff-catalog-note = Note
staff-catalog-note-hint = Why it changes, for the history.
staff-catalog-publish = Publish
staff-catalog-read-only = Only an admin publishes the catalogue; you can read it.
staff-catalog-version = Version { $version }
staff-catalog-from-version = You are editing from version { $version }, an older one; publishing makes it the newest.
staff-catalog-from-file = No version published yet: this is the configured catalogue file (or the demo).
staff-catalog-running-version = This instance still sells from version { $version }; it takes the newest one within a minute.
staff-catalog-running-file = This instance still sells from the configured file; it takes the newest version within a minute if it can read it.
staff-catalog-refused = { $count ->
    [one] Nothing was published: the catalogue has a mistake. Your text is kept below; fix it and publish again.
   *[other] Nothing was published: the catalogue has { $count } mistakes. Your text is kept below; fix them and publish again.
    }
staff-catalog-mistakes = Mistakes
staff-catalog-whole-text = The whole text
staff-catalog-history = Published versions
staff-catalog-history-none = No version has been published yet.
staff-catalog-col-version = Version
staff-catalog-col-by = Published by
staff-catalog-col-when = When
staff-catalog-col-note = Note
staff-catalog-back = Back to the catalogue
staff-catalog-version-title = Catalogue version { $version }
staff-catalog-edit-from = Edit from this version
staff-saved-catalog-published = The catalogue is published: it is sold from now on.

# An organisation's products and orders, and the VIP code search (CAT-5).
staff-search-hint-vip = A premium support's VIP code (VIP-ABCD-2345, in any case) finds its organisation.
staff-products = Products
staff-products-none = No products.
staff-product-name = Name
staff-product-kind = Kind
staff-product-status = Status
staff-product-expires = Expires
staff-product-vip-code = VIP code
staff-orders = Orders
staff-orders-none = No orders.
staff-order-number = Number
staff-order-status = Status
staff-order-date = Date
staff-order-total = Total
staff-status-pending = Pending
staff-status-paid = Paid
staff-status-cancelled = Cancelled
staff-status-active = Active
staff-status-suspended = Suspended
staff-status-expired = Expired
staff-status-deleted = Deleted
