mail-greeting = Guten Tag
mail-signature = Ihr { $provider }-Team
mail-footer = Sie erhalten diese Nachricht wegen Ihres Kontos bei { $provider }. Falls Sie sie nicht erwartet haben, können Sie sie ignorieren.

mail-test-subject = Testnachricht von { $provider }
mail-test-body = Dies ist eine Testnachricht. Wenn Sie sie lesen können, funktioniert der E-Mail-Versand.
