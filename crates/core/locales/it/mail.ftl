mail-greeting = Buongiorno,
mail-signature = Il team di { $provider }
mail-footer = Ricevi questo messaggio per il tuo account presso { $provider }. Se non te lo aspettavi, puoi ignorarlo.

mail-test-subject = Messaggio di prova da { $provider }
mail-test-body = Questo è un messaggio di prova. Se riesci a leggerlo, l'invio delle e-mail funziona.
