//! Offer search on every database this run tests: French words, typos,
//! filters, facets, places, order, pages, and the index kept in sync.

use domain::model::{
    ContractType, JobFamily, OfferQuery, OfferStatus, PlaceFilter, SalaryPeriod, SortOrder,
};
use domain::places::Directory;
use domain::search::SearchIndex;
use domain::testing::{TestDb, insert_company, insert_offer, insert_places, test_databases};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, IntoActiveModel};

/// A small catalogue: three offers in Lyon, one in Villeurbanne (5 km away),
/// one in Paris, one in Brest, plus an expired one and a draft.
async fn catalogue(t: &TestDb) -> (SearchIndex, Directory) {
    insert_places(&t.db).await;
    let garage = insert_company(&t.db, "Garage du Centre").await;
    let body = insert_company(&t.db, "Carrosserie Martin").await;
    insert_offer(&t.db, &garage, "Mécanicien automobile H/F", 3, |_| {}).await;
    insert_offer(&t.db, &garage, "Mécanicienne poids lourds H/F", 2, |o| {
        o.contract_type = Set(ContractType::Cdd);
        o.salary_min_cents = Set(Some(250_000));
        o.salary_max_cents = Set(Some(280_000));
    })
    .await;
    insert_offer(
        &t.db,
        &garage,
        "Apprenti mécanicien en alternance H/F",
        1,
        |o| {
            o.contract_type = Set(ContractType::Alternance);
            o.salary_min_cents = Set(Some(90_000));
            o.salary_max_cents = Set(Some(90_000));
        },
    )
    .await;
    insert_offer(&t.db, &body, "Carrossier-peintre H/F", 5, |o| {
        o.job_family = Set(JobFamily::BodyRepair);
        o.place_insee = Set("69266".into());
    })
    .await;
    insert_offer(&t.db, &garage, "Vendeur automobile VN/VO H/F", 10, |o| {
        o.job_family = Set(JobFamily::VehicleSales);
        o.place_insee = Set("75056".into());
        o.department_code = Set("75".into());
        o.region_code = Set("11".into());
        o.salary_min_cents = Set(Some(3_600_000));
        o.salary_max_cents = Set(Some(4_200_000));
        o.salary_period = Set(Some(SalaryPeriod::Year));
    })
    .await;
    insert_offer(&t.db, &garage, "Mécanicien marine H/F", 20, |o| {
        o.place_insee = Set("29019".into());
        o.department_code = Set("29".into());
        o.region_code = Set("53".into());
    })
    .await;
    insert_offer(&t.db, &garage, "Mécanicien expiré H/F", 120, |o| {
        o.status = Set(OfferStatus::Expired)
    })
    .await;
    insert_offer(&t.db, &garage, "Mécanicien brouillon H/F", 0, |o| {
        o.status = Set(OfferStatus::Draft)
    })
    .await;

    let index = SearchIndex::in_memory().unwrap();
    index.rebuild(&t.db, |_, _| {}).await.unwrap();
    let places = Directory::load(&t.db).await.unwrap();
    (index, places)
}

fn query(pairs: &[(&str, &str)]) -> OfferQuery {
    OfferQuery::from_pairs(pairs.iter().copied())
}

fn titles(results: &domain::model::SearchResults) -> Vec<String> {
    results.hits.iter().map(|h| h.card.title.clone()).collect()
}

#[tokio::test]
async fn only_open_offers_are_indexed() {
    for t in test_databases().await {
        let (index, places) = catalogue(&t).await;
        assert_eq!(index.len(), 6, "{}", t.backend);
        let all = index.search(&t.db, &places, &query(&[])).await.unwrap();
        assert_eq!(all.total, 6);
        assert!(
            !titles(&all)
                .iter()
                .any(|t| t.contains("expiré") || t.contains("brouillon"))
        );
    }
}

#[tokio::test]
async fn feminine_plural_and_unaccented_words_find_the_same_offers() {
    for t in test_databases().await {
        let (index, places) = catalogue(&t).await;
        let expected = index
            .search(&t.db, &places, &query(&[("q", "mécanicien")]))
            .await
            .unwrap()
            .total;
        assert_eq!(expected, 4, "{}", t.backend);
        for words in ["mécanicienne", "mecanicien", "MÉCANICIENS"] {
            let found = index
                .search(&t.db, &places, &query(&[("q", words)]))
                .await
                .unwrap();
            assert_eq!(found.total, expected, "{words}");
        }
    }
}

#[tokio::test]
async fn a_typo_in_a_long_word_still_finds_the_offer() {
    for t in test_databases().await {
        let (index, places) = catalogue(&t).await;
        let found = index
            .search(&t.db, &places, &query(&[("q", "carossier")]))
            .await
            .unwrap();
        assert_eq!(titles(&found), ["Carrossier-peintre H/F"], "{}", t.backend);
        let short = index
            .search(&t.db, &places, &query(&[("q", "vnvo")]))
            .await
            .unwrap();
        assert_eq!(short.total, 0, "no fuzziness below five letters");
    }
}

#[tokio::test]
async fn every_word_must_match_somewhere() {
    for t in test_databases().await {
        let (index, places) = catalogue(&t).await;
        let found = index
            .search(&t.db, &places, &query(&[("q", "mécanicien Brest")]))
            .await
            .unwrap();
        assert_eq!(titles(&found), ["Mécanicien marine H/F"], "{}", t.backend);
    }
}

#[tokio::test]
async fn a_commune_and_radius_keep_nearby_offers_with_their_distance() {
    for t in test_databases().await {
        let (index, places) = catalogue(&t).await;
        let near = index
            .search(
                &t.db,
                &places,
                &query(&[("lieu", "Lyon"), ("rayon", "10"), ("tri", "distance")]),
            )
            .await
            .unwrap();
        assert_eq!(near.total, 4, "{}: Lyon and Villeurbanne", t.backend);
        assert_eq!(near.sort, SortOrder::Distance);
        let last = near.hits.last().unwrap();
        assert_eq!(
            last.card.title, "Carrossier-peintre H/F",
            "Villeurbanne is the farthest"
        );
        assert!(
            (2.0..5.0).contains(&last.distance_km.unwrap()),
            "{:?}",
            last.distance_km
        );
        assert_eq!(
            near.place,
            Some(PlaceFilter::Around {
                label: "Lyon (69)".into(),
                radius_km: 10
            })
        );

        let only_lyon = index
            .search(&t.db, &places, &query(&[("lieu", "Lyon"), ("rayon", "0")]))
            .await
            .unwrap();
        assert_eq!(only_lyon.total, 3);
    }
}

#[tokio::test]
async fn a_place_can_be_a_postal_code_an_insee_code_or_a_department() {
    for t in test_databases().await {
        let (index, places) = catalogue(&t).await;
        for lieu in [
            "29200",
            "29019",
            "29",
            "Finistère",
            "Brest",
            "brest",
            "Brest (29)",
        ] {
            let found = index
                .search(&t.db, &places, &query(&[("lieu", lieu)]))
                .await
                .unwrap();
            assert_eq!(
                titles(&found),
                ["Mécanicien marine H/F"],
                "{}: {lieu}",
                t.backend
            );
        }
        let unknown = index
            .search(&t.db, &places, &query(&[("lieu", "Atlantide")]))
            .await
            .unwrap();
        assert_eq!(
            unknown.place,
            Some(PlaceFilter::Unknown {
                text: "Atlantide".into()
            })
        );
        assert_eq!(unknown.total, 6, "an unknown place is ignored, and said so");
    }
}

#[tokio::test]
async fn facets_count_each_value_without_their_own_filter() {
    for t in test_databases().await {
        let (index, places) = catalogue(&t).await;
        let cdi = index
            .search(&t.db, &places, &query(&[("contrat", "cdi")]))
            .await
            .unwrap();
        assert_eq!(cdi.total, 4, "{}", t.backend);
        let count = |c: ContractType| {
            cdi.facets
                .contracts
                .iter()
                .find(|f| f.value == c)
                .unwrap()
                .count
        };
        assert_eq!(
            count(ContractType::Cdd),
            1,
            "ticking CDD too would add one offer"
        );
        assert_eq!(count(ContractType::Alternance), 1);
        let families = |f: JobFamily| {
            cdi.facets
                .families
                .iter()
                .find(|c| c.value == f)
                .unwrap()
                .count
        };
        assert_eq!(
            families(JobFamily::CarMechanics),
            2,
            "CDI mechanics in Lyon and Brest"
        );
        let rhone = cdi
            .facets
            .departments
            .iter()
            .find(|d| d.code == "69")
            .unwrap();
        assert_eq!((rhone.name.as_str(), rhone.count), ("Rhône", 2));

        let both = index
            .search(
                &t.db,
                &places,
                &query(&[("contrat", "cdi"), ("contrat", "cdd")]),
            )
            .await
            .unwrap();
        assert_eq!(both.total, 5);
    }
}

#[tokio::test]
async fn salary_date_and_family_filters_narrow_the_results() {
    for t in test_databases().await {
        let (index, places) = catalogue(&t).await;
        let well_paid = index
            .search(&t.db, &places, &query(&[("salaire_min", "2500")]))
            .await
            .unwrap();
        assert_eq!(
            titles(&well_paid),
            [
                "Mécanicienne poids lourds H/F",
                "Vendeur automobile VN/VO H/F"
            ],
            "{}",
            t.backend
        );
        let recent = index
            .search(&t.db, &places, &query(&[("depuis", "4")]))
            .await
            .unwrap();
        assert_eq!(recent.total, 3, "published 1, 2 and 3 days ago");
        let body = index
            .search(&t.db, &places, &query(&[("metier", "I1606")]))
            .await
            .unwrap();
        assert_eq!(titles(&body), ["Carrossier-peintre H/F"]);
        let paris_region = index
            .search(&t.db, &places, &query(&[("region", "11")]))
            .await
            .unwrap();
        assert_eq!(titles(&paris_region), ["Vendeur automobile VN/VO H/F"]);
    }
}

#[tokio::test]
async fn results_are_newest_first_without_keywords_and_paginated() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage du Centre").await;
        for day in 0..45 {
            insert_offer(&t.db, &garage, &format!("Offre {day:02}"), day, |_| {}).await;
        }
        let index = SearchIndex::in_memory().unwrap();
        index.rebuild(&t.db, |_, _| {}).await.unwrap();
        let places = Directory::load(&t.db).await.unwrap();

        let first = index.search(&t.db, &places, &query(&[])).await.unwrap();
        assert_eq!(
            (first.total, first.pages, first.hits.len()),
            (45, 3, 20),
            "{}",
            t.backend
        );
        assert_eq!(first.hits[0].card.title, "Offre 00");
        let third = index
            .search(&t.db, &places, &query(&[("page", "3")]))
            .await
            .unwrap();
        assert_eq!(
            titles(&third),
            ["Offre 40", "Offre 41", "Offre 42", "Offre 43", "Offre 44"]
        );
    }
}

#[tokio::test]
async fn an_empty_search_suggests_what_would_find_something() {
    for t in test_databases().await {
        let (index, places) = catalogue(&t).await;
        let nothing = index
            .search(
                &t.db,
                &places,
                &query(&[("q", "carrossier"), ("lieu", "Lyon"), ("rayon", "0")]),
            )
            .await
            .unwrap();
        assert_eq!(nothing.total, 0, "{}", t.backend);
        let labels: Vec<_> = nothing
            .suggestions
            .iter()
            .map(|s| s.label.as_str())
            .collect();
        assert_eq!(
            labels,
            [
                "Élargir à 50 km (1 offre)",
                "Partout en France (1 offre)",
                "Sans les mots-clés (3 offres)"
            ]
        );
        assert_eq!(
            nothing.suggestions[0].path,
            "/offres?q=carrossier&lieu=Lyon&rayon=50"
        );
    }
}

#[tokio::test]
async fn the_index_follows_offers_published_changed_and_withdrawn() {
    for t in test_databases().await {
        let (index, places) = catalogue(&t).await;
        let garage = insert_company(&t.db, "Nouveau Garage").await;
        let new = insert_offer(&t.db, &garage, "Électricien automobile H/F", 0, |_| {}).await;
        index.follow(&t.db).await.unwrap();
        let found = index
            .search(&t.db, &places, &query(&[("q", "électricien")]))
            .await
            .unwrap();
        assert_eq!(found.total, 1, "{}: published", t.backend);

        let mut changed = new.clone().into_active_model();
        changed.title = Set("Électronicien automobile H/F".into());
        let changed = changed.update(&t.db).await.unwrap();
        index.follow(&t.db).await.unwrap();
        assert_eq!(
            index
                .search(&t.db, &places, &query(&[("q", "électricien")]))
                .await
                .unwrap()
                .total,
            0
        );
        assert_eq!(
            index
                .search(&t.db, &places, &query(&[("q", "électronicien")]))
                .await
                .unwrap()
                .total,
            1
        );

        let mut filled = changed.into_active_model();
        filled.status = Set(OfferStatus::Filled);
        filled.update(&t.db).await.unwrap();
        index.follow(&t.db).await.unwrap();
        assert_eq!(
            index
                .search(&t.db, &places, &query(&[("q", "électronicien")]))
                .await
                .unwrap()
                .total,
            0
        );
    }
}

#[tokio::test]
async fn at_start_the_index_catches_up_from_the_change_log_and_rebuilds_only_when_it_cannot() {
    use sea_orm::EntityTrait;
    for t in test_databases().await {
        let (index, _) = catalogue(&t).await;
        assert!(
            !index.sync(&t.db, |_, _| {}).await.unwrap(),
            "{}: just rebuilt",
            t.backend
        );
        let garage = insert_company(&t.db, "Autre Garage").await;
        insert_offer(&t.db, &garage, "Dépanneur H/F", 0, |_| {}).await;
        assert!(
            !index.sync(&t.db, |_, _| {}).await.unwrap(),
            "{}: a new offer is read from the log, not by a rebuild",
            t.backend
        );
        assert_eq!(index.len(), 7);

        // A database restored from an older copy: its log is behind.
        domain::entity::catalogue_change::Entity::delete_many()
            .exec(&t.db)
            .await
            .unwrap();
        assert!(index.sync(&t.db, |_, _| {}).await.unwrap(), "{}", t.backend);
        assert_eq!(index.len(), 7);
    }
}

#[tokio::test]
async fn similar_offers_share_the_job_family_nearest_first() {
    for t in test_databases().await {
        let (index, _) = catalogue(&t).await;
        let first = domain::offers::latest(&t.db, 10).await.unwrap();
        let mechanic = first
            .iter()
            .find(|c| c.title == "Mécanicien automobile H/F")
            .unwrap();
        let detail = domain::offers::detail(&t.db, &places(&t.db).await, mechanic.id)
            .await
            .unwrap();
        let similar = index.similar(&t.db, &detail, 3).await.unwrap();
        let titles: Vec<_> = similar.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles.len(), 2, "{}: {titles:?}", t.backend);
        assert!(titles.iter().all(|t| t.contains("écanicien")), "{titles:?}");
        assert!(!titles.contains(&"Mécanicien automobile H/F"));
    }
}

#[tokio::test]
async fn similar_offers_at_the_very_same_place_come_first_and_a_lone_offer_gets_its_department() {
    for t in test_databases().await {
        let (index, _) = catalogue(&t).await;
        let garage = insert_company(&t.db, "Garage de l'Est").await;
        let lone = insert_offer(&t.db, &garage, "Mécanicien à Villeurbanne H/F", 1, |o| {
            o.place_insee = Set("69266".into());
        })
        .await;
        for title in [
            "Mécanicien climatisation H/F",
            "Mécanicien pneumatiques H/F",
        ] {
            insert_offer(&t.db, &garage, title, 1, |_| {}).await;
        }
        index.follow(&t.db).await.unwrap();
        let directory = places(&t.db).await;
        let lyon = domain::offers::latest(&t.db, 20)
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.title == "Mécanicien automobile H/F")
            .unwrap();

        let detail = domain::offers::detail(&t.db, &directory, lyon.id)
            .await
            .unwrap();
        let near = index.similar(&t.db, &detail, 3).await.unwrap();
        assert_eq!(near.len(), 3, "{}", t.backend);
        assert!(
            near.iter().all(|c| c.place_name == "Lyon"),
            "{}: Lyon has enough, Villeurbanne comes after: {near:?}",
            t.backend
        );

        let detail = domain::offers::detail(&t.db, &directory, lone.id)
            .await
            .unwrap();
        let around = index.similar(&t.db, &detail, 3).await.unwrap();
        assert_eq!(around.len(), 3, "{}: the department's offers", t.backend);
        assert!(around.iter().all(|c| c.id != lone.id));
    }
}

#[tokio::test]
async fn offers_at_one_place_share_their_neighbours_each_without_itself_and_a_new_one_shows_once_indexed()
 {
    for t in test_databases().await {
        let (index, _) = catalogue(&t).await;
        let directory = places(&t.db).await;
        let lyon: Vec<_> = domain::offers::latest(&t.db, 20)
            .await
            .unwrap()
            .into_iter()
            .filter(|c| c.place_name == "Lyon")
            .collect();
        assert_eq!(
            lyon.len(),
            3,
            "{}: three mechanics offers in Lyon",
            t.backend
        );
        for offer in &lyon {
            let detail = domain::offers::detail(&t.db, &directory, offer.id)
                .await
                .unwrap();
            let similar = index.similar(&t.db, &detail, 3).await.unwrap();
            let mut ids: Vec<_> = similar.iter().map(|c| c.id).collect();
            ids.sort();
            let mut others: Vec<_> = lyon
                .iter()
                .map(|c| c.id)
                .filter(|id| *id != offer.id)
                .collect();
            others.sort();
            assert_eq!(
                ids, others,
                "{}: the page of {} shows the two others",
                t.backend, offer.title
            );
        }

        let garage = insert_company(&t.db, "Garage Bellecour").await;
        let newest = insert_offer(&t.db, &garage, "Mécanicien diagnostic H/F", 0, |_| {}).await;
        index.follow(&t.db).await.unwrap();
        let detail = domain::offers::detail(&t.db, &directory, lyon[0].id)
            .await
            .unwrap();
        let similar = index.similar(&t.db, &detail, 3).await.unwrap();
        assert!(
            similar.iter().any(|c| c.id == newest.id),
            "{}: the new offer is a neighbour once indexed: {similar:?}",
            t.backend
        );

        // A company's new name is not a change of the catalogue's index.
        let mut renamed = garage.into_active_model();
        renamed.name = Set("Garage de Bellecour".into());
        renamed.update(&t.db).await.unwrap();
        index.forget_similar();
        let similar = index.similar(&t.db, &detail, 3).await.unwrap();
        let card = similar.iter().find(|c| c.id == newest.id).unwrap();
        assert_eq!(card.company_name, "Garage de Bellecour", "{}", t.backend);
    }
}

/// The directory of places, as the server loads it at start.
async fn places(db: &impl sea_orm::ConnectionTrait) -> domain::places::Directory {
    domain::places::Directory::load(db).await.unwrap()
}
