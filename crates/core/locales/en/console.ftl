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
error-back-home = Back to the home page
error-request-id = Reference: { $id }
