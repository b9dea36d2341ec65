# The open data catalogue: search pages, each dataset's page and the staff pages for a
# body's datasets. (The CKAN API, DCAT and the other machine documents stay in English.)

catalogue-title = Open data
catalogue-title-body = Open data – { $body }
catalogue-title-error = Error: Open data
catalogue-lead-body = Every dataset this body publishes: Civic's own records (service registers, requests, performance and spending) and the data staff publish. Free to use under the licence shown.
catalogue-lead-all = Every dataset published through Civic: Civic's own records (service registers, requests, performance and spending) and the data staff publish. Free to use under the licence shown.
# "Cannot find what you need? [Ask Northshire Council for data]. See also its [data-sharing register]."
catalogue-ask-intro = Cannot find what you need?
catalogue-ask-link = Ask { $body } for data
catalogue-sharing-before = See also its
catalogue-sharing-link = data-sharing register
catalogue-error-search = Your search could not be read: { $reason }.
# Why a search could not be read ($reason in catalogue-error-search), from civic-domain's
# query reader: the same English the CKAN API answers with. $field is the field name typed.
catalogue-query-not-a-time = “{ $value }” is not a time: write 2026-01-31T00:00:00Z, 2026-01-31 or *
catalogue-query-range-not-closed = A range is not closed: end it with ] or {"}"}
catalogue-query-range-shape = Write a range as [from TO to], such as [2026-01-01 TO *]
catalogue-query-quote-not-closed = A quotation mark is not closed: add the closing " after the phrase
catalogue-query-or-alone = OR must have a search term after it
catalogue-query-and-alone = AND must have a search term after it
catalogue-query-not-alone = NOT must have a search term after it
catalogue-query-too-deep = The query nests too deeply: use at most { $max } brackets or NOTs inside each other
catalogue-query-brackets-empty = Brackets must contain a search term
catalogue-query-bracket-not-closed = A bracket is not closed: add the closing ) after the terms
catalogue-query-bracket-not-opened = A closing bracket ) has no opening bracket before it
catalogue-query-type-value-missing = Give a value after “{ $field }:”, such as { $field }:dataset
catalogue-query-match-all = Write *:* to match every dataset
catalogue-query-no-such-field = There is no field called “{ $field }”: search title, name, notes, tags, organization, res_format, license_id, groups or source
catalogue-query-range-not-taken = Only metadata_modified and metadata_created take a range, not { $field }
catalogue-query-range-needed = Search { $field } with a range, such as { $field }:[2026-01-01T00:00:00Z TO *]
catalogue-query-value-missing = Give a value after “{ $field }:”, such as { $field }:example
catalogue-query-colon-alone = A colon must follow a field name, as in title:roads
catalogue-query-and-or-alone = AND and OR must come between two search terms
catalogue-query-range-alone = A range must follow a field, as in metadata_modified:[2026-01-01 TO *]
catalogue-query-ends-early = The query ends where a search term was expected
catalogue-query-too-long = The query is too long: use at most { $max } characters
catalogue-query-unread = The query could not be read to the end
catalogue-search-region = Datasets
catalogue-search-label = Search datasets
catalogue-search-hint = Words, “a phrase”, or a field such as tags:waste
catalogue-search-button = Search
catalogue-facet-any = Any
catalogue-facet-body = Published by
catalogue-facet-theme = Theme
catalogue-facet-format = Format
catalogue-facet-licence = Licence
catalogue-facet-level = Certificate
catalogue-sort = Order
catalogue-sort-relevance = Best match
catalogue-sort-modified = Recently updated
catalogue-sort-title = Title, A to Z
catalogue-results =
    { $count ->
        [one] 1 dataset
       *[other] { $count } datasets
    }
catalogue-results-paged =
    { $count ->
        [one] 1 dataset, page { $page } of { $pages }
       *[other] { $count } datasets, page { $page } of { $pages }
    }
catalogue-result-updated = Updated { $date }
catalogue-no-results = No datasets match. Try fewer words or fewer filters.
catalogue-pages = Results pages
catalogue-previous-page = Previous page
catalogue-next-page = Next page
catalogue-developers = For developers
# "[CKAN-compatible API] (/api/3/action/…): works with existing CKAN clients and harvesters"
catalogue-ckan-api = CKAN-compatible API
catalogue-ckan-api-note = works with existing CKAN clients and harvesters
# "[The whole catalogue as DCAT (JSON-LD)] and [as Turtle]"
catalogue-dcat-all = The whole catalogue as DCAT (JSON-LD)
catalogue-and = and
catalogue-as-turtle = as Turtle

# A dataset's page.
catalogue-edit-description = Edit this dataset's description
catalogue-data = Data
catalogue-download = Download { $name } as { $format }
catalogue-download-csvw = CSV on the Web description of { $name } as CSV
catalogue-columns-of = Columns of { $name }
catalogue-columns = Columns
catalogue-col-column = Column
catalogue-col-type = Type
catalogue-col-meaning = Meaning
catalogue-not-described = Not described
catalogue-no-downloads = No downloads yet.
catalogue-about = About this dataset
catalogue-last-updated = Last updated
catalogue-first-published = First published
catalogue-frequency = Updated
catalogue-time-covered = Time covered
catalogue-area-covered = Area covered
catalogue-not-stated = Not stated
catalogue-coverage-between = { $start } to { $end }
catalogue-coverage-from = From { $start }
catalogue-coverage-until = Up to { $end }
catalogue-keywords = Keywords
catalogue-none = None
catalogue-contact = Contact
catalogue-none-given = None given
catalogue-source = Source
catalogue-source-upload = Uploaded by staff; Civic serves the table.
catalogue-source-external = Hosted elsewhere; Civic lists where to download it.
catalogue-source-own = Published by Civic from its own records, always up to date.
catalogue-certificate-heading = Certificate: { $level }
catalogue-certificate-intro = Worked out from the dataset's description each time this page is shown, in the spirit of the Open Data Institute's certificates (pilot, standard, expert, exemplar).
catalogue-to-reach = To reach { $level }
catalogue-every-check-met = This dataset meets every check.
catalogue-every-check = Every check
catalogue-check-met = Met: { $requirement } ({ $level })
catalogue-check-not-met = Not met: { $requirement } ({ $level })
catalogue-ckan-package-show = CKAN API: package_show
catalogue-dcat-one = DCAT description (JSON-LD)
catalogue-datapackage = Frictionless Data Package descriptor

# Certificate levels.
catalogue-level-none = Not yet certified
catalogue-level-pilot = Pilot
catalogue-level-standard = Standard
catalogue-level-expert = Expert
catalogue-level-exemplar = Exemplar

# The certificate's checks and what to do about each.
catalogue-check-open-licence = Published under an open licence
catalogue-check-open-licence-advice = Choose an open licence such as the Open Government Licence.
catalogue-check-described = A title and a description of at least one sentence
catalogue-check-described-advice = Describe what the data is, where it comes from and what it is for.
catalogue-check-download = At least one file or API to download
catalogue-check-download-advice = Upload the data as CSV or link to where it can be downloaded.
catalogue-check-machine-readable = In a machine-readable, open format (CSV or JSON)
catalogue-check-machine-readable-advice = Publish the data as CSV or JSON, not only as a PDF or web page.
catalogue-check-schema = Every table has a column-by-column schema
catalogue-check-schema-advice = Upload CSV files to Civic, which records each column and its type.
catalogue-check-schedule = A stated update schedule
catalogue-check-schedule-advice = Say how often the dataset is updated.
catalogue-check-contact = A contact who answers questions about the data
catalogue-check-contact-advice = Give a contact email address (a team address is best).
catalogue-check-addresses = Stable, secure web addresses for every download
catalogue-check-addresses-advice = Host the files on Civic, or link to them over https.
catalogue-check-on-schedule = Updated on its schedule
catalogue-check-on-schedule-advice = Publish the update that is due, or correct the stated schedule.
catalogue-check-coverage = The time and place covered are stated
catalogue-check-coverage-advice = Give the first day the data covers and the area it covers.
catalogue-check-keywords = Keywords and a theme help people find it
catalogue-check-keywords-advice = Add keywords and choose a theme.
catalogue-check-columns = Every column is described in words
catalogue-check-columns-advice = Describe what each column holds and in what units.
catalogue-check-metadata = Every table is published with CSV on the Web and Data Package metadata
catalogue-check-metadata-advice = Host the tables on Civic, which publishes both descriptions.
catalogue-check-live = Updated as things happen, with a JSON API
catalogue-check-live-advice = Publish the data continuously, with dated records and a JSON API.

# How often a dataset is updated.
catalogue-frequency-continuous = As things happen
catalogue-frequency-daily = Daily
catalogue-frequency-weekly = Weekly
catalogue-frequency-monthly = Monthly
catalogue-frequency-quarterly = Quarterly
catalogue-frequency-annual = Yearly
catalogue-frequency-irregular = Irregularly
catalogue-frequency-never = Not updated

# The types of a table's columns.
catalogue-column-type-string = Text
catalogue-column-type-integer = Whole number
catalogue-column-type-number = Number
catalogue-column-type-boolean = True or false
catalogue-column-type-date = Date
catalogue-column-type-datetime = Date and time

# Data themes (the EU's DCAT-AP vocabulary).
catalogue-theme-gove = Government and public sector
catalogue-theme-econ = Economy and finance
catalogue-theme-soci = Population and society
catalogue-theme-heal = Health
catalogue-theme-envi = Environment
catalogue-theme-tran = Transport
catalogue-theme-educ = Education, culture and sport
catalogue-theme-regi = Regions and cities
catalogue-theme-just = Justice, legal system and public safety
catalogue-theme-ener = Energy
catalogue-theme-tech = Science and technology
catalogue-theme-agri = Agriculture, fisheries, forestry and food
catalogue-theme-intr = International issues

# Licences.
catalogue-licence-ogl = Open Government Licence v3.0
catalogue-licence-cc-by = Creative Commons Attribution 4.0
catalogue-licence-cc0 = Creative Commons Zero 1.0 (public domain)
catalogue-licence-odbl = Open Data Commons Open Database Licence 1.0
catalogue-licence-odc-by = Open Data Commons Attribution Licence 1.0
catalogue-licence-closed = Not open: reuse only with permission

# Staff: a body's datasets.
catalogue-staff-intro = Your catalogue lists Civic's own datasets (your service register, requests, performance and spending) and any you add. Give each a contact and a full description to raise its certificate. Everything here is public at
catalogue-staff-public-link = your open data page
catalogue-staff-datasets = Datasets
catalogue-staff-col-dataset = Dataset
catalogue-staff-col-change = Change
catalogue-staff-edit = Edit

# Staff: adding and editing a dataset.
catalogue-add-title = Add a dataset
catalogue-edit-title = Edit { $title }
catalogue-error-page-title = Error: { $title }
catalogue-form-new-version = A new version of the table (optional)
catalogue-form-new-version-hint = A CSV file replaces every row; columns with the same name keep their descriptions. Leave empty to keep the table.
catalogue-form-links = Links
catalogue-form-links-hint = One per line: the format, a space, then the web address, such as CSV https://example.org/data.csv
catalogue-form-kind = Where is the data?
catalogue-form-kind-upload = I will upload a CSV file for Civic to publish
catalogue-form-kind-external = It is published elsewhere: I will give the links
catalogue-form-file = CSV file (if uploading)
catalogue-form-file-hint = UTF-8, commas between values, the column names on the first line, up to 20 MB. Civic works out each column's type and checks every line.
catalogue-form-links-external = Links (if published elsewhere)
catalogue-form-title = Title
catalogue-form-description = Description
catalogue-form-description-hint = What the data is, where it comes from, what it can be used for and anything to watch out for.
# The title and description side by side in both languages, whatever the page's language.
catalogue-form-title-en = Title in English
catalogue-form-title-cy = Title in Welsh
catalogue-form-description-en = Description in English
catalogue-form-description-cy = Description in Welsh
catalogue-form-welsh-required = Your body publishes in Welsh and English (the Welsh Language Standards): give the title and description in both languages before the dataset is published.
catalogue-form-welsh-optional = Welsh readers see the English until you give the Welsh.
catalogue-form-in-english = In English
catalogue-form-in-welsh = In Welsh
catalogue-form-frequency = How often is it updated?
catalogue-form-tags-hint = Separated by commas
catalogue-form-start = First day the data covers
catalogue-form-start-hint = As YYYY-MM-DD, such as 2025-04-01
catalogue-form-end = Last day the data covers (leave empty if it goes on)
catalogue-form-contact-name = Contact (a team or role)
catalogue-form-contact-email = Contact email address
catalogue-form-columns = What each column holds
catalogue-form-save = Save changes
catalogue-form-publish = Publish dataset
catalogue-withdraw-heading = Withdraw this dataset
catalogue-withdraw-intro = It disappears from the catalogue, the API and every harvester's next visit, and its downloads stop.
catalogue-withdraw-button = Withdraw { $title }

# Staff: what is wrong with a dataset form.
catalogue-error-kind = Choose whether to upload a CSV file or link to data elsewhere
catalogue-error-file-missing = Choose a CSV file to upload
catalogue-error-file-control = Line { $line } of the file contains a control character (such as a NUL byte); remove it and upload again
catalogue-error-file-unreadable = The file could not be loaded: { $reason }
catalogue-error-title-taken = You already publish a dataset with this title: choose another
catalogue-error-column-length = Describe the column in 500 characters or fewer
catalogue-error-column-cy-length = Describe the column in Welsh in 500 characters or fewer
catalogue-error-withdraw-answered = A request for data was answered with this dataset, so it stays published

## Problems with an uploaded CSV file, from civic-domain's catalogue reader: the same
## messages as the English it writes for the command line, with the values as arguments.
## Several are joined with "; " after catalogue-error-file-unreadable's "could not be loaded".

# $line is the file's line (1 is the header), $column a column's position from 1, $name a
# column's header as written in the file, $reason the CSV reader's own (English) words.
catalogue-upload-empty = line { $line }: the file is empty: the first line must name the columns
catalogue-upload-header-unreadable = line { $line }: the header could not be read ({ $reason })
catalogue-upload-name-not-text = line { $line }: column { $column } has a name that is not UTF-8 text
catalogue-upload-name-empty = line { $line }: column { $column } has no name
catalogue-upload-name-too-long = line { $line }: column { $column } has a name over { $max } characters
catalogue-upload-name-twice = line { $line }: two columns are called “{ $name }”
catalogue-upload-too-many-columns = line { $line }: the file has { $count } columns; at most { $max } are allowed
catalogue-upload-line-unreadable = line { $line }: the line could not be read ({ $reason })
# $values is how many values the line has, $columns how many columns the header names.
catalogue-upload-width = line { $line }: has { $values } values but the header names { $columns } columns
catalogue-upload-value-not-text = line { $line }: the value in column “{ $name }” is not UTF-8 text
catalogue-upload-no-rows = line { $line }: the file has a header but no rows of data

# Restricted datasets (targeted data releases).
catalogue-form-access = Who may download the files
catalogue-form-restricted = Restricted: only partners we give an API key for this dataset
catalogue-form-restricted-hint = The description stays public, in the catalogue and its APIs, with how to apply. The files are served only to keys whose scope names this dataset and whose data-sharing agreement is in force, and every download is recorded.
catalogue-form-how-to-apply = How to apply for access
catalogue-form-how-to-apply-hint = Who to ask, what you need to know about the applicant and their purpose, and the agreement they will sign.
catalogue-restricted = Restricted
catalogue-restricted-explained = The files of this dataset are shared only with partners under a data-sharing agreement. Anyone may read its description.
catalogue-how-to-apply = How to apply
catalogue-restricted-developers = Partners download the files with an API key that has the scope
catalogue-restricted-register = The body's data-sharing agreements
