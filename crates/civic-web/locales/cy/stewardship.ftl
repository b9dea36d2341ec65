# Ceisiadau am ddata a'r gofrestr rhannu data: y tudalennau cyhoeddus a thudalennau'r staff.

## Teitlau tudalennau a'r tudalennau ar ôl anfon ffurflen

stewardship-list-title = Ceisiadau am ddata – { $body }
stewardship-new-title = Gofyn am ddata – { $body }
stewardship-sharing-title = Cofrestr rhannu data – { $body }
stewardship-check-email-title = Gwiriwch eich e-bost
stewardship-check-email-request = Rydym wedi anfon dolen i { $email }. Agorwch hi i gyhoeddi eich cais, a bydd { $body } yn cael gwybod amdano. Ni fyddwn byth yn cyhoeddi eich cyfeiriad e-bost; dim ond i roi gwybod i chi beth yw'r ateb y byddwn yn ei ddefnyddio.
stewardship-check-email-support = Rydym wedi anfon dolen i { $email }. Agorwch hi i ychwanegu eich cefnogaeth. Ni fyddwn byth yn cyhoeddi eich cyfeiriad.
stewardship-already-supported-title = Rydych eisoes yn cefnogi'r cais hwn
stewardship-already-supported = Dim ond unwaith y caiff pob cyfeiriad e-bost ei gyfrif. Os nad ydych wedi agor y ddolen a anfonwyd gennym, nid yw eich cefnogaeth wedi'i chyfrif eto.
stewardship-notice-published = Mae eich cais wedi'i gyhoeddi. Gofynnwyd i'r corff ei ateb.
stewardship-notice-supported = Diolch: mae eich cefnogaeth wedi'i chyfrif.

## Statws cais am ddata

stewardship-status-unconfirmed = Yn aros i'r cyfeiriad e-bost gael ei gadarnhau
stewardship-status-open = Yn aros am ateb
stewardship-status-accepted = Wedi'i dderbyn
stewardship-status-published = Wedi'i gyhoeddi
stewardship-status-refused = Wedi'i wrthod

## Ceisiadau am ddata i gorff

stewardship-requests-for-data = Ceisiadau am ddata
stewardship-list-lead = Gofynnwch am ddata sydd gan y corff ond nad yw'n ei gyhoeddi. Mae pob cais yn gyhoeddus, gall unrhyw un ei gefnogi, a rhaid i'r corff ei ateb: ei dderbyn gyda dyddiad, ei gyhoeddi, neu ei wrthod gyda rheswm.
stewardship-ask-for-data = Gofyn am ddata
stewardship-how-quickly = Pa mor gyflym y mae { $body } yn ateb
stewardship-requests = Ceisiadau
stewardship-answered-count = Wedi'u hateb
stewardship-median = Amser canolrifol i ateb
# "diwrnod": 2 ddiwrnod (treiglad meddal ar ôl "dau"); nid yw "d" yn treiglo ar ôl 3 a 6.
stewardship-days =
    { $count ->
        [zero] { $count } diwrnod
        [one] { $count } diwrnod
        [two] { $count } ddiwrnod
        [few] { $count } diwrnod
        [many] { $count } diwrnod
       *[other] { $count } diwrnod
    }
stewardship-no-answers-yet = Dim atebion eto
stewardship-within-20 = Wedi'u hateb o fewn 20 diwrnod gwaith
stewardship-overdue = Yn aros mwy na 20 diwrnod gwaith
# Dolenni i'r ffeiliau data agored yn dilyn.
stewardship-as-open-data = Fel data agored:
stewardship-requests-csv = pob cais gyda'i ateb a'i amser ymateb (CSV)
stewardship-requests-caption = Ceisiadau am ddata, y diweddaraf yn gyntaf
stewardship-data-asked-for-column = Y data y gofynnwyd amdano
stewardship-asked = Gofynnwyd
stewardship-supporters = Cefnogwyr
stewardship-status = Statws
stewardship-no-requests = Dim ceisiadau eto.

## Un cais am ddata

stewardship-requests-to = Ceisiadau am ddata – { $body }
stewardship-request-caption = Cais am ddata { $id } · { $body }
stewardship-days-later =
    { $count ->
        [zero] { $count } diwrnod yn ddiweddarach
        [one] { $count } diwrnod yn ddiweddarach
        [two] { $count } ddiwrnod yn ddiweddarach
        [few] { $count } diwrnod yn ddiweddarach
        [many] { $count } diwrnod yn ddiweddarach
       *[other] { $count } diwrnod yn ddiweddarach
    }
stewardship-answered = Atebwyd
stewardship-promised-by = Addawyd erbyn
stewardship-published-as = Wedi'i gyhoeddi fel
stewardship-body-answer = Ateb y corff
stewardship-data-asked-for = Y data y gofynnwyd amdano
stewardship-why-needed = Pam mae ei angen
stewardship-support = Cefnogi'r cais hwn
stewardship-support-intro = Ydych chi eisiau'r data hwn hefyd? Ychwanegwch eich cefnogaeth: byddwn yn anfon dolen atoch i'w chadarnhau. Dim ond unwaith y caiff pob cyfeiriad ei gyfrif, ac ni chaiff byth ei gyhoeddi.
stewardship-your-email = Eich cyfeiriad e-bost

## Gofyn am ddata

stewardship-new-intro = Caiff eich cais ei gyhoeddi er mwyn i eraill allu ei gefnogi; ni chaiff eich cyfeiriad e-bost ei gyhoeddi. Byddwn yn rhoi gwybod i chi drwy e-bost pan fydd y corff yn ateb, ar ôl i chi gadarnhau eich cyfeiriad gyda'r ddolen y byddwn yn ei hanfon.
stewardship-new-intro-signed-in = Caiff eich cais ei gyhoeddi er mwyn i eraill allu ei gefnogi; ni chaiff eich cyfeiriad e-bost ei gyhoeddi. Byddwn yn rhoi gwybod i chi drwy e-bost pan fydd y corff yn ateb.
stewardship-title-label = Y data rydych chi ei eisiau, mewn un llinell
stewardship-description-label = Beth ddylai'r data ei gynnwys?
stewardship-description-hint = Er enghraifft, y meysydd, yr ardal a'r blynyddoedd.
stewardship-reason-label = Pam mae ei angen arnoch chi?
stewardship-signed-in = Rydych wedi mewngofnodi: byddwn yn defnyddio cyfeiriad e-bost eich cyfrif, a chaiff eich cais ei gyhoeddi ar unwaith.
stewardship-send-request = Anfon cais

## Staff: ateb ceisiadau am ddata

stewardship-staff-intro = Rhaid ateb pob cais: derbyniwch ef gan nodi erbyn pryd y byddwch yn ei gyhoeddi, nodwch ei fod wedi'i gyhoeddi gan ddewis y set ddata, neu gwrthodwch ef gan roi rheswm. Byddwn yn anfon e-bost at y sawl a wnaeth y cais, ac yn cyhoeddi faint o amser a gymeroch chi.
stewardship-staff-median =
    { $days ->
        [zero] Canolrif hyd yma: { $days } diwrnod; { $overdue } yn aros mwy na 20 diwrnod gwaith.
        [one] Canolrif hyd yma: { $days } diwrnod; { $overdue } yn aros mwy na 20 diwrnod gwaith.
        [two] Canolrif hyd yma: { $days } ddiwrnod; { $overdue } yn aros mwy na 20 diwrnod gwaith.
        [few] Canolrif hyd yma: { $days } diwrnod; { $overdue } yn aros mwy na 20 diwrnod gwaith.
        [many] Canolrif hyd yma: { $days } diwrnod; { $overdue } yn aros mwy na 20 diwrnod gwaith.
       *[other] Canolrif hyd yma: { $days } diwrnod; { $overdue } yn aros mwy na 20 diwrnod gwaith.
    }
stewardship-staff-median-none = Canolrif hyd yma: dim atebion eto; { $overdue } yn aros mwy na 20 diwrnod gwaith.
# "cefnogwr": 2 gefnogwr, 3 chefnogwr, 6 chefnogwr.
stewardship-supporter-count =
    { $count ->
        [zero] Dim cefnogwyr
        [one] { $count } cefnogwr
        [two] { $count } gefnogwr
        [few] { $count } chefnogwr
        [many] { $count } chefnogwr
       *[other] { $count } cefnogwr
    }
stewardship-answer-legend = Ateb i gais { $id }
stewardship-answer-accepted = Wedi'i dderbyn: byddwn yn ei gyhoeddi
stewardship-promised-on-label = Os caiff ei dderbyn: cyhoeddi erbyn (BBBB-MM-DD)
stewardship-dataset-label = Os caiff ei gyhoeddi: y set ddata
stewardship-choose-dataset = Dewiswch set ddata
stewardship-answer-label = Rheswm dros wrthod, neu nodyn
stewardship-save-answer = Cadw'r ateb
# Wedi'i guddio yn weledol, ar ôl "Cadw'r ateb".
stewardship-save-answer-hidden = i gais { $id }
stewardship-error-dataset-not-yours = Dewiswch un o'ch setiau data

## Y gofrestr rhannu data

stewardship-sharing-register = Cofrestr rhannu data
stewardship-sharing-lead = Pob cytundeb y mae { $body } yn rhannu data â sefydliad arall oddi tano, pam, o dan ba gyfraith, a phwy sy'n atebol.
# "Fel data agored: CSV, JSON, a thudalen y set ddata." Mae "a" yn achosi treiglad llaes:
# tudalen → thudalen.
stewardship-sharing-and = a
stewardship-sharing-dataset-page = thudalen y set ddata
stewardship-parties = Partïon
stewardship-purpose = Diben
stewardship-legal-basis = Sail gyfreithiol
stewardship-data-shared = Data a rennir
stewardship-starts = Yn dechrau
stewardship-next-review = Adolygiad nesaf
stewardship-ends = Yn dod i ben
stewardship-no-end-date = Dim dyddiad gorffen
stewardship-owner = Perchennog
stewardship-no-agreements = Nid oes unrhyw gytundebau wedi'u cofnodi.

## Seiliau cyfreithiol (wedi'u cadw yn Saesneg; yn cael eu dangos yn iaith y dudalen)

stewardship-basis-consent = GDPR y DU, Erthygl 6(1)(a): cydsyniad
stewardship-basis-contract = GDPR y DU, Erthygl 6(1)(b): contract
stewardship-basis-legal-obligation = GDPR y DU, Erthygl 6(1)(c): rhwymedigaeth gyfreithiol
stewardship-basis-vital-interests = GDPR y DU, Erthygl 6(1)(d): buddiannau hanfodol
stewardship-basis-public-task = GDPR y DU, Erthygl 6(1)(e): tasg gyhoeddus
stewardship-basis-legitimate-interests = GDPR y DU, Erthygl 6(1)(f): buddiannau dilys
stewardship-basis-digital-economy-act = Deddf yr Economi Ddigidol 2017, Rhan 5
stewardship-basis-statutory-gateway = Porth statudol arall
stewardship-basis-no-personal-data = Dim data personol yn cael ei rannu

## Staff: y gofrestr rhannu data

# Dolen ("eich tudalen cofrestr rhannu data") a diwedd y frawddeg yn dilyn.
stewardship-staff-sharing-intro = Cofnodwch bob cytundeb rydych chi'n rhannu data oddi tano. Mae'r gofrestr yn gyhoeddus ar
stewardship-staff-sharing-link = eich tudalen cofrestr rhannu data
stewardship-staff-sharing-intro-end = ac fel data agored.
stewardship-review-by = adolygu erbyn { $date }
stewardship-change = Newid
stewardship-none-recorded = Dim un wedi'i gofnodi eto.
stewardship-change-agreement = Newid cytundeb
stewardship-record-agreement-heading = Cofnodi cytundeb
stewardship-agreement-name-label = Enw'r cytundeb
stewardship-parties-label = Partïon, un sefydliad ar bob llinell
stewardship-choose-legal-basis = Dewiswch y sail gyfreithiol
stewardship-data-items-label = Eitemau data a rennir, un ar bob llinell
stewardship-starts-label = Yn dechrau (BBBB-MM-DD)
stewardship-review-label = Adolygiad nesaf (BBBB-MM-DD)
stewardship-ends-label = Yn dod i ben (BBBB-MM-DD, neu gadewch yn wag)
stewardship-owner-label = Perchennog (y person neu'r rôl sy'n atebol)
stewardship-save-changes = Cadw'r newidiadau
stewardship-record-agreement = Cofnodi cytundeb

stewardship-email-confirm-subject = Cadarnhewch eich cais am ddata: { $title }
stewardship-email-confirm-asked = Gofynnoch am ddata – { $body }: { $title }
stewardship-email-confirm-link = I gyhoeddi eich cais, cadarnhewch eich cyfeiriad e-bost drwy agor y ddolen hon:
    { $link }
stewardship-email-confirm-private = Ni chaiff eich cyfeiriad e-bost byth ei gyhoeddi. Byddwn yn rhoi gwybod i chi pan fydd y corff yn ateb.
    Os nad chi ofynnodd am hyn, anwybyddwch yr e-bost hwn ac ni fydd dim yn cael ei gyhoeddi.
stewardship-email-support-subject = Cadarnhewch eich cefnogaeth: { $title }
stewardship-email-support-asked = Gofynnodd rhywun am ychwanegu cefnogaeth y cyfeiriad hwn at y cais am ddata "{ $title }".
stewardship-email-support-link = I gyfrif eich cefnogaeth, agorwch y ddolen hon:
    { $link }
stewardship-email-support-private = Ni chaiff eich cyfeiriad byth ei gyhoeddi. Os nad chi oedd hyn, anwybyddwch yr e-bost hwn.
stewardship-email-answered-subject = Eich cais am ddata: { $status }
stewardship-email-answered = Mae { $body } wedi ateb eich cais am ddata "{ $title }": { $status }.
stewardship-email-answered-promised = Bydd y data'n cael ei gyhoeddi erbyn { $date }.
stewardship-email-answered-published = Mae'r data wedi'i gyhoeddi:
    { $link }
stewardship-email-answered-see = Gweld y cais:
    { $link }

stewardship-error-confirm-link = Nid yw'r ddolen gadarnhau hon yn gywir. Gwiriwch eich bod wedi copïo'r ddolen gyfan o'r e-bost.
stewardship-error-support-link = Nid yw'r ddolen hon yn gywir. Gwiriwch eich bod wedi copïo'r ddolen gyfan o'r e-bost.
stewardship-error-agreement-number = Nid yw rhif y cytundeb yn gywir.
