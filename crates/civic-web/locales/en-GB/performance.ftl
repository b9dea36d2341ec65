# Performance dashboards (national, per body, per service, compare by code), data sets
# pushed from other systems, and the satisfaction survey.

## Page titles and headings

performance-index-title = Performance of public services
performance-index-heading = How public services are performing
performance-index-lead = Figures for every service, computed live from requests and transactions from start to outcome, never typed in.
performance-index-bodies = Public bodies
performance-index-codes-heading = Standard services across bodies, last 12 months
performance-index-codes = Standard services
performance-index-no-transactions = No transactions yet.
performance-breadcrumb = Performance
performance-body-title = Performance – { $body }
performance-body-heading = How { $body }'s services are performing
performance-body-whole-period = All services, the whole period shown
performance-service-title = Performance: { $service } – { $body }
performance-service-heading = How “{ $service }” is performing
performance-service-intro = Every figure is computed from the service's own transactions, from request to outcome, as they happen.
performance-service-about = About this service
performance-service-compare = Compare with other bodies
performance-service-whole-period = The whole period shown
performance-compare-title = Compare bodies: { $code }
performance-compare-caption = Standard service { $code }
performance-compare-heading = { $code }: every body compared
performance-compare-period-label = Period of the figures
performance-compare-all-bodies = All bodies together
performance-compare-national-median = The national median is taken from every body's transactions merged together, not by averaging the bodies' medians.
performance-compare-bars-heading = Median time to outcome by body
performance-compare-chosen = (chosen)
performance-compare-no-bodies = No body has figures for this service yet.
performance-compare-costs-note = Costs per transaction are not comparable across bodies that count costs differently.
performance-compare-check-estimates = Check the estimates:
performance-compare-check-estimates-csv = exact median and 90th percentile by month beside the estimates, as CSV
performance-error-choose-code = Choose a standard service to compare (code=…)

## A query the performance data can not answer (the data API, and dashboards' periods):
## parameter names and values stay as typed. $value is the value given.
performance-data-too-many-rows = That asks for { $groups } groups × { $periods } periods, more than { $max } rows: choose one body or standard service, a longer period or a shorter window
performance-data-period-unknown = period '{ $value }' is not one of day, week, month, quarter or year
performance-data-group-by-unknown = group_by must be body, service or code
performance-data-measures-unknown = measures must be all or counts
# $name is start_at or end_at.
performance-data-date-invalid = { $name } '{ $value }' is not a date like 2026-04-01
performance-data-end-before-start = end_at is before start_at
performance-data-too-long = Ask for at most three years at a time
performance-data-too-many-days = Ask for at most 400 days by day; use week or month for longer
performance-data-service-without-body = service needs body: a service identifier is only unique within its body
performance-data-accuracy-code-missing = code is required: exact times are worked out for one standard service at a time
performance-data-accuracy-national = exact times are national: give code, start_at and end_at only

## Choosing the period

performance-period-label = Show by
performance-update = Update
performance-period-option-day = Days (last 31)
performance-period-option-week = Weeks (last 26)
performance-period-option-month = Months (last 24)
performance-period-option-quarter = Quarters (last 8)
performance-period-option-year = Years (last 2)

# A period's label on charts and in tables: "2 Mar 2026", "w/c 2 Mar 2026" (the week
# commencing), "Mar 2026", "Q1 2026".
performance-period-day = { $day } { $month } { $year }
performance-period-week = w/c { $day } { $month } { $year }
performance-period-month = { $month } { $year }
performance-period-quarter = Q{ $quarter } { $year }
performance-month-short-1 = Jan
performance-month-short-2 = Feb
performance-month-short-3 = Mar
performance-month-short-4 = Apr
performance-month-short-5 = May
performance-month-short-6 = Jun
performance-month-short-7 = Jul
performance-month-short-8 = Aug
performance-month-short-9 = Sep
performance-month-short-10 = Oct
performance-month-short-11 = Nov
performance-month-short-12 = Dec

## Headline figures

performance-figure-started = Transactions started
performance-figure-completed = Completed
performance-figure-completion-rate = Completion rate
performance-figure-take-up = Digital take-up
performance-figure-median = Median time to outcome
performance-figure-p90 = 90% done within
performance-figure-within-target = Done within the target of { $count } working days
performance-figure-satisfied = Satisfied or very satisfied
performance-figure-spend = Spend
performance-figure-cost = Cost per transaction
performance-figure-open = Open now
performance-open-none = none
performance-open-ages = { $open } (median age { $median }, oldest { $oldest })
performance-open-oldest = { $open } (oldest { $oldest })
performance-age-days = { $count } days

# Values in words.
performance-withheld = fewer than 5
performance-not-enough-data = not enough data
performance-no-spend-data = no spend data
# $days is a number with one decimal place, such as 4.5.
performance-days = { $days } days
performance-satisfied-of-answers = { $percent } of { $answers } answers
performance-no-answers = no answers yet
performance-withheld-answers = fewer than 5 answers
performance-accuracy-note = Times are computed from mergeable histograms and are within { $accuracy }% of the exact value. Counts from 1 to 4 are withheld so that nobody can be picked out.

## Charts and tables

performance-channel-digital = Digital
performance-channel-assisted-digital = Assisted digital
performance-channel-phone = Phone
performance-channel-counter = In person
performance-channel-post = Post
performance-channel-email = Email
performance-unit-transactions = transactions
performance-unit-days = days
performance-volume-heading = Volume by channel
performance-volume-chart-title = Transactions started, by channel
performance-volume-chart-description = Stacked columns of transactions started in each period, one colour per channel; the table that follows gives the same figures.
performance-volume-caption = Transactions started, by channel and period
performance-time-heading = Time to outcome
performance-time-chart-title = Time from request to outcome
performance-time-chart-description = Lines of the median and 90th percentile days from start to outcome in each period, with the target as a dashed line; the table that follows gives the same figures.
performance-time-caption = Completions, time to outcome and satisfaction by period
# The target line's label: $count working days, $days calendar days.
performance-target-label = Target: { $count } working days (about { $days } days)
performance-compare-chart-title = Median days from request to outcome, by body
performance-compare-chart-description = One bar per body for the median time to outcome over the whole window; the table that follows gives these and more figures.
performance-each-service = Each service
performance-each-body = Each body
performance-col-period = Period
performance-col-all-channels = All channels
performance-col-service = Service
performance-col-body = Body
performance-col-code = Service code
performance-col-started = Started
performance-col-completed = Completed
performance-col-median = Median
performance-col-median-time = Median time
performance-col-p90 = 90th percentile
performance-col-within-target = Within target
performance-col-take-up = Digital take-up
performance-col-satisfied = Satisfied
performance-col-cost = Cost per transaction
performance-col-open-now = Open now
performance-no-transactions-period = No transactions in this period.

performance-open-data = Open data:
performance-open-data-as-json = as JSON
performance-open-data-schema = what each column means
performance-open-data-services-csv = every service as CSV
performance-open-data-bodies-csv = by body as CSV
performance-open-data-figures-csv = these figures as CSV
performance-open-data-index-bodies-csv = every body by month (CSV)
performance-open-data-index-codes-json = every standard service by month (JSON)

## Data sets from systems outside Civic

performance-datasets-heading = Data from systems outside Civic
performance-dataset-summary = { $count } events, last received { $last }.
performance-dataset-summary-never = { $count } events, last received never.
performance-dataset-never = never
performance-stale = Stale
performance-stale-note = Nothing has arrived for more than { $hours } hours, so recent figures may be incomplete.
performance-stale-cell = nothing for more than { $hours } hours

performance-datasets-title = Data from other systems – { $body }
performance-datasets-title-error = Error: Data from other systems – { $body }
performance-datasets-staff-heading = Data from other systems
performance-datasets-created = Data set set up
# Shown as HTML: keep the <code> elements.
performance-datasets-token-help = Give this token to the system's developers. It is shown only once. They send batches of up to 10,000 transaction events to <code class="code">POST /api/events</code> with the header <code class="code">Authorization: Bearer</code> and the token.
performance-datasets-intro = Services that run outside Civic (a payments system, a case-management system) push their transactions here so that they get the same published measures and dashboards as requests made through Civic. Each event is counted once, however often it is sent.
performance-datasets-none = No data sets yet.
performance-datasets-table = Data sets
performance-col-dataset = Data set
performance-col-events = Events
performance-col-last-received = Last received
performance-col-state = State
performance-datasets-each-event = Each event names its service
performance-datasets-up-to-date = Up to date
performance-datasets-new-heading = Set up a data set
performance-datasets-name-label = Name of the system or data set
performance-datasets-service-label = Service its transactions belong to
performance-datasets-service-several = Several: each event names its service
performance-datasets-hours-label = Hours that may pass between batches before it is shown as stale
performance-datasets-submit = Set up data set
performance-error-dataset-exists = There is already a data set with this name
performance-error-choose-service = Choose one of your services

## The satisfaction survey

performance-survey-title = How satisfied were you?
performance-survey-title-error = Error: how satisfied were you?
performance-survey-thanks-heading = Thank you
performance-survey-thanks = Your answer about request { $request } ({ $service }, { $body }) is recorded. It counts towards the service's published satisfaction figure and is never shown with your name or your request.
performance-survey-see-request = See the request
performance-survey-error = Choose how satisfied you were
performance-survey-caption = { $body }: { $service }, request { $request }
performance-survey-question = Overall, how satisfied were you with how your request was handled?
performance-survey-rating-1 = Very dissatisfied
performance-survey-rating-2 = Dissatisfied
performance-survey-rating-3 = Neither satisfied nor dissatisfied
performance-survey-rating-4 = Satisfied
performance-survey-rating-5 = Very satisfied
performance-survey-send = Send my answer

# The satisfaction survey's email, in the language the person chose when they reported.
performance-email-survey-subject = How did we do? Request { $id } ({ $service })
performance-email-survey-now = Your request { $id } ({ $service }) is now: { $status }.
performance-email-survey-ask = We would like to know how satisfied you are with how it was handled. It is one question and takes a few seconds:
    { $link }
performance-email-survey-private = Your answer is counted in the service's published performance figures. It is never shown with your name or your request.
performance-chart-no-value = No data
performance-chart-empty = No data for this period
