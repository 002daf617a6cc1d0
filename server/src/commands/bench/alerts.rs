//! `server bench-alerts`: one daily run of ALERTS alerts (five per
//! candidate, searches of every kind: keywords, place and radius, contract,
//! job family) against NEW_OFFERS offers published since their last run, on
//! a fresh SQLite database in a temporary folder. Prints the matching time
//! (the in-memory index of the new offers, then every alert's query), the
//! sending time (ledger, emails into the outbox) and the emails produced,
//! and the process's peak memory; asserts nothing.

use anyhow::Context;
use chrono::{Duration, Utc};
use domain::alerts::run::{self, Instant as Pace};
use domain::demo::{self, DemoOptions};
use domain::entity::{alert, user};
use domain::model::{AlertFrequency, ContractType, JOB_TITLES, JobFamily, OfferQuery, Role};
use domain::places::{self, Directory};
use rand::{Rng, SeedableRng};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::EntityTrait;
use std::time::Instant;

const PER_CANDIDATE: usize = 5;
const CITIES: &[&str] = &[
    "Lyon",
    "Paris",
    "Marseille",
    "Toulouse",
    "Bordeaux",
    "Nantes",
    "Lille",
    "Rennes",
    "Strasbourg",
    "Montpellier",
    "Grenoble",
    "Dijon",
    "Tours",
    "Clermont-Ferrand",
    "Rouen",
];

/// Peak resident memory of this process, in MiB (Linux).
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

/// A search like candidates save: a job word, often a place and radius,
/// sometimes a contract or a family.
fn random_query(rng: &mut impl Rng) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if rng.random_bool(0.8) {
        let (title, _) = JOB_TITLES[rng.random_range(0..JOB_TITLES.len())];
        let word = title.split_whitespace().next().unwrap_or(title);
        pairs.push(("q", word.to_owned()));
    }
    if rng.random_bool(0.7) {
        pairs.push(("lieu", CITIES[rng.random_range(0..CITIES.len())].to_owned()));
        pairs.push((
            "rayon",
            [10, 20, 30, 50, 100][rng.random_range(0..5)].to_string(),
        ));
    }
    if rng.random_bool(0.3) {
        let contract = ContractType::ALL[rng.random_range(0..ContractType::ALL.len())];
        pairs.push(("contrat", contract.code().to_owned()));
    }
    if rng.random_bool(0.2) {
        let family = JobFamily::ALL[rng.random_range(0..JobFamily::ALL.len())];
        pairs.push(("metier", family.code().to_owned()));
    }
    let query = OfferQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    domain::model::alert_query(&query).to_query_string()
}

pub async fn run(alerts: usize, new_offers: u64) -> anyhow::Result<()> {
    let folder = tempfile::tempdir().context("temporary folder")?;
    let url = format!(
        "sqlite://{}?mode=rwc",
        folder.path().join("bench.db").display()
    );
    let db = domain::db::connect(&url).await?;
    domain::db::migrate(&db).await?;
    places::load_if_empty(&db).await?;
    let now = Utc::now();
    let started = Instant::now();
    demo::seed(
        &db,
        &DemoOptions {
            offers: new_offers,
            seed: 7,
            now,
        },
        |_, _| {},
    )
    .await
    .map_err(|e| anyhow::anyhow!("seeding: {e:?}"))?;
    // Every demo offer is new to the alerts: their last run was before.
    let since = now - Duration::days(400);
    let candidates = alerts.div_ceil(PER_CANDIDATE);
    let mut rng = rand::rngs::StdRng::seed_from_u64(42);
    for chunk in (0..candidates).collect::<Vec<_>>().chunks(1000) {
        user::Entity::insert_many(chunk.iter().map(|i| user::ActiveModel {
            email: Set(format!("c{i}@banc.example")),
            password_hash: Set(None),
            first_name: Set("Zoé".into()),
            last_name: Set("Martin".into()),
            role: Set(Role::Candidate),
            email_verified_at: Set(Some(now)),
            created_at: Set(now),
            last_active_at: Set(now),
            inactivity_warned_at: Set(None),
            ..Default::default()
        }))
        .exec_without_returning(&db)
        .await?;
    }
    let first_user: i64 = user::Entity::find()
        .all(&db)
        .await?
        .iter()
        .map(|u| u.id)
        .min()
        .unwrap_or(1);
    // One alert per search and person, as the application allows.
    let mut taken = std::collections::HashSet::new();
    let rows: Vec<alert::ActiveModel> = (0..alerts)
        .filter_map(|i| {
            let user = first_user + (i / PER_CANDIDATE) as i64;
            let query = (0..50)
                .map(|_| random_query(&mut rng))
                .find(|q| taken.insert((user, q.clone())))?;
            Some((i, user, query))
        })
        .map(|(i, user, query)| alert::ActiveModel {
            id: NotSet,
            user_id: Set(user),
            name: Set(format!("Alerte {i}")),
            query: Set(query),
            frequency: Set(AlertFrequency::Daily),
            paused: Set(false),
            matched_until: Set(since),
            last_sent_at: Set(None),
            created_at: Set(since),
            updated_at: Set(since),
        })
        .collect();
    let rows_len = rows.len();
    for chunk in rows.chunks(1000) {
        alert::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&db)
            .await?;
    }
    println!(
        "seeded {new_offers} offers, {candidates} candidates and {} daily alerts in {:.1} s (peak memory {:.0} MiB)",
        rows_len,
        started.elapsed().as_secs_f64(),
        peak_mib()
    );
    let places = Directory::load(&db).await?;
    let before = peak_mib();
    let started = Instant::now();
    let report = run::run_due(
        &db,
        &places,
        "https://bench.example",
        "bench",
        now,
        Pace::PerPeriod,
    )
    .await
    .map_err(|e| anyhow::anyhow!("alerts run: {e:?}"))?;
    let total = started.elapsed();
    println!(
        "daily run: {} new offers in the batch, {} distinct searches, matching {:.2} s, sending {:.2} s, total {:.2} s",
        report.batch,
        report.searches,
        report.matching.as_secs_f64(),
        (total - report.matching).as_secs_f64(),
        total.as_secs_f64()
    );
    println!(
        "emails produced: {} ({} offers in them) for {} alerts; peak memory {:.0} MiB (before the run {:.0} MiB)",
        report.emails,
        report.offers,
        report.alerts,
        peak_mib(),
        before
    );
    Ok(())
}
