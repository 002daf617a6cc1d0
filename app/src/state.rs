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
    /// Shared: every request clones the state (perf showed a copy of the
    /// options, a dozen strings, made and dropped several times a request).
    #[from_ref(skip)]
    pub leptos_options: Arc<LeptosOptions>,
    pub db: DatabaseConnection,
    pub site: SiteConfig,
    pub search: Arc<SearchIndex>,
    pub places: Arc<Directory>,
    /// Uploaded files (local folder or object storage).
    pub storage: domain::files::Storage,
    /// Views of offer pages not yet written (R3).
    pub views: domain::offers::ViewCounts,
}

/// What Leptos's handlers extract from the state.
impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        LeptosOptions::clone(&state.leptos_options)
    }
}

/// The state, from the context the server provides to every render and
/// server function.
pub fn app_state() -> Result<AppState, DomainError> {
    use_context::<AppState>()
        .ok_or_else(|| DomainError::internal("AppState missing from the context"))
}
