//! Scheduled work (X3): periodic jobs, each run claimed through a database
//! lease so that with several server instances every run happens once.
//! Later features add their jobs to [`Job`].

use app::state::AppState;
use chrono::{Duration, Utc};
use domain::accounts;
use domain::auth::{rate_limit, sessions};
use domain::france_travail;
use domain::mail::{self, Sender, Transport};
use domain::schedule;
use rand::Rng;

/// The scheduled jobs; the code names a job's lease.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    SendEmails,
    CleanUp,
    InactiveAccounts,
    ExpireOffers,
    PruneChangeFeed,
    ImportFranceTravail,
    SendAlerts,
    ApplicationRetention,
}

impl Job {
    pub const ALL: &'static [Job] = &[
        Job::SendEmails,
        Job::CleanUp,
        Job::InactiveAccounts,
        Job::ExpireOffers,
        Job::PruneChangeFeed,
        Job::ImportFranceTravail,
        Job::SendAlerts,
        Job::ApplicationRetention,
    ];

    /// The job of lease name `code`.
    pub fn from_code(code: &str) -> Option<Job> {
        Job::ALL.iter().copied().find(|job| job.code() == code)
    }

    /// The name of the job's lease (stable: stored in `job_leases`).
    pub fn code(self) -> &'static str {
        match self {
            Job::SendEmails => "envoi-emails",
            Job::CleanUp => "nettoyage-sessions",
            Job::InactiveAccounts => "inactivite-comptes",
            Job::ExpireOffers => "expiration-offres",
            Job::PruneChangeFeed => "journal-catalogue",
            Job::ImportFranceTravail => "import-france-travail",
            Job::SendAlerts => "alertes",
            Job::ApplicationRetention => "conservation-candidatures",
        }
    }

    /// How long a claim on it lasts: an import waits on the API's pace and
    /// may take longer than the others.
    pub fn lease(self) -> Duration {
        match self {
            Job::ImportFranceTravail => Duration::hours(2),
            _ => LEASE,
        }
    }

    /// How often it runs.
    pub fn every(self) -> Duration {
        match self {
            Job::SendEmails => Duration::seconds(2),
            Job::CleanUp => Duration::minutes(15),
            Job::InactiveAccounts => Duration::hours(6),
            Job::ExpireOffers => Duration::hours(1),
            Job::PruneChangeFeed => Duration::minutes(10),
            // The API's reuse licence asks for a call at least every 24 hours.
            Job::ImportFranceTravail => Duration::hours(6),
            // Each alert period (10 minutes, a day, a week) is sent once
            // whoever calls: checking every minute keeps instant alerts
            // within 10 minutes of publication.
            Job::SendAlerts => Duration::minutes(1),
            // B5: files are deleted within a day of their date.
            Job::ApplicationRetention => Duration::days(1),
        }
    }
}

/// How long a claim lasts when its holder dies mid-run.
pub const LEASE: Duration = Duration::minutes(10);

/// What the jobs need besides the state: the email transport, and the
/// France Travail API when credentials are set.
#[derive(Clone)]
pub struct Services {
    pub transport: Transport,
    pub sender: Sender,
    pub france_travail: Option<france_travail::client::Settings>,
}

impl Services {
    /// Whether `job` can run here (the import needs its credentials).
    fn enabled(&self, job: Job) -> bool {
        job != Job::ImportFranceTravail || self.france_travail.is_some()
    }
}

/// Starts the scheduler; it stops with the process.
pub fn spawn(state: AppState, mailer: Services) -> tokio::task::JoinHandle<()> {
    let holder = format!("{:016x}", rand::rng().random::<u64>());
    if !mailer.enabled(Job::ImportFranceTravail) {
        tracing::info!(
            "France Travail import off: FRANCE_TRAVAIL_CLIENT_ID and FRANCE_TRAVAIL_CLIENT_SECRET are not set"
        );
    }
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(2));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            for job in Job::ALL.iter().filter(|job| mailer.enabled(**job)) {
                if *job == Job::ImportFranceTravail {
                    // Minutes of API calls must not hold up emails and
                    // alerts: the import runs beside the loop (its lease
                    // keeps a second one from starting).
                    let (state, mailer, holder) = (state.clone(), mailer.clone(), holder.clone());
                    tokio::spawn(async move {
                        run_if_due(&state, &mailer, &holder, Job::ImportFranceTravail).await;
                    });
                    continue;
                }
                run_if_due(&state, &mailer, &holder, *job).await;
            }
        }
    })
}

async fn run_if_due(state: &AppState, mailer: &Services, holder: &str, job: Job) {
    let now = Utc::now();
    let name = job.code();
    match may_have_work(state, job, now).await {
        Ok(true) => {}
        Ok(false) => return,
        Err(error) => {
            tracing::warn!(job = name, %error, "scheduled job's work not looked up");
            return;
        }
    }
    match schedule::claim(&state.db, name, holder, job.every(), job.lease(), now).await {
        Ok(true) => {}
        Ok(false) => return,
        Err(error) => {
            tracing::warn!(job = name, %error, "scheduled job not claimed");
            return;
        }
    }
    let outcome = match run(state, mailer, job, false).await {
        Ok(done) if done.is_empty() => "rien à faire".to_owned(),
        Ok(done) => {
            tracing::info!(job = name, outcome = %done, "scheduled job done");
            done
        }
        Err(error) => {
            tracing::error!(job = name, %error, "scheduled job failed");
            format!("échec : {error}")
        }
    };
    if let Err(error) = schedule::release(&state.db, name, holder, &outcome, Utc::now()).await {
        tracing::warn!(job = name, %error, "scheduled job lease not released");
    }
}

/// Whether `job` may have work. The sender looks every two seconds: it
/// first reads whether a message is due, so that it claims, and so writes,
/// nothing while there is none (on SQLite each write makes every pooled
/// connection drop its page cache). The others run seldom enough to claim
/// each time.
async fn may_have_work(
    state: &AppState,
    job: Job,
    now: chrono::DateTime<Utc>,
) -> Result<bool, domain::DomainError> {
    match job {
        Job::SendEmails => mail::any_due(&state.db, now).await,
        _ => Ok(true),
    }
}

/// Runs one job now; returns what it did in a line (empty: nothing to do).
/// `by_hand`: an operator's `server job run` (instant alerts are sent at
/// once rather than once per period).
pub async fn run(
    state: &AppState,
    mailer: &Services,
    job: Job,
    by_hand: bool,
) -> anyhow::Result<String> {
    let now = Utc::now();
    Ok(match job {
        Job::SendEmails => {
            let sent =
                mail::deliver_due(&state.db, &mailer.transport, &mailer.sender, now, 50).await?;
            if sent == 0 {
                String::new()
            } else {
                format!("{sent} e-mails envoyés")
            }
        }
        Job::CleanUp => {
            let sessions = sessions::purge_expired(&state.db, now).await?;
            let tokens = accounts::purge_expired_tokens(&state.db, now).await?
                + domain::applications::purge_expired_replacements(&state.db, now).await?;
            let limits = rate_limit::purge(&state.db, now).await?;
            let emails = mail::purge_sent(&state.db, now).await?;
            let files = domain::files::purge_orphans(&state.db, &state.storage, now).await?;
            format!(
                "supprimés : {sessions} sessions, {tokens} liens, {limits} compteurs, \
                 {emails} e-mails envoyés, {files} fichiers orphelins"
            )
        }
        Job::InactiveAccounts => {
            let (warned, deleted, _) =
                accounts::sweep_inactive(&state.db, &state.site.public_url, now).await?;
            format!("{warned} comptes prévenus, {deleted} supprimés")
        }
        Job::ExpireOffers => {
            let (warned, expired) =
                domain::postings::expire_due(&state.db, &state.site.public_url, now).await?;
            format!("{warned} recruteurs prévenus, {expired} offres expirées")
        }
        Job::PruneChangeFeed => {
            let pruned = domain::search::feed::prune(&state.db, now).await?;
            format!("{pruned} lignes du journal des changements supprimées")
        }
        Job::SendAlerts => {
            let holder = crate::feed::instance_name();
            domain::alerts::run::run_due(
                &state.db,
                &state.places,
                &state.site.public_url,
                &holder,
                now,
                if by_hand {
                    domain::alerts::run::Instant::Now
                } else {
                    domain::alerts::run::Instant::PerPeriod
                },
            )
            .await?
            .to_string()
        }
        Job::ApplicationRetention => {
            let swept =
                domain::applications::retention::sweep(&state.db, &state.storage, now).await?;
            let cases = domain::contact::purge_handled(&state.db, now).await?;
            format!(
                "{} candidatures arrivées à échéance, {} vidées, {} fichiers supprimés, \
                 {cases} demandes de contact supprimées",
                swept.closing, swept.purged, swept.files
            )
        }
        Job::ImportFranceTravail => {
            let Some(settings) = mailer.france_travail.clone() else {
                anyhow::bail!(
                    "FRANCE_TRAVAIL_CLIENT_ID et FRANCE_TRAVAIL_CLIENT_SECRET ne sont pas définis"
                );
            };
            // The serving instances (this one too) follow the change feed.
            let report = france_travail::import::run(&state.db, None, settings, &mut ())
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            report.to_string()
        }
    })
}
