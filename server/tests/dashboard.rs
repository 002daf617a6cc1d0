//! The dashboards and the recruiter's pipeline over HTTP: where log-in
//! lands, what each role sees at a glance, moving a card by the plain form
//! and by the island's JSON, bulk refusal, and R8.

use crate::common::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use domain::model::Role;
use domain::testing::{
    PASSWORD, insert_company, insert_recruiter, insert_user, outbox, verified_candidate,
};

/// Paul's garage with one offer published over HTTP, and `candidates`
/// applied to it with their accounts: (Paul's cookie, offer id, their
/// cookies).
async fn offer_with_applications(app: &TestApp, candidates: &[&str]) -> (String, i64, Vec<String>) {
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let paul = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let paul = app.session(paul.id).await;
    let id = app
        .published_offer(&paul, "Mécanicien automobile H/F")
        .await;
    let mut cookies = Vec::new();
    for email in candidates {
        let user = insert_user(&app.db.db, email, "Zoé", Role::Candidate).await;
        let cookie = app.session(user.id).await;
        let body = multipart_body(&[("message", "Disponible.")], &[("cv", "cv.pdf", PDF)]);
        let sent = app
            .request(multipart_post(
                &format!("/offres/mecanicien-automobile-h-f-{id}/postuler"),
                body,
                Some(&cookie),
            ))
            .await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
        cookies.push(cookie);
    }
    (paul, id, cookies)
}

fn json_post(path: &str, body: &str, cookie: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, format!("{COOKIE}={cookie}"))
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_in_lands_on_the_dashboard_and_the_logo_leads_there() {
    let app = TestApp::spawn().await;
    verified_candidate(&app.db.db, "zoe@exemple.fr", "Zoé").await;
    let logged_in = app
        .request(form(
            "/connexion",
            &format!("email=zoe%40exemple.fr&mot_de_passe={}", encode(PASSWORD)),
            None,
        ))
        .await;
    assert_eq!(location(&logged_in), "/tableau-de-bord");
    let zoe = logged_in
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .and_then(|v| v.split_once('='))
        .unwrap()
        .1
        .to_owned();
    let page = text(app.request(get_as("/tableau-de-bord", &zoe)).await).await;
    assert!(
        page.contains(r#"<a href="/tableau-de-bord" class="brand">"#),
        "{page}"
    );
    assert!(page.contains("Mes dossiers") && page.contains("Créer mon dossier"));
    assert!(page.contains("Vous n'avez pas encore postulé"));
    assert!(page.contains("Aucune alerte"));

    let visitor = app.get("/tableau-de-bord").await;
    assert_eq!(
        location(&visitor),
        "/connexion?ok=session&suite=/tableau-de-bord"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_recruiter_sees_what_to_read_what_expires_the_drafts_and_what_the_company_page_lacks() {
    let app = TestApp::spawn().await;
    let (paul, id, _) = offer_with_applications(&app, &["zoe@exemple.fr", "leo@exemple.fr"]).await;
    app.request(post_as(
        "/recruteur/offres",
        &offer_body("Carrossier peintre H/F", LAWFUL, "brouillon"),
        &paul,
    ))
    .await;
    let page = text(app.request(get_as("/tableau-de-bord", &paul)).await).await;
    assert!(
        page.contains(&format!("/recruteur/offres/{id}/candidatures?non-lues=1")),
        "{page}"
    );
    assert!(page.contains("2 à lire"));
    assert!(page.contains("Carrossier peintre H/F"), "the draft");
    assert!(
        page.contains("Aucune offre n&#x27;expire dans les 7 jours")
            || page.contains("Aucune offre n'expire dans les 7 jours")
    );
    assert!(
        page.contains("il manque : le logo, un moyen de contact"),
        "{page}"
    );

    // Five days left: renewed in one click, back on the dashboard.
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let offer = domain::entity::offer::Entity::find_by_id(id)
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    let mut soon: domain::entity::offer::ActiveModel = offer.into();
    soon.expires_at = Set(Some(chrono::Utc::now() + chrono::Duration::days(5)));
    soon.update(&app.db.db).await.unwrap();
    let page = text(app.request(get_as("/tableau-de-bord", &paul)).await).await;
    assert!(page.contains("Renouveler 90 jours"), "{page}");
    let renewed = app
        .request(post_as(
            "/recruteur/offres/lot",
            &format!("action=republier&offres={id}&suite=%2Ftableau-de-bord"),
            &paul,
        ))
        .await;
    assert_eq!(
        location(&renewed),
        "/tableau-de-bord?ok=renouvelees&nombre=1"
    );
    let page = text(app.request(get_as(location(&renewed), &paul)).await).await;
    assert!(
        page.contains("L&#x27;offre est renouvelée") || page.contains("L'offre est renouvelée")
    );
    assert!(!page.contains("Renouveler 90 jours"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_candidate_sees_the_application_status_and_shows_a_dossier_in_one_tap() {
    let app = TestApp::spawn().await;
    let (_, _, zoe) = offer_with_applications(&app, &["zoe@exemple.fr"]).await;
    let zoe = &zoe[0];
    let body = multipart_body(&[("titre", "Mécanicienne")], &[("cv", "cv.pdf", PDF)]);
    let created = app
        .request(multipart_post("/espace/dossiers", body, Some(zoe)))
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let page = text(app.request(get_as("/tableau-de-bord", zoe)).await).await;
    assert!(
        page.contains("Mécanicien automobile H/F") && page.contains("Envoyée"),
        "{page}"
    );
    assert!(
        page.contains(r#"aria-pressed="false""#),
        "hidden at first: {page}"
    );
    let dossier = page
        .split(r#"action="/espace/dossiers/"#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let body = multipart_body(
        &[
            ("action", "visibilite"),
            ("visible", "1"),
            ("suite", "/tableau-de-bord"),
        ],
        &[],
    );
    let shown = app
        .request(multipart_post(
            &format!("/espace/dossiers/{dossier}"),
            body,
            Some(zoe),
        ))
        .await;
    assert_eq!(location(&shown), "/tableau-de-bord?ok=visible");
    let page = text(app.request(get_as("/tableau-de-bord", zoe)).await).await;
    assert!(page.contains(r#"aria-pressed="true""#), "{page}");

    // Somewhere off the site is not where the form comes back to.
    let body = multipart_body(
        &[
            ("action", "visibilite"),
            ("visible", "0"),
            ("suite", "//evil.example"),
        ],
        &[],
    );
    let hidden = app
        .request(multipart_post(
            &format!("/espace/dossiers/{dossier}"),
            body,
            Some(zoe),
        ))
        .await;
    assert_eq!(location(&hidden), "/espace/dossiers?ok=masque");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pipeline_moves_a_card_by_form_and_by_json_and_refuses_going_back_with_the_reason() {
    let app = TestApp::spawn().await;
    let (paul, id, zoe) =
        offer_with_applications(&app, &["zoe@exemple.fr", "leo@exemple.fr"]).await;
    let board = format!("/recruteur/offres/{id}/candidatures");
    let page = text(app.request(get_as(&board, &paul)).await).await;
    for column in [
        "Reçues",
        "Vues",
        "Présélectionnées",
        "Entretien",
        "Retenues",
        "Non retenues",
    ] {
        assert!(page.contains(column), "{column}: {page}");
    }
    let applications = app.applications().await;
    let zoe_application = applications
        .iter()
        .find(|a| a.email == "zoe@exemple.fr")
        .unwrap()
        .id;
    let leo_application = applications
        .iter()
        .find(|a| a.email == "leo@exemple.fr")
        .unwrap()
        .id;

    // The plain form comes back to the board, filters kept.
    let moved = app
        .request(post_as(
            &format!("/recruteur/candidatures/{zoe_application}"),
            &format!(
                "action=statut&statut=preselectionnee&suite={}",
                encode(&format!("{board}?avec-dossier=1"))
            ),
            &paul,
        ))
        .await;
    assert_eq!(
        location(&moved),
        format!("{board}?avec-dossier=1&ok=statut")
    );
    let mine = text(app.request(get_as("/espace/candidatures", &zoe[0])).await).await;
    assert!(
        mine.contains("Présélectionnée"),
        "the candidate sees it: {mine}"
    );
    assert!(
        outbox(&app.db.db)
            .await
            .iter()
            .any(|m| m.to_address == "zoe@exemple.fr"
                && m.text_body.contains("présélectionné votre candidature")),
        "and is told by email"
    );

    // The island's JSON: done, or refused with the French reason.
    let json = app
        .request(json_post(
            &format!("/recruteur/candidatures/{leo_application}"),
            "action=statut&statut=entretien",
            &paul,
        ))
        .await;
    assert_eq!(json.status(), StatusCode::OK);
    let back = app
        .request(json_post(
            &format!("/recruteur/candidatures/{leo_application}"),
            "action=statut&statut=envoyee",
            &paul,
        ))
        .await;
    assert_eq!(back.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(back).await.contains("ne redevient pas « reçue »"));

    // Filters: only what they name.
    let filtered = text(
        app.request(get_as(&format!("{board}?statut=entretien"), &paul))
            .await,
    )
    .await;
    assert!(
        filtered.contains("/recruteur/candidatures/")
            && filtered.contains(&format!("carte-{leo_application}"))
    );
    assert!(
        !filtered.contains(&format!("carte-{zoe_application}")),
        "{filtered}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_refusal_declines_the_ticked_cards_and_another_recruiter_touches_none() {
    let app = TestApp::spawn().await;
    let (paul, id, _) = offer_with_applications(&app, &["zoe@exemple.fr", "leo@exemple.fr"]).await;
    let board = format!("/recruteur/offres/{id}/candidatures");
    let ids: Vec<i64> = app.applications().await.iter().map(|a| a.id).collect();
    let ticked = ids
        .iter()
        .map(|i| format!("candidatures={i}"))
        .collect::<Vec<_>>()
        .join("&");

    let other = insert_company(&app.db.db, "Garage Voisin").await;
    let anne = insert_recruiter(&app.db.db, "anne@voisin.fr", &other, true).await;
    let anne = app.session(anne.id).await;
    let refused = app
        .request(post_as(&board, &format!("action=refuser&{ticked}"), &anne))
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND, "R8");
    assert_eq!(
        app.request(get_as(&board, &anne)).await.status(),
        StatusCode::NOT_FOUND
    );

    let none = app.request(post_as(&board, "action=refuser", &paul)).await;
    assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(none).await.contains("Cochez au moins une candidature"));

    let declined = app
        .request(post_as(
            &board,
            &format!("action=refuser&{ticked}&suite={}", encode(&board)),
            &paul,
        ))
        .await;
    assert_eq!(location(&declined), format!("{board}?ok=refusees&nombre=2"));
    assert!(
        app.applications()
            .await
            .iter()
            .all(|a| a.status == domain::model::ApplicationStatus::Declined)
    );
    let told = outbox(&app.db.db)
        .await
        .into_iter()
        .filter(|m| m.text_body.contains("n'a pas retenu votre candidature"))
        .count();
    assert_eq!(told, 2, "each candidate is told");
}
