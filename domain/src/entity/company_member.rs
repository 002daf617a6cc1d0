//! A recruiter's membership of a company; its first recruiter is the owner
//! (R1, R2), later ones join once the owner accepts them.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "company_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    pub company_id: i64,
    pub is_owner: bool,
    pub created_at: DateTimeUtc,
    /// When the owner accepted this recruiter; `None` while the request to
    /// join waits (a pending member sees the company page read-only and
    /// cannot publish, read or receive its messages).
    pub accepted_at: Option<DateTimeUtc>,
}

impl Model {
    /// Whether the member acts for the company.
    pub fn is_active(&self) -> bool {
        self.accepted_at.is_some()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
