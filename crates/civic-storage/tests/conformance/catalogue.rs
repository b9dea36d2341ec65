//! The open data catalogue: own and staff datasets, search, facets and rows.

use super::body;
use civic_domain::catalogue::{
    CertificateLevel, Column, ColumnType, DatasetDescriptionInput, DatasetSource, OwnDataset,
    Query, Resource,
};
use civic_storage::{CatalogueSearch, CatalogueSort, FacetField, StorageError, db_test};

fn describe(title: &str, tags: &str, links: &str) -> civic_domain::catalogue::DatasetDescription {
    DatasetDescriptionInput {
        title: title.into(),
        description: format!("{title}: every record the council keeps, updated monthly."),
        frequency: "monthly".into(),
        theme: "tran".into(),
        tags: tags.into(),
        contact_email: "data@example.gov.uk".into(),
        links: links.into(),
        ..Default::default()
    }
    .validate("eastvale", !links.is_empty())
    .expect("valid description")
}

fn table(id: &str) -> Resource {
    Resource {
        id: id.into(),
        name: "Table".into(),
        description: String::new(),
        format: "CSV".into(),
        url: String::new(),
        columns: vec![
            Column::new("road", ColumnType::String, "Road name"),
            Column::new("length_m", ColumnType::Integer, "Length in metres"),
        ],
        hosted: true,
        ..Resource::default()
    }
}

/// Searches the datasets staff added.
fn search(q: &str) -> CatalogueSearch {
    let mut s = search_all(q);
    s.query = s
        .query
        .and(Query::parse("source:(upload OR external)").expect("query"));
    s
}

fn search_all(q: &str) -> CatalogueSearch {
    CatalogueSearch {
        query: Query::parse(q).expect("query"),
        certificate: None,
        sort: CatalogueSort::Relevance,
        rows: 10,
        start: 0,
        facets: vec![
            FacetField::Organization,
            FacetField::Tags,
            FacetField::ResFormat,
        ],
        facet_limit: 50,
        welsh: false,
    }
}

fn names(results: &civic_storage::CatalogueResults) -> Vec<String> {
    results.datasets.iter().map(|d| d.name.clone()).collect()
}

db_test!(concurrent_listings_of_own_datasets_insert_once, |db| {
    let store = &db.store;
    // `civic serve` lists every body's own datasets at start while a new body may be
    // listing its own: the two must not both insert.
    let northfield = body("Northfield");
    let own = civic_domain::catalogue::own_datasets(&civic_domain::Body {
        slug: northfield.slug.clone(),
        name: northfield.name.clone(),
        kind: northfield.kind,
        website: None,
        name_cy: String::new(),
        welsh_standards: false,
        created_at: time::OffsetDateTime::now_utc(),
    });
    let relist = async {
        for _ in 0..200 {
            match store.publish_own_datasets("northfield", &own).await {
                Err(StorageError::NotFound) => tokio::task::yield_now().await,
                other => return other,
            }
        }
        Ok(())
    };
    let (created, relisted) = tokio::join!(store.create_body(&northfield), relist);
    created.unwrap();
    relisted.unwrap();
    let everything = store.search_catalogue(&search_all("")).await.unwrap();
    assert_eq!(everything.count, 7, "seven of Civic's own per body, once");
});

db_test!(catalogue_stores_searches_facets_and_streams, |db| {
    let store = &db.store;
    store.create_body(&body("Eastvale")).await.unwrap();
    store.create_body(&body("Westmoor")).await.unwrap();

    // Civic's own are listed with each body: metadata once, resources every time.
    let register = store
        .catalogue_dataset("eastvale--service-register")
        .await
        .unwrap()
        .expect("listed with the body");
    assert_eq!(register.title, "Eastvale: service register");
    assert_eq!(register.resources.len(), 2);
    let eastvale = store.get_body("eastvale").await.unwrap().expect("body");
    let mut own: Vec<OwnDataset> = civic_domain::catalogue::own_datasets(&eastvale);
    own[0].description.title = "Ignored on republish".into();
    own[0].resources[0].name = "Register as CSV".into();
    own[0].resources.truncate(1);
    store.publish_own_datasets("eastvale", &own).await.unwrap();
    let register = store
        .catalogue_dataset("eastvale--service-register")
        .await
        .unwrap()
        .expect("listed");
    assert_eq!(register.title, "Eastvale: service register");
    assert_eq!(register.resources.len(), 1);
    assert_eq!(register.resources[0].name, "Register as CSV");
    assert_eq!(register.source, DatasetSource::ServiceRegister);
    let everything = store.search_catalogue(&search_all("")).await.unwrap();
    assert_eq!(everything.count, 14, "seven of Civic's own per body");

    // An upload with rows, and an external dataset.
    let rows: Vec<Vec<String>> = (1..=1203)
        .map(|n| vec![format!("Road {n}"), n.to_string()])
        .collect();
    let roads = store
        .add_catalogue_dataset(
            "eastvale",
            DatasetSource::Upload,
            &describe("Road lengths", "roads, highways", ""),
            &[table("")],
            &rows,
        )
        .await
        .unwrap();
    assert_eq!(roads.name, "eastvale--road-lengths");
    assert_eq!(
        roads.tags,
        vec!["highways".to_string(), "roads".to_string()]
    );
    let resource = roads.resources[0].id.clone();
    assert_eq!(resource.len(), 36, "a UUID: {resource}");
    let first = store.catalogue_rows(&resource, 0, 1000).await.unwrap();
    let first = first.rows().unwrap();
    assert_eq!(first.len(), 1000);
    assert_eq!((first[0].0, first[0].texts()), (1, vec!["Road 1", "1"]));
    assert_eq!(first[999].0, 1000, "in table order");
    let rest = store.catalogue_rows(&resource, 1000, 1000).await.unwrap();
    assert_eq!(rest.rows().unwrap().len(), 203);
    assert_eq!(
        store
            .append_catalogue_rows(&resource, &[vec!["Extra \"quoted\"\n".into(), "7".into()]])
            .await
            .unwrap(),
        1204
    );
    let last = store.catalogue_rows(&resource, 1203, 10).await.unwrap();
    let last = last.rows().unwrap();
    assert_eq!(last.len(), 1);
    assert_eq!(
        (last[0].0, last[0].texts()),
        (1204, vec!["Extra \"quoted\"\n", "7"])
    );
    let duplicate = store
        .add_catalogue_dataset(
            "eastvale",
            DatasetSource::Upload,
            &describe("Road lengths", "", ""),
            &[table("")],
            &rows[..1],
        )
        .await;
    assert!(
        matches!(duplicate, Err(StorageError::Conflict(_))),
        "{duplicate:?}"
    );

    let mut bins = describe("Bin rounds", "waste", "https://example.org/bins.json");
    bins.name = "westmoor--bin-rounds".into();
    store
        .add_catalogue_dataset(
            "westmoor",
            DatasetSource::External,
            &bins,
            &[Resource {
                id: String::new(),
                name: "Bins".into(),
                description: String::new(),
                format: "JSON".into(),
                url: "https://example.org/bins.json".into(),
                columns: Vec::new(),
                hosted: false,
                ..Resource::default()
            }],
            &[],
        )
        .await
        .unwrap();

    // Search: words, fields, NOT, OR, facets, sorting and paging.
    let all = store.search_catalogue(&search("")).await.unwrap();
    assert_eq!(all.count, 2);
    let roads_hit = store.search_catalogue(&search("ROAD")).await.unwrap();
    assert_eq!(names(&roads_hit), vec!["eastvale--road-lengths"]);
    let by_org = store
        .search_catalogue(&search("organization:eastvale"))
        .await;
    assert_eq!(by_org.unwrap().count, 1);
    let not = store
        .search_catalogue(&search("-tags:roads"))
        .await
        .unwrap();
    assert_eq!(names(&not), vec!["westmoor--bin-rounds"]);
    let or = store
        .search_catalogue(&search("tags:waste OR title:lengths"))
        .await;
    assert_eq!(or.unwrap().count, 2);
    let own = store
        .search_catalogue(&search_all("title:register OR source:spend"))
        .await;
    assert_eq!(
        own.unwrap().count,
        6,
        "service and data-sharing registers, and spend"
    );
    // Harvesters ask for what changed since their last visit.
    let since = store
        .search_catalogue(&search_all("metadata_modified:[2000-01-01T00:00:00Z TO *]"))
        .await
        .unwrap();
    assert_eq!(since.count, 16);
    let future = store
        .search_catalogue(&search("metadata_created:{2999-01-01 TO *]"))
        .await
        .unwrap();
    assert_eq!(future.count, 0);
    let json = store
        .search_catalogue(&search("res_format:json"))
        .await
        .unwrap();
    assert_eq!(names(&json), vec!["westmoor--bin-rounds"]);
    let wildcard = store.search_catalogue(&search("100%")).await.unwrap();
    assert_eq!(wildcard.count, 0, "LIKE wildcards are matched literally");
    let facets = &all.facets;
    assert_eq!(facets[0].0, FacetField::Organization);
    let orgs: Vec<(String, i64)> = facets[0]
        .1
        .iter()
        .map(|v| (v.name.clone(), v.count))
        .collect();
    assert_eq!(orgs, vec![("eastvale".into(), 1), ("westmoor".into(), 1)]);
    let formats: Vec<(String, i64)> = facets[2]
        .1
        .iter()
        .map(|v| (v.name.clone(), v.count))
        .collect();
    assert_eq!(formats, vec![("CSV".into(), 1), ("JSON".into(), 1)]);
    let mut by_title = search("");
    by_title.sort = CatalogueSort::Title(true);
    by_title.rows = 1;
    let page1 = store.search_catalogue(&by_title).await.unwrap();
    by_title.start = 1;
    let page2 = store.search_catalogue(&by_title).await.unwrap();
    assert_eq!(
        [names(&page1), names(&page2)].concat(),
        vec!["westmoor--bin-rounds", "eastvale--road-lengths"]
    );
    assert_eq!(page2.count, 2);

    // Certificates are stored for faceting and refreshed as time passes.
    let mut expert = search("");
    expert.certificate = Some(CertificateLevel::Expert);
    expert.facets = vec![FacetField::Certificate];
    let found = store.search_catalogue(&expert).await.unwrap();
    assert_eq!(found.count, 0, "no coverage stated: nothing reaches expert");
    let standard = &found.facets[0].1;
    assert!(standard.is_empty());
    let mut all_levels = search("");
    all_levels.facets = vec![FacetField::Certificate];
    let levels = store.search_catalogue(&all_levels).await.unwrap();
    let levels: Vec<(String, i64)> = levels.facets[0]
        .1
        .iter()
        .map(|v| (v.name.clone(), v.count))
        .collect();
    assert_eq!(levels, vec![("pilot".into(), 1), ("standard".into(), 1)]);
    let later = time::OffsetDateTime::now_utc() + time::Duration::days(400);
    assert_eq!(store.refresh_certificates(later).await.unwrap(), 0);

    // Editing: only the owning body; tags and search text follow.
    let mut edit = describe("Road lengths", "streets", "");
    edit.description = "Lengths of every adopted road.".into();
    assert!(matches!(
        store
            .describe_catalogue_dataset("westmoor", "eastvale--road-lengths", &edit)
            .await,
        Err(StorageError::NotFound)
    ));
    let edited = store
        .describe_catalogue_dataset("eastvale", "eastvale--road-lengths", &edit)
        .await
        .unwrap();
    assert_eq!(edited.tags, vec!["streets".to_string()]);
    assert_eq!(
        store
            .search_catalogue(&search("adopted"))
            .await
            .unwrap()
            .count,
        1
    );
    assert_eq!(
        store
            .search_catalogue(&search("tags:roads"))
            .await
            .unwrap()
            .count,
        0
    );

    // Lookups used by the CKAN API.
    let (dataset, index) = store
        .catalogue_resource(&resource)
        .await
        .unwrap()
        .expect("found");
    assert_eq!(
        (dataset.name.as_str(), index),
        ("eastvale--road-lengths", 0)
    );
    assert!(store.catalogue_resource("nope").await.unwrap().is_none());
    let tags = store.catalogue_tags(None).await.unwrap();
    assert!(tags.contains(&"streets".to_string()) && tags.contains(&"kpi".to_string()));
    assert!(!tags.contains(&"roads".to_string()), "edited away");
    let wa = store.catalogue_tags(Some("WA")).await.unwrap();
    assert_eq!(wa, vec!["waste"]);
    let publishers = store.catalogue_publishers().await.unwrap();
    let counts: Vec<(String, i64)> = publishers
        .iter()
        .map(|p| (p.slug.clone(), p.datasets))
        .collect();
    assert_eq!(counts, vec![("eastvale".into(), 8), ("westmoor".into(), 8)]);
    let page = store
        .catalogue_page("eastvale--road-lengths", 10)
        .await
        .unwrap();
    assert_eq!(page.len(), 10);
    assert_eq!(page[0].name, "eastvale--service-register");

    // Withdrawing: only what staff added, only by its own body, rows and all.
    assert!(matches!(
        store
            .withdraw_catalogue_dataset("westmoor", "eastvale--road-lengths")
            .await,
        Err(StorageError::NotFound)
    ));
    assert!(matches!(
        store
            .withdraw_catalogue_dataset("eastvale", "eastvale--service-register")
            .await,
        Err(StorageError::NotFound)
    ));
    store
        .withdraw_catalogue_dataset("eastvale", "eastvale--road-lengths")
        .await
        .unwrap();
    assert!(
        store
            .catalogue_dataset("eastvale--road-lengths")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .catalogue_rows(&resource, 0, 10)
            .await
            .unwrap()
            .rows()
            .unwrap()
            .is_empty()
    );
});

db_test!(
    catalogue_search_stems_ranks_and_takes_phrases_and_prefixes,
    |db| {
        let store = &db.store;
        store.create_body(&body("Eastvale")).await.unwrap();
        for (title, tags) in [
            ("Road lengths", "highways"),
            ("Gritting routes", "roads, winter"),
            ("Parking permits issued", "parking"),
        ] {
            store
                .add_catalogue_dataset(
                    "eastvale",
                    DatasetSource::Upload,
                    &describe(title, tags, ""),
                    &[table("")],
                    &[vec!["A1".into(), "1".into()]],
                )
                .await
                .unwrap();
        }
        let found = |q: &'static str| async move {
            names(&store.search_catalogue(&search(q)).await.unwrap())
        };
        // "roads" finds "Road lengths" by its stem; the title match ranks above the keyword.
        assert_eq!(
            found("roads").await,
            vec!["eastvale--road-lengths", "eastvale--gritting-routes"]
        );
        // A prefix, a phrase in order, a phrase out of order, and a field of its own.
        assert_eq!(
            found("permit*").await,
            vec!["eastvale--parking-permits-issued"]
        );
        assert_eq!(
            found("\"permits issued\"").await,
            vec!["eastvale--parking-permits-issued"]
        );
        assert!(found("\"issued permits\"").await.is_empty());
        assert_eq!(found("title:winter").await, Vec::<String>::new());
        assert_eq!(found("winter").await, vec!["eastvale--gritting-routes"]);
        // Words are words, not parts of words: "oad" is in "road" but is no word of it.
        assert!(found("oad").await.is_empty());
        // Words too common to search by narrow nothing.
        assert_eq!(found("the").await.len(), 3);
        // A change of title is searchable at once.
        let mut renamed = describe("Salt bins", "winter", "");
        renamed.name = "eastvale--gritting-routes".into();
        store
            .describe_catalogue_dataset("eastvale", "eastvale--gritting-routes", &renamed)
            .await
            .unwrap();
        assert_eq!(found("title:salt").await, vec!["eastvale--gritting-routes"]);
        // (Its name, which never changes, is still searched.)
        assert!(found("title:gritting").await.is_empty());
    }
);

db_test!(
    the_catalogue_keeps_and_searches_welsh_beside_english,
    |db| {
        let store = &db.store;
        // A body with no Welsh name yet: Civic's own are still described in Welsh, with the
        // English name standing in.
        let draft = body("Gwynedd Council");
        store.create_body(&draft).await.unwrap();
        let register = store
            .catalogue_dataset("gwynedd-council--service-register")
            .await
            .unwrap()
            .expect("listed with the body");
        assert_eq!(register.title_cy, "Gwynedd Council: cofrestr gwasanaethau");
        assert!(
            register
                .description_cy
                .starts_with("Pob gwasanaeth y mae Gwynedd Council")
        );
        assert_eq!(register.resources[0].name_cy, "Cofrestr gwasanaethau");
        assert_eq!(
            register.resources[0].columns[0].description_cy,
            "Dynodydd y corff sy'n rhedeg y gwasanaeth"
        );
        let requests = store
            .catalogue_dataset("gwynedd-council--requests")
            .await
            .unwrap()
            .expect("listed");
        assert_eq!(
            requests.resources[2].description_cy,
            "Pob diweddariad cyhoeddus a wnaeth y corff i'w geisiadau."
        );

        // Staff write Welsh of their own for one; then the body gets its Welsh name. Civic's
        // stand-in Welsh gives way to the new name, staff's Welsh stays.
        let mut staff_welsh = describe("Gwynedd Council: service register", "", "");
        staff_welsh.name = register.name.clone();
        staff_welsh.title_cy = "Cofrestr gwasanaethau'r cyngor".into();
        staff_welsh.description_cy = "Ein gwasanaethau i gyd.".into();
        store
            .describe_catalogue_dataset("gwynedd-council", &register.name, &staff_welsh)
            .await
            .unwrap();
        let welsh_name = civic_domain::BodyInput {
            name: "Gwynedd Council".into(),
            kind: "district_council".into(),
            name_cy: "Cyngor Gwynedd".into(),
            welsh_standards: "yes".into(),
            ..Default::default()
        }
        .validate()
        .expect("valid body");
        let renamed = store
            .update_body("gwynedd-council", &welsh_name)
            .await
            .unwrap();
        // (Relisting is what start-up and every change of a body do.)
        store
            .publish_own_datasets(
                "gwynedd-council",
                &civic_domain::catalogue::own_datasets(&renamed),
            )
            .await
            .unwrap();
        let kept = store
            .catalogue_dataset(&register.name)
            .await
            .unwrap()
            .expect("listed");
        assert_eq!(kept.title_cy, "Cofrestr gwasanaethau'r cyngor");
        assert_eq!(kept.body_name_cy, "Cyngor Gwynedd");
        let spend = store
            .catalogue_dataset("gwynedd-council--spend")
            .await
            .unwrap()
            .expect("listed");
        assert_eq!(spend.title_cy, "Cyngor Gwynedd: gwariant ar wasanaethau");
        assert!(spend.description_cy.contains("a wnaeth Cyngor Gwynedd"));

        // A staff dataset in both languages, its resource and columns too.
        let mut toilets = describe("Public toilets", "toilets", "");
        toilets.name = "gwynedd-council--public-toilets".into();
        toilets.title_cy = "Toiledau cyhoeddus".into();
        toilets.description_cy = "Pob toiled cyhoeddus y mae'r cyngor yn ei redeg.".into();
        let mut resource = table("");
        resource.name = "Public toilets".into();
        resource.name_cy = "Toiledau cyhoeddus".into();
        resource.description_cy = "Y rhesi fel CSV.".into();
        let added = store
            .add_catalogue_dataset(
                "gwynedd-council",
                DatasetSource::Upload,
                &toilets,
                &[resource],
                &[vec!["Stryd Fawr".into(), "3".into()]],
            )
            .await
            .unwrap();
        assert_eq!(
            (added.title_cy.as_str(), added.description_cy.as_str()),
            (
                "Toiledau cyhoeddus",
                "Pob toiled cyhoeddus y mae'r cyngor yn ei redeg."
            )
        );
        assert_eq!(added.resources[0].name_cy, "Toiledau cyhoeddus");
        assert_eq!(added.resources[0].description_cy, "Y rhesi fel CSV.");
        let described = store
            .describe_catalogue_columns(
                "gwynedd-council",
                &added.name,
                &added.resources[0].id,
                &[
                    ("Road name".into(), "Enw'r ffordd".into()),
                    ("Length in metres".into(), String::new()),
                ],
            )
            .await
            .unwrap();
        let columns = &described.resources[0].columns;
        assert_eq!(columns[0].description_cy, "Enw'r ffordd");
        assert_eq!(columns[1].description_cy, "");
        assert_eq!(columns[1].description, "Length in metres");

        // A Welsh title is found, anywhere or as a title, and so is the body's Welsh name.
        let found = |q: &'static str| async move {
            names(&store.search_catalogue(&search(q)).await.unwrap())
        };
        assert_eq!(
            found("toiledau").await,
            vec!["gwynedd-council--public-toilets"]
        );
        assert_eq!(
            found("title:toiledau").await,
            vec!["gwynedd-council--public-toilets"]
        );
        assert_eq!(found("\"toiled cyhoeddus\"").await.len(), 1);
        // A Welsh reader's word matches its mutated forms: "nhoiledau" (nasal) finds
        // "toiledau", in the results and in the facet counts alike; as typed it does not.
        let welsh = |q: &str| CatalogueSearch {
            welsh: true,
            ..search(q)
        };
        let mutated = store.search_catalogue(&welsh("nhoiledau")).await.unwrap();
        assert_eq!(names(&mutated), vec!["gwynedd-council--public-toilets"]);
        assert_eq!(mutated.count, 1);
        assert_eq!(mutated.facets[0].1[0].count, 1);
        assert!(found("nhoiledau").await.is_empty());
        assert_eq!(
            names(
                &store
                    .search_catalogue(&welsh("title:doiled*"))
                    .await
                    .unwrap()
            ),
            vec!["gwynedd-council--public-toilets"]
        );
        let everywhere = store
            .search_catalogue(&search_all("gwasanaethau"))
            .await
            .unwrap();
        assert!(everywhere.count >= 2, "{:?}", names(&everywhere));
        let by_name = store
            .search_catalogue(&search_all("\"cyngor gwynedd\""))
            .await
            .unwrap();
        assert_eq!(by_name.count, 8, "{:?}", names(&by_name));
        // The publisher facet names it in both languages.
        let org = &store.search_catalogue(&search("")).await.unwrap().facets[0].1[0];
        assert_eq!(
            (org.display_name.as_str(), org.display_name_cy.as_str()),
            ("Gwynedd Council", "Cyngor Gwynedd")
        );

        // New Welsh replaces the old in search too.
        toilets.title_cy = "Cyfleusterau cyhoeddus".into();
        store
            .describe_catalogue_dataset("gwynedd-council", &toilets.name, &toilets)
            .await
            .unwrap();
        assert!(found("title:toiledau").await.is_empty());
        assert_eq!(found("title:cyfleusterau").await.len(), 1);
    }
);

db_test!(titles_sort_in_welsh_order_for_a_welsh_reader, |db| {
    let store = &db.store;
    store.create_body(&body("Gwynedd Council")).await.unwrap();
    let mut search = CatalogueSearch::of_body("gwynedd-council", CatalogueSort::WelshTitle(true));
    search.rows = 50;
    let listed = store.search_catalogue(&search).await.unwrap();
    let titles: Vec<String> = listed.datasets.iter().map(|d| d.title_cy.clone()).collect();
    assert!(titles.len() >= 5, "{titles:?}");
    let mut expected = titles.clone();
    expected.sort_by(|a, b| civic_domain::collation::welsh_cmp(a, b));
    assert_eq!(titles, expected, "the database's order is Welsh A–Z order");
});
