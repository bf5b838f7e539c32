# Console: impaginazione
skip-to-content = Vai al contenuto
nav-home = Home
nav-main = Navigazione principale
language-label = Lingua
language-switch = Cambia lingua
footer-text = Area clienti { $provider }

# Pagina iniziale
home-title = Benvenuto nella Sua area clienti
home-intro = Gestisca il Suo account, le Sue organizzazioni e i loro membri, i Suoi prodotti, fatture e pagamenti in un unico posto.
home-card-account = Il Suo account
home-card-account-text = Accesso, password, autenticazione a due fattori e token API.
home-card-orgs = Organizzazioni
home-card-orgs-text = Membri, diritti, team e indirizzi di fatturazione.
home-card-billing = Prodotti e fatturazione
home-card-billing-text = Ordini, rinnovi, fatture e pagamenti.
home-status = Stato del servizio
home-status-ok = Tutti i sistemi funzionano

# Pagine di errore
error-title = Si è verificato un problema
error-not-found-title = Pagina non trovata
error-not-found-text = La pagina richiesta non esiste o non Le appartiene.
error-unavailable-title = Temporaneamente non disponibile
error-unavailable-text = Il servizio non può rispondere in questo momento. Riprovi tra poco.
error-generic-text = Si è verificato un errore ed è stato registrato. Riprovi.
error-forbidden-title = Azione non consentita
error-forbidden-text = Questa azione non è consentita. Se stava inviando un modulo, potrebbe essere scaduto: torni indietro, ricarichi la pagina e riprovi.
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
password-rules = Almeno 8 caratteri. Eviti le password comuni, il suo nome e il suo indirizzo; alcune parole senza legami tra loro formano una password robusta.

# Errori di inserimento, per codice
field-error-invalid-email = Inserisca un indirizzo e-mail valido, ad esempio nome@esempio.ch.
field-error-invalid-name = Usi al massimo 100 caratteri.
field-error-password-too-short = Usi almeno 8 caratteri.
field-error-password-too-long = Usi al massimo 128 caratteri.
field-error-password-too-weak = Questa password è troppo facile da indovinare: ne scelga un'altra.
field-error-wrong-password = La password non è corretta.
field-error-same-as-login = L'indirizzo di recupero deve essere diverso dal suo indirizzo di accesso.
field-error-no-scope = Scelga almeno un'autorizzazione.
field-error-unknown-scope = Scelga le autorizzazioni dall'elenco.
field-error-date-in-past = Scelga una data successiva a oggi.
field-error-date-too-far = Scelga una data entro i prossimi cinque anni.
field-error-unknown-topic = Scelga i temi dall'elenco.
field-error-invalid-value = Questo valore non è valido.

# Conferme dopo il salvataggio
saved-profile = Il suo profilo è stato salvato.
saved-password = La sua password è stata modificata. Le altre sessioni sono state chiuse.
saved-newsletters = Le sue scelte per le newsletter sono state salvate.
saved-support-code = Ha un nuovo codice di assistenza. Quello precedente non è più valido.
saved-session-ended = La sessione è stata chiusa.
saved-token-revoked = Il token è stato revocato. Non funziona più.

# Registrazione (ACC-1)
signup-title = Crei il suo account
signup-intro = Il suo indirizzo e-mail è il suo nome utente. Le invieremo un link per confermarlo.
signup-submit = Crea il mio account
signup-have-account = Ha già un account?
signup-done-title = Controlli la sua casella di posta
signup-done-text = Abbiamo inviato un messaggio a { $email }. Apra il link che contiene per confermare il suo indirizzo e completare la creazione dell'account.
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
signin-unverified = Confermi prima il suo indirizzo e-mail con il link che le abbiamo inviato. Le serve un nuovo link?
second-factor-title = Secondo passaggio richiesto
second-factor-text = Questo account è protetto da un secondo fattore, che non è ancora possibile confermare in questa console. La preghiamo di contattare l'assistenza.

# Conferma dell'indirizzo
verified-title = Indirizzo confermato
verified-text = Grazie: il suo indirizzo e-mail è confermato. Ora può accedere.
recovery-verified-title = Indirizzo di recupero confermato
recovery-verified-text = Grazie: d'ora in poi i link per reimpostare la password saranno inviati a questo indirizzo.
link-invalid-title = Link non valido o scaduto
link-invalid-text = Questo link non è valido: potrebbe essere già stato usato, sostituito da uno più recente, oppure è scaduto.
verify-invalid-hint = Inserisca il suo indirizzo per ricevere un nuovo link di conferma.
reset-invalid-hint = Richieda un nuovo link per reimpostare la password.
resend-title = Ricevere un nuovo link di conferma
resend-intro = Inserisca l'indirizzo con cui si è registrato. Se è in attesa di conferma, le invieremo un nuovo link.
resend-submit = Invia un nuovo link
resend-done-title = Controlli la sua casella di posta
resend-done-text = Se un account con l'indirizzo { $email } è in attesa di conferma, gli abbiamo inviato un nuovo link.

# Reimpostazione della password (ACC-3)
forgot-title = Reimpostare la password
forgot-intro = Inserisca il suo indirizzo di accesso. Invieremo un link per scegliere una nuova password al suo indirizzo di recupero o, se non ne ha uno, al suo indirizzo di accesso.
forgot-submit = Invia il link
forgot-done-title = Controlli la sua casella di posta
forgot-done-text = Se esiste un account per { $email }, abbiamo inviato un link per scegliere una nuova password.
forgot-done-hint = Il link è valido { $minutes ->
    [60] un'ora
   *[other] { $minutes } minuti
    }. Se non riceve nulla, controlli la cartella della posta indesiderata o la casella del suo indirizzo di recupero.
reset-title = Scegliere una nuova password
reset-submit = Modifica la mia password
reset-done-title = Password modificata
reset-done-text = La sua password è stata modificata e tutte le sessioni sono state chiuse. Acceda con la nuova password.

# Profilo (ACC-3, ACC-4, ACC-5)
profile-title = Il suo profilo
support-code-title = Codice di assistenza
support-code-hint = Indichi questo codice quando chiama la nostra assistenza: ci permette di identificarla in modo rapido e sicuro.
support-code-regenerate = Genera un nuovo codice
profile-login-title = Accesso
profile-email-verified = Indirizzo confermato. È il suo nome utente e non può essere modificato qui.
profile-email-unverified = Questo indirizzo non è ancora confermato.
profile-member-since = Account creato il { $date }
profile-details-title = I suoi dati
profile-language-hint = Vale per la console e per i messaggi che le inviamo.
profile-recovery-hint = I link per reimpostare la password vengono inviati a questo indirizzo. Lasci il campo vuoto per usare il suo indirizzo di accesso.
profile-recovery-pending = In attesa di conferma: abbiamo inviato un link a { $email }.
profile-save = Salva
newsletters-title = Newsletter
newsletters-legend = Temi che riceve
newsletters-save = Salva le mie scelte
password-title = Password
password-change-hint = Modificando la password, le sue sessioni sugli altri dispositivi vengono chiuse.
password-save = Modifica la mia password

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
log-intro = Accessi, modifiche della password e altri eventi di sicurezza del suo account. Gli orari sono indicati nel fuso orario { $zone }.
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
event-support-code-regenerated = Nuovo codice di assistenza
event-token-created = Token API creato
event-token-revoked = Token API revocato
event-token-deactivated = Token API inutilizzato disattivato

# Token API (API-1)
tokens-title = Token API
tokens-intro = I token permettono ai suoi programmi di usare l'API a suo nome, con i soli diritti che sceglie.
tokens-new-title = Il suo nuovo token «{ $name }»
tokens-new-warning = Lo copi ora: per la sua sicurezza, non sarà più mostrato.
tokens-new-copy-hint = Lo conservi come una password, in un gestore di password o nelle impostazioni segrete del suo programma.
tokens-copy = Copia il token
tokens-copied = Copiato
tokens-new-usage = Lo invii nell'intestazione di ogni richiesta:
tokens-list-title = I suoi token
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
tokens-field-password-hint = Confermi con la sua password.
tokens-create = Crea il token
token-status-active = Attivo
token-status-expired = Scaduto
token-status-revoked = Revocato
token-status-deactivated = Disattivato
scope-profile-read = Leggere il suo profilo.
scope-profile-write = Modificare il suo profilo.
scope-security-read = Leggere le sue sessioni e il registro di sicurezza.
scope-security-write = Chiudere le sue sessioni.
scope-tokens-read = Elencare i suoi token API.
scope-tokens-write = Creare e revocare token API.
scope-orgs-read = Leggere le sue organizzazioni.
scope-orgs-write = Modificare le sue organizzazioni.

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
