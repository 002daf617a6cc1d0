//! Benchmarks: commands that print figures (nothing is asserted), outside
//! the request paths.

pub mod alerts;
pub mod apply;
pub mod feed;
pub mod messages;
pub mod render;
pub mod search;

use std::time::Duration;

/// The `p`-th percentile of `sorted` (nearest rank).
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Prints `what: p50 …, p95 …, max … (n runs)` in milliseconds.
pub fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    println!(
        "{what}: p50 {}, p95 {}, max {} ({} runs)",
        ms(percentile(&times, 50.0)),
        ms(percentile(&times, 95.0)),
        ms(*times.last().unwrap_or(&Duration::ZERO)),
        times.len()
    );
}
