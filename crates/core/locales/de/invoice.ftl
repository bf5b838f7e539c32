# Die Rechnung und die Gutschrift als PDF (BIL-2). Die qrbill-*-Titel sind
# die von den QR-Rechnung-Richtlinien vorgeschriebenen: nicht umformulieren.
invoice-title = Rechnung
invoice-credit-note-title = Gutschrift
invoice-number = Nummer
invoice-date = Datum
invoice-due = Fällig am
invoice-credited = Gutschrift zu Rechnung
invoice-supplier = Leistungserbringer
invoice-seller-vat = Unsere MWST-Nummer
invoice-buyer-vat = Ihre MWST-Nummer
invoice-col-description = Beschreibung
invoice-col-quantity = Menge
invoice-col-unit-price = Einzelpreis
invoice-col-vat = MWST
invoice-col-amount = Betrag
invoice-period = Zeitraum { $from } – { $to }
invoice-subtotal = Zwischensumme exkl. MWST
invoice-vat-row = MWST { $rate } auf { $base }
invoice-rounding = Rundung
invoice-total = Total { $currency }
invoice-page = Seite { $page } von { $pages }
invoice-epc-title = Zahlung per Banküberweisung
invoice-epc-caption = Scannen Sie den Code mit Ihrer Banking-App.
invoice-epc-beneficiary = Empfänger
invoice-epc-account = IBAN
invoice-epc-bic = BIC
invoice-epc-amount = Betrag
invoice-epc-reference = Referenz
qrbill-receipt = Empfangsschein
qrbill-payment-part = Zahlteil
qrbill-account-payable-to = Konto / Zahlbar an
qrbill-reference = Referenz
qrbill-additional-information = Zusätzliche Informationen
qrbill-payable-by = Zahlbar durch
qrbill-payable-by-name-address = Zahlbar durch (Name/Adresse)
qrbill-currency = Währung
qrbill-amount = Betrag
qrbill-acceptance-point = Annahmestelle

# Mentions when Swiss VAT does not apply (billing::vat::MentionKey), and
# the QR-bill's message naming the invoice.
invoice-mention-export-services = Leistung nicht der schweizerischen MWST unterstellt (Ort der Leistung im Ausland, Art. 8 MWSTG).
invoice-mention-reverse-charge = Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge): Die MWST schuldet der Empfänger.
invoice-payment-message = Rechnung { $number }

# A payment slip to top up the prepaid account by transfer.
invoice-top-up-title = Aufladung des Guthabenkontos
invoice-top-up-line = Guthaben für das Guthabenkonto
invoice-top-up-mention = Eine Vorauszahlung, die bei Eingang Ihrem Guthabenkonto gutgeschrieben wird: hier keine MWST; die damit bezahlten Rechnungen weisen die MWST aus.
invoice-top-up-message = Aufladung { $reference }

# A reminder's fee, as the line of its own invoice (BIL-5).
invoice-reminder-fee = Mahngebühr (Mahnung { $level }, Rechnung { $number })

# An order's invoice lines (CAT-2): "Web Hosting Start, 1 year".
invoice-line-years = { $count ->
    [one] 1 Jahr
   *[other] { $count } Jahre
}
invoice-line-months = { $count ->
    [one] 1 Monat
   *[other] { $count } Monate
}
invoice-line-storage = Speicher, je { $gb } GB
invoice-line-suite-upgrade = { $name }: Erweiterung von { $users_from } auf { $users_to } Benutzer und von { $storage_from } auf { $storage_to } GB für den Rest der Laufzeit
# Product kinds, as documents and pages name them.
product-kind-domain = Domain
product-kind-web-hosting = Webhosting
product-kind-mail = Mail-Service
product-kind-suite = Suite
product-kind-drive = Drive
product-kind-chat = Chat
product-kind-nas = NAS-Gerät
product-kind-premium-support = Premium-Support
invoice-line-renewal = Verlängerung von { $name }, { $period }
