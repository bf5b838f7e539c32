# Console: layout
skip-to-content = Skip to content
nav-home = Home
nav-main = Main navigation
language-label = Language
language-switch = Change language
footer-text = { $provider } customer centre

# Home page
home-title = Welcome to your customer centre
home-intro = Manage your account, your organisations and their people, your products, invoices and payments in one place.
home-card-account = Your account
home-card-account-text = Sign-in, password, two-factor security and API tokens.
home-card-orgs = Organisations
home-card-orgs-text = Members, rights, teams and billing addresses.
home-card-billing = Products and billing
home-card-billing-text = Orders, renewals, invoices and payments.
home-status = Service status
home-status-ok = All systems operational

# Error pages
error-title = Something went wrong
error-not-found-title = Page not found
error-not-found-text = The page you asked for does not exist or is not yours.
error-unavailable-title = Temporarily unavailable
error-unavailable-text = The service cannot answer right now. Please try again in a moment.
error-generic-text = An error occurred and has been recorded. Please try again.
error-forbidden-title = Not allowed
error-forbidden-text = This action is not allowed. If you were sending a form, it may have expired: go back, reload the page and try again.
error-back-home = Back to the home page
error-request-id = Reference: { $id }

# Layout: account navigation
nav-profile = Profile
nav-security = Security
nav-tokens = API tokens
nav-signin = Sign in
nav-signup = Sign up
nav-signout = Sign out
nav-signed-in-as = Signed in as

# Forms
form-has-errors = Please correct the fields below.
form-see-below = See below.
form-throttled = { $seconds ->
    [one] Too many attempts. Please wait one second before trying again.
   *[other] Too many attempts. Please wait { $seconds } seconds before trying again.
    }
field-email = E-mail address
field-password = Password
field-new-password = New password
field-current-password = Current password
field-name = Name
field-optional = (optional)
field-language = Language
field-recovery-email = Recovery e-mail address
password-rules = At least 8 characters. Avoid common passwords and your own name or address; a few unrelated words make a strong one.

# Field errors, by code
field-error-invalid-email = Enter a valid e-mail address, like name@example.com.
field-error-invalid-name = Use at most 100 characters.
field-error-password-too-short = Use at least 8 characters.
field-error-password-too-long = Use at most 128 characters.
field-error-password-too-weak = This password is too easy to guess: choose another one.
field-error-wrong-password = The password is wrong.
field-error-same-as-login = The recovery address must differ from your login address.
field-error-no-scope = Choose at least one scope.
field-error-unknown-scope = Choose scopes from the list.
field-error-date-in-past = Choose a date after today.
field-error-date-too-far = Choose a date within five years.
field-error-unknown-topic = Choose topics from the list.
field-error-invalid-value = This value is not valid.

# Notices after saving
saved-profile = Your profile has been saved.
saved-password = Your password has been changed. Your other sessions have been ended.
saved-newsletters = Your newsletter choices have been saved.
saved-support-code = You have a new support code. The old one no longer works.
saved-session-ended = The session has been ended.
saved-token-revoked = The token has been revoked. It no longer works.

# Sign-up (ACC-1)
signup-title = Create your account
signup-intro = Your e-mail address is your login. We will send you a link to confirm it.
signup-submit = Create my account
signup-have-account = Already have an account?
signup-done-title = Check your mailbox
signup-done-text = We have sent a message to { $email }. Open the link it contains to confirm your address and finish creating your account.
signup-done-hint = The link is valid for { $hours ->
    [one] one hour
   *[other] { $hours } hours
    }. If nothing arrives within a few minutes, look in your spam folder.
signup-done-resend = Send the link again

# Sign-in
signin-title = Sign in
signin-submit = Sign in
signin-forgot = Forgot your password?
signin-no-account = No account yet?
signin-invalid = The e-mail address or the password is wrong.
signin-unverified = Please confirm your e-mail address first, with the link we sent you. Need a new link?
second-factor-title = Second step required
second-factor-text = This account is protected by a second factor, and confirming it is not yet possible in this console. Please contact support.

# E-mail verification
verified-title = Address confirmed
verified-text = Thank you: your e-mail address is confirmed. You can now sign in.
recovery-verified-title = Recovery address confirmed
recovery-verified-text = Thank you: password-reset links will now go to this address.
link-invalid-title = Link invalid or expired
link-invalid-text = This link is not valid: it may have been used already, replaced by a newer one, or it has expired.
verify-invalid-hint = Enter your address to receive a new confirmation link.
reset-invalid-hint = Ask for a new link to reset your password.
resend-title = Get a new confirmation link
resend-intro = Enter the address you signed up with. If it is waiting for confirmation, we will send a new link.
resend-submit = Send a new link
resend-done-title = Check your mailbox
resend-done-text = If an account with the address { $email } is waiting for confirmation, we have sent it a new link.

# Password reset (ACC-3)
forgot-title = Reset your password
forgot-intro = Enter your login address. We will send a link to choose a new password to your recovery address, or to your login address if you have none.
forgot-submit = Send the link
forgot-done-title = Check your mailbox
forgot-done-text = If an account exists for { $email }, we have sent a link to choose a new password.
forgot-done-hint = The link is valid for { $minutes ->
    [60] one hour
   *[other] { $minutes } minutes
    }. If nothing arrives, look in your spam folder or in the mailbox of your recovery address.
reset-title = Choose a new password
reset-submit = Change my password
reset-done-title = Password changed
reset-done-text = Your password has been changed, and every session has been ended. Sign in with your new password.

# Profile (ACC-3, ACC-4, ACC-5)
profile-title = Your profile
support-code-title = Support code
support-code-hint = Give this code when you call our support: it lets us identify you quickly and safely.
support-code-regenerate = Get a new code
profile-login-title = Login
profile-email-verified = Confirmed address. It is your login and cannot be changed here.
profile-email-unverified = This address is not confirmed yet.
profile-member-since = Account created on { $date }
profile-details-title = Your details
profile-language-hint = Used for the console and for the messages we send you.
profile-recovery-hint = Password-reset links go to this address. Leave it empty to use your login address.
profile-recovery-pending = Waiting for confirmation: we have sent a link to { $email }.
profile-save = Save
newsletters-title = Newsletters
newsletters-legend = Topics you receive
newsletters-save = Save my choices
password-title = Password
password-change-hint = Changing your password ends your sessions on other devices.
password-save = Change my password

# Security (SEC-5)
security-title = Security
sessions-title = Active sessions
sessions-intro = The devices where you are signed in. End a session you do not recognise, then change your password.
sessions-this = This session
sessions-this-hint = To end this session, sign out.
sessions-ip = IP address
sessions-started = Signed in
sessions-last-seen = Last activity
sessions-end = End this session
log-title = Security log
log-intro = Sign-ins, password changes and other security events on your account. Times are in the { $zone } time zone.
log-empty = No events yet.
log-when = When
log-event = Event
log-ip = IP address
log-device = Device
log-pages = Pages of the security log
log-newer = Newer
log-older = Older
log-page-of = Page { $page } of { $pages }
device-browser-on-os = { $browser } on { $os }
device-unknown = Unknown device
event-signed-up = Account created
event-email-verified = E-mail address confirmed
event-sign-in-succeeded = Signed in
event-sign-in-failed = Failed sign-in attempt
event-signed-out = Signed out
event-session-ended = Session ended
event-password-changed = Password changed
event-password-reset-requested = Password reset requested
event-password-reset = Password reset
event-recovery-email-change-requested = Recovery address requested
event-recovery-email-changed = Recovery address changed
event-recovery-email-removed = Recovery address removed
event-support-code-regenerated = New support code
event-token-created = API token created
event-token-revoked = API token revoked
event-token-deactivated = Unused API token deactivated

# API tokens (API-1)
tokens-title = API tokens
tokens-intro = Tokens let your programs use the API on your behalf, with only the rights you choose.
tokens-new-title = Your new token "{ $name }"
tokens-new-warning = Copy it now: for your security, it will not be shown again.
tokens-new-copy-hint = Keep it like a password, in a password manager or your program's secret settings.
tokens-copy = Copy the token
tokens-copied = Copied
tokens-new-usage = Send it in each request's header:
tokens-list-title = Your tokens
tokens-empty = You have no API tokens yet.
tokens-scopes = Scopes
tokens-created = Created
tokens-last-used = Last used
tokens-expires = Valid until
tokens-never = Never
tokens-no-expiry = No end date
tokens-revoke = Revoke "{ $name }"
tokens-create-title = Create a token
tokens-field-name = Name
tokens-field-name-hint = To recognise it later, e.g. "Backup script".
tokens-field-scopes = What the token may do
tokens-field-expires = Last day of validity
tokens-field-expires-hint = Without a date the token works until you revoke it, or until it has gone unused for a year.
tokens-field-password-hint = Confirm with your password.
tokens-create = Create the token
token-status-active = Active
token-status-expired = Expired
token-status-revoked = Revoked
token-status-deactivated = Deactivated
scope-profile-read = Read your profile.
scope-profile-write = Change your profile.
scope-security-read = Read your sessions and security log.
scope-security-write = End your sessions.
scope-tokens-read = List your API tokens.
scope-tokens-write = Create and revoke API tokens.
scope-orgs-read = Read your organisations.
scope-orgs-write = Change your organisations.

# Dates
format-date = { $day } { $month } { $year }
format-datetime = { $date }, { $time }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
