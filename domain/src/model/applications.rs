//! Applications as pages see them: a candidate's with their history and
//! what became of the offer (P7, C4, C5), those a recruiter received (R5).

use super::{FileView, OfferStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

closed_set! {
    /// Where an application stands (C5, R5).
    pub enum ApplicationStatus {
        Sent = "envoyee" => "Envoyée",
        Viewed = "vue" => "Vue par le recruteur",
        Shortlisted = "preselectionnee" => "Présélectionnée",
        Interview = "entretien" => "Entretien",
        Hired = "retenue" => "Retenue",
        Declined = "refusee" => "Non retenue",
    }
}

/// What became of the offer of an application (C5): still open, closed in
/// some way, or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OfferState {
    Open { path: String },
    Closed { path: String, status: OfferStatus },
    Removed,
}

impl OfferState {
    /// A short French note for an offer that no longer takes applications.
    pub fn note(&self) -> Option<&'static str> {
        match self {
            Self::Open { .. } => None,
            Self::Closed {
                status: OfferStatus::Filled,
                ..
            } => Some("Poste pourvu"),
            Self::Closed {
                status: OfferStatus::Published,
                ..
            } => Some("Offre expirée"),
            Self::Closed { .. } => Some("Offre retirée par le recruteur"),
            Self::Removed => Some("Offre supprimée par le recruteur"),
        }
    }
}

/// One application as its candidate follows it (C5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i64,
    pub offer_title: String,
    pub company_name: String,
    pub offer: OfferState,
    pub status: ApplicationStatus,
    /// Every status with its date, oldest first.
    pub history: Vec<(ApplicationStatus, DateTime<Utc>)>,
    pub created_at: DateTime<Utc>,
    pub dossier_title: Option<String>,
    pub message: Option<String>,
    pub files: Vec<FileView>,
    /// When its files and texts will be deleted (B5), if they will.
    pub deletion_on: Option<DateTime<Utc>>,
    /// When they were.
    pub purged_at: Option<DateTime<Utc>>,
    /// The recruiter asked to keep it 2 years for other openings.
    pub keep_asked: bool,
    /// The candidate agreed: kept until then.
    pub keep_until: Option<DateTime<Utc>>,
}

/// How an anonymous application went (P7, B3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Applied {
    /// A first application to this offer from this address.
    New,
    /// The address had applied already: this one replaced it (B3).
    Replaced,
    /// The address had applied already without being signed in: the new
    /// application waits until the link emailed to the address confirms it,
    /// so that nobody else who knows the address can replace it.
    ToConfirm,
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
    /// When its files and texts will be deleted (B5), if they will.
    pub deletion_on: Option<DateTime<Utc>>,
    /// The candidate agreed to its keeping until then.
    pub keep_until: Option<DateTime<Utc>>,
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
