# La fattura e la nota di credito in PDF (BIL-2). I titoli qrbill-* sono
# quelli prescritti dalle direttive QR-fattura: non riformularli.
invoice-title = Fattura
invoice-credit-note-title = Nota di credito
invoice-number = Numero
invoice-date = Data
invoice-due = Scadenza
invoice-credited = Accredita la fattura
invoice-supplier = Fornitore
invoice-seller-vat = Il nostro numero IVA
invoice-buyer-vat = Il vostro numero IVA
invoice-col-description = Descrizione
invoice-col-quantity = Qtà
invoice-col-unit-price = Prezzo unitario
invoice-col-vat = IVA
invoice-col-amount = Importo
invoice-period = Periodo dal { $from } al { $to }
invoice-subtotal = Subtotale IVA esclusa
invoice-vat-row = IVA { $rate } su { $base }
invoice-rounding = Arrotondamento
invoice-total = Totale { $currency }
invoice-page = Pagina { $page } di { $pages }
invoice-epc-title = Pagamento tramite bonifico bancario
invoice-epc-caption = Scansionate il codice con la vostra app bancaria.
invoice-epc-beneficiary = Beneficiario
invoice-epc-account = IBAN
invoice-epc-bic = BIC
invoice-epc-amount = Importo
invoice-epc-reference = Riferimento
qrbill-receipt = Ricevuta
qrbill-payment-part = Sezione pagamento
qrbill-account-payable-to = Conto / Pagabile a
qrbill-reference = Riferimento
qrbill-additional-information = Informazioni supplementari
qrbill-payable-by = Pagabile da
qrbill-payable-by-name-address = Pagabile da (nome/indirizzo)
qrbill-currency = Valuta
qrbill-amount = Importo
qrbill-acceptance-point = Punto di accettazione

# Mentions when Swiss VAT does not apply (billing::vat::MentionKey), and
# the QR-bill's message naming the invoice.
invoice-mention-export-services = Prestazione non soggetta all’IVA svizzera (luogo della prestazione all’estero, art. 8 LIVA).
invoice-mention-reverse-charge = Inversione contabile: l’IVA è dovuta dal destinatario.
invoice-payment-message = Fattura { $number }

# A payment slip to top up the prepaid account by transfer.
invoice-top-up-title = Ricarica del conto prepagato
invoice-top-up-line = Credito per il conto prepagato
invoice-top-up-mention = Un acconto accreditato sul conto prepagato al suo arrivo: qui nessuna IVA; le fatture che paga riportano l’IVA.
invoice-top-up-message = Ricarica { $reference }

# A reminder's fee, as the line of its own invoice (BIL-5).
invoice-reminder-fee = Tassa di sollecito (sollecito { $level }, fattura { $number })

# An order's invoice lines (CAT-2): "Web Hosting Start, 1 year".
invoice-line-years = { $count ->
    [one] 1 anno
   *[other] { $count } anni
}
invoice-line-months = { $count ->
    [one] 1 mese
   *[other] { $count } mesi
}
invoice-line-storage = Spazio di archiviazione, per { $gb } GB
invoice-line-suite-upgrade = { $name }: ampliamento da { $users_from } a { $users_to } utenti e da { $storage_from } a { $storage_to } GB per il resto del periodo
# Product kinds, as documents and pages name them.
product-kind-domain = Dominio
product-kind-web-hosting = Hosting web
product-kind-mail = Servizio e-mail
product-kind-suite = Suite
product-kind-drive = Drive
product-kind-chat = Chat
product-kind-nas = Dispositivo NAS
product-kind-premium-support = Supporto premium
invoice-line-renewal = Rinnovo di { $name }, { $period }
