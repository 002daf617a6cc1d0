//! Pieces shared by the pages of every area: the layout, form fields, the
//! page title, cards, pagination, the island loader, the islands' `fetch`,
//! and the guard of signed-in pages.

pub mod company_card;
pub mod fetch;
pub mod files;
pub mod form;
pub mod head;
pub mod islands;
pub mod layout;
pub mod not_found;
pub mod offer_card;
pub mod pagination;
pub mod password;
pub mod post;
pub mod share;
pub mod tabs;

use leptos::prelude::*;

/// A page of a signed-in space: `ok` renders the value; a visitor is sent
/// to the log-in page and back to `here` (303); a missing thing is the 404
/// page; any other error (Forbidden for another role) its French notice
/// with its status.
pub fn signed_in_page<T>(
    result: Result<T, domain::DomainError>,
    here: &str,
    ok: impl FnOnce(T) -> AnyView,
) -> AnyView {
    use domain::DomainError;
    match result {
        Ok(value) => ok(value),
        Err(DomainError::Forbidden) if crate::session::current_user().is_none() => {
            crate::response::redirect_see_other(&format!("/connexion?ok=session&suite={here}"));
            ().into_any()
        }
        Err(DomainError::NotFound) => view! { <not_found::NotFound /> }.into_any(),
        Err(error) => view! { <not_found::ErrorNotice error /> }.into_any(),
    }
}
