//! Demo data: three named councils (a county, a district and a city) with realistic
//! services, their staff, two years of history (requests, transaction events, satisfaction
//! and spend: see `history`), an administrator, and optionally many generated bodies for
//! benchmarks. Phone numbers are from Ofcom's range reserved for drama (01632 960xxx), and
//! service codes are illustrative, in the style of the Local Government Service List.

use civic_domain::{
    AttributeDatatype, AttributeOption, BodyInput, ChannelInput, ChannelKind, Role,
    ServiceAttribute, ServiceDraft, ServiceInput, StaffInput, slugify,
};
use civic_storage::{Actor, Store};

mod history;
mod places;
mod suppliers;
mod welsh;

/// The demo administrator's sign-in.
pub const ADMIN_EMAIL: &str = "admin@civic.example";
/// The password of every demo account. Demo data only: never load it on a live site.
pub const DEMO_PASSWORD: &str = "demo-password-2026";

struct DemoBody {
    slug: &'static str,
    name: &'static str,
    kind: &'static str,
    town: &'static str,
    /// Its name in Welsh, for the one body subject to the Welsh Language Standards (which
    /// then has every service and dataset in both languages); empty for the others.
    name_cy: &'static str,
    /// Its town's name in Welsh, likewise.
    town_cy: &'static str,
}

const BODIES: [DemoBody; 3] = [
    DemoBody {
        slug: "northshire",
        name: "Northshire County Council",
        kind: "county_council",
        town: "Northam",
        name_cy: "",
        town_cy: "",
    },
    DemoBody {
        slug: "eastvale",
        name: "Eastvale District Council",
        kind: "district_council",
        town: "Eastvale",
        name_cy: "",
        town_cy: "",
    },
    DemoBody {
        slug: "riverton",
        name: "Riverton City Council",
        kind: "city_council",
        town: "Riverton",
        name_cy: "Cyngor Dinas Trefafon",
        town_cy: "Trefafon",
    },
];

/// (code, name, description, keywords, level on the inclusion scale, offered online)
type Template = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    bool,
);

const SERVICES: [Template; 32] = [
    (
        "LGSL 524",
        "Report a missed bin collection",
        "Tell us if we did not empty your bin on collection day, and we will come back within two working days.",
        "rubbish, refuse, waste, recycling",
        5,
        true,
    ),
    (
        "LGSL 526",
        "Order a new or replacement bin",
        "Ask for a bin, recycling box or food caddy if yours is lost, stolen or broken.",
        "wheelie bin, recycling box, caddy",
        5,
        true,
    ),
    (
        "LGSL 521",
        "Book a bulky waste collection",
        "Pay for us to collect large items such as furniture, fridges and mattresses from your home.",
        "furniture, fridge, mattress, sofa",
        6,
        true,
    ),
    (
        "LGSL 1016",
        "Subscribe to garden waste collection",
        "Pay a yearly fee to have your garden waste bin emptied every two weeks.",
        "green bin, grass, hedge cuttings",
        6,
        true,
    ),
    (
        "LGSL 580",
        "Report fly-tipping",
        "Tell us about rubbish dumped illegally on public land so we can clear it and investigate.",
        "dumping, rubbish, illegal waste",
        5,
        true,
    ),
    (
        "LGSL 1",
        "Pay your Council Tax",
        "Pay your Council Tax by direct debit, online, by phone or at a payment point.",
        "council tax, bill, payment",
        6,
        true,
    ),
    (
        "LGSL 2",
        "Apply for a Council Tax discount",
        "Find out if you can pay less Council Tax, for example if you live alone or are a student.",
        "single person discount, reduction, exemption",
        7,
        true,
    ),
    (
        "LGSL 6",
        "Tell us you are moving home",
        "Tell us when you move in or out so we can set up or close your Council Tax account.",
        "moving house, change of address",
        6,
        true,
    ),
    (
        "LGSL 117",
        "Apply for Housing Benefit and Council Tax Reduction",
        "Get help paying your rent and Council Tax if you are on a low income.",
        "benefits, rent help, low income",
        7,
        true,
    ),
    (
        "LGSL 30",
        "Apply for a Blue Badge",
        "Apply for a parking permit if you have a disability or health condition that affects your mobility.",
        "disabled parking, blue badge, mobility",
        7,
        true,
    ),
    (
        "LGSL 35",
        "Apply for a school place",
        "Apply for a place at a primary or secondary school for your child.",
        "school admissions, reception, year 7",
        7,
        true,
    ),
    (
        "LGSL 37",
        "Apply for free school meals",
        "Find out if your child can get free school meals and apply.",
        "school dinners, lunch, free meals",
        6,
        true,
    ),
    (
        "LGSL 42",
        "Apply for home to school transport",
        "Ask for free or help with transport to school if your child is eligible.",
        "school bus, travel, transport",
        7,
        true,
    ),
    (
        "LGSL 90",
        "Report a pothole",
        "Tell us about a pothole or damaged road surface so we can inspect and repair it.",
        "road repair, road damage, highways",
        5,
        true,
    ),
    (
        "LGSL 94",
        "Report a street light fault",
        "Tell us if a street light is out, flickering or damaged.",
        "lighting, lamp post, dark street",
        5,
        true,
    ),
    (
        "LGSL 98",
        "Report a blocked drain or flooding",
        "Tell us about blocked road drains, gullies or flooding on a road.",
        "gully, flood, drainage",
        5,
        true,
    ),
    (
        "LGSL 228",
        "Apply for a parking permit",
        "Apply for a resident or visitor parking permit in a controlled parking zone.",
        "residents parking, visitor permit, cpz",
        6,
        true,
    ),
    (
        "LGSL 229",
        "Pay or challenge a parking fine",
        "Pay a penalty charge notice or say why you think it should be cancelled.",
        "pcn, penalty charge, appeal",
        7,
        true,
    ),
    (
        "LGSL 155",
        "Apply for planning permission",
        "Apply for permission to build, extend or change the use of a building.",
        "planning application, extension, building",
        8,
        true,
    ),
    (
        "LGSL 156",
        "Comment on a planning application",
        "Give your views on a planning application near you before a decision is made.",
        "objection, support, neighbour",
        6,
        true,
    ),
    (
        "LGSL 158",
        "Report a breach of planning control",
        "Tell us about building work or a change of use you think has no permission.",
        "planning enforcement, unauthorised building",
        6,
        true,
    ),
    (
        "LGSL 370",
        "Report a noise nuisance",
        "Tell us about noise from neighbours, businesses or alarms that is affecting you.",
        "noisy neighbours, loud music, alarm",
        5,
        true,
    ),
    (
        "LGSL 419",
        "Apply for a premises licence",
        "Apply for a licence to sell alcohol, provide entertainment or serve late-night food.",
        "alcohol licence, pub, entertainment",
        8,
        true,
    ),
    (
        "LGSL 442",
        "Register a birth",
        "Make an appointment to register a birth within 42 days.",
        "birth certificate, registrar, baby",
        4,
        true,
    ),
    (
        "LGSL 444",
        "Register a death",
        "Make an appointment to register a death, and tell every council service at once.",
        "death certificate, bereavement, tell us once",
        3,
        false,
    ),
    (
        "LGSL 299",
        "Apply for social housing",
        "Join the housing register to apply for a council or housing association home.",
        "council house, housing register, homes",
        6,
        true,
    ),
    (
        "LGSL 300",
        "Get help if you are homeless",
        "Get advice and help if you are homeless or about to lose your home.",
        "homelessness, eviction, emergency housing",
        1,
        false,
    ),
    (
        "LGSL 745",
        "Ask for an adult social care assessment",
        "Ask us to assess the care and support you or someone you look after needs.",
        "care needs, carers, support at home",
        3,
        true,
    ),
    (
        "LGSL 1219",
        "Join the library",
        "Become a library member to borrow books, use computers and get free digital help.",
        "library card, books, computers",
        4,
        true,
    ),
    (
        "LGSL 260",
        "Register to vote",
        "Register to vote in elections and referendums.",
        "electoral roll, elections, voting",
        6,
        true,
    ),
    (
        "LGSL 334",
        "Report an abandoned vehicle",
        "Tell us about a vehicle that looks abandoned on a road or public land.",
        "car, dumped vehicle",
        5,
        true,
    ),
    (
        "LGSL 1113",
        "Apply for a disabled facilities grant",
        "Get money to adapt your home if you or someone living with you is disabled.",
        "home adaptation, stairlift, grant",
        7,
        true,
    ),
];

fn list(
    code: &str,
    question: &str,
    required: bool,
    order: u32,
    multi: bool,
    options: &[(&str, &str)],
) -> ServiceAttribute {
    ServiceAttribute {
        code: code.into(),
        datatype: if multi {
            AttributeDatatype::MultiValueList
        } else {
            AttributeDatatype::SingleValueList
        },
        required,
        variable: true,
        description: question.into(),
        datatype_description: String::new(),
        order,
        values: options
            .iter()
            .map(|(key, name)| AttributeOption {
                key: (*key).into(),
                name: (*name).into(),
            })
            .collect(),
    }
}

fn text(code: &str, question: &str, hint: &str, required: bool, order: u32) -> ServiceAttribute {
    ServiceAttribute {
        code: code.into(),
        datatype: AttributeDatatype::String,
        required,
        variable: true,
        description: question.into(),
        datatype_description: hint.into(),
        order,
        values: Vec::new(),
    }
}

/// For services that take problem reports: their group, target working days and questions.
fn request_settings(code: &str) -> Option<(&'static str, i64, Vec<ServiceAttribute>)> {
    Some(match code {
        "LGSL 524" => (
            "Waste",
            2,
            vec![list(
                "bin_type",
                "Which bin was missed?",
                true,
                1,
                false,
                &[
                    ("general", "General waste"),
                    ("recycling", "Recycling"),
                    ("garden", "Garden waste"),
                    ("food", "Food waste"),
                ],
            )],
        ),
        "LGSL 526" => (
            "Waste",
            10,
            vec![list(
                "item",
                "What do you need?",
                true,
                1,
                false,
                &[
                    ("wheelie_bin", "Wheelie bin"),
                    ("recycling_box", "Recycling box"),
                    ("food_caddy", "Food caddy"),
                ],
            )],
        ),
        "LGSL 521" => (
            "Waste",
            10,
            vec![text(
                "items",
                "What items should we collect?",
                "For example: a sofa and a fridge",
                true,
                1,
            )],
        ),
        "LGSL 580" => (
            "Waste",
            5,
            vec![
                list(
                    "size",
                    "How much has been dumped?",
                    true,
                    1,
                    false,
                    &[
                        ("bag", "A single bag"),
                        ("car_boot", "A car boot load"),
                        ("van", "A small van load"),
                        ("lorry", "A lorry load or more"),
                    ],
                ),
                list(
                    "waste_type",
                    "What sort of waste is it?",
                    false,
                    2,
                    true,
                    &[
                        ("household", "Household rubbish"),
                        ("building", "Building rubble"),
                        ("garden", "Garden waste"),
                        ("hazardous", "Chemicals, asbestos or other hazardous waste"),
                    ],
                ),
            ],
        ),
        "LGSL 90" => (
            "Roads",
            20,
            vec![
                list(
                    "depth",
                    "How deep is the pothole?",
                    true,
                    1,
                    false,
                    &[("shallow", "Less than 4cm"), ("deep", "4cm or deeper")],
                ),
                list(
                    "surface",
                    "Where is it?",
                    true,
                    2,
                    false,
                    &[
                        ("road", "In the road"),
                        ("pavement", "On the pavement"),
                        ("cycle_lane", "In a cycle lane"),
                    ],
                ),
            ],
        ),
        "LGSL 94" => (
            "Street lighting",
            7,
            vec![
                list(
                    "fault",
                    "What is wrong with the light?",
                    true,
                    1,
                    false,
                    &[
                        ("out", "It is not working"),
                        ("flickering", "It is flickering"),
                        ("day_burning", "It is on during the day"),
                        ("damaged", "It is damaged"),
                    ],
                ),
                text(
                    "light_number",
                    "What number is on the lamp post?",
                    "If you can see one, like NS1234",
                    false,
                    2,
                ),
            ],
        ),
        "LGSL 98" => (
            "Roads",
            10,
            vec![list(
                "flooding",
                "Is the road flooded?",
                true,
                1,
                false,
                &[("yes", "Yes"), ("no", "No")],
            )],
        ),
        "LGSL 370" => (
            "Environmental health",
            10,
            vec![list(
                "noise_type",
                "What sort of noise is it?",
                true,
                1,
                false,
                &[
                    ("music", "Music or parties"),
                    ("alarm", "An alarm"),
                    ("animal", "Animals"),
                    ("business", "A business or building work"),
                ],
            )],
        ),
        "LGSL 334" => (
            "Roads",
            10,
            vec![text(
                "registration",
                "What is the vehicle's registration number?",
                "If you can see it, like AB12 CDE",
                false,
                1,
            )],
        ),
        "LGSL 158" => ("Planning", 20, Vec::new()),
        _ => return None,
    })
}

/// A body's demo services; with `welsh` (the body's and its town's Welsh names) every one
/// is in Welsh too.
fn services_for(
    body: &str,
    name: &str,
    town: &str,
    index: usize,
    count: usize,
    welsh: Option<(&str, &str)>,
) -> Vec<ServiceDraft> {
    let domain = format!("www.{body}.example.gov.uk");
    (0..count)
        .filter_map(|i| {
            let (code, service_name, description, keywords, level, online) = SERVICES[i % SERVICES.len()];
            let (_, name_cy, description_cy) = welsh::SERVICES_CY[i % SERVICES.len()];
            let round = i / SERVICES.len();
            let numbered = |name: &str| {
                if round == 0 {
                    name.to_string()
                } else {
                    format!("{name} ({})", round + 1)
                }
            };
            let service_name = numbered(service_name);
            let phone = format!("01632 960 {:03}", (index * 7 + i) % 1000);
            let mut channels = vec![
                ChannelInput {
                    kind: ChannelKind::Phone.as_str().into(),
                    detail: phone.clone(),
                    detail_cy: String::new(),
                },
                ChannelInput {
                    kind: ChannelKind::Counter.as_str().into(),
                    detail: format!(
                        "Customer Service Centre, Town Hall, High Street, {town}\nMonday to Friday, 9am to 5pm"
                    ),
                    detail_cy: welsh.map(|(_, town_cy)| welsh::counter_cy(town_cy)).unwrap_or_default(),
                },
                ChannelInput {
                    kind: ChannelKind::Post.as_str().into(),
                    detail: format!("{name}, Town Hall, High Street, {town}, ZZ1 1AA"),
                    detail_cy: welsh
                        .map(|(name_cy, town_cy)| welsh::post_cy(name_cy, town_cy))
                        .unwrap_or_default(),
                },
            ];
            if online {
                channels.push(ChannelInput {
                    kind: ChannelKind::Online.as_str().into(),
                    detail: format!("https://{domain}/{}", slugify(&service_name)),
                    detail_cy: String::new(),
                });
                channels.push(ChannelInput {
                    kind: ChannelKind::AssistedDigital.as_str().into(),
                    detail: format!(
                        "Call {phone} and we will fill in the form with you, or visit any {town} library for free help from a digital buddy."
                    ),
                    detail_cy: welsh
                        .map(|(_, town_cy)| welsh::assisted_cy(&phone, town_cy))
                        .unwrap_or_default(),
                });
            }
            let settings = request_settings(code);
            ServiceInput {
                code: code.into(),
                name: service_name,
                description: description.into(),
                name_cy: welsh.map(|_| numbered(name_cy)).unwrap_or_default(),
                description_cy: welsh.map(|_| description_cy.to_string()).unwrap_or_default(),
                keywords: keywords.split(',').map(str::to_string).collect(),
                channels,
                digital_inclusion_level: Some(level),
                accepts_requests: settings.is_some(),
                request_type: Some(if code == "LGSL 334" { "batch" } else { "realtime" }.into()),
                group: settings.as_ref().map(|s| s.0.to_string()).unwrap_or_default(),
                target_days: settings.as_ref().map(|s| s.1),
                attributes: settings.map(|s| s.2).unwrap_or_default(),
            }
            .validate()
            .ok()
        })
        .collect()
}

/// Loads demo data when the database has no bodies yet; prints the demo sign-ins.
pub async fn load(
    store: &dyn Store,
    bodies: usize,
    services_per_body: usize,
) -> Result<(), String> {
    let err = |e: civic_storage::StorageError| e.to_string();
    if !store.list_bodies().await.map_err(err)?.is_empty() {
        eprintln!("The database already has data; demo data not loaded again.");
        print_sign_ins(store).await;
        return Ok(());
    }
    let actor = Actor::system("Demo data");
    let hash = civic_web::app::auth::hash_password(DEMO_PASSWORD.to_string())
        .await
        .map_err(|e| e.to_string())?;
    for index in 0..bodies {
        let (slug, name, kind, town, welsh) = match BODIES.get(index) {
            Some(b) => (
                b.slug.to_string(),
                b.name.to_string(),
                b.kind,
                b.town.to_string(),
                (!b.name_cy.is_empty()).then_some((b.name_cy, b.town_cy)),
            ),
            None => (
                format!("demo-body-{index:03}"),
                format!("Demo Borough Council {index:03}"),
                "district_council",
                format!("Demo Town {index:03}"),
                None,
            ),
        };
        let draft = BodyInput {
            slug: slug.clone(),
            name: name.clone(),
            kind: kind.into(),
            website: format!("https://www.{slug}.example.gov.uk"),
            name_cy: welsh
                .map(|(name_cy, _)| name_cy.to_string())
                .unwrap_or_default(),
            welsh_standards: if welsh.is_some() { "yes" } else { "" }.to_string(),
        }
        .validate()
        .map_err(|e| format!("demo body {slug}: {e}"))?;
        let body = store.create_body(&draft).await.map_err(err)?;
        let drafts = services_for(&slug, &name, &town, index, services_per_body, welsh);
        // A body under the Welsh Language Standards publishes nothing without its Welsh.
        if body.welsh_standards
            && let Some(draft) = drafts
                .iter()
                .find(|d| d.name_cy.is_empty() || d.description_cy.is_empty())
        {
            return Err(format!("demo service {} has no Welsh", draft.name));
        }
        store
            .create_services(&slug, &drafts, &actor)
            .await
            .map_err(err)?;
        if index < BODIES.len() {
            let staff = StaffInput {
                email: format!("staff@{slug}.example"),
                name: format!("{town} Services Officer"),
                password: DEMO_PASSWORD.into(),
                ..Default::default()
            }
            .validate()
            .map_err(|e| e.to_string())?;
            store
                .create_staff(Some(&slug), &staff, &hash, Role::Staff)
                .await
                .map_err(err)?;
        }
    }
    // Two years of history ending now, first: its survey emails are recorded as sent
    // before anything else queues email.
    let now = time::OffsetDateTime::now_utc();
    let mut surveyed = std::collections::HashMap::new();
    for (index, body) in BODIES.iter().enumerate().take(bodies) {
        surveyed.extend(history::load_requests(store, body, index, now).await?);
        history::load_events(store, body, index, now).await?;
        history::load_spend(store, body, index, now).await?;
    }
    history::record_surveys_sent(store, &surveyed).await?;
    for (index, body) in BODIES.iter().enumerate().take(bodies) {
        load_addresses(store, body, index).await?;
        places::load(
            store,
            body.slug,
            (
                body.town,
                if body.town_cy.is_empty() {
                    body.town
                } else {
                    body.town_cy
                },
            ),
            100_000_000 + index * 10_000,
            !body.name_cy.is_empty(),
        )
        .await?;
        load_catalogue(store, body, index).await?;
    }
    let towns: Vec<(&str, (f64, f64))> = BODIES
        .iter()
        .take(bodies)
        .enumerate()
        .map(|(index, body)| (body.town, CENTRES[index % CENTRES.len()]))
        .collect();
    if !towns.is_empty() {
        suppliers::load(store, &towns).await?;
    }
    for index in BODIES.len()..bodies {
        places::load_for_hub_body(store, &format!("demo-body-{index:03}"), index).await?;
    }
    let admin = StaffInput {
        email: ADMIN_EMAIL.into(),
        name: "Demo Administrator".into(),
        password: DEMO_PASSWORD.into(),
        ..Default::default()
    }
    .validate()
    .map_err(|e| e.to_string())?;
    store
        .create_staff(None, &admin, &hash, Role::Admin)
        .await
        .map_err(err)?;
    // Every body was added by this build, which listed its own datasets as it did.
    civic_web::catalogue::files::own_datasets_are_current(store).await?;
    if bodies > 0 {
        load_webhook(store, BODIES[0].slug).await?;
        load_partners(store, BODIES[0].slug, BODIES[0].name).await?;
        load_contracts(store, BODIES[0].slug).await?;
    }
    eprintln!("Loaded demo data: {bodies} bodies with {services_per_body} services each.");
    print_sign_ins(store).await;
    Ok(())
}

/// A partner's webhook endpoint for the first body, added last so it has no backlog: what
/// a visitor then reports is sent to it (and, with no such partner, fails and is retried).
async fn load_webhook(store: &dyn Store, body: &str) -> Result<(), String> {
    let draft = civic_domain::webhook::EndpointInput {
        url: "https://partners.example/pothole-tracker/civic-events".into(),
        description: "Pothole Tracker, a community group's app".into(),
        events: vec!["request.created".into(), "request.updated".into()],
    }
    .validate(false)
    .map_err(|e| e.to_string())?;
    let secret = civic_domain::webhook::Secret::from_key(rand::random());
    store
        .create_webhook_endpoint(body, &draft, secret.as_str())
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Partners with keys from the first body: a community group's app that reports problems
/// and manages its webhooks, with a sandbox key for its developers too, and a research
/// co-operative without keys yet. Nobody needs the keys' text: only their hashes are kept.
async fn load_partners(store: &dyn Store, body: &str, body_name: &str) -> Result<(), String> {
    use civic_domain::api_key::{KeyInput, display_prefix};
    use civic_domain::partner::PartnerInput;
    let err = |e: civic_storage::StorageError| e.to_string();
    let today = time::OffsetDateTime::now_utc().date();
    for (name, org_id, website, description) in [
        (
            "Pothole Tracker",
            "GB-CHC-1190002",
            "https://partners.example/pothole-tracker",
            "A community group's app for reporting and mapping road defects.",
        ),
        (
            "Northshire Data Co-operative",
            "GB-MPR-31234R",
            "https://partners.example/data-coop",
            "A research co-operative that studies local services with residents.",
        ),
    ] {
        let draft = PartnerInput {
            name: name.into(),
            org_id: org_id.into(),
            website: website.into(),
            description: description.into(),
        }
        .validate()
        .map_err(|e| e.to_string())?;
        store.create_partner(&draft).await.map_err(err)?;
    }
    for (name, kind, scopes) in [
        (
            "Pothole Tracker app",
            "live",
            "open311:write webhooks:manage",
        ),
        (
            "Pothole Tracker developers' sandbox",
            "test",
            "open311:write",
        ),
    ] {
        let draft = KeyInput {
            name: name.into(),
            kind: kind.into(),
            scopes: scopes.into(),
            expires_on: format!("{}-03-31", today.year() + 1),
            per_minute: String::new(),
        }
        .validate(today)
        .map_err(|e| e.to_string())?;
        let key = civic_web::app::tokens::new_api_key(draft.kind);
        store
            .create_api_key(
                body,
                &civic_storage::NewApiKey {
                    draft: &draft,
                    partner: Some("pothole-tracker"),
                    agreement: None,
                    key_hash: &civic_web::app::tokens::token_hash(&key),
                    shown: &display_prefix(&key),
                },
            )
            .await
            .map_err(err)?;
    }
    // The co-operative reads the restricted dataset under an agreement with the body.
    let agreement = civic_domain::catalogue::stewardship::SharingAgreementInput {
        title: "Fly-tipping locations for community clean-ups".into(),
        parties: format!("{body_name}\nNorthshire Data Co-operative"),
        purpose: "To plan community clean-ups where fly-tipping recurs.".into(),
        legal_basis: civic_domain::catalogue::stewardship::LEGAL_BASES[4].into(),
        data_items: "Date reported\nStreet\nKind of waste\nLocation".into(),
        starts_on: "2026-01-01".into(),
        review_on: format!("{}-01-01", today.year() + 1),
        ends_on: format!("{}-12-31", today.year() + 1),
        owner: "Head of Environmental Enforcement".into(),
    }
    .validate()
    .map_err(|e| e.to_string())?;
    let agreement = store
        .add_sharing_agreement(body, &agreement)
        .await
        .map_err(err)?;
    let draft = KeyInput {
        name: "Clean-up planning".into(),
        kind: "live".into(),
        scopes: civic_domain::api_key::Scope::DatasetRead(civic_domain::catalogue::dataset_name(
            body,
            RESTRICTED_SLUG,
        ))
        .as_string(),
        expires_on: format!("{}-12-31", today.year() + 1),
        per_minute: String::new(),
    }
    .validate(today)
    .map_err(|e| e.to_string())?;
    let key = civic_web::app::tokens::new_api_key(draft.kind);
    store
        .create_api_key(
            body,
            &civic_storage::NewApiKey {
                draft: &draft,
                partner: Some("northshire-data-co-operative"),
                agreement: Some(agreement.id),
                key_hash: &civic_web::app::tokens::token_hash(&key),
                shown: &display_prefix(&key),
            },
        )
        .await
        .map_err(err)?;
    Ok(())
}

/// Contracts of the first body with two demo suppliers it pays in its spend data, rated
/// against their KPIs each quarter, one rating answered by the supplier.
async fn load_contracts(store: &dyn Store, body: &str) -> Result<(), String> {
    use civic_domain::contract::{ContractInput, RatingInput, checked_reply};
    let err = |e: civic_storage::StorageError| e.to_string();
    let contracts = [
        (
            "Council tax and benefits software",
            "GB-COH-09000003",
            "Hosting, support and updates for the council tax and benefits system.",
            "240,000",
            "2025-04-01",
            "2028-03-31",
            "System available 99.5% of working hours\nPriority 1 faults fixed within 4 hours",
        ),
        (
            "Printing and posting bills",
            "GB-COH-09000002",
            "Printing, enclosing and posting council tax bills and reminders.",
            "36,500",
            "2025-04-01",
            "",
            "Bills posted within 2 working days of the print file",
        ),
    ];
    for (title, supplier, description, value, starts_on, ends_on, kpis) in contracts {
        let draft = ContractInput {
            title: title.into(),
            supplier: supplier.into(),
            description: description.into(),
            value: value.into(),
            starts_on: starts_on.into(),
            ends_on: ends_on.into(),
            kpis: kpis.into(),
        }
        .validate()
        .map_err(|e| e.to_string())?;
        store.create_contract(body, &draft).await.map_err(err)?;
    }
    let ratings = [
        (
            "council-tax-and-benefits-software",
            0,
            "2026-04-01",
            "2026-06-30",
            "good",
            "99.8% available.",
            None,
        ),
        (
            "council-tax-and-benefits-software",
            1,
            "2026-04-01",
            "2026-06-30",
            "approaching_target",
            "7 of 9 priority 1 faults fixed within 4 hours.",
            Some(
                "Both late fixes needed a patch from the database vendor; we now hold a support contract with them directly.",
            ),
        ),
        (
            "printing-and-posting-bills",
            0,
            "2026-03-01",
            "2026-03-31",
            "good",
            "Every annual bill posted on time.",
            None,
        ),
    ];
    for (slug, kpi, start, end, rating, note, reply) in ratings {
        let contract = store
            .contract(body, slug)
            .await
            .map_err(err)?
            .ok_or_else(|| format!("demo contract {slug} is missing"))?;
        let draft = RatingInput {
            kpi: contract.details.kpis[kpi].clone(),
            period_start: start.into(),
            period_end: end.into(),
            rating: rating.into(),
            note: note.into(),
        }
        .validate(&contract.details.kpis)
        .map_err(|e| e.to_string())?;
        let token = civic_web::app::tokens::new_token();
        let hash = civic_web::app::tokens::token_hash(&token);
        store
            .rate_contract(body, slug, &draft, &hash)
            .await
            .map_err(err)?;
        if let Some(reply) = reply {
            let reply = checked_reply(reply).map_err(|e| e.to_string())?;
            store.reply_to_rating(&hash, &reply).await.map_err(err)?;
        }
    }
    Ok(())
}

/// The name of the first body's restricted dataset.
const RESTRICTED_SLUG: &str = "fly-tipping-incidents";

/// A targeted release: exact fly-tipping locations, shared only with partners who run
/// clean-ups under a data-sharing agreement (the description and how to apply are public).
async fn load_restricted_dataset(
    store: &dyn Store,
    b: &civic_domain::Body,
    body: &DemoBody,
) -> Result<(), String> {
    use civic_domain::catalogue::{DatasetDescriptionInput, DatasetSource, parse_table};
    let (lat, long) = CENTRES[0];
    let mut csv = String::from("reported_on,street,waste,latitude,longitude\n");
    for n in 0..40u32 {
        csv.push_str(&format!(
            "2026-{:02}-{:02},{},{},{:.5},{:.5}\n",
            n % 11 + 1,
            n % 27 + 1,
            STREETS[n as usize % STREETS.len()],
            ["household bags", "furniture", "builders' rubble", "tyres"][n as usize % 4],
            lat + f64::from(n) * 0.0007,
            long - f64::from(n) * 0.0009,
        ));
    }
    let table = parse_table(csv.as_bytes()).map_err(|e| e.to_string())?;
    let description = DatasetDescriptionInput {
        title: "Fly-tipping incidents".into(),
        description: format!(
            "Every fly-tipping incident reported to {} this year, with the street, the kind of \
             waste and its exact location. Shared with community clean-up groups under a \
             data-sharing agreement: exact locations of open investigations are not published.",
            body.name
        ),
        title_cy: "Digwyddiadau tipio anghyfreithlon".into(),
        description_cy: "Pob digwyddiad tipio anghyfreithlon a adroddwyd eleni, gyda'r stryd, \
             y math o wastraff a'i union leoliad. Caiff ei rannu â grwpiau glanhau cymunedol o \
             dan gytundeb rhannu data."
            .into(),
        frequency: "weekly".into(),
        theme: "envi".into(),
        tags: "fly-tipping, waste, enforcement".into(),
        temporal_start: "2026-01-01".into(),
        spatial: body.name.into(),
        contact_name: "Environmental enforcement".into(),
        contact_email: format!("enforcement@{}.example", body.slug),
        restricted: "yes".into(),
        how_to_apply: format!(
            "Community groups that organise clean-ups can apply to enforcement@{}.example: tell \
             us who you are, your charity or company number, and where you work. We will send \
             you our data-sharing agreement to sign, then issue your group an API key.",
            body.slug
        ),
        ..Default::default()
    }
    .validate_for(b, false)
    .map_err(|e| e.to_string())?;
    debug_assert_eq!(
        description.name,
        civic_domain::catalogue::dataset_name(body.slug, RESTRICTED_SLUG)
    );
    let resources = civic_web::catalogue::files::upload_resources(
        &description.name,
        (&description.title, &description.title_cy),
        table.columns,
    );
    store
        .add_catalogue_dataset(
            body.slug,
            DatasetSource::Upload,
            &description,
            &resources,
            &table.rows,
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Open data: contacts for Civic's own datasets, a table staff uploaded and a dataset
/// hosted elsewhere.
async fn load_catalogue(store: &dyn Store, body: &DemoBody, index: usize) -> Result<(), String> {
    use civic_domain::catalogue::{DatasetDescriptionInput, DatasetSource, Resource, parse_table};
    let err = |e: civic_storage::StorageError| e.to_string();
    let Some(b) = store.get_body(body.slug).await.map_err(err)? else {
        return Ok(());
    };
    // Every dataset is described in Welsh too, with the body's and town's Welsh names where
    // they have them (a body subject to the Welsh Language Standards publishes nothing
    // without: `validate_for` checks).
    let name_cy = b.name_in(true).to_string();
    let town_cy = if body.town_cy.is_empty() {
        body.town
    } else {
        body.town_cy
    };
    for own in civic_domain::catalogue::own_datasets(&b) {
        let d = own.description;
        let input = DatasetDescriptionInput {
            title: d.title.clone(),
            description: d.description.clone(),
            title_cy: d.title_cy.clone(),
            description_cy: d.description_cy.clone(),
            licence: d.licence.clone(),
            frequency: d.frequency.as_str().into(),
            theme: d.theme.clone(),
            tags: d.tags.join(", "),
            temporal_start: d.temporal_start.map(|x| x.to_string()).unwrap_or_default(),
            temporal_end: String::new(),
            spatial: d.spatial.clone(),
            contact_name: format!("{} open data team", body.town),
            contact_email: format!("opendata@{}.example", body.slug),
            ..Default::default()
        };
        let checked = input.validate_for(&b, false).map_err(|e| e.to_string())?;
        store
            .describe_catalogue_dataset(body.slug, &d.name, &checked)
            .await
            .map_err(err)?;
    }
    // A table of public toilets, uploaded as CSV.
    let (lat, long) = CENTRES[index % CENTRES.len()];
    let mut csv = String::from(
        "name,street,postcode,opens,closes,accessible,baby_changing,latitude,longitude,last_inspected\n",
    );
    for n in 0..24u32 {
        let street = STREETS[n as usize % STREETS.len()];
        csv.push_str(&format!(
            "{} {street} toilets,{street},ZZ{} {}AB,07:00,{}:00,{},{},{:.4},{:.4},2026-{:02}-{:02}\n",
            body.town,
            index + 1,
            n % 9 + 1,
            18 + n % 4,
            n % 3 != 0,
            n % 2 == 0,
            lat + f64::from(n) * 0.0013,
            long - f64::from(n) * 0.0011,
            n % 10 + 1,
            n % 27 + 1,
        ));
    }
    let mut table = parse_table(csv.as_bytes()).map_err(|e| e.to_string())?;
    let meanings = [
        "Name of the facility",
        "Street it is on",
        "Postcode",
        "Opening time (local time, 24-hour clock)",
        "Closing time (local time, 24-hour clock)",
        "True when it has a wheelchair-accessible toilet",
        "True when it has baby-changing facilities",
        "Latitude (WGS 84)",
        "Longitude (WGS 84)",
        "Day of the last cleanliness inspection",
    ];
    let meanings_cy = [
        "Enw'r cyfleuster",
        "Y stryd y mae arni",
        "Cod post",
        "Amser agor (amser lleol, cloc 24 awr)",
        "Amser cau (amser lleol, cloc 24 awr)",
        "true pan fo ganddo doiled y gall cadair olwyn ei gyrraedd",
        "true pan fo ganddo gyfleusterau newid babanod",
        "Lledred (WGS 84)",
        "Hydred (WGS 84)",
        "Diwrnod yr arolygiad glendid diwethaf",
    ];
    for ((column, meaning), meaning_cy) in table.columns.iter_mut().zip(meanings).zip(meanings_cy) {
        column.description = meaning.to_string();
        column.description_cy = meaning_cy.to_string();
    }
    let toilets = DatasetDescriptionInput {
        title: "Public toilets".into(),
        description: format!(
            "Every public toilet {} runs, with opening hours, accessibility and baby-changing \
             facilities and where to find it. Updated when a facility opens, closes or is \
             inspected.",
            body.name
        ),
        title_cy: "Toiledau cyhoeddus".into(),
        description_cy: format!(
            "Pob toiled cyhoeddus y mae {name_cy} yn ei redeg, gyda'r oriau agor, hygyrchedd, \
             cyfleusterau newid babanod a ble i ddod o hyd iddo. Caiff y set ddata ei \
             diweddaru pan fydd cyfleuster yn agor, yn cau neu'n cael ei arolygu."
        ),
        frequency: "monthly".into(),
        theme: "regi".into(),
        tags: "toilets, accessibility, facilities".into(),
        temporal_start: "2026-01-01".into(),
        spatial: body.name.into(),
        contact_name: "Facilities team".into(),
        contact_email: format!("facilities@{}.example", body.slug),
        ..Default::default()
    }
    .validate_for(&b, false)
    .map_err(|e| e.to_string())?;
    let resources = civic_web::catalogue::files::upload_resources(
        &toilets.name,
        (&toilets.title, &toilets.title_cy),
        table.columns,
    );
    store
        .add_catalogue_dataset(
            body.slug,
            DatasetSource::Upload,
            &toilets,
            &resources,
            &table.rows,
        )
        .await
        .map_err(err)?;
    if index == 0 {
        load_restricted_dataset(store, &b, body).await?;
    }
    // A dataset hosted elsewhere: only its links are listed.
    let air = DatasetDescriptionInput {
        title: "Air quality monitoring".into(),
        description: format!(
            "Hourly readings of nitrogen dioxide and fine particles from the monitoring \
             stations in {}, published by the regional air quality partnership.",
            body.town
        ),
        title_cy: "Monitro ansawdd aer".into(),
        description_cy: format!(
            "Darlleniadau bob awr o nitrogen deuocsid a gronynnau mân o orsafoedd monitro \
             {town_cy}, wedi'u cyhoeddi gan y bartneriaeth ansawdd aer ranbarthol."
        ),
        frequency: "daily".into(),
        theme: "envi".into(),
        tags: "air quality, pollution".into(),
        links: format!(
            "CSV https://air.example.org/{}/readings.csv\nHTML https://air.example.org/{}/",
            body.slug, body.slug
        ),
        ..Default::default()
    }
    .validate_for(&b, true)
    .map_err(|e| e.to_string())?;
    let links: Vec<Resource> = air
        .links
        .iter()
        .map(|(format, url)| Resource {
            id: civic_web::catalogue::files::new_resource_id(),
            name: format!("Air quality readings ({format})"),
            name_cy: format!("Darlleniadau ansawdd aer ({format})"),
            format: format.clone(),
            url: url.clone(),
            hosted: false,
            ..Resource::default()
        })
        .collect();
    store
        .add_catalogue_dataset(body.slug, DatasetSource::External, &air, &links, &[])
        .await
        .map_err(err)?;
    load_stewardship(store, body).await
}

/// Requests for data (one answered, one waiting) and a data-sharing agreement.
async fn load_stewardship(store: &dyn Store, body: &DemoBody) -> Result<(), String> {
    use civic_domain::catalogue::stewardship::{
        DataRequestAnswerInput, DataRequestInput, LEGAL_BASES, SharingAgreementInput,
    };
    let err = |e: civic_storage::StorageError| e.to_string();
    let asks = [
        (
            "Gritting routes and times",
            "Which roads are gritted, in what order, and when each route was last treated.",
            "I run a cycling club and want to plan safe winter routes.",
        ),
        (
            "Footway defects awaiting repair",
            "Every reported footway defect not yet repaired, with its location and the date reported.",
            "To check that repairs near schools are prioritised.",
        ),
    ];
    for (n, (title, description, reason)) in asks.iter().enumerate() {
        let draft = DataRequestInput {
            title: (*title).into(),
            description: (*description).into(),
            reason: (*reason).into(),
            email: format!("resident{n}@example.org"),
            ..Default::default()
        }
        .validate()
        .map_err(|e| e.to_string())?;
        let token = format!("demo-data-request-{}-{n}", body.slug);
        let hash = civic_web::app::tokens::token_hash(&token);
        let id = store
            .add_data_request(body.slug, &draft, &token, &hash, false)
            .await
            .map_err(err)?;
        store.confirm_data_request(&hash).await.map_err(err)?;
        if n == 0 {
            let answer = DataRequestAnswerInput {
                status: "accepted".into(),
                promised_on: (time::OffsetDateTime::now_utc().date() + time::Duration::days(30))
                    .to_string(),
                dataset: String::new(),
                answer: "We will publish the routes and a daily log of treatments.".into(),
            }
            .validate(time::OffsetDateTime::now_utc().date())
            .map_err(|e| e.to_string())?;
            store
                .answer_data_request(body.slug, id, &answer)
                .await
                .map_err(err)?;
        }
    }
    let agreement = SharingAgreementInput {
        title: "Early help for families".into(),
        parties: format!(
            "{}\n{} Police\n{} Clinical Commissioning Group",
            body.name, body.town, body.town
        ),
        purpose:
            "To offer joined-up early help to families who need support from more than one service."
                .into(),
        legal_basis: LEGAL_BASES[4].into(),
        data_items:
            "Names of family members\nAddress\nSchool attendance\nServices already involved".into(),
        starts_on: "2026-04-01".into(),
        review_on: "2027-04-01".into(),
        ends_on: String::new(),
        owner: "Head of Early Help".into(),
    }
    .validate()
    .map_err(|e| e.to_string())?;
    store
        .add_sharing_agreement(body.slug, &agreement)
        .await
        .map_err(err)?;
    Ok(())
}

const STREETS: [&str; 8] = [
    "High Street",
    "Church Road",
    "Mill Lane",
    "Station Road",
    "Victoria Avenue",
    "Park View",
    "Queen's Road",
    "The Green",
];

/// Town centres the demo requests are scattered around (fictional places, real-looking points).
const CENTRES: [(f64, f64); 3] = [(52.2053, -0.9022), (52.6282, 1.2932), (51.4545, -2.5879)];

/// A thousand made-up addresses around each demo town, in the fictional ZZ postcode area.
async fn load_addresses(store: &dyn Store, body: &DemoBody, index: usize) -> Result<(), String> {
    use civic_domain::register::AddressRow;
    let (lat0, long0) = CENTRES[index % CENTRES.len()];
    let letter = |n: usize| char::from(b'A' + u8::try_from(n % 26).unwrap_or(0));
    let mut batch = Vec::new();
    for n in 0..1000usize {
        let street = STREETS[n % STREETS.len()];
        let row = AddressRow {
            uprn: (100_000_000 + index * 10_000 + n).to_string(),
            address_line_1: format!("{} {street}", n / STREETS.len() + 1),
            address_line_2: String::new(),
            town: body.town.to_string(),
            postcode: format!(
                "ZZ{} {}{}{}",
                index + 1,
                n % 9 + 1,
                letter(n / 9),
                letter(n / 234)
            ),
            latitude: format!("{:.5}", lat0 + ((n % 40) as f64 - 20.0) * 0.0006),
            longitude: format!("{:.5}", long0 + ((n / 40) as f64 - 12.0) * 0.0009),
        };
        let item = row.validate().map_err(|e| format!("demo address: {e}"))?;
        batch.push(civic_storage::NewEntry {
            key: item.get("uprn").unwrap_or_default().to_string(),
            item,
        });
    }
    store
        .append_entries("addresses", &batch)
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

async fn print_sign_ins(store: &dyn Store) {
    if store
        .staff_credentials(ADMIN_EMAIL)
        .await
        .ok()
        .flatten()
        .is_none()
    {
        return;
    }
    eprintln!("Demo sign-ins (password {DEMO_PASSWORD}):");
    eprintln!("  administrator: {ADMIN_EMAIL}");
    for body in BODIES {
        eprintln!("  staff of {}: staff@{}.example", body.name, body.slug);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_service_is_valid() {
        let drafts = services_for(
            "northshire",
            "Northshire County Council",
            "Northam",
            0,
            64,
            None,
        );
        assert_eq!(drafts.len(), 64, "an invalid template was silently dropped");
        assert!(
            drafts
                .iter()
                .all(|d| d.channels.iter().any(|c| c.kind.is_offline()))
        );
    }
}
