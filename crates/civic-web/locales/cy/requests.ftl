# Ceisiadau: rhoi gwybod am broblem, rhestrau a thudalennau cyhoeddus ceisiadau,
# tanysgrifiadau, mewnflwch y staff a chofnodi cais ar ran rhywun.

## Cyffredin

requests-report-a-problem = Rhoi gwybod am broblem
requests-report-to-body = Rhoi gwybod am broblem – { $body }
requests-optional = (dewisol)
requests-choose = Dewiswch
requests-status = Statws
requests-filter-all = Y cyfan
requests-filter-open = Ar agor
requests-filter-closed = Wedi cau
requests-pagination = Tudalennau canlyniadau
requests-previous-page = Tudalen flaenorol
requests-next-page = Tudalen nesaf
requests-reference-caption = Cyfeirnod { $id } · { $body }
requests-reported = Rhoddwyd gwybod
requests-where = Ble
requests-duplicate-of = Dyblyg o
requests-email-address = Cyfeiriad e-bost
requests-address-or-place = Cyfeiriad neu le
requests-postcode-optional = Cod post (dewisol)
requests-describe-problem = Disgrifiwch y broblem
requests-requests = Ceisiadau
requests-enter-for-someone = Cofnodi cais ar ran rhywun
requests-overdue = Yn hwyr
requests-unconfirmed = Heb ei gadarnhau

## Statws

requests-status-received = Wedi dod i law
requests-status-acknowledged = Wedi'i gydnabod
requests-status-in-progress = Yn mynd rhagddo
requests-status-action-scheduled = Camau wedi'u trefnu
requests-status-reopened = Wedi'i ailagor
requests-status-fixed = Wedi'i drwsio
requests-status-closed = Wedi cau
requests-status-not-responsible = Nid ein cyfrifoldeb ni
requests-status-duplicate = Dyblyg
requests-status-no-further-action = Dim camau pellach

## Sianeli

requests-channel-web = Gwefan
requests-channel-api = Ap neu system arall
requests-channel-phone = Ffôn
requests-channel-counter = Wyneb yn wyneb
requests-channel-post = Llythyr
requests-channel-email = E-bost

## Dewis am beth i roi gwybod

requests-choose-intro = Dewiswch beth yw'r broblem. Gallwch hefyd roi gwybod dros y ffôn, wyneb yn wyneb neu drwy'r post: mae tudalen pob gwasanaeth yn dweud sut.
requests-choose-none = Nid yw { $body } yn derbyn adroddiadau ar y wefan hon eto.
requests-choose-other = Arall
requests-choose-see-reported = Gweld problemau y rhoddwyd gwybod amdanynt eisoes

## Y ffurflen rhoi gwybod

requests-report-title = { $service } – rhoi gwybod – { $body }
requests-lookup-label = Dod o hyd i'r cyfeiriad drwy god post
requests-lookup-hint = Yna dewiswch ef o'r rhestr. Gallwch hefyd deipio'r cyfeiriad isod.
requests-lookup-button = Dod o hyd i gyfeiriad
requests-lookup-none = Heb ddod o hyd i unrhyw gyfeiriadau yn y cod post hwnnw. Teipiwch y cyfeiriad yn lle hynny.
requests-choose-address = Dewiswch y cyfeiriad
requests-address-not-listed = Nid yw ar y rhestr, neu nid yw mewn cyfeiriad
requests-where-is-it = Ble mae'r broblem?
requests-where-hint = Rhowch y cyfeiriad neu'r un agosaf, neu ddisgrifiwch y lle, fel ‘y tu allan i 12 Stryd Fawr’
requests-map-position = Rhowch leoliad ar fap yn lle hynny (lledred a hydred)
requests-latitude = Lledred
requests-longitude = Hydred
requests-description-hint = Hyd at 4,000 o nodau. Peidiwch â chynnwys manylion personol fel enwau neu rifau ffôn: bydd hyn yn cael ei gyhoeddi.
requests-photo-label = Ychwanegu llun (dewisol)
requests-photo-hint = JPEG neu PNG hyd at 10 MB. Caiff manylion y lleoliad a'r camera eu tynnu cyn iddo gael ei gyhoeddi.
requests-your-details = Eich manylion
requests-your-details-intro = Rydym yn defnyddio'r rhain i gadarnhau eich adroddiad ac i ddweud wrthych beth sy'n digwydd. Nid ydynt byth yn cael eu cyhoeddi.
requests-name-optional = Enw (dewisol)
requests-phone-optional = Rhif ffôn (dewisol)
requests-show-name = Dangos fy enw ar yr adroddiad cyhoeddus (fel arall bydd yn dweud ‘rhoddwyd gwybod gan breswylydd’)
requests-send-report = Anfon yr adroddiad

## Gwiriwch eich e-bost

requests-sent-title = Gwiriwch eich e-bost
requests-sent-lead = Rydym wedi anfon dolen i
requests-sent-body = Agorwch hi i gadarnhau. Ni fydd dim yn cael ei gyhoeddi na'i anfon ymlaen nes i chi wneud hynny. Os nad yw wedi cyrraedd ymhen ychydig funudau, gwiriwch eich ffolder sbam.

## Problemau y rhoddwyd gwybod amdanynt i gorff

requests-list-title = Problemau y rhoddwyd gwybod amdanynt – { $body }
requests-list-heading = Problemau y rhoddwyd gwybod amdanynt
requests-list-problem = Problem
requests-list-all-problems = Pob problem
requests-list-near-lat = Ger lledred
requests-list-near-long = Ger hydred
requests-list-show = Dangos
requests-list-open-data = Data agored:
requests-list-csv = pob cais (CSV)
requests-list-json = JSON
requests-list-updates-csv = pob diweddariad (CSV)
requests-list-atom = ffrwd Atom
requests-list-none = Does dim problemau'n cyfateb.
requests-list-meta = Cyfeirnod { $id } · rhoddwyd gwybod ar { $when }

## Un cais

requests-show-title = { $service } – cais { $id }
requests-show-breadcrumb = Problemau y rhoddwyd gwybod amdanynt – { $body }
requests-show-done = Wedi'i wneud
requests-show-confirmed = Diolch. Mae eich adroddiad wedi'i gadarnhau a'i gyhoeddi. Rydym wedi anfon e-bost atoch gyda'i gyfeirnod, a byddwn yn anfon e-bost atoch pan fydd yn newid.
requests-show-subscribed = Byddwch yn cael e-bost pan fydd y cais hwn yn newid.
requests-show-reported-by = { $when }, gan { $name } ({ $channel })
requests-show-reported-by-resident = { $when }, gan breswylydd ({ $channel })
requests-show-map-position = Lleoliad ar fap
requests-show-target-date = Dyddiad targed
requests-show-duplicate-link = cais { $id }
requests-show-what-reported = Beth y rhoddwyd gwybod amdano
requests-show-photo-alt = Llun a anfonwyd gyda'r adroddiad
requests-show-what-happened = Beth sydd wedi digwydd
requests-show-get-updates = Cael diweddariadau
requests-show-subscribe-hint = Byddwn yn anfon e-bost atoch pan fydd y cais hwn yn newid. Gallwch roi'r gorau iddi ar unrhyw adeg.
requests-show-subscribe-button = Anfon diweddariadau ataf drwy e-bost
requests-show-follow = Gallwch hefyd ddilyn y
requests-show-atom = ffrwd Atom
requests-show-open-data = Y cais hwn fel data agored:
requests-show-json = JSON
requests-show-manage = Rheoli'r cais hwn

## Rhoi'r gorau i ddiweddariadau

requests-unsubscribe-title = Peidio â chael diweddariadau
requests-unsubscribed-title = Ni fyddwch yn cael rhagor o ddiweddariadau
requests-unsubscribed = Rydych wedi cael eich tynnu oddi ar ddiweddariadau'r cais hwn.
requests-unsubscribe-button = Peidio ag anfon diweddariadau ataf

## Mewnflwch y staff

requests-inbox-title = Ceisiadau – { $body }
requests-inbox-service = Gwasanaeth
requests-inbox-all-services = Pob gwasanaeth
requests-inbox-channel = Sianel
requests-inbox-all-channels = Pob sianel
requests-inbox-overdue-only = Ceisiadau hwyr yn unig
requests-inbox-mine = Wedi'u neilltuo i mi
requests-inbox-filter = Hidlo
requests-inbox-none = Does dim ceisiadau'n cyfateb.
requests-inbox-caption = Ceisiadau, y diweddaraf yn gyntaf
requests-inbox-reference = Cyfeirnod
requests-inbox-service-place = Gwasanaeth a lle
requests-inbox-hidden = Wedi'i guddio
requests-inbox-private = Preifat

## Cais yn ardal y staff

requests-staff-title = Cais { $id } – { $service }
requests-staff-saved = Wedi'i gadw
requests-staff-saved-body = Mae eich newid wedi'i gadw.
requests-staff-saved-public = Mae pawb sy'n dilyn y cais hwn wedi cael e-bost am y newidiadau cyhoeddus.
requests-staff-reported-by = { $when } ({ $channel })
requests-staff-target = Targed
requests-staff-no-address = Dim cyfeiriad
requests-staff-description = Disgrifiad
requests-staff-assigned-to = Wedi'i neilltuo i
requests-staff-who-can-see = Pwy sy'n gallu ei weld
requests-staff-everyone = Pawb
requests-staff-staff-only = Staff yn unig (preifat)
requests-staff-hidden = Staff yn unig (wedi'i guddio gan gymedrolwr)
requests-staff-contact = Manylion cyswllt (preifat)
requests-staff-name = Enw
requests-staff-email = E-bost
requests-staff-phone = Ffôn
requests-staff-not-given = Heb ei roi
requests-staff-update-heading = Diweddaru'r cais hwn
requests-staff-update = Diweddariad (dewisol)
requests-staff-update-hint = Caiff ei gyhoeddi ar dudalen y cais a'i anfon drwy e-bost at unrhyw un sy'n ei ddilyn, oni bai eich bod yn ticio ‘nodyn preifat’.
requests-staff-private = Nodyn preifat i staff yw hwn (nid yw'r statws yn newid)
requests-staff-assign-to = Neilltuo i
requests-staff-keep = Ei gadw fel y mae
requests-staff-nobody = Neb
requests-staff-duplicate = Dyblyg o gais (dewisol)
requests-staff-duplicate-hint = Cyfeirnod y cais y mae hwn yn ei ailadrodd. Mae'n nodi bod hwn yn ddyblyg.
requests-staff-hide = Ei guddio (cymedroli)
requests-staff-save = Cadw
requests-staff-history = Hanes
requests-staff-private-note = Nodyn preifat
requests-staff-public-page = Gweld y dudalen gyhoeddus

## Cofnodi cais ar ran rhywun

requests-new-service = Gwasanaeth:
requests-new-choose-another = dewis un arall
requests-new-channel = Sut daeth y cais atoch chi?
requests-new-what-told = Beth ddywedodd y person wrthych chi?
requests-new-person = Manylion y person (dewisol)
requests-new-person-intro = Dim ond os yw'r person eisiau diweddariadau y dylech gymryd y rhain. Nid ydynt byth yn cael eu cyhoeddi.
requests-new-phone = Rhif ffôn
requests-new-consent = Cytunodd y person i ni gadw'r manylion hyn er mwyn rhoi gwybod iddyn nhw am y cais hwn
requests-new-private = Cadw'r cais hwn yn breifat (nid ar dudalennau cyhoeddus nac mewn data agored)
requests-new-save = Cadw'r cais
requests-new-choose-service = Dewiswch y gwasanaeth y mae'r cais yn ymwneud ag ef.

## Gwallau meysydd

requests-error-email-format = Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@example.org
requests-error-description = Disgrifiwch y broblem
requests-error-uprn = Dewiswch gyfeiriad o'r rhestr, neu deipiwch y cyfeiriad
requests-error-email = Rhowch eich cyfeiriad e-bost, er mwyn i ni allu cadarnhau eich adroddiad a rhoi gwybod i chi amdano
requests-error-channel = Dewiswch sut daeth y cais atoch chi
requests-error-consent = Cadarnhewch fod y person wedi cytuno i ni gadw eu manylion cyswllt, neu gadewch y manylion yn wag
requests-error-description-told = Disgrifiwch y broblem yn ôl yr hyn a ddywedodd y person wrthych
requests-error-status = Dewiswch statws o'r rhestr
requests-error-update-length = Rhaid i'r diweddariad fod yn 4,000 o nodau neu lai
requests-error-private-note = Ysgrifennwch y nodyn preifat
requests-error-assignee = Dewiswch rywun o'r rhestr
requests-error-duplicate = Rhowch gyfeirnod cais arall
requests-error-visibility = Dewiswch pwy sy'n gallu ei weld
requests-error-duplicate-unknown = Nid oes cais gyda'r cyfeirnod hwnnw ar gyfer y corff hwn

requests-email-confirm-report-subject = Cadarnhewch eich adroddiad: { $service } (cyfeirnod { $id })
requests-email-confirm-report-thanks = Diolch am roi gwybod i ni.
requests-email-confirm-report-what = { $service }
    Cyfeirnod: { $id }
requests-email-confirm-report-link = I'w anfon, cadarnhewch eich cyfeiriad e-bost drwy agor y ddolen hon:
    { $link }
requests-email-confirm-report-not-you = Os nad chi wnaeth yr adroddiad hwn, anwybyddwch yr e-bost hwn ac ni chaiff ei anfon.
requests-email-confirm-subscription-subject = Cadarnhewch eich bod eisiau diweddariadau am gais { $id }
requests-email-confirm-subscription-asked = Gofynnodd rhywun am i ddiweddariadau am gais { $id } ({ $service }) gael eu hanfon i'r cyfeiriad hwn.
requests-email-confirm-subscription-link = I ddechrau eu cael, agorwch y ddolen hon:
    { $link }
requests-email-confirm-subscription-not-you = Os nad chi oedd hyn, anwybyddwch yr e-bost hwn.
requests-email-update-subject = Diweddariad ar gais { $id }: { $status }
requests-email-update-now = Statws cais { $id } ({ $service }) nawr yw: { $status }.
requests-email-update-history = Gweld yr hanes cyfan:
    { $link }
requests-email-update-stop = Peidio â chael yr e-byst hyn:
    { $link }

requests-error-subscription-link = Nid yw'r ddolen hon yn gywir neu mae'r tanysgrifiad wedi dod i ben.
requests-error-status-filter = Nid yw'r statws '{ $status }' yn open, closed nac all.
requests-error-latitude = Rhaid i'r lledred fod yn rhif o -90 i 90.
requests-error-longitude = Rhaid i'r hydred fod yn rhif o -180 i 180.
requests-error-confirm-link = Mae'r ddolen gadarnhau hon wedi'i defnyddio eisoes neu nid yw'n gywir. Os ydych wedi cadarnhau eich adroddiad eisoes, mae wedi'i gyhoeddi.
requests-error-status-unknown = Nid yw Civic yn adnabod y statws '{ $status }'.
requests-error-channel-unknown = Nid yw Civic yn adnabod y sianel '{ $channel }'.

requests-feed-entry-title = { $service } (cyfeirnod { $id }): { $status }
requests-feed-entry-summary = { $service } – { $status } bellach.
requests-feed-request-title = { $service } – cais { $id } – { $body }
requests-feed-body-title = Problemau y rhoddwyd gwybod amdanynt – { $body }
