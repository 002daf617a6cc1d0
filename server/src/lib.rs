#![recursion_limit = "256"]
//! The JobToMove server as a library: configuration, the axum router, the
//! routes that are not Leptos pages, and the commands of the binary.

pub mod assets;
pub mod auth;
pub mod bench;
pub mod bench_apply;
pub mod bench_messages;
pub mod candidate;
pub mod cli;
pub mod commands;
pub mod connections;
pub mod forms;
pub mod health;
pub mod html;
pub mod messages;
pub mod page_cache;
pub mod recruiter;
pub mod router;
pub mod scheduler;
pub mod seo;
pub mod telemetry;
pub mod uploads;
