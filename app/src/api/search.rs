//! Searching offers and suggesting places.

use domain::DomainError;
use domain::model::{OfferCard, OfferQuery, PlaceOption, SearchResults};
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

/// Open offers like this one, for its page.
#[server]
pub async fn similar_offers(id: i64) -> Result<Vec<OfferCard>, DomainError> {
    let state = crate::state::app_state()?;
    let detail = domain::offers::detail(&state.db, id).await?;
    state.search.similar(&state.db, &detail, 4).await
}
