# Y dudalen staff sy'n mewnforio ffrwd Open Referral UK.
openreferral-import-link = Mewnforio o Open Referral UK
openreferral-import-services = Gwasanaethau
openreferral-import-title = Mewnforio gwasanaethau o Open Referral UK – { $body }
openreferral-import-title-error = Gwall: Mewnforio gwasanaethau o Open Referral UK – { $body }
openreferral-import-heading = Mewnforio gwasanaethau o Open Referral UK
openreferral-import-intro = Symud o gyfeiriadur gwasanaethau arall? Allforiwch ei wasanaethau fel ffrwd Open Referral UK (HSDS 3.0: tudalen o wasanaethau, rhestr ohonynt, neu un gwasanaeth, pob un fel y mae /services/{"{"}id{"}"} yn ei roi) a mewnforiwch y ffeil yma. Caiff pob gwasanaeth ei wirio yn gyntaf: naill ai caiff pob un ei ychwanegu at eich cofrestr, neu ddim un. Rhestrir unrhyw beth nad oes gan Civic le iddo, er mwyn i chi ei ychwanegu â llaw.
openreferral-file-label = Ffeil Open Referral UK (JSON)
openreferral-url-label = Neu gyfeiriad y ffrwd
openreferral-url-hint = Cyfeiriad rhestr gwasanaethau'r cyfeiriadur (yn gorffen gyda /services), tudalen ohoni, neu un gwasanaeth. Mae Civic yn darllen pob tudalen a gwasanaeth ohono unwaith, o gyfeiriad cyhoeddus yn unig.
openreferral-error-too-many = Mae'r ffrwd yn rhestru mwy na { $max } o wasanaethau: mewnforiwch hi fesul rhan (tudalen ar y tro).
openreferral-error-both = Rhowch ffeil neu gyfeiriad, nid y ddau.
openreferral-file-hint = Ni chaiff gwasanaethau nad yw eu statws yn “active” eu mewnforio.
openreferral-check-only = Gwirio'r ffeil yn unig: peidio ag ychwanegu dim
openreferral-import-button = Mewnforio
openreferral-problems = Ni fewnforiwyd dim
openreferral-nothing-imported =
    { $count ->
        [zero] Ni ellir ychwanegu 0 gwasanaeth y ffeil nes i'r problemau hyn gael eu cywiro:
        [one] Ni ellir ychwanegu 1 gwasanaeth y ffeil nes i'r problemau hyn gael eu cywiro:
        [two] Ni ellir ychwanegu 2 wasanaeth y ffeil nes i'r problemau hyn gael eu cywiro:
        [few] Ni ellir ychwanegu { $count } gwasanaeth y ffeil nes i'r problemau hyn gael eu cywiro:
        [many] Ni ellir ychwanegu { $count } gwasanaeth y ffeil nes i'r problemau hyn gael eu cywiro:
       *[other] Ni ellir ychwanegu { $count } gwasanaeth y ffeil nes i'r problemau hyn gael eu cywiro:
    }
openreferral-problem = { $service }: { $problem }
openreferral-imported =
    { $count ->
        [zero] Nid oes gan y ffeil wasanaeth i'w fewnforio.
        [one] Ychwanegwyd 1 gwasanaeth at eich cofrestr.
        [two] Ychwanegwyd 2 wasanaeth at eich cofrestr.
        [few] Ychwanegwyd { $count } gwasanaeth at eich cofrestr.
        [many] Ychwanegwyd { $count } gwasanaeth at eich cofrestr.
       *[other] Ychwanegwyd { $count } gwasanaeth at eich cofrestr.
    }
openreferral-checked =
    { $count ->
        [zero] Nid oes gan y ffeil wasanaeth i'w fewnforio.
        [one] Gellir mewnforio 1 gwasanaeth y ffeil. Ni ychwanegwyd dim.
        [two] Gellir mewnforio 2 wasanaeth y ffeil. Ni ychwanegwyd dim.
        [few] Gellir mewnforio { $count } gwasanaeth y ffeil. Ni ychwanegwyd dim.
        [many] Gellir mewnforio { $count } gwasanaeth y ffeil. Ni ychwanegwyd dim.
       *[other] Gellir mewnforio { $count } gwasanaeth y ffeil. Ni ychwanegwyd dim.
    }
openreferral-left-out-heading = Beth sydd yn y ffeil nad yw Civic yn ei gadw
openreferral-left-out-more =
    { $count ->
        [zero] a 0 arall
        [one] ac 1 arall
        [two] a 2 arall
        [few] a { $count } arall
        [many] a { $count } arall
       *[other] a { $count } arall
    }
openreferral-error-choose-file = Dewiswch ffeil Open Referral UK i'w mewnforio, neu rhowch gyfeiriad y ffrwd.
openreferral-error-not-utf8 = Nid testun UTF-8 yw'r ffeil: allforiwch hi eto fel JSON.
openreferral-error-not-json = Nid JSON yw'r ffeil: allforiwch y ffrwd eto fel JSON.
openreferral-error-contents = Nid rhestr o wasanaethau yw “contents” y ffeil.
openreferral-error-no-services = Nid oes gwasanaethau yn y ffeil: rhowch dudalen o wasanaethau, rhestr ohonynt, neu un gwasanaeth.
openreferral-error-unreadable = Nid oedd modd darllen y ffurflen ({ $reason }). Rhowch gynnig arall arni.
openreferral-left-not-object = Nid gwasanaeth yw { $service } (nid gwrthrych JSON).
openreferral-left-not-active = Ni chaiff { $service } ei fewnforio: ei statws yw “{ $status }”, a dim ond gwasanaethau a gynigir nawr a gaiff eu mewnforio.
openreferral-left-phone = { $service }: ffôn heb rif.
openreferral-left-no-location = { $service }: gwasanaeth mewn lleoliad heb leoliad.
openreferral-left-location-type = { $service }: y lleoliad { $type } “{ $name }” (dim ond lleoliadau ffisegol a phost sy'n dod yn ffyrdd o gyrraedd gwasanaeth).
openreferral-left-help-place = { $service }: y lle sy'n rhoi cymorth digidol “{ $name }” (ychwanegwch ef ar y dudalen lleoedd cymorth digidol).
openreferral-left-location-empty = { $service }: y lleoliad “{ $name }”, nad oes ganddo ddisgrifiad na chyfeiriad.
openreferral-left-attribute = { $service }: priodoledd heb derm tacsonomeg.
openreferral-left-level = { $service }: lefel cynhwysiant digidol “{ $value }”, nad yw'n rhif.
openreferral-left-term = { $service }: y term tacsonomeg “{ $name }” (nid cod gwasanaeth safonol na lefel ar y raddfa cynhwysiant digidol).
openreferral-left-field = { $service }: { $field } (nid oes gan Civic faes ar ei gyfer).
