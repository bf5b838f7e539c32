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
error-forbidden-title = Action non autorisée
error-forbidden-text = Cette action n'est pas autorisée. Si vous envoyiez un formulaire, il a peut-être expiré : revenez en arrière, rechargez la page et réessayez.
error-back-home = Retour à l'accueil
error-request-id = Référence : { $id }

# Mise en page : navigation du compte
nav-profile = Profil
nav-security = Sécurité
nav-tokens = Jetons d'API
nav-signin = Se connecter
nav-signup = Créer un compte
nav-signout = Se déconnecter
nav-signed-in-as = Connecté en tant que

# Formulaires
form-has-errors = Veuillez corriger les champs ci-dessous.
form-see-below = Voir plus bas.
form-throttled = { $seconds ->
    [one] Trop de tentatives. Veuillez patienter une seconde avant de réessayer.
   *[other] Trop de tentatives. Veuillez patienter { $seconds } secondes avant de réessayer.
    }
field-email = Adresse e-mail
field-password = Mot de passe
field-new-password = Nouveau mot de passe
field-current-password = Mot de passe actuel
field-name = Nom
field-optional = (facultatif)
field-language = Langue
field-recovery-email = Adresse e-mail de récupération
password-rules = Au moins 8 caractères. Évitez les mots de passe courants ainsi que votre nom ou votre adresse ; quelques mots sans rapport entre eux font un mot de passe solide.

# Erreurs de saisie, par code
field-error-invalid-email = Saisissez une adresse e-mail valide, par exemple nom@exemple.ch.
field-error-invalid-name = Utilisez 100 caractères au plus.
field-error-password-too-short = Utilisez au moins 8 caractères.
field-error-password-too-long = Utilisez 128 caractères au plus.
field-error-password-too-weak = Ce mot de passe est trop facile à deviner : choisissez-en un autre.
field-error-wrong-password = Le mot de passe est incorrect.
field-error-same-as-login = L'adresse de récupération doit être différente de votre adresse de connexion.
field-error-no-scope = Choisissez au moins une autorisation.
field-error-unknown-scope = Choisissez les autorisations dans la liste.
field-error-date-in-past = Choisissez une date postérieure à aujourd'hui.
field-error-date-too-far = Choisissez une date dans les cinq prochaines années.
field-error-unknown-topic = Choisissez les thèmes dans la liste.
field-error-invalid-value = Cette valeur n'est pas valable.

# Confirmations après enregistrement
saved-profile = Votre profil a été enregistré.
saved-password = Votre mot de passe a été modifié. Vos autres sessions ont été fermées.
saved-newsletters = Vos choix de newsletters ont été enregistrés.
saved-support-code = Vous avez un nouveau code d'assistance. L'ancien n'est plus valable.
saved-session-ended = La session a été fermée.
saved-token-revoked = Le jeton a été révoqué. Il ne fonctionne plus.

# Inscription (ACC-1)
signup-title = Créer votre compte
signup-intro = Votre adresse e-mail sert d'identifiant. Nous vous enverrons un lien pour la confirmer.
signup-submit = Créer mon compte
signup-have-account = Vous avez déjà un compte ?
signup-done-title = Consultez votre messagerie
signup-done-text = Nous avons envoyé un message à { $email }. Ouvrez le lien qu'il contient pour confirmer votre adresse et terminer la création de votre compte.
signup-done-hint = Le lien est valable { $hours ->
    [one] une heure
   *[other] { $hours } heures
    }. Si rien n'arrive d'ici quelques minutes, vérifiez votre dossier de courrier indésirable.
signup-done-resend = Renvoyer le lien

# Connexion
signin-title = Connexion
signin-submit = Se connecter
signin-forgot = Mot de passe oublié ?
signin-no-account = Pas encore de compte ?
signin-invalid = L'adresse e-mail ou le mot de passe est incorrect.
signin-unverified = Veuillez d'abord confirmer votre adresse e-mail à l'aide du lien que nous vous avons envoyé. Besoin d'un nouveau lien ?
second-factor-title = Deuxième étape requise
second-factor-text = Ce compte est protégé par un deuxième facteur, qu'il n'est pas encore possible de confirmer dans cette console. Veuillez contacter l'assistance.

# Confirmation d'adresse
verified-title = Adresse confirmée
verified-text = Merci : votre adresse e-mail est confirmée. Vous pouvez maintenant vous connecter.
recovery-verified-title = Adresse de récupération confirmée
recovery-verified-text = Merci : les liens de réinitialisation du mot de passe seront désormais envoyés à cette adresse.
link-invalid-title = Lien non valable ou expiré
link-invalid-text = Ce lien n'est pas valable : il a peut-être déjà été utilisé, remplacé par un lien plus récent, ou il a expiré.
verify-invalid-hint = Saisissez votre adresse pour recevoir un nouveau lien de confirmation.
reset-invalid-hint = Demandez un nouveau lien pour réinitialiser votre mot de passe.
resend-title = Recevoir un nouveau lien de confirmation
resend-intro = Saisissez l'adresse avec laquelle vous vous êtes inscrit. Si elle attend sa confirmation, nous vous enverrons un nouveau lien.
resend-submit = Envoyer un nouveau lien
resend-done-title = Consultez votre messagerie
resend-done-text = Si un compte avec l'adresse { $email } attend sa confirmation, nous lui avons envoyé un nouveau lien.

# Réinitialisation du mot de passe (ACC-3)
forgot-title = Réinitialiser votre mot de passe
forgot-intro = Saisissez votre adresse de connexion. Nous enverrons un lien pour choisir un nouveau mot de passe à votre adresse de récupération, ou à votre adresse de connexion si vous n'en avez pas.
forgot-submit = Envoyer le lien
forgot-done-title = Consultez votre messagerie
forgot-done-text = Si un compte existe pour { $email }, nous avons envoyé un lien pour choisir un nouveau mot de passe.
forgot-done-hint = Le lien est valable { $minutes ->
    [60] une heure
   *[other] { $minutes } minutes
    }. Si rien n'arrive, vérifiez votre dossier de courrier indésirable ou la messagerie de votre adresse de récupération.
reset-title = Choisir un nouveau mot de passe
reset-submit = Modifier mon mot de passe
reset-done-title = Mot de passe modifié
reset-done-text = Votre mot de passe a été modifié et toutes les sessions ont été fermées. Connectez-vous avec votre nouveau mot de passe.

# Profil (ACC-3, ACC-4, ACC-5)
profile-title = Votre profil
support-code-title = Code d'assistance
support-code-hint = Indiquez ce code lorsque vous appelez notre assistance : il nous permet de vous identifier rapidement et en toute sécurité.
support-code-regenerate = Obtenir un nouveau code
profile-login-title = Identifiant
profile-email-verified = Adresse confirmée. C'est votre identifiant ; elle ne peut pas être modifiée ici.
profile-email-unverified = Cette adresse n'est pas encore confirmée.
profile-member-since = Compte créé le { $date }
profile-details-title = Vos informations
profile-language-hint = Utilisée pour la console et pour les messages que nous vous envoyons.
profile-recovery-hint = Les liens de réinitialisation du mot de passe sont envoyés à cette adresse. Laissez le champ vide pour utiliser votre adresse de connexion.
profile-recovery-pending = En attente de confirmation : nous avons envoyé un lien à { $email }.
profile-save = Enregistrer
newsletters-title = Newsletters
newsletters-legend = Thèmes auxquels vous êtes abonné
newsletters-save = Enregistrer mes choix
password-title = Mot de passe
password-change-hint = Modifier votre mot de passe ferme vos sessions sur les autres appareils.
password-save = Modifier mon mot de passe

# Sécurité (SEC-5)
security-title = Sécurité
sessions-title = Sessions actives
sessions-intro = Les appareils sur lesquels vous êtes connecté. Fermez toute session que vous ne reconnaissez pas, puis modifiez votre mot de passe.
sessions-this = Cette session
sessions-this-hint = Pour fermer cette session, déconnectez-vous.
sessions-ip = Adresse IP
sessions-started = Connexion
sessions-last-seen = Dernière activité
sessions-end = Fermer cette session
log-title = Journal de sécurité
log-intro = Connexions, changements de mot de passe et autres événements de sécurité de votre compte. Les heures sont indiquées dans le fuseau horaire { $zone }.
log-empty = Aucun événement pour l'instant.
log-when = Date
log-event = Événement
log-ip = Adresse IP
log-device = Appareil
log-pages = Pages du journal de sécurité
log-newer = Plus récents
log-older = Plus anciens
log-page-of = Page { $page } sur { $pages }
device-browser-on-os = { $browser } sous { $os }
device-unknown = Appareil inconnu
event-signed-up = Compte créé
event-email-verified = Adresse e-mail confirmée
event-sign-in-succeeded = Connexion
event-sign-in-failed = Échec de connexion
event-signed-out = Déconnexion
event-session-ended = Session fermée
event-password-changed = Mot de passe modifié
event-password-reset-requested = Réinitialisation du mot de passe demandée
event-password-reset = Mot de passe réinitialisé
event-recovery-email-change-requested = Adresse de récupération demandée
event-recovery-email-changed = Adresse de récupération modifiée
event-recovery-email-removed = Adresse de récupération supprimée
event-support-code-regenerated = Nouveau code d'assistance
event-token-created = Jeton d'API créé
event-token-revoked = Jeton d'API révoqué
event-token-deactivated = Jeton d'API inutilisé désactivé

# Jetons d'API (API-1)
tokens-title = Jetons d'API
tokens-intro = Les jetons permettent à vos programmes d'utiliser l'API en votre nom, avec uniquement les droits que vous choisissez.
tokens-new-title = Votre nouveau jeton « { $name } »
tokens-new-warning = Copiez-le maintenant : pour votre sécurité, il ne sera plus affiché.
tokens-new-copy-hint = Conservez-le comme un mot de passe, dans un gestionnaire de mots de passe ou dans les paramètres secrets de votre programme.
tokens-copy = Copier le jeton
tokens-copied = Copié
tokens-new-usage = Envoyez-le dans l'en-tête de chaque requête :
tokens-list-title = Vos jetons
tokens-empty = Vous n'avez encore aucun jeton d'API.
tokens-scopes = Autorisations
tokens-created = Créé le
tokens-last-used = Dernière utilisation
tokens-expires = Valable jusqu'au
tokens-never = Jamais
tokens-no-expiry = Sans date de fin
tokens-revoke = Révoquer « { $name } »
tokens-create-title = Créer un jeton
tokens-field-name = Nom
tokens-field-name-hint = Pour le reconnaître plus tard, par exemple « Script de sauvegarde ».
tokens-field-scopes = Ce que le jeton peut faire
tokens-field-expires = Dernier jour de validité
tokens-field-expires-hint = Sans date, le jeton fonctionne jusqu'à ce que vous le révoquiez, ou jusqu'à ce qu'il soit resté inutilisé pendant un an.
tokens-field-password-hint = Confirmez avec votre mot de passe.
tokens-create = Créer le jeton
token-status-active = Actif
token-status-expired = Expiré
token-status-revoked = Révoqué
token-status-deactivated = Désactivé
scope-profile-read = Lire votre profil.
scope-profile-write = Modifier votre profil.
scope-security-read = Lire vos sessions et votre journal de sécurité.
scope-security-write = Fermer vos sessions.
scope-tokens-read = Lister vos jetons d'API.
scope-tokens-write = Créer et révoquer des jetons d'API.
scope-orgs-read = Lire vos organisations.
scope-orgs-write = Modifier vos organisations.

# Dates
format-date = { $day ->
    [1] 1er
   *[other] { $day }
    } { $month } { $year }
format-datetime = { $date }, { $time }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
