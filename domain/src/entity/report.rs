//! A report of an offer or a company page (B2, DSA art. 16): the reason,
//! the explanation, who reports and from which page.

use crate::model::{ReportReason, ReportTarget};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub target_type: ReportTarget,
    pub target_id: i64,
    pub reason: ReportReason,
    #[sea_orm(column_type = "Text")]
    pub explanation: String,
    pub email: String,
    pub name: String,
    pub user_id: Option<i64>,
    pub page_url: String,
    pub created_at: DateTimeUtc,
    /// When its case was decided (the reporter was told the outcome).
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
