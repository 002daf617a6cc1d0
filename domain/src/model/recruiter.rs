//! The recruiter space as pages see it: "Suivi des offres" (R3, R4), the
//! offer editor's values, applications received (R5).

use super::{ApplicationStatus, FileView, OfferStatus};
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

/// An application as the recruiter who published the offer sees it (R5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedApplication {
    pub id: i64,
    pub offer_id: Option<i64>,
    pub offer_title: String,
    pub candidate_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub message: Option<String>,
    pub letter_text: Option<String>,
    pub video_url: Option<String>,
    pub files: Vec<FileView>,
    pub status: ApplicationStatus,
    pub history: Vec<(ApplicationStatus, DateTime<Utc>)>,
    pub created_at: DateTime<Utc>,
    /// The candidate has an account (their dossier's title, if one was used).
    pub with_account: bool,
    pub dossier_title: Option<String>,
    /// Private to the recruiter.
    pub note: Option<String>,
}

impl ReceivedApplication {
    pub fn path(&self) -> String {
        format!("/recruteur/candidatures/{}", self.id)
    }

    /// The name to show: the candidate's, or their address.
    pub fn who(&self) -> &str {
        if self.candidate_name.is_empty() {
            &self.email
        } else {
            &self.candidate_name
        }
    }
}

/// The statuses a recruiter can set (viewed is set by opening).
pub const DECISIONS: &[ApplicationStatus] = &[
    ApplicationStatus::Shortlisted,
    ApplicationStatus::Interview,
    ApplicationStatus::Hired,
    ApplicationStatus::Declined,
];
