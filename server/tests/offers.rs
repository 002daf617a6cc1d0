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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_imported_offer_names_its_source_and_sends_candidates_to_france_travail() {
    use domain::model::{ApplyMethod, OfferSource};
    use sea_orm::ActiveValue::Set;
    let app = TestApp::spawn().await;
    let garage = domain::entity::company::Entity::find()
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    let origin = "https://candidat.francetravail.fr/offres/recherche/detail/203KQZB";
    let imported =
        domain::testing::insert_offer(&app.db.db, &garage, "Carrossier peintre (H/F)", 2, |o| {
            o.company_id = Set(None);
            o.employer_name = Set(Some("CARROSSERIE FICTIVE".into()));
            o.source = Set(OfferSource::FranceTravail);
            o.source_id = Set(Some("203KQZB".into()));
            o.apply_method = Set(ApplyMethod::External);
            o.apply_url = Set(Some(origin.into()));
            o.salary_min_cents = Set(None);
            o.salary_max_cents = Set(None);
            o.salary_period = Set(None);
        })
        .await;
    app.search.follow(&app.db.db).await.unwrap();
    let path = domain::model::offer_path(&imported.slug, imported.id);
    let page = text(app.get(&path).await).await;
    assert!(page.contains("CARROSSERIE FICTIVE"), "the employer as text");
    assert!(page.contains("Source : France Travail"));
    assert!(page.contains("Postuler sur France Travail"));
    assert!(
        page.contains(&format!(r#"href="{origin}" rel="nofollow noopener""#)),
        "{page}"
    );
    assert!(
        !page.contains("/postuler\""),
        "no application form on the portal"
    );
    assert!(
        page.contains(r#""directApply":false"#),
        "truthful JobPosting markup"
    );
    assert!(page.contains("Salaire non communiqué"));

    let body = multipart_body(
        &[("email", "zoe@exemple.fr")],
        &[("cv", "cv.pdf", b"%PDF-1.4 cv")],
    );
    let refused = app
        .request(multipart_post(&format!("{path}/postuler"), body, None))
        .await;
    let answer = refused
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(
        !answer.contains("envoyee"),
        "no one-click application: {answer}"
    );
    assert!(app.applications().await.is_empty());

    let search = text(app.get("/offres?source=france-travail").await).await;
    assert!(search.contains("Carrossier peintre (H/F)"));
    assert!(
        !search.contains("Mécanicien automobile H/F"),
        "the source filter"
    );
}
