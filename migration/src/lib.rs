//! The database schema, as an append-only list of sea-orm migrations.
//!
//! Every migration runs on SQLite and PostgreSQL. A migration that has landed
//! on `main` is history: change the schema by adding a new file.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_catalogue;
mod m20261127_000002_offers_updated_at;
mod m20261127_000003_company_search_name;
mod m20261127_000004_accounts;
mod m20261127_000005_candidate_space;
mod m20261127_000006_recruiter_space;
mod m20261127_000007_messaging;
mod m20261201_000008_security;
pub mod m20261201_000009_change_feed;
mod m20261201_000010_imported_offers;
mod m20261201_000011_alerts;
mod m20261201_000012_administration;
mod m20261201_000013_moderation;
mod m20261201_000014_application_retention;
mod m20261207_000015_company_pages;
mod m20261207_000016_outbox_pending;

/// Runs the project's migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_catalogue::Migration),
            Box::new(m20261127_000002_offers_updated_at::Migration),
            Box::new(m20261127_000003_company_search_name::Migration),
            Box::new(m20261127_000004_accounts::Migration),
            Box::new(m20261127_000005_candidate_space::Migration),
            Box::new(m20261127_000006_recruiter_space::Migration),
            Box::new(m20261127_000007_messaging::Migration),
            Box::new(m20261201_000008_security::Migration),
            Box::new(m20261201_000009_change_feed::Migration),
            Box::new(m20261201_000010_imported_offers::Migration),
            Box::new(m20261201_000011_alerts::Migration),
            Box::new(m20261201_000012_administration::Migration),
            Box::new(m20261201_000013_moderation::Migration),
            Box::new(m20261201_000014_application_retention::Migration),
            Box::new(m20261207_000015_company_pages::Migration),
            Box::new(m20261207_000016_outbox_pending::Migration),
        ]
    }
}
