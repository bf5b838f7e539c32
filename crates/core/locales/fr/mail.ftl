mail-greeting = Bonjour,
mail-signature = L'équipe { $provider }
mail-footer = Vous recevez ce message en raison de votre compte chez { $provider }. Si vous ne l'attendiez pas, vous pouvez l'ignorer.

mail-test-subject = Message de test de { $provider }
mail-test-body = Ceci est un message de test. Si vous pouvez le lire, l'envoi des e-mails fonctionne.
