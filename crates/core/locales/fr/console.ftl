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
audit-action-handover-requested = Passation demandée
audit-action-handover-accepted = Passation acceptée
audit-target-org = Organisation { $name }
audit-target-user = Membre { $name }
audit-target-team = Équipe { $name }
audit-target-invitation = Invitation pour { $name }
audit-target-address = Adresse { $name }
audit-field-name = Nom
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
