//! Benchmarks: commands that print figures (nothing is asserted), outside
//! the request paths.

pub mod apply;
pub mod feed;
pub mod messages;
pub mod search;
