//! Saving offers over HTTP (C8).

use crate::common::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use domain::model::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persons_views_of_an_offer_page_are_counted_but_not_a_robots_or_a_prefetch() {
    let app = TestApp::spawn().await;
    let phone = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36";
    let robot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    let visit = |path: &str, agent: &str, prefetch: bool| {
        let mut request = Request::get(path)
            .header(header::ACCEPT, "text/html")
            .header(header::USER_AGENT, agent);
        if prefetch {
            request = request.header("sec-purpose", "prefetch");
        }
        request.body(Body::empty()).unwrap()
    };
    // Rendered once, then from the page cache: two views.
    for _ in 0..2 {
        let page = app.request(visit(&app.offer_path, phone, false)).await;
        assert_eq!(page.status(), StatusCode::OK);
    }
    let robot_page = app.request(visit(&app.offer_path, robot, false)).await;
    assert_eq!(robot_page.status(), StatusCode::OK, "robots read the page");
    app.request(visit(&app.offer_path, phone, true)).await;
    app.request(visit(&app.offer_path, "curl/8.5.0", false))
        .await;
    let wrong_slug = app
        .request(visit(&format!("/offres/x-{}", app.offer_id), phone, false))
        .await;
    assert!(
        wrong_slug.status().is_redirection(),
        "{}",
        wrong_slug.status()
    );
    app.request(visit(&format!("{}/postuler", app.offer_path), phone, false))
        .await;

    let counted = app.views.take();
    assert_eq!(
        counted,
        [(app.offer_id, 2)].into(),
        "only the person's two visits"
    );
    domain::offers::add_views(&app.db.db, &counted)
        .await
        .unwrap();
    let garage = domain::entity::company::Entity::find()
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    let paul = domain::testing::insert_recruiter(&app.db.db, "paul@garage.fr", &garage, true).await;
    // "Suivi des offres" lists the offers Paul published.
    domain::entity::offer::Entity::update_many()
        .col_expr(
            domain::entity::offer::Column::RecruiterId,
            sea_orm::sea_query::Expr::value(paul.id),
        )
        .filter(domain::entity::offer::Column::Id.eq(app.offer_id))
        .exec(&app.db.db)
        .await
        .unwrap();
    let cookie = app.session(paul.id).await;
    let follow_up = text(app.request(get_as("/recruteur/offres", &cookie)).await).await;
    assert!(follow_up.contains("2 vues"), "{follow_up}");
}
