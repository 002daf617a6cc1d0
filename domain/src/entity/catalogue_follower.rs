//! How far each serving instance's search index has applied the change feed.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "catalogue_followers")]
pub struct Model {
    /// The instance's name (its host and process, or `INSTANCE_NAME`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub instance: String,
    pub applied_seq: i64,
    pub seen_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
