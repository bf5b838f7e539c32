# Konsole: Layout
skip-to-content = Zum Inhalt springen
nav-home = Startseite
nav-main = Hauptnavigation
language-label = Sprache
language-switch = Sprache wechseln
footer-text = Kundencenter von { $provider }

# Startseite
home-title = Willkommen in Ihrem Kundencenter
home-intro = Verwalten Sie Ihr Konto, Ihre Organisationen und deren Mitglieder, Ihre Produkte, Rechnungen und Zahlungen an einem Ort.
home-card-account = Ihr Konto
home-card-account-text = Anmeldung, Passwort, Zwei-Faktor-Sicherheit und API-Token.
home-card-orgs = Organisationen
home-card-orgs-text = Mitglieder, Rechte, Teams und Rechnungsadressen.
home-card-billing = Produkte und Abrechnung
home-card-billing-text = Bestellungen, Verlängerungen, Rechnungen und Zahlungen.
home-status = Dienststatus
home-status-ok = Alle Systeme funktionieren

# Fehlerseiten
error-title = Etwas ist schiefgelaufen
error-not-found-title = Seite nicht gefunden
error-not-found-text = Die angeforderte Seite existiert nicht oder gehört nicht Ihnen.
error-unavailable-title = Vorübergehend nicht verfügbar
error-unavailable-text = Der Dienst kann gerade nicht antworten. Bitte versuchen Sie es gleich noch einmal.
error-generic-text = Ein Fehler ist aufgetreten und wurde protokolliert. Bitte versuchen Sie es erneut.
error-back-home = Zurück zur Startseite
error-request-id = Referenz: { $id }
