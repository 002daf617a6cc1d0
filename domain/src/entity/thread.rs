//! A conversation between a candidate and recruiters (C6): about an
//! application, with a company (spontaneous), or from a CVthèque dossier.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "threads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// "candidature", "entreprise" or "cvtheque".
    pub kind: crate::model::ThreadKind,
    /// None once the candidate deleted their account.
    pub candidate_id: Option<i64>,
    pub company_id: i64,
    /// The one recruiter of the thread (the offer's publisher, or who
    /// wrote from the CVthèque); None: every recruiter of the company.
    pub recruiter_id: Option<i64>,
    pub application_id: Option<i64>,
    pub dossier_id: Option<i64>,
    pub subject: String,
    pub opened_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub last_message_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
