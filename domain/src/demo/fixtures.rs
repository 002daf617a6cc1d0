//! The few rows the benchmark commands and the tests start from: places,
//! a company, accounts (verified, without a password). Written straight to
//! the tables, as no user could; never called while serving.

use crate::entity::{company, department, place, region};
use crate::model::{CompanyActivity, fold_name, slugify};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ConnectionTrait};

/// A handful of real places: enough for tests, fast to insert.
pub async fn insert_places(db: &impl ConnectionTrait) {
    for (code, name) in [
        ("84", "Auvergne-Rhône-Alpes"),
        ("11", "Île-de-France"),
        ("53", "Bretagne"),
    ] {
        region::ActiveModel {
            code: Set(code.into()),
            name: Set(name.into()),
        }
        .insert(db)
        .await
        .expect("insert region");
    }
    for (code, name, region) in [
        ("69", "Rhône", "84"),
        ("75", "Paris", "11"),
        ("29", "Finistère", "53"),
    ] {
        department::ActiveModel {
            code: Set(code.into()),
            name: Set(name.into()),
            region_code: Set(region.into()),
        }
        .insert(db)
        .await
        .expect("insert department");
    }
    for (insee, name, postal, dep, reg, lat, lon, pop) in [
        (
            "69123",
            "Lyon",
            "69001 69002 69003",
            "69",
            "84",
            45.7485,
            4.8467,
            522_250,
        ),
        (
            "69266",
            "Villeurbanne",
            "69100",
            "69",
            "84",
            45.7667,
            4.8803,
            156_928,
        ),
        (
            "75056",
            "Paris",
            "75001 75002",
            "75",
            "11",
            48.8534,
            2.3488,
            2_113_705,
        ),
        (
            "29019", "Brest", "29200", "29", "53", 48.3903, -4.4863, 142_722,
        ),
    ] {
        place::ActiveModel {
            insee: Set(insee.into()),
            name: Set(name.into()),
            slug: Set(slugify(name)),
            postal_codes: Set(postal.into()),
            department_code: Set(dep.into()),
            region_code: Set(reg.into()),
            latitude: Set(lat),
            longitude: Set(lon),
            population: Set(pop),
        }
        .insert(db)
        .await
        .expect("insert place");
    }
}

/// A company in Lyon.
pub async fn insert_company(db: &impl ConnectionTrait, name: &str) -> company::Model {
    let now = Utc::now();
    company::ActiveModel {
        id: NotSet,
        slug: Set(slugify(name)),
        search_name: Set(fold_name(name)),
        name: Set(name.into()),
        siret: Set(None),
        activity: Set(CompanyActivity::IndependentGarage),
        description: Set(format!("{name}, garage indépendant.")),
        address: Set(Some("12 rue de la République".into())),
        place_insee: Set(Some("69123".into())),
        website: Set(None),
        contact_email: Set(None),
        contact_phone: Set(None),
        group_id: Set(None),
        logo_key: Set(None),
        requested_group_id: Set(None),
        suspended_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("insert company")
}

/// An account of `role` written directly (no password): for tests that
/// need people, not the sign-up flow.
pub async fn insert_user(
    db: &impl ConnectionTrait,
    email: &str,
    first_name: &str,
    role: crate::model::Role,
) -> crate::model::CurrentUser {
    use sea_orm::ActiveModelTrait;
    let now = Utc::now();
    let row = crate::entity::user::ActiveModel {
        email: Set(email.into()),
        password_hash: Set(None),
        first_name: Set(first_name.into()),
        last_name: Set("Martin".into()),
        role: Set(role),
        email_verified_at: Set(Some(now)),
        created_at: Set(now),
        last_active_at: Set(now),
        inactivity_warned_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert user");
    crate::auth::sessions::current_user(&row)
}

/// A recruiter of `company` (its owner when `owner`), written directly.
pub async fn insert_recruiter(
    db: &impl ConnectionTrait,
    email: &str,
    company: &company::Model,
    owner: bool,
) -> crate::model::CurrentUser {
    use sea_orm::ActiveModelTrait;
    let user = insert_user(db, email, "Paul", crate::model::Role::Recruiter).await;
    crate::entity::company_member::ActiveModel {
        user_id: Set(user.id),
        company_id: Set(company.id),
        is_owner: Set(owner),
        created_at: Set(Utc::now()),
        accepted_at: Set(Some(Utc::now())),
    }
    .insert(db)
    .await
    .expect("insert membership");
    user
}
