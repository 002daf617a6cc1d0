//! The contact form (P6) on every test database: a message becomes a case
//! with a numbered acknowledgement that starts its email thread; French
//! errors, the honeypot and the limits.

use chrono::Utc;
use domain::DomainError;
use domain::contact;
use domain::entity::{case_entry, contact_case};
use domain::model::{CaseStatus, ContactForm, ContactSubject};
use domain::testing::*;
use sea_orm::EntityTrait;

fn form(email: &str) -> ContactForm {
    ContactForm {
        sujet: "depart-recruteur".into(),
        message: "Notre recruteur Paul a quitté le garage : merci de confier la fiche à Julie."
            .into(),
        email: email.into(),
        nom: "Julie Bernard".into(),
        ..ContactForm::default()
    }
}

#[tokio::test]
async fn a_message_becomes_a_new_case_and_its_acknowledgement_carries_the_number() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let sent = contact::submit(
            &t.db,
            &origin(Utc::now()),
            None,
            &ContactForm {
                entreprise: garage.id.to_string(),
                ..form(" Julie@Garage.fr ")
            },
        )
        .await
        .unwrap()
        .expect("a case");
        let case = contact_case::Entity::find_by_id(sent)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(case.status, CaseStatus::New, "{}", t.backend);
        assert_eq!(case.subject, ContactSubject::RecruiterLeft);
        assert_eq!(case.email, "julie@garage.fr");
        assert_eq!(case.company_id, Some(garage.id));
        let entries = case_entry::Entity::find().all(&t.db).await.unwrap();
        assert_eq!(entries.len(), 1);
        assert!(entries[0].body.contains("Paul a quitté"));
        let mail = outbox(&t.db).await.pop().unwrap();
        assert_eq!(mail.to_address, "julie@garage.fr");
        assert!(
            mail.subject.contains(&format!("JTM-{sent:05}")),
            "{}",
            mail.subject
        );
        assert!(mail.text_body.contains(&format!("JTM-{sent:05}")));
        assert_eq!(
            mail.message_id,
            Some(format!("<demande-{sent}@jobtomove.test>"))
        );
    }
}

#[tokio::test]
async fn a_signed_in_person_writes_from_their_account_address() {
    for t in test_databases().await {
        let zoe = candidate_user(&t.db, "zoe@exemple.fr").await;
        let sent = contact::submit(
            &t.db,
            &origin(Utc::now()),
            Some(&zoe),
            &form("autre@exemple.fr"),
        )
        .await
        .unwrap()
        .unwrap();
        let case = contact_case::Entity::find_by_id(sent)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(case.email, "zoe@exemple.fr", "{}", t.backend);
        assert_eq!(case.user_id, Some(zoe.id));
    }
}

#[tokio::test]
async fn a_form_without_subject_message_or_address_is_refused_field_by_field_in_french() {
    for t in test_databases().await {
        let refused = contact::submit(
            &t.db,
            &origin(Utc::now()),
            None,
            &ContactForm {
                sujet: "inconnu".into(),
                message: "court".into(),
                email: "pas-une-adresse".into(),
                ..ContactForm::default()
            },
        )
        .await;
        let Err(DomainError::Invalid(errors)) = refused else {
            panic!("expected field errors, got {refused:?}");
        };
        assert!(errors["sujet"].contains("sujet"));
        assert!(errors["message"].contains("10 caractères"));
        assert!(errors.contains_key("email"));
        assert!(
            contact_case::Entity::find()
                .all(&t.db)
                .await
                .unwrap()
                .is_empty(),
            "{}",
            t.backend
        );
        assert!(outbox(&t.db).await.is_empty());
    }
}

#[tokio::test]
async fn a_robot_filling_the_hidden_field_is_told_nothing_and_nothing_is_stored() {
    for t in test_databases().await {
        let dropped = contact::submit(
            &t.db,
            &origin(Utc::now()),
            None,
            &ContactForm {
                site_web: "https://spam.example".into(),
                ..form("bot@spam.example")
            },
        )
        .await
        .unwrap();
        assert_eq!(dropped, None, "{}", t.backend);
        assert!(
            contact_case::Entity::find()
                .all(&t.db)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(outbox(&t.db).await.is_empty());
    }
}

#[tokio::test]
async fn one_address_sends_at_most_five_messages_an_hour() {
    for t in test_databases().await {
        let now = Utc::now();
        for _ in 0..5 {
            contact::submit(&t.db, &origin(now), None, &form("julie@garage.fr"))
                .await
                .unwrap();
        }
        let refused = contact::submit(&t.db, &origin(now), None, &form("julie@garage.fr")).await;
        assert!(
            matches!(refused, Err(DomainError::RateLimited)),
            "{}: {refused:?}",
            t.backend
        );
        let later = contact::submit(
            &t.db,
            &origin(now + chrono::Duration::hours(2)),
            None,
            &form("julie@garage.fr"),
        )
        .await;
        assert!(later.is_ok(), "the limit is per hour");
    }
}
