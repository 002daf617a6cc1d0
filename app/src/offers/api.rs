//! Offers' server functions: the latest ones, an offer's page, and the
//! offers a candidate saved (C8).

use domain::DomainError;
use domain::model::{OfferCard, OfferDetail};
use leptos::prelude::*;

/// The latest open offers, for the home page.
#[server]
pub async fn latest_offers() -> Result<Vec<OfferCard>, DomainError> {
    /// How many offers the home page lists.
    const HOME_OFFERS: u64 = 12;
    let state = crate::state::app_state()?;
    domain::offers::latest(&state.db, HOME_OFFERS).await
}

/// One offer's page: the offer, and up to four open offers like it (the
/// page shows without them if they cannot be found).
#[server]
pub async fn offer_page(id: i64) -> Result<(OfferDetail, Vec<OfferCard>), DomainError> {
    let state = crate::state::app_state()?;
    let detail = domain::offers::detail(&state.db, &state.places, id).await?;
    let similar = state
        .search
        .similar(&state.db, &detail, 4)
        .await
        .unwrap_or_default();
    Ok((detail, similar))
}

/// C8: the saved offers.
#[server(endpoint = "favoris")]
pub async fn my_saved_offers() -> Result<Vec<OfferCard>, DomainError> {
    let state = crate::state::app_state()?;
    domain::offers::saved_offers(&state.db, &crate::session::candidate()?).await
}

/// C8: the ids of the offers the reader saved, for the hearts on cards
/// (empty for anyone but a candidate).
#[server(endpoint = "favoris-ids")]
pub async fn saved_offer_ids() -> Result<Vec<i64>, DomainError> {
    let Some(user) = crate::session::current_user() else {
        return Ok(Vec::new());
    };
    let state = crate::state::app_state()?;
    domain::offers::saved_ids(&state.db, &user).await
}
