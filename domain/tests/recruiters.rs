//! The recruiter space (R3, R4, R5, R8, B1, B2, B4, B6) on every database of
//! the run, with a controllable clock.

use chrono::{Duration, Utc};
use domain::DomainError;
use domain::applications::{self, AnonymousApplication};
use domain::entity::offer;
use domain::model::{ApplicationStatus, OfferState, OfferStatus, Role};
use domain::places::Directory;
use domain::postings;
use domain::search::SearchIndex;
use domain::storage::Storage;
use domain::testing::{
    field_error, insert_company, insert_places, insert_recruiter, insert_user, origin, outbox, pdf,
    posting_form, test_databases,
};
use sea_orm::EntityTrait;

async fn offer_row(db: &sea_orm::DatabaseConnection, id: i64) -> offer::Model {
    offer::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn a_recruiter_drafts_publishes_duplicates_and_closes_an_offer() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let search = SearchIndex::in_memory().unwrap();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let now = Utc::now();

        let id = postings::create(
            &t.db,
            &places,
            &paul,
            &posting_form("Mécanicien automobile H/F"),
            now,
        )
        .await
        .unwrap();
        let draft = offer_row(&t.db, id).await;
        assert_eq!(draft.status, OfferStatus::Draft);
        assert_eq!(draft.company_id, garage.id);
        assert_eq!(draft.salary_min_cents, Some(210_000));
        assert!(
            draft
                .description_html
                .contains("<li>Diagnostic électronique</li>")
        );
        assert_eq!(search.len(), 0, "a draft is not searchable");

        postings::publish(&t.db, &search, &paul, id, now)
            .await
            .unwrap();
        let published = offer_row(&t.db, id).await;
        assert_eq!(published.status, OfferStatus::Published);
        assert_eq!(
            published.expires_at.map(|d| d.timestamp()),
            Some((now + Duration::days(90)).timestamp())
        );
        assert_eq!(search.len(), 1);

        let copy = postings::duplicate(&t.db, &paul, id, now).await.unwrap();
        let copied = offer_row(&t.db, copy).await;
        assert_eq!(
            (copied.status, copied.title.as_str()),
            (OfferStatus::Draft, "Mécanicien automobile H/F")
        );

        postings::close(&t.db, &search, &paul, id, OfferStatus::Filled, now)
            .await
            .unwrap();
        assert_eq!(offer_row(&t.db, id).await.status, OfferStatus::Filled);
        assert_eq!(search.len(), 0);

        let rows = postings::mine(&t.db, &paul, None).await.unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            postings::mine(&t.db, &paul, Some(OfferStatus::Draft))
                .await
                .unwrap()
                .len(),
            1
        );

        postings::delete(&t.db, &search, &paul, copy).await.unwrap();
        assert_eq!(postings::mine(&t.db, &paul, None).await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn the_offer_form_requires_a_salary_a_place_and_a_duration_in_french() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let mut form = posting_form("Apprenti mécanicien H/F");
        form.insert("contrat".into(), "alternance".into());
        form.remove("salaire_min");
        form.insert("lieu".into(), "Atlantide".into());
        let refused = postings::create(&t.db, &places, &paul, &form, Utc::now()).await;
        assert!(field_error(refused.clone(), "salaire_min").contains("transparence des salaires"));
        assert!(field_error(refused.clone(), "lieu").contains("Commune introuvable"));
        assert!(field_error(refused, "duree_mois").contains("durée"));

        form.insert("salaire_min".into(), "900".into());
        form.insert("lieu".into(), "69003".into());
        form.insert("duree_mois".into(), "24".into());
        let id = postings::create(&t.db, &places, &paul, &form, Utc::now())
            .await
            .unwrap();
        let apprenticeship = offer_row(&t.db, id).await;
        assert_eq!(apprenticeship.contract_months, Some(24));
    }
}

#[tokio::test]
async fn an_offer_title_with_markup_line_breaks_or_hidden_characters_is_refused() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        for hostile in [
            "Mécanicien H/F</title><meta http-equiv=refresh content=0>",
            "Mécanicien\u{202E}F/H",
            "Mécanicien\u{200B} H/F",
            "Mécanicien H/F\r\nBcc: x",
        ] {
            let refused =
                postings::create(&t.db, &places, &paul, &posting_form(hostile), Utc::now()).await;
            assert!(
                field_error(refused, "titre").contains("caractères non autorisés"),
                "{}: {hostile:?}",
                t.backend
            );
        }
    }
}

#[tokio::test]
async fn a_discriminatory_offer_is_refused_with_the_words_and_why() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let search = SearchIndex::in_memory().unwrap();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let mut form = posting_form("Mécanicien automobile");
        form.insert(
            "description".into(),
            "Nous cherchons un jeune mécanicien de moins de 30 ans, de nationalité française, pour notre atelier.".into(),
        );
        let id = postings::create(&t.db, &places, &paul, &form, Utc::now())
            .await
            .unwrap();
        let message = field_error(
            postings::publish(&t.db, &search, &paul, id, Utc::now()).await,
            "description",
        );
        assert!(message.contains("« jeune »"), "{message}");
        assert!(message.contains("30 ans"), "{message}");
        assert!(message.contains("nationalit"), "{message}");
        assert!(message.contains("H/F"), "{message}");
        assert_eq!(offer_row(&t.db, id).await.status, OfferStatus::Draft);
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
                    someone,
                    application,
                    ApplicationStatus::Declined,
                    "http://x",
                    now
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
            &paul,
            opened.id,
            ApplicationStatus::Interview,
            "http://jobtomove.test",
            now + Duration::minutes(1),
        )
        .await
        .unwrap();
        assert!(
            applications::decide(
                &t.db,
                &paul,
                opened.id,
                ApplicationStatus::Sent,
                "http://x",
                now
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
            &paul,
            opened.id,
            ApplicationStatus::Hired,
            "http://x",
            now,
        )
        .await
        .unwrap();
        postings::close(&t.db, &search, &paul, id, OfferStatus::Filled, now)
            .await
            .unwrap();
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

#[tokio::test]
async fn offers_are_unpublished_after_three_months_with_a_warning_a_week_before() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let search = SearchIndex::in_memory().unwrap();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let start = Utc::now();
        let id = postings::create(
            &t.db,
            &places,
            &paul,
            &posting_form("Mécanicien H/F"),
            start,
        )
        .await
        .unwrap();
        postings::publish(&t.db, &search, &paul, id, start)
            .await
            .unwrap();

        let site = "http://jobtomove.test";
        assert_eq!(
            postings::expire_due(&t.db, &search, site, start + Duration::days(82))
                .await
                .unwrap(),
            (0, 0)
        );
        assert_eq!(
            postings::expire_due(&t.db, &search, site, start + Duration::days(84))
                .await
                .unwrap(),
            (1, 0)
        );
        assert_eq!(
            postings::expire_due(&t.db, &search, site, start + Duration::days(85))
                .await
                .unwrap(),
            (0, 0),
            "warned once"
        );
        let warning = outbox(&t.db)
            .await
            .into_iter()
            .find(|m| m.subject.contains("expire le"))
            .unwrap();
        assert!(
            warning
                .text_body
                .contains(&format!("{site}/recruteur/offres/{id}"))
        );

        assert_eq!(
            postings::expire_due(&t.db, &search, site, start + Duration::days(91))
                .await
                .unwrap(),
            (0, 1)
        );
        let expired = offer_row(&t.db, id).await;
        assert_eq!(expired.status, OfferStatus::Expired);
        assert!(
            outbox(&t.db)
                .await
                .iter()
                .any(|m| m.subject.contains("a été dépubliée"))
        );
        assert_eq!(
            postings::mine(&t.db, &paul, None).await.unwrap()[0].status,
            OfferStatus::Expired,
            "still in the dashboard"
        );

        // "Republier" restarts the clock.
        let later = start + Duration::days(95);
        postings::renew(&t.db, &search, &paul, id, later)
            .await
            .unwrap();
        let renewed = offer_row(&t.db, id).await;
        assert_eq!(renewed.status, OfferStatus::Published);
        assert_eq!(
            renewed.expires_at.map(|d| d.timestamp()),
            Some((later + Duration::days(90)).timestamp())
        );
        assert_eq!(renewed.expiry_warned_at, None);
    }
}

async fn visible_candidate(
    db: &sea_orm::DatabaseConnection,
    places: &Directory,
    storage: &Storage,
    email: &str,
    title: &str,
    profile: domain::candidates::ProfileForm,
    visible: bool,
) -> (domain::model::CurrentUser, i64) {
    let candidate = insert_user(db, email, "Zoé", Role::Candidate).await;
    domain::candidates::save_profile(db, places, &candidate, profile, Utc::now())
        .await
        .unwrap();
    let dossier = domain::dossiers::create(
        db,
        storage,
        &candidate,
        domain::dossiers::DossierForm {
            title: title.into(),
            other_info: "Habilitation électrique B1VL".into(),
            visible,
            cv: Some(pdf("cv.pdf")),
            ..Default::default()
        },
        Utc::now(),
    )
    .await
    .unwrap();
    (candidate, dossier)
}

#[tokio::test]
async fn the_cvtheque_finds_visible_dossiers_by_keyword_profile_and_place_and_never_hidden_ones() {
    use domain::candidates::ProfileForm;
    use domain::model::{CvQuery, Diploma, DrivingLicence, JobFamily};
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let storage = Storage::in_memory();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let lyon = ProfileForm {
            diplomas: vec!["bts".into()],
            job_families: vec![JobFamily::CarMechanics.code().into()],
            places: vec!["Lyon (69)".into()],
            licences: vec!["b".into()],
            availability: "immediate".into(),
            ..Default::default()
        };
        let (zoe, zoe_dossier) = visible_candidate(
            &t.db,
            &places,
            &storage,
            "zoe@exemple.fr",
            "Mécanicienne électrique",
            lyon.clone(),
            true,
        )
        .await;
        let (hidden, hidden_dossier) = visible_candidate(
            &t.db,
            &places,
            &storage,
            "cache@exemple.fr",
            "Mécanicien",
            lyon,
            false,
        )
        .await;

        let search = |query: CvQuery| domain::cvtheque::search(&t.db, &places, &paul, query);
        let all = search(CvQuery::default()).await.unwrap();
        assert_eq!(all.total, 1, "only the visible dossier");
        assert_eq!(all.dossiers[0].dossier.id, zoe_dossier);
        let by_word = |q: &str| CvQuery {
            q: q.into(),
            ..Default::default()
        };
        assert_eq!(
            search(by_word("mecanicienne")).await.unwrap().total,
            1,
            "accents ignored"
        );
        assert_eq!(
            search(by_word("habilitation")).await.unwrap().total,
            1,
            "other information"
        );
        assert_eq!(
            search(by_word("BTS")).await.unwrap().total,
            1,
            "qualifications"
        );
        assert_eq!(search(by_word("carrossier")).await.unwrap().total, 0);
        let filtered = CvQuery {
            job_family: Some(JobFamily::CarMechanics),
            diploma: Some(Diploma::Bts),
            licence: Some(DrivingLicence::B),
            place: "Villeurbanne".into(),
            radius_km: Some(20),
            ..Default::default()
        };
        assert_eq!(search(filtered.clone()).await.unwrap().total, 1);
        assert_eq!(
            search(CvQuery {
                place: "Brest".into(),
                ..filtered
            })
            .await
            .unwrap()
            .total,
            0
        );
        let (opened, favorite) = domain::cvtheque::dossier(&t.db, &places, &paul, zoe_dossier)
            .await
            .unwrap();
        assert_eq!(
            (opened.dossier.title.as_str(), opened.candidate_id, favorite),
            ("Mécanicienne électrique", zoe.id, false)
        );
        assert_eq!(
            domain::cvtheque::dossier(&t.db, &places, &paul, hidden_dossier)
                .await
                .map(|_| ()),
            Err(DomainError::NotFound)
        );

        // Favourites; hiding the dossier takes the candidate out at once.
        domain::cvtheque::set_favorite(&t.db, &places, &paul, zoe.id, true, Utc::now())
            .await
            .unwrap();
        assert_eq!(
            domain::cvtheque::set_favorite(&t.db, &places, &paul, hidden.id, true, Utc::now())
                .await,
            Err(DomainError::NotFound)
        );
        let (favorites, gone) = domain::cvtheque::favorites(&t.db, &places, &paul)
            .await
            .unwrap();
        assert_eq!((favorites.len(), gone), (1, 0));
        domain::dossiers::set_visible(&t.db, &zoe, zoe_dossier, false, Utc::now())
            .await
            .unwrap();
        assert_eq!(search(CvQuery::default()).await.unwrap().total, 0);
        let (favorites, gone) = domain::cvtheque::favorites(&t.db, &places, &paul)
            .await
            .unwrap();
        assert_eq!((favorites.len(), gone), (0, 1));

        assert_eq!(
            domain::cvtheque::search(&t.db, &places, &zoe, CvQuery::default())
                .await
                .map(|_| ()),
            Err(DomainError::Forbidden)
        );
    }
}

#[tokio::test]
async fn several_offers_are_unpublished_or_renewed_at_once_and_only_the_recruiters_own() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let search = SearchIndex::in_memory().unwrap();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let ines = insert_recruiter(&t.db, "ines@garage.fr", &garage, false).await;
        let now = Utc::now();
        let mut ids = Vec::new();
        for title in ["Mécanicien H/F", "Carrossier H/F"] {
            let id = postings::create(&t.db, &places, &paul, &posting_form(title), now)
                .await
                .unwrap();
            postings::publish(&t.db, &search, &paul, id, now)
                .await
                .unwrap();
            ids.push(id);
        }
        let draft = postings::create(&t.db, &places, &paul, &posting_form("Vendeur H/F"), now)
            .await
            .unwrap();
        let everything = [ids.clone(), vec![draft]].concat();

        assert_eq!(
            postings::bulk(
                &t.db,
                &search,
                &ines,
                &everything,
                postings::Bulk::Unpublish,
                now
            )
            .await,
            Err(DomainError::NotFound),
            "a colleague changes nothing"
        );
        assert_eq!(
            offer_row(&t.db, ids[0]).await.status,
            OfferStatus::Published
        );
        assert!(
            field_error(
                postings::bulk(&t.db, &search, &paul, &[], postings::Bulk::Unpublish, now).await,
                "offres"
            )
            .contains("Cochez")
        );

        assert_eq!(
            postings::bulk(
                &t.db,
                &search,
                &paul,
                &everything,
                postings::Bulk::Unpublish,
                now
            )
            .await,
            Ok(2)
        );
        assert_eq!(search.len(), 0);
        assert_eq!(offer_row(&t.db, draft).await.status, OfferStatus::Draft);
        assert_eq!(
            postings::bulk(
                &t.db,
                &search,
                &paul,
                &everything,
                postings::Bulk::Renew,
                now
            )
            .await,
            Ok(2)
        );
        assert_eq!(search.len(), 2);
    }
}

#[tokio::test]
async fn the_owner_sets_a_logo_checked_from_its_bytes_and_resized() {
    use domain::logos;
    use domain::testing::{image, upload};
    use image::ImageFormat;
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let owner = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let colleague = insert_recruiter(&t.db, "lea@garage.fr", &garage, false).await;
        let candidate = insert_user(&t.db, "marie@example.fr", "Marie", Role::Candidate).await;
        let now = Utc::now();

        let path = logos::set_logo(
            &t.db,
            &storage,
            &owner,
            Some(image("logo.jpg", 600, 300, ImageFormat::Jpeg)),
            now,
        )
        .await
        .unwrap()
        .expect("a logo path");
        let key = path.trim_start_matches("/logos/").to_owned();
        let stored = logos::logo(&t.db, &storage, &key).await.unwrap();
        let decoded = image::load_from_memory(&stored).unwrap();
        assert_eq!(
            image::guess_format(&stored).unwrap(),
            ImageFormat::Png,
            "stored again as PNG"
        );
        assert_eq!(
            (decoded.width(), decoded.height()),
            (256, 128),
            "resized, same shape"
        );
        let page = domain::companies::detail(&t.db, garage.id).await.unwrap();
        assert_eq!(page.logo.as_deref(), Some(path.as_str()));

        for (name, bytes, why) in [
            (
                "logo.svg",
                &b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"[..],
                "PNG, JPEG ou WebP",
            ),
            (
                "logo.png",
                &b"<html><body>hello</body></html>"[..],
                "PNG, JPEG ou WebP",
            ),
            (
                "logo.png",
                &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR broken"[..],
                "illisible",
            ),
        ] {
            let message = field_error(
                logos::set_logo(&t.db, &storage, &owner, Some(upload(name, bytes)), now).await,
                "logo",
            );
            assert!(message.contains(why), "{name}: {message}");
        }
        let message = field_error(
            logos::set_logo(
                &t.db,
                &storage,
                &owner,
                Some(image("logo.png", 16, 16, ImageFormat::Png)),
                now,
            )
            .await,
            "logo",
        );
        assert!(message.contains("trop petite"), "{message}");

        for other in [&colleague, &candidate] {
            let refused = logos::set_logo(
                &t.db,
                &storage,
                other,
                Some(image("logo.png", 64, 64, ImageFormat::Png)),
                now,
            )
            .await;
            assert!(
                matches!(refused, Err(DomainError::Forbidden)),
                "{refused:?}"
            );
        }
        assert!(
            logos::logo(&t.db, &storage, &key).await.is_ok(),
            "refusals leave the logo as it was"
        );

        let replaced = logos::set_logo(
            &t.db,
            &storage,
            &owner,
            Some(image("logo.webp", 100, 100, ImageFormat::WebP)),
            now,
        )
        .await
        .unwrap()
        .unwrap();
        assert_ne!(replaced, path);
        assert!(
            matches!(storage.get(&key).await, Err(DomainError::NotFound)),
            "the old logo's bytes are deleted"
        );
        assert!(matches!(
            logos::logo(&t.db, &storage, &key).await,
            Err(DomainError::NotFound)
        ));

        assert_eq!(
            logos::set_logo(&t.db, &storage, &owner, None, now)
                .await
                .unwrap(),
            None
        );
        let page = domain::companies::detail(&t.db, garage.id).await.unwrap();
        assert_eq!(page.logo, None);

        // Only a company's logo is served by its public path, never another
        // stored file under its key.
        storage
            .put("cle-d-un-cv", bytes::Bytes::from_static(b"%PDF-1.4"))
            .await
            .unwrap();
        assert!(matches!(
            logos::logo(&t.db, &storage, "cle-d-un-cv").await,
            Err(DomainError::NotFound)
        ));
    }
}
