# Gwariant: mae staff yn uwchlwytho'r ffeil "gwariant dros £500" ac yn cysylltu meysydd
# gwariant â gwasanaethau.

spend-title = Gwariant – { $body }
spend-title-error = Gwall: Gwariant – { $body }
spend-heading = Gwariant
spend-result =
    { $stored ->
        [zero] 0 llinell wedi'u llwytho
        [one] 1 llinell wedi'i llwytho
        [two] 2 linell wedi'u llwytho
        [few] { $stored } llinell wedi'u llwytho
        [many] { $stored } llinell wedi'u llwytho
       *[other] { $stored } llinell wedi'u llwytho
    }, { $duplicates ->
        [zero] 0 wedi'u llwytho o'r blaen
        [one] 1 wedi'i llwytho o'r blaen
        [two] 2 wedi'u llwytho o'r blaen
        [few] { $duplicates } wedi'u llwytho o'r blaen
        [many] { $duplicates } wedi'u llwytho o'r blaen
       *[other] { $duplicates } wedi'u llwytho o'r blaen
    }, { $rejected ->
        [zero] 0 llinell wedi'u gwrthod
        [one] 1 llinell wedi'i gwrthod
        [two] 2 linell wedi'u gwrthod
        [few] { $rejected } llinell wedi'u gwrthod
        [many] { $rejected } llinell wedi'u gwrthod
       *[other] { $rejected } llinell wedi'u gwrthod
    }.
spend-problems-some-lines = Nid oedd modd llwytho rhai llinellau
spend-problems-file = Nid oedd modd llwytho'r ffeil
spend-problems-more = a { $count } arall
spend-intro = Uwchlwythwch eich ffeil “gwariant dros £500” fel y caiff ei chyhoeddi o dan y Cod Tryloywder Llywodraeth Leol (CSV). Caiff llinellau sydd wedi'u llwytho eisoes eu hepgor, felly gallwch uwchlwytho ffeil eto. Yna dywedwch pa wasanaeth y mae pob maes gwariant yn talu amdano: mae dangosfyrddau'n dangos gwariant wrth ymyl nifer ac amser, ac yn cyfrifo'r gost fesul trafodiad. Ni chaiff cyflenwyr byth eu cyhoeddi.
spend-file-label = Ffeil wariant (CSV)
spend-upload = Uwchlwytho
spend-areas-heading = Meysydd gwariant
spend-areas-none = Dim wedi'i uwchlwytho eto.
spend-areas-caption = Meysydd gwariant a'r gwasanaethau y maent yn talu amdanynt
spend-col-area = Maes gwariant
spend-col-lines = Llinellau
spend-col-total = Cyfanswm
spend-col-service = Gwasanaeth
spend-map-label = Gwasanaeth ar gyfer { $area }
spend-not-mapped = Heb ei fapio
spend-map-save = Cadw
# Testun cudd ar ôl spend-map-save, ar gyfer darllenwyr sgrin ("Cadw gwasanaeth …").
spend-map-save-hidden = gwasanaeth { $area }
spend-uploads-heading = Uwchlwythiadau
spend-upload-summary =
    { $stored ->
        [zero] 0 wedi'u llwytho
        [one] 1 wedi'i llwytho
        [two] 2 wedi'u llwytho
        [few] { $stored } wedi'u llwytho
        [many] { $stored } wedi'u llwytho
       *[other] { $stored } wedi'u llwytho
    }, { $duplicates ->
        [zero] 0 wedi'u llwytho eisoes
        [one] 1 wedi'i llwytho eisoes
        [two] 2 wedi'u llwytho eisoes
        [few] { $duplicates } wedi'u llwytho eisoes
        [many] { $duplicates } wedi'u llwytho eisoes
       *[other] { $duplicates } wedi'u llwytho eisoes
    }, { $rejected ->
        [zero] 0 wedi'u gwrthod
        [one] 1 wedi'i gwrthod
        [two] 2 wedi'u gwrthod
        [few] { $rejected } wedi'u gwrthod
        [many] { $rejected } wedi'u gwrthod
       *[other] { $rejected } wedi'u gwrthod
    }
spend-uploads-none = Dim eto.

spend-error-choose-file = Dewiswch ffeil CSV i'w huwchlwytho
spend-error-control-character = Mae llinell { $line } yn y ffeil yn cynnwys nod rheoli (fel beit NUL); tynnwch y nod ac uwchlwythwch y ffeil eto
spend-error-not-your-service = Nid yw'r gwasanaeth hwnnw'n un o'ch rhai chi
spend-error-upload-unreadable = Nid oedd modd darllen yr uwchlwythiad: { $reason }

## Problemau gyda'r ffeil wariant, o ddarllenydd gwariant civic-domain: yr un negeseuon â'r
## Saesneg y mae'n eu hysgrifennu ar gyfer y llinell orchymyn, gyda'r gwerthoedd fel dadleuon.

# Un rhes: $line yw llinell y ffeil, $column yw pennawd y ffeil ei hun, $value yw'r gwerth gwallus.
spend-line-unreadable = llinell { $line }: nid oedd modd darllen y ffeil o'r fan hon ymlaen: { $reason }
spend-line-too-many = llinell { $line }: mae mwy na { $max } o linellau yn y ffeil, felly ni chafodd dim o'r fan hon ymlaen ei ddarllen; rhannwch hi'n ffeiliau llai
spend-line-width-comma = llinell { $line }: nifer y celloedd yn y rhes hon yw { $fields }, ond { $width } sydd yn y pennawd; rhaid rhoi gwerth sy'n cynnwys coma rhwng dyfynodau dwbl
spend-line-width-quote = llinell { $line }: nifer y celloedd yn y rhes hon yw { $fields }, ond { $width } sydd yn y pennawd; efallai fod dyfynnod heb ei bâr, sy'n uno sawl llinell yn un rhes
spend-line-date-empty = llinell { $line }: mae'r dyddiad (colofn '{ $column }') yn wag
spend-line-date-invalid = llinell { $line }: nid yw'r dyddiad '{ $value }' (colofn '{ $column }') yn ddyddiad fel 31/03/2025
spend-line-amount-empty = llinell { $line }: mae'r swm (colofn '{ $column }') yn wag
spend-line-amount-invalid = llinell { $line }: nid yw'r swm '{ $value }' (colofn '{ $column }') yn swm o arian fel 1,234.56
spend-line-area-empty = llinell { $line }: mae'r maes gwariant (colofn '{ $column }') yn wag: mae angen yr adran neu'r gwasanaeth a wariodd yr arian ar bob rhes

# Y ffeil gyfan.
spend-file-empty = mae'r ffeil yn wag: uwchlwythwch y ffeil CSV o wariant dros £500
spend-file-not-csv =
    mae'r ffeil hon yn edrych fel { $kind ->
        [workbook] llyfr gwaith taenlen (.xlsx neu .ods)
        [xls] hen lyfr gwaith Excel (.xls)
        [pdf] dogfen PDF
        [utf16] ffeil UTF-16 "Unicode text"
       *[html] tudalen we (HTML)
    }, nid ffeil CSV: agorwch hi mewn taenlen a'i chadw fel "CSV UTF-8 (comma delimited)"
spend-file-not-text = nid yw'r ffeil yn destun plaen (efallai ei bod yn daenlen neu wedi'i chadw fel UTF-16 "Unicode text"): cadwch hi fel "CSV UTF-8 (comma delimited)"
spend-file-unreadable = llinell { $line }: nid oedd modd darllen y ffeil fel CSV: { $reason }
# Y colofnau gofynnol nad ydynt yn y ffeil ($missing sy'n eu henwi, yn y drefn hon), ar
# gyfer y ddwy neges isod.
spend-file-missing-columns-list =
    { $missing ->
        [date] y dyddiad (e.e. 'Date' neu 'Payment Date')
        [amount] y swm (e.e. 'Amount' neu 'Net Amount')
        [expense-area] y maes gwariant (e.e. 'Expense Area' neu 'Service Area')
        [date-amount] y dyddiad (e.e. 'Date' neu 'Payment Date'), y swm (e.e. 'Amount' neu 'Net Amount')
        [date-expense-area] y dyddiad (e.e. 'Date' neu 'Payment Date'), y maes gwariant (e.e. 'Expense Area' neu 'Service Area')
        [amount-expense-area] y swm (e.e. 'Amount' neu 'Net Amount'), y maes gwariant (e.e. 'Expense Area' neu 'Service Area')
       *[date-amount-expense-area] y dyddiad (e.e. 'Date' neu 'Payment Date'), y swm (e.e. 'Amount' neu 'Net Amount'), y maes gwariant (e.e. 'Expense Area' neu 'Service Area')
    }
# $found yw'r penawdau sydd yn y ffeil, pob un rhwng dyfynodau.
spend-file-missing-columns = nid oes colofn yn y ffeil ar gyfer { spend-file-missing-columns-list }; y colofnau a gafwyd oedd { $found }
spend-file-missing-columns-none-found = nid oes colofn yn y ffeil ar gyfer { spend-file-missing-columns-list }; ni chafwyd unrhyw golofnau
