//! `server job list` and `server job run NAME`: the operators' view of the
//! scheduled jobs (each job's period, last run and outcome, who holds its
//! lease) and a way to run one now, under its lease, beside serving
//! instances.

use crate::cli::{Config, JobAction};
use crate::scheduler::{self, Job};
use anyhow::Context;
use chrono::{DateTime, Utc};
use domain::schedule;
use domain::search::SearchIndex;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

pub async fn run(
    config: &Config,
    db: &DatabaseConnection,
    action: JobAction,
) -> anyhow::Result<()> {
    super::migrate(db).await?;
    match action {
        JobAction::List => list(db).await,
        JobAction::Run { name } => run_now(config, db, &name).await,
    }
}

fn period(job: Job) -> String {
    let every = job.every();
    match every.num_seconds() {
        s if s % 3600 == 0 => format!("{} h", s / 3600),
        s if s % 60 == 0 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

fn when(at: Option<DateTime<Utc>>) -> String {
    at.map_or("jamais".into(), |t| {
        t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
    })
}

async fn list(db: &DatabaseConnection) -> anyhow::Result<()> {
    let leases = schedule::leases(db).await?;
    let now = Utc::now();
    println!(
        "{:<22} {:>8}  {:<24} {:<28} résultat",
        "tâche", "période", "dernier passage", "bail"
    );
    for job in Job::ALL {
        let lease = leases.iter().find(|l| l.name == job.code());
        let holder = match lease {
            Some(l) if l.expires_at > now && !l.holder.is_empty() => {
                format!("{} jusqu'à {}", l.holder, l.expires_at.format("%H:%M:%S"))
            }
            _ => "libre".into(),
        };
        println!(
            "{:<22} {:>8}  {:<24} {:<28} {}",
            job.code(),
            period(*job),
            when(lease.and_then(|l| l.last_run_at)),
            holder,
            lease.and_then(|l| l.last_outcome.as_deref()).unwrap_or("—"),
        );
    }
    Ok(())
}

async fn run_now(config: &Config, db: &DatabaseConnection, name: &str) -> anyhow::Result<()> {
    let Some(job) = Job::from_code(name) else {
        let names: Vec<&str> = Job::ALL.iter().map(|j| j.code()).collect();
        anyhow::bail!("no job named {name:?}; the jobs: {}", names.join(", "));
    };
    let holder = format!("{}(job run)", crate::feed::instance_name());
    if !schedule::claim_now(db, name, &holder, job.lease(), Utc::now()).await? {
        anyhow::bail!(
            "{name} is running on another instance: try again when `job list` shows it free"
        );
    }
    // No job reads the search index: the serving instances follow the
    // change feed for whatever a job changes.
    let search = Arc::new(SearchIndex::in_memory().map_err(|e| anyhow::anyhow!(e))?);
    let state = super::app_state(config, db, search).await?;
    let mailer = super::services(config)?;
    let outcome = scheduler::run(&state, &mailer, job, true).await;
    let line = match &outcome {
        Ok(done) if done.is_empty() => "rien à faire".to_owned(),
        Ok(done) => done.clone(),
        Err(error) => format!("échec : {error}"),
    };
    schedule::release(db, name, &holder, &line, Utc::now())
        .await
        .context("releasing the lease")?;
    println!("{name}: {line}");
    outcome
        .map(drop)
        .map_err(|e| anyhow::anyhow!("{name} failed: {e}"))
}
