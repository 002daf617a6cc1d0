//! The admin space's server functions. Each needs an administrator whose
//! session passed the second factor (`session::admin`), and the HTTP layer
//! refuses `/api/admin-…` without it before they run.

use domain::DomainError;
use domain::model::{
    AdminCompany, AdminCompanyHit, AdminGroup, AuditView, CaseDetail, FactorStep, Inbox,
    JournalQuery,
};
use leptos::prelude::*;

#[server(endpoint = "admin-demandes")]
pub async fn admin_inbox(status: String) -> Result<Inbox, DomainError> {
    let state = crate::state::app_state()?;
    use domain::model::CaseStatus;
    let status = CaseStatus::from_code(&status).unwrap_or(CaseStatus::New);
    domain::admin::cases::inbox(&state.db, &crate::session::admin()?, status).await
}

#[server(endpoint = "admin-demande")]
pub async fn admin_case(id: i64) -> Result<CaseDetail, DomainError> {
    let state = crate::state::app_state()?;
    domain::admin::cases::case(&state.db, &crate::session::admin()?, id).await
}

#[server(endpoint = "admin-groupes")]
pub async fn admin_groups() -> Result<Vec<AdminGroup>, DomainError> {
    let state = crate::state::app_state()?;
    domain::admin::groups::list(&state.db, &crate::session::admin()?).await
}

#[server(endpoint = "admin-entreprises")]
pub async fn admin_companies(q: String) -> Result<Vec<AdminCompanyHit>, DomainError> {
    let state = crate::state::app_state()?;
    domain::admin::companies::search(&state.db, &crate::session::admin()?, &q).await
}

#[server(endpoint = "admin-entreprise")]
pub async fn admin_company_page(id: i64) -> Result<AdminCompany, DomainError> {
    let state = crate::state::app_state()?;
    domain::admin::companies::company(&state.db, &crate::session::admin()?, id).await
}

#[server(endpoint = "admin-journal")]
pub async fn admin_journal(query: JournalQuery) -> Result<Vec<AuditView>, DomainError> {
    let state = crate::state::app_state()?;
    let admin = crate::session::admin()?;
    domain::admin::audit::journal(&state.db, &admin, &query).await
}

/// The second factor's step for the signed-in administrator (outside
/// `/api/admin-…`: it answers before the factor is passed).
#[server(endpoint = "facteur-admin")]
pub async fn second_factor_step() -> Result<FactorStep, DomainError> {
    let state = crate::state::app_state()?;
    let auth = crate::session::request_extension::<domain::auth::sessions::Authenticated>()
        .ok_or(DomainError::Forbidden)?;
    domain::admin::factor::step(
        &state.db,
        &auth.user,
        auth.second_factor,
        chrono::Utc::now(),
    )
    .await
}
