# The service register: a body's services, national search, one service's page, the
# digital inclusion scale, and staff pages to manage services.

## Register and national search

services-register-title = Services – { $body }
services-register-heading = { $body }: services
services-all-title = All services
services-all-title-page = All services (page { $page } of { $pages })
services-search-label-body = Search these services by name or keyword
services-search-label-all = Search all services by name or keyword
services-search-hint = Every word must match, in any form ("bins" finds "bin"). Put a phrase in "quotes", or end a word with * to find words starting with it.
services-search-button = Search
services-count =
    { $count ->
        [one] { $count } service
       *[other] { $count } services
    }
services-count-matching =
    { $count ->
        [one] { $count } service matching ‘{ $query }’
       *[other] { $count } services matching ‘{ $query }’
    }
services-clear-search = clear search
# Followed by links to the CSV and JSON files: "… open data: CSV or JSON."
services-download = Download this list as open data:
services-download-or = or
services-none-found = No services found. Try different words.
# Under each service in a list: "Digital inclusion level 6 (Task specific)".
services-list-level = Digital inclusion level { $level } ({ $name })
# $ways is a list of channels: "Online, Phone, In person".
services-list-ways = Ways to use it: { $ways }
services-results-pages = Results pages
services-previous-page = Previous page
services-next-page = Next page

## One service

services-breadcrumb-services = Services
services-retired-notice = This service is no longer offered.
services-retired-kept = It is kept here so its history stays public.
# A link, then a colon, then services-performance-detail.
services-performance-link = How this service is performing
services-performance-detail = volumes, time to outcome, satisfaction and cost, live.
services-how-to-use = How to use this service
services-help-heading = If you need help to use it online
services-no-assisted-digital = This service has no assisted digital route listed. Use one of the other ways above.
services-skills-heading = Digital skills needed
# "Level 6 of 9 on the [digital inclusion scale]: Task specific." – the link text
# (services-scale-link) follows this message.
services-level-of-nine = Level { $level } of 9 on the
services-scale-link = digital inclusion scale
services-skills-excludes-many = People with fewer digital skills may need help to use it online, or can use another way above.
services-standard-code = Standard code
services-also-known-as = Also known as
services-last-updated = Last updated
# Followed by a link to the JSON file.
services-as-open-data = This service as open data:
services-change-this = Change this service
services-see-history = See its history

## Channels: the ways to use a service

services-channel-online = Online
services-channel-phone = Phone
services-channel-counter = In person
services-channel-post = By post
services-channel-assisted-digital = Help to use the online service
services-channel-hint-online = The web address, like https://www.example.gov.uk/bins
services-channel-hint-phone = The phone number, like 01632 960 001
services-channel-hint-counter = The address and opening times
services-channel-hint-post = The postal address
services-channel-hint-assisted-digital = How people get help: who to call or where to go, and when

## The digital inclusion scale

services-scale-title = The digital inclusion scale
services-scale-lead = Each service says the least digital skill a person needs to use it on their own, on a scale from 1 to 9.
services-scale-body = The scale was used by the Government Digital Service to grade its services. A service at level 6 or above leaves out many people unless it also offers help or another way to use it, so every service here lists all its ways in, including assisted digital help.
services-scale-caption = Levels of the digital inclusion scale
services-scale-level = Level
services-scale-name = Name
services-level-name-1 = Never have, never will
services-level-name-2 = Was online, but no longer
services-level-name-3 = Willing and unable
services-level-name-4 = Reluctantly online
services-level-name-5 = Learning the ropes
services-level-name-6 = Task specific
services-level-name-7 = Basic digital skills
services-level-name-8 = Confident
services-level-name-9 = Expert

## Staff: managing services

services-manage = Manage services
services-manage-title = Manage services – { $body }
services-saved-title = Saved
services-saved = Your changes to ‘{ $name }’ have been saved.
services-list-caption = { $count } services, including retired ones
services-list-service = Service
services-list-code = Code
services-list-status = Status
services-list-actions = Actions
services-status-active = Active
services-status-retired = Retired
services-list-change = Change
services-list-history = History
# Visually hidden after "History": " of Report a pothole".
services-list-history-of = of { $name }

services-form-add-title = Add a service
services-form-change-title = Change { $name }
services-form-change-heading = Change ‘{ $name }’
services-form-name = Name
services-form-name-hint = What people call it, like ‘Report a missed bin collection’
services-form-code-hint = Its code in the Local Government Service List or another standard list, like ‘LGSL 524’
services-form-description = Description
services-form-description-hint = What the service is and who it is for, in plain English
services-form-keywords = Keywords (optional)
services-form-keywords-hint = Other words people search for, separated by commas
services-form-channels = Ways to use the service
services-form-channels-hint = Fill in every way people can use it. Leave a box empty if that way is not offered. Include at least one way that does not need the internet.
services-form-level = Digital skills needed to use it online alone
# "The level on the [digital inclusion scale], from 1 … to 9 …": the link text is
# services-scale-link, between these two messages.
services-form-level-hint-start = The level on the
services-form-level-hint-end = , from 1 ‘never have, never will’ to 9 ‘expert’
services-form-requests = Problem reports and requests
services-form-accepts-requests = People can report a problem or make a request to this service, on this site and through Open311
services-form-group = Group (optional)
services-form-group-hint = Where it is listed on the report form, like ‘Waste’ or ‘Roads’
services-form-target-days = Target time to outcome, in working days (optional)
services-form-target-days-hint = Requests still open after this show as overdue
services-form-save = Save service
services-retire-heading = Retire this service
services-restore-heading = Restore this service
services-retire-explained = Retire a service when it is no longer offered. It stays in the register, marked as retired, with its history.
services-retire-button = Retire ‘{ $name }’
services-restore-button = Restore ‘{ $name }’
services-see-history-of-this = See the history of this service

## Staff: a service's history

services-history-title = History of { $name }
services-history-heading = History of ‘{ $name }’
services-history-created-by = Added by { $actor }
services-history-updated-by = Changed by { $actor }
services-history-retired-by = Retired by { $actor }
services-history-restored-by = Restored by { $actor }
# Table captions; $when is a date and time.
services-history-fields-created = Fields added on { $when }
services-history-fields-updated = Fields changed on { $when }
services-history-fields-retired = Fields retired on { $when }
services-history-fields-restored = Fields restored on { $when }
services-history-field = Field
services-history-before = Before
services-history-after = After
services-field-code = Code
services-field-name = Name
services-field-description = Description
services-field-keywords = Keywords
services-field-digital-inclusion-level = Digital inclusion level
services-field-status = Status
services-field-channel = Channel: { $channel }

# The Welsh beside the English on the service form.
services-form-name-cy = Name in Welsh
services-form-welsh-hint = Required if your organisation is subject to the Welsh Language Standards. Otherwise, leave blank and the Welsh page will say this is not yet in Welsh.
services-form-description-cy = Description in Welsh
services-form-channel-cy = { $channel } in Welsh
services-not-in-welsh = This service's details are not available in Welsh yet.
