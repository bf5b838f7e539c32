# Console : mise en page
skip-to-content = Aller au contenu
nav-home = Accueil
nav-main = Navigation principale
language-label = Langue
language-switch = Changer de langue
footer-text = Espace client { $provider }

# Page d'accueil
home-title = Bienvenue dans votre espace client
home-intro = Gérez votre compte, vos organisations et leurs membres, vos produits, factures et paiements en un seul endroit.
home-card-account = Votre compte
home-card-account-text = Connexion, mot de passe, double authentification et jetons d'API.
home-card-orgs = Organisations
home-card-orgs-text = Membres, droits, équipes et adresses de facturation.
home-card-billing = Produits et facturation
home-card-billing-text = Commandes, renouvellements, factures et paiements.
home-status = État du service
home-status-ok = Tous les systèmes fonctionnent

# Pages d'erreur
error-title = Une erreur s'est produite
error-not-found-title = Page introuvable
error-not-found-text = La page demandée n'existe pas ou ne vous appartient pas.
error-unavailable-title = Momentanément indisponible
error-unavailable-text = Le service ne peut pas répondre pour le moment. Veuillez réessayer dans un instant.
error-generic-text = Une erreur s'est produite et a été enregistrée. Veuillez réessayer.
error-back-home = Retour à l'accueil
error-request-id = Référence : { $id }
