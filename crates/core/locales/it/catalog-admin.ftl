# The back office's catalogue editor (CAT-1).
staff-nav-catalog = Catalogo
staff-catalog-title = Catalogo
staff-catalog-hint = L’intero catalogo in TOML, come lo descrive docs/catalog.md. La pubblicazione lo verifica per intero: con un errore non cambia nulla.
staff-catalog-text = Catalogo (TOML)
staff-catalog-note = Nota
staff-catalog-note-hint = Perché cambia, per la cronologia.
staff-catalog-publish = Pubblica
staff-catalog-read-only = Solo un amministratore pubblica il catalogo; Lei può leggerlo.
staff-catalog-version = Versione { $version }
staff-catalog-from-version = Sta modificando la versione { $version }, una precedente; pubblicandola diventa la più recente.
staff-catalog-from-file = Nessuna versione ancora pubblicata: questo è il file di catalogo configurato (o la demo).
staff-catalog-running-version = Questa istanza vende ancora secondo la versione { $version }; adotta la più recente entro un minuto.
staff-catalog-running-file = Questa istanza vende ancora secondo il file configurato; adotta la versione più recente entro un minuto se sa leggerla.
staff-catalog-refused = { $count ->
    [one] Non è stato pubblicato nulla: il catalogo contiene un errore. Il Suo testo è conservato qui sotto; lo corregga e pubblichi di nuovo.
   *[other] Non è stato pubblicato nulla: il catalogo contiene { $count } errori. Il Suo testo è conservato qui sotto; li corregga e pubblichi di nuovo.
    }
staff-catalog-mistakes = Errori
staff-catalog-whole-text = L’intero testo
staff-catalog-history = Versioni pubblicate
staff-catalog-history-none = Nessuna versione è stata ancora pubblicata.
staff-catalog-col-version = Versione
staff-catalog-col-by = Pubblicata da
staff-catalog-col-when = Quando
staff-catalog-col-note = Nota
staff-catalog-back = Torna al catalogo
staff-catalog-version-title = Versione { $version } del catalogo
staff-catalog-edit-from = Parti da questa versione
staff-saved-catalog-published = Il catalogo è pubblicato: da ora si vende secondo questo.

# An organisation's products and orders, and the VIP code search (CAT-5).
staff-search-hint-vip = Il codice VIP di un’assistenza premium (VIP-ABCD-2345, maiuscole o minuscole) trova la sua organizzazione.
staff-products = Prodotti
staff-products-none = Nessun prodotto.
staff-product-name = Nome
staff-product-kind = Tipo
staff-product-status = Stato
staff-product-expires = Scadenza
staff-product-vip-code = Codice VIP
staff-orders = Ordini
staff-orders-none = Nessun ordine.
staff-order-number = Numero
staff-order-status = Stato
staff-order-date = Data
staff-order-total = Totale
staff-status-pending = In attesa
staff-status-paid = Pagato
staff-status-cancelled = Annullato
staff-status-active = Attivo
staff-status-suspended = Sospeso
staff-status-expired = Scaduto
staff-status-deleted = Eliminato
