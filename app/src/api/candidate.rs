//! The candidate space's reads (C2, C3, C4, C5, C8). Only for the signed-in
//! candidate: anyone else gets Forbidden (403), and the pages send visitors
//! to the log-in page.

use domain::DomainError;
use domain::model::{ApplicationView, CandidateProfile, DossierView, OfferCard, Role};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The signed-in candidate, or Forbidden (the page that shows the error
/// sets its status).
#[cfg(feature = "ssr")]
fn candidate() -> Result<domain::model::CurrentUser, DomainError> {
    crate::session::current_user()
        .filter(|user| user.role == Role::Candidate)
        .ok_or(DomainError::Forbidden)
}

/// C2: the "encart jaune" of the profile page.
#[server(endpoint = "encart")]
pub async fn my_candidate_profile() -> Result<CandidateProfile, DomainError> {
    let state = crate::state::app_state()?;
    domain::candidates::profile(&state.db, &state.places, &candidate()?).await
}

/// C3: "Mes dossiers".
#[server(endpoint = "dossiers")]
pub async fn my_dossiers() -> Result<Vec<DossierView>, DomainError> {
    let state = crate::state::app_state()?;
    domain::dossiers::list(&state.db, &candidate()?).await
}

/// C3: one of the candidate's dossiers (another's is NotFound).
#[server(endpoint = "dossier")]
pub async fn my_dossier(id: i64) -> Result<DossierView, DomainError> {
    let state = crate::state::app_state()?;
    domain::dossiers::get(&state.db, &candidate()?, id).await
}

/// C5: "Mes candidatures".
#[server(endpoint = "candidatures")]
pub async fn my_applications() -> Result<Vec<ApplicationView>, DomainError> {
    let state = crate::state::app_state()?;
    domain::applications::mine(&state.db, &candidate()?, chrono::Utc::now()).await
}

/// C8: the saved offers.
#[server(endpoint = "favoris")]
pub async fn my_saved_offers() -> Result<Vec<OfferCard>, DomainError> {
    let state = crate::state::app_state()?;
    domain::candidates::saved_offers(&state.db, &candidate()?).await
}

/// What the offer page needs to know about the person reading it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reader {
    pub role: Option<Role>,
    /// The candidate's dossiers: (id, title).
    pub dossiers: Vec<(i64, String)>,
    /// When the candidate applied to this offer.
    pub applied_at: Option<chrono::DateTime<chrono::Utc>>,
    pub saved: bool,
}

/// The reader of offer `offer_id`: nothing for a visitor (no query), the
/// role for a recruiter, dossiers, application and heart for a candidate.
#[server(endpoint = "lecteur")]
pub async fn offer_reader(offer_id: i64) -> Result<Reader, DomainError> {
    let Some(user) = crate::session::current_user() else {
        return Ok(Reader::default());
    };
    if user.role != Role::Candidate {
        return Ok(Reader {
            role: Some(user.role),
            ..Default::default()
        });
    }
    let state = crate::state::app_state()?;
    let dossiers = domain::dossiers::list(&state.db, &user)
        .await?
        .into_iter()
        .map(|d| (d.id, d.title))
        .collect();
    Ok(Reader {
        role: Some(user.role),
        dossiers,
        applied_at: domain::applications::applied_at(&state.db, &user, offer_id).await?,
        saved: domain::candidates::saved_ids(&state.db, &user)
            .await?
            .contains(&offer_id),
    })
}

/// C8: the ids of the offers the reader saved, for the hearts on cards
/// (empty for anyone but a candidate).
#[server(endpoint = "favoris-ids")]
pub async fn saved_offer_ids() -> Result<Vec<i64>, DomainError> {
    let Some(user) = crate::session::current_user() else {
        return Ok(Vec::new());
    };
    let state = crate::state::app_state()?;
    domain::candidates::saved_ids(&state.db, &user).await
}
