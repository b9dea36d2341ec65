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
spend-error-upload-unreadable = The upload could not be read: { $reason }

## Problems with the spend file, from civic-domain's spend reader: the same English it
## writes for the command line, with the values in it as arguments.

# One row: $line is the file's line, $column the file's own header, $value the bad value.
spend-line-unreadable = line { $line }: the file could not be read from here on: { $reason }
spend-line-too-many = line { $line }: the file has more than { $max } lines, so nothing from here on was read; split it into smaller files
spend-line-width-comma = line { $line }: this row has { $fields } fields but the header has { $width }; a comma inside a value needs the value in double quotes
spend-line-width-quote = line { $line }: this row has { $fields } fields but the header has { $width }; a quote mark may be missing its partner, joining several lines into one row
spend-line-date-empty = line { $line }: the date (column '{ $column }') is empty
spend-line-date-invalid = line { $line }: the date '{ $value }' (column '{ $column }') is not a date like 31/03/2025
spend-line-amount-empty = line { $line }: the amount (column '{ $column }') is empty
spend-line-amount-invalid = line { $line }: the amount '{ $value }' (column '{ $column }') is not a sum of money like 1,234.56
spend-line-area-empty = line { $line }: the expense area (column '{ $column }') is empty: every row needs the department or service that spent the money

# The whole file.
spend-file-empty = the file is empty: upload the CSV file of spending over £500
spend-file-not-csv =
    this looks like { $kind ->
        [workbook] a spreadsheet workbook (.xlsx or .ods)
        [xls] an old Excel workbook (.xls)
        [pdf] a PDF document
        [utf16] a UTF-16 "Unicode text" file
       *[html] a web page (HTML)
    }, not a CSV file: open it in a spreadsheet and save it as "CSV UTF-8 (comma delimited)"
spend-file-not-text = the file is not plain text (it may be a spreadsheet or saved as UTF-16 "Unicode text"): save it as "CSV UTF-8 (comma delimited)"
spend-file-unreadable = line { $line }: the file could not be read as CSV: { $reason }
# The required columns the file lacks ($missing names them, in this order), for the two
# messages below.
spend-file-missing-columns-list =
    { $missing ->
        [date] date (e.g. 'Date' or 'Payment Date')
        [amount] amount (e.g. 'Amount' or 'Net Amount')
        [expense-area] expense area (e.g. 'Expense Area' or 'Service Area')
        [date-amount] date (e.g. 'Date' or 'Payment Date'), the amount (e.g. 'Amount' or 'Net Amount')
        [date-expense-area] date (e.g. 'Date' or 'Payment Date'), the expense area (e.g. 'Expense Area' or 'Service Area')
        [amount-expense-area] amount (e.g. 'Amount' or 'Net Amount'), the expense area (e.g. 'Expense Area' or 'Service Area')
       *[date-amount-expense-area] date (e.g. 'Date' or 'Payment Date'), the amount (e.g. 'Amount' or 'Net Amount'), the expense area (e.g. 'Expense Area' or 'Service Area')
    }
# $found is the headers the file has, each in quotes.
spend-file-missing-columns = the file has no column for the { spend-file-missing-columns-list }; the columns found were { $found }
spend-file-missing-columns-none-found = the file has no column for the { spend-file-missing-columns-list }; the columns found were none
