//! Several `server` processes on one database (PostgreSQL when
//! `TEST_DATABASE_URL` is set, and one SQLite file: a command beside `serve`
//! is the same case): a change made through one instance, or by a command
//! beside them, shows on the others within seconds — their search, and
//! their cached offer pages.

use domain::model::count_offers;
use domain::testing::{TestDb, insert_company, insert_places, insert_recruiter, test_databases};
use sea_orm::{EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How long a change may take to show on another instance.
const WITHIN: Duration = Duration::from_secs(5);

/// A `server serve` process with its own data folder (its own index).
struct Instance {
    child: Child,
    addr: String,
    _data: tempfile::TempDir,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Instance {
    async fn start(db: &TestDb) -> Self {
        Self::start_in(&db.url, tempfile::tempdir().unwrap(), free_port()).await
    }

    /// A server on the database of `url` and on `data` (files, outbox,
    /// index), listening on `port`.
    async fn start_in(url: &str, data: tempfile::TempDir, port: u16) -> Self {
        let addr = format!("127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_server"))
            .arg("serve")
            .env("DATABASE_URL", url)
            .env("DATA_DIR", data.path())
            .env("LEPTOS_SITE_ADDR", &addr)
            .env("LEPTOS_CONFIG", data.path().join("no-leptos.toml"))
            .env("PUBLIC_URL", format!("http://{addr}"))
            .env("RUST_LOG", "error")
            .env("LEPTOS_OUTPUT_NAME", "jobtomove")
            .env_remove("DEMO_DATA")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the server binary");
        let instance = Self {
            child,
            addr,
            _data: data,
        };
        let started = Instant::now();
        while instance.get("/health", None).await.0 != 200 {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "server did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        instance
    }

    /// One HTTP/1.1 exchange: (status, body).
    async fn exchange(&self, request: impl AsRef<[u8]>) -> (u16, String) {
        let Ok(mut stream) = tokio::net::TcpStream::connect(&self.addr).await else {
            return (0, String::new());
        };
        if stream.write_all(request.as_ref()).await.is_err() {
            return (0, String::new());
        }
        let mut answer = Vec::new();
        if stream.read_to_end(&mut answer).await.is_err() {
            return (0, String::new());
        }
        let answer = String::from_utf8_lossy(&answer).into_owned();
        let status = answer
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = answer
            .split_once("\r\n\r\n")
            .map_or("", |(_, b)| b)
            .to_owned();
        (status, body)
    }

    async fn get(&self, path: &str, cookie: Option<&str>) -> (u16, String) {
        let cookie = cookie.map_or(String::new(), |c| format!("Cookie: jtm_session={c}\r\n"));
        self.exchange(format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\n{cookie}Connection: close\r\n\r\n",
            self.addr
        ))
        .await
    }

    async fn post(&self, path: &str, body: &str, cookie: &str) -> (u16, String) {
        self.exchange(format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nCookie: jtm_session={cookie}\r\n\
             Sec-Fetch-Site: same-origin\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        ))
        .await
    }

    /// Whether a search for `words` finds the offer `title`.
    async fn finds(&self, words: &str, title: &str) -> bool {
        let (_, html) = self.get(&format!("/offres?q={words}"), None).await;
        html.contains(title)
    }
}

/// The anonymous application of `email` with a CV, as the browser posts it.
fn application(path: &str, email: &str) -> Vec<u8> {
    let body = crate::common::multipart_body(
        &[("email", email), ("prenom", "Léa"), ("nom", "Garnier")],
        &[("cv", "cv.pdf", crate::common::PDF)],
    );
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: multipart/form-data; boundary={}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        crate::common::BOUNDARY,
        body.len()
    )
    .into_bytes();
    request.extend(body);
    request
}

/// Waits until `check` holds, at most [`WITHIN`]; the time it took.
async fn within<F: std::future::Future<Output = bool>>(mut check: impl FnMut() -> F) -> Duration {
    let started = Instant::now();
    loop {
        if check().await {
            return started.elapsed();
        }
        assert!(started.elapsed() < WITHIN, "not shown within {WITHIN:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offer_published_through_one_instance_is_found_on_the_other_and_leaves_both_when_withdrawn()
 {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage des Deux Rives").await;
        let paul = insert_recruiter(&t.db, "paul@rives.fr", &garage, true).await;
        let cookie =
            domain::auth::sessions::start(&t.db, paul.id, "127.0.0.1", "test", chrono::Utc::now())
                .await
                .unwrap();
        let (a, b) = (Instance::start(&t).await, Instance::start(&t).await);

        let title = "Diagnosticien hybride H/F";
        let (status, _) = a
            .post(
                "/recruteur/offres",
                &crate::common::offer_body(title, crate::common::LAWFUL, "publier"),
                &cookie,
            )
            .await;
        assert_eq!(status, 303, "{}: published through A", t.backend);
        assert!(a.finds("diagnosticien", title).await, "at once on A");
        let took = within(|| b.finds("diagnosticien", title)).await;
        eprintln!("{}: publish on A → found on B in {took:?}", t.backend);

        let id = domain::entity::offer::Entity::find()
            .order_by_desc(domain::entity::offer::Column::Id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let page = format!("/offres/{}-{id}", domain::model::slugify(title));
        let (status, html) = a.get(&page, None).await;
        assert_eq!(status, 200, "{page}");
        assert!(
            !html.contains("plus en ligne"),
            "open, and now in A's page cache"
        );

        let (status, _) = b
            .post(
                &format!("/recruteur/offres/{id}"),
                "action=depublier",
                &cookie,
            )
            .await;
        assert_eq!(status, 303, "{}: withdrawn through B", t.backend);
        assert!(!b.finds("diagnosticien", title).await, "at once on B");
        let took = within(|| async { !a.finds("diagnosticien", title).await }).await;
        eprintln!(
            "{}: withdraw on B → gone from A's search in {took:?}",
            t.backend
        );
        within(|| async { a.get(&page, None).await.1.contains("plus en ligne") }).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offers_a_command_writes_beside_a_serving_instance_show_there() {
    for t in test_databases().await {
        let serving = Instance::start(&t).await;
        let (_, before) = serving.get("/offres", None).await;
        assert!(
            before.contains(&count_offers(0)),
            "{}: an empty catalogue",
            t.backend
        );

        let seeded = Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["seed-demo", "--offers", "40"])
            .env("DATABASE_URL", &t.url)
            .env("DATA_DIR", tempfile::tempdir().unwrap().path())
            .env("RUST_LOG", "warn")
            .env("LEPTOS_OUTPUT_NAME", "jobtomove")
            .status()
            .unwrap();
        assert!(seeded.success());
        let open = domain::entity::offer::Entity::find()
            .filter(domain::offers::open_offers(chrono::Utc::now()))
            .count(&t.db)
            .await
            .unwrap();
        assert!(open > 20, "{open}");
        let shown = count_offers(open);
        let took = within(|| async { serving.get("/offres", None).await.1.contains(&shown) }).await;
        eprintln!(
            "{}: seed-demo beside serve → {shown} shown in {took:?}",
            t.backend
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_application_acknowledged_before_a_kill_9_is_kept_whole_and_once() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage de la Charge").await;
        let offer =
            domain::testing::insert_offer(&t.db, &garage, "Mécanicien H/F", 0, |_| {}).await;
        let path = format!("/offres/{}-{}/postuler", offer.slug, offer.id);
        let data = tempfile::tempdir().unwrap();
        let (files, port) = (data.path().join("files"), free_port());
        let instance = std::sync::Arc::new(Instance::start_in(&t.url, data, port).await);

        // Two clients post applications back to back, each from its own
        // address, until the server dies under them.
        let acknowledged = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut clients = Vec::new();
        for client in 0..2 {
            let (instance, acknowledged, path) =
                (instance.clone(), acknowledged.clone(), path.clone());
            clients.push(tokio::spawn(async move {
                for i in 0..200 {
                    let email = format!("c{client}-{i}@charge.test");
                    match instance.exchange(application(&path, &email)).await.0 {
                        303 => acknowledged.lock().unwrap().push(email),
                        0 => break,
                        _ => {}
                    }
                }
            }));
        }
        let started = Instant::now();
        while acknowledged.lock().unwrap().len() < 12 {
            assert!(started.elapsed() < Duration::from_secs(60), "no load");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let pid = instance.child.id();
        Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .unwrap();
        for client in clients {
            client.await.unwrap();
        }
        let acknowledged = acknowledged.lock().unwrap().clone();
        let data = match std::sync::Arc::try_unwrap(instance) {
            Ok(mut dead) => {
                let _ = dead.child.wait();
                std::mem::replace(&mut dead._data, tempfile::tempdir().unwrap())
            }
            Err(_) => panic!("clients still hold the instance"),
        };
        let restarted = Instance::start_in(&t.url, data, port).await;
        assert_eq!(restarted.get("/health", None).await.0, 200);

        let storage = domain::files::Storage::from_config(None, files).unwrap();
        let stored = domain::entity::application::Entity::find()
            .all(&t.db)
            .await
            .unwrap();
        let outbox = domain::entity::outbox::Entity::find()
            .all(&t.db)
            .await
            .unwrap();
        let mut lost = 0;
        for email in &acknowledged {
            let rows: Vec<_> = stored.iter().filter(|a| &a.email == email).collect();
            assert!(rows.len() <= 1, "{}: {email} recorded twice", t.backend);
            let Some(row) = rows.first() else {
                lost += 1;
                continue;
            };
            let cv = domain::entity::stored_file::Entity::find_by_id(row.cv_file_id.unwrap())
                .one(&t.db)
                .await
                .unwrap()
                .expect("its CV's record");
            assert_eq!(
                storage.get(&cv.storage_key).await.unwrap().as_ref(),
                crate::common::PDF,
                "{}: {email}'s CV on disk",
                t.backend
            );
            assert!(
                outbox.iter().any(|m| &m.to_address == email),
                "{}: {email}'s confirmation email",
                t.backend
            );
        }
        eprintln!(
            "{}: kill -9 under load: {} applications acknowledged, {} found after restart, {lost} lost ({} recorded in all)",
            t.backend,
            acknowledged.len(),
            acknowledged.len() - lost,
            stored.len()
        );
        assert_eq!(lost, 0, "{}", t.backend);
        for application in &stored {
            assert_eq!(
                stored
                    .iter()
                    .filter(|a| a.email == application.email)
                    .count(),
                1,
                "{}: no application twice",
                t.backend
            );
        }
        drop(restarted);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sigterm_the_server_finishes_the_request_in_flight_and_exits_0() {
    let t = TestDb::sqlite().await;
    insert_places(&t.db).await;
    let garage = insert_company(&t.db, "Garage du Soir").await;
    let offer = domain::testing::insert_offer(&t.db, &garage, "Carrossier H/F", 0, |_| {}).await;
    let mut instance = Instance::start(&t).await;
    let request = application(
        &format!("/offres/{}-{}/postuler", offer.slug, offer.id),
        "tard@soir.test",
    );
    let (head, tail) = request.split_at(request.len() - 200);
    let mut stream = tokio::net::TcpStream::connect(&instance.addr)
        .await
        .unwrap();
    stream.write_all(head).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let pid = instance.child.id();
    Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        tokio::net::TcpStream::connect(&instance.addr)
            .await
            .is_err(),
        "stopped accepting"
    );
    stream.write_all(tail).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    assert!(
        String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 303"),
        "the application in flight was answered"
    );
    let status = instance.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(
        domain::entity::application::Entity::find()
            .count(&t.db)
            .await
            .unwrap(),
        1
    );
}

/// `server ARGS…` on `db` and `data`, beside any serving instance: its
/// standard output, after asserting it succeeded.
fn command(db: &TestDb, data: &std::path::Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", &db.url)
        .env("DATA_DIR", data)
        .env("LEPTOS_CONFIG", data.join("no-leptos.toml"))
        .env("LEPTOS_OUTPUT_NAME", "jobtomove")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "server {args:?}: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_lists_the_jobs_and_runs_one_now_under_its_lease() {
    for t in test_databases().await {
        let data = tempfile::tempdir().unwrap();
        let list = command(&t, data.path(), &["job", "list"]);
        for job in [
            "envoi-emails",
            "nettoyage-sessions",
            "inactivite-comptes",
            "expiration-offres",
            "journal-catalogue",
        ] {
            assert!(list.contains(job), "{}: {job} in\n{list}", t.backend);
        }
        let ran = command(&t, data.path(), &["job", "run", "expiration-offres"]);
        assert_eq!(
            ran.trim(),
            "expiration-offres: 0 recruteurs prévenus, 0 offres expirées",
            "{}",
            t.backend
        );
        let list = command(&t, data.path(), &["job", "list"]);
        let line = list
            .lines()
            .find(|l| l.starts_with("expiration-offres"))
            .unwrap();
        assert!(
            line.contains("0 offres expirées") && line.contains("libre"),
            "{line}"
        );
        let unknown = Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["job", "run", "inconnue"])
            .env("DATABASE_URL", &t.url)
            .output()
            .unwrap();
        assert!(!unknown.status.success());
        assert!(String::from_utf8_lossy(&unknown.stderr).contains("expiration-offres"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_serving_holds_the_database_and_the_uploaded_files() {
    let t = TestDb::sqlite().await;
    insert_places(&t.db).await;
    let garage = insert_company(&t.db, "Garage de la Sauvegarde").await;
    let offer = domain::testing::insert_offer(&t.db, &garage, "Vendeur H/F", 0, |_| {}).await;
    let data = tempfile::tempdir().unwrap();
    let data_path = data.path().to_owned();
    let serving = Instance::start_in(&t.url, data, free_port()).await;
    let path = format!("/offres/{}-{}/postuler", offer.slug, offer.id);
    assert_eq!(
        serving
            .exchange(application(&path, "copie@sauvegarde.test"))
            .await
            .0,
        303
    );

    let dest = tempfile::tempdir().unwrap();
    let copy = dest.path().join("copie");
    let printed = command(&t, &data_path, &["backup", copy.to_str().unwrap()]);
    assert!(printed.contains("files: 1 files"), "{printed}");

    let restored =
        domain::db::connect(&format!("sqlite://{}", copy.join("jobtomove.db").display()))
            .await
            .unwrap();
    let application = domain::entity::application::Entity::find()
        .one(&restored)
        .await
        .unwrap()
        .expect("the application in the copy");
    assert_eq!(application.email, "copie@sauvegarde.test");
    let cv = domain::entity::stored_file::Entity::find_by_id(application.cv_file_id.unwrap())
        .one(&restored)
        .await
        .unwrap()
        .unwrap();
    let storage = domain::files::Storage::from_config(None, copy.join("files")).unwrap();
    assert_eq!(
        storage.get(&cv.storage_key).await.unwrap().as_ref(),
        crate::common::PDF
    );
    assert!(
        Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["backup", copy.to_str().unwrap()])
            .env("DATABASE_URL", &t.url)
            .env("DATA_DIR", &data_path)
            .output()
            .unwrap()
            .status
            .code()
            != Some(0),
        "never over an earlier copy"
    );
}

/// A TCP relay to PostgreSQL that the test cuts and restores: cut, it
/// closes every relayed connection and every new one at once — the server
/// sees its database gone, as when PostgreSQL stops.
struct Relay {
    addr: String,
    up: tokio::sync::watch::Sender<bool>,
}

impl Relay {
    async fn to(upstream: String) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let (up, watch) = tokio::sync::watch::channel(true);
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let mut watch = watch.clone();
                if !*watch.borrow() {
                    continue;
                }
                let upstream = upstream.clone();
                tokio::spawn(async move {
                    let Ok(mut server) = tokio::net::TcpStream::connect(&upstream).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = watch.wait_for(|up| !*up) => {}
                    }
                });
            }
        });
        Self { addr, up }
    }

    fn set(&self, up: bool) {
        self.up.send_replace(up);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn while_postgresql_is_unreachable_pages_say_so_in_french_and_the_server_recovers_alone() {
    for t in test_databases().await {
        if t.backend != "postgres" {
            continue;
        }
        insert_places(&t.db).await;
        let garage = insert_company(&t.db, "Garage de la Panne").await;
        domain::testing::insert_offer(&t.db, &garage, "Dépanneur H/F", 0, |_| {}).await;
        // postgres://user:password@HOST:PORT/db?… → through the relay.
        let (scheme_user, rest) = t.url.split_once('@').unwrap();
        let (host, path) = rest.split_once('/').unwrap();
        let relay = Relay::to(host.to_owned()).await;
        let relayed = format!("{scheme_user}@{}/{path}", relay.addr);
        let mut serving =
            Instance::start_in(&relayed, tempfile::tempdir().unwrap(), free_port()).await;
        assert!(serving.finds("dépanneur", "Dépanneur H/F").await);

        relay.set(false);
        let cut = Instant::now();
        let (status, page) = loop {
            let answer = serving.get("/offres?q=dépanneur", None).await;
            if answer.0 == 503 || cut.elapsed() > Duration::from_secs(30) {
                break answer;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        assert_eq!(status, 503, "a page that needs the database");
        assert!(page.contains("momentanément indisponible"), "{page}");
        assert!(page.contains(r#"class="site-header""#), "the site's page");
        assert_eq!(serving.get("/health/ready", None).await.0, 503);
        assert_eq!(serving.get("/health", None).await.0, 200, "alive");
        assert!(serving.child.try_wait().unwrap().is_none(), "still running");

        relay.set(true);
        let back = Instant::now();
        within(|| async {
            serving.get("/health/ready", None).await.0 == 200
                && serving.finds("dépanneur", "Dépanneur H/F").await
        })
        .await;
        eprintln!(
            "postgres: outage seen as 503 after {:?}; serving again {:?} after the database came back",
            cut.elapsed() - back.elapsed(),
            back.elapsed()
        );
    }
}

/// What an idle instance's periodic work would write: the email sender's
/// lease (claimed at each run) and the instance's change feed cursor.
async fn periodic_writes(
    db: &sea_orm::DatabaseConnection,
) -> (
    Option<domain::entity::job_lease::Model>,
    Vec<domain::entity::catalogue_follower::Model>,
) {
    use domain::entity::{catalogue_follower, job_lease};
    (
        job_lease::Entity::find_by_id("envoi-emails")
            .one(db)
            .await
            .unwrap(),
        catalogue_follower::Entity::find().all(db).await.unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_instance_neither_claims_the_email_sender_nor_rewrites_its_cursor() {
    // On SQLite each commit makes every pooled connection drop its page
    // cache at its next read: the work an instance nobody uses repeats
    // (the email sender looks every two seconds, the change feed twice a
    // second) must only read while there is nothing to do.
    let t = TestDb::sqlite().await;
    let _serving = Instance::start(&t).await;
    let started = Instant::now();
    // Its first cursor, written once it has followed the feed.
    while periodic_writes(&t.db).await.1.is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the instance never reported its cursor"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let before = periodic_writes(&t.db).await;
    // Three of the sender's looks, twelve of the feed's.
    tokio::time::sleep(Duration::from_secs(6)).await;
    let after = periodic_writes(&t.db).await;
    assert_eq!(
        after.0, before.0,
        "the sender claimed its lease with nothing to send"
    );
    assert_eq!(after.1, before.1, "the cursor was written again unmoved");
}
