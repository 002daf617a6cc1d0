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
/// A logo as sent: at most 2 MB (it is stored resized).
pub const LOGO_MAX_BYTES: usize = 2 * 1024 * 1024;

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

/// A CVthèque search (R6), as the URL holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CvQuery {
    pub q: String,
    pub job_family: Option<super::JobFamily>,
    pub place: String,
    pub radius_km: Option<i32>,
    pub availability: Option<super::Availability>,
    pub diploma: Option<super::Diploma>,
    pub licence: Option<super::DrivingLicence>,
    pub page: u32,
}

/// Radius of a CVthèque search around a commune when none is chosen.
pub const CV_DEFAULT_RADIUS_KM: i32 = 30;
/// Dossiers per page of the CVthèque.
pub const CV_PAGE_SIZE: usize = 20;

impl CvQuery {
    /// From the URL's query pairs; unknown codes are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> Self {
        let mut query = Self::default();
        for (key, value) in pairs {
            match key {
                "q" => query.q = value.trim().chars().take(200).collect(),
                "metier" => query.job_family = super::JobFamily::from_code(&value),
                "lieu" => query.place = value.trim().chars().take(100).collect(),
                "rayon" => query.radius_km = value.parse().ok().filter(|r| (0..=200).contains(r)),
                "disponibilite" => query.availability = super::Availability::from_code(&value),
                "diplome" => query.diploma = super::Diploma::from_code(&value),
                "permis" => query.licence = super::DrivingLicence::from_code(&value),
                "page" => query.page = value.parse().unwrap_or(1).clamp(1, 1000),
                _ => {}
            }
        }
        query.page = query.page.max(1);
        query
    }

    /// The query string of this search at `page`.
    pub fn query_string(&self, page: u32) -> String {
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut push = |k: &str, v: String| {
            if !v.is_empty() {
                pairs.push((k.to_owned(), v));
            }
        };
        push("q", self.q.clone());
        push(
            "metier",
            self.job_family
                .map(|f| f.code().to_owned())
                .unwrap_or_default(),
        );
        push("lieu", self.place.clone());
        push(
            "rayon",
            self.radius_km.map(|r| r.to_string()).unwrap_or_default(),
        );
        push(
            "disponibilite",
            self.availability
                .map(|a| a.code().to_owned())
                .unwrap_or_default(),
        );
        push(
            "diplome",
            self.diploma
                .map(|d| d.code().to_owned())
                .unwrap_or_default(),
        );
        push(
            "permis",
            self.licence
                .map(|l| l.code().to_owned())
                .unwrap_or_default(),
        );
        if page > 1 {
            push("page", page.to_string());
        }
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", super::url_encode(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// A page of CVthèque results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CvResults {
    pub query: CvQuery,
    pub dossiers: Vec<super::VisibleDossier>,
    pub total: usize,
    pub page: u32,
    pub pages: u32,
    /// Candidates the recruiter keeps in "candidats favoris".
    pub favorites: Vec<i64>,
    /// A place was typed that is neither a commune nor a department.
    pub place_unknown: bool,
}

/// "Éditer ma fiche" (R2): the company's values by field name, whether the
/// reader owns it, and whom to ask when they do not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyEdit {
    pub id: i64,
    /// The logo's path, when there is one.
    pub logo: Option<String>,
    pub name: String,
    pub path: String,
    pub owner: bool,
    /// The reader's request to join waits for the owner.
    pub pending: bool,
    /// The owner's name, for members who cannot edit.
    pub owner_name: Option<String>,
    /// For the owner: the recruiters waiting to join.
    pub join_requests: Vec<JoinRequest>,
    /// For the owner: the group asked for, until the team approves it.
    pub requested_group: Option<String>,
    pub values: BTreeMap<String, String>,
    /// The groups to choose from: (slug, name).
    pub groups: Vec<(String, String)>,
}

/// A recruiter asking to join a company (R1), as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinRequest {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub asked_at: DateTime<Utc>,
}
