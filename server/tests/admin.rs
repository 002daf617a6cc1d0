//! The admin space over HTTP (A1–A3): an administrator logs in, is sent to
//! the second factor, enrols with the secret shown, and only then reaches
//! the inbox, where a visitor's message waits; replies are threaded; a
//! merged company's old address answers 301.

use crate::common::*;
use axum::http::{StatusCode, header};
use chrono::Utc;
use domain::testing::PASSWORD;

fn code_at(secret: &str, at: chrono::DateTime<Utc>) -> String {
    totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(secret).unwrap())
        .build()
        .unwrap()
        .generate(at.timestamp() as u64)
        .to_string()
}

fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in {page}"))
        + start.len();
    &page[from..from + page[from..].find(end).unwrap()]
}

/// Logs in with the password; the session's secret and where it leads.
async fn log_in(app: &TestApp, email: &str) -> (String, String) {
    let response = app
        .request(form(
            "/connexion",
            &format!("email={}&mot_de_passe={}", encode(email), encode(PASSWORD)),
            None,
        ))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    let secret = between(cookie, &format!("{COOKIE}="), ";").to_owned();
    (secret, location(&response).to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_passes_the_second_factor_before_any_admin_page_and_answers_a_case() {
    let app = TestApp::spawn().await;
    domain::accounts::create_admin(
        &app.db.db,
        "ada@jobtomove.test",
        "Ada",
        "Admin",
        PASSWORD,
        Utc::now(),
    )
    .await
    .unwrap();
    let sent = app
        .request(form(
            "/contact",
            "sujet=depart-recruteur&message=Paul+a+quitt%C3%A9+le+garage%2C+confiez+la+fiche+%C3%A0+Julie.&email=julie%40garage.fr&nom=Julie",
            None,
        ))
        .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let ack = location(&sent).to_owned();
    assert!(ack.starts_with("/contact?ok=envoye&demande="), "{ack}");
    let number = ack.rsplit('=').next().unwrap().parse::<i64>().unwrap();
    let shown = text(app.get(&ack).await).await;
    assert!(
        shown.contains(&format!("JTM-{number:05}")),
        "the page gives the case number"
    );

    let (ada, next) = log_in(&app, "ada@jobtomove.test").await;
    assert_eq!(next, "/admin", "an administrator is led to the admin space");
    for path in [
        "/admin",
        "/admin/journal",
        "/admin/entreprises",
        &format!("/admin/demandes/{number}"),
    ] {
        let refused = app.request(get(path, Some(&ada))).await;
        assert_eq!(
            location(&refused),
            "/admin/verification",
            "{path} without the second factor"
        );
    }
    let api = app
        .request(form("/api/admin-groupes", "", Some(&ada)))
        .await;
    assert_eq!(api.status(), StatusCode::FORBIDDEN);

    let enrol = text(app.request(get("/admin/verification", Some(&ada))).await).await;
    assert!(enrol.contains("<svg"), "the QR code is drawn");
    let secret = between(&enrol, r#"<code class="totp-secret">"#, "</code>").to_owned();
    let wrong = app
        .request(form(
            "/admin/verification",
            "action=activer&code=12",
            Some(&ada),
        ))
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(wrong).await.contains("pas valable"),
        "the French reason"
    );
    let codes = app
        .request(form(
            "/admin/verification",
            &format!("action=activer&code={}", code_at(&secret, Utc::now())),
            Some(&ada),
        ))
        .await;
    assert_eq!(codes.status(), StatusCode::OK);
    let codes = text(codes).await;
    assert_eq!(
        codes.matches("<li><code>").count(),
        10,
        "ten recovery codes, shown once"
    );

    let inbox = text(app.request(get("/admin", Some(&ada))).await).await;
    assert!(
        inbox.contains(&format!("JTM-{number:05}")),
        "the case is in the inbox"
    );
    let case = text(
        app.request(get(&format!("/admin/demandes/{number}"), Some(&ada)))
            .await,
    )
    .await;
    assert!(case.contains("Paul a quitté le garage"));
    let replied = app
        .request(form(
            &format!("/admin/demandes/{number}"),
            "action=repondre&reponse=Bonjour%2C+c%27est+fait.",
            Some(&ada),
        ))
        .await;
    assert_eq!(
        location(&replied),
        format!("/admin/demandes/{number}?ok=reponse")
    );
    let mails = domain::testing::outbox(&app.db.db).await;
    let reply = mails.last().unwrap();
    assert_eq!(reply.to_address, "julie@garage.fr");
    assert_eq!(
        reply.references.as_deref(),
        Some(format!("<demande-{number}@www.jobtomove.test>").as_str())
    );
    let journal = text(app.request(get("/admin/journal", Some(&ada))).await).await;
    assert!(
        journal.contains("Réponse envoyée") && journal.contains("Double authentification activée")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merged_company_page_answers_301_to_the_page_kept() {
    let app = TestApp::spawn().await;
    let db = &app.db.db;
    let now = Utc::now();
    let ada = domain::testing::insert_user(
        db,
        "ada@jobtomove.test",
        "Ada",
        domain::model::Role::Administrator,
    )
    .await;
    let kept = domain::testing::insert_company(db, "Garage Martin").await;
    let duplicate = domain::testing::insert_company(db, "Garage Martin Lyon").await;
    domain::admin::companies::merge(db, &ada, duplicate.id, kept.id, "Doublon", now)
        .await
        .unwrap();
    let old = app
        .get(&format!("/entreprises/garage-martin-lyon-{}", duplicate.id))
        .await;
    assert_eq!(old.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        location(&old),
        format!("/entreprises/garage-martin-{}", kept.id)
    );
}
