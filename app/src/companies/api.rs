//! The company directory and company and group pages.

use domain::DomainError;
use domain::model::{CompanyDetail, CompanyDirectory, CompanyQuery, GroupDetail};
use leptos::prelude::*;

#[server]
pub async fn directory_page(query: CompanyQuery) -> Result<CompanyDirectory, DomainError> {
    let state = crate::state::app_state()?;
    domain::companies::directory(&state.db, &state.places, &query).await
}

#[server]
pub async fn company_page(id: i64) -> Result<CompanyDetail, DomainError> {
    let state = crate::state::app_state()?;
    domain::companies::detail(&state.db, id).await
}

#[server]
pub async fn group_page(slug: String) -> Result<GroupDetail, DomainError> {
    let state = crate::state::app_state()?;
    domain::companies::group(&state.db, &slug).await
}

/// R2: the recruiter's company page, for its editor.
#[server(endpoint = "recruteur-entreprise")]
pub async fn my_company() -> Result<domain::model::CompanyEdit, DomainError> {
    let state = crate::state::app_state()?;
    domain::companies::edit_values(&state.db, &state.places, &crate::session::recruiter()?).await
}
