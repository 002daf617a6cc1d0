//! Test support shared by the crates' integration tests: fresh databases
//! (SQLite always, PostgreSQL when `TEST_DATABASE_URL` is set) and fixtures.

use crate::db;
use crate::entity::{company, department, group, offer, place, region};
use crate::model::{
    ApplyMethod, CompanyActivity, ContractType, Education, Experience, JobFamily, OfferSource,
    OfferStatus, SalaryPeriod, WorkingTime, fold_name, slugify,
};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ConnectOptions, ConnectionTrait,
    DatabaseConnection, EntityTrait,
};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A migrated, empty database for one test, removed when dropped (SQLite).
pub struct TestDb {
    /// "sqlite" or "postgres", to say which one failed.
    pub backend: &'static str,
    pub db: DatabaseConnection,
    file: Option<PathBuf>,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
    }
}

fn unique_name() -> String {
    format!(
        "jtm_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        Utc::now().timestamp_subsec_nanos()
    )
}

impl TestDb {
    /// A fresh SQLite file in the temporary folder.
    pub async fn sqlite() -> Self {
        let file = std::env::temp_dir().join(format!("{}.db", unique_name()));
        let db = db::connect(&format!("sqlite://{}?mode=rwc", file.display()))
            .await
            .expect("open SQLite");
        db::migrate(&db).await.expect("migrate SQLite");
        Self {
            backend: "sqlite",
            db,
            file: Some(file),
        }
    }

    /// A fresh schema in the PostgreSQL database of `url`.
    pub async fn postgres(url: &str) -> Self {
        let schema = unique_name();
        let admin = db::connect(url)
            .await
            .expect("connect to TEST_DATABASE_URL");
        admin
            .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
            .await
            .expect("create a test schema");
        admin.close().await.ok();
        let mut options = ConnectOptions::new(url);
        options.set_schema_search_path(schema);
        let db = db::connect_with(options)
            .await
            .expect("connect to the test schema");
        db::migrate(&db).await.expect("migrate PostgreSQL");
        Self {
            backend: "postgres",
            db,
            file: None,
        }
    }
}

/// One fresh database per backend this run tests: SQLite always, PostgreSQL
/// when `TEST_DATABASE_URL` is set.
pub async fn test_databases() -> Vec<TestDb> {
    let mut all = vec![TestDb::sqlite().await];
    if let Ok(url) = std::env::var("TEST_DATABASE_URL")
        && !url.is_empty()
    {
        all.push(TestDb::postgres(&url).await);
    }
    all
}

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

/// A dealer group.
pub async fn insert_group(db: &impl ConnectionTrait, name: &str) -> group::Model {
    let now = Utc::now();
    group::ActiveModel {
        id: NotSet,
        slug: Set(slugify(name)),
        name: Set(name.into()),
        description: Set(format!("{name}, groupe de distribution automobile.")),
        website: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("insert group")
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
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .expect("insert company")
}

/// A published CDI offer in Lyon, published `days_ago` days ago; `change`
/// adjusts it before it is written.
pub async fn insert_offer(
    db: &impl ConnectionTrait,
    company: &company::Model,
    title: &str,
    days_ago: i64,
    change: impl FnOnce(&mut offer::ActiveModel),
) -> offer::Model {
    let published = Utc::now() - Duration::days(days_ago);
    let mut model = offer::ActiveModel {
        id: NotSet,
        slug: Set(slugify(title)),
        title: Set(title.into()),
        company_id: Set(company.id),
        recruiter_id: Set(None),
        job_family: Set(JobFamily::CarMechanics),
        description_html: Set("<p>Entretien et diagnostic des véhicules.</p>".into()),
        contract_type: Set(ContractType::Cdi),
        contract_months: Set(None),
        working_time: Set(WorkingTime::FullTime),
        salary_min_cents: Set(Some(200_000)),
        salary_max_cents: Set(Some(240_000)),
        salary_period: Set(Some(SalaryPeriod::Month)),
        place_insee: Set("69123".into()),
        department_code: Set("69".into()),
        region_code: Set("84".into()),
        start_date: Set(None),
        experience: Set(Experience::OneToThree),
        education: Set(Education::Cap),
        positions: Set(1),
        show_contact: Set(false),
        contact_name: Set(Some("Camille Martin".into())),
        contact_email: Set(Some("camille.martin@exemple.fr".into())),
        contact_phone: Set(None),
        apply_method: Set(ApplyMethod::Portal),
        apply_email: Set(None),
        apply_url: Set(None),
        reference: Set(None),
        status: Set(OfferStatus::Published),
        source: Set(OfferSource::Portal),
        source_id: Set(None),
        views: Set(0),
        published_at: Set(Some(published)),
        expires_at: Set(Some(published + Duration::days(90))),
        created_at: Set(published),
        updated_at: Set(published),
        expiry_warned_at: Set(None),
    };
    change(&mut model);
    model.insert(db).await.expect("insert offer")
}

/// Reads back every offer, to check what a service wrote.
pub async fn all_offers(db: &DatabaseConnection) -> Vec<offer::Model> {
    offer::Entity::find().all(db).await.expect("read offers")
}

/// A password every strength check accepts.
pub const PASSWORD: &str = "cheval agrafe batterie correcte";

/// A request from a test browser at `now`.
pub fn origin(now: chrono::DateTime<Utc>) -> crate::accounts::Origin<'static> {
    crate::accounts::Origin {
        site: "http://jobtomove.test",
        ip: "203.0.113.7",
        user_agent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        now,
    }
}

/// The messages of the outbox, oldest first.
pub async fn outbox(db: &impl ConnectionTrait) -> Vec<crate::entity::outbox::Model> {
    use sea_orm::QueryOrder;
    crate::entity::outbox::Entity::find()
        .order_by_asc(crate::entity::outbox::Column::Id)
        .all(db)
        .await
        .expect("read the outbox")
}

/// The token of the first link to `path` in an email's text.
pub fn token_in(text: &str, path: &str) -> String {
    let marker = format!("{path}?jeton=");
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("no link to {path} in:\n{text}"))
        + marker.len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// A verified candidate account with [`PASSWORD`], through sign-up and the
/// emailed link; returns its id.
pub async fn verified_candidate(db: &DatabaseConnection, email: &str, first_name: &str) -> i64 {
    use crate::accounts;
    use sea_orm::{ColumnTrait, QueryFilter};
    let now = Utc::now();
    let form = accounts::SignUp {
        email: email.into(),
        password: PASSWORD.into(),
        first_name: first_name.into(),
        last_name: "Martin".into(),
        accepts_terms: true,
    };
    accounts::sign_up(db, &origin(now), &form, None)
        .await
        .expect("sign up");
    let message = outbox(db)
        .await
        .into_iter()
        .rev()
        .find(|m| m.to_address == email)
        .expect("verification email");
    accounts::verify_address(db, &token_in(&message.text_body, "/verification"), now)
        .await
        .expect("verify the address");
    crate::entity::user::Entity::find()
        .filter(crate::entity::user::Column::Email.eq(email))
        .one(db)
        .await
        .expect("read the account")
        .expect("the account exists")
        .id
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

/// A small but real PDF, as a browser would send it.
pub fn pdf(name: &str) -> crate::files::Upload {
    crate::files::Upload {
        name: name.into(),
        bytes: bytes::Bytes::from_static(
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        ),
    }
}

/// Anything, under a chosen name.
pub fn upload(name: &str, bytes: &'static [u8]) -> crate::files::Upload {
    crate::files::Upload {
        name: name.into(),
        bytes: bytes::Bytes::from_static(bytes),
    }
}

/// A real image of `width` × `height` pixels in `format` (a logo).
pub fn image(
    name: &str,
    width: u32,
    height: u32,
    format: image::ImageFormat,
) -> crate::files::Upload {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(&mut bytes, format)
        .expect("encodable test image");
    crate::files::Upload {
        name: name.into(),
        bytes: bytes::Bytes::from(bytes.into_inner()),
    }
}

/// The French message of `field` in an `Invalid` result; panics otherwise.
pub fn field_error<T: std::fmt::Debug>(
    result: Result<T, crate::DomainError>,
    field: &str,
) -> String {
    match result {
        Err(crate::DomainError::Invalid(errors)) => errors
            .get(field)
            .unwrap_or_else(|| panic!("no error on {field}: {errors:?}"))
            .clone(),
        other => panic!("expected an error on {field}, got {other:?}"),
    }
}

/// Makes `user` a member of `company` (accepted by its owner, or still
/// waiting), written directly.
pub async fn join_company(
    db: &impl ConnectionTrait,
    user: &crate::model::CurrentUser,
    company: &company::Model,
    accepted: bool,
) {
    use sea_orm::ActiveModelTrait;
    crate::entity::company_member::ActiveModel {
        user_id: Set(user.id),
        company_id: Set(company.id),
        is_owner: Set(false),
        created_at: Set(Utc::now()),
        accepted_at: Set(accepted.then(Utc::now)),
    }
    .insert(db)
    .await
    .expect("insert membership");
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

/// The offer form of a lawful CDI in Lyon, as a recruiter posts it.
pub fn posting_form(title: &str) -> crate::postings::PostingForm {
    [
        ("titre", title),
        ("metier", "I1604"),
        ("description", "Atelier de 6 personnes. Vous assurez l'entretien et le diagnostic des véhicules de nos clients.\n\n- Diagnostic électronique\n- Distribution et freinage"),
        ("contrat", "cdi"),
        ("temps", "temps_plein"),
        ("salaire_min", "2 100"),
        ("salaire_max", "2 400"),
        ("periode", "mois"),
        ("lieu", "Lyon (69)"),
        ("experience", "1_3_ans"),
        ("formation", "cap"),
        ("postes", "1"),
        ("candidature", "portail"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// An anonymous application from `email` with a CV (P7).
pub fn anonymous_application(email: &str) -> crate::applications::AnonymousApplication {
    crate::applications::AnonymousApplication {
        email: email.into(),
        first_name: "Léa".into(),
        last_name: "Garnier".into(),
        phone: "0612345678".into(),
        message: "Disponible dès lundi.".into(),
        cv: Some(pdf("CV Léa.pdf")),
        ..Default::default()
    }
}

/// A dossier form with a CV and a letter (C3).
pub fn dossier_form(title: &str, visible: bool) -> crate::dossiers::DossierForm {
    crate::dossiers::DossierForm {
        title: title.into(),
        letter_text: "Passionnée de mécanique depuis toujours.".into(),
        visible,
        cv: Some(pdf("cv.pdf")),
        ..Default::default()
    }
}

/// How many files are stored.
pub async fn files_count(db: &DatabaseConnection) -> u64 {
    use sea_orm::PaginatorTrait;
    crate::entity::stored_file::Entity::find()
        .count(db)
        .await
        .unwrap()
}

/// The offer row `id`.
pub async fn offer_row(db: &DatabaseConnection, id: i64) -> offer::Model {
    offer::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
}
