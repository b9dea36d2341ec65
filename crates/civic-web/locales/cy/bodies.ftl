# Yr hafan, y rhestr o gyrff cyhoeddus a thudalen pob corff.

bodies-home-title = Dod o hyd i wasanaethau cyhoeddus
bodies-home-lead = Pob gwasanaeth gan y cyrff cyhoeddus ar y wefan hon, pob ffordd o'i ddefnyddio – ar-lein, dros y ffôn, wyneb yn wyneb neu drwy'r post – a sut i gael help os nad ydych chi'n defnyddio'r rhyngrwyd.
bodies-home-search-label = Chwilio pob gwasanaeth
bodies-home-search-button = Chwilio
bodies-home-none = Does dim cyrff cyhoeddus wedi'u hychwanegu eto.
bodies-home-report = rhoi gwybod am broblem
bodies-home-reported = problemau y rhoddwyd gwybod amdanynt

bodies-list-title = Cyrff cyhoeddus
bodies-list-json-before = Mae'r rhestr hon hefyd ar gael fel
bodies-list-json-link = JSON

bodies-show-services = Gwasanaethau
bodies-show-service-count =
    { $count ->
        [zero] Dim gwasanaethau yn y gofrestr
        [one] 1 gwasanaeth yn y gofrestr
        [two] 2 wasanaeth yn y gofrestr
        [few] { $count } gwasanaeth yn y gofrestr
        [many] { $count } gwasanaeth yn y gofrestr
       *[other] { $count } gwasanaeth yn y gofrestr
    }
bodies-show-requests = Problemau a cheisiadau
bodies-show-report = Rhoi gwybod am broblem
bodies-show-or = neu
bodies-show-reported = gweld problemau y rhoddwyd gwybod amdanynt eisoes
bodies-show-open-data = Data agored
bodies-show-catalogue = Pob set ddata y mae'n ei chyhoeddi
bodies-show-free-to-reuse = am ddim i'w hailddefnyddio
bodies-show-performance = Perfformiad
bodies-show-performance-link = Sut mae ei wasanaethau'n perfformio
bodies-show-performance-rest = niferoedd, amseroedd, bodlonrwydd a chost, yn fyw
bodies-show-open311 = API Open311
bodies-show-discovery = Dogfen ddarganfod
bodies-show-discovery-formats = (GeoReport v2, XML a JSON)
bodies-show-website = Gwefan
bodies-show-services-csv = Cofrestr gwasanaethau (CSV)
bodies-show-services-json = cofrestr gwasanaethau (JSON)
bodies-show-services-openreferral = cofrestr gwasanaethau (ffrwd Open Referral UK)
bodies-show-body-json = y corff hwn (JSON)

# Mathau o gorff cyhoeddus.
bodies-kind-county-council = Cyngor sir
bodies-kind-district-council = Cyngor dosbarth
bodies-kind-city-council = Cyngor dinas
bodies-kind-unitary-authority = Awdurdod unedol
bodies-kind-parish-council = Cyngor tref neu blwyf
bodies-kind-government-department = Adran neu asiantaeth y llywodraeth
bodies-kind-health-trust = Ymddiriedolaeth iechyd
bodies-kind-other = Corff cyhoeddus arall
