# Field validation messages from civic-domain: the English each check produces, with the
# values in it as arguments. Pages in Welsh show the Welsh; APIs answer in English.

## Public bodies
validation-body-name-missing = Enter the body's name
validation-body-name-too-long = Body's name must be { $max } characters or fewer
validation-body-slug-invalid = Identifier must be 2 to 80 characters: lower-case letters, numbers and single hyphens
validation-body-kind-missing = Select what sort of body this is
validation-body-website-too-long = Website must be { $max } characters or fewer
validation-body-website-invalid = Enter the website as a full address, like https://www.example.gov.uk
validation-body-name-cy-too-long = Body's name in Welsh must be { $max } characters or fewer
validation-body-name-cy-missing = Enter the body's name in Welsh: a body subject to the Welsh Language Standards publishes in both languages

## Services
validation-service-code-missing = Enter the service's code
validation-service-code-too-long = Service's code must be { $max } characters or fewer
validation-service-code-invalid = Code can only contain letters, numbers, spaces, hyphens, dots, colons and slashes
validation-service-name-cy-too-long = Name in Welsh must be { $max } characters or fewer
validation-service-description-cy-too-long = Description in Welsh must be { $max } characters or fewer
validation-service-name-cy-missing = Enter the service's name in Welsh: this body publishes in Welsh and English
validation-service-description-cy-missing = Enter the description in Welsh: this body publishes in Welsh and English
validation-service-channel-detail-cy-too-long = Detail in Welsh must be { $max } characters or fewer
validation-service-name-missing = Enter the service's name
validation-service-name-too-long = Service's name must be { $max } characters or fewer
validation-service-description-missing = Enter a description
validation-service-description-too-long = Description must be { $max } characters or fewer
validation-service-keywords-invalid = Enter at most 30 keywords of 60 characters or fewer each
validation-service-level-missing = Select the service's level on the digital inclusion scale
validation-service-level-invalid = Digital inclusion level must be a whole number from 1 to 9
validation-service-request-type-invalid = Request type must be realtime or batch
validation-service-group-too-long = Group must be { $max } characters or fewer
validation-service-target-days-invalid = Target must be a whole number of working days from 1 to 365
validation-service-channel-unknown = Unknown channel '{ $channel }': use one of online, phone, counter, post or assisted_digital
validation-service-channel-online-repeated = Online is listed more than once
validation-service-channel-phone-repeated = Phone is listed more than once
validation-service-channel-counter-repeated = In person is listed more than once
validation-service-channel-post-repeated = By post is listed more than once
validation-service-channel-assisted-repeated = Help to use the online service is listed more than once
validation-service-channel-detail-too-long = Detail must be { $max } characters or fewer
validation-service-channel-online-missing = Enter the detail for online
validation-service-channel-phone-missing = Enter the detail for phone
validation-service-channel-counter-missing = Enter the detail for in person
validation-service-channel-post-missing = Enter the detail for by post
validation-service-channel-assisted-missing = Enter the detail for help to use the online service
validation-service-channel-online-invalid = Enter the web address in the correct format, like https://www.example.gov.uk/bins
validation-service-channel-phone-invalid = Enter a phone number, like 01632 960 001 or +44 1632 960 001
validation-service-channels-missing = Enter at least one way to use the service
validation-service-channels-offline-missing = Add at least one way to use the service without the internet: phone, in person, by post or assisted digital

## Questions a service asks, and answers to them
validation-question-code-invalid = Question code must be 1 to 50 letters, numbers, hyphens or underscores
validation-question-code-repeated = Question code ‘{ $code }’ is used twice
validation-question-order-invalid = Each question needs its own order, from 1
validation-question-description-invalid = Enter the question, up to 500 characters
validation-question-options-mismatch = List questions need options; other questions must not have any
validation-question-option-incomplete = Every option needs a key and a name
validation-questions-too-many = A service can ask at most 30 questions
validation-answer-not-asked = This service does not ask ‘{ $code }’
validation-answer-missing = Answer ‘{ $question }’
validation-answer-one-only = Choose one answer to ‘{ $question }’
validation-answer-not-an-option = ‘{ $answer }’ is not one of the answers to ‘{ $question }’
validation-answer-not-a-number = ‘{ $question }’ must be a number
validation-answer-not-a-datetime = ‘{ $question }’ must be a date and time with a timezone, like 2026-03-05T14:00:00Z
validation-answer-too-long = ‘{ $question }’ must be one answer of 2,000 characters or fewer

## Requests (reporting a problem)
validation-request-description-too-long = Description must be { $max } characters or fewer
validation-request-lat-invalid = lat must be a number from -90 to 90
validation-request-long-invalid = long must be a number from -180 to 180
validation-request-coordinates-unpaired = Give both latitude and longitude, or neither
validation-request-address-too-long = Address must be 500 characters or fewer
validation-request-uprn-invalid = UPRN must be up to 12 digits
validation-request-postcode-too-long = Postcode must be 10 characters or fewer
validation-request-location-missing = Say where it is: give an address or postcode, or a point on the map
validation-request-media-url-invalid = Media URL must be a full web address
validation-request-name-too-long = Name must be 200 characters or fewer
validation-request-email-invalid = Enter an email address in the correct format, like name@example.org
validation-request-phone-invalid = Enter a phone number, like 01632 960 001
validation-request-name-missing = Enter your name if you want it shown

## Open data catalogue: describing a dataset
validation-dataset-title-length = Give the dataset a title of 1 to 200 characters
validation-dataset-title-no-letters = The title must contain letters or numbers
validation-dataset-description-missing = Describe the data: what it is and where it comes from
validation-dataset-description-too-long = The description must be 20,000 characters or fewer
validation-dataset-licence-invalid = Choose a licence from the list
validation-dataset-frequency-invalid = Choose how often the dataset is updated
validation-dataset-theme-invalid = Choose a theme from the list
validation-dataset-keyword-invalid = Keyword “{ $keyword }” may use only letters, numbers, spaces, hyphens, underscores and full stops, up to 100 characters
validation-dataset-keywords-too-many = Give at most 30 keywords
validation-dataset-temporal-start-invalid = Enter a date as YYYY-MM-DD, such as 2026-04-01
validation-dataset-temporal-end-invalid = Enter a date as YYYY-MM-DD, such as 2026-04-01
validation-dataset-temporal-end-before-start = The last day covered must not be before the first
validation-dataset-spatial-too-long = The area covered must be 200 characters or fewer
validation-dataset-contact-name-too-long = The contact must be 200 characters or fewer
validation-dataset-contact-email-invalid = Enter an email address in the right format, like data@northshire.gov.uk
validation-dataset-link-invalid = Line { $line }: give a web address starting https://, optionally after its format (for example “CSV https://example.org/data.csv”)
validation-dataset-links-missing = Give at least one link to where the data can be downloaded
validation-dataset-links-too-many = Give at most 50 links
validation-dataset-title-cy-too-long = The title in Welsh must be { $max } characters or fewer
validation-dataset-description-cy-too-long = The description in Welsh must be 20,000 characters or fewer
validation-dataset-title-cy-missing = Enter the title in Welsh: this body publishes in Welsh and English
validation-dataset-description-cy-missing = Enter the description in Welsh: this body publishes in Welsh and English

## Open data: requests for data, and data-sharing agreements
validation-data-request-title-missing = Enter the data you want, in a line
validation-data-request-title-too-long = Data you want, in a line must be { $max } characters or fewer
validation-data-request-description-missing = Enter what the data should contain
validation-data-request-description-too-long = What the data should contain must be { $max } characters or fewer
validation-data-request-reason-missing = Enter why you need the data
validation-data-request-reason-too-long = Why you need the data must be { $max } characters or fewer
validation-data-request-email-invalid = Enter an email address in the right format, like name@example.com
validation-data-request-answer-too-long = The answer must be 5,000 characters or fewer
validation-data-request-status-invalid = Choose accepted, published or refused
validation-data-request-promised-on-past = The promised date must be today or later
validation-data-request-promised-on-invalid = Enter the date you will publish the data by, as YYYY-MM-DD
validation-data-request-dataset-missing = Choose the dataset that answers the request
validation-data-request-refusal-reason-missing = Say why the data will not be published
validation-agreement-title-missing = Enter a name for the agreement
validation-agreement-title-too-long = Name for the agreement must be { $max } characters or fewer
validation-agreement-parties-too-few = List every organisation party to the agreement, one per line (at least two)
validation-agreement-parties-too-many = List at most 50 parties of up to 200 characters each
validation-agreement-purpose-missing = Enter what the sharing is for
validation-agreement-purpose-too-long = What the sharing is for must be { $max } characters or fewer
validation-agreement-legal-basis-invalid = Choose the legal basis from the list
validation-agreement-data-items-missing = List the data items shared, one per line
validation-agreement-data-items-too-many = List at most 200 items of up to 200 characters each
validation-agreement-starts-on-invalid = Enter the start date as YYYY-MM-DD, such as 2026-04-01
validation-agreement-review-on-invalid = Enter the review date as YYYY-MM-DD, such as 2026-04-01
validation-agreement-ends-on-invalid = Enter the end date as YYYY-MM-DD, such as 2026-04-01
validation-agreement-review-on-before-start = The review date must not be before the start
validation-agreement-ends-on-before-start = The end date must not be before the start
validation-agreement-owner-missing = Enter the named owner (a person or role)
validation-agreement-owner-too-long = Named owner (a person or role) must be { $max } characters or fewer

## Address register rows
validation-address-uprn-invalid = UPRN must be 1 to 12 digits
validation-address-line-1-missing = The first address line is missing
validation-address-postcode-invalid = '{ $postcode }' is not a UK postcode, like ZZ1 1AA
validation-address-latitude-invalid = latitude must be a number from -90 to 90
validation-address-longitude-invalid = longitude must be a number from -180 to 180
validation-address-coordinates-unpaired = Give both latitude and longitude, or neither

## Performance: transaction events (API) and data sets
validation-event-id-length = Give each event an id of 1 to 100 characters
validation-event-channel-unknown = Unknown channel '{ $channel }': use digital, assisted_digital, phone, counter, post or email
validation-event-started-at-invalid = started_at must be a date and time with a timezone, like 2026-03-05T14:00:00Z
validation-event-outcome-at-invalid = outcome_at must be a date and time with a timezone
validation-event-outcome-at-before-start = outcome_at is before started_at
validation-event-outcome-unknown = Unknown outcome '{ $outcome }': use completed, refused, not_eligible, no_further_action, duplicate, abandoned, failed or pending
validation-event-outcome-at-missing = Give outcome_at with an outcome
validation-event-service-too-long = service must be 100 characters or fewer
validation-event-satisfaction-without-outcome = satisfaction is asked at the outcome: give outcome_at too
validation-event-satisfaction-invalid = satisfaction must be a whole number from 1 to 5
validation-measures-dataset-name-length = Give the data set a name of 1 to 200 characters
validation-measures-dataset-name-no-letters = The name must contain letters or numbers
validation-measures-dataset-hours-invalid = Enter how many hours may pass between batches, from 1 to 8784

## Staff accounts and passwords
validation-new-password-too-short = The new password must be at least { $min } characters
validation-new-password-too-long = The new password must be 1,000 characters or fewer
validation-new-password-mismatch = The two new passwords do not match
validation-staff-email-missing = Enter an email address
validation-staff-email-invalid = Enter an email address in the correct format, like name@example.org
validation-staff-name-missing = Enter a name
validation-staff-name-too-long = Name must be { $max } characters or fewer
validation-staff-password-too-short = Password must be at least { $min } characters
validation-staff-password-too-long = Password must be 1,000 characters or fewer
validation-staff-role-invalid = Choose staff or moderator

## Places that give digital help, and their reported use
validation-place-name-missing = Enter the place's name
validation-place-name-too-long = Name must be { $max } characters or fewer
validation-place-description-too-long = Description must be { $max } characters or fewer
validation-place-name-cy-missing = Enter the place's name in Welsh: this body publishes in Welsh and English
validation-place-description-cy-missing = Enter the description in Welsh: this body publishes in Welsh and English
validation-place-kind = Choose what kind of place it is
validation-place-address-missing = Choose the place's address: find it by postcode
validation-place-address-unknown = The addresses register has no address with UPRN { $uprn }: find the address by postcode
validation-place-address-no-point = The addresses register does not say where that address is, so nobody could find the place by distance: choose another address or add its latitude and longitude to the register
validation-place-opening-day = Choose a day for each opening time
validation-place-opening-time = Enter opening and closing times as hours and minutes, like 09:30 and 17:00
validation-place-opening-order = Closing time { $closes } must be after opening time { $opens }
validation-place-opening-overlap = Opening times { $first } and { $second } on the same day overlap: join them into one
validation-place-opening-too-many = Give at most { $max } opening times a day
validation-place-note-too-long = The note must be { $max } characters or fewer
validation-place-help-unknown = Choose the help given from the list
validation-place-help-missing = Choose at least one kind of help the place gives
validation-place-course-level = Choose course levels from 1 to 9
validation-place-course-levels-missing = Choose the levels the courses are for
validation-place-service-unknown = This body has no service { $service }: choose services from the list
validation-place-accessibility = Choose accessibility features from the list
validation-place-languages = List at most { $max } languages, each 40 characters or fewer, separated by commas
validation-place-booking = Say whether people need to book
validation-place-phone = Enter a phone number, like 01632 960 001
validation-place-email = Enter an email address, like library@example.gov.uk
validation-place-website = Enter a web address starting with https:// or http://
validation-usage-month = Enter the month as a year and month, like 2026-03
validation-usage-month-future = The month cannot be in the future
validation-usage-count = Enter a whole number from 0 to { $max }
validation-usage-empty = Enter the sessions held or the people helped
validation-dataset-restricted-external = Civic can restrict only files it holds: a dataset hosted elsewhere is restricted where it is hosted
validation-dataset-how-to-apply = Say how to apply for access, in up to 2,000 characters
