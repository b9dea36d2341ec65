# Cyfrifon: mewngofnodi, yr ardal staff, cyfrineiriau, a thudalennau gweinyddwyr ar gyfer
# cyrff cyhoeddus a'u staff.

accounts-email = Cyfeiriad e-bost

## Mewngofnodi

accounts-sign-in-title = Mewngofnodi
accounts-sign-in-intro = Ar gyfer staff cyrff cyhoeddus a gweinyddwyr y wefan hon.
accounts-sign-in-password = Cyfrinair
accounts-sign-in-button = Mewngofnodi
accounts-sign-in-forgotten = Wedi anghofio eich cyfrinair?
accounts-sign-in-after-reset = Mewngofnodwch gyda'ch cyfrinair newydd.
accounts-error-email-missing = Rhowch eich cyfeiriad e-bost
accounts-error-password-missing = Rhowch eich cyfrinair
accounts-error-sign-in-failed = Nid yw'r cyfeiriad e-bost neu'r cyfrinair yn gywir

## Yr ardal staff

accounts-home-title = Ardal staff
accounts-home-signed-in-as = Wedi mewngofnodi fel { $name }
accounts-home-moderator-for = Rydych yn gymedrolwr ar gyfer { $body }.
accounts-home-moderate = Cymedroli'r hyn a gyhoeddodd preswylwyr
accounts-home-public-requests = Gweld y ceisiadau cyhoeddus
accounts-home-manage-services = Rheoli gwasanaethau { $body }
accounts-home-requests = Ceisiadau o bob sianel
accounts-home-new-request = Cofnodi cais ar ran rhywun
accounts-home-add-service = Ychwanegu gwasanaeth
accounts-home-api-keys = Allweddi API Open311
accounts-home-webhooks = Bachau gwe i bartneriaid
accounts-home-datasets = Data o systemau eraill
# Un llinell o dair dolen: "Catalog data agored, ceisiadau am ddata a'r gofrestr rhannu
# data".
accounts-home-catalogue = Catalog data agored
accounts-home-data-requests = ceisiadau am ddata
accounts-home-and-the = a'r
accounts-home-data-sharing = gofrestr rhannu data
# Un llinell o ddwy ddolen: "Data gwariant a dangosfwrdd perfformiad".
accounts-home-spend = Data gwariant
accounts-home-and = a
accounts-home-performance = dangosfwrdd perfformiad
accounts-home-public-register = Gweld y gofrestr gyhoeddus
accounts-home-change-password = Newid eich cyfrinair
accounts-home-sign-out-everywhere-hint = Wedi colli ffôn, neu wedi mewngofnodi ar gyfrifiadur a rennir? Mae hyn yn eich allgofnodi ar bob dyfais, gan gynnwys hon.
accounts-home-sign-out-everywhere = Allgofnodi ym mhobman
accounts-home-admin-bodies = Ychwanegu cyrff cyhoeddus a'u staff
accounts-home-undelivered = E-byst heb eu danfon
accounts-home-add-supplier = Ychwanegu cyflenwr at y gofrestr cyflenwyr

## Newid cyfrinair

accounts-password-title = Newid eich cyfrinair
accounts-password-changed = Cyfrinair wedi'i newid
accounts-password-changed-elsewhere = Rydych wedi cael eich allgofnodi ym mhob man arall.
accounts-password-current = Cyfrinair presennol
accounts-password-new = Cyfrinair newydd
accounts-password-new-hint = O leiaf 12 nod. Mae ychydig o eiriau digyswllt yn gwneud cyfrinair cryf.
accounts-password-confirm = Cyfrinair newydd eto
accounts-password-button = Newid y cyfrinair
accounts-error-current-password = Nid yw eich cyfrinair presennol yn gywir
accounts-error-password-unchanged = Rhaid i'r cyfrinair newydd fod yn wahanol i'r un presennol

## Wedi anghofio cyfrinair

accounts-forgot-title = Ailosod eich cyfrinair
accounts-forgot-intro = Rhowch y cyfeiriad e-bost rydych yn ei ddefnyddio i fewngofnodi. Byddwn yn anfon dolen i chi ddewis cyfrinair newydd.
accounts-forgot-send = Anfon y ddolen
accounts-forgot-sent-title = Gwiriwch eich e-bost
# "Os yw [cyfeiriad e-bost] yn gyfeiriad cyfrif yma, …": daw'r cyfeiriad, mewn print
# trwm, rhwng y ddwy neges hyn.
accounts-forgot-sent-if = Os yw
accounts-forgot-sent-rest = yn gyfeiriad cyfrif yma, rydym wedi anfon dolen ato i ddewis cyfrinair newydd.
accounts-forgot-link-works =
    { $count ->
        [zero] Mae'r ddolen yn gweithio unwaith, o fewn { $count } munud. Os gofynnwch eto, bydd unrhyw ddolen gynharach yn peidio â gweithio.
        [one] Mae'r ddolen yn gweithio unwaith, o fewn 1 munud. Os gofynnwch eto, bydd unrhyw ddolen gynharach yn peidio â gweithio.
        [two] Mae'r ddolen yn gweithio unwaith, o fewn 2 funud. Os gofynnwch eto, bydd unrhyw ddolen gynharach yn peidio â gweithio.
        [few] Mae'r ddolen yn gweithio unwaith, o fewn { $count } munud. Os gofynnwch eto, bydd unrhyw ddolen gynharach yn peidio â gweithio.
        [many] Mae'r ddolen yn gweithio unwaith, o fewn { $count } munud. Os gofynnwch eto, bydd unrhyw ddolen gynharach yn peidio â gweithio.
       *[other] Mae'r ddolen yn gweithio unwaith, o fewn { $count } munud. Os gofynnwch eto, bydd unrhyw ddolen gynharach yn peidio â gweithio.
    }
accounts-forgot-no-email = Dim e-bost ar ôl ychydig funudau? Gwiriwch eich ffolder sbam, gwiriwch y cyfeiriad, neu gofynnwch i weinyddwr cyfrif eich sefydliad.
accounts-forgot-back = Yn ôl i fewngofnodi
accounts-error-email-format = Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@example.org

accounts-reset-title = Dewiswch gyfrinair newydd
# "Ar gyfer y cyfrif [cyfeiriad e-bost]. Ar ôl ei newid …": daw'r cyfeiriad, mewn print
# trwm ac atalnod llawn ar ei ôl, rhwng y ddwy neges hyn.
accounts-reset-for = Ar gyfer y cyfrif
accounts-reset-then = Ar ôl ei newid, byddwch yn cael eich allgofnodi ym mhobman, a byddwch yn mewngofnodi eto gyda'r cyfrinair newydd.
accounts-reset-gone-title = Nid yw'r ddolen hon yn gweithio mwyach
accounts-reset-gone-why = Mae dolen i ailosod cyfrinair yn gweithio unwaith, am gyfnod byr, a dim ond yr un ddiweddaraf y gofynnoch amdani sy'n gweithio.
# "[Gofynnwch am ddolen newydd], neu [mewngofnodwch] os ydych yn cofio eich cyfrinair.":
# dwy ddolen.
accounts-reset-gone-ask = Gofynnwch am ddolen newydd
accounts-reset-gone-or = neu
accounts-reset-gone-sign-in = mewngofnodwch
accounts-reset-gone-remember = os ydych yn cofio eich cyfrinair.

## Gweinyddu: cyrff cyhoeddus

accounts-bodies-title = Cyrff cyhoeddus
accounts-bodies-caption =
    { $count ->
        [zero] Dim cyrff ar y wefan hon
        [one] 1 corff ar y wefan hon
        [two] 2 gorff ar y wefan hon
        [few] { $count } chorff ar y wefan hon
        [many] { $count } chorff ar y wefan hon
       *[other] { $count } corff ar y wefan hon
    }
accounts-bodies-body = Corff
accounts-bodies-kind = Math
accounts-bodies-details = Manylion
accounts-bodies-staff = Staff
accounts-bodies-change-details = Newid manylion
accounts-bodies-manage-staff = Rheoli staff
# Wedi'i guddio ar ôl "Newid manylion" a "Rheoli staff": "Newid manylion Cyngor Sir X".
accounts-bodies-of = { $name }
accounts-bodies-add-heading = Ychwanegu corff cyhoeddus
accounts-bodies-add-button = Ychwanegu corff
accounts-body-name = Enw
accounts-body-slug = Dynodydd mewn cyfeiriadau gwe (dewisol)
accounts-body-slug-hint = Llythrennau bach, rhifau a chysylltnodau, fel ‘northshire’. Caiff ei greu o'r enw os byddwch yn ei adael yn wag.
accounts-body-kind = Math o gorff
accounts-body-kind-choose = Dewiswch fath
accounts-body-website = Gwefan (dewisol)
accounts-error-slug-taken = Mae corff gyda'r dynodydd ‘{ $slug }’ yn bodoli eisoes

accounts-body-title = Newid manylion { $name }
accounts-body-heading = Newid manylion y corff
# "Mae ei ddynodydd, [northshire], yn aros yr un fath, …": daw'r dynodydd rhwng y ddwy
# neges hyn.
accounts-body-identifier-start = Mae ei ddynodydd,
accounts-body-identifier-end = , yn aros yr un fath, felly mae pob cyfeiriad gwe a chofnod data agored sy'n ei enwi yn parhau i weithio.
# Yna dolen (accounts-body-organisations-register) ac atalnod llawn.
accounts-body-recorded-in = Caiff y newid ei gofnodi yn y
accounts-body-organisations-register = gofrestr sefydliadau
accounts-body-save = Cadw'r newidiadau

accounts-body-kind-county-council = Cyngor sir
accounts-body-kind-district-council = Cyngor dosbarth
accounts-body-kind-city-council = Cyngor dinas
accounts-body-kind-unitary-authority = Awdurdod unedol
accounts-body-kind-parish-council = Cyngor tref neu blwyf
accounts-body-kind-government-department = Adran neu asiantaeth y llywodraeth
accounts-body-kind-health-trust = Ymddiriedolaeth iechyd
accounts-body-kind-other = Corff cyhoeddus arall

## Gweinyddu: staff corff

accounts-staff-title = Staff { $name }
accounts-staff-heading = Staff
accounts-staff-none = Nid oes gan y corff hwn gyfrifon staff eto.
accounts-staff-caption =
    { $count ->
        [zero] Dim cyfrifon staff
        [one] 1 cyfrif staff
        [two] 2 gyfrif staff
        [few] { $count } chyfrif staff
        [many] { $count } chyfrif staff
       *[other] { $count } cyfrif staff
    }
accounts-staff-name = Enw
accounts-staff-role = Rôl
accounts-staff-status = Statws
accounts-staff-action = Cam gweithredu
accounts-staff-active = Gweithredol
accounts-staff-deactivated = Wedi'i ddadactifadu
accounts-staff-deactivate = Dadactifadu
accounts-staff-reactivate = Ailactifadu
accounts-staff-add-heading = Ychwanegu cyfrif staff
accounts-staff-full-name = Enw llawn
accounts-staff-initial-password = Cyfrinair cychwynnol
accounts-staff-initial-password-hint = O leiaf 12 nod. Rhowch ef i'r person yn breifat.
accounts-staff-add-button = Ychwanegu cyfrif staff
accounts-error-email-taken = Mae cyfrif gyda'r cyfeiriad e-bost hwn yn bodoli eisoes

accounts-role-staff = Staff
accounts-role-moderator = Cymedrolwr
accounts-role-admin = Gweinyddwr
accounts-role-staff-description = Yn rheoli gwasanaethau, ceisiadau, data agored ac allweddi'r corff, ac yn cymedroli
accounts-role-moderator-description = Yn cuddio ac yn adfer yr hyn a gyhoeddodd preswylwyr; nid yw'n gweld unrhyw fanylion personol
accounts-role-admin-description = Yn rhedeg y wefan Civic hon: yn ychwanegu cyrff a'u pobl

accounts-body-name-cy = Enw yn Gymraeg (dewisol oni bai ei fod yn ddarostyngedig i Safonau'r Gymraeg)
accounts-body-welsh-standards = Mae'r corff hwn yn ddarostyngedig i Safonau'r Gymraeg
accounts-body-welsh-standards-hint = Yna dim ond pan fyddant yn bodoli yn Gymraeg ac yn Saesneg y caiff ei wasanaethau a'i setiau data eu cyhoeddi.

accounts-email-reset-subject = Ailosod eich cyfrinair
accounts-email-reset-asked = Mae rhywun (chi, gobeithio) wedi gofyn am ailosod cyfrinair y cyfrif staff ar gyfer y cyfeiriad e-bost hwn ar { $operator }.
accounts-email-reset-link =
    { $minutes ->
        [zero] I ddewis cyfrinair newydd, agorwch y ddolen hon o fewn { $minutes } munud:
        [one] I ddewis cyfrinair newydd, agorwch y ddolen hon o fewn { $minutes } munud:
        [two] I ddewis cyfrinair newydd, agorwch y ddolen hon o fewn { $minutes } funud:
        [few] I ddewis cyfrinair newydd, agorwch y ddolen hon o fewn { $minutes } munud:
        [many] I ddewis cyfrinair newydd, agorwch y ddolen hon o fewn { $minutes } munud:
       *[other] I ddewis cyfrinair newydd, agorwch y ddolen hon o fewn { $minutes } munud:
    }
    { $link }
accounts-email-reset-once = Mae'r ddolen yn gweithio unwaith. Mae ei defnyddio yn allgofnodi'r cyfrif ym mhobman.
    Os na wnaethoch ofyn am hyn, anwybyddwch yr e-bost hwn: nid yw eich cyfrinair wedi newid.
accounts-email-changed-subject = Mae eich cyfrinair wedi'i newid
accounts-email-changed = Mae cyfrinair y cyfrif staff ar gyfer y cyfeiriad e-bost hwn ar { $operator } newydd gael ei newid, ac mae'r cyfrif wedi'i allgofnodi ym mhobman arall.
accounts-email-changed-not-you = Os mai chi wnaeth hyn, does dim rhagor i'w wneud.
    Os nad chi wnaeth, dewiswch gyfrinair newydd nawr yn { $link } a rhowch wybod i weinyddwr eich sefydliad.
