use super::*;
use time::macros::{date, datetime};

fn parse(q: &str) -> Clause {
    match Query::parse(q) {
        Ok(Query(c)) => c,
        Err(e) => panic!("{q:?} did not parse: {e}"),
    }
}

fn error(q: &str) -> String {
    match Query::parse(q) {
        Ok(c) => panic!("{q:?} parsed as {c:?}"),
        Err(e) => e.0,
    }
}

#[test]
fn queries_read_words_fields_phrases_and_operators() {
    assert_eq!(parse(""), Clause::All);
    assert_eq!(parse("*:*"), Clause::All);
    assert_eq!(parse("Roads"), Clause::Term(Field::Text, "roads".into()));
    assert_eq!(
        parse("bins roads"),
        Clause::And(vec![
            Clause::Term(Field::Text, "bins".into()),
            Clause::Term(Field::Text, "roads".into())
        ])
    );
    assert_eq!(
        parse("title:\"Missed Bins\" OR -tags:waste"),
        Clause::Or(vec![
            Clause::Term(Field::Title, "missed bins".into()),
            Clause::Not(Box::new(Clause::Term(Field::Tags, "waste".into())))
        ])
    );
    assert_eq!(
        parse("organization:northshire AND res_format:csv"),
        Clause::And(vec![
            Clause::Term(Field::Organization, "northshire".into()),
            Clause::Term(Field::ResFormat, "CSV".into())
        ])
    );
    assert_eq!(
        parse("tags:(a OR b)"),
        Clause::Or(vec![
            Clause::Term(Field::Tags, "a".into()),
            Clause::Term(Field::Tags, "b".into())
        ])
    );
    assert_eq!(
        parse("NOT (x)"),
        Clause::Not(Box::new(Clause::Term(Field::Text, "x".into())))
    );
    assert_eq!(
        parse("license_id:OGL-UK-3.0"),
        Clause::Term(Field::LicenseId, "OGL-UK-3.0".into())
    );
}

#[test]
fn malformed_queries_say_what_is_wrong() {
    assert!(error("title:\"unclosed").contains("quotation mark"));
    assert!(error("(roads").contains("not closed"));
    assert!(error("roads)").contains("no opening bracket"));
    assert!(error("colour:red").contains("no field called"));
    assert!(error("roads AND").contains("AND must have"));
    assert!(error("OR roads").contains("between two"));
    assert!(error("title:").contains("Give a value"));
    assert!(error("NOT").contains("NOT must have"));
    assert!(error(&"x ".repeat(600)).contains("too long"));
    assert!(error(&format!("{}a", "-".repeat(100))).contains("nests too deeply"));
    assert!(error(&format!("{}a{}", "(".repeat(40), ")".repeat(40))).contains("nests too deeply"));
    assert_eq!(parse("+dataset_type:dataset"), Clause::All);
    assert_eq!(
        parse("metadata_modified:[2026-01-01T00:00:00.000Z TO *]"),
        Clause::Range(
            Field::MetadataModified,
            Some((datetime!(2026-01-01 0:00 UTC), true)),
            None
        )
    );
    assert_eq!(
        parse("metadata_created:{* TO 2026-02-01}"),
        Clause::Range(
            Field::MetadataCreated,
            None,
            Some((datetime!(2026-02-01 0:00 UTC), false))
        )
    );
    assert!(error("metadata_modified:[yesterday TO *]").contains("not a time"));
    assert!(error("metadata_modified:[2026-01-01 TO *").contains("not closed"));
    assert!(error("title:[a TO b]").contains("Only metadata_modified"));
}

#[test]
fn queries_combine_and_list_their_words() {
    let q = Query::parse("roads -bins").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(q.words(), vec!["roads".to_string()]);
    let all = Query::parse("").unwrap_or_else(|e| panic!("{e}"));
    let fq = Query::parse("organization:x").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all.and(fq.clone()), fq);
}

#[test]
fn uploads_infer_types_from_every_value() {
    let table = parse_table(
        b"\xef\xbb\xbfid,amount,paid,day,at,name,empty\n\
          1,10.5,true,2026-01-02,2026-01-02T10:00:00Z,A,\n\
          -2,3,false,2026-02-28,2026-01-02T10:00:00+01:00,\"B, c\",\n\
          3,,,,,,\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let kinds: Vec<_> = table.columns.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ColumnType::Integer,
            ColumnType::Number,
            ColumnType::Boolean,
            ColumnType::Date,
            ColumnType::DateTime,
            ColumnType::String,
            ColumnType::String
        ]
    );
    assert_eq!(table.rows.len(), 3);
    assert_eq!(table.rows[1][5], "B, c");
    let codes = parse_table(b"code,id,big,when\n007,1234567890123456789,1.5,2026-01-02 10:00:00Z\n010,2,3,2026-01-02t10:00:00z\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let kinds: Vec<_> = codes.columns.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ColumnType::String,
            ColumnType::String,
            ColumnType::Number,
            ColumnType::String
        ],
        "leading zeros, over 15 digits and non-xsd instants stay text"
    );
    let mixed = parse_table(b"v\n1\n1e5\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(mixed.columns[0].kind, ColumnType::String);
    let date = parse_table(b"v\n2026-02-30\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(date.columns[0].kind, ColumnType::String);
}

#[test]
fn malformed_uploads_give_the_line_and_the_reason() {
    let e = parse_table(b"a,b\n1,2\n3\n4,5,6\n")
        .err()
        .map(|e| e.problems());
    assert_eq!(
        e,
        Some(vec![
            (3, "has 1 values but the header names 2 columns".to_string()),
            (4, "has 3 values but the header names 2 columns".to_string())
        ])
    );
    let e = parse_table(b"a,,a\n1,2,3\n").err().map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("line 1: column 2 has no name; line 1: two columns are called \u{201c}a\u{201d}")
    );
    assert!(parse_table(b"").is_err());
    assert!(
        parse_table(b"a,b\n")
            .err()
            .is_some_and(|e| e.to_string().contains("no rows"))
    );
    let e = parse_table(b"a\n\xff\n").err().map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("line 2: the value in column \u{201c}a\u{201d} is not UTF-8 text")
    );
}

fn sample(now: OffsetDateTime) -> CatalogueDataset {
    CatalogueDataset {
        id: 1,
        name: "northshire-roads".into(),
        body: "northshire".into(),
        body_name: "Northshire".into(),
        body_name_cy: String::new(),
        source: DatasetSource::Upload,
        title: "Roads".into(),
        description: "Every road the council maintains, with its length.".into(),
        title_cy: "Ffyrdd".into(),
        description_cy: "Pob ffordd y mae'r cyngor yn ei chynnal, gyda'i hyd.".into(),
        licence: "OGL-UK-3.0".into(),
        frequency: Frequency::Monthly,
        theme: "tran".into(),
        tags: vec!["roads".into()],
        temporal_start: Some(date!(2025 - 01 - 01)),
        temporal_end: None,
        spatial: "Northshire".into(),
        contact_name: "Highways".into(),
        contact_email: "roads@northshire.example".into(),
        access: AccessRights::Public,
        how_to_apply: String::new(),
        created_at: now,
        modified_at: now,
        resources: vec![Resource {
            id: "r1".into(),
            name: "Roads".into(),
            description: String::new(),
            format: "CSV".into(),
            url: "/datasets/northshire-roads/resources/r1.csv".into(),
            columns: vec![Column::new(
                "length_m",
                ColumnType::Integer,
                "Length in metres",
            )],
            hosted: true,
            ..Resource::default()
        }],
    }
}

#[test]
fn certificates_follow_the_metadata() {
    let now = datetime!(2026-11-25 12:00 UTC);
    let mut d = sample(now);
    let c = d.certificate(now);
    assert_eq!(c.level, Some(CertificateLevel::Expert));
    assert_eq!(c.next_level(), Some(CertificateLevel::Exemplar));
    let missing: Vec<_> = c.missing_for_next().iter().map(|c| c.requirement).collect();
    assert_eq!(missing, vec!["Updated as things happen, with a JSON API"]);

    // Overdue: a monthly dataset untouched for two months falls to standard.
    d.modified_at = now - time::Duration::days(60);
    assert_eq!(d.certificate(now).level, Some(CertificateLevel::Standard));
    // No contact: pilot only.
    d.contact_email.clear();
    assert_eq!(d.certificate(now).level, Some(CertificateLevel::Pilot));
    // Not open: nothing.
    d.licence = "other-closed".into();
    let c = d.certificate(now);
    assert_eq!(c.level, None);
    assert_eq!(c.label(), "Not yet certified");
    assert!(
        c.missing_for_next()
            .iter()
            .any(|c| c.requirement == "Published under an open licence")
    );
}

#[test]
fn descriptions_are_checked() {
    let input = DatasetDescriptionInput {
        title: "Road lengths".into(),
        frequency: "monthly".into(),
        tags: "Roads, roads, highways".into(),
        links: "https://example.org/roads.csv\nJSON https://example.org/api\nnot a url".into(),
        temporal_start: "2026-02-01".into(),
        temporal_end: "2026-01-01".into(),
        contact_email: "nope".into(),
        licence: "mine".into(),
        ..Default::default()
    };
    let errors = input.validate("northshire", true).err().unwrap_or_default();
    let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "description",
            "licence",
            "temporal_end",
            "contact_email",
            "links"
        ]
    );
    assert!(
        errors
            .for_field("links")
            .is_some_and(|m| m.starts_with("Line 3"))
    );

    let ok = DatasetDescriptionInput {
        title: "Road lengths".into(),
        description: "Lengths of roads".into(),
        frequency: "monthly".into(),
        tags: "Roads, roads, highways".into(),
        links: "https://example.org/roads.csv\nJSON https://example.org/api".into(),
        ..Default::default()
    }
    .validate("northshire", true)
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ok.name, "northshire--road-lengths");
    assert_eq!(ok.licence, "OGL-UK-3.0");
    assert_eq!(ok.tags, vec!["roads".to_string(), "highways".to_string()]);
    assert_eq!(
        ok.links,
        vec![
            (
                "CSV".to_string(),
                "https://example.org/roads.csv".to_string()
            ),
            ("JSON".to_string(), "https://example.org/api".to_string())
        ]
    );
    let no_links = DatasetDescriptionInput {
        title: "X".into(),
        description: "X".into(),
        frequency: "never".into(),
        ..Default::default()
    }
    .validate("b", true);
    assert!(
        no_links
            .err()
            .is_some_and(|e| e.for_field("links").is_some())
    );
}

fn body(name_cy: &str, welsh_standards: bool) -> crate::Body {
    crate::Body {
        slug: "gwynedd".into(),
        name: "Gwynedd Council".into(),
        kind: crate::BodyKind::ALL[0],
        website: None,
        name_cy: name_cy.into(),
        welsh_standards,
        created_at: datetime!(2026-01-05 09:00 UTC),
    }
}

#[test]
fn welsh_is_checked_and_required_where_the_standards_apply() {
    let input = DatasetDescriptionInput {
        title: "Road lengths".into(),
        description: "Lengths of roads".into(),
        frequency: "monthly".into(),
        title_cy: "x".repeat(201),
        description_cy: "  Hydoedd ffyrdd\r\n  ".into(),
        ..Default::default()
    };
    let errors = input.validate("gwynedd", false).err().unwrap_or_default();
    let codes: Vec<_> = errors
        .0
        .iter()
        .map(|e| (e.field.as_str(), e.code))
        .collect();
    assert_eq!(
        codes,
        vec![("title_cy", "validation-dataset-title-cy-too-long")]
    );
    assert_eq!(errors.0[0].args, vec![("max", "200".to_string())]);

    // English only: fine for most bodies, refused for one subject to the standards.
    let english_only = DatasetDescriptionInput {
        title_cy: String::new(),
        description_cy: String::new(),
        ..input.clone()
    };
    assert!(english_only.validate_for(&body("", false), false).is_ok());
    let refused = english_only
        .validate_for(&body("Cyngor Gwynedd", true), false)
        .err()
        .unwrap_or_default();
    let fields: Vec<_> = refused.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["title_cy", "description_cy"]);
    // Problems are listed in the order of the form: each English field, then its Welsh.
    let mixed = DatasetDescriptionInput {
        title: String::new(),
        contact_email: "nope".into(),
        ..english_only.clone()
    }
    .validate_for(&body("Cyngor Gwynedd", true), false)
    .err()
    .unwrap_or_default();
    let fields: Vec<_> = mixed.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        vec!["title", "title_cy", "description_cy", "contact_email"]
    );
    let checked = english_only
        .validate("gwynedd", false)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(checked.check_welsh(&body("Cyngor Gwynedd", true)).is_err());
    assert!(checked.check_welsh(&body("", false)).is_ok());

    // Both languages: published, the Welsh trimmed like the English.
    let both = DatasetDescriptionInput {
        title_cy: "Hydoedd ffyrdd".into(),
        ..input
    }
    .validate_for(&body("Cyngor Gwynedd", true), false)
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(both.description_cy, "Hydoedd ffyrdd");
    assert_eq!(both.title_in(true), "Hydoedd ffyrdd");
    assert_eq!(both.title_in(false), "Road lengths");
}

#[test]
fn own_datasets_are_described_in_welsh_for_every_body() {
    for b in [body("", false), body("Cyngor Gwynedd", true)] {
        let own = own_datasets(&b);
        assert_eq!(own.len(), 7);
        for d in &own {
            let text = &d.description;
            assert!(
                text.check_welsh(&body("Cyngor Gwynedd", true)).is_ok(),
                "{}",
                text.name
            );
            assert_ne!(text.title_cy, text.title);
            assert_ne!(text.description_cy, text.description);
            let welsh_name = b.name_in(true);
            assert!(
                text.title_cy.starts_with(&format!("{welsh_name}: ")),
                "{}",
                text.title_cy
            );
            assert!(
                text.description_cy.contains(welsh_name),
                "{}",
                text.description_cy
            );
            for r in &d.resources {
                assert!(!r.name_cy.is_empty() && r.name_cy != r.name, "{}", r.id);
                assert_eq!(r.description.is_empty(), r.description_cy.is_empty());
                for c in &r.columns {
                    assert!(
                        !c.description_cy.is_empty() && c.description_cy != c.description,
                        "{}: {}",
                        r.id,
                        c.name
                    );
                }
            }
            // What Civic wrote before the body had a Welsh name gives way on relisting.
            match &d.replaces_cy {
                None => assert!(b.name_cy.is_empty()),
                Some((title, _)) => {
                    assert!(title.starts_with("Gwynedd Council: "), "{title}");
                }
            }
        }
    }
    let own = own_datasets(&body("Cyngor Gwynedd", true));
    assert_eq!(
        own[0].description.title_cy,
        "Cyngor Gwynedd: cofrestr gwasanaethau"
    );
    assert_eq!(own[0].resources[0].name_cy, "Cofrestr gwasanaethau");
}
