//! Who is signed in, and what a posted form left to show: both read from
//! the request being rendered (the server puts them there), nothing in the
//! browser.

use domain::error::FieldErrors;
use domain::model::CurrentUser;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The signed-in person of the request being rendered.
pub fn current_user() -> Option<CurrentUser> {
    #[cfg(feature = "ssr")]
    {
        request_extension::<CurrentUser>()
    }
    #[cfg(not(feature = "ssr"))]
    None
}

/// What the HTTP layer attached to the request being rendered (the
/// session, the unread messages): read in place, as the request's parts are
/// cloned by `use_context` with all their headers.
#[cfg(feature = "ssr")]
pub fn request_extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    with_context::<http::request::Parts, _>(|parts| parts.extensions.get::<T>().cloned()).flatten()
}

/// A posted form that must be shown again: what was typed (never a
/// password), the French message of each wrong field, and a message for
/// the whole form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormOutcome {
    pub values: BTreeMap<String, String>,
    pub errors: FieldErrors,
    pub message: Option<String>,
}

impl FormOutcome {
    pub fn value(&self, name: &str) -> String {
        self.values.get(name).cloned().unwrap_or_default()
    }

    pub fn error(&self, name: &str) -> Option<String> {
        self.errors.get(name).cloned()
    }
}

/// The outcome of the form posted with this request, if any.
pub fn form_outcome() -> FormOutcome {
    use_context::<FormOutcome>().unwrap_or_default()
}

/// A query parameter of the page's URL (`?ok=…`, `?jeton=…`, `?suite=…`).
pub fn query_param(name: &str) -> Option<String> {
    leptos_router::hooks::use_query_map().with_untracked(|q| q.get(name))
}

/// The signed-in candidate, for server functions; anyone else gets
/// `Forbidden` (the page that shows the error sets its status).
#[cfg(feature = "ssr")]
pub fn candidate() -> Result<CurrentUser, domain::DomainError> {
    current_user()
        .filter(|user| user.role == domain::model::Role::Candidate)
        .ok_or(domain::DomainError::Forbidden)
}

/// The signed-in recruiter or training organisation, for server functions.
#[cfg(feature = "ssr")]
pub fn recruiter() -> Result<CurrentUser, domain::DomainError> {
    current_user()
        .filter(|user| user.is_recruiter())
        .ok_or(domain::DomainError::Forbidden)
}

/// A signed-in candidate or recruiter: the people who write messages.
#[cfg(feature = "ssr")]
pub fn correspondent() -> Result<CurrentUser, domain::DomainError> {
    current_user()
        .filter(|user| user.role == domain::model::Role::Candidate || user.is_recruiter())
        .ok_or(domain::DomainError::Forbidden)
}

/// The signed-in administrator whose session passed the second factor, for
/// server functions (the HTTP layer refuses the admin space without it
/// too); anyone else gets `Forbidden`.
#[cfg(feature = "ssr")]
pub fn admin() -> Result<CurrentUser, domain::DomainError> {
    request_extension::<domain::auth::sessions::Authenticated>()
        .filter(|auth| auth.user.role == domain::model::Role::Administrator && auth.second_factor)
        .map(|auth| auth.user)
        .ok_or(domain::DomainError::Forbidden)
}
