//! Dossiers and the CVthèque over HTTP.

use crate::common::*;
use axum::http::StatusCode;
use domain::model::Role;
use domain::testing::{insert_company, insert_recruiter, insert_user};
use sea_orm::EntityTrait;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_letter_that_closes_its_textarea_stays_text_in_the_form() {
    let app = TestApp::spawn().await;
    let zoe = app.signed_in("zoe@exemple.fr", Role::Candidate).await;
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
async fn the_cvtheque_shows_visible_dossiers_to_recruiters_and_hides_the_others() {
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let paul = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let paul = app.session(paul.id).await;
    let zoe = insert_user(&app.db.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
    let zoe_cookie = app.session(zoe.id).await;
    for (title, visible) in [
        ("Mécanicienne poids lourds", "1"),
        ("Carrossière discrète", ""),
    ] {
        let body = multipart_body(
            &[("titre", title), ("visible", visible)],
            &[("cv", "cv.pdf", PDF)],
        );
        app.request(multipart_post("/espace/dossiers", body, Some(&zoe_cookie)))
            .await;
    }
    let page = text(app.request(get_as("/recruteur/cvtheque", &paul)).await).await;
    assert!(page.contains("Mécanicienne poids lourds"), "{page}");
    assert!(!page.contains("Carrossière discrète"));
    assert!(page.contains("1 dossier visible"));
    let none = text(
        app.request(get_as("/recruteur/cvtheque?q=carrossiere", &paul))
            .await,
    )
    .await;
    assert!(none.contains("Aucun dossier visible ne correspond"));
    let candidate_denied = app
        .request(get_as("/recruteur/cvtheque", &zoe_cookie))
        .await;
    assert_eq!(candidate_denied.status(), StatusCode::FORBIDDEN);

    let favored = app
        .request(post_as(
            "/recruteur/favoris",
            &format!("candidat={}&favori=1&suite=/recruteur/cvtheque", zoe.id),
            &paul,
        ))
        .await;
    assert_eq!(location(&favored), "/recruteur/cvtheque");
    let favorites = text(app.request(get_as("/recruteur/favoris", &paul)).await).await;
    assert!(favorites.contains("Mécanicienne poids lourds"));
}
