//! Structured logs with `tracing`: level from RUST_LOG (default `info`).

use crate::cli::LogFormat;
use tracing_subscriber::{EnvFilter, fmt};

/// Installs the global subscriber; call once at start-up.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_http=info"));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Pretty => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}
