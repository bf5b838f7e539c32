# Renewals in the console and the back office (issue 14; REN-1..5, ORG-7).

# The organisation's tab.
org-tab-renewals = À renouveler

## The "to pay" list (REN-3)
renewals-title = Renouvellements à payer
renewals-list-title = Produits à renouveler
renewals-list-hint = Choisissez les produits à renouveler et pour combien de temps : ils sont renouvelés ensemble sur une seule facture, payée en une fois. Une fois payée, l’échéance de chaque produit avance exactement des périodes choisies.
renewals-filter = Quels produits
renewals-within-soon = Échéance dans les deux mois
renewals-within-all = Tous les produits
renewals-caption-soon = Produits arrivant à échéance dans les deux prochains mois, le plus proche d’abord
renewals-caption-all = Tous les produits renouvelables, l’échéance la plus proche d’abord
renewals-empty-soon = Rien n’arrive à échéance dans les deux prochains mois.
renewals-empty-all = Aucun produit ne peut être renouvelé.
renewals-see-all = Voir tous les produits
renewals-col-renew = Renouveler
renewals-col-price = Prix
renewals-col-periods = Renouveler pour
renewals-per-period = pour { $period }, hors TVA
renewals-pick-label = Renouveler { $product }
renewals-periods-label = Durée du renouvellement de { $product }
renewals-pay-invoice = Déjà facturé : payer la facture
renewals-read-only = Renouveler et payer demandent le droit de payer pour cette organisation. Demandez à un propriétaire de renouveler, ou de vous donner ce droit.
renewals-not-renewable-plan-withdrawn = Son offre n’est plus vendue : contactez-nous pour le renouveler.
renewals-not-renewable-period-not-allowed = Sa durée n’est plus vendue : contactez-nous pour le renouveler.
renewals-not-renewable-not-renewable = Ce produit ne peut pas être renouvelé.
renewals-form-title = Renouveler et payer
renewals-address-label = Adresse de facturation
renewals-address-hint = La facture est adressée à cette adresse.
renewals-no-address = L’organisation n’a pas encore d’adresse de facturation ; la facture en demande une.
renewals-submit-hint = Une seule facture pour tous les produits cochés ci-dessus ; la page du paiement en indique ensuite le montant.
renewals-submit = Renouveler et payer

## Why a renewal was refused, beside its row
field-error-renewals-not-found = Ce produit n’existe pas ou vous ne pouvez pas le renouveler.
field-error-renewals-duplicate-product = Ce produit figure déjà dans la liste.
field-error-renewals-inside-suite = Un produit d’une suite se renouvelle avec sa suite.
field-error-renewals-product-closed = Ce produit est clos ; il ne peut pas être renouvelé.
field-error-renewals-renewal-pending = Son renouvellement est déjà facturé : payez cette facture.
field-error-renewals-period-not-allowed = Ce produit ne peut pas être renouvelé pour une telle durée.
field-error-renewals-plan-withdrawn = Son offre n’est plus vendue : contactez-nous pour le renouveler.
field-error-renewals-not-renewable = Ce produit ne peut pas être renouvelé.
field-error-renewals-out-of-range = Cochez au moins un produit à renouveler (50 au plus à la fois).

## The overview's expiry calendar (REN-3, REN-5)
renewals-calendar-title = Calendrier des échéances
renewals-calendar-hint = Les produits qui arrivent à échéance ce mois-ci et les deux suivants, jour par jour.
renewals-calendar-month = { $month } { $year }
renewals-calendar-day = { $date } : { $count ->
    [one] 1 produit arrive à échéance
   *[other] { $count } produits arrivent à échéance
}
renewals-calendar-empty = Aucun produit n’arrive à échéance durant ces trois mois.
renewals-calendar-list = Échéances de ces jours
renewals-calendar-to-pay = Les renouveler
renewals-weekday-1 = lundi
renewals-weekday-2 = mardi
renewals-weekday-3 = mercredi
renewals-weekday-4 = jeudi
renewals-weekday-5 = vendredi
renewals-weekday-6 = samedi
renewals-weekday-7 = dimanche
renewals-weekday-short-1 = lun
renewals-weekday-short-2 = mar
renewals-weekday-short-3 = mer
renewals-weekday-short-4 = jeu
renewals-weekday-short-5 = ven
renewals-weekday-short-6 = sam
renewals-weekday-short-7 = dim

## Renewals and the steps of a product not renewed, in words
renewals-kind-auto = Renouvellement automatique
renewals-kind-manual = Renouvelé à la main
renewals-kind-warranty = Garantie de renouvellement
renewals-status-open = Facturé, impayé
renewals-status-applied = Appliqué
renewals-status-cancelled = Annulé
renewals-applied-at = appliqué le { $date }
renewals-cancelled-at = annulé le { $date }
renewals-step-notice = { $days ->
    [one] Avis : échéance demain
   *[other] Avis : échéance dans { $days } jours
}
renewals-step-charge-failed = Échec du prélèvement n° { $attempt }
renewals-step-expired = Échu
renewals-step-suspended = Suspendu
renewals-step-deletion-notice = Suppression annoncée
renewals-step-deleted = Supprimé
renewals-warranty = Garantie de renouvellement

## The back office's product page
renewals-staff-product = Le produit
renewals-staff-renewals = Renouvellements
renewals-staff-no-renewals = Ce produit n’a jamais été renouvelé.
renewals-staff-created = Créé
renewals-staff-kind = Type
renewals-staff-status = État
renewals-staff-periods = Périodes
renewals-staff-span = Échéance déplacée
renewals-staff-from-to = { $from } → { $to }
renewals-staff-net = Montant hors TVA
renewals-staff-invoice = Facture
renewals-staff-invoice-draft = Brouillon
renewals-staff-charges = Prélèvements
renewals-staff-attempts = { $count ->
    [0] Aucune tentative de prélèvement
    [one] 1 tentative de prélèvement
   *[other] { $count } tentatives de prélèvement
}
renewals-staff-next-charge = prochain prélèvement le { $date }
renewals-staff-notices = Avis envoyés
renewals-staff-no-notices = Aucun avis n’a été envoyé pour ce produit.
renewals-staff-sent-on = Envoyé le
renewals-staff-step = Étape
renewals-staff-period-end = Fin de période
