# Console: impaginazione
skip-to-content = Vai al contenuto
nav-home = Home
nav-main = Navigazione principale
language-label = Lingua
language-switch = Cambia lingua
footer-text = Area clienti { $provider }

# Pagina iniziale
home-title = Benvenuto nella tua area clienti
home-intro = Gestisci il tuo account, le tue organizzazioni e i loro membri, i tuoi prodotti, fatture e pagamenti in un unico posto.
home-card-account = Il tuo account
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
error-not-found-text = La pagina richiesta non esiste o non ti appartiene.
error-unavailable-title = Temporaneamente non disponibile
error-unavailable-text = Il servizio non può rispondere in questo momento. Riprova tra poco.
error-generic-text = Si è verificato un errore ed è stato registrato. Riprova.
error-back-home = Torna alla pagina iniziale
error-request-id = Riferimento: { $id }
