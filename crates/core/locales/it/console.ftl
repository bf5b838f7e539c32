# Console: impaginazione
skip-to-content = Vai al contenuto
nav-home = Home
nav-main = Navigazione principale
language-label = Lingua
language-switch = Cambia lingua
footer-text = Area clienti { $provider }

# Pagina iniziale
home-title = Benvenuto nella Sua area clienti
home-intro = Gestisca in un unico posto il Suo account, le Sue organizzazioni e le persone che lavorano con Lei.
home-card-account = Il Suo account
home-card-account-text = Il Suo profilo, l'accesso, la password, le sessioni e il registro di sicurezza.
home-card-orgs = Organizzazioni
home-card-orgs-text = I membri e i loro diritti, i team e gli indirizzi di fatturazione.

# Pagine di errore
error-title = Si è verificato un problema
error-not-found-title = Pagina non trovata
error-not-found-text = La pagina richiesta non esiste o non Le appartiene.
error-unavailable-title = Temporaneamente non disponibile
error-unavailable-text = Il servizio non può rispondere in questo momento. Riprovi tra poco.
error-invalid-title = Alcuni campi sono stati rifiutati
error-invalid-text = Torni indietro, corregga questi campi e invii di nuovo il modulo:
error-generic-text = Si è verificato un errore ed è stato registrato. Riprovi.
error-forbidden-title = Azione non consentita
error-forbidden-text = Questa azione non è consentita. Se stava inviando un modulo, potrebbe essere scaduto: torni indietro, ricarichi la pagina e riprovi.
error-rights-text = Il Suo ruolo o i Suoi diritti in questa organizzazione non danno accesso a questa pagina. Se ne ha bisogno, si rivolga a uno dei titolari dell'organizzazione.
error-too-large-title = Invio troppo grande
error-too-large-text = Quanto ha inviato supera la dimensione che questo servizio accetta. Lo accorci (un testo lungo, molte voci) e riprovi.
error-back-home = Torni alla pagina iniziale
error-request-id = Riferimento: { $id }

# Impaginazione: navigazione dell'account
nav-profile = Profilo
nav-security = Sicurezza
nav-tokens = Token API
nav-signin = Accedi
nav-signup = Registrati
nav-signout = Esci
nav-signed-in-as = Accesso effettuato come
nav-continue = Continua

# Moduli
form-has-errors = La preghiamo di correggere i campi qui sotto.
form-see-below = Vedere sotto.
form-throttled = { $seconds ->
    [one] Troppi tentativi. Attenda un secondo prima di riprovare.
   *[other] Troppi tentativi. Attenda { $seconds } secondi prima di riprovare.
    }
field-email = Indirizzo e-mail
field-password = Password
field-new-password = Nuova password
field-current-password = Password attuale
field-name = Nome
field-optional = (facoltativo)
field-language = Lingua
field-recovery-email = Indirizzo e-mail di recupero
password-rules = Almeno 8 caratteri. Eviti le password comuni, il Suo nome e il Suo indirizzo; alcune parole senza legami tra loro formano una password robusta.

# Errori di inserimento, per codice
field-error-invalid-email = Inserisca un indirizzo e-mail valido, ad esempio nome@esempio.ch.
field-error-invalid-name = Usi al massimo 100 caratteri.
field-error-invalid-characters = Non usi caratteri di controllo (a capo, tabulazioni…) né caratteri di direzione del testo.
field-error-password-too-short = Usi almeno 8 caratteri.
field-error-password-too-long = Usi al massimo 128 caratteri.
field-error-password-too-weak = Questa password è troppo facile da indovinare: ne scelga un'altra.
field-error-wrong-password = La password non è corretta.
field-error-password-required = Inserisca la password attuale.
field-error-same-as-login = L'indirizzo di recupero deve essere diverso dal Suo indirizzo di accesso.
field-error-no-scope = Scelga almeno un'autorizzazione.
field-error-unknown-scope = Scelga le autorizzazioni dall'elenco.
field-error-date-in-past = Scelga una data successiva a oggi.
field-error-date-too-far = Scelga una data entro i prossimi cinque anni.
field-error-unknown-topic = Scelga i temi dall'elenco.
field-error-invalid-value = Questo valore non è valido.

# Conferme dopo il salvataggio
saved-profile = Il Suo profilo è stato salvato.
saved-password = La Sua password è stata modificata. Le altre sessioni sono state chiuse.
saved-newsletters = Le Sue scelte per le newsletter sono state salvate.
saved-support-code = Ha un nuovo codice di assistenza. Quello precedente non è più valido.
saved-session-ended = La sessione è stata chiusa.
saved-token-revoked = Il token è stato revocato. Non funziona più.

# Registrazione (ACC-1)
signup-title = Crei il Suo account
signup-intro = Il Suo indirizzo e-mail è il Suo nome utente. Le invieremo un link per confermarlo.
signup-submit = Crea il mio account
signup-have-account = Ha già un account?
signup-done-title = Controlli la Sua casella di posta
signup-done-text = Abbiamo inviato un messaggio a { $email }. Apra il link che contiene per confermare il Suo indirizzo e completare la creazione dell'account.
signup-done-hint = Il link è valido { $hours ->
    [one] un'ora
   *[other] { $hours } ore
    }. Se entro qualche minuto non riceve nulla, controlli la cartella della posta indesiderata.
signup-done-resend = Invia di nuovo il link

# Accesso
signin-title = Accesso
signin-submit = Accedi
signin-forgot = Ha dimenticato la password?
signin-no-account = Non ha ancora un account?
signin-invalid = L'indirizzo e-mail o la password non sono corretti.
signin-unverified = Confermi prima il Suo indirizzo e-mail con il link che Le abbiamo inviato. Le serve un nuovo link?
second-factor-title = Secondo passaggio richiesto
second-factor-text = Questo account è protetto da un secondo fattore, che non è ancora possibile confermare in questa console. La preghiamo di contattare l'assistenza.

# Conferma dell'indirizzo
verified-title = Indirizzo confermato
verified-text = Grazie: il Suo indirizzo e-mail è confermato. Ora può accedere.
recovery-verified-title = Indirizzo di recupero confermato
recovery-verified-text = Grazie: d'ora in poi i link per reimpostare la password saranno inviati a questo indirizzo.
link-invalid-title = Link non valido o scaduto
link-invalid-text = Questo link non è valido: potrebbe essere già stato usato, sostituito da uno più recente, oppure è scaduto.
verify-invalid-hint = Inserisca il Suo indirizzo per ricevere un nuovo link di conferma.
reset-invalid-hint = Richieda un nuovo link per reimpostare la password.
resend-title = Ricevere un nuovo link di conferma
resend-intro = Inserisca l'indirizzo con cui si è registrato. Se è in attesa di conferma, Le invieremo un nuovo link.
resend-submit = Invia un nuovo link
resend-done-title = Controlli la Sua casella di posta
resend-done-text = Se un account con l'indirizzo { $email } è in attesa di conferma, gli abbiamo inviato un nuovo link.

# Reimpostazione della password (ACC-3)
forgot-title = Reimpostare la password
forgot-intro = Inserisca il Suo indirizzo di accesso. Invieremo un link per scegliere una nuova password al Suo indirizzo di recupero o, se non ne ha uno, al Suo indirizzo di accesso.
forgot-submit = Invia il link
forgot-done-title = Controlli la Sua casella di posta
forgot-done-text = Se esiste un account per { $email }, abbiamo inviato un link per scegliere una nuova password.
forgot-done-hint = Il link è valido { $minutes ->
    [60] un'ora
   *[other] { $minutes } minuti
    }. Se non riceve nulla, controlli la cartella della posta indesiderata o la casella del Suo indirizzo di recupero.
reset-title = Scegliere una nuova password
reset-submit = Modifica la mia password
reset-done-title = Password modificata
reset-done-text = La Sua password è stata modificata; tutte le sessioni sono state chiuse e tutti i token API revocati. Acceda con la nuova password.
undo-title = Annulli la modifica del Suo indirizzo di recupero
undo-intro = L'indirizzo di recupero torna com'era prima della modifica, tutte le sessioni vengono chiuse e tutti i token API revocati. Il Suo indirizzo di accesso riceve poi un link per scegliere una nuova password.
undo-submit = Annulla la modifica
undo-done-title = La modifica è stata annullata
undo-done-text = L'indirizzo di recupero è stato ripristinato, tutte le sessioni sono state chiuse e tutti i token API revocati. Abbiamo inviato un link al Suo indirizzo di accesso: lo usi per scegliere una nuova password.
undo-invalid-hint = Se qualcuno ha modificato il Suo indirizzo di recupero e questo link non funziona più, reimposti la password dalla pagina di accesso: il link viene inviato anche al Suo indirizzo di accesso.

# Profilo (ACC-3, ACC-4, ACC-5)
profile-title = Il Suo profilo
support-code-title = Codice di assistenza
support-code-hint = Indichi questo codice quando chiama la nostra assistenza: ci permette di identificarLa in modo rapido e sicuro.
support-code-regenerate = Genera un nuovo codice
profile-login-title = Accesso
profile-email-verified = Indirizzo confermato. È il Suo nome utente e non può essere modificato qui.
profile-email-unverified = Questo indirizzo non è ancora confermato.
profile-member-since = Account creato il { $date }
profile-details-title = I Suoi dati
profile-language-hint = Vale per la console e per i messaggi che Le inviamo.
profile-recovery-hint = I link per reimpostare la password vengono inviati al Suo indirizzo di accesso e a questo. Lasci il campo vuoto per usare solo il Suo indirizzo di accesso.
profile-recovery-password-hint = Solo per modificare o rimuovere l'indirizzo di recupero: la password conferma che è proprio Lei.
profile-recovery-pending = In attesa di conferma: abbiamo inviato un link a { $email }.
profile-save = Salva
newsletters-title = Newsletter
newsletters-legend = Temi che riceve
newsletters-save = Salva le mie scelte
password-title = Password
password-change-hint = Modificando la password, le Sue sessioni sugli altri dispositivi vengono chiuse.
password-save = Modifica la mia password
password-revoke-tokens = Revoca anche i miei token API (gli script che li usano smetteranno di funzionare)

# Sicurezza (SEC-5)
security-title = Sicurezza
sessions-title = Sessioni attive
sessions-intro = I dispositivi su cui ha effettuato l'accesso. Chiuda ogni sessione che non riconosce, poi modifichi la password.
sessions-this = Questa sessione
sessions-this-hint = Per chiudere questa sessione, esca.
sessions-ip = Indirizzo IP
sessions-started = Accesso
sessions-last-seen = Ultima attività
sessions-end = Chiudi questa sessione
log-title = Registro di sicurezza
log-intro = Accessi, modifiche della password e altri eventi di sicurezza del Suo account. Gli orari sono indicati nel fuso orario { $zone }.
log-empty = Ancora nessun evento.
log-when = Quando
log-event = Evento
log-ip = Indirizzo IP
log-device = Dispositivo
log-pages = Pagine del registro di sicurezza
log-newer = Più recenti
log-older = Meno recenti
log-page-of = Pagina { $page } di { $pages }
device-browser-on-os = { $browser } su { $os }
device-unknown = Dispositivo sconosciuto
event-signed-up = Account creato
event-email-verified = Indirizzo e-mail confermato
event-sign-in-succeeded = Accesso effettuato
event-sign-in-failed = Tentativo di accesso non riuscito
event-signed-out = Uscita
event-session-ended = Sessione chiusa
event-password-changed = Password modificata
event-password-reset-requested = Reimpostazione della password richiesta
event-password-reset = Password reimpostata
event-recovery-email-change-requested = Indirizzo di recupero richiesto
event-recovery-email-changed = Indirizzo di recupero modificato
event-recovery-email-removed = Indirizzo di recupero rimosso
event-recovery-email-change-undone = Modifica dell'indirizzo di recupero annullata
event-support-code-regenerated = Nuovo codice di assistenza
event-token-created = Token API creato
event-token-revoked = Token API revocato
event-token-deactivated = Token API inutilizzato disattivato

# Token API (API-1)
tokens-title = Token API
tokens-intro = I token permettono ai Suoi programmi di usare l'API a Suo nome, con i soli diritti che sceglie.
tokens-new-title = Il Suo nuovo token «{ $name }»
tokens-new-warning = Lo copi ora: per la Sua sicurezza, non sarà più mostrato.
tokens-new-copy-hint = Lo conservi come una password, in un gestore di password o nelle impostazioni segrete del Suo programma.
tokens-copy = Copia il token
tokens-copied = Copiato
tokens-new-usage = Lo invii nell'intestazione di ogni richiesta:
tokens-list-title = I Suoi token
tokens-empty = Non ha ancora alcun token API.
tokens-scopes = Autorizzazioni
tokens-created = Creato il
tokens-last-used = Ultimo utilizzo
tokens-expires = Valido fino al
tokens-never = Mai
tokens-no-expiry = Senza data di scadenza
tokens-revoke = Revoca «{ $name }»
tokens-create-title = Creare un token
tokens-field-name = Nome
tokens-field-name-hint = Per riconoscerlo in seguito, ad esempio «Script di backup».
tokens-field-scopes = Che cosa può fare il token
tokens-field-expires = Ultimo giorno di validità
tokens-field-expires-hint = Senza data, il token funziona finché non lo revoca o finché resta inutilizzato per un anno.
tokens-field-password-hint = Confermi con la Sua password.
tokens-create = Crea il token
token-status-active = Attivo
token-status-expired = Scaduto
token-status-revoked = Revocato
token-status-deactivated = Disattivato
scope-profile-read = Leggere il Suo profilo.
scope-profile-write = Modificare il Suo profilo.
scope-security-read = Leggere le Sue sessioni e il registro di sicurezza.
scope-security-write = Chiudere le Sue sessioni.
scope-tokens-read = Elencare i Suoi token API.
scope-tokens-write = Creare e revocare token API.
scope-orgs-read = Leggere le Sue organizzazioni.
scope-orgs-write = Modificare le Sue organizzazioni.

# Date
format-date = { $day ->
    [1] 1º
   *[other] { $day }
    } { $month } { $year }
format-datetime = { $date }, { $time }
month-1 = gennaio
month-2 = febbraio
month-3 = marzo
month-4 = aprile
month-5 = maggio
month-6 = giugno
month-7 = luglio
month-8 = agosto
month-9 = settembre
month-10 = ottobre
month-11 = novembre
month-12 = dicembre

# Organizzazioni: navigazione, home e ruoli (ACC-7, ORG-1)
nav-orgs = Organizzazioni
nav-orgs-switch = Cambia organizzazione
nav-orgs-all = Tutte le organizzazioni
home-orgs-title = Le Sue organizzazioni
home-orgs-none = Non appartiene ancora a nessuna organizzazione.
home-orgs-create = Crea un'organizzazione
role-legal-representative = Rappresentante legale
role-owner = Titolare
role-user = Utente con accesso limitato
role-hint = I titolari amministrano l'organizzazione e hanno tutti i diritti. Gli utenti con accesso limitato hanno solo i diritti scelti qui sotto.
form-cancel = Annulla

# Organizzazioni: l'elenco e una nuova
orgs-title = Organizzazioni
orgs-intro = Le aziende e le economie domestiche che gestisce con questo account. Può passare dall'una all'altra in qualsiasi momento dal menu in alto.
orgs-mine = Le Sue organizzazioni
orgs-create-title = Creare un'organizzazione
orgs-create-hint = Ne sarà il rappresentante legale e in seguito potrà invitare altre persone.
orgs-create = Crea l'organizzazione
org-field-name = Nome dell'organizzazione
org-field-kind = Tipo
org-field-country = Paese
org-field-language = Lingua
org-field-currency = Valuta
org-field-vat = Numero IVA
org-kind-company = Azienda
org-kind-individual = Privato
country-hint = Codice ISO di due lettere, ad esempio CH per la Svizzera.
country-ch = Svizzera
country-li = Liechtenstein
country-de = Germania
country-fr = Francia
country-it = Italia
country-at = Austria
org-currency-hint = Le fatture sono emesse in questa valuta. Dopo la prima fattura non può più essere cambiata.
org-currency-locked = La valuta non può più essere cambiata: questa organizzazione ha già fatture in questa valuta.
org-language-hint = La lingua delle fatture dell'organizzazione e degli inviti alle persone senza account.
org-vat-hint = Un IDI svizzero come CHE-123.456.789 IVA, oppure un numero di partita IVA dell'UE con il prefisso del paese, come DE123456789.

# Un'organizzazione
org-tabs-label = Sezioni dell'organizzazione
org-your-role = Il Suo ruolo:
org-tab-overview = Panoramica
org-tab-members = Membri
org-tab-teams = Team
org-tab-billing = Fatturazione
org-tab-audit = Registro delle modifiche
org-settings-title = Impostazioni
org-settings-save = Salva le impostazioni
org-settings-readonly = Solo i titolari possono modificare queste impostazioni.
org-settings-hidden = I Suoi diritti non Le consentono di vedere le impostazioni di questa organizzazione.
org-leave-title = Lasciare questa organizzazione
org-leave-hint = Perderà l'accesso ai Suoi prodotti e alle Sue fatture. Un titolare potrà invitarLa di nuovo.
org-leave = Lascia { $org }

# Membri e diritti (ORG-2, ORG-3)
members-title = Membri
members-who = Nome e indirizzo e-mail
members-role = Ruolo
members-rights = Diritti
members-teams = Team
members-actions = Azioni
members-select = Selezione
members-select-one = Seleziona { $name }
members-you = Lei
members-edit = Modifica
members-remove-hint = Selezioni i membri da rimuovere, poi confermi. Il rappresentante legale non può essere rimosso.
members-remove = Rimuovi i membri selezionati
rights-all = Tutti i diritti (per il ruolo)
rights-none = Nessuno
rights-legend = Diritti
rights-hint = Solo per gli utenti con accesso limitato: i titolari hanno tutti i diritti. A questi si aggiungono i diritti dei team dell'utente.
rights-group-billing = Fatturazione
rights-billing-hint = Pagare include consultare; gestire include pagare.
rights-group-org = Organizzazione
rights-group-kinds = Tutti i prodotti di un tipo
rights-products = Singoli prodotti
rights-products-hint = Identificativi dei prodotti, separati da virgole, ad esempio prd_123, prd_456.
right-billing-view = Consultare fatture e fatturazione
right-billing-pay = Pagare le fatture
right-billing-manage = Gestire rinnovi e metodi di pagamento
right-members = Vedere membri e team
right-settings = Vedere le impostazioni
right-kind-domain = Tutti i domini
right-kind-web-hosting = Tutti gli hosting web
right-kind-mail = Tutti i servizi di posta
right-kind-suite = Tutte le suite
right-kind-drive = Tutti gli spazi di archiviazione
right-kind-nas = Tutti i dispositivi NAS
right-product = Prodotto { $id }
member-title = Membro
member-edit-title = Ruolo e diritti
member-legal-hint = Il ruolo di rappresentante legale cambia solo con un passaggio di consegne (nella pagina Membri); ha tutti i diritti di un titolare.
member-save = Salva

# Inviti (ORG-2)
invite-title = Invitare una persona
invite-hint = Inviamo per e-mail un link d'invito valido 7 giorni. Chi non ha un account può crearne uno tramite il link.
invite-send = Invia l'invito
invitations-title = Inviti in sospeso
invitations-empty = Nessun invito in sospeso.
invitations-expires = Valido fino al
invitations-resend = Invia di nuovo
invitations-revoke = Revoca
invitation-status-pending = In sospeso
invitation-status-expired = Scaduto
invitation-status-accepted = Accettato
invitation-status-revoked = Revocato
invitation-status-expired-text = Questo invito è scaduto. Chieda all'organizzazione di inviarlo di nuovo.
invitation-status-accepted-text = Questo invito è già stato accettato.
invitation-status-revoked-text = Questo invito è stato ritirato dall'organizzazione.
invitation-title = Invito
invitation-org = Organizzazione
invitation-for = Indirizzo invitato
invitation-status = Stato
invitation-invalid = Questo link d'invito non è valido. Potrebbe essere stato sostituito da uno più recente: usi il link dell'ultima e-mail d'invito.
invitation-signed-out = Per accettare, acceda con l'indirizzo invitato oppure crei un account con esso.
invitation-signin = Accedi per accettare
invitation-signup = Crea un account
invitation-accept-hint = Accettando, entra a far parte dell'organizzazione con il ruolo e i diritti scelti dai suoi titolari.
invitation-accept = Accetta l'invito
invitation-wrong-account = Questo invito è stato inviato a { $invited }, ma Lei ha effettuato l'accesso come { $you }. Esca, poi acceda con l'indirizzo invitato.
invitation-already-member = Lei è già membro di questa organizzazione.
invitation-open-org = Apri { $org }

# Passaggio di consegne del rappresentante legale (ORG-6)
handover-title = Rappresentante legale
handover-hint = Per cedere il ruolo di rappresentante legale, designi un titolare, che accetta in questa pagina entro 7 giorni; Lei rimane poi titolare.
handover-to = Nuovo rappresentante legale
handover-start = Richiedi il passaggio di consegne
handover-no-owner = Per cedere il ruolo, nomini prima titolare un altro membro.
handover-pending = In attesa dell'accettazione di { $name }, fino al { $until }.
handover-for-you = L'organizzazione L'ha designata come nuovo rappresentante legale. La preghiamo di accettare entro il { $until }.
handover-accept = Diventa il rappresentante legale
handover-go = Veda più sotto.

# Team (ORG-4)
teams-title = Team
teams-hint = I diritti di un team valgono per ciascuno dei suoi membri, in aggiunta ai loro.
teams-empty = Ancora nessun team.
teams-members = Membri del team
teams-edit = Modifica
teams-delete = Elimina il team { $name }
teams-create-title = Creare un team
teams-edit-title = Modificare il team
teams-field-name = Nome del team
teams-create = Crea il team
teams-save = Salva il team

# Indirizzi di fatturazione (ORG-7)
addresses-title = Indirizzi di fatturazione
addresses-hint = Le fatture vanno all'indirizzo predefinito, salvo che ne venga scelto un altro al rinnovo di un prodotto.
addresses-empty = Ancora nessun indirizzo di fatturazione.
addresses-default = Predefinito
addresses-edit = Modifica
addresses-make-default = Imposta come predefinito
addresses-delete = Elimina
addresses-readonly = Solo i titolari possono modificare gli indirizzi di fatturazione.
addresses-add-title = Aggiungere un indirizzo
addresses-edit-title = Modificare l'indirizzo
addresses-form-hint = Strutturato come su una QR-fattura svizzera: via e numero civico separati.
address-field-name = Nome (azienda o persona)
address-field-street = Via
address-field-number = Numero civico
address-field-postcode = Codice postale
address-field-town = Località
addresses-use-as-default = Usa come indirizzo predefinito
addresses-add = Aggiungi l'indirizzo
addresses-save = Salva l'indirizzo

# Registro delle modifiche (OPS-5)
audit-intro = Ogni modifica a questa organizzazione: chi l'ha fatta, per conto di chi, che cosa è cambiato e da dove. Gli orari sono nel fuso orario { $zone }.
audit-filter-action = Azione
audit-filter-actor = Eseguita da
audit-filter-any-action = Tutte le azioni
audit-filter-anyone = Chiunque
audit-filter-submit = Filtra
audit-group-org = Organizzazione
audit-group-member = Membri
audit-group-invitation = Inviti
audit-group-team = Team
audit-group-address = Indirizzi di fatturazione
audit-group-handover = Passaggio di consegne
audit-group-payment = Pagamenti
audit-group-order = Ordini
audit-group-product = Prodotti
audit-empty = Nessuna voce.
audit-who = Chi
audit-what = Azione
audit-changes = Modifiche
audit-became = è diventato
audit-removed = (rimosso)
audit-pages = Pagine del registro delle modifiche
audit-nobody = Nessuno
audit-yes = Sì
audit-no = No
audit-behalf-own = Per conto proprio
audit-action-org-created = Organizzazione creata
audit-action-org-updated = Impostazioni modificate
audit-action-member-joined = Nuovo membro
audit-action-member-updated = Ruolo o diritti di un membro modificati
audit-action-member-removed = Membro rimosso
audit-action-member-left = Membro uscito
audit-action-invitation-created = Invito inviato
audit-action-invitation-resent = Invito inviato di nuovo
audit-action-invitation-revoked = Invito revocato
audit-action-team-created = Team creato
audit-action-team-updated = Team modificato
audit-action-team-deleted = Team eliminato
audit-action-address-created = Indirizzo di fatturazione aggiunto
audit-action-address-updated = Indirizzo di fatturazione modificato
audit-action-address-deleted = Indirizzo di fatturazione eliminato
audit-action-payment-started = Pagamento avviato
audit-action-payment-method-removed = Mezzo di pagamento rimosso
audit-action-order-placed = Ordine effettuato
audit-action-order-cancelled = Ordine annullato
audit-action-product-updated = Impostazioni di rinnovo del prodotto modificate
audit-action-product-moved = Prodotto spostato in un'altra organizzazione
audit-action-product-upgraded = Suite ampliata
audit-action-product-seat-assigned = Posto della suite assegnato
audit-action-product-seat-released = Posto della suite ritirato
audit-action-handover-requested = Passaggio di consegne richiesto
audit-action-handover-accepted = Passaggio di consegne accettato
audit-target-org = Organizzazione { $name }
audit-target-user = Membro { $name }
audit-target-team = Team { $name }
audit-target-invitation = Invito a { $name }
audit-target-address = Indirizzo { $name }
audit-target-payment = Pagamento di { $name }
audit-target-method = Mezzo di pagamento { $name }
audit-target-order = Ordine di { $name }
audit-target-product = Prodotto { $name }
audit-field-name = Nome
audit-field-auto-renew = Rinnovo automatico
audit-field-renewal-warranty = Garanzia di rinnovo
audit-field-billing-address-id = Indirizzo di fatturazione del rinnovo
audit-field-payment-method-id = Metodo di pagamento del rinnovo
audit-field-users = Utenti
audit-field-storage-gb = Spazio (GB)
audit-field-org-id = Organizzazione
audit-field-user-id = Titolare del posto
audit-field-order = Ordine
audit-field-kind = Tipo
audit-field-country = Paese
audit-field-language = Lingua
audit-field-currency = Valuta
audit-field-vat-number = Numero IVA
audit-field-role = Ruolo
audit-field-rights = Diritti
audit-field-members = Membri
audit-field-email = Indirizzo e-mail
audit-field-street = Via
audit-field-building-number = Numero civico
audit-field-postcode = Codice postale
audit-field-town = Località
audit-field-is-default = Predefinito
audit-field-legal-representative = Rappresentante legale
audit-field-invitation = Invito
audit-field-amount = Importo
audit-field-items = Articoli
audit-field-method = Pagato con
audit-field-purpose = Per
audit-field-invoice = Fattura

# Organizzazioni: avvisi dopo il salvataggio
orgs-saved-org-created = L'organizzazione è stata creata. Lei ne è il rappresentante legale.
orgs-saved-settings = Le impostazioni sono state salvate.
orgs-saved-left = Ha lasciato l'organizzazione.
orgs-saved-joined = Le diamo il benvenuto: ora è membro di questa organizzazione.
orgs-saved-member-updated = Il ruolo e i diritti del membro sono stati salvati.
orgs-saved-members-removed = I membri selezionati sono stati rimossi.
orgs-saved-invited = L'invito è stato inviato.
orgs-saved-invitation-resent = L'invito è stato inviato di nuovo, con un nuovo link valido 7 giorni.
orgs-saved-invitation-revoked = L'invito è stato revocato. Il suo link non funziona più.
orgs-saved-handover-requested = Il passaggio di consegne è stato richiesto. Il titolare designato è stato informato per e-mail.
orgs-saved-handover-accepted = Ora Lei è il rappresentante legale di questa organizzazione.
orgs-saved-team-created = Il team è stato creato.
orgs-saved-team-saved = Il team è stato salvato.
orgs-saved-team-deleted = Il team è stato eliminato.
orgs-saved-address-added = L'indirizzo è stato aggiunto.
orgs-saved-address-saved = L'indirizzo è stato salvato.
orgs-saved-address-default = L'indirizzo predefinito è stato cambiato.
orgs-saved-address-deleted = L'indirizzo è stato eliminato.

# Organizzazioni: rifiuti, secondo il loro codice (ORG-3, ORG-5, ORG-6, ORG-7)
orgs-refused-last-owner = Lei è l'ultimo titolare: nessuno amministrerebbe più l'organizzazione. Nomini prima titolare un altro membro.
orgs-refused-legal-representative = Il rappresentante legale non può né uscire né essere rimosso: ceda prima il ruolo a un altro titolare.
orgs-refused-suite-user = Lei usa la suite di questa organizzazione: chieda prima a un titolare di rimuoverLa.
orgs-refused-org-mailbox = Il Suo indirizzo di accesso è una casella di posta di questa organizzazione: cambi prima il Suo indirizzo di accesso.
orgs-refused-currency-locked = La valuta non può più cambiare una volta che l'organizzazione ha una fattura.
orgs-refused-already-member = Questa persona è già membro dell'organizzazione.
orgs-refused-invitation-pending = Questo indirizzo ha già un invito in sospeso: lo invii piuttosto di nuovo dall'elenco qui sotto.
orgs-refused-default-address = Imposti un altro indirizzo come predefinito prima di eliminare questo.
orgs-refused-not-an-owner = Lei non è più titolare di questa organizzazione, quindi il passaggio di consegne non può concludersi.
orgs-refused-wrong-account = Questo invito è stato inviato a un altro indirizzo: acceda con quello.

# Errori dei campi dei moduli delle organizzazioni
field-error-required = Questo campo è obbligatorio.
field-error-too-long = Questo testo è troppo lungo per una fattura: La preghiamo di accorciarlo.
field-error-invalid-country = Inserisca un codice paese ISO di due lettere, ad esempio CH.
field-error-invalid-postcode = Questo codice postale non esiste nel paese scelto.
field-error-invalid-vat-number = Questo non è un numero IVA valido: veda il formato indicato sotto il campo.
field-error-unknown-right = Uno di questi diritti non è valido: un identificativo di prodotto contiene solo lettere, cifre, - e _.
field-error-not-a-member = Scelga membri di questa organizzazione.
field-error-not-an-owner = Scelga un titolare di questa organizzazione.
field-error-invalid-role = Scelga titolare o utente con accesso limitato.
field-error-org-invalid-name = Indichi un nome da 1 a 100 caratteri.
field-error-team-invalid-name = Indichi un nome da 1 a 60 caratteri.
field-error-member-required = Scelga almeno un membro.

# --- orgs-console: confirmations, products by name, names instead of ids
right-product-named = { $name }
right-product-unlisted = Un prodotto non più elencato
rights-no-products = Questa organizzazione non ha ancora prodotti. I diritti su tutti i prodotti di un tipo (sopra) valgono anche per i prodotti futuri.
org-leave-confirm-text = Perderà subito l'accesso a { $org }, ai suoi prodotti e alle sue fatture. Un titolare potrà invitarLa di nuovo.
org-leave-confirm = Sì, lascia
org-leave-legal-hint = In qualità di rappresentante legale, Lei non può lasciare questa organizzazione. Trasferisca prima il ruolo a un titolare; una volta titolare, potrà lasciarla.
org-leave-legal-go = Trasferisci il ruolo
members-remove-confirm-text = I membri selezionati perdono subito l'accesso all'organizzazione e ai suoi prodotti. Potranno essere invitati di nuovo.
members-remove-confirm = Sì, rimuovili
invitations-revoke-confirm-text = Il link inviato a { $email } smetterà di funzionare. Potrà invitare di nuovo questo indirizzo più tardi.
invitations-revoke-confirm = Sì, revoca
teams-delete-confirm-text = Il team { $name } sarà eliminato. I suoi membri restano nell'organizzazione ma perdono i diritti che il team dava loro.
teams-delete-confirm = Sì, elimina il team
addresses-delete-confirm-text = L'indirizzo { $name } sarà eliminato definitivamente.
addresses-delete-confirm = Sì, elimina
handover-someone = un altro membro
audit-name-unknown = (non più noto)

# --- ui-shell
nav-menu = Menu
home-capabilities-title = Che cosa può fare qui
home-card-tokens = Token API
home-card-tokens-text = Permetta ai Suoi script e strumenti di usare l'API a Suo nome, con i soli diritti che sceglie.
api-docs-title = Riferimento dell'API
api-docs-intro = Tutte le operazioni dell'API JSON, lette dal suo documento OpenAPI. Si autentichi con un token API nell'intestazione Authorization; le risposte arrivano in una busta, gli errori con un codice stabile.
api-docs-openapi = Documento OpenAPI (JSON)
api-docs-tokens = Crei un token API
api-docs-contents = Indice
api-docs-parameters = Parametri
api-docs-parameter = Nome
api-docs-in = Dove
api-docs-type = Tipo
api-docs-description = Descrizione
api-docs-required = obbligatorio
api-docs-optional = facoltativo
api-docs-body = Corpo della richiesta
api-docs-responses = Risposte
api-docs-status = Stato
api-docs-schemas = Schemi
api-docs-fields = Campi
api-docs-scopes = Autorizzazioni del token:
api-docs-public = Nessun token necessario.

# --- accounts-split
tokens-revoke-confirm = I programmi che usano il token «{ $name }» saranno rifiutati da subito. L'operazione è definitiva.
tokens-revoke-yes = Sì, revoca «{ $name }»
sessions-end-confirm = { $device } sarà disconnesso subito; per accedere di nuovo da lì servirà la password.
sessions-end-yes = Sì, chiudi questa sessione
support-code-regenerate-confirm = Il Suo codice attuale smette subito di funzionare: alla prossima chiamata comunichi quello nuovo.
support-code-regenerate-yes = Sì, genera un nuovo codice
field-error-token-required = Indichi un nome per il token.
# --- staff
staff-title = Back office
staff-footer = Il back office del fornitore: ogni ricerca e ogni scheda consultata vengono registrate a Suo nome.
staff-signin-title = Accesso del personale
staff-signin-hint = Riservato al personale del fornitore. I clienti accedono dalla pagina della console.
staff-signin-submit = Accedi al back office
staff-signin-invalid = L'indirizzo e-mail o la password sono errati, oppure questo account non ha alcun ruolo del personale.
staff-roles = Ruoli del personale
staff-role-support = Assistenza
staff-role-billing = Fatturazione
staff-role-fraud = Frodi
staff-role-admin = Amministratore
staff-nav-search = Cerca
staff-search-title = Trovare un cliente
staff-search-label = Indirizzo e-mail, codice di assistenza, ID di organizzazione o di utente, oppure nome dell'organizzazione
staff-search-hint = Un indirizzo può essere indicato con il suo inizio («ada@»); un codice di assistenza con o senza lo spazio.
staff-search-submit = Cerca
staff-search-invalid = Inserisca da 1 a 254 caratteri, senza caratteri di controllo.
staff-results-title = Risultati
staff-results-users = Utenti
staff-results-orgs = Organizzazioni
staff-no-results = Nessun risultato.
staff-pages = Pagine dei risultati
staff-previous = Pagina precedente
staff-next = Pagina successiva
staff-support-code = Codice di assistenza
staff-viewing-logged = La Sua consultazione di questa pagina viene registrata nel registro di audit del personale.
staff-id = Identificativo
staff-country = Paese
staff-currency = Valuta
staff-vat-number = Numero IVA
staff-created = Creazione
staff-members = Membri
staff-role = Ruolo
staff-addresses = Indirizzi di fatturazione
staff-no-addresses = Nessun indirizzo di fatturazione.
staff-addresses-hidden = I Suoi ruoli non mostrano i dati di fatturazione.
staff-default-address = Predefinito
staff-audit = Ultime modifiche (registro di audit)
staff-verified = Verificato
staff-unverified = Non verificato
staff-last-sign-in = Ultimo accesso
staff-never = Mai
staff-user-orgs = Organizzazioni
staff-no-orgs = Membro di nessuna organizzazione.

# Invoices (issue 11)
org-tab-invoices = Fatture
invoices-title = Fatture
invoices-intro = Le fatture emesse per questa organizzazione, dalla più recente, e i loro PDF esattamente come sono stati emessi.
invoices-filter-status = Stato
invoices-filter-any = Qualsiasi stato
invoices-filter-submit = Mostra
invoices-empty = Ancora nessuna fattura.
invoices-empty-filtered = Nessuna fattura con questo stato.
invoices-pages = Pagine delle fatture
invoices-number = Numero
invoices-issued-on = Emessa il
invoices-due-on = Scadenza
invoices-total = Totale
invoices-open = Ancora dovuto
invoices-status = Stato
invoices-download = Scaricare
invoices-download-pdf = Scarica il PDF
invoices-status-draft = Bozza
invoices-status-issued = Aperta
invoices-status-partially-paid = Pagata in parte
invoices-status-paid = Pagata
invoices-status-cancelled = Annullata da nota di credito
invoices-credit-notes-title = Note di credito
invoices-credit-notes-empty = Nessuna nota di credito.
invoices-credit-notes-pages = Pagine delle note di credito
invoices-credited-invoice = Fattura accreditata
invoices-invoice-title = Fattura { $number }
invoices-credit-note-title = Nota di credito { $number }
invoices-draft-title = Bozza di fattura
invoices-back = Tutte le fatture
invoices-facts = Dettagli della fattura
invoices-no-number = Assegnato all'emissione
invoices-reference = Riferimento di pagamento
invoices-parties = Fornitore e destinatario
invoices-seller = Da
invoices-buyer = A
invoices-vat-number = Numero IVA
invoices-lines = Posizioni
invoices-description = Descrizione
invoices-quantity = Quantità
invoices-unit-price = Prezzo unitario
invoices-vat-rate = IVA
invoices-amount = Importo
invoices-period = dal { $from } al { $to }
invoices-net = Subtotale IVA esclusa
invoices-vat-at = IVA { $rate } su { $base }
invoices-rounding = Arrotondamento
invoices-draft-total = Totale IVA esclusa
invoices-credited = Accreditato
invoices-draft-vat-hint = L'IVA è calcolata all'emissione della fattura, all'aliquota in vigore quando ogni prestazione è fornita.
invoices-its-credit-notes = Note di credito di questa fattura
invoices-vat-class-standard = Aliquota normale
invoices-vat-class-reduced = Aliquota ridotta
invoices-vat-class-accommodation = Aliquota speciale per l'alloggio
invoices-vat-class-zero = Senza IVA (esente)
staff-invoices = Fatture
staff-invoices-new = Nuova fattura
staff-invoices-none = Nessuna fattura né bozza.
staff-invoices-date = Data
staff-invoices-new-title = Nuova fattura
staff-invoices-edit-title = Modificare la bozza
staff-invoices-form-hint = I prezzi sono IVA esclusa, in { $currency }, la valuta dell'organizzazione. IVA, numero e riferimento di pagamento sono assegnati all'emissione della bozza.
staff-invoices-address = Indirizzo di fatturazione
staff-invoices-no-address = Questa organizzazione non ha un indirizzo di fatturazione: la bozza può essere salvata, ma potrà essere emessa solo quando l'organizzazione ne avrà aggiunto uno.
staff-invoices-lines-hint = Le righe vuote sono ignorate.
staff-invoices-line = Posizione { $number }
staff-invoices-unit-price = Prezzo unitario IVA esclusa
staff-invoices-vat-class = Categoria IVA
staff-invoices-period-from = Prestazione dal
staff-invoices-period-to = Prestazione fino al
staff-invoices-save-draft = Salva la bozza
staff-invoices-more-rows = Aggiungi altre righe
staff-invoices-back-to-org = Torna all'organizzazione
staff-invoices-draft = Bozza
staff-invoices-draft-hint = Una bozza non è ancora una fattura: il cliente non la vede. L'emissione le dà il numero, il riferimento di pagamento, l'IVA e il PDF; dopo non cambia mai più.
staff-invoices-edit = Modificare la bozza
staff-invoices-issue = Emetti
staff-invoices-issue-confirm-text = Emettere questa fattura di { $total } IVA esclusa? Riceve il numero e compare tra le fatture del cliente; in seguito potrà essere corretta solo con una nota di credito.
staff-invoices-issue-confirm = Emetti ora la fattura
staff-invoices-delete = Elimina la bozza
staff-invoices-delete-confirm-text = Eliminare questa bozza? Nulla è stato emesso: nessun numero va perso.
staff-invoices-delete-confirm = Elimina
staff-saved-draft-saved = La bozza è stata salvata.
staff-saved-draft-deleted = La bozza è stata eliminata.
staff-saved-issued = La fattura è stata emessa.
staff-saved-credited = La nota di credito è stata emessa.
staff-saved-reminders-paused = I solleciti di questa fattura sono sospesi.
staff-saved-reminders-resumed = I solleciti di questa fattura riprendono.
staff-saved-refunded = Il rimborso è stato effettuato.
staff-payment-title = Pagamento di { $amount }
staff-payment-refunded = { $amount } rimborsati
staff-payment-to-prepaid = { $amount } sono andati sul conto prepagato.
staff-payment-see-invoice = Vedi la fattura
staff-payment-failure = Motivo del mancato pagamento
staff-refunds-title = Rimborsi
staff-refunds-none = Ancora nessun rimborso.
staff-refund-destination = Versato
staff-refund-destination-gateway = Con il mezzo di pagamento usato
staff-refund-destination-prepaid = Sul conto prepagato
staff-refund-status-pending = In attesa del servizio di pagamento
staff-refund-status-succeeded = Rimborsato
staff-refund-status-failed = Rifiutato dal servizio di pagamento (di nuovo sul conto prepagato)
staff-refund-credit-note = Nota di credito (PDF)
staff-refund-title = Rimborsare
staff-refund-how = Cosa rimborsare
staff-refund-how-credit = Accreditare il resto della fattura e rimborsare ciò che libera
staff-refund-how-prepaid = Rimborsare credito prepagato portato da questo pagamento (l'importo qui sotto)
staff-refund-amount-hint = (solo per rimborsare credito prepagato)
staff-refund-submit = Rimborsare
staff-refund-refused-payment-not-captured = Questo pagamento non è stato ricevuto: non c'è nulla da rimborsare.
staff-refund-refused-nothing-to-refund = La fattura doveva ancora ciò che un accredito libererebbe: non tornerebbe nulla. Accrediti invece la fattura.
staff-refund-refused-invoice-fully-credited = Su questa fattura è già tutto accreditato: rimborsi invece del credito prepagato.
staff-refund-refused-idempotency-key-in-use = Questo modulo è già in fase di invio: attenda un istante, poi ricarichi la pagina.
staff-reminders-title = Solleciti
staff-reminders-none = Nessun sollecito è stato inviato per questa fattura.
staff-reminders-sent = Sollecito { $level }, inviato il { $day }
staff-reminders-paused = Sospesi: nessun sollecito viene inviato finché non vengono ripresi.
staff-reminders-reason = Motivo
staff-reminders-reason-hint = (facoltativo, conservato nel registro di audit)
staff-reminders-pause = Sospendi i solleciti
staff-reminders-resume = Riprendi i solleciti
staff-credit-title = Nota di credito
staff-credit-hint = Una nota di credito corregge una fattura emessa, in parte o del tutto, alle aliquote IVA della prestazione originale. L'importo accreditato riduce quanto resta dovuto; l'eccedenza va sul conto prepagato dell'organizzazione.
staff-credit-reason = Motivo
staff-credit-amounts = Importi da accreditare, IVA esclusa
staff-credit-amounts-hint = Lasci vuota una riga per non accreditarla.
staff-credit-line-left = fatturato { $net }, restano { $left }
staff-credit-everything = Accredita tutto ciò che resta su questa fattura
staff-credit-submit = Emetti la nota di credito
staff-credit-to-prepaid = { $amount } sul conto prepagato
staff-invoices-refused-invoice-not-draft = Questa fattura è già stata emessa: non può più cambiare. La corregga con una nota di credito.
staff-invoices-refused-invoice-not-issued = Una bozza si modifica o si elimina, non si accredita.
staff-invoices-refused-invoice-empty = La bozza non ha posizioni: ne aggiunga una prima di emetterla.
staff-invoices-refused-billing-address-required = L'organizzazione non ha un indirizzo di fatturazione a cui inviare questa fattura.
staff-invoices-refused-currency-mismatch = L'organizzazione ha cambiato valuta dopo la creazione di questa bozza: ne crei una nuova.
staff-invoices-refused-vat-rate-missing = Nessuna aliquota IVA è configurata per il periodo di una delle posizioni.
staff-invoices-refused-invoice-fully-credited = Tutto ciò che figura su questa fattura è già accreditato.
staff-invoices-refused-credit-exceeds-invoice = Le note di credito supererebbero il totale della fattura.
staff-invoices-refused-idempotency-key-in-use = Questo modulo è già in fase di invio: attenda un istante, poi ricarichi la pagina.
field-error-invoice-required = Descriva ciò che viene fatturato.
field-error-invoice-too-short = Una fattura ha almeno una posizione.
field-error-invoice-too-long = È troppo lungo: una descrizione ha al massimo 300 caratteri, una fattura al massimo 200 posizioni.
field-error-invoice-out-of-range = Fuori dai limiti: una quantità è un numero intero da 1 a 1’000’000 e un prezzo non può essere negativo.
field-error-invoice-invalid-amount = Scriva l'importo come numero decimale con al massimo due decimali e un punto, ad es. 120.00.
field-error-invoice-invalid-period = Il periodo finisce prima di cominciare.
field-error-invoice-invalid-date = Indichi entrambi i giorni del periodo, o nessuno.
field-error-invoice-invalid-value = Scelga una categoria IVA dall'elenco.
field-error-invoice-unknown-address = Scelga uno degli indirizzi di fatturazione dell'organizzazione.
field-error-credit-too-long = Usi al massimo 500 caratteri.
field-error-credit-too-short = Indichi un importo per almeno una riga, oppure selezioni «Accredita tutto ciò che resta».
field-error-credit-unknown-line = La fattura non ha questa posizione.
field-error-credit-duplicate-line = Indichi ogni posizione una sola volta.
field-error-credit-exceeds-line = È più di quanto resta da accreditare su questa posizione.
field-error-credit-out-of-range = Accrediti un importo superiore a zero.
field-error-credit-invalid-amount = Scriva l'importo come numero decimale con al massimo due decimali e un punto, ad es. 20.00.
field-error-idempotency-key-reused = Questo modulo è già stato inviato. Riapra la pagina per creare un altro documento.

## Pagamenti (issue 12): pagare le fatture, il conto prepagato, i mezzi salvati.

org-tab-payments = Pagamenti
payments-nav-label = Pagamenti e conto prepagato
payments-title = Pagamenti
payments-prepaid-title = Conto prepagato
payments-methods-title = Mezzi di pagamento
payments-pay-heading = Paghi questa fattura
payments-pay-title = Pagare la fattura { $number }
payments-back-to-invoice = Torna alla fattura
payments-due = Ancora dovuto:
payments-method = Mezzo di pagamento
payments-chf-only = solo CHF
payments-method-card = Carta (Visa, Mastercard…)
payments-method-postfinance = PostFinance Card
payments-method-paypal = PayPal
payments-method-twint = Twint
payments-method-prepaid = Conto prepagato
payments-method-bank-transfer = Bonifico bancario
payments-method-stored = Salvato: { $method }
payments-brand-visa = Visa
payments-brand-mastercard = Mastercard
payments-brand-cb = CB
payments-brand-twint = Twint
payments-brand-postfinance = PostFinance Card
payments-expires = scade il { $date }
payments-use-prepaid = Usare prima il mio credito prepagato ({ $balance } disponibili)
payments-save-method = Conservare questa carta per i prossimi pagamenti e rinnovi
payments-pay-submit = Paga { $amount }
payments-nothing-due = Su questa fattura non resta nulla da pagare.
payments-no-right = Per pagare serve il diritto di pagare le fatture: lo chieda a un amministratore dell'organizzazione.
payments-refused-payment-in-flight = Un pagamento di questa fattura è ancora in corso. Lo concluda o attenda qualche minuto, poi riapra la fattura.
payments-refused-invoice-not-payable = Su questa fattura non resta nulla da pagare.
payments-error-invalid-amount = Scriva l'importo come numero con il punto, per esempio 20.00: una ricarica va da { $min } a { $max }.
payments-error-out-of-range = Una ricarica va da { $min } a { $max }.
payments-error-method-not-available = Questo mezzo di pagamento non è disponibile per questo conto: ne scelga un altro.
payments-error-insufficient-prepaid = Il conto prepagato non basta più: paghi con un altro mezzo.
payments-error-unknown-payment-method = Questo mezzo di pagamento salvato non esiste più: ne scelga un altro.
payments-error-payment-method-mismatch = Questo mezzo di pagamento salvato non va bene qui: ne scelga un altro.
payments-error-idempotency-key-reused = Questo modulo è già stato inviato. Riapra la pagina per pagare di nuovo.
payments-status-pending = Avviato
payments-status-requires-action = In attesa di Lei
payments-status-processing = In conferma
payments-status-succeeded = Pagato
payments-status-failed = Non riuscito
payments-status-cancelled = Annullato
payments-status-awaiting-transfer = Bonifico atteso
payments-purpose-invoice = Pagamento di fattura
payments-purpose-top-up = Ricarica
payments-payment-title = Pagamento
payments-outcome-pending = Attendiamo la conferma del servizio di pagamento per { $amount }.
payments-outcome-requires-action = Il pagamento di { $amount } non è concluso: continui sulla pagina del servizio di pagamento.
payments-outcome-processing = Attendiamo la conferma del servizio di pagamento per { $amount }. Di solito ci vuole meno di un minuto.
payments-outcome-succeeded = Grazie: abbiamo ricevuto { $amount }.
payments-outcome-failed = Il pagamento di { $amount } non è riuscito; non è stato addebitato nulla.
payments-outcome-cancelled = Il pagamento di { $amount } è stato annullato; non è stato addebitato nulla.
payments-outcome-awaiting-transfer = Bonifichi { $amount } con i dati qui sotto; il pagamento è registrato quando arriva sul nostro conto.
payments-failure-reason = Motivo: { $reason }
payments-failure-card-declined = la carta è stata rifiutata.
payments-failure-insufficient-funds = il conto non era sufficientemente coperto.
payments-failure-expired-card = la carta è scaduta.
payments-failure-authentication-failed = il pagamento non è stato confermato presso la Sua banca.
payments-failure-gateway-unavailable = il servizio di pagamento non era raggiungibile. Riprovi tra un momento.
payments-to-prepaid = { $amount } non servivano più alla fattura e sono sul Suo conto prepagato.
payments-invoice-paid = La fattura è pagata.
payments-continue = Continua il pagamento
payments-check-again = Verifica di nuovo
payments-rechecking = Questa pagina si aggiorna da sola ogni pochi secondi.
payments-transfer-title = Bonifico bancario
payments-transfer-hint = Indichi il riferimento esattamente così, perché il pagamento sia attribuito alla fattura.
payments-transfer-iban = IBAN
payments-transfer-reference = Riferimento
payments-transfer-amount = Importo
payments-transfer-pdf = Scarica il PDF con la QR-fattura
payments-created = Data
payments-invoice = Fattura
payments-purpose = Per
payments-amount = Importo
payments-status = Stato
payments-empty = Ancora nessun pagamento.
payments-pages = Pagine dei pagamenti
payments-balance = Saldo:
payments-prepaid-hint = Il credito del conto prepagato paga fatture e rinnovi prima di qualsiasi altro mezzo.
payments-prepaid-empty = Sul conto prepagato non è ancora stato registrato nulla.
payments-prepaid-history = Cronologia del conto prepagato
payments-booked-on = Registrato il
payments-entry = Registrazione
payments-entry-payment-captured = Pagamento ricevuto
payments-entry-invoice-paid = Fattura pagata dal conto
payments-entry-credit-note-issued = Nota di credito
payments-entry-refund-sent = Rimborso inviato
payments-entry-refund-reversed = Rimborso tornato sul conto
payments-top-up-title = Ricaricare
payments-top-up-limits = Tra { $min } e { $max }.
payments-top-up-submit = Ricarica
payments-methods-hint = Carte e Twint conservati per i prossimi pagamenti e rinnovi. Qui sono conservati solo la marca, le ultime quattro cifre e la scadenza.
payments-methods-empty = Nessun mezzo di pagamento salvato.
payments-method-remove = Rimuovi
payments-method-remove-confirm-text = Rimuovere { $method }? Non sarà più addebitato per i rinnovi.
payments-method-remove-confirm = Sì, rimuovi
payments-saved-method-removed = Il mezzo di pagamento è stato rimosso.

## Catalogue (issue 13, CAT-1): the public page of what the provider sells.

home-catalog = I nostri prodotti e prezzi
catalog-title = Prodotti e prezzi
catalog-before-vat = Prezzi IVA esclusa.
catalog-currency-label = Prezzi in:
catalog-contents = In questa pagina
# Group headings; the names of mail, drive and chat also list what a suite includes.
catalog-group-domain = Nomi di dominio
catalog-group-web-hosting = Hosting web
catalog-group-mail = Posta elettronica
catalog-group-suite = Suite collaborative
catalog-group-drive = Spazio online
catalog-group-chat = Chat di gruppo
catalog-group-nas = Dispositivi NAS
catalog-group-premium-support = Assistenza Premium
catalog-domains-caption = I nomi di dominio e i loro prezzi annuali
catalog-domain-tld = Estensione
catalog-domain-register = Registrazione all'anno
catalog-domain-renew = Rinnovo all'anno
catalog-domain-years = Durata
catalog-years-range = { $min }–{ $max } anni
catalog-years = { $years ->
    [one] { $years } anno
   *[other] { $years } anni
    }
catalog-price-months = { $months ->
    [one] { $price } / mese
   *[other] { $price } / { $months } mesi
    }
catalog-price-years = { $years ->
    [one] { $price } / anno
   *[other] { $price } / { $years } anni
    }
catalog-per-mailbox = per casella, da { $min } a { $max } { $count ->
    [one] casella
   *[other] caselle
    }
catalog-per-user = per utente, da { $min } a { $max } { $count ->
    [one] utente
   *[other] utenti
    }
catalog-per-device = per dispositivo, da { $min } a { $max } { $count ->
    [one] dispositivo
   *[other] dispositivi
    }
catalog-storage-title = Spazio di archiviazione
catalog-storage = { $min } GB inclusi, fino a { $max } GB a blocchi di { $step } GB
catalog-storage-step = { $price } ogni { $step } GB
catalog-includes = Comprende
catalog-warranty-yes = Garanzia di rinnovo disponibile
catalog-warranty-no = Nessuna garanzia di rinnovo
