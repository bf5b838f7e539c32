# La facture et la note de crédit en PDF (BIL-2). Les titres qrbill-* sont
# ceux que prescrivent les directives QR-facture, à ne pas reformuler.
invoice-title = Facture
invoice-credit-note-title = Note de crédit
invoice-number = Numéro
invoice-date = Date
invoice-due = Échéance
invoice-credited = Crédite la facture
invoice-supplier = Fournisseur
invoice-seller-vat = Notre numéro TVA
invoice-buyer-vat = Votre numéro TVA
invoice-col-description = Désignation
invoice-col-quantity = Qté
invoice-col-unit-price = Prix unitaire
invoice-col-vat = TVA
invoice-col-amount = Montant
invoice-period = Période du { $from } au { $to }
invoice-subtotal = Sous-total hors TVA
invoice-vat-row = TVA { $rate } sur { $base }
invoice-rounding = Arrondi
invoice-total = Total { $currency }
invoice-page = Page { $page } sur { $pages }
invoice-epc-title = Payer par virement bancaire
invoice-epc-caption = Scannez le code avec votre application bancaire.
invoice-epc-beneficiary = Bénéficiaire
invoice-epc-account = IBAN
invoice-epc-bic = BIC
invoice-epc-amount = Montant
invoice-epc-reference = Référence
qrbill-receipt = Récépissé
qrbill-payment-part = Section paiement
qrbill-account-payable-to = Compte / Payable à
qrbill-reference = Référence
qrbill-additional-information = Informations supplémentaires
qrbill-payable-by = Payable par
qrbill-payable-by-name-address = Payable par (nom/adresse)
qrbill-currency = Monnaie
qrbill-amount = Montant
qrbill-acceptance-point = Point de dépôt

# Mentions when Swiss VAT does not apply (billing::vat::MentionKey), and
# the QR-bill's message naming the invoice.
invoice-mention-export-services = Prestation non soumise à la TVA suisse (lieu de la prestation à l’étranger, art. 8 LTVA).
invoice-mention-reverse-charge = Autoliquidation : la TVA est due par le destinataire.
invoice-payment-message = Facture { $number }

# A payment slip to top up the prepaid account by transfer.
invoice-top-up-title = Recharge du compte prépayé
invoice-top-up-line = Crédit pour le compte prépayé
invoice-top-up-mention = Acompte crédité sur votre compte prépayé à réception : pas de TVA ici ; les factures qu’il règle portent la TVA.
invoice-top-up-message = Recharge { $reference }

# A reminder's fee, as the line of its own invoice (BIL-5).
invoice-reminder-fee = Frais de rappel (rappel { $level }, facture { $number })

# An order's invoice lines (CAT-2): "Web Hosting Start, 1 year".
invoice-line-years = { $count ->
    [one] 1 an
   *[other] { $count } ans
}
invoice-line-months = { $count ->
    [one] 1 mois
   *[other] { $count } mois
}
invoice-line-storage = Stockage, par tranche de { $gb } Go
invoice-line-suite-upgrade = { $name } : extension de { $users_from } à { $users_to } utilisateurs et de { $storage_from } à { $storage_to } Go, pour le reste de la période
# Product kinds, as documents and pages name them.
product-kind-domain = Domaine
product-kind-web-hosting = Hébergement web
product-kind-mail = Service de messagerie
product-kind-suite = Suite
product-kind-drive = Drive
product-kind-chat = Chat
product-kind-nas = Appareil NAS
product-kind-premium-support = Support premium
invoice-line-renewal = Renouvellement de { $name }, { $period }
