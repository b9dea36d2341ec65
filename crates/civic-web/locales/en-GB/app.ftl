# The frame every page shares, the error page and messages, dates.

app-skip-link = Skip to main content
app-main-menu = Main menu
app-nav-services = All services
app-nav-bodies = Public bodies
app-nav-catalogue = Open data
app-nav-staff = Staff area
app-nav-admin = Administration
app-sign-out = Sign out
app-staff-sign-in = Staff sign in
app-support-links = Support links
app-footer-scale = The digital inclusion scale
app-footer-addresses = Find an address
app-footer-registers = Registers (verifiable open data)
app-footer-performance = Performance of public services
app-footer-open311 = Open311 API
app-footer-services-csv = All services as open data (CSV)
app-footer-openapi = API description (OpenAPI)
app-footer-privacy = Privacy notice
app-footer-accessibility = Accessibility statement
app-footer-developers = APIs for developers
app-footer-suppliers = Supplier register
app-footer-licence = Open data on this site is available under the Open Government Licence v3.0, except where otherwise stated.
app-footer-welsh-welcome = We welcome correspondence in Welsh and English. Writing to us in Welsh will not lead to any delay.

# The language switch: the label in the page's language, the hidden description in the
# language it switches to.
app-language-nav = Choose a language
app-language-change = Change the language to English

app-breadcrumb = Breadcrumb
app-home = Home
app-error-summary-title = There is a problem
app-error-prefix = Error:
app-error-you-can = You can
app-error-go-start = go to the start page
app-error-or = or
app-error-search-services = search all services
app-error-code = Error code { $status }

app-error-not-found-title = Page not found
app-error-not-found = If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.
app-error-sign-in-title = You need to sign in
app-error-sign-in = Sign in to see this page.
app-error-forbidden-title = You do not have access to this page
app-error-forbidden = Your account cannot see or change this. Staff can only manage their own organisation's services.
app-error-form-expired-title = Your form could not be sent
app-error-form-expired = This can happen if the page was open for a long time or cookies are blocked. Go back, reload the page and try again.
app-error-bad-request-title = There is a problem with your request
app-error-too-large-title = What you sent is too large
app-error-too-large = Send less at once: forms take up to 1 MB, and photos and files up to 10 MB each.
app-error-invalid-title = There is a problem
app-error-conflict-title = That already exists
app-error-conflict = Something with the same name or identifier already exists. Choose another.
app-error-too-many-title = Too many tries
app-error-too-many = To keep the service working for everyone, we limit how often one person or app can send forms, reports or passwords. Try again in { $wait } seconds.
app-error-busy-title = Sorry, the service is busy
app-error-busy = Too many people are signing in at once. Nothing you sent was saved. Try again in { $wait } seconds.
app-error-unavailable-title = Sorry, the service is unavailable
app-error-unavailable = We could not reach our database. Nothing you sent was half-saved. Try again in a few minutes.
app-error-internal-title = Sorry, there is a problem with the service
app-error-internal = Something went wrong on our side. Try again later.
app-error-page-number = Page must be a whole number from 1.

app-results =
    { $count ->
        [one] 1 result
       *[other] { $count } results
    }
app-previous = Previous
app-next = Next
app-page-of = Page { $page } of { $pages }

app-month-1 = January
app-month-2 = February
app-month-3 = March
app-month-4 = April
app-month-5 = May
app-month-6 = June
app-month-7 = July
app-month-8 = August
app-month-9 = September
app-month-10 = October
app-month-11 = November
app-month-12 = December
app-date-time = { $date } at { $time } UTC

# Asked wherever a person first gives us an email address (the Welsh Language Standards:
# ask, record, and write in that language from then on).
app-correspondence-legend = Which language should we write to you in?
app-correspondence-hint = We will send every email about this in the language you choose. We welcome correspondence in Welsh, and writing in Welsh will not cause any delay.
app-not-in-welsh = This is not available in Welsh yet.

app-error-control-character = What you sent contains a control character (such as a NUL byte) that no text can hold here. Remove it and send again.
app-error-query-unreadable = The address's query could not be read ({ $reason }). Check each parameter is given once and has a value of the right kind.
app-error-form-unreadable = The form could not be read ({ $reason }).
app-error-form-unreadable-because = The form could not be read: { $reason }
app-error-form-unreadable-plain = The form could not be read.
app-error-upload-unreadable = The upload could not be read: { $reason }
app-error-photo-too-large = The photo must be smaller than { $max } MB
app-error-photo-type = The photo must be a JPEG or PNG image
app-error-photo-damaged-jpeg = The JPEG image is damaged
app-error-photo-damaged-png = The PNG image is damaged
# Fetching an address someone gave.
app-fetch-not-web = “{ $address }” is not a web address: give one starting with https:// or http://.
app-fetch-unresolvable = No server called { $host } could be found: check the address.
app-fetch-private = { $host } is on a private or local network, which Civic does not fetch from: give a public address, or upload the file instead.
app-fetch-redirected = That address sends readers on to { $to }: give that address instead.
app-fetch-status = That address answered with an error (HTTP { $status }): check it opens in a browser.
app-fetch-too-large = The file at that address is larger than { $mib } MiB.
app-fetch-failed = That address could not be read ({ $reason }): try again, or upload the file instead.
