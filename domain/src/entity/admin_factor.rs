//! An administrator's TOTP second factor (RFC 6238): its secret, when the
//! enrolment was confirmed, and the last time step accepted (a code is
//! never accepted twice).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "admin_factors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// Base32, as shown at enrolment.
    pub secret: String,
    pub confirmed_at: Option<DateTimeUtc>,
    pub last_used_step: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
