//! Offers as pages and cards show them.

use super::{
    ApplyMethod, ContractType, Education, Experience, JobFamily, OfferStatus, Salary, WorkingTime,
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
    pub name: String,
    pub postal_code: String,
    pub department_code: String,
    pub department_name: String,
    pub region_name: String,
    pub latitude: f64,
    pub longitude: f64,
}

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
    pub company: OfferCompany,
    pub place: OfferPlace,
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
