//! The moderation case of one offer or company page (A4): its reports and
//! automatic signals gather here while it is open; never deleted.

use crate::model::{CaseOrigin, ModerationStatus, ReportTarget};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "moderation_cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub target_type: ReportTarget,
    pub target_id: i64,
    /// The target's name when the case opened.
    pub target_label: String,
    pub origin: CaseOrigin,
    pub status: ModerationStatus,
    /// Three reports within 24 hours: at the top of the queue.
    pub urgent: bool,
    /// Why an automatic case opened.
    pub signal: String,
    pub opened_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
