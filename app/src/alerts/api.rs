//! Alerts' server functions.

use domain::DomainError;
use domain::model::{AlertView, OfferQuery};
use leptos::prelude::*;

/// C7: the candidate's alerts.
#[server(endpoint = "alertes")]
pub async fn my_alerts() -> Result<Vec<AlertView>, DomainError> {
    let state = crate::state::app_state()?;
    domain::alerts::list(&state.db, &crate::session::candidate()?).await
}

/// C7: how many offers `query` matched in the last 7 days, for a candidate
/// about to save it as an alert (what to expect); `None` for anyone else.
#[server(endpoint = "alertes-attendu")]
pub async fn alert_expectation(query: OfferQuery) -> Result<Option<u64>, DomainError> {
    use domain::model::Role;
    if crate::session::current_user().map(|u| u.role) != Some(Role::Candidate) {
        return Ok(None);
    }
    let state = crate::state::app_state()?;
    let week = OfferQuery {
        since_days: Some(7),
        page: 1,
        ..domain::model::alert_query(&query)
    };
    Ok(Some(
        state
            .search
            .search(&state.db, &state.places, &week)
            .await?
            .total,
    ))
}
