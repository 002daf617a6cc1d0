#![recursion_limit = "256"]
//! The server over HTTP, one module per area (and the HTTP layer, and the
//! authorization matrix across them), in one test binary: each server test
//! binary links the whole application (~2 GB in debug), so one binary
//! instead of ten keeps builds fast and the disk free. Run one area with
//! `cargo test -p server --test server accounts::`.

mod accounts;
mod admin;
mod alerts;
mod applications;
mod authorization;
mod common;
mod companies;
mod contact;
mod dashboard;
mod dossiers;
mod files;
mod france_travail;
mod http;
mod instances;
mod messaging;
mod moderation;
mod offers;
mod postings;
