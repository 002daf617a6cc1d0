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
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<CurrentUser>().cloned())
    }
    #[cfg(not(feature = "ssr"))]
    None
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
