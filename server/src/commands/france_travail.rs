//! `server import-france-travail`: one import run now, with a progress bar
//! and the run's report. It runs beside serving instances (they follow the
//! change feed for every offer it writes) under the scheduled job's lease,
//! so it never overlaps the job's own run.

use crate::cli::Config;
use crate::scheduler::Job;
use anyhow::Context;
use chrono::Utc;
use domain::france_travail::client::Settings;
use domain::france_travail::crawl::Progress;
use domain::france_travail::import;
use domain::schedule;
use indicatif::ProgressBar;
use sea_orm::DatabaseConnection;
use std::time::Duration;

/// The API settings, when both credentials are set.
pub fn settings(config: &Config) -> Option<Settings> {
    let id = config.france_travail_client_id.as_deref()?.trim();
    let secret = config.france_travail_client_secret.as_deref()?.trim();
    if id.is_empty() || secret.is_empty() {
        return None;
    }
    Some(Settings {
        api_url: config
            .france_travail_api_url
            .trim_end_matches('/')
            .to_owned(),
        token_url: config.france_travail_token_url.clone(),
        client_id: id.to_owned(),
        client_secret: secret.to_owned(),
        rate: config.france_travail_rate,
        retries: 4,
        backoff: Duration::from_millis(500),
    })
}

struct Bar(ProgressBar);

impl Progress for Bar {
    fn advanced(&mut self, read: u64, expected: u64) {
        self.0.set_length(expected.max(read));
        self.0.set_position(read);
    }
}

pub async fn run(config: &Config, db: &DatabaseConnection) -> anyhow::Result<()> {
    let Some(settings) = settings(config) else {
        anyhow::bail!(
            "the France Travail import needs FRANCE_TRAVAIL_CLIENT_ID and \
             FRANCE_TRAVAIL_CLIENT_SECRET (an application of francetravail.io \
             with the API \"Offres d'emploi v2\")"
        );
    };
    super::migrate(db).await?;
    let name = Job::ImportFranceTravail.code();
    let holder = format!("{}(import)", crate::feed::instance_name());
    let lease = Job::ImportFranceTravail.lease();
    if !schedule::claim_now(db, name, &holder, lease, Utc::now()).await? {
        anyhow::bail!(
            "an import is running on another instance: try again when `server job list` shows {name} free"
        );
    }
    let mut bar = Bar(super::progress_bar());
    let outcome = import::run(db, None, settings, &mut bar).await;
    bar.0.finish_and_clear();
    let line = match &outcome {
        Ok(report) => report.to_string(),
        Err(error) => format!("échec : {error}"),
    };
    schedule::release(db, name, &holder, &line, Utc::now())
        .await
        .context("releasing the lease")?;
    match outcome {
        Ok(report) => {
            println!("Import France Travail : {report}.");
            Ok(())
        }
        Err(error) => anyhow::bail!("import France Travail : {error}"),
    }
}
