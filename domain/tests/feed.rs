//! The change feed on every database this run tests: the database itself
//! logs each change of what the catalogue shows, whoever makes it; a second
//! index on the same database (another server instance) follows it; an
//! index that missed a pruned part of the log, or is ahead of a restored
//! database, rebuilds.

use chrono::Utc;
use domain::entity::{catalogue_change, company, offer};
use domain::model::{OfferQuery, OfferStatus};
use domain::places::Directory;
use domain::search::{SearchIndex, feed};
use domain::testing::{insert_company, insert_offer, insert_places, test_databases};
use sea_orm::ExprTrait;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder,
};

async fn log(db: &sea_orm::DatabaseConnection) -> Vec<(Option<i64>, Option<i64>)> {
    catalogue_change::Entity::find()
        .order_by_asc(catalogue_change::Column::Seq)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.offer_id, c.company_id))
        .collect()
}

async fn found(index: &SearchIndex, db: &sea_orm::DatabaseConnection, q: &str) -> u64 {
    let places = Directory::load(db).await.unwrap();
    let query = OfferQuery {
        q: q.into(),
        ..Default::default()
    };
    index.search(db, &places, &query).await.unwrap().total
}

#[tokio::test]
async fn the_database_logs_every_change_of_an_offer_or_a_company_but_not_a_view_count() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let new = insert_offer(&t.db, &garage, "Mécanicien H/F", 0, |_| {}).await;
        assert_eq!(
            log(&t.db).await,
            [(Some(new.id), None)],
            "{}: insert",
            t.backend
        );

        offer::Entity::update_many()
            .col_expr(offer::Column::Views, Expr::col(offer::Column::Views).add(1))
            .filter(offer::Column::Id.eq(new.id))
            .exec(&t.db)
            .await
            .unwrap();
        offer::Entity::update_many()
            .col_expr(offer::Column::ExpiryWarnedAt, Expr::value(Utc::now()))
            .filter(offer::Column::Id.eq(new.id))
            .exec(&t.db)
            .await
            .unwrap();
        assert_eq!(
            log(&t.db).await.len(),
            1,
            "{}: a view and a warning show nothing new",
            t.backend
        );

        let mut withdrawn = new.clone().into_active_model();
        withdrawn.status = Set(OfferStatus::Unpublished);
        withdrawn.update(&t.db).await.unwrap();
        let mut renamed = garage.clone().into_active_model();
        renamed.name = Set("Garage des Brotteaux".into());
        renamed.update(&t.db).await.unwrap();
        offer::Entity::delete_by_id(new.id)
            .exec(&t.db)
            .await
            .unwrap();
        assert_eq!(
            log(&t.db).await[1..],
            [
                (Some(new.id), None),
                (None, Some(garage.id)),
                (Some(new.id), None)
            ],
            "{}: withdrawn, company renamed, deleted",
            t.backend
        );
    }
}

#[tokio::test]
async fn a_second_index_on_the_same_database_follows_changes_made_without_it() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let here = SearchIndex::in_memory().unwrap();
        let there = SearchIndex::in_memory().unwrap();
        here.rebuild(&t.db, |_, _| {}).await.unwrap();
        there.rebuild(&t.db, |_, _| {}).await.unwrap();

        let new = insert_offer(&t.db, &garage, "Électricien automobile H/F", 0, |_| {}).await;
        assert_eq!(
            found(&there, &t.db, "électricien").await,
            0,
            "not before it follows"
        );
        let followed = there.follow(&t.db).await.unwrap();
        assert_eq!(
            (followed.rows, followed.offers, followed.rebuilt),
            (1, 1, false)
        );
        assert_eq!(
            found(&there, &t.db, "électricien").await,
            1,
            "{}",
            t.backend
        );
        assert_eq!(there.applied(), feed::latest(&t.db).await.unwrap());

        // The company's new name reaches its offers' entries.
        let mut renamed = company::Entity::find_by_id(garage.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        renamed.name = Set("Garage Zénith".into());
        renamed.update(&t.db).await.unwrap();
        there.follow(&t.db).await.unwrap();
        assert_eq!(found(&there, &t.db, "zénith").await, 1, "{}", t.backend);

        let mut filled = new.into_active_model();
        filled.status = Set(OfferStatus::Filled);
        filled.update(&t.db).await.unwrap();
        here.follow(&t.db).await.unwrap();
        there.follow(&t.db).await.unwrap();
        for index in [&here, &there] {
            assert_eq!(
                found(index, &t.db, "électricien").await,
                0,
                "{}: filled",
                t.backend
            );
        }
        assert_eq!(here.applied(), there.applied());
        assert_eq!(
            there.follow(&t.db).await.unwrap().rows,
            0,
            "nothing new: nothing done"
        );
    }
}

#[tokio::test]
async fn the_log_is_pruned_behind_live_followers_and_an_index_that_missed_rows_rebuilds() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let away = SearchIndex::in_memory().unwrap();
        insert_offer(&t.db, &garage, "Carrossier H/F", 0, |_| {}).await;
        away.follow(&t.db).await.unwrap();
        feed::report(
            &t.db,
            "away",
            away.applied(),
            Utc::now() - feed::FOLLOWER_ALIVE * 2,
        )
        .await
        .unwrap();

        let live = SearchIndex::in_memory().unwrap();
        for title in ["Peintre H/F", "Vendeur H/F", "Dépanneur H/F"] {
            insert_offer(&t.db, &garage, title, 0, |_| {}).await;
        }
        live.follow(&t.db).await.unwrap();
        feed::report(&t.db, "live", live.applied(), Utc::now())
            .await
            .unwrap();
        insert_offer(&t.db, &garage, "Mécanicien H/F", 0, |_| {}).await;

        let pruned = feed::prune(&t.db, Utc::now()).await.unwrap();
        assert_eq!(
            pruned, 3,
            "{}: the rows before the live follower's cursor",
            t.backend
        );
        assert_eq!(
            log(&t.db).await.len(),
            2,
            "its cursor's row and the one it has not applied stay"
        );

        // Back after the prune: its cursor is below the log's oldest row.
        let followed = away.follow(&t.db).await.unwrap();
        assert!(followed.rebuilt, "{}", t.backend);
        assert_eq!(away.len(), 5);
        assert_eq!(found(&away, &t.db, "dépanneur").await, 1);
        assert_eq!(
            live.follow(&t.db).await.unwrap().offers,
            1,
            "live just follows"
        );
    }
}
