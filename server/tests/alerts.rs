//! Job alerts over HTTP (C7): created from a search and managed without
//! JavaScript, and RFC 8058's one-click unsubscribe.

use crate::common::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use domain::model::Role;
use sea_orm::EntityTrait;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_candidate_saves_a_search_as_an_alert_and_manages_it_without_javascript() {
    let app = TestApp::spawn().await;
    let zoe = app.signed_in("zoe@exemple.fr", Role::Candidate).await;
    let search = text(
        app.request(get("/offres?q=m%C3%A9canicien&contrat=cdi", Some(&zoe)))
            .await,
    )
    .await;
    assert!(
        search.contains(r#"action="/alertes""#),
        "the search offers an alert"
    );
    assert!(search.contains("ces 7 derniers jours"), "what to expect");
    let anonymous = text(app.get("/offres?q=m%C3%A9canicien").await).await;
    assert!(
        anonymous.contains("/connexion?suite="),
        "a visitor is led to log in and back"
    );

    let created = app
        .request(form(
            "/alertes",
            "recherche=q%3Dm%25C3%25A9canicien%26contrat%3Dcdi&frequence=hebdomadaire",
            Some(&zoe),
        ))
        .await;
    assert_eq!(location(&created), "/espace/alertes?alerte=creee");
    let page = text(app.request(get("/espace/alertes", Some(&zoe))).await).await;
    assert!(page.contains("mécanicien · CDI"), "{page}");
    assert!(page.contains("Une fois par semaine"));
    let again = app
        .request(form(
            "/alertes",
            "recherche=q%3Dm%25C3%25A9canicien%26contrat%3Dcdi&frequence=quotidienne",
            Some(&zoe),
        ))
        .await;
    assert_eq!(
        location(&again),
        "/espace/alertes?alerte=doublon",
        "one alert per search"
    );
    let told = text(
        app.request(get("/espace/alertes?alerte=doublon", Some(&zoe)))
            .await,
    )
    .await;
    assert!(told.contains("Vous avez déjà une alerte pour cette recherche"));

    let id = domain::entity::alert::Entity::find()
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let paused = app
        .request(form(
            &format!("/espace/alertes/{id}"),
            "action=pause",
            Some(&zoe),
        ))
        .await;
    assert_eq!(location(&paused), "/espace/alertes?alerte=pause");
    let page = text(app.request(get("/espace/alertes", Some(&zoe))).await).await;
    assert!(page.contains("en pause") && page.contains("Reprendre"));
    let leo = app.signed_in("leo@exemple.fr", Role::Candidate).await;
    let other = app
        .request(form(
            &format!("/espace/alertes/{id}"),
            "action=supprimer",
            Some(&leo),
        ))
        .await;
    assert_eq!(other.status(), StatusCode::NOT_FOUND, "another's alert");
    let deleted = app
        .request(form(
            &format!("/espace/alertes/{id}"),
            "action=supprimer",
            Some(&zoe),
        ))
        .await;
    assert_eq!(location(&deleted), "/espace/alertes?alerte=supprimee");
    let page = text(app.request(get("/espace/alertes", Some(&zoe))).await).await;
    assert!(page.contains("Aucune alerte pour l'instant."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_one_click_unsubscribe_post_stops_the_alert_without_a_cookie_and_a_get_changes_nothing()
{
    use domain::model::{AlertFrequency, OfferQuery};
    let app = TestApp::spawn().await;
    let zoe = domain::testing::candidate_user(&app.db.db, "zoe@exemple.fr").await;
    let now = chrono::Utc::now();
    let id = domain::alerts::create(
        &app.db.db,
        &zoe,
        &OfferQuery::from_pairs([("q", "mécanicien")]),
        None,
        AlertFrequency::Daily,
        now,
    )
    .await
    .unwrap();
    let token = domain::alerts::unsubscribe_token(&app.db.db, id, now)
        .await
        .unwrap();
    let path = format!("/alertes/desabonnement/{token}");
    let paused = || async {
        domain::entity::alert::Entity::find_by_id(id)
            .one(&app.db.db)
            .await
            .unwrap()
            .unwrap()
            .paused
    };

    let shown = app.get(&path).await;
    assert_eq!(shown.status(), StatusCode::OK);
    let shown = text(shown).await;
    assert!(
        shown.contains("Arrêter cette alerte"),
        "a button, not an action"
    );
    assert!(!paused().await, "a link scanner's GET changes nothing");

    let one_click = Request::post(&path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    let answer = app.request(one_click).await;
    assert_eq!(answer.status(), StatusCode::OK, "200, never a redirect");
    assert!(text(answer).await.contains("ne vous enverra plus"));
    assert!(paused().await);

    let unknown = Request::post("/alertes/desabonnement/jamais-vu")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
        .body(Body::from("--x\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--x--\r\n"))
        .unwrap();
    let answer = app.request(unknown).await;
    assert_eq!(
        answer.status(),
        StatusCode::OK,
        "the same answer for a token that never existed"
    );
    assert!(text(answer).await.contains("ne vous enverra plus"));
}
