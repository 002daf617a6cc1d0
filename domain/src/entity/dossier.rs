//! A dossier de candidature (C3).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "dossiers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub title: String,
    pub cv_file_id: Option<i64>,
    pub letter_file_id: Option<i64>,
    #[sea_orm(column_type = "Text", nullable)]
    pub letter_text: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub other_info: Option<String>,
    pub video_file_id: Option<i64>,
    pub video_url: Option<String>,
    /// In the CVthèque (R6) while true.
    pub visible: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl Model {
    /// The stored files this dossier refers to.
    pub fn file_ids(&self) -> impl Iterator<Item = i64> {
        [self.cv_file_id, self.letter_file_id, self.video_file_id]
            .into_iter()
            .flatten()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
