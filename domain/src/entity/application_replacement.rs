//! An anonymous application waiting to replace the earlier one of the same
//! address (B3): it takes effect only when the link emailed to that address
//! is followed, so nobody else who knows the address can replace it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "application_replacements")]
pub struct Model {
    /// SHA-256 of the emailed link's secret.
    #[sea_orm(primary_key, auto_increment = false)]
    pub token_hash: String,
    pub application_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub message: Option<String>,
    pub cv_file_id: Option<i64>,
    pub letter_file_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
