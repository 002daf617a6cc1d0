//! The administrators' space (A1–A4): the contact inbox ([`cases`]), dealer
//! groups ([`groups`]), companies and their recruiters ([`companies`]), the
//! second factor every page and action needs ([`factor`]) and the audit log
//! every action writes in its own transaction ([`audit`]).
//!
//! Every service here takes the acting administrator and refuses anyone
//! else; the HTTP layer also refuses a session without the second factor
//! before any of them runs.

pub mod audit;
pub mod cases;
pub mod companies;
pub mod factor;
pub mod groups;

use crate::DomainError;
use crate::model::{CurrentUser, Role};

/// `Forbidden` unless `user` is an administrator.
pub fn require(user: &CurrentUser) -> Result<(), DomainError> {
    if user.role == Role::Administrator {
        Ok(())
    } else {
        Err(DomainError::Forbidden)
    }
}

/// A reason, required for actions that change who may act for a company.
pub fn reason(text: &str) -> Result<String, DomainError> {
    let text = crate::model::strip_hidden(text.trim());
    if text.chars().count() < 5 {
        Err(DomainError::invalid(
            "motif",
            "Indiquez le motif de cette action (il est enregistré dans le journal).",
        ))
    } else {
        Ok(text.chars().take(1000).collect())
    }
}
