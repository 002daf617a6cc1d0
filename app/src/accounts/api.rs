//! Accounts' server functions: "Mon profil" and the candidate's "encart
//! jaune" (C1, C2). Only for the signed-in person: anyone else gets Forbidden.

use domain::DomainError;
use domain::model::{CandidateProfile, ProfileView};
use leptos::prelude::*;

/// "Mon profil": the account, its company and its sessions. Only for the
/// signed-in person (anyone else: Forbidden).
#[server(endpoint = "profil")]
pub async fn profile_page() -> Result<ProfileView, DomainError> {
    let state = crate::state::app_state()?;
    let auth = crate::session::request_extension::<domain::auth::sessions::Authenticated>()
        .ok_or_else(|| {
            crate::response::set_status(403);
            DomainError::Forbidden
        })?;
    domain::accounts::profile(
        &state.db,
        auth.user.id,
        &auth.session_hash,
        chrono::Utc::now(),
    )
    .await
}

/// C2: the "encart jaune" of the profile page.
#[server(endpoint = "encart")]
pub async fn my_candidate_profile() -> Result<CandidateProfile, DomainError> {
    let state = crate::state::app_state()?;
    domain::accounts::encart::profile(&state.db, &state.places, &crate::session::candidate()?).await
}
