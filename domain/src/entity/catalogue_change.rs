//! The change feed: one row per change of what the catalogue shows, written
//! by the database's triggers (see the migration `change_feed`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "catalogue_changes")]
pub struct Model {
    /// Increasing; on PostgreSQL taken in commit order.
    #[sea_orm(primary_key)]
    pub seq: i64,
    /// The offer inserted, changed or deleted.
    pub offer_id: Option<i64>,
    /// The company changed (its offers show its name and logo).
    pub company_id: Option<i64>,
    /// Unix seconds.
    pub changed_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
