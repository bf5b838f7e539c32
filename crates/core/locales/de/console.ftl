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
error-forbidden-title = Nicht erlaubt
error-forbidden-text = Diese Aktion ist nicht erlaubt. Falls Sie ein Formular gesendet haben, ist es vielleicht abgelaufen: Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es erneut.
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
field-error-password-too-short = Verwenden Sie mindestens 8 Zeichen.
field-error-password-too-long = Verwenden Sie höchstens 128 Zeichen.
field-error-password-too-weak = Dieses Passwort ist zu leicht zu erraten: Wählen Sie ein anderes.
field-error-wrong-password = Das Passwort ist falsch.
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
reset-done-text = Ihr Passwort wurde geändert, und alle Sitzungen wurden beendet. Melden Sie sich mit Ihrem neuen Passwort an.

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
profile-recovery-hint = Links zum Zurücksetzen des Passworts gehen an diese Adresse. Lassen Sie das Feld leer, um Ihre Anmeldeadresse zu verwenden.
profile-recovery-pending = Wartet auf Bestätigung: Wir haben einen Link an { $email } gesendet.
profile-save = Speichern
newsletters-title = Newsletter
newsletters-legend = Themen, die Sie erhalten
newsletters-save = Auswahl speichern
password-title = Passwort
password-change-hint = Wenn Sie Ihr Passwort ändern, werden Ihre Sitzungen auf anderen Geräten beendet.
password-save = Mein Passwort ändern

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
