//! The offers service on every database this run tests.

use domain::DomainError;
use domain::model::{OfferStatus, SalaryPeriod};
use domain::offers;
use domain::testing::{insert_company, insert_offer, insert_places, test_databases};
use sea_orm::ActiveValue::Set;

#[tokio::test]
async fn the_latest_offers_are_the_open_ones_newest_first() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage du Centre").await;
        insert_offer(&t.db, &garage, "Mécanicien automobile H/F", 3, |_| {}).await;
        insert_offer(&t.db, &garage, "Carrossier-peintre H/F", 1, |_| {}).await;
        insert_offer(&t.db, &garage, "Brouillon H/F", 0, |o| {
            o.status = Set(OfferStatus::Draft)
        })
        .await;
        insert_offer(&t.db, &garage, "Pourvue H/F", 0, |o| {
            o.status = Set(OfferStatus::Filled)
        })
        .await;
        insert_offer(&t.db, &garage, "Trop ancienne H/F", 95, |_| {}).await;

        let latest = offers::latest(&t.db, 10).await.unwrap();

        let titles: Vec<_> = latest.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Carrossier-peintre H/F", "Mécanicien automobile H/F"],
            "{}",
            t.backend
        );
        assert_eq!(latest[0].company_name, "Garage du Centre");
        assert_eq!(latest[0].place_name, "Lyon");
        assert_eq!(latest[0].salary.unwrap().period, SalaryPeriod::Month);
        assert_eq!(
            latest[0].path(),
            format!("/offres/carrossier-peintre-h-f-{}", latest[0].id)
        );
    }
}

#[tokio::test]
async fn the_latest_offers_respect_the_limit() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage du Centre").await;
        for day in 0..5 {
            insert_offer(&t.db, &garage, &format!("Offre {day}"), day, |_| {}).await;
        }
        assert_eq!(
            offers::latest(&t.db, 3).await.unwrap().len(),
            3,
            "{}",
            t.backend
        );
    }
}

#[tokio::test]
async fn an_offer_page_has_its_company_place_and_salary() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let offer = insert_offer(&t.db, &garage, "Mécanicien automobile H/F", 2, |_| {}).await;

        let detail = offers::detail(&t.db, offer.id).await.unwrap();

        assert_eq!(detail.title, "Mécanicien automobile H/F", "{}", t.backend);
        assert_eq!(detail.company.name, "Garage du Centre");
        assert_eq!(detail.place.name, "Lyon");
        assert_eq!(detail.place.postal_code, "69001");
        assert_eq!(detail.place.department_name, "Rhône");
        assert_eq!(detail.place.region_name, "Auvergne-Rhône-Alpes");
        assert_eq!(detail.salary.unwrap().min_cents, 200_000);
        assert!(detail.is_open(chrono::Utc::now()));
    }
}

#[tokio::test]
async fn recruiter_contact_details_are_shown_only_when_the_recruiter_chose_so() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let hidden = insert_offer(&t.db, &garage, "Sans contact", 1, |_| {}).await;
        let shown = insert_offer(&t.db, &garage, "Avec contact", 1, |o| {
            o.show_contact = Set(true)
        })
        .await;

        assert_eq!(
            offers::detail(&t.db, hidden.id).await.unwrap().contact,
            None,
            "{}",
            t.backend
        );
        let contact = offers::detail(&t.db, shown.id)
            .await
            .unwrap()
            .contact
            .unwrap();
        assert_eq!(contact.name.as_deref(), Some("Camille Martin"));
    }
}

#[tokio::test]
async fn a_draft_or_unknown_offer_has_no_page_but_an_expired_one_does() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let draft = insert_offer(&t.db, &garage, "Brouillon", 0, |o| {
            o.status = Set(OfferStatus::Draft)
        })
        .await;
        let expired = insert_offer(&t.db, &garage, "Expirée", 100, |o| {
            o.status = Set(OfferStatus::Expired)
        })
        .await;

        assert_eq!(
            offers::detail(&t.db, draft.id).await,
            Err(DomainError::NotFound),
            "{}",
            t.backend
        );
        assert_eq!(
            offers::detail(&t.db, 999_999).await,
            Err(DomainError::NotFound)
        );
        let page = offers::detail(&t.db, expired.id).await.unwrap();
        assert!(!page.is_open(chrono::Utc::now()));
    }
}
