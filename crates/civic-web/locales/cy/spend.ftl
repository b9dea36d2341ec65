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
