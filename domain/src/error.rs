//! The errors a user can act on, plus `Internal` for everything else.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Messages for invalid input, keyed by form field name, in French.
pub type FieldErrors = BTreeMap<String, String>;

/// What went wrong, in terms a user can act on.
///
/// It maps to an HTTP status and a short French message in one place
/// ([`DomainError::status`], [`DomainError::user_message`]). The cause of an
/// `Internal` error is logged where it happens and never leaves the server.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum DomainError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid input: {0:?}")]
    Invalid(FieldErrors),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("rate limited")]
    RateLimited,
    #[error("internal error")]
    Internal,
    /// The browser could not reach the server.
    #[error("network error")]
    Network,
    /// The server could not reach its database (an outage): try again soon.
    #[error("service unavailable")]
    Unavailable,
}

impl DomainError {
    /// An `Invalid` error on one field.
    pub fn invalid(field: &str, message: &str) -> Self {
        Self::Invalid(BTreeMap::from([(field.to_owned(), message.to_owned())]))
    }

    /// Logs the cause with its chain and returns the opaque `Internal` error.
    #[cfg(feature = "server")]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::Internal
    }

    /// The HTTP status this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::Forbidden => 403,
            Self::Invalid(_) => 422,
            Self::Conflict(_) => 409,
            Self::RateLimited => 429,
            Self::Internal => 500,
            Self::Network | Self::Unavailable => 503,
        }
    }

    /// A short French message for the user.
    pub fn user_message(&self) -> String {
        match self {
            Self::NotFound => "Cette page n'existe pas ou plus.".into(),
            Self::Forbidden => "Vous n'avez pas accès à cette page.".into(),
            Self::Invalid(_) => "Certains champs sont à corriger.".into(),
            Self::Conflict(message) => message.clone(),
            Self::RateLimited => {
                "Trop de tentatives en peu de temps. Réessayez dans quelques minutes.".into()
            }
            Self::Internal => {
                "Une erreur est survenue de notre côté. Réessayez dans un instant.".into()
            }
            Self::Network => "Connexion impossible. Vérifiez votre connexion et réessayez.".into(),
            Self::Unavailable => {
                "Le service est momentanément indisponible. Réessayez dans un instant.".into()
            }
        }
    }
}

#[cfg(feature = "server")]
impl From<sea_orm::DbErr> for DomainError {
    fn from(err: sea_orm::DbErr) -> Self {
        match err.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                Self::Conflict("Cet élément existe déjà.".into())
            }
            _ if is_outage(&err) => {
                tracing::warn!(error = %err, "database unreachable");
                Self::Unavailable
            }
            _ => Self::internal(err),
        }
    }
}

/// Whether `err` says the database could not be reached (refused, closed,
/// timed out waiting for a connection) rather than that a statement failed.
#[cfg(feature = "server")]
fn is_outage(err: &sea_orm::DbErr) -> bool {
    use sea_orm::{DbErr, RuntimeErr};
    let sqlx = |e: &RuntimeErr| {
        matches!(
            e,
            RuntimeErr::SqlxError(inner) if matches!(
                **inner,
                sea_orm::sqlx::Error::Io(_)
                    | sea_orm::sqlx::Error::PoolTimedOut
                    | sea_orm::sqlx::Error::PoolClosed
                    | sea_orm::sqlx::Error::WorkerCrashed
                    | sea_orm::sqlx::Error::Tls(_)
            )
        )
    };
    match err {
        // Opening a connection failed, however the driver words it.
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(e) | DbErr::Query(e) => sqlx(e),
        _ => false,
    }
}

/// Server functions return `DomainError` itself: the variant crosses the wire
/// as JSON, never the text of an internal cause.
impl server_fn::error::FromServerFnError for DomainError {
    type Encoder = server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: server_fn::error::ServerFnErrorErr) -> Self {
        use server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Request(_) | E::Response(_) => Self::Network,
            E::Args(_) | E::MissingArg(_) | E::Deserialization(_) => {
                Self::invalid("requete", "La requête est incomplète ou mal formée.")
            }
            other => {
                #[cfg(feature = "server")]
                tracing::error!(error = %other, "server function failed");
                let _ = other;
                Self::Internal
            }
        }
    }
}
