//! `server bench-apply`: server time of an anonymous application (P7) with a
//! CV of a given size, through the whole router in process — body limits,
//! sessions, same-origin check, multipart reading, type check, storage on
//! the local disk, the database transaction and the two emails put in the
//! outbox. Runs on a fresh SQLite database in a temporary folder; prints
//! figures, asserts nothing.

use super::percentile;
use crate::commands::leptos_options;
use crate::http;
use anyhow::{Context, bail};
use app::SiteConfig;
use app::state::{AppState, SharedState};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use domain::demo::{self, DemoOptions};
use domain::files::Storage;
use domain::places::Directory;
use domain::search::SearchIndex;
use http_body_util::BodyExt;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const BOUNDARY: &str = "----jobtomove-bench";

/// A multipart application: an address and a PDF CV of `cv_bytes` bytes.
fn application_body(email: &str, cv_bytes: usize) -> Vec<u8> {
    let mut cv = b"%PDF-1.7\n".to_vec();
    cv.resize(cv_bytes, b'x');
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n{email}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"site_web\"\r\n\r\n\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"cv.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(&cv);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

pub async fn run(
    leptos_config: &Path,
    runs: usize,
    warmup: usize,
    cv_kb: usize,
) -> anyhow::Result<()> {
    if runs == 0 {
        bail!("--runs must be at least 1");
    }
    let folder = tempfile::tempdir().context("creating a temporary folder")?;
    let url = format!("sqlite://{}/bench.db?mode=rwc", folder.path().display());
    let db = domain::db::connect(&url).await?;
    domain::db::migrate(&db).await?;
    let options = DemoOptions {
        offers: 20,
        seed: 7,
        now: chrono::Utc::now(),
    };
    demo::seed(&db, &options, |_, _| {})
        .await
        .map_err(|e| anyhow::anyhow!("seeding: {e:?}"))?;
    let search = Arc::new(SearchIndex::in_memory().map_err(|e| anyhow::anyhow!("{e}"))?);
    search
        .rebuild(&db, |_, _| {})
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let offer = domain::offers::latest(&db, 1)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?
        .pop()
        .context("no open offer in the demo catalogue")?;
    let state = AppState::from(SharedState {
        leptos_options: std::sync::Arc::new(leptos_options(leptos_config)?),
        db: db.clone(),
        site: SiteConfig {
            public_url: "http://127.0.0.1:3000".into(),
            contact_email: "contact@jobtomove.fr".into(),
            hosting: None,
        },
        search,
        places: Arc::new(Directory::load(&db).await?),
        storage: Storage::Local(folder.path().join("files")),
        views: Default::default(),
    });
    let app = http::build(state);
    let path = format!("{}/postuler", offer.path());
    println!(
        "Candidature sans compte, CV PDF de {cv_kb} Ko, {runs} mesures après {warmup} d'échauffement"
    );
    println!(
        "(routeur complet en processus, SQLite dans {}, fichiers sur disque local)",
        folder.path().display()
    );
    let mut times = Vec::with_capacity(runs);
    for i in 0..(warmup + runs) {
        let body = application_body(&format!("bench{i}@exemple.fr"), cv_kb * 1024);
        let mut request = Request::post(&path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .header(header::CONTENT_LENGTH, body.len())
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))?;
        // A different address each time, as real candidates are: the
        // per-address and per-IP limits stay out of the measure.
        let ip: SocketAddr =
            format!("10.{}.{}.{}:40000", i / 65536 % 256, i / 256 % 256, i % 256).parse()?;
        request.extensions_mut().insert(ConnectInfo(ip));
        let started = Instant::now();
        let response = app.clone().oneshot(request).await?;
        let status = response.status();
        response.into_body().collect().await?;
        let took = started.elapsed();
        if status != StatusCode::SEE_OTHER {
            bail!("application {i} answered {status}");
        }
        if i >= warmup {
            times.push(took);
        }
    }
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    println!(
        "p50 {}  p95 {}  p99 {}  max {}  moyenne {}",
        ms(percentile(&times, 50.0)),
        ms(percentile(&times, 95.0)),
        ms(percentile(&times, 99.0)),
        ms(*times.last().expect("runs ≥ 1")),
        ms(mean)
    );
    let stored = std::fs::read_dir(folder.path().join("files"))
        .map(|dirs| dirs.count())
        .unwrap_or(0);
    println!(
        "{} candidatures enregistrées ({stored} dossiers de fichiers).",
        warmup + runs
    );
    Ok(())
}
