# Open311: tudalen staff allweddi API corff (mae'r API GeoReport ei hun yn ateb yn Saesneg).

open311-keys-title = Allweddi API Open311 – { $body }
open311-keys-heading = Allweddi API Open311
open311-key-issued = Allwedd wedi'i rhoi
open311-key-shown-once = Rhowch yr allwedd hon i ddatblygwyr yr ap. Dim ond unwaith y caiff ei dangos.
# Cyfeiriad pwynt terfyn Open311 y corff yn dilyn, ac yna open311-keys-intro-end.
open311-keys-intro = Mae apiau a systemau eraill yn defnyddio allwedd i anfon ceisiadau i
open311-keys-intro-end = . Does dim angen allwedd i ddarllen.
open311-no-keys = Nid oes unrhyw allweddi wedi'u rhoi.
open311-keys-caption = Allweddi
open311-app-or-system = Ap neu system
open311-may-update = Caiff ddiweddaru
open311-issued = Rhoddwyd
open311-status = Statws
open311-any-request = Unrhyw gais (swyddfa gefn)
open311-public-requests = Ceisiadau cyhoeddus
open311-revoked = Wedi'i dirymu
open311-revoke = Dirymu
# Wedi'i guddio yn weledol, ar ôl "Dirymu".
open311-revoke-hidden = yr allwedd ar gyfer { $name }
open311-issue-heading = Rhoi allwedd
open311-name-label = Enw'r ap neu'r system
open311-back-office-label = Mae'r allwedd hon ar gyfer ein system swyddfa gefn ein hunain
open311-back-office-hint = Yna gall anfon diweddariadau at unrhyw un o'n ceisiadau, gan gynnwys rhai preifat, rhai wedi'u cuddio a rhai heb eu cadarnhau. Dylai apiau ar gyfer y cyhoedd gael allweddi cyffredin: dim ond ceisiadau cyhoeddus y gallan nhw eu newid.
open311-issue-key = Rhoi allwedd
open311-error-name = Rhowch enw'r ap neu'r system, hyd at 100 nod
