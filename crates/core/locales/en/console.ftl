# Console: layout
skip-to-content = Skip to content
nav-home = Home
nav-main = Main navigation
language-label = Language
language-switch = Change language
footer-text = { $provider } customer centre

# Home page
home-title = Welcome to your customer centre
home-intro = Manage your account, your organisations and the people who work with you, in one place.
home-card-account = Your account
home-card-account-text = Your profile, sign-in, password, sessions and security log.
home-card-orgs = Organisations
home-card-orgs-text = Members and their rights, teams and billing addresses.

# Error pages
error-title = Something went wrong
error-not-found-title = Page not found
error-not-found-text = The page you asked for does not exist or is not yours.
error-unavailable-title = Temporarily unavailable
error-unavailable-text = The service cannot answer right now. Please try again in a moment.
error-invalid-title = Some fields were refused
error-invalid-text = Go back, correct these fields and send the form again:
error-generic-text = An error occurred and has been recorded. Please try again.
error-forbidden-title = Not allowed
error-forbidden-text = This action is not allowed. If you were sending a form, it may have expired: go back, reload the page and try again.
error-rights-text = Your role or rights in this organisation do not open this page. If you need it, ask one of the organisation's owners.
error-too-large-title = Too much sent
error-too-large-text = What you sent is larger than this service accepts. Shorten it (a long text, many entries) and try again.
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
nav-continue = Continue

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
field-error-invalid-characters = Use no control characters (line breaks, tabs…) and no text-direction characters.
field-error-password-too-short = Use at least 8 characters.
field-error-password-too-long = Use at most 128 characters.
field-error-password-too-weak = This password is too easy to guess: choose another one.
field-error-wrong-password = The password is wrong.
field-error-password-required = Enter your current password.
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
reset-done-text = Your password has been changed; every session has ended and every API token has been revoked. Sign in with your new password.
undo-title = Undo the change of your recovery address
undo-intro = This puts the recovery address back as it was before the change, ends every session and revokes every API token. Your login address then gets a link to choose a new password.
undo-submit = Undo the change
undo-done-title = The change was undone
undo-done-text = The recovery address is back as it was, every session has ended and every API token has been revoked. We sent a link to your login address: use it to choose a new password.
undo-invalid-hint = If someone changed your recovery address and this link no longer works, reset your password from the sign-in page: the link also goes to your login address.

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
profile-recovery-hint = Password-reset links go to your login address and to this one. Leave it empty to use your login address only.
profile-recovery-password-hint = Only to change or remove the recovery address: your password confirms it is you.
profile-recovery-pending = Waiting for confirmation: we have sent a link to { $email }.
profile-save = Save
newsletters-title = Newsletters
newsletters-legend = Topics you receive
newsletters-save = Save my choices
password-title = Password
password-change-hint = Changing your password ends your sessions on other devices.
password-save = Change my password
password-revoke-tokens = Also revoke my API tokens (scripts using them stop working)

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
event-recovery-email-change-undone = Recovery address change undone
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

# Organisations: navigation, home and roles (ACC-7, ORG-1)
nav-orgs = Organisations
nav-orgs-switch = Switch organisation
nav-orgs-all = All organisations
home-orgs-title = Your organisations
home-orgs-none = You do not belong to any organisation yet.
home-orgs-create = Create an organisation
role-legal-representative = Legal representative
role-owner = Owner
role-user = Restricted user
role-hint = Owners administer the organisation and hold every right. Restricted users have only the rights chosen below.
form-cancel = Cancel

# Organisations: the list and a new one
orgs-title = Organisations
orgs-intro = The companies and households you manage with this account. Switch between them at any time from the menu at the top.
orgs-mine = Your organisations
orgs-create-title = Create an organisation
orgs-create-hint = You will be its legal representative, and can invite other people afterwards.
orgs-create = Create the organisation
org-field-name = Name of the organisation
org-field-kind = Kind
org-field-country = Country
org-field-language = Language
org-field-currency = Currency
org-field-vat = VAT number
org-kind-company = Company
org-kind-individual = Individual
country-hint = Two-letter ISO code, e.g. CH for Switzerland.
country-ch = Switzerland
country-li = Liechtenstein
country-de = Germany
country-fr = France
country-it = Italy
country-at = Austria
org-currency-hint = Invoices are issued in this currency. It can no longer be changed once the first invoice exists.
org-currency-locked = The currency can no longer be changed: this organisation already has invoices in it.
org-language-hint = The language of the organisation's invoices, and of invitations to people who have no account.
org-vat-hint = A Swiss UID such as CHE-123.456.789 MWST, or an EU VAT number with its country prefix, such as DE123456789.

# One organisation
org-tabs-label = Sections of the organisation
org-your-role = Your role:
org-tab-overview = Overview
org-tab-members = Members
org-tab-teams = Teams
org-tab-billing = Billing
org-tab-audit = Audit log
org-settings-title = Settings
org-settings-save = Save the settings
org-settings-readonly = Only owners can change these settings.
org-settings-hidden = Your rights do not include seeing this organisation's settings.
org-leave-title = Leave this organisation
org-leave-hint = You will lose access to its products and invoices. An owner can invite you again.
org-leave = Leave { $org }

# Members and rights (ORG-2, ORG-3)
members-title = Members
members-who = Name and e-mail address
members-role = Role
members-rights = Rights
members-teams = Teams
members-actions = Actions
members-select = Select
members-select-one = Select { $name }
members-you = You
members-edit = Edit
members-remove-hint = Tick the members to remove, then confirm. The legal representative cannot be removed.
members-remove = Remove the selected members
rights-all = Every right (by role)
rights-none = None
rights-legend = Rights
rights-hint = For restricted users only: owners hold every right. The rights of the user's teams are added to these.
rights-group-billing = Billing
rights-billing-hint = Paying includes viewing; managing includes paying.
rights-group-org = Organisation
rights-group-kinds = Every product of a kind
rights-products = Individual products
rights-products-hint = Product identifiers, separated by commas, e.g. prd_123, prd_456.
right-billing-view = View invoices and billing
right-billing-pay = Pay invoices
right-billing-manage = Manage renewals and payment methods
right-members = See members and teams
right-settings = See the settings
right-kind-domain = All domains
right-kind-web-hosting = All web hostings
right-kind-mail = All mail services
right-kind-suite = All suites
right-kind-drive = All drives
right-kind-nas = All NAS devices
right-product = Product { $id }
member-title = Member
member-edit-title = Role and rights
member-legal-hint = The legal representative's role changes only by a hand-over (on the Members page); they hold every right of an owner.
member-save = Save

# Invitations (ORG-2)
invite-title = Invite someone
invite-hint = We send an invitation link by e-mail, valid for 7 days. Someone without an account can create one through it.
invite-send = Send the invitation
invitations-title = Pending invitations
invitations-empty = No pending invitations.
invitations-expires = Valid until
invitations-resend = Send again
invitations-revoke = Revoke
invitation-status-pending = Pending
invitation-status-expired = Expired
invitation-status-accepted = Accepted
invitation-status-revoked = Revoked
invitation-status-expired-text = This invitation has expired. Ask the organisation to send it again.
invitation-status-accepted-text = This invitation has already been accepted.
invitation-status-revoked-text = This invitation has been withdrawn by the organisation.
invitation-title = Invitation
invitation-org = Organisation
invitation-for = Invited address
invitation-status = Status
invitation-invalid = This invitation link is not valid. A newer one may have replaced it: use the link of the most recent invitation e-mail.
invitation-signed-out = To accept, sign in with the invited address, or create an account with it.
invitation-signin = Sign in to accept
invitation-signup = Create an account
invitation-accept-hint = By accepting, you join the organisation with the role and rights its owners chose.
invitation-accept = Accept the invitation
invitation-wrong-account = This invitation was sent to { $invited }, but you are signed in as { $you }. Sign out, then sign in with the invited address.
invitation-already-member = You are already a member of this organisation.
invitation-open-org = Open { $org }

# Hand-over of the legal representative's role (ORG-6)
handover-title = Legal representative
handover-hint = To hand over the role of legal representative, name an owner. They accept on this page within 7 days; you then remain an owner.
handover-to = New legal representative
handover-start = Ask for the hand-over
handover-no-owner = To hand over the role, first make another member an owner.
handover-pending = Waiting for { $name } to accept, until { $until }.
handover-for-you = You have been named the organisation's new legal representative. Please accept before { $until }.
handover-accept = Become the legal representative
handover-go = See below.

# Teams (ORG-4)
teams-title = Teams
teams-hint = A team's rights apply to each of its members, in addition to their own.
teams-empty = No teams yet.
teams-members = Members of the team
teams-edit = Edit
teams-delete = Delete the team { $name }
teams-create-title = Create a team
teams-edit-title = Change the team
teams-field-name = Name of the team
teams-create = Create the team
teams-save = Save the team

# Billing addresses (ORG-7)
addresses-title = Billing addresses
addresses-hint = Invoices go to the default address, unless another one is chosen when a product is renewed.
addresses-empty = No billing address yet.
addresses-default = Default
addresses-edit = Edit
addresses-make-default = Make default
addresses-delete = Delete
addresses-readonly = Only owners can change the billing addresses.
addresses-add-title = Add an address
addresses-edit-title = Change the address
addresses-form-hint = Structured as on a Swiss QR-bill: the street and the building number apart.
address-field-name = Name (company or person)
address-field-street = Street
address-field-number = Number
address-field-postcode = Postcode
address-field-town = Town
addresses-use-as-default = Use as the default address
addresses-add = Add the address
addresses-save = Save the address

# Audit log (OPS-5)
audit-intro = Every change to this organisation: who made it, on whose behalf, what changed and from where. Times are in the { $zone } time zone.
audit-filter-action = Action
audit-filter-actor = Made by
audit-filter-any-action = All actions
audit-filter-anyone = Anyone
audit-filter-submit = Filter
audit-group-org = Organisation
audit-group-member = Members
audit-group-invitation = Invitations
audit-group-team = Teams
audit-group-address = Billing addresses
audit-group-handover = Hand-over
audit-group-payment = Payments
audit-group-order = Orders
audit-empty = No entries.
audit-who = Who
audit-what = Action
audit-changes = Changes
audit-became = became
audit-removed = (removed)
audit-pages = Pages of the audit log
audit-nobody = Nobody
audit-yes = Yes
audit-no = No
audit-behalf-own = On their own behalf
audit-action-org-created = Organisation created
audit-action-org-updated = Settings changed
audit-action-member-joined = Member joined
audit-action-member-updated = Member's role or rights changed
audit-action-member-removed = Member removed
audit-action-member-left = Member left
audit-action-invitation-created = Invitation sent
audit-action-invitation-resent = Invitation sent again
audit-action-invitation-revoked = Invitation revoked
audit-action-team-created = Team created
audit-action-team-updated = Team changed
audit-action-team-deleted = Team deleted
audit-action-address-created = Billing address added
audit-action-address-updated = Billing address changed
audit-action-address-deleted = Billing address deleted
audit-action-payment-started = Payment started
audit-action-payment-method-removed = Payment method removed
audit-action-order-placed = Order placed
audit-action-order-cancelled = Order cancelled
audit-action-handover-requested = Hand-over requested
audit-action-handover-accepted = Hand-over accepted
audit-target-org = Organisation { $name }
audit-target-user = Member { $name }
audit-target-team = Team { $name }
audit-target-invitation = Invitation to { $name }
audit-target-address = Address { $name }
audit-target-payment = Payment of { $name }
audit-target-method = Payment method { $name }
audit-target-order = Order of { $name }
audit-field-name = Name
audit-field-kind = Kind
audit-field-country = Country
audit-field-language = Language
audit-field-currency = Currency
audit-field-vat-number = VAT number
audit-field-role = Role
audit-field-rights = Rights
audit-field-members = Members
audit-field-email = E-mail address
audit-field-street = Street
audit-field-building-number = Number
audit-field-postcode = Postcode
audit-field-town = Town
audit-field-is-default = Default
audit-field-legal-representative = Legal representative
audit-field-invitation = Invitation
audit-field-amount = Amount
audit-field-items = Items
audit-field-method = Paid by
audit-field-purpose = For
audit-field-invoice = Invoice

# Organisations: notices after saving
orgs-saved-org-created = The organisation has been created. You are its legal representative.
orgs-saved-settings = The settings have been saved.
orgs-saved-left = You have left the organisation.
orgs-saved-joined = Welcome: you are now a member of this organisation.
orgs-saved-member-updated = The member's role and rights have been saved.
orgs-saved-members-removed = The selected members have been removed.
orgs-saved-invited = The invitation has been sent.
orgs-saved-invitation-resent = The invitation has been sent again, with a new link valid for 7 days.
orgs-saved-invitation-revoked = The invitation has been revoked. Its link no longer works.
orgs-saved-handover-requested = The hand-over has been requested. The owner named has been told by e-mail.
orgs-saved-handover-accepted = You are now the legal representative of this organisation.
orgs-saved-team-created = The team has been created.
orgs-saved-team-saved = The team has been saved.
orgs-saved-team-deleted = The team has been deleted.
orgs-saved-address-added = The address has been added.
orgs-saved-address-saved = The address has been saved.
orgs-saved-address-default = The default address has been changed.
orgs-saved-address-deleted = The address has been deleted.

# Organisations: refusals, by their code (ORG-3, ORG-5, ORG-6, ORG-7)
orgs-refused-last-owner = You are the last owner: nobody would administer the organisation any more. Make another member an owner first.
orgs-refused-legal-representative = The legal representative can neither leave nor be removed: hand the role over to another owner first.
orgs-refused-suite-user = You use this organisation's suite: ask an owner to remove you from it first.
orgs-refused-org-mailbox = Your login address is a mailbox of this organisation: change your login address first.
orgs-refused-currency-locked = The currency cannot change once the organisation has an invoice.
orgs-refused-already-member = This person is already a member of the organisation.
orgs-refused-invitation-pending = This address already has a pending invitation: send that one again from the list below instead.
orgs-refused-default-address = Make another address the default before deleting this one.
orgs-refused-not-an-owner = You are no longer an owner of this organisation, so the hand-over cannot complete.
orgs-refused-wrong-account = This invitation was sent to another address: sign in with that one.

# Field errors of the organisation forms
field-error-required = This field is required.
field-error-too-long = This is too long for an invoice: please shorten it.
field-error-invalid-country = Enter a two-letter ISO country code, e.g. CH.
field-error-invalid-postcode = This postcode does not exist in the country chosen.
field-error-invalid-vat-number = This is not a valid VAT number: see the format below the field.
field-error-unknown-right = One of these rights is not valid: a product identifier has only letters, digits, - and _.
field-error-not-a-member = Choose members of this organisation.
field-error-not-an-owner = Choose an owner of this organisation.
field-error-invalid-role = Choose owner or restricted user.
field-error-org-invalid-name = Give a name of 1 to 100 characters.
field-error-team-invalid-name = Give a name of 1 to 60 characters.
field-error-member-required = Choose at least one member.

# --- orgs-console: confirmations, products by name, names instead of ids
right-product-named = { $name }
right-product-unlisted = A product no longer listed
rights-no-products = This organisation has no products yet. Rights on every product of a kind (above) also cover the products to come.
org-leave-confirm-text = You will lose access to { $org }, its products and its invoices at once. An owner can invite you again.
org-leave-confirm = Yes, leave
org-leave-legal-hint = As the legal representative, you cannot leave this organisation. Hand the role over to an owner first; once you are an owner, you can leave.
org-leave-legal-go = Hand over the role
members-remove-confirm-text = The members ticked lose access to the organisation and its products at once. They can be invited again later.
members-remove-confirm = Yes, remove them
invitations-revoke-confirm-text = The link sent to { $email } will stop working. You can invite this address again later.
invitations-revoke-confirm = Yes, revoke
teams-delete-confirm-text = The team { $name } will be deleted. Its members stay in the organisation but lose the rights the team gave them.
teams-delete-confirm = Yes, delete the team
addresses-delete-confirm-text = The address { $name } will be deleted for good.
addresses-delete-confirm = Yes, delete
handover-someone = another member
audit-name-unknown = (no longer known)

# --- ui-shell
nav-menu = Menu
home-capabilities-title = What you can do here
home-card-tokens = API tokens
home-card-tokens-text = Let your scripts and tools use the API on your behalf, with only the rights you choose.
api-docs-title = API reference
api-docs-intro = Every operation of the JSON API, read from its OpenAPI document. Authenticate with an API token in the Authorization header; answers come in an envelope, errors with a stable code.
api-docs-openapi = OpenAPI document (JSON)
api-docs-tokens = Create an API token
api-docs-contents = Contents
api-docs-parameters = Parameters
api-docs-parameter = Name
api-docs-in = In
api-docs-type = Type
api-docs-description = Description
api-docs-required = required
api-docs-optional = optional
api-docs-body = Request body
api-docs-responses = Responses
api-docs-status = Status
api-docs-schemas = Schemas
api-docs-fields = Fields
api-docs-scopes = Token scopes:
api-docs-public = No token needed.

# --- accounts-split
tokens-revoke-confirm = Programs that use the token "{ $name }" will be refused from now on. This cannot be undone.
tokens-revoke-yes = Yes, revoke "{ $name }"
sessions-end-confirm = { $device } will be signed out at once; signing in there again needs the password.
sessions-end-yes = Yes, end this session
support-code-regenerate-confirm = Your current code stops working at once: give the new one when you next call us.
support-code-regenerate-yes = Yes, get a new code
field-error-token-required = Enter a name for the token.
# --- staff
staff-title = Back office
staff-footer = The provider's back office: every search and every summary read is recorded with your name.
staff-signin-title = Staff sign-in
staff-signin-hint = For the provider's staff only. Customers sign in on the console's own page.
staff-signin-submit = Sign in to the back office
staff-signin-invalid = The e-mail address or the password is wrong, or this account has no staff role.
staff-roles = Staff roles
staff-role-support = Support
staff-role-billing = Billing
staff-role-fraud = Fraud
staff-role-admin = Administrator
staff-nav-search = Search
staff-search-title = Find a customer
staff-search-label = E-mail address, support code, organisation or user id, or organisation name
staff-search-hint = An address may be given by its start ("ada@"); a support code with or without its space.
staff-search-submit = Search
staff-search-invalid = Type 1 to 254 characters, without control characters.
staff-results-title = Results
staff-results-users = Users
staff-results-orgs = Organisations
staff-no-results = Nothing found.
staff-pages = Pages of results
staff-previous = Previous page
staff-next = Next page
staff-support-code = Support code
staff-viewing-logged = Your reading of this page is recorded in the staff audit log.
staff-id = Identifier
staff-country = Country
staff-currency = Currency
staff-vat-number = VAT number
staff-created = Created
staff-members = Members
staff-role = Role
staff-addresses = Billing addresses
staff-no-addresses = No billing address.
staff-addresses-hidden = Your roles do not show billing details.
staff-default-address = Default
staff-audit = Latest changes (audit log)
staff-verified = Verified
staff-unverified = Not verified
staff-last-sign-in = Last sign-in
staff-never = Never
staff-user-orgs = Organisations
staff-no-orgs = Member of no organisation.

# Invoices (issue 11)
org-tab-invoices = Invoices
invoices-title = Invoices
invoices-intro = The invoices issued to this organisation, newest first, and their PDFs exactly as they were issued.
invoices-filter-status = Status
invoices-filter-any = Any status
invoices-filter-submit = Show
invoices-empty = No invoice yet.
invoices-empty-filtered = No invoice with this status.
invoices-pages = Pages of invoices
invoices-number = Number
invoices-issued-on = Issued on
invoices-due-on = Due on
invoices-total = Total
invoices-open = Still due
invoices-status = Status
invoices-download = Download
invoices-download-pdf = Download PDF
invoices-status-draft = Draft
invoices-status-issued = Open
invoices-status-partially-paid = Partially paid
invoices-status-paid = Paid
invoices-status-cancelled = Cancelled by credit note
invoices-credit-notes-title = Credit notes
invoices-credit-notes-empty = No credit note.
invoices-credit-notes-pages = Pages of credit notes
invoices-credited-invoice = Credits invoice
invoices-invoice-title = Invoice { $number }
invoices-credit-note-title = Credit note { $number }
invoices-draft-title = Draft invoice
invoices-back = All invoices
invoices-facts = Invoice details
invoices-no-number = Given when issued
invoices-reference = Payment reference
invoices-parties = Seller and buyer
invoices-seller = From
invoices-buyer = To
invoices-vat-number = VAT number
invoices-lines = Lines
invoices-description = Description
invoices-quantity = Quantity
invoices-unit-price = Unit price
invoices-vat-rate = VAT
invoices-amount = Amount
invoices-period = { $from } to { $to }
invoices-net = Subtotal excluding VAT
invoices-vat-at = VAT { $rate } on { $base }
invoices-rounding = Rounding
invoices-draft-total = Total before VAT
invoices-credited = Credited
invoices-draft-vat-hint = The VAT is computed when the invoice is issued, at the rate in force when each service is supplied.
invoices-its-credit-notes = Credit notes of this invoice
invoices-vat-class-standard = Standard rate
invoices-vat-class-reduced = Reduced rate
invoices-vat-class-accommodation = Accommodation rate
invoices-vat-class-zero = No VAT (exempt)
staff-invoices = Invoices
staff-invoices-new = New invoice
staff-invoices-none = No invoice or draft.
staff-invoices-date = Date
staff-invoices-new-title = New invoice
staff-invoices-edit-title = Change the draft
staff-invoices-form-hint = Prices are before VAT, in { $currency }, the organisation's currency. The VAT, the number and the payment reference are given when the draft is issued.
staff-invoices-address = Billing address
staff-invoices-no-address = This organisation has no billing address: the draft can be saved, but it cannot be issued until the organisation adds one.
staff-invoices-lines-hint = Empty rows are left out.
staff-invoices-line = Line { $number }
staff-invoices-unit-price = Unit price before VAT
staff-invoices-vat-class = VAT class
staff-invoices-period-from = Service from
staff-invoices-period-to = Service until
staff-invoices-save-draft = Save the draft
staff-invoices-more-rows = Add more rows
staff-invoices-back-to-org = Back to the organisation
staff-invoices-draft = Draft
staff-invoices-draft-hint = A draft is not an invoice yet: the customer does not see it. Issuing gives it its number, its payment reference, its VAT and its PDF; after that it never changes.
staff-invoices-edit = Change the draft
staff-invoices-issue = Issue
staff-invoices-issue-confirm-text = Issue this invoice of { $total } before VAT? It gets its number and is sent to the customer's invoices; it can then only be corrected by a credit note.
staff-invoices-issue-confirm = Issue the invoice now
staff-invoices-delete = Delete the draft
staff-invoices-delete-confirm-text = Delete this draft? Nothing was issued: no number is lost.
staff-invoices-delete-confirm = Delete it
staff-saved-draft-saved = The draft has been saved.
staff-saved-draft-deleted = The draft has been deleted.
staff-saved-issued = The invoice has been issued.
staff-saved-credited = The credit note has been issued.
staff-saved-reminders-paused = The reminders of this invoice are paused.
staff-saved-reminders-resumed = The reminders of this invoice go on.
staff-saved-refunded = The refund has been made.
staff-payment-title = Payment of { $amount }
staff-payment-refunded = { $amount } refunded
staff-payment-to-prepaid = { $amount } of it went to the prepaid account.
staff-payment-see-invoice = See the invoice
staff-payment-failure = Why it failed
staff-refunds-title = Refunds
staff-refunds-none = No refund yet.
staff-refund-destination = Sent to
staff-refund-destination-gateway = Back the way it was paid
staff-refund-destination-prepaid = The prepaid account
staff-refund-status-pending = Waiting for the payment service
staff-refund-status-succeeded = Refunded
staff-refund-status-failed = Refused by the payment service (back on the prepaid account)
staff-refund-credit-note = Its credit note (PDF)
staff-refund-title = Refund
staff-refund-how = What to refund
staff-refund-how-credit = Credit what remains of the invoice, and send back what that frees
staff-refund-how-prepaid = Send back prepaid credit this payment brought (the amount below)
staff-refund-amount-hint = (only to send back prepaid credit)
staff-refund-submit = Refund
staff-refund-refused-payment-not-captured = This payment has not been received: there is nothing to refund.
staff-refund-refused-nothing-to-refund = The invoice still owed what a credit would free: nothing would go back. Credit the invoice instead.
staff-refund-refused-invoice-fully-credited = Everything on this invoice is credited already: refund prepaid credit instead.
staff-refund-refused-idempotency-key-in-use = This form is being sent already: wait a moment, then reload the page.
staff-reminders-title = Reminders
staff-reminders-none = No reminder has been sent for this invoice.
staff-reminders-sent = Reminder { $level }, sent on { $day }
staff-reminders-paused = Paused: no reminder is sent until they are resumed.
staff-reminders-reason = Reason
staff-reminders-reason-hint = (optional, kept in the audit log)
staff-reminders-pause = Pause reminders
staff-reminders-resume = Resume reminders
staff-credit-title = Credit note
staff-credit-hint = A credit note corrects an issued invoice, in part or in full, at the VAT rates of the original supply. What is credited reduces what is still due; anything beyond goes to the organisation's prepaid account.
staff-credit-reason = Reason
staff-credit-amounts = Amounts to credit, before VAT
staff-credit-amounts-hint = Leave a line empty not to credit it.
staff-credit-line-left = invoiced { $net }, { $left } left
staff-credit-everything = Credit everything left on this invoice
staff-credit-submit = Issue the credit note
staff-credit-to-prepaid = { $amount } to the prepaid account
staff-invoices-refused-invoice-not-draft = This invoice is issued already: it cannot change. Correct it with a credit note.
staff-invoices-refused-invoice-not-issued = A draft is changed or deleted, not credited.
staff-invoices-refused-invoice-empty = The draft has no line: add one before issuing it.
staff-invoices-refused-billing-address-required = The organisation has no billing address to send this invoice to.
staff-invoices-refused-currency-mismatch = The organisation changed its currency since this draft was made: make a new draft.
staff-invoices-refused-vat-rate-missing = No VAT rate is configured for the period of one of the lines.
staff-invoices-refused-invoice-fully-credited = Everything on this invoice is credited already.
staff-invoices-refused-credit-exceeds-invoice = The credit notes would exceed the invoice's total.
staff-invoices-refused-idempotency-key-in-use = This form is being sent already: wait a moment, then reload the page.
field-error-invoice-required = Describe what is invoiced.
field-error-invoice-too-short = An invoice needs at least one line.
field-error-invoice-too-long = This is too long: a description has at most 300 characters, an invoice at most 200 lines.
field-error-invoice-out-of-range = Out of range: a quantity is a whole number from 1 to 1,000,000, and a price cannot be negative.
field-error-invoice-invalid-amount = Write the amount as a decimal number with at most two decimals, e.g. 120.00.
field-error-invoice-invalid-period = The period ends before it starts.
field-error-invoice-invalid-date = Give both days of the period, or neither.
field-error-invoice-invalid-value = Choose a VAT class from the list.
field-error-invoice-unknown-address = Choose one of the organisation's billing addresses.
field-error-credit-too-long = Use at most 500 characters.
field-error-credit-too-short = Give an amount for at least one line, or tick "Credit everything left".
field-error-credit-unknown-line = The invoice has no such line.
field-error-credit-duplicate-line = Name each line once.
field-error-credit-exceeds-line = This is more than the line has left to credit.
field-error-credit-out-of-range = Credit an amount above zero.
field-error-credit-invalid-amount = Write the amount as a decimal number with at most two decimals, e.g. 20.00.
field-error-idempotency-key-reused = This form was sent already. Open the page again to make another document.

## Payments (issue 12): paying invoices, the prepaid account, stored methods.

org-tab-payments = Payments
payments-nav-label = Payments and prepaid account
payments-title = Payments
payments-prepaid-title = Prepaid account
payments-methods-title = Payment methods
payments-pay-heading = Pay this invoice
payments-pay-title = Pay invoice { $number }
payments-back-to-invoice = Back to the invoice
payments-due = Still due:
payments-method = Payment method
payments-chf-only = CHF only
payments-method-card = Card (Visa, Mastercard…)
payments-method-postfinance = PostFinance Card
payments-method-paypal = PayPal
payments-method-twint = Twint
payments-method-prepaid = Prepaid account
payments-method-bank-transfer = Bank transfer
payments-method-stored = Stored: { $method }
payments-brand-visa = Visa
payments-brand-mastercard = Mastercard
payments-brand-cb = CB
payments-brand-twint = Twint
payments-brand-postfinance = PostFinance Card
payments-expires = expires { $date }
payments-use-prepaid = Use my prepaid credit first ({ $balance } available)
payments-save-method = Keep this card for later payments and renewals
payments-pay-submit = Pay { $amount }
payments-nothing-due = Nothing is left to pay on this invoice.
payments-no-right = Paying needs the right to pay invoices: ask an administrator of the organisation.
payments-refused-payment-in-flight = A payment for this invoice is still in progress. Finish it or wait a few minutes, then look at the invoice again.
payments-refused-invoice-not-payable = This invoice has nothing left to pay.
payments-error-invalid-amount = Write the amount as a number with a point, e.g. 20.00: a top-up is between { $min } and { $max }.
payments-error-out-of-range = A top-up is between { $min } and { $max }.
payments-error-method-not-available = This payment method is not available for this account: choose another.
payments-error-insufficient-prepaid = The prepaid account no longer holds enough: pay by another method.
payments-error-unknown-payment-method = This stored payment method no longer exists: choose another.
payments-error-payment-method-mismatch = This stored payment method cannot be used this way: choose another.
payments-error-idempotency-key-reused = This form was already sent. Open the page again to pay again.
payments-status-pending = Started
payments-status-requires-action = Waiting for you
payments-status-processing = Being confirmed
payments-status-succeeded = Paid
payments-status-failed = Failed
payments-status-cancelled = Cancelled
payments-status-awaiting-transfer = Awaiting transfer
payments-purpose-invoice = Invoice payment
payments-purpose-top-up = Top-up
payments-payment-title = Payment
payments-outcome-pending = We are waiting for the payment service's confirmation of { $amount }.
payments-outcome-requires-action = The payment of { $amount } is not finished: continue on the payment service's page.
payments-outcome-processing = We are waiting for the payment service's confirmation of { $amount }. This usually takes less than a minute.
payments-outcome-succeeded = Thank you: { $amount } was received.
payments-outcome-failed = The payment of { $amount } did not go through; nothing was charged.
payments-outcome-cancelled = The payment of { $amount } was cancelled; nothing was charged.
payments-outcome-awaiting-transfer = Transfer { $amount } with the details below; the payment is booked when it reaches our account.
payments-failure-reason = Reason: { $reason }
payments-failure-card-declined = the card was declined.
payments-failure-insufficient-funds = the account did not have enough funds.
payments-failure-expired-card = the card has expired.
payments-failure-authentication-failed = the payment was not confirmed with your bank.
payments-failure-gateway-unavailable = the payment service could not be reached. Try again in a moment.
payments-to-prepaid = { $amount } of it was no longer needed by the invoice and is on your prepaid account.
payments-invoice-paid = The invoice is paid.
payments-continue = Continue the payment
payments-check-again = Check again
payments-rechecking = This page updates itself every few seconds.
payments-transfer-title = Bank transfer
payments-transfer-hint = Quote the reference exactly, so that the payment is matched to the invoice.
payments-transfer-iban = IBAN
payments-transfer-reference = Reference
payments-transfer-amount = Amount
payments-transfer-pdf = Download the PDF with the QR-bill
payments-created = Date
payments-invoice = Invoice
payments-purpose = For
payments-amount = Amount
payments-status = Status
payments-empty = No payment yet.
payments-pages = Pages of payments
payments-balance = Balance:
payments-prepaid-hint = Credit on the prepaid account pays invoices and renewals before anything else is charged.
payments-prepaid-empty = Nothing has been booked on the prepaid account yet.
payments-prepaid-history = History of the prepaid account
payments-booked-on = Booked on
payments-entry = Entry
payments-entry-payment-captured = Payment received
payments-entry-invoice-paid = Invoice paid from the account
payments-entry-credit-note-issued = Credit note
payments-entry-refund-sent = Refund sent
payments-entry-refund-reversed = Refund returned to the account
payments-top-up-title = Top up
payments-top-up-limits = Between { $min } and { $max }.
payments-top-up-submit = Top up
payments-methods-hint = Cards and Twint kept for later payments and renewals. Only the brand, the last four digits and the expiry are kept here.
payments-methods-empty = No stored payment method.
payments-method-remove = Remove
payments-method-remove-confirm-text = Remove { $method }? It will no longer be charged for renewals.
payments-method-remove-confirm = Yes, remove it
payments-saved-method-removed = The payment method was removed.

## Catalogue (issue 13, CAT-1): the public page of what the provider sells.

home-catalog = Our products and prices
catalog-title = Products and prices
catalog-before-vat = Prices before VAT.
catalog-currency-label = Prices in:
catalog-contents = On this page
# Group headings; the names of mail, drive and chat also list what a suite includes.
catalog-group-domain = Domain names
catalog-group-web-hosting = Web hosting
catalog-group-mail = E-mail
catalog-group-suite = Collaboration suites
catalog-group-drive = Online storage
catalog-group-chat = Team chat
catalog-group-nas = NAS devices
catalog-group-premium-support = Premium support
catalog-domains-caption = Domain names and their prices per year
catalog-domain-tld = Extension
catalog-domain-register = Registration per year
catalog-domain-renew = Renewal per year
catalog-domain-years = Period
catalog-years-range = { $min }–{ $max } years
catalog-years = { $years ->
    [one] { $years } year
   *[other] { $years } years
    }
catalog-price-months = { $months ->
    [one] { $price } / month
   *[other] { $price } / { $months } months
    }
catalog-price-years = { $years ->
    [one] { $price } / year
   *[other] { $price } / { $years } years
    }
catalog-per-mailbox = per mailbox, for { $min } to { $max } { $count ->
    [one] mailbox
   *[other] mailboxes
    }
catalog-per-user = per user, for { $min } to { $max } { $count ->
    [one] user
   *[other] users
    }
catalog-per-device = per device, for { $min } to { $max } { $count ->
    [one] device
   *[other] devices
    }
catalog-storage-title = Storage
catalog-storage = { $min } GB included, up to { $max } GB in steps of { $step } GB
catalog-storage-step = { $price } per { $step } GB
catalog-includes = Includes
catalog-warranty-yes = Renewal warranty available
catalog-warranty-no = No renewal warranty
