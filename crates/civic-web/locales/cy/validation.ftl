# Negeseuon dilysu meysydd o civic-domain: yr un gwiriadau â'r Saesneg, gyda'r gwerthoedd
# ynddynt fel dadleuon. Mae tudalennau Cymraeg yn dangos y Gymraeg; mae'r APIs yn ateb yn Saesneg.

## Cyrff cyhoeddus
validation-body-name-missing = Rhowch enw'r corff
validation-body-name-too-long =
    { $max ->
        [zero] Rhaid i enw'r corff fod yn { $max } nod neu lai
        [one] Rhaid i enw'r corff fod yn { $max } nod neu lai
        [two] Rhaid i enw'r corff fod yn { $max } nod neu lai
        [few] Rhaid i enw'r corff fod yn { $max } nod neu lai
        [many] Rhaid i enw'r corff fod yn { $max } nod neu lai
       *[other] Rhaid i enw'r corff fod yn { $max } o nodau neu lai
    }
validation-body-slug-invalid = Rhaid i'r dynodydd fod yn 2 i 80 nod o hyd, gan ddefnyddio llythrennau bach, rhifau a chysylltnodau sengl
validation-body-kind-missing = Dewiswch pa fath o gorff yw hwn
validation-body-website-too-long =
    { $max ->
        [zero] Rhaid i gyfeiriad y wefan fod yn { $max } nod neu lai
        [one] Rhaid i gyfeiriad y wefan fod yn { $max } nod neu lai
        [two] Rhaid i gyfeiriad y wefan fod yn { $max } nod neu lai
        [few] Rhaid i gyfeiriad y wefan fod yn { $max } nod neu lai
        [many] Rhaid i gyfeiriad y wefan fod yn { $max } nod neu lai
       *[other] Rhaid i gyfeiriad y wefan fod yn { $max } o nodau neu lai
    }
validation-body-website-invalid = Rhowch gyfeiriad llawn y wefan, fel https://www.example.gov.uk
validation-body-name-cy-too-long =
    { $max ->
        [zero] Rhaid i enw Cymraeg y corff fod yn { $max } nod neu lai
        [one] Rhaid i enw Cymraeg y corff fod yn { $max } nod neu lai
        [two] Rhaid i enw Cymraeg y corff fod yn { $max } nod neu lai
        [few] Rhaid i enw Cymraeg y corff fod yn { $max } nod neu lai
        [many] Rhaid i enw Cymraeg y corff fod yn { $max } nod neu lai
       *[other] Rhaid i enw Cymraeg y corff fod yn { $max } o nodau neu lai
    }
validation-body-name-cy-missing = Rhowch enw'r corff yn Gymraeg: mae corff sy'n ddarostyngedig i Safonau'r Gymraeg yn cyhoeddi yn y ddwy iaith

## Gwasanaethau
validation-service-code-missing = Rhowch god y gwasanaeth
validation-service-code-too-long =
    { $max ->
        [zero] Rhaid i god y gwasanaeth fod yn { $max } nod neu lai
        [one] Rhaid i god y gwasanaeth fod yn { $max } nod neu lai
        [two] Rhaid i god y gwasanaeth fod yn { $max } nod neu lai
        [few] Rhaid i god y gwasanaeth fod yn { $max } nod neu lai
        [many] Rhaid i god y gwasanaeth fod yn { $max } nod neu lai
       *[other] Rhaid i god y gwasanaeth fod yn { $max } o nodau neu lai
    }
validation-service-code-invalid = Dim ond llythrennau, rhifau, bylchau, cysylltnodau, dotiau, colonau a slaesau all fod yn y cod
validation-service-name-cy-too-long =
    { $max ->
        [zero] Rhaid i'r enw Cymraeg fod yn { $max } nod neu lai
        [one] Rhaid i'r enw Cymraeg fod yn { $max } nod neu lai
        [two] Rhaid i'r enw Cymraeg fod yn { $max } nod neu lai
        [few] Rhaid i'r enw Cymraeg fod yn { $max } nod neu lai
        [many] Rhaid i'r enw Cymraeg fod yn { $max } nod neu lai
       *[other] Rhaid i'r enw Cymraeg fod yn { $max } o nodau neu lai
    }
validation-service-description-cy-too-long =
    { $max ->
        [zero] Rhaid i'r disgrifiad Cymraeg fod yn { $max } nod neu lai
        [one] Rhaid i'r disgrifiad Cymraeg fod yn { $max } nod neu lai
        [two] Rhaid i'r disgrifiad Cymraeg fod yn { $max } nod neu lai
        [few] Rhaid i'r disgrifiad Cymraeg fod yn { $max } nod neu lai
        [many] Rhaid i'r disgrifiad Cymraeg fod yn { $max } nod neu lai
       *[other] Rhaid i'r disgrifiad Cymraeg fod yn { $max } o nodau neu lai
    }
validation-service-name-cy-missing = Rhowch enw'r gwasanaeth yn Gymraeg: mae'r corff hwn yn cyhoeddi yn Gymraeg ac yn Saesneg
validation-service-description-cy-missing = Rhowch y disgrifiad yn Gymraeg: mae'r corff hwn yn cyhoeddi yn Gymraeg ac yn Saesneg
validation-service-channel-detail-cy-too-long =
    { $max ->
        [zero] Rhaid i'r manylion Cymraeg fod yn { $max } nod neu lai
        [one] Rhaid i'r manylion Cymraeg fod yn { $max } nod neu lai
        [two] Rhaid i'r manylion Cymraeg fod yn { $max } nod neu lai
        [few] Rhaid i'r manylion Cymraeg fod yn { $max } nod neu lai
        [many] Rhaid i'r manylion Cymraeg fod yn { $max } nod neu lai
       *[other] Rhaid i'r manylion Cymraeg fod yn { $max } o nodau neu lai
    }
validation-service-name-missing = Rhowch enw'r gwasanaeth
validation-service-name-too-long =
    { $max ->
        [zero] Rhaid i enw'r gwasanaeth fod yn { $max } nod neu lai
        [one] Rhaid i enw'r gwasanaeth fod yn { $max } nod neu lai
        [two] Rhaid i enw'r gwasanaeth fod yn { $max } nod neu lai
        [few] Rhaid i enw'r gwasanaeth fod yn { $max } nod neu lai
        [many] Rhaid i enw'r gwasanaeth fod yn { $max } nod neu lai
       *[other] Rhaid i enw'r gwasanaeth fod yn { $max } o nodau neu lai
    }
validation-service-description-missing = Rhowch ddisgrifiad
validation-service-description-too-long =
    { $max ->
        [zero] Rhaid i'r disgrifiad fod yn { $max } nod neu lai
        [one] Rhaid i'r disgrifiad fod yn { $max } nod neu lai
        [two] Rhaid i'r disgrifiad fod yn { $max } nod neu lai
        [few] Rhaid i'r disgrifiad fod yn { $max } nod neu lai
        [many] Rhaid i'r disgrifiad fod yn { $max } nod neu lai
       *[other] Rhaid i'r disgrifiad fod yn { $max } o nodau neu lai
    }
validation-service-keywords-invalid = Rhowch 30 gair allweddol ar y mwyaf, pob un yn 60 nod neu lai
validation-service-level-missing = Dewiswch lefel y gwasanaeth ar y raddfa cynhwysiant digidol
validation-service-level-invalid = Rhaid i'r lefel cynhwysiant digidol fod yn rhif cyfan o 1 i 9
validation-service-request-type-invalid = Rhaid i'r math o gais fod yn realtime neu batch
validation-service-group-too-long =
    { $max ->
        [zero] Rhaid i'r grŵp fod yn { $max } nod neu lai
        [one] Rhaid i'r grŵp fod yn { $max } nod neu lai
        [two] Rhaid i'r grŵp fod yn { $max } nod neu lai
        [few] Rhaid i'r grŵp fod yn { $max } nod neu lai
        [many] Rhaid i'r grŵp fod yn { $max } nod neu lai
       *[other] Rhaid i'r grŵp fod yn { $max } o nodau neu lai
    }
validation-service-target-days-invalid = Rhaid i'r targed fod yn nifer cyfan o ddiwrnodau gwaith, o 1 i 365
validation-service-channel-unknown = Sianel anhysbys '{ $channel }': defnyddiwch un o online, phone, counter, post neu assisted_digital
validation-service-channel-online-repeated = Mae'r sianel ar-lein wedi'i rhestru fwy nag unwaith
validation-service-channel-phone-repeated = Mae'r sianel ffôn wedi'i rhestru fwy nag unwaith
validation-service-channel-counter-repeated = Mae'r sianel wyneb yn wyneb wedi'i rhestru fwy nag unwaith
validation-service-channel-post-repeated = Mae'r sianel drwy'r post wedi'i rhestru fwy nag unwaith
validation-service-channel-assisted-repeated = Mae help i ddefnyddio'r gwasanaeth ar-lein wedi'i restru fwy nag unwaith
validation-service-channel-detail-too-long =
    { $max ->
        [zero] Rhaid i'r manylion fod yn { $max } nod neu lai
        [one] Rhaid i'r manylion fod yn { $max } nod neu lai
        [two] Rhaid i'r manylion fod yn { $max } nod neu lai
        [few] Rhaid i'r manylion fod yn { $max } nod neu lai
        [many] Rhaid i'r manylion fod yn { $max } nod neu lai
       *[other] Rhaid i'r manylion fod yn { $max } o nodau neu lai
    }
validation-service-channel-online-missing = Rhowch y manylion ar gyfer y sianel ar-lein
validation-service-channel-phone-missing = Rhowch y manylion ar gyfer y sianel ffôn
validation-service-channel-counter-missing = Rhowch y manylion ar gyfer y sianel wyneb yn wyneb
validation-service-channel-post-missing = Rhowch y manylion ar gyfer y sianel drwy'r post
validation-service-channel-assisted-missing = Rhowch y manylion ar gyfer help i ddefnyddio'r gwasanaeth ar-lein
validation-service-channel-online-invalid = Rhowch y cyfeiriad gwe yn y fformat cywir, fel https://www.example.gov.uk/bins
validation-service-channel-phone-invalid = Rhowch rif ffôn, fel 01632 960 001 neu +44 1632 960 001
validation-service-channels-missing = Rhowch o leiaf un ffordd o ddefnyddio'r gwasanaeth
validation-service-channels-offline-missing = Ychwanegwch o leiaf un ffordd o ddefnyddio'r gwasanaeth heb y rhyngrwyd: dros y ffôn, wyneb yn wyneb, drwy'r post neu gymorth digidol

## Y cwestiynau y mae gwasanaeth yn eu gofyn, a'r atebion iddynt
validation-question-code-invalid = Rhaid i god y cwestiwn fod yn 1 i 50 o lythrennau, rhifau, cysylltnodau neu danlinellau
validation-question-code-repeated = Mae cod y cwestiwn ‘{ $code }’ wedi'i ddefnyddio ddwywaith
validation-question-order-invalid = Mae angen ei drefn ei hun ar bob cwestiwn, o 1 ymlaen
validation-question-description-invalid = Rhowch y cwestiwn, hyd at 500 nod
validation-question-options-mismatch = Mae angen dewisiadau ar gwestiynau rhestr; ni ddylai fod gan gwestiynau eraill unrhyw ddewisiadau
validation-question-option-incomplete = Mae angen allwedd ac enw ar bob dewis
validation-questions-too-many = Gall gwasanaeth ofyn 30 cwestiwn ar y mwyaf
validation-answer-not-asked = Nid yw'r gwasanaeth hwn yn gofyn ‘{ $code }’
validation-answer-missing = Atebwch ‘{ $question }’
validation-answer-one-only = Dewiswch un ateb i ‘{ $question }’
validation-answer-not-an-option = Nid yw ‘{ $answer }’ yn un o'r atebion i ‘{ $question }’
validation-answer-not-a-number = Rhaid i'r ateb i ‘{ $question }’ fod yn rhif
validation-answer-not-a-datetime = Rhaid i'r ateb i ‘{ $question }’ fod yn ddyddiad ac amser gyda chylchfa amser, fel 2026-03-05T14:00:00Z
validation-answer-too-long = Rhaid i'r ateb i ‘{ $question }’ fod yn un ateb o 2,000 o nodau neu lai

## Ceisiadau (rhoi gwybod am broblem)
validation-request-description-too-long =
    { $max ->
        [zero] Rhaid i'r disgrifiad fod yn { $max } nod neu lai
        [one] Rhaid i'r disgrifiad fod yn { $max } nod neu lai
        [two] Rhaid i'r disgrifiad fod yn { $max } nod neu lai
        [few] Rhaid i'r disgrifiad fod yn { $max } nod neu lai
        [many] Rhaid i'r disgrifiad fod yn { $max } nod neu lai
       *[other] Rhaid i'r disgrifiad fod yn { $max } o nodau neu lai
    }
validation-request-lat-invalid = Rhaid i'r lledred fod yn rhif o -90 i 90
validation-request-long-invalid = Rhaid i'r hydred fod yn rhif o -180 i 180
validation-request-coordinates-unpaired = Rhowch y lledred a'r hydred, neu gadewch y ddau'n wag
validation-request-address-too-long = Rhaid i'r cyfeiriad fod yn 500 o nodau neu lai
validation-request-uprn-invalid = Rhaid i'r UPRN fod yn 12 digid neu lai
validation-request-postcode-too-long = Rhaid i'r cod post fod yn 10 nod neu lai
validation-request-location-missing = Dywedwch ble mae: rhowch gyfeiriad neu god post, neu bwynt ar y map
validation-request-media-url-invalid = Rhaid i URL y cyfryngau fod yn gyfeiriad gwe llawn
validation-request-name-too-long = Rhaid i'r enw fod yn 200 o nodau neu lai
validation-request-email-invalid = Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@example.org
validation-request-phone-invalid = Rhowch rif ffôn, fel 01632 960 001
validation-request-name-missing = Rhowch eich enw os ydych am iddo gael ei ddangos

## Catalog data agored: disgrifio set ddata
validation-dataset-title-length = Rhowch deitl o 1 i 200 nod i'r set ddata
validation-dataset-title-no-letters = Rhaid i'r teitl gynnwys llythrennau neu rifau
validation-dataset-description-missing = Disgrifiwch y data: beth ydyw ac o ble mae'n dod
validation-dataset-description-too-long = Rhaid i'r disgrifiad fod yn 20,000 o nodau neu lai
validation-dataset-licence-invalid = Dewiswch drwydded o'r rhestr
validation-dataset-frequency-invalid = Dewiswch pa mor aml y caiff y set ddata ei diweddaru
validation-dataset-theme-invalid = Dewiswch thema o'r rhestr
validation-dataset-keyword-invalid = Dim ond llythrennau, rhifau, bylchau, cysylltnodau, tanlinellau ac atalnodau llawn all fod yn y gair allweddol “{ $keyword }”, hyd at 100 nod
validation-dataset-keywords-too-many = Rhowch 30 gair allweddol ar y mwyaf
validation-dataset-temporal-start-invalid = Rhowch ddyddiad yn y fformat BBBB-MM-DD, fel 2026-04-01
validation-dataset-temporal-end-invalid = Rhowch ddyddiad yn y fformat BBBB-MM-DD, fel 2026-04-01
validation-dataset-temporal-end-before-start = Ni all y diwrnod olaf a gwmpesir fod cyn y cyntaf
validation-dataset-spatial-too-long = Rhaid i'r ardal a gwmpesir fod yn 200 o nodau neu lai
validation-dataset-contact-name-too-long = Rhaid i enw'r cyswllt fod yn 200 o nodau neu lai
validation-dataset-contact-email-invalid = Rhowch gyfeiriad e-bost yn y fformat cywir, fel data@northshire.gov.uk
validation-dataset-link-invalid = Llinell { $line }: rhowch gyfeiriad gwe sy'n dechrau gyda https://, gyda'i fformat o'i flaen os mynnwch (er enghraifft “CSV https://example.org/data.csv”)
validation-dataset-links-missing = Rhowch o leiaf un ddolen i'r man lle gellir lawrlwytho'r data
validation-dataset-links-too-many = Rhowch 50 dolen ar y mwyaf
validation-dataset-title-cy-too-long =
    { $max ->
        [zero] Rhaid i'r teitl Cymraeg fod yn { $max } nod neu lai
        [one] Rhaid i'r teitl Cymraeg fod yn { $max } nod neu lai
        [two] Rhaid i'r teitl Cymraeg fod yn { $max } nod neu lai
        [few] Rhaid i'r teitl Cymraeg fod yn { $max } nod neu lai
        [many] Rhaid i'r teitl Cymraeg fod yn { $max } nod neu lai
       *[other] Rhaid i'r teitl Cymraeg fod yn { $max } o nodau neu lai
    }
validation-dataset-description-cy-too-long = Rhaid i'r disgrifiad Cymraeg fod yn 20,000 o nodau neu lai
validation-dataset-title-cy-missing = Rhowch y teitl yn Gymraeg: mae'r corff hwn yn cyhoeddi yn Gymraeg ac yn Saesneg
validation-dataset-description-cy-missing = Rhowch y disgrifiad yn Gymraeg: mae'r corff hwn yn cyhoeddi yn Gymraeg ac yn Saesneg

## Data agored: ceisiadau am ddata, a chytundebau rhannu data
validation-data-request-title-missing = Rhowch y data sydd ei angen arnoch, mewn un llinell
validation-data-request-title-too-long =
    { $max ->
        [zero] Rhaid i'r llinell am y data sydd ei angen arnoch fod yn { $max } nod neu lai
        [one] Rhaid i'r llinell am y data sydd ei angen arnoch fod yn { $max } nod neu lai
        [two] Rhaid i'r llinell am y data sydd ei angen arnoch fod yn { $max } nod neu lai
        [few] Rhaid i'r llinell am y data sydd ei angen arnoch fod yn { $max } nod neu lai
        [many] Rhaid i'r llinell am y data sydd ei angen arnoch fod yn { $max } nod neu lai
       *[other] Rhaid i'r llinell am y data sydd ei angen arnoch fod yn { $max } o nodau neu lai
    }
validation-data-request-description-missing = Rhowch beth ddylai fod yn y data
validation-data-request-description-too-long =
    { $max ->
        [zero] Rhaid i'r disgrifiad o'r hyn ddylai fod yn y data fod yn { $max } nod neu lai
        [one] Rhaid i'r disgrifiad o'r hyn ddylai fod yn y data fod yn { $max } nod neu lai
        [two] Rhaid i'r disgrifiad o'r hyn ddylai fod yn y data fod yn { $max } nod neu lai
        [few] Rhaid i'r disgrifiad o'r hyn ddylai fod yn y data fod yn { $max } nod neu lai
        [many] Rhaid i'r disgrifiad o'r hyn ddylai fod yn y data fod yn { $max } nod neu lai
       *[other] Rhaid i'r disgrifiad o'r hyn ddylai fod yn y data fod yn { $max } o nodau neu lai
    }
validation-data-request-reason-missing = Rhowch y rheswm pam mae angen y data arnoch
validation-data-request-reason-too-long =
    { $max ->
        [zero] Rhaid i'r rheswm pam mae angen y data arnoch fod yn { $max } nod neu lai
        [one] Rhaid i'r rheswm pam mae angen y data arnoch fod yn { $max } nod neu lai
        [two] Rhaid i'r rheswm pam mae angen y data arnoch fod yn { $max } nod neu lai
        [few] Rhaid i'r rheswm pam mae angen y data arnoch fod yn { $max } nod neu lai
        [many] Rhaid i'r rheswm pam mae angen y data arnoch fod yn { $max } nod neu lai
       *[other] Rhaid i'r rheswm pam mae angen y data arnoch fod yn { $max } o nodau neu lai
    }
validation-data-request-email-invalid = Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@example.com
validation-data-request-answer-too-long = Rhaid i'r ateb fod yn 5,000 o nodau neu lai
validation-data-request-status-invalid = Dewiswch a yw'r cais wedi'i dderbyn, wedi'i gyhoeddi neu wedi'i wrthod
validation-data-request-promised-on-past = Rhaid i'r dyddiad a addawyd fod heddiw neu'n hwyrach
validation-data-request-promised-on-invalid = Rhowch erbyn pa ddyddiad y byddwch yn cyhoeddi'r data, yn y fformat BBBB-MM-DD
validation-data-request-dataset-missing = Dewiswch y set ddata sy'n ateb y cais
validation-data-request-refusal-reason-missing = Dywedwch pam na fydd y data'n cael ei gyhoeddi
validation-agreement-title-missing = Rhowch enw ar gyfer y cytundeb
validation-agreement-title-too-long =
    { $max ->
        [zero] Rhaid i enw'r cytundeb fod yn { $max } nod neu lai
        [one] Rhaid i enw'r cytundeb fod yn { $max } nod neu lai
        [two] Rhaid i enw'r cytundeb fod yn { $max } nod neu lai
        [few] Rhaid i enw'r cytundeb fod yn { $max } nod neu lai
        [many] Rhaid i enw'r cytundeb fod yn { $max } nod neu lai
       *[other] Rhaid i enw'r cytundeb fod yn { $max } o nodau neu lai
    }
validation-agreement-parties-too-few = Rhestrwch bob sefydliad sy'n barti i'r cytundeb, un ar bob llinell (o leiaf dau)
validation-agreement-parties-too-many = Rhestrwch 50 parti ar y mwyaf, pob un hyd at 200 nod
validation-agreement-purpose-missing = Rhowch ddiben rhannu'r data
validation-agreement-purpose-too-long =
    { $max ->
        [zero] Rhaid i ddiben rhannu'r data fod yn { $max } nod neu lai
        [one] Rhaid i ddiben rhannu'r data fod yn { $max } nod neu lai
        [two] Rhaid i ddiben rhannu'r data fod yn { $max } nod neu lai
        [few] Rhaid i ddiben rhannu'r data fod yn { $max } nod neu lai
        [many] Rhaid i ddiben rhannu'r data fod yn { $max } nod neu lai
       *[other] Rhaid i ddiben rhannu'r data fod yn { $max } o nodau neu lai
    }
validation-agreement-legal-basis-invalid = Dewiswch y sail gyfreithiol o'r rhestr
validation-agreement-data-items-missing = Rhestrwch yr eitemau data a rennir, un ar bob llinell
validation-agreement-data-items-too-many = Rhestrwch 200 eitem ar y mwyaf, pob un hyd at 200 nod
validation-agreement-starts-on-invalid = Rhowch y dyddiad dechrau yn y fformat BBBB-MM-DD, fel 2026-04-01
validation-agreement-review-on-invalid = Rhowch y dyddiad adolygu yn y fformat BBBB-MM-DD, fel 2026-04-01
validation-agreement-ends-on-invalid = Rhowch y dyddiad gorffen yn y fformat BBBB-MM-DD, fel 2026-04-01
validation-agreement-review-on-before-start = Ni all y dyddiad adolygu fod cyn y dyddiad dechrau
validation-agreement-ends-on-before-start = Ni all y dyddiad gorffen fod cyn y dyddiad dechrau
validation-agreement-owner-missing = Rhowch enw'r perchennog (person neu rôl)
validation-agreement-owner-too-long =
    { $max ->
        [zero] Rhaid i enw'r perchennog (person neu rôl) fod yn { $max } nod neu lai
        [one] Rhaid i enw'r perchennog (person neu rôl) fod yn { $max } nod neu lai
        [two] Rhaid i enw'r perchennog (person neu rôl) fod yn { $max } nod neu lai
        [few] Rhaid i enw'r perchennog (person neu rôl) fod yn { $max } nod neu lai
        [many] Rhaid i enw'r perchennog (person neu rôl) fod yn { $max } nod neu lai
       *[other] Rhaid i enw'r perchennog (person neu rôl) fod yn { $max } o nodau neu lai
    }

## Rhesi'r gofrestr cyfeiriadau
validation-address-uprn-invalid = Rhaid i'r UPRN fod yn 1 i 12 digid
validation-address-line-1-missing = Mae llinell gyntaf y cyfeiriad ar goll
validation-address-postcode-invalid = Nid yw '{ $postcode }' yn god post yn y DU, fel ZZ1 1AA
validation-address-latitude-invalid = Rhaid i'r lledred fod yn rhif o -90 i 90
validation-address-longitude-invalid = Rhaid i'r hydred fod yn rhif o -180 i 180
validation-address-coordinates-unpaired = Rhowch y lledred a'r hydred, neu gadewch y ddau'n wag

## Perfformiad: digwyddiadau trafodion (API) a setiau data
validation-event-id-length = Rhowch id o 1 i 100 nod i bob digwyddiad
validation-event-channel-unknown = Sianel anhysbys '{ $channel }': defnyddiwch digital, assisted_digital, phone, counter, post neu email
validation-event-started-at-invalid = Rhaid i'r maes started_at fod yn ddyddiad ac amser gyda chylchfa amser, fel 2026-03-05T14:00:00Z
validation-event-outcome-at-invalid = Rhaid i'r maes outcome_at fod yn ddyddiad ac amser gyda chylchfa amser
validation-event-outcome-at-before-start = Mae outcome_at yn gynharach na started_at
validation-event-outcome-unknown = Canlyniad anhysbys '{ $outcome }': defnyddiwch completed, refused, not_eligible, no_further_action, duplicate, abandoned, failed neu pending
validation-event-outcome-at-missing = Rhowch outcome_at gyda chanlyniad
validation-event-service-too-long = Rhaid i'r maes service fod yn 100 nod neu lai
validation-event-satisfaction-without-outcome = Gofynnir am satisfaction ar adeg y canlyniad: rhowch outcome_at hefyd
validation-event-satisfaction-invalid = Rhaid i'r maes satisfaction fod yn rhif cyfan o 1 i 5
validation-measures-dataset-name-length = Rhowch enw o 1 i 200 nod i'r set ddata
validation-measures-dataset-name-no-letters = Rhaid i'r enw gynnwys llythrennau neu rifau
validation-measures-dataset-hours-invalid = Rhowch faint o oriau all fynd heibio rhwng sypiau, o 1 i 8784

## Cyfrifon staff a chyfrineiriau
validation-new-password-too-short =
    { $min ->
        [zero] Rhaid i'r cyfrinair newydd gynnwys o leiaf { $min } nod
        [one] Rhaid i'r cyfrinair newydd gynnwys o leiaf { $min } nod
        [two] Rhaid i'r cyfrinair newydd gynnwys o leiaf { $min } nod
        [few] Rhaid i'r cyfrinair newydd gynnwys o leiaf { $min } nod
        [many] Rhaid i'r cyfrinair newydd gynnwys o leiaf { $min } nod
       *[other] Rhaid i'r cyfrinair newydd gynnwys o leiaf { $min } o nodau
    }
validation-new-password-too-long = Rhaid i'r cyfrinair newydd fod yn 1,000 o nodau neu lai
validation-new-password-mismatch = Nid yw'r ddau gyfrinair newydd yr un fath
validation-staff-email-missing = Rhowch gyfeiriad e-bost
validation-staff-email-invalid = Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@example.org
validation-staff-name-missing = Rhowch enw
validation-staff-name-too-long =
    { $max ->
        [zero] Rhaid i'r enw fod yn { $max } nod neu lai
        [one] Rhaid i'r enw fod yn { $max } nod neu lai
        [two] Rhaid i'r enw fod yn { $max } nod neu lai
        [few] Rhaid i'r enw fod yn { $max } nod neu lai
        [many] Rhaid i'r enw fod yn { $max } nod neu lai
       *[other] Rhaid i'r enw fod yn { $max } o nodau neu lai
    }
validation-staff-password-too-short =
    { $min ->
        [zero] Rhaid i'r cyfrinair gynnwys o leiaf { $min } nod
        [one] Rhaid i'r cyfrinair gynnwys o leiaf { $min } nod
        [two] Rhaid i'r cyfrinair gynnwys o leiaf { $min } nod
        [few] Rhaid i'r cyfrinair gynnwys o leiaf { $min } nod
        [many] Rhaid i'r cyfrinair gynnwys o leiaf { $min } nod
       *[other] Rhaid i'r cyfrinair gynnwys o leiaf { $min } o nodau
    }
validation-staff-password-too-long = Rhaid i'r cyfrinair fod yn 1,000 o nodau neu lai
validation-staff-role-invalid = Dewiswch staff neu gymedrolwr

## Lleoedd sy'n rhoi cymorth digidol, a'r defnydd a adroddwyd
validation-place-name-missing = Rhowch enw'r lle
validation-place-name-too-long = Rhaid i'r enw fod yn { $max } nod neu lai
validation-place-description-too-long = Rhaid i'r disgrifiad fod yn { $max } nod neu lai
validation-place-name-cy-missing = Rhowch enw'r lle yn Gymraeg: mae'r corff hwn yn cyhoeddi yn Gymraeg ac yn Saesneg
validation-place-description-cy-missing = Rhowch y disgrifiad yn Gymraeg: mae'r corff hwn yn cyhoeddi yn Gymraeg ac yn Saesneg
validation-place-kind = Dewiswch pa fath o le yw e
validation-place-address-missing = Dewiswch gyfeiriad y lle: dewch o hyd iddo drwy'r cod post
validation-place-address-unknown = Nid oes gan y gofrestr cyfeiriadau gyfeiriad ag UPRN { $uprn }: dewch o hyd i'r cyfeiriad drwy'r cod post
validation-place-address-no-point = Nid yw'r gofrestr cyfeiriadau yn dweud ble mae'r cyfeiriad hwnnw, felly ni allai neb ddod o hyd i'r lle yn ôl pellter: dewiswch gyfeiriad arall neu ychwanegwch ei ledred a'i hydred at y gofrestr
validation-place-opening-day = Dewiswch ddiwrnod ar gyfer pob amser agor
validation-place-opening-time = Rhowch yr amseroedd agor a chau fel oriau a munudau, fel 09:30 a 17:00
validation-place-opening-order = Rhaid i'r amser cau { $closes } fod ar ôl yr amser agor { $opens }
validation-place-opening-overlap = Mae'r amseroedd agor { $first } a { $second } ar yr un diwrnod yn gorgyffwrdd: unwch nhw'n un
validation-place-opening-too-many = Rhowch { $max } amser agor y dydd ar y mwyaf
validation-place-note-too-long = Rhaid i'r nodyn fod yn { $max } nod neu lai
validation-place-help-unknown = Dewiswch y cymorth a roddir o'r rhestr
validation-place-help-missing = Dewiswch o leiaf un math o gymorth y mae'r lle yn ei roi
validation-place-course-level = Dewiswch lefelau cwrs o 1 i 9
validation-place-course-levels-missing = Dewiswch y lefelau y mae'r cyrsiau ar eu cyfer
validation-place-service-unknown = Nid oes gan y corff hwn wasanaeth { $service }: dewiswch wasanaethau o'r rhestr
validation-place-accessibility = Dewiswch nodweddion hygyrchedd o'r rhestr
validation-place-languages = Rhestrwch { $max } iaith ar y mwyaf, pob un yn 40 nod neu lai, wedi'u gwahanu â choma
validation-place-booking = Dywedwch a oes angen i bobl archebu
validation-place-phone = Rhowch rif ffôn, fel 01632 960 001
validation-place-email = Rhowch gyfeiriad e-bost, fel llyfrgell@example.gov.uk
validation-place-website = Rhowch gyfeiriad gwe sy'n dechrau gyda https:// neu http://
validation-usage-month = Rhowch y mis fel blwyddyn a mis, fel 2026-03
validation-usage-month-future = Ni all y mis fod yn y dyfodol
validation-usage-count = Rhowch rif cyfan o 0 i { $max }
validation-usage-empty = Rhowch y sesiynau a gynhaliwyd neu'r bobl a gafodd help
validation-dataset-restricted-external = Dim ond ffeiliau y mae'n eu dal y gall Civic eu cyfyngu: caiff set ddata sy'n cael ei chynnal yn rhywle arall ei chyfyngu lle caiff ei chynnal
validation-dataset-how-to-apply = Dywedwch sut i wneud cais am fynediad, mewn hyd at 2,000 nod
