//! A company whose recruiters a candidate no longer wants to hear from.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "company_blocks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub candidate_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub company_id: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
