//! The demo catalogue: realistic, deterministic, idempotent.

use chrono::NaiveDate;
use domain::demo::{self, DemoOptions};
use domain::entity::{company, offer};
use domain::model::{ContractType, OfferStatus, siret_checksum_ok};
use domain::testing::test_databases;
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};

fn options(offers: u64) -> DemoOptions {
    DemoOptions {
        offers,
        seed: 7,
        now: demo::morning_of(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()),
    }
}

#[tokio::test]
async fn seeding_twice_creates_the_catalogue_once_and_tops_it_up() {
    for t in test_databases().await {
        let first = demo::seed(&t.db, &options(300), |_, _| {}).await.unwrap();
        assert_eq!(first.offers, 300, "{}", t.backend);
        assert_eq!(first.companies, demo::company_count(300));

        let again = demo::seed(&t.db, &options(300), |_, _| {}).await.unwrap();
        assert_eq!(
            (again.offers, again.companies, again.groups, again.communes),
            (0, 0, 0, 0)
        );

        let more = demo::seed(&t.db, &options(450), |_, _| {}).await.unwrap();
        assert_eq!(more.offers, 150);
        assert_eq!(offer::Entity::find().count(&t.db).await.unwrap(), 450);
    }
}

#[tokio::test]
async fn the_same_seed_gives_the_same_catalogue() {
    let mut catalogues = Vec::new();
    for t in test_databases()
        .await
        .into_iter()
        .chain(test_databases().await.into_iter().take(1))
    {
        demo::seed(&t.db, &options(120), |_, _| {}).await.unwrap();
        let offers = offer::Entity::find()
            .order_by_asc(offer::Column::Id)
            .all(&t.db)
            .await
            .unwrap();
        catalogues.push(
            offers
                .into_iter()
                .map(|o| {
                    (
                        o.title,
                        o.place_insee,
                        o.salary_min_cents,
                        o.contract_type,
                        o.published_at,
                    )
                })
                .collect::<Vec<_>>(),
        );
    }
    assert!(catalogues.windows(2).all(|pair| pair[0] == pair[1]));
}

#[tokio::test]
async fn the_catalogue_looks_like_the_sector() {
    let t = test_databases().await.remove(0);
    demo::seed(&t.db, &options(400), |_, _| {}).await.unwrap();
    let offers = offer::Entity::find().all(&t.db).await.unwrap();
    let companies = company::Entity::find().all(&t.db).await.unwrap();

    assert!(
        offers.iter().all(|o| o.title.ends_with("H/F")),
        "neutral titles"
    );
    assert!(
        offers.iter().all(|o| o.salary().is_some()),
        "every offer shows its salary (B1)"
    );
    assert!(
        offers
            .iter()
            .any(|o| o.contract_type == ContractType::Alternance),
        "apprenticeships (B6)"
    );
    assert!(
        offers.iter().any(|o| o.status == OfferStatus::Expired),
        "some offers have expired"
    );
    let open = offers
        .iter()
        .filter(|o| o.status == OfferStatus::Published)
        .count();
    assert!(open > offers.len() / 2, "{open} open offers");
    assert!(
        companies
            .iter()
            .all(|c| c.siret.as_deref().is_some_and(siret_checksum_ok))
    );
    let places: std::collections::HashSet<_> = offers.iter().map(|o| &o.place_insee).collect();
    assert!(
        places.len() > 10,
        "offers spread over {} communes",
        places.len()
    );
}
