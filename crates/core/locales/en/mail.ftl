# Mail: shared parts
mail-greeting = Hello,
mail-signature = The { $provider } team
mail-footer = You receive this message because of your account at { $provider }. If you did not expect it, you can ignore it.

# A test mail an operator sends to check the mail settings
mail-test-subject = Test message from { $provider }
mail-test-body = This is a test message. If you can read it, mail delivery works.

# Accounts (ACC-1, ACC-3, SEC-5, API-1)
mail-verify-email-subject = Confirm your address for { $provider }
mail-verify-email-body = Please confirm your e-mail address by opening this link { $within }:
    { $link }
mail-signup-existing-subject = Someone tried to sign up with your address
mail-signup-existing-body = Someone (perhaps you) tried to create an account at { $provider } with this address, which already has one. If you forgot your password, you can reset it here:
    { $link }
    If it was not you, there is nothing to do: your account is unchanged.
mail-password-changed-subject = Your password was changed
mail-password-changed-body = The password of your { $provider } account was just changed, and your other sessions were ended. { $tokens ->
        [revoked] Your API tokens were revoked too.
       *[kept] Your API tokens still work; revoke them in your profile if the old password may have leaked.
    } If you did not do this, reset your password at once and contact our support.
mail-reset-password-subject = Reset your password
mail-reset-password-body = To choose a new password, open this link { $within }:
    { $link }
    If you did not ask for it, ignore this message: your password stays as it is.
mail-password-reset-done-subject = Your password was reset
mail-password-reset-done-body = The password of your { $provider } account was reset with a link sent by e-mail; every session was ended and every API token revoked. If you did not do this, contact our support at once.
mail-recovery-verify-subject = Confirm your recovery address
mail-recovery-verify-body = Please confirm this address as the recovery address of your { $provider } account by opening this link { $within }:
    { $link }
mail-recovery-changed-subject = Your recovery address was changed
mail-recovery-changed-body = Password-reset links for your { $provider } account now also go to { $address }. If you did not do this, open this link { $within } to put the previous setting back; every session and API token will end and your login address will get a link to choose a new password:
    { $link }
mail-recovery-removed-subject = Your recovery address was removed
mail-recovery-removed-body = Your { $provider } account no longer has a recovery address; password-reset links go to your login address. If you did not do this, open this link { $within } to put the previous setting back; every session and API token will end and your login address will get a link to choose a new password:
    { $link }
mail-recovery-change-undone-subject = The change of your recovery address was undone
mail-recovery-change-undone-body = The recovery address of your { $provider } account is back as it was. Every session was ended and every API token revoked. Whoever made the change knew your password: choose a new one by opening this link { $within }:
    { $link }
mail-token-created-subject = A new API token was created
mail-token-created-body = An API token named "{ $token }" was created for your account, with these scopes: { $scopes }. If you did not do this, revoke it in your profile and change your password.
mail-token-revoked-subject = An API token was revoked
mail-token-revoked-body = The API token named "{ $token }" was revoked and no longer works.
mail-token-deactivated-subject = An unused API token was deactivated
mail-token-deactivated-body = The API token named "{ $token }" had not been used for a year, so it was deactivated. Create a new one in your profile if you still need it.

# Organisations (ORG-2, ORG-6)
mail-org-invitation-subject = { $inviter } invites you to { $org }
mail-org-invitation-body = { $inviter } invites you to join the organisation "{ $org }" at { $provider }. Open this link within 7 days to accept (you can create your account there if you have none):
    { $link }
mail-handover-requested-subject = Legal representative of { $org }: hand-over requested
mail-handover-requested-body = The legal representative of "{ $org }" has named a new legal representative. The owner named accepts in the organisation's page within 7 days:
    { $link }
mail-handover-done-subject = { $org } has a new legal representative
mail-handover-done-body = The hand-over of the legal representative's role of "{ $org }" is complete. The former legal representative stays an owner.
    { $link }
mail-payment-reminder-subject = Reminder { $level }: invoice { $number } is not paid yet
mail-payment-reminder-body = Invoice { $number }, due on { $due }, is not paid yet: { $open } is still open. This is reminder { $level }; the invoice is attached.
    { $fee ->
        [none] Please pay it with the payment reference printed on the invoice.
       *[other] A reminder fee of { $fee } is charged on a separate invoice, attached too. Please pay both with the payment references printed on them.
    }
    A reminder may cross a payment you have already made: if you paid in the last few days, please disregard this message.

# How long a mailed link stays valid, as it follows "open this link …".
mail-within = { $unit ->
    [days] { $count ->
        [one] within one day
       *[other] within { $count } days
    }
    [hours] { $count ->
        [one] within one hour
       *[other] within { $count } hours
    }
   *[minutes] { $count ->
        [one] within one minute
       *[other] within { $count } minutes
    }
}

# --- mail: shared parts (greeting by name, footer for addresses without an account)
mail-greeting-name = Hello { $name },
mail-footer-no-account = You receive this message because this address was given to { $provider }. If you did not expect it, you can ignore it.

# Renewals (REN-1..5). Dates are YYYY-MM-DD.
mail-renewal-invoice-subject = { $product } renews on { $expires }: invoice { $number }
mail-renewal-invoice-body = { $product } is set to renew automatically. Its renewal invoice { $number } ({ $total }) is attached; we will charge your stored payment method on { $charge }. There is nothing else to do.
    To pay it another way, or to see it: { $url }
mail-renewal-warranty-subject = { $product } was renewed under the renewal warranty
mail-renewal-warranty-body = { $product } was not renewed by its expiry, so we renewed it for you under its renewal warranty: it runs without interruption until { $until }. Invoice { $number }, attached, is due on { $due }.
    { $url }
mail-renewal-charge-failed-subject = The renewal of { $product } could not be charged
mail-renewal-charge-failed-body = We could not charge your stored payment method for the renewal of { $product }, which expires on { $expires }: { $reason }
    { $next ->
        [none] This was the last automatic attempt. Please pay the invoice by hand before the expiry, or the service stops:
       *[other] We will try again on { $next }. You can also pay the invoice by hand now:
    }
    { $url }
mail-renewal-notice-subject = { $product } expires on { $expires }
mail-renewal-notice-body = { $product } expires on { $expires }, in { $days } day(s), and does not renew automatically. To keep it, renew it from your list of products to pay:
    { $url }
mail-product-expired-subject = { $product } has expired
mail-product-expired-body = { $product } expired on { $expired } without being renewed. It will be suspended on { $suspend } and deleted on { $delete }. Renew it before then to keep it:
    { $url }
mail-product-suspended-subject = { $product } is suspended
mail-product-suspended-body = { $product } expired on { $expired } and is now suspended. It will be deleted on { $delete }; renewing it before then restores it at once:
    { $url }
mail-product-deletion-notice-subject = { $product } will be deleted on { $delete }
mail-product-deletion-notice-body = { $product } is suspended and will be deleted on { $delete }, with what it holds. This is the last notice; renew it before then to restore it:
    { $url }
mail-product-deleted-subject = { $product } was deleted
mail-product-deleted-body = { $product } expired on { $expired } and was not renewed during its grace period: it was deleted today.
    { $url }

# Bank reconciliation (BNK-3): what arrived and where it went.
mail-bank-credit-subject = We received your transfer of { $amount }
mail-bank-credit-body = A bank transfer of { $amount } reached us on { $date }.
    { $outcome ->
        [paid] It paid invoice { $number } in full. Thank you: there is nothing else to do.
        [partially_paid] It paid part of invoice { $number }: { $open } is still open. Please transfer the rest with the invoice's payment reference.
        [overpaid] It paid invoice { $number }, and the { $prepaid } beyond what the invoice owed went to your prepaid account, where it pays your next invoices.
        [top_up] It topped up your prepaid account, where it pays your next invoices.
       *[prepaid] { $reason ->
            [already_paid] Invoice { $number }, whose reference it quoted, was already paid, so the money went to your prepaid account, where it pays your next invoices. If you meant to pay something else, please contact us.
            [other_currency] It arrived in another currency than your account's, so it was kept on a prepaid account in that currency. Please contact us to have it refunded or applied.
            [reused_reference] It quoted the reference of a top-up received before (a standing order?), so it went to your prepaid account too. Please use a new reference for each top-up.
            [unknown_reference] Its reference is not one of your invoices', so the money went to your prepaid account, where it pays your next invoices. If it was meant for an invoice, please contact us.
           *[other] It carried no payment reference, so the money went to your prepaid account, where it pays your next invoices. Next time, please quote the reference printed on the invoice.
        }
    }
    { $link }
mail-bank-reversal-subject = The bank took back a transfer of { $amount }
mail-bank-reversal-body = The bank took back { $amount } it had credited to us for you on { $date } (a reversal or a returned payment).
    { $number ->
        [none] It was taken from your prepaid account; if the account no longer held all of it, our billing team will contact you.
       *[other] Invoice { $number } is therefore open again: please pay it with its payment reference.
    }
    { $link }
