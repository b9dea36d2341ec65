# Requests for data and the data-sharing register: public pages and the staff pages.

## Page titles and the pages after a form is sent

stewardship-list-title = Requests for data – { $body }
stewardship-new-title = Ask { $body } for data
stewardship-sharing-title = Data-sharing register – { $body }
stewardship-check-email-title = Check your email
stewardship-check-email-request = We have sent a link to { $email }. Open it to publish your request to { $body }. Your email address is never published; we use it only to tell you the answer.
stewardship-check-email-support = We have sent a link to { $email }. Open it to add your support. Your address is never published.
stewardship-already-supported-title = You already support this request
stewardship-already-supported = Each email address is counted once. If you have not opened the link we sent, your support is not counted yet.
stewardship-notice-published = Your request is published. The body has been asked to answer it.
stewardship-notice-supported = Thank you: your support is counted.

## Statuses of a request for data

stewardship-status-unconfirmed = Waiting for email confirmation
stewardship-status-open = Waiting for an answer
stewardship-status-accepted = Accepted
stewardship-status-published = Published
stewardship-status-refused = Refused

## A body's requests for data

stewardship-requests-for-data = Requests for data
stewardship-list-lead = Ask for data the body holds but does not publish. Every request is public, anyone can support it, and the body must answer: accepted with a date, published, or refused with a reason.
stewardship-ask-for-data = Ask for data
stewardship-how-quickly = How quickly { $body } answers
stewardship-requests = Requests
stewardship-answered-count = Answered
stewardship-median = Median time to answer
stewardship-days =
    { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
stewardship-no-answers-yet = No answers yet
stewardship-within-20 = Answered within 20 working days
stewardship-overdue = Waiting more than 20 working days
# Followed by links to the open data files.
stewardship-as-open-data = As open data:
stewardship-requests-csv = every request with its answer and response time (CSV)
stewardship-requests-caption = Requests for data, newest first
stewardship-data-asked-for-column = Data asked for
stewardship-asked = Asked
stewardship-supporters = Supporters
stewardship-status = Status
stewardship-no-requests = No requests yet.

## One request for data

stewardship-requests-to = Requests for data to { $body }
stewardship-request-caption = Request for data { $id } to { $body }
stewardship-days-later =
    { $count ->
        [one] { $count } day later
       *[other] { $count } days later
    }
stewardship-answered = Answered
stewardship-promised-by = Promised by
stewardship-published-as = Published as
stewardship-body-answer = The body's answer
stewardship-data-asked-for = The data asked for
stewardship-why-needed = Why it is needed
stewardship-support = Support this request
stewardship-support-intro = Want this data too? Add your support: we send a link to confirm it. Each address counts once and is never published.
stewardship-your-email = Your email address

## Asking for data

stewardship-new-intro = Your request is published so others can support it; your email address is not. We tell you by email when the body answers, after you confirm your address with the link we send.
stewardship-new-intro-signed-in = Your request is published so others can support it; your email address is not. We tell you by email when the body answers.
stewardship-title-label = The data you want, in a line
stewardship-description-label = What should the data contain?
stewardship-description-hint = For example the fields, the area and the years.
stewardship-reason-label = Why do you need it?
stewardship-signed-in = You are signed in: we will use your account's email address, and your request is published straight away.
stewardship-send-request = Send request

## Staff: answering requests for data

stewardship-staff-intro = Every request must be answered: accept it with the date you will publish by, mark it published with the dataset, or refuse it with a reason. The requester is emailed, and how long you took is published.
stewardship-staff-median =
    { $days ->
        [one] Median so far: { $days } day; { $overdue } waiting more than 20 working days.
       *[other] Median so far: { $days } days; { $overdue } waiting more than 20 working days.
    }
stewardship-staff-median-none = Median so far: no answers yet; { $overdue } waiting more than 20 working days.
stewardship-supporter-count =
    { $count ->
        [one] { $count } supporter
       *[other] { $count } supporters
    }
stewardship-answer-legend = Answer to request { $id }
stewardship-answer-accepted = Accepted: we will publish it
stewardship-promised-on-label = If accepted: publish by (YYYY-MM-DD)
stewardship-dataset-label = If published: the dataset
stewardship-choose-dataset = Choose a dataset
stewardship-answer-label = Reason for refusing, or a note
stewardship-save-answer = Save answer
# Visually hidden, after "Save answer".
stewardship-save-answer-hidden = to request { $id }
stewardship-error-dataset-not-yours = Choose one of your datasets

## The data-sharing register

stewardship-sharing-register = Data-sharing register
stewardship-sharing-lead = Every agreement under which { $body } shares data with another organisation, why, under what law, and who is accountable.
# "As open data: CSV, JSON, and its dataset page."
stewardship-sharing-and = and
stewardship-sharing-dataset-page = its dataset page
stewardship-parties = Parties
stewardship-purpose = Purpose
stewardship-legal-basis = Legal basis
stewardship-data-shared = Data shared
stewardship-starts = Starts
stewardship-next-review = Next review
stewardship-ends = Ends
stewardship-no-end-date = No end date
stewardship-owner = Owner
stewardship-no-agreements = No agreements recorded.

## Legal bases (stored in English; shown in the page's language)

stewardship-basis-consent = UK GDPR Article 6(1)(a): consent
stewardship-basis-contract = UK GDPR Article 6(1)(b): contract
stewardship-basis-legal-obligation = UK GDPR Article 6(1)(c): legal obligation
stewardship-basis-vital-interests = UK GDPR Article 6(1)(d): vital interests
stewardship-basis-public-task = UK GDPR Article 6(1)(e): public task
stewardship-basis-legitimate-interests = UK GDPR Article 6(1)(f): legitimate interests
stewardship-basis-digital-economy-act = Digital Economy Act 2017, Part 5
stewardship-basis-statutory-gateway = Another statutory gateway
stewardship-basis-no-personal-data = No personal data shared

## Staff: the data-sharing register

# Followed by a link ("your data-sharing register page") and the end of the sentence.
stewardship-staff-sharing-intro = Record every agreement under which you share data. The register is public at
stewardship-staff-sharing-link = your data-sharing register page
stewardship-staff-sharing-intro-end = and as open data.
stewardship-review-by = review by { $date }
stewardship-change = Change
stewardship-none-recorded = None recorded yet.
stewardship-change-agreement = Change an agreement
stewardship-record-agreement-heading = Record an agreement
stewardship-agreement-name-label = Name of the agreement
stewardship-parties-label = Parties, one organisation per line
stewardship-choose-legal-basis = Choose the legal basis
stewardship-data-items-label = Data items shared, one per line
stewardship-starts-label = Starts (YYYY-MM-DD)
stewardship-review-label = Next review (YYYY-MM-DD)
stewardship-ends-label = Ends (YYYY-MM-DD, or leave empty)
stewardship-owner-label = Owner (the person or role accountable)
stewardship-save-changes = Save changes
stewardship-record-agreement = Record agreement

# Emails about requests for data, in the language the person chose.
stewardship-email-confirm-subject = Confirm your request for data: { $title }
stewardship-email-confirm-asked = You asked { $body } for data: { $title }
stewardship-email-confirm-link = To publish your request, confirm your email address by opening this link:
    { $link }
stewardship-email-confirm-private = Your email address is never published. We will tell you when the body answers.
    If you did not ask for this, ignore this email and nothing will be published.
stewardship-email-support-subject = Confirm your support: { $title }
stewardship-email-support-asked = Someone asked to add this address's support to the request for data "{ $title }".
stewardship-email-support-link = To count your support, open this link:
    { $link }
stewardship-email-support-private = Your address is never published. If it was not you, ignore this email.
stewardship-email-answered-subject = Your request for data: { $status }
stewardship-email-answered = { $body } has answered your request for data "{ $title }": { $status }.
stewardship-email-answered-promised = The data will be published by { $date }.
stewardship-email-answered-published = The data is published:
    { $link }
stewardship-email-answered-see = See the request:
    { $link }

stewardship-error-confirm-link = This confirmation link is not right. Check you copied the whole link from the email.
stewardship-error-support-link = This link is not right. Check you copied the whole link from the email.
stewardship-error-agreement-number = The agreement number is not right.
