# Renewals in the console and the back office (issue 14; REN-1..5, ORG-7).

# The organisation's tab.
org-tab-renewals = Da rinnovare

## The "to pay" list (REN-3)
renewals-title = Rinnovi da pagare
renewals-list-title = Prodotti da rinnovare
renewals-list-hint = Scelga i prodotti da rinnovare e per quanto tempo: vengono rinnovati insieme su un’unica fattura, pagata in una volta. Una volta pagata, la scadenza di ogni prodotto avanza esattamente dei periodi scelti.
renewals-filter = Quali prodotti
renewals-within-soon = In scadenza entro due mesi
renewals-within-all = Tutti i prodotti
renewals-caption-soon = Prodotti in scadenza nei prossimi due mesi, il più vicino per primo
renewals-caption-all = Tutti i prodotti rinnovabili, la scadenza più vicina per prima
renewals-empty-soon = Nulla scade nei prossimi due mesi.
renewals-empty-all = Nessun prodotto può essere rinnovato.
renewals-see-all = Vedere tutti i prodotti
renewals-col-renew = Rinnovare
renewals-col-price = Prezzo
renewals-col-periods = Rinnovare per
renewals-per-period = per { $period }, IVA esclusa
renewals-pick-label = Rinnovare { $product }
renewals-periods-label = Durata del rinnovo di { $product }
renewals-pay-invoice = Già fatturato: paghi la fattura
renewals-read-only = Rinnovare e pagare richiedono il diritto di pagare per questa organizzazione. Chieda a un proprietario di rinnovare, o di darLe questo diritto.
renewals-not-renewable-plan-withdrawn = L’offerta di questo prodotto non è più in vendita: ci contatti per rinnovarlo.
renewals-not-renewable-period-not-allowed = La durata di questo prodotto non è più in vendita: ci contatti per rinnovarlo.
renewals-not-renewable-not-renewable = Questo prodotto non può essere rinnovato.
renewals-form-title = Rinnovare e pagare
renewals-address-label = Indirizzo di fatturazione
renewals-address-hint = La fattura va a questo indirizzo.
renewals-no-address = L’organizzazione non ha ancora un indirizzo di fatturazione; la fattura ne richiede uno.
renewals-submit-hint = Un’unica fattura per tutti i prodotti spuntati sopra; la pagina del pagamento ne indica poi l’importo.
renewals-submit = Rinnovare e pagare

## Why a renewal was refused, beside its row
field-error-renewals-not-found = Questo prodotto non esiste o Lei non può rinnovarlo.
field-error-renewals-duplicate-product = Questo prodotto è già nell’elenco.
field-error-renewals-inside-suite = Un prodotto di una suite si rinnova con la suite di cui fa parte.
field-error-renewals-product-closed = Questo prodotto è chiuso; non può essere rinnovato.
field-error-renewals-renewal-pending = Il rinnovo di questo prodotto è già fatturato: paghi quella fattura.
field-error-renewals-period-not-allowed = Questo prodotto non può essere rinnovato per una tale durata.
field-error-renewals-plan-withdrawn = L’offerta di questo prodotto non è più in vendita: ci contatti per rinnovarlo.
field-error-renewals-not-renewable = Questo prodotto non può essere rinnovato.
field-error-renewals-out-of-range = Spunti almeno un prodotto da rinnovare (al massimo 50 alla volta).

## The overview's expiry calendar (REN-3, REN-5)
renewals-calendar-title = Calendario delle scadenze
renewals-calendar-hint = I prodotti che scadono questo mese e nei due successivi, giorno per giorno.
renewals-calendar-month = { $month } { $year }
renewals-calendar-day = { $date }: { $count ->
    [one] 1 prodotto scade
   *[other] { $count } prodotti scadono
}
renewals-calendar-empty = Nessun prodotto scade in questi tre mesi.
renewals-calendar-list = In scadenza in questi giorni
renewals-calendar-to-pay = Rinnovarli
renewals-weekday-1 = lunedì
renewals-weekday-2 = martedì
renewals-weekday-3 = mercoledì
renewals-weekday-4 = giovedì
renewals-weekday-5 = venerdì
renewals-weekday-6 = sabato
renewals-weekday-7 = domenica
renewals-weekday-short-1 = lun
renewals-weekday-short-2 = mar
renewals-weekday-short-3 = mer
renewals-weekday-short-4 = gio
renewals-weekday-short-5 = ven
renewals-weekday-short-6 = sab
renewals-weekday-short-7 = dom

## Renewals and the steps of a product not renewed, in words
renewals-kind-auto = Rinnovo automatico
renewals-kind-manual = Rinnovato a mano
renewals-kind-warranty = Garanzia di rinnovo
renewals-status-open = Fatturato, non pagato
renewals-status-applied = Applicato
renewals-status-cancelled = Annullato
renewals-applied-at = applicato il { $date }
renewals-cancelled-at = annullato il { $date }
renewals-step-notice = { $days ->
    [one] Avviso: scade domani
   *[other] Avviso: scade tra { $days } giorni
}
renewals-step-charge-failed = Tentativo di addebito { $attempt } non riuscito
renewals-step-expired = Scaduto
renewals-step-suspended = Sospeso
renewals-step-deletion-notice = Cancellazione annunciata
renewals-step-deleted = Cancellato
renewals-warranty = Garanzia di rinnovo

## The back office's product page
renewals-staff-product = Il prodotto
renewals-staff-renewals = Rinnovi
renewals-staff-no-renewals = Questo prodotto non è mai stato rinnovato.
renewals-staff-created = Creato
renewals-staff-kind = Tipo
renewals-staff-status = Stato
renewals-staff-periods = Periodi
renewals-staff-span = Scadenza spostata
renewals-staff-from-to = { $from } → { $to }
renewals-staff-net = Importo IVA esclusa
renewals-staff-invoice = Fattura
renewals-staff-invoice-draft = Bozza
renewals-staff-charges = Addebiti
renewals-staff-attempts = { $count ->
    [0] Nessun tentativo di addebito
    [one] 1 tentativo di addebito
   *[other] { $count } tentativi di addebito
}
renewals-staff-next-charge = prossimo addebito il { $date }
renewals-staff-notices = Avvisi inviati
renewals-staff-no-notices = Nessun avviso è stato inviato per questo prodotto.
renewals-staff-sent-on = Inviato il
renewals-staff-step = Passo
renewals-staff-period-end = Fine del periodo
