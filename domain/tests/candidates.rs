//! The candidate space (P7, C2, C3, C4, C5, C8, B3) and its files, on every
//! database of the run.

use chrono::{Duration, Utc};
use domain::DomainError;
use domain::applications::{self, AccountApplication, AnonymousApplication};
use domain::candidates::{self, ProfileForm};
use domain::dossiers::{self, DossierForm};
use domain::entity::{application, offer, stored_file};
use domain::model::{
    ApplicationStatus, Applied, ApplyMethod, Diploma, FileKind, JobFamily, OfferState, OfferStatus,
    Role,
};
use domain::places::Directory;
use domain::storage::{self, Storage};
use domain::testing::{
    field_error, insert_company, insert_offer, insert_places, insert_user, join_company, origin,
    outbox, pdf, test_databases, token_in, upload,
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};

fn anonymous(email: &str) -> AnonymousApplication {
    AnonymousApplication {
        email: email.into(),
        first_name: "Léa".into(),
        last_name: "Garnier".into(),
        phone: "0612345678".into(),
        message: "Disponible dès lundi.".into(),
        cv: Some(pdf("CV Léa.pdf")),
        ..Default::default()
    }
}

fn dossier_form(title: &str, visible: bool) -> DossierForm {
    DossierForm {
        title: title.into(),
        letter_text: "Passionnée de mécanique depuis toujours.".into(),
        visible,
        cv: Some(pdf("cv.pdf")),
        ..Default::default()
    }
}

async fn files_count(db: &sea_orm::DatabaseConnection) -> u64 {
    stored_file::Entity::find().count(db).await.unwrap()
}

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
            anonymous(" Lea.Garnier@Exemple.fr "),
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
            anonymous("lea@exemple.fr"),
        )
        .await
        .unwrap();
        let mut again = anonymous("LEA@exemple.fr");
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
                anonymous("lea@exemple.fr"),
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
            anonymous("zoe@exemple.fr"),
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

        let mut no_cv = anonymous("lea@exemple.fr");
        no_cv.cv = None;
        no_cv.email = "pas-une-adresse".into();
        let refused = apply(no_cv).await;
        assert!(field_error(refused.clone(), "cv").contains("Joignez votre CV"));
        assert!(!field_error(refused, "email").is_empty());

        let mut html = anonymous("lea@exemple.fr");
        html.cv = Some(upload(
            "cv.pdf",
            b"<!DOCTYPE html><html><script>alert(1)</script>",
        ));
        assert!(field_error(apply(html).await, "cv").contains("ni un PDF"));

        let mut svg = anonymous("lea@exemple.fr");
        svg.cv = Some(upload(
            "cv.pdf",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
        ));
        assert!(field_error(apply(svg).await, "cv").contains("ni un PDF"));

        let mut phone = anonymous("lea@exemple.fr");
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
    let upload = storage::Upload {
        name: "cv.pdf".into(),
        bytes: big.into(),
    };
    let message = storage::check(&upload, FileKind::DOCUMENTS).unwrap_err();
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
        let mut robot = anonymous("robot@exemple.fr");
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
                anonymous("pressee@exemple.fr"),
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
                anonymous("a@exemple.fr"),
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
                anonymous("a@exemple.fr")
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
async fn a_dossier_is_created_changed_made_visible_hidden_and_deleted() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let storage = Storage::in_memory();
        let zoe = insert_user(&t.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
        let now = Utc::now();
        let refused = dossiers::create(&t.db, &storage, &zoe, DossierForm::default(), now).await;
        assert!(field_error(refused.clone(), "titre").contains("titre"));
        assert!(field_error(refused, "cv").contains("CV"));
        let mut bad_link = dossier_form("Mécanicienne", false);
        bad_link.video_url = "https://evil.example/video".into();
        assert!(
            field_error(
                dossiers::create(&t.db, &storage, &zoe, bad_link, now).await,
                "video_lien"
            )
            .contains("YouTube")
        );

        let id = dossiers::create(
            &t.db,
            &storage,
            &zoe,
            dossier_form("Mécanicienne", false),
            now,
        )
        .await
        .unwrap();
        assert!(
            dossiers::visible(&t.db, &places, 20, 0)
                .await
                .unwrap()
                .0
                .is_empty(),
            "hidden by default"
        );

        dossiers::set_visible(&t.db, &zoe, id, true, now)
            .await
            .unwrap();
        candidates::save_profile(
            &t.db,
            &places,
            &zoe,
            ProfileForm {
                diplomas: vec!["cap".into()],
                job_families: vec![JobFamily::CarMechanics.code().into()],
                places: vec!["Lyon (69)".into()],
                mobility_km: "30".into(),
                ..Default::default()
            },
            now,
        )
        .await
        .unwrap();
        let (found, total) = dossiers::visible(&t.db, &places, 20, 0).await.unwrap();
        assert_eq!(total, 1);
        assert_eq!(found[0].dossier.title, "Mécanicienne");
        assert_eq!(found[0].first_name, "Zoé");
        assert_eq!(found[0].profile.diplomas, vec![Diploma::Cap]);
        assert_eq!(found[0].profile.places[0].1, "Lyon (69)");

        // A new CV replaces the old one, whose file goes.
        let mut change = dossier_form("Mécanicienne confirmée", true);
        change.cv = Some(pdf("cv-2026.pdf"));
        dossiers::update(&t.db, &storage, &zoe, id, change, now)
            .await
            .unwrap();
        let changed = dossiers::get(&t.db, &zoe, id).await.unwrap();
        assert_eq!(changed.cv.unwrap().name, "cv-2026.pdf");
        assert_eq!(files_count(&t.db).await, 1);

        dossiers::set_visible(&t.db, &zoe, id, false, now)
            .await
            .unwrap();
        assert_eq!(
            dossiers::visible(&t.db, &places, 20, 0).await.unwrap().1,
            0,
            "hidden at once"
        );

        dossiers::delete(&t.db, &storage, &zoe, id).await.unwrap();
        assert!(dossiers::list(&t.db, &zoe).await.unwrap().is_empty());
        assert_eq!(files_count(&t.db).await, 0, "its files go with it");
    }
}

#[tokio::test]
async fn files_are_downloaded_only_by_the_people_who_may_read_them() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let zoe = insert_user(&t.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
        let max = insert_user(&t.db, "max@exemple.fr", "Max", Role::Candidate).await;
        let publisher = insert_user(&t.db, "rh@garage.fr", "Paul", Role::Recruiter).await;
        let colleague = insert_user(&t.db, "rh2@garage.fr", "Inès", Role::Recruiter).await;
        let school = insert_user(&t.db, "cfa@exemple.fr", "Anne", Role::TrainingOrganisation).await;
        let newcomer = insert_user(&t.db, "rh3@garage.fr", "Léo", Role::Recruiter).await;
        let company = insert_company(&t.db, "Garage du Centre").await;
        let cfa = insert_company(&t.db, "CFA de Lyon").await;
        join_company(&t.db, &publisher, &company, true).await;
        join_company(&t.db, &colleague, &company, true).await;
        join_company(&t.db, &school, &cfa, true).await;
        join_company(&t.db, &newcomer, &company, false).await;
        let offer = insert_offer(&t.db, &company, "Mécanicien", 1, |o| {
            o.recruiter_id = Set(Some(publisher.id))
        })
        .await;
        let now = Utc::now();
        let dossier = dossiers::create(
            &t.db,
            &storage,
            &zoe,
            dossier_form("Mécanicienne", false),
            now,
        )
        .await
        .unwrap();
        applications::apply_anonymously(
            &t.db,
            &storage,
            &origin(now),
            offer.id,
            anonymous("lea@exemple.fr"),
        )
        .await
        .unwrap();
        let application_cv = application::Entity::find()
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .cv_file_id
            .unwrap();
        let dossier_cv = dossiers::get(&t.db, &zoe, dossier)
            .await
            .unwrap()
            .cv
            .unwrap()
            .id;

        let may = |user: Option<&domain::model::CurrentUser>, id| {
            let storage = storage.clone();
            let db = t.db.clone();
            let user = user.cloned();
            async move {
                storage::download(&db, &storage, user.as_ref(), id)
                    .await
                    .map(|d| d.file.id)
            }
        };
        assert_eq!(may(None, application_cv).await, Err(DomainError::Forbidden));
        assert_eq!(
            may(Some(&publisher), application_cv).await,
            Ok(application_cv)
        );
        assert_eq!(
            may(Some(&colleague), application_cv).await,
            Err(DomainError::NotFound),
            "R8"
        );
        assert_eq!(
            may(Some(&zoe), application_cv).await,
            Err(DomainError::NotFound)
        );

        assert_eq!(may(Some(&zoe), dossier_cv).await, Ok(dossier_cv));
        assert_eq!(
            may(Some(&max), dossier_cv).await,
            Err(DomainError::NotFound)
        );
        assert_eq!(
            may(Some(&publisher), dossier_cv).await,
            Err(DomainError::NotFound),
            "hidden dossier"
        );
        dossiers::set_visible(&t.db, &zoe, dossier, true, now)
            .await
            .unwrap();
        assert_eq!(may(Some(&publisher), dossier_cv).await, Ok(dossier_cv));
        assert_eq!(may(Some(&school), dossier_cv).await, Ok(dossier_cv));
        assert_eq!(
            may(Some(&newcomer), dossier_cv).await,
            Err(DomainError::NotFound),
            "{}: a recruiter waiting for the owner reads no CV",
            t.backend
        );
        assert_eq!(
            may(Some(&max), dossier_cv).await,
            Err(DomainError::NotFound),
            "candidates never"
        );
        assert_eq!(may(Some(&zoe), 999_999).await, Err(DomainError::NotFound));
    }
}

#[tokio::test]
async fn files_left_by_a_deleted_account_are_purged_by_the_scheduled_sweep() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let folder = tempfile::tempdir().unwrap();
        let storage = Storage::Local(folder.path().to_path_buf());
        let zoe = insert_user(&t.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
        let now = Utc::now();
        let id = dossiers::create(
            &t.db,
            &storage,
            &zoe,
            dossier_form("Mécanicienne", true),
            now,
        )
        .await
        .unwrap();
        let key = stored_file::Entity::find()
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .storage_key;
        assert!(
            storage.get(&key).await.is_ok(),
            "written to the local folder"
        );
        domain::entity::user::Entity::delete_by_id(zoe.id)
            .exec(&t.db)
            .await
            .unwrap();
        assert_eq!(
            dossiers::get(&t.db, &zoe, id).await,
            Err(DomainError::NotFound)
        );
        assert_eq!(
            storage::purge_orphans(&t.db, &storage, now).await.unwrap(),
            0,
            "young files wait an hour"
        );
        assert_eq!(
            storage::purge_orphans(&t.db, &storage, now + Duration::hours(2))
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            storage.get(&key).await.map(|_| ()),
            Err(DomainError::NotFound)
        );
    }
}

#[tokio::test]
async fn the_profile_is_saved_and_bad_choices_are_refused_in_french() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let zoe = insert_user(&t.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
        let recruiter = insert_user(&t.db, "rh@garage.fr", "Paul", Role::Recruiter).await;
        let now = Utc::now();
        assert!(
            candidates::profile(&t.db, &places, &zoe)
                .await
                .unwrap()
                .is_empty()
        );
        let refused = candidates::save_profile(
            &t.db,
            &places,
            &zoe,
            ProfileForm {
                status: "astronaute".into(),
                availability: "date".into(),
                diplomas: vec!["doctorat-secret".into()],
                places: vec!["Atlantide".into()],
                experience_years: "99".into(),
                ..Default::default()
            },
            now,
        )
        .await;
        assert!(field_error(refused.clone(), "statut").contains("Choisissez"));
        assert!(field_error(refused.clone(), "disponible_le").contains("date"));
        assert!(field_error(refused.clone(), "diplomes").contains("Choisissez"));
        assert!(field_error(refused.clone(), "lieu_1").contains("Commune introuvable"));
        assert!(field_error(refused, "experience").contains("entre 0 et 50"));

        candidates::save_profile(
            &t.db,
            &places,
            &zoe,
            ProfileForm {
                status: "recherche".into(),
                availability: "date".into(),
                available_from: "2027-01-04".into(),
                licences: vec!["b".into(), "c".into()],
                experience_years: "4".into(),
                phone: "06 11 22 33 44".into(),
                ..Default::default()
            },
            now,
        )
        .await
        .unwrap();
        let saved = candidates::profile(&t.db, &places, &zoe).await.unwrap();
        assert_eq!(saved.experience_years, Some(4));
        assert_eq!(saved.licences.len(), 2);
        assert_eq!(saved.available_from.unwrap().to_string(), "2027-01-04");
        assert_eq!(
            candidates::save_profile(&t.db, &places, &recruiter, ProfileForm::default(), now).await,
            Err(DomainError::Forbidden)
        );
    }
}

#[tokio::test]
async fn saved_offers_are_listed_newest_first_and_saving_twice_is_once() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let zoe = insert_user(&t.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
        let company = insert_company(&t.db, "Garage du Centre").await;
        let a = insert_offer(&t.db, &company, "Mécanicien", 1, |_| {}).await;
        let b = insert_offer(&t.db, &company, "Carrossier", 1, |_| {}).await;
        let now = Utc::now();
        candidates::save_offer(&t.db, &zoe, a.id, true, now)
            .await
            .unwrap();
        candidates::save_offer(&t.db, &zoe, a.id, true, now)
            .await
            .unwrap();
        candidates::save_offer(&t.db, &zoe, b.id, true, now + Duration::seconds(1))
            .await
            .unwrap();
        let saved = candidates::saved_offers(&t.db, &zoe).await.unwrap();
        assert_eq!(
            saved.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![b.id, a.id]
        );
        candidates::save_offer(&t.db, &zoe, b.id, false, now)
            .await
            .unwrap();
        assert_eq!(
            candidates::saved_ids(&t.db, &zoe).await.unwrap(),
            vec![a.id]
        );
        assert_eq!(
            candidates::save_offer(&t.db, &zoe, 999_999, true, now).await,
            Err(DomainError::NotFound)
        );
    }
}

#[tokio::test]
async fn a_draft_cannot_be_saved_and_never_shows_among_saved_offers() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let zoe = insert_user(&t.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
        let company = insert_company(&t.db, "Garage du Centre").await;
        let draft = insert_offer(&t.db, &company, "Chef d'atelier secret", 1, |o| {
            o.status = Set(OfferStatus::Draft)
        })
        .await;
        let now = Utc::now();
        assert_eq!(
            candidates::save_offer(&t.db, &zoe, draft.id, true, now).await,
            Err(DomainError::NotFound),
            "{}: a draft's id is not an offer anyone can see",
            t.backend
        );
        // Saved while it was public, then back to a draft (data from before).
        let was_public = insert_offer(&t.db, &company, "Mécanicien", 1, |_| {}).await;
        candidates::save_offer(&t.db, &zoe, was_public.id, true, now)
            .await
            .unwrap();
        let mut row: offer::ActiveModel = was_public.into();
        row.status = Set(OfferStatus::Draft);
        row.update(&t.db).await.unwrap();
        assert!(
            candidates::saved_offers(&t.db, &zoe)
                .await
                .unwrap()
                .is_empty(),
            "{}: no card shows a draft",
            t.backend
        );
    }
}
