# Renewals in the console and the back office (issue 14; REN-1..5, ORG-7).

# The organisation's tab.
org-tab-renewals = Zu verlängern

## The "to pay" list (REN-3)
renewals-title = Zu bezahlende Verlängerungen
renewals-list-title = Zu verlängernde Produkte
renewals-list-hint = Wählen Sie die Produkte und die Dauer der Verlängerung: Sie werden zusammen auf einer Rechnung verlängert und in einem Mal bezahlt. Nach der Zahlung verschiebt sich das Ablaufdatum jedes Produkts um genau die gewählten Perioden.
renewals-filter = Welche Produkte
renewals-within-soon = Ablauf innerhalb von zwei Monaten
renewals-within-all = Alle Produkte
renewals-caption-soon = Produkte, die in den nächsten zwei Monaten ablaufen, das nächste zuerst
renewals-caption-all = Alle verlängerbaren Produkte, das nächste Ablaufdatum zuerst
renewals-empty-soon = In den nächsten zwei Monaten läuft nichts ab.
renewals-empty-all = Kein Produkt kann verlängert werden.
renewals-see-all = Alle Produkte anzeigen
renewals-col-renew = Verlängern
renewals-col-price = Preis
renewals-col-periods = Verlängern um
renewals-per-period = für { $period }, exkl. MWST
renewals-pick-label = { $product } verlängern
renewals-periods-label = Dauer der Verlängerung von { $product }
renewals-pay-invoice = Bereits verrechnet: Rechnung bezahlen
renewals-read-only = Verlängern und Bezahlen erfordern das Recht, für diese Organisation zu zahlen. Bitten Sie einen Inhaber, zu verlängern oder Ihnen dieses Recht zu geben.
renewals-not-renewable-plan-withdrawn = Sein Angebot wird nicht mehr verkauft: Kontaktieren Sie uns, um es zu verlängern.
renewals-not-renewable-period-not-allowed = Seine Laufzeit wird nicht mehr verkauft: Kontaktieren Sie uns, um es zu verlängern.
renewals-not-renewable-not-renewable = Dieses Produkt kann nicht verlängert werden.
renewals-form-title = Verlängern und bezahlen
renewals-address-label = Rechnungsadresse
renewals-address-hint = Die Rechnung geht an diese Adresse.
renewals-no-address = Die Organisation hat noch keine Rechnungsadresse; die Rechnung braucht eine.
renewals-submit-hint = Eine Rechnung für alle oben angekreuzten Produkte; die Zahlungsseite nennt dann den Betrag.
renewals-submit = Verlängern und bezahlen

## Why a renewal was refused, beside its row
field-error-renewals-not-found = Dieses Produkt existiert nicht oder Sie können es nicht verlängern.
field-error-renewals-duplicate-product = Dieses Produkt steht bereits in der Liste.
field-error-renewals-inside-suite = Ein Produkt einer Suite wird mit seiner Suite verlängert.
field-error-renewals-product-closed = Dieses Produkt ist beendet; es kann nicht verlängert werden.
field-error-renewals-renewal-pending = Seine Verlängerung ist bereits verrechnet: Bezahlen Sie diese Rechnung.
field-error-renewals-period-not-allowed = Dieses Produkt kann nicht um diese Dauer verlängert werden.
field-error-renewals-plan-withdrawn = Sein Angebot wird nicht mehr verkauft: Kontaktieren Sie uns, um es zu verlängern.
field-error-renewals-not-renewable = Dieses Produkt kann nicht verlängert werden.
field-error-renewals-out-of-range = Kreuzen Sie mindestens ein Produkt an (höchstens 50 auf einmal).

## The overview's expiry calendar (REN-3, REN-5)
renewals-calendar-title = Ablaufkalender
renewals-calendar-hint = Die Produkte, die diesen Monat und in den zwei folgenden ablaufen, Tag für Tag.
renewals-calendar-month = { $month } { $year }
renewals-calendar-day = { $date }: { $count ->
    [one] 1 Produkt läuft ab
   *[other] { $count } Produkte laufen ab
}
renewals-calendar-empty = In diesen drei Monaten läuft kein Produkt ab.
renewals-calendar-list = Ablauf an diesen Tagen
renewals-calendar-to-pay = Verlängern
renewals-weekday-1 = Montag
renewals-weekday-2 = Dienstag
renewals-weekday-3 = Mittwoch
renewals-weekday-4 = Donnerstag
renewals-weekday-5 = Freitag
renewals-weekday-6 = Samstag
renewals-weekday-7 = Sonntag
renewals-weekday-short-1 = Mo
renewals-weekday-short-2 = Di
renewals-weekday-short-3 = Mi
renewals-weekday-short-4 = Do
renewals-weekday-short-5 = Fr
renewals-weekday-short-6 = Sa
renewals-weekday-short-7 = So

## Renewals and the steps of a product not renewed, in words
renewals-kind-auto = Automatische Verlängerung
renewals-kind-manual = Von Hand verlängert
renewals-kind-warranty = Verlängerungsgarantie
renewals-status-open = Verrechnet, unbezahlt
renewals-status-applied = Angewendet
renewals-status-cancelled = Storniert
renewals-applied-at = angewendet am { $date }
renewals-cancelled-at = storniert am { $date }
renewals-step-notice = { $days ->
    [one] Hinweis: läuft morgen ab
   *[other] Hinweis: läuft in { $days } Tagen ab
}
renewals-step-charge-failed = Belastungsversuch { $attempt } fehlgeschlagen
renewals-step-expired = Abgelaufen
renewals-step-suspended = Gesperrt
renewals-step-deletion-notice = Löschung angekündigt
renewals-step-deleted = Gelöscht
renewals-warranty = Verlängerungsgarantie

## The back office's product page
renewals-staff-product = Das Produkt
renewals-staff-renewals = Verlängerungen
renewals-staff-no-renewals = Dieses Produkt wurde noch nie verlängert.
renewals-staff-created = Erstellt
renewals-staff-kind = Art
renewals-staff-status = Status
renewals-staff-periods = Perioden
renewals-staff-span = Ablauf verschoben
renewals-staff-from-to = { $from } → { $to }
renewals-staff-net = Betrag exkl. MWST
renewals-staff-invoice = Rechnung
renewals-staff-invoice-draft = Entwurf
renewals-staff-charges = Belastungen
renewals-staff-attempts = { $count ->
    [0] Kein Belastungsversuch
    [one] 1 Belastungsversuch
   *[other] { $count } Belastungsversuche
}
renewals-staff-next-charge = nächste Belastung am { $date }
renewals-staff-notices = Gesendete Hinweise
renewals-staff-no-notices = Zu diesem Produkt wurde noch kein Hinweis gesendet.
renewals-staff-sent-on = Gesendet am
renewals-staff-step = Schritt
renewals-staff-period-end = Periodenende
