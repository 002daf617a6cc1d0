//! Stored files on every database of the run: who may download them, and
//! the sweep of files nothing refers to.

use chrono::{Duration, Utc};
use domain::DomainError;
use domain::applications::{self};
use domain::dossiers::{self};
use domain::entity::{application, stored_file};
use domain::files::{self, Storage};
use domain::model::*;
use domain::testing::*;
use sea_orm::{ActiveValue::Set, EntityTrait};

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
            anonymous_application("lea@exemple.fr"),
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
                files::download(&db, &storage, user.as_ref(), id)
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
            files::purge_orphans(&t.db, &storage, now).await.unwrap(),
            0,
            "young files wait an hour"
        );
        assert_eq!(
            files::purge_orphans(&t.db, &storage, now + Duration::hours(2))
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
