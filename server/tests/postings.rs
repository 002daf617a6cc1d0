//! A recruiter's offers over HTTP: publishing (and the lawful-ad refusal),
//! R8 between colleagues, the rich editor.

use crate::common::*;
use axum::body::Body;
use axum::http::StatusCode;
use axum::http::{Request, header};
use domain::testing::{insert_company, insert_recruiter};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recruiter_publishes_an_offer_and_a_discriminatory_one_comes_back_with_the_reason() {
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let paul = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let cookie = app.session(paul.id).await;

    let page = text(
        app.request(get_as("/recruteur/offres/nouvelle", &cookie))
            .await,
    )
    .await;
    assert!(
        page.contains(r#"action="/recruteur/offres""#)
            && page.contains("Salaire brut (obligatoire)")
    );

    let refused = app
        .request(post_as(
            "/recruteur/offres",
            &offer_body(
                "Mécanicien automobile",
                "Nous cherchons un jeune homme motivé pour notre atelier de réparation automobile.",
                "publier",
            ),
            &cookie,
        ))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(refused).await;
    assert!(page.contains("ne peut pas être publiée"), "{page}");
    assert!(page.contains("« jeune »") && page.contains("H/F"));
    assert!(
        page.contains("Mécanicien automobile"),
        "what was typed is kept"
    );
    assert!(
        text(app.request(get_as("/recruteur/offres", &cookie)).await)
            .await
            .contains("Aucune offre ici"),
        "nothing written"
    );

    let published = app
        .request(post_as(
            "/recruteur/offres",
            &offer_body("Mécanicien automobile H/F", LAWFUL, "publier"),
            &cookie,
        ))
        .await;
    assert_eq!(published.status(), StatusCode::SEE_OTHER);
    let edit = location(&published).to_owned();
    assert!(edit.ends_with("?ok=publiee"), "{edit}");
    let page = text(app.request(get_as(&edit, &cookie)).await).await;
    assert!(page.contains("L'offre est publiée pour trois mois"));
    assert!(page.contains("Publiée"));
    let list = text(app.request(get_as("/recruteur/offres", &cookie)).await).await;
    assert!(list.contains("Mécanicien automobile H/F") && list.contains("0 candidature"));

    let id = edit
        .trim_start_matches("/recruteur/offres/")
        .split('?')
        .next()
        .unwrap();
    let unpublished = app
        .request(post_as(
            "/recruteur/offres/lot",
            &format!("action=depublier&offres={id}"),
            &cookie,
        ))
        .await;
    assert_eq!(
        location(&unpublished),
        "/recruteur/offres?ok=depubliees&nombre=1"
    );
    let list = text(
        app.request(get_as("/recruteur/offres?ok=depubliees&nombre=1", &cookie))
            .await,
    )
    .await;
    assert!(list.contains("Offres dépubliées : 1"), "{list}");
    let none = app
        .request(post_as(
            "/recruteur/offres/lot",
            "action=republier",
            &cookie,
        ))
        .await;
    assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_colleague_of_the_same_company_cannot_see_or_change_the_offer() {
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let paul = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let ines = insert_recruiter(&app.db.db, "ines@lumiere.fr", &garage, false).await;
    let (paul, ines) = (app.session(paul.id).await, app.session(ines.id).await);
    let created = app
        .request(post_as(
            "/recruteur/offres",
            &offer_body("Carrossier H/F", LAWFUL, "brouillon"),
            &paul,
        ))
        .await;
    let edit = location(&created).split('?').next().unwrap().to_owned();
    assert_eq!(
        app.request(get_as(&edit, &ines)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.request(post_as(&edit, "action=supprimer", &ines))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.request(get_as(&edit, &paul)).await.status(),
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rich_editor_keeps_its_formatting_and_nothing_hostile() {
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let paul = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let cookie = app.session(paul.id).await;
    let html = format!(
        "<div><b>Atelier</b> de six personnes</div><h3>Missions</h3><ul><li>{LAWFUL}</li></ul><img src=x onerror=alert(1)><script>alert(2)</script>"
    );
    let body = format!(
        "{}&description_format=html",
        offer_body("Mécanicien automobile H/F", &html, "publier")
    );
    let published = app
        .request(post_as("/recruteur/offres", &body, &cookie))
        .await;
    let to = location(&published).to_owned();
    assert!(to.ends_with("?ok=publiee"), "{to}");
    let editor = text(app.request(get_as(&to, &cookie)).await).await;
    assert!(
        editor.contains("<p><b>Atelier</b> de six personnes</p><h3>Missions</h3><ul><li>"),
        "the editor starts from the stored HTML: {editor}"
    );
    assert!(!editor.contains("onerror") && !editor.contains("alert(2)"));

    // Refused (no salary): the editor gets back only what the server cleaned,
    // and an injected `description_editeur` is ignored.
    let body = format!(
        "{}&description_format=html&description_editeur=%3Cscript%3Ealert(3)%3C%2Fscript%3E",
        offer_body("Mécanicien automobile H/F", &html, "publier")
            .replace("salaire_min=2100", "salaire_min=")
    );
    let refused = app
        .request(post_as("/recruteur/offres", &body, &cookie))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(refused).await;
    assert!(page.contains("<b>Atelier</b> de six personnes"), "{page}");
    assert!(
        !page.contains("onerror") && !page.contains("alert(2)") && !page.contains("alert(3)"),
        "{page}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_posted_after_the_session_ended_leads_to_the_log_in_page_and_back_to_the_form() {
    let app = TestApp::spawn().await;
    let posted = |referer: &'static str| {
        Request::post("/recruteur/offres")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .header(header::REFERER, referer)
            .body(Body::from(offer_body("Mécanicien H/F", LAWFUL, "publier")))
            .unwrap()
    };
    let ours = app
        .request(posted(
            "https://www.jobtomove.test/recruteur/offres/nouvelle",
        ))
        .await;
    assert_eq!(
        location(&ours),
        "/connexion?ok=session&suite=%2Frecruteur%2Foffres%2Fnouvelle"
    );
    let elsewhere = app
        .request(posted("https://evil.example/recruteur/offres/nouvelle"))
        .await;
    assert_eq!(
        location(&elsewhere),
        "/connexion?ok=session",
        "never another site"
    );
}
