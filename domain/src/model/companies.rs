//! Companies and dealer groups as the directory and their pages show them (P4, P5).

use super::{CompanyActivity, OfferCard, PlaceFilter, url_encode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Companies per directory page.
pub const COMPANY_PAGE_SIZE: u32 = 24;

/// A directory search: `/entreprises?q=…&lieu=…&groupe=…&activite=…&page=…`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CompanyQuery {
    /// Part of the company's name.
    pub q: String,
    /// A commune, postal code or department.
    pub lieu: String,
    /// A group's slug.
    pub group: Option<String>,
    pub activity: Option<CompanyActivity>,
    /// 1-based.
    pub page: u32,
}

impl CompanyQuery {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut query = Self {
            page: 1,
            ..Self::default()
        };
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key {
                "q" => query.q = value.chars().take(100).collect(),
                "lieu" => query.lieu = value.chars().take(100).collect(),
                "groupe" => {
                    query.group = (value.len() <= 120
                        && value
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-'))
                    .then(|| value.to_owned())
                }
                "activite" => query.activity = CompanyActivity::from_code(value),
                "page" => query.page = value.parse().ok().filter(|p| *p >= 1).unwrap_or(1),
                _ => {}
            }
        }
        query
    }

    pub fn path(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        if !self.lieu.is_empty() {
            pairs.push(("lieu", self.lieu.clone()));
        }
        if let Some(group) = &self.group {
            pairs.push(("groupe", group.clone()));
        }
        if let Some(activity) = self.activity {
            pairs.push(("activite", activity.code().to_owned()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if pairs.is_empty() {
            return "/entreprises".to_owned();
        }
        let qs: Vec<String> = pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", url_encode(&v)))
            .collect();
        format!("/entreprises?{}", qs.join("&"))
    }

    pub fn with_page(&self, page: u32) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }

    pub fn is_filtered(&self) -> bool {
        !self.q.is_empty()
            || !self.lieu.is_empty()
            || self.group.is_some()
            || self.activity.is_some()
    }
}

/// A company in the directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanySummary {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// The logo's path, when there is one.
    pub logo: Option<String>,
    pub activity: CompanyActivity,
    /// "Lyon (69)".
    pub place: Option<String>,
    pub group_name: Option<String>,
    pub open_offers: u64,
}

impl CompanySummary {
    pub fn path(&self) -> String {
        super::company_path(&self.slug, self.id)
    }
}

/// A group as a choice of the directory's filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupLink {
    pub slug: String,
    pub name: String,
}

impl GroupLink {
    pub fn path(&self) -> String {
        format!("/groupes/{}", self.slug)
    }
}

/// One page of the directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyDirectory {
    pub query: CompanyQuery,
    pub total: u64,
    pub companies: Vec<CompanySummary>,
    pub page: u32,
    pub pages: u32,
    pub groups: Vec<GroupLink>,
    pub place: Option<PlaceFilter>,
}

/// A company's public page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyDetail {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// The logo's path, when there is one.
    pub logo: Option<String>,
    pub activity: CompanyActivity,
    pub description: String,
    pub address: Option<String>,
    /// "Lyon (69001)".
    pub place: Option<String>,
    pub website: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub group: Option<GroupLink>,
    pub offers: Vec<OfferCard>,
    pub open_offers: u64,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl CompanyDetail {
    pub fn path(&self) -> String {
        super::company_path(&self.slug, self.id)
    }
}

/// A dealer group's public page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupDetail {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub website: Option<String>,
    pub companies: Vec<CompanySummary>,
    pub offers: Vec<OfferCard>,
    pub open_offers: u64,
}

/// A logo as sent: at most 2 MB (it is stored resized).
pub const LOGO_MAX_BYTES: usize = 2 * 1024 * 1024;

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
