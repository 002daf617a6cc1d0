//! The binary's commands.

pub mod backup;
pub mod bench;
pub mod france_travail;
pub mod jobs;

use crate::cli::{Config, SeedDemoArgs};
use crate::http;
use anyhow::Context;
use app::SiteConfig;
use app::state::{AppState, SharedState};
use domain::demo::{self, DemoOptions};
use domain::entity::offer;
use domain::places::{self, Directory};
use domain::search::SearchIndex;
use leptos::config::{LeptosOptions, get_configuration};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// `migrate`: apply pending migrations and load the communes when missing;
/// returns how many communes were loaded.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<usize> {
    domain::db::migrate(db)
        .await
        .context("migrating the database")?;
    let communes = places::load_if_empty(db)
        .await
        .context("loading the communes")?;
    tracing::info!(communes, "database up to date");
    Ok(communes)
}

/// `seed-demo`: create the demo catalogue, with a progress bar.
pub async fn seed_demo(db: &DatabaseConnection, args: SeedDemoArgs) -> anyhow::Result<()> {
    let communes = migrate(db).await?;
    let options = DemoOptions {
        offers: args.offers,
        seed: args.seed,
        now: args.today.map_or_else(chrono::Utc::now, demo::morning_of),
    };
    let bar = progress_bar();
    let started = Instant::now();
    let report = demo::seed(db, &options, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })
    .await
    .map_err(|e| anyhow::anyhow!("seeding the demo catalogue: {e}"))?;
    bar.finish_and_clear();
    println!(
        "Demo catalogue ready in {:.1} s: {} communes, {} groups, {} companies and {} offers created.",
        started.elapsed().as_secs_f64(),
        communes + report.communes,
        report.groups,
        report.companies,
        report.offers
    );
    Ok(())
}

/// `reindex`: rebuild the search index from the database, with a progress bar.
pub async fn reindex(db: &DatabaseConnection, config: &Config) -> anyhow::Result<()> {
    migrate(db).await?;
    let index = SearchIndex::open(&index_dir(config))
        .map_err(|e| anyhow::anyhow!("opening the search index (is the server running?): {e}"))?;
    let bar = progress_bar();
    let started = Instant::now();
    let indexed = index
        .rebuild(db, |done, total| {
            bar.set_length(total);
            bar.set_position(done);
        })
        .await
        .map_err(|e| anyhow::anyhow!("rebuilding the search index: {e}"))?;
    bar.finish_and_clear();
    println!(
        "Search index rebuilt in {:.1} s: {indexed} open offers.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `bench-search`: bring the index up to date, then measure (see `bench`).
pub async fn bench_search(
    db: &DatabaseConnection,
    config: &Config,
    runs: usize,
    warmup: usize,
    baseline_runs: usize,
) -> anyhow::Result<()> {
    migrate(db).await?;
    let index = SearchIndex::open(&index_dir(config))
        .map_err(|e| anyhow::anyhow!("opening the search index (is the server running?): {e}"))?;
    let started = Instant::now();
    if index
        .sync(db, |_, _| {})
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
    {
        println!(
            "Search index rebuilt in {:.1} s.",
            started.elapsed().as_secs_f64()
        );
    }
    crate::commands::bench::search::run(db, &index, runs, warmup, baseline_runs).await
}

/// `bench-render`: the index as it is, the state `serve` builds, then
/// measure (see `bench::render`).
pub async fn bench_render(
    db: &DatabaseConnection,
    config: &Config,
    pages: usize,
) -> anyhow::Result<()> {
    migrate(db).await?;
    let index = SearchIndex::open(&index_dir(config))
        .map_err(|e| anyhow::anyhow!("opening the search index (is the server running?): {e}"))?;
    index
        .sync(db, |_, _| {})
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let state = app_state(config, db, Arc::new(index)).await?;
    crate::commands::bench::render::run(state, pages).await
}

fn index_dir(config: &Config) -> std::path::PathBuf {
    config
        .index_dir
        .clone()
        .unwrap_or_else(|| config.data_dir.join("search-index"))
}

fn progress_bar() -> indicatif::ProgressBar {
    indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} offres {pos}/{len} [{bar:40}] {per_sec} ~{eta} restantes",
        )
        .expect("valid template")
        .progress_chars("=> "),
    )
}

/// `serve` (default): migrate, optionally load the demo data, then serve
/// until SIGTERM or Ctrl-C, finishing the requests in flight.
pub async fn serve(config: Config, db: DatabaseConnection) -> anyhow::Result<()> {
    migrate(&db).await?;
    if config.demo_data && offer::Entity::find().count(&db).await? == 0 {
        tracing::info!(
            offers = config.demo_offers,
            "empty catalogue: loading the demo data"
        );
        let options = DemoOptions {
            offers: config.demo_offers,
            seed: 42,
            now: chrono::Utc::now(),
        };
        demo::seed(&db, &options, |done, total| {
            tracing::debug!(done, total, "demo offers")
        })
        .await
        .map_err(|e| anyhow::anyhow!("seeding the demo catalogue: {e}"))?;
    }
    let search = Arc::new(
        SearchIndex::open(&index_dir(&config))
            .map_err(|e| anyhow::anyhow!("opening the search index: {e}"))?,
    );
    let started = Instant::now();
    let rebuilt = search
        .sync(&db, |done, total| {
            if done % 100_000 == 0 || done == total {
                tracing::info!(done, total, "indexing offers");
            }
        })
        .await
        .map_err(|e| anyhow::anyhow!("updating the search index: {e}"))?;
    if rebuilt {
        tracing::info!(
            offers = search.len(),
            seconds = started.elapsed().as_secs_f64(),
            "search index rebuilt"
        );
    }
    let state = app_state(&config, &db, search).await?;
    let addr = state.leptos_options.site_addr;
    let services = services(&config)?;
    crate::scheduler::spawn(state.clone(), services);
    crate::feed::spawn(state.clone(), crate::feed::instance_name());
    crate::offers::spawn_view_writer(state.clone());
    let app = http::build(state.clone());
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("listening on {addr}"))?;
    tracing::info!(%addr, "JobToMove is serving");
    crate::http::connections::serve(
        listener,
        app,
        crate::http::connections::Timeouts::default(),
        shutdown_signal(),
    )
    .await;
    crate::offers::write_views(&state).await;
    db.close().await.ok();
    tracing::info!("stopped");
    Ok(())
}

/// What the scheduled jobs use outside the database, from the settings.
pub fn services(config: &Config) -> anyhow::Result<crate::scheduler::Services> {
    let transport = domain::mail::Transport::from_config(
        config.smtp_url.as_deref(),
        config.data_dir.join("outbox"),
    )
    .map_err(|e| anyhow::anyhow!(e))?;
    let from: lettre::message::Mailbox = config
        .mail_from
        .parse()
        .with_context(|| format!("MAIL_FROM is not an address: {}", config.mail_from))?;
    let host = from.email.domain().to_owned();
    Ok(crate::scheduler::Services {
        transport,
        sender: domain::mail::Sender { from, host },
        france_travail: france_travail::settings(config),
    })
}

/// `create-admin`: an administrator account, its password read from
/// standard input (never from the command line, where `ps` would show it).
pub async fn create_admin(
    db: &DatabaseConnection,
    email: &str,
    first_name: &str,
    last_name: &str,
) -> anyhow::Result<()> {
    migrate(db).await?;
    eprintln!("Mot de passe de l'administrateur (au moins 12 caractères), puis Entrée :");
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .context("reading the password")?;
    let password = password.trim_end_matches(['\r', '\n']);
    match domain::accounts::create_admin(
        db,
        email,
        first_name,
        last_name,
        password,
        chrono::Utc::now(),
    )
    .await
    {
        Ok(id) => {
            println!("Administrateur créé (id {id}) : {email}");
            Ok(())
        }
        Err(domain::DomainError::Invalid(errors)) => {
            for (field, message) in errors {
                eprintln!("{field} : {message}");
            }
            anyhow::bail!("administrator not created")
        }
        Err(error) => anyhow::bail!("administrator not created: {}", error.user_message()),
    }
}

/// Reads the Leptos runtime settings from `path` when it exists, else from
/// LEPTOS_* variables alone.
/// What the pages, the handlers and the jobs share, with `search` as the
/// search index.
pub async fn app_state(
    config: &Config,
    db: &DatabaseConnection,
    search: Arc<SearchIndex>,
) -> anyhow::Result<AppState> {
    let places = Arc::new(Directory::load(db).await.context("loading the places")?);
    domain::auth::rate_limit::set_sign_ups_per_ip(config.sign_ups_per_ip_per_hour);
    Ok(AppState::from(SharedState {
        leptos_options: Arc::new(leptos_options(&config.leptos_config)?),
        db: db.clone(),
        site: SiteConfig {
            public_url: config.public_url.trim_end_matches('/').to_owned(),
            contact_email: config.contact_email.clone(),
            hosting: config.hosting_provider.clone(),
        },
        search,
        places,
        storage: domain::files::Storage::from_config(
            config.s3_bucket.as_deref(),
            config.data_dir.join("files"),
        )
        .map_err(|e| anyhow::anyhow!(e))?,
        views: Default::default(),
    }))
}

pub fn leptos_options(path: &Path) -> anyhow::Result<LeptosOptions> {
    let file = path.exists().then(|| path.to_string_lossy().into_owned());
    let conf = get_configuration(file.as_deref())
        .with_context(|| format!("reading the Leptos settings from {}", path.display()))?;
    Ok(conf.leptos_options)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
