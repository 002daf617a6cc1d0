//! Test support shared by the crates' integration tests: fresh databases
//! (SQLite always, PostgreSQL when `TEST_DATABASE_URL` is set) and fixtures.

use crate::db;
use crate::entity::{company, group, offer};
use crate::model::{
    ApplyMethod, ContractType, Education, Experience, JobFamily, OfferSource, OfferStatus,
    SalaryPeriod, WorkingTime, slugify,
};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ConnectOptions, ConnectionTrait,
    DatabaseConnection, EntityTrait,
};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

pub use crate::demo::fixtures::{insert_company, insert_places, insert_recruiter, insert_user};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A migrated, empty database for one test, removed when dropped (SQLite).
pub struct TestDb {
    /// "sqlite" or "postgres", to say which one failed.
    pub backend: &'static str,
    pub db: DatabaseConnection,
    /// The URL another process connects to the same database with.
    pub url: String,
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
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let db = db::connect(&url).await.expect("open SQLite");
        db::migrate(&db).await.expect("migrate SQLite");
        Self {
            backend: "sqlite",
            db,
            url,
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
        options.set_schema_search_path(schema.clone());
        let db = db::connect_with(options)
            .await
            .expect("connect to the test schema");
        db::migrate(&db).await.expect("migrate PostgreSQL");
        let separator = if url.contains('?') { '&' } else { '?' };
        Self {
            backend: "postgres",
            db,
            url: format!("{url}{separator}options=-c%20search_path%3D{schema}"),
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
        company_id: Set(Some(company.id)),
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
        ..Default::default()
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

/// [`verified_candidate`] as the signed-in user the services take.
pub async fn candidate_user(db: &DatabaseConnection, email: &str) -> crate::model::CurrentUser {
    crate::model::CurrentUser {
        id: verified_candidate(db, email, "Zoé").await,
        email: email.into(),
        first_name: "Zoé".into(),
        last_name: "Martin".into(),
        role: crate::model::Role::Candidate,
    }
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

/// The offer form of a lawful CDI in Lyon, as a recruiter posts it.
pub fn posting_form(title: &str) -> crate::postings::PostingForm {
    crate::postings::PostingForm {
        title: title.into(),
        job_family: "I1604".into(),
        description: "Atelier de 6 personnes. Vous assurez l'entretien et le diagnostic des véhicules de nos clients.\n\n- Diagnostic électronique\n- Distribution et freinage".into(),
        contract: "cdi".into(),
        working_time: "temps_plein".into(),
        salary_min: "2 100".into(),
        salary_max: "2 400".into(),
        salary_period: "mois".into(),
        place: "Lyon (69)".into(),
        experience: "1_3_ans".into(),
        education: "cap".into(),
        positions: "1".into(),
        apply_method: "portail".into(),
        ..Default::default()
    }
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
