mail-greeting = Buongiorno,
mail-signature = Il team di { $provider }
mail-footer = Riceve questo messaggio per il Suo account presso { $provider }. Se non se lo aspettava, può ignorarlo.

mail-test-subject = Messaggio di prova da { $provider }
mail-test-body = Questo è un messaggio di prova. Se riesce a leggerlo, l'invio delle e-mail funziona.

mail-verify-email-subject = Confermi il Suo indirizzo per { $provider }
mail-verify-email-body = Confermi il Suo indirizzo e-mail aprendo questo link { $within }:
    { $link }
mail-signup-existing-subject = Qualcuno ha provato a registrarsi con il Suo indirizzo
mail-signup-existing-body = Qualcuno (forse Lei) ha provato a creare un account presso { $provider } con questo indirizzo, che ne ha già uno. Se ha dimenticato la password, può reimpostarla qui:
    { $link }
    Se non è stato Lei, non deve fare nulla: il Suo account è invariato.
mail-password-changed-subject = La Sua password è stata modificata
mail-password-changed-body = La password del Suo account { $provider } è stata appena modificata e le altre sessioni sono state chiuse. { $tokens ->
        [revoked] Anche i Suoi token API sono stati revocati.
       *[kept] I Suoi token API funzionano ancora; li revochi nel Suo profilo se la vecchia password potrebbe essere stata divulgata.
    } Se non è stato Lei, reimposti subito la password e contatti il nostro supporto.
mail-reset-password-subject = Reimposti la Sua password
mail-reset-password-body = Per scegliere una nuova password, apra questo link { $within }:
    { $link }
    Se non l'ha richiesto, ignori questo messaggio: la Sua password resta invariata.
mail-password-reset-done-subject = La Sua password è stata reimpostata
mail-password-reset-done-body = La password del Suo account { $provider } è stata reimpostata tramite un link inviato per e-mail; tutte le sessioni sono state chiuse e tutti i token API revocati. Se non è stato Lei, contatti subito il nostro supporto.
mail-recovery-verify-subject = Confermi il Suo indirizzo di recupero
mail-recovery-verify-body = Confermi questo indirizzo come indirizzo di recupero del Suo account { $provider } aprendo questo link { $within }:
    { $link }
mail-recovery-changed-subject = Il Suo indirizzo di recupero è stato modificato
mail-recovery-changed-body = I link per reimpostare la password del Suo account { $provider } ora vengono inviati anche a { $address }. Se non è stato Lei, apra questo link { $within } per ripristinare l'impostazione precedente; tutte le sessioni e tutti i token API termineranno e il Suo indirizzo di accesso riceverà un link per scegliere una nuova password:
    { $link }
mail-recovery-removed-subject = Il Suo indirizzo di recupero è stato rimosso
mail-recovery-removed-body = Il Suo account { $provider } non ha più un indirizzo di recupero; i link per reimpostare la password vengono inviati al Suo indirizzo di accesso. Se non è stato Lei, apra questo link { $within } per ripristinare l'impostazione precedente; tutte le sessioni e tutti i token API termineranno e il Suo indirizzo di accesso riceverà un link per scegliere una nuova password:
    { $link }
mail-recovery-change-undone-subject = La modifica del Suo indirizzo di recupero è stata annullata
mail-recovery-change-undone-body = L'indirizzo di recupero del Suo account { $provider } è stato ripristinato. Tutte le sessioni sono state chiuse e tutti i token API revocati. Chi ha fatto la modifica conosceva la Sua password: ne scelga una nuova aprendo questo link { $within }:
    { $link }
mail-token-created-subject = È stato creato un nuovo token API
mail-token-created-body = Per il Suo account è stato creato un token API chiamato «{ $token }» con questi ambiti: { $scopes }. Se non è stato Lei, lo revochi nel Suo profilo e cambi la password.
mail-token-revoked-subject = Un token API è stato revocato
mail-token-revoked-body = Il token API chiamato «{ $token }» è stato revocato e non funziona più.
mail-token-deactivated-subject = Un token API inutilizzato è stato disattivato
mail-token-deactivated-body = Il token API chiamato «{ $token }» non veniva usato da un anno ed è stato quindi disattivato. Ne crei uno nuovo nel Suo profilo se Le serve ancora.

mail-org-invitation-subject = { $inviter } La invita in { $org }
mail-org-invitation-body = { $inviter } La invita a unirsi all'organizzazione «{ $org }» presso { $provider }. Apra questo link entro 7 giorni per accettare (se non ha un account, potrà crearlo lì):
    { $link }
mail-handover-requested-subject = Rappresentante legale di { $org }: passaggio richiesto
mail-handover-requested-body = Il rappresentante legale di «{ $org }» ha designato un nuovo rappresentante legale. Il proprietario designato accetta nella pagina dell'organizzazione entro 7 giorni:
    { $link }
mail-handover-done-subject = { $org } ha un nuovo rappresentante legale
mail-handover-done-body = Il passaggio del ruolo di rappresentante legale di «{ $org }» è completato. Il precedente rappresentante legale resta proprietario.
    { $link }
mail-payment-reminder-subject = Sollecito { $level }: la fattura { $number } non è ancora pagata
mail-payment-reminder-body = La fattura { $number }, scaduta il { $due }, non è ancora pagata: restano aperti { $open }. Questo è il sollecito { $level }; la fattura è allegata.
    { $fee ->
        [none] La preghiamo di pagarla con il riferimento di pagamento stampato sulla fattura.
       *[other] Una tassa di sollecito di { $fee } è fatturata a parte, su una fattura anch'essa allegata. La preghiamo di pagarle entrambe con i riferimenti di pagamento stampati su di esse.
    }
    Un sollecito può incrociarsi con un pagamento che ha già effettuato: se ha pagato negli ultimi giorni, non tenga conto di questo messaggio.

# Per quanto tempo un link inviato è valido, dopo «apra questo link …».
mail-within = { $unit ->
    [days] { $count ->
        [one] entro un giorno
       *[other] entro { $count } giorni
    }
    [hours] { $count ->
        [one] entro un'ora
       *[other] entro { $count } ore
    }
   *[minutes] { $count ->
        [one] entro un minuto
       *[other] entro { $count } minuti
    }
}

# --- mail: shared parts (greeting by name, footer for addresses without an account)
mail-greeting-name = Buongiorno { $name },
mail-footer-no-account = Riceve questo messaggio perché questo indirizzo è stato indicato a { $provider }. Se non se lo aspettava, può ignorarlo.

# Rinnovi (REN-1..5). Date nel formato AAAA-MM-GG.
mail-renewal-invoice-subject = { $product } si rinnova il { $expires }: fattura { $number }
mail-renewal-invoice-body = { $product } si rinnova automaticamente. La fattura di rinnovo { $number } ({ $total }) è allegata; addebiteremo il mezzo di pagamento registrato il { $charge }. Non deve fare altro.
    Per pagarla in un altro modo, o per consultarla: { $url }
mail-renewal-warranty-subject = { $product } è stato rinnovato con la garanzia di rinnovo
mail-renewal-warranty-body = { $product } non era stato rinnovato alla scadenza: l’abbiamo rinnovato con la garanzia di rinnovo, senza interruzioni fino al { $until }. La fattura { $number }, allegata, è pagabile entro il { $due }.
    { $url }
mail-renewal-charge-failed-subject = Non è stato possibile addebitare il rinnovo di { $product }
mail-renewal-charge-failed-body = Non è stato possibile addebitare il mezzo di pagamento registrato per il rinnovo di { $product }, che scade il { $expires }: { $reason }
    { $next ->
        [none] Era l’ultimo tentativo automatico. Paghi la fattura prima della scadenza, altrimenti il servizio si ferma:
       *[other] Riproveremo il { $next }. Può anche pagare la fattura subito:
    }
    { $url }
mail-renewal-notice-subject = { $product } scade il { $expires }
mail-renewal-notice-body = { $product } scade il { $expires }, fra { $days } giorno/i, e non si rinnova automaticamente. Per mantenerlo, lo rinnovi dall’elenco dei prodotti da pagare:
    { $url }
mail-product-expired-subject = { $product } è scaduto
mail-product-expired-body = { $product } è scaduto il { $expired } senza essere rinnovato. Sarà sospeso il { $suspend } ed eliminato il { $delete }. Lo rinnovi prima per mantenerlo:
    { $url }
mail-product-suspended-subject = { $product } è sospeso
mail-product-suspended-body = { $product } è scaduto il { $expired } ed è ora sospeso. Sarà eliminato il { $delete }; rinnovarlo prima lo ripristina subito:
    { $url }
mail-product-deletion-notice-subject = { $product } sarà eliminato il { $delete }
mail-product-deletion-notice-body = { $product } è sospeso e sarà eliminato il { $delete }, con tutto il contenuto. Questo è l’ultimo avviso; lo rinnovi prima per ripristinarlo:
    { $url }
mail-product-deleted-subject = { $product } è stato eliminato
mail-product-deleted-body = { $product } è scaduto il { $expired } e non è stato rinnovato durante il periodo di tolleranza: è stato eliminato oggi.
    { $url }

# Riconciliazione bancaria (BNK-3): cosa è arrivato e dove è andato.
mail-bank-credit-subject = Abbiamo ricevuto il Suo bonifico di { $amount }
mail-bank-credit-body = Un bonifico di { $amount } ci è pervenuto il { $date }.
    { $outcome ->
        [paid] Ha pagato interamente la fattura { $number }. Grazie: non c'è altro da fare.
        [partially_paid] Ha pagato una parte della fattura { $number }: restano aperti { $open }. La preghiamo di bonificare il resto con il riferimento di pagamento della fattura.
        [overpaid] Ha pagato la fattura { $number }, e i { $prepaid } oltre quanto dovuto sono andati sul Suo conto prepagato, che paga le Sue prossime fatture.
        [top_up] Ha ricaricato il Suo conto prepagato, che paga le Sue prossime fatture.
       *[prepaid] { $reason ->
            [already_paid] La fattura { $number }, di cui indicava il riferimento, era già pagata; il denaro è quindi andato sul Suo conto prepagato, che paga le Sue prossime fatture. Se intendeva pagare altro, ci contatti.
            [other_currency] È arrivato in una valuta diversa da quella del Suo conto; è quindi tenuto su un conto prepagato in quella valuta. Ci contatti per farlo rimborsare o imputare.
            [reused_reference] Indicava il riferimento di una ricarica già ricevuta (un ordine permanente?); è quindi andato anch'esso sul Suo conto prepagato. Usi un nuovo riferimento per ogni ricarica.
            [unknown_reference] Il riferimento indicato non è quello di nessuna delle Sue fatture; il denaro è quindi andato sul Suo conto prepagato, che paga le Sue prossime fatture. Se era destinato a una fattura, ci contatti.
           *[other] Non portava alcun riferimento di pagamento; il denaro è quindi andato sul Suo conto prepagato, che paga le Sue prossime fatture. La prossima volta indichi il riferimento stampato sulla fattura.
        }
    }
    { $link }
mail-bank-reversal-subject = La banca ha stornato un bonifico di { $amount }
mail-bank-reversal-body = La banca ha ripreso { $amount } che ci aveva accreditato per Lei il { $date } (uno storno o un pagamento rinviato).
    { $number ->
        [none] L'importo è stato addebitato sul Suo conto prepagato; se il conto non lo conteneva più per intero, il nostro servizio di fatturazione La contatterà.
       *[other] La fattura { $number } è quindi di nuovo aperta: La preghiamo di pagarla con il relativo riferimento di pagamento.
    }
    { $link }
