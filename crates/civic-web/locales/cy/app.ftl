# Y ffrâm a rennir gan bob tudalen, y dudalen wall a'i negeseuon, dyddiadau.

app-skip-link = Neidio i'r prif gynnwys
app-main-menu = Prif ddewislen
app-nav-services = Pob gwasanaeth
app-nav-bodies = Cyrff cyhoeddus
app-nav-catalogue = Data agored
app-nav-staff = Ardal staff
app-nav-admin = Gweinyddu
app-sign-out = Allgofnodi
app-staff-sign-in = Mewngofnodi staff
app-support-links = Dolenni cymorth
app-footer-scale = Y raddfa cynhwysiant digidol
app-footer-addresses = Dod o hyd i gyfeiriad
app-footer-registers = Cofrestrau (data agored y gellir ei wirio)
app-footer-performance = Perfformiad gwasanaethau cyhoeddus
app-footer-open311 = API Open311
app-footer-services-csv = Pob gwasanaeth fel data agored (CSV)
app-footer-openapi = Disgrifiad o'r API (OpenAPI)
app-footer-privacy = Hysbysiad preifatrwydd
app-footer-accessibility = Datganiad hygyrchedd
app-footer-developers = APIs i ddatblygwyr
app-footer-suppliers = Cofrestr cyflenwyr
app-footer-licence = Mae'r data agored ar y wefan hon ar gael o dan y Drwydded Llywodraeth Agored v3.0, oni nodir yn wahanol.
app-footer-welsh-welcome = Rydym yn croesawu gohebiaeth yn Gymraeg ac yn Saesneg. Ni fydd ysgrifennu atom yn Gymraeg yn arwain at unrhyw oedi.

app-language-nav = Dewis iaith
app-language-change = Newid yr iaith i'r Gymraeg

app-breadcrumb = Briwsion bara
app-home = Hafan
app-error-summary-title = Mae problem wedi codi
app-error-prefix = Gwall:
app-error-you-can = Gallwch
app-error-go-start = fynd i'r dudalen gychwyn
app-error-or = neu
app-error-search-services = chwilio pob gwasanaeth
app-error-code = Cod gwall { $status }

app-error-not-found-title = Heb ddod o hyd i'r dudalen
app-error-not-found = Os gwnaethoch deipio'r cyfeiriad gwe, gwiriwch ei fod yn gywir. Os gwnaethoch ei gludo, gwiriwch eich bod wedi copïo'r cyfeiriad cyfan.
app-error-sign-in-title = Mae angen i chi fewngofnodi
app-error-sign-in = Mewngofnodwch i weld y dudalen hon.
app-error-forbidden-title = Nid oes gennych fynediad i'r dudalen hon
app-error-forbidden = Ni all eich cyfrif weld na newid hyn. Dim ond gwasanaethau eu sefydliad eu hunain y gall staff eu rheoli.
app-error-form-expired-title = Nid oedd modd anfon eich ffurflen
app-error-form-expired = Gall hyn ddigwydd os oedd y dudalen ar agor am amser hir neu os yw cwcis wedi'u rhwystro. Ewch yn ôl, ail-lwythwch y dudalen a rhowch gynnig arall arni.
app-error-bad-request-title = Mae problem gyda'ch cais
app-error-too-large-title = Mae'r hyn a anfonoch yn rhy fawr
app-error-too-large = Anfonwch lai ar y tro: mae ffurflenni'n derbyn hyd at 1 MB, a lluniau a ffeiliau hyd at 10 MB yr un.
app-error-invalid-title = Mae problem wedi codi
app-error-conflict-title = Mae hynny'n bodoli eisoes
app-error-conflict = Mae rhywbeth gyda'r un enw neu ddynodydd yn bodoli eisoes. Dewiswch un arall.
app-error-too-many-title = Gormod o gynigion
app-error-too-many = Er mwyn i'r gwasanaeth weithio i bawb, rydym yn cyfyngu ar ba mor aml y gall un person neu ap anfon ffurflenni, adroddiadau neu gyfrineiriau. Rhowch gynnig arall arni ymhen { $wait } eiliad.
app-error-busy-title = Mae'n ddrwg gennym, mae'r gwasanaeth yn brysur
app-error-busy = Mae gormod o bobl yn mewngofnodi ar yr un pryd. Ni chadwyd dim o'r hyn a anfonoch. Rhowch gynnig arall arni ymhen { $wait } eiliad.
app-error-unavailable-title = Mae'n ddrwg gennym, nid yw'r gwasanaeth ar gael
app-error-unavailable = Nid oeddem yn gallu cyrraedd ein cronfa ddata. Ni chafodd dim o'r hyn a anfonoch ei gadw'n rhannol. Rhowch gynnig arall arni ymhen ychydig funudau.
app-error-internal-title = Mae'n ddrwg gennym, mae problem gyda'r gwasanaeth
app-error-internal = Aeth rhywbeth o'i le ar ein hochr ni. Rhowch gynnig arall arni nes ymlaen.
app-error-page-number = Rhaid i rif y dudalen fod yn rhif cyfan o 1 ymlaen.

app-results =
    { $count ->
        [zero] Dim canlyniadau
        [one] 1 canlyniad
        [two] 2 ganlyniad
        [few] { $count } chanlyniad
        [many] { $count } chanlyniad
       *[other] { $count } canlyniad
    }
app-previous = Blaenorol
app-next = Nesaf
app-page-of = Tudalen { $page } o { $pages }

app-month-1 = Ionawr
app-month-2 = Chwefror
app-month-3 = Mawrth
app-month-4 = Ebrill
app-month-5 = Mai
app-month-6 = Mehefin
app-month-7 = Gorffennaf
app-month-8 = Awst
app-month-9 = Medi
app-month-10 = Hydref
app-month-11 = Tachwedd
app-month-12 = Rhagfyr
app-date-time = { $date } am { $time } UTC

app-correspondence-legend = Ym mha iaith y dylem ysgrifennu atoch?
app-correspondence-hint = Byddwn yn anfon pob e-bost am hyn yn yr iaith a ddewiswch. Rydym yn croesawu gohebiaeth yn Gymraeg, ac ni fydd ysgrifennu yn Gymraeg yn achosi unrhyw oedi.
app-not-in-welsh = Nid yw hwn ar gael yn Gymraeg eto.

app-error-control-character = Mae'r hyn a anfonoch yn cynnwys nod rheoli (fel beit NUL) na all unrhyw destun ei ddal yma. Tynnwch ef ac anfonwch eto.
app-error-query-unreadable = Nid oedd modd darllen ymholiad y cyfeiriad ({ $reason }). Gwiriwch fod pob paramedr wedi'i roi unwaith a bod ganddo werth o'r math cywir.
app-error-form-unreadable = Nid oedd modd darllen y ffurflen ({ $reason }).
app-error-form-unreadable-because = Nid oedd modd darllen y ffurflen: { $reason }
app-error-form-unreadable-plain = Nid oedd modd darllen y ffurflen.
app-error-upload-unreadable = Nid oedd modd darllen yr uwchlwythiad: { $reason }
app-error-photo-too-large = Rhaid i'r llun fod yn llai na { $max } MB
app-error-photo-type = Rhaid i'r llun fod yn ddelwedd JPEG neu PNG
app-error-photo-damaged-jpeg = Mae'r ddelwedd JPEG wedi'i difrodi
app-error-photo-damaged-png = Mae'r ddelwedd PNG wedi'i difrodi
# Nôl cyfeiriad a roddodd rhywun.
app-fetch-not-web = Nid yw “{ $address }” yn gyfeiriad gwe: rhowch un sy'n dechrau gyda https:// neu http://.
app-fetch-unresolvable = Ni ellid dod o hyd i weinydd o'r enw { $host }: gwiriwch y cyfeiriad.
app-fetch-private = Mae { $host } ar rwydwaith preifat neu leol, ac nid yw Civic yn nôl oddi yno: rhowch gyfeiriad cyhoeddus, neu lanlwythwch y ffeil yn lle hynny.
app-fetch-redirected = Mae'r cyfeiriad hwnnw'n anfon darllenwyr ymlaen i { $to }: rhowch y cyfeiriad hwnnw yn lle hynny.
app-fetch-status = Atebodd y cyfeiriad hwnnw gyda gwall (HTTP { $status }): gwiriwch ei fod yn agor mewn porwr.
app-fetch-too-large = Mae'r ffeil yn y cyfeiriad hwnnw'n fwy na { $mib } MiB.
app-fetch-failed = Ni ellid darllen y cyfeiriad hwnnw: rhowch gynnig arall arni, neu lanlwythwch y ffeil yn lle hynny.
