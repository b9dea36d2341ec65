# Yr hysbysiad preifatrwydd a'r datganiad hygyrchedd.

## Hysbysiad preifatrwydd

about-privacy-title = Hysbysiad preifatrwydd
about-privacy-lead = Caiff y wefan hon ei rhedeg gan { $operator }. Mae'r hysbysiad hwn yn esbonio pa wybodaeth rydym yn ei chadw amdanoch pan fyddwch yn defnyddio'r wefan, pam, am ba hyd, a beth y gallwch ei wneud am hynny.

about-privacy-controller-heading = Pwy sy'n gyfrifol am eich data
# Daw'r cyfeiriad e-bost cyswllt ar ei ôl, fel dolen, ac yna atalnod llawn.
about-privacy-controller = { $operator } yw rheolydd y data personol y mae'r wefan hon yn ei gadw. Mae pob corff cyhoeddus a restrir yma yn rheolydd ar y ceisiadau, yr adroddiadau a'r atebion a anfonir ato. I holi am eich data, ysgrifennwch at

about-privacy-keep-heading = Beth rydym yn ei gadw a pham
about-privacy-keep-report = Pan fyddwch yn rhoi gwybod am broblem neu'n gwneud cais
about-privacy-keep-report-detail = eich enw, eich cyfeiriad e-bost a'ch rhif ffôn os byddwch yn eu rhoi. Caiff y rhain eu cadw ar wahân i'r adroddiad ei hun, ac ni chânt byth eu dangos yn gyhoeddus nac mewn data agored. Rydym yn eu defnyddio i gadarnhau eich adroddiad, i roi gwybod i chi beth sy'n digwydd iddo, ac i ofyn unwaith ar y diwedd pa mor fodlon oeddech chi. Y sail gyfreithiol yw tasg gyhoeddus y corff y gwnaethoch ei anfon ato.
about-privacy-keep-location = Lleoliad y broblem
about-privacy-keep-location-detail = y cyfeiriad, y cod post neu'r pwynt ar y map. Caiff y rhain eu cyhoeddi gyda'r adroddiad, oherwydd bod eu hangen ar y corff er mwyn gweithredu, ac ar bobl eraill er mwyn gweld am ba broblemau y rhoddwyd gwybod.
about-privacy-keep-name = Eich enw ar adroddiad cyhoeddus
about-privacy-keep-name-detail = dim ond os gwnaethoch ddewis ei ddangos.
about-privacy-keep-follow = Pan fyddwch yn dilyn cais neu'n gofyn am ddata
about-privacy-keep-follow-detail = eich cyfeiriad e-bost, er mwyn anfon diweddariadau atoch. Ni chaiff byth ei gyhoeddi. Mae dolen ym mhob e-bost i roi'r gorau i'w cael.
about-privacy-keep-satisfaction = Eich ateb i'r cwestiwn am fodlonrwydd
about-privacy-keep-satisfaction-detail = caiff ei gyfrif yn ffigurau cyhoeddedig y gwasanaeth, ond byth gyda'ch enw na'ch cais.
about-privacy-keep-staff = Cyfrifon staff
about-privacy-keep-staff-detail = enw, cyfeiriad e-bost gwaith, stwnsh unffordd araf o'r cyfrinair (byth y cyfrinair ei hun), a sesiynau mewngofnodi.
about-privacy-keep-security = Diogelwch
about-privacy-keep-security-detail = rydym yn cyfrif ymdrechion i fewngofnodi a ffurflenni a anfonir o bob cyfeiriad rhwydwaith am gyfnod byr, er mwyn atal gorlwytho'r wefan a dyfalu cyfrineiriau.

about-privacy-cookies-heading = Cwcis
# Dangosir fel HTML: cadwch yr elfennau <code> o amgylch enwau'r cwcis.
about-privacy-cookies = Rydym yn defnyddio hyd at dri chwci. Mae angen pob un er mwyn i'r wefan weithio fel y gofynnoch, felly nid ydym yn gofyn yn gyntaf: mae <code>civic_csrf</code> yn atal gwefannau eraill rhag anfon ffurflenni yn eich enw chi, mae <code>civic_session</code> yn cadw staff wedi mewngofnodi, ac mae <code>civic_lang</code> yn cofio eich bod wedi dewis darllen y wefan yn Gymraeg (dim ond os gwnewch hynny y caiff ei osod). Nid ydym yn defnyddio unrhyw gwcis dadansoddi na hysbysebu, ac nid oes dim ar y wefan hon yn llwytho o wefannau eraill.

about-privacy-retention-heading = Am ba hyd rydym yn ei gadw
about-privacy-retention = Mae manylion cyswllt yn aros gydag adroddiad cyhyd ag y bydd y corff yn cadw'r adroddiad o dan ei bolisi cofnodion. Ni chaiff adroddiadau a cheisiadau heb eu cadarnhau byth eu cyhoeddi. Mae'r cyfrif o ymdrechion a ddefnyddiwn i gyfyngu ar ba mor aml y gellir anfon ffurflenni yn para awr ar y mwyaf. Daw sesiynau staff i ben ar ôl hanner awr heb eu defnyddio (yn ôl gosodiadau'r wefan) ac ar ôl wyth awr ar y mwyaf, neu pan fydd y person yn allgofnodi, yn allgofnodi ym mhobman neu'n newid ei gyfrinair.

about-privacy-sharing-heading = Gyda phwy rydym yn ei rannu
about-privacy-sharing = Dim ond gyda'r corff y gwnaethoch anfon eich adroddiad neu'ch cais ato, a'r gwasanaeth e-bost sy'n danfon ein negeseuon. Nid yw data agored o'r wefan hon byth yn cynnwys data personol.

about-privacy-rights-heading = Eich hawliau
# Daw'r cyfeiriad e-bost cyswllt ar ei ôl, fel dolen, ac yna about-privacy-rights-complain.
about-privacy-rights = Gallwch ofyn am gopi o'r hyn rydym yn ei gadw amdanoch, gofyn i ni ei gywiro, gofyn i ni ei ddileu neu roi'r gorau i'w ddefnyddio lle mae'r gyfraith yn caniatáu hynny, a gwrthwynebu'r ffordd rydym yn ei ddefnyddio. Ysgrifennwch at
about-privacy-rights-complain = . Os nad ydych yn fodlon ar ein hateb, gallwch gwyno wrth Swyddfa'r Comisiynydd Gwybodaeth (ico.org.uk, 0303 123 1113).

## Datganiad hygyrchedd

about-accessibility-title = Datganiad hygyrchedd
about-accessibility-applies = Mae'r datganiad hwn yn berthnasol i { $url }, sy'n cael ei rhedeg gan { $operator }.
about-accessibility-intro = Rydym am i gymaint o bobl â phosibl allu defnyddio'r wefan hon. Dylech allu:
about-accessibility-can-colours = newid lliwiau, lefelau cyferbyniad a ffontiau gan ddefnyddio gosodiadau eich porwr neu'ch dyfais
about-accessibility-can-zoom = chwyddo hyd at 400% heb i'r testun ddisgyn oddi ar y sgrin, a darllen pob tudalen ar sgrin 320 picsel o led heb sgrolio i'r ochr
about-accessibility-can-keyboard = llywio'r wefan gyfan gan ddefnyddio bysellfwrdd yn unig neu feddalwedd adnabod lleferydd
about-accessibility-can-screen-reader = gwrando ar y wefan gyfan gan ddefnyddio darllenydd sgrin
about-accessibility-can-no-javascript = defnyddio pob tudalen heb JavaScript: caiff pob tudalen ei chreu ar ein gweinydd
about-accessibility-charts-and-channels = Mae tabl gyda'r un ffigurau wrth ymyl pob siart, ac mae pob gwasanaeth yn rhestru pob ffordd o'i ddefnyddio, gan gynnwys dros y ffôn, wyneb yn wyneb, drwy'r post a gyda help i fynd ar-lein.

about-accessibility-status-heading = Pa mor hygyrch yw'r wefan hon
about-accessibility-status = Mae'r wefan hon yn cydymffurfio'n llawn â safon AA fersiwn 2.2 o Ganllawiau Hygyrchedd Cynnwys y We, cyn belled ag y mae ein profion yn dangos. Nid ydym yn gwybod am unrhyw ran ohoni nad yw'n hygyrch.

about-accessibility-testing-heading = Sut rydym yn ei phrofi
about-accessibility-testing = Caiff pob newid i'r feddalwedd ei wirio cyn ei ryddhau: caiff pob tudalen, fel aelod o'r cyhoedd ac fel aelod o staff, ei phrofi'n awtomatig gydag axe-core mewn porwr go iawn ar led cyfrifiadur bwrdd gwaith a lled ffôn, ac ar gyfer ail-lifo ar 320 picsel. Dim ond rhai problemau y mae profion awtomatig yn eu canfod, felly rhowch wybod i ni am unrhyw rai y byddwch yn dod ar eu traws.

about-accessibility-contact-heading = Adborth a manylion cyswllt
# Daw'r cyfeiriad e-bost cyswllt ar ei ôl, fel dolen, ac yna about-accessibility-contact-reply.
about-accessibility-contact = Os byddwch yn dod o hyd i broblem, neu os oes angen gwybodaeth arnoch o'r wefan hon mewn fformat gwahanol, fel print bras, fersiwn hawdd ei deall, sain neu braille, anfonwch e-bost at
about-accessibility-contact-reply = . Byddwn yn ateb o fewn 5 diwrnod gwaith. Gallwch hefyd ddefnyddio unrhyw un o'r ffyrdd eraill a restrir ar gyfer pob gwasanaeth.

about-accessibility-enforcement-heading = Gweithdrefn orfodi
about-accessibility-enforcement = Y Comisiwn Cydraddoldeb a Hawliau Dynol (EHRC) sy'n gyfrifol am orfodi Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau a Chymwysiadau Symudol) (Rhif 2) 2018. Os nad ydych yn fodlon ar y ffordd rydym yn ymateb i'ch cwyn, cysylltwch â'r Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS).
