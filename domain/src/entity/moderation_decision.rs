//! A decision on a moderation case (A4, DSA art. 17): the measure, its
//! ground (the law or the clause of the terms), the facts, who and when.

use crate::model::{Measure, ReportReason};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "moderation_decisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub measure: Measure,
    pub ground: ReportReason,
    #[sea_orm(column_type = "Text")]
    pub facts: String,
    pub decided_by: i64,
    pub decided_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
