//! The company directory, company pages and group pages; who joins a
//! company (R1) and what its owner may change (R2).

use chrono::Utc;
use domain::DomainError;
use domain::accounts::{self, Membership, Organisation, SignUp};
use domain::auth::sessions;
use domain::companies::{self, CompanyForm};
use domain::dossiers::cvtheque;
use domain::entity::user;
use domain::files::Storage;
use domain::model::{
    CompanyActivity, CompanyQuery, CurrentUser, CvQuery, OfferStatus, Role, ThreadTarget,
};
use domain::places::Directory;
use domain::testing::{
    PASSWORD, TestDb, field_error, insert_company, insert_group, insert_offer, insert_places,
    insert_recruiter, insert_user, join_company, origin, outbox, posting_form, test_databases,
    verified_candidate,
};
use domain::{messaging, postings};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter};

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

/// P4 on a large catalogue: a company's page reads its own published offers,
/// already newest first, never the catalogue's published offers until ten
/// are its own, nor every company to find the suspended ones (1 to 3
/// seconds a page at 1,000,000 offers and 50,000 companies). SQLite chooses
/// so once it has statistics, which a connection gathers when it opens
/// (PostgreSQL keeps its own, and its plans follow them).
#[tokio::test]
async fn a_company_page_reads_its_own_offers_not_the_whole_catalogue() {
    use sea_orm::{ConnectionTrait, DbBackend, QueryTrait, Statement};
    let t = TestDb::sqlite().await;
    insert_places(&t.db).await;
    let mut companies = Vec::new();
    for name in ["Garage Léon", "Garage Marie", "Garage Paul", "Garage Zoé"] {
        let company = insert_company(&t.db, name).await;
        for day in 1..=5 {
            insert_offer(&t.db, &company, "Mécanicien H/F", day, |_| {}).await;
        }
        companies.push(company);
    }
    // The statistics a connection of the test's own pool may have gathered
    // while the offers were being written describe a smaller catalogue:
    // dropped, a connection that opens has none and gathers them.
    t.db.execute_unprepared("DELETE FROM sqlite_stat1")
        .await
        .unwrap();
    let db = domain::db::connect(&t.url).await.unwrap();
    let query = domain::offers::latest_where_query(
        domain::entity::offer::Column::CompanyId.eq(companies[2].id),
        10,
        Utc::now(),
    )
    .build(DbBackend::Sqlite);
    let plan = db
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            format!("EXPLAIN QUERY PLAN {}", query.sql),
            query.values.expect("the query has values"),
        ))
        .await
        .unwrap();
    let steps: Vec<String> = plan
        .iter()
        .map(|row| row.try_get_by::<String, _>("detail").unwrap())
        .collect();
    assert!(
        steps[0].contains(
            "offers USING INDEX idx_offers_company_status_published (company_id=? AND status=?)"
        ),
        "{steps:?}"
    );
    assert!(
        !steps.iter().any(|step| step.contains("TEMP B-TREE")),
        "{steps:?}"
    );
    assert!(
        !steps.iter().any(|step| step == "SCAN companies"),
        "the suspended companies are found without reading every company: {steps:?}"
    );
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

// ------------------------------------------------------------ R1 members

const SITE: &str = "http://jobtomove.test";
const SIRET: &str = "73282932000074";

/// A garage with a SIRET, owned by chef@garage.fr.
async fn owned_garage(t: &TestDb) -> (Directory, domain::entity::company::Model, CurrentUser) {
    insert_places(&t.db).await;
    let mut garage = insert_company(&t.db, "Garage des Brotteaux")
        .await
        .into_active_model();
    garage.siret = Set(Some(SIRET.into()));
    let garage = garage.update(&t.db).await.unwrap();
    let owner = insert_recruiter(&t.db, "chef@garage.fr", &garage, true).await;
    (Directory::load(&t.db).await.unwrap(), garage, owner)
}

/// Signs up `email` as a recruiter with the garage's SIRET.
async fn newcomer(
    t: &TestDb,
    places: &Directory,
    email: &str,
) -> (Option<Membership>, CurrentUser) {
    let person = SignUp {
        email: email.into(),
        password: PASSWORD.into(),
        first_name: "Ivan".into(),
        last_name: "Trus".into(),
        accepts_terms: true,
    };
    let organisation = Organisation {
        kind: "recruteur".into(),
        name: "Garage des Brotteaux".into(),
        siret: SIRET.into(),
        address: "12 rue Tête d'Or".into(),
        commune: "Lyon".into(),
        activity: "garage".into(),
    };
    let joined = accounts::sign_up(
        &t.db,
        &origin(Utc::now()),
        &person,
        Some((&organisation, places)),
    )
    .await
    .unwrap();
    let account = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    (joined, sessions::current_user(&account))
}

fn is_pending_refusal<T: std::fmt::Debug>(result: &Result<T, DomainError>) -> bool {
    matches!(result, Err(DomainError::Conflict(m)) if m.contains("attend l'accord"))
}

#[tokio::test]
async fn a_recruiter_with_the_siret_of_an_existing_company_waits_for_its_owner_before_acting() {
    for t in test_databases().await {
        let (places, garage, owner) = owned_garage(&t).await;
        let (joined, ivan) = newcomer(&t, &places, "ivan@exemple.fr").await;
        assert_eq!(
            joined,
            Some(Membership::Pending(garage.id)),
            "{}",
            t.backend
        );
        let asked = outbox(&t.db).await;
        assert!(
            asked
                .iter()
                .any(|m| m.to_address == "chef@garage.fr"
                    && m.subject.contains("demande à rejoindre")),
            "{}: the owner is asked",
            t.backend
        );

        // Waiting: no offer in the company's name, no CV, no company thread.
        let now = Utc::now();
        let publish =
            postings::create(&t.db, &places, &ivan, &posting_form("Mécanicien H/F"), now).await;
        assert!(is_pending_refusal(&publish), "{}: {publish:?}", t.backend);
        let cvs = cvtheque::search(&t.db, &places, &ivan, CvQuery::default()).await;
        assert!(is_pending_refusal(&cvs), "{cvs:?}");
        let zoe_id = verified_candidate(&t.db, "zoe@exemple.fr", "Zoé").await;
        let zoe = sessions::current_user(
            &user::Entity::find_by_id(zoe_id)
                .one(&t.db)
                .await
                .unwrap()
                .unwrap(),
        );
        let thread = messaging::open(&t.db, &zoe, ThreadTarget::Company(garage.id), now)
            .await
            .unwrap();
        messaging::send(
            &t.db,
            SITE,
            &zoe,
            thread,
            "Mon numéro : 06 12 34 56 78.",
            now,
        )
        .await
        .unwrap();
        assert!(messaging::threads(&t.db, &ivan).await.unwrap().is_empty());
        assert_eq!(
            messaging::read(&t.db, &ivan, thread).await.map(drop),
            Err(DomainError::NotFound),
            "{}: the candidate's message is not theirs to read",
            t.backend
        );
        let told = |to: &'static str| {
            let db = t.db.clone();
            async move {
                outbox(&db)
                    .await
                    .iter()
                    .filter(|m| m.to_address == to && m.subject.starts_with("Nouveau message"))
                    .count()
            }
        };
        assert_eq!(told("ivan@exemple.fr").await, 0, "nor emailed about it");
        assert_eq!(told("chef@garage.fr").await, 1);
        let page = companies::edit_values(&t.db, &places, &ivan).await.unwrap();
        assert!(
            page.pending && !page.owner,
            "the page is read-only, saying why"
        );

        companies::decide_join(&t.db, &owner, ivan.id, true, SITE, now)
            .await
            .unwrap();
        assert!(
            postings::create(&t.db, &places, &ivan, &posting_form("Mécanicien H/F"), now)
                .await
                .is_ok(),
            "{}: accepted, Ivan publishes",
            t.backend
        );
        assert_eq!(messaging::threads(&t.db, &ivan).await.unwrap().len(), 1);
        assert!(outbox(&t.db).await.iter().any(
            |m| m.to_address == "ivan@exemple.fr" && m.subject.starts_with("Vous avez rejoint")
        ));
    }
}

#[tokio::test]
async fn only_the_owner_decides_on_a_request_and_a_refused_one_is_removed() {
    for t in test_databases().await {
        let (places, garage, owner) = owned_garage(&t).await;
        let colleague = insert_user(&t.db, "rh@garage.fr", "Inès", Role::Recruiter).await;
        join_company(&t.db, &colleague, &garage, true).await;
        let other_company = insert_company(&t.db, "Garage du Centre").await;
        let stranger = insert_recruiter(&t.db, "chef@centre.fr", &other_company, true).await;
        let (_, ivan) = newcomer(&t, &places, "ivan@exemple.fr").await;
        let now = Utc::now();
        for (who, expected) in [
            (&colleague, DomainError::Forbidden),
            (&stranger, DomainError::NotFound),
            (&ivan, DomainError::Forbidden),
        ] {
            assert_eq!(
                companies::decide_join(&t.db, who, ivan.id, true, SITE, now).await,
                Err(expected),
                "{}: {}",
                t.backend,
                who.email
            );
        }
        let requests = companies::edit_values(&t.db, &places, &owner)
            .await
            .unwrap()
            .join_requests;
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].email, "ivan@exemple.fr");

        companies::decide_join(&t.db, &owner, ivan.id, false, SITE, now)
            .await
            .unwrap();
        assert_eq!(
            companies::acting_company(&t.db, &ivan).await,
            Err(DomainError::Forbidden),
            "{}: refused, attached to no company",
            t.backend
        );
        assert!(outbox(&t.db).await.iter().any(
            |m| m.to_address == "ivan@exemple.fr" && m.subject.contains("n'a pas été acceptée")
        ));
        assert_eq!(
            companies::decide_join(&t.db, &owner, ivan.id, true, SITE, now).await,
            Err(DomainError::NotFound),
            "a decided request is gone"
        );
    }
}

#[tokio::test]
async fn a_company_without_an_owner_is_not_taken_over_by_the_first_comer_with_its_siret() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let mut garage = insert_company(&t.db, "Garage des Brotteaux")
            .await
            .into_active_model();
        garage.siret = Set(Some(SIRET.into()));
        let garage = garage.update(&t.db).await.unwrap();
        let places = Directory::load(&t.db).await.unwrap();
        let (joined, ivan) = newcomer(&t, &places, "ivan@exemple.fr").await;
        assert_eq!(
            joined,
            Some(Membership::Pending(garage.id)),
            "{}",
            t.backend
        );
        let publish = postings::create(
            &t.db,
            &places,
            &ivan,
            &posting_form("Mécanicien H/F"),
            Utc::now(),
        )
        .await;
        assert!(is_pending_refusal(&publish), "{}: {publish:?}", t.backend);
        let page = companies::edit_values(&t.db, &places, &ivan).await.unwrap();
        assert!(page.pending && page.owner_name.is_none());
    }
}

#[tokio::test]
async fn joining_a_dealer_group_is_a_request_the_owner_cannot_grant_alone() {
    for t in test_databases().await {
        let (places, garage, owner) = owned_garage(&t).await;
        let group = insert_group(&t.db, "Groupe Rhône Autos").await;
        let search = domain::search::SearchIndex::in_memory().unwrap();
        let mut form = CompanyForm {
            name: "Garage des Brotteaux".into(),
            activity: "garage".into(),
            group: group.slug.clone(),
            ..Default::default()
        };
        companies::update(&t.db, &places, &search, &owner, &form, Utc::now())
            .await
            .unwrap();
        let page = companies::detail(&t.db, garage.id).await.unwrap();
        assert_eq!(
            page.group, None,
            "{}: not shown as a member of the group",
            t.backend
        );
        let edit = companies::edit_values(&t.db, &places, &owner)
            .await
            .unwrap();
        assert_eq!(edit.requested_group.as_deref(), Some("Groupe Rhône Autos"));

        form.group.clear();
        companies::update(&t.db, &places, &search, &owner, &form, Utc::now())
            .await
            .unwrap();
        let edit = companies::edit_values(&t.db, &places, &owner)
            .await
            .unwrap();
        assert_eq!(edit.requested_group, None, "the request is withdrawn");
    }
}

#[tokio::test]
async fn a_company_name_with_markup_or_hidden_characters_is_refused() {
    for t in test_databases().await {
        let (places, _, owner) = owned_garage(&t).await;
        let search = domain::search::SearchIndex::in_memory().unwrap();
        for hostile in [
            "Garage</title><meta http-equiv=refresh content=0>",
            "Garage\u{202E}ecnarussA",
            "Garage\nBis",
        ] {
            let form = CompanyForm {
                name: hostile.into(),
                activity: "garage".into(),
                ..Default::default()
            };
            let refused =
                companies::update(&t.db, &places, &search, &owner, &form, Utc::now()).await;
            assert!(
                field_error(refused, "nom").contains("caractères non autorisés"),
                "{}: {hostile:?}",
                t.backend
            );
        }
    }
}

#[tokio::test]
async fn the_owner_sets_a_logo_checked_from_its_bytes_and_resized() {
    use domain::companies::logos;
    use domain::testing::{image, upload};
    use image::ImageFormat;
    for t in test_databases().await {
        insert_places(&t.db).await;
        let storage = Storage::in_memory();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let owner = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let colleague = insert_recruiter(&t.db, "lea@garage.fr", &garage, false).await;
        let candidate = insert_user(&t.db, "marie@example.fr", "Marie", Role::Candidate).await;
        let now = Utc::now();

        let path = logos::set_logo(
            &t.db,
            &storage,
            &owner,
            Some(image("logo.jpg", 600, 300, ImageFormat::Jpeg)),
            now,
        )
        .await
        .unwrap()
        .expect("a logo path");
        let key = path.trim_start_matches("/logos/").to_owned();
        let stored = logos::logo(&t.db, &storage, &key).await.unwrap();
        let decoded = image::load_from_memory(&stored).unwrap();
        assert_eq!(
            image::guess_format(&stored).unwrap(),
            ImageFormat::Png,
            "stored again as PNG"
        );
        assert_eq!(
            (decoded.width(), decoded.height()),
            (256, 128),
            "resized, same shape"
        );
        let page = domain::companies::detail(&t.db, garage.id).await.unwrap();
        assert_eq!(page.logo.as_deref(), Some(path.as_str()));

        for (name, bytes, why) in [
            (
                "logo.svg",
                &b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"[..],
                "PNG, JPEG ou WebP",
            ),
            (
                "logo.png",
                &b"<html><body>hello</body></html>"[..],
                "PNG, JPEG ou WebP",
            ),
            (
                "logo.png",
                &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR broken"[..],
                "illisible",
            ),
        ] {
            let message = field_error(
                logos::set_logo(&t.db, &storage, &owner, Some(upload(name, bytes)), now).await,
                "logo",
            );
            assert!(message.contains(why), "{name}: {message}");
        }
        let message = field_error(
            logos::set_logo(
                &t.db,
                &storage,
                &owner,
                Some(image("logo.png", 16, 16, ImageFormat::Png)),
                now,
            )
            .await,
            "logo",
        );
        assert!(message.contains("trop petite"), "{message}");

        for other in [&colleague, &candidate] {
            let refused = logos::set_logo(
                &t.db,
                &storage,
                other,
                Some(image("logo.png", 64, 64, ImageFormat::Png)),
                now,
            )
            .await;
            assert!(
                matches!(refused, Err(DomainError::Forbidden)),
                "{refused:?}"
            );
        }
        assert!(
            logos::logo(&t.db, &storage, &key).await.is_ok(),
            "refusals leave the logo as it was"
        );

        let replaced = logos::set_logo(
            &t.db,
            &storage,
            &owner,
            Some(image("logo.webp", 100, 100, ImageFormat::WebP)),
            now,
        )
        .await
        .unwrap()
        .unwrap();
        assert_ne!(replaced, path);
        assert!(
            matches!(storage.get(&key).await, Err(DomainError::NotFound)),
            "the old logo's bytes are deleted"
        );
        assert!(matches!(
            logos::logo(&t.db, &storage, &key).await,
            Err(DomainError::NotFound)
        ));

        assert_eq!(
            logos::set_logo(&t.db, &storage, &owner, None, now)
                .await
                .unwrap(),
            None
        );
        let page = domain::companies::detail(&t.db, garage.id).await.unwrap();
        assert_eq!(page.logo, None);

        // Only a company's logo is served by its public path, never another
        // stored file under its key.
        storage
            .put("cle-d-un-cv", bytes::Bytes::from_static(b"%PDF-1.4"))
            .await
            .unwrap();
        assert!(matches!(
            logos::logo(&t.db, &storage, "cle-d-un-cv").await,
            Err(DomainError::NotFound)
        ));
    }
}
