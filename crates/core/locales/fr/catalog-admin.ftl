# The back office's catalogue editor (CAT-1).
staff-nav-catalog = Catalogue
staff-catalog-title = Catalogue
staff-catalog-hint = Le catalogue entier en TOML, tel que le décrit docs/catalog.md. La publication le vérifie en entier : s’il contient une erreur, rien ne change.
staff-catalog-text = Catalogue (TOML)
staff-catalog-note = Note
staff-catalog-note-hint = Pourquoi il change, pour l’historique.
staff-catalog-publish = Publier
staff-catalog-read-only = Seul un administrateur publie le catalogue ; vous pouvez le lire.
staff-catalog-version = Version { $version }
staff-catalog-from-version = Vous partez de la version { $version }, une ancienne ; la publier en fait la plus récente.
staff-catalog-from-file = Aucune version publiée pour l’instant : voici le fichier de catalogue configuré (ou la démo).
staff-catalog-running-version = Cette instance vend encore selon la version { $version } ; elle prend la plus récente dans la minute.
staff-catalog-running-file = Cette instance vend encore selon le fichier configuré ; elle prend la version la plus récente dans la minute si elle sait la lire.
staff-catalog-refused = { $count ->
    [one] Rien n’a été publié : le catalogue contient une erreur. Votre texte est conservé ci-dessous ; corrigez-la et publiez à nouveau.
   *[other] Rien n’a été publié : le catalogue contient { $count } erreurs. Votre texte est conservé ci-dessous ; corrigez-les et publiez à nouveau.
    }
staff-catalog-mistakes = Erreurs
staff-catalog-whole-text = Le texte entier
staff-catalog-history = Versions publiées
staff-catalog-history-none = Aucune version n’a encore été publiée.
staff-catalog-col-version = Version
staff-catalog-col-by = Publiée par
staff-catalog-col-when = Date
staff-catalog-col-note = Note
staff-catalog-back = Retour au catalogue
staff-catalog-version-title = Version { $version } du catalogue
staff-catalog-edit-from = Partir de cette version
staff-saved-catalog-published = Le catalogue est publié : il est vendu dès maintenant.

# An organisation's products and orders, and the VIP code search (CAT-5).
staff-search-hint-vip = Le code VIP d’une assistance premium (VIP-ABCD-2345, en majuscules ou non) trouve son organisation.
staff-products = Produits
staff-products-none = Aucun produit.
staff-product-name = Nom
staff-product-kind = Type
staff-product-status = Statut
staff-product-expires = Échéance
staff-product-vip-code = Code VIP
staff-orders = Commandes
staff-orders-none = Aucune commande.
staff-order-number = Numéro
staff-order-status = Statut
staff-order-date = Date
staff-order-total = Total
staff-status-pending = En attente
staff-status-paid = Payée
staff-status-cancelled = Annulée
staff-status-active = Actif
staff-status-suspended = Suspendu
staff-status-expired = Expiré
staff-status-deleted = Supprimé
