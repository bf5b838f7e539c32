# Mail: shared parts
mail-greeting = Hello,
mail-signature = The { $provider } team
mail-footer = You receive this message because of your account at { $provider }. If you did not expect it, you can ignore it.

# A test mail an operator sends to check the mail settings
mail-test-subject = Test message from { $provider }
mail-test-body = This is a test message. If you can read it, mail delivery works.
