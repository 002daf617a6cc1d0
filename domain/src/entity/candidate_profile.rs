//! A candidate's "encart jaune" (C2). Multi-valued fields hold codes joined
//! by commas (`,cap,bts,`) so one can be matched with `LIKE`.

use crate::model::{Availability, CandidateStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "candidate_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    pub status: Option<CandidateStatus>,
    pub availability: Option<Availability>,
    pub available_from: Option<Date>,
    pub diplomas: String,
    pub job_families: String,
    /// INSEE codes.
    pub places: String,
    pub mobility_km: Option<i32>,
    pub licences: String,
    pub experience_years: Option<i32>,
    pub phone: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
