//! An uploaded file: its random storage key, the sanitized name it came with
//! (for display only) and the kind decided from its bytes.

use crate::model::{FileKind, FileView};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "stored_files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub storage_key: String,
    pub name: String,
    pub kind: FileKind,
    pub size_bytes: i64,
    pub created_at: DateTimeUtc,
}

impl Model {
    pub fn view(&self) -> FileView {
        FileView {
            id: self.id,
            name: self.name.clone(),
            kind: self.kind,
            size_bytes: self.size_bytes,
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
