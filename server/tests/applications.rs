//! Applications over HTTP: applying with plain multipart forms (and the
//! upload island's JSON), hostile uploads, the recruiter handling one.

use crate::common::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use domain::entity::stored_file;
use domain::model::Role;
use domain::testing::{insert_company, insert_recruiter, insert_user, outbox};
use sea_orm::{EntityTrait, PaginatorTrait};

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
    assert_eq!(app.applications().await.len(), 1);
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
    assert_eq!(app.applications().await.len(), 1);
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

    assert!(app.applications().await.is_empty());
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
    assert!(app.applications().await.is_empty());
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
async fn a_candidate_applies_with_a_dossier_and_finds_the_application_in_mes_candidatures() {
    let app = TestApp::spawn().await;
    let zoe = app.signed_in("zoe@exemple.fr", Role::Candidate).await;
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
async fn a_recruiter_opens_an_application_and_its_status_reaches_the_candidate() {
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let paul = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let paul = app.session(paul.id).await;
    let id = app
        .published_offer(&paul, "Mécanicien automobile H/F")
        .await;
    let zoe = insert_user(&app.db.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
    let zoe = app.session(zoe.id).await;
    let body = multipart_body(
        &[("message", "Disponible dès lundi.")],
        &[("cv", "cv.pdf", PDF)],
    );
    let sent = app
        .request(multipart_post(
            &format!("/offres/mecanicien-automobile-h-f-{id}/postuler"),
            body,
            Some(&zoe),
        ))
        .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);

    let list = text(app.request(get_as("/recruteur/candidatures", &paul)).await).await;
    assert!(
        list.contains("Zoé Martin") && list.contains("Envoyée"),
        "{list}"
    );
    let path = list
        .split("href=\"/recruteur/candidatures/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|id| format!("/recruteur/candidatures/{id}"))
        .unwrap();
    let opened = text(app.request(get_as(&path, &paul)).await).await;
    assert!(opened.contains("Disponible dès lundi.") && opened.contains("cv.pdf"));
    assert!(opened.contains("Vue par le recruteur"));

    let changed = app
        .request(post_as(&path, "action=statut&statut=entretien", &paul))
        .await;
    assert_eq!(location(&changed), format!("{path}?ok=statut"));
    app.request(post_as(&path, "action=note&note=Rappeler+lundi", &paul))
        .await;
    let mine = text(app.request(get_as("/espace/candidatures", &zoe)).await).await;
    assert!(mine.contains("Entretien"), "{mine}");
    assert!(!mine.contains("Rappeler lundi"), "the note is private");
}
