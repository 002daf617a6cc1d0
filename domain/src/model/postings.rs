//! A recruiter's offers as pages see them: "Suivi des offres" and the
//! editor (R3, R4, B4).

use super::OfferStatus;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Offers stay published this many days, then are unpublished (R4).
pub const PUBLICATION_DAYS: i64 = 90;

/// The recruiter is warned this many days before (B4).
pub const EXPIRY_WARNING_DAYS: i64 = 7;

/// One line of "Suivi des offres".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingRow {
    pub id: i64,
    pub title: String,
    pub status: OfferStatus,
    /// The public page (drafts have none).
    pub path: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub views: i64,
    pub applications: u64,
    /// Applications not opened yet.
    pub unread: u64,
}

impl PostingRow {
    pub fn edit_path(&self) -> String {
        format!("/recruteur/offres/{}", self.id)
    }
}

/// An offer in the editor: its status and the form's values by field name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingEdit {
    pub id: i64,
    pub title: String,
    pub status: OfferStatus,
    pub path: String,
    pub expires_at: Option<DateTime<Utc>>,
    /// The stored (sanitized) description, for the preview.
    pub description_html: String,
    pub values: BTreeMap<String, String>,
}
