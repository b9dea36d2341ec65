//! The open data catalogue: uploads, search, CKAN clients' shapes and large tables.

use crate::support::*;
use civic_storage::db_test;
use reqwest::StatusCode;
use serde_json::Value;
use serde_json::json;

const ROADS: &str = "road,length_m,adopted,surveyed\nHigh Street,1200,true,2026-03-01\n\"Mill Lane, north\",450,false,\nStation Road,,true,2026-04-02\n";

fn upload_form(kind: &str, title: &str, csv: &[u8]) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("kind", kind.to_string())
        .text("title", title.to_string())
        .text(
            "description",
            "Every road the council maintains, with its length in metres.",
        )
        .text("licence", "OGL-UK-3.0")
        .text("frequency", "monthly")
        .text("theme", "tran")
        .text("tags", "roads, highways")
        .text("temporal_start", "2026-01-01")
        .text("spatial", "Northshire")
        .text("contact_name", "Highways team")
        .text("contact_email", "roads@northshire.example")
        .text("links", "")
        .part(
            "file",
            reqwest::multipart::Part::bytes(csv.to_vec()).file_name("roads.csv"),
        )
}

async fn post_upload(staff: &Visitor, form: reqwest::multipart::Form) -> reqwest::Response {
    let token = staff.csrf_token().await;
    staff
        .client
        .post(staff.url(&format!(
            "/staff/bodies/northshire/catalogue/new?csrf_token={token}"
        )))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// The path of an absolute URL on this site (the test server's public URL is configured,
/// not its random port).
fn path_of(url: &Value) -> String {
    let url = url.as_str().unwrap();
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme[after_scheme.find('/').unwrap()..].to_string()
}

async fn post_multipart(
    v: &Visitor,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<&[u8]>,
) -> reqwest::Response {
    let token = v.csrf_token().await;
    let mut form = reqwest::multipart::Form::new();
    for (k, value) in fields {
        form = form.text(k.to_string(), value.to_string());
    }
    if let Some(bytes) = file {
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name("new.csv"),
        );
    }
    v.client
        .post(v.url(&format!("{path}?csrf_token={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

pub async fn action(v: &Visitor, query: &str) -> (StatusCode, Value) {
    let response = v.get(&format!("/api/3/action/{query}")).await;
    let status = response.status();
    (status, response.json().await.unwrap())
}

db_test!(
    staff_publish_a_table_that_anyone_finds_and_downloads,
    |db| {
        let app = spawn(&db).await;
        app.seed().await;
        let staff = app.signed_in("staff@northshire.example").await;

        // A malformed file is refused with its lines and reasons; nothing is published.
        let bad = post_upload(
            &staff,
            upload_form("upload", "Road lengths", b"road,length_m\nA,1\nB\nC,3,4\n"),
        )
        .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = bad.text().await.unwrap();
        assert!(
            page.contains("line 3: has 1 values but the header names 2 columns")
                && page.contains("line 4: has 3 values"),
            "{page}"
        );
        let none = post_upload(&staff, upload_form("", "Road lengths", b"")).await;
        assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let v = app.visitor();
        let (_, found) = action(&v, "package_search?q=roads&fq=source:upload").await;
        assert_eq!(found["result"]["count"], 0);

        // A good one is published at once.
        let ok = post_upload(
            &staff,
            upload_form("upload", "Road lengths", ROADS.as_bytes()),
        )
        .await;
        assert_eq!(ok.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&ok), "/datasets/northshire--road-lengths");
        let again = post_upload(
            &staff,
            upload_form("upload", "Road lengths", ROADS.as_bytes()),
        )
        .await;
        assert_eq!(
            again.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "same title twice"
        );

        let (status, found) = action(
        &v,
        "package_search?q=roads&fq=organization:northshire&facet.field=res_format&facet.field=groups",
    )
    .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(found["success"], true);
        assert_eq!(found["result"]["count"], 1);
        assert_eq!(
            found["result"]["facets"]["res_format"],
            json!({"CSV": 1, "JSON": 1})
        );
        assert_eq!(
            found["result"]["search_facets"]["groups"]["items"][0],
            json!({"name": "tran", "display_name": "Transport", "count": 1})
        );
        let (_, shown) = action(&v, "package_show?id=northshire--road-lengths").await;
        let package = &shown["result"];
        assert_eq!(package["organization"]["name"], "northshire");
        assert_eq!(package["license_id"], "OGL-UK-3.0");
        assert_eq!(package["maintainer_email"], "roads@northshire.example");
        let csv = package["resources"][0].clone();
        assert_eq!(csv["format"], "CSV");
        let csv_url = path_of(&csv["url"]);
        let (_, resource) = action(
            &v,
            &format!("resource_show?id={}", csv["id"].as_str().unwrap()),
        )
        .await;
        assert_eq!(resource["result"]["package_id"], "northshire--road-lengths");

        // Downloads: the CSV as uploaded, the JSON typed, both described.
        let (status, body) = v.get_text(&csv_url).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body.replace("\r\n", "\n"), ROADS);
        let json_url = path_of(&package["resources"][1]["url"]);
        let rows: Value = v.get(&json_url).await.json().await.unwrap();
        assert_eq!(
            rows[1],
            json!({"road": "Mill Lane, north", "length_m": 450, "adopted": false, "surveyed": null})
        );
        let csvw: Value = v
            .get(&format!("{csv_url}-metadata.json"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(csvw["url"], csv["url"]);
        let datatypes: Vec<&str> = csvw["tableSchema"]["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["datatype"].as_str().unwrap())
            .collect();
        assert_eq!(datatypes, vec!["string", "integer", "boolean", "date"]);
        let package_json: Value = v
            .get("/datasets/northshire--road-lengths/datapackage.json")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            package_json["resources"][0]["schema"]["fields"][1],
            json!({"name": "length_m", "type": "integer"})
        );
        assert_eq!(package_json["licenses"][0]["name"], "OGL-UK-3.0");
        let ld: Value = v
            .get("/datasets/northshire--road-lengths/dcat.jsonld")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(ld["@graph"][0]["@type"], json!(["dcat:Dataset"]));
        assert_eq!(ld["@graph"][0]["dct:title"][0]["@value"], "Road lengths");
        let (_, ttl) = v
            .get_text("/datasets/northshire--road-lengths/dcat.ttl")
            .await;
        assert!(
            ttl.contains("a dcat:Dataset ;") && ttl.contains("dct:title \"Road lengths\""),
            "{ttl}"
        );
        // What it links to is typed in the graph, as DCAT-AP's shapes require.
        for typed in [
            "<https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/> a dct:LicenseDocument ;",
            "/bodies/northshire> a foaf:Organization, foaf:Agent ;",
            "/datasets/northshire--road-lengths> a foaf:Document .",
            "<http://www.iana.org/assignments/media-types/text/csv> a dct:MediaType ;",
            "<http://publications.europa.eu/resource/authority/file-type/CSV> a skos:Concept, dct:MediaTypeOrExtent ;",
            "-metadata.json> a dct:Standard ;",
        ] {
            assert!(ttl.contains(typed), "{typed} not in {ttl}");
        }

        // The page, with its certificate and what is missing for the next level.
        let (status, page) = v.get_text("/datasets/northshire--road-lengths").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Certificate: Standard"), "{page}");
        assert!(
            page.contains("Every column is described in words"),
            "{page}"
        );
        let (_, listing) = v.get_text("/bodies/northshire/catalogue?q=roads").await;
        assert!(
            listing.contains("Road lengths") && listing.contains("1 dataset"),
            "{listing}"
        );

        // Only the body's own staff may edit; edits show at once.
        let other = app.signed_in("staff@eastvale.example").await;
        let denied = other
            .get("/staff/bodies/northshire/catalogue/northshire--road-lengths/edit")
            .await
            .status();
        assert_eq!(denied, StatusCode::FORBIDDEN);
        let denied = other
            .post_form(
                "/staff/bodies/northshire/catalogue/northshire--road-lengths/edit",
                &[("title", "Hijacked"), ("frequency", "monthly")],
            )
            .await
            .status();
        assert_eq!(denied, StatusCode::FORBIDDEN);
        let cross = other
            .get("/staff/bodies/eastvale/catalogue/northshire--road-lengths/edit")
            .await
            .status();
        assert_eq!(
            cross,
            StatusCode::NOT_FOUND,
            "another body's dataset under your own body"
        );
        let edit = "/staff/bodies/northshire/catalogue/northshire--road-lengths/edit";
        let mut fields = vec![
            ("title", "Road lengths"),
            (
                "description",
                "Adopted roads and their lengths, surveyed each spring.",
            ),
            ("frequency", "annual"),
            ("licence", "CC-BY-4.0"),
            ("tags", "roads"),
            ("theme", "tran"),
            ("temporal_start", "2026-01-01"),
            ("spatial", "Northshire"),
            ("contact_email", "roads@northshire.example"),
            ("column_0", "Name of the road"),
            ("column_1", "Length in metres"),
            ("column_2", "True when the council maintains it"),
            ("column_3", "Day it was last surveyed"),
        ];
        let edited = post_multipart(&staff, edit, &fields, None).await;
        assert_eq!(edited.status(), StatusCode::SEE_OTHER);
        let (_, shown) = action(&v, "package_show?id=northshire--road-lengths").await;
        assert_eq!(shown["result"]["license_id"], "CC-BY-4.0");
        assert!(
            shown["result"]["notes"]
                .as_str()
                .unwrap()
                .contains("each spring")
        );
        let described = &shown["result"]["resources"][0]["schema"]["fields"][1];
        assert_eq!(described["description"], "Length in metres");
        let (_, page) = v.get_text("/datasets/northshire--road-lengths").await;
        assert!(page.contains("Certificate: Expert"), "{page}");

        // A new version of the table replaces its rows; kept columns keep their meaning.
        let bad = post_multipart(&staff, edit, &fields, Some(b"road,length_m\nA\n")).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.text().await.unwrap().contains("line 2: has 1 values"));
        let replaced =
            post_multipart(&staff, edit, &fields, Some(b"road,length_m\nNew Road,10\n")).await;
        assert_eq!(replaced.status(), StatusCode::SEE_OTHER);
        let (_, shown) = action(&v, "package_show?id=northshire--road-lengths").await;
        let csv = &shown["result"]["resources"][0];
        assert_eq!(
            csv["schema"]["fields"][1]["description"],
            "Length in metres"
        );
        let (_, body) = v.get_text(&path_of(&csv["url"])).await;
        assert_eq!(body.replace("\r\n", "\n"), "road,length_m\nNew Road,10\n");
        fields[0] = ("title", "");
        fields[2] = ("frequency", "sometimes");
        let invalid = post_multipart(&staff, edit, &fields, None).await;
        assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // Staff withdraw what they added (never Civic's own, never another body's).
        let withdraw = "/staff/bodies/northshire/catalogue/northshire--road-lengths/withdraw";
        let (_, page) = staff
            .get_text("/staff/bodies/northshire/catalogue/northshire--road-lengths/edit")
            .await;
        assert!(page.contains("Withdraw Road lengths"), "{page}");
        assert_eq!(
            other.post_form(withdraw, &[]).await.status(),
            StatusCode::FORBIDDEN
        );
        let own = staff
            .post_form(
                "/staff/bodies/northshire/catalogue/northshire--service-register/withdraw",
                &[],
            )
            .await;
        assert_eq!(own.status(), StatusCode::NOT_FOUND);
        let withdrawn = staff.post_form(withdraw, &[]).await;
        assert_eq!(withdrawn.status(), StatusCode::SEE_OTHER);
        let (status, _) = action(&v, "package_show?id=northshire--road-lengths").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(
            v.get(&path_of(&csv["url"])).await.status(),
            StatusCode::NOT_FOUND
        );
    }
);

db_test!(ckan_clients_get_ckans_shapes_and_errors, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.visitor();
    let (status, body) = action(&v, "status_show").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["result"]["ckan_version"], "2.10.0");
    assert!(
        body["help"]
            .as_str()
            .unwrap()
            .ends_with("help_show?name=status_show")
    );
    let (_, orgs) = action(&v, "organization_list").await;
    assert_eq!(orgs["result"], json!(["eastvale", "northshire"]));
    let (_, orgs) = action(&v, "organization_list?all_fields=true").await;
    assert_eq!(orgs["result"][1]["package_count"], 7, "Civic's own seven");
    let (_, list) = action(&v, "package_list").await;
    assert_eq!(list["result"].as_array().unwrap().len(), 14);
    let (_, tags) = action(&v, "tag_list?query=kp").await;
    assert_eq!(tags["result"], json!(["kpi"]));
    let (_, groups) = action(&v, "group_list?all_fields=true").await;
    let gove = groups["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "gove")
        .cloned();
    assert_eq!(gove.unwrap()["package_count"], 10);

    // POST with JSON (as ckanapi sends) and with a form, with no cookie or CSRF token.
    let posted: Value = reqwest::Client::new()
        .post(format!("{}/api/action/package_search", app.base))
        .json(&json!({"fq": "organization:eastvale", "rows": 2, "sort": "name asc", "facet.field": ["organization"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(posted["result"]["count"], 7);
    assert_eq!(
        posted["result"]["results"][0]["name"],
        "eastvale--data-requests"
    );
    assert_eq!(
        posted["result"]["facets"]["organization"],
        json!({"eastvale": 7})
    );
    let form = reqwest::Client::new()
        .post(format!("{}/api/3/action/package_show", app.base))
        .form(&[("id", "northshire--requests")])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::OK);

    // Errors in CKAN's shapes and status codes.
    let (_, harvest) = action(
        &v,
        "package_search?fq=%2Bdataset_type:dataset%20metadata_modified:[2000-01-01T00:00:00.000Z%20TO%20*]&sort=id%20asc",
    )
    .await;
    assert_eq!(harvest["result"]["count"], 14, "{harvest}");
    let (status, body) = action(&v, "package_show?id=no-such-dataset").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["success"], false);
    assert_eq!(body["error"]["__type"], "Not Found Error");
    let (status, body) = action(&v, "package_search?q=title:%22unclosed").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["__type"], "Search Query Error");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("quotation mark")
    );
    let (status, body) = action(&v, "package_search?rows=lots").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        body["error"],
        json!({"__type": "Validation Error", "rows": ["Invalid integer"]})
    );
    let (status, body) = action(&v, "package_show").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["id"], json!(["Missing value"]));
    // Write actions are refused as CKAN refuses what it does not allow; unknown ones are 400.
    for write in [
        "package_delete?id=northshire--requests",
        "package_create",
        "resource_update",
        "bulk_update_private",
    ] {
        let (status, body) = action(&v, write).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{write}");
        assert_eq!(body["error"]["__type"], "Authorization Error", "{write}");
        assert_eq!(body["success"], false);
    }
    let (status, body) = action(&v, "no_such_action").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["__type"], "Bad Request");
    // Harvesters' paged list of whole datasets, most recently modified first.
    let (status, body) = action(&v, "current_package_list_with_resources?limit=2").await;
    assert_eq!(status, StatusCode::OK);
    let listed = body["result"].as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed[0]["resources"].is_array());
    assert!(
        listed[0]["metadata_modified"].as_str().unwrap()
            >= listed[1]["metadata_modified"].as_str().unwrap()
    );
    let (_, next) = action(&v, "current_package_list_with_resources?limit=2&page=2").await;
    assert_ne!(next["result"][0]["name"], listed[0]["name"]);

    // The HTML catalogue says the same in words.
    let (status, page) = v.get_text("/catalogue?q=title%3A%22unclosed").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("Your search could not be read"), "{page}");
    let (status, page) = v.get_text("/catalogue?body=eastvale&sort=title").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("7 datasets"), "{page}");
    assert_eq!(
        v.get("/datasets/no-such-dataset").await.status(),
        StatusCode::NOT_FOUND
    );
    // Civic's own CSVs are served where their resources say.
    let (status, csv) = v.get_text("/bodies/northshire/spend.csv").await;
    assert_eq!(
        (status, csv.trim()),
        (StatusCode::OK, "paid_on,service,amount_pounds")
    );
});

db_test!(large_tables_stream_in_pages, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let description = civic_domain::catalogue::DatasetDescriptionInput {
        title: "Meter readings".into(),
        description: "Daily meter readings.".into(),
        frequency: "daily".into(),
        ..Default::default()
    }
    .validate("northshire", false)
    .unwrap();
    let columns = vec![
        civic_domain::catalogue::Column::new("n", civic_domain::catalogue::ColumnType::Integer, ""),
        civic_domain::catalogue::Column::new(
            "reading",
            civic_domain::catalogue::ColumnType::String,
            "",
        ),
    ];
    let resources = civic_web::catalogue::files::upload_resources(
        &description.name,
        (&description.title, ""),
        columns,
    );
    let rows: Vec<Vec<String>> = (1..=2500)
        .map(|n| vec![n.to_string(), format!("r{n}")])
        .collect();
    app.store
        .add_catalogue_dataset(
            "northshire",
            civic_domain::catalogue::DatasetSource::Upload,
            &description,
            &resources,
            &rows,
        )
        .await
        .unwrap();
    let more: Vec<Vec<String>> = (2501..=4100)
        .map(|n| vec![n.to_string(), format!("r{n}")])
        .collect();
    app.store
        .append_catalogue_rows(&resources[0].id, &more)
        .await
        .unwrap();
    let v = app.visitor();
    let (status, csv) = v.get_text(&resources[0].url).await;
    assert_eq!(status, StatusCode::OK);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4101);
    assert_eq!(lines[0], "n,reading");
    assert_eq!(lines[2000], "2000,r2000");
    assert_eq!(lines[4100], "4100,r4100");
    let json: Value = v.get(&resources[1].url).await.json().await.unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 4100);
    assert_eq!(items[4000], json!({"n": 4001, "reading": "r4001"}));
});

pub fn path_after(link: &str, marker: &str) -> String {
    let (_, rest) = link.split_once(marker).unwrap();
    format!("{marker}{rest}")
}

db_test!(start_up_lists_own_datasets_once_per_version, |db| {
    let first = spawn(&db).await;
    first.seed().await;
    drop(first);
    let version = db.store.setting("own-datasets-version").await.unwrap();
    assert!(version.is_some(), "start-up records what it listed");
    // Start-up lists every body's own datasets only when the recorded version differs from
    // this build's…
    db.store
        .set_setting("own-datasets-version", "an older version")
        .await
        .unwrap();
    let second = spawn(&db).await;
    let (status, _) = second.visitor().get_text("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    // …and then records this build's version, so the next start has nothing to do.
    assert_eq!(
        db.store.setting("own-datasets-version").await.unwrap(),
        version
    );
});

/// Signs in the staff of a body subject to the Welsh Language Standards: "gwynedd", called
/// "Cyngor Gwynedd" in Welsh.
async fn welsh_body_staff(app: &TestApp) -> Visitor {
    crate::support::welsh_body_staff(app, "gwynedd", "Gwynedd Council", "Cyngor Gwynedd").await
}

db_test!(
    datasets_are_published_and_shown_in_welsh_beside_english,
    |db| {
        let app = spawn(&db).await;
        app.seed().await;
        let staff = welsh_body_staff(&app).await;
        let token = staff.csrf_token().await;
        let new =
            |page: &str| format!("{page}/staff/bodies/gwynedd/catalogue/new?csrf_token={token}");
        let post = |path: String, form: reqwest::multipart::Form| {
            staff.client.post(staff.url(&path)).multipart(form).send()
        };

        // The form asks for both languages side by side, labelled in the page's language.
        let (status, form) = staff
            .get_text("/cy/staff/bodies/gwynedd/catalogue/new")
            .await;
        assert_eq!(status, StatusCode::OK);
        for expected in [
            "<label class=\"label\" for=\"title\">Teitl yn Saesneg</label>",
            "<label class=\"label\" for=\"title_cy\">Teitl yn Gymraeg</label>",
            "name=\"description_cy\"",
            "Safonau&#39;r Gymraeg",
        ] {
            assert!(form.contains(expected), "{expected} not in {form}");
        }

        // A body subject to the Welsh Language Standards publishes nothing in English alone;
        // a Welsh page says so in Welsh, beside the field.
        let refused = post(
            new("/cy"),
            upload_form("upload", "Road lengths", ROADS.as_bytes()),
        )
        .await
        .unwrap();
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = refused.text().await.unwrap();
        assert!(
            page.contains("<a href=\"#title_cy\">Rhowch y teitl yn Gymraeg")
                && page.contains("id=\"description_cy-error\""),
            "{page}"
        );
        let v = app.visitor();
        let (status, _) = action(&v, "package_show?id=gwynedd--road-lengths").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "nothing was published");

        // With its Welsh it is published.
        let both = upload_form("upload", "Road lengths", ROADS.as_bytes())
            .text("title_cy", "Hydoedd ffyrdd")
            .text(
                "description_cy",
                "Pob ffordd y mae'r cyngor yn ei chynnal, gyda'i hyd mewn metrau.",
            );
        let published = post(new("/cy"), both).await.unwrap();
        assert_eq!(published.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&published), "/cy/datasets/gwynedd--road-lengths");

        // Its Welsh page is in Welsh, with no part marked English; its English page in English.
        let (status, page) = v.get_text("/cy/datasets/gwynedd--road-lengths").await;
        assert_eq!(status, StatusCode::OK);
        for expected in [
            "<title>Hydoedd ffyrdd – Civic</title>",
            "<span class=\"caption\">Cyngor Gwynedd</span>",
            "<h1 class=\"heading-xl\">Hydoedd ffyrdd</h1>",
            "Pob ffordd y mae&#39;r cyngor yn ei chynnal",
            "Lawrlwytho Hydoedd ffyrdd fel CSV",
        ] {
            assert!(page.contains(expected), "{expected} not in {page}");
        }
        assert!(
            !page.contains(&civic_web::app::i18n::Lang::Cy.t("app-not-in-welsh")),
            "{page}"
        );
        let main = &page[page.find("<main").unwrap()..];
        assert!(!main.contains("lang=\"en\""), "{main}");
        let (_, english) = v.get_text("/datasets/gwynedd--road-lengths").await;
        assert!(
            english.contains("<h1 class=\"heading-xl\">Road lengths</h1>")
                && english.contains("Download Road lengths as CSV")
                && english.contains("<span class=\"caption\">Gwynedd Council</span>"),
            "{english}"
        );

        // A dataset with no Welsh yet shows its English on a Welsh page, marked English, and
        // says it is not in Welsh yet.
        let northshire = app.signed_in("staff@northshire.example").await;
        let ok = post_upload(
            &northshire,
            upload_form("upload", "Road lengths", ROADS.as_bytes()),
        )
        .await;
        assert_eq!(
            ok.status(),
            StatusCode::SEE_OTHER,
            "English alone is fine here"
        );
        let (_, page) = v.get_text("/cy/datasets/northshire--road-lengths").await;
        assert!(
            page.contains("<h1 class=\"heading-xl\" lang=\"en\">Road lengths</h1>")
                && page.contains(&civic_web::app::i18n::Lang::Cy.t("app-not-in-welsh")),
            "{page}"
        );

        // Civic's own datasets are in Welsh for every body, under the body's Welsh name.
        let (_, own) = v.get_text("/cy/datasets/gwynedd--service-register").await;
        assert!(
            own.contains("<h1 class=\"heading-xl\">Cyngor Gwynedd: cofrestr gwasanaethau</h1>")
                && own.contains("Dynodydd y corff sy&#39;n rhedeg y gwasanaeth"),
            "{own}"
        );
        let (_, own) = v.get_text("/cy/datasets/northshire--requests").await;
        assert!(
            own.contains(
                "<h1 class=\"heading-xl\">Northshire County Council: ceisiadau am wasanaethau</h1>"
            ),
            "{own}"
        );

        // DCAT gives the title and description in both languages, tagged.
        let (_, ttl) = v.get_text("/datasets/gwynedd--road-lengths/dcat.ttl").await;
        assert!(
            ttl.contains("dct:title \"Road lengths\"@en ;\n    dct:title \"Hydoedd ffyrdd\"@cy ;"),
            "{ttl}"
        );
        let ld: Value = v
            .get("/datasets/gwynedd--road-lengths/dcat.jsonld")
            .await
            .json()
            .await
            .unwrap();
        assert!(
        ld["@graph"][0]["dct:description"]
            .as_array()
            .unwrap()
            .contains(&json!({"@value": "Pob ffordd y mae'r cyngor yn ei chynnal, gyda'i hyd mewn metrau.", "@language": "cy"})),
        "{ld}"
    );
        let (_, catalogue) = v.get_text("/catalogue/dcat.ttl").await;
        assert!(
            catalogue.contains("\"Data agored Civic\"@cy"),
            "{catalogue}"
        );

        // The CKAN API keeps title and notes and adds ckanext-fluent's translated objects.
        let (_, shown) = action(&v, "package_show?id=gwynedd--road-lengths").await;
        let package = &shown["result"];
        assert_eq!(package["title"], "Road lengths");
        assert_eq!(
            package["title_translated"],
            json!({"en": "Road lengths", "cy": "Hydoedd ffyrdd"})
        );
        assert_eq!(
            package["notes_translated"]["cy"],
            "Pob ffordd y mae'r cyngor yn ei chynnal, gyda'i hyd mewn metrau."
        );
        assert_eq!(
            package["resources"][0]["name_translated"]["cy"],
            "Hydoedd ffyrdd"
        );
        let (_, org) = action(&v, "organization_show?id=gwynedd").await;
        assert_eq!(
            org["result"]["title_translated"],
            json!({"en": "Gwynedd Council", "cy": "Cyngor Gwynedd"})
        );
        let (_, english_only) = action(&v, "package_show?id=northshire--road-lengths").await;
        assert_eq!(
            english_only["result"]["title_translated"],
            json!({"en": "Road lengths", "cy": ""})
        );

        // A Welsh title is found by the catalogue's search, in the API and on the page.
        let (_, found) = action(&v, "package_search?q=hydoedd").await;
        assert_eq!(found["result"]["count"], 1);
        assert_eq!(
            found["result"]["results"][0]["name"],
            "gwynedd--road-lengths"
        );
        let (_, listing) = v.get_text("/cy/catalogue?q=title%3Ahydoedd").await;
        assert!(
            listing.contains(">Hydoedd ffyrdd</a>") && listing.contains("Cyngor Gwynedd"),
            "{listing}"
        );

        // Editing keeps to the rule: the Welsh cannot be taken away.
        let edit = "/cy/staff/bodies/gwynedd/catalogue/gwynedd--road-lengths/edit";
        let (_, form) = staff.get_text(edit).await;
        assert!(form.contains("value=\"Hydoedd ffyrdd\""), "{form}");
        let fields = [
            ("title", "Road lengths"),
            ("title_cy", ""),
            ("description", "Every road the council maintains."),
            ("description_cy", "Pob ffordd."),
            ("frequency", "monthly"),
            ("column_0", "Name of the road"),
            ("column_cy_0", "Enw'r ffordd"),
        ];
        let refused = post_multipart(&staff, edit, &fields, None).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let mut fields = fields;
        fields[1] = ("title_cy", "Hydoedd y ffyrdd");
        let saved = post_multipart(&staff, edit, &fields, None).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let (_, page) = v.get_text("/cy/datasets/gwynedd--road-lengths").await;
        assert!(
            page.contains("<h1 class=\"heading-xl\">Hydoedd y ffyrdd</h1>")
                && page.contains("<span>Enw&#39;r ffordd</span>"),
            "{page}"
        );
        let csvw: Value = v
            .get(&format!(
                "{}-metadata.json",
                path_of(&package["resources"][0]["url"])
            ))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            csvw["tableSchema"]["columns"][0]["dc:description"],
            json!(["Name of the road", {"@value": "Enw'r ffordd", "@language": "cy"}])
        );
    }
);
