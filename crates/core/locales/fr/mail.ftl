mail-greeting = Bonjour,
mail-signature = L'équipe { $provider }
mail-footer = Vous recevez ce message en raison de votre compte chez { $provider }. Si vous ne l'attendiez pas, vous pouvez l'ignorer.

mail-test-subject = Message de test de { $provider }
mail-test-body = Ceci est un message de test. Si vous pouvez le lire, l'envoi des e-mails fonctionne.

mail-verify-email-subject = Confirmez votre adresse pour { $provider }
mail-verify-email-body = Veuillez confirmer votre adresse e-mail en ouvrant ce lien { $within } :
    { $link }
mail-signup-existing-subject = Quelqu'un a tenté de s'inscrire avec votre adresse
mail-signup-existing-body = Quelqu'un (peut-être vous) a tenté de créer un compte chez { $provider } avec cette adresse, qui en a déjà un. Si vous avez oublié votre mot de passe, vous pouvez le réinitialiser ici :
    { $link }
    Si ce n'était pas vous, il n'y a rien à faire : votre compte est inchangé.
mail-password-changed-subject = Votre mot de passe a été modifié
mail-password-changed-body = Le mot de passe de votre compte { $provider } vient d'être modifié et vos autres sessions ont été fermées. { $tokens ->
        [revoked] Vos jetons d'API ont également été révoqués.
       *[kept] Vos jetons d'API fonctionnent toujours ; révoquez-les dans votre profil si l'ancien mot de passe a pu être divulgué.
    } Si ce n'était pas vous, réinitialisez immédiatement votre mot de passe et contactez notre support.
mail-reset-password-subject = Réinitialisez votre mot de passe
mail-reset-password-body = Pour choisir un nouveau mot de passe, ouvrez ce lien { $within } :
    { $link }
    Si vous ne l'avez pas demandé, ignorez ce message : votre mot de passe reste inchangé.
mail-password-reset-done-subject = Votre mot de passe a été réinitialisé
mail-password-reset-done-body = Le mot de passe de votre compte { $provider } a été réinitialisé au moyen d'un lien envoyé par e-mail ; toutes les sessions ont été fermées et tous les jetons d'API révoqués. Si ce n'était pas vous, contactez immédiatement notre support.
mail-recovery-verify-subject = Confirmez votre adresse de secours
mail-recovery-verify-body = Veuillez confirmer cette adresse comme adresse de secours de votre compte { $provider } en ouvrant ce lien { $within } :
    { $link }
mail-recovery-changed-subject = Votre adresse de secours a été modifiée
mail-recovery-changed-body = Les liens de réinitialisation du mot de passe de votre compte { $provider } sont désormais aussi envoyés à { $address }. Si ce n'était pas vous, ouvrez ce lien { $within } pour rétablir le réglage précédent ; toutes les sessions et tous les jetons d'API prendront fin et votre adresse de connexion recevra un lien pour choisir un nouveau mot de passe :
    { $link }
mail-recovery-removed-subject = Votre adresse de secours a été supprimée
mail-recovery-removed-body = Votre compte { $provider } n'a plus d'adresse de secours ; les liens de réinitialisation sont envoyés à votre adresse de connexion. Si ce n'était pas vous, ouvrez ce lien { $within } pour rétablir le réglage précédent ; toutes les sessions et tous les jetons d'API prendront fin et votre adresse de connexion recevra un lien pour choisir un nouveau mot de passe :
    { $link }
mail-recovery-change-undone-subject = La modification de votre adresse de secours a été annulée
mail-recovery-change-undone-body = L'adresse de secours de votre compte { $provider } est rétablie. Toutes les sessions ont été fermées et tous les jetons d'API révoqués. L'auteur de la modification connaissait votre mot de passe : choisissez-en un nouveau en ouvrant ce lien { $within } :
    { $link }
mail-token-created-subject = Un nouveau jeton d'API a été créé
mail-token-created-body = Un jeton d'API nommé « { $token } » a été créé pour votre compte, avec ces portées : { $scopes }. Si ce n'était pas vous, révoquez-le dans votre profil et changez votre mot de passe.
mail-token-revoked-subject = Un jeton d'API a été révoqué
mail-token-revoked-body = Le jeton d'API nommé « { $token } » a été révoqué et ne fonctionne plus.
mail-token-deactivated-subject = Un jeton d'API inutilisé a été désactivé
mail-token-deactivated-body = Le jeton d'API nommé « { $token } » n'avait pas été utilisé depuis un an ; il a donc été désactivé. Créez-en un nouveau dans votre profil si vous en avez encore besoin.

mail-org-invitation-subject = { $inviter } vous invite dans { $org }
mail-org-invitation-body = { $inviter } vous invite à rejoindre l'organisation « { $org } » chez { $provider }. Ouvrez ce lien dans les 7 jours pour accepter (vous pourrez y créer votre compte si vous n'en avez pas) :
    { $link }
mail-handover-requested-subject = Représentant légal de { $org } : transfert demandé
mail-handover-requested-body = Le représentant légal de « { $org } » a désigné un nouveau représentant légal. Le propriétaire désigné accepte dans la page de l'organisation dans les 7 jours :
    { $link }
mail-handover-done-subject = { $org } a un nouveau représentant légal
mail-handover-done-body = Le transfert du rôle de représentant légal de « { $org } » est terminé. L'ancien représentant légal reste propriétaire.
    { $link }
mail-payment-reminder-subject = Rappel { $level } : la facture { $number } n'est pas encore payée
mail-payment-reminder-body = La facture { $number }, échue le { $due }, n'est pas encore payée : { $open } restent ouverts. Ceci est le rappel { $level } ; la facture est jointe.
    { $fee ->
        [none] Merci de la payer avec la référence de paiement imprimée sur la facture.
       *[other] Des frais de rappel de { $fee } sont facturés à part, sur une facture jointe elle aussi. Merci de payer les deux avec les références de paiement qui y sont imprimées.
    }
    Un rappel peut croiser un paiement que vous avez déjà effectué : si vous avez payé ces derniers jours, ne tenez pas compte de ce message.

# Durée de validité d'un lien envoyé, à la suite de « ouvrez ce lien … ».
mail-within = { $unit ->
    [days] { $count ->
        [one] dans un délai d'un jour
       *[other] dans les { $count } jours
    }
    [hours] { $count ->
        [one] dans un délai d'une heure
       *[other] dans les { $count } heures
    }
   *[minutes] { $count ->
        [one] dans un délai d'une minute
       *[other] dans les { $count } minutes
    }
}

# --- mail: shared parts (greeting by name, footer for addresses without an account)
mail-greeting-name = Bonjour { $name },
mail-footer-no-account = Vous recevez ce message parce que cette adresse a été indiquée à { $provider }. Si vous ne l'attendiez pas, vous pouvez l'ignorer.

# Renouvellements (REN-1..5). Dates au format AAAA-MM-JJ.
mail-renewal-invoice-subject = { $product } se renouvelle le { $expires } : facture { $number }
mail-renewal-invoice-body = { $product } se renouvelle automatiquement. Sa facture de renouvellement { $number } ({ $total }) est jointe ; nous débiterons votre moyen de paiement enregistré le { $charge }. Vous n’avez rien d’autre à faire.
    Pour la payer autrement, ou la consulter : { $url }
mail-renewal-warranty-subject = { $product } a été renouvelé au titre de la garantie de renouvellement
mail-renewal-warranty-body = { $product } n’avait pas été renouvelé à son échéance : nous l’avons renouvelé pour vous au titre de sa garantie de renouvellement, sans interruption jusqu’au { $until }. La facture { $number }, jointe, est payable d’ici au { $due }.
    { $url }
mail-renewal-charge-failed-subject = Le renouvellement de { $product } n’a pas pu être débité
mail-renewal-charge-failed-body = Nous n’avons pas pu débiter votre moyen de paiement enregistré pour le renouvellement de { $product }, qui échoit le { $expires } : { $reason }
    { $next ->
        [none] C’était la dernière tentative automatique. Veuillez payer la facture vous-même avant l’échéance, faute de quoi le service s’arrêtera :
       *[other] Nous réessaierons le { $next }. Vous pouvez aussi payer la facture vous-même dès maintenant :
    }
    { $url }
mail-renewal-notice-subject = { $product } échoit le { $expires }
mail-renewal-notice-body = { $product } échoit le { $expires }, dans { $days } jour(s), et ne se renouvelle pas automatiquement. Pour le conserver, renouvelez-le depuis votre liste des produits à payer :
    { $url }
mail-product-expired-subject = { $product } est échu
mail-product-expired-body = { $product } est échu depuis le { $expired } sans avoir été renouvelé. Il sera suspendu le { $suspend } et supprimé le { $delete }. Renouvelez-le d’ici là pour le conserver :
    { $url }
mail-product-suspended-subject = { $product } est suspendu
mail-product-suspended-body = { $product } est échu depuis le { $expired } et il est désormais suspendu. Il sera supprimé le { $delete } ; le renouveler d’ici là le rétablit immédiatement :
    { $url }
mail-product-deletion-notice-subject = { $product } sera supprimé le { $delete }
mail-product-deletion-notice-body = { $product } est suspendu et sera supprimé le { $delete }, avec son contenu. Ceci est le dernier avis ; renouvelez-le d’ici là pour le rétablir :
    { $url }
mail-product-deleted-subject = { $product } a été supprimé
mail-product-deleted-body = { $product } est échu depuis le { $expired } et n’a pas été renouvelé pendant son délai de grâce : il a été supprimé aujourd’hui.
    { $url }

# Rapprochement bancaire (BNK-3) : ce qui est arrivé et où c'est allé.
mail-bank-credit-subject = Nous avons reçu votre virement de { $amount }
mail-bank-credit-body = Un virement de { $amount } nous est parvenu le { $date }.
    { $outcome ->
        [paid] Il a payé entièrement la facture { $number }. Merci : vous n'avez rien d'autre à faire.
        [partially_paid] Il a payé une partie de la facture { $number } : { $open } restent dus. Merci de virer le solde avec la référence de paiement de la facture.
        [overpaid] Il a payé la facture { $number }, et les { $prepaid } au-delà de ce qu'elle devait sont allés sur votre compte prépayé, qui paie vos prochaines factures.
        [top_up] Il a alimenté votre compte prépayé, qui paie vos prochaines factures.
       *[prepaid] { $reason ->
            [already_paid] La facture { $number }, dont il citait la référence, était déjà payée ; l'argent est donc allé sur votre compte prépayé, qui paie vos prochaines factures. Si vous vouliez payer autre chose, contactez-nous.
            [other_currency] Il est arrivé dans une autre devise que celle de votre compte ; il est donc gardé sur un compte prépayé dans cette devise. Contactez-nous pour qu'il vous soit remboursé ou imputé.
            [reused_reference] Il citait la référence d'un rechargement déjà reçu (un ordre permanent ?) ; il est donc allé lui aussi sur votre compte prépayé. Merci d'utiliser une nouvelle référence pour chaque rechargement.
            [unknown_reference] Sa référence n'est celle d'aucune de vos factures ; l'argent est donc allé sur votre compte prépayé, qui paie vos prochaines factures. S'il était destiné à une facture, contactez-nous.
           *[other] Il ne portait aucune référence de paiement ; l'argent est donc allé sur votre compte prépayé, qui paie vos prochaines factures. La prochaine fois, indiquez la référence imprimée sur la facture.
        }
    }
    { $link }
mail-bank-reversal-subject = La banque a repris un virement de { $amount }
mail-bank-reversal-body = La banque a repris les { $amount } qu'elle nous avait crédités pour vous le { $date } (une extourne ou un paiement retourné).
    { $number ->
        [none] Ils ont été repris de votre compte prépayé ; si le compte ne les contenait plus entièrement, notre service de facturation vous contactera.
       *[other] La facture { $number } est donc de nouveau ouverte : merci de la payer avec sa référence de paiement.
    }
    { $link }
