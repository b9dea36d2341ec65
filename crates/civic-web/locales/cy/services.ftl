# Y gofrestr gwasanaethau: gwasanaethau corff, chwilio cenedlaethol, tudalen un
# gwasanaeth, y raddfa cynhwysiant digidol, a thudalennau staff i reoli gwasanaethau.

## Cofrestr a chwilio cenedlaethol

services-register-title = Gwasanaethau – { $body }
services-register-heading = { $body }: gwasanaethau
services-all-title = Pob gwasanaeth
services-all-title-page = Pob gwasanaeth (tudalen { $page } o { $pages })
services-search-label-body = Chwilio'r gwasanaethau hyn yn ôl enw neu air allweddol
services-search-label-all = Chwilio pob gwasanaeth yn ôl enw neu air allweddol
services-search-hint = Rhaid i bob gair gyfateb, ar unrhyw ffurf (mae "bins" yn dod o hyd i "bin"). Rhowch ymadrodd mewn "dyfynodau", neu rhowch * ar ddiwedd gair i ddod o hyd i eiriau sy'n dechrau gydag ef.
services-search-button = Chwilio
services-count =
    { $count ->
        [zero] Dim gwasanaethau
        [one] 1 gwasanaeth
        [two] 2 wasanaeth
        [few] { $count } gwasanaeth
        [many] { $count } gwasanaeth
       *[other] { $count } gwasanaeth
    }
services-count-matching =
    { $count ->
        [zero] Dim gwasanaethau sy'n cyfateb i ‘{ $query }’
        [one] 1 gwasanaeth sy'n cyfateb i ‘{ $query }’
        [two] 2 wasanaeth sy'n cyfateb i ‘{ $query }’
        [few] { $count } gwasanaeth sy'n cyfateb i ‘{ $query }’
        [many] { $count } gwasanaeth sy'n cyfateb i ‘{ $query }’
       *[other] { $count } gwasanaeth sy'n cyfateb i ‘{ $query }’
    }
services-clear-search = clirio'r chwiliad
# Yna dolenni i'r ffeiliau CSV a JSON: "… data agored: CSV neu JSON."
services-download = Lawrlwythwch y rhestr hon fel data agored:
services-download-or = neu
services-none-found = Heb ddod o hyd i unrhyw wasanaethau. Rhowch gynnig ar eiriau gwahanol.
services-list-level = Lefel cynhwysiant digidol { $level } ({ $name })
services-list-ways = Ffyrdd o'i ddefnyddio: { $ways }
services-results-pages = Tudalennau canlyniadau
services-previous-page = Tudalen flaenorol
services-next-page = Tudalen nesaf

## Un gwasanaeth

services-breadcrumb-services = Gwasanaethau
services-retired-notice = Nid yw'r gwasanaeth hwn yn cael ei gynnig mwyach.
services-retired-kept = Mae'n cael ei gadw yma fel bod ei hanes yn aros yn gyhoeddus.
services-performance-link = Sut mae'r gwasanaeth hwn yn perfformio
services-performance-detail = niferoedd, amser hyd at y canlyniad, bodlonrwydd a chost, yn fyw.
services-how-to-use = Sut i ddefnyddio'r gwasanaeth hwn
services-help-heading = Os oes angen help arnoch i'w ddefnyddio ar-lein
services-no-assisted-digital = Nid oes llwybr cymorth digidol wedi'i restru ar gyfer y gwasanaeth hwn. Defnyddiwch un o'r ffyrdd eraill uchod.
services-skills-heading = Y sgiliau digidol sydd eu hangen
# "Lefel 6 o 9 ar y [raddfa cynhwysiant digidol]: Tasgau penodol." Daw testun y ddolen
# (services-scale-link) ar ôl y neges hon.
services-level-of-nine = Lefel { $level } o 9 ar y
# Ar ôl "ar y" bob tro (treiglad meddal: graddfa → raddfa).
services-scale-link = raddfa cynhwysiant digidol
services-skills-excludes-many = Efallai y bydd angen help ar bobl sydd â llai o sgiliau digidol i'w ddefnyddio ar-lein, neu gallant ddefnyddio ffordd arall uchod.
services-standard-code = Cod safonol
services-also-known-as = Enwau eraill
services-last-updated = Diweddarwyd ddiwethaf
services-as-open-data = Y gwasanaeth hwn fel data agored:
services-change-this = Newid y gwasanaeth hwn
services-see-history = Gweld ei hanes

## Sianeli: y ffyrdd o ddefnyddio gwasanaeth

services-channel-online = Ar-lein
services-channel-phone = Ffôn
services-channel-counter = Wyneb yn wyneb
services-channel-post = Drwy'r post
services-channel-assisted-digital = Help i ddefnyddio'r gwasanaeth ar-lein
services-channel-hint-online = Y cyfeiriad gwe, fel https://www.example.gov.uk/bins
services-channel-hint-phone = Y rhif ffôn, fel 01632 960 001
services-channel-hint-counter = Y cyfeiriad a'r oriau agor
services-channel-hint-post = Y cyfeiriad post
services-channel-hint-assisted-digital = Sut mae pobl yn cael help: pwy i'w ffonio neu ble i fynd, a phryd

## Y raddfa cynhwysiant digidol

services-scale-title = Y raddfa cynhwysiant digidol
services-scale-lead = Mae pob gwasanaeth yn nodi'r lefel isaf o sgiliau digidol sydd eu hangen ar berson i'w ddefnyddio ar ei ben ei hun, ar raddfa o 1 i 9.
services-scale-body = Roedd Gwasanaeth Digidol y Llywodraeth yn defnyddio'r raddfa i raddio ei wasanaethau. Mae gwasanaeth ar lefel 6 neu uwch yn gadael llawer o bobl allan oni bai ei fod hefyd yn cynnig help neu ffordd arall o'i ddefnyddio, felly mae pob gwasanaeth yma'n rhestru pob ffordd o'i ddefnyddio, gan gynnwys cymorth digidol.
services-scale-caption = Lefelau'r raddfa cynhwysiant digidol
services-scale-level = Lefel
services-scale-name = Enw
services-level-name-1 = Erioed wedi, byth am wneud
services-level-name-2 = Arfer bod ar-lein, ond ddim bellach
services-level-name-3 = Yn fodlon ond yn methu
services-level-name-4 = Ar-lein yn anfoddog
services-level-name-5 = Dysgu'r drefn
services-level-name-6 = Tasgau penodol
services-level-name-7 = Sgiliau digidol sylfaenol
services-level-name-8 = Hyderus
services-level-name-9 = Arbenigwr

## Staff: rheoli gwasanaethau

services-manage = Rheoli gwasanaethau
services-manage-title = Rheoli gwasanaethau – { $body }
services-saved-title = Wedi'i gadw
services-saved = Mae eich newidiadau i ‘{ $name }’ wedi'u cadw.
services-list-caption =
    { $count ->
        [zero] Dim gwasanaethau, gan gynnwys rhai sydd wedi'u tynnu'n ôl
        [one] 1 gwasanaeth, gan gynnwys rhai sydd wedi'u tynnu'n ôl
        [two] 2 wasanaeth, gan gynnwys rhai sydd wedi'u tynnu'n ôl
        [few] { $count } gwasanaeth, gan gynnwys rhai sydd wedi'u tynnu'n ôl
        [many] { $count } gwasanaeth, gan gynnwys rhai sydd wedi'u tynnu'n ôl
       *[other] { $count } gwasanaeth, gan gynnwys rhai sydd wedi'u tynnu'n ôl
    }
services-list-service = Gwasanaeth
services-list-code = Cod
services-list-status = Statws
services-list-actions = Camau gweithredu
services-status-active = Gweithredol
services-status-retired = Wedi'i dynnu'n ôl
services-list-change = Newid
services-list-history = Hanes
# Wedi'i guddio ar ôl "Hanes": "Hanes Rhoi gwybod am dwll yn y ffordd".
services-list-history-of = { $name }

services-form-add-title = Ychwanegu gwasanaeth
services-form-change-title = Newid { $name }
services-form-change-heading = Newid ‘{ $name }’
services-form-name = Enw
services-form-name-hint = Yr hyn y mae pobl yn ei alw, fel ‘Rhoi gwybod am gasgliad bin a fethwyd’
services-form-code-hint = Ei god yn Rhestr Gwasanaethau Llywodraeth Leol (LGSL) neu restr safonol arall, fel ‘LGSL 524’
services-form-description = Disgrifiad
services-form-description-hint = Beth yw'r gwasanaeth ac ar gyfer pwy y mae, mewn iaith glir
services-form-keywords = Geiriau allweddol (dewisol)
services-form-keywords-hint = Geiriau eraill y mae pobl yn chwilio amdanynt, wedi'u gwahanu gan gomas
services-form-channels = Ffyrdd o ddefnyddio'r gwasanaeth
services-form-channels-hint = Llenwch bob ffordd y gall pobl ei ddefnyddio. Gadewch flwch yn wag os nad yw'r ffordd honno'n cael ei chynnig. Rhowch o leiaf un ffordd nad oes angen y rhyngrwyd ar ei chyfer.
services-form-level = Y sgiliau digidol sydd eu hangen i'w ddefnyddio ar-lein heb help
# "Y lefel ar y [raddfa cynhwysiant digidol], o 1 … i 9 …": testun y ddolen yw
# services-scale-link, rhwng y ddwy neges hyn.
services-form-level-hint-start = Y lefel ar y
services-form-level-hint-end = , o 1 ‘erioed wedi, byth am wneud’ i 9 ‘arbenigwr’
services-form-requests = Adroddiadau am broblemau a cheisiadau
services-form-accepts-requests = Gall pobl roi gwybod am broblem neu wneud cais i'r gwasanaeth hwn, ar y wefan hon a thrwy Open311
services-form-group = Grŵp (dewisol)
services-form-group-hint = Ble mae'n cael ei restru ar y ffurflen rhoi gwybod, fel ‘Gwastraff’ neu ‘Ffyrdd’
services-form-target-days = Amser targed hyd at y canlyniad, mewn diwrnodau gwaith (dewisol)
services-form-target-days-hint = Bydd ceisiadau sy'n dal ar agor ar ôl hyn yn cael eu nodi'n hwyr
services-form-save = Cadw'r gwasanaeth
services-retire-heading = Tynnu'r gwasanaeth hwn yn ôl
services-restore-heading = Adfer y gwasanaeth hwn
services-retire-explained = Tynnwch wasanaeth yn ôl pan nad yw'n cael ei gynnig mwyach. Mae'n aros yn y gofrestr, wedi'i nodi fel un a dynnwyd yn ôl, gyda'i hanes.
services-retire-button = Tynnu ‘{ $name }’ yn ôl
services-restore-button = Adfer ‘{ $name }’
services-see-history-of-this = Gweld hanes y gwasanaeth hwn

## Staff: hanes gwasanaeth

services-history-title = Hanes { $name }
services-history-heading = Hanes ‘{ $name }’
services-history-created-by = Ychwanegwyd gan { $actor }
services-history-updated-by = Newidiwyd gan { $actor }
services-history-retired-by = Tynnwyd yn ôl gan { $actor }
services-history-restored-by = Adferwyd gan { $actor }
services-history-fields-created = Meysydd a ychwanegwyd ar { $when }
services-history-fields-updated = Meysydd a newidiwyd ar { $when }
services-history-fields-retired = Meysydd a dynnwyd yn ôl ar { $when }
services-history-fields-restored = Meysydd a adferwyd ar { $when }
services-history-field = Maes
services-history-before = Cyn
services-history-after = Ar ôl
services-field-code = Cod
services-field-name = Enw
services-field-description = Disgrifiad
services-field-keywords = Geiriau allweddol
services-field-digital-inclusion-level = Lefel cynhwysiant digidol
services-field-status = Statws
services-field-channel = Sianel: { $channel }

services-form-name-cy = Enw yn Gymraeg
services-form-welsh-hint = Mae angen hwn os yw eich sefydliad yn ddarostyngedig i Safonau'r Gymraeg. Fel arall, gadewch yn wag a bydd y dudalen Gymraeg yn dweud nad yw hyn ar gael yn Gymraeg eto.
services-form-description-cy = Disgrifiad yn Gymraeg
services-form-channel-cy = { $channel } yn Gymraeg
services-not-in-welsh = Nid yw manylion y gwasanaeth hwn ar gael yn Gymraeg eto.
