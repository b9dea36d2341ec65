//! The developer hub: every API listed with its page and its own OpenAPI document, and the
//! list in the GOV.UK API catalogue's CSV layout.

use crate::support::*;
use civic_storage::db_test;
use reqwest::StatusCode;

db_test!(the_hub_lists_every_api_with_its_document, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.visitor();
    let (status, html) = v.get_text("/developers").await;
    assert_eq!(status, StatusCode::OK);
    for api in civic_web::developers::apis::APIS {
        assert!(
            html.contains(&format!("/developers/{}\"", api.slug)),
            "{}",
            api.slug
        );
    }
    let (status, html) = v.get_text("/developers/open311").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Open311 GeoReport v2"));
    assert!(
        html.contains("/open311/v2/requests.{format}") || html.contains("/open311/v2/requests")
    );
    assert_eq!(
        v.get("/developers/nothing").await.status(),
        StatusCode::NOT_FOUND
    );
    let (status, html) = v.get_text("/cy/developers/open311").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Pwy all ei ddefnyddio"));

    let doc: serde_json::Value = v
        .get("/developers/open311/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(!paths.is_empty());
    assert!(
        paths.keys().all(|p| p.contains("open311")),
        "{:?}",
        paths.keys()
    );
    assert_eq!(doc["tags"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        v.get("/developers/nothing/openapi.json").await.status(),
        StatusCode::NOT_FOUND
    );

    let response = v.get("/developers.csv").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "dateAdded",
            "dateUpdated",
            "url",
            "name",
            "description",
            "documentation",
            "license",
            "maintainer",
            "areaServed",
            "startDate",
            "endDate",
            "provider"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), civic_web::developers::apis::APIS.len());
    let open311 = rows
        .iter()
        .find(|r| &r[3] == "Open311 GeoReport v2")
        .unwrap();
    assert!(open311[2].ends_with("/open311/v2"));
    assert!(open311[5].ends_with("/developers/open311"));
    assert!(open311[6].contains("open-government-licence"));
});
