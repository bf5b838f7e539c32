mail-greeting = Buongiorno,
mail-signature = Il team di { $provider }
mail-footer = Ricevi questo messaggio per il tuo account presso { $provider }. Se non te lo aspettavi, puoi ignorarlo.

mail-test-subject = Messaggio di prova da { $provider }
mail-test-body = Questo è un messaggio di prova. Se riesci a leggerlo, l'invio delle e-mail funziona.

mail-verify-email-subject = Conferma il tuo indirizzo per { $provider }
mail-verify-email-body = Conferma il tuo indirizzo e-mail aprendo questo link entro 24 ore:
    { $link }
mail-signup-existing-subject = Qualcuno ha provato a registrarsi con il tuo indirizzo
mail-signup-existing-body = Qualcuno (forse tu) ha provato a creare un account presso { $provider } con questo indirizzo, che ne ha già uno. Se hai dimenticato la password, puoi reimpostarla qui:
    { $link }
    Se non sei stato tu, non devi fare nulla: il tuo account è invariato.
mail-password-changed-subject = La tua password è stata modificata
mail-password-changed-body = La password del tuo account { $provider } è stata appena modificata e le altre sessioni sono state chiuse. Se non sei stato tu, reimposta subito la password e contatta il nostro supporto.
mail-reset-password-subject = Reimposta la tua password
mail-reset-password-body = Per scegliere una nuova password, apri questo link entro un'ora:
    { $link }
    Se non l'hai richiesto, ignora questo messaggio: la tua password resta invariata.
mail-password-reset-done-subject = La tua password è stata reimpostata
mail-password-reset-done-body = La password del tuo account { $provider } è stata reimpostata tramite un link inviato per e-mail e tutte le sessioni sono state chiuse. Se non sei stato tu, contatta subito il nostro supporto.
mail-recovery-verify-subject = Conferma il tuo indirizzo di recupero
mail-recovery-verify-body = Conferma questo indirizzo come indirizzo di recupero del tuo account { $provider } aprendo questo link entro 24 ore:
    { $link }
mail-recovery-changed-subject = Il tuo indirizzo di recupero è stato modificato
mail-recovery-changed-body = I link per reimpostare la password del tuo account { $provider } ora vengono inviati a { $address }. Se non sei stato tu, contatta subito il nostro supporto.
mail-recovery-removed-subject = Il tuo indirizzo di recupero è stato rimosso
mail-recovery-removed-body = Il tuo account { $provider } non ha più un indirizzo di recupero; i link per reimpostare la password vengono inviati al tuo indirizzo di accesso. Se non sei stato tu, contatta subito il nostro supporto.
mail-token-created-subject = È stato creato un nuovo token API
mail-token-created-body = Per il tuo account è stato creato un token API chiamato «{ $name }» con questi ambiti: { $scopes }. Se non sei stato tu, revocalo nel tuo profilo e cambia la password.
mail-token-revoked-subject = Un token API è stato revocato
mail-token-revoked-body = Il token API chiamato «{ $name }» è stato revocato e non funziona più.
mail-token-deactivated-subject = Un token API inutilizzato è stato disattivato
mail-token-deactivated-body = Il token API chiamato «{ $name }» non veniva usato da un anno ed è stato quindi disattivato. Creane uno nuovo nel tuo profilo se ti serve ancora.

mail-org-invitation-subject = { $inviter } ti invita in { $org }
mail-org-invitation-body = { $inviter } ti invita a unirti all'organizzazione «{ $org }» presso { $provider }. Apri questo link entro 7 giorni per accettare (se non hai un account, potrai crearlo lì):
    { $link }
mail-handover-requested-subject = Rappresentante legale di { $org }: passaggio richiesto
mail-handover-requested-body = Il rappresentante legale di «{ $org }» ha designato un nuovo rappresentante legale. Il proprietario designato accetta nella pagina dell'organizzazione entro 7 giorni:
    { $link }
mail-handover-done-subject = { $org } ha un nuovo rappresentante legale
mail-handover-done-body = Il passaggio del ruolo di rappresentante legale di «{ $org }» è completato. Il precedente rappresentante legale resta proprietario.
    { $link }
