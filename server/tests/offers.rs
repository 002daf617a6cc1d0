//! Saving offers over HTTP (C8).

use crate::common::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use domain::model::Role;
use sea_orm::EntityTrait;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_candidate_saves_an_offer_with_a_plain_form_and_finds_it_in_favoris() {
    let app = TestApp::spawn().await;
    let zoe = app.signed_in("zoe@exemple.fr", Role::Candidate).await;
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
async fn a_draft_cannot_be_saved_by_guessing_its_id() {
    use domain::model::OfferStatus;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let app = TestApp::spawn().await;
    let zoe = app.signed_in("zoe@exemple.fr", Role::Candidate).await;
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
