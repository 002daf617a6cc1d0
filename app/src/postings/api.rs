//! Postings' server functions: a recruiter's offers (R3, R4).

use domain::DomainError;
use domain::model::{PostingEdit, PostingRow};
use leptos::prelude::*;

/// "Suivi des offres", optionally one status only (its code).
#[server(endpoint = "recruteur-offres")]
pub async fn my_postings(status: Option<String>) -> Result<Vec<PostingRow>, DomainError> {
    let state = crate::state::app_state()?;
    let status = status
        .as_deref()
        .and_then(domain::model::OfferStatus::from_code);
    domain::postings::mine(&state.db, &crate::session::recruiter()?, status).await
}

/// One of the recruiter's offers, for the editor.
#[server(endpoint = "recruteur-offre")]
pub async fn my_posting(id: i64) -> Result<PostingEdit, DomainError> {
    let state = crate::state::app_state()?;
    domain::postings::edit(&state.db, &state.places, &crate::session::recruiter()?, id).await
}
