//! Offers on every database of the run: the latest ones, an offer's page,
//! the offers a candidate saves (C8), and the views of offer pages (R3).

use chrono::{Duration, Utc};
use domain::DomainError;
use domain::entity::{catalogue_change, offer};
use domain::model::{OfferStatus, Role, SalaryPeriod};
use domain::offers;
use domain::testing::{insert_company, insert_offer, insert_places, insert_user, test_databases};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, ModelTrait, PaginatorTrait};
use std::collections::HashMap;

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

        let detail = offers::detail(&t.db, &places(&t.db).await, offer.id)
            .await
            .unwrap();

        assert_eq!(detail.title, "Mécanicien automobile H/F", "{}", t.backend);
        assert_eq!(detail.employer, "Garage du Centre");
        assert_eq!(
            detail.company.as_ref().map(|c| c.name.as_str()),
            Some("Garage du Centre")
        );
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
            offers::detail(&t.db, &places(&t.db).await, hidden.id)
                .await
                .unwrap()
                .contact,
            None,
            "{}",
            t.backend
        );
        let contact = offers::detail(&t.db, &places(&t.db).await, shown.id)
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
            offers::detail(&t.db, &places(&t.db).await, draft.id).await,
            Err(DomainError::NotFound),
            "{}",
            t.backend
        );
        assert_eq!(
            offers::detail(&t.db, &places(&t.db).await, 999_999).await,
            Err(DomainError::NotFound)
        );
        let page = offers::detail(&t.db, &places(&t.db).await, expired.id)
            .await
            .unwrap();
        assert!(!page.is_open(chrono::Utc::now()));
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
        domain::offers::save_offer(&t.db, &zoe, a.id, true, now)
            .await
            .unwrap();
        domain::offers::save_offer(&t.db, &zoe, a.id, true, now)
            .await
            .unwrap();
        domain::offers::save_offer(&t.db, &zoe, b.id, true, now + Duration::seconds(1))
            .await
            .unwrap();
        let saved = domain::offers::saved_offers(&t.db, &zoe).await.unwrap();
        assert_eq!(
            saved.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![b.id, a.id]
        );
        domain::offers::save_offer(&t.db, &zoe, b.id, false, now)
            .await
            .unwrap();
        assert_eq!(
            domain::offers::saved_ids(&t.db, &zoe).await.unwrap(),
            vec![a.id]
        );
        assert_eq!(
            domain::offers::save_offer(&t.db, &zoe, 999_999, true, now).await,
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
            domain::offers::save_offer(&t.db, &zoe, draft.id, true, now).await,
            Err(DomainError::NotFound),
            "{}: a draft's id is not an offer anyone can see",
            t.backend
        );
        // Saved while it was public, then back to a draft (data from before).
        let was_public = insert_offer(&t.db, &company, "Mécanicien", 1, |_| {}).await;
        domain::offers::save_offer(&t.db, &zoe, was_public.id, true, now)
            .await
            .unwrap();
        let mut row: offer::ActiveModel = was_public.into();
        row.status = Set(OfferStatus::Draft);
        row.update(&t.db).await.unwrap();
        assert!(
            domain::offers::saved_offers(&t.db, &zoe)
                .await
                .unwrap()
                .is_empty(),
            "{}: no card shows a draft",
            t.backend
        );
    }
}

#[tokio::test]
async fn counted_views_are_added_to_the_offers_in_one_write_and_a_gone_offer_is_skipped() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let company = insert_company(&t.db, "Garage du Centre").await;
        let seen = insert_offer(&t.db, &company, "Mécanicien", 1, |_| {}).await;
        let once = insert_offer(&t.db, &company, "Carrossier", 1, |_| {}).await;
        let gone = insert_offer(&t.db, &company, "Vendeur", 1, |_| {}).await;
        let gone_id = gone.id;
        gone.delete(&t.db).await.unwrap();
        let logged = catalogue_change::Entity::find().count(&t.db).await.unwrap();

        let counts = offers::ViewCounts::default();
        for offer in [seen.id, seen.id, once.id, gone_id, seen.id] {
            counts.add(offer);
        }
        let taken = counts.take();
        assert_eq!(
            taken,
            HashMap::from([(seen.id, 3), (once.id, 1), (gone_id, 1)])
        );
        assert!(counts.take().is_empty(), "taken counts are gone");
        offers::add_views(&t.db, &taken).await.unwrap();
        // A failed write puts its counts back with what came since.
        counts.add(once.id);
        counts.add_many(HashMap::from([(once.id, 2)]));
        offers::add_views(&t.db, &counts.take()).await.unwrap();

        let views = |id| {
            let db = t.db.clone();
            async move {
                offer::Entity::find_by_id(id)
                    .one(&db)
                    .await
                    .unwrap()
                    .unwrap()
                    .views
            }
        };
        assert_eq!(views(seen.id).await, 3, "{}", t.backend);
        assert_eq!(views(once.id).await, 4, "{}", t.backend);
        assert_eq!(
            catalogue_change::Entity::find().count(&t.db).await.unwrap(),
            logged,
            "{}: a view changes nothing the catalogue shows",
            t.backend
        );
    }
}

/// The directory of places, as the server loads it at start.
async fn places(db: &impl sea_orm::ConnectionTrait) -> domain::places::Directory {
    domain::places::Directory::load(db).await.unwrap()
}
