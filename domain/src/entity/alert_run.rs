//! One period's run of one alert frequency (C7): the row is the claim, so a
//! period is sent once whatever the instances and restarts.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "alert_runs")]
pub struct Model {
    /// "quotidienne:2026-12-01", "hebdomadaire:2026-W49", "instantanee:2026-12-01T17:40".
    #[sea_orm(primary_key, auto_increment = false)]
    pub period: String,
    pub holder: String,
    pub started_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    pub outcome: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
