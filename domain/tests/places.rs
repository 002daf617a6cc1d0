//! Loading the French communes into the database.

use domain::entity::place;
use domain::places;
use domain::testing::test_databases;
use sea_orm::{EntityTrait, PaginatorTrait};

#[tokio::test]
async fn every_commune_is_loaded_once_with_its_department_and_coordinates() {
    for t in test_databases().await {
        let loaded = places::load_if_empty(&t.db).await.unwrap();
        assert!(loaded > 34_000, "{}: {loaded} communes", t.backend);
        assert_eq!(
            place::Entity::find().count(&t.db).await.unwrap(),
            loaded as u64
        );

        let brest = place::Entity::find_by_id("29019".to_owned())
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(brest.name, "Brest");
        assert_eq!(brest.department_code, "29");
        assert_eq!(brest.main_postal_code(), "29200");
        assert!((48.0..49.0).contains(&brest.latitude), "{}", brest.latitude);

        assert_eq!(
            places::load_if_empty(&t.db).await.unwrap(),
            0,
            "a second load adds nothing"
        );
    }
}
