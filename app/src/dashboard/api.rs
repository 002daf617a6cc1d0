//! The dashboards' server functions: each role's to-do, gathered by the
//! domain.

use domain::DomainError;
use domain::model::{CandidateDashboard, RecruiterDashboard};
use leptos::prelude::*;

#[server(endpoint = "tableau-de-bord-recruteur")]
pub async fn recruiter_to_do() -> Result<RecruiterDashboard, DomainError> {
    let state = crate::state::app_state()?;
    domain::dashboard::recruiter(&state.db, &crate::session::recruiter()?, chrono::Utc::now()).await
}

#[server(endpoint = "tableau-de-bord-candidat")]
pub async fn candidate_to_do() -> Result<CandidateDashboard, DomainError> {
    let state = crate::state::app_state()?;
    domain::dashboard::candidate(&state.db, &crate::session::candidate()?, chrono::Utc::now()).await
}
