#![recursion_limit = "256"]
//! The candidate space over HTTP: applying with plain multipart forms,
//! hostile uploads, downloads and their headers, dossiers and saved offers.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::Utc;
use common::{BOUNDARY, TestApp, location, multipart_body, multipart_post, text};
use domain::auth::sessions;
use domain::entity::{application, stored_file};
use domain::model::Role;
use domain::testing::{insert_user, outbox};
use sea_orm::{EntityTrait, PaginatorTrait};

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

async fn signed_in(app: &TestApp, email: &str, role: Role) -> String {
    let user = insert_user(&app.db.db, email, "Zoé", role).await;
    sessions::start(&app.db.db, user.id, "198.51.100.1", "test", Utc::now())
        .await
        .unwrap()
}

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path).header(header::ACCEPT, "text/html");
    if let Some(secret) = cookie {
        request = request.header(header::COOKIE, format!("__Host-jtm_session={secret}"));
    }
    request.body(Body::empty()).unwrap()
}

async fn applications(app: &TestApp) -> Vec<application::Model> {
    application::Entity::find().all(&app.db.db).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_applies_with_an_email_and_a_cv_and_sees_the_confirmation() {
    let app = TestApp::spawn().await;
    let apply = format!("{}/postuler", app.offer_path);
    let body = multipart_body(
        &[("email", "lea@exemple.fr"), ("site_web", "")],
        &[("cv", "CV Léa.pdf", PDF)],
    );
    let response = app.request(multipart_post(&apply, body, None)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        format!("{}?candidature=envoyee#postuler", app.offer_path)
    );
    assert_eq!(applications(&app).await.len(), 1);
    assert!(
        outbox(&app.db.db)
            .await
            .iter()
            .any(|m| m.to_address == "lea@exemple.fr")
    );

    let page = text(
        app.get(&format!("{}?candidature=envoyee", app.offer_path))
            .await,
    )
    .await;
    assert!(page.contains("Votre candidature est envoyée"), "{page}");

    // The same address again: held until the address confirms it.
    let body = multipart_body(&[("email", "lea@exemple.fr")], &[("cv", "cv-2.pdf", PDF)]);
    let again = app.request(multipart_post(&apply, body, None)).await;
    assert!(location(&again).contains("candidature=a-confirmer"));
    let page = text(app.get(location(&again)).await).await;
    assert!(page.contains("suivez le lien que nous venons de vous envoyer"));
    let link = outbox(&app.db.db).await.pop().unwrap();
    assert_eq!(link.to_address, "lea@exemple.fr");
    let token = domain::testing::token_in(&link.text_body, "/candidature/remplacer");
    let confirm_page = text(
        app.get(&format!("/candidature/remplacer?jeton={token}"))
            .await,
    )
    .await;
    assert!(confirm_page.contains("Remplacer ma candidature"));
    let confirmed = app
        .request(
            Request::post("/candidature/remplacer")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(format!("jeton={token}")))
                .unwrap(),
        )
        .await;
    assert_eq!(
        location(&confirmed),
        format!("{}?candidature=remplacee#postuler", app.offer_path)
    );
    assert_eq!(applications(&app).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_offer_page_has_a_one_click_form_that_works_without_javascript() {
    let app = TestApp::spawn().await;
    let page = text(app.get(&app.offer_path).await).await;
    assert!(page.contains(r#"enctype="multipart/form-data""#));
    assert!(page.contains(&format!(r#"action="{}/postuler""#, app.offer_path)));
    assert!(page.contains(r#"name="email""#) && page.contains(r#"name="cv""#));
    assert!(page.contains(r#"name="site_web""#), "the honeypot");
    let expired = text(app.get(&app.expired_path).await).await;
    assert!(!expired.contains("/postuler"), "no form on a closed offer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_uploads_are_refused_with_a_french_message_and_nothing_is_kept() {
    let app = TestApp::spawn().await;
    let apply = format!("{}/postuler", app.offer_path);
    let html = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>";
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    for (name, bytes) in [("cv.pdf", &html[..]), ("photo.pdf", &svg[..])] {
        let body = multipart_body(&[("email", "lea@exemple.fr")], &[("cv", name, bytes)]);
        let response = app.request(multipart_post(&apply, body, None)).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(response).await;
        assert!(page.contains("ni un PDF"), "{page}");
        assert!(page.contains("choisissez de nouveau vos fichiers"));
        assert!(page.contains("lea@exemple.fr"), "what was typed is kept");
    }

    // Over 5 MB: refused while reading, whatever the request says.
    let mut big = PDF.to_vec();
    big.resize(5 * 1024 * 1024 + 10, b' ');
    let body = multipart_body(&[("email", "lea@exemple.fr")], &[("cv", "cv.pdf", &big)]);
    let response = app.request(multipart_post(&apply, body, None)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(response).await.contains("dépasse 5 Mo"));

    assert!(applications(&app).await.is_empty());
    assert_eq!(
        stored_file::Entity::find().count(&app.db.db).await.unwrap(),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_multipart_bodies_get_a_400_never_a_panic() {
    let app = TestApp::spawn().await;
    let apply = format!("{}/postuler", app.offer_path);
    let whole = multipart_body(&[("email", "lea@exemple.fr")], &[("cv", "cv.pdf", PDF)]);
    let truncated = whole[..whole.len() / 2].to_vec();
    let response = app.request(multipart_post(&apply, truncated, None)).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    let wrong_boundary = Request::post(&apply)
        .header(
            header::CONTENT_TYPE,
            "multipart/form-data; boundary=autre-chose",
        )
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(whole.clone()))
        .unwrap();
    assert_eq!(
        app.request(wrong_boundary).await.status(),
        StatusCode::BAD_REQUEST
    );

    let no_boundary = Request::post(&apply)
        .header(header::CONTENT_TYPE, "multipart/form-data")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(whole.clone()))
        .unwrap();
    assert_eq!(
        app.request(no_boundary).await.status(),
        StatusCode::BAD_REQUEST
    );

    let garbage = Request::post(&apply)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(vec![0xff_u8; 4096]))
        .unwrap();
    assert_eq!(app.request(garbage).await.status(), StatusCode::BAD_REQUEST);

    let huge_claim = Request::post(&apply)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::CONTENT_LENGTH, "900000000")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(whole))
        .unwrap();
    assert_eq!(
        app.request(huge_claim).await.status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    assert!(applications(&app).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_upload_island_gets_the_same_answers_as_json() {
    let app = TestApp::spawn().await;
    let apply = format!("{}/postuler", app.offer_path);
    let mut request = multipart_post(
        &apply,
        multipart_body(&[("email", "pas-une-adresse")], &[]),
        None,
    );
    request
        .headers_mut()
        .insert(header::ACCEPT, "application/json".parse().unwrap());
    let refused = app.request(request).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = serde_json::from_str(&text(refused).await).unwrap();
    assert!(
        body["errors"]["cv"]
            .as_str()
            .unwrap()
            .contains("Joignez votre CV")
    );
    assert!(body["errors"]["email"].is_string());

    let mut request = multipart_post(
        &apply,
        multipart_body(&[("email", "lea@exemple.fr")], &[("cv", "cv.pdf", PDF)]),
        None,
    );
    request
        .headers_mut()
        .insert(header::ACCEPT, "application/json".parse().unwrap());
    let sent = app.request(request).await;
    assert_eq!(sent.status(), StatusCode::OK);
    let body: serde_json::Value = serde_json::from_str(&text(sent).await).unwrap();
    assert!(
        body["redirect"]
            .as_str()
            .unwrap()
            .ends_with("?candidature=envoyee#postuler")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_are_downloaded_as_attachments_by_their_readers_only() {
    let app = TestApp::spawn().await;
    let zoe = signed_in(&app, "zoe@exemple.fr", Role::Candidate).await;
    let max = signed_in(&app, "max@exemple.fr", Role::Candidate).await;
    let body = multipart_body(
        &[("titre", "Mécanicienne"), ("visible", "")],
        &[("cv", "C:\\Users\\zoe\\CV Zoé <2026>.pdf", PDF)],
    );
    let created = app
        .request(multipart_post("/espace/dossiers", body, Some(&zoe)))
        .await;
    assert_eq!(location(&created), "/espace/dossiers?ok=cree");
    let file = stored_file::Entity::find()
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    let path = format!("/fichiers/{}", file.id);

    let download = app.request(get(&path, Some(&zoe))).await;
    assert_eq!(download.status(), StatusCode::OK);
    let headers = download.headers();
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"CV Zo_ 2026.pdf\""),
        "{disposition}"
    );
    assert!(
        disposition.contains("filename*=UTF-8''CV%20Zo%C3%A9%202026.pdf"),
        "{disposition}"
    );
    assert_eq!(text(download).await.as_bytes(), PDF);

    assert_eq!(
        app.request(get(&path, Some(&max))).await.status(),
        StatusCode::NOT_FOUND
    );
    let anonymous = app.request(get(&path, None)).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert!(location(&anonymous).starts_with("/connexion"));

    let page = text(app.request(get("/espace/dossiers", Some(&zoe))).await).await;
    assert!(page.contains("Mécanicienne") && page.contains(&path));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_candidate_applies_with_a_dossier_and_finds_the_application_in_mes_candidatures() {
    let app = TestApp::spawn().await;
    let zoe = signed_in(&app, "zoe@exemple.fr", Role::Candidate).await;
    let body = multipart_body(
        &[("titre", "Mécanicienne"), ("visible", "1")],
        &[("cv", "cv.pdf", PDF)],
    );
    app.request(multipart_post("/espace/dossiers", body, Some(&zoe)))
        .await;
    let offer = text(app.request(get(&app.offer_path, Some(&zoe))).await).await;
    assert!(offer.contains("Avec un de mes dossiers") && offer.contains("Mécanicienne"));
    let dossier = domain::entity::dossier::Entity::find()
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();

    let body = multipart_body(
        &[
            ("dossier", &dossier.id.to_string()),
            ("message", "Disponible lundi."),
        ],
        &[],
    );
    let sent = app
        .request(multipart_post(
            &format!("{}/postuler", app.offer_path),
            body,
            Some(&zoe),
        ))
        .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER, "{}", text(sent).await);
    let page = text(app.request(get("/espace/candidatures", Some(&zoe))).await).await;
    assert!(page.contains("Mécanicien automobile H/F"), "{page}");
    assert!(page.contains("Envoyée"));
    assert!(page.contains("avec le dossier « Mécanicienne »"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_candidate_saves_an_offer_with_a_plain_form_and_finds_it_in_favoris() {
    let app = TestApp::spawn().await;
    let zoe = signed_in(&app, "zoe@exemple.fr", Role::Candidate).await;
    let save = Request::post(format!("{}/favori", app.offer_path))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("__Host-jtm_session={zoe}"))
        .header("sec-fetch-site", "same-origin")
        .body(Body::from("enregistrer=1"))
        .unwrap();
    let saved = app.request(save).await;
    assert_eq!(location(&saved), app.offer_path);
    let page = text(app.request(get("/espace/favoris", Some(&zoe))).await).await;
    assert!(page.contains("Mécanicien automobile H/F"));
    assert!(page.contains(r#"aria-pressed="true""#));
    let offer = text(app.request(get(&app.offer_path, Some(&zoe))).await).await;
    assert!(offer.contains(r#"aria-pressed="true""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profile_of_a_candidate_has_the_encart_jaune_and_saves_it() {
    let app = TestApp::spawn().await;
    let zoe = signed_in(&app, "zoe@exemple.fr", Role::Candidate).await;
    let page = text(app.request(get("/espace/profil", Some(&zoe))).await).await;
    assert!(page.contains("Mon profil candidat"));
    let post = |body: &'static str| {
        Request::post("/espace/profil")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, format!("__Host-jtm_session={zoe}"))
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .unwrap()
    };
    let refused = app
        .request(post(
            "action=candidat&diplomes=cap&diplomes=inconnu&lieu_1=Atlantide",
        ))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(refused).await;
    assert!(page.contains("Commune introuvable"));
    assert!(page.contains("Atlantide"), "what was typed is kept");
    let saved = app
        .request(post(
            "action=candidat&diplomes=cap&diplomes=bts&lieu_1=Lyon&mobilite=30&permis=b",
        ))
        .await;
    assert_eq!(location(&saved), "/espace/profil?ok=candidat#encart");
    let page = text(
        app.request(get("/espace/profil?ok=candidat", Some(&zoe)))
            .await,
    )
    .await;
    assert!(page.contains("Votre profil candidat est enregistré"));
    assert!(page.contains(r#"value="Lyon (69)""#), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_sent_as_html_is_downloaded_with_the_extension_of_what_it_is() {
    let app = TestApp::spawn().await;
    let zoe = signed_in(&app, "zoe@exemple.fr", Role::Candidate).await;
    // Starts like a PDF, carries a page: opened from disk as .html, it runs.
    let polyglot = b"%PDF-1.4\n<html><script>alert(document.domain)</script></html>";
    let body = multipart_body(&[("titre", "Mécanicienne")], &[("cv", "cv.html", polyglot)]);
    let created = app
        .request(multipart_post("/espace/dossiers", body, Some(&zoe)))
        .await;
    assert_eq!(location(&created), "/espace/dossiers?ok=cree");
    let file = stored_file::Entity::find()
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(file.name, "cv.pdf", "shown under the name it is saved with");
    let download = app
        .request(get(&format!("/fichiers/{}", file.id), Some(&zoe)))
        .await;
    let disposition = download.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"cv.pdf\""),
        "{disposition}"
    );
    assert_eq!(download.headers()[header::CONTENT_TYPE], "application/pdf");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_letter_that_closes_its_textarea_stays_text_in_the_form() {
    let app = TestApp::spawn().await;
    let zoe = signed_in(&app, "zoe@exemple.fr", Role::Candidate).await;
    let hostile = "Madame,</textarea><script>alert(1)</script><p id=\"injecte\">";
    let body = multipart_body(
        &[("titre", "Mécanicienne"), ("lettre_texte", hostile)],
        &[("cv", "cv.pdf", PDF)],
    );
    let created = app
        .request(multipart_post("/espace/dossiers", body, Some(&zoe)))
        .await;
    assert_eq!(location(&created), "/espace/dossiers?ok=cree");
    let dossier = domain::entity::dossier::Entity::find()
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    let html = text(
        app.request(get(&format!("/espace/dossiers/{}", dossier.id), Some(&zoe)))
            .await,
    )
    .await;
    assert!(
        html.contains("Madame,&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the letter is text inside its field"
    );
    assert!(!html.contains("id=\"injecte\""), "no markup got out of it");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_cannot_be_saved_by_guessing_its_id() {
    use domain::model::OfferStatus;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let app = TestApp::spawn().await;
    let zoe = signed_in(&app, "zoe@exemple.fr", Role::Candidate).await;
    let offer = domain::entity::offer::Entity::find_by_id(app.offer_id)
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    let mut draft: domain::entity::offer::ActiveModel = offer.into();
    draft.status = Set(OfferStatus::Draft);
    draft.update(&app.db.db).await.unwrap();
    let save = Request::post(format!("/offres/x-{}/favori", app.offer_id))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("__Host-jtm_session={zoe}"))
        .header("sec-fetch-site", "same-origin")
        .body(Body::from("enregistrer=1"))
        .unwrap();
    assert_eq!(app.request(save).await.status(), StatusCode::NOT_FOUND);
    let saved = text(app.request(get("/espace/favoris", Some(&zoe))).await).await;
    assert!(!saved.contains("Mécanicien automobile H/F"));
}
