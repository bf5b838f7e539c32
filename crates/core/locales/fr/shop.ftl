# The console's shop, cart, checkout and products pages (CAT-2).

# The organisation's tabs.
org-tab-products = Produits
org-tab-shop = Boutique
org-tab-orders = Commandes

## The shop
shop-title = Boutique
shop-intro = Prix en { $currency }, hors TVA, pour la période choisie. Le panier affiche la TVA comme la facture.
shop-no-right = Vous pouvez consulter le catalogue, mais commander demande le droit de payer pour cette organisation. Demandez à un propriétaire de commander, ou de vous donner ce droit.
shop-no-currency = Le catalogue n’a pas encore de prix dans la monnaie de cette organisation. Contactez-nous.
shop-field-domain = Nom de domaine
shop-domain-hint = Un nom sous .{ $tld }, par exemple example.{ $tld }. Les accents sont acceptés.
shop-field-period = Durée
shop-period-price = { $period } · { $price }
shop-field-quantity = Quantité
shop-field-storage = Stockage (Go)
shop-add = Ajouter au panier
shop-go-to-cart = Voir votre panier
shop-go-to-shop = Aller à la boutique

## The cart
shop-cart-link = Panier
shop-cart-lines = { $count ->
    [one] 1 article dans votre panier
   *[other] { $count } articles dans votre panier
}
shop-cart-title = Votre panier
shop-cart-lines-title = Articles
shop-cart-empty = Votre panier est vide.
shop-cart-fix = Certains articles ne peuvent pas être commandés tels quels : modifiez-les ou retirez-les.
shop-cart-as-invoiced = Ces totaux sont ceux de la facture que la commande émettra, TVA comprise.
shop-item = Article
shop-period = Durée
shop-quantity = Quantité
shop-quantity-of = Quantité de { $item }
shop-quantity-update = Modifier
shop-price = Prix hors TVA
shop-actions = Actions
shop-remove = Retirer
shop-storage-gb = { $gb } Go de stockage
shop-checkout = Commander
shop-continue = Continuer mes achats
shop-clear = Vider le panier

## The checkout
shop-checkout-title = Commande
shop-back-to-cart = Retour au panier
shop-checkout-lines = Votre commande
shop-checkout-address = Adresse de facturation
shop-checkout-address-label = La facture est adressée à
shop-checkout-address-hint = La TVA dépend du pays de l’adresse de facturation.
shop-checkout-address-apply = Utiliser cette adresse
shop-checkout-no-address = L’organisation n’a pas encore d’adresse de facturation : il en faut une pour émettre la facture.
shop-checkout-add-address = Ajouter une adresse de facturation

## Orders
shop-orders-title = Commandes
shop-orders-empty = Aucune commande pour l’instant.
shop-orders-pages = Pages des commandes
shop-order-title = Commande du { $date }
shop-order-summary = Résumé
shop-order-placed = Passée le
shop-order-items = Articles
shop-order-invoice = Facture
shop-order-cancel-after = Annulée si impayée au
shop-order-pay = Payer { $amount }
shop-order-cancel = Annuler la commande
shop-order-cancel-text = La commande sera annulée et sa facture entièrement créditée ; ce qui a déjà été payé va sur le compte prépayé.
shop-order-cancel-confirm = Oui, l’annuler
shop-order-products = Produits
shop-order-products-after-payment = Les produits sont créés dès que la commande est payée.
shop-order-no-products = Cette commande n’a créé aucun produit.
shop-back-to-orders = Toutes les commandes
shop-status = Statut
shop-vat = TVA
shop-order-status-pending = En attente de paiement
shop-order-status-paid = Payée
shop-order-status-cancelled = Annulée

## Products
shop-products-title = Produits
shop-products-empty = Aucun produit pour l’instant.
shop-products-empty-filtered = Aucun produit ne correspond à ces filtres.
shop-products-pages = Pages des produits
shop-filter-kind = Type
shop-filter-status = Statut
shop-filter-any-kind = Tous les types
shop-filter-any-status = Tous les statuts
shop-page-previous = Précédente
shop-page-next = Suivante
shop-product = Produit
shop-kind = Type
shop-plan = Offre
shop-expires-on = Expire le
shop-starts-on = Depuis le
shop-auto-renew = Renouvellement automatique
shop-renewal-warranty = Garantie de renouvellement
shop-billing-address = Factures de renouvellement à
shop-in-suite = Fait partie d’une suite
shop-yes = Oui
shop-no = Non
shop-storage = Stockage
shop-domain-ascii = Nom dans le DNS
shop-back-to-products = Tous les produits
shop-product-details = Détails
shop-product-order = Commandé avec
shop-product-order-link = sa commande
shop-product-renewal = Renouvellement
shop-product-renews-with-suite = Renouvelé avec sa suite.
shop-product-suite = Suite
shop-product-inside = Fait partie de la suite
shop-product-contents = Cette suite contient :
shop-product-contents-none = Rien que vous puissiez voir.
shop-vip-title = Code VIP
shop-vip-hint = Votre référent technique donne ce code en appelant le support premium : il identifie aussitôt votre organisation.
shop-product-status-pending = En préparation
shop-product-status-active = Actif
shop-product-status-suspended = Suspendu
shop-product-status-expired = Expiré
shop-product-status-cancelled = Annulé
shop-product-status-deleted = Supprimé
shop-units-mailbox = { $count ->
    [one] 1 boîte aux lettres
   *[other] { $count } boîtes aux lettres
}
shop-units-user = { $count ->
    [one] 1 utilisateur
   *[other] { $count } utilisateurs
}
shop-units-device = { $count ->
    [one] 1 appareil
   *[other] { $count } appareils
}

## The overview
shop-overview-title = Produits
shop-overview-none = L’organisation n’a encore aucun produit.
shop-overview-expiring = Expire bientôt
shop-expiring-count = { $count ->
    [one] 1 produit expire dans les { $days } prochains jours.
   *[other] { $count } produits expirent dans les { $days } prochains jours.
}
shop-overview-nothing-expiring = Rien n’expire dans les { $days } prochains jours.
shop-overview-all = Voir tous les produits
shop-renews-automatically = renouvelé automatiquement

## After a post
shop-saved-added = Ajouté à votre panier.
shop-saved-removed = Retiré de votre panier.
shop-saved-quantity-changed = Quantité modifiée.
shop-saved-cleared = Votre panier est vide.
shop-saved-order-cancelled = La commande est annulée et sa facture créditée.

## Refusals
shop-refused-cart-full = Votre panier est plein (50 articles) : commandez d’abord ceux-ci.
shop-refused-cart-changed = Le panier a changé depuis l’affichage de cette page : vérifiez-le et commandez à nouveau.
shop-refused-cart-empty = Votre panier est vide : rien n’a été commandé.
shop-refused-currency-not-offered = Le catalogue n’a pas de prix dans la monnaie de cette organisation.
shop-refused-billing-address-required = Ajoutez d’abord une adresse de facturation : la facture en a besoin.
shop-refused-order-not-pending = Seule une commande en attente de paiement peut être annulée.
shop-refused-payment-in-flight = Un paiement de cette commande est en cours : attendez son résultat.
shop-refused-idempotency-key-in-use = Cette commande est déjà en cours : patientez un instant.
field-error-shop-unknown-plan = Cette offre n’est plus au catalogue : retirez-la.
field-error-shop-period-not-allowed = Choisissez l’une des durées proposées.
field-error-shop-out-of-range = Choisissez une valeur dans les limites indiquées.
field-error-shop-required = Ce champ est obligatoire.
field-error-shop-not-applicable = Cette offre ne comprend pas de stockage.
field-error-shop-invalid-domain = Ce n’est pas un nom de domaine sous cette extension : lettres, chiffres et traits d’union, par exemple example.ch.
field-error-shop-duplicate-domain = Ce domaine figure deux fois dans le panier.
field-error-shop-domain-taken = Ce domaine est déjà détenu ou commandé ici.
field-error-shop-not-a-domain = Seul un domaine prend un nom de domaine.
field-error-shop-invalid-value = Cette valeur n’est pas valable.
