//! The contact form's server function: the names of the company and offer
//! the form came from, to show what the message is about.

use domain::DomainError;
use domain::model::ContactTarget;
use leptos::prelude::*;

#[server(endpoint = "contact-objet")]
pub async fn contact_about(
    entreprise: Option<i64>,
    offre: Option<i64>,
) -> Result<ContactTarget, DomainError> {
    let state = crate::state::app_state()?;
    domain::contact::target(&state.db, entreprise, offre).await
}
