//! Dossiers' server functions: the candidate's own (C3) and the CVthèque's
//! visible ones for recruiters (R6, R7).

use domain::DomainError;
use domain::model::DossierView;
use leptos::prelude::*;

/// C3: "Mes dossiers".
#[server(endpoint = "dossiers")]
pub async fn my_dossiers() -> Result<Vec<DossierView>, DomainError> {
    let state = crate::state::app_state()?;
    domain::dossiers::list(&state.db, &crate::session::candidate()?).await
}

/// C3: one of the candidate's dossiers (another's is NotFound).
#[server(endpoint = "dossier")]
pub async fn my_dossier(id: i64) -> Result<DossierView, DomainError> {
    let state = crate::state::app_state()?;
    domain::dossiers::get(&state.db, &crate::session::candidate()?, id).await
}

/// R6: a CVthèque search.
#[server(endpoint = "cvtheque")]
pub async fn search_dossiers(
    query: domain::model::CvQuery,
) -> Result<domain::model::CvResults, DomainError> {
    let state = crate::state::app_state()?;
    domain::dossiers::cvtheque::search(
        &state.db,
        &state.places,
        &crate::session::recruiter()?,
        query,
    )
    .await
}

/// R6: one visible dossier, and whether its candidate is a favourite.
#[server(endpoint = "cvtheque-dossier")]
pub async fn visible_dossier(
    id: i64,
) -> Result<(domain::model::VisibleDossier, bool), DomainError> {
    let state = crate::state::app_state()?;
    domain::dossiers::cvtheque::dossier(&state.db, &state.places, &crate::session::recruiter()?, id)
        .await
}

/// R6: "candidats favoris", and how many have hidden their dossiers.
#[server(endpoint = "candidats-favoris")]
pub async fn favorite_candidates()
-> Result<(Vec<domain::model::VisibleDossier>, usize), DomainError> {
    let state = crate::state::app_state()?;
    domain::dossiers::cvtheque::favorites(&state.db, &state.places, &crate::session::recruiter()?)
        .await
}
