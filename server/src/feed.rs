//! Every serving instance follows the change feed: its search index applies
//! the log's new rows twice a second (a change made through another
//! instance, or by a command beside it, shows here within a second), and it
//! tells the database how far it is, so that the log is pruned behind it.
//! A change made through this instance shows at once: the request that made
//! it follows the log before it answers (see `http::follow_changes`).

use app::state::AppState;
use chrono::Utc;
use domain::search::feed;
use std::time::Duration;

/// How often the index looks for new rows.
pub const PERIOD: Duration = Duration::from_millis(500);
/// How often the instance reports its cursor when it has not moved: a write,
/// so seldom (every pooled SQLite connection drops its page cache after one),
/// and well within `feed::FOLLOWER_ALIVE`.
const REPORT_EVERY: Duration = Duration::from_secs(60);

/// This instance's name in `catalogue_followers`: `INSTANCE_NAME`, or its
/// host and process id.
pub fn instance_name() -> String {
    std::env::var("INSTANCE_NAME").unwrap_or_else(|_| {
        let host = std::fs::read_to_string("/etc/hostname")
            .map(|h| h.trim().to_owned())
            .unwrap_or_else(|_| "localhost".into());
        format!("{host}:{}", std::process::id())
    })
}

/// Starts following; it stops with the process.
pub fn spawn(state: AppState, instance: String) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(PERIOD);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut reported = None::<(i64, std::time::Instant)>;
        let mut failing = false;
        loop {
            tick.tick().await;
            match state.search.follow(&state.db).await {
                Ok(followed) => {
                    if failing {
                        tracing::info!("change feed followed again");
                        failing = false;
                    }
                    if followed.rows > 0 || followed.rebuilt {
                        tracing::debug!(
                            rows = followed.rows,
                            offers = followed.offers,
                            rebuilt = followed.rebuilt,
                            applied = state.search.applied(),
                            "change feed applied"
                        );
                    }
                }
                Err(error) => {
                    // Once per outage, not twice a second.
                    if !failing {
                        tracing::warn!(%error, "change feed not followed");
                        failing = true;
                    }
                    continue;
                }
            }
            let applied = state.search.applied();
            let due =
                reported.is_none_or(|(seq, at)| seq != applied || at.elapsed() >= REPORT_EVERY);
            if due {
                match feed::report(&state.db, &instance, applied, Utc::now()).await {
                    Ok(()) => reported = Some((applied, std::time::Instant::now())),
                    Err(error) => tracing::debug!(%error, "change feed cursor not reported"),
                }
            }
        }
    })
}
