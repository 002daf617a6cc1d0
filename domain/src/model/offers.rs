//! Offers as pages and cards show them.

use super::{
    ApplyMethod, ContractType, Education, Experience, JobFamily, OfferSource, OfferStatus, Salary,
    WorkingTime,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The public path of an offer: `/offres/{slug}-{id}`.
pub fn offer_path(slug: &str, id: i64) -> String {
    format!("/offres/{slug}-{id}")
}

/// The public path of a company: `/entreprises/{slug}-{id}`.
pub fn company_path(slug: &str, id: i64) -> String {
    format!("/entreprises/{slug}-{id}")
}

/// An offer in a list: what a candidate scans before opening it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferCard {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub company_name: String,
    pub place_name: String,
    pub department_code: String,
    pub contract_type: ContractType,
    pub working_time: WorkingTime,
    pub salary: Option<Salary>,
    pub published_at: Option<DateTime<Utc>>,
}

impl OfferCard {
    pub fn path(&self) -> String {
        offer_path(&self.slug, self.id)
    }
}

/// Where an offer is, for the page and the JobPosting markup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferPlace {
    pub insee: String,
    /// The commune, or the département of an offer placed only by it.
    pub name: String,
    /// The offer names only its département: `name` is the département and
    /// the commune (its chef-lieu) only serves for distance.
    pub department_only: bool,
    pub postal_code: String,
    pub department_code: String,
    pub department_name: String,
    pub region_name: String,
    pub latitude: f64,
    pub longitude: f64,
}

/// What a card or a page names as the employer of an offer: its company on
/// the portal, else the employer an imported offer names, else nobody.
pub fn employer_label(company: Option<&str>, employer: Option<&str>) -> String {
    company
        .or(employer)
        .filter(|name| !name.trim().is_empty())
        .unwrap_or(ANONYMOUS_EMPLOYER)
        .to_owned()
}

/// How an offer whose employer stays anonymous names it.
pub const ANONYMOUS_EMPLOYER: &str = "Employeur anonyme";

/// The company behind an offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferCompany {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub website: Option<String>,
}

impl OfferCompany {
    pub fn path(&self) -> String {
        company_path(&self.slug, self.id)
    }
}

/// The recruiter's contact details, present only when they chose to show them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferContact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Everything the offer page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferDetail {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub status: OfferStatus,
    /// The company page it belongs to; none for an imported offer that
    /// matches no company of the portal.
    pub company: Option<OfferCompany>,
    /// The employer as shown: the company's name, the name an imported offer
    /// gives, or "Employeur anonyme".
    pub employer: String,
    pub place: OfferPlace,
    /// Where the offer comes from; an imported one is applied for at its source.
    pub source: OfferSource,
    /// The source's own last update of an imported offer.
    pub source_updated_at: Option<DateTime<Utc>>,
    pub job_family: JobFamily,
    /// Sanitized HTML, safe to render as is.
    pub description_html: String,
    pub contract_type: ContractType,
    pub contract_months: Option<i32>,
    pub working_time: WorkingTime,
    pub salary: Option<Salary>,
    pub start_date: Option<NaiveDate>,
    pub experience: Experience,
    pub education: Education,
    pub positions: i32,
    pub reference: Option<String>,
    pub contact: Option<OfferContact>,
    pub apply_method: ApplyMethod,
    pub apply_email: Option<String>,
    pub apply_url: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
}

impl OfferDetail {
    pub fn path(&self) -> String {
        offer_path(&self.slug, self.id)
    }

    /// Whether it was imported (candidates apply at the source, never here).
    pub fn is_imported(&self) -> bool {
        self.source == OfferSource::FranceTravail
    }

    /// Whether candidates can see and apply to it now.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.status == OfferStatus::Published && self.expires_at.is_none_or(|at| at > now)
    }

    /// "CDD de 6 mois", "CDI".
    pub fn contract_label(&self) -> String {
        match self.contract_months {
            Some(months) if self.contract_type != ContractType::Cdi => {
                format!("{} de {months} mois", self.contract_type.label())
            }
            _ => self.contract_type.label().to_owned(),
        }
    }
}
