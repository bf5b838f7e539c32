# The console's shop, cart, checkout and products pages (CAT-2).

# The organisation's tabs.
org-tab-products = Prodotti
org-tab-shop = Negozio
org-tab-orders = Ordini

## The shop
shop-title = Negozio
shop-intro = Prezzi in { $currency }, IVA esclusa, per la durata scelta. Il carrello mostra l’IVA come la fattura.
shop-no-right = Può consultare il catalogo, ma per ordinare serve il diritto di pagare per questa organizzazione. Chieda a un proprietario di ordinare o di darLe questo diritto.
shop-no-currency = Il catalogo non ha ancora prezzi nella valuta di questa organizzazione. La preghiamo di contattarci.
shop-field-domain = Nome di dominio
shop-domain-hint = Un nome sotto .{ $tld }, ad esempio example.{ $tld }. Gli accenti sono accettati.
shop-field-period = Durata
shop-period-price = { $period } · { $price }
shop-field-quantity = Quantità
shop-field-storage = Spazio (GB)
shop-add = Aggiungi al carrello
shop-go-to-cart = Vada al Suo carrello
shop-go-to-shop = Vada al negozio

## The cart
shop-cart-link = Carrello
shop-cart-lines = { $count ->
    [one] 1 articolo nel Suo carrello
   *[other] { $count } articoli nel Suo carrello
}
shop-cart-title = Il Suo carrello
shop-cart-lines-title = Articoli
shop-cart-empty = Il Suo carrello è vuoto.
shop-cart-fix = Alcuni articoli non possono essere ordinati così: li modifichi o li rimuova.
shop-cart-as-invoiced = Questi totali sono quelli della fattura che l’ordine emetterà, IVA inclusa.
shop-item = Articolo
shop-period = Durata
shop-quantity = Quantità
shop-quantity-of = Quantità di { $item }
shop-quantity-update = Aggiorna
shop-price = Prezzo IVA esclusa
shop-actions = Azioni
shop-remove = Rimuovi
shop-storage-gb = { $gb } GB di spazio
shop-checkout = Procedi all’ordine
shop-continue = Continui gli acquisti
shop-clear = Svuota il carrello

## The checkout
shop-checkout-title = Ordine
shop-back-to-cart = Torni al carrello
shop-checkout-lines = Il Suo ordine
shop-checkout-address = Indirizzo di fatturazione
shop-checkout-address-label = La fattura va a
shop-checkout-address-hint = L’IVA dipende dal paese dell’indirizzo di fatturazione.
shop-checkout-address-apply = Usi questo indirizzo
shop-checkout-no-address = L’organizzazione non ha ancora un indirizzo di fatturazione: ne serve uno per emettere la fattura.
shop-checkout-add-address = Aggiunga un indirizzo di fatturazione

## Orders
shop-orders-title = Ordini
shop-orders-empty = Ancora nessun ordine.
shop-orders-pages = Pagine degli ordini
shop-order-title = Ordine del { $date }
shop-order-summary = Riepilogo
shop-order-placed = Effettuato il
shop-order-items = Articoli
shop-order-invoice = Fattura
shop-order-cancel-after = Annullato se non pagato entro il
shop-order-pay = Paghi { $amount }
shop-order-cancel = Annulli l’ordine
shop-order-cancel-text = L’ordine sarà annullato e la sua fattura accreditata per intero; quanto già pagato va sul conto prepagato.
shop-order-cancel-confirm = Sì, annullarlo
shop-order-products = Prodotti
shop-order-products-after-payment = I prodotti vengono creati non appena l’ordine è pagato.
shop-order-no-products = Questo ordine non ha creato prodotti.
shop-back-to-orders = Tutti gli ordini
shop-status = Stato
shop-vat = IVA
shop-order-status-pending = In attesa di pagamento
shop-order-status-paid = Pagato
shop-order-status-cancelled = Annullato

## Products
shop-products-title = Prodotti
shop-products-empty = Ancora nessun prodotto.
shop-products-empty-filtered = Nessun prodotto corrisponde a questi filtri.
shop-products-pages = Pagine dei prodotti
shop-filter-kind = Tipo
shop-filter-status = Stato
shop-filter-any-kind = Tutti i tipi
shop-filter-any-status = Tutti gli stati
shop-page-previous = Precedente
shop-page-next = Successiva
shop-product = Prodotto
shop-kind = Tipo
shop-plan = Offerta
shop-expires-on = Scade il
shop-starts-on = Dal
shop-auto-renew = Rinnovo automatico
shop-renewal-warranty = Garanzia di rinnovo
shop-billing-address = Fatture di rinnovo a
shop-in-suite = Parte di una suite
shop-yes = Sì
shop-no = No
shop-storage = Spazio
shop-domain-ascii = Nome nel DNS
shop-back-to-products = Tutti i prodotti
shop-product-details = Dettagli
shop-product-order = Ordinato con
shop-product-order-link = il suo ordine
shop-product-renewal = Rinnovo
shop-product-renews-with-suite = Rinnovato con la sua suite.
shop-product-suite = Suite
shop-product-inside = Parte della suite
shop-product-contents = Questa suite contiene:
shop-product-contents-none = Niente che Lei possa vedere.
shop-vip-title = Codice VIP
shop-vip-hint = Il Suo referente tecnico comunica questo codice quando chiama il supporto premium: identifica subito la Sua organizzazione.
shop-product-status-pending = In allestimento
shop-product-status-active = Attivo
shop-product-status-suspended = Sospeso
shop-product-status-expired = Scaduto
shop-product-status-cancelled = Annullato
shop-product-status-deleted = Eliminato
shop-units-mailbox = { $count ->
    [one] 1 casella di posta
   *[other] { $count } caselle di posta
}
shop-units-user = { $count ->
    [one] 1 utente
   *[other] { $count } utenti
}
shop-units-device = { $count ->
    [one] 1 apparecchio
   *[other] { $count } apparecchi
}

## The overview
shop-overview-title = Prodotti
shop-overview-none = L’organizzazione non ha ancora prodotti.
shop-overview-expiring = In scadenza
shop-expiring-count = { $count ->
    [one] 1 prodotto scade nei prossimi { $days } giorni.
   *[other] { $count } prodotti scadono nei prossimi { $days } giorni.
}
shop-overview-nothing-expiring = Nulla scade nei prossimi { $days } giorni.
shop-overview-all = Veda tutti i prodotti
shop-renews-automatically = si rinnova automaticamente

## After a post
shop-saved-added = Aggiunto al Suo carrello.
shop-saved-removed = Rimosso dal Suo carrello.
shop-saved-quantity-changed = Quantità modificata.
shop-saved-cleared = Il Suo carrello è vuoto.
shop-saved-order-cancelled = L’ordine è annullato e la sua fattura accreditata.

## Refusals
shop-refused-cart-full = Il Suo carrello è pieno (50 articoli): ordini prima questi.
shop-refused-cart-changed = Il carrello è cambiato da quando questa pagina è stata mostrata: lo controlli e ordini di nuovo.
shop-refused-cart-empty = Il Suo carrello è vuoto: non è stato ordinato nulla.
shop-refused-currency-not-offered = Il catalogo non ha prezzi nella valuta di questa organizzazione.
shop-refused-billing-address-required = Aggiunga prima un indirizzo di fatturazione: la fattura ne ha bisogno.
shop-refused-order-not-pending = Si può annullare solo un ordine in attesa di pagamento.
shop-refused-payment-in-flight = Un pagamento di questo ordine è in corso: ne attenda l’esito.
shop-refused-idempotency-key-in-use = Questo ordine è già in corso: attenda un momento.
field-error-shop-unknown-plan = Questa offerta non è più nel catalogo: la rimuova.
field-error-shop-period-not-allowed = Scelga una delle durate proposte.
field-error-shop-out-of-range = Scelga un valore entro i limiti indicati.
field-error-shop-required = Questo campo è obbligatorio.
field-error-shop-not-applicable = Questa offerta non comprende spazio.
field-error-shop-invalid-domain = Non è un nome di dominio sotto questa estensione: lettere, cifre e trattini, ad esempio example.ch.
field-error-shop-duplicate-domain = Questo dominio è due volte nel carrello.
field-error-shop-domain-taken = Questo dominio è già detenuto o ordinato qui.
field-error-shop-not-a-domain = Solo un dominio ha un nome di dominio.
field-error-shop-invalid-value = Questo valore non è valido.
