//! A candidate a recruiter keeps in "candidats favoris" (R6).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "favorite_candidates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub recruiter_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub candidate_id: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
