# Console : mise en page
skip-to-content = Aller au contenu
nav-home = Accueil
nav-main = Navigation principale
language-label = Langue
language-switch = Changer de langue
footer-text = Espace client { $provider }

# Page d'accueil
home-title = Bienvenue dans votre espace client
home-intro = Gérez votre compte, vos organisations et les personnes qui travaillent avec vous, en un seul endroit.
home-card-account = Votre compte
home-card-account-text = Votre profil, la connexion, le mot de passe, les sessions et le journal de sécurité.
home-card-orgs = Organisations
home-card-orgs-text = Les membres et leurs droits, les équipes et les adresses de facturation.

# Pages d'erreur
error-title = Une erreur s'est produite
error-not-found-title = Page introuvable
error-not-found-text = La page demandée n'existe pas ou ne vous appartient pas.
error-unavailable-title = Momentanément indisponible
error-unavailable-text = Le service ne peut pas répondre pour le moment. Veuillez réessayer dans un instant.
error-invalid-title = Certains champs ont été refusés
error-invalid-text = Revenez en arrière, corrigez ces champs et envoyez à nouveau le formulaire :
error-generic-text = Une erreur s'est produite et a été enregistrée. Veuillez réessayer.
error-forbidden-title = Action non autorisée
error-forbidden-text = Cette action n'est pas autorisée. Si vous envoyiez un formulaire, il a peut-être expiré : revenez en arrière, rechargez la page et réessayez.
error-rights-text = Votre rôle ou vos droits dans cette organisation ne donnent pas accès à cette page. Si vous en avez besoin, adressez-vous à l'un de ses propriétaires.
error-too-large-title = Envoi trop volumineux
error-too-large-text = Ce que vous avez envoyé dépasse la taille que ce service accepte. Raccourcissez-le (un long texte, de nombreuses entrées) et réessayez.
error-back-home = Retour à l'accueil
error-request-id = Référence : { $id }

# Mise en page : navigation du compte
nav-profile = Profil
nav-security = Sécurité
nav-tokens = Jetons d'API
nav-signin = Se connecter
nav-signup = Créer un compte
nav-signout = Se déconnecter
nav-signed-in-as = Connecté en tant que
nav-continue = Continuer

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
password-rules = Au moins 8 caractères. Évitez les mots de passe courants ainsi que votre nom ou votre adresse ; quelques mots sans rapport entre eux font un mot de passe solide.

# Erreurs de saisie, par code
field-error-invalid-email = Saisissez une adresse e-mail valide, par exemple nom@exemple.ch.
field-error-invalid-name = Utilisez 100 caractères au plus.
field-error-invalid-characters = N'utilisez ni caractères de contrôle (sauts de ligne, tabulations…) ni caractères de sens d'écriture.
field-error-password-too-short = Utilisez au moins 8 caractères.
field-error-password-too-long = Utilisez 128 caractères au plus.
field-error-password-too-weak = Ce mot de passe est trop facile à deviner : choisissez-en un autre.
field-error-wrong-password = Le mot de passe est incorrect.
field-error-password-required = Saisissez votre mot de passe actuel.
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
signup-have-account = Vous avez déjà un compte ?
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
signin-forgot = Mot de passe oublié ?
signin-no-account = Pas encore de compte ?
signin-invalid = L'adresse e-mail ou le mot de passe est incorrect.
signin-unverified = Veuillez d'abord confirmer votre adresse e-mail à l'aide du lien que nous vous avons envoyé. Besoin d'un nouveau lien ?
second-factor-title = Deuxième étape requise
second-factor-text = Ce compte est protégé par un deuxième facteur, qu'il n'est pas encore possible de confirmer dans cette console. Veuillez contacter l'assistance.

# Confirmation d'adresse
verified-title = Adresse confirmée
verified-text = Merci : votre adresse e-mail est confirmée. Vous pouvez maintenant vous connecter.
recovery-verified-title = Adresse de récupération confirmée
recovery-verified-text = Merci : les liens de réinitialisation du mot de passe seront désormais envoyés à cette adresse.
link-invalid-title = Lien non valable ou expiré
link-invalid-text = Ce lien n'est pas valable : il a peut-être déjà été utilisé, remplacé par un lien plus récent, ou il a expiré.
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
reset-done-text = Votre mot de passe a été modifié ; toutes les sessions ont été fermées et tous les jetons d'API révoqués. Connectez-vous avec votre nouveau mot de passe.
undo-title = Annuler la modification de votre adresse de secours
undo-intro = L'adresse de secours redevient celle d'avant la modification, toutes les sessions sont fermées et tous les jetons d'API révoqués. Votre adresse de connexion reçoit ensuite un lien pour choisir un nouveau mot de passe.
undo-submit = Annuler la modification
undo-done-title = La modification a été annulée
undo-done-text = L'adresse de secours est rétablie, toutes les sessions ont été fermées et tous les jetons d'API révoqués. Nous avons envoyé un lien à votre adresse de connexion : utilisez-le pour choisir un nouveau mot de passe.
undo-invalid-hint = Si quelqu'un a modifié votre adresse de secours et que ce lien ne fonctionne plus, réinitialisez votre mot de passe depuis la page de connexion : le lien est aussi envoyé à votre adresse de connexion.

# Profil (ACC-3, ACC-4, ACC-5)
profile-title = Votre profil
support-code-title = Code d'assistance
support-code-hint = Indiquez ce code lorsque vous appelez notre assistance : il nous permet de vous identifier rapidement et en toute sécurité.
support-code-regenerate = Obtenir un nouveau code
profile-login-title = Identifiant
profile-email-verified = Adresse confirmée. C'est votre identifiant ; elle ne peut pas être modifiée ici.
profile-email-unverified = Cette adresse n'est pas encore confirmée.
profile-member-since = Compte créé le { $date }
profile-details-title = Vos informations
profile-language-hint = Utilisée pour la console et pour les messages que nous vous envoyons.
profile-recovery-hint = Les liens de réinitialisation du mot de passe sont envoyés à votre adresse de connexion et à celle-ci. Laissez le champ vide pour n'utiliser que votre adresse de connexion.
profile-recovery-password-hint = Seulement pour modifier ou supprimer l'adresse de secours : votre mot de passe confirme que c'est bien vous.
profile-recovery-pending = En attente de confirmation : nous avons envoyé un lien à { $email }.
profile-save = Enregistrer
newsletters-title = Newsletters
newsletters-legend = Thèmes auxquels vous êtes abonné
newsletters-save = Enregistrer mes choix
password-title = Mot de passe
password-change-hint = Modifier votre mot de passe ferme vos sessions sur les autres appareils.
password-save = Modifier mon mot de passe
password-revoke-tokens = Révoquer aussi mes jetons d'API (les scripts qui les utilisent cesseront de fonctionner)

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
event-recovery-email-change-undone = Modification de l'adresse de récupération annulée
event-support-code-regenerated = Nouveau code d'assistance
event-token-created = Jeton d'API créé
event-token-revoked = Jeton d'API révoqué
event-token-deactivated = Jeton d'API inutilisé désactivé

# Jetons d'API (API-1)
tokens-title = Jetons d'API
tokens-intro = Les jetons permettent à vos programmes d'utiliser l'API en votre nom, avec uniquement les droits que vous choisissez.
tokens-new-title = Votre nouveau jeton « { $name } »
tokens-new-warning = Copiez-le maintenant : pour votre sécurité, il ne sera plus affiché.
tokens-new-copy-hint = Conservez-le comme un mot de passe, dans un gestionnaire de mots de passe ou dans les paramètres secrets de votre programme.
tokens-copy = Copier le jeton
tokens-copied = Copié
tokens-new-usage = Envoyez-le dans l'en-tête de chaque requête :
tokens-list-title = Vos jetons
tokens-empty = Vous n'avez encore aucun jeton d'API.
tokens-scopes = Autorisations
tokens-created = Créé le
tokens-last-used = Dernière utilisation
tokens-expires = Valable jusqu'au
tokens-never = Jamais
tokens-no-expiry = Sans date de fin
tokens-revoke = Révoquer « { $name } »
tokens-create-title = Créer un jeton
tokens-field-name = Nom
tokens-field-name-hint = Pour le reconnaître plus tard, par exemple « Script de sauvegarde ».
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

# Organisations : navigation, accueil et rôles (ACC-7, ORG-1)
nav-orgs = Organisations
nav-orgs-switch = Changer d'organisation
nav-orgs-all = Toutes les organisations
home-orgs-title = Vos organisations
home-orgs-none = Vous n'appartenez encore à aucune organisation.
home-orgs-create = Créer une organisation
role-legal-representative = Représentant légal
role-owner = Propriétaire
role-user = Utilisateur restreint
role-hint = Les propriétaires administrent l'organisation et ont tous les droits. Les utilisateurs restreints n'ont que les droits choisis ci-dessous.
form-cancel = Annuler

# Organisations : la liste et une nouvelle
orgs-title = Organisations
orgs-intro = Les entreprises et les foyers que vous gérez avec ce compte. Passez de l'un à l'autre à tout moment depuis le menu en haut de la page.
orgs-mine = Vos organisations
orgs-create-title = Créer une organisation
orgs-create-hint = Vous en serez le représentant légal et pourrez ensuite inviter d'autres personnes.
orgs-create = Créer l'organisation
org-field-name = Nom de l'organisation
org-field-kind = Type
org-field-country = Pays
org-field-language = Langue
org-field-currency = Devise
org-field-vat = Numéro de TVA
org-kind-company = Entreprise
org-kind-individual = Particulier
country-hint = Code ISO à deux lettres, par exemple CH pour la Suisse.
country-ch = Suisse
country-li = Liechtenstein
country-de = Allemagne
country-fr = France
country-it = Italie
country-at = Autriche
org-currency-hint = Les factures sont émises dans cette devise. Elle ne peut plus être changée une fois la première facture émise.
org-currency-locked = La devise ne peut plus être changée : cette organisation a déjà des factures dans cette devise.
org-language-hint = La langue des factures de l'organisation et des invitations envoyées aux personnes sans compte.
org-vat-hint = Un IDE suisse comme CHE-123.456.789 TVA, ou un numéro de TVA européen avec le préfixe de son pays, comme DE123456789.

# Une organisation
org-tabs-label = Rubriques de l'organisation
org-your-role = Votre rôle :
org-tab-overview = Aperçu
org-tab-members = Membres
org-tab-teams = Équipes
org-tab-billing = Facturation
org-tab-audit = Journal d'audit
org-settings-title = Paramètres
org-settings-save = Enregistrer les paramètres
org-settings-readonly = Seuls les propriétaires peuvent modifier ces paramètres.
org-settings-hidden = Vos droits ne vous permettent pas de voir les paramètres de cette organisation.
org-leave-title = Quitter cette organisation
org-leave-hint = Vous perdrez l'accès à ses produits et à ses factures. Un propriétaire pourra vous inviter à nouveau.
org-leave = Quitter { $org }

# Membres et droits (ORG-2, ORG-3)
members-title = Membres
members-who = Nom et adresse e-mail
members-role = Rôle
members-rights = Droits
members-teams = Équipes
members-actions = Actions
members-select = Sélection
members-select-one = Sélectionner { $name }
members-you = Vous
members-edit = Modifier
members-remove-hint = Cochez les membres à retirer, puis confirmez. Le représentant légal ne peut pas être retiré.
members-remove = Retirer les membres sélectionnés
rights-all = Tous les droits (par son rôle)
rights-none = Aucun
rights-legend = Droits
rights-hint = Pour les utilisateurs restreints seulement : les propriétaires ont tous les droits. Les droits des équipes de l'utilisateur s'ajoutent à ceux-ci.
rights-group-billing = Facturation
rights-billing-hint = Payer inclut consulter ; gérer inclut payer.
rights-group-org = Organisation
rights-group-kinds = Tous les produits d'un type
rights-products = Produits individuels
rights-products-hint = Identifiants de produits, séparés par des virgules, par exemple prd_123, prd_456.
right-billing-view = Consulter les factures et la facturation
right-billing-pay = Payer les factures
right-billing-manage = Gérer les renouvellements et les moyens de paiement
right-members = Voir les membres et les équipes
right-settings = Voir les paramètres
right-kind-domain = Tous les domaines
right-kind-web-hosting = Tous les hébergements web
right-kind-mail = Tous les services de messagerie
right-kind-suite = Toutes les suites
right-kind-drive = Tous les espaces de stockage
right-kind-nas = Tous les appareils NAS
right-product = Produit { $id }
member-title = Membre
member-edit-title = Rôle et droits
member-legal-hint = Le rôle de représentant légal ne change que par une passation (sur la page Membres) ; il a tous les droits d'un propriétaire.
member-save = Enregistrer

# Invitations (ORG-2)
invite-title = Inviter une personne
invite-hint = Nous envoyons par e-mail un lien d'invitation valable 7 jours. Une personne sans compte peut en créer un grâce à lui.
invite-send = Envoyer l'invitation
invitations-title = Invitations en attente
invitations-empty = Aucune invitation en attente.
invitations-expires = Valable jusqu'au
invitations-resend = Renvoyer
invitations-revoke = Révoquer
invitation-status-pending = En attente
invitation-status-expired = Expirée
invitation-status-accepted = Acceptée
invitation-status-revoked = Révoquée
invitation-status-expired-text = Cette invitation a expiré. Demandez à l'organisation de vous l'envoyer à nouveau.
invitation-status-accepted-text = Cette invitation a déjà été acceptée.
invitation-status-revoked-text = Cette invitation a été retirée par l'organisation.
invitation-title = Invitation
invitation-org = Organisation
invitation-for = Adresse invitée
invitation-status = Statut
invitation-invalid = Ce lien d'invitation n'est pas valable. Un lien plus récent l'a peut-être remplacé : utilisez celui du dernier e-mail d'invitation.
invitation-signed-out = Pour accepter, connectez-vous avec l'adresse invitée, ou créez un compte avec elle.
invitation-signin = Se connecter pour accepter
invitation-signup = Créer un compte
invitation-accept-hint = En acceptant, vous rejoignez l'organisation avec le rôle et les droits choisis par ses propriétaires.
invitation-accept = Accepter l'invitation
invitation-wrong-account = Cette invitation a été envoyée à { $invited }, mais vous êtes connecté en tant que { $you }. Déconnectez-vous, puis connectez-vous avec l'adresse invitée.
invitation-already-member = Vous êtes déjà membre de cette organisation.
invitation-open-org = Ouvrir { $org }

# Passation du rôle de représentant légal (ORG-6)
handover-title = Représentant légal
handover-hint = Pour transmettre le rôle de représentant légal, désignez un propriétaire. Il accepte sur cette page dans les 7 jours ; vous restez alors propriétaire.
handover-to = Nouveau représentant légal
handover-start = Demander la passation
handover-no-owner = Pour transmettre le rôle, faites d'abord d'un autre membre un propriétaire.
handover-pending = En attente de l'acceptation de { $name }, jusqu'au { $until }.
handover-for-you = Vous avez été désigné comme nouveau représentant légal de l'organisation. Veuillez accepter avant le { $until }.
handover-accept = Devenir le représentant légal
handover-go = Voir plus bas.

# Équipes (ORG-4)
teams-title = Équipes
teams-hint = Les droits d'une équipe s'appliquent à chacun de ses membres, en plus de leurs propres droits.
teams-empty = Aucune équipe pour l'instant.
teams-members = Membres de l'équipe
teams-edit = Modifier
teams-delete = Supprimer l'équipe { $name }
teams-create-title = Créer une équipe
teams-edit-title = Modifier l'équipe
teams-field-name = Nom de l'équipe
teams-create = Créer l'équipe
teams-save = Enregistrer l'équipe

# Adresses de facturation (ORG-7)
addresses-title = Adresses de facturation
addresses-hint = Les factures vont à l'adresse par défaut, sauf si une autre est choisie au renouvellement d'un produit.
addresses-empty = Aucune adresse de facturation pour l'instant.
addresses-default = Par défaut
addresses-edit = Modifier
addresses-make-default = Définir par défaut
addresses-delete = Supprimer
addresses-readonly = Seuls les propriétaires peuvent modifier les adresses de facturation.
addresses-add-title = Ajouter une adresse
addresses-edit-title = Modifier l'adresse
addresses-form-hint = Structurée comme sur une QR-facture suisse : la rue et le numéro séparément.
address-field-name = Nom (entreprise ou personne)
address-field-street = Rue
address-field-number = Numéro
address-field-postcode = Code postal
address-field-town = Localité
addresses-use-as-default = Utiliser comme adresse par défaut
addresses-add = Ajouter l'adresse
addresses-save = Enregistrer l'adresse

# Journal d'audit (OPS-5)
audit-intro = Toutes les modifications de cette organisation : qui les a faites, pour le compte de qui, ce qui a changé et d'où. Les heures sont celles du fuseau horaire { $zone }.
audit-filter-action = Action
audit-filter-actor = Faite par
audit-filter-any-action = Toutes les actions
audit-filter-anyone = Tout le monde
audit-filter-submit = Filtrer
audit-group-org = Organisation
audit-group-member = Membres
audit-group-invitation = Invitations
audit-group-team = Équipes
audit-group-address = Adresses de facturation
audit-group-handover = Passation
audit-group-payment = Paiements
audit-group-order = Commandes
audit-group-product = Produits
audit-empty = Aucune entrée.
audit-who = Qui
audit-what = Action
audit-changes = Modifications
audit-became = devient
audit-removed = (supprimé)
audit-pages = Pages du journal d'audit
audit-nobody = Personne
audit-yes = Oui
audit-no = Non
audit-behalf-own = Pour son propre compte
audit-action-org-created = Organisation créée
audit-action-org-updated = Paramètres modifiés
audit-action-member-joined = Nouveau membre
audit-action-member-updated = Rôle ou droits d'un membre modifiés
audit-action-member-removed = Membre retiré
audit-action-member-left = Départ d'un membre
audit-action-invitation-created = Invitation envoyée
audit-action-invitation-resent = Invitation renvoyée
audit-action-invitation-revoked = Invitation révoquée
audit-action-team-created = Équipe créée
audit-action-team-updated = Équipe modifiée
audit-action-team-deleted = Équipe supprimée
audit-action-address-created = Adresse de facturation ajoutée
audit-action-address-updated = Adresse de facturation modifiée
audit-action-address-deleted = Adresse de facturation supprimée
audit-action-payment-started = Paiement lancé
audit-action-payment-method-removed = Moyen de paiement retiré
audit-action-order-placed = Commande passée
audit-action-order-cancelled = Commande annulée
audit-action-product-updated = Réglages de renouvellement du produit modifiés
audit-action-product-moved = Produit déplacé vers une autre organisation
audit-action-product-upgraded = Suite agrandie
audit-action-product-seat-assigned = Siège de la suite attribué
audit-action-product-seat-released = Siège de la suite repris
audit-action-handover-requested = Passation demandée
audit-action-handover-accepted = Passation acceptée
audit-target-org = Organisation { $name }
audit-target-user = Membre { $name }
audit-target-team = Équipe { $name }
audit-target-invitation = Invitation pour { $name }
audit-target-address = Adresse { $name }
audit-target-payment = Paiement de { $name }
audit-target-method = Moyen de paiement { $name }
audit-target-order = Commande de { $name }
audit-target-product = Produit { $name }
audit-field-name = Nom
audit-field-auto-renew = Renouvellement automatique
audit-field-renewal-warranty = Garantie de renouvellement
audit-field-billing-address-id = Adresse de facturation du renouvellement
audit-field-payment-method-id = Moyen de paiement du renouvellement
audit-field-users = Utilisateurs
audit-field-storage-gb = Stockage (Go)
audit-field-org-id = Organisation
audit-field-user-id = Titulaire du siège
audit-field-order = Commande
audit-field-kind = Type
audit-field-country = Pays
audit-field-language = Langue
audit-field-currency = Devise
audit-field-vat-number = Numéro de TVA
audit-field-role = Rôle
audit-field-rights = Droits
audit-field-members = Membres
audit-field-email = Adresse e-mail
audit-field-street = Rue
audit-field-building-number = Numéro
audit-field-postcode = Code postal
audit-field-town = Localité
audit-field-is-default = Par défaut
audit-field-legal-representative = Représentant légal
audit-field-invitation = Invitation
audit-field-amount = Montant
audit-field-items = Articles
audit-field-method = Payé par
audit-field-purpose = Pour
audit-field-invoice = Facture

# Organisations : messages après enregistrement
orgs-saved-org-created = L'organisation a été créée. Vous en êtes le représentant légal.
orgs-saved-settings = Les paramètres ont été enregistrés.
orgs-saved-left = Vous avez quitté l'organisation.
orgs-saved-joined = Bienvenue : vous êtes désormais membre de cette organisation.
orgs-saved-member-updated = Le rôle et les droits du membre ont été enregistrés.
orgs-saved-members-removed = Les membres sélectionnés ont été retirés.
orgs-saved-invited = L'invitation a été envoyée.
orgs-saved-invitation-resent = L'invitation a été renvoyée, avec un nouveau lien valable 7 jours.
orgs-saved-invitation-revoked = L'invitation a été révoquée. Son lien ne fonctionne plus.
orgs-saved-handover-requested = La passation a été demandée. Le propriétaire désigné en a été informé par e-mail.
orgs-saved-handover-accepted = Vous êtes désormais le représentant légal de cette organisation.
orgs-saved-team-created = L'équipe a été créée.
orgs-saved-team-saved = L'équipe a été enregistrée.
orgs-saved-team-deleted = L'équipe a été supprimée.
orgs-saved-address-added = L'adresse a été ajoutée.
orgs-saved-address-saved = L'adresse a été enregistrée.
orgs-saved-address-default = L'adresse par défaut a été changée.
orgs-saved-address-deleted = L'adresse a été supprimée.

# Organisations : refus, selon leur code (ORG-3, ORG-5, ORG-6, ORG-7)
orgs-refused-last-owner = Vous êtes le dernier propriétaire : plus personne n'administrerait l'organisation. Faites d'abord d'un autre membre un propriétaire.
orgs-refused-legal-representative = Le représentant légal ne peut ni partir ni être retiré : transmettez d'abord le rôle à un autre propriétaire.
orgs-refused-suite-user = Vous utilisez la suite de cette organisation : demandez d'abord à un propriétaire de vous en retirer.
orgs-refused-org-mailbox = Votre adresse de connexion est une boîte aux lettres de cette organisation : changez d'abord votre adresse de connexion.
orgs-refused-currency-locked = La devise ne peut plus changer dès que l'organisation a une facture.
orgs-refused-already-member = Cette personne est déjà membre de l'organisation.
orgs-refused-invitation-pending = Cette adresse a déjà une invitation en attente : renvoyez plutôt celle-ci depuis la liste ci-dessous.
orgs-refused-default-address = Définissez une autre adresse par défaut avant de supprimer celle-ci.
orgs-refused-not-an-owner = Vous n'êtes plus propriétaire de cette organisation : la passation ne peut pas aboutir.
orgs-refused-wrong-account = Cette invitation a été envoyée à une autre adresse : connectez-vous avec celle-ci.

# Erreurs des champs des formulaires d'organisation
field-error-required = Ce champ est obligatoire.
field-error-too-long = Ce texte est trop long pour une facture : veuillez le raccourcir.
field-error-invalid-country = Saisissez un code de pays ISO à deux lettres, par exemple CH.
field-error-invalid-postcode = Ce code postal n'existe pas dans le pays choisi.
field-error-invalid-vat-number = Ce numéro de TVA n'est pas valable : voyez le format indiqué sous le champ.
field-error-unknown-right = L'un de ces droits n'est pas valable : un identifiant de produit ne contient que des lettres, des chiffres, - et _.
field-error-not-a-member = Choisissez des membres de cette organisation.
field-error-not-an-owner = Choisissez un propriétaire de cette organisation.
field-error-invalid-role = Choisissez propriétaire ou utilisateur restreint.
field-error-org-invalid-name = Donnez un nom de 1 à 100 caractères.
field-error-team-invalid-name = Donnez un nom de 1 à 60 caractères.
field-error-member-required = Choisissez au moins un membre.

# --- orgs-console: confirmations, products by name, names instead of ids
right-product-named = { $name }
right-product-unlisted = Un produit qui n'est plus répertorié
rights-no-products = Cette organisation n'a pas encore de produits. Les droits sur tous les produits d'un type (ci-dessus) couvrent aussi les produits à venir.
org-leave-confirm-text = Vous perdrez immédiatement l'accès à { $org }, à ses produits et à ses factures. Un propriétaire pourra vous inviter à nouveau.
org-leave-confirm = Oui, quitter
org-leave-legal-hint = En tant que représentant légal, vous ne pouvez pas quitter cette organisation. Transmettez d'abord ce rôle à un propriétaire ; une fois propriétaire, vous pourrez partir.
org-leave-legal-go = Transmettre le rôle
members-remove-confirm-text = Les membres cochés perdent immédiatement l'accès à l'organisation et à ses produits. Ils pourront être invités à nouveau.
members-remove-confirm = Oui, les retirer
invitations-revoke-confirm-text = Le lien envoyé à { $email } ne fonctionnera plus. Vous pourrez inviter cette adresse à nouveau plus tard.
invitations-revoke-confirm = Oui, révoquer
teams-delete-confirm-text = L'équipe { $name } sera supprimée. Ses membres restent dans l'organisation mais perdent les droits que l'équipe leur donnait.
teams-delete-confirm = Oui, supprimer l'équipe
addresses-delete-confirm-text = L'adresse { $name } sera supprimée définitivement.
addresses-delete-confirm = Oui, supprimer
handover-someone = un autre membre
audit-name-unknown = (plus connu)

# --- ui-shell
nav-menu = Menu
home-capabilities-title = Ce que vous pouvez faire ici
home-card-tokens = Jetons d'API
home-card-tokens-text = Laissez vos scripts et vos outils utiliser l'API en votre nom, avec les seuls droits que vous choisissez.
api-docs-title = Référence de l'API
api-docs-intro = Toutes les opérations de l'API JSON, lues dans son document OpenAPI. Authentifiez-vous avec un jeton d'API dans l'en-tête Authorization ; les réponses arrivent dans une enveloppe, les erreurs avec un code stable.
api-docs-openapi = Document OpenAPI (JSON)
api-docs-tokens = Créer un jeton d'API
api-docs-contents = Sommaire
api-docs-parameters = Paramètres
api-docs-parameter = Nom
api-docs-in = Où
api-docs-type = Type
api-docs-description = Description
api-docs-required = obligatoire
api-docs-optional = facultatif
api-docs-body = Corps de la requête
api-docs-responses = Réponses
api-docs-status = Statut
api-docs-schemas = Schémas
api-docs-fields = Champs
api-docs-scopes = Autorisations du jeton :
api-docs-public = Aucun jeton nécessaire.

# --- accounts-split
tokens-revoke-confirm = Les programmes qui utilisent le jeton « { $name } » seront refusés dès maintenant. Cette action est définitive.
tokens-revoke-yes = Oui, révoquer « { $name } »
sessions-end-confirm = { $device } sera déconnecté immédiatement ; pour s'y reconnecter, il faudra le mot de passe.
sessions-end-yes = Oui, fermer cette session
support-code-regenerate-confirm = Votre code actuel cesse aussitôt de fonctionner : donnez le nouveau lors de votre prochain appel.
support-code-regenerate-yes = Oui, obtenir un nouveau code
field-error-token-required = Donnez un nom au jeton.
# --- staff
staff-title = Back-office
staff-footer = Le back-office du fournisseur : chaque recherche et chaque fiche consultée sont enregistrées à votre nom.
staff-signin-title = Connexion du personnel
staff-signin-hint = Réservé au personnel du fournisseur. Les clients se connectent sur la page de la console.
staff-signin-submit = Se connecter au back-office
staff-signin-invalid = L'adresse e-mail ou le mot de passe est faux, ou ce compte n'a aucun rôle du personnel.
staff-roles = Rôles du personnel
staff-role-support = Support
staff-role-billing = Facturation
staff-role-fraud = Fraude
staff-role-admin = Administrateur
staff-nav-search = Rechercher
staff-search-title = Trouver un client
staff-search-label = Adresse e-mail, code d'assistance, identifiant d'organisation ou d'utilisateur, ou nom d'organisation
staff-search-hint = Une adresse peut être donnée par son début (« ada@ ») ; un code d'assistance avec ou sans son espace.
staff-search-submit = Rechercher
staff-search-invalid = Saisissez de 1 à 254 caractères, sans caractères de contrôle.
staff-results-title = Résultats
staff-results-users = Utilisateurs
staff-results-orgs = Organisations
staff-no-results = Aucun résultat.
staff-pages = Pages de résultats
staff-previous = Page précédente
staff-next = Page suivante
staff-support-code = Code d'assistance
staff-viewing-logged = Votre consultation de cette page est enregistrée dans le journal d'audit du personnel.
staff-id = Identifiant
staff-country = Pays
staff-currency = Monnaie
staff-vat-number = Numéro de TVA
staff-created = Création
staff-members = Membres
staff-role = Rôle
staff-addresses = Adresses de facturation
staff-no-addresses = Aucune adresse de facturation.
staff-addresses-hidden = Vos rôles ne montrent pas les données de facturation.
staff-default-address = Par défaut
staff-audit = Dernières modifications (journal d'audit)
staff-verified = Vérifiée
staff-unverified = Non vérifiée
staff-last-sign-in = Dernière connexion
staff-never = Jamais
staff-user-orgs = Organisations
staff-no-orgs = Membre d'aucune organisation.

# Invoices (issue 11)
org-tab-invoices = Factures
invoices-title = Factures
invoices-intro = Les factures émises pour cette organisation, des plus récentes aux plus anciennes, et leurs PDF tels qu'ils ont été émis.
invoices-filter-status = Statut
invoices-filter-any = Tous les statuts
invoices-filter-submit = Afficher
invoices-empty = Aucune facture pour l'instant.
invoices-empty-filtered = Aucune facture avec ce statut.
invoices-pages = Pages des factures
invoices-number = Numéro
invoices-issued-on = Émise le
invoices-due-on = Échéance
invoices-total = Total
invoices-open = Reste dû
invoices-status = Statut
invoices-download = Télécharger
invoices-download-pdf = Télécharger le PDF
invoices-status-draft = Brouillon
invoices-status-issued = Ouverte
invoices-status-partially-paid = Payée en partie
invoices-status-paid = Payée
invoices-status-cancelled = Annulée par note de crédit
invoices-credit-notes-title = Notes de crédit
invoices-credit-notes-empty = Aucune note de crédit.
invoices-credit-notes-pages = Pages des notes de crédit
invoices-credited-invoice = Facture créditée
invoices-invoice-title = Facture { $number }
invoices-credit-note-title = Note de crédit { $number }
invoices-draft-title = Brouillon de facture
invoices-back = Toutes les factures
invoices-facts = Détails de la facture
invoices-no-number = Attribué à l'émission
invoices-reference = Référence de paiement
invoices-parties = Fournisseur et client
invoices-seller = De
invoices-buyer = À
invoices-vat-number = Numéro de TVA
invoices-lines = Lignes
invoices-description = Description
invoices-quantity = Quantité
invoices-unit-price = Prix unitaire
invoices-vat-rate = TVA
invoices-amount = Montant
invoices-period = du { $from } au { $to }
invoices-net = Sous-total hors TVA
invoices-vat-at = TVA { $rate } sur { $base }
invoices-rounding = Arrondi
invoices-draft-total = Total hors TVA
invoices-credited = Crédité
invoices-draft-vat-hint = La TVA est calculée à l'émission de la facture, au taux en vigueur au moment où chaque prestation est fournie.
invoices-its-credit-notes = Notes de crédit de cette facture
invoices-vat-class-standard = Taux normal
invoices-vat-class-reduced = Taux réduit
invoices-vat-class-accommodation = Taux de l'hébergement
invoices-vat-class-zero = Sans TVA (exonéré)
staff-invoices = Factures
staff-invoices-new = Nouvelle facture
staff-invoices-none = Aucune facture ni brouillon.
staff-invoices-date = Date
staff-invoices-new-title = Nouvelle facture
staff-invoices-edit-title = Modifier le brouillon
staff-invoices-form-hint = Les prix sont hors TVA, en { $currency }, la monnaie de l'organisation. La TVA, le numéro et la référence de paiement sont attribués à l'émission du brouillon.
staff-invoices-address = Adresse de facturation
staff-invoices-no-address = Cette organisation n'a pas d'adresse de facturation : le brouillon peut être enregistré, mais il ne pourra être émis qu'une fois une adresse ajoutée.
staff-invoices-lines-hint = Les lignes vides sont ignorées.
staff-invoices-line = Ligne { $number }
staff-invoices-unit-price = Prix unitaire hors TVA
staff-invoices-vat-class = Catégorie de TVA
staff-invoices-period-from = Prestation du
staff-invoices-period-to = Prestation jusqu'au
staff-invoices-save-draft = Enregistrer le brouillon
staff-invoices-more-rows = Ajouter des lignes
staff-invoices-back-to-org = Retour à l'organisation
staff-invoices-draft = Brouillon
staff-invoices-draft-hint = Un brouillon n'est pas encore une facture : le client ne le voit pas. L'émission lui donne son numéro, sa référence de paiement, sa TVA et son PDF ; ensuite, il ne change plus jamais.
staff-invoices-edit = Modifier le brouillon
staff-invoices-issue = Émettre
staff-invoices-issue-confirm-text = Émettre cette facture de { $total } hors TVA ? Elle reçoit son numéro et rejoint les factures du client ; elle ne pourra ensuite être corrigée que par une note de crédit.
staff-invoices-issue-confirm = Émettre la facture maintenant
staff-invoices-delete = Supprimer le brouillon
staff-invoices-delete-confirm-text = Supprimer ce brouillon ? Rien n'a été émis : aucun numéro n'est perdu.
staff-invoices-delete-confirm = Le supprimer
staff-saved-draft-saved = Le brouillon a été enregistré.
staff-saved-draft-deleted = Le brouillon a été supprimé.
staff-saved-issued = La facture a été émise.
staff-saved-credited = La note de crédit a été émise.
staff-saved-reminders-paused = Les rappels de cette facture sont suspendus.
staff-saved-reminders-resumed = Les rappels de cette facture reprennent.
staff-saved-refunded = Le remboursement a été effectué.
staff-payment-title = Paiement de { $amount }
staff-payment-refunded = { $amount } remboursés
staff-payment-to-prepaid = { $amount } sont allés sur le compte prépayé.
staff-payment-see-invoice = Voir la facture
staff-payment-failure = Raison de l'échec
staff-refunds-title = Remboursements
staff-refunds-none = Aucun remboursement pour l'instant.
staff-refund-destination = Versé
staff-refund-destination-gateway = Par le moyen de paiement utilisé
staff-refund-destination-prepaid = Sur le compte prépayé
staff-refund-status-pending = En attente du service de paiement
staff-refund-status-succeeded = Remboursé
staff-refund-status-failed = Refusé par le service de paiement (remis sur le compte prépayé)
staff-refund-credit-note = Sa note de crédit (PDF)
staff-refund-title = Rembourser
staff-refund-how = Que rembourser
staff-refund-how-credit = Créditer le reste de la facture et rembourser ce que cela libère
staff-refund-how-prepaid = Rembourser du crédit prépayé apporté par ce paiement (le montant ci-dessous)
staff-refund-amount-hint = (seulement pour rembourser du crédit prépayé)
staff-refund-submit = Rembourser
staff-refund-refused-payment-not-captured = Ce paiement n'a pas été reçu : il n'y a rien à rembourser.
staff-refund-refused-nothing-to-refund = La facture devait encore ce qu'un crédit libérerait : rien ne serait rendu. Créditez plutôt la facture.
staff-refund-refused-invoice-fully-credited = Tout est déjà crédité sur cette facture : remboursez plutôt du crédit prépayé.
staff-refund-refused-idempotency-key-in-use = Ce formulaire est déjà en cours d'envoi : attendez un instant, puis rechargez la page.
staff-reminders-title = Rappels
staff-reminders-none = Aucun rappel n'a été envoyé pour cette facture.
staff-reminders-sent = Rappel { $level }, envoyé le { $day }
staff-reminders-paused = Suspendus : aucun rappel n'est envoyé jusqu'à leur reprise.
staff-reminders-reason = Motif
staff-reminders-reason-hint = (facultatif, conservé dans le journal d'audit)
staff-reminders-pause = Suspendre les rappels
staff-reminders-resume = Reprendre les rappels
staff-credit-title = Note de crédit
staff-credit-hint = Une note de crédit corrige une facture émise, en partie ou en totalité, aux taux de TVA de la prestation d'origine. Le montant crédité réduit ce qui reste dû ; le surplus va sur le compte prépayé de l'organisation.
staff-credit-reason = Motif
staff-credit-amounts = Montants à créditer, hors TVA
staff-credit-amounts-hint = Laissez une ligne vide pour ne pas la créditer.
staff-credit-line-left = facturé { $net }, reste { $left }
staff-credit-everything = Créditer tout ce qui reste sur cette facture
staff-credit-submit = Émettre la note de crédit
staff-credit-to-prepaid = { $amount } sur le compte prépayé
staff-invoices-refused-invoice-not-draft = Cette facture est déjà émise : elle ne peut plus changer. Corrigez-la par une note de crédit.
staff-invoices-refused-invoice-not-issued = Un brouillon se modifie ou se supprime, il ne se crédite pas.
staff-invoices-refused-invoice-empty = Le brouillon n'a aucune ligne : ajoutez-en une avant de l'émettre.
staff-invoices-refused-billing-address-required = L'organisation n'a pas d'adresse de facturation à laquelle envoyer cette facture.
staff-invoices-refused-currency-mismatch = L'organisation a changé de monnaie depuis la création de ce brouillon : faites un nouveau brouillon.
staff-invoices-refused-vat-rate-missing = Aucun taux de TVA n'est configuré pour la période de l'une des lignes.
staff-invoices-refused-invoice-fully-credited = Tout ce qui figure sur cette facture est déjà crédité.
staff-invoices-refused-credit-exceeds-invoice = Les notes de crédit dépasseraient le total de la facture.
staff-invoices-refused-idempotency-key-in-use = Ce formulaire est déjà en cours d'envoi : attendez un instant, puis rechargez la page.
field-error-invoice-required = Décrivez ce qui est facturé.
field-error-invoice-too-short = Une facture a au moins une ligne.
field-error-invoice-too-long = C'est trop long : une description a au plus 300 caractères, une facture au plus 200 lignes.
field-error-invoice-out-of-range = Hors limites : une quantité est un nombre entier de 1 à 1 000 000, et un prix ne peut pas être négatif.
field-error-invoice-invalid-amount = Écrivez le montant en nombre décimal avec au plus deux décimales et un point, par exemple 120.00.
field-error-invoice-invalid-period = La période se termine avant de commencer.
field-error-invoice-invalid-date = Indiquez les deux jours de la période, ou aucun.
field-error-invoice-invalid-value = Choisissez une catégorie de TVA dans la liste.
field-error-invoice-unknown-address = Choisissez l'une des adresses de facturation de l'organisation.
field-error-credit-too-long = Utilisez au plus 500 caractères.
field-error-credit-too-short = Indiquez un montant pour au moins une ligne, ou cochez « Créditer tout ce qui reste ».
field-error-credit-unknown-line = La facture n'a pas cette ligne.
field-error-credit-duplicate-line = Nommez chaque ligne une seule fois.
field-error-credit-exceeds-line = C'est plus que ce qui reste à créditer sur cette ligne.
field-error-credit-out-of-range = Créditez un montant supérieur à zéro.
field-error-credit-invalid-amount = Écrivez le montant en nombre décimal avec au plus deux décimales et un point, par exemple 20.00.
field-error-idempotency-key-reused = Ce formulaire a déjà été envoyé. Ouvrez la page à nouveau pour créer un autre document.

## Paiements (issue 12) : payer les factures, le compte prépayé, les moyens enregistrés.

org-tab-payments = Paiements
payments-nav-label = Paiements et compte prépayé
payments-title = Paiements
payments-prepaid-title = Compte prépayé
payments-methods-title = Moyens de paiement
payments-pay-heading = Payer cette facture
payments-pay-title = Payer la facture { $number }
payments-back-to-invoice = Retour à la facture
payments-due = Reste dû :
payments-method = Moyen de paiement
payments-chf-only = CHF uniquement
payments-method-card = Carte (Visa, Mastercard…)
payments-method-postfinance = PostFinance Card
payments-method-paypal = PayPal
payments-method-twint = Twint
payments-method-prepaid = Compte prépayé
payments-method-bank-transfer = Virement bancaire
payments-method-stored = Enregistré : { $method }
payments-brand-visa = Visa
payments-brand-mastercard = Mastercard
payments-brand-cb = CB
payments-brand-twint = Twint
payments-brand-postfinance = PostFinance Card
payments-expires = expire le { $date }
payments-use-prepaid = Utiliser d'abord mon crédit prépayé ({ $balance } disponibles)
payments-save-method = Garder cette carte pour les prochains paiements et renouvellements
payments-pay-submit = Payer { $amount }
payments-nothing-due = Il ne reste rien à payer sur cette facture.
payments-no-right = Pour payer, il faut le droit de payer les factures : demandez-le à un administrateur de l'organisation.
payments-refused-payment-in-flight = Un paiement de cette facture est encore en cours. Terminez-le ou attendez quelques minutes, puis revenez à la facture.
payments-refused-invoice-not-payable = Il ne reste rien à payer sur cette facture.
payments-error-invalid-amount = Écrivez le montant en nombre avec un point, par exemple 20.00 : une recharge va de { $min } à { $max }.
payments-error-out-of-range = Une recharge va de { $min } à { $max }.
payments-error-method-not-available = Ce moyen de paiement n'est pas disponible pour ce compte : choisissez-en un autre.
payments-error-insufficient-prepaid = Le compte prépayé ne suffit plus : payez par un autre moyen.
payments-error-unknown-payment-method = Ce moyen de paiement enregistré n'existe plus : choisissez-en un autre.
payments-error-payment-method-mismatch = Ce moyen de paiement enregistré ne convient pas ici : choisissez-en un autre.
payments-error-idempotency-key-reused = Ce formulaire a déjà été envoyé. Ouvrez la page à nouveau pour payer encore.
payments-status-pending = Commencé
payments-status-requires-action = En attente de vous
payments-status-processing = En confirmation
payments-status-succeeded = Payé
payments-status-failed = Échoué
payments-status-cancelled = Annulé
payments-status-awaiting-transfer = Virement attendu
payments-purpose-invoice = Paiement de facture
payments-purpose-top-up = Recharge
payments-payment-title = Paiement
payments-outcome-pending = Nous attendons la confirmation du service de paiement pour { $amount }.
payments-outcome-requires-action = Le paiement de { $amount } n'est pas terminé : continuez sur la page du service de paiement.
payments-outcome-processing = Nous attendons la confirmation du service de paiement pour { $amount }. Cela prend d'habitude moins d'une minute.
payments-outcome-succeeded = Merci : { $amount } ont été reçus.
payments-outcome-failed = Le paiement de { $amount } n'a pas abouti ; rien n'a été débité.
payments-outcome-cancelled = Le paiement de { $amount } a été annulé ; rien n'a été débité.
payments-outcome-awaiting-transfer = Virez { $amount } avec les indications ci-dessous ; le paiement est comptabilisé dès son arrivée sur notre compte.
payments-failure-reason = Motif : { $reason }
payments-failure-card-declined = la carte a été refusée.
payments-failure-insufficient-funds = le compte n'était pas suffisamment approvisionné.
payments-failure-expired-card = la carte a expiré.
payments-failure-authentication-failed = le paiement n'a pas été confirmé auprès de votre banque.
payments-failure-gateway-unavailable = le service de paiement était injoignable. Réessayez dans un instant.
payments-to-prepaid = { $amount } n'étaient plus nécessaires à la facture et sont sur votre compte prépayé.
payments-invoice-paid = La facture est payée.
payments-continue = Continuer le paiement
payments-check-again = Vérifier à nouveau
payments-rechecking = Cette page se met à jour d’elle-même, à quelques secondes d’intervalle.
payments-transfer-title = Virement bancaire
payments-transfer-hint = Indiquez la référence telle quelle, pour que le paiement soit attribué à la facture.
payments-transfer-iban = IBAN
payments-transfer-reference = Référence
payments-transfer-amount = Montant
payments-transfer-pdf = Télécharger le PDF avec la QR-facture
payments-created = Date
payments-invoice = Facture
payments-purpose = Pour
payments-amount = Montant
payments-status = Statut
payments-empty = Aucun paiement pour l'instant.
payments-pages = Pages des paiements
payments-balance = Solde :
payments-prepaid-hint = Le crédit du compte prépayé paie les factures et les renouvellements avant tout autre moyen.
payments-prepaid-empty = Rien n'a encore été comptabilisé sur le compte prépayé.
payments-prepaid-history = Historique du compte prépayé
payments-booked-on = Comptabilisé le
payments-entry = Écriture
payments-entry-payment-captured = Paiement reçu
payments-entry-invoice-paid = Facture payée depuis le compte
payments-entry-credit-note-issued = Note de crédit
payments-entry-refund-sent = Remboursement envoyé
payments-entry-refund-reversed = Remboursement revenu sur le compte
payments-top-up-title = Recharger
payments-top-up-limits = Entre { $min } et { $max }.
payments-top-up-submit = Recharger
payments-methods-hint = Cartes et Twint gardés pour les prochains paiements et renouvellements. Seuls la marque, les quatre derniers chiffres et l'échéance sont gardés ici.
payments-methods-empty = Aucun moyen de paiement enregistré.
payments-method-remove = Retirer
payments-method-remove-confirm-text = Retirer { $method } ? Il ne sera plus débité pour les renouvellements.
payments-method-remove-confirm = Oui, le retirer
payments-saved-method-removed = Le moyen de paiement a été retiré.

## Catalogue (issue 13, CAT-1): the public page of what the provider sells.

home-catalog = Nos produits et tarifs
catalog-title = Produits et tarifs
catalog-before-vat = Prix hors TVA.
catalog-currency-label = Prix en :
catalog-contents = Sur cette page
# Group headings; the names of mail, drive and chat also list what a suite includes.
catalog-group-domain = Noms de domaine
catalog-group-web-hosting = Hébergement web
catalog-group-mail = Messagerie
catalog-group-suite = Suites collaboratives
catalog-group-drive = Stockage en ligne
catalog-group-chat = Messagerie d'équipe
catalog-group-nas = Serveurs NAS
catalog-group-premium-support = Assistance Premium
catalog-domains-caption = Les noms de domaine et leurs prix par an
catalog-domain-tld = Extension
catalog-domain-register = Enregistrement par an
catalog-domain-renew = Renouvellement par an
catalog-domain-years = Durée
catalog-years-range = { $min }–{ $max } ans
catalog-years = { $years ->
    [one] { $years } an
   *[other] { $years } ans
    }
catalog-price-months = { $price } / { $months ->
    [one] mois
   *[other] { $months } mois
    }
catalog-price-years = { $price } / { $years ->
    [one] an
   *[other] { $years } ans
    }
catalog-per-mailbox = par boîte mail, de { $min } à { $max } { $count ->
    [one] boîte
   *[other] boîtes
    }
catalog-per-user = par utilisateur, de { $min } à { $max } { $count ->
    [one] utilisateur
   *[other] utilisateurs
    }
catalog-per-device = par appareil, de { $min } à { $max } { $count ->
    [one] appareil
   *[other] appareils
    }
catalog-storage-title = Stockage
catalog-storage = { $min } Go inclus, jusqu'à { $max } Go par paliers de { $step } Go
catalog-storage-step = { $price } par palier de { $step } Go
catalog-includes = Comprend
catalog-warranty-yes = Garantie de renouvellement disponible
catalog-warranty-no = Sans garantie de renouvellement
