//! The dashboards on every test database: what a recruiter has to do (to
//! read, to renew, drafts, the company page's gaps) and who gets which.

use chrono::{Duration, Utc};
use domain::DomainError;
use domain::applications;
use domain::dashboard;
use domain::files::Storage;
use domain::model::{CompanyState, OfferStatus, Role};
use domain::testing::*;
use sea_orm::ActiveValue::Set;

#[tokio::test]
async fn the_recruiter_sees_what_to_read_what_to_renew_and_the_drafts() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let now = Utc::now();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let offer = |title: &'static str, expires_in: i64, status: OfferStatus| {
            let (db, garage, paul) = (&t.db, &garage, paul.id);
            async move {
                insert_offer(db, garage, title, 10, |o| {
                    o.recruiter_id = Set(Some(paul));
                    o.status = Set(status);
                    o.expires_at = Set(Some(now + Duration::days(expires_in)));
                })
                .await
            }
        };
        let soon = offer("Mécanicien H/F", 3, OfferStatus::Published).await;
        let later = offer("Carrossier H/F", 60, OfferStatus::Published).await;
        offer("Peintre H/F", -40, OfferStatus::Published).await;
        let lately = offer("Dépanneur H/F", -2, OfferStatus::Published).await;
        let draft = offer("Vendeur H/F", 90, OfferStatus::Draft).await;
        for email in ["lea@exemple.fr", "zoe@exemple.fr"] {
            applications::apply_anonymously(
                &t.db,
                &Storage::in_memory(),
                &origin(now),
                later.id,
                anonymous_application(email),
            )
            .await
            .unwrap();
        }

        let board = dashboard::recruiter(&t.db, &paul, now).await.unwrap();
        let ids =
            |rows: &[domain::model::PostingRow]| rows.iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(ids(&board.to_read), vec![later.id]);
        assert_eq!(board.to_read[0].unread, 2);
        assert_eq!(
            ids(&board.expiring),
            vec![lately.id, soon.id],
            "expired lately first, then within 7 days; long expired and far ones not"
        );
        assert_eq!(ids(&board.drafts), vec![draft.id]);
        assert_eq!(board.published, 2);
        match board.company {
            CompanyState::Page { missing, .. } => assert!(missing.contains(&"le logo".to_owned())),
            other => panic!("{other:?}"),
        }

        // Another recruiter of the company sees none of Paul's offers (R8).
        let ines = insert_recruiter(&t.db, "ines@garage.fr", &garage, false).await;
        let hers = dashboard::recruiter(&t.db, &ines, now).await.unwrap();
        assert!(hers.to_read.is_empty() && hers.expiring.is_empty() && hers.drafts.is_empty());
    }
}

#[tokio::test]
async fn each_role_gets_its_own_dashboard_only() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let now = Utc::now();
        let zoe = insert_user(&t.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let board = dashboard::candidate(&t.db, &zoe, now).await.unwrap();
        assert!(
            board.dossiers.is_empty() && board.applications.is_empty() && board.alerts.is_empty()
        );
        assert!(matches!(
            dashboard::candidate(&t.db, &paul, now).await,
            Err(DomainError::Forbidden)
        ));
        assert!(matches!(
            dashboard::recruiter(&t.db, &zoe, now).await,
            Err(DomainError::Forbidden)
        ));
        // A recruiter of no company is told so, not refused.
        let alone = insert_user(&t.db, "rh@seul.fr", "Rémi", Role::Recruiter).await;
        assert_eq!(
            dashboard::recruiter(&t.db, &alone, now)
                .await
                .unwrap()
                .company,
            CompanyState::None
        );
    }
}
