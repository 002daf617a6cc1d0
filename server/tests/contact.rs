//! The contact form over HTTP (P6): French errors next to the fields, the
//! honeypot, the limit per address.

use crate::common::*;
use axum::http::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_contact_form_says_in_french_what_is_missing_and_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let page = text(app.get("/contact?sujet=groupe").await).await;
    assert!(
        page.contains(r#"<option value="groupe" selected"#),
        "the subject comes from the link"
    );
    assert!(page.contains(r#"name="site_web""#), "the honeypot is there");
    let refused = app
        .request(form("/contact", "sujet=&message=Bonjour&email=julie", None))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(refused).await;
    assert!(page.contains("Choisissez le sujet de votre message."));
    assert!(page.contains("10 caractères au moins"));
    assert!(page.contains(r#"value="julie""#), "what was typed stays");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_robot_is_answered_like_a_person_and_a_flood_is_stopped() {
    let app = TestApp::spawn().await;
    let body = "sujet=autre&message=Bonjour%2C+une+question+sur+le+site.&email=julie%40garage.fr";
    let robot = app
        .request(form(
            "/contact",
            &format!("{body}&site_web=http%3A%2F%2Fspam"),
            None,
        ))
        .await;
    assert_eq!(location(&robot), "/contact?ok=envoye");
    assert!(
        domain::testing::outbox(&app.db.db).await.is_empty(),
        "nothing sent for a robot"
    );
    for _ in 0..5 {
        let sent = app.request(form("/contact", body, None)).await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    }
    let limited = app.request(form("/contact", body, None)).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
}
