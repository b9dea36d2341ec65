# Y gofrestr cyflenwyr: chwilio, tudalen cyflenwr, ffurflen gweinyddwyr.
suppliers-title = Cofrestr cyflenwyr
suppliers-heading = Cofrestr cyflenwyr
suppliers-caption = Cyflenwr
suppliers-intro = Cyflenwyr sy'n gweithio i'r cyrff cyhoeddus ar y wefan hon: eu maint, a ydynt yn fentrau cymdeithasol neu'n sefydliadau gwirfoddol a chymunedol, y safonau y maent yn eu cefnogi a'r fframweithiau y maent arnynt, a'r hyn y mae pob corff wedi'i wario gyda nhw.
suppliers-name-label = Enw
suppliers-postcode-label = Ger cod post (dewisol)
suppliers-postcode-hint = Cyflenwyr y mae eu cyfeiriad cofrestredig o fewn y pellter isod
suppliers-miles-label = O fewn
suppliers-miles-option = { $miles } milltir
suppliers-scale-legend = Maint
suppliers-status-legend = Gwerth cymdeithasol
suppliers-scale-micro = Micro (llai na 10 aelod o staff)
suppliers-scale-small = Bach (llai na 50 aelod o staff)
suppliers-scale-medium = Canolig (llai na 250 aelod o staff)
suppliers-scale-large = Mawr
suppliers-vcse = Menter wirfoddol, gymunedol neu gymdeithasol (VCSE)
suppliers-vcse-short = VCSE
suppliers-social-enterprise = Menter gymdeithasol
suppliers-supported-employment = Darparwr cyflogaeth â chymorth
suppliers-standard-label = Yn cefnogi'r safon
suppliers-standard-hint = Er enghraifft, Open311 neu Open Referral UK
suppliers-kind-label = Math o wasanaeth
suppliers-search-button = Chwilio
suppliers-found = { $count ->
    [zero] Dim cyflenwyr
    [one] 1 cyflenwr
    [two] 2 gyflenwr
    [few] { $count } chyflenwr
    [many] { $count } chyflenwr
   *[other] { $count } cyflenwr
}
suppliers-postcode-unknown = Ni allem ddod o hyd i { $postcode } yn y gofrestr cyfeiriadau, felly ni ddangosir unrhyw gyflenwr yn ôl pellter. Gwiriwch y cod post, neu chwiliwch hebddo.
suppliers-distance = { $miles } milltir i ffwrdd
suppliers-distance-under = Llai na 0.1 milltir i ffwrdd
suppliers-pages = Tudalennau o gyflenwyr
suppliers-previous = Tudalen flaenorol
suppliers-next = Tudalen nesaf
suppliers-open-data = Y gofrestr gyfan fel data agored:
suppliers-edit-link = Newid y cyflenwr hwn
suppliers-org-id = Dynodwr sefydliad
suppliers-org-id-hint = Cynllun a rhif, fel GB-COH-01234567 (Tŷ'r Cwmnïau), GB-CHC-1234567 (y Comisiwn Elusennau), GB-SC-SC012345 (OSCR), GB-NIC-100123, GB-MPR-12345R, GB-PPON-ABCD-1234-EFGH neu GB-UKPRN-10001234
suppliers-name = Enw
suppliers-address = Cyfeiriad cofrestredig
suppliers-postcode = Cod post cofrestredig
suppliers-scale = Maint
suppliers-standards = Safonau a gefnogir
suppliers-frameworks = Fframweithiau a lotiau
suppliers-areas = Ardaloedd a wasanaethir
suppliers-kinds = Mathau o wasanaeth
suppliers-spend-names = Enwau mewn data gwariant
suppliers-list-hint = Un ar bob llinell, neu wedi'u gwahanu gan atalnodau
suppliers-lines-hint = Un ar bob llinell
suppliers-spend-names-hint = Sut mae ffeiliau gwariant y cyrff yn enwi'r cyflenwr hwn, un ar bob llinell, os nad yn union fel uchod. Nid yw priflythrennau a bylchau ar y naill ben na'r llall o bwys.
suppliers-none = Dim wedi'i roi
suppliers-spend-heading = Yr hyn a wariodd cyrff cyhoeddus gyda'r cyflenwr hwn
suppliers-spend-none = Nid yw gwariant cyhoeddedig unrhyw gorff yn enwi'r cyflenwr hwn eto.
suppliers-spend-total = { $total } i gyd.
suppliers-spend-how = Cysylltir gwariant drwy'r enwau y mae ffeiliau gwariant y cyrff yn eu rhoi i'r cyflenwr. Caiff meysydd gwariant pob corff eu cysylltu â'i wasanaethau gan ei staff ei hun.
suppliers-column-body = Corff
suppliers-column-area = Maes gwariant
suppliers-column-service = Gwasanaeth
suppliers-column-payments = Taliadau
suppliers-column-total = Cyfanswm
suppliers-column-period = Cyfnod
suppliers-not-mapped = Heb ei gysylltu â gwasanaeth
suppliers-new-title = Ychwanegu cyflenwr
suppliers-edit-title = Newid cyflenwr
suppliers-save = Cadw'r cyflenwr
suppliers-error-org-id-missing = Rhowch ddynodwr sefydliad y cyflenwr, fel GB-COH-01234567
suppliers-error-org-id = Nid yw '{ $given }' yn ddynodwr sefydliad y mae Civic yn ei adnabod: defnyddiwch GB-COH- a rhif cwmni, GB-CHC-, GB-SC-, GB-NIC- a rhif elusen, GB-MPR-, GB-PPON- neu GB-UKPRN-
suppliers-error-name = Rhowch enw'r cyflenwr, hyd at 200 nod
suppliers-error-address = Rhowch y cyfeiriad cofrestredig, hyd at 300 nod
suppliers-error-postcode = Rhowch y cod post cofrestredig, fel ZZ1 1AA
suppliers-error-scale = Dewiswch faint y cyflenwr: micro, bach, canolig neu fawr
suppliers-error-list-long = Rhestrwch { $max } ar y mwyaf
suppliers-error-entry-long = Rhaid i bob cofnod fod yn { $max } nod ar y mwyaf
suppliers-error-duplicate = Mae { $org_id } wedi'i gofrestru eisoes: newidiwch y cofnod hwnnw yn lle hynny
suppliers-verified = Wedi'i wirio yn erbyn ei gofrestr
suppliers-verified-never = Heb ei wirio eto
suppliers-verified-registered-as = Cofrestredig, fel { $name }
suppliers-verified-registered = Cofrestredig
suppliers-verified-removed = Wedi'i dynnu o'r gofrestr, neu nid yw'n weithredol mwyach
suppliers-verified-not-listed = Heb ei restru yn y gofrestr
suppliers-verified-checked = Gwiriwyd ar { $date } gan { $by } yn erbyn { $source }; mae'r gwiriad yn sefyll tan { $until }.
suppliers-verified-expired = Mae'r gwiriad hwn wedi dod i ben.
suppliers-ratings-heading = Contractau a graddfeydd prynwyr
suppliers-ratings-none = Nid oes unrhyw gorff wedi cyhoeddi contract gyda'r cyflenwr hwn.
