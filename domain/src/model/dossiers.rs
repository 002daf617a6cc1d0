//! Dossiers (C3) and the CVthèque's searches (R6, R7) as pages see them.

use super::{CandidateProfile, FileView};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A dossier de candidature (C3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierView {
    pub id: i64,
    pub title: String,
    pub cv: Option<FileView>,
    pub letter: Option<FileView>,
    pub letter_text: Option<String>,
    pub other_info: Option<String>,
    pub video: Option<FileView>,
    pub video_url: Option<String>,
    pub visible: bool,
    pub updated_at: DateTime<Utc>,
}

impl DossierView {
    pub fn path(&self) -> String {
        format!("/espace/dossiers/{}", self.id)
    }
}

/// A visible dossier with its candidate, as the CVthèque lists it (R6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisibleDossier {
    pub dossier: DossierView,
    pub candidate_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub profile: CandidateProfile,
}

/// A video link accepted in a dossier: YouTube, Vimeo or Dailymotion, https.
pub fn check_video_url(input: &str) -> Result<Option<String>, &'static str> {
    let url = input.trim();
    if url.is_empty() {
        return Ok(None);
    }
    const HOSTS: &[&str] = &[
        "www.youtube.com/",
        "youtube.com/",
        "m.youtube.com/",
        "youtu.be/",
        "vimeo.com/",
        "player.vimeo.com/",
        "www.dailymotion.com/",
        "dailymotion.com/",
        "dai.ly/",
    ];
    let rest = url.strip_prefix("https://").unwrap_or("");
    let allowed = HOSTS
        .iter()
        .any(|host| rest.starts_with(host) && rest.len() > host.len());
    if !allowed || url.len() > 255 || url.chars().any(|c| c.is_whitespace() || c == '"') {
        return Err("Indiquez un lien https vers YouTube, Vimeo ou Dailymotion.");
    }
    Ok(Some(url.to_owned()))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_links_to_the_three_video_sites_are_accepted() {
        assert!(check_video_url("https://youtu.be/abc").unwrap().is_some());
        assert!(check_video_url("https://vimeo.com/123").unwrap().is_some());
        assert!(check_video_url("http://youtu.be/abc").is_err());
        assert!(check_video_url("https://evil.example/youtu.be/").is_err());
        assert!(check_video_url("javascript:alert(1)").is_err());
        assert_eq!(check_video_url("").unwrap(), None);
    }
}
