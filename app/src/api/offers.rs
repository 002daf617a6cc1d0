//! Reading the catalogue.

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
    let detail = domain::offers::detail(&state.db, id).await?;
    let similar = state
        .search
        .similar(&state.db, &detail, 4)
        .await
        .unwrap_or_default();
    Ok((detail, similar))
}
