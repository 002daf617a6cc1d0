#![recursion_limit = "256"]
//! The JobToMove server as a library: one module per area with its posted
//! forms, uploads and `routes()`; the HTTP layer (`http`); the scheduler;
//! the commands of the binary (`cli`, `commands`).

pub mod accounts;
pub mod admin;
pub mod alerts;
pub mod applications;
pub mod cli;
pub mod commands;
pub mod companies;
pub mod contact;
pub mod dossiers;
pub mod feed;
pub mod files;
pub mod health;
pub mod http;
pub mod messaging;
pub mod moderation;
pub mod offers;
pub mod postings;
pub mod scheduler;
pub mod seo;
pub mod telemetry;
