//! A message of the contact form (P6), as a case of the administrators'
//! inbox (A1).

use crate::model::{CaseStatus, ContactSubject};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "contact_cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub subject: ContactSubject,
    pub status: CaseStatus,
    /// Where replies go.
    pub email: String,
    pub name: String,
    /// The account of a requester who was signed in.
    pub user_id: Option<i64>,
    pub company_id: Option<i64>,
    pub offer_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
