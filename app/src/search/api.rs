//! Searching offers and suggesting places.

use domain::DomainError;
use domain::model::{OfferQuery, PlaceOption, SearchResults};
use leptos::prelude::*;

/// One page of search results.
#[server]
pub async fn search_offers(query: OfferQuery) -> Result<SearchResults, DomainError> {
    let state = crate::state::app_state()?;
    state.search.search(&state.db, &state.places, &query).await
}

/// Places whose name or postal code starts with what was typed (read-only,
/// so a cacheable GET).
#[server(endpoint = "lieux", input = leptos::server_fn::codec::GetUrl)]
pub async fn suggest_places(text: String) -> Result<Vec<PlaceOption>, DomainError> {
    let state = crate::state::app_state()?;
    Ok(state
        .places
        .suggest(&text.chars().take(60).collect::<String>(), 8))
}
