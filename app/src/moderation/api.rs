//! Moderation's server functions.

use domain::DomainError;
use domain::model::{ModerationDetail, ModerationSummary, ReportContext};
use leptos::prelude::*;

/// What `/signaler` is about: an offer or a company page.
#[server(endpoint = "signalement-objet")]
pub async fn report_about(
    offre: Option<i64>,
    entreprise: Option<i64>,
) -> Result<ReportContext, DomainError> {
    use domain::model::ReportTarget;
    let state = crate::state::app_state()?;
    match (offre, entreprise) {
        (Some(id), _) => domain::moderation::context(&state.db, ReportTarget::Offer, id).await,
        (_, Some(id)) => domain::moderation::context(&state.db, ReportTarget::Company, id).await,
        _ => Err(DomainError::NotFound),
    }
}

#[server(endpoint = "admin-moderation")]
pub async fn moderation_queue(status: String) -> Result<Vec<ModerationSummary>, DomainError> {
    use domain::model::ModerationStatus;
    let state = crate::state::app_state()?;
    let status = ModerationStatus::from_code(&status).unwrap_or(ModerationStatus::Open);
    domain::moderation::queue(&state.db, &crate::session::admin()?, status).await
}

#[server(endpoint = "admin-moderation-dossier")]
pub async fn moderation_case_page(id: i64) -> Result<ModerationDetail, DomainError> {
    let state = crate::state::app_state()?;
    domain::moderation::case(&state.db, &crate::session::admin()?, id).await
}
