//! The server's shared state, as server functions and pages see it.

use crate::SiteConfig;
use domain::DomainError;
use domain::places::Directory;
use domain::search::SearchIndex;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Everything a request may need: built once at start-up, cloned cheaply —
/// one reference count. Every middleware layer of the router holds a copy
/// and axum clones a layer's inner stack on each call, so a request made
/// dozens of copies: with the fields copied one by one (strings and paths
/// among them) that was a few per cent of a first render's time (perf).
#[derive(Clone)]
pub struct AppState(Arc<SharedState>);

/// What [`AppState`] shares.
pub struct SharedState {
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

impl From<SharedState> for AppState {
    fn from(shared: SharedState) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = SharedState;

    fn deref(&self) -> &SharedState {
        &self.0
    }
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
