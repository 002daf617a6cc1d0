//! A job offer (R3), from draft to expiry.

use crate::model::{
    ApplyMethod, ContractType, Education, Experience, JobFamily, OfferSource, OfferStatus, Salary,
    SalaryPeriod, WorkingTime,
};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "offers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// Empty for an imported offer that matches no company of the portal.
    pub company_id: Option<i64>,
    pub recruiter_id: Option<i64>,
    pub job_family: JobFamily,
    /// Sanitized when written; rendered as is.
    #[sea_orm(column_type = "Text")]
    pub description_html: String,
    pub contract_type: ContractType,
    pub contract_months: Option<i32>,
    pub working_time: WorkingTime,
    pub salary_min_cents: Option<i32>,
    pub salary_max_cents: Option<i32>,
    pub salary_period: Option<SalaryPeriod>,
    pub place_insee: String,
    /// Copied from the place so that filters need no join.
    pub department_code: String,
    pub region_code: String,
    pub start_date: Option<Date>,
    pub experience: Experience,
    pub education: Education,
    pub positions: i32,
    pub show_contact: bool,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub apply_method: ApplyMethod,
    pub apply_email: Option<String>,
    pub apply_url: Option<String>,
    pub reference: Option<String>,
    pub status: OfferStatus,
    pub source: OfferSource,
    pub source_id: Option<String>,
    pub views: i64,
    pub published_at: Option<DateTimeUtc>,
    pub expires_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// When the recruiter was told the offer expires in 7 days (B4).
    pub expiry_warned_at: Option<DateTimeUtc>,
    /// The employer of an imported offer not attached to a company; `None`
    /// with no company is an anonymous employer.
    pub employer_name: Option<String>,
    /// Shown instead of the commune when the offer is only placed by its
    /// département (the commune then serves for distance).
    pub place_label: Option<String>,
    /// The source's own last update of an imported offer.
    pub source_updated_at: Option<DateTimeUtc>,
    /// A digest of what the import wrote: an unchanged offer is not rewritten.
    pub source_digest: Option<String>,
    /// What moderation did to the offer (A4): unpublished by the team,
    /// correction asked, or edited and waiting for review; `None` otherwise.
    pub moderation: Option<crate::model::OfferModeration>,
}

impl Model {
    /// The structured salary, when the offer has one.
    pub fn salary(&self) -> Option<Salary> {
        Salary::from_columns(
            self.salary_min_cents,
            self.salary_max_cents,
            self.salary_period,
        )
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::company::Entity",
        from = "Column::CompanyId",
        to = "super::company::Column::Id"
    )]
    Company,
    #[sea_orm(
        belongs_to = "super::place::Entity",
        from = "Column::PlaceInsee",
        to = "super::place::Column::Insee"
    )]
    Place,
}

impl Related<super::company::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Company.def()
    }
}

impl Related<super::place::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Place.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
