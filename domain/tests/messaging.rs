//! Messaging (C6, R5, R6) on every database of the run: who may open and
//! read which thread, unread counts, the 15-minute email rule, blocking a
//! company, and what a deleted account leaves.

use chrono::{Duration, Utc};
use domain::DomainError;
use domain::applications::{self, AccountApplication, AnonymousApplication};
use domain::files::Storage;
use domain::messaging;
use domain::model::{DELETED_ACCOUNT, Role, ThreadTarget};
use domain::places::Directory;
use domain::postings;
use domain::search::SearchIndex;
use domain::testing::candidate_user;
use domain::testing::{
    PASSWORD, field_error, insert_company, insert_places, insert_recruiter, insert_user, origin,
    outbox, pdf, posting_form, test_databases,
};

const SITE: &str = "http://jobtomove.test";

async fn new_message_emails(db: &sea_orm::DatabaseConnection, to: &str) -> usize {
    outbox(db)
        .await
        .iter()
        .filter(|m| m.to_address == to && m.subject.starts_with("Nouveau message"))
        .count()
}

#[tokio::test]
async fn a_candidate_and_the_recruiter_of_the_offer_talk_about_an_application() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let search = SearchIndex::in_memory().unwrap();
        let storage = Storage::in_memory();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let colleague = insert_recruiter(&t.db, "ines@garage.fr", &garage, false).await;
        let other = insert_company(&t.db, "Carrosserie Martin").await;
        let stranger = insert_recruiter(&t.db, "rh@martin.fr", &other, true).await;
        let zoe = candidate_user(&t.db, "zoe@exemple.fr").await;
        let lea = candidate_user(&t.db, "lea@exemple.fr").await;
        let now = Utc::now();
        let offer = postings::create_and_publish(
            &t.db,
            &search,
            &places,
            &paul,
            &posting_form("Mécanicien H/F"),
            now,
        )
        .await
        .unwrap();
        applications::apply_with_account(
            &t.db,
            &storage,
            &origin(now),
            &zoe,
            offer,
            AccountApplication {
                cv: Some(pdf("cv.pdf")),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let application = applications::received(&t.db, &paul, Some(offer))
            .await
            .unwrap()[0]
            .id;

        // Only the candidate who applied and the recruiter who published open it.
        let thread = messaging::open(&t.db, &zoe, ThreadTarget::Application(application), now)
            .await
            .unwrap();
        assert_eq!(
            messaging::open(&t.db, &paul, ThreadTarget::Application(application), now).await,
            Ok(thread),
            "the same thread from either side"
        );
        for someone in [&colleague, &stranger] {
            assert_eq!(
                messaging::open(&t.db, someone, ThreadTarget::Application(application), now).await,
                Err(DomainError::NotFound)
            );
        }
        assert_eq!(
            messaging::open(&t.db, &lea, ThreadTarget::Application(application), now).await,
            Err(DomainError::NotFound)
        );

        // Zoé writes; Paul is emailed once, sees one unread message.
        messaging::send(
            &t.db,
            SITE,
            &zoe,
            thread,
            "Bonjour, je suis disponible dès lundi.",
            now,
        )
        .await
        .unwrap();
        messaging::send(
            &t.db,
            SITE,
            &zoe,
            thread,
            "Voici mon permis : https://exemple.fr/permis.pdf",
            now + Duration::minutes(1),
        )
        .await
        .unwrap();
        assert_eq!(
            new_message_emails(&t.db, "paul@garage.fr").await,
            1,
            "one email per 15 minutes"
        );
        assert_eq!(messaging::unread(&t.db, &paul).await.unwrap(), 2);
        assert_eq!(
            messaging::unread_except(&t.db, &paul, Some(thread))
                .await
                .unwrap(),
            0,
            "the page of the conversation being read does not count it"
        );
        assert_eq!(messaging::unread(&t.db, &zoe).await.unwrap(), 0);
        let inbox = messaging::threads(&t.db, &paul).await.unwrap();
        assert_eq!(inbox.len(), 1);
        assert_eq!(inbox[0].with, "Zoé Martin");
        assert_eq!(inbox[0].unread, 2);
        for someone in [&colleague, &stranger, &lea] {
            assert!(messaging::threads(&t.db, someone).await.unwrap().is_empty());
            assert_eq!(
                messaging::read(&t.db, someone, thread).await,
                Err(DomainError::NotFound)
            );
            assert_eq!(
                messaging::send(&t.db, SITE, someone, thread, "Bonjour", now).await,
                Err(DomainError::NotFound)
            );
        }

        let seen = messaging::read(&t.db, &paul, thread).await.unwrap();
        assert_eq!(seen.messages.len(), 2);
        assert_eq!(seen.with, "Zoé Martin");
        assert!(!seen.messages[0].mine);
        assert_eq!(
            messaging::unread(&t.db, &paul).await.unwrap(),
            0,
            "read marks read"
        );

        messaging::send(
            &t.db,
            SITE,
            &paul,
            thread,
            "Passez mardi à 9 h.",
            now + Duration::minutes(2),
        )
        .await
        .unwrap();
        assert_eq!(new_message_emails(&t.db, "zoe@exemple.fr").await, 1);
        let fresh = messaging::since(&t.db, &zoe, thread, seen.messages[1].id)
            .await
            .unwrap();
        assert_eq!(fresh.len(), 1);
        assert_eq!(fresh[0].body.as_deref(), Some("Passez mardi à 9 h."));
        assert!(
            fresh[0].author.ends_with(" — Garage du Centre"),
            "{}",
            fresh[0].author
        );

        // Paul was emailed at 0 min: read or not, not again before 15 min.
        messaging::send(
            &t.db,
            SITE,
            &zoe,
            thread,
            "Parfait, à mardi.",
            now + Duration::minutes(3),
        )
        .await
        .unwrap();
        assert_eq!(
            new_message_emails(&t.db, "paul@garage.fr").await,
            1,
            "read since, but within 15 minutes"
        );
        messaging::send(
            &t.db,
            SITE,
            &zoe,
            thread,
            "Merci !",
            now + Duration::minutes(4),
        )
        .await
        .unwrap();
        assert_eq!(
            new_message_emails(&t.db, "paul@garage.fr").await,
            1,
            "not twice in 15 minutes"
        );
        messaging::send(
            &t.db,
            SITE,
            &zoe,
            thread,
            "Je confirme.",
            now + Duration::minutes(20),
        )
        .await
        .unwrap();
        assert_eq!(
            new_message_emails(&t.db, "paul@garage.fr").await,
            2,
            "after 15 minutes, again"
        );

        // Plain text, capped, never empty.
        assert!(
            field_error(
                messaging::send(&t.db, SITE, &zoe, thread, "   ", now).await,
                "message"
            )
            .contains("Écrivez")
        );
        let long = "a".repeat(5001);
        assert!(
            field_error(
                messaging::send(&t.db, SITE, &zoe, thread, &long, now).await,
                "message"
            )
            .contains("5000")
        );
    }
}

#[tokio::test]
async fn who_may_open_a_thread_follows_the_faq() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let search = SearchIndex::in_memory().unwrap();
        let storage = Storage::in_memory();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let ines = insert_recruiter(&t.db, "ines@garage.fr", &garage, false).await;
        let zoe = candidate_user(&t.db, "zoe@exemple.fr").await;
        let admin = insert_user(&t.db, "admin@jobtomove.fr", "Admin", Role::Administrator).await;
        let now = Utc::now();
        let offer = postings::create_and_publish(
            &t.db,
            &search,
            &places,
            &paul,
            &posting_form("Carrossier H/F"),
            now,
        )
        .await
        .unwrap();
        applications::apply_anonymously(
            &t.db,
            &storage,
            &origin(now),
            offer,
            AnonymousApplication {
                email: "anonyme@exemple.fr".into(),
                cv: Some(pdf("cv.pdf")),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let anonymous = applications::received(&t.db, &paul, Some(offer))
            .await
            .unwrap()[0]
            .id;
        let message = field_error(
            messaging::open(&t.db, &paul, ThreadTarget::Application(anonymous), now).await,
            "message",
        );
        assert!(message.contains("anonyme@exemple.fr"), "{message}");

        // A candidate writes to a company from its page: every recruiter of it reads.
        let spontaneous = messaging::open(&t.db, &zoe, ThreadTarget::Company(garage.id), now)
            .await
            .unwrap();
        messaging::send(
            &t.db,
            SITE,
            &zoe,
            spontaneous,
            "Candidature spontanée de carrossière.",
            now,
        )
        .await
        .unwrap();
        assert_eq!(messaging::unread(&t.db, &ines).await.unwrap(), 1);
        assert_eq!(messaging::unread(&t.db, &paul).await.unwrap(), 1);
        assert_eq!(new_message_emails(&t.db, "ines@garage.fr").await, 1);
        messaging::send(
            &t.db,
            SITE,
            &ines,
            spontaneous,
            "Merci, passez nous voir.",
            now,
        )
        .await
        .unwrap();

        // Dossiers: visible ones only, recruiters only.
        let hidden = domain::dossiers::create(
            &t.db,
            &storage,
            &zoe,
            domain::dossiers::DossierForm {
                title: "Caché".into(),
                cv: Some(pdf("cv.pdf")),
                ..Default::default()
            },
            now,
        )
        .await
        .unwrap();
        let visible = domain::dossiers::create(
            &t.db,
            &storage,
            &zoe,
            domain::dossiers::DossierForm {
                title: "Carrossière peintre".into(),
                visible: true,
                cv: Some(pdf("cv.pdf")),
                ..Default::default()
            },
            now,
        )
        .await
        .unwrap();
        assert_eq!(
            messaging::open(&t.db, &paul, ThreadTarget::Dossier(hidden), now).await,
            Err(DomainError::NotFound)
        );
        let from_cvtheque = messaging::open(&t.db, &paul, ThreadTarget::Dossier(visible), now)
            .await
            .unwrap();
        assert_eq!(
            messaging::read(&t.db, &ines, from_cvtheque).await,
            Err(DomainError::NotFound),
            "the recruiter who wrote, only"
        );
        assert_eq!(
            messaging::open(&t.db, &zoe, ThreadTarget::Dossier(visible), now).await,
            Err(DomainError::Forbidden)
        );
        assert_eq!(
            messaging::open(&t.db, &paul, ThreadTarget::Company(garage.id), now).await,
            Err(DomainError::Forbidden)
        );
        for target in [
            ThreadTarget::Company(garage.id),
            ThreadTarget::Dossier(visible),
        ] {
            assert_eq!(
                messaging::open(&t.db, &admin, target, now).await,
                Err(DomainError::Forbidden)
            );
        }

        // Zoé blocks the garage: its recruiters can no longer write or open.
        messaging::set_block(&t.db, &zoe, garage.id, true, now)
            .await
            .unwrap();
        assert!(
            field_error(
                messaging::send(&t.db, SITE, &paul, from_cvtheque, "Bonjour", now).await,
                "message"
            )
            .contains("ne souhaite plus")
        );
        assert!(
            field_error(
                messaging::send(&t.db, SITE, &ines, spontaneous, "Bonjour", now).await,
                "message"
            )
            .contains("ne souhaite plus")
        );
        assert!(
            field_error(
                messaging::open(&t.db, &ines, ThreadTarget::Dossier(visible), now).await,
                "message"
            )
            .contains("ne souhaite plus")
        );
        let view = messaging::read(&t.db, &zoe, spontaneous).await.unwrap();
        assert_eq!(
            view.company,
            Some((garage.id, "Garage du Centre".into(), true))
        );
        assert_eq!(
            messaging::set_block(&t.db, &paul, garage.id, true, now).await,
            Err(DomainError::Forbidden)
        );
        messaging::set_block(&t.db, &zoe, garage.id, false, now)
            .await
            .unwrap();
        messaging::send(
            &t.db,
            SITE,
            &paul,
            from_cvtheque,
            "Bonjour Zoé, votre dossier nous intéresse.",
            now,
        )
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn a_deleted_account_leaves_compte_supprime_and_a_closed_thread() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let ines = insert_recruiter(&t.db, "ines@garage.fr", &garage, true).await;
        let zoe = candidate_user(&t.db, "zoe@exemple.fr").await;
        let now = Utc::now();
        let thread = messaging::open(&t.db, &zoe, ThreadTarget::Company(garage.id), now)
            .await
            .unwrap();
        messaging::send(
            &t.db,
            SITE,
            &zoe,
            thread,
            "Mon numéro personnel : 06 12 34 56 78",
            now,
        )
        .await
        .unwrap();
        domain::accounts::delete_account(
            &t.db,
            &domain::search::SearchIndex::in_memory().unwrap(),
            &origin(now),
            zoe.id,
            PASSWORD,
        )
        .await
        .unwrap();

        let view = messaging::read(&t.db, &ines, thread).await.unwrap();
        assert_eq!(view.with, DELETED_ACCOUNT);
        assert_eq!(view.messages[0].author, DELETED_ACCOUNT);
        assert_eq!(view.messages[0].body, None, "the text is gone");
        assert!(view.closed.is_some());
        assert!(
            field_error(
                messaging::send(&t.db, SITE, &ines, thread, "Bonjour ?", now).await,
                "message"
            )
            .contains("supprimé")
        );
        let inbox = messaging::threads(&t.db, &ines).await.unwrap();
        assert_eq!(inbox[0].excerpt.as_deref(), Some("Compte supprimé."));
    }
}

#[tokio::test]
async fn too_many_messages_in_an_hour_are_refused() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage du Centre").await;
        insert_recruiter(&t.db, "ines@garage.fr", &garage, true).await;
        let zoe = candidate_user(&t.db, "zoe@exemple.fr").await;
        let now = Utc::now();
        let thread = messaging::open(&t.db, &zoe, ThreadTarget::Company(garage.id), now)
            .await
            .unwrap();
        for i in 0..60 {
            messaging::send(&t.db, SITE, &zoe, thread, &format!("Message {i}"), now)
                .await
                .unwrap();
        }
        assert_eq!(
            messaging::send(&t.db, SITE, &zoe, thread, "Encore un", now).await,
            Err(DomainError::RateLimited)
        );
        assert_eq!(
            new_message_emails(&t.db, "ines@garage.fr").await,
            1,
            "sixty messages, one email"
        );
    }
}
