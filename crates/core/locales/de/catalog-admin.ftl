# The back office's catalogue editor (CAT-1).
staff-nav-catalog = Katalog
staff-catalog-title = Katalog
staff-catalog-hint = Der ganze Katalog in TOML, wie docs/catalog.md ihn beschreibt. Beim Veröffentlichen wird er als Ganzes geprüft: Bei einem Fehler ändert sich nichts.
staff-catalog-text = Katalog (TOML)
staff-catalog-note = Notiz
staff-catalog-note-hint = Warum er sich ändert, für den Verlauf.
staff-catalog-publish = Veröffentlichen
staff-catalog-read-only = Nur ein Admin veröffentlicht den Katalog; Sie können ihn lesen.
staff-catalog-version = Version { $version }
staff-catalog-from-version = Sie bearbeiten die ältere Version { $version }; veröffentlicht wird sie zur neuesten.
staff-catalog-from-file = Noch keine Version veröffentlicht: Dies ist die konfigurierte Katalogdatei (oder die Demo).
staff-catalog-running-version = Diese Instanz verkauft noch nach Version { $version }; sie übernimmt die neueste innerhalb einer Minute.
staff-catalog-running-file = Diese Instanz verkauft noch nach der konfigurierten Datei; sie übernimmt die neueste Version innerhalb einer Minute, wenn sie sie lesen kann.
staff-catalog-refused = { $count ->
    [one] Nichts wurde veröffentlicht: Der Katalog enthält einen Fehler. Ihr Text bleibt unten erhalten; beheben Sie ihn und veröffentlichen Sie erneut.
   *[other] Nichts wurde veröffentlicht: Der Katalog enthält { $count } Fehler. Ihr Text bleibt unten erhalten; beheben Sie sie und veröffentlichen Sie erneut.
    }
staff-catalog-mistakes = Fehler
staff-catalog-whole-text = Der ganze Text
staff-catalog-history = Veröffentlichte Versionen
staff-catalog-history-none = Es wurde noch keine Version veröffentlicht.
staff-catalog-col-version = Version
staff-catalog-col-by = Veröffentlicht von
staff-catalog-col-when = Wann
staff-catalog-col-note = Notiz
staff-catalog-back = Zurück zum Katalog
staff-catalog-version-title = Katalogversion { $version }
staff-catalog-edit-from = Von dieser Version ausgehend bearbeiten
staff-saved-catalog-published = Der Katalog ist veröffentlicht: Ab sofort wird danach verkauft.

# An organisation's products and orders, and the VIP code search (CAT-5).
staff-search-hint-vip = Der VIP-Code eines Premium-Supports (VIP-ABCD-2345, Gross- oder Kleinschreibung) findet seine Organisation.
staff-products = Produkte
staff-products-none = Keine Produkte.
staff-product-name = Name
staff-product-kind = Art
staff-product-status = Status
staff-product-expires = Läuft ab
staff-product-vip-code = VIP-Code
staff-orders = Bestellungen
staff-orders-none = Keine Bestellungen.
staff-order-number = Nummer
staff-order-status = Status
staff-order-date = Datum
staff-order-total = Total
staff-status-pending = Ausstehend
staff-status-paid = Bezahlt
staff-status-cancelled = Storniert
staff-status-active = Aktiv
staff-status-suspended = Gesperrt
staff-status-expired = Abgelaufen
staff-status-deleted = Gelöscht
