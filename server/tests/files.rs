//! Downloads over HTTP: attachments, their readers, their names.

use crate::common::*;
use axum::http::{StatusCode, header};
use domain::entity::stored_file;
use domain::model::Role;
use sea_orm::EntityTrait;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_are_downloaded_as_attachments_by_their_readers_only() {
    let app = TestApp::spawn().await;
    let zoe = app.signed_in("zoe@exemple.fr", Role::Candidate).await;
    let max = app.signed_in("max@exemple.fr", Role::Candidate).await;
    let body = multipart_body(
        &[("titre", "Mécanicienne"), ("visible", "")],
        &[("cv", "C:\\Users\\zoe\\CV Zoé <2026>.pdf", PDF)],
    );
    let created = app
        .request(multipart_post("/espace/dossiers", body, Some(&zoe)))
        .await;
    assert_eq!(location(&created), "/espace/dossiers?ok=cree");
    let file = stored_file::Entity::find()
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    let path = format!("/fichiers/{}", file.id);

    let download = app.request(get(&path, Some(&zoe))).await;
    assert_eq!(download.status(), StatusCode::OK);
    let headers = download.headers();
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"CV Zo_ 2026.pdf\""),
        "{disposition}"
    );
    assert!(
        disposition.contains("filename*=UTF-8''CV%20Zo%C3%A9%202026.pdf"),
        "{disposition}"
    );
    assert_eq!(text(download).await.as_bytes(), PDF);

    assert_eq!(
        app.request(get(&path, Some(&max))).await.status(),
        StatusCode::NOT_FOUND
    );
    let anonymous = app.request(get(&path, None)).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert!(location(&anonymous).starts_with("/connexion"));

    let page = text(app.request(get("/espace/dossiers", Some(&zoe))).await).await;
    assert!(page.contains("Mécanicienne") && page.contains(&path));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_sent_as_html_is_downloaded_with_the_extension_of_what_it_is() {
    let app = TestApp::spawn().await;
    let zoe = app.signed_in("zoe@exemple.fr", Role::Candidate).await;
    // Starts like a PDF, carries a page: opened from disk as .html, it runs.
    let polyglot = b"%PDF-1.4\n<html><script>alert(document.domain)</script></html>";
    let body = multipart_body(&[("titre", "Mécanicienne")], &[("cv", "cv.html", polyglot)]);
    let created = app
        .request(multipart_post("/espace/dossiers", body, Some(&zoe)))
        .await;
    assert_eq!(location(&created), "/espace/dossiers?ok=cree");
    let file = stored_file::Entity::find()
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(file.name, "cv.pdf", "shown under the name it is saved with");
    let download = app
        .request(get(&format!("/fichiers/{}", file.id), Some(&zoe)))
        .await;
    let disposition = download.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"cv.pdf\""),
        "{disposition}"
    );
    assert_eq!(download.headers()[header::CONTENT_TYPE], "application/pdf");
}
