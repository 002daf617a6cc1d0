//! JobToMove's business.
//!
//! [`model`] holds the types that cross the wire and compile for every target,
//! the browser included. Behind the `server` feature come the sea-orm entities
//! and one module per business area; each service takes a database connection
//! and typed arguments, checks who may do what, and returns
//! `Result<T, DomainError>`.

pub mod error;
pub mod model;

#[cfg(feature = "server")]
pub mod accounts;
#[cfg(feature = "server")]
pub mod admin;
#[cfg(feature = "server")]
pub mod alerts;
#[cfg(feature = "server")]
pub mod applications;
#[cfg(feature = "server")]
pub mod auth;
#[cfg(feature = "server")]
pub mod companies;
#[cfg(feature = "server")]
pub mod contact;
#[cfg(feature = "server")]
pub mod dashboard;
#[cfg(feature = "server")]
pub mod db;
#[cfg(feature = "server")]
pub mod demo;
#[cfg(feature = "server")]
pub mod dossiers;
#[cfg(feature = "server")]
pub mod entity;
#[cfg(feature = "server")]
pub mod files;
#[cfg(feature = "server")]
pub mod france_travail;
#[cfg(feature = "server")]
pub mod mail;
#[cfg(feature = "server")]
pub mod messaging;
#[cfg(feature = "server")]
pub mod moderation;
#[cfg(feature = "server")]
pub mod offers;
#[cfg(feature = "server")]
pub mod places;
#[cfg(feature = "server")]
pub mod postings;
#[cfg(feature = "server")]
pub mod schedule;
#[cfg(feature = "server")]
pub mod search;
#[cfg(feature = "server")]
pub mod sitemap;
/// Test support: only for the crates' tests (feature `testing`).
#[cfg(feature = "testing")]
pub mod testing;

pub use error::DomainError;
