//! The signed-in person's own data.

use domain::DomainError;
use domain::model::ProfileView;
use leptos::prelude::*;

/// "Mon profil": the account, its company and its sessions. Only for the
/// signed-in person (anyone else: Forbidden).
#[server(endpoint = "profil")]
pub async fn profile_page() -> Result<ProfileView, DomainError> {
    let state = crate::state::app_state()?;
    let auth = use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<domain::auth::sessions::Authenticated>()
                .cloned()
        })
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
