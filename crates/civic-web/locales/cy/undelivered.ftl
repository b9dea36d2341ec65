# Tudalen y gweinyddwyr o e-byst a roddwyd o'r neilltu gan y blwch allan.

undelivered-title = E-byst heb eu danfon
undelivered-intro = Mae Civic yn ceisio anfon pob e-bost { $attempts } o weithiau dros dua wyth awr a hanner. Os oes neges na ellir ei hanfon o hyd, neu na ellir ei darllen o gwbl, caiff ei rhoi o'r neilltu yma yn hytrach na bod Civic yn dal i geisio ei hanfon am byth. Anfonwch hi eto ar ôl datrys yr achos, neu gwaredwch hi.
undelivered-pending =
    { $count ->
        [zero] Does dim negeseuon yn aros yn y ciw i'w hanfon.
        [one] Mae 1 neges yn aros yn y ciw i'w hanfon.
        [two] Mae 2 neges yn aros yn y ciw i'w hanfon.
        [few] Mae { $count } neges yn aros yn y ciw i'w hanfon.
        [many] Mae { $count } neges yn aros yn y ciw i'w hanfon.
       *[other] Mae { $count } neges yn aros yn y ciw i'w hanfon.
    }
undelivered-none = Does dim e-bost wedi'i roi o'r neilltu.
undelivered-table-label = E-bost wedi'i roi o'r neilltu
undelivered-caption =
    { $count ->
        [zero] Dim negeseuon wedi'u rhoi o'r neilltu
        [one] 1 neges wedi'i rhoi o'r neilltu
        [two] 2 neges wedi'u rhoi o'r neilltu
        [few] { $count } neges wedi'u rhoi o'r neilltu
        [many] { $count } neges wedi'u rhoi o'r neilltu
       *[other] { $count } neges wedi'u rhoi o'r neilltu
    }
undelivered-caption-newest =
    { $count ->
        [zero] Dim negeseuon wedi'u rhoi o'r neilltu
        [one] 1 neges wedi'i rhoi o'r neilltu, yn dangos y { $shown } mwyaf diweddar
        [two] 2 neges wedi'u rhoi o'r neilltu, yn dangos y { $shown } mwyaf diweddar
        [few] { $count } neges wedi'u rhoi o'r neilltu, yn dangos y { $shown } mwyaf diweddar
        [many] { $count } neges wedi'u rhoi o'r neilltu, yn dangos y { $shown } mwyaf diweddar
       *[other] { $count } neges wedi'u rhoi o'r neilltu, yn dangos y { $shown } mwyaf diweddar
    }
undelivered-col-to = At
undelivered-col-kind = Math
undelivered-col-queued = Rhoddwyd yn y ciw
undelivered-col-set-aside = Rhoddwyd o'r neilltu
undelivered-col-attempts = Ymdrechion
undelivered-col-last-error = Gwall diwethaf
undelivered-col-actions = Camau gweithredu
undelivered-retry = Anfon eto
undelivered-retry-hidden = at { $recipient }
undelivered-discard = Gwaredu
undelivered-discard-hidden = y neges at { $recipient }
