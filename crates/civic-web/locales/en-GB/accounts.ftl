# Accounts: signing in, the staff area, passwords, and administrators' pages for public
# bodies and their staff.

accounts-email = Email address

## Signing in

accounts-sign-in-title = Sign in
accounts-sign-in-intro = For staff of public bodies and administrators of this site.
accounts-sign-in-password = Password
accounts-sign-in-button = Sign in
accounts-sign-in-forgotten = Forgotten your password?
accounts-sign-in-after-reset = Sign in with your new password.
accounts-error-email-missing = Enter your email address
accounts-error-password-missing = Enter your password
accounts-error-sign-in-failed = The email address or password is not right

## The staff area

accounts-home-title = Staff area
accounts-home-signed-in-as = Signed in as { $name }
accounts-home-moderator-for = You are a moderator for { $body }.
accounts-home-moderate = Moderate what residents published
accounts-home-public-requests = See the public requests
accounts-home-manage-services = Manage the services of { $body }
accounts-home-requests = Requests from every channel
accounts-home-new-request = Enter a request for someone
accounts-home-add-service = Add a service
accounts-home-api-keys = Open311 API keys
accounts-home-webhooks = Webhooks for partners
accounts-home-datasets = Data from other systems
# One line of three links: "Open data catalogue, requests for data and the data-sharing
# register".
accounts-home-catalogue = Open data catalogue
accounts-home-data-requests = requests for data
accounts-home-and-the = and the
accounts-home-data-sharing = data-sharing register
# One line of two links: "Spend data and performance dashboard".
accounts-home-spend = Spend data
accounts-home-and = and
accounts-home-performance = performance dashboard
accounts-home-public-register = See the public register
accounts-home-change-password = Change your password
accounts-home-sign-out-everywhere-hint = Lost a phone, or signed in on a shared computer? This signs you out on every device, this one too.
accounts-home-sign-out-everywhere = Sign out everywhere
accounts-home-admin-bodies = Add public bodies and their staff
accounts-home-undelivered = Undelivered email
accounts-home-add-supplier = Add a supplier to the supplier register

## Changing a password

accounts-password-title = Change your password
accounts-password-changed = Password changed
accounts-password-changed-elsewhere = You have been signed out everywhere else.
accounts-password-current = Current password
accounts-password-new = New password
accounts-password-new-hint = At least 12 characters. A few unrelated words make a strong password.
accounts-password-confirm = New password again
accounts-password-button = Change password
accounts-error-current-password = Your current password is not right
accounts-error-password-unchanged = The new password must be different from the current one

## Forgotten passwords

accounts-forgot-title = Reset your password
accounts-forgot-intro = Enter the email address you sign in with. We will send a link to choose a new password.
accounts-forgot-send = Send the link
accounts-forgot-sent-title = Check your email
# "If [email address] is the address of an account here, we have sent …": the address,
# in bold, comes between these two messages.
accounts-forgot-sent-if = If
accounts-forgot-sent-rest = is the address of an account here, we have sent it a link to choose a new password.
accounts-forgot-link-works = The link works once, within { $count } minutes. Asking again makes any earlier link stop working.
accounts-forgot-no-email = No email after a few minutes? Check your spam folder, check the address, or ask an administrator of your organisation's account.
accounts-forgot-back = Back to sign in
accounts-error-email-format = Enter an email address in the correct format, like name@example.org

accounts-reset-title = Choose a new password
# "For the account [email address]. Once it is changed …": the address, in bold and
# followed by a full stop, comes between these two messages.
accounts-reset-for = For the account
accounts-reset-then = Once it is changed you are signed out everywhere, and you sign in again with the new password.
accounts-reset-gone-title = This link no longer works
accounts-reset-gone-why = A link to reset a password works once, for a short time, and only the newest one you asked for works.
# "[Ask for a new link], or [sign in] if you remember your password.": two links.
accounts-reset-gone-ask = Ask for a new link
accounts-reset-gone-or = or
accounts-reset-gone-sign-in = sign in
accounts-reset-gone-remember = if you remember your password.

## Administration: public bodies

accounts-bodies-title = Public bodies
accounts-bodies-caption = { $count } bodies on this site
accounts-bodies-body = Body
accounts-bodies-kind = Kind
accounts-bodies-details = Details
accounts-bodies-staff = Staff
accounts-bodies-change-details = Change details
accounts-bodies-manage-staff = Manage staff
# Visually hidden after "Change details" and "Manage staff": " of Northshire Council".
accounts-bodies-of = of { $name }
accounts-bodies-add-heading = Add a public body
accounts-bodies-add-button = Add body
accounts-body-name = Name
accounts-body-slug = Identifier in web addresses (optional)
accounts-body-slug-hint = Lower-case letters, numbers and hyphens, like ‘northshire’. Made from the name if left empty.
accounts-body-kind = Kind of body
accounts-body-kind-choose = Choose a kind
accounts-body-website = Website (optional)
accounts-error-slug-taken = A body with the identifier ‘{ $slug }’ already exists

accounts-body-title = Change the details of { $name }
accounts-body-heading = Change the body's details
# "Its identifier, [northshire], stays the same, so …": the identifier comes between
# these two messages.
accounts-body-identifier-start = Its identifier,
accounts-body-identifier-end = , stays the same, so every web address and open data record that names it keeps working.
# Followed by a link (accounts-body-organisations-register) and a full stop.
accounts-body-recorded-in = The change is recorded in the
accounts-body-organisations-register = organisations register
accounts-body-save = Save changes

accounts-body-kind-county-council = County council
accounts-body-kind-district-council = District council
accounts-body-kind-city-council = City council
accounts-body-kind-unitary-authority = Unitary authority
accounts-body-kind-parish-council = Town or parish council
accounts-body-kind-government-department = Government department or agency
accounts-body-kind-health-trust = Health trust
accounts-body-kind-other = Other public body

## Administration: a body's staff

accounts-staff-title = Staff of { $name }
accounts-staff-heading = Staff
accounts-staff-none = This body has no staff accounts yet.
accounts-staff-caption = { $count } staff accounts
accounts-staff-name = Name
accounts-staff-role = Role
accounts-staff-status = Status
accounts-staff-action = Action
accounts-staff-active = Active
accounts-staff-deactivated = Deactivated
accounts-staff-deactivate = Deactivate
accounts-staff-reactivate = Reactivate
accounts-staff-add-heading = Add a staff account
accounts-staff-full-name = Full name
accounts-staff-initial-password = Initial password
accounts-staff-initial-password-hint = At least 12 characters. Give it to the person privately.
accounts-staff-add-button = Add staff account
accounts-error-email-taken = An account with this email address already exists

accounts-role-staff = Staff
accounts-role-moderator = Moderator
accounts-role-admin = Administrator
accounts-role-staff-description = Manages the body's services, requests, open data and keys, and moderates
accounts-role-moderator-description = Hides and restores what residents published; sees no personal details
accounts-role-admin-description = Runs this Civic site: adds bodies and their people

# A body's Welsh name, and whether it is subject to the Welsh Language Standards.
accounts-body-name-cy = Name in Welsh (optional unless subject to the Welsh Language Standards)
accounts-body-welsh-standards = This body is subject to the Welsh Language Standards
accounts-body-welsh-standards-hint = Its services and datasets are then published only once they exist in Welsh and English.

# Emails to staff about their password, in the language of the page they asked on.
accounts-email-reset-subject = Reset your password
accounts-email-reset-asked = Someone, we hope you, asked to reset the password of the staff account for this email address on { $operator }.
accounts-email-reset-link = To choose a new password, open this link within { $minutes } minutes:
    { $link }
accounts-email-reset-once = The link works once. Using it signs the account out everywhere.
    If you did not ask for this, ignore this email: your password has not changed.
accounts-email-changed-subject = Your password was changed
accounts-email-changed = The password of the staff account for this email address on { $operator } was just changed, and the account was signed out everywhere else.
accounts-email-changed-not-you = If this was you, there is nothing more to do.
    If it was not, choose a new password now at { $link } and tell your organisation's administrator.
