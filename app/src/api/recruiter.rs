//! The recruiter space's reads (R3, R5). Only for recruiters and training
//! organisations; R8 is the domain's: another recruiter's offer or
//! application is NotFound.

use domain::DomainError;
use domain::model::{PostingEdit, PostingRow, ReceivedApplication};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn recruiter() -> Result<domain::model::CurrentUser, DomainError> {
    crate::session::current_user()
        .filter(|user| user.is_recruiter())
        .ok_or(DomainError::Forbidden)
}

/// "Suivi des offres", optionally one status only (its code).
#[server(endpoint = "recruteur-offres")]
pub async fn my_postings(status: Option<String>) -> Result<Vec<PostingRow>, DomainError> {
    let state = crate::state::app_state()?;
    let status = status
        .as_deref()
        .and_then(domain::model::OfferStatus::from_code);
    domain::postings::mine(&state.db, &recruiter()?, status).await
}

/// One of the recruiter's offers, for the editor.
#[server(endpoint = "recruteur-offre")]
pub async fn my_posting(id: i64) -> Result<PostingEdit, DomainError> {
    let state = crate::state::app_state()?;
    domain::postings::edit(&state.db, &state.places, &recruiter()?, id).await
}

/// The applications to the recruiter's offers (one offer when given).
#[server(endpoint = "recruteur-candidatures")]
pub async fn received_applications(
    offer_id: Option<i64>,
) -> Result<Vec<ReceivedApplication>, DomainError> {
    let state = crate::state::app_state()?;
    domain::applications::received(&state.db, &recruiter()?, offer_id).await
}

/// One application, opened: the first opening marks it viewed.
#[server(endpoint = "recruteur-candidature")]
pub async fn open_application(id: i64) -> Result<ReceivedApplication, DomainError> {
    let state = crate::state::app_state()?;
    domain::applications::open_received(
        &state.db,
        &recruiter()?,
        id,
        &state.site.public_url,
        chrono::Utc::now(),
    )
    .await
}

/// R6: a CVthèque search.
#[server(endpoint = "cvtheque")]
pub async fn search_dossiers(
    query: domain::model::CvQuery,
) -> Result<domain::model::CvResults, DomainError> {
    let state = crate::state::app_state()?;
    domain::cvtheque::search(&state.db, &state.places, &recruiter()?, query).await
}

/// R6: one visible dossier, and whether its candidate is a favourite.
#[server(endpoint = "cvtheque-dossier")]
pub async fn visible_dossier(
    id: i64,
) -> Result<(domain::model::VisibleDossier, bool), DomainError> {
    let state = crate::state::app_state()?;
    domain::cvtheque::dossier(&state.db, &state.places, &recruiter()?, id).await
}

/// R6: "candidats favoris", and how many have hidden their dossiers.
#[server(endpoint = "candidats-favoris")]
pub async fn favorite_candidates()
-> Result<(Vec<domain::model::VisibleDossier>, usize), DomainError> {
    let state = crate::state::app_state()?;
    domain::cvtheque::favorites(&state.db, &state.places, &recruiter()?).await
}

/// R2: the recruiter's company page, for its editor.
#[server(endpoint = "recruteur-entreprise")]
pub async fn my_company() -> Result<domain::model::CompanyEdit, DomainError> {
    let state = crate::state::app_state()?;
    domain::companies::edit_values(&state.db, &state.places, &recruiter()?).await
}
