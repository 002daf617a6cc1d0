//! One administrative action (A4), append-only: the code only inserts
//! (`admin::audit::record`), and the database's triggers refuse any update
//! or delete.

use crate::model::AuditAction;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub occurred_at: DateTimeUtc,
    pub actor_id: i64,
    pub action: AuditAction,
    /// "entreprise", "compte", "groupe", "demande", "offre".
    pub target_type: String,
    pub target_id: i64,
    /// What the target was called then.
    pub target_label: String,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    /// JSON `{field: [before, after]}` of the fields changed.
    #[sea_orm(column_type = "Text")]
    pub changes: String,
    /// Shared by the events of one bulk action (one event per target).
    pub batch_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
