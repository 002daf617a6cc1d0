//! Accounts over HTTP: the forms work without JavaScript, sessions ride an
//! HttpOnly cookie, cross-site posts are refused, the candidate's profile.

use crate::common::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::Utc;
use domain::auth::sessions;
use domain::model::Role;
use domain::testing::{PASSWORD, outbox, token_in, verified_candidate};

#[tokio::test]
async fn a_visitor_signs_up_confirms_and_logs_in_with_plain_forms() {
    let app = TestApp::spawn().await;
    let body = format!(
        "prenom=Zo%C3%A9&nom=Martin&email=zoe%40exemple.fr&mot_de_passe={}&cgu=on",
        encode(PASSWORD)
    );
    let signed_up = app.request(form("/inscription", &body, None)).await;
    assert_eq!(signed_up.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&signed_up), "/connexion?ok=inscription");
    let page = text(app.get("/connexion?ok=inscription").await).await;
    assert!(page.contains("Votre compte est créé"));

    let mail = outbox(&app.db.db).await.pop().unwrap();
    let token = token_in(&mail.text_body, "/verification");
    let confirm_page = text(app.get(&format!("/verification?jeton={token}")).await).await;
    assert!(
        confirm_page.contains(&format!(r#"value="{token}""#)),
        "the page posts the token with one button"
    );
    let confirmed = app
        .request(form("/verification", &format!("jeton={token}"), None))
        .await;
    assert_eq!(location(&confirmed), "/connexion?ok=adresse-confirmee");

    let logged_in = app
        .request(form(
            "/connexion",
            &format!(
                "email=zoe%40exemple.fr&mot_de_passe={}&suite=%2Fespace%2Fprofil",
                encode(PASSWORD)
            ),
            None,
        ))
        .await;
    assert_eq!(logged_in.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&logged_in), "/espace/profil");
    let cookie = logged_in
        .headers()
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with(&format!("{COOKIE}=")));
    for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    let secret = cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned();

    let profile = app.request(get("/espace/profil", Some(&secret))).await;
    assert_eq!(profile.status(), StatusCode::OK);
    assert_eq!(
        profile.headers()[header::CACHE_CONTROL],
        "private, no-store"
    );
    let html = text(profile).await;
    assert!(
        html.contains("Mon profil")
            && html.contains("zoe@exemple.fr")
            && html.contains("cette session")
    );

    let export = app
        .request(get("/espace/profil/donnees.json", Some(&secret)))
        .await;
    assert_eq!(export.status(), StatusCode::OK);
    assert!(
        export.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let data: serde_json::Value = serde_json::from_str(&text(export).await).unwrap();
    assert_eq!(data["compte"]["email"], "zoe@exemple.fr");

    let out = app.request(form("/deconnexion", "", Some(&secret))).await;
    assert_eq!(location(&out), "/connexion?ok=deconnexion");
    assert!(
        out.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    let after = app.request(get("/espace/profil", Some(&secret))).await;
    assert_eq!(
        after.status(),
        StatusCode::SEE_OTHER,
        "the ended session no longer opens the profile"
    );
}

#[tokio::test]
async fn a_refused_form_comes_back_with_french_errors_and_without_the_password() {
    let app = TestApp::spawn().await;
    let response = app
        .request(form(
            "/inscription",
            "prenom=Zo%C3%A9&nom=&email=zoe%40exemple&mot_de_passe=azerty123456",
            None,
        ))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = text(response).await;
    assert!(html.contains("Indiquez votre nom."), "{html}");
    assert!(
        html.contains("Cette adresse e-mail n&#39;est pas valide")
            || html.contains("Cette adresse e-mail n'est pas valide")
    );
    assert!(html.contains(r#"aria-invalid="true""#));
    assert!(html.contains(r#"value="Zoé""#), "what was typed stays");
    assert!(!html.contains("azerty123456"), "never the password");

    let wrong = app
        .request(form(
            "/connexion",
            "email=personne%40exemple.fr&mot_de_passe=nimportequoi",
            None,
        ))
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(wrong)
            .await
            .contains("Adresse e-mail ou mot de passe incorrect.")
    );
}

#[tokio::test]
async fn ten_wrong_passwords_suspend_the_log_in_and_the_emailed_link_lifts_it() {
    let app = TestApp::spawn().await;
    verified_candidate(&app.db.db, "zoe@exemple.fr", "Zoé").await;
    for _ in 0..10 {
        app.request(form(
            "/connexion",
            "email=zoe%40exemple.fr&mot_de_passe=faux",
            None,
        ))
        .await;
    }
    let right = format!("email=zoe%40exemple.fr&mot_de_passe={}", encode(PASSWORD));
    let suspended = app.request(form("/connexion", &right, None)).await;
    assert_eq!(suspended.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(suspended)
            .await
            .contains("la connexion est suspendue pendant 15 minutes")
    );
    let mail = outbox(&app.db.db)
        .await
        .into_iter()
        .find(|m| m.subject == "Connexion à votre compte suspendue")
        .expect("the owner is told");
    let token = token_in(&mail.text_body, "/connexion/deverrouiller");
    let page = text(
        app.get(&format!("/connexion/deverrouiller?jeton={token}"))
            .await,
    )
    .await;
    assert!(page.contains("Débloquer ma connexion"));
    let unlocked = app
        .request(form(
            "/connexion/deverrouiller",
            &format!("jeton={token}"),
            None,
        ))
        .await;
    assert_eq!(location(&unlocked), "/connexion?ok=deverrouille");
    let signed_in = app.request(form("/connexion", &right, None)).await;
    assert_eq!(location(&signed_in), "/tableau-de-bord");
}

#[tokio::test]
async fn posts_from_another_site_are_refused() {
    let app = TestApp::spawn().await;
    let body = format!("email=zoe%40exemple.fr&mot_de_passe={}", encode(PASSWORD));
    let cross = Request::post("/connexion")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(body.clone()))
        .unwrap();
    let refused = app.request(cross).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(
        text(refused)
            .await
            .contains("Cette demande ne vient pas de JobToMove")
    );

    let old_browser = Request::post("/deconnexion")
        .header(header::ORIGIN, "https://evil.example")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        app.request(old_browser).await.status(),
        StatusCode::FORBIDDEN
    );

    let same_site = Request::post("/deconnexion")
        .header(header::ORIGIN, crate::common::ORIGIN)
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.request(same_site).await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_password_change_from_the_profile_ends_every_other_session_and_renews_this_one() {
    let app = TestApp::spawn().await;
    let id = verified_candidate(&app.db.db, "zoe@exemple.fr", "Zoé").await;
    let now = Utc::now();
    let here = sessions::start(&app.db.db, id, "203.0.113.7", "test", now)
        .await
        .unwrap();
    let there = sessions::start(&app.db.db, id, "203.0.113.8", "test", now)
        .await
        .unwrap();
    let body = format!(
        "action=mot-de-passe&mot_de_passe_actuel={}&nouveau_mot_de_passe={}",
        encode(PASSWORD),
        encode("un tout nouveau mot de passe")
    );
    let changed = app
        .request(form("/espace/profil", &body, Some(&here)))
        .await;
    assert_eq!(location(&changed), "/espace/profil?ok=mot-de-passe");
    let renewed = changed.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, secret)| secret.to_owned())
        .expect("a new session cookie");
    assert_ne!(renewed, here, "the session id changes with the password");
    assert_eq!(
        app.request(get("/espace/profil", Some(&here)))
            .await
            .status(),
        StatusCode::SEE_OTHER,
        "the old id no longer works"
    );
    let here = renewed;
    assert_eq!(
        app.request(get("/espace/profil", Some(&here)))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.request(get("/espace/profil", Some(&there)))
            .await
            .status(),
        StatusCode::SEE_OTHER
    );

    let wrong = app
        .request(form(
            "/espace/profil",
            "action=suppression&mot_de_passe_suppression=faux",
            Some(&here),
        ))
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(wrong).await.contains("Mot de passe incorrect."));
    let deleted = app
        .request(form(
            "/espace/profil",
            &format!(
                "action=suppression&mot_de_passe_suppression={}",
                encode("un tout nouveau mot de passe")
            ),
            Some(&here),
        ))
        .await;
    assert_eq!(location(&deleted), "/connexion?ok=compte-supprime");
    assert_eq!(
        app.request(get("/espace/profil", Some(&here)))
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profile_of_a_candidate_has_the_encart_jaune_and_saves_it() {
    let app = TestApp::spawn().await;
    let zoe = app.signed_in("zoe@exemple.fr", Role::Candidate).await;
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
