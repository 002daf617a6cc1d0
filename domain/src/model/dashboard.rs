//! The dashboards ("tableau de bord", R7, C5): what each role has to do,
//! at a glance, gathered from the areas that own it; and the recruiter's
//! applications of one offer as a pipeline of statuses (R5).

use super::{
    AlertView, ApplicationStatus, ApplicationView, DossierView, OfferCard, PostingRow,
    ReceivedApplication,
};
use serde::{Deserialize, Serialize};

/// A recruiter's or training organisation's dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecruiterDashboard {
    /// Offers with applications not opened yet, most unread first.
    pub to_read: Vec<PostingRow>,
    /// Published offers that expire within 7 days (or expired within 30),
    /// soonest first: each can be renewed in one click.
    pub expiring: Vec<PostingRow>,
    pub drafts: Vec<PostingRow>,
    /// Offers online now.
    pub published: usize,
    pub unread_messages: u64,
    pub company: CompanyState,
}

/// Where the recruiter's company page stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompanyState {
    /// No company: the account is not a member of any.
    None,
    /// The owner of the page has not accepted the member yet.
    Pending,
    /// The page, and what it lacks ("le logo", "la présentation"…).
    Page {
        name: String,
        path: String,
        missing: Vec<String>,
    },
}

/// A candidate's dashboard (phone first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateDashboard {
    pub dossiers: Vec<DossierView>,
    /// The latest applications, newest first.
    pub applications: Vec<ApplicationView>,
    pub applications_total: usize,
    /// The latest saved offers.
    pub saved: Vec<OfferCard>,
    pub saved_total: usize,
    pub unread_messages: u64,
    pub alerts: Vec<AlertView>,
}

/// How many applications and saved offers the candidate's dashboard shows.
pub const DASHBOARD_LATEST: usize = 5;

/// The columns of the pipeline, in the order applications go through them.
pub const PIPELINE: &[ApplicationStatus] = &[
    ApplicationStatus::Sent,
    ApplicationStatus::Viewed,
    ApplicationStatus::Shortlisted,
    ApplicationStatus::Interview,
    ApplicationStatus::Hired,
    ApplicationStatus::Declined,
];

impl ApplicationStatus {
    /// The heading of its column in the recruiter's pipeline.
    pub fn column_label(self) -> &'static str {
        match self {
            Self::Sent => "Reçues",
            Self::Viewed => "Vues",
            Self::Shortlisted => "Présélectionnées",
            Self::Interview => "Entretien",
            Self::Hired => "Retenues",
            Self::Declined => "Non retenues",
        }
    }
}

/// One application on the pipeline: what its card shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineCard {
    pub id: i64,
    pub name: String,
    /// « 3 décembre 2026 ».
    pub received_on: String,
    pub dossier_title: Option<String>,
    pub status: ApplicationStatus,
}

impl PipelineCard {
    pub fn path(&self) -> String {
        format!("/recruteur/candidatures/{}", self.id)
    }

    /// Not opened yet by the recruiter.
    pub fn unread(&self) -> bool {
        self.status == ApplicationStatus::Sent
    }
}

impl From<&ReceivedApplication> for PipelineCard {
    fn from(a: &ReceivedApplication) -> Self {
        Self {
            id: a.id,
            name: a.who().to_owned(),
            received_on: super::french_date(super::paris_date(a.created_at)),
            dossier_title: a.dossier_title.clone(),
            status: a.status,
        }
    }
}

/// The pipeline's filters, as the URL carries them (`statut`, `non-lues`,
/// `avec-dossier`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineFilter {
    pub status: Option<ApplicationStatus>,
    pub unread: bool,
    pub with_dossier: bool,
}

impl PipelineFilter {
    pub fn keeps(&self, card: &PipelineCard) -> bool {
        self.status.is_none_or(|s| s == card.status)
            && (!self.unread || card.unread())
            && (!self.with_dossier || card.dossier_title.is_some())
    }

    /// The query string that gives these filters back ("" for none).
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(status) = self.status {
            parts.push(format!("statut={}", status.code()));
        }
        if self.unread {
            parts.push("non-lues=1".to_owned());
        }
        if self.with_dossier {
            parts.push("avec-dossier=1".to_owned());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// The pipeline of one offer: its title and the cards the filters keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pipeline {
    pub offer_id: i64,
    pub offer_title: String,
    /// Every application to the offer, before filtering.
    pub total: usize,
    pub cards: Vec<PipelineCard>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(status: ApplicationStatus, dossier: bool) -> PipelineCard {
        PipelineCard {
            id: 1,
            name: "Zoé".into(),
            received_on: String::new(),
            dossier_title: dossier.then(|| "Carrossière".into()),
            status,
        }
    }

    #[test]
    fn the_filters_keep_only_what_they_name() {
        let unread = PipelineFilter {
            unread: true,
            ..Default::default()
        };
        assert!(unread.keeps(&card(ApplicationStatus::Sent, false)));
        assert!(!unread.keeps(&card(ApplicationStatus::Viewed, false)));
        let with_dossier = PipelineFilter {
            with_dossier: true,
            status: Some(ApplicationStatus::Interview),
            ..Default::default()
        };
        assert!(with_dossier.keeps(&card(ApplicationStatus::Interview, true)));
        assert!(!with_dossier.keeps(&card(ApplicationStatus::Interview, false)));
        assert!(!with_dossier.keeps(&card(ApplicationStatus::Hired, true)));
        assert_eq!(with_dossier.query(), "?statut=entretien&avec-dossier=1");
        assert_eq!(PipelineFilter::default().query(), "");
    }

    #[test]
    fn every_status_has_a_column() {
        assert_eq!(PIPELINE.len(), ApplicationStatus::ALL.len());
    }
}
