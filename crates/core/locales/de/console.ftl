# Konsole: Layout
skip-to-content = Zum Inhalt springen
nav-home = Startseite
nav-main = Hauptnavigation
language-label = Sprache
language-switch = Sprache wechseln
footer-text = Kundencenter von { $provider }

# Startseite
home-title = Willkommen in Ihrem Kundencenter
home-intro = Verwalten Sie Ihr Konto, Ihre Organisationen und die Personen, die mit Ihnen arbeiten, an einem Ort.
home-card-account = Ihr Konto
home-card-account-text = Ihr Profil, Anmeldung, Passwort, Sitzungen und Sicherheitsprotokoll.
home-card-orgs = Organisationen
home-card-orgs-text = Mitglieder und ihre Rechte, Teams und Rechnungsadressen.

# Fehlerseiten
error-title = Etwas ist schiefgelaufen
error-not-found-title = Seite nicht gefunden
error-not-found-text = Die angeforderte Seite existiert nicht oder gehört nicht Ihnen.
error-unavailable-title = Vorübergehend nicht verfügbar
error-unavailable-text = Der Dienst kann gerade nicht antworten. Bitte versuchen Sie es gleich noch einmal.
error-invalid-title = Einige Felder wurden abgelehnt
error-invalid-text = Gehen Sie zurück, korrigieren Sie diese Felder und senden Sie das Formular erneut:
error-generic-text = Ein Fehler ist aufgetreten und wurde protokolliert. Bitte versuchen Sie es erneut.
error-forbidden-title = Nicht erlaubt
error-forbidden-text = Diese Aktion ist nicht erlaubt. Falls Sie ein Formular gesendet haben, ist es vielleicht abgelaufen: Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es erneut.
error-rights-text = Ihre Rolle oder Ihre Rechte in dieser Organisation erlauben den Zugriff auf diese Seite nicht. Wenn Sie ihn benötigen, wenden Sie sich an einen Inhaber der Organisation.
error-too-large-title = Zu viel gesendet
error-too-large-text = Ihre Eingabe ist grösser, als dieser Dienst annimmt. Kürzen Sie sie (ein langer Text, viele Einträge) und versuchen Sie es erneut.
error-back-home = Zurück zur Startseite
error-request-id = Referenz: { $id }

# Layout: Kontonavigation
nav-profile = Profil
nav-security = Sicherheit
nav-tokens = API-Tokens
nav-signin = Anmelden
nav-signup = Registrieren
nav-signout = Abmelden
nav-signed-in-as = Angemeldet als
nav-continue = Weiter

# Formulare
form-has-errors = Bitte korrigieren Sie die Felder unten.
form-see-below = Siehe unten.
form-throttled = { $seconds ->
    [one] Zu viele Versuche. Bitte warten Sie eine Sekunde, bevor Sie es erneut versuchen.
   *[other] Zu viele Versuche. Bitte warten Sie { $seconds } Sekunden, bevor Sie es erneut versuchen.
    }
field-email = E-Mail-Adresse
field-password = Passwort
field-new-password = Neues Passwort
field-current-password = Aktuelles Passwort
field-name = Name
field-optional = (optional)
field-language = Sprache
field-recovery-email = Wiederherstellungsadresse
password-rules = Mindestens 8 Zeichen. Vermeiden Sie gängige Passwörter sowie Ihren Namen oder Ihre Adresse; einige voneinander unabhängige Wörter ergeben ein starkes Passwort.

# Eingabefehler, nach Code
field-error-invalid-email = Geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.ch.
field-error-invalid-name = Verwenden Sie höchstens 100 Zeichen.
field-error-invalid-characters = Verwenden Sie keine Steuerzeichen (Zeilenumbrüche, Tabulatoren…) und keine Schreibrichtungszeichen.
field-error-password-too-short = Verwenden Sie mindestens 8 Zeichen.
field-error-password-too-long = Verwenden Sie höchstens 128 Zeichen.
field-error-password-too-weak = Dieses Passwort ist zu leicht zu erraten: Wählen Sie ein anderes.
field-error-wrong-password = Das Passwort ist falsch.
field-error-password-required = Geben Sie Ihr aktuelles Passwort ein.
field-error-same-as-login = Die Wiederherstellungsadresse muss sich von Ihrer Anmeldeadresse unterscheiden.
field-error-no-scope = Wählen Sie mindestens eine Berechtigung.
field-error-unknown-scope = Wählen Sie Berechtigungen aus der Liste.
field-error-date-in-past = Wählen Sie ein Datum nach dem heutigen Tag.
field-error-date-too-far = Wählen Sie ein Datum innerhalb der nächsten fünf Jahre.
field-error-unknown-topic = Wählen Sie Themen aus der Liste.
field-error-invalid-value = Dieser Wert ist ungültig.

# Meldungen nach dem Speichern
saved-profile = Ihr Profil wurde gespeichert.
saved-password = Ihr Passwort wurde geändert. Ihre anderen Sitzungen wurden beendet.
saved-newsletters = Ihre Newsletter-Auswahl wurde gespeichert.
saved-support-code = Sie haben einen neuen Support-Code. Der alte ist nicht mehr gültig.
saved-session-ended = Die Sitzung wurde beendet.
saved-token-revoked = Das Token wurde widerrufen. Es funktioniert nicht mehr.

# Registrierung (ACC-1)
signup-title = Konto erstellen
signup-intro = Ihre E-Mail-Adresse ist Ihr Benutzername. Wir senden Ihnen einen Link, um sie zu bestätigen.
signup-submit = Mein Konto erstellen
signup-have-account = Sie haben bereits ein Konto?
signup-done-title = Sehen Sie in Ihrem Postfach nach
signup-done-text = Wir haben eine Nachricht an { $email } gesendet. Öffnen Sie den darin enthaltenen Link, um Ihre Adresse zu bestätigen und die Erstellung Ihres Kontos abzuschliessen.
signup-done-hint = Der Link ist { $hours ->
    [one] eine Stunde
   *[other] { $hours } Stunden
    } gültig. Wenn in einigen Minuten nichts ankommt, sehen Sie in Ihrem Spam-Ordner nach.
signup-done-resend = Link erneut senden

# Anmeldung
signin-title = Anmelden
signin-submit = Anmelden
signin-forgot = Passwort vergessen?
signin-no-account = Noch kein Konto?
signin-invalid = Die E-Mail-Adresse oder das Passwort ist falsch.
signin-unverified = Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse mit dem Link, den wir Ihnen gesendet haben. Brauchen Sie einen neuen Link?
second-factor-title = Zweiter Schritt erforderlich
second-factor-text = Dieses Konto ist mit einem zweiten Faktor geschützt, der in dieser Konsole noch nicht bestätigt werden kann. Bitte wenden Sie sich an den Support.

# Bestätigung der Adresse
verified-title = Adresse bestätigt
verified-text = Vielen Dank: Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden.
recovery-verified-title = Wiederherstellungsadresse bestätigt
recovery-verified-text = Vielen Dank: Links zum Zurücksetzen des Passworts werden ab jetzt an diese Adresse gesendet.
link-invalid-title = Link ungültig oder abgelaufen
link-invalid-text = Dieser Link ist nicht gültig: Er wurde vielleicht bereits verwendet, durch einen neueren ersetzt, oder er ist abgelaufen.
verify-invalid-hint = Geben Sie Ihre Adresse ein, um einen neuen Bestätigungslink zu erhalten.
reset-invalid-hint = Fordern Sie einen neuen Link an, um Ihr Passwort zurückzusetzen.
resend-title = Neuen Bestätigungslink erhalten
resend-intro = Geben Sie die Adresse ein, mit der Sie sich registriert haben. Wartet sie auf ihre Bestätigung, senden wir Ihnen einen neuen Link.
resend-submit = Neuen Link senden
resend-done-title = Sehen Sie in Ihrem Postfach nach
resend-done-text = Falls ein Konto mit der Adresse { $email } auf seine Bestätigung wartet, haben wir ihm einen neuen Link gesendet.

# Passwort zurücksetzen (ACC-3)
forgot-title = Passwort zurücksetzen
forgot-intro = Geben Sie Ihre Anmeldeadresse ein. Wir senden einen Link zur Wahl eines neuen Passworts an Ihre Wiederherstellungsadresse oder, falls Sie keine haben, an Ihre Anmeldeadresse.
forgot-submit = Link senden
forgot-done-title = Sehen Sie in Ihrem Postfach nach
forgot-done-text = Falls für { $email } ein Konto besteht, haben wir einen Link zur Wahl eines neuen Passworts gesendet.
forgot-done-hint = Der Link ist { $minutes ->
    [60] eine Stunde
   *[other] { $minutes } Minuten
    } gültig. Wenn nichts ankommt, sehen Sie in Ihrem Spam-Ordner oder im Postfach Ihrer Wiederherstellungsadresse nach.
reset-title = Neues Passwort wählen
reset-submit = Mein Passwort ändern
reset-done-title = Passwort geändert
reset-done-text = Ihr Passwort wurde geändert; alle Sitzungen wurden beendet und alle API-Tokens widerrufen. Melden Sie sich mit Ihrem neuen Passwort an.
undo-title = Änderung Ihrer Wiederherstellungsadresse rückgängig machen
undo-intro = Die Wiederherstellungsadresse wird wie vor der Änderung gesetzt, alle Sitzungen werden beendet und alle API-Tokens widerrufen. Ihre Anmeldeadresse erhält danach einen Link, um ein neues Passwort zu wählen.
undo-submit = Änderung rückgängig machen
undo-done-title = Die Änderung wurde rückgängig gemacht
undo-done-text = Die Wiederherstellungsadresse ist wieder wie zuvor, alle Sitzungen wurden beendet und alle API-Tokens widerrufen. Wir haben einen Link an Ihre Anmeldeadresse gesendet: Wählen Sie damit ein neues Passwort.
undo-invalid-hint = Falls jemand Ihre Wiederherstellungsadresse geändert hat und dieser Link nicht mehr funktioniert, setzen Sie Ihr Passwort über die Anmeldeseite zurück: Der Link geht auch an Ihre Anmeldeadresse.

# Profil (ACC-3, ACC-4, ACC-5)
profile-title = Ihr Profil
support-code-title = Support-Code
support-code-hint = Nennen Sie diesen Code, wenn Sie unseren Support anrufen: So können wir Sie schnell und sicher identifizieren.
support-code-regenerate = Neuen Code erzeugen
profile-login-title = Anmeldung
profile-email-verified = Bestätigte Adresse. Sie ist Ihr Benutzername und kann hier nicht geändert werden.
profile-email-unverified = Diese Adresse ist noch nicht bestätigt.
profile-member-since = Konto erstellt am { $date }
profile-details-title = Ihre Angaben
profile-language-hint = Gilt für die Konsole und für die Nachrichten, die wir Ihnen senden.
profile-recovery-hint = Links zum Zurücksetzen des Passworts gehen an Ihre Anmeldeadresse und an diese. Lassen Sie das Feld leer, um nur Ihre Anmeldeadresse zu verwenden.
profile-recovery-password-hint = Nur zum Ändern oder Entfernen der Wiederherstellungsadresse: Ihr Passwort bestätigt, dass Sie es sind.
profile-recovery-pending = Wartet auf Bestätigung: Wir haben einen Link an { $email } gesendet.
profile-save = Speichern
newsletters-title = Newsletter
newsletters-legend = Themen, die Sie erhalten
newsletters-save = Auswahl speichern
password-title = Passwort
password-change-hint = Wenn Sie Ihr Passwort ändern, werden Ihre Sitzungen auf anderen Geräten beendet.
password-save = Mein Passwort ändern
password-revoke-tokens = Auch meine API-Tokens widerrufen (Skripte, die sie verwenden, funktionieren dann nicht mehr)

# Sicherheit (SEC-5)
security-title = Sicherheit
sessions-title = Aktive Sitzungen
sessions-intro = Die Geräte, auf denen Sie angemeldet sind. Beenden Sie jede Sitzung, die Sie nicht kennen, und ändern Sie danach Ihr Passwort.
sessions-this = Diese Sitzung
sessions-this-hint = Um diese Sitzung zu beenden, melden Sie sich ab.
sessions-ip = IP-Adresse
sessions-started = Angemeldet
sessions-last-seen = Letzte Aktivität
sessions-end = Diese Sitzung beenden
log-title = Sicherheitsprotokoll
log-intro = Anmeldungen, Passwortänderungen und andere Sicherheitsereignisse Ihres Kontos. Die Uhrzeiten gelten für die Zeitzone { $zone }.
log-empty = Noch keine Ereignisse.
log-when = Zeitpunkt
log-event = Ereignis
log-ip = IP-Adresse
log-device = Gerät
log-pages = Seiten des Sicherheitsprotokolls
log-newer = Neuere
log-older = Ältere
log-page-of = Seite { $page } von { $pages }
device-browser-on-os = { $browser } unter { $os }
device-unknown = Unbekanntes Gerät
event-signed-up = Konto erstellt
event-email-verified = E-Mail-Adresse bestätigt
event-sign-in-succeeded = Angemeldet
event-sign-in-failed = Fehlgeschlagener Anmeldeversuch
event-signed-out = Abgemeldet
event-session-ended = Sitzung beendet
event-password-changed = Passwort geändert
event-password-reset-requested = Zurücksetzen des Passworts angefordert
event-password-reset = Passwort zurückgesetzt
event-recovery-email-change-requested = Wiederherstellungsadresse angefordert
event-recovery-email-changed = Wiederherstellungsadresse geändert
event-recovery-email-removed = Wiederherstellungsadresse entfernt
event-recovery-email-change-undone = Änderung der Wiederherstellungsadresse rückgängig gemacht
event-support-code-regenerated = Neuer Support-Code
event-token-created = API-Token erstellt
event-token-revoked = API-Token widerrufen
event-token-deactivated = Unbenutztes API-Token deaktiviert

# API-Tokens (API-1)
tokens-title = API-Tokens
tokens-intro = Mit Tokens können Ihre Programme die API in Ihrem Namen nutzen, mit genau den Rechten, die Sie wählen.
tokens-new-title = Ihr neues Token „{ $name }“
tokens-new-warning = Kopieren Sie es jetzt: Zu Ihrer Sicherheit wird es nicht mehr angezeigt.
tokens-new-copy-hint = Bewahren Sie es wie ein Passwort auf, in einem Passwort-Manager oder in den geheimen Einstellungen Ihres Programms.
tokens-copy = Token kopieren
tokens-copied = Kopiert
tokens-new-usage = Senden Sie es im Header jeder Anfrage:
tokens-list-title = Ihre Tokens
tokens-empty = Sie haben noch keine API-Tokens.
tokens-scopes = Berechtigungen
tokens-created = Erstellt am
tokens-last-used = Zuletzt verwendet
tokens-expires = Gültig bis
tokens-never = Nie
tokens-no-expiry = Ohne Enddatum
tokens-revoke = „{ $name }“ widerrufen
tokens-create-title = Token erstellen
tokens-field-name = Name
tokens-field-name-hint = Damit Sie es später wiedererkennen, zum Beispiel „Backup-Skript“.
tokens-field-scopes = Was das Token darf
tokens-field-expires = Letzter Gültigkeitstag
tokens-field-expires-hint = Ohne Datum funktioniert das Token, bis Sie es widerrufen oder bis es ein Jahr lang nicht verwendet wurde.
tokens-field-password-hint = Bestätigen Sie mit Ihrem Passwort.
tokens-create = Token erstellen
token-status-active = Aktiv
token-status-expired = Abgelaufen
token-status-revoked = Widerrufen
token-status-deactivated = Deaktiviert
scope-profile-read = Ihr Profil lesen.
scope-profile-write = Ihr Profil ändern.
scope-security-read = Ihre Sitzungen und Ihr Sicherheitsprotokoll lesen.
scope-security-write = Ihre Sitzungen beenden.
scope-tokens-read = Ihre API-Tokens auflisten.
scope-tokens-write = API-Tokens erstellen und widerrufen.
scope-orgs-read = Ihre Organisationen lesen.
scope-orgs-write = Ihre Organisationen ändern.

# Datumsangaben
format-date = { $day }. { $month } { $year }
format-datetime = { $date }, { $time }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember

# Organisationen: Navigation, Startseite und Rollen (ACC-7, ORG-1)
nav-orgs = Organisationen
nav-orgs-switch = Organisation wechseln
nav-orgs-all = Alle Organisationen
home-orgs-title = Ihre Organisationen
home-orgs-none = Sie gehören noch keiner Organisation an.
home-orgs-create = Organisation erstellen
role-legal-representative = Gesetzliche Vertretung
role-owner = Inhaber
role-user = Eingeschränkter Benutzer
role-hint = Inhaber verwalten die Organisation und haben alle Rechte. Eingeschränkte Benutzer haben nur die unten gewählten Rechte.
form-cancel = Abbrechen

# Organisationen: die Liste und eine neue
orgs-title = Organisationen
orgs-intro = Die Unternehmen und Haushalte, die Sie mit diesem Konto verwalten. Über das Menü oben wechseln Sie jederzeit zwischen ihnen.
orgs-mine = Ihre Organisationen
orgs-create-title = Organisation erstellen
orgs-create-hint = Sie werden ihre gesetzliche Vertretung und können danach weitere Personen einladen.
orgs-create = Organisation erstellen
org-field-name = Name der Organisation
org-field-kind = Art
org-field-country = Land
org-field-language = Sprache
org-field-currency = Währung
org-field-vat = MWST-Nummer
org-kind-company = Unternehmen
org-kind-individual = Privatperson
country-hint = Zweistelliger ISO-Code, z. B. CH für die Schweiz.
country-ch = Schweiz
country-li = Liechtenstein
country-de = Deutschland
country-fr = Frankreich
country-it = Italien
country-at = Österreich
org-currency-hint = Rechnungen werden in dieser Währung ausgestellt. Nach der ersten Rechnung kann sie nicht mehr geändert werden.
org-currency-locked = Die Währung kann nicht mehr geändert werden: Diese Organisation hat bereits Rechnungen in dieser Währung.
org-language-hint = Die Sprache der Rechnungen der Organisation und der Einladungen an Personen ohne Konto.
org-vat-hint = Eine Schweizer UID wie CHE-123.456.789 MWST oder eine EU-Umsatzsteuer-Identifikationsnummer mit Länderkürzel wie DE123456789.

# Eine Organisation
org-tabs-label = Bereiche der Organisation
org-your-role = Ihre Rolle:
org-tab-overview = Übersicht
org-tab-members = Mitglieder
org-tab-teams = Teams
org-tab-billing = Abrechnung
org-tab-audit = Änderungsprotokoll
org-settings-title = Einstellungen
org-settings-save = Einstellungen speichern
org-settings-readonly = Nur Inhaber können diese Einstellungen ändern.
org-settings-hidden = Ihre Rechte erlauben es nicht, die Einstellungen dieser Organisation zu sehen.
org-leave-title = Diese Organisation verlassen
org-leave-hint = Sie verlieren den Zugang zu ihren Produkten und Rechnungen. Ein Inhaber kann Sie erneut einladen.
org-leave = { $org } verlassen

# Mitglieder und Rechte (ORG-2, ORG-3)
members-title = Mitglieder
members-who = Name und E-Mail-Adresse
members-role = Rolle
members-rights = Rechte
members-teams = Teams
members-actions = Aktionen
members-select = Auswahl
members-select-one = { $name } auswählen
members-you = Sie
members-edit = Bearbeiten
members-remove-hint = Kreuzen Sie die zu entfernenden Mitglieder an und bestätigen Sie. Die gesetzliche Vertretung kann nicht entfernt werden.
members-remove = Ausgewählte Mitglieder entfernen
rights-all = Alle Rechte (durch die Rolle)
rights-none = Keine
rights-legend = Rechte
rights-hint = Nur für eingeschränkte Benutzer: Inhaber haben alle Rechte. Die Rechte der Teams des Benutzers kommen hinzu.
rights-group-billing = Abrechnung
rights-billing-hint = Bezahlen schliesst Einsehen ein, Verwalten schliesst Bezahlen ein.
rights-group-org = Organisation
rights-group-kinds = Alle Produkte einer Art
rights-products = Einzelne Produkte
rights-products-hint = Produktkennungen, durch Kommas getrennt, z. B. prd_123, prd_456.
right-billing-view = Rechnungen und Abrechnung einsehen
right-billing-pay = Rechnungen bezahlen
right-billing-manage = Verlängerungen und Zahlungsmittel verwalten
right-members = Mitglieder und Teams sehen
right-settings = Einstellungen sehen
right-kind-domain = Alle Domains
right-kind-web-hosting = Alle Webhostings
right-kind-mail = Alle Maildienste
right-kind-suite = Alle Suiten
right-kind-drive = Alle Cloud-Speicher
right-kind-nas = Alle NAS-Geräte
right-product = Produkt { $id }
member-title = Mitglied
member-edit-title = Rolle und Rechte
member-legal-hint = Die Rolle der gesetzlichen Vertretung ändert sich nur durch eine Übergabe (auf der Seite Mitglieder); sie hat alle Rechte eines Inhabers.
member-save = Speichern

# Einladungen (ORG-2)
invite-title = Jemanden einladen
invite-hint = Wir senden per E-Mail einen Einladungslink, der 7 Tage gültig ist. Wer noch kein Konto hat, kann damit eines erstellen.
invite-send = Einladung senden
invitations-title = Offene Einladungen
invitations-empty = Keine offenen Einladungen.
invitations-expires = Gültig bis
invitations-resend = Erneut senden
invitations-revoke = Widerrufen
invitation-status-pending = Offen
invitation-status-expired = Abgelaufen
invitation-status-accepted = Angenommen
invitation-status-revoked = Widerrufen
invitation-status-expired-text = Diese Einladung ist abgelaufen. Bitten Sie die Organisation, sie erneut zu senden.
invitation-status-accepted-text = Diese Einladung wurde bereits angenommen.
invitation-status-revoked-text = Diese Einladung wurde von der Organisation zurückgezogen.
invitation-title = Einladung
invitation-org = Organisation
invitation-for = Eingeladene Adresse
invitation-status = Status
invitation-invalid = Dieser Einladungslink ist nicht gültig. Vielleicht wurde er durch einen neueren ersetzt: Verwenden Sie den Link der neuesten Einladungs-E-Mail.
invitation-signed-out = Um die Einladung anzunehmen, melden Sie sich mit der eingeladenen Adresse an oder erstellen Sie damit ein Konto.
invitation-signin = Anmelden und annehmen
invitation-signup = Konto erstellen
invitation-accept-hint = Mit der Annahme treten Sie der Organisation mit der Rolle und den Rechten bei, die ihre Inhaber gewählt haben.
invitation-accept = Einladung annehmen
invitation-wrong-account = Diese Einladung wurde an { $invited } gesendet, Sie sind aber als { $you } angemeldet. Melden Sie sich ab und mit der eingeladenen Adresse wieder an.
invitation-already-member = Sie sind bereits Mitglied dieser Organisation.
invitation-open-org = { $org } öffnen

# Übergabe der gesetzlichen Vertretung (ORG-6)
handover-title = Gesetzliche Vertretung
handover-hint = Um die Rolle der gesetzlichen Vertretung zu übergeben, benennen Sie einen Inhaber. Dieser nimmt auf dieser Seite innerhalb von 7 Tagen an; Sie bleiben danach Inhaber.
handover-to = Neue gesetzliche Vertretung
handover-start = Übergabe beantragen
handover-no-owner = Um die Rolle zu übergeben, machen Sie zuerst ein anderes Mitglied zum Inhaber.
handover-pending = Warten auf die Annahme durch { $name }, bis { $until }.
handover-for-you = Sie wurden als neue gesetzliche Vertretung der Organisation benannt. Bitte nehmen Sie bis { $until } an.
handover-accept = Gesetzliche Vertretung übernehmen
handover-go = Siehe unten.

# Teams (ORG-4)
teams-title = Teams
teams-hint = Die Rechte eines Teams gelten für jedes seiner Mitglieder, zusätzlich zu deren eigenen.
teams-empty = Noch keine Teams.
teams-members = Mitglieder des Teams
teams-edit = Bearbeiten
teams-delete = Team { $name } löschen
teams-create-title = Team erstellen
teams-edit-title = Team ändern
teams-field-name = Name des Teams
teams-create = Team erstellen
teams-save = Team speichern

# Rechnungsadressen (ORG-7)
addresses-title = Rechnungsadressen
addresses-hint = Rechnungen gehen an die Standardadresse, ausser beim Verlängern eines Produkts wird eine andere gewählt.
addresses-empty = Noch keine Rechnungsadresse.
addresses-default = Standard
addresses-edit = Bearbeiten
addresses-make-default = Als Standard festlegen
addresses-delete = Löschen
addresses-readonly = Nur Inhaber können die Rechnungsadressen ändern.
addresses-add-title = Adresse hinzufügen
addresses-edit-title = Adresse ändern
addresses-form-hint = Gegliedert wie auf einer Schweizer QR-Rechnung: Strasse und Hausnummer getrennt.
address-field-name = Name (Firma oder Person)
address-field-street = Strasse
address-field-number = Hausnummer
address-field-postcode = Postleitzahl
address-field-town = Ort
addresses-use-as-default = Als Standardadresse verwenden
addresses-add = Adresse hinzufügen
addresses-save = Adresse speichern

# Änderungsprotokoll (OPS-5)
audit-intro = Jede Änderung an dieser Organisation: wer sie vorgenommen hat, in wessen Namen, was sich geändert hat und von wo aus. Die Zeiten gelten für die Zeitzone { $zone }.
audit-filter-action = Aktion
audit-filter-actor = Vorgenommen von
audit-filter-any-action = Alle Aktionen
audit-filter-anyone = Alle Personen
audit-filter-submit = Filtern
audit-group-org = Organisation
audit-group-member = Mitglieder
audit-group-invitation = Einladungen
audit-group-team = Teams
audit-group-address = Rechnungsadressen
audit-group-handover = Übergabe
audit-empty = Keine Einträge.
audit-who = Wer
audit-what = Aktion
audit-changes = Änderungen
audit-became = wurde zu
audit-removed = (entfernt)
audit-pages = Seiten des Änderungsprotokolls
audit-nobody = Niemand
audit-yes = Ja
audit-no = Nein
audit-behalf-own = Im eigenen Namen
audit-action-org-created = Organisation erstellt
audit-action-org-updated = Einstellungen geändert
audit-action-member-joined = Mitglied beigetreten
audit-action-member-updated = Rolle oder Rechte eines Mitglieds geändert
audit-action-member-removed = Mitglied entfernt
audit-action-member-left = Mitglied ausgetreten
audit-action-invitation-created = Einladung gesendet
audit-action-invitation-resent = Einladung erneut gesendet
audit-action-invitation-revoked = Einladung widerrufen
audit-action-team-created = Team erstellt
audit-action-team-updated = Team geändert
audit-action-team-deleted = Team gelöscht
audit-action-address-created = Rechnungsadresse hinzugefügt
audit-action-address-updated = Rechnungsadresse geändert
audit-action-address-deleted = Rechnungsadresse gelöscht
audit-action-handover-requested = Übergabe beantragt
audit-action-handover-accepted = Übergabe angenommen
audit-target-org = Organisation { $name }
audit-target-user = Mitglied { $name }
audit-target-team = Team { $name }
audit-target-invitation = Einladung an { $name }
audit-target-address = Adresse { $name }
audit-field-name = Name
audit-field-kind = Art
audit-field-country = Land
audit-field-language = Sprache
audit-field-currency = Währung
audit-field-vat-number = MWST-Nummer
audit-field-role = Rolle
audit-field-rights = Rechte
audit-field-members = Mitglieder
audit-field-email = E-Mail-Adresse
audit-field-street = Strasse
audit-field-building-number = Hausnummer
audit-field-postcode = Postleitzahl
audit-field-town = Ort
audit-field-is-default = Standard
audit-field-legal-representative = Gesetzliche Vertretung
audit-field-invitation = Einladung

# Organisationen: Hinweise nach dem Speichern
orgs-saved-org-created = Die Organisation wurde erstellt. Sie sind ihre gesetzliche Vertretung.
orgs-saved-settings = Die Einstellungen wurden gespeichert.
orgs-saved-left = Sie haben die Organisation verlassen.
orgs-saved-joined = Willkommen: Sie sind jetzt Mitglied dieser Organisation.
orgs-saved-member-updated = Rolle und Rechte des Mitglieds wurden gespeichert.
orgs-saved-members-removed = Die ausgewählten Mitglieder wurden entfernt.
orgs-saved-invited = Die Einladung wurde gesendet.
orgs-saved-invitation-resent = Die Einladung wurde erneut gesendet, mit einem neuen Link, der 7 Tage gültig ist.
orgs-saved-invitation-revoked = Die Einladung wurde widerrufen. Ihr Link funktioniert nicht mehr.
orgs-saved-handover-requested = Die Übergabe wurde beantragt. Der benannte Inhaber wurde per E-Mail informiert.
orgs-saved-handover-accepted = Sie sind jetzt die gesetzliche Vertretung dieser Organisation.
orgs-saved-team-created = Das Team wurde erstellt.
orgs-saved-team-saved = Das Team wurde gespeichert.
orgs-saved-team-deleted = Das Team wurde gelöscht.
orgs-saved-address-added = Die Adresse wurde hinzugefügt.
orgs-saved-address-saved = Die Adresse wurde gespeichert.
orgs-saved-address-default = Die Standardadresse wurde geändert.
orgs-saved-address-deleted = Die Adresse wurde gelöscht.

# Organisationen: Ablehnungen, nach ihrem Code (ORG-3, ORG-5, ORG-6, ORG-7)
orgs-refused-last-owner = Sie sind der letzte Inhaber: Niemand würde die Organisation mehr verwalten. Machen Sie zuerst ein anderes Mitglied zum Inhaber.
orgs-refused-legal-representative = Die gesetzliche Vertretung kann weder austreten noch entfernt werden: Übergeben Sie die Rolle zuerst einem anderen Inhaber.
orgs-refused-suite-user = Sie nutzen die Suite dieser Organisation: Bitten Sie zuerst einen Inhaber, Sie daraus zu entfernen.
orgs-refused-org-mailbox = Ihre Anmeldeadresse ist ein Postfach dieser Organisation: Ändern Sie zuerst Ihre Anmeldeadresse.
orgs-refused-currency-locked = Die Währung kann nicht mehr geändert werden, sobald die Organisation eine Rechnung hat.
orgs-refused-already-member = Diese Person ist bereits Mitglied der Organisation.
orgs-refused-invitation-pending = Für diese Adresse gibt es bereits eine offene Einladung: Senden Sie stattdessen diese aus der Liste unten erneut.
orgs-refused-default-address = Legen Sie eine andere Adresse als Standard fest, bevor Sie diese löschen.
orgs-refused-not-an-owner = Sie sind nicht mehr Inhaber dieser Organisation, daher kann die Übergabe nicht abgeschlossen werden.
orgs-refused-wrong-account = Diese Einladung wurde an eine andere Adresse gesendet: Melden Sie sich mit jener an.

# Feldfehler der Organisationsformulare
field-error-required = Dieses Feld ist erforderlich.
field-error-too-long = Dieser Text ist für eine Rechnung zu lang: Bitte kürzen Sie ihn.
field-error-invalid-country = Geben Sie einen zweistelligen ISO-Ländercode ein, z. B. CH.
field-error-invalid-postcode = Diese Postleitzahl gibt es im gewählten Land nicht.
field-error-invalid-vat-number = Dies ist keine gültige MWST-Nummer: Beachten Sie das Format unter dem Feld.
field-error-unknown-right = Eines dieser Rechte ist ungültig: Eine Produktkennung enthält nur Buchstaben, Ziffern, - und _.
field-error-not-a-member = Wählen Sie Mitglieder dieser Organisation.
field-error-not-an-owner = Wählen Sie einen Inhaber dieser Organisation.
field-error-invalid-role = Wählen Sie Inhaber oder eingeschränkter Benutzer.
field-error-org-invalid-name = Geben Sie einen Namen mit 1 bis 100 Zeichen ein.
field-error-team-invalid-name = Geben Sie einen Namen mit 1 bis 60 Zeichen ein.
field-error-member-required = Wählen Sie mindestens ein Mitglied.

# --- orgs-console: confirmations, products by name, names instead of ids
right-product-named = { $name }
right-product-unlisted = Ein nicht mehr aufgeführtes Produkt
rights-no-products = Diese Organisation hat noch keine Produkte. Rechte auf alle Produkte einer Art (oben) gelten auch für künftige Produkte.
org-leave-confirm-text = Sie verlieren sofort den Zugang zu { $org }, ihren Produkten und Rechnungen. Ein Inhaber kann Sie erneut einladen.
org-leave-confirm = Ja, verlassen
org-leave-legal-hint = Als gesetzliche Vertretung können Sie diese Organisation nicht verlassen. Übergeben Sie die Rolle zuerst einem Inhaber; als Inhaber können Sie danach austreten.
org-leave-legal-go = Rolle übergeben
members-remove-confirm-text = Die angekreuzten Mitglieder verlieren sofort den Zugang zur Organisation und ihren Produkten. Sie können später erneut eingeladen werden.
members-remove-confirm = Ja, entfernen
invitations-revoke-confirm-text = Der an { $email } gesendete Link funktioniert dann nicht mehr. Sie können diese Adresse später erneut einladen.
invitations-revoke-confirm = Ja, widerrufen
teams-delete-confirm-text = Das Team { $name } wird gelöscht. Seine Mitglieder bleiben in der Organisation, verlieren aber die Rechte, die ihnen das Team gab.
teams-delete-confirm = Ja, Team löschen
addresses-delete-confirm-text = Die Adresse { $name } wird endgültig gelöscht.
addresses-delete-confirm = Ja, löschen
handover-someone = ein anderes Mitglied
audit-name-unknown = (nicht mehr bekannt)

# --- ui-shell
nav-menu = Menü
home-capabilities-title = Was Sie hier tun können
home-card-tokens = API-Token
home-card-tokens-text = Lassen Sie Ihre Skripte und Werkzeuge die API in Ihrem Namen nutzen, nur mit den Rechten, die Sie wählen.
api-docs-title = API-Referenz
api-docs-intro = Alle Operationen der JSON-API, gelesen aus ihrem OpenAPI-Dokument. Authentifizieren Sie sich mit einem API-Token im Header Authorization; Antworten kommen in einem Umschlag, Fehler mit einem festen Code.
api-docs-openapi = OpenAPI-Dokument (JSON)
api-docs-tokens = API-Token erstellen
api-docs-contents = Inhalt
api-docs-parameters = Parameter
api-docs-parameter = Name
api-docs-in = Wo
api-docs-type = Typ
api-docs-description = Beschreibung
api-docs-required = erforderlich
api-docs-optional = optional
api-docs-body = Anfragekörper
api-docs-responses = Antworten
api-docs-status = Status
api-docs-schemas = Schemas
api-docs-fields = Felder
api-docs-scopes = Token-Berechtigungen:
api-docs-public = Kein Token nötig.

# --- accounts-split
tokens-revoke-confirm = Programme, die das Token „{ $name }“ verwenden, werden ab sofort abgewiesen. Das lässt sich nicht rückgängig machen.
tokens-revoke-yes = Ja, „{ $name }“ widerrufen
sessions-end-confirm = { $device } wird sofort abgemeldet; für eine neue Anmeldung dort braucht es das Passwort.
sessions-end-yes = Ja, diese Sitzung beenden
support-code-regenerate-confirm = Ihr aktueller Code funktioniert sofort nicht mehr: Nennen Sie beim nächsten Anruf den neuen.
support-code-regenerate-yes = Ja, neuen Code erzeugen
field-error-token-required = Geben Sie dem Token einen Namen.
# --- staff
staff-title = Backoffice
staff-footer = Das Backoffice des Anbieters: Jede Suche und jede gelesene Übersicht wird mit Ihrem Namen protokolliert.
staff-signin-title = Anmeldung für Mitarbeitende
staff-signin-hint = Nur für Mitarbeitende des Anbieters. Kundinnen und Kunden melden sich auf der Seite der Konsole an.
staff-signin-submit = Im Backoffice anmelden
staff-signin-invalid = Die E-Mail-Adresse oder das Passwort ist falsch, oder dieses Konto hat keine Mitarbeiterrolle.
staff-roles = Mitarbeiterrollen
staff-role-support = Support
staff-role-billing = Buchhaltung
staff-role-fraud = Betrugsprüfung
staff-role-admin = Administrator
staff-nav-search = Suchen
staff-search-title = Kunden finden
staff-search-label = E-Mail-Adresse, Support-Code, Organisations- oder Benutzer-ID oder Name der Organisation
staff-search-hint = Eine Adresse kann mit ihrem Anfang angegeben werden („ada@“), ein Support-Code mit oder ohne Leerzeichen.
staff-search-submit = Suchen
staff-search-invalid = Geben Sie 1 bis 254 Zeichen ohne Steuerzeichen ein.
staff-results-title = Ergebnisse
staff-results-users = Benutzer
staff-results-orgs = Organisationen
staff-no-results = Nichts gefunden.
staff-pages = Seiten der Ergebnisse
staff-previous = Vorherige Seite
staff-next = Nächste Seite
staff-support-code = Support-Code
staff-viewing-logged = Dass Sie diese Seite lesen, wird im Mitarbeiter-Audit-Log festgehalten.
staff-id = Kennung
staff-country = Land
staff-currency = Währung
staff-vat-number = MWST-Nummer
staff-created = Erstellt
staff-members = Mitglieder
staff-role = Rolle
staff-addresses = Rechnungsadressen
staff-no-addresses = Keine Rechnungsadresse.
staff-addresses-hidden = Ihre Rollen zeigen keine Rechnungsdaten.
staff-default-address = Standard
staff-audit = Letzte Änderungen (Audit-Log)
staff-verified = Bestätigt
staff-unverified = Nicht bestätigt
staff-last-sign-in = Letzte Anmeldung
staff-never = Nie
staff-user-orgs = Organisationen
staff-no-orgs = Mitglied keiner Organisation.
