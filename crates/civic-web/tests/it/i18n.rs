//! English and Welsh: the message files pair up, every message a page names exists, and a
//! crawl of both languages finds the right `lang`, language switches to the same page, and
//! reciprocal `hreflang` links, with no English interface text on Welsh pages.

use crate::support::*;
use civic_storage::db_test;
use fluent_syntax::ast;
use reqwest::StatusCode;
use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::collections::VecDeque;
use std::path::Path;
use std::path::PathBuf;

const CRATE: &str = env!("CARGO_MANIFEST_DIR");
const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Every `.ftl` file of a language, by file name, parsed.
fn message_files(lang: &str) -> BTreeMap<String, ast::Resource<String>> {
    let dir = Path::new(CRATE).join("locales").join(lang);
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ftl") {
            let text = std::fs::read_to_string(&path).unwrap();
            let resource = fluent_syntax::parser::parse(text)
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            files.insert(name, resource);
        }
    }
    files
}

/// Each message's id with its attributes' names (`id`, `id.attribute`).
fn ids(resource: &ast::Resource<String>) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for entry in &resource.body {
        let (id, attributes) = match entry {
            ast::Entry::Message(m) => (m.id.name.clone(), &m.attributes),
            ast::Entry::Term(t) => (format!("-{}", t.id.name), &t.attributes),
            _ => continue,
        };
        for attribute in attributes {
            ids.insert(format!("{id}.{}", attribute.id.name));
        }
        ids.insert(id);
    }
    ids
}

/// The variant keys of every selector in `pattern` that chooses by plural category.
fn plural_selectors(pattern: &ast::Pattern<String>, found: &mut Vec<BTreeSet<String>>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element
            && let ast::Expression::Select { variants, .. } = expression
        {
            let keys: BTreeSet<String> = variants
                .iter()
                .map(|v| match &v.key {
                    ast::VariantKey::Identifier { name } => name.clone(),
                    ast::VariantKey::NumberLiteral { value } => value.clone(),
                })
                .collect();
            let plural = keys
                .iter()
                .all(|k| PLURAL_FORMS.contains(&k.as_str()) || k.parse::<f64>().is_ok());
            if plural {
                found.push(keys);
            }
            for variant in variants {
                plural_selectors(&variant.value, found);
            }
        }
    }
}

#[test]
fn english_and_welsh_message_files_hold_the_same_messages() {
    let english = message_files("en-GB");
    let welsh = message_files("cy");
    assert!(english.contains_key("app.ftl"), "no app.ftl in en-GB");
    assert_eq!(
        english.keys().collect::<Vec<_>>(),
        welsh.keys().collect::<Vec<_>>(),
        "the same files in both languages"
    );
    let mut problems = Vec::new();
    let mut all = BTreeSet::new();
    for (file, en) in &english {
        let (en_ids, cy_ids) = (ids(en), ids(&welsh[file]));
        for id in en_ids.difference(&cy_ids) {
            problems.push(format!("{file}: {id} has no Welsh"));
        }
        for id in cy_ids.difference(&en_ids) {
            problems.push(format!("{file}: {id} has no English"));
        }
        for id in &en_ids {
            if !all.insert(id.clone()) {
                problems.push(format!("{file}: {id} is also in another file"));
            }
        }
    }
    for (file, cy) in &welsh {
        for entry in &cy.body {
            if let ast::Entry::Message(m) = entry {
                let mut selectors = Vec::new();
                if let Some(value) = &m.value {
                    plural_selectors(value, &mut selectors);
                }
                for attribute in &m.attributes {
                    plural_selectors(&attribute.value, &mut selectors);
                }
                for keys in selectors {
                    for form in PLURAL_FORMS {
                        if !keys.contains(form) {
                            problems.push(format!(
                                "cy/{file}: {} lacks the plural form [{form}]",
                                m.id.name
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    println!("{} message ids in each language", all.len());
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "html") {
            out.push(path);
        }
    }
}

/// String literals in `text` shaped like message ids (`feature-words`) whose first word
/// names a message file, skipping HTML attributes that hold names, not messages.
fn named_ids(text: &str, stems: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        let before = &rest[..start];
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        let literal = &after[..end];
        let attribute = [
            "class=",
            "id=",
            "for=",
            "name=",
            "aria-describedby=",
            "href=",
        ]
        .iter()
        .any(|a| before.ends_with(a));
        let shaped = literal.contains('-')
            && literal.split('-').all(|w| {
                !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if shaped
            && !attribute
            && literal
                .split('-')
                .next()
                .is_some_and(|stem| stems.contains(stem))
        {
            found.push(literal.to_string());
        }
        rest = &after[end + 1..];
    }
    found
}

#[test]
fn every_message_a_page_names_exists() {
    let english = message_files("en-GB");
    let stems: BTreeSet<String> = english
        .keys()
        .map(|f| f.trim_end_matches(".ftl").to_string())
        .collect();
    let known: BTreeSet<String> = english.values().flat_map(ids).collect();
    let mut files = Vec::new();
    sources(&Path::new(CRATE).join("src"), &mut files);
    sources(&Path::new(CRATE).join("templates"), &mut files);
    sources(&Path::new(CRATE).join("../civic-domain/src"), &mut files);
    let mut missing = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for id in named_ids(&text, &stems) {
            if !known.contains(&id) {
                missing.push(format!("{}: {id}", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no such message:\n{}",
        missing.join("\n")
    );
}

/// English interface text that a Welsh page must not show: every English message without
/// arguments whose Welsh differs, long enough not to be a name or a code.
fn english_only_phrases() -> Vec<String> {
    let english = message_files("en-GB");
    let welsh = message_files("cy");
    let text_of = |resource: &ast::Resource<String>| -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for entry in &resource.body {
            if let ast::Entry::Message(m) = entry
                && let Some(value) = &m.value
                && value
                    .elements
                    .iter()
                    .all(|e| matches!(e, ast::PatternElement::TextElement { .. }))
            {
                let text: String = value
                    .elements
                    .iter()
                    .map(|e| match e {
                        ast::PatternElement::TextElement { value } => value.as_str(),
                        ast::PatternElement::Placeable { .. } => "",
                    })
                    .collect();
                out.insert(m.id.name.clone(), text);
            }
        }
        out
    };
    let mut phrases = Vec::new();
    for (file, en) in &english {
        let cy = text_of(&welsh[file]);
        for (id, text) in text_of(en) {
            if text.split_whitespace().count() >= 3 && cy.get(&id) != Some(&text) {
                phrases.push(escape(&text));
            }
        }
    }
    phrases
}

/// Text as askama escapes it in HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

fn unescape(text: &str) -> String {
    text.replace("&amp;", "&")
        .replace("&#38;", "&")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
}

/// The values of `attribute` on every `tag` element of `html`.
fn attribute_values(html: &str, tag: &str, attribute: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let open = format!("<{tag} ");
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let element = &rest[start..];
        let end = element.find('>').unwrap_or(element.len());
        let element = &element[..end];
        let needle = format!(" {attribute}=\"");
        if let Some(at) = element.find(&needle) {
            let value = &element[at + needle.len()..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            out.push((element.to_string(), unescape(value)));
        }
        rest = &rest[start + end..];
    }
    out
}

fn attribute_of(element: &str, attribute: &str) -> Option<String> {
    let needle = format!(" {attribute}=\"");
    let at = element.find(&needle)?;
    let value = &element[at + needle.len()..];
    Some(unescape(&value[..value.find('"')?]))
}

/// `html` without the elements it marks `lang="en"` (the language switch's words, content
/// that has no Welsh yet): what must be Welsh on a Welsh page.
fn without_english_parts(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(" lang=\"en\"") {
        let Some(open) = rest[..at].rfind('<') else {
            break;
        };
        let name: String = rest[open + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        out.push_str(&rest[..open]);
        let close = format!("</{name}>");
        match rest[at..].find(&close) {
            Some(end) => rest = &rest[at + end + close.len()..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a person reads or hears of `html`: its text, and the attributes read aloud
/// (`aria-label`, `alt`, `title`, `placeholder`); not the values forms send.
fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    for attribute in ["aria-label", "alt", "title", "placeholder"] {
        for tag in [
            "a", "nav", "div", "img", "input", "section", "table", "abbr",
        ] {
            for (_, value) in attribute_values(html, tag, attribute) {
                text.push('\n');
                text.push_str(&escape(&value));
            }
        }
    }
    text
}

fn is_page_link(href: &str) -> bool {
    const DATA: [&str; 10] = [
        ".json", ".csv", ".xml", ".ttl", ".rdf", ".jsonld", ".geojson", ".atom", ".rss", ".svg",
    ];
    let path = href.split(['?', '#']).next().unwrap_or_default();
    let path = path.strip_prefix("/cy").unwrap_or(path);
    href.starts_with('/')
        && !href.starts_with("//")
        && !DATA.iter().any(|d| path.ends_with(d))
        && !path.starts_with("/api/")
        && !path.starts_with("/open311/")
        // The Open Referral UK feeds are JSON at addresses without a suffix.
        && !path.contains("/openreferral/")
        && !path.starts_with("/assets/")
        && !path.starts_with("/registers/")
        && !path.contains("/photos/")
        && !path.ends_with("/download")
        && !path.contains("/files/")
}

/// Fetches pages from `starts`, following links on this site, and checks each page's
/// language, language switch and `hreflang` links; returns how many pages it read.
async fn crawl(v: &Visitor, starts: &[&str], limit: usize) -> (usize, Vec<String>) {
    let phrases = english_only_phrases();
    let mut seen: BTreeSet<String> = starts.iter().map(|s| s.to_string()).collect();
    let mut queue: VecDeque<String> = seen.iter().cloned().collect();
    let mut problems = Vec::new();
    let mut read = 0;
    while let Some(path) = queue.pop_front() {
        if read >= limit {
            break;
        }
        let response = v.get(&path).await;
        let status = response.status();
        let is_html = response
            .headers()
            .get("content-type")
            .is_some_and(|c| c.to_str().unwrap_or_default().starts_with("text/html"));
        if status != StatusCode::OK {
            problems.push(format!("{path}: answered {status}"));
            continue;
        }
        if !is_html {
            continue;
        }
        read += 1;
        let html = response.text().await.unwrap();
        let welsh = path.starts_with("/cy/");
        let (lang, other) = if welsh { ("cy", "en") } else { ("en", "cy") };
        if !html.contains(&format!("<html lang=\"{lang}\">")) {
            problems.push(format!("{path}: not <html lang=\"{lang}\">"));
        }
        // hreflang pairs: this page and its counterpart, each naming the other.
        let alternates: BTreeMap<String, String> = attribute_values(&html, "link", "hreflang")
            .into_iter()
            .filter_map(|(element, code)| Some((code, attribute_of(&element, "href")?)))
            .collect();
        if alternates.get(lang) != Some(&path) {
            problems.push(format!(
                "{path}: hreflang {lang} is {:?}",
                alternates.get(lang)
            ));
        }
        let counterpart = alternates.get(other).cloned().unwrap_or_default();
        // The language switch links to the same page in the other language.
        let switch = attribute_values(&html, "a", "hreflang")
            .into_iter()
            .find_map(|(element, _)| attribute_of(&element, "href"));
        if switch.as_deref() != Some(counterpart.as_str()) {
            problems.push(format!(
                "{path}: language switch {switch:?}, hreflang {other} {counterpart:?}"
            ));
        }
        let response = v.get(&counterpart).await;
        if response.status() != StatusCode::OK {
            problems.push(format!(
                "{path}: its counterpart {counterpart} answered {}",
                response.status()
            ));
        } else {
            let theirs = response.text().await.unwrap();
            let back: Option<String> = attribute_values(&theirs, "link", "hreflang")
                .into_iter()
                .find(|(_, code)| code == lang)
                .and_then(|(element, _)| attribute_of(&element, "href"));
            if back.as_deref() != Some(path.as_str()) {
                problems.push(format!(
                    "{path}: {counterpart} names {back:?} as its {lang} page"
                ));
            }
        }
        if welsh {
            let interface = visible_text(&without_english_parts(&html));
            for phrase in &phrases {
                if interface.contains(phrase.as_str()) {
                    problems.push(format!("{path}: English on a Welsh page: {phrase:?}"));
                }
            }
        }
        for (element, href) in attribute_values(&html, "a", "href") {
            let href = href.split('#').next().unwrap_or_default().to_string();
            // The language switch is the one link that leaves the page's language.
            let switch = element.contains(" hreflang=");
            if is_page_link(&href) && !switch && seen.insert(href.clone()) {
                // A Welsh page's links stay in Welsh.
                if welsh && !href.starts_with("/cy/") {
                    problems.push(format!("{path}: links to English page {href}"));
                }
                queue.push_back(href);
            }
        }
    }
    (read, problems)
}

db_test!(every_page_is_there_in_both_languages_and_says_so, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let visitor = app.visitor();
    let (public, mut problems) = crawl(&visitor, &["/", "/cy/"], 400).await;
    let staff = app.signed_in("staff@northshire.example").await;
    let (staff_pages, more) = crawl(&staff, &["/staff", "/cy/staff"], 400).await;
    problems.extend(more);
    assert!(public >= 20, "only {public} public pages found");
    assert!(staff_pages >= 10, "only {staff_pages} staff pages found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
});

db_test!(a_welsh_page_redirects_and_fails_in_welsh, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.visitor();
    let (status, html) = v.get_text("/cy/nowhere").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("<html lang=\"cy\">"), "{html}");
    assert!(
        html.contains("Heb ddod o hyd i'r dudalen")
            || html.contains("Heb ddod o hyd i&#39;r dudalen"),
        "{html}"
    );
    // One address for the Welsh home page.
    let response = v.get("/cy").await;
    assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(location(&response), "/cy/");
    // A page that needs signing in sends a Welsh reader to the Welsh sign-in page.
    let response = v.get("/cy/staff").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        location(&response).starts_with("/cy/staff/login"),
        "{}",
        location(&response)
    );
    // The choice is remembered.
    let response = app.visitor().get("/cy/").await;
    let cookies: Vec<&str> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("civic_lang=cy")),
        "{cookies:?}"
    );
});

/// An email's body as text, whatever transfer encoding the mailer chose.
fn email_body(raw: &str) -> String {
    let (headers, body) = raw.split_once("\n\n").unwrap_or((raw, ""));
    let headers = headers.to_ascii_lowercase();
    if headers.contains("content-transfer-encoding: base64") {
        use base64::Engine as _;
        let joined: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(joined)
            .unwrap();
        return String::from_utf8(bytes).unwrap();
    }
    if headers.contains("content-transfer-encoding: quoted-printable") {
        let unfolded = body.replace("=\n", "");
        let mut bytes = Vec::new();
        let raw = unfolded.as_bytes();
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == b'='
                && i + 2 < raw.len()
                && let Ok(b) = u8::from_str_radix(&unfolded[i + 1..i + 3], 16)
            {
                bytes.push(b);
                i += 3;
            } else {
                bytes.push(raw[i]);
                i += 1;
            }
        }
        return String::from_utf8(bytes).unwrap();
    }
    body.to_string()
}

/// Reports a missed bin from `page` (English or Welsh), writing `language` in the form.
async fn report(v: &Visitor, page: &str, email: &str, language: Option<&str>) {
    let (status, html) = v.get_text(page).await;
    assert_eq!(status, StatusCode::OK);
    let action = attribute_values(&html, "form", "action")
        .into_iter()
        .map(|(_, a)| a)
        .find(|a| a.contains("/report/") && a.contains("csrf_token="))
        .unwrap();
    let mut form = reqwest::multipart::Form::new()
        .text("address", "12 High Street, Northam")
        .text("postcode", "zz1 1aa")
        .text("attribute[depth]", "deep")
        .text("description", "The bin was missed again.")
        .text("email", email.to_string());
    if let Some(language) = language {
        form = form.text("language", language.to_string());
    }
    // The form's action carries its anti-forgery token (a multipart body is read after it).
    let sent = v
        .client
        .post(v.url(&action))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        sent.status(),
        StatusCode::OK,
        "{}",
        sent.text().await.unwrap()
    );
}

db_test!(a_person_who_chose_welsh_is_written_to_in_welsh, |db| {
    use civic_web::app::i18n::Lang;
    let (app, sink) = spawn_seeded_with_mail(&db).await;
    let v = app.visitor();
    let (_, form) = v
        .get_text("/cy/bodies/northshire/report/report-a-missed-bin")
        .await;
    assert!(
        form.contains(r#"value="cy" checked"#),
        "a Welsh page offers Welsh first: {form}"
    );
    report(
        &v,
        "/cy/bodies/northshire/report/report-a-missed-bin",
        "cy@example.org",
        Some("cy"),
    )
    .await;
    let emails = sink.wait_for(1).await;
    let body = email_body(&emails[0]);
    assert!(
        body.contains(&Lang::Cy.t("requests-email-confirm-report-thanks")),
        "{body}"
    );
    assert!(!body.contains("Thank you"), "{body}");
    let link = link_in(&body, "http");
    let path = &link[link.find("/cy/requests/confirm/").expect("a Welsh link")..];
    let confirmed = v.get(path).await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    let page = location(&confirmed);
    assert!(page.starts_with("/cy/requests/"), "{page}");
    let id = page
        .trim_start_matches("/cy/requests/")
        .split('?')
        .next()
        .unwrap()
        .to_string();

    // An English reporter of the same problem is written to in English.
    report(
        &app.visitor(),
        "/bodies/northshire/report/report-a-missed-bin",
        "en@example.org",
        None,
    )
    .await;
    let emails = sink.wait_for(2).await;
    assert!(
        email_body(&emails[1]).contains("Thank you for your report"),
        "{}",
        emails[1]
    );

    // Every later email keeps to the language chosen.
    let staff = app.signed_in("staff@northshire.example").await;
    let update = staff
        .post_form(
            &format!("/staff/bodies/northshire/requests/{id}"),
            &[
                ("status", "in_progress"),
                ("update", "Mae criw ar y ffordd"),
            ],
        )
        .await;
    assert_eq!(update.status(), StatusCode::SEE_OTHER);
    let emails = sink.wait_for(3).await;
    let update = email_body(&emails[2]);
    assert!(
        update.contains(&Lang::Cy.t("requests-status-in-progress"))
            && update.contains("Mae criw ar y ffordd"),
        "{update}"
    );
    assert!(
        update.contains("/cy/subscriptions/unsubscribe/"),
        "{update}"
    );
});

db_test!(
    a_council_under_the_welsh_language_standards_publishes_in_both_languages,
    |db| {
        use civic_web::app::i18n::Lang;
        let app = spawn(&db).await;
        app.seed().await;
        let staff = welsh_body_staff(
            &app,
            "trefafon",
            "Riverton City Council",
            "Cyngor Dinas Trefafon",
        )
        .await;

        // English only is refused, in the language of the form, naming both Welsh fields.
        let english = service_form("Report a pothole");
        let refused = staff
            .post_form("/cy/staff/bodies/trefafon/services/new", &as_refs(&english))
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = refused.text().await.unwrap();
        for id in [
            "validation-service-name-cy-missing",
            "validation-service-description-cy-missing",
        ] {
            let message = escape(&Lang::Cy.t(id));
            assert!(html.contains(&message), "{id}: {html}");
        }
        assert!(
            app.store
                .get_service("trefafon", "report-a-pothole")
                .await
                .unwrap()
                .is_none()
        );

        // With its Welsh it is published, and each language's page shows its own.
        let mut both = english.clone();
        both.push(("name_cy", "Rhoi gwybod am dwll yn y ffordd".into()));
        both.push((
            "description_cy",
            "Rhowch wybod i ni am dwll yn y ffordd er mwyn i ni ei drwsio.".into(),
        ));
        both.push((
            "channel_assisted_digital_cy",
            "Ffoniwch ni a byddwn yn ei llenwi gyda chi.".into(),
        ));
        both.push(("accepts_requests", "yes".into()));
        let saved = staff
            .post_form("/staff/bodies/trefafon/services/new", &as_refs(&both))
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let v = app.visitor();
        let (_, welsh) = v
            .get_text("/cy/bodies/trefafon/services/report-a-pothole")
            .await;
        assert!(
            welsh.contains("<h1 class=\"heading-xl\">Rhoi gwybod am dwll yn y ffordd</h1>"),
            "{welsh}"
        );
        assert!(
            welsh.contains("Ffoniwch ni a byddwn yn ei llenwi gyda chi."),
            "{welsh}"
        );
        assert!(welsh.contains("Cyngor Dinas Trefafon"), "{welsh}");
        let (_, english_page) = v
            .get_text("/bodies/trefafon/services/report-a-pothole")
            .await;
        assert!(english_page.contains("<h1 class=\"heading-xl\">Report a pothole</h1>"));
        assert!(english_page.contains("Riverton City Council"));

        // Searching in Welsh finds a word in any mutated form: "twll" (and its nasal form
        // "nhwll") find "dwll"; an English search takes the word as typed.
        for q in ["twll", "nhwll"] {
            let (_, found) = v.get_text(&format!("/cy/services?q={q}")).await;
            assert!(
                found.contains("Rhoi gwybod am dwll yn y ffordd"),
                "{q}: {found}"
            );
            let (_, english) = v.get_text(&format!("/services?q={q}")).await;
            assert!(!english.contains("report-a-pothole"), "{q}: {english}");
        }

        // The write API holds to the same rule.
        let api = reqwest::Client::new()
            .post(format!("{}/api/bodies/trefafon/services", app.base))
            .basic_auth("staff@trefafon.example", Some(PASSWORD))
            .json(&serde_json::json!({
                "code": "LGSL 524", "name": "Report a missed bin", "description": "Tell us.",
                "digital_inclusion_level": 5,
                "channels": [{"kind": "phone", "detail": "01632 960 003"}]
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(api.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let problem: serde_json::Value = api.json().await.unwrap();
        let fields: Vec<&str> = problem["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["field"].as_str())
            .collect();
        assert_eq!(fields, ["name_cy", "description_cy"], "{problem}");

        // Open data carries both languages.
        let (_, csv) = v.get_text("/bodies/trefafon/services.csv").await;
        let header = csv.lines().next().unwrap();
        assert!(
            header.contains("name,description,name_cy,description_cy"),
            "{header}"
        );
        assert!(csv.contains("Rhoi gwybod am dwll yn y ffordd"), "{csv}");
        let json: serde_json::Value = v
            .get("/bodies/trefafon/services/report-a-pothole.json")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(json["name_cy"], "Rhoi gwybod am dwll yn y ffordd");

        // An Open311 client that asks for Welsh gets the service list in Welsh.
        let list = v
            .get_with(
                "/bodies/trefafon/open311/v2/services.json",
                &[("accept-language", "cy-GB, en;q=0.5")],
            )
            .await;
        assert_eq!(list.headers()["content-language"], "cy");
        let services: serde_json::Value = list.json().await.unwrap();
        let names: Vec<&str> = services
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| s["service_name"].as_str())
            .collect();
        assert_eq!(names, ["Rhoi gwybod am dwll yn y ffordd"], "{services}");
        let english_list: serde_json::Value = v
            .get("/bodies/trefafon/open311/v2/services.json")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(english_list[0]["service_name"], "Report a pothole");
    }
);

db_test!(english_only_content_on_a_welsh_page_says_so, |db| {
    let app = spawn(&db).await;
    app.seed().await;
    let (_, html) = app
        .visitor()
        .get_text("/cy/bodies/northshire/services/report-a-missed-bin")
        .await;
    assert!(
        html.contains("<h1 class=\"heading-xl\" lang=\"en\">Report a missed bin</h1>"),
        "{html}"
    );
    assert!(
        html.contains("Nid yw manylion y gwasanaeth hwn ar gael yn Gymraeg eto."),
        "{html}"
    );
});

db_test!(
    a_password_reset_asked_for_in_welsh_is_written_in_welsh,
    |db| {
        let (app, sink) = spawn_seeded_with_mail(&db).await;
        let v = app.visitor();
        let asked = v
            .post_form(
                "/cy/staff/forgot-password",
                &[("email", "staff@northshire.example")],
            )
            .await;
        assert_eq!(asked.status(), StatusCode::OK);
        let emails = sink.wait_for(1).await;
        assert!(
            emails[0].contains("Subject: Ailosod eich cyfrinair"),
            "{}",
            emails[0]
        );
        let body = email_body(&emails[0]);
        assert!(body.contains("/cy/staff/reset-password/"), "{body}");
        assert!(!body.contains("The link works once"), "{body}");
    }
);

db_test!(a_feed_read_at_a_welsh_address_is_in_welsh, |db| {
    use civic_web::app::i18n::Lang;
    let app = spawn(&db).await;
    app.seed().await;
    let v = app.visitor();
    let (status, welsh) = v.get_text("/cy/bodies/northshire/requests.atom").await;
    assert_eq!(status, StatusCode::OK);
    let title = Lang::Cy.t_with(
        "requests-feed-body-title",
        &[("body", "Northshire County Council".into())],
    );
    assert!(welsh.contains(&title), "{welsh}");
    assert!(welsh.contains("/cy/bodies/northshire/requests"), "{welsh}");
    let (_, english) = v.get_text("/bodies/northshire/requests.atom").await;
    assert!(
        english.contains("Problems reported to Northshire County Council"),
        "{english}"
    );
    // A Welsh page links to the Welsh feed.
    let (_, page) = v.get_text("/cy/bodies/northshire/requests").await;
    assert!(
        page.contains("href=\"/cy/bodies/northshire/requests.atom\""),
        "{page}"
    );
});

db_test!(
    a_forms_answer_switches_language_to_the_page_the_form_was_on,
    |db| {
        let app = spawn(&db).await;
        app.seed().await;
        let staff = app.signed_in("staff@northshire.example").await;
        let token = staff.csrf_token().await;
        let form = "/cy/staff/bodies/northshire/services/new";
        let refused = staff
            .client
            .post(staff.url(form))
            .header("referer", staff.url(form))
            .form(&[("csrf_token", token.as_str()), ("name", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused.headers()["content-language"], "cy");
        let html = refused.text().await.unwrap();
        // The form's address answers GET, so the switch goes back to the form in English.
        assert!(
            html.contains(
                r#"<a href="/staff/bodies/northshire/services/new" rel="alternate" lang="en""#
            ),
            "{html}"
        );
    }
);
