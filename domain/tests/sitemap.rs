//! The sitemap's parts and entries on every database this run tests.

use domain::model::OfferStatus;
use domain::sitemap::{self, Kind};
use domain::testing::{insert_company, insert_group, insert_offer, insert_places, test_databases};
use sea_orm::ActiveValue::Set;

#[tokio::test]
async fn the_sitemap_lists_open_offers_companies_and_groups_with_their_last_change() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        insert_group(&t.db, "Groupe Ouest").await;
        let garage = insert_company(&t.db, "Garage du Port").await;
        let open = insert_offer(&t.db, &garage, "Mécanicien H/F", 1, |_| {}).await;
        insert_offer(&t.db, &garage, "Pourvue H/F", 1, |o| {
            o.status = Set(OfferStatus::Filled)
        })
        .await;

        let parts = sitemap::parts(&t.db).await.unwrap();
        let kinds: Vec<_> = parts.iter().map(|p| (p.kind, p.number)).collect();
        assert_eq!(
            kinds,
            [(Kind::Offers, 1), (Kind::Companies, 1)],
            "{}",
            t.backend
        );
        assert!(parts.iter().all(|p| p.lastmod.is_some()));

        let offers = sitemap::entries(&t.db, Kind::Offers, 1).await.unwrap();
        let paths: Vec<_> = offers.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [format!("/offres/mecanicien-h-f-{}", open.id).as_str()]
        );
        assert!(
            sitemap::entries(&t.db, Kind::Offers, 2)
                .await
                .unwrap()
                .is_empty()
        );
        let companies = sitemap::entries(&t.db, Kind::Companies, 1).await.unwrap();
        assert_eq!(
            companies[0].path,
            format!("/entreprises/garage-du-port-{}", garage.id)
        );
        assert_eq!(
            sitemap::groups(&t.db).await.unwrap()[0].path,
            "/groupes/groupe-ouest"
        );
    }
}
