# The invoice and credit note PDF (BIL-2). The qrbill-* headings are the
# ones the Swiss QR-bill guidelines prescribe (annex "multilingual
# headings"): do not reword them.
invoice-title = Invoice
invoice-credit-note-title = Credit note
invoice-number = Number
invoice-date = Date
invoice-due = Due date
invoice-credited = Credits invoice
invoice-supplier = Supplier
invoice-seller-vat = Our VAT number
invoice-buyer-vat = Your VAT number
invoice-col-description = Description
invoice-col-quantity = Qty
invoice-col-unit-price = Unit price
invoice-col-vat = VAT
invoice-col-amount = Amount
invoice-period = Period { $from } – { $to }
invoice-subtotal = Subtotal excluding VAT
invoice-vat-row = VAT { $rate } on { $base }
invoice-rounding = Rounding
invoice-total = Total { $currency }
invoice-page = Page { $page } of { $pages }
invoice-epc-title = Pay by bank transfer
invoice-epc-caption = Scan the code with your banking app.
invoice-epc-beneficiary = Beneficiary
invoice-epc-account = IBAN
invoice-epc-bic = BIC
invoice-epc-amount = Amount
invoice-epc-reference = Reference
qrbill-receipt = Receipt
qrbill-payment-part = Payment part
qrbill-account-payable-to = Account / Payable to
qrbill-reference = Reference
qrbill-additional-information = Additional information
qrbill-payable-by = Payable by
qrbill-payable-by-name-address = Payable by (name/address)
qrbill-currency = Currency
qrbill-amount = Amount
qrbill-acceptance-point = Acceptance point

# Mentions when Swiss VAT does not apply (billing::vat::MentionKey), and
# the QR-bill's message naming the invoice.
invoice-mention-export-services = Service not subject to Swiss VAT (place of supply abroad, art. 8 VAT Act).
invoice-mention-reverse-charge = Reverse charge: the recipient is liable for the VAT.
invoice-payment-message = Invoice { $number }

# A payment slip to top up the prepaid account by transfer.
invoice-top-up-title = Prepaid account top-up
invoice-top-up-line = Credit for the prepaid account
invoice-top-up-mention = A prepayment credited to your prepaid account when it arrives: no VAT here; the invoices it pays carry the VAT.
invoice-top-up-message = Top-up { $reference }

# A reminder's fee, as the line of its own invoice (BIL-5).
invoice-reminder-fee = Reminder fee (reminder { $level }, invoice { $number })

# An order's invoice lines (CAT-2): "Web Hosting Start, 1 year".
invoice-line-years = { $count ->
    [one] 1 year
   *[other] { $count } years
}
invoice-line-months = { $count ->
    [one] 1 month
   *[other] { $count } months
}
invoice-line-storage = Storage, per { $gb } GB
invoice-line-suite-upgrade = { $name }: upgrade from { $users_from } to { $users_to } users and from { $storage_from } to { $storage_to } GB, for the rest of the period
# Product kinds, as documents and pages name them.
product-kind-domain = Domain
product-kind-web-hosting = Web hosting
product-kind-mail = Mail service
product-kind-suite = Suite
product-kind-drive = Drive
product-kind-chat = Chat
product-kind-nas = NAS device
product-kind-premium-support = Premium support
invoice-line-renewal = Renewal of { $name }, { $period }
