//! The server over HTTP: pages rendered on the server, status codes,
//! redirects, health, and the layers every response goes through.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::routing::get;

use crate::common::{ORIGIN, TestApp, text};

#[tokio::test]
async fn an_offer_page_is_rendered_on_the_server_with_its_title_description_and_canonical_url() {
    let app = TestApp::spawn().await;

    let response = app.get(&app.offer_path).await;

    assert_eq!(response.status(), StatusCode::OK);
    let html = text(response).await;
    assert!(
        html.contains(
            "<title>Mécanicien automobile H/F — Garage du Centre à Lyon (69) | JobToMove</title>"
        ),
        "{html}"
    );
    assert!(html.contains(&format!(
        r#"<link href="{ORIGIN}{}" rel="canonical">"#,
        app.offer_path
    )));
    assert!(
        html.contains(
            r#"<meta name="description" content="Entretien et diagnostic des véhicules.""#
        )
    );
    assert!(!html.contains("noindex"), "an open offer is indexable");
}

#[tokio::test]
async fn an_offer_page_has_its_content_in_place_not_streamed_at_the_end() {
    let app = TestApp::spawn().await;

    let html = text(app.get(&app.offer_path).await).await;

    let h1 = html
        .find("<h1>Mécanicien automobile H/F</h1>")
        .expect("the title is in the HTML");
    let footer = html.find("<footer").expect("the footer is in the HTML");
    assert!(h1 < footer, "the offer comes before the footer");
    assert!(!html.contains("<template"), "nothing is left to stream in");
    assert!(
        html.contains("Salaire</dt><dd>2\u{202f}000\u{a0}€ – 2\u{202f}400\u{a0}€ brut par mois")
    );
}

#[tokio::test]
async fn an_unknown_or_malformed_offer_answers_404_with_a_french_page() {
    let app = TestApp::spawn().await;
    for path in [
        "/offres/mecanicien-999999",
        "/offres/pas-un-identifiant",
        "/offres/x-0",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let html = text(response).await;
        assert!(html.contains("Page introuvable"), "{path}");
        assert!(
            html.contains(r#"<meta name="robots" content="noindex""#),
            "{path}"
        );
    }
}

#[tokio::test]
async fn an_unknown_path_answers_404_with_the_site_around_it() {
    let app = TestApp::spawn().await;
    let response = app.get("/nimporte-quoi").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(text(response).await.contains("Page introuvable"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_form_post_answers_the_site_error_page_for_the_signed_in_visitor() {
    let app = TestApp::spawn().await;
    let candidate = app
        .signed_in("lea@exemple.fr", domain::model::Role::Candidate)
        .await;
    let refused = app
        .request(crate::common::post_as(
            "/recruteur/entreprise/membres",
            "membre=1&decision=accepter",
            &candidate,
        ))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let html = text(refused).await;
    assert!(
        html.contains("Vous n'avez pas accès à cette page."),
        "{html}"
    );
    assert!(html.contains(r#"class="site-header""#), "the site's layout");
    assert!(
        html.contains("Mes dossiers") && html.contains("Déconnexion"),
        "the header knows who is signed in"
    );
    assert!(html.contains(r#"<meta name="robots" content="noindex""#));
}

#[tokio::test]
async fn a_wrong_slug_redirects_permanently_to_the_canonical_url() {
    let app = TestApp::spawn().await;
    for path in [
        format!("/offres/ancien-titre-{}", app.offer_id),
        format!("/offres/{}", app.offer_id),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), StatusCode::MOVED_PERMANENTLY, "{path}");
        assert_eq!(
            response.headers()[header::LOCATION],
            app.offer_path.as_str()
        );
    }
}

#[tokio::test]
async fn an_expired_offer_keeps_its_page_says_so_and_is_not_indexed() {
    let app = TestApp::spawn().await;
    let response = app.get(&app.expired_path).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = text(response).await;
    assert!(html.contains("Cette offre n'est plus en ligne"));
    assert!(html.contains(r#"<meta name="robots" content="noindex""#));
    assert!(
        !html.contains("Copier le lien"),
        "no sharing of a closed offer"
    );
}

#[tokio::test]
async fn the_home_page_lists_the_latest_offers() {
    let app = TestApp::spawn().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = text(response).await;
    assert!(
        html.contains(&format!(
            r#"<a href="{}">Mécanicien automobile H/F</a>"#,
            app.offer_path
        )),
        "{html}"
    );
    assert!(
        !html.contains("Carrossier H/F"),
        "expired offers are not listed"
    );
    assert!(html.contains(r#"<html lang="fr""#));
}

#[tokio::test]
async fn ready_says_ok_while_the_database_answers_and_503_when_it_does_not_while_alive_stays_200() {
    let app = TestApp::spawn().await;
    let response = app.get("/health/ready").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(text(response).await, r#"{"status":"ok"}"#);

    app.db.db.clone().close().await.unwrap();
    let response = app.get("/health/ready").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(text(response).await, r#"{"status":"unavailable"}"#);
    let response = app.get("/health").await;
    assert_eq!(response.status(), StatusCode::OK, "alive");
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_policy_that_allows_only_their_loader_by_its_hash() {
    let app = TestApp::spawn().await;
    let response = app.get(&app.offer_path).await;
    let headers = response.headers().clone();
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
    assert_eq!(
        headers[header::REFERRER_POLICY],
        "strict-origin-when-cross-origin"
    );
    assert_eq!(
        headers[header::STRICT_TRANSPORT_SECURITY],
        "max-age=63072000; includeSubDomains"
    );
    let csp = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let html = text(response).await;
    let loader = inline_scripts(&html)
        .into_iter()
        .find(|(open, _)| open.contains(r#"type="module""#))
        .map(|(_, body)| body)
        .expect("the island loader");
    assert!(
        csp.contains(&server::http::assets::script_source(&loader)),
        "the loader is allowed by its hash: {csp}"
    );
    assert!(
        !csp.contains("'nonce-") && !html.contains("nonce="),
        "nothing in a public page needs a nonce, and the policy gives none away"
    );
    assert!(
        inline_scripts(&html)
            .iter()
            .all(|(open, _)| open.contains(r#"type="module""#)
                || open.contains(r#"type="application/ld+json""#)),
        "no other inline script runs: {:?}",
        inline_scripts(&html)
    );
}

/// The inline `<script …>` elements of a page: (opening tag, text).
fn inline_scripts(html: &str) -> Vec<(String, String)> {
    html.split("<script")
        .skip(1)
        .filter_map(|rest| {
            let open_end = rest.find('>')?;
            let close = rest.find("</script>")?;
            Some((
                rest[..open_end].to_owned(),
                rest[open_end + 1..close].to_owned(),
            ))
        })
        .collect()
}

#[tokio::test]
async fn a_page_with_server_data_keeps_the_nonce_on_its_data_scripts() {
    let app = TestApp::spawn().await;
    let zoe = app
        .signed_in("zoe@example.test", domain::model::Role::Candidate)
        .await;
    let response = app
        .request(crate::common::get_as("/tableau-de-bord", &zoe))
        .await;
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    let html = text(response).await;
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce");
    assert!(
        html.contains(&format!(
            r#"<script nonce="{nonce}">__RESOLVED_RESOURCES=["#
        )),
        "{html}"
    );
}

/// A page's first view goes in quick gzip (smaller and quicker than
/// brotli's quickest), its later views in the brotli copy kept once.
#[tokio::test]
async fn pages_are_compressed_for_browsers_that_accept_it() {
    let app = TestApp::spawn().await;
    for coding in ["gzip", "br"] {
        let response = app
            .request(
                Request::get("/")
                    .header(header::ACCEPT, "text/html")
                    .header(header::ACCEPT_ENCODING, "br, gzip")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], coding);
    }
}

#[tokio::test]
async fn a_panicking_handler_answers_500_in_french_and_the_server_lives_on() {
    async fn panicking() -> &'static str {
        panic!("secret internal detail")
    }
    let extra = Router::new().route("/panique", get(panicking));
    let app = TestApp::spawn_with(extra).await;

    let response = app.get("/panique").await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let html = text(response).await;
    assert!(html.contains("Une erreur est survenue de notre côté"));
    assert!(!html.contains("secret internal detail"));

    assert_eq!(app.get("/health").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_oversized_request_body_is_refused() {
    let app = TestApp::spawn().await;
    let body = vec![b'a'; server::http::BODY_LIMIT + 1];
    let response = app
        .request(
            Request::post("/api/anything")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::CONTENT_LENGTH, body.len())
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    for name in [
        header::X_CONTENT_TYPE_OPTIONS,
        header::X_FRAME_OPTIONS,
        header::CONTENT_SECURITY_POLICY,
        header::STRICT_TRANSPORT_SECURITY,
    ] {
        assert!(
            response.headers().contains_key(&name),
            "the refusal carries {name} too"
        );
    }
}

#[tokio::test]
async fn the_search_page_renders_results_for_the_url_with_javascript_off() {
    let app = TestApp::spawn().await;
    let response = app
        .get("/offres?q=m%C3%A9canicienne&lieu=Lyon&rayon=20")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = text(response).await;
    assert!(
        html.contains(
            "Offres d&#x27;emploi « mécanicienne » à Lyon (69) et dans un rayon de 20 km"
        ) || html
            .contains("Offres d'emploi « mécanicienne » à Lyon (69) et dans un rayon de 20 km"),
        "{html}"
    );
    assert!(html.contains(&format!(
        r#"<a href="{}">Mécanicien automobile H/F</a>"#,
        app.offer_path
    )));
    assert!(html.contains("1 offre"));
    assert!(html.contains(r#"<form method="get" action="/offres" role="search""#));
    assert!(
        html.contains(r#"value="mécanicienne""#),
        "the form keeps the words"
    );
}

#[tokio::test]
async fn a_search_that_finds_nothing_says_so_and_suggests_another() {
    let app = TestApp::spawn().await;
    let html = text(app.get("/offres?q=m%C3%A9canicien&lieu=Brest").await).await;
    assert!(html.contains("Aucune offre ne correspond à votre recherche."));
    assert!(html.contains("Partout en France (1 offre)"), "{html}");
    assert!(
        html.contains(r#"<meta name="robots" content="noindex, follow""#),
        "an empty search is not indexed"
    );
}

#[tokio::test]
async fn filtered_searches_are_not_indexed_but_keyword_searches_are() {
    let app = TestApp::spawn().await;
    let filtered = text(app.get("/offres?contrat=cdi").await).await;
    assert!(filtered.contains(r#"<meta name="robots" content="noindex, follow""#));
    let plain = text(app.get("/offres?q=m%C3%A9canicien").await).await;
    assert!(!plain.contains("noindex"));
    assert!(
        plain.contains(&format!(
            r#"<link href="{ORIGIN}/offres?q=m%C3%A9canicien" rel="canonical">"#
        )),
        "{plain}"
    );
}

#[tokio::test]
async fn an_open_offer_carries_job_posting_markup_and_a_closed_one_none() {
    let app = TestApp::spawn().await;
    let html = text(app.get(&app.offer_path).await).await;
    let start = html
        .find(r#"<script type="application/ld+json">"#)
        .expect("JSON-LD")
        + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let posting: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(posting["@type"], "JobPosting");
    assert_eq!(posting["title"], "Mécanicien automobile H/F");
    assert_eq!(posting["hiringOrganization"]["name"], "Garage du Centre");
    assert_eq!(posting["jobLocation"]["address"]["addressLocality"], "Lyon");
    assert_eq!(posting["baseSalary"]["value"]["minValue"], 2000.0);
    assert_eq!(posting["baseSalary"]["value"]["unitText"], "MONTH");
    assert_eq!(posting["employmentType"], "FULL_TIME");
    for key in [
        "description",
        "datePosted",
        "validThrough",
        "identifier",
        "directApply",
    ] {
        assert!(posting.get(key).is_some(), "{key}");
    }

    let closed = text(app.get(&app.expired_path).await).await;
    assert!(!closed.contains("application/ld+json"));
}

#[tokio::test]
async fn places_are_suggested_from_a_few_letters() {
    let app = TestApp::spawn().await;
    let response = app
        .request(
            Request::get("/api/lieux?text=vill")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let status = response.status();
    let body = text(response).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("Villeurbanne (69)"), "{body}");
}

#[tokio::test]
async fn robots_txt_points_to_the_sitemap() {
    let app = TestApp::spawn().await;
    let body = text(app.get("/robots.txt").await).await;
    assert!(
        body.contains(&format!("Sitemap: {ORIGIN}/sitemap.xml")),
        "{body}"
    );
    assert!(body.contains("Disallow: /api/"));
}

#[tokio::test]
async fn the_sitemap_index_lists_parts_with_open_offers_and_companies() {
    let app = TestApp::spawn().await;
    let response = app.get("/sitemap.xml").await;
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/xml; charset=utf-8"
    );
    let index = text(response).await;
    for part in [
        "pages.xml",
        "groupes.xml",
        "offres-1.xml",
        "entreprises-1.xml",
    ] {
        assert!(
            index.contains(&format!("<loc>{ORIGIN}/sitemaps/{part}</loc>")),
            "{part}: {index}"
        );
    }
    assert!(index.contains("<lastmod>"));

    let offers = text(app.get("/sitemaps/offres-1.xml").await).await;
    assert!(
        offers.contains(&format!("<loc>{ORIGIN}{}</loc>", app.offer_path)),
        "{offers}"
    );
    assert!(
        !offers.contains(&app.expired_path),
        "closed offers are left out"
    );
    let companies = text(app.get("/sitemaps/entreprises-1.xml").await).await;
    assert!(companies.contains("/entreprises/garage-du-centre-"));
    assert_eq!(
        app.get("/sitemaps/offres-2.xml").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/sitemaps/nimporte.xml").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_company_page_lists_its_open_offers_and_redirects_to_its_canonical_url() {
    let app = TestApp::spawn().await;
    let directory = text(app.get("/entreprises?q=centre").await).await;
    let start = directory
        .find(r#"href="/entreprises/garage-du-centre-"#)
        .expect("the garage is listed")
        + 6;
    let path = &directory[start..start + directory[start..].find('"').unwrap()];

    let page = app.get(path).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = text(page).await;
    assert!(html.contains("<h1>Garage du Centre</h1>"));
    assert!(html.contains(&format!(
        r#"<a href="{}">Mécanicien automobile H/F</a>"#,
        app.offer_path
    )));
    assert!(
        !html.contains("Carrossier H/F"),
        "the expired offer is not listed"
    );

    let id = path.rsplit('-').next().unwrap();
    let moved = app.get(&format!("/entreprises/ancien-nom-{id}")).await;
    assert_eq!(moved.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(moved.headers()[header::LOCATION], path);
    assert_eq!(
        app.get("/entreprises/inconnue-99999").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/groupes/inconnu").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_information_pages_are_served_in_french() {
    let app = TestApp::spawn().await;
    for (path, heading) in [
        ("/faq", "Questions fréquentes"),
        ("/mentions-legales", "Mentions légales"),
        ("/confidentialite", "Politique de confidentialité"),
        ("/cgu", "Conditions générales d&#x27;utilisation"),
        ("/accessibilite", "Déclaration d&#x27;accessibilité"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let html = text(response).await;
        let plain = heading.replace("&#x27;", "'");
        assert!(
            html.contains(&format!("<h1>{heading}</h1>"))
                || html.contains(&format!("<h1>{plain}</h1>")),
            "{path}"
        );
    }
    let privacy = text(app.get("/confidentialite").await).await;
    assert!(privacy.contains("2 ans"), "the retention rule is stated");
}

#[tokio::test]
async fn only_pages_with_islands_carry_the_loader_and_none_preloads_code() {
    let app = TestApp::spawn().await;
    for path in ["/", "/offres", app.offer_path.as_str()] {
        let html = text(app.get(path).await).await;
        assert!(
            html.contains(r#"import("/pkg/jobtomove.js")"#),
            "{path} has the loader"
        );
        assert!(
            !html.contains("modulepreload") && !html.contains(r#"rel="preload""#),
            "{path} preloads nothing"
        );
    }
    for path in ["/entreprises", "/faq", app.expired_path.as_str()] {
        let html = text(app.get(path).await).await;
        assert!(
            !html.contains("<script type=\"module\""),
            "{path} loads no script"
        );
        assert!(!html.contains(".wasm"), "{path}");
    }
}

#[tokio::test]
async fn a_cached_page_is_the_same_bytes_for_all_compressed_once_and_shows_a_withdrawn_offer_at_once()
 {
    let app = TestApp::spawn().await;
    let first = app.get(&app.offer_path).await;
    let first_policy = first.headers()[header::CONTENT_SECURITY_POLICY].clone();
    let first_html = text(first).await;
    let second = app.get(&app.offer_path).await;
    assert_eq!(second.headers()[header::VARY], "accept-encoding");
    assert_eq!(
        second.headers()[header::CONTENT_SECURITY_POLICY],
        first_policy
    );
    assert_eq!(text(second).await, first_html, "the same page");

    for (asked, coding) in [("gzip, deflate, br", "br"), ("gzip", "gzip")] {
        let response = app
            .request(
                Request::get(&app.offer_path)
                    .header(header::ACCEPT_ENCODING, asked)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], coding);
        let compressed = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let mut page = String::new();
        use std::io::Read;
        if coding == "br" {
            brotli::Decompressor::new(&compressed[..], 4096)
                .read_to_string(&mut page)
                .unwrap();
        } else {
            flate2::read::GzDecoder::new(&compressed[..])
                .read_to_string(&mut page)
                .unwrap();
        }
        assert_eq!(page, first_html, "{coding}: the very page");
    }

    withdraw_the_open_offer(&app).await;
    let html = text(app.get(&app.offer_path).await).await;
    assert!(
        html.contains("Cette offre n'est plus en ligne"),
        "not the cached open offer"
    );
}

/// The fixture's open offer unpublished, and the change followed.
async fn withdraw_the_open_offer(app: &TestApp) {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
    let offer = domain::entity::offer::Entity::find_by_id(app.offer_id)
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    let mut withdrawn = offer.into_active_model();
    withdrawn.status = Set(domain::model::OfferStatus::Unpublished);
    withdrawn.update(&app.db.db).await.unwrap();
    app.search.follow(&app.db.db).await.unwrap();
}

/// X4: the sitemap index groups every open offer of the catalogue (1.5 s
/// at 1,000,000 offers), so it is kept like a page — and, like a page, shows
/// a change of the catalogue at once.
#[tokio::test]
async fn the_sitemap_index_is_kept_and_shows_a_change_of_the_catalogue_at_once() {
    let app = TestApp::spawn().await;
    let first = text(app.get("/sitemap.xml").await).await;
    assert!(first.contains("/sitemaps/offres-1.xml"), "{first}");
    let again = app.get("/sitemap.xml").await;
    assert_eq!(
        again.headers()[header::CONTENT_TYPE],
        "application/xml; charset=utf-8"
    );
    assert_eq!(text(again).await, first, "the same index");

    withdraw_the_open_offer(&app).await;
    let after = text(app.get("/sitemap.xml").await).await;
    assert!(
        !after.contains("/sitemaps/offres-1.xml"),
        "no part is left with an open offer: {after}"
    );
}

/// The `<head>` of a page holds one title, made of text, and nothing a
/// hostile string slipped in.
fn assert_head_is_only_ours(html: &str, what: &str) {
    let head = &html[..html.find("</head>").expect("a head")];
    assert_eq!(head.matches("<title>").count(), 1, "{what}: one title");
    assert_eq!(head.matches("</title>").count(), 1, "{what}: closed once");
    let title = &head[head.find("<title>").unwrap() + 7..head.find("</title>").unwrap()];
    assert!(!title.contains('<'), "{what}: the title is text: {title}");
    assert!(
        !html.contains("<meta http-equiv"),
        "{what}: no refresh got in"
    );
}

const HOSTILE: &str =
    r#"</title><meta http-equiv="refresh" content="0;url=https://example.org/phish">"#;

#[tokio::test]
async fn a_hostile_search_cannot_write_into_the_head_of_the_page() {
    let app = TestApp::spawn().await;
    let q: String = form_urlencoded::byte_serialize(HOSTILE.as_bytes()).collect();
    for path in [format!("/offres?q={q}"), format!("/entreprises?q={q}")] {
        let html = text(app.get(&path).await).await;
        assert_head_is_only_ours(&html, &path);
        assert!(html.contains("&lt;/title&gt;"), "{path}: shown as typed");
    }
}

#[tokio::test]
async fn hostile_offer_titles_and_company_and_group_names_stored_before_cannot_write_into_the_head()
{
    use domain::testing::{insert_company, insert_group, insert_offer};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel};
    let app = TestApp::spawn().await;
    let db = &app.db.db;
    // Rows from before names refused markup.
    let group = insert_group(db, &format!("Groupe{HOSTILE}")).await;
    let mut company = insert_company(db, &format!("Garage{HOSTILE}"))
        .await
        .into_active_model();
    company.group_id = Set(Some(group.id));
    let company = company.update(db).await.unwrap();
    let offer = insert_offer(db, &company, "Mécanicien H/F", 1, |o| {
        o.title = Set(format!("Mécanicien H/F{HOSTILE}"))
    })
    .await;
    for path in [
        format!("/offres/{}-{}", offer.slug, offer.id),
        format!("/entreprises/{}-{}", company.slug, company.id),
        format!("/groupes/{}", group.slug),
    ] {
        let response = app.get(&path).await;
        let location = response
            .headers()
            .get(header::LOCATION)
            .map(|l| l.to_str().unwrap().to_owned());
        let html = match location {
            Some(to) => text(app.get(&to).await).await,
            None => text(response).await,
        };
        assert_head_is_only_ours(&html, &path);
    }
}

#[tokio::test]
async fn english_framework_rejections_reach_people_as_the_french_error_page() {
    let app = TestApp::spawn().await;
    let response = app.get("/fichiers/pas-un-nombre").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(
        response.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = text(response).await;
    assert!(html.contains("Cette demande est mal formée."), "{html}");
    assert!(!html.contains("Invalid URL") && !html.contains("Cannot parse"));
}

#[tokio::test]
async fn a_missing_static_file_is_not_cached_for_good() {
    let app = TestApp::spawn().await;
    let response = app.get("/pkg/jobtomove-ancien.js").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let cache = response
        .headers()
        .get(header::CACHE_CONTROL)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(
        !cache.contains("immutable") && !cache.contains("max-age"),
        "{cache}"
    );
}

#[tokio::test]
async fn a_foreign_origin_is_refused_even_when_the_host_header_agrees_with_it() {
    let app = TestApp::spawn().await;
    let response = app
        .request(
            Request::post("/deconnexion")
                .header(header::HOST, "evil.example")
                .header(header::ORIGIN, "https://evil.example")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

/// The server on a real socket, with `header_read` as its timeout.
async fn listening(header_read: std::time::Duration) -> std::net::SocketAddr {
    let app = TestApp::spawn().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let timeouts = server::http::connections::Timeouts {
        header_read,
        ..Default::default()
    };
    tokio::spawn(async move {
        let _keep = app.db;
        server::http::connections::serve(listener, app.router, timeouts, std::future::pending())
            .await;
    });
    addr
}

/// Reads until the server closes the connection; what it sent.
async fn until_closed(
    stream: &mut tokio::net::TcpStream,
    within: std::time::Duration,
) -> Option<String> {
    use tokio::io::AsyncReadExt;
    let mut seen = Vec::new();
    let read = tokio::time::timeout(within, async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    read.ok()
        .map(|()| String::from_utf8_lossy(&seen).into_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_half_sent_and_idle_connections_are_closed_by_the_server() {
    use tokio::io::AsyncWriteExt;
    let timeout = std::time::Duration::from_millis(500);
    let addr = listening(timeout).await;
    let within = std::time::Duration::from_secs(5);

    let mut silent = tokio::net::TcpStream::connect(addr).await.unwrap();
    assert!(
        until_closed(&mut silent, within).await.is_some(),
        "a silent connection"
    );

    let mut partial = tokio::net::TcpStream::connect(addr).await.unwrap();
    partial
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    assert!(
        until_closed(&mut partial, within).await.is_some(),
        "half a header"
    );

    let mut idle = tokio::net::TcpStream::connect(addr).await.unwrap();
    idle.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let answered = until_closed(&mut idle, within)
        .await
        .expect("closed once idle");
    assert!(
        answered.starts_with("HTTP/1.1 200"),
        "served first: {answered}"
    );
}

#[tokio::test]
async fn a_radius_from_the_url_that_the_form_does_not_list_is_kept_by_the_form() {
    let app = TestApp::spawn().await;
    let html = text(app.get("/offres?q=mecanicien&lieu=Lyon&rayon=30").await).await;
    assert!(html.contains("dans un rayon de 30 km"), "{html}");
    let select = &html[html.find(r#"<select id="rayon""#).unwrap()..];
    let select = &select[..select.find("</select>").unwrap()];
    assert!(
        select.contains(r#"<option value="30" selected"#),
        "sending the form again keeps 30 km: {select}"
    );
    assert_eq!(select.matches(" selected").count(), 1);
}

#[tokio::test]
async fn a_first_view_asked_in_brotli_reads_back_as_the_page_later_views_get() {
    let app = TestApp::spawn().await;
    let first = app
        .request(
            Request::get(&app.offer_path)
                .header(header::ACCEPT_ENCODING, "br")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(first.headers()[header::CONTENT_ENCODING], "br");
    let compressed = axum::body::to_bytes(first.into_body(), usize::MAX)
        .await
        .unwrap();
    let mut page = String::new();
    use std::io::Read;
    brotli::Decompressor::new(&compressed[..], 4096)
        .read_to_string(&mut page)
        .unwrap();
    assert!(page.contains("</html>"), "a whole page");
    assert_eq!(page, text(app.get(&app.offer_path).await).await);
}
