#![recursion_limit = "256"]
//! The recruiter space over HTTP with plain forms: publishing (and the
//! lawful-ad refusal), R8 between colleagues, handling an application.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::Utc;
use common::{TestApp, location, multipart_body, multipart_post, text};
use domain::auth::sessions;
use domain::model::Role;
use domain::testing::{insert_company, insert_recruiter, insert_user};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";

fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

fn post(path: &str, body: &str, cookie: &str) -> Request<Body> {
    Request::post(path)
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("__Host-jtm_session={cookie}"))
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn get(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, format!("__Host-jtm_session={cookie}"))
        .body(Body::empty())
        .unwrap()
}

async fn session(app: &TestApp, user_id: i64) -> String {
    sessions::start(&app.db.db, user_id, "198.51.100.1", "test", Utc::now())
        .await
        .unwrap()
}

fn offer_body(title: &str, description: &str, action: &str) -> String {
    [
        ("action", action),
        ("titre", title),
        ("metier", "I1604"),
        ("description", description),
        ("contrat", "cdi"),
        ("temps", "temps_plein"),
        ("salaire_min", "2100"),
        ("salaire_max", "2400"),
        ("periode", "mois"),
        ("lieu", "Lyon (69)"),
        ("experience", "1_3_ans"),
        ("formation", "cap"),
        ("postes", "1"),
        ("candidature", "portail"),
    ]
    .iter()
    .map(|(k, v)| format!("{k}={}", encode(v)))
    .collect::<Vec<_>>()
    .join("&")
}

const LAWFUL: &str = "Atelier de six personnes : entretien, diagnostic et réparation des véhicules de nos clients particuliers.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recruiter_publishes_an_offer_and_a_discriminatory_one_comes_back_with_the_reason() {
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let paul = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let cookie = session(&app, paul.id).await;

    let page = text(
        app.request(get("/recruteur/offres/nouvelle", &cookie))
            .await,
    )
    .await;
    assert!(
        page.contains(r#"action="/recruteur/offres""#)
            && page.contains("Salaire brut (obligatoire)")
    );

    let refused = app
        .request(post(
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
        text(app.request(get("/recruteur/offres", &cookie)).await)
            .await
            .contains("Aucune offre ici"),
        "nothing written"
    );

    let published = app
        .request(post(
            "/recruteur/offres",
            &offer_body("Mécanicien automobile H/F", LAWFUL, "publier"),
            &cookie,
        ))
        .await;
    assert_eq!(published.status(), StatusCode::SEE_OTHER);
    let edit = location(&published).to_owned();
    assert!(edit.ends_with("?ok=publiee"), "{edit}");
    let page = text(app.request(get(&edit, &cookie)).await).await;
    assert!(page.contains("L'offre est publiée pour trois mois"));
    assert!(page.contains("Publiée"));
    let list = text(app.request(get("/recruteur/offres", &cookie)).await).await;
    assert!(list.contains("Mécanicien automobile H/F") && list.contains("0 candidature"));

    let id = edit
        .trim_start_matches("/recruteur/offres/")
        .split('?')
        .next()
        .unwrap();
    let unpublished = app
        .request(post(
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
        app.request(get("/recruteur/offres?ok=depubliees&nombre=1", &cookie))
            .await,
    )
    .await;
    assert!(list.contains("Offres dépubliées : 1"), "{list}");
    let none = app
        .request(post("/recruteur/offres/lot", "action=republier", &cookie))
        .await;
    assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_colleague_of_the_same_company_cannot_see_or_change_the_offer() {
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let paul = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let ines = insert_recruiter(&app.db.db, "ines@lumiere.fr", &garage, false).await;
    let (paul, ines) = (session(&app, paul.id).await, session(&app, ines.id).await);
    let created = app
        .request(post(
            "/recruteur/offres",
            &offer_body("Carrossier H/F", LAWFUL, "brouillon"),
            &paul,
        ))
        .await;
    let edit = location(&created).split('?').next().unwrap().to_owned();
    assert_eq!(
        app.request(get(&edit, &ines)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.request(post(&edit, "action=supprimer", &ines))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.request(get(&edit, &paul)).await.status(),
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recruiter_opens_an_application_and_its_status_reaches_the_candidate() {
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let paul = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let paul = session(&app, paul.id).await;
    let published = app
        .request(post(
            "/recruteur/offres",
            &offer_body("Mécanicien automobile H/F", LAWFUL, "publier"),
            &paul,
        ))
        .await;
    let id: i64 = location(&published)
        .trim_start_matches("/recruteur/offres/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let zoe = insert_user(&app.db.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
    let zoe = session(&app, zoe.id).await;
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

    let list = text(app.request(get("/recruteur/candidatures", &paul)).await).await;
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
    let opened = text(app.request(get(&path, &paul)).await).await;
    assert!(opened.contains("Disponible dès lundi.") && opened.contains("cv.pdf"));
    assert!(opened.contains("Vue par le recruteur"));

    let changed = app
        .request(post(&path, "action=statut&statut=entretien", &paul))
        .await;
    assert_eq!(location(&changed), format!("{path}?ok=statut"));
    app.request(post(&path, "action=note&note=Rappeler+lundi", &paul))
        .await;
    let mine = text(app.request(get("/espace/candidatures", &zoe)).await).await;
    assert!(mine.contains("Entretien"), "{mine}");
    assert!(!mine.contains("Rappeler lundi"), "the note is private");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cvtheque_shows_visible_dossiers_to_recruiters_and_hides_the_others() {
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let paul = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let paul = session(&app, paul.id).await;
    let zoe = insert_user(&app.db.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
    let zoe_cookie = session(&app, zoe.id).await;
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
    let page = text(app.request(get("/recruteur/cvtheque", &paul)).await).await;
    assert!(page.contains("Mécanicienne poids lourds"), "{page}");
    assert!(!page.contains("Carrossière discrète"));
    assert!(page.contains("1 dossier visible"));
    let none = text(
        app.request(get("/recruteur/cvtheque?q=carrossiere", &paul))
            .await,
    )
    .await;
    assert!(none.contains("Aucun dossier visible ne correspond"));
    let candidate_denied = app.request(get("/recruteur/cvtheque", &zoe_cookie)).await;
    assert_eq!(candidate_denied.status(), StatusCode::FORBIDDEN);

    let favored = app
        .request(post(
            "/recruteur/favoris",
            &format!("candidat={}&favori=1&suite=/recruteur/cvtheque", zoe.id),
            &paul,
        ))
        .await;
    assert_eq!(location(&favored), "/recruteur/cvtheque");
    let favorites = text(app.request(get("/recruteur/favoris", &paul)).await).await;
    assert!(favorites.contains("Mécanicienne poids lourds"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_edits_the_company_page_and_a_colleague_is_told_whom_to_ask() {
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let owner = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let member = insert_recruiter(&app.db.db, "ines@lumiere.fr", &garage, false).await;
    let (owner, member) = (
        session(&app, owner.id).await,
        session(&app, member.id).await,
    );
    let public = format!("/entreprises/garage-lumiere-{}", garage.id);
    assert!(
        text(app.get(&public).await)
            .await
            .contains("Garage Lumière"),
        "cached once"
    );

    let body = "nom=Garage+Lumi%C3%A8re+%26+Fils&activite=carrosserie&description=Carrosserie+et+peinture+depuis+1987.&commune=Lyon&site=https%3A%2F%2Flumiere.example&siret=";
    let saved = app
        .request(post("/recruteur/entreprise", body, &owner))
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
        .request(post(
            "/recruteur/entreprise",
            "nom=Autre+nom&activite=garage",
            &member,
        ))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let read_only = text(app.request(get("/recruteur/entreprise", &member)).await).await;
    assert!(
        read_only.contains("Seul le premier recruteur"),
        "{read_only}"
    );
    assert!(read_only.contains("paul@lumiere.fr"));
    assert!(!read_only.contains(r#"action="/recruteur/entreprise""#));

    let bad = app
        .request(post(
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
    let (owner, member) = (
        session(&app, owner.id).await,
        session(&app, member.id).await,
    );
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
async fn the_rich_editor_keeps_its_formatting_and_nothing_hostile() {
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let paul = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let cookie = session(&app, paul.id).await;
    let html = format!(
        "<div><b>Atelier</b> de six personnes</div><h3>Missions</h3><ul><li>{LAWFUL}</li></ul><img src=x onerror=alert(1)><script>alert(2)</script>"
    );
    let body = format!(
        "{}&description_format=html",
        offer_body("Mécanicien automobile H/F", &html, "publier")
    );
    let published = app.request(post("/recruteur/offres", &body, &cookie)).await;
    let to = location(&published).to_owned();
    assert!(to.ends_with("?ok=publiee"), "{to}");
    let editor = text(app.request(get(&to, &cookie)).await).await;
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
    let refused = app.request(post("/recruteur/offres", &body, &cookie)).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(refused).await;
    assert!(page.contains("<b>Atelier</b> de six personnes"), "{page}");
    assert!(
        !page.contains("onerror") && !page.contains("alert(2)") && !page.contains("alert(3)"),
        "{page}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_candidate_writes_to_a_company_and_its_recruiters_reply_with_plain_forms() {
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let paul = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let zoe = insert_user(&app.db.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
    let (paul, zoe) = (session(&app, paul.id).await, session(&app, zoe.id).await);
    let page = format!("/entreprises/garage-lumiere-{}", garage.id);
    assert!(
        text(app.get(&page).await)
            .await
            .contains("connectez-vous avec votre compte candidat"),
        "visitors are asked to log in"
    );
    let company_page = text(app.request(get(&page, &zoe)).await).await;
    assert!(company_page.contains("Écrire aux recruteurs"));

    let opened = app
        .request(post(
            "/messages/ouvrir",
            &format!("entreprise={}&suite={}", garage.id, encode(&page)),
            &zoe,
        ))
        .await;
    let thread = location(&opened).to_owned();
    assert!(thread.starts_with("/messages/"), "{thread}");
    let sent = app
        .request(post(
            &thread,
            "message=Bonjour%2C+voici+mon+site+https%3A%2F%2Fzoe.example+%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            &zoe,
        ))
        .await;
    assert!(location(&sent).starts_with(&format!("{thread}?ok=envoye")));

    let inbox = text(app.request(get("/messages", &paul)).await).await;
    assert!(
        inbox.contains("Zoé Martin") && inbox.contains("1 non lu"),
        "{inbox}"
    );
    let conversation = text(app.request(get(&thread, &paul)).await).await;
    assert!(conversation.contains(r#"<a href="https://zoe.example" rel="nofollow noopener noreferrer ugc" target="_blank">"#), "{conversation}");
    assert!(conversation.contains("&lt;script&gt;") && !conversation.contains("<script>alert"));
    let replied = app
        .request(post(&thread, "message=Passez+nous+voir+mardi.", &paul))
        .await;
    assert!(location(&replied).starts_with(&format!("{thread}?ok=envoye")));

    let empty = app.request(post(&thread, "message=+", &zoe)).await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(empty).await.contains("Écrivez votre message."));

    let blocked = app
        .request(post(
            "/messages/blocages",
            &format!(
                "entreprise={}&action=bloquer&suite={}",
                garage.id,
                encode(&thread)
            ),
            &zoe,
        ))
        .await;
    assert_eq!(location(&blocked), format!("{thread}?ok=bloquee"));
    let refused = app
        .request(post(&thread, "message=Vous+%C3%AAtes+l%C3%A0+%3F", &paul))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let offsite = app
        .request(post(
            "/messages/blocages",
            &format!(
                "entreprise={}&action=debloquer&suite=%2F%2Fevil.example",
                garage.id
            ),
            &zoe,
        ))
        .await;
    assert_eq!(
        location(&offsite),
        "/messages?ok=debloquee",
        "never back to another site"
    );
    let tabbed = app
        .request(post(
            "/messages/blocages",
            &format!(
                "entreprise={}&action=debloquer&suite=%2F%09%2Fevil.example",
                garage.id
            ),
            &zoe,
        ))
        .await;
    assert_eq!(
        location(&tabbed),
        "/messages?ok=debloquee",
        "a tab does not hide a second slash"
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
    let (owner_cookie, ivan_cookie) = (session(&app, owner.id).await, session(&app, ivan.id).await);

    let waiting = text(
        app.request(get("/recruteur/entreprise", &ivan_cookie))
            .await,
    )
    .await;
    assert!(
        waiting.contains("attend l'accord du responsable de sa fiche : Paul"),
        "{waiting}"
    );
    let refused = app
        .request(post(
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
        app.request(get("/recruteur/entreprise", &owner_cookie))
            .await,
    )
    .await;
    assert!(requests.contains("Demandes pour rejoindre l'entreprise"));
    assert!(requests.contains("ivan@exemple.fr"));
    let accepted = app
        .request(post(
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
        .request(post(
            "/recruteur/offres",
            &offer_body("Mécanicien automobile H/F", LAWFUL, "publier"),
            &ivan_cookie,
        ))
        .await;
    assert_eq!(published.status(), StatusCode::SEE_OTHER);
    assert!(location(&published).ends_with("?ok=publiee"));
}
