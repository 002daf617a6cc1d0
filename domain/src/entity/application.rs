//! An application to an offer (P7, C4), with or without an account. The
//! offer's title and company are copied so that an application outlives its
//! offer (C5). One per address and offer (B3).

use crate::model::ApplicationStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub offer_id: Option<i64>,
    pub offer_title: String,
    pub company_name: String,
    pub user_id: Option<i64>,
    pub dossier_id: Option<i64>,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub message: Option<String>,
    pub cv_file_id: Option<i64>,
    pub letter_file_id: Option<i64>,
    #[sea_orm(column_type = "Text", nullable)]
    pub letter_text: Option<String>,
    pub video_file_id: Option<i64>,
    pub video_url: Option<String>,
    pub status: ApplicationStatus,
    /// The recruiter's private note (R5): never shown to the candidate.
    #[sea_orm(column_type = "Text", nullable)]
    pub recruiter_note: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// When its 3 months of retention started (B5): declined, or its offer
    /// closed without a decision.
    pub closed_at: Option<DateTimeUtc>,
    /// When its files and texts were deleted (B5).
    pub purged_at: Option<DateTimeUtc>,
    /// The recruiter who declined it asked to keep it 2 years (B5).
    pub keep_asked: bool,
    /// The candidate said yes: kept until then.
    pub keep_until: Option<DateTimeUtc>,
    /// The SHA-256 of the token of the decline email's "yes" link.
    pub keep_token_hash: Option<String>,
}

impl Model {
    /// The stored files this application refers to.
    pub fn file_ids(&self) -> impl Iterator<Item = i64> {
        [self.cv_file_id, self.letter_file_id, self.video_file_id]
            .into_iter()
            .flatten()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
