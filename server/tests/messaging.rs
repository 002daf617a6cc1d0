//! Messaging over HTTP with plain forms.

use crate::common::*;
use axum::http::StatusCode;
use domain::model::Role;
use domain::testing::{insert_company, insert_recruiter, insert_user};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_candidate_writes_to_a_company_and_its_recruiters_reply_with_plain_forms() {
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let paul = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let zoe = insert_user(&app.db.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
    let (paul, zoe) = (app.session(paul.id).await, app.session(zoe.id).await);
    let page = format!("/entreprises/garage-lumiere-{}", garage.id);
    assert!(
        text(app.get(&page).await)
            .await
            .contains("connectez-vous avec votre compte candidat"),
        "visitors are asked to log in"
    );
    let company_page = text(app.request(get_as(&page, &zoe)).await).await;
    assert!(company_page.contains("Écrire aux recruteurs"));

    let opened = app
        .request(post_as(
            "/messages/ouvrir",
            &format!("entreprise={}&suite={}", garage.id, encode(&page)),
            &zoe,
        ))
        .await;
    let thread = location(&opened).to_owned();
    assert!(thread.starts_with("/messages/"), "{thread}");
    let sent = app
        .request(post_as(
            &thread,
            "message=Bonjour%2C+voici+mon+site+https%3A%2F%2Fzoe.example+%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            &zoe,
        ))
        .await;
    assert!(location(&sent).starts_with(&format!("{thread}?ok=envoye")));

    let inbox = text(app.request(get_as("/messages", &paul)).await).await;
    assert!(
        inbox.contains("Zoé Martin") && inbox.contains("1 non lu"),
        "{inbox}"
    );
    let conversation = text(app.request(get_as(&thread, &paul)).await).await;
    assert!(conversation.contains(r#"<a href="https://zoe.example" rel="nofollow noopener noreferrer ugc" target="_blank">"#), "{conversation}");
    assert!(conversation.contains("&lt;script&gt;") && !conversation.contains("<script>alert"));
    let replied = app
        .request(post_as(&thread, "message=Passez+nous+voir+mardi.", &paul))
        .await;
    assert!(location(&replied).starts_with(&format!("{thread}?ok=envoye")));

    let empty = app.request(post_as(&thread, "message=+", &zoe)).await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(empty).await.contains("Écrivez votre message."));

    let blocked = app
        .request(post_as(
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
        .request(post_as(
            &thread,
            "message=Vous+%C3%AAtes+l%C3%A0+%3F",
            &paul,
        ))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let offsite = app
        .request(post_as(
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
        .request(post_as(
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
async fn an_open_conversation_and_the_unread_badge_get_new_messages_with_the_requests_their_islands_send()
 {
    use app::messaging::api::{ConversationSince, UnreadCount, since_form};
    use leptos::server_fn::ServerFn;
    let app = TestApp::spawn().await;
    let garage = insert_company(&app.db.db, "Garage Lumière").await;
    let paul = insert_recruiter(&app.db.db, "paul@lumiere.fr", &garage, true).await;
    let zoe = insert_user(&app.db.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
    let max = insert_user(&app.db.db, "max@exemple.fr", "Max", Role::Candidate).await;
    let (paul, zoe, max) = (
        app.session(paul.id).await,
        app.session(zoe.id).await,
        app.session(max.id).await,
    );
    let opened = app
        .request(post_as(
            "/messages/ouvrir",
            &format!("entreprise={}", garage.id),
            &zoe,
        ))
        .await;
    let thread = location(&opened).to_owned();
    let id: i64 = thread
        .trim_start_matches("/messages/")
        .parse()
        .unwrap_or_else(|_| panic!("{thread}"));
    app.request(post_as(&thread, "message=Bonjour+Paul", &zoe))
        .await;

    let badge = app.request(post_as(UnreadCount::PATH, "", &paul)).await;
    assert_eq!(badge.status(), StatusCode::OK);
    assert_eq!(text(badge).await, "1");
    let fresh = app
        .request(post_as(ConversationSince::PATH, &since_form(id, 0), &paul))
        .await;
    assert_eq!(fresh.status(), StatusCode::OK);
    let fresh: serde_json::Value = serde_json::from_str(&text(fresh).await).unwrap();
    let messages = fresh.as_array().unwrap();
    assert_eq!(messages.len(), 1, "{fresh}");
    assert!(fresh.to_string().contains("Bonjour Paul"), "{fresh}");
    let sent = messages[0]["sent"].as_str().unwrap();
    assert!(
        sent.contains(" à "),
        "the time as the reader reads it: {sent}"
    );
    let last = messages[0]["id"].as_i64().unwrap();
    let badge = app.request(post_as(UnreadCount::PATH, "", &paul)).await;
    assert_eq!(text(badge).await, "0", "what the island showed is read");
    let nothing = app
        .request(post_as(
            ConversationSince::PATH,
            &since_form(id, last),
            &paul,
        ))
        .await;
    assert_eq!(text(nothing).await, "[]");
    let stranger = app
        .request(post_as(ConversationSince::PATH, &since_form(id, 0), &max))
        .await;
    assert_eq!(
        stranger.status(),
        StatusCode::NOT_FOUND,
        "another candidate reads nothing"
    );
}
