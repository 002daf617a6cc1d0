//! Applications on every database of the run: applying with or without an
//! account (P7, C4), replacing one (B3), following it (C5), and the
//! recruiter who published the offer handling it (R5, R8), and how long it
//! is kept (B5).

use chrono::{Duration, Utc};
use domain::DomainError;
use domain::applications::{self, AccountApplication, AnonymousApplication};
use domain::dossiers::{self};
use domain::entity::{application, offer, stored_file};
use domain::files::{self, Storage};
use domain::model::*;
use domain::places::Directory;
use domain::postings;
use domain::search::SearchIndex;
use domain::testing::*;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};

#[tokio::test]
async fn an_anonymous_application_is_stored_confirmed_and_told_to_the_recruiter() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let recruiter = insert_user(&t.db, "rh@garage.fr", "Paul", Role::Recruiter).await;
        let company = insert_company(&t.db, "Garage du Centre").await;
        let offer = insert_offer(&t.db, &company, "Mécanicien auto", 1, |o| {
            o.recruiter_id = Set(Some(recruiter.id))
        })
        .await;
        let now = Utc::now();
        let applied = applications::apply_anonymously(
            &t.db,
            &storage,
            &origin(now),
            offer.id,
            anonymous_application(" Lea.Garnier@Exemple.fr "),
        )
        .await
        .unwrap();
        assert_eq!(applied, Applied::New);
        let stored = application::Entity::find().all(&t.db).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].email, "lea.garnier@exemple.fr");
        assert_eq!(stored[0].phone.as_deref(), Some("06 12 34 56 78"));
        assert_eq!(stored[0].status, ApplicationStatus::Sent);
        let cv = stored_file::Entity::find_by_id(stored[0].cv_file_id.unwrap())
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((cv.name.as_str(), cv.kind), ("CV Léa.pdf", FileKind::Pdf));
        assert_eq!(storage.get(&cv.storage_key).await.unwrap(), pdf("").bytes);

        let mails = outbox(&t.db).await;
        let to_candidate = mails
            .iter()
            .find(|m| m.to_address == "lea.garnier@exemple.fr")
            .expect("a confirmation to the candidate");
        assert!(to_candidate.text_body.contains("Mécanicien auto"));
        assert!(to_candidate.text_body.contains("CV Léa.pdf"));
        assert!(
            to_candidate
                .text_body
                .contains("répondra directement par e-mail")
        );
        let to_recruiter = mails
            .iter()
            .find(|m| m.to_address == "rh@garage.fr")
            .expect("a notification to the recruiter");
        assert!(to_recruiter.text_body.contains("Léa Garnier"));
        assert!(to_recruiter.text_body.contains("Disponible dès lundi."));
    }
}

#[tokio::test]
async fn a_second_anonymous_application_replaces_the_first_once_its_address_confirms_it() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let company = insert_company(&t.db, "Garage du Centre").await;
        let offer = insert_offer(&t.db, &company, "Carrossier", 1, |_| {}).await;
        let now = Utc::now();
        let first = applications::apply_anonymously(
            &t.db,
            &storage,
            &origin(now),
            offer.id,
            anonymous_application("lea@exemple.fr"),
        )
        .await
        .unwrap();
        let mut again = anonymous_application("LEA@exemple.fr");
        again.message = "Nouveau CV, plus complet.".into();
        again.cv = Some(pdf("cv-2.pdf"));
        let second =
            applications::apply_anonymously(&t.db, &storage, &origin(now), offer.id, again)
                .await
                .unwrap();
        assert_eq!((first, second), (Applied::New, Applied::ToConfirm));
        let stored = application::Entity::find().all(&t.db).await.unwrap();
        assert_eq!(
            stored[0].message.as_deref(),
            Some("Disponible dès lundi."),
            "{}: nothing replaced before the address confirms",
            t.backend
        );
        assert_eq!(files_count(&t.db).await, 2, "both CVs kept meanwhile");
        let ask = outbox(&t.db).await.pop().unwrap();
        assert_eq!(ask.to_address, "lea@exemple.fr");
        let token = token_in(&ask.text_body, "/candidature/remplacer");

        let back = applications::confirm_replacement(&t.db, &storage, &origin(now), &token)
            .await
            .unwrap();
        assert_eq!(back, format!("/offres/{}-{}", offer.slug, offer.id));
        let stored = application::Entity::find().all(&t.db).await.unwrap();
        assert_eq!(stored.len(), 1, "replaced, not duplicated");
        assert_eq!(
            stored[0].message.as_deref(),
            Some("Nouveau CV, plus complet.")
        );
        assert_eq!(files_count(&t.db).await, 1, "the replaced CV is deleted");
        let last = outbox(&t.db)
            .await
            .into_iter()
            .rev()
            .find(|m| m.to_address == "lea@exemple.fr")
            .unwrap();
        assert!(
            last.text_body
                .contains("remplace celle que vous aviez envoyée")
        );
        assert!(
            applications::confirm_replacement(&t.db, &storage, &origin(now), &token)
                .await
                .is_err(),
            "the link serves once"
        );
    }
}

#[tokio::test]
async fn an_unconfirmed_replacement_expires_and_leaves_the_first_application_as_it_was() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let company = insert_company(&t.db, "Garage du Centre").await;
        let offer = insert_offer(&t.db, &company, "Carrossier", 1, |_| {}).await;
        let now = Utc::now();
        for _ in 0..2 {
            applications::apply_anonymously(
                &t.db,
                &storage,
                &origin(now),
                offer.id,
                anonymous_application("lea@exemple.fr"),
            )
            .await
            .unwrap();
        }
        let token = token_in(
            &outbox(&t.db).await.pop().unwrap().text_body,
            "/candidature/remplacer",
        );
        let late = origin(now + Duration::hours(49));
        let refused = applications::confirm_replacement(&t.db, &storage, &late, &token).await;
        assert!(
            matches!(refused, Err(DomainError::Invalid(_))),
            "{}: {refused:?}",
            t.backend
        );
        assert_eq!(files_count(&t.db).await, 1, "the held CV is released");
        assert_eq!(
            applications::purge_expired_replacements(&t.db, late.now)
                .await
                .unwrap(),
            0
        );
    }
}

#[tokio::test]
async fn an_application_made_with_an_account_is_never_replaced_anonymously_without_its_mailbox() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let zoe = insert_user(&t.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
        let company = insert_company(&t.db, "Garage du Centre").await;
        let offer = insert_offer(&t.db, &company, "Carrossier", 1, |_| {}).await;
        let now = Utc::now();
        let form = AccountApplication {
            cv: Some(pdf("cv.pdf")),
            ..Default::default()
        };
        applications::apply_with_account(&t.db, &storage, &origin(now), &zoe, offer.id, form)
            .await
            .unwrap();
        let answer = applications::apply_anonymously(
            &t.db,
            &storage,
            &origin(now),
            offer.id,
            anonymous_application("zoe@exemple.fr"),
        )
        .await;
        assert_eq!(
            answer,
            Ok(Applied::ToConfirm),
            "{}: the same answer as for any address that applied (no 409 saying an account exists)",
            t.backend
        );
        let stored = application::Entity::find()
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.user_id, Some(zoe.id), "still the account's");
    }
}

#[tokio::test]
async fn bad_anonymous_applications_get_french_messages_on_their_fields() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let company = insert_company(&t.db, "Garage du Centre").await;
        let offer = insert_offer(&t.db, &company, "Mécanicien", 1, |_| {}).await;
        let o = origin(Utc::now());
        let apply = |form| applications::apply_anonymously(&t.db, &storage, &o, offer.id, form);

        let mut no_cv = anonymous_application("lea@exemple.fr");
        no_cv.cv = None;
        no_cv.email = "pas-une-adresse".into();
        let refused = apply(no_cv).await;
        assert!(field_error(refused.clone(), "cv").contains("Joignez votre CV"));
        assert!(!field_error(refused, "email").is_empty());

        let mut html = anonymous_application("lea@exemple.fr");
        html.cv = Some(upload(
            "cv.pdf",
            b"<!DOCTYPE html><html><script>alert(1)</script>",
        ));
        assert!(field_error(apply(html).await, "cv").contains("ni un PDF"));

        let mut svg = anonymous_application("lea@exemple.fr");
        svg.cv = Some(upload(
            "cv.pdf",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
        ));
        assert!(field_error(apply(svg).await, "cv").contains("ni un PDF"));

        let mut phone = anonymous_application("lea@exemple.fr");
        phone.phone = "appelez-moi".into();
        assert!(field_error(apply(phone).await, "telephone").contains("06 12 34 56 78"));

        assert_eq!(application::Entity::find().count(&t.db).await.unwrap(), 0);
        assert_eq!(
            files_count(&t.db).await,
            0,
            "nothing stored for a refused form"
        );
    }
}

#[tokio::test]
async fn oversize_files_are_refused_whatever_their_type() {
    let storage = Storage::in_memory();
    let mut big = vec![b' '; domain::model::DOCUMENT_MAX_BYTES + 1];
    big[..5].copy_from_slice(b"%PDF-");
    let upload = files::Upload {
        name: "cv.pdf".into(),
        bytes: big.into(),
    };
    let message = files::check(&upload, FileKind::DOCUMENTS).unwrap_err();
    assert!(message.contains("dépasse 5 Mo"), "{message}");
    drop(storage);
}

#[tokio::test]
async fn the_honeypot_and_the_rate_limits_stop_robots() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let company = insert_company(&t.db, "Garage du Centre").await;
        let offer = insert_offer(&t.db, &company, "Mécanicien", 1, |_| {}).await;
        let o = origin(Utc::now());
        let mut robot = anonymous_application("robot@exemple.fr");
        robot.honeypot = "http://spam.example".into();
        let answer = applications::apply_anonymously(&t.db, &storage, &o, offer.id, robot)
            .await
            .unwrap();
        assert_eq!(answer, Applied::New, "the robot is told it worked");
        assert_eq!(application::Entity::find().count(&t.db).await.unwrap(), 0);

        let mut last = Ok(Applied::New);
        for _ in 0..11 {
            last = applications::apply_anonymously(
                &t.db,
                &storage,
                &o,
                offer.id,
                anonymous_application("pressee@exemple.fr"),
            )
            .await;
        }
        assert_eq!(last, Err(DomainError::RateLimited));
    }
}

#[tokio::test]
async fn closed_offers_and_offers_applied_elsewhere_take_no_application() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let company = insert_company(&t.db, "Garage du Centre").await;
        let filled = insert_offer(&t.db, &company, "Pourvu", 1, |o| {
            o.status = Set(OfferStatus::Filled)
        })
        .await;
        let by_email = insert_offer(&t.db, &company, "Par email", 1, |o| {
            o.apply_method = Set(ApplyMethod::Email);
            o.apply_email = Set(Some("rh@garage.fr".into()));
        })
        .await;
        let o = origin(Utc::now());
        for (id, expected) in [
            (filled.id, "n'accepte plus"),
            (by_email.id, "en dehors de JobToMove"),
        ] {
            match applications::apply_anonymously(
                &t.db,
                &storage,
                &o,
                id,
                anonymous_application("a@exemple.fr"),
            )
            .await
            {
                Err(DomainError::Conflict(message)) => {
                    assert!(message.contains(expected), "{message}")
                }
                other => panic!("expected a refusal, got {other:?}"),
            }
        }
        assert_eq!(
            applications::apply_anonymously(
                &t.db,
                &storage,
                &o,
                999_999,
                anonymous_application("a@exemple.fr")
            )
            .await,
            Err(DomainError::NotFound)
        );
    }
}

#[tokio::test]
async fn a_candidate_applies_with_a_dossier_and_follows_the_application() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let candidate = insert_user(&t.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
        let company = insert_company(&t.db, "Garage du Centre").await;
        let offer = insert_offer(&t.db, &company, "Mécanicien", 1, |_| {}).await;
        let other = insert_offer(&t.db, &company, "Carrossier", 1, |_| {}).await;
        let now = Utc::now();
        let dossier = dossiers::create(
            &t.db,
            &storage,
            &candidate,
            dossier_form("Mécanicienne", true),
            now,
        )
        .await
        .unwrap();
        let applied = applications::apply_with_account(
            &t.db,
            &storage,
            &origin(now),
            &candidate,
            offer.id,
            AccountApplication {
                dossier_id: Some(dossier),
                message: "Bonjour, je suis disponible.".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(applied, Applied::New);
        // Files for this application only, kept as a new dossier.
        applications::apply_with_account(
            &t.db,
            &storage,
            &origin(now + Duration::seconds(1)),
            &candidate,
            other.id,
            AccountApplication {
                cv: Some(pdf("cv-carrosserie.pdf")),
                keep_as: "Carrossière".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let kept = dossiers::list(&t.db, &candidate).await.unwrap();
        assert_eq!(kept.len(), 2);
        assert!(kept.iter().any(|d| d.title == "Carrossière" && !d.visible));

        // The recruiter fills one offer, the other is removed.
        let mut filled: offer::ActiveModel = offer::Entity::find_by_id(offer.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        filled.status = Set(OfferStatus::Filled);
        filled.update(&t.db).await.unwrap();
        offer::Entity::delete_by_id(other.id)
            .exec(&t.db)
            .await
            .unwrap();

        let mine = applications::mine(&t.db, &candidate, now).await.unwrap();
        assert_eq!(mine.len(), 2, "nothing silently dropped");
        let removed = &mine[0];
        assert_eq!(removed.offer_title, "Carrossier");
        assert_eq!(removed.offer, OfferState::Removed);
        assert_eq!(
            removed.offer.note(),
            Some("Offre supprimée par le recruteur")
        );
        let first = &mine[1];
        assert_eq!(first.offer.note(), Some("Poste pourvu"));
        assert_eq!(first.dossier_title.as_deref(), Some("Mécanicienne"));
        assert_eq!(first.history.len(), 1);
        assert_eq!(first.history[0].0, ApplicationStatus::Sent);
        assert_eq!(first.files.len(), 1);
        let to_candidate = outbox(&t.db)
            .await
            .into_iter()
            .find(|m| m.to_address == "zoe@exemple.fr")
            .unwrap();
        assert!(to_candidate.text_body.contains("Mes candidatures"));
    }
}

#[tokio::test]
async fn recruiters_cannot_apply_and_nobody_applies_with_another_persons_dossier() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let zoe = insert_user(&t.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
        let max = insert_user(&t.db, "max@exemple.fr", "Max", Role::Candidate).await;
        let recruiter = insert_user(&t.db, "rh@garage.fr", "Paul", Role::Recruiter).await;
        let company = insert_company(&t.db, "Garage du Centre").await;
        let offer = insert_offer(&t.db, &company, "Mécanicien", 1, |_| {}).await;
        let now = Utc::now();
        let zoes = dossiers::create(
            &t.db,
            &storage,
            &zoe,
            dossier_form("Mécanicienne", false),
            now,
        )
        .await
        .unwrap();
        let with = |dossier_id| AccountApplication {
            dossier_id: Some(dossier_id),
            ..Default::default()
        };
        assert_eq!(
            applications::apply_with_account(
                &t.db,
                &storage,
                &origin(now),
                &recruiter,
                offer.id,
                with(zoes)
            )
            .await,
            Err(DomainError::Forbidden)
        );
        let refused = applications::apply_with_account(
            &t.db,
            &storage,
            &origin(now),
            &max,
            offer.id,
            with(zoes),
        )
        .await;
        assert!(field_error(refused, "dossier").contains("vos dossiers"));
        assert_eq!(
            dossiers::get(&t.db, &max, zoes).await,
            Err(DomainError::NotFound)
        );
        assert_eq!(
            dossiers::set_visible(&t.db, &max, zoes, true, now).await,
            Err(DomainError::NotFound)
        );
    }
}

#[tokio::test]
async fn only_the_recruiter_who_published_an_offer_acts_on_it_and_its_applications() {
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
        let candidate = insert_user(&t.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
        let now = Utc::now();
        let id = postings::create(&t.db, &places, &paul, &posting_form("Mécanicien H/F"), now)
            .await
            .unwrap();
        postings::publish(&t.db, &search, &paul, id, now)
            .await
            .unwrap();
        applications::apply_anonymously(
            &t.db,
            &storage,
            &origin(now),
            id,
            AnonymousApplication {
                email: "lea@exemple.fr".into(),
                cv: Some(pdf("cv.pdf")),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let application = applications::received(&t.db, &paul, Some(id))
            .await
            .unwrap()[0]
            .id;

        for someone in [&colleague, &stranger] {
            assert_eq!(
                postings::publish(&t.db, &search, someone, id, now).await,
                Err(DomainError::NotFound)
            );
            assert_eq!(
                postings::close(&t.db, &search, someone, id, OfferStatus::Unpublished, now).await,
                Err(DomainError::NotFound)
            );
            assert_eq!(
                postings::delete(&t.db, &search, someone, id).await,
                Err(DomainError::NotFound)
            );
            assert_eq!(
                postings::duplicate(&t.db, someone, id, now).await,
                Err(DomainError::NotFound)
            );
            assert_eq!(
                postings::edit(&t.db, &places, someone, id)
                    .await
                    .map(|_| ()),
                Err(DomainError::NotFound)
            );
            assert_eq!(
                applications::received(&t.db, someone, Some(id)).await,
                Err(DomainError::NotFound)
            );
            assert!(
                applications::received(&t.db, someone, None)
                    .await
                    .unwrap()
                    .is_empty()
            );
            assert_eq!(
                applications::open_received(&t.db, someone, application, "http://x", now)
                    .await
                    .map(|_| ()),
                Err(DomainError::NotFound)
            );
            assert_eq!(
                applications::decide(
                    &t.db,
                    &search,
                    someone,
                    application,
                    decide_to(ApplicationStatus::Declined),
                    "http://x",
                    now,
                )
                .await,
                Err(DomainError::NotFound)
            );
            assert_eq!(
                applications::set_note(&t.db, someone, application, "x").await,
                Err(DomainError::NotFound)
            );
        }
        assert_eq!(
            postings::mine(&t.db, &candidate, None).await,
            Err(DomainError::Forbidden)
        );
        assert_eq!(
            applications::received(&t.db, &candidate, None).await,
            Err(DomainError::Forbidden)
        );
        assert_eq!(
            postings::create(
                &t.db,
                &places,
                &candidate,
                &posting_form("Mécanicien H/F"),
                now
            )
            .await,
            Err(DomainError::Forbidden)
        );
    }
}

#[tokio::test]
async fn status_changes_reach_the_candidate_by_email_and_in_mes_candidatures() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let search = SearchIndex::in_memory().unwrap();
        let storage = Storage::in_memory();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let zoe = insert_user(&t.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
        let now = Utc::now();
        let id = postings::create(&t.db, &places, &paul, &posting_form("Mécanicien H/F"), now)
            .await
            .unwrap();
        postings::publish(&t.db, &search, &paul, id, now)
            .await
            .unwrap();
        applications::apply_with_account(
            &t.db,
            &storage,
            &origin(now),
            &zoe,
            id,
            applications::AccountApplication {
                cv: Some(pdf("cv.pdf")),
                message: "Bonjour".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let received = applications::received(&t.db, &paul, None).await.unwrap();
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].status, ApplicationStatus::Sent);
        assert_eq!(
            postings::mine(&t.db, &paul, None).await.unwrap()[0].unread,
            1
        );

        let opened =
            applications::open_received(&t.db, &paul, received[0].id, "http://jobtomove.test", now)
                .await
                .unwrap();
        assert_eq!(opened.status, ApplicationStatus::Viewed);
        assert_eq!(opened.files.len(), 1);
        applications::set_note(&t.db, &paul, opened.id, "Appeler lundi")
            .await
            .unwrap();
        applications::decide(
            &t.db,
            &search,
            &paul,
            opened.id,
            decide_to(ApplicationStatus::Interview),
            "http://jobtomove.test",
            now + Duration::minutes(1),
        )
        .await
        .unwrap();
        assert!(
            applications::decide(
                &t.db,
                &search,
                &paul,
                opened.id,
                decide_to(ApplicationStatus::Sent),
                "http://x",
                now,
            )
            .await
            .is_err()
        );

        let mine = applications::mine(&t.db, &zoe, now).await.unwrap();
        assert_eq!(mine[0].status, ApplicationStatus::Interview);
        let steps: Vec<ApplicationStatus> = mine[0].history.iter().map(|(s, _)| *s).collect();
        assert_eq!(
            steps,
            [
                ApplicationStatus::Sent,
                ApplicationStatus::Viewed,
                ApplicationStatus::Interview
            ]
        );
        let serialized = serde_json::to_string(&mine[0]).unwrap();
        assert!(
            !serialized.contains("Appeler lundi"),
            "the note stays private"
        );
        let mails: Vec<_> = outbox(&t.db)
            .await
            .into_iter()
            .filter(|m| m.to_address == "zoe@exemple.fr")
            .collect();
        assert!(
            mails
                .iter()
                .any(|m| m.text_body.contains("souhaite vous rencontrer"))
        );
        assert!(
            mails
                .iter()
                .any(|m| m.text_body.contains("a consulté votre candidature"))
        );

        // Hired, and the offer marked filled: the candidate sees it so.
        applications::decide(
            &t.db,
            &search,
            &paul,
            opened.id,
            applications::Decision {
                status: ApplicationStatus::Hired,
                fill_offer: true,
                ask_keep: false,
            },
            "http://x",
            now,
        )
        .await
        .unwrap();
        assert_eq!(
            offer_row(&t.db, id).await.status,
            OfferStatus::Filled,
            "{}: filled in the same step",
            t.backend
        );
        let mine = applications::mine(&t.db, &zoe, now).await.unwrap();
        assert!(matches!(
            mine[0].offer,
            OfferState::Closed {
                status: OfferStatus::Filled,
                ..
            }
        ));
    }
}

/// A decision that leaves the offer as it is.
fn decide_to(status: ApplicationStatus) -> applications::Decision {
    applications::Decision {
        status,
        fill_offer: false,
        ask_keep: false,
    }
}

/// B5: an anonymous application to `offer`, declined by `recruiter` at `at`.
async fn declined_application(
    t: &TestDb,
    storage: &Storage,
    search: &domain::search::SearchIndex,
    recruiter: &CurrentUser,
    offer: i64,
    email: &str,
    at: chrono::DateTime<Utc>,
) -> application::Model {
    applications::apply_anonymously(
        &t.db,
        storage,
        &origin(at),
        offer,
        anonymous_application(email),
    )
    .await
    .unwrap();
    let row = application::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.email == email)
        .unwrap();
    applications::decide(
        &t.db,
        search,
        recruiter,
        row.id,
        decide_to(ApplicationStatus::Declined),
        "http://x",
        at,
    )
    .await
    .unwrap();
    application::Entity::find_by_id(row.id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn a_declined_application_loses_its_files_and_texts_three_months_after_the_decision() {
    use domain::applications::retention;
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let search = domain::search::SearchIndex::in_memory().unwrap();
        let recruiter = insert_user(&t.db, "rh@garage.fr", "Paul", Role::Recruiter).await;
        let company = insert_company(&t.db, "Garage du Centre").await;
        let offer = insert_offer(&t.db, &company, "Mécanicien auto", 1, |o| {
            o.recruiter_id = Set(Some(recruiter.id))
        })
        .await;
        let now = Utc::now();
        let declined = declined_application(
            &t,
            &storage,
            &search,
            &recruiter,
            offer.id,
            "lea@exemple.fr",
            now,
        )
        .await;
        let due = retention::deletion_date(&declined).unwrap();
        let expected = now.checked_add_months(retention::AFTER_CLOSING).unwrap();
        assert!(
            (due - expected).num_milliseconds().abs() < 1,
            "{}: {due} for {expected}",
            t.backend
        );
        let cv = stored_file::Entity::find_by_id(declined.cv_file_id.unwrap())
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert!(storage.get(&cv.storage_key).await.is_ok());

        let early = retention::sweep(&t.db, &storage, due - chrono::Duration::days(1))
            .await
            .unwrap();
        assert_eq!(early.purged, 0, "not before its date");
        let swept = retention::sweep(&t.db, &storage, due + chrono::Duration::hours(1))
            .await
            .unwrap();
        assert_eq!((swept.purged, swept.files), (1, 1));
        let row = application::Entity::find_by_id(declined.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            row.status,
            ApplicationStatus::Declined,
            "the decision stays"
        );
        assert_eq!(
            (row.cv_file_id, row.message.as_deref(), row.phone.as_deref()),
            (None, None, None)
        );
        assert!(row.purged_at.is_some());
        assert!(
            storage.get(&cv.storage_key).await.is_err(),
            "the file is really gone"
        );
        assert!(
            stored_file::Entity::find_by_id(cv.id)
                .one(&t.db)
                .await
                .unwrap()
                .is_none()
        );
        let again = retention::sweep(&t.db, &storage, due + chrono::Duration::days(2))
            .await
            .unwrap();
        assert_eq!(again.purged, 0, "idempotent");
    }
}

#[tokio::test]
async fn an_undecided_application_goes_three_months_after_its_offer_closes_and_a_hired_one_stays() {
    use domain::applications::retention;
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let search = domain::search::SearchIndex::in_memory().unwrap();
        let recruiter = insert_user(&t.db, "rh@garage.fr", "Paul", Role::Recruiter).await;
        let company = insert_company(&t.db, "Garage du Centre").await;
        let offer = insert_offer(&t.db, &company, "Mécanicien auto", 1, |o| {
            o.recruiter_id = Set(Some(recruiter.id))
        })
        .await;
        let other = insert_offer(&t.db, &company, "Carrossier", 1, |o| {
            o.recruiter_id = Set(Some(recruiter.id))
        })
        .await;
        let now = Utc::now();
        applications::apply_anonymously(
            &t.db,
            &storage,
            &origin(now),
            offer.id,
            anonymous_application("lea@exemple.fr"),
        )
        .await
        .unwrap();
        applications::apply_anonymously(
            &t.db,
            &storage,
            &origin(now),
            other.id,
            anonymous_application("marc@exemple.fr"),
        )
        .await
        .unwrap();
        let hired = application::Entity::find()
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.email == "marc@exemple.fr")
            .unwrap();
        applications::decide(
            &t.db,
            &search,
            &recruiter,
            hired.id,
            decide_to(ApplicationStatus::Hired),
            "http://x",
            now,
        )
        .await
        .unwrap();

        // The offer is filled without a decision on Léa's application.
        let mut filled: offer::ActiveModel = offer.clone().into();
        filled.status = Set(OfferStatus::Filled);
        filled.update(&t.db).await.unwrap();
        let first = retention::sweep(&t.db, &storage, now).await.unwrap();
        assert_eq!(first.closing, 1, "{}: its 3 months start", t.backend);
        let later =
            now.checked_add_months(retention::AFTER_CLOSING).unwrap() + chrono::Duration::hours(1);
        let swept = retention::sweep(&t.db, &storage, later).await.unwrap();
        assert_eq!(swept.purged, 1);
        let year =
            now.checked_add_months(retention::UNDECIDED).unwrap() + chrono::Duration::days(1);
        retention::sweep(&t.db, &storage, year).await.unwrap();
        let kept = application::Entity::find_by_id(hired.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            kept.purged_at.is_none() && kept.cv_file_id.is_some(),
            "a hired candidate's application is kept"
        );
    }
}

#[tokio::test]
async fn a_candidate_empties_their_own_application_at_once_and_their_dossier_keeps_its_cv() {
    use domain::applications::retention;
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let zoe = candidate_user(&t.db, "zoe@exemple.fr").await;
        let company = insert_company(&t.db, "Garage du Centre").await;
        let offer = insert_offer(&t.db, &company, "Mécanicien auto", 1, |_| {}).await;
        let now = Utc::now();
        let dossier = domain::dossiers::create(
            &t.db,
            &storage,
            &zoe,
            dossier_form("Mécanicienne", false),
            now,
        )
        .await
        .unwrap();
        let dossier_row = domain::entity::dossier::Entity::find_by_id(dossier)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        applications::apply_anonymously(
            &t.db,
            &storage,
            &origin(now),
            offer.id,
            anonymous_application("zoe@exemple.fr"),
        )
        .await
        .unwrap();
        let row = application::Entity::find()
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        // The application uses the dossier's CV, as one sent from a dossier does.
        let mut linked: application::ActiveModel = row.clone().into();
        linked.user_id = Set(Some(zoe.id));
        linked.cv_file_id = Set(dossier_row.cv_file_id);
        linked.update(&t.db).await.unwrap();

        let stranger = candidate_user(&t.db, "autre@exemple.fr").await;
        assert!(matches!(
            retention::purge_mine(&t.db, &storage, &stranger, row.id, now).await,
            Err(DomainError::NotFound)
        ));
        retention::purge_mine(&t.db, &storage, &zoe, row.id, now)
            .await
            .unwrap();
        let emptied = application::Entity::find_by_id(row.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            emptied.purged_at.is_some() && emptied.cv_file_id.is_none(),
            "{}",
            t.backend
        );
        let cv = stored_file::Entity::find_by_id(dossier_row.cv_file_id.unwrap())
            .one(&t.db)
            .await
            .unwrap();
        assert!(cv.is_some(), "the dossier's CV stays");
        assert!(storage.get(&cv.unwrap().storage_key).await.is_ok());
    }
}

#[tokio::test]
async fn only_the_candidates_yes_keeps_a_declined_application_two_years_and_a_no_deletes_it_at_once()
 {
    use domain::applications::retention;
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let search = domain::search::SearchIndex::in_memory().unwrap();
        let recruiter = insert_user(&t.db, "rh@garage.fr", "Paul", Role::Recruiter).await;
        let company = insert_company(&t.db, "Garage du Centre").await;
        let offer = insert_offer(&t.db, &company, "Mécanicien auto", 1, |o| {
            o.recruiter_id = Set(Some(recruiter.id))
        })
        .await;
        let now = Utc::now();
        let mut asked = Vec::new();
        for email in ["lea@exemple.fr", "marc@exemple.fr"] {
            applications::apply_anonymously(
                &t.db,
                &storage,
                &origin(now),
                offer.id,
                anonymous_application(email),
            )
            .await
            .unwrap();
            let row = application::Entity::find()
                .all(&t.db)
                .await
                .unwrap()
                .into_iter()
                .find(|a| a.email == email)
                .unwrap();
            let decision = applications::Decision {
                ask_keep: true,
                ..decide_to(ApplicationStatus::Declined)
            };
            applications::decide(
                &t.db, &search, &recruiter, row.id, decision, "http://x", now,
            )
            .await
            .unwrap();
            let mail = outbox(&t.db)
                .await
                .into_iter()
                .rev()
                .find(|m| m.to_address == email)
                .unwrap();
            assert!(
                mail.text_body.contains("pendant 2 ans"),
                "{}: {}",
                t.backend,
                mail.text_body
            );
            asked.push((row.id, token_in(&mail.text_body, "/candidature/conserver")));
        }
        let (lea, lea_token) = &asked[0];
        let (marc, marc_token) = &asked[1];
        retention::answer_by_token(&t.db, &storage, lea_token, true, now)
            .await
            .unwrap();
        retention::answer_by_token(&t.db, &storage, marc_token, false, now)
            .await
            .unwrap();
        let marc_row = application::Entity::find_by_id(*marc)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            marc_row.purged_at.is_some() && marc_row.cv_file_id.is_none(),
            "a no deletes at once"
        );
        assert!(
            retention::answer_by_token(&t.db, &storage, marc_token, true, now)
                .await
                .is_err(),
            "too late"
        );

        let after_three_months =
            now.checked_add_months(retention::AFTER_CLOSING).unwrap() + Duration::days(1);
        assert_eq!(
            retention::sweep(&t.db, &storage, after_three_months)
                .await
                .unwrap()
                .purged,
            0,
            "kept with consent"
        );
        let lea_row = application::Entity::find_by_id(*lea)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert!(lea_row.cv_file_id.is_some());
        let after_two_years =
            now.checked_add_months(retention::WITH_CONSENT).unwrap() + Duration::days(1);
        assert_eq!(
            retention::sweep(&t.db, &storage, after_two_years)
                .await
                .unwrap()
                .purged,
            1,
            "then deleted"
        );
    }
}
