//! The app on a fresh SQLite database, for the HTTP tests.
#![allow(dead_code)]

use app::SiteConfig;
use app::state::{AppState, SharedState};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, header};
use domain::model::OfferStatus;
use domain::places::Directory;
use domain::search::SearchIndex;
use domain::testing::{TestDb, insert_company, insert_offer, insert_places};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use sea_orm::ActiveValue::Set;
use std::sync::Arc;
use tower::ServiceExt;

pub const ORIGIN: &str = "https://www.jobtomove.test";

/// The app on a fresh SQLite database holding one garage and its offers.
pub struct TestApp {
    pub router: Router,
    pub search: Arc<SearchIndex>,
    pub db: TestDb,
    pub offer_path: String,
    pub offer_id: i64,
    pub expired_path: String,
    /// The offer views counted and not yet written.
    pub views: domain::offers::ViewCounts,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(Router::new()).await
    }

    pub async fn spawn_with(extra: Router<AppState>) -> Self {
        let db = TestDb::sqlite().await;
        insert_places(&db.db).await;
        let garage = insert_company(&db.db, "Garage du Centre").await;
        let offer = insert_offer(&db.db, &garage, "Mécanicien automobile H/F", 1, |_| {}).await;
        let expired = insert_offer(&db.db, &garage, "Carrossier H/F", 120, |o| {
            o.status = Set(OfferStatus::Expired)
        })
        .await;
        let search = Arc::new(SearchIndex::in_memory().unwrap());
        search.rebuild(&db.db, |_, _| {}).await.unwrap();
        let views = domain::offers::ViewCounts::default();
        let state = AppState::from(SharedState {
            leptos_options: Arc::new(
                LeptosOptions::builder()
                    .output_name("jobtomove")
                    .site_root(
                        std::env::temp_dir()
                            .join("jobtomove-no-site")
                            .to_string_lossy()
                            .into_owned(),
                    )
                    .hash_files(false)
                    .build(),
            ),
            db: db.db.clone(),
            site: SiteConfig {
                public_url: ORIGIN.into(),
                contact_email: "contact@jobtomove.test".into(),
                hosting: None,
            },
            search: search.clone(),
            places: Arc::new(Directory::load(&db.db).await.unwrap()),
            storage: domain::files::Storage::in_memory(),
            views: views.clone(),
        });
        Self {
            router: server::http::build_with(state, extra),
            search,
            offer_path: format!("/offres/mecanicien-automobile-h-f-{}", offer.id),
            offer_id: offer.id,
            expired_path: format!("/offres/carrossier-h-f-{}", expired.id),
            views,
            db,
        }
    }

    pub async fn get(&self, path: &str) -> Response<Body> {
        self.request(
            Request::get(path)
                .header(header::ACCEPT, "text/html")
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    pub async fn request(&self, request: Request<Body>) -> Response<Body> {
        self.router.clone().oneshot(request).await.unwrap()
    }
}

pub async fn text(response: Response<Body>) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The boundary of the multipart bodies tests send.
pub const BOUNDARY: &str = "----jobtomove-test-boundary";

/// A `multipart/form-data` body: text fields, then files (name, file name,
/// bytes).
pub fn multipart_body(texts: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in texts {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, file_name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// A same-origin multipart POST of `body` to `path`, signed in with the
/// session `cookie` when given.
pub fn multipart_post(path: &str, body: Vec<u8>, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::ACCEPT, "text/html")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("sec-fetch-site", "same-origin");
    if let Some(secret) = cookie {
        request = request.header(header::COOKIE, format!("__Host-jtm_session={secret}"));
    }
    request.body(Body::from(body)).unwrap()
}

/// The `Location` of a response, or "".
pub fn location(response: &Response<Body>) -> &str {
    response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// The session cookie's name (the test origin is https).
pub const COOKIE: &str = "__Host-jtm_session";

/// A small valid PDF, as a CV.
pub const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// Text as a form field's value.
pub fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

fn accept(path: &str) -> &'static str {
    if path.starts_with("/api/") {
        "application/json"
    } else {
        "text/html"
    }
}

/// A GET of `path`, signed in with the session `cookie` when given.
pub fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path).header(header::ACCEPT, accept(path));
    if let Some(secret) = cookie {
        request = request.header(header::COOKIE, format!("{COOKIE}={secret}"));
    }
    request.body(Body::empty()).unwrap()
}

/// A same-origin urlencoded POST of `body` to `path`, signed in with the
/// session `cookie` when given.
pub fn form(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::ACCEPT, accept(path))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(secret) = cookie {
        request = request.header(header::COOKIE, format!("{COOKIE}={secret}"));
    }
    request.body(Body::from(body.to_owned())).unwrap()
}

/// [`get`] signed in.
pub fn get_as(path: &str, cookie: &str) -> Request<Body> {
    get(path, Some(cookie))
}

/// [`form`] signed in.
pub fn post_as(path: &str, body: &str, cookie: &str) -> Request<Body> {
    form(path, body, Some(cookie))
}

impl TestApp {
    /// A session of `user_id`; its cookie's secret.
    pub async fn session(&self, user_id: i64) -> String {
        domain::auth::sessions::start(
            &self.db.db,
            user_id,
            "198.51.100.1",
            "test",
            chrono::Utc::now(),
        )
        .await
        .unwrap()
    }

    /// A new person of `role` signed in; their cookie's secret.
    pub async fn signed_in(&self, email: &str, role: domain::model::Role) -> String {
        let user = domain::testing::insert_user(&self.db.db, email, "Zoé", role).await;
        self.session(user.id).await
    }

    /// The applications stored.
    pub async fn applications(&self) -> Vec<domain::entity::application::Model> {
        use sea_orm::EntityTrait;
        domain::entity::application::Entity::find()
            .all(&self.db.db)
            .await
            .unwrap()
    }
}

/// The form of a lawful CDI offer in Lyon, with `action`.
pub fn offer_body(title: &str, description: &str, action: &str) -> String {
    [
        ("action", action),
        ("titre", title),
        ("metier", "I1604"),
        ("description", description),
        ("contrat", "cdi"),
        ("temps", "temps_plein"),
        ("salaire_min", "2100"),
        ("salaire_max", "2400"),
        ("periode", "mois"),
        ("lieu", "Lyon (69)"),
        ("experience", "1_3_ans"),
        ("formation", "cap"),
        ("postes", "1"),
        ("candidature", "portail"),
    ]
    .iter()
    .map(|(k, v)| format!("{k}={}", encode(v)))
    .collect::<Vec<_>>()
    .join("&")
}

/// A description that passes the B2 check.
pub const LAWFUL: &str = "Atelier de six personnes : entretien, diagnostic et réparation des véhicules de nos clients particuliers.";

impl TestApp {
    /// Publishes a lawful offer titled `title` as the recruiter of session
    /// `cookie`, through the editor's form; its id.
    pub async fn published_offer(&self, cookie: &str, title: &str) -> i64 {
        let published = self
            .request(post_as(
                "/recruteur/offres",
                &offer_body(title, LAWFUL, "publier"),
                cookie,
            ))
            .await;
        location(&published)
            .trim_start_matches("/recruteur/offres/")
            .split('?')
            .next()
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("not published: {}", location(&published)))
    }
}
