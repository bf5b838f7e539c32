# The console's shop, cart, checkout and products pages (CAT-2).

# The organisation's tabs.
org-tab-products = Produkte
org-tab-shop = Shop
org-tab-orders = Bestellungen

## The shop
shop-title = Shop
shop-intro = Preise in { $currency }, ohne MWST, für die gewählte Laufzeit. Der Warenkorb zeigt die MWST wie die Rechnung.
shop-no-right = Sie können den Katalog ansehen, aber zum Bestellen brauchen Sie das Recht, für diese Organisation zu bezahlen. Bitten Sie eine Inhaberin oder einen Inhaber, zu bestellen oder Ihnen dieses Recht zu geben.
shop-no-currency = Der Katalog hat noch keine Preise in der Währung dieser Organisation. Bitte kontaktieren Sie uns.
shop-field-domain = Domainname
shop-domain-hint = Ein Name unter .{ $tld }, z. B. example.{ $tld }. Umlaute sind willkommen.
shop-field-period = Laufzeit
shop-period-price = { $period } · { $price }
shop-field-quantity = Anzahl
shop-field-storage = Speicher (GB)
shop-add = In den Warenkorb
shop-go-to-cart = Zum Warenkorb
shop-go-to-shop = Zum Shop

## The cart
shop-cart-link = Warenkorb
shop-cart-lines = { $count ->
    [one] 1 Artikel im Warenkorb
   *[other] { $count } Artikel im Warenkorb
}
shop-cart-title = Ihr Warenkorb
shop-cart-lines-title = Artikel
shop-cart-empty = Ihr Warenkorb ist leer.
shop-cart-fix = Einige Artikel können so nicht bestellt werden: Ändern oder entfernen Sie sie.
shop-cart-as-invoiced = Diese Summen sind die der Rechnung, die die Bestellung ausstellt, inklusive MWST.
shop-item = Artikel
shop-period = Laufzeit
shop-quantity = Anzahl
shop-quantity-of = Anzahl von { $item }
shop-quantity-update = Ändern
shop-price = Preis ohne MWST
shop-actions = Aktionen
shop-remove = Entfernen
shop-storage-gb = { $gb } GB Speicher
shop-checkout = Zur Kasse
shop-continue = Weiter einkaufen
shop-clear = Warenkorb leeren

## The checkout
shop-checkout-title = Kasse
shop-back-to-cart = Zurück zum Warenkorb
shop-checkout-lines = Ihre Bestellung
shop-checkout-address = Rechnungsadresse
shop-checkout-address-label = Die Rechnung geht an
shop-checkout-address-hint = Die MWST hängt vom Land der Rechnungsadresse ab.
shop-checkout-address-apply = Diese Adresse verwenden
shop-checkout-no-address = Die Organisation hat noch keine Rechnungsadresse: Für die Rechnung braucht es eine.
shop-checkout-add-address = Rechnungsadresse hinzufügen

## Orders
shop-orders-title = Bestellungen
shop-orders-empty = Noch keine Bestellungen.
shop-orders-pages = Seiten der Bestellungen
shop-order-title = Bestellung vom { $date }
shop-order-summary = Übersicht
shop-order-placed = Bestellt am
shop-order-items = Artikel
shop-order-invoice = Rechnung
shop-order-cancel-after = Storniert, wenn unbezahlt bis
shop-order-pay = { $amount } bezahlen
shop-order-cancel = Bestellung stornieren
shop-order-cancel-text = Die Bestellung wird storniert und ihre Rechnung vollständig gutgeschrieben; bereits Bezahltes geht auf das Prepaid-Konto.
shop-order-cancel-confirm = Ja, stornieren
shop-order-products = Produkte
shop-order-products-after-payment = Die Produkte werden eingerichtet, sobald die Bestellung bezahlt ist.
shop-order-no-products = Diese Bestellung hat keine Produkte erzeugt.
shop-back-to-orders = Alle Bestellungen
shop-status = Status
shop-vat = MWST
shop-order-status-pending = Zahlung ausstehend
shop-order-status-paid = Bezahlt
shop-order-status-cancelled = Storniert

## Products
shop-products-title = Produkte
shop-products-empty = Noch keine Produkte.
shop-products-empty-filtered = Keine Produkte entsprechen diesen Filtern.
shop-products-pages = Seiten der Produkte
shop-filter-kind = Art
shop-filter-status = Status
shop-filter-any-kind = Alle Arten
shop-filter-any-status = Alle Status
shop-page-previous = Zurück
shop-page-next = Weiter
shop-product = Produkt
shop-kind = Art
shop-plan = Angebot
shop-expires-on = Läuft ab am
shop-starts-on = Seit
shop-auto-renew = Automatische Verlängerung
shop-renewal-warranty = Verlängerungsgarantie
shop-billing-address = Verlängerungsrechnungen an
shop-in-suite = Teil einer Suite
shop-yes = Ja
shop-no = Nein
shop-storage = Speicher
shop-domain-ascii = Name im DNS
shop-back-to-products = Alle Produkte
shop-product-details = Details
shop-product-order = Bestellt mit
shop-product-order-link = dieser Bestellung
shop-product-renewal = Verlängerung
shop-product-renews-with-suite = Wird mit seiner Suite verlängert.
shop-product-suite = Suite
shop-product-inside = Teil der Suite
shop-product-contents = Diese Suite enthält:
shop-product-contents-none = Nichts, was Sie sehen können.
shop-vip-title = VIP-Code
shop-vip-hint = Ihre technische Ansprechperson nennt diesen Code, wenn sie den Premium-Support anruft: Er erkennt Ihre Organisation sofort.
shop-product-status-pending = Wird eingerichtet
shop-product-status-active = Aktiv
shop-product-status-suspended = Gesperrt
shop-product-status-expired = Abgelaufen
shop-product-status-cancelled = Gekündigt
shop-product-status-deleted = Gelöscht
shop-units-mailbox = { $count ->
    [one] 1 Postfach
   *[other] { $count } Postfächer
}
shop-units-user = { $count ->
    [one] 1 Benutzer
   *[other] { $count } Benutzer
}
shop-units-device = { $count ->
    [one] 1 Gerät
   *[other] { $count } Geräte
}

## The overview
shop-overview-title = Produkte
shop-overview-none = Die Organisation hat noch keine Produkte.
shop-overview-expiring = Läuft bald ab
shop-expiring-count = { $count ->
    [one] 1 Produkt läuft in den nächsten { $days } Tagen ab.
   *[other] { $count } Produkte laufen in den nächsten { $days } Tagen ab.
}
shop-overview-nothing-expiring = In den nächsten { $days } Tagen läuft nichts ab.
shop-overview-all = Alle Produkte ansehen
shop-renews-automatically = verlängert sich automatisch

## After a post
shop-saved-added = In den Warenkorb gelegt.
shop-saved-removed = Aus dem Warenkorb entfernt.
shop-saved-quantity-changed = Anzahl geändert.
shop-saved-cleared = Ihr Warenkorb ist leer.
shop-saved-order-cancelled = Die Bestellung ist storniert und ihre Rechnung gutgeschrieben.

## Refusals
shop-refused-cart-full = Ihr Warenkorb ist voll (50 Artikel): Bestellen Sie zuerst diese.
shop-refused-cart-changed = Der Warenkorb hat sich geändert, seit diese Seite angezeigt wurde: Prüfen Sie ihn und bestellen Sie erneut.
shop-refused-cart-empty = Ihr Warenkorb ist leer: Es wurde nichts bestellt.
shop-refused-currency-not-offered = Der Katalog hat keine Preise in der Währung dieser Organisation.
shop-refused-billing-address-required = Fügen Sie zuerst eine Rechnungsadresse hinzu: Die Rechnung braucht eine.
shop-refused-order-not-pending = Nur eine Bestellung mit ausstehender Zahlung kann storniert werden.
shop-refused-payment-in-flight = Eine Zahlung dieser Bestellung läuft: Warten Sie ihr Ergebnis ab.
shop-refused-idempotency-key-in-use = Diese Bestellung wird bereits aufgegeben: Einen Moment bitte.
field-error-shop-unknown-plan = Dieses Angebot ist nicht mehr im Katalog: Entfernen Sie es.
field-error-shop-period-not-allowed = Wählen Sie eine der angebotenen Laufzeiten.
field-error-shop-out-of-range = Wählen Sie einen Wert innerhalb der angegebenen Grenzen.
field-error-shop-required = Dieses Feld ist erforderlich.
field-error-shop-not-applicable = Dieses Angebot hat keinen Speicher.
field-error-shop-invalid-domain = Das ist kein Domainname unter dieser Endung: Buchstaben, Ziffern und Bindestriche, z. B. example.ch.
field-error-shop-duplicate-domain = Diese Domain ist zweimal im Warenkorb.
field-error-shop-domain-taken = Diese Domain wird hier bereits gehalten oder bestellt.
field-error-shop-not-a-domain = Nur eine Domain hat einen Domainnamen.
field-error-shop-invalid-value = Dieser Wert ist ungültig.
