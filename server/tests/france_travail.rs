//! The France Travail import (X1) against the fake API, run as a real HTTP
//! process on loopback (`fakes/france_travail.rs`, `FRANCE_TRAVAIL.md` §13),
//! on every test database: a full import and its mapping, a second run
//! with withdrawn, changed and new offers, a run that fails half-way, a
//! token revoked mid-run, the rate limit, the 3,150 cap forcing splits —
//! and the fake's own behaviour where the importer relies on it.

use domain::entity::offer;
use domain::france_travail::client::Settings;
use domain::france_travail::import::{self, Report, Skip};
use domain::model::{ANONYMOUS_EMPLOYER, CatalogueSource, OfferQuery, OfferSource, OfferStatus};
use domain::places::{self, Directory};
use domain::search::SearchIndex;
use domain::testing::{TestDb, test_databases};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The fake API process.
struct Fake {
    child: Child,
    addr: String,
}

impl Drop for Fake {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Fake {
    fn start(offers: usize, rate: u32) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fake-france-travail"))
            .args(["--offers", &offers.to_string(), "--rate", &rate.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the fake France Travail");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .expect("the fake prints its address")
            .to_owned();
        Self { child, addr }
    }

    fn settings(&self) -> Settings {
        Settings {
            api_url: format!("http://{}/partenaire/offresdemploi", self.addr),
            token_url: format!(
                "http://{}/connexion/oauth2/access_token?realm=%2Fpartenaire",
                self.addr
            ),
            client_id: "PAR_jobtomove_0123456789abcdef".into(),
            client_secret: "fake-secret".into(),
            rate: 1000.0,
            retries: 2,
            backoff: Duration::from_millis(20),
        }
    }

    /// One HTTP/1.1 exchange: (status, head, body).
    async fn exchange(
        &self,
        method: &str,
        path: &str,
        headers: &str,
        body: &str,
    ) -> (u16, String, String) {
        let mut stream = tokio::net::TcpStream::connect(&self.addr).await.unwrap();
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n{headers}Content-Length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head[9..12].parse().unwrap();
        (status, head.to_lowercase(), body.to_owned())
    }

    async fn control(&self, path: &str, body: serde_json::Value) {
        let (status, _, _) = self
            .exchange(
                "POST",
                path,
                "Content-Type: application/json\r\n",
                &body.to_string(),
            )
            .await;
        assert!(status < 300, "{path} answered {status}");
    }

    async fn stats(&self) -> serde_json::Value {
        let (_, _, body) = self.exchange("GET", "/_fake/stats", "", "").await;
        serde_json::from_str(&body).unwrap()
    }

    async fn token(&self) -> String {
        let (_, _, body) = self
            .exchange(
                "POST",
                "/connexion/oauth2/access_token?realm=/partenaire",
                "Content-Type: application/x-www-form-urlencoded\r\n",
                "grant_type=client_credentials&client_id=PAR_jobtomove_0123456789abcdef&client_secret=fake-secret&scope=api_offresdemploiv2%20o2dsoffre",
            )
            .await;
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        json["access_token"].as_str().unwrap().to_owned()
    }
}

/// A database with every commune (the importer places offers anywhere).
async fn catalogue() -> Vec<TestDb> {
    let mut all = test_databases().await;
    for db in &mut all {
        places::load_if_empty(&db.db).await.unwrap();
    }
    all
}

async fn run(db: &TestDb, search: &SearchIndex, fake: &Fake) -> Report {
    import::run(&db.db, Some(search), fake.settings(), &mut ())
        .await
        .unwrap_or_else(|e| panic!("[{}] import failed: {e}", db.backend))
}

async fn imported(db: &TestDb, source_id: &str) -> offer::Model {
    offer::Entity::find()
        .filter(offer::Column::Source.eq(OfferSource::FranceTravail))
        .filter(offer::Column::SourceId.eq(source_id))
        .one(&db.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("[{}] {source_id} not imported", db.backend))
}

async fn published(db: &TestDb) -> u64 {
    offer::Entity::find()
        .filter(offer::Column::Status.eq(OfferStatus::Published))
        .count(&db.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_import_brings_the_sectors_offers_into_search_with_every_mapping_rule() {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let fake = Fake::start(0, 1000);
    for db in catalogue().await {
        // A company of the portal with the SIRET two offers give.
        let company = domain::testing::insert_company(&db.db, "Auto Quirks").await;
        let mut with_siret: domain::entity::company::ActiveModel = company.clone().into();
        with_siret.siret = Set(Some("12345678901234".into()));
        with_siret.update(&db.db).await.unwrap();
        let search = SearchIndex::in_memory().unwrap();
        let report = run(&db, &search, &fake).await;
        let b = db.backend;
        // The 3 documented offers, an arrondissement, a comma salary and a
        // foreign one; the bakery offer's code is not asked for.
        assert_eq!(report.read, 6, "[{b}] {report}");
        assert_eq!(report.created, 5, "[{b}] {report}");
        assert_eq!(
            report.skipped.get(&Skip::Abroad),
            Some(&1),
            "[{b}] {report}"
        );
        assert_eq!(report.retired, 0);

        let garage = imported(&db, "203KQZB").await;
        assert_eq!(garage.place_insee, "37122", "[{b}] INSEE code");
        assert_eq!(
            garage.employer_name.as_deref(),
            Some("GARAGE DU CHER FICTIF")
        );
        assert_eq!(garage.company_id, None, "no company page is created");
        assert_eq!(garage.salary_min_cents, Some(210_000));
        assert_eq!(
            garage.contact_email, None,
            "an instruction is not an address"
        );
        assert!(
            garage.description_html.contains("<br>")
                || garage.description_html.matches("<p>").count() > 1,
            "[{b}] line breaks kept: {}",
            garage.description_html
        );
        assert_eq!(
            garage.apply_url.as_deref(),
            Some("https://candidat.francetravail.fr/offres/recherche/detail/203KQZB")
        );

        let apprentice = imported(&db, "8123457").await;
        assert_eq!(
            apprentice.contract_type,
            domain::model::ContractType::Alternance
        );
        assert_eq!(apprentice.place_label.as_deref(), Some("Bouches-du-Rhône"));
        assert_eq!(apprentice.department_code, "13");
        let detail = domain::offers::detail(&db.db, &places(&db.db).await, apprentice.id)
            .await
            .unwrap();
        assert_eq!(detail.employer, ANONYMOUS_EMPLOYER);
        assert!(detail.place.department_only);
        assert!(
            domain::model::job_posting(&detail, "https://x/o", chrono::Utc::now()).is_none(),
            "no JobPosting markup without an employer or a commune"
        );

        let paris = imported(&db, "302QRKB").await;
        assert_eq!(
            paris.place_insee, "75056",
            "[{b}] an arrondissement is its city"
        );
        assert_eq!(
            paris.company_id,
            Some(company.id),
            "[{b}] same SIRET, same company"
        );
        assert_eq!(paris.employer_name, None);
        let lyon = imported(&db, "303QRKC").await;
        assert_eq!(
            (lyon.salary_min_cents, lyon.salary_max_cents),
            (Some(171_000), Some(210_000))
        );
        let abroad = offer::Entity::find()
            .filter(offer::Column::SourceId.eq("301QRKA"))
            .count(&db.db)
            .await
            .unwrap();
        assert_eq!(abroad, 0, "[{b}] a foreign offer is skipped");

        let places = Directory::load(&db.db).await.unwrap();
        let found = search
            .search(
                &db.db,
                &places,
                &OfferQuery {
                    q: "carrossier".into(),
                    ..OfferQuery::default()
                },
            )
            .await
            .unwrap();
        assert!(
            found
                .hits
                .iter()
                .any(|h| h.card.title.contains("Carrossier peintre")),
            "[{b}] imported offers are searchable"
        );
        let facet = |results: &domain::model::SearchResults, source| {
            results
                .facets
                .sources
                .iter()
                .find(|f| f.value == source)
                .map(|f| f.count)
        };
        let all = search
            .search(&db.db, &places, &OfferQuery::default())
            .await
            .unwrap();
        assert_eq!(
            facet(&all, CatalogueSource::FranceTravail),
            Some(5),
            "[{b}]"
        );
        let portal_only = search
            .search(
                &db.db,
                &places,
                &OfferQuery::from_pairs([("source", "jobtomove")]),
            )
            .await
            .unwrap();
        assert_eq!(portal_only.total, 0, "[{b}] the source filter");
        assert_eq!(
            facet(&portal_only, CatalogueSource::FranceTravail),
            Some(5),
            "[{b}] a facet counts without its own filter"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_run_adds_new_offers_updates_changed_ones_and_retires_withdrawn_ones() {
    let fake = Fake::start(40, 1000);
    for db in catalogue().await {
        let b = db.backend;
        let search = SearchIndex::in_memory().unwrap();
        let first = run(&db, &search, &fake).await;
        assert_eq!(first.created, 45, "[{b}] {first}");
        let before = search.len();
        let unchanged = run(&db, &search, &fake).await;
        assert_eq!(
            (
                unchanged.created,
                unchanged.updated,
                unchanged.retired,
                unchanged.unchanged
            ),
            (0, 0, 0, 45),
            "[{b}] a run that finds nothing new writes nothing: {unchanged}"
        );

        fake.control("/_fake/withdraw", serde_json::json!({"ids": ["203KQZC"]}))
            .await;
        fake.control(
            "/_fake/change",
            serde_json::json!({"id": "203KQZB", "set": {"intitule": "Mécanicien automobile chef d'équipe (H/F)"}}),
        )
        .await;
        fake.control("/_fake/generate", serde_json::json!({"count": 3}))
            .await;
        let second = run(&db, &search, &fake).await;
        assert_eq!(
            (second.created, second.updated, second.retired),
            (3, 1, 1),
            "[{b}] {second}"
        );
        let changed = imported(&db, "203KQZB").await;
        assert_eq!(changed.title, "Mécanicien automobile chef d'équipe (H/F)");
        assert!(
            changed.source_updated_at > Some(chrono::Utc::now() - chrono::Duration::minutes(1))
        );
        let gone = imported(&db, "203KQZC").await;
        assert_eq!(
            gone.status,
            OfferStatus::Expired,
            "[{b}] withdrawn at the source"
        );
        assert_eq!(search.len(), before + 3 - 1, "[{b}] the index follows");
        let page = domain::offers::detail(&db.db, &places(&db.db).await, gone.id)
            .await
            .unwrap();
        assert!(
            !page.is_open(chrono::Utc::now()),
            "its page stays and says it is closed"
        );

        // Back to the fake's first state for the next database.
        fake.control("/_fake/reset", serde_json::json!({})).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_that_fails_half_way_retires_nothing_and_says_why() {
    let fake = Fake::start(600, 1000);
    for db in catalogue().await {
        let b = db.backend;
        let search = SearchIndex::in_memory().unwrap();
        run(&db, &search, &fake).await;
        let open = published(&db).await;
        fake.control(
            "/_fake/withdraw",
            serde_json::json!({"ids": ["203KQZB", "203KQZC"]}),
        )
        .await;
        fake.control(
            "/_fake/fail",
            serde_json::json!({"after": 2, "status": 503}),
        )
        .await;
        let failed = import::run(&db.db, Some(&search), fake.settings(), &mut ()).await;
        let error = failed.expect_err("the API keeps answering 503").to_string();
        assert!(error.contains("ne répond pas"), "[{b}] {error}");
        assert!(error.contains("rien n'a été retiré"), "[{b}] {error}");
        assert_eq!(
            published(&db).await,
            open,
            "[{b}] the catalogue is as it was"
        );
        fake.control("/_fake/reset", serde_json::json!({})).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_that_stops_working_mid_run_is_renewed_once_and_the_run_completes() {
    let fake = Fake::start(450, 1000);
    let db = TestDb::sqlite().await;
    places::load_if_empty(&db.db).await.unwrap();
    let search = SearchIndex::in_memory().unwrap();
    fake.control("/_fake/revoke", serde_json::json!({"after": 2}))
        .await;
    let report = run(&db, &search, &fake).await;
    assert_eq!(report.tokens, 2, "{report}");
    assert_eq!(report.read, 456, "{report}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_limit_is_waited_for_and_the_run_completes() {
    let fake = Fake::start(600, 2);
    let db = TestDb::sqlite().await;
    places::load_if_empty(&db.db).await.unwrap();
    let search = SearchIndex::in_memory().unwrap();
    let report = run(&db, &search, &fake).await;
    assert_eq!(report.read, 606, "{report}");
    let stats = fake.stats().await;
    assert!(
        stats["limited"].as_u64().unwrap() > 0,
        "the fake answered 429: {stats}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_offers_than_the_api_can_page_through_are_all_read_by_splitting_the_query() {
    let fake = Fake::start(900, 1000);
    // 3,300 in one département: past the cap nationally, in its group of
    // départements and alone, so its creation dates are halved too.
    fake.control(
        "/_fake/generate",
        serde_json::json!({"count": 3300, "department": "69"}),
    )
    .await;
    for db in catalogue().await {
        let b = db.backend;
        let search = SearchIndex::in_memory().unwrap();
        let report = run(&db, &search, &fake).await;
        assert_eq!(report.read, 4206, "[{b}] no offer missed: {report}");
        assert!(report.splits >= 3, "[{b}] {report}");
        assert_eq!(report.created, 4205, "[{b}] {report}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_credentials_stop_the_run_with_a_clear_message() {
    let fake = Fake::start(0, 1000);
    let db = TestDb::sqlite().await;
    let settings = Settings {
        client_secret: "wrong".into(),
        ..fake.settings()
    };
    let error = import::run(&db.db, None, settings, &mut ())
        .await
        .expect_err("refused")
        .to_string();
    assert!(error.contains("FRANCE_TRAVAIL_CLIENT_SECRET"), "{error}");
    assert!(error.contains("invalid_client"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fake_api_answers_like_the_real_one() {
    let fake = Fake::start(400, 1000);
    let (status, _, _) = fake
        .exchange("GET", "/partenaire/offresdemploi/v2/offres/search", "", "")
        .await;
    assert_eq!(status, 401, "no token");
    let auth = format!("Authorization: Bearer {}\r\n", fake.token().await);
    let search = "/partenaire/offresdemploi/v2/offres/search";
    let (status, head, _) = fake
        .exchange("GET", &format!("{search}?range=0-149"), &auth, "")
        .await;
    assert_eq!(status, 206);
    assert!(head.contains("content-range: offres 0-149/407"), "{head}");
    assert!(head.contains("x-ratelimit-burst-capacity-clientidlimiter"));
    let (status, head, _) = fake
        .exchange("GET", &format!("{search}?range=450-599"), &auth, "")
        .await;
    assert_eq!(status, 204);
    assert!(head.contains("content-range: offres -1--1/407"), "{head}");
    let (status, _, body) = fake
        .exchange("GET", &format!("{search}?range=3001-3100"), &auth, "")
        .await;
    assert_eq!(status, 400);
    assert!(body.contains("La position de début doit être inférieure ou égale à 3000."));
    let (status, _, _) = fake
        .exchange("GET", &format!("{search}?range=0-150"), &auth, "")
        .await;
    assert_eq!(status, 400, "a window of 151");
    let (status, _, body) = fake
        .exchange("GET", &format!("{search}?publieeDepuis=2"), &auth, "")
        .await;
    assert_eq!(status, 400);
    assert!(body.contains("1, 3, 7, 14 ou 31 attendu"));
    let (status, head, _) = fake
        .exchange(
            "GET",
            &format!("{search}?pays=99137&range=0-149"),
            &auth,
            "",
        )
        .await;
    assert_eq!(status, 206, "an unknown parameter is ignored");
    assert!(head.contains("/407"), "{head}");
    let (status, _, _) = fake
        .exchange(
            "GET",
            "/partenaire/offresdemploi/v2/offres/203KQZB",
            &auth,
            "",
        )
        .await;
    assert_eq!(status, 200);
    let (status, _, _) = fake
        .exchange(
            "GET",
            "/partenaire/offresdemploi/v2/offres/999ZZZZ",
            &auth,
            "",
        )
        .await;
    assert_eq!(status, 204, "a withdrawn offer");
}

/// The directory of places, as the server loads it at start.
async fn places(db: &impl sea_orm::ConnectionTrait) -> domain::places::Directory {
    domain::places::Directory::load(db).await.unwrap()
}
