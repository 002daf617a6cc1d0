//! The server's shared state, as server functions and pages see it.

use crate::SiteConfig;
use domain::DomainError;
use domain::places::Directory;
use domain::search::SearchIndex;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Everything a request may need: built once at start-up, cloned cheaply.
#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub site: SiteConfig,
    pub search: Arc<SearchIndex>,
    pub places: Arc<Directory>,
    /// Uploaded files (local folder or object storage).
    pub storage: domain::files::Storage,
}

/// The state, from the context the server provides to every render and
/// server function.
pub fn app_state() -> Result<AppState, DomainError> {
    use_context::<AppState>()
        .ok_or_else(|| DomainError::internal("AppState missing from the context"))
}
