# Dangosfyrddau perfformiad (cenedlaethol, fesul corff, fesul gwasanaeth, cymharu yn ôl
# cod), setiau data a anfonir o systemau eraill, a'r arolwg bodlonrwydd.

## Teitlau a phenawdau

performance-index-title = Perfformiad gwasanaethau cyhoeddus
performance-index-heading = Sut mae gwasanaethau cyhoeddus yn perfformio
performance-index-lead = Ffigurau ar gyfer pob gwasanaeth, wedi'u cyfrifo'n fyw o geisiadau a thrafodion o'r dechrau hyd at y canlyniad. Nid oes neb yn eu teipio i mewn.
performance-index-bodies = Cyrff cyhoeddus
performance-index-codes-heading = Gwasanaethau safonol ar draws cyrff, y 12 mis diwethaf
performance-index-codes = Gwasanaethau safonol
performance-index-no-transactions = Dim trafodion eto.
performance-breadcrumb = Perfformiad
performance-body-title = Perfformiad – { $body }
performance-body-heading = Sut mae gwasanaethau { $body } yn perfformio
performance-body-whole-period = Pob gwasanaeth, dros y cyfnod cyfan a ddangosir
performance-service-title = Perfformiad: { $service } – { $body }
performance-service-heading = Sut mae “{ $service }” yn perfformio
performance-service-intro = Caiff pob ffigur ei gyfrifo o drafodion y gwasanaeth ei hun, o'r cais hyd at y canlyniad, wrth iddynt ddigwydd.
performance-service-about = Am y gwasanaeth hwn
performance-service-compare = Cymharu â chyrff eraill
performance-service-whole-period = Y cyfnod cyfan a ddangosir
performance-compare-title = Cymharu cyrff: { $code }
performance-compare-caption = Gwasanaeth safonol { $code }
performance-compare-heading = { $code }: cymharu pob corff
performance-compare-period-label = Cyfnod y ffigurau
performance-compare-all-bodies = Pob corff gyda'i gilydd
performance-compare-national-median = Caiff y canolrif cenedlaethol ei gyfrifo o drafodion pob corff wedi'u cyfuno, nid drwy gymryd cyfartaledd canolrifau'r cyrff.
performance-compare-bars-heading = Amser canolrifol hyd at y canlyniad, yn ôl corff
performance-compare-chosen = (wedi'i ddewis)
performance-compare-no-bodies = Nid oes gan unrhyw gorff ffigurau ar gyfer y gwasanaeth hwn eto.
performance-compare-costs-note = Ni ellir cymharu costau fesul trafodiad rhwng cyrff sy'n cyfrif costau mewn ffyrdd gwahanol.
performance-compare-check-estimates = Gwiriwch yr amcangyfrifon:
performance-compare-check-estimates-csv = yr union ganolrif a'r 90fed canradd fesul mis wrth ymyl yr amcangyfrifon, fel CSV
performance-error-choose-code = Dewiswch wasanaeth safonol i'w gymharu (code=…)

## Cais na all y data perfformiad ei ateb (yr API data, a chyfnodau'r dangosfyrddau): mae
## enwau a gwerthoedd y paramedrau'n aros fel y'u teipiwyd. $value yw'r gwerth a roddwyd.
performance-data-too-many-rows = Mae hynny'n gofyn am fwy na { $max } o resi (grwpiau: { $groups } × cyfnodau: { $periods }): dewiswch un corff neu wasanaeth safonol, cyfnod hirach neu ystod dyddiadau fyrrach
performance-data-period-unknown = Nid yw'r cyfnod (period) '{ $value }' yn un o day, week, month, quarter neu year
performance-data-group-by-unknown = Rhaid i group_by fod yn body, service neu code
performance-data-measures-unknown = Rhaid i measures fod yn all neu counts
# $name yw start_at neu end_at.
performance-data-date-invalid = Nid yw { $name } '{ $value }' yn ddyddiad yn y fformat BBBB-MM-DD, fel 2026-04-01
performance-data-end-before-start = Mae end_at cyn start_at
performance-data-too-long = Gofynnwch am dair blynedd ar y mwyaf ar y tro
performance-data-too-many-days = Gofynnwch am 400 diwrnod ar y mwyaf fesul diwrnod; defnyddiwch wythnosau neu fisoedd (week neu month) ar gyfer cyfnod hirach
performance-data-service-without-body = Mae angen body gyda service: dim ond o fewn ei gorff y mae dynodydd gwasanaeth yn unigryw
performance-data-accuracy-code-missing = Mae angen code: caiff yr union amseroedd eu cyfrifo ar gyfer un gwasanaeth safonol ar y tro
performance-data-accuracy-national = Mae'r union amseroedd yn rhai cenedlaethol: rhowch code, start_at ac end_at yn unig

## Dewis y cyfnod

performance-period-label = Dangos fesul
performance-update = Diweddaru
performance-period-option-day = Diwrnodau (y 31 diwrnod diwethaf)
performance-period-option-week = Wythnosau (y 26 wythnos ddiwethaf)
performance-period-option-month = Misoedd (y 24 mis diwethaf)
performance-period-option-quarter = Chwarteri (yr 8 chwarter diwethaf)
performance-period-option-year = Blynyddoedd (y 2 flynedd ddiwethaf)

# Label cyfnod ar siartiau ac mewn tablau: "2 Maw 2026", "w/d 2 Maw 2026" (wythnos yn
# dechrau), "Maw 2026", "Ch1 2026" (chwarter).
performance-period-day = { $day } { $month } { $year }
performance-period-week = w/d { $day } { $month } { $year }
performance-period-month = { $month } { $year }
performance-period-quarter = Ch{ $quarter } { $year }
performance-month-short-1 = Ion
performance-month-short-2 = Chwef
performance-month-short-3 = Maw
performance-month-short-4 = Ebr
performance-month-short-5 = Mai
performance-month-short-6 = Meh
performance-month-short-7 = Gorff
performance-month-short-8 = Awst
performance-month-short-9 = Medi
performance-month-short-10 = Hyd
performance-month-short-11 = Tach
performance-month-short-12 = Rhag

## Prif ffigurau

performance-figure-started = Trafodion a ddechreuwyd
performance-figure-completed = Wedi'u cwblhau
performance-figure-completion-rate = Cyfradd cwblhau
performance-figure-take-up = Defnydd digidol
performance-figure-median = Amser canolrifol hyd at y canlyniad
performance-figure-p90 = 90% wedi'u cwblhau o fewn
performance-figure-within-target =
    { $count ->
        [zero] Wedi'u cwblhau o fewn y targed o 0 diwrnod gwaith
        [one] Wedi'u cwblhau o fewn y targed o 1 diwrnod gwaith
        [two] Wedi'u cwblhau o fewn y targed o 2 ddiwrnod gwaith
        [few] Wedi'u cwblhau o fewn y targed o { $count } diwrnod gwaith
        [many] Wedi'u cwblhau o fewn y targed o { $count } diwrnod gwaith
       *[other] Wedi'u cwblhau o fewn y targed o { $count } diwrnod gwaith
    }
performance-figure-satisfied = Bodlon neu fodlon iawn
performance-figure-spend = Gwariant
performance-figure-cost = Cost fesul trafodiad
performance-figure-open = Ar agor nawr
performance-open-none = dim
performance-open-ages = { $open } (oed canolrifol { $median }, yr hynaf { $oldest })
performance-open-oldest = { $open } (yr hynaf { $oldest })
performance-age-days =
    { $count ->
        [zero] 0 diwrnod
        [one] 1 diwrnod
        [two] 2 ddiwrnod
        [few] { $count } diwrnod
        [many] { $count } diwrnod
       *[other] { $count } diwrnod
    }

# Gwerthoedd mewn geiriau.
performance-withheld = llai na 5
performance-not-enough-data = dim digon o ddata
performance-no-spend-data = dim data gwariant
# Mae $days yn rhif gydag un lle degol, fel 4.5.
performance-days = { $days } diwrnod
performance-satisfied-of-answers = { $percent } o { $answers } ateb
performance-no-answers = dim atebion eto
performance-withheld-answers = llai na 5 ateb
performance-accuracy-note = Caiff amseroedd eu cyfrifo o histogramau y gellir eu cyfuno, ac maent o fewn { $accuracy }% i'r union werth. Caiff niferoedd o 1 i 4 eu hatal fel na ellir adnabod neb.

## Siartiau a thablau

performance-channel-digital = Digidol
performance-channel-assisted-digital = Cymorth digidol
performance-channel-phone = Ffôn
performance-channel-counter = Wyneb yn wyneb
performance-channel-post = Drwy'r post
performance-channel-email = E-bost
performance-unit-transactions = trafodion
performance-unit-days = diwrnodau
performance-volume-heading = Nifer yn ôl sianel
performance-volume-chart-title = Trafodion a ddechreuwyd, yn ôl sianel
performance-volume-chart-description = Colofnau wedi'u pentyrru sy'n dangos y trafodion a ddechreuwyd ym mhob cyfnod, gydag un lliw ar gyfer pob sianel; mae'r tabl sy'n dilyn yn rhoi'r un ffigurau.
performance-volume-caption = Trafodion a ddechreuwyd, yn ôl sianel a chyfnod
performance-time-heading = Amser hyd at y canlyniad
performance-time-chart-title = Amser o'r cais hyd at y canlyniad
performance-time-chart-description = Llinellau sy'n dangos y canolrif a'r 90fed canradd o ddiwrnodau o'r dechrau hyd at y canlyniad ym mhob cyfnod, gyda'r targed fel llinell doredig; mae'r tabl sy'n dilyn yn rhoi'r un ffigurau.
performance-time-caption = Trafodion a gwblhawyd, amser hyd at y canlyniad a bodlonrwydd, yn ôl cyfnod
# Label llinell y targed: $count diwrnod gwaith, $days diwrnod calendr.
performance-target-label =
    Targed: { $count ->
        [zero] 0 diwrnod gwaith
        [one] 1 diwrnod gwaith
        [two] 2 ddiwrnod gwaith
        [few] { $count } diwrnod gwaith
        [many] { $count } diwrnod gwaith
       *[other] { $count } diwrnod gwaith
    } (tua { $days ->
        [zero] 0 diwrnod
        [one] 1 diwrnod
        [two] 2 ddiwrnod
        [few] { $days } diwrnod
        [many] { $days } diwrnod
       *[other] { $days } diwrnod
    })
performance-compare-chart-title = Canolrif y diwrnodau o'r cais hyd at y canlyniad, yn ôl corff
performance-compare-chart-description = Un bar ar gyfer pob corff yn dangos yr amser canolrifol hyd at y canlyniad dros y cyfnod cyfan; mae'r tabl sy'n dilyn yn rhoi'r ffigurau hyn a rhagor.
performance-each-service = Pob gwasanaeth ar wahân
performance-each-body = Pob corff ar wahân
performance-col-period = Cyfnod
performance-col-all-channels = Pob sianel
performance-col-service = Gwasanaeth
performance-col-body = Corff
performance-col-code = Cod y gwasanaeth
performance-col-started = Wedi dechrau
performance-col-completed = Wedi'u cwblhau
performance-col-median = Canolrif
performance-col-median-time = Amser canolrifol
performance-col-p90 = 90fed canradd
performance-col-within-target = O fewn y targed
performance-col-take-up = Defnydd digidol
performance-col-satisfied = Bodlon
performance-col-cost = Cost fesul trafodiad
performance-col-open-now = Ar agor nawr
performance-no-transactions-period = Dim trafodion yn y cyfnod hwn.

performance-open-data = Data agored:
performance-open-data-as-json = fel JSON
performance-open-data-schema = beth mae pob colofn yn ei olygu
performance-open-data-services-csv = pob gwasanaeth fel CSV
performance-open-data-bodies-csv = fesul corff fel CSV
performance-open-data-figures-csv = y ffigurau hyn fel CSV
performance-open-data-index-bodies-csv = pob corff fesul mis (CSV)
performance-open-data-index-codes-json = pob gwasanaeth safonol fesul mis (JSON)

## Setiau data o systemau y tu allan i Civic

performance-datasets-heading = Data o systemau y tu allan i Civic
performance-dataset-summary =
    { $count ->
        [zero] 0 digwyddiad
        [one] 1 digwyddiad
        [two] 2 ddigwyddiad
        [few] { $count } digwyddiad
        [many] { $count } digwyddiad
       *[other] { $count } digwyddiad
    }, derbyniwyd y swp diwethaf ar { $last }.
performance-dataset-summary-never =
    { $count ->
        [zero] 0 digwyddiad
        [one] 1 digwyddiad
        [two] 2 ddigwyddiad
        [few] { $count } digwyddiad
        [many] { $count } digwyddiad
       *[other] { $count } digwyddiad
    }, ni dderbyniwyd dim eto.
performance-dataset-never = dim eto
performance-stale = Wedi dyddio
performance-stale-note = Nid oes dim wedi cyrraedd ers mwy na { $hours } awr, felly efallai nad yw'r ffigurau diweddar yn gyflawn.
performance-stale-cell = dim byd ers mwy na { $hours } awr

performance-datasets-title = Data o systemau eraill – { $body }
performance-datasets-title-error = Gwall: Data o systemau eraill – { $body }
performance-datasets-staff-heading = Data o systemau eraill
performance-datasets-created = Mae'r set ddata wedi'i sefydlu
# Dangosir fel HTML: cadwch yr elfennau <code>.
performance-datasets-token-help = Rhowch y tocyn hwn i ddatblygwyr y system. Dim ond unwaith y caiff ei ddangos. Maen nhw'n anfon sypiau o hyd at 10,000 o ddigwyddiadau trafodion i <code class="code">POST /api/events</code> gyda'r pennawd <code class="code">Authorization: Bearer</code> a'r tocyn.
performance-datasets-intro = Mae gwasanaethau sy'n rhedeg y tu allan i Civic (system daliadau, system rheoli achosion) yn anfon eu trafodion yma, er mwyn iddynt gael yr un mesurau a dangosfyrddau cyhoeddedig â cheisiadau a wneir drwy Civic. Caiff pob digwyddiad ei gyfrif unwaith, ni waeth pa mor aml y caiff ei anfon.
performance-datasets-none = Dim setiau data eto.
performance-datasets-table = Setiau data
performance-col-dataset = Set ddata
performance-col-events = Digwyddiadau
performance-col-last-received = Derbyniwyd ddiwethaf
performance-col-state = Cyflwr
performance-datasets-each-event = Mae pob digwyddiad yn enwi ei wasanaeth
performance-datasets-up-to-date = Cyfredol
performance-datasets-new-heading = Sefydlu set ddata
performance-datasets-name-label = Enw'r system neu'r set ddata
performance-datasets-service-label = Y gwasanaeth y mae'r trafodion yn perthyn iddo
performance-datasets-service-several = Sawl un: mae pob digwyddiad yn enwi ei wasanaeth
performance-datasets-hours-label = Nifer yr oriau a all fynd heibio rhwng sypiau cyn iddi gael ei dangos fel set ddata sydd wedi dyddio
performance-datasets-submit = Sefydlu'r set ddata
performance-error-dataset-exists = Mae set ddata gyda'r enw hwn yn bodoli eisoes
performance-error-choose-service = Dewiswch un o'ch gwasanaethau

## Yr arolwg bodlonrwydd

performance-survey-title = Pa mor fodlon oeddech chi?
performance-survey-title-error = Gwall: pa mor fodlon oeddech chi?
performance-survey-thanks-heading = Diolch
performance-survey-thanks = Mae eich ateb am gais { $request } ({ $service }, { $body }) wedi'i gofnodi. Mae'n cyfrif tuag at ffigur bodlonrwydd cyhoeddedig y gwasanaeth, ac ni chaiff byth ei ddangos gyda'ch enw na'ch cais.
performance-survey-see-request = Gweld y cais
performance-survey-error = Dewiswch pa mor fodlon oeddech chi
performance-survey-caption = { $body }: { $service }, cais { $request }
performance-survey-question = At ei gilydd, pa mor fodlon oeddech chi â'r ffordd yr ymdriniwyd â'ch cais?
performance-survey-rating-1 = Anfodlon iawn
performance-survey-rating-2 = Anfodlon
performance-survey-rating-3 = Ddim yn fodlon nac yn anfodlon
performance-survey-rating-4 = Bodlon
performance-survey-rating-5 = Bodlon iawn
performance-survey-send = Anfon fy ateb

performance-email-survey-subject = Sut wnaethon ni? Cais { $id } ({ $service })
performance-email-survey-now = Statws eich cais { $id } ({ $service }) nawr yw: { $status }.
performance-email-survey-ask = Hoffem wybod pa mor fodlon ydych chi â'r ffordd yr ymdriniwyd ag ef. Un cwestiwn yw hwn, a dim ond ychydig eiliadau y mae'n ei gymryd:
    { $link }
performance-email-survey-private = Caiff eich ateb ei gyfrif yn ffigurau perfformiad cyhoeddedig y gwasanaeth. Ni chaiff byth ei ddangos gyda'ch enw na'ch cais.
performance-chart-no-value = Dim data
performance-chart-empty = Dim data ar gyfer y cyfnod hwn
