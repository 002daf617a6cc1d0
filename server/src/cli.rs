//! Command line and environment: every setting has a default that needs
//! nothing, so `server` alone serves a working site.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// JobToMove: the job board of the French automotive services sector.
#[derive(Debug, Parser)]
#[command(name = "server", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the binary does; `serve` when none is given.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, then serve the site (the default).
    Serve,
    /// Apply pending database migrations and load the French communes.
    Migrate,
    /// Create the demo catalogue (groups, companies, offers); safe to run again.
    SeedDemo(SeedDemoArgs),
    /// Rebuild the search index from the database (stop the server first).
    Reindex,
    /// Copy the SQLite database (safe while serving), the uploaded files and
    /// the outbox into a new folder (see README, "Backups").
    Backup {
        /// A folder that does not exist yet, or is empty.
        dest: PathBuf,
    },
    /// The scheduled jobs: `job list`, `job run NAME`.
    Job {
        #[command(subcommand)]
        action: JobAction,
    },
    /// Create an administrator account; its password is read from standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        first_name: String,
        #[arg(long)]
        last_name: String,
    },
    /// Import the sector's offers from France Travail now (needs
    /// FRANCE_TRAVAIL_CLIENT_ID and FRANCE_TRAVAIL_CLIENT_SECRET); prints a report.
    ImportFranceTravail,
    /// Measure search latency against a SQLite FTS5 baseline (prints figures).
    BenchSearch {
        /// Timed runs of each query.
        #[arg(long, default_value_t = 20)]
        runs: usize,
        /// Untimed runs of each query first.
        #[arg(long, default_value_t = 3)]
        warmup: usize,
        /// Timed runs of each query on the FTS5 baseline.
        #[arg(long, default_value_t = 3)]
        baseline_runs: usize,
    },
    /// Measure where an offer page's first render spends its time: queries,
    /// similar offers, the whole render, compression (prints figures).
    BenchRender {
        /// Different offer pages timed.
        #[arg(long, default_value_t = 500)]
        pages: usize,
    },
    /// Measure the server time of an anonymous application with a CV (prints figures).
    BenchApply {
        /// Timed applications.
        #[arg(long, default_value_t = 200)]
        runs: usize,
        /// Untimed applications first.
        #[arg(long, default_value_t = 20)]
        warmup: usize,
        /// Size of the CV, in KiB.
        #[arg(long, default_value_t = 1024)]
        cv_kb: usize,
    },
    /// Measure how soon a change shows on another instance, and what
    /// following the change feed costs (prints figures).
    BenchFeed {
        /// Demo offers in the catalogue.
        #[arg(long, default_value_t = 10_000)]
        offers: u64,
        /// Changes timed one by one.
        #[arg(long, default_value_t = 100)]
        changes: usize,
        /// Run on this PostgreSQL database (in a schema of its own) instead
        /// of a temporary SQLite file.
        #[arg(long)]
        postgres: Option<String>,
    },
    /// Measure one daily run of many alerts against the offers new since
    /// their last run: matching and sending times, emails produced (prints figures).
    BenchAlerts {
        /// Daily alerts (five per candidate).
        #[arg(long, default_value_t = 100_000)]
        alerts: usize,
        /// Offers published since the alerts' last run.
        #[arg(long, default_value_t = 2_000)]
        new_offers: u64,
    },
    /// Measure the unread count and the inbox of a busy recruiter (prints figures).
    BenchMessages {
        /// Candidates who wrote to the company.
        #[arg(long, default_value_t = 300)]
        threads: usize,
        /// Messages each of them wrote.
        #[arg(long, default_value_t = 10)]
        messages: usize,
        /// Timed runs of each.
        #[arg(long, default_value_t = 200)]
        runs: usize,
    },
}

/// What `job` does.
#[derive(Debug, Subcommand)]
pub enum JobAction {
    /// Each scheduled job: its period, last run and outcome, who holds its lease.
    List,
    /// Run one job now under its lease (refused while an instance runs it)
    /// and print what it did.
    Run {
        /// The job's name, as `job list` shows it.
        name: String,
    },
}

/// Options of `seed-demo`.
#[derive(Debug, Clone, Args)]
pub struct SeedDemoArgs {
    /// How many demo offers the catalogue should hold in all.
    #[arg(long, default_value_t = 2_000)]
    pub offers: u64,
    /// Seed of the random generator: the same seed gives the same catalogue.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Day the offers are dated back from, at 9:00 UTC (default: now).
    #[arg(long)]
    pub today: Option<NaiveDate>,
}

/// Settings shared by every command.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database: a SQLite file (created when missing) or a PostgreSQL URL.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/jobtomove.db?mode=rwc",
        global = true
    )]
    pub database_url: String,
    /// Folder for uploads, the search index and the email outbox.
    #[arg(long, env = "DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// Folder of this instance's search index (default: DATA_DIR/search-index).
    /// Instances that share DATA_DIR (uploads on one disk) each need their own.
    #[arg(long, env = "INDEX_DIR", global = true)]
    pub index_dir: Option<PathBuf>,
    /// Public origin of the site, used in canonical URLs and emails.
    #[arg(
        long,
        env = "PUBLIC_URL",
        default_value = "http://127.0.0.1:3000",
        global = true
    )]
    pub public_url: String,
    /// Address visitors write to, shown on the information pages.
    #[arg(
        long,
        env = "CONTACT_EMAIL",
        default_value = "contact@jobtomove.fr",
        global = true
    )]
    pub contact_email: String,
    /// Host's name, address and phone for the legal notice (LCEN art. 6).
    #[arg(long, env = "HOSTING_PROVIDER", global = true)]
    pub hosting_provider: Option<String>,
    /// SMTP server for emails (`smtp://user:password@host:587?tls=required`);
    /// without it, emails are written as .eml files under DATA_DIR/outbox.
    #[arg(long, env = "SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// S3 bucket for uploaded files (credentials, region and endpoint from
    /// the AWS_* variables); without it, files are kept under DATA_DIR/files.
    #[arg(long, env = "S3_BUCKET", global = true)]
    pub s3_bucket: Option<String>,
    /// Accounts one address may create per hour (10 by default; the browser
    /// tests, which sign up many accounts from 127.0.0.1, raise it).
    #[arg(
        long,
        env = "SIGN_UPS_PER_IP_PER_HOUR",
        default_value_t = 10,
        global = true
    )]
    pub sign_ups_per_ip_per_hour: i32,
    /// Sender of the emails.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "JobToMove <ne-pas-repondre@jobtomove.fr>",
        global = true
    )]
    pub mail_from: String,
    /// Runtime Leptos settings (listen address, site folder); LEPTOS_* variables override them.
    #[arg(
        long,
        env = "LEPTOS_CONFIG",
        default_value = "Leptos.toml",
        global = true
    )]
    pub leptos_config: PathBuf,
    /// With `serve`: load the demo catalogue when the database has no offer.
    #[arg(long, env = "DEMO_DATA", default_value_t = false, global = true)]
    pub demo_data: bool,
    /// With `serve --demo-data`: how many demo offers to create.
    #[arg(long, env = "DEMO_OFFERS", default_value_t = 2_000, global = true)]
    pub demo_offers: u64,
    /// France Travail API client id ("Offres d'emploi v2", francetravail.io);
    /// without it and the secret the import does not run.
    #[arg(
        long,
        env = "FRANCE_TRAVAIL_CLIENT_ID",
        global = true,
        hide_env_values = true
    )]
    pub france_travail_client_id: Option<String>,
    /// France Travail API client secret.
    #[arg(
        long,
        env = "FRANCE_TRAVAIL_CLIENT_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub france_travail_client_secret: Option<String>,
    /// Base URL of the France Travail offers API.
    #[arg(
        long,
        env = "FRANCE_TRAVAIL_API_URL",
        default_value = domain::france_travail::client::DEFAULT_API_URL,
        global = true
    )]
    pub france_travail_api_url: String,
    /// France Travail's OAuth2 token endpoint (realm in the query string).
    #[arg(
        long,
        env = "FRANCE_TRAVAIL_TOKEN_URL",
        default_value = domain::france_travail::client::DEFAULT_TOKEN_URL,
        global = true
    )]
    pub france_travail_token_url: String,
    /// Calls per second to the France Travail API (its bucket holds 10).
    #[arg(
        long,
        env = "FRANCE_TRAVAIL_RATE",
        default_value_t = 10.0,
        global = true
    )]
    pub france_travail_rate: f64,
    /// Log format: human-readable lines or one JSON object per line.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty, global = true)]
    pub log_format: LogFormat,
}

/// How logs are written to standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Pretty,
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn no_argument_means_serve_with_a_local_sqlite_database() {
        let cli = Cli::try_parse_from(["server"]).unwrap();
        assert!(cli.command.is_none());
        assert!(cli.config.database_url.starts_with("sqlite://data/"));
    }
}
