#![recursion_limit = "256"]
//! The JobToMove server: `serve` (default), `migrate`, `seed-demo`.

use clap::Parser;
use server::cli::{Cli, Command};
use server::{commands, telemetry};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init(cli.config.log_format);
    let db = domain::db::connect(&cli.config.database_url).await?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => commands::serve(cli.config, db).await,
        Command::Migrate => commands::migrate(&db).await.map(drop),
        Command::SeedDemo(args) => commands::seed_demo(&db, args).await,
        Command::Reindex => commands::reindex(&db, &cli.config).await,
        Command::Backup { dest } => commands::backup::run(&cli.config, &db, &dest).await,
        Command::Job { action } => commands::jobs::run(&cli.config, &db, action).await,
        Command::ImportFranceTravail => commands::france_travail::run(&cli.config, &db).await,
        Command::CreateAdmin {
            email,
            first_name,
            last_name,
        } => commands::create_admin(&db, &email, &first_name, &last_name).await,
        Command::BenchSearch {
            runs,
            warmup,
            baseline_runs,
        } => commands::bench_search(&db, &cli.config, runs, warmup, baseline_runs).await,
        Command::BenchRender { pages } => commands::bench_render(&db, &cli.config, pages).await,
        Command::BenchApply {
            runs,
            warmup,
            cv_kb,
        } => {
            server::commands::bench::apply::run(&cli.config.leptos_config, runs, warmup, cv_kb)
                .await
        }
        Command::BenchFeed {
            offers,
            changes,
            postgres,
        } => server::commands::bench::feed::run(offers, changes, postgres.as_deref()).await,
        Command::BenchAlerts { alerts, new_offers } => {
            server::commands::bench::alerts::run(alerts, new_offers).await
        }
        Command::BenchMessages {
            threads,
            messages,
            runs,
        } => server::commands::bench::messages::run(threads, messages, runs).await,
    }
}
