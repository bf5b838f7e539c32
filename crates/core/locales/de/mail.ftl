mail-greeting = Guten Tag,
mail-signature = Ihr { $provider }-Team
mail-footer = Sie erhalten diese Nachricht wegen Ihres Kontos bei { $provider }. Falls Sie sie nicht erwartet haben, können Sie sie ignorieren.

mail-test-subject = Testnachricht von { $provider }
mail-test-body = Dies ist eine Testnachricht. Wenn Sie sie lesen können, funktioniert der E-Mail-Versand.

mail-verify-email-subject = Bestätigen Sie Ihre Adresse für { $provider }
mail-verify-email-body = Bitte bestätigen Sie Ihre E-Mail-Adresse, indem Sie diesen Link { $within } öffnen:
    { $link }
mail-signup-existing-subject = Jemand wollte sich mit Ihrer Adresse registrieren
mail-signup-existing-body = Jemand (vielleicht Sie) wollte bei { $provider } ein Konto mit dieser Adresse eröffnen, für die bereits eines besteht. Falls Sie Ihr Passwort vergessen haben, können Sie es hier zurücksetzen:
    { $link }
    Falls Sie es nicht waren, ist nichts zu tun: Ihr Konto ist unverändert.
mail-password-changed-subject = Ihr Passwort wurde geändert
mail-password-changed-body = Das Passwort Ihres Kontos bei { $provider } wurde soeben geändert, und Ihre anderen Sitzungen wurden beendet. { $tokens ->
        [revoked] Auch Ihre API-Tokens wurden widerrufen.
       *[kept] Ihre API-Tokens funktionieren weiterhin; widerrufen Sie sie in Ihrem Profil, falls das alte Passwort bekannt geworden sein könnte.
    } Falls Sie das nicht waren, setzen Sie Ihr Passwort sofort zurück und kontaktieren Sie unseren Support.
mail-reset-password-subject = Setzen Sie Ihr Passwort zurück
mail-reset-password-body = Um ein neues Passwort zu wählen, öffnen Sie diesen Link { $within }:
    { $link }
    Falls Sie das nicht angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.
mail-password-reset-done-subject = Ihr Passwort wurde zurückgesetzt
mail-password-reset-done-body = Das Passwort Ihres Kontos bei { $provider } wurde über einen per E-Mail gesendeten Link zurückgesetzt; alle Sitzungen wurden beendet und alle API-Tokens widerrufen. Falls Sie das nicht waren, kontaktieren Sie sofort unseren Support.
mail-recovery-verify-subject = Bestätigen Sie Ihre Wiederherstellungsadresse
mail-recovery-verify-body = Bitte bestätigen Sie diese Adresse als Wiederherstellungsadresse Ihres Kontos bei { $provider }, indem Sie diesen Link { $within } öffnen:
    { $link }
mail-recovery-changed-subject = Ihre Wiederherstellungsadresse wurde geändert
mail-recovery-changed-body = Links zum Zurücksetzen des Passworts Ihres Kontos bei { $provider } gehen jetzt auch an { $address }. Falls Sie das nicht waren, öffnen Sie diesen Link { $within }, um die vorherige Einstellung wiederherzustellen; alle Sitzungen und API-Tokens werden beendet, und Ihre Anmeldeadresse erhält einen Link, um ein neues Passwort zu wählen:
    { $link }
mail-recovery-removed-subject = Ihre Wiederherstellungsadresse wurde entfernt
mail-recovery-removed-body = Ihr Konto bei { $provider } hat keine Wiederherstellungsadresse mehr; Links zum Zurücksetzen gehen an Ihre Anmeldeadresse. Falls Sie das nicht waren, öffnen Sie diesen Link { $within }, um die vorherige Einstellung wiederherzustellen; alle Sitzungen und API-Tokens werden beendet, und Ihre Anmeldeadresse erhält einen Link, um ein neues Passwort zu wählen:
    { $link }
mail-recovery-change-undone-subject = Die Änderung Ihrer Wiederherstellungsadresse wurde rückgängig gemacht
mail-recovery-change-undone-body = Die Wiederherstellungsadresse Ihres Kontos bei { $provider } ist wieder wie zuvor. Alle Sitzungen wurden beendet und alle API-Tokens widerrufen. Wer die Änderung vorgenommen hat, kannte Ihr Passwort: Wählen Sie ein neues, indem Sie diesen Link { $within } öffnen:
    { $link }
mail-token-created-subject = Ein neues API-Token wurde erstellt
mail-token-created-body = Für Ihr Konto wurde ein API-Token namens «{ $token }» mit diesen Berechtigungen erstellt: { $scopes }. Falls Sie das nicht waren, widerrufen Sie es in Ihrem Profil und ändern Sie Ihr Passwort.
mail-token-revoked-subject = Ein API-Token wurde widerrufen
mail-token-revoked-body = Das API-Token namens «{ $token }» wurde widerrufen und funktioniert nicht mehr.
mail-token-deactivated-subject = Ein unbenutztes API-Token wurde deaktiviert
mail-token-deactivated-body = Das API-Token namens «{ $token }» wurde seit einem Jahr nicht benutzt und daher deaktiviert. Erstellen Sie in Ihrem Profil ein neues, falls Sie noch eines brauchen.

mail-org-invitation-subject = { $inviter } lädt Sie zu { $org } ein
mail-org-invitation-body = { $inviter } lädt Sie ein, der Organisation «{ $org }» bei { $provider } beizutreten. Öffnen Sie diesen Link innerhalb von 7 Tagen, um anzunehmen (falls Sie noch kein Konto haben, können Sie dort eines eröffnen):
    { $link }
mail-handover-requested-subject = Rechtlicher Vertreter von { $org }: Übergabe angefragt
mail-handover-requested-body = Der rechtliche Vertreter von «{ $org }» hat einen neuen rechtlichen Vertreter bestimmt. Der benannte Eigentümer nimmt innerhalb von 7 Tagen auf der Seite der Organisation an:
    { $link }
mail-handover-done-subject = { $org } hat einen neuen rechtlichen Vertreter
mail-handover-done-body = Die Übergabe der Rolle des rechtlichen Vertreters von «{ $org }» ist abgeschlossen. Der bisherige rechtliche Vertreter bleibt Eigentümer.
    { $link }
mail-payment-reminder-subject = Mahnung { $level }: Rechnung { $number } ist noch nicht bezahlt
mail-payment-reminder-body = Die Rechnung { $number }, fällig am { $due }, ist noch nicht bezahlt: { $open } sind noch offen. Dies ist die Mahnung { $level }; die Rechnung liegt bei.
    { $fee ->
        [none] Bitte bezahlen Sie sie mit der Zahlungsreferenz, die auf der Rechnung steht.
       *[other] Eine Mahngebühr von { $fee } wird auf einer separaten Rechnung verrechnet, die ebenfalls beiliegt. Bitte bezahlen Sie beide mit den darauf gedruckten Zahlungsreferenzen.
    }
    Eine Mahnung kann sich mit einer bereits geleisteten Zahlung kreuzen: Wenn Sie in den letzten Tagen bezahlt haben, betrachten Sie diese Nachricht bitte als gegenstandslos.

# Wie lange ein gesendeter Link gültig ist, nach «öffnen Sie diesen Link …».
mail-within = { $unit ->
    [days] { $count ->
        [one] innerhalb eines Tages
       *[other] innerhalb von { $count } Tagen
    }
    [hours] { $count ->
        [one] innerhalb einer Stunde
       *[other] innerhalb von { $count } Stunden
    }
   *[minutes] { $count ->
        [one] innerhalb einer Minute
       *[other] innerhalb von { $count } Minuten
    }
}

# --- mail: shared parts (greeting by name, footer for addresses without an account)
mail-greeting-name = Guten Tag { $name },
mail-footer-no-account = Sie erhalten diese Nachricht, weil diese Adresse bei { $provider } angegeben wurde. Falls Sie sie nicht erwartet haben, können Sie sie ignorieren.

# Verlängerungen (REN-1..5). Daten im Format JJJJ-MM-TT.
mail-renewal-invoice-subject = { $product } verlängert sich am { $expires }: Rechnung { $number }
mail-renewal-invoice-body = { $product } verlängert sich automatisch. Die Verlängerungsrechnung { $number } ({ $total }) liegt bei; wir belasten Ihr gespeichertes Zahlungsmittel am { $charge }. Sie müssen nichts weiter tun.
    Um sie anders zu bezahlen oder anzusehen: { $url }
mail-renewal-warranty-subject = { $product } wurde im Rahmen der Verlängerungsgarantie verlängert
mail-renewal-warranty-body = { $product } wurde bis zum Ablauf nicht verlängert. Wir haben es im Rahmen der Verlängerungsgarantie für Sie verlängert: Es läuft ohne Unterbruch bis zum { $until }. Die beiliegende Rechnung { $number } ist bis zum { $due } zahlbar.
    { $url }
mail-renewal-charge-failed-subject = Die Verlängerung von { $product } konnte nicht belastet werden
mail-renewal-charge-failed-body = Wir konnten Ihr gespeichertes Zahlungsmittel für die Verlängerung von { $product }, das am { $expires } abläuft, nicht belasten: { $reason }
    { $next ->
        [none] Das war der letzte automatische Versuch. Bitte bezahlen Sie die Rechnung vor dem Ablauf selbst, sonst wird der Dienst eingestellt:
       *[other] Wir versuchen es am { $next } erneut. Sie können die Rechnung auch jetzt selbst bezahlen:
    }
    { $url }
mail-renewal-notice-subject = { $product } läuft am { $expires } ab
mail-renewal-notice-body = { $product } läuft am { $expires } ab, in { $days } Tag(en), und verlängert sich nicht automatisch. Um es zu behalten, verlängern Sie es in Ihrer Liste der zu bezahlenden Produkte:
    { $url }
mail-product-expired-subject = { $product } ist abgelaufen
mail-product-expired-body = { $product } ist am { $expired } abgelaufen, ohne verlängert zu werden. Es wird am { $suspend } gesperrt und am { $delete } gelöscht. Verlängern Sie es vorher, um es zu behalten:
    { $url }
mail-product-suspended-subject = { $product } ist gesperrt
mail-product-suspended-body = { $product } ist am { $expired } abgelaufen und nun gesperrt. Es wird am { $delete } gelöscht; eine Verlängerung vorher stellt es sofort wieder her:
    { $url }
mail-product-deletion-notice-subject = { $product } wird am { $delete } gelöscht
mail-product-deletion-notice-body = { $product } ist gesperrt und wird am { $delete } mit seinem Inhalt gelöscht. Dies ist die letzte Mitteilung; verlängern Sie es vorher, um es wiederherzustellen:
    { $url }
mail-product-deleted-subject = { $product } wurde gelöscht
mail-product-deleted-body = { $product } ist am { $expired } abgelaufen und wurde während der Nachfrist nicht verlängert: Es wurde heute gelöscht.
    { $url }

# Bankabgleich (BNK-3): was eingegangen ist und wohin es ging.
mail-bank-credit-subject = Wir haben Ihre Überweisung von { $amount } erhalten
mail-bank-credit-body = Eine Überweisung von { $amount } ist am { $date } bei uns eingegangen.
    { $outcome ->
        [paid] Sie hat die Rechnung { $number } vollständig bezahlt. Vielen Dank: Sie müssen nichts weiter tun.
        [partially_paid] Sie hat einen Teil der Rechnung { $number } bezahlt: { $open } sind noch offen. Bitte überweisen Sie den Rest mit der Zahlungsreferenz der Rechnung.
        [overpaid] Sie hat die Rechnung { $number } bezahlt; die { $prepaid } über den offenen Betrag hinaus gingen auf Ihr Guthabenkonto, das Ihre nächsten Rechnungen bezahlt.
        [top_up] Sie hat Ihr Guthabenkonto aufgeladen, das Ihre nächsten Rechnungen bezahlt.
       *[prepaid] { $reason ->
            [already_paid] Die Rechnung { $number }, deren Referenz sie angab, war bereits bezahlt; das Geld ging deshalb auf Ihr Guthabenkonto, das Ihre nächsten Rechnungen bezahlt. Wollten Sie etwas anderes bezahlen, kontaktieren Sie uns bitte.
            [other_currency] Sie ging in einer anderen Währung als der Ihres Kontos ein und wird deshalb auf einem Guthabenkonto in dieser Währung gehalten. Kontaktieren Sie uns bitte, damit wir sie zurückzahlen oder verrechnen.
            [reused_reference] Sie gab die Referenz einer bereits erhaltenen Aufladung an (ein Dauerauftrag?); sie ging deshalb ebenfalls auf Ihr Guthabenkonto. Bitte verwenden Sie für jede Aufladung eine neue Referenz.
            [unknown_reference] Ihre Referenz gehört zu keiner Ihrer Rechnungen; das Geld ging deshalb auf Ihr Guthabenkonto, das Ihre nächsten Rechnungen bezahlt. War es für eine Rechnung gedacht, kontaktieren Sie uns bitte.
           *[other] Sie trug keine Zahlungsreferenz; das Geld ging deshalb auf Ihr Guthabenkonto, das Ihre nächsten Rechnungen bezahlt. Geben Sie nächstes Mal bitte die Referenz an, die auf der Rechnung steht.
        }
    }
    { $link }
mail-bank-reversal-subject = Die Bank hat eine Überweisung von { $amount } zurückgebucht
mail-bank-reversal-body = Die Bank hat { $amount } zurückgebucht, die sie uns am { $date } für Sie gutgeschrieben hatte (eine Stornierung oder eine Rücküberweisung).
    { $number ->
        [none] Der Betrag wurde Ihrem Guthabenkonto belastet; enthielt es ihn nicht mehr ganz, meldet sich unsere Buchhaltung bei Ihnen.
       *[other] Die Rechnung { $number } ist deshalb wieder offen: Bitte bezahlen Sie sie mit ihrer Zahlungsreferenz.
    }
    { $link }
