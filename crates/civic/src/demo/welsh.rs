//! Welsh (Cymraeg) for the demo service register: the name and description of each
//! service template in `SERVICES`, in the same order and with the same codes, and the
//! channel texts (counter, post and assisted digital) that `services_for` writes. Plain
//! register as on Welsh councils' own sites, "chi" forms throughout; terms follow
//! `civic-web/locales/GLOSSARY.md`. Town names are the demo's English ones, so they are
//! only ever placed where no mutation applies.

/// (code, name, description) in Welsh, one for each entry of `SERVICES`, in its order.
pub const SERVICES_CY: [(&str, &str, &str); 32] = [
    (
        "LGSL 524",
        "Rhoi gwybod am gasgliad bin a fethwyd",
        "Rhowch wybod i ni os na wnaethom wagio eich bin ar y diwrnod casglu, a byddwn yn dod yn ôl o fewn dau ddiwrnod gwaith.",
    ),
    (
        "LGSL 526",
        "Archebu bin newydd neu fin yn lle'r hen un",
        "Gofynnwch am un newydd os yw eich bin, eich blwch ailgylchu neu'ch cadi bwyd wedi mynd ar goll, wedi'i ddwyn neu wedi torri.",
    ),
    (
        "LGSL 521",
        "Trefnu casgliad gwastraff swmpus",
        "Talwch i ni gasglu eitemau mawr fel dodrefn, oergelloedd a matresi o'ch cartref.",
    ),
    (
        "LGSL 1016",
        "Tanysgrifio i'r casgliad gwastraff gardd",
        "Talwch ffi flynyddol a byddwn yn gwagio eich bin gwastraff gardd bob pythefnos.",
    ),
    (
        "LGSL 580",
        "Rhoi gwybod am dipio anghyfreithlon",
        "Rhowch wybod i ni am sbwriel sydd wedi'i adael yn anghyfreithlon ar dir cyhoeddus er mwyn i ni allu ei glirio ac ymchwilio iddo.",
    ),
    (
        "LGSL 1",
        "Talu eich Treth Gyngor",
        "Talwch eich Treth Gyngor drwy ddebyd uniongyrchol, ar-lein, dros y ffôn neu mewn man talu.",
    ),
    (
        "LGSL 2",
        "Gwneud cais am ostyngiad yn y Dreth Gyngor",
        "Gwiriwch a allwch chi dalu llai o Dreth Gyngor, er enghraifft os ydych chi'n byw ar eich pen eich hun neu'n fyfyriwr.",
    ),
    (
        "LGSL 6",
        "Rhoi gwybod i ni eich bod yn symud tŷ",
        "Rhowch wybod i ni pan fyddwch chi'n symud i mewn neu allan er mwyn i ni allu agor neu gau eich cyfrif Treth Gyngor.",
    ),
    (
        "LGSL 117",
        "Gwneud cais am Fudd-dal Tai a Gostyngiadau'r Dreth Gyngor",
        "Gallwch gael help i dalu eich rhent a'ch Treth Gyngor os ydych chi ar incwm isel.",
    ),
    (
        "LGSL 30",
        "Gwneud cais am Fathodyn Glas",
        "Gwnewch gais am drwydded barcio os oes gennych chi anabledd neu gyflwr iechyd sy'n effeithio ar eich gallu i symud o gwmpas.",
    ),
    (
        "LGSL 35",
        "Gwneud cais am le mewn ysgol",
        "Gwnewch gais am le i'ch plentyn mewn ysgol gynradd neu uwchradd.",
    ),
    (
        "LGSL 37",
        "Gwneud cais am brydau ysgol am ddim",
        "Gwiriwch a all eich plentyn gael prydau ysgol am ddim, a gwnewch gais.",
    ),
    (
        "LGSL 42",
        "Gwneud cais am gludiant o'r cartref i'r ysgol",
        "Gofynnwch am gludiant am ddim i'r ysgol, neu help gyda chostau teithio, os yw eich plentyn yn gymwys.",
    ),
    (
        "LGSL 90",
        "Rhoi gwybod am dwll yn y ffordd",
        "Rhowch wybod i ni am dwll yn y ffordd neu wyneb ffordd sydd wedi'i ddifrodi, er mwyn i ni allu ei archwilio a'i drwsio.",
    ),
    (
        "LGSL 94",
        "Rhoi gwybod am nam ar olau stryd",
        "Rhowch wybod i ni os nad yw golau stryd yn gweithio, os yw'n fflachio neu os yw wedi'i ddifrodi.",
    ),
    (
        "LGSL 98",
        "Rhoi gwybod am ddraen wedi'i flocio neu lifogydd",
        "Rhowch wybod i ni os oes gylïau neu ddraeniau ffordd wedi'u blocio, neu os oes llifogydd ar ffordd.",
    ),
    (
        "LGSL 228",
        "Gwneud cais am drwydded barcio",
        "Gwnewch gais am drwydded barcio i breswylwyr neu ymwelwyr mewn parth parcio a reolir.",
    ),
    (
        "LGSL 229",
        "Talu neu herio dirwy barcio",
        "Talwch hysbysiad tâl cosb, neu esboniwch pam rydych chi'n credu y dylid ei ganslo.",
    ),
    (
        "LGSL 155",
        "Gwneud cais am ganiatâd cynllunio",
        "Gwnewch gais am ganiatâd i godi adeilad, i'w estyn neu i newid ei ddefnydd.",
    ),
    (
        "LGSL 156",
        "Rhoi sylwadau ar gais cynllunio",
        "Rhowch eich barn ar gais cynllunio yn eich ardal cyn i benderfyniad gael ei wneud.",
    ),
    (
        "LGSL 158",
        "Rhoi gwybod am dorri rheolau cynllunio",
        "Rhowch wybod i ni am waith adeiladu neu newid defnydd sydd, yn eich barn chi, heb ganiatâd.",
    ),
    (
        "LGSL 370",
        "Rhoi gwybod am niwsans sŵn",
        "Rhowch wybod i ni os yw sŵn cymdogion, busnesau neu larymau yn effeithio arnoch chi.",
    ),
    (
        "LGSL 419",
        "Gwneud cais am drwydded safle",
        "Gwnewch gais am drwydded i werthu alcohol, i gynnig adloniant neu i weini bwyd yn hwyr y nos.",
    ),
    (
        "LGSL 442",
        "Cofrestru genedigaeth",
        "Trefnwch apwyntiad i gofrestru genedigaeth o fewn 42 diwrnod.",
    ),
    (
        "LGSL 444",
        "Cofrestru marwolaeth",
        "Trefnwch apwyntiad i gofrestru marwolaeth, a rhowch wybod i holl wasanaethau'r cyngor ar yr un pryd.",
    ),
    (
        "LGSL 299",
        "Gwneud cais am dai cymdeithasol",
        "Ymunwch â'r gofrestr tai i wneud cais am gartref gan y cyngor neu gymdeithas dai.",
    ),
    (
        "LGSL 300",
        "Cael help os ydych chi'n ddigartref",
        "Gallwch gael cyngor a help os ydych chi'n ddigartref neu ar fin colli eich cartref.",
    ),
    (
        "LGSL 745",
        "Gofyn am asesiad gofal cymdeithasol i oedolion",
        "Gofynnwch i ni asesu'r gofal a'r cymorth sydd eu hangen arnoch chi neu ar rywun rydych chi'n gofalu amdano.",
    ),
    (
        "LGSL 1219",
        "Ymuno â'r llyfrgell",
        "Dewch yn aelod o'r llyfrgell i fenthyg llyfrau, i ddefnyddio cyfrifiaduron ac i gael help digidol am ddim.",
    ),
    (
        "LGSL 260",
        "Cofrestru i bleidleisio",
        "Cofrestrwch i bleidleisio mewn etholiadau a refferenda.",
    ),
    (
        "LGSL 334",
        "Rhoi gwybod am gerbyd wedi'i adael",
        "Rhowch wybod i ni am gerbyd sy'n edrych fel petai wedi'i adael ar ffordd neu ar dir cyhoeddus.",
    ),
    (
        "LGSL 1113",
        "Gwneud cais am grant cyfleusterau i'r anabl",
        "Gallwch gael arian i addasu eich cartref os ydych chi, neu rywun sy'n byw gyda chi, yn anabl.",
    ),
];

/// The counter channel's detail: where the customer service centre is, and when it is open.
pub fn counter_cy(town: &str) -> String {
    format!(
        "Canolfan Gwasanaethau Cwsmeriaid, Neuadd y Dref, Stryd Fawr, {town}\nDydd Llun i ddydd Gwener, 9am i 5pm"
    )
}

/// The post channel's detail: the body's Welsh name and its Town Hall address.
pub fn post_cy(body_name_cy: &str, town: &str) -> String {
    format!("{body_name_cy}, Neuadd y Dref, Stryd Fawr, {town}, ZZ1 1AA")
}

/// The assisted digital channel's detail: phone for help with the form, or visit a library.
pub fn assisted_cy(phone: &str, town: &str) -> String {
    format!(
        "Ffoniwch {phone} a byddwn yn llenwi'r ffurflen gyda chi, neu ewch i unrhyw un o lyfrgelloedd {town} i gael help am ddim gan gyfaill digidol."
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_match_the_english_templates_in_order() {
        let english: Vec<&str> = super::super::SERVICES.iter().map(|t| t.0).collect();
        let welsh: Vec<&str> = super::SERVICES_CY.iter().map(|t| t.0).collect();
        assert_eq!(welsh, english);
    }
}
