//! A recruiter's offers (R3, R4, B1, B2, B4, B6) on every database of the
//! run, with a controllable clock.

use chrono::{Duration, Utc};
use domain::DomainError;
use domain::model::*;
use domain::places::Directory;
use domain::postings;
use domain::search::SearchIndex;
use domain::testing::*;

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
        assert_eq!(draft.company_id, Some(garage.id));
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
        form.contract = "alternance".into();
        form.salary_min.clear();
        form.place = "Atlantide".into();
        let refused = postings::create(&t.db, &places, &paul, &form, Utc::now()).await;
        assert!(field_error(refused.clone(), "salaire_min").contains("transparence des salaires"));
        assert!(field_error(refused.clone(), "lieu").contains("Commune introuvable"));
        assert!(field_error(refused, "duree_mois").contains("durée"));

        form.salary_min = "900".into();
        form.place = "69003".into();
        form.contract_months = "24".into();
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
        form.description = "Nous cherchons un jeune mécanicien de moins de 30 ans, de nationalité française, pour notre atelier.".into();
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
            postings::expire_due(&t.db, site, start + Duration::days(82))
                .await
                .unwrap(),
            (0, 0)
        );
        assert_eq!(
            postings::expire_due(&t.db, site, start + Duration::days(84))
                .await
                .unwrap(),
            (1, 0)
        );
        assert_eq!(
            postings::expire_due(&t.db, site, start + Duration::days(85))
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
            postings::expire_due(&t.db, site, start + Duration::days(91))
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
