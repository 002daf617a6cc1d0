//! The company directory, company pages and group pages.

use domain::DomainError;
use domain::companies;
use domain::model::{CompanyActivity, CompanyQuery, OfferStatus};
use domain::places::Directory;
use domain::testing::{
    TestDb, insert_company, insert_group, insert_offer, insert_places, test_databases,
};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};

/// Three companies: a garage in Lyon with two open offers and an expired one,
/// a body shop of the "Groupe Rhône Autos" in Villeurbanne, a dealership in Brest.
async fn directory_fixture(t: &TestDb) -> Directory {
    insert_places(&t.db).await;
    let garage = insert_company(&t.db, "Garage Léon").await;
    insert_offer(&t.db, &garage, "Mécanicien H/F", 1, |_| {}).await;
    insert_offer(&t.db, &garage, "Réceptionnaire H/F", 2, |_| {}).await;
    insert_offer(&t.db, &garage, "Ancienne H/F", 100, |o| {
        o.status = Set(OfferStatus::Expired)
    })
    .await;

    let group = insert_group(&t.db, "Groupe Rhône Autos").await;
    let mut body = insert_company(&t.db, "Carrosserie du Parc")
        .await
        .into_active_model();
    body.activity = Set(CompanyActivity::BodyShop);
    body.place_insee = Set(Some("69266".into()));
    body.group_id = Set(Some(group.id));
    body.update(&t.db).await.unwrap();

    let mut dealer = insert_company(&t.db, "Brest Automobiles")
        .await
        .into_active_model();
    dealer.activity = Set(CompanyActivity::Dealership);
    dealer.place_insee = Set(Some("29019".into()));
    dealer.update(&t.db).await.unwrap();
    Directory::load(&t.db).await.unwrap()
}

fn query(pairs: &[(&str, &str)]) -> CompanyQuery {
    CompanyQuery::from_pairs(pairs.iter().copied())
}

fn names(directory: &domain::model::CompanyDirectory) -> Vec<&str> {
    directory
        .companies
        .iter()
        .map(|c| c.name.as_str())
        .collect()
}

#[tokio::test]
async fn the_directory_lists_companies_by_name_with_their_open_offers() {
    for t in test_databases().await {
        let places = directory_fixture(&t).await;
        let all = companies::directory(&t.db, &places, &query(&[]))
            .await
            .unwrap();
        assert_eq!(
            names(&all),
            ["Brest Automobiles", "Carrosserie du Parc", "Garage Léon"],
            "{}",
            t.backend
        );
        let garage = all
            .companies
            .iter()
            .find(|c| c.name == "Garage Léon")
            .unwrap();
        assert_eq!(garage.open_offers, 2, "the expired offer is not counted");
        assert_eq!(garage.place.as_deref(), Some("Lyon (69)"));
        let body = all
            .companies
            .iter()
            .find(|c| c.name == "Carrosserie du Parc")
            .unwrap();
        assert_eq!(body.group_name.as_deref(), Some("Groupe Rhône Autos"));
        assert_eq!(all.groups.len(), 1);
    }
}

#[tokio::test]
async fn companies_are_found_by_name_without_accents_or_case() {
    for t in test_databases().await {
        let places = directory_fixture(&t).await;
        for typed in ["leon", "LÉON", "garage léon", "Léon"] {
            let found = companies::directory(&t.db, &places, &query(&[("q", typed)]))
                .await
                .unwrap();
            assert_eq!(names(&found), ["Garage Léon"], "{}: {typed}", t.backend);
        }
    }
}

#[tokio::test]
async fn companies_are_filtered_by_place_group_and_activity() {
    for t in test_databases().await {
        let places = directory_fixture(&t).await;
        let rhone = companies::directory(&t.db, &places, &query(&[("lieu", "69")]))
            .await
            .unwrap();
        assert_eq!(
            names(&rhone),
            ["Carrosserie du Parc", "Garage Léon"],
            "{}",
            t.backend
        );
        let brest = companies::directory(&t.db, &places, &query(&[("lieu", "Brest")]))
            .await
            .unwrap();
        assert_eq!(names(&brest), ["Brest Automobiles"]);
        let group =
            companies::directory(&t.db, &places, &query(&[("groupe", "groupe-rhone-autos")]))
                .await
                .unwrap();
        assert_eq!(names(&group), ["Carrosserie du Parc"]);
        let dealers = companies::directory(&t.db, &places, &query(&[("activite", "concession")]))
            .await
            .unwrap();
        assert_eq!(names(&dealers), ["Brest Automobiles"]);
    }
}

#[tokio::test]
async fn the_directory_is_paginated() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        for i in 0..30 {
            insert_company(&t.db, &format!("Garage {i:02}")).await;
        }
        let places = Directory::load(&t.db).await.unwrap();
        let first = companies::directory(&t.db, &places, &query(&[]))
            .await
            .unwrap();
        assert_eq!(
            (first.total, first.pages, first.companies.len()),
            (30, 2, 24),
            "{}",
            t.backend
        );
        let second = companies::directory(&t.db, &places, &query(&[("page", "2")]))
            .await
            .unwrap();
        assert_eq!(
            names(&second),
            [
                "Garage 24",
                "Garage 25",
                "Garage 26",
                "Garage 27",
                "Garage 28",
                "Garage 29"
            ]
        );
        let beyond = companies::directory(&t.db, &places, &query(&[("page", "9")]))
            .await
            .unwrap();
        assert_eq!(beyond.page, 2, "a page beyond the last shows the last");
    }
}

#[tokio::test]
async fn a_company_page_has_its_open_offers_and_group() {
    for t in test_databases().await {
        let places = directory_fixture(&t).await;
        let all = companies::directory(&t.db, &places, &query(&[]))
            .await
            .unwrap();
        let garage = all
            .companies
            .iter()
            .find(|c| c.name == "Garage Léon")
            .unwrap();
        let page = companies::detail(&t.db, garage.id).await.unwrap();
        let titles: Vec<_> = page.offers.iter().map(|o| o.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Mécanicien H/F", "Réceptionnaire H/F"],
            "{}",
            t.backend
        );
        assert_eq!(page.open_offers, 2);
        assert_eq!(page.place.as_deref(), Some("Lyon (69001)"));

        let body = all
            .companies
            .iter()
            .find(|c| c.name == "Carrosserie du Parc")
            .unwrap();
        let body = companies::detail(&t.db, body.id).await.unwrap();
        assert_eq!(body.group.unwrap().path(), "/groupes/groupe-rhone-autos");
        assert_eq!(
            companies::detail(&t.db, 999_999).await,
            Err(DomainError::NotFound)
        );
    }
}

#[tokio::test]
async fn a_group_page_lists_its_companies_and_their_offers() {
    for t in test_databases().await {
        let places = directory_fixture(&t).await;
        let all = companies::directory(&t.db, &places, &query(&[]))
            .await
            .unwrap();
        let body = all
            .companies
            .iter()
            .find(|c| c.name == "Carrosserie du Parc")
            .unwrap();
        let body = domain::entity::company::Entity::find_by_id(body.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        insert_offer(&t.db, &body, "Carrossier-peintre H/F", 1, |_| {}).await;

        let group = companies::group(&t.db, "groupe-rhone-autos").await.unwrap();
        assert_eq!(group.name, "Groupe Rhône Autos", "{}", t.backend);
        let members: Vec<_> = group.companies.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(members, ["Carrosserie du Parc"]);
        assert_eq!(group.open_offers, 1);
        assert_eq!(group.offers[0].title, "Carrossier-peintre H/F");
        assert_eq!(
            companies::group(&t.db, "inconnu").await,
            Err(DomainError::NotFound)
        );
    }
}
