//! The company page's editor over HTTP: the owner edits it and its logo,
//! and accepts who joins.

use crate::common::*;
use axum::http::{StatusCode, header};
use domain::model::Role;
use domain::testing::{insert_company, insert_recruiter, insert_user};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_edits_the_company_page_and_a_colleague_is_told_whom_to_ask() {
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let owner = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let member = insert_recruiter(&app.db.db, "ines@lumiere.fr", &garage, false).await;
    let (owner, member) = (app.session(owner.id).await, app.session(member.id).await);
    let public = format!("/entreprises/garage-lumiere-{}", garage.id);
    assert!(
        text(app.get(&public).await)
            .await
            .contains("Garage Lumière"),
        "cached once"
    );

    let body = "nom=Garage+Lumi%C3%A8re+%26+Fils&activite=carrosserie&description=Carrosserie+et+peinture+depuis+1987.&commune=Lyon&site=https%3A%2F%2Flumiere.example&siret=";
    let saved = app
        .request(post_as("/recruteur/entreprise", body, &owner))
        .await;
    assert_eq!(location(&saved), "/recruteur/entreprise?ok=enregistree");
    let renamed = format!("/entreprises/garage-lumiere-fils-{}", garage.id);
    let page = text(app.get(&renamed).await).await;
    assert!(
        page.contains("Garage Lumière &amp; Fils") || page.contains("Garage Lumière & Fils"),
        "{page}"
    );
    assert!(page.contains("Carrosserie et peinture depuis 1987."));

    let refused = app
        .request(post_as(
            "/recruteur/entreprise",
            "nom=Autre+nom&activite=garage",
            &member,
        ))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let read_only = text(app.request(get_as("/recruteur/entreprise", &member)).await).await;
    assert!(
        read_only.contains("Seul le premier recruteur"),
        "{read_only}"
    );
    assert!(read_only.contains("paul@lumiere.fr"));
    assert!(!read_only.contains(r#"action="/recruteur/entreprise""#));

    let bad = app
        .request(post_as(
            "/recruteur/entreprise",
            "nom=G&activite=inconnue&siret=123",
            &owner,
        ))
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(bad).await;
    assert!(page.contains("Un nom de 2 à 120 caractères") && page.contains("14 chiffres"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_uploads_a_logo_that_shows_on_the_company_page_and_a_fake_one_is_refused() {
    use domain::testing::image;
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let owner = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let member = insert_recruiter(&app.db.db, "ines@lumiere.fr", &garage, false).await;
    let (owner, member) = (app.session(owner.id).await, app.session(member.id).await);
    let png = image("logo.png", 400, 400, image::ImageFormat::Png);

    let body = multipart_body(&[], &[("logo", "logo.png", &png.bytes)]);
    let sent = app
        .request(multipart_post(
            "/recruteur/entreprise/logo",
            body,
            Some(&owner),
        ))
        .await;
    assert_eq!(location(&sent), "/recruteur/entreprise?ok=logo");
    let page = text(
        app.get(&format!("/entreprises/garage-lumiere-{}", garage.id))
            .await,
    )
    .await;
    let src = page
        .split("src=\"/logos/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no logo on the page: {page}"));
    let served = app.get(&format!("/logos/{src}")).await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()[header::CONTENT_TYPE], "image/png");
    assert_eq!(served.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(
        served.headers()[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );

    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>";
    let body = multipart_body(&[], &[("logo", "logo.png", svg)]);
    let refused = app
        .request(multipart_post(
            "/recruteur/entreprise/logo",
            body,
            Some(&owner),
        ))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(refused).await.contains("PNG, JPEG ou WebP"));

    let body = multipart_body(&[], &[("logo", "logo.png", &png.bytes)]);
    let colleague = app
        .request(multipart_post(
            "/recruteur/entreprise/logo",
            body,
            Some(&member),
        ))
        .await;
    assert_eq!(colleague.status(), StatusCode::FORBIDDEN);

    let body = multipart_body(&[("action", "retirer")], &[]);
    let removed = app
        .request(multipart_post(
            "/recruteur/entreprise/logo",
            body,
            Some(&owner),
        ))
        .await;
    assert_eq!(location(&removed), "/recruteur/entreprise?ok=logo-retire");
    assert_eq!(
        app.get(&format!("/logos/{src}")).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_accepts_a_recruiter_who_joined_with_the_siret_and_until_then_they_cannot_publish()
 {
    use domain::testing::join_company;
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let owner = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let ivan = insert_user(&app.db.db, "ivan@exemple.fr", "Ivan", Role::Recruiter).await;
    join_company(&app.db.db, &ivan, &garage, false).await;
    let (owner_cookie, ivan_cookie) = (app.session(owner.id).await, app.session(ivan.id).await);

    let waiting = text(
        app.request(get_as("/recruteur/entreprise", &ivan_cookie))
            .await,
    )
    .await;
    assert!(
        waiting.contains("attend l'accord du responsable de sa fiche : Paul"),
        "{waiting}"
    );
    let refused = app
        .request(post_as(
            "/recruteur/offres",
            &offer_body("Mécanicien automobile H/F", LAWFUL, "publier"),
            &ivan_cookie,
        ))
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(
        text(refused)
            .await
            .contains("attend l'accord du responsable")
    );

    let requests = text(
        app.request(get_as("/recruteur/entreprise", &owner_cookie))
            .await,
    )
    .await;
    assert!(requests.contains("Demandes pour rejoindre l'entreprise"));
    assert!(requests.contains("ivan@exemple.fr"));
    let accepted = app
        .request(post_as(
            "/recruteur/entreprise/membres",
            &format!("membre={}&decision=accepter", ivan.id),
            &owner_cookie,
        ))
        .await;
    assert_eq!(
        location(&accepted),
        "/recruteur/entreprise?ok=membre-accepte#demandes"
    );
    let published = app
        .request(post_as(
            "/recruteur/offres",
            &offer_body("Mécanicien automobile H/F", LAWFUL, "publier"),
            &ivan_cookie,
        ))
        .await;
    assert_eq!(published.status(), StatusCode::SEE_OTHER);
    assert!(location(&published).ends_with("?ok=publiee"));
}
