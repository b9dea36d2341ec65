# Requests: reporting a problem, public request lists and pages, subscriptions, the staff
# inbox and assisted entry.

## Shared

requests-report-a-problem = Report a problem
requests-report-to-body = Report a problem to { $body }
requests-optional = (optional)
requests-choose = Choose
requests-status = Status
requests-filter-all = All
requests-filter-open = Open
requests-filter-closed = Closed
requests-pagination = Results pages
requests-previous-page = Previous page
requests-next-page = Next page
requests-reference-caption = Reference { $id } · { $body }
requests-reported = Reported
requests-where = Where
requests-duplicate-of = Duplicate of
requests-email-address = Email address
requests-address-or-place = Address or place
requests-postcode-optional = Postcode (optional)
requests-describe-problem = Describe the problem
requests-requests = Requests
requests-enter-for-someone = Enter a request for someone
requests-overdue = Overdue
requests-unconfirmed = Unconfirmed

## Statuses

requests-status-received = Received
requests-status-acknowledged = Acknowledged
requests-status-in-progress = In progress
requests-status-action-scheduled = Action scheduled
requests-status-reopened = Reopened
requests-status-fixed = Fixed
requests-status-closed = Closed
requests-status-not-responsible = Not our responsibility
requests-status-duplicate = Duplicate
requests-status-no-further-action = No further action

## Channels

requests-channel-web = Website
requests-channel-api = App or other system
requests-channel-phone = Phone
requests-channel-counter = In person
requests-channel-post = Letter
requests-channel-email = Email

## Choosing what to report

requests-choose-intro = Choose what the problem is about. You can also report by phone, in person or by post: each service's page says how.
requests-choose-none = { $body } does not take reports on this site yet.
requests-choose-other = Other
requests-choose-see-reported = See problems already reported

## The report form

requests-report-title = { $service } – report to { $body }
requests-lookup-label = Find the address by postcode
requests-lookup-hint = Then choose it from the list. Or type the address below.
requests-lookup-button = Find address
requests-lookup-none = No addresses found in that postcode. Type the address instead.
requests-choose-address = Choose the address
requests-address-not-listed = It is not listed, or it is not at an address
requests-where-is-it = Where is it?
requests-where-hint = Give the address or the nearest one, or describe the place, like ‘outside 12 High Street’
requests-map-position = Give a map position instead (latitude and longitude)
requests-latitude = Latitude
requests-longitude = Longitude
requests-description-hint = Up to 4,000 characters. Do not include personal details such as names or phone numbers: this will be published.
requests-photo-label = Add a photo (optional)
requests-photo-hint = A JPEG or PNG up to 10 MB. Location and camera details are removed before it is published.
requests-your-details = Your details
requests-your-details-intro = We use these to confirm your report and tell you what happens. They are never published.
requests-name-optional = Name (optional)
requests-phone-optional = Phone number (optional)
requests-show-name = Show my name on the public report (otherwise it says ‘reported by a resident’)
requests-send-report = Send report

## Check your email

requests-sent-title = Check your email
requests-sent-lead = We have sent a link to
requests-sent-body = Open it to confirm. Nothing is published or sent on until you do. If it has not arrived in a few minutes, check your spam folder.

## A body's reported problems

requests-list-title = Reported problems – { $body }
requests-list-heading = Reported problems
requests-list-problem = Problem
requests-list-all-problems = All problems
requests-list-near-lat = Near latitude
requests-list-near-long = Near longitude
requests-list-show = Show
requests-list-open-data = Open data:
requests-list-csv = all requests (CSV)
requests-list-json = JSON
requests-list-updates-csv = every update (CSV)
requests-list-atom = Atom feed
requests-list-none = No problems match.
requests-list-meta = Reference { $id } · reported { $when }

## One request

requests-show-title = { $service } – request { $id }
requests-show-breadcrumb = Problems reported to { $body }
requests-show-done = Done
requests-show-confirmed = Thank you. Your report is confirmed and published. We have sent you an email with its reference, and will email you when it changes.
requests-show-subscribed = You will get an email when this request changes.
requests-show-reported-by = { $when }, by { $name } ({ $channel })
requests-show-reported-by-resident = { $when }, by a resident ({ $channel })
requests-show-map-position = Map position
requests-show-target-date = Target date
requests-show-duplicate-link = request { $id }
requests-show-what-reported = What was reported
requests-show-photo-alt = Photo sent with the report
requests-show-what-happened = What has happened
requests-show-get-updates = Get updates
requests-show-subscribe-hint = We will email you when this request changes. You can stop at any time.
requests-show-subscribe-button = Email me updates
requests-show-follow = Or follow the
requests-show-atom = Atom feed
requests-show-open-data = This request as open data:
requests-show-json = JSON
requests-show-manage = Manage this request

## Stopping updates

requests-unsubscribe-title = Stop getting updates
requests-unsubscribed-title = You will not get any more updates
requests-unsubscribed = You have been removed from this request's updates.
requests-unsubscribe-button = Stop sending me updates

## The staff inbox

requests-inbox-title = Requests – { $body }
requests-inbox-service = Service
requests-inbox-all-services = All services
requests-inbox-channel = Channel
requests-inbox-all-channels = All channels
requests-inbox-overdue-only = Overdue only
requests-inbox-mine = Assigned to me
requests-inbox-filter = Filter
requests-inbox-none = No requests match.
requests-inbox-caption = Requests, newest first
requests-inbox-reference = Reference
requests-inbox-service-place = Service and place
requests-inbox-hidden = Hidden
requests-inbox-private = Private

## A request in the staff area

requests-staff-title = Request { $id } – { $service }
requests-staff-saved = Saved
requests-staff-saved-body = Your change has been saved.
requests-staff-saved-public = Anyone following this request has been sent an email about public changes.
requests-staff-reported-by = { $when } by { $channel }
requests-staff-target = Target
requests-staff-no-address = No address
requests-staff-description = Description
requests-staff-assigned-to = Assigned to
requests-staff-who-can-see = Who can see it
requests-staff-everyone = Everyone
requests-staff-staff-only = Staff only (private)
requests-staff-hidden = Staff only (hidden by a moderator)
requests-staff-contact = Contact details (private)
requests-staff-name = Name
requests-staff-email = Email
requests-staff-phone = Phone
requests-staff-not-given = Not given
requests-staff-update-heading = Update this request
requests-staff-update = Update (optional)
requests-staff-update-hint = Published on the request's page and emailed to anyone following it, unless you tick ‘private note’.
requests-staff-private = This is a private note for staff (the status is not changed)
requests-staff-assign-to = Assign to
requests-staff-keep = Keep as it is
requests-staff-nobody = Nobody
requests-staff-duplicate = Duplicate of request (optional)
requests-staff-duplicate-hint = The reference number of the request this repeats. Marks this one as a duplicate.
requests-staff-hide = Hide it (moderation)
requests-staff-save = Save
requests-staff-history = History
requests-staff-private-note = Private note
requests-staff-public-page = See the public page

## Entering a request for someone

requests-new-service = Service:
requests-new-choose-another = choose another
requests-new-channel = How did the request reach you?
requests-new-what-told = What did they tell you?
requests-new-person = The person's details (optional)
requests-new-person-intro = Only take these if the person wants updates. They are never published.
requests-new-phone = Phone number
requests-new-consent = The person agreed to us keeping these details to tell them about this request
requests-new-private = Keep this request private (not on public pages or open data)
requests-new-save = Save request
requests-new-choose-service = Choose the service the request is about.

## Field errors

requests-error-email-format = Enter an email address in the correct format, like name@example.org
requests-error-description = Describe the problem
requests-error-uprn = Choose an address from the list, or type the address
requests-error-email = Enter your email address, so we can confirm your report and tell you about it
requests-error-channel = Choose how the request reached you
requests-error-consent = Confirm the person agreed to us keeping their contact details, or leave the details empty
requests-error-description-told = Describe the problem as the person told you
requests-error-status = Choose a status from the list
requests-error-update-length = The update must be 4,000 characters or fewer
requests-error-private-note = Write the private note
requests-error-assignee = Choose someone from the list
requests-error-duplicate = Enter the reference number of another request
requests-error-visibility = Choose who can see it
requests-error-duplicate-unknown = There is no request with that reference for this body

# Emails, in the language the person chose when they reported or subscribed.
requests-email-confirm-report-subject = Confirm your report: { $service } (reference { $id })
requests-email-confirm-report-thanks = Thank you for your report to us.
requests-email-confirm-report-what = { $service }
    Reference: { $id }
requests-email-confirm-report-link = To send it, confirm your email address by opening this link:
    { $link }
requests-email-confirm-report-not-you = If you did not make this report, ignore this email and it will not be sent.
requests-email-confirm-subscription-subject = Confirm you want updates on request { $id }
requests-email-confirm-subscription-asked = Someone asked for updates on request { $id } ({ $service }) to be sent to this address.
requests-email-confirm-subscription-link = To start getting them, open this link:
    { $link }
requests-email-confirm-subscription-not-you = If it was not you, ignore this email.
requests-email-update-subject = Update on request { $id }: { $status }
requests-email-update-now = Request { $id } ({ $service }) is now: { $status }.
requests-email-update-history = See the whole history:
    { $link }
requests-email-update-stop = Stop getting these emails:
    { $link }

requests-error-subscription-link = This link is not right or the subscription has ended.
requests-error-status-filter = Status '{ $status }' is not open, closed or all.
requests-error-latitude = Latitude must be a number from -90 to 90.
requests-error-longitude = Longitude must be a number from -180 to 180.
requests-error-confirm-link = This confirmation link has already been used or is not right. If you have confirmed your report already, it is published.
requests-error-status-unknown = Status '{ $status }' is not one Civic knows.
requests-error-channel-unknown = Channel '{ $channel }' is not one Civic knows.

# Atom feeds, in the language of the address they are read at (`/cy/…` for Welsh).
requests-feed-entry-title = { $service } (reference { $id }): { $status }
requests-feed-entry-summary = { $service } is now { $status }.
requests-feed-request-title = { $service } – request { $id } to { $body }
requests-feed-body-title = Problems reported to { $body }
