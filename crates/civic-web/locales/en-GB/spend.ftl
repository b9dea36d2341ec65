# Spend: staff upload the "spending over £500" file and map expense areas to services.

spend-title = Spend – { $body }
spend-title-error = Error: Spend – { $body }
spend-heading = Spend
spend-result = { $stored } lines loaded, { $duplicates } already loaded before, { $rejected } lines refused.
spend-problems-some-lines = Some lines could not be loaded
spend-problems-file = The file could not be loaded
spend-problems-more = and { $count } more
spend-intro = Upload your “spending over £500” file as published under the Local Government Transparency Code (CSV). Lines already loaded are skipped, so you can upload a file again. Then say which service each expense area pays for: dashboards show spend beside volume and time and compute the cost per transaction. Suppliers are never published.
spend-file-label = Spend file (CSV)
spend-upload = Upload
spend-areas-heading = Expense areas
spend-areas-none = Nothing uploaded yet.
spend-areas-caption = Expense areas and the services they pay for
spend-col-area = Expense area
spend-col-lines = Lines
spend-col-total = Total
spend-col-service = Service
spend-map-label = Service for { $area }
spend-not-mapped = Not mapped
spend-map-save = Save
# Hidden text after spend-map-save, for screen readers.
spend-map-save-hidden = mapping for { $area }
spend-uploads-heading = Uploads
spend-upload-summary = { $stored } loaded, { $duplicates } already loaded, { $rejected } refused
spend-uploads-none = None yet.

spend-error-choose-file = Choose a CSV file to upload
spend-error-control-character = Line { $line } of the file contains a control character (such as a NUL byte); remove it and upload again
spend-error-not-your-service = That service is not one of yours
