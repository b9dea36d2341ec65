# Y catalog data agored: tudalennau chwilio, tudalen pob set ddata a thudalennau staff
# setiau data corff. (Mae'r API CKAN, DCAT a'r dogfennau peiriant eraill yn Saesneg.)

catalogue-title = Data agored
catalogue-title-body = Data agored – { $body }
catalogue-title-error = Gwall: Data agored
catalogue-lead-body = Pob set ddata y mae'r corff hwn yn ei chyhoeddi: cofnodion Civic ei hun (cofrestrau gwasanaethau, ceisiadau, perfformiad a gwariant) a'r data y mae staff yn ei gyhoeddi. Gallwch eu defnyddio am ddim o dan y drwydded a ddangosir.
catalogue-lead-all = Pob set ddata a gyhoeddir drwy Civic: cofnodion Civic ei hun (cofrestrau gwasanaethau, ceisiadau, perfformiad a gwariant) a'r data y mae staff yn ei gyhoeddi. Gallwch eu defnyddio am ddim o dan y drwydded a ddangosir.
catalogue-ask-intro = Methu dod o hyd i'r hyn sydd ei angen arnoch chi?
catalogue-ask-link = Gofynnwch am ddata – { $body }
catalogue-sharing-before = Gweler hefyd ei
catalogue-sharing-link = gofrestr rhannu data
catalogue-error-search = Nid oedd modd darllen eich chwiliad: { $reason }.
# Pam nad oedd modd darllen chwiliad ($reason yn catalogue-error-search), o ddarllenydd
# chwiliadau civic-domain. Mae'r API CKAN yn ateb yn Saesneg. $field yw enw'r maes a deipiwyd;
# mae enwau meysydd, AND, OR, NOT a TO yn rhan o'r gystrawen, felly maent yn aros yn Saesneg.
catalogue-query-not-a-time = Nid yw “{ $value }” yn amser: ysgrifennwch 2026-01-31T00:00:00Z, 2026-01-31 neu *
catalogue-query-range-not-closed = Nid yw'r ystod wedi'i chau: gorffennwch hi gyda ] neu {"}"}
catalogue-query-range-shape = Ysgrifennwch ystod fel [dechrau TO diwedd], er enghraifft [2026-01-01 TO *]
catalogue-query-quote-not-closed = Nid yw'r dyfynnod wedi'i gau: ychwanegwch y dyfynnod cau " ar ôl yr ymadrodd
catalogue-query-or-alone = Rhaid i OR gael term chwilio ar ei ôl
catalogue-query-and-alone = Rhaid i AND gael term chwilio ar ei ôl
catalogue-query-not-alone = Rhaid i NOT gael term chwilio ar ei ôl
catalogue-query-too-deep = Mae'r chwiliad yn nythu'n rhy ddwfn: defnyddiwch { $max } o gromfachau neu NOT ar y mwyaf, y naill y tu mewn i'r llall
catalogue-query-brackets-empty = Rhaid cael term chwilio rhwng y cromfachau
catalogue-query-bracket-not-closed = Nid yw cromfach wedi'i chau: ychwanegwch y gromfach gau ) ar ôl y termau
catalogue-query-bracket-not-opened = Mae cromfach gau ) heb gromfach agor o'i blaen
catalogue-query-type-value-missing = Rhowch werth ar ôl “{ $field }:”, er enghraifft { $field }:dataset
catalogue-query-match-all = Ysgrifennwch *:* i ddangos pob set ddata
catalogue-query-no-such-field = Nid oes maes o'r enw “{ $field }”: chwiliwch title, name, notes, tags, organization, res_format, license_id, groups neu source
catalogue-query-range-not-taken = Dim ond metadata_modified a metadata_created sy'n cymryd ystod, nid { $field }
catalogue-query-range-needed = Chwiliwch { $field } gydag ystod, er enghraifft { $field }:[2026-01-01T00:00:00Z TO *]
catalogue-query-value-missing = Rhowch werth ar ôl “{ $field }:”, er enghraifft { $field }:enghraifft
catalogue-query-colon-alone = Rhaid i golon ddilyn enw maes, fel yn title:roads
catalogue-query-and-or-alone = Rhaid i AND ac OR ddod rhwng dau derm chwilio
catalogue-query-range-alone = Rhaid i ystod ddilyn maes, fel yn metadata_modified:[2026-01-01 TO *]
catalogue-query-ends-early = Mae'r chwiliad yn gorffen lle'r oedd disgwyl term chwilio
catalogue-query-too-long = Mae'r chwiliad yn rhy hir: defnyddiwch { $max } o nodau neu lai
catalogue-query-unread = Nid oedd modd darllen y chwiliad hyd y diwedd
catalogue-search-region = Setiau data
catalogue-search-label = Chwilio setiau data
catalogue-search-hint = Geiriau, “ymadrodd”, neu faes fel tags:waste
catalogue-search-button = Chwilio
catalogue-facet-any = Unrhyw un
catalogue-facet-body = Cyhoeddwyd gan
catalogue-facet-theme = Thema
catalogue-facet-format = Fformat
catalogue-facet-licence = Trwydded
catalogue-facet-level = Tystysgrif
catalogue-sort = Trefn
catalogue-sort-relevance = Y cyfatebiad gorau
catalogue-sort-modified = Diweddarwyd yn ddiweddar
catalogue-sort-title = Teitl, A i Z
catalogue-results =
    { $count ->
        [zero] Dim setiau data
        [one] 1 set ddata
        [two] 2 set ddata
        [few] { $count } set ddata
        [many] { $count } set ddata
       *[other] { $count } set ddata
    }
catalogue-results-paged =
    { $count ->
        [zero] Dim setiau data, tudalen { $page } o { $pages }
        [one] 1 set ddata, tudalen { $page } o { $pages }
        [two] 2 set ddata, tudalen { $page } o { $pages }
        [few] { $count } set ddata, tudalen { $page } o { $pages }
        [many] { $count } set ddata, tudalen { $page } o { $pages }
       *[other] { $count } set ddata, tudalen { $page } o { $pages }
    }
catalogue-result-updated = Diweddarwyd { $date }
catalogue-no-results = Does dim setiau data yn cyfateb. Rhowch gynnig ar lai o eiriau neu lai o hidlwyr.
catalogue-pages = Tudalennau canlyniadau
catalogue-previous-page = Tudalen flaenorol
catalogue-next-page = Tudalen nesaf
catalogue-developers = I ddatblygwyr
catalogue-ckan-api = API sy'n gydnaws â CKAN
catalogue-ckan-api-note = yn gweithio gyda chleientiaid a chynaeafwyr CKAN sy'n bodoli eisoes
catalogue-dcat-all = Y catalog cyfan fel DCAT (JSON-LD)
catalogue-and = a
catalogue-as-turtle = fel Turtle

# Tudalen set ddata.
catalogue-edit-description = Golygu disgrifiad y set ddata hon
catalogue-data = Data
catalogue-download = Lawrlwytho { $name } fel { $format }
catalogue-download-csvw = Disgrifiad CSV on the Web ar gyfer { $name } fel CSV
catalogue-columns-of = Colofnau { $name }
catalogue-columns = Colofnau
catalogue-col-column = Colofn
catalogue-col-type = Math
catalogue-col-meaning = Ystyr
catalogue-not-described = Heb ei disgrifio
catalogue-no-downloads = Dim lawrlwythiadau eto.
catalogue-about = Am y set ddata hon
catalogue-last-updated = Diweddarwyd ddiwethaf
catalogue-first-published = Cyhoeddwyd gyntaf
catalogue-frequency = Amlder diweddaru
catalogue-time-covered = Y cyfnod dan sylw
catalogue-area-covered = Yr ardal dan sylw
catalogue-not-stated = Heb ei nodi
catalogue-coverage-between = { $start } i { $end }
catalogue-coverage-from = O { $start }
catalogue-coverage-until = Hyd at { $end }
catalogue-keywords = Geiriau allweddol
catalogue-none = Dim
catalogue-contact = Cyswllt
catalogue-none-given = Heb ei roi
catalogue-source = Ffynhonnell
catalogue-source-upload = Wedi'i huwchlwytho gan staff; mae Civic yn gweini'r tabl.
catalogue-source-external = Wedi'i chynnal yn rhywle arall; mae Civic yn rhestru ble i'w lawrlwytho.
catalogue-source-own = Wedi'i chyhoeddi gan Civic o'i gofnodion ei hun, ac yn gyfredol bob amser.
catalogue-certificate-heading = Tystysgrif: { $level }
catalogue-certificate-intro = Caiff ei chyfrifo o ddisgrifiad y set ddata bob tro y dangosir y dudalen hon, yn ysbryd tystysgrifau'r Sefydliad Data Agored (ODI): peilot, safonol, arbenigol ac enghreifftiol.
catalogue-to-reach = I gyrraedd lefel { $level }
catalogue-every-check-met = Mae'r set ddata hon yn bodloni pob gwiriad.
catalogue-every-check = Pob gwiriad
catalogue-check-met = Wedi'i fodloni: { $requirement } ({ $level })
catalogue-check-not-met = Heb ei fodloni: { $requirement } ({ $level })
catalogue-ckan-package-show = API CKAN: package_show
catalogue-dcat-one = Disgrifiad DCAT (JSON-LD)
catalogue-datapackage = Disgrifydd Frictionless Data Package

# Lefelau'r dystysgrif.
catalogue-level-none = Heb ei hardystio eto
catalogue-level-pilot = Peilot
catalogue-level-standard = Safonol
catalogue-level-expert = Arbenigol
catalogue-level-exemplar = Enghreifftiol

# Gwiriadau'r dystysgrif a beth i'w wneud am bob un.
catalogue-check-open-licence = Wedi'i chyhoeddi o dan drwydded agored
catalogue-check-open-licence-advice = Dewiswch drwydded agored fel y Drwydded Llywodraeth Agored.
catalogue-check-described = Teitl a disgrifiad o un frawddeg o leiaf
catalogue-check-described-advice = Disgrifiwch beth yw'r data, o ble mae'n dod a beth yw ei ddiben.
catalogue-check-download = O leiaf un ffeil neu API i'w lawrlwytho
catalogue-check-download-advice = Uwchlwythwch y data fel CSV neu rhowch ddolen i'r man lle gellir ei lawrlwytho.
catalogue-check-machine-readable = Mewn fformat agored y gall peiriant ei ddarllen (CSV neu JSON)
catalogue-check-machine-readable-advice = Cyhoeddwch y data fel CSV neu JSON, nid fel PDF neu dudalen we yn unig.
catalogue-check-schema = Mae gan bob tabl sgema colofn wrth golofn
catalogue-check-schema-advice = Uwchlwythwch ffeiliau CSV i Civic, sy'n cofnodi pob colofn a'i math.
catalogue-check-schedule = Amserlen ddiweddaru wedi'i nodi
catalogue-check-schedule-advice = Nodwch pa mor aml y caiff y set ddata ei diweddaru.
catalogue-check-contact = Cyswllt sy'n ateb cwestiynau am y data
catalogue-check-contact-advice = Rhowch gyfeiriad e-bost cyswllt (cyfeiriad tîm sydd orau).
catalogue-check-addresses = Cyfeiriadau gwe sefydlog a diogel ar gyfer pob lawrlwythiad
catalogue-check-addresses-advice = Rhowch y ffeiliau ar Civic, neu rhowch ddolenni iddyn nhw dros https.
catalogue-check-on-schedule = Wedi'i diweddaru yn ôl ei hamserlen
catalogue-check-on-schedule-advice = Cyhoeddwch y diweddariad sy'n ddyledus, neu cywirwch yr amserlen a nodwyd.
catalogue-check-coverage = Mae'r cyfnod a'r lle dan sylw wedi'u nodi
catalogue-check-coverage-advice = Rhowch y diwrnod cyntaf y mae'r data'n ei gwmpasu a'r ardal y mae'n ei chwmpasu.
catalogue-check-keywords = Mae geiriau allweddol a thema yn helpu pobl i ddod o hyd iddi
catalogue-check-keywords-advice = Ychwanegwch eiriau allweddol a dewiswch thema.
catalogue-check-columns = Mae pob colofn wedi'i disgrifio mewn geiriau
catalogue-check-columns-advice = Disgrifiwch beth sydd ym mhob colofn, ac ym mha unedau.
catalogue-check-metadata = Mae pob tabl wedi'i gyhoeddi gyda metadata CSV on the Web a Data Package
catalogue-check-metadata-advice = Rhowch y tablau ar Civic, sy'n cyhoeddi'r ddau ddisgrifiad.
catalogue-check-live = Wedi'i diweddaru wrth i bethau ddigwydd, gydag API JSON
catalogue-check-live-advice = Cyhoeddwch y data yn barhaus, gyda chofnodion wedi'u dyddio ac API JSON.

# Pa mor aml y caiff set ddata ei diweddaru.
catalogue-frequency-continuous = Wrth i bethau ddigwydd
catalogue-frequency-daily = Bob dydd
catalogue-frequency-weekly = Bob wythnos
catalogue-frequency-monthly = Bob mis
catalogue-frequency-quarterly = Bob chwarter
catalogue-frequency-annual = Bob blwyddyn
catalogue-frequency-irregular = Yn afreolaidd
catalogue-frequency-never = Dim diweddariadau

# Mathau colofnau tabl.
catalogue-column-type-string = Testun
catalogue-column-type-integer = Rhif cyfan
catalogue-column-type-number = Rhif
catalogue-column-type-boolean = Gwir neu gau
catalogue-column-type-date = Dyddiad
catalogue-column-type-datetime = Dyddiad ac amser

# Themâu data (geirfa DCAT-AP yr UE).
catalogue-theme-gove = Llywodraeth a'r sector cyhoeddus
catalogue-theme-econ = Economi a chyllid
catalogue-theme-soci = Poblogaeth a chymdeithas
catalogue-theme-heal = Iechyd
catalogue-theme-envi = Amgylchedd
catalogue-theme-tran = Trafnidiaeth
catalogue-theme-educ = Addysg, diwylliant a chwaraeon
catalogue-theme-regi = Rhanbarthau a dinasoedd
catalogue-theme-just = Cyfiawnder, y system gyfreithiol a diogelwch y cyhoedd
catalogue-theme-ener = Ynni
catalogue-theme-tech = Gwyddoniaeth a thechnoleg
catalogue-theme-agri = Amaethyddiaeth, pysgodfeydd, coedwigaeth a bwyd
catalogue-theme-intr = Materion rhyngwladol

# Trwyddedau.
catalogue-licence-ogl = Trwydded Llywodraeth Agored v3.0
catalogue-licence-cc-by = Creative Commons Priodoliad 4.0
catalogue-licence-cc0 = Creative Commons Zero 1.0 (parth cyhoeddus)
catalogue-licence-odbl = Trwydded Cronfa Ddata Agored Open Data Commons 1.0
catalogue-licence-odc-by = Trwydded Briodoliad Open Data Commons 1.0
catalogue-licence-closed = Nid yw'n agored: ailddefnyddio gyda chaniatâd yn unig

# Staff: setiau data corff.
catalogue-staff-intro = Mae eich catalog yn rhestru setiau data Civic ei hun (eich cofrestr gwasanaethau, ceisiadau, perfformiad a gwariant) ac unrhyw rai y byddwch chi'n eu hychwanegu. Rhowch gyswllt a disgrifiad llawn i bob un er mwyn codi lefel ei thystysgrif. Mae popeth yma yn gyhoeddus ar
catalogue-staff-public-link = eich tudalen data agored
catalogue-staff-datasets = Setiau data
catalogue-staff-col-dataset = Set ddata
catalogue-staff-col-change = Newid
catalogue-staff-edit = Golygu

# Staff: ychwanegu a golygu set ddata.
catalogue-add-title = Ychwanegu set ddata
catalogue-edit-title = Golygu { $title }
catalogue-error-page-title = Gwall: { $title }
catalogue-form-new-version = Fersiwn newydd o'r tabl (dewisol)
catalogue-form-new-version-hint = Mae ffeil CSV yn disodli pob rhes; mae colofnau sydd â'r un enw yn cadw eu disgrifiadau. Gadewch y maes yn wag i gadw'r tabl.
catalogue-form-links = Dolenni
catalogue-form-links-hint = Un ar bob llinell: y fformat, bwlch, yna'r cyfeiriad gwe, er enghraifft CSV https://example.org/data.csv
catalogue-form-kind = Ble mae'r data?
catalogue-form-kind-upload = Byddaf yn uwchlwytho ffeil CSV i Civic ei chyhoeddi
catalogue-form-kind-external = Mae wedi'i gyhoeddi yn rhywle arall: byddaf yn rhoi'r dolenni
catalogue-form-file = Ffeil CSV (os ydych chi'n uwchlwytho)
catalogue-form-file-hint = UTF-8, comas rhwng gwerthoedd, enwau'r colofnau ar y llinell gyntaf, hyd at 20 MB. Mae Civic yn canfod math pob colofn ac yn gwirio pob llinell.
catalogue-form-links-external = Dolenni (os yw wedi'i gyhoeddi yn rhywle arall)
catalogue-form-title = Teitl
catalogue-form-description = Disgrifiad
catalogue-form-description-hint = Beth yw'r data, o ble mae'n dod, at beth y gellir ei ddefnyddio ac unrhyw beth i fod yn ofalus ohono.
# The title and description side by side in both languages, whatever the page's language.
catalogue-form-title-en = Teitl yn Saesneg
catalogue-form-title-cy = Teitl yn Gymraeg
catalogue-form-description-en = Disgrifiad yn Saesneg
catalogue-form-description-cy = Disgrifiad yn Gymraeg
catalogue-form-welsh-required = Mae eich corff yn cyhoeddi yn Gymraeg ac yn Saesneg (Safonau'r Gymraeg): rhowch y teitl a'r disgrifiad yn y ddwy iaith cyn i'r set ddata gael ei chyhoeddi.
catalogue-form-welsh-optional = Bydd darllenwyr Cymraeg yn gweld y Saesneg nes i chi roi'r Gymraeg.
catalogue-form-in-english = Yn Saesneg
catalogue-form-in-welsh = Yn Gymraeg
catalogue-form-frequency = Pa mor aml y caiff ei diweddaru?
catalogue-form-tags-hint = Wedi'u gwahanu gan gomas
catalogue-form-start = Y diwrnod cyntaf y mae'r data'n ei gwmpasu
catalogue-form-start-hint = Yn y fformat BBBB-MM-DD, fel 2025-04-01
catalogue-form-end = Y diwrnod olaf y mae'r data'n ei gwmpasu (gadewch yn wag os yw'n parhau)
catalogue-form-contact-name = Cyswllt (tîm neu rôl)
catalogue-form-contact-email = Cyfeiriad e-bost cyswllt
catalogue-form-columns = Beth sydd ym mhob colofn
catalogue-form-save = Cadw'r newidiadau
catalogue-form-publish = Cyhoeddi'r set ddata
catalogue-withdraw-heading = Tynnu'r set ddata hon yn ôl
catalogue-withdraw-intro = Bydd yn diflannu o'r catalog, o'r API ac o ymweliad nesaf pob cynaeafwr, a bydd ei lawrlwythiadau'n dod i ben.
catalogue-withdraw-button = Tynnu { $title } yn ôl

# Staff: beth sydd o'i le ar ffurflen set ddata.
catalogue-error-kind = Dewiswch a ydych am uwchlwytho ffeil CSV neu roi dolen i ddata yn rhywle arall
catalogue-error-file-missing = Dewiswch ffeil CSV i'w huwchlwytho
catalogue-error-file-control = Mae llinell { $line } o'r ffeil yn cynnwys nod rheoli (fel beit NUL); tynnwch y nod ac uwchlwythwch y ffeil eto
catalogue-error-file-unreadable = Nid oedd modd llwytho'r ffeil: { $reason }
catalogue-error-title-taken = Rydych chi eisoes yn cyhoeddi set ddata gyda'r teitl hwn: dewiswch un arall
catalogue-error-column-length = Disgrifiwch y golofn mewn 500 o nodau neu lai
catalogue-error-column-cy-length = Disgrifiwch y golofn yn Gymraeg mewn 500 o nodau neu lai
catalogue-error-withdraw-answered = Cafodd cais am ddata ei ateb gyda'r set ddata hon, felly mae'n parhau i fod wedi'i chyhoeddi

## Problemau gyda ffeil CSV a uwchlwythwyd, o ddarllenydd catalog civic-domain: yr un
## negeseuon â'r Saesneg y mae'n eu hysgrifennu ar gyfer y llinell orchymyn, gyda'r gwerthoedd
## fel dadleuon. Caiff sawl un eu huno gyda "; " ar ôl catalogue-error-file-unreadable.

# $line yw llinell y ffeil (1 yw'r pennawd), $column yw safle colofn o 1, $name yw pennawd
# colofn fel y mae yn y ffeil, $reason yw geiriau (Saesneg) y darllenydd CSV ei hun.
catalogue-upload-empty = llinell { $line }: mae'r ffeil yn wag: rhaid i'r llinell gyntaf enwi'r colofnau
catalogue-upload-header-unreadable = llinell { $line }: nid oedd modd darllen y pennawd ({ $reason })
catalogue-upload-name-not-text = llinell { $line }: nid yw enw colofn { $column } yn destun UTF-8
catalogue-upload-name-empty = llinell { $line }: nid oes enw gan golofn { $column }
catalogue-upload-name-too-long = llinell { $line }: mae enw colofn { $column } yn hwy na { $max } o nodau
catalogue-upload-name-twice = llinell { $line }: mae dwy golofn o'r enw “{ $name }”
catalogue-upload-too-many-columns = llinell { $line }: nifer y colofnau yn y ffeil yw { $count }; ni chaniateir mwy na { $max }
catalogue-upload-line-unreadable = llinell { $line }: nid oedd modd darllen y llinell ({ $reason })
# $values yw nifer y gwerthoedd yn y llinell, $columns yw nifer y colofnau yn y pennawd.
catalogue-upload-width = llinell { $line }: nifer y gwerthoedd yn y llinell hon yw { $values }, ond nifer y colofnau yn y pennawd yw { $columns }
catalogue-upload-value-not-text = llinell { $line }: nid yw'r gwerth yn y golofn “{ $name }” yn destun UTF-8
catalogue-upload-no-rows = llinell { $line }: mae pennawd yn y ffeil ond dim rhesi o ddata

# Setiau data cyfyngedig (rhyddhau data wedi'i dargedu).
catalogue-form-access = Pwy gaiff lwytho'r ffeiliau i lawr
catalogue-form-restricted = Cyfyngedig: dim ond partneriaid y rhoddwn allwedd API iddyn nhw ar gyfer y set ddata hon
catalogue-form-restricted-hint = Mae'r disgrifiad yn aros yn gyhoeddus, yn y catalog a'i APIs, gyda sut i wneud cais. Caiff y ffeiliau eu gweini dim ond i allweddi y mae eu cwmpas yn enwi'r set ddata hon ac y mae eu cytundeb rhannu data mewn grym, a chaiff pob llwytho i lawr ei gofnodi.
catalogue-form-how-to-apply = Sut i wneud cais am fynediad
catalogue-form-how-to-apply-hint = Pwy i'w holi, beth sydd angen i chi ei wybod am yr ymgeisydd a'i ddiben, a'r cytundeb y bydd yn ei lofnodi.
catalogue-restricted = Cyfyngedig
catalogue-restricted-explained = Dim ond gyda phartneriaid o dan gytundeb rhannu data y caiff ffeiliau'r set ddata hon eu rhannu. Caiff unrhyw un ddarllen ei disgrifiad.
catalogue-how-to-apply = Sut i wneud cais
catalogue-restricted-developers = Mae partneriaid yn llwytho'r ffeiliau i lawr gydag allwedd API sydd â'r cwmpas
catalogue-restricted-register = Cytundebau rhannu data'r corff
