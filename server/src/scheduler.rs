//! Scheduled work (X3): periodic jobs, each run claimed through a database
//! lease so that with several server instances every run happens once.
//! Later features add their jobs to [`JOBS`].

use app::state::AppState;
use chrono::{Duration, Utc};
use domain::accounts;
use domain::auth::{rate_limit, sessions};
use domain::mail::{self, Sender, Transport};
use domain::schedule;
use rand::Rng;

/// The jobs: name and period.
pub const JOBS: &[(&str, Duration)] = &[
    ("envoi-emails", Duration::seconds(2)),
    ("nettoyage-sessions", Duration::minutes(15)),
    ("inactivite-comptes", Duration::hours(6)),
    ("expiration-offres", Duration::hours(1)),
];

/// How long a claim lasts when its holder dies mid-run.
const LEASE: Duration = Duration::minutes(10);

/// What the jobs need besides the state.
#[derive(Clone)]
pub struct Mailer {
    pub transport: Transport,
    pub sender: Sender,
}

/// Starts the scheduler; it stops with the process.
pub fn spawn(state: AppState, mailer: Mailer) -> tokio::task::JoinHandle<()> {
    let holder = format!("{:016x}", rand::rng().random::<u64>());
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(2));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            for (job, every) in JOBS {
                run_if_due(&state, &mailer, &holder, job, *every).await;
            }
        }
    })
}

async fn run_if_due(state: &AppState, mailer: &Mailer, holder: &str, job: &str, every: Duration) {
    let now = Utc::now();
    match schedule::claim(&state.db, job, holder, every, LEASE, now).await {
        Ok(true) => {}
        Ok(false) => return,
        Err(error) => {
            tracing::warn!(job, %error, "scheduled job not claimed");
            return;
        }
    }
    if let Err(error) = run(state, mailer, job).await {
        tracing::error!(job, %error, "scheduled job failed");
    }
    if let Err(error) = schedule::release(&state.db, job, holder, Utc::now()).await {
        tracing::warn!(job, %error, "scheduled job lease not released");
    }
}

/// Runs one job now.
pub async fn run(state: &AppState, mailer: &Mailer, job: &str) -> Result<(), domain::DomainError> {
    let now = Utc::now();
    match job {
        "envoi-emails" => {
            let sent =
                mail::deliver_due(&state.db, &mailer.transport, &mailer.sender, now, 50).await?;
            if sent > 0 {
                tracing::info!(sent, "emails sent");
            }
        }
        "nettoyage-sessions" => {
            let sessions = sessions::purge_expired(&state.db, now).await?;
            let tokens = accounts::purge_expired_tokens(&state.db, now).await?
                + domain::applications::purge_expired_replacements(&state.db, now).await?;
            let limits = rate_limit::purge(&state.db, now).await?;
            let emails = mail::purge_sent(&state.db, now).await?;
            let files = domain::files::purge_orphans(&state.db, &state.storage, now).await?;
            tracing::info!(
                sessions,
                tokens,
                limits,
                emails,
                files,
                "expired records removed"
            );
        }
        "inactivite-comptes" => {
            let (warned, deleted, unpublished) =
                accounts::sweep_inactive(&state.db, &state.site.public_url, now).await?;
            for id in unpublished {
                state.search.refresh_offer(&state.db, id).await?;
            }
            if warned + deleted > 0 {
                tracing::info!(warned, deleted, "inactive accounts");
            }
        }
        "expiration-offres" => {
            let (warned, expired) =
                domain::postings::expire_due(&state.db, &state.search, &state.site.public_url, now)
                    .await?;
            if warned + expired > 0 {
                tracing::info!(warned, expired, "offer expiry");
            }
        }
        other => tracing::error!(job = other, "unknown scheduled job"),
    }
    Ok(())
}
