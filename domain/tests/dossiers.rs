//! Dossiers (C3) and the CVthèque (R6, R7) on every database of the run.

use chrono::Utc;
use domain::DomainError;
use domain::accounts::encart::{self, ProfileForm};
use domain::dossiers::{self, DossierForm};
use domain::files::Storage;
use domain::model::*;
use domain::places::Directory;
use domain::testing::*;

async fn visible_candidate(
    db: &sea_orm::DatabaseConnection,
    places: &Directory,
    storage: &Storage,
    email: &str,
    title: &str,
    profile: domain::accounts::encart::ProfileForm,
    visible: bool,
) -> (domain::model::CurrentUser, i64) {
    let candidate = insert_user(db, email, "Zoé", Role::Candidate).await;
    domain::accounts::encart::save_profile(db, places, &candidate, profile, Utc::now())
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
        encart::save_profile(
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
async fn the_cvtheque_finds_visible_dossiers_by_keyword_profile_and_place_and_never_hidden_ones() {
    use domain::accounts::encart::ProfileForm;
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

        let search =
            |query: CvQuery| domain::dossiers::cvtheque::search(&t.db, &places, &paul, query);
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
        let (opened, favorite) =
            domain::dossiers::cvtheque::dossier(&t.db, &places, &paul, zoe_dossier)
                .await
                .unwrap();
        assert_eq!(
            (opened.dossier.title.as_str(), opened.candidate_id, favorite),
            ("Mécanicienne électrique", zoe.id, false)
        );
        assert_eq!(
            domain::dossiers::cvtheque::dossier(&t.db, &places, &paul, hidden_dossier)
                .await
                .map(|_| ()),
            Err(DomainError::NotFound)
        );

        // Favourites; hiding the dossier takes the candidate out at once.
        domain::dossiers::cvtheque::set_favorite(&t.db, &places, &paul, zoe.id, true, Utc::now())
            .await
            .unwrap();
        assert_eq!(
            domain::dossiers::cvtheque::set_favorite(
                &t.db,
                &places,
                &paul,
                hidden.id,
                true,
                Utc::now()
            )
            .await,
            Err(DomainError::NotFound)
        );
        let (favorites, gone) = domain::dossiers::cvtheque::favorites(&t.db, &places, &paul)
            .await
            .unwrap();
        assert_eq!((favorites.len(), gone), (1, 0));
        domain::dossiers::set_visible(&t.db, &zoe, zoe_dossier, false, Utc::now())
            .await
            .unwrap();
        assert_eq!(search(CvQuery::default()).await.unwrap().total, 0);
        let (favorites, gone) = domain::dossiers::cvtheque::favorites(&t.db, &places, &paul)
            .await
            .unwrap();
        assert_eq!((favorites.len(), gone), (0, 1));

        assert_eq!(
            domain::dossiers::cvtheque::search(&t.db, &places, &zoe, CvQuery::default())
                .await
                .map(|_| ()),
            Err(DomainError::Forbidden)
        );
    }
}
