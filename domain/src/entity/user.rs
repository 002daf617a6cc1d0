//! An account: candidate, recruiter, training organisation or administrator.

use crate::model::Role;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub email: String,
    pub password_hash: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub role: Role,
    pub email_verified_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub last_active_at: DateTimeUtc,
    /// When the 23-month inactivity warning was sent (C10); cleared by activity.
    pub inactivity_warned_at: Option<DateTimeUtc>,
    /// When an administrator deactivated the account (A3): it cannot log
    /// in, its sessions ended, its history stays readable.
    pub deactivated_at: Option<DateTimeUtc>,
    /// When the B2 check last refused one of this recruiter's offers: an
    /// offer they publish within a day opens a moderation case (A4).
    pub lawful_refused_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
